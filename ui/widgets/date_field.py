"""An optional date typed in the interface language's way or picked in a calendar.

``DateField`` shows and reads dates in the short format of the interface locale, with a four-digit
year (31/12/2026 in French, 12/31/2026 in English), still accepts ISO 8601 (2026-12-31), and has a
calendar button. Empty means no date.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ui.i18n import _
from ui.resources import calendar_icon


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year (two digits would mean 19xx to Qt)."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def format_date(value: dt.date | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    return (locale or QLocale()).toString(QDate(value.year, value.month, value.day), date_format(locale))


def parse_date(text: str, locale: QLocale | None = None) -> dt.date | None:
    """The date ``text`` names in the locale's short format or in ISO 8601; None if neither."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    parsed = (locale or QLocale()).toDate(text, date_format(locale))
    return dt.date(parsed.year(), parsed.month(), parsed.day()) if parsed.isValid() else None


class DateField(QWidget):
    """A date line with a calendar button; ``date(field)`` raises ``FieldInputError`` when unreadable."""

    textChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(12)
        self.edit.textChanged.connect(self.textChanged)
        self.button = QToolButton(self)
        self.button.setIcon(calendar_icon())
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._show_current)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.edit.setPlaceholderText(QLocale().toString(QDate.currentDate(), date_format()))
        self.button.setToolTip(_("Pick the date in a calendar"))
        self.button.setAccessibleName(_("Calendar"))

    # QLineEdit-like access, for forms and tests
    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def setToolTip(self, text: str) -> None:
        self.edit.setToolTip(text)

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setText(format_date(value))

    def date(self, field: str) -> dt.date | None:
        from ui.views.contact_editor import FieldInputError  # noqa: PLC0415  (the form's error type)

        text = self.edit.text().strip()
        if not text:
            return None
        value = parse_date(text)
        if value is None:
            example = format_date(dt.date(2026, 3, 18))
            raise FieldInputError(
                field,
                _("Write the date as {example} (or 2026-03-18), or pick it in the calendar.").format(
                    example=example
                ),
            )
        return value

    def _show_current(self) -> None:
        value = parse_date(self.edit.text())
        day = QDate(value.year, value.month, value.day) if value else QDate.currentDate()
        self.calendar.setSelectedDate(day)

    def _picked(self, day: QDate) -> None:
        self.set_date(dt.date(day.year(), day.month(), day.day()))
        menu = self.button.menu()
        if menu is not None:
            menu.hide()
