"""The request editor's form, one group per document section in document order.

``RequestSections`` is a plain mixin of ``RequestEditor`` (listed before ``QWidget``): its builders
add each section's group box to ``_content`` and register every binding under the request field path
it edits (``_bindings``) and every repeating section under its list name (``_lists``). The editor
provides the slots the builders connect (``_on_edited``, ``use_contact``, ``propose_legal_bases``...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from liaison.documents import texts
from liaison.documents.texts import SectionKey
from liaison.domain.mla import (
    Annex,
    EarlierRequest,
    InstrumentKind,
    LegalBasis,
    Offence,
    Person,
    ProceedingsType,
    ResultsForm,
    Undertaking,
    UrgencyReason,
)
from ui.views.request_blocks import (
    MeasureBlock,
    RepeatingSection,
    item_specs,
    person_choice,
)
from ui.widgets.form_fields import (
    Binding,
    BoolBinding,
    ChoiceBinding,
    ChoiceWithButton,
    DateBinding,
    EnumBinding,
    EnumSetBinding,
    LinesBinding,
    ListBinding,
    LongTextBinding,
    TextBinding,
    WrapTitleGroup,
)

_AUTHORITY_FULL = ("name", "kind", "address", "phone", "email", "representative", "post", "file_number")


class RequestSections:
    """Builds the editor's sections; see the module docstring for what the editor provides."""

    _content: QVBoxLayout
    _groups: dict[SectionKey, QGroupBox]
    _bindings: dict[str, Binding]
    _lists: dict[str, RepeatingSection]
    _on_edited: Callable[[], None]
    _on_validating_toggled: Callable[[], None]
    _on_instrument_changed: Callable[[], None]
    _choose_annex_file: Callable[[], None]
    use_contact: Callable[[str], None]
    propose_legal_bases: Callable[[], None]
    new_addressee_agency: Callable[[], None]

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
        box = WrapTitleGroup()
        self._groups[key] = box
        self._content.addWidget(box)
        form = QFormLayout(box)
        box.attach(form)
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
        kind = self._add(form, "instrument_kind", EnumBinding(InstrumentKind, texts.INSTRUMENT_KIND_LABELS))
        kind.connect(self._on_instrument_changed)
        self._add(form, "rule_set", ChoiceBinding())
        self._add(form, "case_id", ChoiceBinding(empty=True, none=True))
        self._add(form, "request_date", DateBinding())
        self._add(form, "place", TextBinding())
        self._add(form, "language", ChoiceBinding())
        self.new_agency_button = QPushButton()
        self.new_agency_button.clicked.connect(self.new_addressee_agency)
        self._add(form, "addressee_id", ChoiceWithButton(self.new_agency_button, empty=True, none=True))
        self._add(form, "addressee_contact_id", ChoiceBinding(empty=True, none=True))
        self._add(form, "transmission_channel", TextBinding())
        self.contact_picker = ChoiceBinding(empty=True, none=True)
        self.use_addressee = QPushButton()
        self.use_addressee.clicked.connect(lambda: self.use_contact("addressee"))
        self.use_officer = QPushButton()
        self.use_officer.clicked.connect(lambda: self.use_contact("officer"))
        self.contact_buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # stacked when narrow
        self.contact_buttons.addWidget(self.use_addressee)
        self.contact_buttons.addWidget(self.use_officer)
        row = QVBoxLayout()
        row.addWidget(self.contact_picker.widget)
        row.addLayout(self.contact_buttons)
        self.contact_label = QLabel()
        self.contact_label.setWordWrap(True)
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
        validating = (*_AUTHORITY_FULL, "validated_on", "main_contact")
        self.validating_box = self._sub_form(form, "validating_authority", validating)

    def _sub_form(self, form: QFormLayout, prefix: str, attrs: Sequence[str]) -> QGroupBox:
        box = WrapTitleGroup()
        self._authority_boxes.append((box, prefix))
        sub = QFormLayout(box)
        box.attach(sub)
        sub.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for attr in attrs:
            if attr == "languages":
                binding: Binding = ListBinding()
            elif attr == "functions":
                binding = LongTextBinding(lines=2)
            elif attr == "validated_on":
                binding = DateBinding()
            elif attr == "main_contact":
                binding = BoolBinding()
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
        section = self._add_list(form, name, RepeatingSection(name, item_specs(cls)))
        self._on_instrument_changed()  # built after the header: hide what the instrument ignores
        return section

    def _build_assistance(self) -> None:
        form = self._section(SectionKey.ASSISTANCE)
        self._add_list(form, "measures", RepeatingSection("measures", (), block_type=MeasureBlock))
        self._add(form, "purpose", LongTextBinding(lines=4))
        self._lists["persons"].changed.connect(self.offer_persons)

    def offer_persons(self) -> None:
        """Each measure's person check boxes follow the Persons section as it is being edited."""
        try:
            persons = self._lists["persons"].get()
        except ValueError:
            return  # a person's field is mid-edit (say, half a date): keep the names offered so far
        self._lists["measures"].offer_persons([person_choice(n, p) for n, p in enumerate(persons, start=1)])

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
