"""The contact editor dialog, and ``RecordDialog``: a form whose service errors show inline.

The service validates (``ValidationError`` messages start with the field name, e.g. "timezone must
be an IANA time zone..."); ``RecordDialog`` maps that name to the field and shows the message in red
under it, switching to the tab that holds it. The dialog is opened with ``open()`` (window-modal,
never a nested event loop) and writes through ``session.command`` on the store thread.
"""

from __future__ import annotations

import enum
import zoneinfo
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Channel, Contact, ContactRole, Handling, LanguageSkill, TrustLevel
from liaison.errors import ValidationError
from liaison.services import catalog
from ui.dialogs import error_message
from ui.i18n import N_, _
from ui.models import QueryGuard, label
from ui.models.contacts_model import CHANNEL_KINDS, LEVELS, channel_kind_label, level_label
from ui.session import Session
from ui.sync.local_only import LocalOnlyBox
from ui.widgets.country_field import country_field
from ui.widgets.date_field import DateField
from ui.widgets.handling_badge import HandlingCombo
from ui.widgets.language_combo import LanguageCombo

ERROR_STYLE = "color: #b00020;"


class FieldInputError(ValidationError):
    """A value the form itself cannot read (e.g. a malformed date), tied to one field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def enum_combo(values: type[enum.Enum], parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for value in values:
        combo.addItem(label(value), value.value)
    return combo


def relabel_enum_combo(combo: QComboBox, values: type[enum.Enum]) -> None:
    for row, value in enumerate(list(values)):
        combo.setItemText(row, label(value))


class RecordDialog(QDialog):
    """Form rows with an inline error line each, a general error line, Save and Cancel.

    Focus starts in the first field; Ctrl+S saves; Escape or Cancel on a changed form asks before
    discarding it (never while the vault is locking: then the form just closes).
    """

    saved = Signal(str)  # id of the record added or edited
    # (start of a service error message, field key); longest prefixes first where they overlap.
    ERROR_FIELDS: ClassVar[tuple[tuple[str, str], ...]] = ()

    def __init__(self, session: Session, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record_kind = kind
        self.guard_session = session
        self.guard = QueryGuard(session, self)
        self._captions: list[tuple[QLabel, str]] = []
        self._errors: dict[str, tuple[QLabel, QWidget, int]] = {}
        self.tabs: QTabWidget | None = None
        self.general_error = QLabel(self)
        self.general_error.setTextFormat(Qt.TextFormat.PlainText)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.submit)
        self._initial: object = None
        self.local_only = LocalOnlyBox(self.guard, session, kind, immediate=False, parent=self)

    def add_footer(self, layout: QVBoxLayout, record_id: str | None) -> None:
        """Below the form: the local-only box (showing ``record_id``'s mark), errors, Save/Cancel."""
        layout.addWidget(self.local_only)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.local_only.show_record(record_id)

    # -- focus, changes and closing ---------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The form as record fields (subclasses); compared with the opening state on Escape."""
        return {}

    def _snapshot(self) -> object:
        try:
            return self.values()
        except ValidationError:
            return None  # an unreadable field (half-typed date) counts as a change

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._initial is None:
            self._initial = self._snapshot()
        QTimer.singleShot(0, self.focus_first_field)

    def focus_first_field(self) -> None:
        """The first input of the open tab (not the tab bar, where Qt puts it)."""
        page = self.tabs.currentIndex() if self.tabs is not None else 0
        for _error, widget, on_page in self._errors.values():
            if on_page != page:
                continue
            target = widget if widget.focusPolicy() & Qt.FocusPolicy.TabFocus else None
            if target is None:
                target = next(
                    (w for w in widget.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus),
                    None,
                )
            if target is not None and target.isEnabled():
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def is_changed(self) -> bool:
        return self._initial is not None and (self._snapshot() != self._initial or self.local_only.changed)

    def reject(self) -> None:
        session_open = self.guard_session.is_unlocked
        if session_open and self.isVisible() and self.is_changed():
            answer = QMessageBox.question(
                self,
                _("Discard changes?"),
                _("This form has changes that are not saved. Discard them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def add_row(self, form: QFormLayout, key: str, caption: str, widget: QWidget, page: int = 0) -> None:
        """``caption`` is an ``N_()`` string; translated now and on every ``retranslate_ui``."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel(box)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        column.addWidget(error)
        title = QLabel(_(caption))
        title.setBuddy(widget)
        form.addRow(title, box)
        self._captions.append((title, caption))
        self._errors[key] = (error, widget, page)

    def retranslate_ui(self) -> None:
        for title, caption in self._captions:
            title.setText(_(caption))
        self.save_button.setText(_("Save"))
        self.cancel_button.setText(_("Cancel"))
        self.local_only.retranslate_ui()

    # -- errors ---------------------------------------------------------------------------------
    def field_error(self, key: str) -> str:
        """The message shown under a field ("" if none): for tests and accessibility."""
        error = self._errors[key][0]
        return error.text() if error.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        for error, _widget, _page in self._errors.values():
            error.clear()
            error.setVisible(False)
        self.general_error.clear()
        self.general_error.setVisible(False)

    def error_field(self, exc: BaseException) -> str | None:
        field = getattr(exc, "field", None)
        if isinstance(field, str):
            return field
        message = str(exc)
        for prefix, key in self.ERROR_FIELDS:
            if message.startswith(prefix + " "):
                return key
        return None

    def show_error(self, exc: BaseException) -> None:
        self.clear_errors()
        message = error_message(exc)
        key = self.error_field(exc)
        if key is None or key not in self._errors:
            self.general_error.setText(message)
            self.general_error.setVisible(True)
            return
        error, widget, page = self._errors[key]
        if self.tabs is not None:
            self.tabs.setCurrentIndex(page)
        error.setText(message)
        error.setVisible(True)
        widget.setFocus()

    # -- saving ---------------------------------------------------------------------------------
    def build_work(self) -> Callable[[Any], Any] | None:
        """The store-thread write for the current form (None: nothing changed)."""
        raise NotImplementedError

    def submit(self) -> None:
        self.clear_errors()
        try:
            work = self.build_work()
        except ValidationError as exc:
            self.show_error(exc)
            return
        work = self.local_only.toggle_only() if work is None else self.local_only.wrap(work)
        if work is None:
            self.accept()
            return
        self.save_button.setEnabled(False)
        self.guard.command(self.record_kind, work, self._saved, self._failed)

    def _saved(self, record: Any) -> None:
        self.save_button.setEnabled(True)
        record_id = str(getattr(record, "id", ""))
        self.local_only.saved(record_id)
        self.saved.emit(record_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.show_error(exc)


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(110)
    return table


class ContactEditor(RecordDialog):
    """Add (``contact=None``) or edit a contact. ``agencies`` maps agency id to name."""

    ERROR_FIELDS = (
        ("full name", "full_name"),
        ("country", "country"),
        ("timezone", "timezone"),
        ("language", "languages"),
        ("channel value", "channels"),
        ("email channel", "channels"),
        ("pgp-email channel", "channels"),
        ("agency", "agency"),
    )
    PERSON, REACH, TRUST = range(3)

    def __init__(
        self,
        session: Session,
        contact: Contact | None,
        agencies: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, "contact", parent)
        self.contact = contact
        self.tab_widget = QTabWidget(self)
        self.tabs = self.tab_widget
        self._build_person(agencies)
        self._build_reach()
        self._build_trust()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tab_widget, 1)
        self.add_footer(layout, contact.id if contact else None)
        self.resize(660, 560)
        self.load(contact or Contact(full_name=""))
        self.retranslate_ui()

    # -- building -------------------------------------------------------------------------------
    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.tab_widget.addTab(page, "")
        return page, form

    def _build_person(self, agencies: Mapping[str, str]) -> None:
        _page, form = self._page()
        self.full_name = QLineEdit()
        self.name_native = QLineEdit()
        self.honorific = QLineEdit()
        self.agency = QComboBox()
        self.agency.addItem("", "")
        for agency_id, name in sorted(agencies.items(), key=lambda item: item[1].casefold()):
            self.agency.addItem(name, agency_id)
        self.agency.setMinimumContentsLength(24)
        self.agency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.new_agency_button = QPushButton()
        self.new_agency_button.clicked.connect(self.new_agency)
        self.agency_editor: QDialog | None = None
        agency_row = QWidget()
        agency_line = QHBoxLayout(agency_row)
        agency_line.setContentsMargins(0, 0, 0, 0)
        agency_line.addWidget(self.agency, 1)
        agency_line.addWidget(self.new_agency_button)
        self.country, self.country_label, country_row = country_field()
        self.unit = QLineEdit()
        self.role = enum_combo(ContactRole)
        for key, caption, widget in (
            ("full_name", N_("Full name"), self.full_name),
            ("name_native", N_("Native name"), self.name_native),
            ("honorific", N_("Honorific"), self.honorific),
            ("agency", N_("Agency"), agency_row),
            ("country", N_("Country"), country_row),
            ("unit", N_("Unit"), self.unit),
            ("role", N_("Role"), self.role),
        ):
            self.add_row(form, key, caption, widget, self.PERSON)
        self._errors["country"] = (self._errors["country"][0], self.country, self.PERSON)
        self._errors["agency"] = (self._errors["agency"][0], self.agency, self.PERSON)

    def new_agency(self) -> None:
        """Create an agency without leaving the form; it is selected here once saved."""
        from ui.views.agency_editor import AgencyEditor  # noqa: PLC0415  (it imports this module)

        self.guard.query(
            catalog.agencies.list,
            lambda agencies: self._open_agency_editor(AgencyEditor, agencies),
        )

    def _open_agency_editor(self, editor_class: Any, agencies: list[Any]) -> None:
        editor = editor_class(self.guard_session, None, agencies, self, country=self.country.text().strip())
        editor.saved.connect(lambda agency_id: self._agency_added(agency_id, editor.saved_name()))
        self.agency_editor = editor
        editor.open()

    def _agency_added(self, agency_id: str, name: str) -> None:
        self.agency.addItem(name, agency_id)
        self.agency.setCurrentIndex(self.agency.findData(agency_id))

    def _build_reach(self) -> None:
        _page, form = self._page()
        self.languages = _table(2)
        self.add_language_button = QPushButton()
        self.add_language_button.clicked.connect(lambda: self.add_language())  # noqa: PLW0108  (drop the checked flag)
        self.remove_language_button = QPushButton()
        self.remove_language_button.clicked.connect(lambda: self._remove_row(self.languages))
        self.channels = _table(3)
        self.channels.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.channels.horizontalHeader().setStretchLastSection(False)
        self.channels.setColumnWidth(0, 140)
        self.channels.setColumnWidth(2, 70)
        self.languages.setColumnWidth(0, 220)
        self.add_channel_button = QPushButton()
        self.add_channel_button.clicked.connect(lambda: self.add_channel())  # noqa: PLW0108
        self.remove_channel_button = QPushButton()
        self.remove_channel_button.clicked.connect(lambda: self._remove_row(self.channels))
        self.preferred_channel = QComboBox()
        for key, caption, table, buttons in (
            (
                "languages",
                N_("Languages"),
                self.languages,
                (self.add_language_button, self.remove_language_button),
            ),
            (
                "channels",
                N_("Channels"),
                self.channels,
                (self.add_channel_button, self.remove_channel_button),
            ),
        ):
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(table)
            row = QHBoxLayout()
            row.addWidget(buttons[0])
            row.addWidget(buttons[1])
            row.addStretch(1)
            column.addLayout(row)
            self.add_row(form, key, caption, box, self.REACH)
        self.add_row(form, "preferred_channel", N_("Preferred channel"), self.preferred_channel, self.REACH)

    def _build_trust(self) -> None:
        _page, form = self._page()
        self.timezone = QLineEdit()
        completer = QCompleter(sorted(zoneinfo.available_timezones()), self.timezone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.timezone.setCompleter(completer)
        self.working_hours = QLineEdit()
        self.trust_level = enum_combo(TrustLevel)
        self.verified_on = DateField()
        self.verification_method = QLineEdit()
        self.handling = HandlingCombo()
        self.review_on = DateField()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        for key, caption, widget in (
            ("timezone", N_("Time zone"), self.timezone),
            ("working_hours", N_("Working hours"), self.working_hours),
            ("trust_level", N_("Trust level"), self.trust_level),
            ("verified_on", N_("Verified on"), self.verified_on),
            ("verification_method", N_("Verification method"), self.verification_method),
            ("handling", N_("Handling"), self.handling),
            ("review_on", N_("Review on"), self.review_on),
            ("notes", N_("Notes"), self.notes),
        ):
            self.add_row(form, key, caption, widget, self.TRUST)

    # -- rows of languages and channels ---------------------------------------------------------
    def add_language(self, code: str = "", level: str = "working") -> None:
        row = self.languages.rowCount()
        self.languages.insertRow(row)
        self.languages.setCellWidget(row, 0, LanguageCombo(code))  # by name, not a raw code
        combo = QComboBox()
        for key in LEVELS:
            combo.addItem(level_label(key), key)
        if combo.findData(level) < 0:
            combo.addItem(level, level)
        combo.setCurrentIndex(combo.findData(level))
        self.languages.setCellWidget(row, 1, combo)

    def add_channel(self, channel: Channel | None = None) -> None:
        channel = channel or Channel("email", "")
        row = self.channels.rowCount()
        self.channels.insertRow(row)
        combo = QComboBox()
        for key in CHANNEL_KINDS:
            combo.addItem(channel_kind_label(key), key)
        if combo.findData(channel.kind) < 0:
            combo.addItem(channel.kind, channel.kind)
        combo.setCurrentIndex(combo.findData(channel.kind))
        self.channels.setCellWidget(row, 0, combo)
        self.channels.setItem(row, 1, QTableWidgetItem(channel.value))
        secure = QTableWidgetItem()
        secure.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        secure.setCheckState(Qt.CheckState.Checked if channel.secure else Qt.CheckState.Unchecked)
        self.channels.setItem(row, 2, secure)

    @staticmethod
    def _remove_row(table: QTableWidget) -> None:
        rows = sorted({index.row() for index in table.selectedIndexes()}, reverse=True)
        for row in rows or [table.rowCount() - 1]:
            if row >= 0:
                table.removeRow(row)

    def _language_values(self) -> tuple[LanguageSkill, ...]:
        skills = []
        for row in range(self.languages.rowCount()):
            language = self.languages.cellWidget(row, 0)
            code = language.code() if isinstance(language, LanguageCombo) else ""
            combo = self.languages.cellWidget(row, 1)
            if code:
                level = combo.currentData() if isinstance(combo, QComboBox) else "working"
                skills.append(LanguageSkill(code, str(level)))
        return tuple(skills)

    def _channel_values(self) -> tuple[Channel, ...]:
        channels = []
        for row in range(self.channels.rowCount()):
            combo = self.channels.cellWidget(row, 0)
            value_item, secure_item = self.channels.item(row, 1), self.channels.item(row, 2)
            value = value_item.text().strip() if value_item else ""
            if not value:
                continue
            kind = str(combo.currentData()) if isinstance(combo, QComboBox) else "other"
            secure = bool(secure_item and secure_item.checkState() == Qt.CheckState.Checked)
            channels.append(Channel(kind, value, secure))
        return tuple(channels)

    # -- load / read ----------------------------------------------------------------------------
    def load(self, contact: Contact) -> None:
        self.full_name.setText(contact.full_name)
        self.name_native.setText(contact.name_native)
        self.honorific.setText(contact.honorific)
        self.agency.setCurrentIndex(max(0, self.agency.findData(contact.agency_id or "")))
        self.country.setText(contact.country)
        self.unit.setText(contact.unit)
        self.role.setCurrentIndex(max(0, self.role.findData(contact.role.value)))
        self.languages.setRowCount(0)
        for skill in contact.languages:
            self.add_language(skill.code, skill.level)
        self.channels.setRowCount(0)
        for channel in contact.channels:
            self.add_channel(channel)
        self.preferred_channel.clear()
        self.preferred_channel.addItem("", "")
        for key in CHANNEL_KINDS:
            self.preferred_channel.addItem(channel_kind_label(key), key)
        if contact.preferred_channel and self.preferred_channel.findData(contact.preferred_channel) < 0:
            self.preferred_channel.addItem(contact.preferred_channel, contact.preferred_channel)
        self.preferred_channel.setCurrentIndex(
            max(0, self.preferred_channel.findData(contact.preferred_channel))
        )
        self.timezone.setText(contact.timezone)
        self.working_hours.setText(contact.working_hours)
        self.trust_level.setCurrentIndex(max(0, self.trust_level.findData(contact.trust_level.value)))
        self.verified_on.set_date(contact.verified_on)
        self.verification_method.setText(contact.verification_method)
        self.handling.set_handling(contact.handling)
        self.review_on.set_date(contact.review_on)
        self.notes.setPlainText(contact.notes)

    def values(self) -> dict[str, Any]:
        """The form as Contact fields; raises ``FieldInputError`` for an unreadable date."""
        return {
            "full_name": self.full_name.text().strip(),
            "name_native": self.name_native.text().strip(),
            "honorific": self.honorific.text().strip(),
            "agency_id": self.agency.currentData() or None,
            "country": self.country.text().strip().upper(),
            "unit": self.unit.text().strip(),
            "role": ContactRole(self.role.currentData()),
            "languages": self._language_values(),
            "channels": self._channel_values(),
            "preferred_channel": str(self.preferred_channel.currentData() or ""),
            "timezone": self.timezone.text().strip(),
            "working_hours": self.working_hours.text().strip(),
            "trust_level": TrustLevel(self.trust_level.currentData()),
            "verified_on": self.verified_on.date("verified_on"),
            "verification_method": self.verification_method.text().strip(),
            "handling": Handling(self.handling.handling()),
            "review_on": self.review_on.date("review_on"),
            "notes": self.notes.toPlainText().strip(),
        }

    def build_work(self) -> Callable[[Any], Any] | None:
        values = self.values()
        if self.contact is None:
            new = Contact(**values)
            return lambda vault: catalog.contacts.add(vault, new)
        current = self.contact
        changes = {key: value for key, value in values.items() if getattr(current, key) != value}
        if not changes:
            return None
        return lambda vault: catalog.contacts.edit(vault, current.id, changes)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        titles = (_("Person"), _("Languages and channels"), _("Availability and trust"))
        for page, title in enumerate(titles):
            self.tab_widget.setTabText(page, title)
        self.setWindowTitle(_("New contact") if self.contact is None else _("Edit contact"))
        self.languages.setHorizontalHeaderLabels([_("Language"), _("Level")])
        self.channels.setHorizontalHeaderLabels([_("Kind"), _("Address or number"), _("Secure")])
        self.new_agency_button.setText(_("New agency…"))
        self.new_agency_button.setToolTip(_("Add an agency that is not in the list yet"))
        self.add_language_button.setText(_("Add language"))
        self.remove_language_button.setText(_("Remove"))
        self.add_channel_button.setText(_("Add channel"))
        self.remove_channel_button.setText(_("Remove"))
        self.full_name.setPlaceholderText(_("Required"))
        self.honorific.setPlaceholderText(_("e.g. Mme, Dr, Commandant de police"))
        self.country.setPlaceholderText("FR")
        self.country.setToolTip(_("Two-letter ISO country code"))
        self.timezone.setPlaceholderText(_("e.g. Europe/Paris (type part of a city name)"))
        self.working_hours.setPlaceholderText(_("e.g. 09:00-18:00 Mon-Fri"))
        self.review_on.setToolTip(_("When to check that this contact is still right"))
        relabel_enum_combo(self.role, ContactRole)
        relabel_enum_combo(self.trust_level, TrustLevel)
        self.handling.retranslate_ui()
