"""The global search box: waits for a pause in typing, then asks for a search.

Down moves into the results, Enter opens the first result, Escape clears the box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ui.i18n import _


class SearchBar(QLineEdit):
    search_requested = Signal(str)  # debounced text; "" when cleared
    down_pressed = Signal()
    enter_pressed = Signal()
    escape_pressed = Signal()

    DEBOUNCE_MS = 250

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.textEdited.connect(self._schedule)
        self.textChanged.connect(self._on_text_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(_("Search everything (Ctrl+F)"))
        self.setAccessibleName(_("Search the vault"))
        self.setToolTip(_("Type words to find contacts, agreements, cases, notes and requests"))

    def _schedule(self, _text: str) -> None:
        self._timer.start()

    def _on_text_changed(self, text: str) -> None:
        if not text:  # the clear button or clear(): no need to wait
            self._timer.stop()
            self.search_requested.emit("")

    def flush(self) -> None:
        """Emit the pending search now (Enter does this before opening a result)."""
        self._timer.stop()
        self.search_requested.emit(self.text().strip())

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Down:
            self.down_pressed.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive():
                self.flush()
            self.enter_pressed.emit()
        elif key == Qt.Key.Key_Escape:
            self.clear()
            self.escape_pressed.emit()
        else:
            super().keyPressEvent(event)
