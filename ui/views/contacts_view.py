"""The contacts page: filter bar, sortable table, detail pane with local time and copy buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Channel, Contact, TrustLevel
from liaison.services import catalog
from liaison.store.vault import Vault
from ui.i18n import N_, _, ngettext
from ui.models import ObjectRole, QueryGuard, country_name, details_html, format_date, label, language_name
from ui.models.contacts_model import (
    EMAIL_KINDS,
    PHONE_KINDS,
    ContactFilterProxy,
    ContactsModel,
    availability_text,
    channel_kind_label,
    first_channel,
    languages_text,
)
from ui.session import Session
from ui.views.contact_editor import ContactEditor
from ui.widgets.handling_badge import SENSITIVE, HandlingBadge, HandlingDelegate

KINDS = frozenset({"contact", "agency", "*"})
SENSITIVE_SECONDS = 30

Loaded = tuple[list[Contact], dict[str, str]]


def load_contacts(vault: Vault) -> Loaded:
    """Store thread: every contact and the names of every agency."""
    return catalog.contacts.list(vault), {a.id: a.name for a in catalog.agencies.list(vault)}


def copy_to_clipboard(text: str, sensitive: bool) -> None:
    """Sensitive text goes through ``ui.clipboard.copy_sensitive`` (cleared after a delay)."""
    clipboard = QGuiApplication.clipboard()
    if not sensitive:
        clipboard.setText(text)
        return
    try:
        from ui.clipboard import copy_sensitive  # noqa: PLC0415  (written by the shell; optional)
    except ImportError:
        clipboard.setText(text)

        def clear_if_still() -> None:
            if clipboard.text() == text:
                clipboard.clear()

        QTimer.singleShot(SENSITIVE_SECONDS * 1000, clear_if_still)
        return
    copy_sensitive(text, SENSITIVE_SECONDS)


class ContactDetail(QWidget):
    """Everything about the selected contact, read-only, with copy buttons for its channels."""

    FIELDS = (
        ("role", N_("Role")),
        ("agency", N_("Agency")),
        ("unit", N_("Unit")),
        ("country", N_("Country")),
        ("local_time", N_("Local time")),
        ("hours", N_("Working hours")),
        ("languages", N_("Languages")),
        ("preferred", N_("Preferred channel")),
        ("trust", N_("Trust")),
        ("verified", N_("Verified")),
        ("review", N_("Review on")),
        ("notes", N_("Notes")),
    )

    def __init__(self, copy: Callable[[str, bool], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._copy = copy
        self.contact: Contact | None = None
        self._agency = ""
        self._now: dt.datetime | None = None
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name.setFont(font)
        self.badge = HandlingBadge()
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.channels_title = QLabel()
        self.channels_title.setStyleSheet("font-weight: bold;")
        self.channels_box = QVBoxLayout()
        self.copy_email_button = QPushButton()
        self.copy_email_button.clicked.connect(lambda: self._copy_first(EMAIL_KINDS))
        self.copy_phone_button = QPushButton()
        self.copy_phone_button.clicked.connect(lambda: self._copy_first(PHONE_KINDS))
        self._layout()
        self.retranslate_ui()
        self.show_contact(None, "", None)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.name)
        header.addWidget(self.subtitle, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_email_button)
        buttons.addWidget(self.copy_phone_button)
        buttons.addStretch(1)
        channels = QVBoxLayout()
        channels.addWidget(self.channels_title)
        channels.addLayout(self.channels_box)
        channels.addLayout(buttons)
        channels.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.text, 3)
        body.addLayout(channels, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addLayout(body, 1)

    def is_sensitive(self, channel: Channel) -> bool:
        return channel.secure or (self.contact is not None and self.contact.handling in SENSITIVE)

    def _copy_first(self, kinds: tuple[str, ...]) -> None:
        channel = first_channel(self.contact, kinds) if self.contact else None
        if channel is not None:
            self._copy(channel.value, self.is_sensitive(channel))

    def _clear_channels(self) -> None:
        while self.channels_box.count():
            item = self.channels_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _channel_row(self, channel: Channel) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        kind = QLabel(channel_kind_label(channel.kind) + (" 🔒" if channel.secure else ""))
        kind.setMinimumWidth(80)
        kind.setTextFormat(Qt.TextFormat.PlainText)
        value = QLabel(channel.value)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        button = QToolButton()
        button.setText(_("Copy"))
        button.setToolTip(
            _("Copy; cleared from the clipboard after {seconds} s").format(seconds=SENSITIVE_SECONDS)
            if self.is_sensitive(channel)
            else _("Copy to the clipboard")
        )
        button.clicked.connect(lambda: self._copy(channel.value, self.is_sensitive(channel)))
        line.addWidget(kind)
        line.addWidget(value, 1)
        line.addWidget(button)
        return row

    def show_contact(self, contact: Contact | None, agency: str, now: dt.datetime | None) -> None:
        self.contact, self._agency, self._now = contact, agency, now
        self._clear_channels()
        self.badge.set_handling(contact.handling if contact else None)
        self.name.setText(contact.full_name if contact else _("No contact selected"))
        parts = (contact.honorific, contact.name_native) if contact else ()
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self.channels_title.setVisible(contact is not None)
        for channel in contact.channels if contact else ():
            self.channels_box.addWidget(self._channel_row(channel))
        self.copy_email_button.setEnabled(bool(contact and first_channel(contact, EMAIL_KINDS)))
        self.copy_phone_button.setEnabled(bool(contact and first_channel(contact, PHONE_KINDS)))
        self._render()

    def refresh_time(self, now: dt.datetime | None) -> None:
        self._now = now
        self._render()

    def values(self) -> dict[str, str]:
        """Field key to the text shown (empty when the contact has no value)."""
        c = self.contact
        if c is None:
            return {}
        zone = f" ({c.timezone})" if c.timezone else ""
        local = availability_text(c, self._now) + zone if self._now else ""
        verified = " – ".join(p for p in (format_date(c.verified_on), c.verification_method) if p)
        return {
            "role": label(c.role),
            "agency": self._agency,
            "unit": c.unit,
            "country": f"{c.country} – {country_name(c.country)}" if c.country else "",
            "local_time": local,
            "hours": c.working_hours,
            "languages": languages_text(c),
            "preferred": channel_kind_label(c.preferred_channel) if c.preferred_channel else "",
            "trust": label(c.trust_level),
            "verified": verified,
            "review": format_date(c.review_on),
            "notes": c.notes,
        }

    def _render(self) -> None:
        values = self.values()
        self.text.setHtml(details_html((_(caption), values.get(key, "")) for key, caption in self.FIELDS))

    def retranslate_ui(self) -> None:
        self.channels_title.setText(_("Channels"))
        self.copy_email_button.setText(_("Copy e-mail"))
        self.copy_phone_button.setText(_("Copy phone"))
        self.show_contact(self.contact, self._agency, self._now)


class ContactsView(QWidget):
    """The contacts page (see the page interface in ``ui/views``)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.model = ContactsModel(self)
        self.proxy = ContactFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.editor: ContactEditor | None = None
        self._pending_id: str | None = None
        self._build()
        self._clock = QTimer(self)
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(self._tick)
        self._tick()
        session.unlocked.connect(self.reload)
        session.records_changed.connect(self._records_changed)
        session.locked.connect(self.clear)
        self.retranslate_ui()
        if session.is_unlocked:
            self.reload()

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.count_label, self.status_label = QLabel(), QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.country_filter, self.agency_filter = QComboBox(), QComboBox()
        self.language_filter, self.trust_filter = QComboBox(), QComboBox()
        for combo in (self.country_filter, self.agency_filter, self.language_filter, self.trust_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.agency_filter.setMinimumContentsLength(22)
        self.trust_filter.addItem("", None)
        for level in TrustLevel:
            self.trust_filter.addItem(label(level), level.value)
        self.clear_filters_button = QPushButton()
        self.clear_filters_button.clicked.connect(self.reset_filters)
        self.new_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ContactsModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setItemDelegateForColumn(ContactsModel.HANDLING, HandlingDelegate(self.table))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((0, 170), (1, 58), (2, 170), (3, 155), (4, 90), (5, 135), (6, 120)):
            self.table.setColumnWidth(column, width)
        self.detail = ContactDetail(self.copy_text)
        self.search.textChanged.connect(self._filter_changed)
        for combo in (self.country_filter, self.agency_filter, self.language_filter, self.trust_filter):
            combo.currentIndexChanged.connect(self._filter_changed)
        self._layout(self.detail)

    def _layout(self, detail: QWidget) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.search, 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        filters = QHBoxLayout()
        for combo in (self.country_filter, self.agency_filter, self.language_filter, self.trust_filter):
            filters.addWidget(combo)
        filters.addWidget(self.clear_filters_button)
        filters.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        footer.addWidget(self.status_label)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)

    # -- page interface -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Filter contacts: name, unit, agency, channel…"))
        self.trust_filter.setItemText(0, _("Any trust level"))
        for row, level in enumerate(TrustLevel, start=1):
            self.trust_filter.setItemText(row, label(level))
        self.clear_filters_button.setText(_("Clear filters"))
        self.new_button.setText(_("New contact"))
        self.edit_button.setText(_("Edit"))
        self.delete_button.setText(_("Delete"))
        self.model.retranslate()
        self.detail.retranslate_ui()
        self._populate_filters()
        self._update_count()
        if self.editor is not None:
            self.editor.retranslate_ui()

    def new_item(self) -> None:
        self._open_editor(None)

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
        if self.model.row_of(record_id) < 0:
            self._pending_id = record_id
            self.reload()
            return
        if self.proxy.proxy_row_of(record_id) < 0:
            self.reset_filters()
        self.select(record_id)

    def clear(self) -> None:
        self.guard.invalidate()
        self._pending_id = None
        if self.editor is not None:
            self.editor.reject()
            self.editor.deleteLater()
            self.editor = None
        self.model.clear()
        self.detail.show_contact(None, "", None)
        self.search.clear()
        self._populate_filters()
        self.status_label.clear()
        self._update_count()

    def reload(self) -> None:
        self.guard.query(load_contacts, self._loaded)

    # -- loading and selection ------------------------------------------------------------------
    def _records_changed(self, kind: str) -> None:
        if kind in KINDS:
            self.reload()

    def _loaded(self, result: Loaded) -> None:
        contacts, agencies = result
        current = self.current()
        keep = self._pending_id or (current.id if current else None)
        self._pending_id = None
        self.model.set_contacts(contacts, agencies)
        self._populate_filters()
        self._update_count()
        if keep in agencies:
            self.open_record(keep)
        elif keep:
            self.select(keep)
        self._show_current()

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

    def _filter_changed(self) -> None:
        self.proxy.set_text(self.search.text())
        self.proxy.set_country(self.country_filter.currentData() or "")
        self.proxy.set_agency(self.agency_filter.currentData() or "")
        self.proxy.set_language(self.language_filter.currentData() or "")
        trust = self.trust_filter.currentData()
        self.proxy.set_trust(TrustLevel(trust) if trust else None)
        self._update_count()
        if self.current() is None:
            self.detail.show_contact(None, "", None)
            self._update_buttons()

    def reset_filters(self) -> None:
        self.search.clear()
        for combo in (self.country_filter, self.agency_filter, self.language_filter, self.trust_filter):
            combo.setCurrentIndex(0)

    def _update_count(self) -> None:
        total = self.model.rowCount()
        self.count_label.setText(
            ngettext("{shown} of {total} contact", "{shown} of {total} contacts", total).format(
                shown=self.proxy.rowCount(), total=total
            )
        )

    def current(self) -> Contact | None:
        rows = self.table.selectionModel().selectedRows()
        record = rows[0].data(ObjectRole) if rows else None
        return record if isinstance(record, Contact) else None

    def select(self, record_id: str) -> None:
        row = self.proxy.proxy_row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.proxy.index(row, 0))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_current()

    def _show_current(self) -> None:
        contact = self.current()
        agency = self.model.agency_name(contact) if contact else ""
        self.detail.show_contact(contact, agency, self.model.now())
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _tick(self) -> None:
        """Every minute, on the minute: refresh the local times."""
        now = self.model.now()
        self.model.refresh_local_times()
        self.detail.refresh_time(now)
        self._clock.start(60_000 - (now.second * 1000 + now.microsecond // 1000) + 50)

    # -- actions --------------------------------------------------------------------------------
    def _open_editor(self, contact: Contact | None) -> None:
        if not self.session.is_unlocked:
            return
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = ContactEditor(self.session, contact, self.model.agency_names(), self)
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, record_id: str) -> None:
        self._pending_id = record_id
        if self.model.row_of(record_id) >= 0:
            self.select(record_id)

    def edit_current(self) -> None:
        contact = self.current()
        if contact is not None:
            self._open_editor(contact)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def delete_current(self) -> None:
        contact = self.current()
        if contact is None:
            return
        question = _("Delete the contact {name}? This cannot be undone.").format(name=contact.full_name)
        if not self.confirm(_("Delete contact"), question):
            return
        self.guard.command(
            "contact",
            lambda vault: catalog.contacts.delete(vault, contact.id),
            lambda _result: self.status_label.setText(_("Contact deleted.")),
        )

    def copy_text(self, text: str, sensitive: bool) -> None:
        copy_to_clipboard(text, sensitive)
        if sensitive:
            message = _("Copied. The clipboard will be cleared in {seconds} s.").format(
                seconds=SENSITIVE_SECONDS
            )
        else:
            message = _("Copied to the clipboard.")
        self.status_label.setText(message)
