"""The Vault menu: the maintenance the CLI offers (backup, restore, passphrase change and re-key,
new recovery code, full check), in the app.

Every step runs on the store thread (the one that owns the vault's connection) or, for reading
every page, on a worker with a connection of its own; the window only shows progress and the
outcome. Re-keying and restoring swap the vault's files, so the session's vault is closed by the
core once the passphrase has proved right and the one opened afterwards takes its place
(``Session.reopen``); a wrong passphrase leaves everything as it was and is said in the dialog.

File choosers are attributes (``choose_backup``, ``choose_restore``) so tests can answer them;
the dialog or message last opened is kept in ``dialog`` / ``message``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog

from liaison.errors import VaultLocked
from liaison.services import vault as vault_service
from liaison.store.vault import Vault
from ui.dialogs import error_message, ltr
from ui.dialogs.vault_dialogs import PassphraseDialog, RecoveryCodeDialog
from ui.i18n import N_, _

if TYPE_CHECKING:
    from ui.main_window import MainWindow

BACKUP_FILTER = "Liaison vault (*.db)"
T = TypeVar("T")


class VaultMenu:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.session = window.session
        self.dialog: PassphraseDialog | RecoveryCodeDialog | None = None
        self.message: QMessageBox | None = None
        self.progress: QProgressDialog | None = None
        self.backup_action = self._action(self.back_up)
        self.restore_action = self._action(self.restore)
        self.passphrase_action = self._action(self.change_passphrase)
        self.recovery_action = self._action(self.new_recovery_code)
        self.check_action = self._action(self.check)
        self.menu = QMenu(window)  # File | Vault | Go | ... : next to File, where its twin was
        window.menuBar().insertMenu(window.go_menu.menuAction(), self.menu)
        self.menu.addActions([self.backup_action, self.restore_action])
        self.menu.addSeparator()
        self.menu.addActions([self.passphrase_action, self.recovery_action])
        self.menu.addSeparator()
        self.menu.addAction(self.check_action)
        self.choose_backup: Callable[[], Path | None] = self._ask_backup
        self.choose_restore: Callable[[], Path | None] = self._ask_restore

    def _action(self, slot: Callable[[], object]) -> QAction:
        action = QAction(self.window)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def retranslate_ui(self) -> None:
        self.menu.setTitle(_("&Vault"))
        self.backup_action.setText(_("&Back up…"))
        self.restore_action.setText(_("&Restore a backup…"))
        self.passphrase_action.setText(_("Change &passphrase / re-key…"))
        self.recovery_action.setText(_("New recovery &code…"))
        self.check_action.setText(_("Chec&k the vault"))

    # -- file choosers ------------------------------------------------------------------------
    def _ask_backup(self) -> Path | None:
        stamp = dt.datetime.now().strftime("%Y-%m-%d")
        name, _filter = QFileDialog.getSaveFileName(
            self.window, _("Back up the vault"), f"liaison-backup-{stamp}.db", BACKUP_FILTER
        )
        return Path(name) if name else None

    def _ask_restore(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self.window, _("Restore a backup"), "", BACKUP_FILTER)
        return Path(name) if name else None

    # -- back up ------------------------------------------------------------------------------
    def back_up(self) -> None:
        if not self.session.is_unlocked:
            return
        target = self.choose_backup()
        if target is None:
            return
        progress = self._progress(_("Copying the vault…"))
        runner = self.window.runner

        def report(done: int, total: int) -> None:  # store thread: hand the figures to the GUI
            runner.on_main(lambda: self._backup_progress(progress, done, total))

        def work(vault: Vault) -> Path:
            return vault_service.backup_open(vault, target, report)

        def finished(keys: Path) -> None:
            progress.close()
            self._tell(
                _(
                    "Backup written and verified: {file} and {keys}. It is encrypted and opens with the "
                    "current passphrase and recovery code. Keep both files together, away from the laptop."
                ).format(file=ltr(target), keys=ltr(keys.name))
            )

        self.session.query(work, finished, lambda error: self._failed(progress, error))

    def _backup_progress(self, progress: QProgressDialog, done: int, total: int) -> None:
        if done < 0:
            progress.setRange(0, 0)
            progress.setLabelText(_("Verifying the copy (every page is read back)…"))
            return
        progress.setRange(0, max(total, 1))
        progress.setValue(done)

    # -- restore ------------------------------------------------------------------------------
    def restore(self) -> None:
        if not self.session.is_unlocked:
            return
        source = self.choose_restore()
        if source is None:
            return
        dialog = PassphraseDialog(
            N_("Restore a backup"),
            N_(
                "The vault now open will be replaced by the backup. It is not lost: it is kept beside "
                "it, with its key file. Type the passphrase that was current when the backup was made."
            ),
            N_("&Restore"),
            self.window,
        )
        path = self.session.vault_path

        def go() -> None:
            dialog.start(_("Checking the backup and putting it in place…"))
            passphrase = dialog.passphrase()
            self.session.reopen(
                lambda release: self._restored_vault(path, source, passphrase, release, kept),
                lambda _vault: self._restored(dialog, source, kept),
                lambda error: self._reopen_failed(dialog, error),
            )

        kept: list[Path | None] = []
        dialog.submitted.connect(go)
        self._open(dialog)

    @staticmethod
    def _restored_vault(
        path: Path, source: Path, passphrase: str, release: Callable[[], None], kept: list[Path | None]
    ) -> Vault:
        vault, replaced = vault_service.restore_and_open(path, source, passphrase, release)
        kept.append(replaced)
        return vault

    def _restored(self, dialog: PassphraseDialog, source: Path, kept: list[Path | None]) -> None:
        dialog.finish()
        text = _("Restored the vault from {file}.").format(file=ltr(source))
        if kept and kept[-1] is not None:
            text += " " + _("The vault it replaced is kept as {file} (with its key file).").format(
                file=ltr(kept[-1])
            )
        self._tell(text)

    # -- passphrase and re-key ----------------------------------------------------------------
    def change_passphrase(self) -> PassphraseDialog | None:
        """Also Settings → Change the passphrase…; returns the dialog opened."""
        if not self.session.is_unlocked:
            return None
        dialog = PassphraseDialog(
            N_("Change the passphrase"),
            N_("Type the passphrase you use now, then the new one twice."),
            N_("&Change"),
            self.window,
            new=True,
        )
        path = self.session.vault_path

        def go() -> None:
            old, new = dialog.passphrase(), dialog.new_passphrase()
            if dialog.wants_rekey:
                dialog.start(_("Re-encrypting the vault under a new key…"))
                self.session.reopen(
                    lambda release: self._rekeyed_vault(path, old, new, release, codes),
                    lambda _vault: self._show_code(dialog, codes[-1], REKEYED),
                    lambda error: self._reopen_failed(dialog, error),
                )
                return
            dialog.start(_("Deriving the new key…"))
            self.window.runner.run_store(
                lambda: self._on_own_connection(lambda: vault_service.change_passphrase(path, old, new)),
                lambda _none: self._passphrase_changed(dialog),
                dialog.fail,
            )

        codes: list[str] = []
        dialog.submitted.connect(go)
        self._open(dialog)
        return dialog

    @staticmethod
    def _rekeyed_vault(
        path: Path, old: str, new: str, release: Callable[[], None], codes: list[str]
    ) -> Vault:
        vault, code = vault_service.rekey_and_reopen(path, old, new, release)
        codes.append(code)
        return vault

    def _on_own_connection(self, work: Callable[[], T]) -> T:
        """Store thread: ``work`` writes key slots and audit entries through a connection of its
        own; the session's vault then forgets its cached audit head (re-read at its next write)."""
        result = work()
        with contextlib.suppress(VaultLocked):
            self.session.vault().audit_head = None
        return result

    def _passphrase_changed(self, dialog: PassphraseDialog) -> None:
        dialog.finish()
        self._tell(
            _(
                "Passphrase changed. The database key is unchanged: someone who kept a copy of the key "
                "file and knew the old passphrase can still open this vault. If that may be so, "
                "re-encrypt (Vault → Change passphrase / re-key…)."
            )
        )

    # -- recovery code ------------------------------------------------------------------------
    def new_recovery_code(self) -> None:
        if not self.session.is_unlocked:
            return
        dialog = PassphraseDialog(
            N_("New recovery code"),
            N_(
                "A new recovery code is issued and the one you have now stops working at once. Type "
                "your passphrase to go on."
            ),
            N_("&Issue a new code"),
            self.window,
        )
        path = self.session.vault_path

        def go() -> None:
            dialog.start(_("Issuing a new recovery code…"))
            passphrase = dialog.passphrase()
            self.window.runner.run_store(
                lambda: self._on_own_connection(lambda: vault_service.rotate_recovery_code(path, passphrase)),
                lambda code: self._show_code(dialog, code, ROTATED),
                dialog.fail,
            )

        dialog.submitted.connect(go)
        self._open(dialog)

    def _show_code(self, dialog: PassphraseDialog, code: str, intro: str) -> None:
        dialog.finish()
        self._open(RecoveryCodeDialog(code, intro, self.window))

    # -- check --------------------------------------------------------------------------------
    def check(self) -> None:
        """Every page read on a worker with its own connection (the window keeps working), then
        the records and the audit chain on the store thread."""
        if not self.session.is_unlocked:
            return
        progress = self._progress(_("Reading and authenticating every page…"))
        progress.setRange(0, 0)

        def pages_read(vault: Vault, problems: list[str]) -> None:
            if not self.session.holds(vault):
                progress.close()
                return
            progress.setLabelText(_("Replaying every record from its operations, verifying the audit chain…"))
            self.session.query(
                lambda v: problems + vault_service.check_records(v),
                lambda found: self._checked(progress, found),
                lambda error: self._failed(progress, error),
            )

        def start(vault: Vault) -> None:
            self.window.runner.run_io(
                vault.page_checker(),
                lambda problems: pages_read(vault, problems),
                lambda error: self._failed(progress, error),
            )

        self.session.query(lambda vault: vault, start, lambda error: self._failed(progress, error))

    def _checked(self, progress: QProgressDialog, problems: list[str]) -> None:
        progress.close()
        if not problems:
            self._tell(
                _(
                    "Vault intact: every page authenticated, structure and indexes consistent, every "
                    "record matches its operations, audit chain verified."
                )
            )
            return
        shown = "\n".join(f"• {problem}" for problem in problems[:10])
        more = len(problems) - 10
        if more > 0:
            shown += "\n" + _("… and {n} more").format(n=more)
        self._tell(
            _("The vault has {n} problem(s):").format(n=len(problems))
            + f"\n{shown}\n\n"
            + _(
                "Way forward: restore your latest backup (Vault → Restore a backup…), or first save "
                "what is readable with 'liaison salvage -o FILE'."
            ),
            QMessageBox.Icon.Warning,
        )

    # -- shared -------------------------------------------------------------------------------
    def _progress(self, text: str) -> QProgressDialog:
        progress = QProgressDialog(text, "", 0, 0, self.window)
        progress.setWindowTitle(_("Vault"))
        progress.setCancelButton(None)  # type: ignore[arg-type]  # copying and checking run to the end
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumWidth(420)
        progress.show()
        self.progress = progress
        return progress

    def _reopen_failed(self, dialog: PassphraseDialog, error: BaseException) -> None:
        """A wrong passphrase or a file that is not a good backup: said in the dialog, nothing
        changed. A failure after the vault was closed (disk full...): the session is locked by
        now, the vault on disk is whole, and the message stands above the unlock screen."""
        dialog.fail(error)
        if self.session.is_unlocked:
            return
        dialog.reject()
        box = QMessageBox(QMessageBox.Icon.Warning, _("Vault"), "", QMessageBox.StandardButton.Ok)
        box.setText(
            _("{error}. The vault was locked and is as it was before: unlock it again.").format(
                error=error_message(error).rstrip(".")
            )
        )
        self.message = box
        box.open()

    def _failed(self, progress: QProgressDialog, error: BaseException) -> None:
        progress.close()
        self._tell(error_message(error), QMessageBox.Icon.Warning)

    def _open(self, dialog: PassphraseDialog | RecoveryCodeDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def _tell(self, text: str, kind: QMessageBox.Icon = QMessageBox.Icon.Information) -> None:
        box = QMessageBox(kind, _("Vault"), text, QMessageBox.StandardButton.Ok, self.window)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.message = box
        box.open()


# Said above a new recovery code, after re-keying or after asking for a new code.
REKEYED = N_(
    "The passphrase is changed and the vault re-encrypted under a new key: old copies of the key file, "
    "the old passphrase and the old recovery code open nothing written from now on. This is your new "
    "recovery code."
)
ROTATED = N_("This is your new recovery code; the previous one no longer works.")
