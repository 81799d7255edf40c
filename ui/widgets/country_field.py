"""A country typed as its two-letter ISO code, with the country's name shown beside it in the
interface language (the contact, agency and case forms share it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from ui.models import country_name


def country_field() -> tuple[QLineEdit, QLabel, QWidget]:
    """(the code field, the name label, the row holding both, for a form)."""
    code = QLineEdit()
    code.setMaxLength(2)
    code.setMaximumWidth(60)
    name = QLabel()
    name.setTextFormat(Qt.TextFormat.PlainText)
    code.textChanged.connect(lambda text: name.setText(country_name(text.upper())))
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(code)
    line.addWidget(name, 1)
    return code, name, row
