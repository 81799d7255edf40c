"""A language picked by its name in the interface language ("French (fr)"), not typed as a code.

The list holds the two-letter ISO 639-1 languages babel names; the field stays editable, so a
language missing from it can still be typed as its code (the core checks it). ``setReadOnly(True)``
shows the language without letting it change (a saved note keeps the language it was written in).
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ui.i18n import current_language

_CODE_IN_LABEL = re.compile(r".*\(([A-Za-z]{2,3})\)\s*")
_MOVING_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_F4,
        Qt.Key.Key_Space,
    }
)


def language_choices() -> list[tuple[str, str]]:
    """(label, code) of every two-letter language, by name in the interface language."""
    try:
        locale = Locale.parse(current_language())
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    names = {code: str(name) for code, name in locale.languages.items() if len(code) == 2}
    return sorted(((f"{name} ({code})", code) for code, name in names.items()), key=lambda c: c[0].casefold())


class LanguageCombo(QComboBox):
    def __init__(self, code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._fill()
        completer = self.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.set_code(code)

    def _fill(self) -> None:
        for text, value in language_choices():
            self.addItem(text, value)

    def retranslate_ui(self) -> None:
        """Name the languages in the new interface language, keeping the one chosen (no signal)."""
        code = self.code()
        blocked = self.blockSignals(True)
        try:
            self.clear()
            self._fill()
            self.set_code(code)
        finally:
            self.blockSignals(blocked)

    def setReadOnly(self, read_only: bool) -> None:
        """Shown, selectable as text, but neither typed over nor picked from the list."""
        self._read_only = read_only
        line = self.lineEdit()
        if line is not None:
            line.setReadOnly(read_only)

    def isReadOnly(self) -> bool:
        return self._read_only

    def showPopup(self) -> None:
        if not self._read_only:
            super().showPopup()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self._read_only:
            event.ignore()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Read-only: no arrow, Page or Home/End key moves to another language."""
        if self._read_only and event.key() in _MOVING_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)

    def set_code(self, code: str) -> None:
        index = self.findData(code.lower()) if code else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(code)

    def code(self) -> str:
        """The chosen language's code; what was typed, as a code, when it is not in the list."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.itemData(index))
        match = _CODE_IN_LABEL.fullmatch(text)
        return (match.group(1) if match else text).lower()
