"""The guided MLA request editor: one group per document section, in document order.

Every input is a small *binding* (a widget plus ``get``/``set``) registered under the request field
path it edits (``facts``, ``requesting_authority.name``, ``measures.0.purpose``), so the validation
panel can focus the widget an issue names. Lists of sections (offences, persons, measures, legal
bases, earlier requests, annexes) are repeating blocks. Nothing here touches the vault: saving,
"use as addressee" and annex hashing go through the session and the task runner.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from liaison.documents import texts
from liaison.documents.texts import SectionKey
from liaison.domain.mla import (
    Annex,
    Authority,
    ContactOfficer,
    EarlierRequest,
    InstrumentKind,
    LegalBasis,
    Measure,
    MeasureDetail,
    MeasureKind,
    MlaRequest,
    Offence,
    Person,
    PersonRole,
    ProceedingsType,
    ResultsForm,
    TranslatorCertification,
    Undertaking,
    UrgencyReason,
)
from liaison.errors import LiaisonError
from liaison.services import mla
from liaison.store.vault import Vault
from ui.i18n import _
from ui.models import QueryGuard
from ui.models.requests_model import doc_text, field_text
from ui.session import Session
from ui.views.translate_view import when_alive

KIND = "mla_request"
Choice = tuple[str, str]


# --- bindings: one input widget each, read and written as the request's typed value ---------------


class Binding:
    """An input for one value. ``caption`` is its form label; ``label`` overrides the field label."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.caption = QLabel()
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


