"""The agreements page: the registry, the selected agreement, its parties and their reservations."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Agreement, Party
from liaison.services import catalog
from liaison.store.vault import Vault
from ui.i18n import N_, _, ngettext
from ui.models import ObjectRole, QueryGuard, country_name, details_html, format_date, label, language_name
from ui.models.agreements_model import AgreementFilterProxy, AgreementsModel, PartiesModel
from ui.session import Session
from ui.views.agreement_dialogs import AgreementEditor
from ui.views.record_page import RecordPage, record_table
from ui.widgets.handling_badge import HandlingBadge, HandlingDelegate

KINDS = frozenset({"agreement", "party", "agency", "*"})

Loaded = tuple[list[Agreement], list[Party], dict[str, str]]


def load_agreements(vault: Vault) -> Loaded:
    """Store thread: every agreement, every party, and agency names (central authorities)."""
    agencies = {a.id: a.name for a in catalog.agencies.list(vault)}
    return catalog.agreements.list(vault), catalog.parties.list(vault), agencies


class AgreementDetail(QWidget):
    FIELDS = (
        ("short_name", N_("Short name")),
        ("kind", N_("Kind")),
        ("status", N_("Status")),
        ("adopted", N_("Adopted")),
        ("in_force", N_("In force")),
        ("rule_set", N_("Rule set")),
        ("relationship", N_("Relationship")),
        ("source", N_("Source")),
        ("notes", N_("Notes")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agreement: Agreement | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.badge = HandlingBadge()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.text, 1)
        self.show_agreement(None)

    def values(self) -> dict[str, str]:
        a = self.agreement
        if a is None:
            return {}
        return {
            "short_name": a.short_name,
            "kind": label(a.kind),
            "status": label(a.status),
            "adopted": format_date(a.adopted_on),
            "in_force": format_date(a.in_force_on),
            "rule_set": a.rule_set,
            "relationship": a.relationship,
            "source": a.source_url,
            "notes": a.notes,
        }

    def show_agreement(self, a: Agreement | None) -> None:
        self.agreement = a
        self.badge.set_handling(a.handling if a else None)
        self.title.setText(a.title if a else _("No agreement selected"))
        values = self.values()
        self.text.setHtml(details_html((_(caption), values.get(key, "")) for key, caption in self.FIELDS))

    def retranslate_ui(self) -> None:
        self.show_agreement(self.agreement)


class AgreementsView(RecordPage, QWidget):
    """The agreements page (see the page interface in ``ui/views``)."""

    record_type = Agreement

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.model = AgreementsModel(self)
        self.proxy = AgreementFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.parties_model = PartiesModel(self)
        self.parties_proxy = AgreementFilterProxy(self)
        self.parties_proxy.setSourceModel(self.parties_model)
        self.editor: AgreementEditor | None = None
        self._parties: list[Party] = []
        self._agencies: dict[str, str] = {}
        self._pending_id: str | None = None
        self._build()
        session.unlocked.connect(self.reload)
        session.records_changed.connect(self._records_changed)
        session.locked.connect(self.clear)
        self.retranslate_ui()
        if session.is_unlocked:
            self.reload()

    def _build(self) -> None:
        self.count_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.new_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.table = record_table(self.proxy)
        self.table.sortByColumn(AgreementsModel.SHORT_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(AgreementsModel.HANDLING, HandlingDelegate(self.table))
        for column, width in ((0, 130), (1, 380), (2, 170), (3, 120), (4, 90)):
            self.table.setColumnWidth(column, width)
        self.detail = AgreementDetail()
        self.parties_title = QLabel()
        self.parties_title.setStyleSheet("font-weight: bold;")
        self.parties_table = record_table(self.parties_proxy)
        self.parties_table.sortByColumn(PartiesModel.COUNTRY, Qt.SortOrder.AscendingOrder)
        self.parties_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 70), (1, 80), (2, 85), (3, 85), (4, 85), (5, 140), (6, 200), (7, 160)):
            self.parties_table.setColumnWidth(column, width)
        self.party_text = QPlainTextEdit()
        self.party_text.setReadOnly(True)
        self.party_text.setMinimumHeight(60)
        self.search.textChanged.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.parties_table.selectionModel().selectionChanged.connect(self._party_changed)
        self._layout()

    def _layout(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.search, 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        registry = QWidget()
        registry_layout = QVBoxLayout(registry)
        registry_layout.setContentsMargins(0, 0, 0, 0)
        registry_layout.addWidget(self.table, 1)
        registry_layout.addWidget(self.count_label)
        parties = QWidget()
        parties_layout = QVBoxLayout(parties)
        parties_layout.setContentsMargins(0, 0, 0, 0)
        parties_layout.addWidget(self.parties_title)
        parties_layout.addWidget(self.parties_table, 3)
        parties_layout.addWidget(self.party_text, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.detail)
        bottom.addWidget(parties)
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 3)
        bottom.setSizes([400, 600])
        bottom.setChildrenCollapsible(False)
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(registry)
        main.addWidget(bottom)
        main.setStretchFactor(0, 1)
        main.setStretchFactor(1, 1)
        main.setSizes([340, 360])
        main.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(main, 1)

    # -- page interface -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Filter agreements: name, title, kind, scope…"))
        self.new_button.setText(_("New agreement"))
        self.edit_button.setText(_("Edit"))
        self.delete_button.setText(_("Delete"))
        self.parties_title.setText(_("Parties"))
        self.party_text.setPlaceholderText(_("Select a party to read its reservations and declarations."))
        self.model.retranslate()
        self.parties_model.retranslate()
        self.detail.retranslate_ui()
        self._party_changed()
        self._update_count()
        if self.editor is not None:
            self.editor.retranslate_ui()

    def new_item(self) -> None:
        self._open_editor(None)

    def open_record(self, record_id: str) -> None:
        if self.model.row_of(record_id) < 0:
            self._pending_id = record_id
            self.reload()
            return
        if self.proxy.proxy_row_of(record_id) < 0:
            self.search.clear()
        self.select(record_id)

    def clear(self) -> None:
        self.guard.invalidate()
        self._pending_id = None
        if self.editor is not None:
            self.editor.reject()
            self.editor.deleteLater()
            self.editor = None
        self._parties, self._agencies = [], {}
        self.model.clear()
        self.parties_model.clear()
        self.detail.show_agreement(None)
        self.party_text.clear()
        self.search.clear()
        self._update_count()

    def reload(self) -> None:
        self.guard.query(load_agreements, self._loaded)

    # -- loading and selection ------------------------------------------------------------------
    def _records_changed(self, kind: str) -> None:
        if kind in KINDS:
            self.reload()

    def _loaded(self, result: Loaded) -> None:
        agreements, self._parties, self._agencies = result
        current = self.current()
        keep = self._pending_id or (current.id if current else None)
        self._pending_id = None
        self.model.set_records(agreements)
        self._update_count()
        if keep:
            self.select(keep)
        self._show_current()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        self.count_label.setText(
            ngettext("{shown} of {total} agreement", "{shown} of {total} agreements", total).format(
                shown=self.proxy.rowCount(), total=total
            )
        )

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_current()

    def _show_current(self) -> None:
        agreement = self.current()
        self.detail.show_agreement(agreement)
        parties = [p for p in self._parties if agreement and p.agreement_id == agreement.id]
        self.parties_model.set_parties(parties, self._agencies)
        self.parties_title.setText(
            ngettext("{count} party", "{count} parties", len(parties)).format(count=len(parties))
            if agreement
            else _("Parties")
        )
        self.edit_button.setEnabled(agreement is not None)
        self.delete_button.setEnabled(agreement is not None)
        self._party_changed()

    def _party_changed(self, *_args: object) -> None:
        rows = self.parties_table.selectionModel().selectedRows()
        party = rows[0].data(ObjectRole) if rows else None
        if not isinstance(party, Party):
            self.party_text.clear()
            return
        lines = [f"{party.country} – {country_name(party.country)}"]
        if party.accepted_languages:
            names = ", ".join(language_name(code) for code in party.accepted_languages)
            lines.append(_("Accepted languages: {languages}").format(languages=names))
        authority = self.parties_model.authority_name(party)
        if authority:
            lines.append(_("Central authority: {name}").format(name=authority))
        lines.append(_("Reservations: {text}").format(text=party.reservations or _("none recorded")))
        lines.append(_("Declarations: {text}").format(text=party.declarations or _("none recorded")))
        lines.append(_("Handling: {label}").format(label=party.handling.value))
        self.party_text.setPlainText("\n".join(lines))

    # -- actions --------------------------------------------------------------------------------
    def make_editor(self, record: Agreement | None) -> AgreementEditor:
        return AgreementEditor(self.session, record, self)

    def delete_prompt(self, record: Agreement) -> tuple[str, str]:
        name = record.short_name or record.title
        question = _("Delete the agreement {name} and its list of parties? This cannot be undone.").format(
            name=name
        )
        return _("Delete agreement"), question

    def delete_record(self, record: Agreement) -> None:
        self.guard.command("agreement", lambda vault: catalog.agreements.delete(vault, record.id), None)
