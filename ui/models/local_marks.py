"""Which records are kept on this device only, for every list to mark them.

One ``LocalOnlyMarks`` per process (the app opens one vault at a time): ``ui.sync.local_only``
fills it from the store thread on unlock and after every change, empties it on lock, and the table
models repaint their first column when it changes. Models never read the vault themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon

from ui.i18n import _


class LocalOnlyMarks(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.ids: frozenset[str] = frozenset()

    def set_ids(self, ids: frozenset[str]) -> None:
        if ids != self.ids:
            self.ids = ids
            self.changed.emit()

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.ids


_MARKS: LocalOnlyMarks | None = None


def marks() -> LocalOnlyMarks:
    global _MARKS  # noqa: PLW0603 - one per process, made on first use (after QApplication)
    if _MARKS is None:
        _MARKS = LocalOnlyMarks()
    return _MARKS


def is_local_only(record_id: object) -> bool:
    return record_id in marks()


def marker_icon() -> QIcon:
    from ui.resources import icon  # noqa: PLC0415 - resources import QtWidgets

    return icon("local")


def marker_tip() -> str:
    return _("Local only: kept on this device, never synced")
