"""The agencies page: every agency, where it sits in its hierarchy, its units and the contacts
working there; add, edit and delete them without the command line."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Agency, Contact
from liaison.services import catalog
from liaison.store.vault import Vault
from ui.i18n import N_, _, ngettext
from ui.models import QueryGuard, country_name, details_html, label
from ui.models.agencies_model import AgenciesModel, AgencyFilterProxy, ancestors, hierarchy_path
from ui.session import Session
from ui.views.agency_editor import AgencyEditor
from ui.views.record_page import RecordPage, record_table
from ui.widgets.handling_badge import HandlingBadge, HandlingDelegate
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


class AgencyDetail(QWidget):
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
        super().__init__(parent)
        self.agency: Agency | None = None
        self._by_id: dict[str, Agency] = {}
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.badge = HandlingBadge()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.units_title, self.contacts_title = QLabel(), QLabel()
        for caption in (self.units_title, self.contacts_title):
            caption.setStyleSheet("font-weight: bold;")
        self.units, self.contacts = QListWidget(), QListWidget()
        self.units.itemActivated.connect(lambda item: self.agency_requested.emit(item.data(_ID)))
        self.contacts.itemActivated.connect(lambda item: self.open_requested.emit("contact", item.data(_ID)))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
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
        rows = ((_(caption), self.values().get(key, "")) for key, caption in self.FIELDS)
        self.text.setHtml(details_html(rows))
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
        rows = ((_(caption), self.values().get(key, "")) for key, caption in self.FIELDS)
        self.text.setHtml(details_html(rows))


class AgenciesView(RecordPage, QWidget):
    """The agencies page (see the page interface in ``ui/views``)."""

    record_type = Agency
    open_requested = Signal(str, str)  # kind, record id: the main window shows it on its page

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.model = AgenciesModel(self)
        self.proxy = AgencyFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.editor: AgencyEditor | None = None
        self._pending_id: str | None = None
        self._contacts: list[Contact] = []
        self._build()
        session.unlocked.connect(self.reload)
        session.records_changed.connect(self._records_changed)
        session.locked.connect(self.clear)
        self.retranslate_ui()
        if session.is_unlocked:
            self.reload()

    def _build(self) -> None:
        self.count_label, self.empty_label = QLabel(), QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_changed)
        self.new_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.table = record_table(self.proxy)
        self.table.sortByColumn(AgenciesModel.PARENT, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(AgenciesModel.HANDLING, HandlingDelegate(self.table))
        for column, width in ((0, 240), (1, 170), (2, 130), (3, 60), (4, 170), (5, 70)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.detail = AgencyDetail()
        self.detail.open_requested.connect(self.open_requested)
        self.detail.agency_requested.connect(self.open_record)
        actions = QHBoxLayout()
        actions.addWidget(self.search, 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        listing = QWidget()
        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty_label, 1)
        column.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(listing)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        remember_splitter(self.splitter, "agencies/splitter", (600, 400))
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)

    # -- page interface -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Filter agencies: name in any script, country, kind, parent…"))
        self.new_button.setText(_("New agency"))
        self.edit_button.setText(_("Edit"))
        self.delete_button.setText(_("Delete"))
        self.empty_label.setText(
            _(
                "No agency yet. Agencies are the police forces, prosecution offices and central "
                "authorities your contacts work for and your requests are addressed to: "
                "add the first one with “New agency” (Ctrl+N)."
            )
        )
        self.model.retranslate()
        self.detail.retranslate_ui()
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
        self._contacts = []
        self.model.clear()
        self.detail.show_agency(None, {}, [])
        self.search.clear()
        self._update_count()

    def reload(self) -> None:
        self.guard.query(load_agencies, self._loaded)

    # -- loading and selection ------------------------------------------------------------------
    def _records_changed(self, kind: str) -> None:
        if kind in KINDS:
            self.reload()

    def _loaded(self, result: Loaded) -> None:
        self._contacts = result.contacts
        counts: dict[str, int] = {}
        for contact in result.contacts:
            if contact.agency_id:
                counts[contact.agency_id] = counts.get(contact.agency_id, 0) + 1
        current = self.current()
        keep = self._pending_id or (current.id if current else None)
        self._pending_id = None
        self.model.set_agencies(result.agencies, counts)
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
            ngettext("{shown} of {total} agency", "{shown} of {total} agencies", total).format(
                shown=self.proxy.rowCount(), total=total
            )
        )
        self.empty_label.setVisible(total == 0)
        self.table.setVisible(total > 0)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_current()

    def _show_current(self) -> None:
        agency = self.current()
        self.detail.show_agency(agency, dict(self.model.by_id()), self._contacts)
        self.edit_button.setEnabled(agency is not None)
        self.delete_button.setEnabled(agency is not None)

    # -- actions --------------------------------------------------------------------------------
    def make_editor(self, record: Agency | None) -> AgencyEditor:
        return AgencyEditor(self.session, record, self.model.records(), self)

    def delete_prompt(self, record: Agency) -> tuple[str, str]:
        return _("Delete agency"), _("Delete the agency {name}? This cannot be undone.").format(
            name=record.name
        )

    def delete_record(self, record: Agency) -> None:
        self.guard.command("agency", lambda vault: catalog.agencies.delete(vault, record.id), None)
