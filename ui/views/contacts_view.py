"""The contacts page: filter bar, sortable table, detail pane with local time and copy buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Contact, TrustLevel
from liaison.services import catalog
from liaison.store.vault import Vault
from ui import clipboard
from ui.i18n import _, ngettext
from ui.models import ObjectRole, country_name, label, language_name
from ui.models.contacts_model import (
    ContactFilterProxy,
    ContactsModel,
    is_overdue,
)
from ui.session import Session
from ui.views.contact_detail import ContactDetail, copy_to_clipboard
from ui.views.contact_editor import ContactEditor
from ui.views.record_list_page import RecordListPage, Texts
from ui.widgets.column_chooser import remember_columns
from ui.widgets.handling_badge import HandlingDelegate
from ui.widgets.splitter_memory import remember_splitter

KINDS = frozenset({"contact", "agency", "*"})

Loaded = tuple[list[Contact], dict[str, str]]


def load_contacts(vault: Vault) -> Loaded:
    """Store thread: every contact and the names of every agency."""
    return catalog.contacts.list(vault), {a.id: a.name for a in catalog.agencies.list(vault)}


class ContactsView(RecordListPage):
    """The contacts page (see the page interface in ``ui/views``)."""

    record_type = Contact
    kinds = KINDS

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, ContactsModel(), ContactFilterProxy(), parent)
        self.model.setParent(self)
        self.proxy.setParent(self)
        self._build()
        self._clock = QTimer(self)
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(self._tick)
        self._tick()
        self.start()

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.country_filter, self.agency_filter = QComboBox(), QComboBox()
        self.language_filter, self.trust_filter = QComboBox(), QComboBox()
        for combo in self._combos():
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.agency_filter.setMinimumContentsLength(22)
        self.trust_filter.addItem("", None)
        for level in TrustLevel:
            self.trust_filter.addItem(label(level), level.value)
        self.overdue_only = QCheckBox()
        self.overdue_only.toggled.connect(self._overdue_toggled)
        self.clear_filters_button = QPushButton()
        self.clear_filters_button.clicked.connect(self.reset_filters)
        self.table.sortByColumn(ContactsModel.NAME, Qt.SortOrder.AscendingOrder)
        # Several rows (Ctrl/Shift-click) for File → Export the selected contacts; edit and delete
        # act on one.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setItemDelegateForColumn(ContactsModel.HANDLING, HandlingDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 170), (1, 58), (2, 170), (3, 155), (4, 150), (5, 135), (6, 120), (7, 100)):
            self.table.setColumnWidth(column, width)
        self.table.setColumnWidth(ContactsModel.NATIVE, 150)
        remember_columns(self.table, "contacts")  # right-click the header to choose the columns
        self.detail = ContactDetail(self.copy_text)
        for combo in self._combos():
            combo.currentIndexChanged.connect(self._filter_changed)
        self.build_page(self.detail)

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.country_filter, self.agency_filter, self.language_filter, self.trust_filter)

    def arrange(self, listing: QWidget, detail: QWidget) -> QWidget:
        """Filters above, the table over the detail, the count and messages in a footer."""
        filters = QHBoxLayout()
        for combo in self._combos():
            filters.addWidget(combo)
        filters.addWidget(self.clear_filters_button)
        filters.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(listing)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "contacts/splitter", (420, 280))
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)  # moved out of the listing, under the splitter
        footer.addSpacing(12)
        footer.addWidget(self.overdue_only)
        footer.addStretch(1)
        footer.addWidget(self.status_label)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)
        return body

    # -- hooks ----------------------------------------------------------------------------------
    load = staticmethod(load_contacts)

    def texts(self) -> Texts:
        return Texts(
            filter_placeholder=_("Filter contacts: name, unit, agency, channel…"),
            new_button=_("New contact"),
            none_yet=_(
                "No contact yet. Contacts are your counterparts abroad: who they are, the agency "
                "they work for, how and when to reach them. Add the first one with “New contact” "
                "(Ctrl+N), or import a vCard or CSV file from the File menu."
            ),
            none_selected=_(
                "Choose a contact in the list to see how to reach them, their languages and their local time."
            ),
        )

    def count_text(self, shown: int, total: int) -> str:
        return ngettext("{shown} of {total} contact", "{shown} of {total} contacts", total).format(
            shown=shown, total=total
        )

    def retranslate_ui(self) -> None:
        self.trust_filter.setItemText(0, _("Any trust level"))
        for row, level in enumerate(TrustLevel, start=1):
            self.trust_filter.setItemText(row, label(level))
        self.clear_filters_button.setText(_("Clear filters"))
        super().retranslate_ui()
        self.detail.retranslate_ui()
        self._populate_filters()

    def open_record(self, record_id: str) -> None:
        """A contact id selects the contact; an agency id filters the table to that agency."""
        agencies = self.model.agency_names()
        if record_id in agencies:
            self.reset_filters()
            row = self.agency_filter.findData(record_id)
            if row >= 0:
                self.agency_filter.setCurrentIndex(row)
            else:
                self.search.setText(agencies[record_id])
            return
        super().open_record(record_id)

    def clear_page(self) -> None:
        self.status_label.clear()

    def clear(self) -> None:
        super().clear()
        self._populate_filters()

    def apply_loaded(self, result: Loaded) -> None:
        contacts, agencies = result
        self.model.set_contacts(contacts, agencies)
        self._populate_filters()

    def _loaded(self, result: Loaded) -> None:
        current = self.current()
        keep = self._pending_id or (current.id if current else None)
        if keep in result[1]:  # an agency opened from the search: filter on it once loaded
            self._pending_id = None
            self.apply_loaded(result)
            self._update_count()
            self.open_record(keep)
            self._show_current()
            return
        super()._loaded(result)

    def show_record(self, record: Contact | None) -> None:
        agency = self.model.agency_name(record) if record else ""
        self.detail.show_contact(record, agency, self.model.now())

    def _populate_filters(self) -> None:
        contacts = self.model.records()
        agencies = self.model.agency_names()
        countries = sorted({c.country for c in contacts if c.country})
        used = sorted(
            {c.agency_id for c in contacts if c.agency_id in agencies}, key=lambda i: agencies[i or ""]
        )
        languages = sorted({s.code for c in contacts for s in c.languages})
        items = {
            self.country_filter: [(f"{code} – {country_name(code)}", code) for code in countries],
            self.agency_filter: [(agencies[i or ""], i) for i in used],
            self.language_filter: [(f"{code} – {language_name(code)}", code) for code in languages],
        }
        anys = {
            self.country_filter: _("Any country"),
            self.agency_filter: _("Any agency"),
            self.language_filter: _("Any language"),
        }
        for combo, entries in items.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anys[combo], "")
            for text, data in entries:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._filter_changed()

    def _filter_changed(self, *_args: object) -> None:
        self.proxy.set_text(self.search.text())
        self.proxy.set_country(self.country_filter.currentData() or "")
        self.proxy.set_agency(self.agency_filter.currentData() or "")
        self.proxy.set_language(self.language_filter.currentData() or "")
        trust = self.trust_filter.currentData()
        self.proxy.set_trust(TrustLevel(trust) if trust else None)
        self._update_count()
        if self.current() is None:
            self._show_current()

    def _overdue_toggled(self, on: bool) -> None:
        self.proxy.set_overdue_only(on)
        self._update_count()

    def reset_filters(self) -> None:
        self.search.clear()
        self.overdue_only.setChecked(False)
        for combo in self._combos():
            combo.setCurrentIndex(0)

    def _update_count(self) -> None:
        super()._update_count()
        today = self.model.today()
        overdue = sum(1 for c in self.model.records() if is_overdue(c, today))
        self.overdue_only.setText(
            ngettext("{count} follow-up overdue", "{count} follow-ups overdue", overdue).format(count=overdue)
        )
        self.overdue_only.setToolTip(_("Show only the contacts whose follow-up or review date has passed"))
        self.overdue_only.setStyleSheet("color: #b3261e;" if overdue else "")
        # Nothing overdue: no filter to offer (unless it is on, so that it can be turned off).
        self.overdue_only.setVisible(bool(overdue) or self.overdue_only.isChecked())

    def selected_contacts(self) -> list[Contact]:
        """Every selected contact, in the order the table shows them."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda index: index.row())
        return [c for c in (index.data(ObjectRole) for index in rows) if isinstance(c, Contact)]

    def _tick(self) -> None:
        """Every minute, on the minute: refresh the local times."""
        now = self.model.now()
        self.model.refresh_local_times()
        self.detail.refresh_time(now)
        self._clock.start(60_000 - (now.second * 1000 + now.microsecond // 1000) + 50)

    # -- actions --------------------------------------------------------------------------------
    def make_editor(self, record: Contact | None) -> ContactEditor:
        return ContactEditor(self.session, record, self.model.agency_names(), self)

    def _saved(self, record_id: str) -> None:
        self._pending_id = record_id
        if self.model.row_of(record_id) >= 0:
            self.select(record_id)

    def delete_prompt(self, record: Contact) -> tuple[str, str]:
        question = _("Delete the contact {name}? This cannot be undone.").format(name=record.full_name)
        return _("Delete contact"), question

    def delete_record(self, record: Contact) -> None:
        self.guard.command(
            "contact",
            lambda vault: catalog.contacts.delete(vault, record.id),
            lambda _result: self.status_label.setText(_("Contact deleted.")),
        )

    def copy_text(self, text: str, sensitive: bool) -> None:
        copy_to_clipboard(text, sensitive)
        if sensitive:
            message = _("Copied. The clipboard will be cleared in {seconds} s.").format(
                seconds=clipboard.clear_delay()
            )
        else:
            message = _("Copied to the clipboard.")
        self.status_label.setText(message)
