"""Pages of the main window, one per navigation entry, and the search results.

Every page follows the same small interface, so the main window can build, switch, search into and
lock them without knowing what they show:

* ``__init__(self, session: Session, parent: QWidget | None = None)``
* ``retranslate_ui(self) -> None``: set every visible text again (called on language change)
* ``new_item(self) -> None``: Ctrl+N on this page
* ``open_record(self, record_id: str) -> None``: show one record (from a search result)
* ``clear(self) -> None``: on lock, drop every decrypted value from models and widgets

Pages reload their data when ``session.unlocked`` fires.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Page(Protocol):
    def retranslate_ui(self) -> None: ...

    def new_item(self) -> None: ...

    def open_record(self, record_id: str) -> None: ...

    def clear(self) -> None: ...
