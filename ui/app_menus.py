"""Menu entries added to the main window by features that live outside it: File → Import /
Export contacts and the selected contact's QR code, Help → About (with the self-test report).
Kept here so the main window only builds :class:`AppMenus` and calls its ``retranslate_ui``.

File choosers are attributes (``choose_import``, ``choose_export``) so tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from liaison.domain import Contact
from liaison.services import contact_io
from liaison.store.vault import Vault
from ui.dialogs import error_message, ltr
from ui.i18n import _

if TYPE_CHECKING:
    from ui.main_window import MainWindow

VCARD3, VCARD4, CSV = "vCard 3.0 (*.vcf)", "vCard 4.0 (*.vcf)", "CSV (*.csv)"


class AppMenus:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.dialog: object | None = None  # the dialog last opened (kept alive while shown; tests read it)
        self.import_action = self._action(self.import_contacts, "Ctrl+Shift+I")
        self.export_all_action = self._action(lambda: self.export_contacts(selected=False), "Ctrl+Shift+E")
        self.export_one_action = self._action(lambda: self.export_contacts(selected=True))
        self.qr_action = self._action(self.show_qr)
        menu = window.file_menu
        quit_action = window.quit_action  # File: New item, Lock | these four | Quit
        menu.insertActions(
            quit_action, [self.import_action, self.export_all_action, self.export_one_action, self.qr_action]
        )
        menu.insertSeparator(quit_action)
        self.help_menu = window.menuBar().addMenu("")
        self.about_action = self._action(self.show_about, QKeySequence.StandardKey.HelpContents)
        self.help_menu.addAction(self.about_action)
        self.choose_import: Callable[[], Path | None] = self._ask_import
        self.choose_export: Callable[[], tuple[Path, str] | None] = self._ask_export

    def _action(self, slot: Callable[[], object], shortcut: object = None) -> QAction:
        action = QAction(self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def retranslate_ui(self) -> None:
        self.import_action.setText(_("&Import contacts…"))
        self.export_all_action.setText(_("&Export all contacts…"))
        self.export_one_action.setText(_("Export the selected &contacts…"))
        self.qr_action.setText(_("Selected contact as &QR code…"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Liaison"))

    # -- file choosers ------------------------------------------------------------------------
    def _ask_import(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window, _("Import contacts"), "", f"{_('Contacts')} (*.vcf *.vcard *.csv);;{VCARD3};;{CSV}"
        )
        return Path(name) if name else None

    def _ask_export(self) -> tuple[Path, str] | None:
        name, chosen = QFileDialog.getSaveFileName(
            self.window, _("Export contacts"), "contacts.vcf", f"{VCARD3};;{VCARD4};;{CSV}"
        )
        return (Path(name), chosen) if name else None

    # -- actions ------------------------------------------------------------------------------
    def _selected_contact(self) -> Contact | None:
        page = self.window.page("contacts")
        current = getattr(page, "current", None)
        contact = current() if callable(current) else None
        return contact if isinstance(contact, Contact) else None

    def _selected_contacts(self) -> list[Contact]:
        """Every contact selected on the Contacts page (Ctrl/Shift-click selects several)."""
        page = self.window.page("contacts")
        selected = getattr(page, "selected_contacts", None)
        found = selected() if callable(selected) else []
        if not found and (one := self._selected_contact()) is not None:
            found = [one]
        return [c for c in found if isinstance(c, Contact)]

    def import_contacts(self) -> None:
        path = self.choose_import()
        if path is None or not self.window.session.is_unlocked:
            return
        from ui.dialogs.contacts_import_dialog import ContactsImportDialog  # noqa: PLC0415

        dialog = ContactsImportDialog(self.window.session, path, self.window)
        dialog.finished.connect(lambda _code: self._imported(dialog))
        self._open(dialog)

    def _imported(self, dialog: object) -> None:
        result = getattr(dialog, "outcome", None)
        if isinstance(result, contact_io.ImportResult):
            self.window.statusBar().showMessage(
                _("Imported {new} new contacts, merged {merged}, {agencies} agencies created").format(
                    new=result.created, merged=result.merged, agencies=result.agencies_created
                ),
                8000,
            )

    def export_contacts(self, *, selected: bool) -> None:
        contacts = self._selected_contacts() if selected else []
        if (selected and not contacts) or not self.window.session.is_unlocked:
            self._tell(_("Select a contact on the Contacts page first."))
            return
        answer = self.choose_export()
        if answer is None:
            return
        path, chosen = answer
        fmt = "csv" if chosen == CSV or path.suffix.lower() == ".csv" else "vcard"
        version = "4.0" if chosen == VCARD4 else "3.0"
        refs = [contact.id for contact in contacts] if selected else None

        def work(vault: Vault) -> int:
            return contact_io.export_to(vault, path, refs, fmt, version)

        def done(count: int) -> None:
            self.window.statusBar().showMessage(
                _("Exported {n} contacts to {file}").format(n=count, file=ltr(path.name)), 8000
            )

        self.window.session.query(work, done, lambda error: self._tell(error_message(error)))

    def show_qr(self) -> None:
        contact = self._selected_contact()
        if contact is None:
            self._tell(_("Select a contact on the Contacts page first."))
            return
        from ui.dialogs.contact_qr_dialog import ContactQrDialog  # noqa: PLC0415

        def done(text: str) -> None:
            try:
                self._open(ContactQrDialog(contact.full_name, text, self.window))
            except ValueError as error:  # ValidationError: too long for a QR code
                self._tell(error_message(error))

        def work(vault: Vault) -> str:
            return contact_io.vcard_of(vault, contact.id)

        self.window.session.query(work, done, lambda error: self._tell(error_message(error)))

    def show_about(self) -> None:
        from ui.dialogs.about_dialog import AboutDialog  # noqa: PLC0415  (built on demand)

        self._open(AboutDialog(self.window.runner, self.window.session.vault_path, self.window))

    def _open(self, dialog: object) -> None:
        self.dialog = dialog
        show = getattr(dialog, "open", None)
        if callable(show):
            show()  # window-modal, does not block the event loop

    def _tell(self, text: str) -> None:
        QMessageBox.information(self.window, _("Liaison"), text)
