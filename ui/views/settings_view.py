"""Settings page: interface language, auto-lock delay, default partner language, key derivation.

Preferences live in QSettings (organisation "Liaison"); ``Prefs`` is the one place that knows their
keys and defaults. The language applies at once (no restart); the auto-lock delay is announced with
``auto_lock_changed`` for the idle watcher. "Change the passphrase…" opens the Vault menu's dialog
(``ui.vault_menu``: a plain change or a re-key).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.crypto.kdf import MIN_MEMORY_KIB, MIN_TIME_COST, Argon2Params
from liaison.services import vault as vault_service
from ui import clipboard, exports, i18n
from ui.dialogs import error_message, ltr
from ui.i18n import _, ngettext
from ui.session import Session
from ui.sync.settings_box import SyncSettingsBox

# Interface languages, each shown in its own language.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
PARTNER_LANGUAGES = ("ar", "de", "en", "es", "fr", "it", "nl", "pl", "pt", "ro", "ru", "tr", "zh")
AUTO_LOCK_CHOICES = (1, 2, 5, 10, 15, 30, 60)


MAX_FORM_WIDTH = 720


def _form(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    return form


class Prefs:
    """Typed access to the saved preferences (QSettings of the current organisation)."""

    LANGUAGE = "interface/language"
    AUTO_LOCK = "security/auto_lock_minutes"
    PARTNER = "translation/partner_language"
    DEFAULT_AUTO_LOCK = 5
    DEFAULT_PARTNER = "fr"

    @staticmethod
    def language() -> str:
        saved = str(QSettings().value(Prefs.LANGUAGE, "") or "")
        if saved in i18n.UI_LANGUAGES:
            return saved
        system = QLocale.system().name().split("_")[0]
        return system if system in i18n.UI_LANGUAGES else "en"

    @staticmethod
    def set_language(lang: str) -> None:
        QSettings().setValue(Prefs.LANGUAGE, lang)

    @staticmethod
    def auto_lock_minutes() -> int:
        value = QSettings().value(Prefs.AUTO_LOCK, Prefs.DEFAULT_AUTO_LOCK)
        try:
            minutes = int(str(value))
        except ValueError:
            return Prefs.DEFAULT_AUTO_LOCK
        return minutes if minutes > 0 else Prefs.DEFAULT_AUTO_LOCK

    @staticmethod
    def set_auto_lock_minutes(minutes: int) -> None:
        QSettings().setValue(Prefs.AUTO_LOCK, int(minutes))

    @staticmethod
    def partner_language() -> str:
        return str(QSettings().value(Prefs.PARTNER, Prefs.DEFAULT_PARTNER) or Prefs.DEFAULT_PARTNER)

    @staticmethod
    def set_partner_language(lang: str) -> None:
        QSettings().setValue(Prefs.PARTNER, lang)


def language_display_name(code: str, in_lang: str) -> str:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415  (babel loads after the unlock dialog)

    try:
        name = Locale.parse(code).get_display_name(Locale.parse(in_lang)) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:]


def describe_kdf(params: Argon2Params) -> str:
    text = _("Argon2id, time cost {passes}, memory {memory} MiB, parallelism {lanes}").format(
        passes=params.time_cost, memory=params.memory_kib // 1024, lanes=params.parallelism
    )
    if params.memory_kib < MIN_MEMORY_KIB or params.time_cost < MIN_TIME_COST:
        text += "\n" + _("Below the production minimum: for tests and demonstrations only.")
    return text


class SettingsView(QWidget):
    auto_lock_changed = Signal(int)  # minutes

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._kdf: Argon2Params | None = None
        self._build()
        self.retranslate_ui()
        session.unlocked.connect(self.reload)
        if session.is_unlocked:
            self.reload()

    def _build(self) -> None:
        self.interface_box = QGroupBox(self)
        self.language_label = QLabel(self)
        self.language = QComboBox(self)
        self.language_label.setBuddy(self.language)
        self.security_box = QGroupBox(self)
        self.auto_lock_label = QLabel(self)
        self.auto_lock = QComboBox(self)
        self.auto_lock_label.setBuddy(self.auto_lock)
        self._build_exports()
        self.kdf_title = QLabel(self)
        self.kdf_label = QLabel(self)
        self.kdf_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_button = QPushButton(self)
        self.translation_box = QGroupBox(self)
        self.partner_label = QLabel(self)
        self.partner = QComboBox(self)
        self.partner_label.setBuddy(self.partner)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.sync_box = SyncSettingsBox(self.session, self)
        interface = _form(self.interface_box)
        interface.addRow(self.language_label, self.language)
        security = _form(self.security_box)
        security.addRow(self.auto_lock_label, self.auto_lock)
        security.addRow(self.clipboard_label, self.clipboard_delay)
        security.addRow(self.kdf_title, self.kdf_label)
        security.addRow("", self.change_button)
        translation = _form(self.translation_box)
        translation.addRow(self.partner_label, self.partner)
        column = QVBoxLayout()
        boxes = (self.interface_box, self.security_box, self.exports_box, self.translation_box, self.sync_box)
        for box in boxes:
            box.setMaximumWidth(MAX_FORM_WIDTH)
            column.addWidget(box)
        column.addWidget(self.status)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(column, 1)
        layout.addStretch(0)
        self.language.activated.connect(self._language_chosen)
        self.auto_lock.activated.connect(self._auto_lock_chosen)
        self.partner.activated.connect(self._partner_chosen)
        self.change_button.clicked.connect(self.change_passphrase)

    def _build_exports(self) -> None:
        """The clipboard delay (in the security box) and the exports folder box."""
        self.clipboard_label = QLabel(self)
        self.clipboard_delay = QComboBox(self)
        self.clipboard_label.setBuddy(self.clipboard_delay)
        self.clipboard_delay.activated.connect(
            lambda index: clipboard.set_clear_delay(int(self.clipboard_delay.itemData(index)))
        )
        self.exports_box = QGroupBox(self)
        self.exports_label = QLabel(self)
        self.exports_folder = QLabel(self)
        self.exports_folder.setTextFormat(Qt.TextFormat.PlainText)
        self.exports_folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.exports_button = QPushButton(self)
        self.exports_button.clicked.connect(self.choose_exports_folder)
        documents = _form(self.exports_box)
        documents.addRow(self.exports_label, self.exports_folder)
        documents.addRow("", self.exports_button)

    # -- the page interface -------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.interface_box.setTitle(_("Interface"))
        self.language_label.setText(_("&Language:"))
        self.security_box.setTitle(_("Security"))
        self.auto_lock_label.setText(_("Lock &after:"))
        self.clipboard_label.setText(_("Clear copied &secrets after:"))
        self.clipboard_delay.setToolTip(
            _("Phone numbers and addresses of protected contacts and recovery codes leave the clipboard then")
        )
        self.exports_box.setTitle(_("Exported documents"))
        self.exports_label.setText(_("Folder:"))
        self.exports_button.setText(_("C&hoose another folder…"))
        self._show_exports_folder()
        self.kdf_title.setText(_("Key derivation:"))
        self.change_button.setText(_("C&hange the passphrase…"))
        self.translation_box.setTitle(_("Translation"))
        self.partner_label.setText(_("Default &partner language:"))
        self._fill_combos()
        self._show_kdf()

    def _fill_combos(self) -> None:
        ui_lang = i18n.current_language()
        for combo in (self.language, self.auto_lock, self.partner, self.clipboard_delay):
            combo.blockSignals(True)
            combo.clear()
        for seconds in clipboard.DELAY_CHOICES:
            self.clipboard_delay.addItem(
                ngettext("{n} second", "{n} seconds", seconds).format(n=seconds), seconds
            )
        self.clipboard_delay.setCurrentIndex(max(0, self.clipboard_delay.findData(clipboard.clear_delay())))
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ui_lang)))
        for minutes in AUTO_LOCK_CHOICES:
            text = ngettext("{n} minute of inactivity", "{n} minutes of inactivity", minutes)
            self.auto_lock.addItem(text.format(n=minutes), minutes)
        self.auto_lock.setCurrentIndex(max(0, self.auto_lock.findData(Prefs.auto_lock_minutes())))
        names = sorted((language_display_name(c, ui_lang), c) for c in PARTNER_LANGUAGES)
        for name, code in names:
            self.partner.addItem(f"{name} ({code})", code)
        self.partner.setCurrentIndex(max(0, self.partner.findData(Prefs.partner_language())))
        for combo in (self.language, self.auto_lock, self.partner, self.clipboard_delay):
            combo.blockSignals(False)

    def new_item(self) -> None:
        """Nothing to create on this page."""

    def open_record(self, record_id: str) -> None:
        """Settings hold no records."""

    def clear(self) -> None:
        self._kdf = None
        self.status.clear()
        self._show_kdf()

    def reload(self) -> None:
        path = self.session.vault_path
        self.session.runner.run_store(
            lambda: vault_service.kdf_parameters(path), self._kdf_loaded, self._kdf_failed
        )

    # -- reactions ----------------------------------------------------------------------------
    def _kdf_loaded(self, params: Argon2Params) -> None:
        self._kdf = params
        self._show_kdf()

    def _kdf_failed(self, error: BaseException) -> None:
        self._kdf = None
        self.kdf_label.setText(error_message(error))

    def _show_kdf(self) -> None:
        self.kdf_label.setText(describe_kdf(self._kdf) if self._kdf else "—")

    def _language_chosen(self, index: int) -> None:
        lang = str(self.language.itemData(index))
        if lang == i18n.current_language():
            return
        Prefs.set_language(lang)
        i18n.set_language(lang)

    def _auto_lock_chosen(self, index: int) -> None:
        minutes = int(self.auto_lock.itemData(index))
        Prefs.set_auto_lock_minutes(minutes)
        self.auto_lock_changed.emit(minutes)

    def _partner_chosen(self, index: int) -> None:
        Prefs.set_partner_language(str(self.partner.itemData(index)))

    def _show_exports_folder(self) -> None:
        self.exports_folder.setText(ltr(exports.export_folder()))

    def choose_exports_folder(self) -> None:
        title, folder = _("Folder for exported documents"), str(exports.export_folder())
        chosen = QFileDialog.getExistingDirectory(self, title, folder)
        if chosen:
            exports.set_export_folder(Path(chosen))
            self._show_exports_folder()

    def change_passphrase(self) -> None:
        """The Vault menu's dialog: a plain change, or a re-key with a new recovery code."""
        menu = getattr(self.window(), "vault_menu", None)
        dialog = menu.change_passphrase() if menu is not None else None
        if dialog is not None:
            dialog.accepted.connect(lambda: self._passphrase_changed(dialog.wants_rekey))

    def _passphrase_changed(self, rekeyed: bool) -> None:
        self.status.setText(
            _("The passphrase was changed and the vault re-encrypted under a new key.")
            if rekeyed
            else _("The passphrase was changed. The recovery code stays valid.")
        )
        self.reload()