class BoolBinding(Binding):
    def __init__(self) -> None:
        self.box = QCheckBox()
        super().__init__(self.box)

    def get(self) -> bool:
        return self.box.isChecked()

    def set(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def connect(self, slot: Callable[[], None]) -> None:
        self.box.toggled.connect(lambda _on: slot())

    def set_label(self, text: str) -> None:
        self.box.setText(text)


class ChoiceBinding(Binding):
    """A value from a list of (value, label); ``empty`` adds a blank first entry (None if ``none``)."""

    def __init__(self, empty: bool = False, none: bool = False) -> None:
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(18)
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
            self.combo.addItem(label, value)
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


class EnumBinding(Binding):
    def __init__(self, enum_cls: type[enum.Enum], labels: Mapping[Any, str]) -> None:
        self.combo = QComboBox()
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
        self.boxes = {member: QCheckBox() for member in enum_cls}
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


# --- repeating blocks: offences, persons, measures, legal bases, earlier requests, annexes ------------

ItemSpec = tuple[str, Callable[[], Binding]]
_NATURAL = (
    "surname",
    "given_names",
    "aliases",
    "sex",
    "nationality",
    "birth_date",
    "birth_place",
    "id_documents",
    "languages",
)
_LEGAL = ("legal_name", "legal_form", "registration_number", "seat", "representative")

_ITEM_SPECS: Mapping[type, tuple[ItemSpec, ...]] = {
    LegalBasis: (
        ("agreement_id", lambda: ChoiceBinding(empty=True, none=True)),
        ("instrument", TextBinding),
        ("articles", TextBinding),
    ),
    Offence: (
        ("classification", TextBinding),
        ("provisions", lambda: LongTextBinding(lines=3)),
        ("max_penalty", TextBinding),
        ("limitation_date", DateBinding),
        ("eio_category", TextBinding),
        ("punishable_three_years", BoolBinding),
    ),
    Person: (
        ("role", lambda: EnumBinding(PersonRole, texts.PERSON_ROLE_LABELS)),
        ("legal_person", BoolBinding),
        *(
            (
                name,
                ListBinding
                if name in ("aliases", "id_documents", "languages")
                else DateBinding
                if name == "birth_date"
                else TextBinding,
            )
            for name in _NATURAL
        ),
        *((name, TextBinding) for name in _LEGAL),
        ("address", TextBinding),
        ("identifiers", ListBinding),
    ),
    EarlierRequest: (
        ("date", DateBinding),
        ("reference", TextBinding),
        ("authority", TextBinding),
        ("note", TextBinding),
    ),
    Annex: (
        ("title", TextBinding),
        ("file_name", TextBinding),
        ("sha256", lambda: TextBinding(read_only=True)),
        ("pages", IntBinding),
    ),
}
_ITEM_CLASSES: Mapping[str, type] = {
    "legal_bases": LegalBasis,
    "offences": Offence,
    "persons": Person,
    "earlier_requests": EarlierRequest,
    "annexes": Annex,
    "measures": Measure,
}
_NUMBER_LABELS: Mapping[str, str] = {
    "legal_bases": texts.LEGAL_BASIS_NUMBER,
    "offences": texts.OFFENCE_NUMBER,
    "persons": texts.PERSON_NUMBER,
    "measures": texts.MEASURE_NUMBER,
    "annexes": texts.ANNEX_NUMBER,
}


def item_specs(cls: type) -> tuple[ItemSpec, ...]:
    return _ITEM_SPECS[cls]


class ItemBlock(QGroupBox):
    """One element of a repeating section (one offence, one person...)."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, name: str, specs: Sequence[ItemSpec]) -> None:
        super().__init__()
        self.name = name
        self.number = 0
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.bindings: dict[str, Binding] = {}
        for attr, factory in specs:
            self.add_binding(attr, factory())
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self._add_remove_row()
        if name == "persons":
            self.bindings["legal_person"].connect(self._show_person_kind)

    def _add_remove_row(self) -> None:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        self.form.addRow(row)

    def add_binding(self, attr: str, binding: Binding) -> Binding:
        self.bindings[attr] = binding
        binding.connect(self.changed.emit)
        self.form.addRow(binding.caption, binding.widget)
        return binding

    def retranslate_ui(self) -> None:
        label = _NUMBER_LABELS.get(self.name)
        number = self.number
        self.setTitle(doc_text(label).format(number=number) if label else f"{field_text(self.name)} {number}")
        for attr, binding in self.bindings.items():
            binding.set_label(binding.label or field_text(f"{self.name}.{attr}"))
            binding.retranslate_ui()
        self.remove_button.setText(_("Remove"))

    def get(self) -> Any:
        return _ITEM_CLASSES[self.name](**{attr: b.get() for attr, b in self.bindings.items()})

    def set(self, item: Any) -> None:
        for attr, binding in self.bindings.items():
            binding.set(getattr(item, attr))
        if self.name == "persons":
            self._show_person_kind()

    def _show_person_kind(self) -> None:
        legal = bool(self.bindings["legal_person"].get())
        for attr in _NATURAL:
            self.form.setRowVisible(self.bindings[attr].widget, not legal)
        for attr in _LEGAL:
            self.form.setRowVisible(self.bindings[attr].widget, legal)

    def widget_for(self, parts: Sequence[str]) -> QWidget:
        binding = self.bindings.get(parts[0]) if parts else None
        return binding.focus_widget() if binding else self


class MeasureBlock(ItemBlock):
    """A measure: its kind, description, place and purpose, and the particulars of that kind."""

    def __init__(self, name: str, specs: Sequence[ItemSpec]) -> None:
        super().__init__(name, ())
        self.form.removeRow(self.form.rowCount() - 1)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.kind = self.add_binding("kind", EnumBinding(MeasureKind, texts.MEASURE_KIND_LABELS))
        self.kind.connect(self._rebuild_details)
        self.add_binding("description", LongTextBinding(lines=3))
        self.details_box = QGroupBox()
        self.details_form = QFormLayout(self.details_box)
        self.details_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(self.details_box)
        self.details: dict[str, Binding] = {}
        self.add_binding("place", TextBinding())
        self.add_binding("purpose", LongTextBinding(lines=3))
        self._add_remove_row()
        self._rebuild_details()

    def _rebuild_details(self, keep: Mapping[str, str] | None = None) -> None:
        keep = dict(keep if keep is not None else self._detail_values())
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        self.details = {}
        keys = [k.value for k in texts.MEASURE_DETAIL_KEYS[self.kind.get()]]
        keys += [k for k in keep if k not in keys and keep[k]]  # particulars of another kind, kept
        for key in keys:
            binding = self._detail_binding(key)
            binding.set(keep.get(key, ""))
            binding.connect(self.changed.emit)
            self.details[key] = binding
            self.details_form.addRow(binding.caption, binding.widget)
        self._label_details()

    @staticmethod
    def _detail_binding(key: str) -> Binding:
        if key == texts.DetailKey.HEARING_MODE:
            binding = ChoiceBinding(empty=True)
            binding.set_items([(m.value, doc_text(label)) for m, label in texts.HEARING_MODE_LABELS.items()])
            return binding
        return TextBinding()

    def _label_details(self) -> None:
        self.details_box.setTitle(field_text("measures.details"))
        for key, binding in self.details.items():
            try:
                label = doc_text(texts.DETAIL_LABELS[texts.DetailKey(key)])
            except ValueError:
                label = key
            binding.set_label(label)

    def _detail_values(self) -> dict[str, str]:
        return {key: str(b.get() or "") for key, b in self.details.items()}

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self._label_details()

    def get(self) -> Measure:
        details = tuple(MeasureDetail(k, v) for k, v in self._detail_values().items() if v)
        return Measure(
            kind=self.kind.get(),
            description=self.bindings["description"].get(),
            details=details,
            place=self.bindings["place"].get(),
            purpose=self.bindings["purpose"].get(),
        )

    def set(self, item: Any) -> None:
        for attr in ("kind", "description", "place", "purpose"):
            self.bindings[attr].set(getattr(item, attr))
        self._rebuild_details({d.key: d.value for d in item.details})

    def widget_for(self, parts: Sequence[str]) -> QWidget:
        if parts and parts[0] == "details":
            empty = next((b for b in self.details.values() if not b.get()), None)
            return empty.focus_widget() if empty else self.details_box
        return super().widget_for(parts)


class RepeatingSection(QWidget):
    """Blocks of one list field, with Add (and optional extra) buttons under them."""

    changed = Signal()

    def __init__(self, name: str, specs: Sequence[ItemSpec], block_type: type[ItemBlock] = ItemBlock) -> None:
        super().__init__()
        self.name, self._specs, self._block_type = name, specs, block_type
        self.blocks: list[ItemBlock] = []
        self._choices: dict[str, Sequence[Choice]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._blocks_layout = QVBoxLayout()
        layout.addLayout(self._blocks_layout)
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.empty_label)
        self._buttons = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._add_clicked)
        self._buttons.addWidget(self.add_button)
        self._buttons.addStretch(1)
        layout.addLayout(self._buttons)

    def add_extra_button(self, button: QPushButton) -> None:
        self._buttons.insertWidget(self._buttons.count() - 1, button)

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add"))
        self.add_button.setToolTip(field_text(self.name))
        self.empty_label.setText(_("None yet."))
        for block in self.blocks:
            block.retranslate_ui()

    def set_choices(self, attr: str, items: Sequence[Choice]) -> None:
        self._choices[attr] = items
        for block in self.blocks:
            binding = block.bindings[attr]
            assert isinstance(binding, ChoiceBinding)
            binding.set_items(items)

    def _new_block(self) -> ItemBlock:
        block = self._block_type(self.name, self._specs)
        for attr, items in self._choices.items():
            binding = block.bindings[attr]
            assert isinstance(binding, ChoiceBinding)
            binding.set_items(items)
        block.changed.connect(self.changed.emit)
        block.remove_requested.connect(self._remove)
        self._blocks_layout.addWidget(block)
        self.blocks.append(block)
        return block

    def _renumber(self) -> None:
        for number, block in enumerate(self.blocks, start=1):
            block.number = number
            block.retranslate_ui()
        self.empty_label.setVisible(not self.blocks)

    def _add_clicked(self) -> None:
        block = self._new_block()
        self._renumber()
        block.widget_for([]).setFocus()
        first = next(iter(block.bindings.values()), None)
        if first is not None:
            first.focus_widget().setFocus()
        self.changed.emit()

    def append(self, item: Any) -> None:
        self._new_block().set(item)
        self._renumber()
        self.changed.emit()

    def _remove(self, block: ItemBlock) -> None:
        self.blocks.remove(block)
        block.setParent(None)
        block.deleteLater()
        self._renumber()
        self.changed.emit()

    def set(self, items: Sequence[Any]) -> None:
        for block in self.blocks:
            block.setParent(None)
            block.deleteLater()
        self.blocks = []
        for item in items:
            self._new_block().set(item)
        self._renumber()

    def get(self) -> tuple[Any, ...]:
        return tuple(block.get() for block in self.blocks)

    def widget_for(self, parts: Sequence[str]) -> QWidget:
        if parts and parts[0].isdigit() and int(parts[0]) < len(self.blocks):
            return self.blocks[int(parts[0])].widget_for(parts[1:])
        return self.add_button


@dataclass(frozen=True)
class EditorChoices:
    """What the pickers offer, read on the store thread by the requests view."""

    countries: tuple[Choice, ...] = ()
    languages: tuple[Choice, ...] = ()
    rule_sets: tuple[Choice, ...] = ()
    cases: tuple[Choice, ...] = ()
    agencies: tuple[Choice, ...] = ()
    contacts: tuple[Choice, ...] = ()
    agreements: tuple[Choice, ...] = ()
    parties: Mapping[str, frozenset[str]] = field(default_factory=dict)  # agreement id → party countries


# Nested single-value sections: path prefix → how to build an empty one.
_NESTED: Mapping[str, Callable[[], Any]] = {
    "requesting_authority": Authority,
    "investigating_authority": Authority,
    "contact_officer": ContactOfficer,
    "validating_authority": Authority,
}
_AUTHORITY_FULL = ("name", "kind", "address", "phone", "email", "representative", "post", "file_number")


class RequestEditor(QWidget):
    """``saved(MlaRequest)`` after every successful write; ``edited()`` on every change."""

    saved = Signal(object)
    edited = Signal()
    dirty_changed = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self._request: MlaRequest | None = None
        self._choices = EditorChoices()
        self._bindings: dict[str, Binding] = {}
        self._lists: dict[str, RepeatingSection] = {}
        self._groups: dict[SectionKey, QGroupBox] = {}
        self._loading = False
        self._dirty = False
        self._build()
        self.retranslate_ui()
        self.load(None)

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("color: #b3261e;")
        self.banner.hide()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.save_button)
        self.nav = QListWidget()
        self.nav.setMaximumWidth(170)
        self.nav.currentRowChanged.connect(self._go_to_section)
        content = QWidget()
        self._content = QVBoxLayout(content)
        for builder in self._section_builders():
            builder()
        self._content.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.scroll, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

    def _section_builders(self) -> list[Callable[[], None]]:
        return [
            self._build_header,
            self._build_legal_basis,
            self._build_authorities,
            self._build_urgency,
            self._build_confidentiality,
            self._build_proceedings,
            self._build_facts,
            lambda: self._build_list(SectionKey.OFFENCES, "offences", Offence),
            lambda: self._build_list(SectionKey.PERSONS, "persons", Person),
            self._build_assistance,
            self._build_procedures,
            self._build_earlier,
            self._build_undertakings,
            self._build_remedies,
            self._build_results,
            self._build_closing,
            self._build_annexes,
            self._build_translation,
        ]

    def _section(self, key: SectionKey) -> QFormLayout:
        box = QGroupBox()
        self._groups[key] = box
        self._content.addWidget(box)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _add(self, form: QFormLayout, path: str, binding: Binding, label: str | None = None) -> Binding:
        self._bindings[path] = binding
        binding.label = label
        binding.connect(self._on_edited)
        if isinstance(binding, BoolBinding):
            form.addRow("", binding.widget)
        else:
            form.addRow(binding.caption, binding.widget)
        return binding

    def _add_list(self, form: QFormLayout, name: str, section: RepeatingSection) -> RepeatingSection:
        self._lists[name] = section
        section.changed.connect(self._on_edited)
        form.addRow(section)
        return section

    def _build_header(self) -> None:
        form = self._section(SectionKey.HEADER)
        self._add(form, "our_reference", TextBinding())
        self._add(form, "requesting_state", ChoiceBinding(empty=True))
        self._add(form, "requested_state", ChoiceBinding(empty=True))
        self._add(form, "instrument_kind", EnumBinding(InstrumentKind, texts.INSTRUMENT_KIND_LABELS))
        self._add(form, "rule_set", ChoiceBinding())
        self._add(form, "case_id", ChoiceBinding(empty=True, none=True))
        self._add(form, "request_date", DateBinding())
        self._add(form, "place", TextBinding())
        self._add(form, "language", ChoiceBinding())
        self._add(form, "addressee_id", ChoiceBinding(empty=True, none=True))
        self._add(form, "addressee_contact_id", ChoiceBinding(empty=True, none=True))
        self._add(form, "transmission_channel", TextBinding())
        self.contact_picker = ChoiceBinding(empty=True, none=True)
        self.use_addressee = QPushButton()
        self.use_addressee.clicked.connect(lambda: self.use_contact("addressee"))
        self.use_officer = QPushButton()
        self.use_officer.clicked.connect(lambda: self.use_contact("officer"))
        row = QHBoxLayout()
        row.addWidget(self.contact_picker.widget, 1)
        row.addWidget(self.use_addressee)
        row.addWidget(self.use_officer)
        self.contact_label = QLabel()
        form.addRow(self.contact_label, row)

    def _build_legal_basis(self) -> None:
        form = self._section(SectionKey.LEGAL_BASIS)
        section = self._add_list(form, "legal_bases", RepeatingSection("legal_bases", item_specs(LegalBasis)))
        self.propose_button = QPushButton()
        self.propose_button.clicked.connect(self.propose_legal_bases)
        section.add_extra_button(self.propose_button)
        self._add(form, "reciprocity", BoolBinding())

    def _build_authorities(self) -> None:
        form = self._section(SectionKey.REQUESTING_AUTHORITY)
        self._authority_boxes: list[tuple[QGroupBox, str]] = []
        for prefix, attrs in (
            ("requesting_authority", (*_AUTHORITY_FULL, "languages", "functions")),
            ("investigating_authority", ("name", "kind", "address", "functions")),
            ("contact_officer", ("name", "post", "phone", "email", "languages", "timezone")),
        ):
            self._sub_form(form, prefix, attrs)
        self.validating_needed = BoolBinding()
        self.validating_needed.connect(self._on_validating_toggled)
        self.validating_needed.connect(self._on_edited)
        form.addRow("", self.validating_needed.widget)
        self.validating_box = self._sub_form(form, "validating_authority", _AUTHORITY_FULL)

    def _sub_form(self, form: QFormLayout, prefix: str, attrs: Sequence[str]) -> QGroupBox:
        box = QGroupBox()
        self._authority_boxes.append((box, prefix))
        sub = QFormLayout(box)
        sub.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for attr in attrs:
            if attr == "languages":
                binding: Binding = ListBinding()
            elif attr == "functions":
                binding = LongTextBinding(lines=2)
            else:
                binding = TextBinding()
            self._add(sub, f"{prefix}.{attr}", binding)
        form.addRow(box)
        return box

    def _build_urgency(self) -> None:
        form = self._section(SectionKey.URGENCY)
        self._add(form, "urgent", BoolBinding())
        self._add(form, "urgency_reasons", EnumSetBinding(UrgencyReason, texts.URGENCY_REASON_LABELS))
        self._add(form, "urgency_detail", LongTextBinding(lines=3))
        self._add(form, "requested_by", DateBinding())
        self._add(form, "advance_copy_via", TextBinding())
        self._add(form, "advance_copy_sent_on", DateBinding())

    def _build_confidentiality(self) -> None:
        form = self._section(SectionKey.CONFIDENTIALITY)
        self._add(form, "confidential", BoolBinding())
        self._add(form, "confidentiality_reasons", LongTextBinding(lines=3))
        self._add(form, "notify_before_disclosure", BoolBinding())

    def _build_proceedings(self) -> None:
        form = self._section(SectionKey.PROCEEDINGS)
        self._add(form, "proceedings_type", EnumBinding(ProceedingsType, texts.PROCEEDINGS_TYPE_LABELS))
        self._add(form, "proceedings_instituted", BoolBinding())
        self._add(form, "court", TextBinding())
        self._add(form, "court_case_number", TextBinding())
        self._add(form, "next_hearing", DateBinding())

    def _build_facts(self) -> None:
        form = self._section(SectionKey.FACTS)
        self.facts_hint = QLabel()
        self.facts_hint.setWordWrap(True)
        self.facts_hint.setStyleSheet("color: palette(mid);")
        form.addRow(self.facts_hint)
        self._add(form, "facts", LongTextBinding(lines=12))

    def _build_list(self, key: SectionKey, name: str, cls: type) -> RepeatingSection:
        form = self._section(key)
        return self._add_list(form, name, RepeatingSection(name, item_specs(cls)))

    def _build_assistance(self) -> None:
        form = self._section(SectionKey.ASSISTANCE)
        self._add_list(form, "measures", RepeatingSection("measures", (), block_type=MeasureBlock))
        self._add(form, "purpose", LongTextBinding(lines=4))

    def _build_procedures(self) -> None:
        form = self._section(SectionKey.PROCEDURES)
        self._add(form, "procedures", ListBinding())
        self._add(form, "procedures_detail", LongTextBinding(lines=3))
        self._add(form, "officials_present", TextBinding())
        self._add(form, "questions", LinesBinding(lines=4))

    def _build_earlier(self) -> None:
        form = self._section(SectionKey.EARLIER_REQUESTS)
        earlier = RepeatingSection("earlier_requests", item_specs(EarlierRequest))
        self._add_list(form, "earlier_requests", earlier)
        self._add(form, "parallel_requests", LongTextBinding(lines=2))

    def _build_undertakings(self) -> None:
        form = self._section(SectionKey.UNDERTAKINGS)
        self._add(form, "undertakings", EnumSetBinding(Undertaking, texts.UNDERTAKING_LABELS))

    def _build_remedies(self) -> None:
        form = self._section(SectionKey.REMEDIES)
        self._add(form, "remedies_sought", LongTextBinding(lines=2))
        self._add(form, "remedies_information", LongTextBinding(lines=2))

    def _build_results(self) -> None:
        form = self._section(SectionKey.RESULTS)
        self._add(form, "results_form", EnumBinding(ResultsForm, texts.RESULTS_FORM_LABELS))
        self._add(form, "results_recipient", TextBinding())
        self._add(form, "practical_contact", TextBinding())

    def _build_closing(self) -> None:
        form = self._section(SectionKey.CLOSING)
        self._add(form, "acknowledgement_requested", BoolBinding())
        self._add(form, "signatory_name", TextBinding())
        self._add(form, "signatory_post", TextBinding())

    def _build_annexes(self) -> None:
        form = self._section(SectionKey.ANNEXES)
        section = self._add_list(form, "annexes", RepeatingSection("annexes", item_specs(Annex)))
        self.annex_file_button = QPushButton()
        self.annex_file_button.clicked.connect(self._choose_annex_file)
        section.add_extra_button(self.annex_file_button)

    def _build_translation(self) -> None:
        form = self._section(SectionKey.TRANSLATION)
        self.translator_hint = QLabel()
        self.translator_hint.setWordWrap(True)
        form.addRow(self.translator_hint)
        self._add(form, "translator.name", TextBinding())
        self._add(form, "translator.qualification", TextBinding())
        self._add(form, "translator.certified_on", DateBinding())

    # --- language -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save the request (Ctrl+S)"))
        self.nav.clear()
        for key in texts.SECTION_ORDER:
            title = f"{texts.SECTION_ORDER.index(key) + 1}. {doc_text(texts.SECTION_HEADINGS[key])}"
            self._groups[key].setTitle(title)
            self.nav.addItem(title)
        for path, binding in self._bindings.items():
            binding.set_label(binding.label or field_text(path))
        for box, prefix in self._authority_boxes:
            box.setTitle(field_text(prefix))
        self.validating_needed.set_label(_("A validating judicial authority is needed (EIO section L)"))
        self.contact_picker.widget.setToolTip(_("Pick a contact from the directory"))
        self.contact_label.setText(_("From contacts"))
        self.use_addressee.setText(_("Use as addressee"))
        self.use_officer.setText(_("Use as contact officer"))
        self.propose_button.setText(_("Propose from agreements"))
        self.propose_button.setToolTip(_("Add the agreements to which both States are parties"))
        self.annex_file_button.setText(_("Add a file…"))
        self.facts_hint.setText(
            _("Who, what, when, where and how; the link to the requested State; the stage reached.")
        )
        self.translator_hint.setText(
            _("Fill in once a translator has certified the translation: the watermark is then removed.")
        )
        for section in self._lists.values():
            section.retranslate_ui()
        self._update_title()

    # --- loading and reading back ---------------------------------------------------------------

    @property
    def request(self) -> MlaRequest | None:
        return self._request

    @property
    def dirty(self) -> bool:
        return self._dirty

    def set_choices(self, choices: EditorChoices) -> None:
        self._choices = choices
        pairs: dict[str, Sequence[Choice]] = {
            "requesting_state": choices.countries,
            "requested_state": choices.countries,
            "rule_set": choices.rule_sets,
            "case_id": choices.cases,
            "language": choices.languages,
            "addressee_id": choices.agencies,
            "addressee_contact_id": choices.contacts,
        }
        self._loading = True
        try:
            for path, items in pairs.items():
                binding = self._bindings[path]
                assert isinstance(binding, ChoiceBinding)
                binding.set_items(items)
            self.contact_picker.set_items(choices.contacts)
            self._lists["legal_bases"].set_choices("agreement_id", choices.agreements)
        finally:
            self._loading = False

    def load(self, request: MlaRequest | None) -> None:
        """Show ``request`` (None: a new, unsaved draft)."""
        self._loading = True
        try:
            self._request = request
            source = request or MlaRequest()
            for path, binding in self._bindings.items():
                binding.set(self._value_at(source, path))
            for name, section in self._lists.items():
                section.set(getattr(source, name))
            self.validating_needed.set(source.validating_authority is not None)
            self._on_validating_toggled()
        finally:
            self._loading = False
        self.banner.hide()
        self._set_dirty(False)
        self.setEnabled(True)

    @staticmethod
    def _value_at(request: MlaRequest, path: str) -> Any:
        value: Any = request
        for part in path.split("."):
            value = getattr(value, part, None) if value is not None else None
        return value

    def values(self) -> dict[str, Any]:
        """Every editable top-level field as the form shows it; raises ValueError for bad input."""
        base = self._request or MlaRequest()
        values: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {}
        for path, binding in self._bindings.items():
            head, _dot, rest = path.partition(".")
            if rest:
                nested.setdefault(head, {})[rest] = binding.get()
            else:
                values[head] = binding.get()
        for head, sub in nested.items():
            if head in _NESTED:
                values[head] = dataclasses.replace(getattr(base, head) or _NESTED[head](), **sub)
        if not self.validating_needed.get():
            values["validating_authority"] = None
        values["translator"] = self._translator(nested["translator"])
        for name, section in self._lists.items():
            values[name] = section.get()
        return values

    @staticmethod
    def _translator(sub: dict[str, Any]) -> TranslatorCertification | None:
        if not any(sub.values()):
            return None
        if not sub["name"] or sub["certified_on"] is None:
            raise ValueError(_("The translator's certification needs a name and a date."))
        return TranslatorCertification(sub["name"], sub["qualification"], sub["certified_on"])

    def changes(self) -> dict[str, Any]:
        """Only the fields that differ from the stored request (all filled ones for a new draft)."""
        values = self.values()
        base = self._request or MlaRequest()
        return {k: v for k, v in values.items() if getattr(base, k) != v}

    def candidate(self) -> MlaRequest:
        """The request as it would be after saving (for live validation)."""
        return dataclasses.replace(self._request or MlaRequest(), **self.values())

    # --- editing --------------------------------------------------------------------------------

    def _on_edited(self) -> None:
        if self._loading:
            return
        self._set_dirty(True)
        self.edited.emit()

    def _on_validating_toggled(self) -> None:
        self.validating_box.setVisible(bool(self.validating_needed.get()))

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self._update_title()
        if changed:
            self.dirty_changed.emit(dirty)

    def _update_title(self) -> None:
        if self._request is None:
            text = _("New request (not saved yet)")
        else:
            text = self._request.our_reference or _("(no reference yet)")
        self.title.setText(f"{text} *" if self._dirty else text)

    def _go_to_section(self, row: int) -> None:
        if 0 <= row < len(texts.SECTION_ORDER):
            box = self._groups[texts.SECTION_ORDER[row]]
            self.scroll.verticalScrollBar().setValue(box.y())

    def show_error(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()

    def focus_field(self, path: str) -> bool:
        """Scroll to and focus the input of ``path`` (or its nearest enclosing input)."""
        widget = self.widget_for(path)
        if widget is None:
            return False
        self.scroll.ensureWidgetVisible(widget, 40, 40)
        widget.setFocus()
        return True

    def binding(self, path: str) -> Binding:
        """The input of a field path such as ``facts`` or ``requesting_authority.name``."""
        return self._bindings[path]

    def section(self, name: str) -> RepeatingSection:
        """The repeating blocks of a list field such as ``measures``."""
        return self._lists[name]

    def widget_for(self, path: str) -> QWidget | None:
        parts = path.split(".")
        while parts:
            key = ".".join(parts)
            if key in self._bindings:
                return self._bindings[key].focus_widget()
            if parts[0] in self._lists:
                return self._lists[parts[0]].widget_for(parts[1:])
            if key == "validating_authority":
                return self.validating_needed.widget
            parts.pop()
        return None

    # --- writing --------------------------------------------------------------------------------

    def save(self) -> None:
        self.save_then(None)

    def save_then(self, follow: Callable[[Vault, str], MlaRequest] | None) -> None:
        """Write the form (create or update), then run ``follow(vault, request_id)`` in the same job."""
        try:
            changes = self.changes()
        except ValueError as err:
            self.show_error(str(err))
            return
        request_id = self._request.id if self._request else None

        def work(vault: Vault) -> MlaRequest:
            if request_id is None:
                saved = mla.create(vault, **changes)
            elif changes:
                saved = mla.update(vault, request_id, changes)
            else:
                saved = mla.requests.get(vault, request_id)
            return follow(vault, saved.id) if follow else saved

        self.save_button.setEnabled(False)
        self.guard.command(KIND, work, self._saved, self._failed)

    def _saved(self, request: MlaRequest) -> None:
        self.save_button.setEnabled(True)
        self.load(request)
        self.saved.emit(request)

    def _failed(self, err: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(err, LiaisonError):
            raise err
        self.show_error(_("Not saved: {reason}").format(reason=err))

    def use_contact(self, role: str) -> None:
        contact_id = self.contact_picker.get()
        if not contact_id:
            self.show_error(_("Pick a contact first."))
            return
        if role == "addressee":
            self.save_then(lambda vault, rid: mla.set_addressee(vault, rid, contact_id))
        else:
            self.save_then(lambda vault, rid: mla.set_contact_officer(vault, rid, contact_id))

    def propose_legal_bases(self) -> None:
        """Agreements to which both States are parties, added to the legal bases not yet listed."""
        states = {self._bindings["requesting_state"].get(), self._bindings["requested_state"].get()}
        if "" in states or len(states) != 2:
            self.show_error(_("Choose the requesting and the requested State first."))
            return
        section = self._lists["legal_bases"]
        present = {b.agreement_id for b in section.get()}
        found = [
            agreement_id
            for agreement_id, _label in self._choices.agreements
            if states <= self._choices.parties.get(agreement_id, frozenset()) and agreement_id not in present
        ]
        for agreement_id in found:
            section.append(LegalBasis(agreement_id=agreement_id))
        if not found:
            self.show_error(_("No further agreement in the registry binds both States."))

    def _choose_annex_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Add an annex"))
        if name:
            self.add_annex_file(Path(name))

    def add_annex_file(self, path: Path) -> None:
        """Hash the file on the io pool, then add an annex with its name and SHA-256."""
        self.annex_file_button.setEnabled(False)

        def done(result: tuple[str, int]) -> None:
            self.annex_file_button.setEnabled(True)
            digest, pages = result
            annex = Annex(title=path.stem, file_name=path.name, sha256=digest, pages=pages)
            self._lists["annexes"].append(annex)

        def failed(err: BaseException) -> None:
            self.annex_file_button.setEnabled(True)
            self.show_error(_("Cannot read {name}: {reason}").format(name=path.name, reason=err))

        self.session.runner.run_io(lambda: _hash_file(path), when_alive(self, done), when_alive(self, failed))

    def clear(self) -> None:
        self.guard.invalidate()
        self.save_button.setEnabled(True)
        self.load(None)
        self.set_choices(EditorChoices())


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest(), _pdf_pages(path)


def _pdf_pages(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 0
    import pikepdf  # noqa: PLC0415  (only for PDF annexes)

    try:
        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    except pikepdf.PdfError:
        return 0
