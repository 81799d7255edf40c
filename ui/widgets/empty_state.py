"""What a page shows where there is nothing to show: one sentence of guidance and, if it helps, the
button that fixes it ("No contact yet… [New contact]", "Choose a contact in the list…")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """A centred message with an optional action button (hidden while it has no text)."""

    action = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setStyleSheet("color: palette(placeholder-text);")
        self.button = QPushButton()
        self.button.clicked.connect(self.action)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.label)
        column.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        self.set_texts("", "")

    def set_texts(self, message: str, button: str = "") -> None:
        self.label.setText(message)
        self.button.setText(button)
        self.button.setVisible(bool(button))
