"""Dialogs of the vault life cycle (create, unlock, recover) and the small pieces they share."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QWidget

from liaison.errors import LiaisonError, Term
from ui.i18n import error_text


def ltr(text: object) -> str:
    """Keep a path or code left-to-right inside a translated (possibly Arabic) sentence."""
    return f"\u2066{text}\u2069"


def error_message(error: BaseException) -> str:
    """What the user reads: the core's one-line message (in the interface language when the core
    marked it for translation), or the error type for a bug; a sentence, so it starts with a
    capital, unless it starts with a name the user gave (``vide.txt: …``), which keeps its case."""
    text = error_text(error) if isinstance(error, LiaisonError) else str(error) or type(error).__name__
    if isinstance(error, LiaisonError) and _opens_with_a_value(error):
        return text
    return text[:1].upper() + text[1:]


def _opens_with_a_value(error: LiaisonError) -> bool:
    """Whether the message's template starts with a value that is not a translated name."""
    if not error.template.startswith("{"):
        return False
    key = error.template[1:].split("}", 1)[0].split("!", 1)[0].split(":", 1)[0]
    return key in error.params and not isinstance(error.params[key], Term)


class ErrorLabel(QLabel):
    """A red, word-wrapped message line that hides itself when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.show_message("")


class BusyLine(QWidget):
    """An indeterminate progress bar and a short text while slow work (key derivation) runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        self.setVisible(False)

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(True)

    def stop(self) -> None:
        self.setVisible(False)

    @property
    def busy(self) -> bool:
        return not self.isHidden()


class WorkingDialog(QDialog):
    """A dialog whose work on the vault (key derivation, re-keying, opening) cannot be abandoned
    half-way: its error and busy lines, and a close button that waits while the work runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = ErrorLabel(self)
        self.busy = BusyLine(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy.busy:
            event.ignore()
            return
        super().closeEvent(event)
