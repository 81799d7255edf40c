"""Vault menu: back up, restore, change the passphrase (plain and re-key), new recovery code and the
full check, driven through the app on real vault files; each outcome is then checked with the core
on the files themselves (what opens them, what they hold)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from liaison.crypto import keyslots
from liaison.domain import Contact
from liaison.errors import WrongPassphrase, WrongRecoveryCode
from liaison.services import catalog
from liaison.services import vault as vault_service
from liaison.store.vault import Vault, header_path
from ui.app import LiaisonApp
from ui.dialogs.vault_dialogs import PassphraseDialog, RecoveryCodeDialog
from ui.vault_menu import VaultMenu

NEW_PASSPHRASE = "violet lantern harbour seventeen"

pytestmark = pytest.mark.usefixtures("fake_pages")


def _menu(qtbot: QtBot, make_app: object, vault: tuple[Path, str]) -> tuple[LiaisonApp, VaultMenu]:
    path, passphrase = vault
    app: LiaisonApp = make_app(path)  # type: ignore[operator]
    app.start()
    dialog = app.unlock_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.passphrase.edit.setText(passphrase)  # typed keys cannot carry every character
    with qtbot.waitSignal(app.window_ready, timeout=30_000):
        qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)
    assert app.main_window is not None
    qtbot.waitUntil(lambda: not app.runner.busy, timeout=30_000)
    return app, app.main_window.vault_menu


def _message(qtbot: QtBot, menu: VaultMenu, contains: str) -> str:
    qtbot.waitUntil(lambda: menu.message is not None and contains in menu.message.text(), timeout=60_000)
    assert menu.message is not None
    text = menu.message.text()
    menu.message.accept()
    return text


def _query(qtbot: QtBot, app: LiaisonApp, work: object) -> object:
    box: list[object] = []
    app.session.query(work, box.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(box), timeout=30_000)
    return box[0]


def _names(vault: Vault) -> set[str]:
    return {c.full_name for c in catalog.contacts.list(vault)}


def _submit(qtbot: QtBot, dialog: PassphraseDialog, passphrase: str, new: str | None = None) -> None:
    dialog.current.setText(passphrase)
    if new is not None:
        assert dialog.form is not None
        dialog.form.passphrase.setText(new)
        dialog.form.confirm.setText(new)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()


def test_menu_lists_the_maintenance_entries(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str]
) -> None:
    app, menu = _menu(qtbot, make_app, demo_vault)
    assert app.main_window is not None
    titles = [a.text() for a in app.main_window.menuBar().actions()]
    assert titles.index("&Vault") == titles.index("&File") + 1
    assert [a.text() for a in menu.menu.actions() if not a.isSeparator()] == [
        "&Back up…", "&Restore a backup…", "Change &passphrase / re-key…", "New recovery &code…",
        "Chec&k the vault",
    ]  # fmt: skip


def test_backup_then_restore_brings_back_the_copy_and_keeps_the_replaced_vault(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], tmp_path: Path
) -> None:
    app, menu = _menu(qtbot, make_app, demo_vault)
    path, passphrase = demo_vault
    before = _query(qtbot, app, _names)
    target = tmp_path / "backups" / "copy.db"
    menu.choose_backup = lambda: target
    menu.backup_action.trigger()
    text = _message(qtbot, menu, "Backup written and verified")
    assert "copy.db.keys" in text
    assert menu.progress is not None and not menu.progress.isVisible()
    with vault_service.unlock(target, passphrase) as copy:  # a real vault pair, same passphrase
        assert _names(copy) == before
    # The same name again is refused in one line, nothing overwritten.
    menu.backup_action.trigger()
    assert "already exists" in _message(qtbot, menu, "already exists")

    added = _query(qtbot, app, lambda v: catalog.contacts.add(v, Contact(full_name="Written After Backup")))
    assert isinstance(added, Contact)
    menu.choose_restore = lambda: target
    menu.restore_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, PassphraseDialog)
    qtbot.waitExposed(dialog)
    _submit(qtbot, dialog, "not the passphrase at all")
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=30_000)
    assert "passphrase" in dialog.error.text().lower()
    assert app.session.is_unlocked and dialog.isVisible()  # a mistake changes nothing
    assert "Written After Backup" in _query(qtbot, app, _names)  # type: ignore[operator]
    dialog.grab().save(str(tmp_path / "restore-dialog.png"))

    _submit(qtbot, dialog, passphrase)
    text = _message(qtbot, menu, "Restored the vault from")
    assert not dialog.isVisible() and app.session.is_unlocked
    assert _query(qtbot, app, _names) == before  # the window goes on with the restored vault
    kept = [p for p in path.parent.iterdir() if ".before-restore-" in p.name and not p.name.endswith(".keys")]
    assert len(kept) == 1 and kept[0].name in text
    with vault_service.unlock(kept[0], passphrase) as replaced:
        assert "Written After Backup" in _names(replaced)
    # The restored vault takes writes and its audit chain holds.
    _query(qtbot, app, lambda v: catalog.contacts.add(v, Contact(full_name="After Restore")))
    assert _query(qtbot, app, vault_service.check_records) == []


def test_restore_of_a_file_that_is_no_backup_changes_nothing(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], tmp_path: Path
) -> None:
    app, menu = _menu(qtbot, make_app, demo_vault)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\0" * 8192)
    menu.choose_restore = lambda: junk
    menu.restore_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, PassphraseDialog)
    _submit(qtbot, dialog, demo_vault[1])
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=30_000)
    assert "junk.db.keys" in dialog.error.text()
    assert app.session.is_unlocked and app.unlock_dialog is not None and not app.unlock_dialog.isVisible()
    dialog.reject()


def test_rekey_issues_a_new_code_and_the_old_secrets_open_nothing(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], tmp_path: Path
) -> None:
    app, menu = _menu(qtbot, make_app, demo_vault)
    path, passphrase = demo_vault
    old_header = keyslots.read_header(header_path(path))
    before = _query(qtbot, app, _names)
    menu.passphrase_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, PassphraseDialog) and dialog.rekey is not None
    dialog.rekey.setChecked(True)
    assert "open nothing written" in dialog.rekey_note.text()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "rekey-dialog.png"))
    _submit(qtbot, dialog, passphrase, NEW_PASSPHRASE)
    qtbot.waitUntil(lambda: isinstance(menu.dialog, RecoveryCodeDialog), timeout=60_000)
    shown = menu.dialog
    assert isinstance(shown, RecoveryCodeDialog)
    code = shown.code
    assert len(code.replace("-", "")) == 32 and shown.code_label.text() == code
    qtbot.waitExposed(shown)
    shown.grab().save(str(tmp_path / "new-code.png"))
    shown.done_button.click()
    assert shown.code == "" and shown.code_label.text() == ""  # not kept in the widget
    assert app.session.is_unlocked and _query(qtbot, app, _names) == before
    header = keyslots.read_header(header_path(path))
    with pytest.raises(WrongPassphrase):
        keyslots.unwrap_with_passphrase(header, passphrase)
    new_key = keyslots.unwrap_with_passphrase(header, NEW_PASSPHRASE)
    assert keyslots.unwrap_with_recovery_code(header, code) == new_key
    assert keyslots.unwrap_with_passphrase(old_header, passphrase) != new_key  # really re-encrypted
    _query(qtbot, app, lambda v: catalog.contacts.add(v, Contact(full_name="After Rekey")))
    with vault_service.unlock(path, NEW_PASSPHRASE) as reopened:
        assert "After Rekey" in _names(reopened)


def test_plain_change_says_what_it_does_not_protect(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str]
) -> None:
    app, menu = _menu(qtbot, make_app, demo_vault)
    path, passphrase = demo_vault
    menu.passphrase_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, PassphraseDialog)
    assert "copy of the key file" in dialog.rekey_note.text()
    _submit(qtbot, dialog, passphrase, NEW_PASSPHRASE)
    text = _message(qtbot, menu, "Passphrase changed")
    assert "database key is unchanged" in text
    header = keyslots.read_header(header_path(path))
    with pytest.raises(WrongPassphrase):
        keyslots.unwrap_with_passphrase(header, passphrase)
    keyslots.unwrap_with_passphrase(header, NEW_PASSPHRASE)
    assert app.session.is_unlocked


def test_new_recovery_code_retires_the_old_one(
    qtbot: QtBot, existing_vault: tuple[Path, str, str], make_app: object
) -> None:
    path, passphrase, old_code = existing_vault
    app, menu = _menu(qtbot, make_app, (path, passphrase))
    menu.recovery_action.trigger()
    dialog = menu.dialog
    assert isinstance(dialog, PassphraseDialog) and dialog.form is None
    _submit(qtbot, dialog, passphrase)
    qtbot.waitUntil(lambda: isinstance(menu.dialog, RecoveryCodeDialog), timeout=60_000)
    assert isinstance(menu.dialog, RecoveryCodeDialog)
    code = menu.dialog.code
    header = keyslots.read_header(header_path(path))
    with pytest.raises(WrongRecoveryCode):
        keyslots.unwrap_with_recovery_code(header, old_code)
    assert keyslots.unwrap_with_recovery_code(header, code) == keyslots.unwrap_with_passphrase(
        header, passphrase
    )
    menu.dialog.accept()
    assert app.session.is_unlocked


def test_check_reports_intact_then_names_a_row_edited_outside(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], tmp_path: Path
) -> None:
    app, menu = _menu(qtbot, make_app, demo_vault)
    menu.check_action.trigger()
    assert _message(qtbot, menu, "Vault").startswith("Vault intact")
    forged = _query(
        qtbot,
        app,
        lambda v: v.conn.execute(
            "UPDATE contacts SET full_name = 'Forged Name' "
            "WHERE id = (SELECT min(id) FROM contacts) RETURNING id"
        ).fetchone()[0],
    )
    menu.check_action.trigger()
    qtbot.waitUntil(lambda: menu.message is not None and "problem" in menu.message.text(), timeout=60_000)
    assert menu.message is not None
    assert menu.message.icon() == QMessageBox.Icon.Warning
    assert forged in menu.message.text() and "Vault → Restore a backup…" in menu.message.text()
    menu.message.grab().save(str(tmp_path / "check-problems.png"))
