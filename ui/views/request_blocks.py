"""Repeating blocks of the request editor: legal bases, offences, persons, measures, earlier
requests and annexes. Each element is an ``ItemBlock`` of bindings; a ``RepeatingSection`` holds the
blocks of one list field with its Add (and optional extra) buttons. A measure links the persons it
concerns by number (``Measure.persons``), offered from the Persons section as it is being edited.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.documents import texts
from liaison.domain.mla import (
    Annex,
    EarlierRequest,
    LegalBasis,
    Measure,
    MeasureDetail,
    MeasureKind,
    Offence,
    Person,
    PersonRole,
)
from ui.i18n import _
from ui.models.requests_model import doc_text, field_text
from ui.widgets.form_fields import (
    Binding,
    BoolBinding,
    Choice,
    ChoiceBinding,
    DateBinding,
    EnumBinding,
    IntBinding,
    ListBinding,
    LongTextBinding,
    NumberSetBinding,
    TextBinding,
)


def person_choice(number: int, person: Person) -> tuple[int, str]:
    """How a measure's person check box names a person: "2. Witness — LEFÈVRE François"."""
    name = person.legal_name if person.legal_person else f"{person.surname.upper()} {person.given_names}"
    role = doc_text(texts.PERSON_ROLE_LABELS[person.role])
    return number, f"{number}. {role} — {name.strip() or _('(no name yet)')}"


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
        self.hidden: frozenset[str] = frozenset()
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

    def hide_fields(self, attrs: frozenset[str]) -> None:
        """Hide the rows of ``attrs`` (fields this request's instrument ignores), show the others
        that were hidden so; values are kept either way."""
        for attr in self.hidden | attrs:
            if attr in self.bindings:
                self.form.setRowVisible(self.bindings[attr].widget, attr not in attrs)
        self.hidden = attrs

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
        self.persons = self.add_binding(
            "persons",
            NumberSetBinding(
                lambda: _("Add the persons concerned in the Persons section first."),
                lambda n: _("Person {number} (no longer in the list)").format(number=n),
            ),
        )
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
            persons=self.bindings["persons"].get(),
        )

    def offer_persons(self, choices: Sequence[tuple[int, str]]) -> None:
        """The request's persons, by number, that this measure may concern."""
        binding = self.bindings["persons"]
        assert isinstance(binding, NumberSetBinding)
        binding.set_choices(choices)

    def set(self, item: Any) -> None:
        for attr in ("kind", "description", "persons", "place", "purpose"):
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
        self._persons: list[tuple[int, str]] = []
        self.hidden: frozenset[str] = frozenset()
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

    def hide_fields(self, attrs: frozenset[str]) -> None:
        """Hide these fields in every block, those added later included (see ``ItemBlock``)."""
        self.hidden = attrs
        for block in self.blocks:
            block.hide_fields(attrs)

    def offer_persons(self, choices: Sequence[tuple[int, str]]) -> None:
        """Measures: the persons each block may link to (the Persons section as it is now)."""
        self._persons = list(choices)
        for block in self.blocks:
            if isinstance(block, MeasureBlock):
                block.offer_persons(self._persons)

    def _new_block(self) -> ItemBlock:
        block = self._block_type(self.name, self._specs)
        block.hide_fields(self.hidden)
        if isinstance(block, MeasureBlock):
            block.offer_persons(self._persons)
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
        """Show ``items``, reusing the blocks already there: the request is reloaded after every
        save and export, and building every block anew took 150+ ms of GUI time at once."""
        items = list(items)
        while len(self.blocks) > len(items):
            block = self.blocks.pop()
            block.setParent(None)
            block.deleteLater()
        kept = len(self.blocks)
        for block, item in zip(self.blocks, items[:kept], strict=True):
            block.set(item)
        for item in items[kept:]:
            self._new_block().set(item)
        self._renumber()

    def get(self) -> tuple[Any, ...]:
        return tuple(block.get() for block in self.blocks)

    def widget_for(self, parts: Sequence[str]) -> QWidget:
        if parts and parts[0].isdigit() and int(parts[0]) < len(self.blocks):
            return self.blocks[int(parts[0])].widget_for(parts[1:])
        return self.add_button
