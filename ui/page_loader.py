"""Building the main window's pages: each is imported lazily by name (``PageSpec``); a page whose
module is missing or broken becomes a ``PlaceholderPage``, so the window always opens.
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from ui.i18n import _
from ui.session import Session


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # N_() marked, translated at display time
    module: str
    cls: str


class PlaceholderPage(QLabel):
    """Stands in for a page whose module is not there yet (or failed to load)."""

    def __init__(self, spec: PageSpec, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.problem = problem
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(_("{page}: not available in this build.").format(page=_(self.spec.title)))
        self.setToolTip(self.problem)

    def new_item(self) -> None:
        """Nothing to create."""

    def open_record(self, record_id: str) -> None:
        """Nothing to show."""

    def clear(self) -> None:
        """Holds no data."""


def build_page(spec: PageSpec, session: Session, parent: QWidget) -> QWidget:
    try:
        module = importlib.import_module(spec.module)
        cls = getattr(module, spec.cls)
        page = cls(session, parent)
    except ModuleNotFoundError as error:
        if error.name != spec.module:  # the page exists but something it needs is missing
            traceback.print_exc()
        return PlaceholderPage(spec, str(error), parent)
    except Exception as error:  # a broken page must not keep the window from opening
        traceback.print_exc()
        return PlaceholderPage(spec, f"{type(error).__name__}: {error}", parent)
    if not isinstance(page, QWidget):
        return PlaceholderPage(spec, f"{spec.cls} is not a QWidget", parent)
    return page


def call_page(page: QWidget, method: str, *args: object) -> None:
    func: Callable[..., object] | None = getattr(page, method, None)
    if func is None:
        return
    try:
        func(*args)
    except Exception:  # one page's bug must not break lock or navigation
        traceback.print_exc()
