"""Take a close match from the translation memory and edit it (Translate page).

Each match is listed with its sentence number, score and what differs (struck out: only in the
stored sentence; underlined: only in this one). Choosing one puts its stored translation, with this
sentence's identifiers put in where they fit, into an editable box; "Use this translation" hands
``(sentence index, text)`` back to the page, which checks it like machine output.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.translation import editing
from liaison.translation.engine import TranslationResult
from liaison.translation.memory import FuzzyMatch
from ui.i18n import _

DIFF_MARKS = {"=": "{}", "-": "<s style='color:#b3261e'>{}</s>", "+": "<u style='color:#1d6b35'>{}</u>"}


def diff_html(match: FuzzyMatch) -> str:
    return " ".join(DIFF_MARKS[op].format(html.escape(words)) for op, words in match.diff())


class FuzzyMatchDialog(QDialog):
    def __init__(self, result: TranslationResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.result = result
        self.choices: list[tuple[int, FuzzyMatch]] = [
            (index, match) for index, seg in enumerate(result.segments) for match in seg.suggestions
        ]
        self.chosen: tuple[int, str] | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.matches = QListWidget(self)
        for _choice in self.choices:
            self.matches.addItem(QListWidgetItem())
        self.diff = QLabel(self)
        self.diff.setWordWrap(True)
        self.diff.setTextFormat(Qt.TextFormat.RichText)
        self.editor_label = QLabel(self)
        self.editor = QPlainTextEdit(self)
        self.editor_label.setBuddy(self.editor)
        self.cancel_button = QPushButton(self)
        self.use_button = QPushButton(self)
        self.use_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.matches, 1)
        layout.addWidget(self.diff)
        layout.addWidget(self.editor_label)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)
        self.matches.currentRowChanged.connect(self._show)
        self.editor.textChanged.connect(self._update)
        self.cancel_button.clicked.connect(self.reject)
        self.use_button.clicked.connect(self.use)
        self.resize(640, 480)
        self.retranslate_ui()
        if self.choices:
            self.matches.setCurrentRow(0)
        self._update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Use a translation memory match"))
        self.intro.setText(
            _(
                "Close matches from the translation memory. Choose one, correct its translation where "
                "this sentence differs, then use it in place of the machine's."
            )
        )
        self.editor_label.setText(_("&Translation of this sentence:"))
        self.cancel_button.setText(_("Cancel"))
        self.use_button.setText(_("&Use this translation"))
        for row, (index, match) in enumerate(self.choices):
            item = self.matches.item(row)
            if item is not None:
                item.setText(
                    _("Sentence {number}, {score}% match: {source}").format(
                        number=index + 1, score=round(match.score), source=match.source
                    )
                )
        self._show(self.matches.currentRow(), keep_text=True)

    def _show(self, row: int, keep_text: bool = False) -> None:
        if not 0 <= row < len(self.choices):
            self.diff.clear()
            return
        index, match = self.choices[row]
        segment = self.result.segments[index]
        self.diff.setText(
            _("This sentence: {source}<br>Differences from the stored one: {diff}").format(
                source=html.escape(segment.source), diff=diff_html(match)
            )
        )
        if not keep_text:
            self.editor.setPlainText(editing.prefill(match, segment.source, self.result.source_lang))

    def _update(self) -> None:
        self.use_button.setEnabled(bool(self.editor.toPlainText().strip()) and bool(self.choices))

    def use(self) -> None:
        row = self.matches.currentRow()
        text = self.editor.toPlainText().strip()
        if not 0 <= row < len(self.choices) or not text:
            return
        self.chosen = (self.choices[row][0], text)
        self.accept()
