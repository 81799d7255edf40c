"""A language picked by its name in the interface language ("French (fr)"), not typed as a code.

The list holds the two-letter ISO 639-1 languages babel names; the field stays editable, so a
language missing from it can still be typed as its code (the core checks it).
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ui.i18n import current_language

_CODE_IN_LABEL = re.compile(r".*\(([A-Za-z]{2,3})\)\s*")


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
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for text, value in language_choices():
            self.addItem(text, value)
        completer = self.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.set_code(code)

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
