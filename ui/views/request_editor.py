"""The guided MLA request editor: one group per document section, in document order.

Every input is a small *binding* (a widget plus ``get``/``set``) registered under the request field
path it edits (``facts``, ``requesting_authority.name``, ``measures.0.purpose``), so the validation
panel can focus the widget an issue names. Lists of sections (offences, persons, measures, legal
bases, earlier requests, annexes) are repeating blocks. Nothing here touches the vault: saving,
"use as addressee" and annex hashing go through the session and the task runner.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from liaison.documents import texts
from liaison.documents.texts import SectionKey
from liaison.domain import Agency
from liaison.domain.mla import (
    EIO_ONLY_OFFENCE_FIELDS,
    Annex,
    Authority,
    ContactOfficer,
    InstrumentKind,
    LegalBasis,
    MlaRequest,
)
from liaison.errors import LiaisonError
from liaison.services import catalog, mla
from liaison.store.vault import Vault
from ui.dialogs import error_message
from ui.i18n import _, error_text
from ui.models import QueryGuard
from ui.models.requests_model import doc_text, field_text
from ui.session import Session
from ui.sync.local_only import LocalOnlyBox
from ui.views.request_blocks import (
    ItemBlock,
    ItemSpec,
    MeasureBlock,
    RepeatingSection,
    item_specs,
)
from ui.views.request_sections import RequestSections
from ui.views.translate_view import when_alive
from ui.widgets.form_fields import (
    Binding,
    BoolBinding,
    Choice,
    ChoiceBinding,
    DateBinding,
    EnumBinding,
    EnumSetBinding,
    IntBinding,
    LinesBinding,
    ListBinding,
    LongTextBinding,
    TextBinding,
)
from ui.widgets.splitter_memory import remember_splitter

__all__ = [
    "KIND",
    "Binding",
    "BoolBinding",
    "Choice",
    "ChoiceBinding",
    "DateBinding",
    "EditorChoices",
    "EnumBinding",
    "EnumSetBinding",
    "IntBinding",
    "ItemBlock",
    "ItemSpec",
    "LinesBinding",
    "ListBinding",
    "LongTextBinding",
    "MeasureBlock",
    "RepeatingSection",
    "RequestEditor",
    "TextBinding",
    "item_specs",
]

KIND = "mla_request"
# Built gradually, one part takes about this much GUI time at most (seconds; at least one section).
BUILD_BUDGET_S = 0.012
# Narrower than this (pixels of form), captions go above their fields instead of beside them.
NARROW_FORM = 620
CAPTION_MARGIN = 30  # margins of one group box around a caption, both sides (generous)


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


class RequestEditor(RequestSections, QWidget):
    """``saved(MlaRequest)`` after every successful write; ``edited()`` on every change.

    ``gradual``: build only the frame now and the 18 sections (about 110 fields, 60+ ms of GUI time
    in one go) a few at a time, one part per ``build_more()`` call, so that preparing the window
    behind the unlock dialog never freezes it. Anything that reads or shows the form
    (``load``, ``values``, ``binding``, being shown...) finishes the build first, so the officer
    and the callers always meet the whole form.
    """

    saved = Signal(object)
    edited = Signal()
    dirty_changed = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None, *, gradual: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self._request: MlaRequest | None = None
        self._choices = EditorChoices()
        self._bindings: dict[str, Binding] = {}
        self._lists: dict[str, RepeatingSection] = {}
        self._groups: dict[SectionKey, QGroupBox] = {}
        self._narrow: bool | None = None
        self._loading = False
        self._dirty = False
        self.agency_editor: QWidget | None = None
        self._pending_sections: list[Callable[[], None]] = []
        self._finished = False
        self._build()
        if not gradual:
            self.finish_build()

    @property
    def built(self) -> bool:
        """True once every section is built and the empty draft loaded."""
        return self._finished

    def build_more(self) -> bool:
        """Build the next few sections (about ``BUILD_BUDGET_S`` of work), or, once all are there,
        name them and load the empty draft; True while some work is left."""
        if self._finished:
            return False
        if not self._pending_sections:
            self.finish_build()  # its own turn: naming and loading ~110 fields takes time too
            return False
        began = time.perf_counter()
        while self._pending_sections and time.perf_counter() - began < BUILD_BUDGET_S:
            self._pending_sections.pop(0)()
        return True

    def finish_build(self) -> None:
        """Build what is left at once (the form is needed now), then name and load it."""
        if self._finished:
            return
        while self._pending_sections:
            self._pending_sections.pop(0)()
        self._content.addStretch(1)
        self._finished = True
        self.retranslate_ui()
        self.set_choices(self._choices)
        self.load(self._request)

    def showEvent(self, event: QShowEvent) -> None:
        self.finish_build()
        super().showEvent(event)

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
        self.local_only = LocalOnlyBox(self.guard, self.session, KIND, immediate=True, parent=self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.local_only)
        top.addWidget(self.save_button)
        self.nav = QListWidget()
        self.nav.setMinimumWidth(120)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.nav.currentRowChanged.connect(self._go_to_section)
        content = QWidget()
        self._content = QVBoxLayout(content)
        self._pending_sections = self._section_builders()
        self._pending_sections.pop(0)()  # the header: the rest by ``build_more`` or ``finish_build``
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        self.scroll.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.scroll.viewport().installEventFilter(self)
        # The outline can be dragged away (or back) on a small screen; its width is remembered.
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.nav)
        self.body.addWidget(self.scroll)
        self.body.setStretchFactor(1, 1)
        self.body.setCollapsible(1, False)
        remember_splitter(self.body, "requests/outline", (150, 600))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.body, 1)
        from ui.views import case_attachments  # noqa: PLC0415  (the request's own documents)

        self.attachments = case_attachments.for_request(self, self.session)
        layout.addWidget(self.attachments)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._finished and watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._reflow(self.scroll.viewport().width())
        return super().eventFilter(watched, event)

    def _reflow(self, width: int) -> None:
        """Below ``NARROW_FORM`` pixels every caption goes above its field (one column)."""
        narrow = width < NARROW_FORM
        if narrow != self._narrow or narrow:
            self._narrow = narrow
            self._apply_form_policy()

    def _apply_form_policy(self) -> None:
        """Every form of the editor, including the blocks of repeating sections added since."""
        wrap = QFormLayout.RowWrapPolicy
        policy = wrap.WrapAllRows if self._narrow else wrap.WrapLongRows
        content = self.scroll.widget()
        direction = QBoxLayout.Direction
        self.contact_buttons.setDirection(direction.TopToBottom if self._narrow else direction.LeftToRight)
        for form in content.findChildren(QFormLayout):
            if form.rowWrapPolicy() != policy:
                form.setRowWrapPolicy(policy)
            room = self._caption_room(content, form) if self._narrow else 0
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if isinstance(label, QLabel):
                    # Above its field a wrapping caption takes the width Qt guesses for it (often
                    # two short lines): only a caption longer than the row wraps.
                    natural = label.fontMetrics().horizontalAdvance(label.text()) + 4
                    label.setWordWrap(not self._narrow or natural > room)

    def _caption_room(self, content: QWidget, form: QFormLayout) -> int:
        """About the width of ``form``'s rows with the content as wide as the viewport (on the
        safe side: the group boxes around it and their margins)."""
        depth, box = 0, form.parentWidget()
        while box is not None and box is not content:
            depth += isinstance(box, QGroupBox)
            box = box.parentWidget()
        return self.scroll.viewport().width() - CAPTION_MARGIN * depth - 30

    def _follow_scroll(self, value: int) -> None:
        """Keep the outline on the section being read (without scrolling back to its top)."""
        row = 0
        for index, key in enumerate(texts.SECTION_ORDER):
            box = self._groups.get(key)
            if box is not None and box.isVisible() and box.y() <= value + 8:
                row = index
        if row != self.nav.currentRow():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)

    # --- language -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save the request (Ctrl+S)"))
        self.local_only.retranslate_ui()
        self.nav.clear()
        for key in texts.SECTION_ORDER:
            title = f"{texts.SECTION_ORDER.index(key) + 1}. {doc_text(texts.SECTION_HEADINGS[key])}"
            self.nav.addItem(title)
        if not self._finished:
            return  # ``finish_build`` names the sections and fields
        for index, key in enumerate(texts.SECTION_ORDER):
            self._groups[key].setTitle(self.nav.item(index).text())
        for path, binding in self._bindings.items():
            binding.set_label(binding.label or field_text(path))
            binding.retranslate_ui()  # choices named in the document catalogs (type of instrument…)
        for box, prefix in self._authority_boxes:
            box.setTitle(field_text(prefix))
        self.validating_needed.set_label(_("A validating judicial authority is needed (EIO section L)"))
        self.contact_picker.widget.setToolTip(_("Pick a contact from the directory"))
        self.contact_label.setText(_("From contacts"))
        self.use_addressee.setText(_("Use as addressee"))
        self.new_agency_button.setText(_("New agency…"))
        self.new_agency_button.setToolTip(_("Add the addressed authority if it is not in the list yet"))
        self.use_officer.setText(_("Use as contact officer"))
        self.propose_button.setText(_("Propose from agreements"))
        self.propose_button.setToolTip(_("Add the agreements to which both States are parties"))
        self.annex_file_button.setText(_("Add a file…"))
        self.facts_hint.setText(
            _("Who, what, when, where and how; the link to the requested State; the stage reached.")
        )
        self.translator_hint.setText(
            _(
                "Translators certify one language each, in the Translation tab (or with liaison mla "
                "certify --lang). A certification counts only for its language and the exact text it "
                "names; any later edit of that text voids it and the marks return."
            )
        )
        for section in self._lists.values():
            section.retranslate_ui()
        self.offer_persons()
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
        if not self._finished:
            return  # ``finish_build`` fills the pickers
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
        self.finish_build()
        self._loading = True
        try:
            self._request = request
            self.local_only.show_record(request.id if request else None)
            source = request or MlaRequest()
            for path, binding in self._bindings.items():
                binding.set(self._value_at(source, path))
            for name, section in self._lists.items():
                section.set(getattr(source, name))
            self.offer_persons()
            self.validating_needed.set(source.validating_authority is not None)
            self._on_validating_toggled()
            self._on_instrument_changed()
        finally:
            self._loading = False
        self._apply_form_policy()  # blocks of repeating sections were rebuilt
        self.attachments.show_request(request.id if request else None, request.case_id if request else None)
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
        self.finish_build()
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
        for name, section in self._lists.items():
            values[name] = section.get()
        return values

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
        self._apply_form_policy()  # a block may have been added
        self._set_dirty(True)
        self.edited.emit()

    def _on_validating_toggled(self) -> None:
        self.validating_box.setVisible(bool(self.validating_needed.get()))

    def _on_instrument_changed(self) -> None:
        """A letter of request ignores the EIO's Annex D fields: they are hidden for one, shown
        again (with their values) when the request becomes an EIO."""
        if "offences" in self._lists:
            self._lists["offences"].hide_fields(self.ignored_offence_fields())

    def ignored_offence_fields(self) -> frozenset[str]:
        kind = self._bindings["instrument_kind"].get()
        return frozenset() if kind == InstrumentKind.EIO else EIO_ONLY_OFFENCE_FIELDS

    def shows_field(self, path: str) -> bool:
        """False for a field path the form hides for this request (``offences.0.eio_category``
        of a letter): the validation panel leaves its issues out, as the letter ignores it."""
        parts = path.split(".")
        return not (len(parts) >= 3 and parts[0] == "offences" and parts[2] in self.ignored_offence_fields())

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
        self.finish_build()
        widget = self.widget_for(path)
        if widget is None:
            return False
        self.scroll.ensureWidgetVisible(widget, 40, 40)
        widget.setFocus()
        return True

    def binding(self, path: str) -> Binding:
        """The input of a field path such as ``facts`` or ``requesting_authority.name``."""
        self.finish_build()
        return self._bindings[path]

    def section(self, name: str) -> RepeatingSection:
        """The repeating blocks of a list field such as ``measures``."""
        self.finish_build()
        return self._lists[name]

    def widget_for(self, path: str) -> QWidget | None:
        self.finish_build()
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
            self.show_error(error_message(err))
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
        self.guard.command(KIND, self.local_only.wrap(work), self._saved, self._failed)

    def _saved(self, request: MlaRequest) -> None:
        self.save_button.setEnabled(True)
        self.load(request)
        self.saved.emit(request)

    def _failed(self, err: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(err, LiaisonError):
            raise err
        self.show_error(_("Not saved: {reason}").format(reason=error_text(err)))

    def use_contact(self, role: str) -> None:
        contact_id = self.contact_picker.get()
        if not contact_id:
            self.show_error(_("Pick a contact first."))
            return
        if role == "addressee":
            self.save_then(lambda vault, rid: mla.set_addressee(vault, rid, contact_id))
        else:
            self.save_then(lambda vault, rid: mla.set_contact_officer(vault, rid, contact_id))

    def new_addressee_agency(self) -> None:
        """Create the addressed agency without leaving the request; it becomes the addressee."""
        self.guard.query(catalog.agencies.list, self._open_agency_editor)

    def _open_agency_editor(self, agencies: list[Agency]) -> None:
        from ui.views.agency_editor import AgencyEditor  # noqa: PLC0415  (a dialog built on demand)

        country = str(self._bindings["requested_state"].get() or "")
        editor = AgencyEditor(self.session, None, agencies, self, country=country)
        editor.saved.connect(lambda agency_id: self._agency_added(agency_id, editor.saved_label()))
        self.agency_editor = editor
        editor.open()

    def _agency_added(self, agency_id: str, name: str) -> None:
        if all(value != agency_id for value, _label in self._choices.agencies):
            agencies = (*self._choices.agencies, (agency_id, name))
            self.set_choices(dataclasses.replace(self._choices, agencies=agencies))
        self._bindings["addressee_id"].set(agency_id)
        self._on_edited()

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
