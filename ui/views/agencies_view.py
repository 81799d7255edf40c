"""The agencies page: every agency, where it sits in its hierarchy, its units and the contacts
working there; add, edit and delete them without the command line."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Agency, Contact
from liaison.services import catalog
from liaison.store.vault import Vault
from ui.i18n import N_, _, ngettext
from ui.models import country_name, label
from ui.models.agencies_model import AgenciesModel, AgencyFilterProxy, ancestors, hierarchy_path
from ui.session import Session
from ui.views.agency_editor import AgencyEditor
from ui.views.record_detail import RecordDetail
from ui.views.record_list_page import RecordListPage, Texts
from ui.widgets.handling_badge import HandlingDelegate
from ui.widgets.splitter_memory import remember_splitter

KINDS = frozenset({"agency", "contact", "*"})
_ID = int(Qt.ItemDataRole.UserRole)


@dataclass(frozen=True)
class Loaded:
    agencies: list[Agency]
    contacts: list[Contact]


def load_agencies(vault: Vault) -> Loaded:
    """Store thread: every agency and every contact (to list who works where)."""
    return Loaded(catalog.agencies.list(vault), catalog.contacts.list(vault))


class AgencyDetail(RecordDetail):
    """The selected agency: its fields, the chain above it, its units and its people."""

    open_requested = Signal(str, str)  # kind, record id
    agency_requested = Signal(str)  # a unit or parent to select on this page

    FIELDS = (
        ("native", N_("Native name")),
        ("kind", N_("Kind")),
        ("country", N_("Country")),
        ("region", N_("Region")),
        ("hierarchy", N_("Part of")),
        ("address", N_("Address")),
        ("notes", N_("Notes")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, title_scale=1.15)
        self.agency: Agency | None = None
        self._by_id: dict[str, Agency] = {}
        self.units_title, self.contacts_title = QLabel(), QLabel()
        for caption in (self.units_title, self.contacts_title):
            caption.setStyleSheet("font-weight: bold;")
        self.units, self.contacts = QListWidget(), QListWidget()
        self.units.itemActivated.connect(lambda item: self.agency_requested.emit(item.data(_ID)))
        self.contacts.itemActivated.connect(lambda item: self.open_requested.emit("contact", item.data(_ID)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.units_title)
        layout.addWidget(self.units, 1)
        layout.addWidget(self.contacts_title)
        layout.addWidget(self.contacts, 2)
        self.show_agency(None, {}, [])

    def values(self) -> dict[str, str]:
        a = self.agency
        if a is None:
            return {}
        above = ancestors(a, self._by_id)
        return {
            "native": a.name_native,
            "kind": label(a.kind),
            "country": f"{country_name(a.country)} ({a.country})" if a.country else "",
            "region": a.region,
            "hierarchy": hierarchy_path(above[0], self._by_id) if above else "",
            "address": a.address,
            "notes": a.notes,
        }

    def show_agency(self, a: Agency | None, by_id: dict[str, Agency], contacts: list[Contact]) -> None:
        self.agency, self._by_id = a, by_id
        self.badge.set_handling(a.handling if a else None)
        self.title.setText(a.name if a else _("No agency selected"))
        self.render_fields()
        self.units.clear()
        self.contacts.clear()
        units = sorted(
            (u for u in by_id.values() if a and u.parent_id == a.id), key=lambda u: u.name.casefold()
        )
        for unit in units:
            item = QListWidgetItem(unit.name)
            item.setData(_ID, unit.id)
            self.units.addItem(item)
        people = sorted(
            (c for c in contacts if a and c.agency_id == a.id), key=lambda c: c.full_name.casefold()
        )
        for person in people:
            text = (
                f"{person.full_name} — {label(person.role)}"
                if person.unit == ""
                else (f"{person.full_name} — {person.unit}")
            )
            item = QListWidgetItem(text)
            item.setData(_ID, person.id)
            item.setToolTip(_("Double-click to open this contact"))
            self.contacts.addItem(item)
        self._retitle(len(units), len(people))

    def _retitle(self, units: int, people: int) -> None:
        # No empty boxes: a list shows when it has something (the count of contacts stays, as news).
        self.units_title.setVisible(units > 0)
        self.units.setVisible(units > 0)
        self.contacts.setVisible(people > 0)
        self.units_title.setText(
            ngettext("{count} unit below", "{count} units below", units).format(count=units)
        )
        self.contacts_title.setText(
            ngettext("{count} contact working here", "{count} contacts working here", people).format(
                count=people
            )
        )

    def retranslate_ui(self) -> None:
        self._retitle(self.units.count(), self.contacts.count())
        if self.agency is None:
            self.title.setText(_("No agency selected"))
        self.render_fields()


class AgenciesView(RecordListPage):
    """The agencies page (see the page interface in ``ui/views``)."""

    record_type = Agency
    kinds = KINDS
    open_requested = Signal(str, str)  # kind, record id: the main window shows it on its page

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, AgenciesModel(), AgencyFilterProxy(), parent)
        self.model.setParent(self)
        self.proxy.setParent(self)
        self._contacts: list[Contact] = []
        self.table.sortByColumn(AgenciesModel.PARENT, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(AgenciesModel.HANDLING, HandlingDelegate(self.table))
        for column, width in ((0, 240), (1, 170), (2, 130), (3, 60), (4, 170), (5, 70)):
            self.table.setColumnWidth(column, width)
        self.detail = AgencyDetail()
        self.detail.open_requested.connect(self.open_requested)
        self.detail.agency_requested.connect(self.open_record)
        self.build_page(self.detail)
        self.start()

    def arrange(self, listing: QWidget, detail: QWidget) -> QWidget:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(listing)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        remember_splitter(self.splitter, "agencies/splitter", (600, 400))
        return self.splitter

    # -- hooks ----------------------------------------------------------------------------------
    load = staticmethod(load_agencies)

    def texts(self) -> Texts:
        return Texts(
            filter_placeholder=_("Filter agencies: name in any script, country, kind, parent…"),
            new_button=_("New agency"),
            none_yet=_(
                "No agency yet. Agencies are the police forces, prosecution offices and central "
                "authorities your contacts work for and your requests are addressed to: "
                "add the first one with “New agency” (Ctrl+N)."
            ),
            none_selected=_(
                "Choose an agency in the list to see where it sits, its units and the contacts working there."
            ),
        )

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} of {total} agency", "{shown} of {total} agencies", total).format(
            shown=shown, total=total
        )

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.detail.retranslate_ui()

    def clear_page(self) -> None:
        self._contacts = []

    def apply_loaded(self, result: Loaded) -> None:
        self._contacts = result.contacts
        counts: dict[str, int] = {}
        for contact in result.contacts:
            if contact.agency_id:
                counts[contact.agency_id] = counts.get(contact.agency_id, 0) + 1
        self.model.set_agencies(result.agencies, counts)

    def show_record(self, record: Agency | None) -> None:
        self.detail.show_agency(record, dict(self.model.by_id()), self._contacts)

    # -- actions --------------------------------------------------------------------------------
    def make_editor(self, record: Agency | None) -> AgencyEditor:
        return AgencyEditor(self.session, record, self.model.records(), self)

    def delete_prompt(self, record: Agency) -> tuple[str, str]:
        return _("Delete agency"), _("Delete the agency {name}? This cannot be undone.").format(
            name=record.name
        )

    def delete_record(self, record: Agency) -> None:
        self.guard.command("agency", lambda vault: catalog.agencies.delete(vault, record.id), None)
