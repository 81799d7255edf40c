"""Form field bindings: one input widget each, read and written as a typed value.

A binding wraps a widget (line edit, date, combo box, check boxes...) with ``get``/``set``/``connect``
and a caption label, so editors can register it under the field path it edits.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import _
from ui.models import isolated
from ui.models.requests_model import doc_text
from ui.widgets.date_field import DateField, format_date, parse_date

Choice = tuple[str, str]


def read_date(edit: QLineEdit | DateField, message: QLabel) -> dt.date | None:
    """The date typed in ``edit`` (the interface's short format or ISO 8601); None, and the reason
    in ``message``, if it is not one."""
    on = parse_date(edit.text())
    if on is None:
        message.setText(
            _("Write the date as {example} (or 2026-03-18), or pick it in the calendar.").format(
                example=format_date(dt.date(2026, 3, 18))
            )
        )
    return on


# --- bindings: one input widget each, read and written as the request's typed value ---------------


class Binding:
    """An input for one value. ``caption`` is its form label; ``label`` overrides the field label."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.caption = QLabel()
        self.caption.setWordWrap(True)  # long legal captions wrap instead of widening the form
        self.caption.setBuddy(widget)
        self.label: str | None = None

    def get(self) -> Any:
        raise NotImplementedError

    def set(self, value: Any) -> None:
        raise NotImplementedError

    def connect(self, slot: Callable[[], None]) -> None:
        raise NotImplementedError

    def set_label(self, text: str) -> None:
        self.caption.setText(text)

    def focus_widget(self) -> QWidget:
        return self.widget

    def retranslate_ui(self) -> None:
        """Bindings showing document labels (enum choices) refresh them here."""


class TextBinding(Binding):
    def __init__(self, read_only: bool = False) -> None:
        self.edit = QLineEdit()
        self.edit.setReadOnly(read_only)
        super().__init__(self.edit)

    def get(self) -> str:
        return self.edit.text().strip()

    def set(self, value: Any) -> None:
        self.edit.setText(str(value or ""))

    def connect(self, slot: Callable[[], None]) -> None:
        self.edit.textEdited.connect(lambda _text: slot())


class ListBinding(TextBinding):
    """A tuple of short strings, typed comma-separated (languages, aliases, identifiers)."""

    def __init__(self) -> None:
        super().__init__()
        self.edit.setPlaceholderText(_("separate with commas"))

    def get(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.edit.text().split(",") if p.strip())

    def set(self, value: Any) -> None:
        self.edit.setText(", ".join(value or ()))


class DateBinding(TextBinding):
    def __init__(self) -> None:
        super().__init__()
        self.edit.setPlaceholderText(_("YYYY-MM-DD"))
        self.edit.setMaximumWidth(160)

    def get(self) -> dt.date | None:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            name = self.caption.text() or _("date")
            raise ValueError(_("{field}: write dates as YYYY-MM-DD").format(field=name)) from None

    def set(self, value: Any) -> None:
        self.edit.setText(value.isoformat() if value else "")


class IntBinding(Binding):
    def __init__(self) -> None:
        self.spin = QSpinBox()
        self.spin.setRange(0, 100000)
        self.spin.setMaximumWidth(120)
        super().__init__(self.spin)

    def get(self) -> int:
        return int(self.spin.value())

    def set(self, value: Any) -> None:
        self.spin.setValue(int(value or 0))

    def connect(self, slot: Callable[[], None]) -> None:
        self.spin.valueChanged.connect(lambda _v: slot())


class LongTextBinding(Binding):
    def __init__(self, lines: int = 3) -> None:
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        height = self.edit.fontMetrics().lineSpacing() * lines + 14
        self.edit.setMinimumHeight(height)
        self.edit.setMaximumHeight(max(height * 2, 160) if lines < 8 else 16777215)
        super().__init__(self.edit)

    def get(self) -> str:
        return self.edit.toPlainText().strip()

    def set(self, value: Any) -> None:
        self.edit.setPlainText(str(value or ""))

    def connect(self, slot: Callable[[], None]) -> None:
        self.edit.textChanged.connect(slot)


class LinesBinding(LongTextBinding):
    """A tuple of strings, one per line (questions to be put)."""

    def get(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(line.strip() for line in self.edit.toPlainText().splitlines() if line.strip())

    def set(self, value: Any) -> None:
        self.edit.setPlainText("\n".join(value or ()))


class WrappingCheck(QWidget):
    """A check box whose text wraps (a ``QCheckBox`` keeps long legal wording on one line, which
    made the request form wider than the window). Clicking the text toggles the box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.check)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.mousePressEvent = lambda _event: self.check.toggle()  # type: ignore[method-assign]
        self.toggled = self.check.toggled
        self.setFocusProxy(self.check)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def isChecked(self) -> bool:
        return self.check.isChecked()

    def setChecked(self, on: bool) -> None:
        self.check.setChecked(on)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.check.setAccessibleName(text)


class WrapTitleGroup(QGroupBox):
    """A group box whose title wraps: a long legal heading no longer sets the form's minimum width.

    The title is a bold label in the first row of the box's form (``attach``); ``setTitle`` and
    ``title`` read and write it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")

    def attach(self, form: QFormLayout) -> None:
        form.insertRow(0, self.heading)

    def setTitle(self, title: str) -> None:  # type: ignore[override]
        self.heading.setText(title)

    def title(self) -> str:  # type: ignore[override]
        return self.heading.text()


class BoolBinding(Binding):
    def __init__(self) -> None:
        self.box = WrappingCheck()
        super().__init__(self.box)

    def get(self) -> bool:
        return self.box.isChecked()

    def set(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def connect(self, slot: Callable[[], None]) -> None:
        self.box.toggled.connect(lambda _on: slot())

    def set_label(self, text: str) -> None:
        self.box.setText(text)


class ElidingComboBox(QComboBox):
    """A combo box that elides a choice too long for it ("UNTOC: contents of a…") instead of
    clipping it: Qt's styles clip the label, which in a right-to-left interface cuts off the
    beginning of a Latin choice (the label is aligned right and overflows on the left)."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def shown_text(self, option: QStyleOptionComboBox | None = None) -> str:
        """The current choice as drawn: elided at its end to the width of the text field."""
        if option is None:
            option = QStyleOptionComboBox()
            self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, max(field.width() - 4, 0)
        )


class ChoiceBinding(Binding):
    """A value from a list of (value, label); ``empty`` adds a blank first entry (None if ``none``)."""

    def __init__(self, empty: bool = False, none: bool = False) -> None:
        self.combo = ElidingComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        self._empty, self._none = empty, none
        super().__init__(self.combo)
        self.set_items(())

    def set_items(self, items: Sequence[Choice]) -> None:
        current = self.get() if self.combo.count() else None
        self.combo.blockSignals(True)
        self.combo.clear()
        if self._empty:
            self.combo.addItem("—", "")  # never None as item data: PySide6 6.12 mis-counts its references
        for value, label in items:
            self.combo.addItem(isolated(label), value)  # "UNTOC: … (art. 18(15))" unflipped in Arabic
        self.combo.blockSignals(False)
        self.set(current)

    def get(self) -> Any:
        value = self.combo.currentData()
        if not value:
            return None if self._none else ""
        return value

    def set(self, value: Any) -> None:
        value = value or ""
        index = self.combo.findData(value)
        if index < 0 and value:
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))

    def connect(self, slot: Callable[[], None]) -> None:
        self.combo.activated.connect(lambda _i: slot())


class ChoiceWithButton(ChoiceBinding):
    """A ``ChoiceBinding`` with a button beside its list (e.g. "New agency…" next to the agencies)."""

    def __init__(self, button: QPushButton, empty: bool = False, none: bool = False) -> None:
        super().__init__(empty, none)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(button)
        self.button = button
        self.widget = box

    def focus_widget(self) -> QWidget:
        return self.combo


class EnumBinding(Binding):
    def __init__(self, enum_cls: type[enum.Enum], labels: Mapping[Any, str]) -> None:
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        self._cls, self._labels = enum_cls, labels
        for member in enum_cls:
            self.combo.addItem("", member.value)
        super().__init__(self.combo)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for i, member in enumerate(self._cls):
            self.combo.setItemText(i, doc_text(self._labels[member]))

    def get(self) -> Any:
        return self._cls(self.combo.currentData())

    def set(self, value: Any) -> None:
        index = self.combo.findData(self._cls(value).value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))

    def connect(self, slot: Callable[[], None]) -> None:
        self.combo.activated.connect(lambda _i: slot())


class EnumSetBinding(Binding):
    """A tuple of enum members as a grid of check boxes."""

    def __init__(self, enum_cls: type[enum.Enum], labels: Mapping[Any, str]) -> None:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self._cls, self._labels = enum_cls, labels
        self.boxes = {member: WrappingCheck() for member in enum_cls}
        for i, check in enumerate(self.boxes.values()):
            grid.addWidget(check, i // 2, i % 2)
        super().__init__(box)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for member, check in self.boxes.items():
            check.setText(doc_text(self._labels[member]))

    def get(self) -> tuple[Any, ...]:
        return tuple(member for member, check in self.boxes.items() if check.isChecked())

    def set(self, value: Any) -> None:
        chosen = {self._cls(v) for v in value or ()}
        for member, check in self.boxes.items():
            check.setChecked(member in chosen)

    def connect(self, slot: Callable[[], None]) -> None:
        for check in self.boxes.values():
            check.toggled.connect(lambda _on: slot())

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()))


class NumberSetBinding(Binding):
    """A set of numbered choices as check boxes (the persons a measure concerns, by number).

    The choices change while the form is edited (a person added or removed elsewhere): checked
    numbers survive a new list of choices, and a checked number no longer offered stays listed
    (``missing`` names it), so nothing linked is dropped without the officer seeing it.
    """

    def __init__(self, empty_text: Callable[[], str], missing: Callable[[int], str]) -> None:
        box = QWidget()
        self._layout = QVBoxLayout(box)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(mid);")
        self._layout.addWidget(self.empty)
        self._empty_text, self._missing = empty_text, missing
        self._choices: list[tuple[int, str]] = []
        self._chosen: set[int] = set()
        self.boxes: dict[int, WrappingCheck] = {}
        self._slots: list[Callable[[], None]] = []
        super().__init__(box)
        self._rebuild()

    def set_choices(self, choices: Sequence[tuple[int, str]]) -> None:
        self._chosen = set(self.get())
        self._choices = list(choices)
        self._rebuild()

    def _rebuild(self) -> None:
        for check in self.boxes.values():
            self._layout.removeWidget(check)
            check.setParent(None)
            check.deleteLater()
        self.boxes = {}
        offered = dict(self._choices)
        numbers = [n for n, _label in self._choices] + sorted(self._chosen - set(offered))
        for number in numbers:
            check = WrappingCheck()
            check.setText(offered.get(number) or self._missing(number))
            check.setChecked(number in self._chosen)
            check.toggled.connect(self._toggled)
            self._layout.addWidget(check)
            self.boxes[number] = check
        self.empty.setText(self._empty_text())
        self.empty.setVisible(not self.boxes)

    def _toggled(self, _on: bool) -> None:
        self._chosen = {n for n, check in self.boxes.items() if check.isChecked()}
        for slot in self._slots:
            slot()

    def retranslate_ui(self) -> None:
        self._chosen = set(self.get())
        self._rebuild()

    def get(self) -> tuple[int, ...]:
        return tuple(sorted(n for n, check in self.boxes.items() if check.isChecked()))

    def set(self, value: Any) -> None:
        self._chosen = {int(n) for n in value or ()}
        self._rebuild()

    def connect(self, slot: Callable[[], None]) -> None:
        self._slots.append(slot)

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()), self.widget)
