"""The agreements page: the registry, the selected agreement, its parties and their reservations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Agreement, Party
from liaison.services import catalog
from liaison.store.vault import Vault
from ui.i18n import N_, _, ngettext
from ui.models import ObjectRole, country_name, format_date, label, language_name
from ui.models.agreements_model import AgreementFilterProxy, AgreementsModel, PartiesModel
from ui.session import Session
from ui.views.agreement_dialogs import AgreementEditor
from ui.views.record_detail import RecordDetail
from ui.views.record_list_page import RecordListPage, Texts
from ui.views.record_page import record_table
from ui.widgets.handling_badge import HandlingDelegate
from ui.widgets.splitter_memory import remember_splitter

KINDS = frozenset({"agreement", "party", "agency", "*"})

Loaded = tuple[list[Agreement], list[Party], dict[str, str]]


def load_agreements(vault: Vault) -> Loaded:
    """Store thread: every agreement, every party, and agency names (central authorities)."""
    agencies = {a.id: a.name for a in catalog.agencies.list(vault)}
    return catalog.agreements.list(vault), catalog.parties.list(vault), agencies


class AgreementDetail(RecordDetail):
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
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
        self.render_fields()

    def retranslate_ui(self) -> None:
        self.show_agreement(self.agreement)


class AgreementsView(RecordListPage):
    """The agreements page (see the page interface in ``ui/views``)."""

    record_type = Agreement
    kinds = KINDS

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, AgreementsModel(), AgreementFilterProxy(), parent)
        self.model.setParent(self)
        self.proxy.setParent(self)
        self.parties_model = PartiesModel(self)
        self.parties_proxy = AgreementFilterProxy(self)
        self.parties_proxy.setSourceModel(self.parties_model)
        self._parties: list[Party] = []
        self._agencies: dict[str, str] = {}
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
        self.parties_table.selectionModel().selectionChanged.connect(self._party_changed)
        self.build_page(self._bottom())
        self.start()

    def _bottom(self) -> QWidget:
        """The selected agreement beside its parties."""
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
        remember_splitter(bottom, "agreements/parties", (400, 600))
        bottom.setChildrenCollapsible(False)
        return bottom

    def arrange(self, listing: QWidget, detail: QWidget) -> QWidget:
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(listing)
        main.addWidget(detail)
        main.setStretchFactor(0, 1)
        main.setStretchFactor(1, 1)
        remember_splitter(main, "agreements/splitter", (340, 360))
        main.setChildrenCollapsible(False)
        return main

    # -- hooks ----------------------------------------------------------------------------------
    load = staticmethod(load_agreements)

    def texts(self) -> Texts:
        return Texts(
            filter_placeholder=_("Filter agreements: name, title, kind, scope…"),
            new_button=_("New agreement"),
            none_yet=_(
                "No agreement yet. Record the treaties and arrangements that allow cooperation "
                "(UNTOC, the 1959 Convention, bilateral treaties…), with each State's party status, "
                "accepted languages and reservations: add the first one with “New agreement” (Ctrl+N)."
            ),
            none_selected=_("Choose an agreement in the list to see its parties and their reservations."),
        )

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} of {total} agreement", "{shown} of {total} agreements", total).format(
            shown=shown, total=total
        )

    def retranslate_ui(self) -> None:
        self.parties_title.setText(_("Parties"))
        self.party_text.setPlaceholderText(_("Select a party to read its reservations and declarations."))
        self.parties_model.retranslate()
        super().retranslate_ui()
        self.detail.retranslate_ui()
        self._party_changed()

    def clear_page(self) -> None:
        self._parties, self._agencies = [], {}
        self.parties_model.clear()
        self.party_text.clear()

    def apply_loaded(self, result: Loaded) -> None:
        agreements, self._parties, self._agencies = result
        self.model.set_records(agreements)

    def show_record(self, record: Agreement | None) -> None:
        self.detail.show_agreement(record)
        parties = [p for p in self._parties if record and p.agreement_id == record.id]
        self.parties_model.set_parties(parties, self._agencies)
        self.parties_title.setText(
            ngettext("{count} party", "{count} parties", len(parties)).format(count=len(parties))
            if record
            else _("Parties")
        )
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
