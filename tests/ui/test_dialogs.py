"""The vault life-cycle dialogs: create (with the recovery-code check), unlock, backoff, recover,
change passphrase; and the passphrase strength estimate."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison.services import vault as vault_service
from ui.app import LiaisonApp
from ui.dialogs.create_vault_dialog import CODE_STEP, CONFIRM_STEP, PASSPHRASE_STEP, CreateVaultDialog
from ui.dialogs.recover_dialog import RecoverDialog
from ui.dialogs.unlock_dialog import UnlockDialog
from ui.widgets.password_field import NewPassphraseForm, assess

NEW_PASSPHRASE = "granite lantern orbit 1987 Velvet"


def _type(qtbot: QtBot, widget: object, text: str) -> None:
    """Type ASCII as keystrokes; other text (QTest cannot synthesise it) is set directly."""
    widget.clear()  # type: ignore[attr-defined]
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.setText(text)  # type: ignore[attr-defined]


def _wait_unlocked(qtbot: QtBot, app: LiaisonApp) -> None:
    qtbot.waitUntil(lambda: app.session.is_unlocked and app.main_window is not None, timeout=10_000)
    qtbot.waitUntil(app.main_window.isVisible, timeout=5_000)  # type: ignore[union-attr]


def _unlock(qtbot: QtBot, app: LiaisonApp, passphrase: str) -> None:
    dialog = app.unlock_dialog
    assert dialog is not None and dialog.isVisible()
    _type(qtbot, dialog.passphrase.edit, passphrase)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


# -- create -----------------------------------------------------------------------------------
def test_first_start_creates_a_vault_and_requires_the_recovery_code(
    qtbot: QtBot, make_app: object, vault_path: Path, tmp_path: Path
) -> None:
    app: LiaisonApp = make_app(vault_path)  # type: ignore[operator]
    app.start()
    dialog = app.create_dialog
    assert isinstance(dialog, CreateVaultDialog) and app.unlock_dialog is None
    qtbot.waitExposed(dialog)
    assert dialog.step == PASSPHRASE_STEP

    _type(qtbot, dialog.form.passphrase.edit, "short")
    assert not dialog.create_button.isEnabled()
    assert "10" in dialog.form.hint.text()
    _type(qtbot, dialog.form.passphrase.edit, NEW_PASSPHRASE)
    _type(qtbot, dialog.form.confirm.edit, NEW_PASSPHRASE + "x")
    assert not dialog.create_button.isEnabled()
    _type(qtbot, dialog.form.confirm.edit, NEW_PASSPHRASE)
    assert dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.step == CODE_STEP, timeout=10_000)

    code = dialog.recovery_code
    assert len(code.split("-")) == 8
    assert dialog.code_label.text().replace("\n", "") == code
    assert vault_path.exists()
    # The code is shown once and must be kept: save it, render the printable sheet.
    saved = tmp_path / "code.txt"
    dialog.save_code(saved)
    qtbot.waitUntil(saved.exists, timeout=5_000)
    assert code in saved.read_text(encoding="utf-8")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    pdf = tmp_path / "code.pdf"
    dialog.save_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    _confirm_the_code(qtbot, app, dialog, code)


def _confirm_the_code(qtbot: QtBot, app: LiaisonApp, dialog: CreateVaultDialog, code: str) -> None:
    """The dialog cannot be dismissed now, and the vault does not open without the check."""
    dialog.reject()
    assert dialog.isVisible() and "recovery code" in dialog.error.text()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step == CONFIRM_STEP
    assert not dialog.open_button.isEnabled()
    groups = code.split("-")
    first, second = dialog.confirm_groups  # two groups, chosen when the code was made
    assert first < second and f"group {first + 1} and group {second + 1}" in dialog.confirm_intro.text()
    wrong = "ZZZZ" if groups[second] != "ZZZZ" else "YYYY"
    qtbot.keyClicks(dialog.confirm_edit, groups[first].lower())
    assert not dialog.open_button.isEnabled()  # both groups are needed
    qtbot.keyClicks(dialog.confirm_edit_2, wrong)
    assert dialog.open_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)  # a wrong group says which
    assert not app.session.is_unlocked
    assert dialog.error.text().startswith(f"Group {second + 1} does not match")
    _type(qtbot, dialog.confirm_edit_2, groups[second])
    assert dialog.open_button.isEnabled()
    with qtbot.waitSignal(app.window_ready, timeout=10_000):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert app.session.is_unlocked
    assert not dialog.isVisible()
    assert dialog.recovery_code == "" and dialog.code_label.text() == ""


def test_create_shows_core_errors(
    qtbot: QtBot, make_app: object, existing_vault: tuple[Path, str, str]
) -> None:
    path, _passphrase, _code = existing_vault
    app: LiaisonApp = make_app(path)  # type: ignore[operator]
    dialog = app.show_create()
    assert isinstance(dialog, CreateVaultDialog)
    _type(qtbot, dialog.form.passphrase.edit, NEW_PASSPHRASE)
    _type(qtbot, dialog.form.confirm.edit, NEW_PASSPHRASE)
    dialog.create_vault()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "already exists" in dialog.error.text()
    assert dialog.step == PASSPHRASE_STEP and dialog.create_button.isEnabled()


# -- unlock -----------------------------------------------------------------------------------
def test_unlock_wrong_then_right_passphrase(
    qtbot: QtBot, make_app: object, existing_vault: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(UnlockDialog, "BACKOFF_UNIT_MS", 100)
    path, passphrase, _code = existing_vault
    app: LiaisonApp = make_app(path)  # type: ignore[operator]
    app.start()
    dialog = app.unlock_dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitExposed(dialog)

    size = dialog.size()
    _unlock(qtbot, app, "not the passphrase")
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert dialog.error.text() == "Wrong passphrase for this vault"
    assert dialog.size() == size  # messages and the countdown come and go in room kept for them
    assert not app.session.is_unlocked and dialog.failures == 1
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=5_000)

    with qtbot.waitSignal(app.window_ready, timeout=10_000):
        _unlock(qtbot, app, passphrase)
    _wait_unlocked(qtbot, app)
    assert not dialog.isVisible()
    assert dialog.passphrase.text() == ""
    assert dialog.failures == 0


def test_caps_lock_warning_follows_the_typed_letters(qtbot: QtBot) -> None:
    from ui.widgets.password_field import PasswordField

    field = PasswordField()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.edit, "S")  # a capital without Shift: Caps Lock is on
    assert field.caps_warning.isVisible() and field.caps_warning.text() == "Caps Lock is on."
    qtbot.keyClick(field.edit, "7")  # says nothing either way
    assert field.caps_warning.isVisible()
    qtbot.keyClicks(field.edit, "s")
    assert not field.caps_warning.isVisible()
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    from ui.widgets.password_field import caps_lock_from_key

    def key(text: str, shift: bool) -> QKeyEvent:
        modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, modifiers, text)

    assert caps_lock_from_key(key("a", shift=True)) is True  # Shift gives a small letter: Caps Lock
    assert caps_lock_from_key(key("A", shift=True)) is False
    assert caps_lock_from_key(key("ب", shift=False)) is None  # Arabic letters have no case


def test_backoff_doubles_after_each_wrong_passphrase(
    qtbot: QtBot, make_app: object, existing_vault: tuple[Path, str, str]
) -> None:
    path, _passphrase, _code = existing_vault
    app: LiaisonApp = make_app(path)  # type: ignore[operator]
    dialog = app.show_unlock()
    assert dialog.BACKOFF_UNIT_MS == 1000
    waits = []
    for attempt in range(1, 3):
        _unlock(qtbot, app, f"wrong {attempt}")
        qtbot.waitUntil(lambda a=attempt: dialog.failures == a, timeout=10_000)
        waits.append(dialog.remaining_ms())
        assert not dialog.unlock_button.isEnabled()
        assert dialog.countdown_label.isVisible()
        assert "try again in" in dialog.countdown_label.text()
        # Enter does nothing while blocked.
        qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)
        assert dialog.failures == attempt
        qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=2_000 * attempt + 1_000)
        assert not dialog.countdown_label.isVisible()
    assert 500 < waits[0] <= 1000
    assert 1500 < waits[1] <= 2000
    dialog.start_backoff(8000)  # the fourth wait, without sleeping through the third
    assert dialog.countdown_label.text() == "You can try again in 8 seconds."


def test_empty_passphrase_asks_for_one(
    qtbot: QtBot, make_app: object, existing_vault: tuple[Path, str, str]
) -> None:
    app: LiaisonApp = make_app(existing_vault[0])  # type: ignore[operator]
    dialog = app.show_unlock()
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Type your passphrase."
    assert not dialog.busy.busy


# -- recover ----------------------------------------------------------------------------------
def test_recover_with_the_code_sets_a_new_passphrase(
    qtbot: QtBot, make_app: object, existing_vault: tuple[Path, str, str]
) -> None:
    path, old_passphrase, code = existing_vault
    app: LiaisonApp = make_app(path)  # type: ignore[operator]
    app.start()
    unlock = app.unlock_dialog
    assert unlock is not None
    qtbot.mouseClick(unlock.recover_button, Qt.MouseButton.LeftButton)
    recover = app.recover_dialog
    assert isinstance(recover, RecoverDialog)
    assert recover.isVisible() and not unlock.isVisible()

    # Back returns to the unlock dialog.
    qtbot.mouseClick(recover.cancel_button, Qt.MouseButton.LeftButton)
    assert unlock.isVisible() and not recover.isVisible()
    qtbot.mouseClick(unlock.recover_button, Qt.MouseButton.LeftButton)

    wrong = "0000-0000-0000-0000-0000-0000-0000-0000"
    _type(qtbot, recover.code, wrong)
    _type(qtbot, recover.form.passphrase.edit, NEW_PASSPHRASE)
    _type(qtbot, recover.form.confirm.edit, NEW_PASSPHRASE)
    assert recover.recover_button.isEnabled()
    qtbot.mouseClick(recover.recover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(recover.error.isVisible, timeout=10_000)
    assert recover.error.text() == "Wrong recovery code for this vault"

    _type(qtbot, recover.code, code.replace("-", " ").lower())
    qtbot.mouseClick(recover.recover_button, Qt.MouseButton.LeftButton)
    # The vault was re-keyed: the used code no longer works, and the new one is shown once.
    qtbot.waitUntil(recover.continue_button.isVisible, timeout=30_000)
    new_code = recover.new_code_label.text()
    assert new_code and new_code != code and "no longer works" in recover.intro.text()
    assert not recover.form.isVisible()
    with qtbot.waitSignal(app.window_ready, timeout=10_000):
        qtbot.mouseClick(recover.continue_button, Qt.MouseButton.LeftButton)
    assert app.session.is_unlocked and not recover.isVisible()
    assert recover.code.text() == "" and recover.form.value() == "" and recover.new_code == ""
    from liaison.errors import WrongRecoveryCode

    with pytest.raises(WrongRecoveryCode):
        vault_service.recover(path, code, "unused new passphrase")

    # The old passphrase is gone, the new one works.
    app.lock()
    _unlock(qtbot, app, old_passphrase)
    qtbot.waitUntil(lambda: unlock.failures == 1, timeout=10_000)
    unlock.start_backoff(0)
    with qtbot.waitSignal(app.window_ready, timeout=10_000):
        _unlock(qtbot, app, NEW_PASSPHRASE)


# -- change passphrase (settings) -------------------------------------------------------------
def test_change_passphrase_from_settings_keeps_the_audit_chain(
    qtbot: QtBot, make_app: object, existing_vault: tuple[Path, str, str], fake_pages: None
) -> None:
    from ui.dialogs.vault_dialogs import PassphraseDialog
    from ui.views.settings_view import SettingsView

    path, passphrase, _code = existing_vault
    app: LiaisonApp = make_app(path)  # type: ignore[operator]
    app.start()
    with qtbot.waitSignal(app.window_ready, timeout=10_000):
        _unlock(qtbot, app, passphrase)
    window = app.main_window
    settings = window.show_page("settings")  # type: ignore[union-attr]
    assert isinstance(settings, SettingsView)
    qtbot.waitUntil(lambda: settings.kdf_label.text().startswith("Argon2id"), timeout=5_000)
    assert "8 MiB" in settings.kdf_label.text()  # the fast test profile

    qtbot.mouseClick(settings.change_button, Qt.MouseButton.LeftButton)
    dialog = window.vault_menu.dialog  # type: ignore[union-attr]  # the Vault menu's, shared
    assert isinstance(dialog, PassphraseDialog) and dialog.isVisible() and dialog.form is not None
    _type(qtbot, dialog.current.edit, "not it at all")
    _type(qtbot, dialog.form.passphrase.edit, NEW_PASSPHRASE)
    _type(qtbot, dialog.form.confirm.edit, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert dialog.error.text() == "Wrong passphrase for this vault"

    _type(qtbot, dialog.current.edit, passphrase)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "changed" in settings.status.text()

    # A search appends to the audit log through the open vault: the chain must still verify.
    window.search_bar.setText("anything")  # type: ignore[union-attr]
    window.search_bar.flush()  # type: ignore[union-attr]
    results: list[int] = []
    app.session.query(vault_service.verify_audit, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5_000)
    assert results[0] > 0


def test_settings_choose_clipboard_delay_and_show_the_exports_folder(
    qtbot: QtBot, runner: object, tmp_path: Path
) -> None:
    from ui import clipboard, exports
    from ui.session import Session
    from ui.views.settings_view import SettingsView

    settings = SettingsView(Session(runner, tmp_path / "vault.db"))  # type: ignore[arg-type]
    qtbot.addWidget(settings)
    # The path is isolated left to right: in Arabic its leading "/" would otherwise move to its end.
    assert settings.exports_folder.text() == f"\u2066{exports.default_folder()}\u2069"
    exports.set_export_folder(tmp_path)
    settings.retranslate_ui()
    assert settings.exports_folder.text() == f"\u2066{tmp_path}\u2069"
    assert clipboard.clear_delay() == clipboard.DEFAULT_SECONDS
    row = settings.clipboard_delay.findData(120)
    settings.clipboard_delay.setCurrentIndex(row)
    settings.clipboard_delay.activated.emit(row)
    assert clipboard.clear_delay() == 120
    assert settings.clipboard_delay.currentText() == "120 seconds"


# -- strength estimate (zxcvbn, through the core) ---------------------------------------------
@pytest.mark.parametrize(
    ("weak", "strong"),
    [
        ("password", "Tq7#vL9!pX2@"),
        ("aaaaaaaaaaaaaaaa", "granite lantern orbit velvet"),
        ("abcdefghijkl", "k3P!x9#Lm2@Qw7$Z"),
        ("Password1234", "Password1234 is not mine at all"),
    ],
)
def test_strength_estimate_orders_passphrases(weak: str, strong: str) -> None:
    assert assess(weak).guesses_log10 < assess(strong).guesses_log10
    assert assess(weak).score < assess(strong).score


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("password12", "most used passwords"),
        ("abcabcabcabcabc", "repeats"),
        ("aaaaaaaaaaaaaaaaaaaa", "repeats"),
        ("zxcvbnm,./asdfg", "keyboard patterns"),
        ("Liaison2026!", "common words"),
    ],
)
def test_weak_passphrases_are_refused_with_the_reason(qtbot: QtBot, weak: str, reason: str) -> None:
    form = NewPassphraseForm()
    qtbot.addWidget(form)
    form.passphrase.setText(weak)
    form.confirm.setText(weak)
    assert not form.is_acceptable()
    problem = form.problem() or ""
    assert problem.startswith("Too easy to guess") and reason in problem, problem
    assert form.meter.level < 3


def test_a_strong_passphrase_is_accepted(qtbot: QtBot) -> None:
    form = NewPassphraseForm()
    qtbot.addWidget(form)
    form.passphrase.setText(NEW_PASSPHRASE)
    form.confirm.setText(NEW_PASSPHRASE)
    assert form.is_acceptable() and form.meter.label.text() == "Very strong"
    form.clear()
    assert form.meter.strength.guesses_log10 == 0  # nothing of it kept once cleared


# -- background integrity check ----------------------------------------------------------------
def test_a_damaged_page_found_after_unlock_locks_and_offers_salvage(
    qtbot: QtBot, make_app: object, existing_vault: tuple[Path, str, str], tmp_path: Path
) -> None:
    """Opening reads only what it needs; the full page check runs after the window is shown, and
    a failure locks the vault, says so, and saves what is readable on request."""
    import json

    from liaison.domain import Contact
    from liaison.services import catalog
    from liaison.store import connection
    from tests.helpers import raw_key

    path, passphrase, _code = existing_vault
    with vault_service.unlock(path, passphrase) as vault:
        for n in range(30):
            catalog.contacts.add(vault, Contact(full_name=f"Contact {n}", notes="x" * 200))
    conn = connection.open_read_only(path, raw_key(path, passphrase))
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'note_revisions'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * 4096 + 100 : (page - 1) * 4096 + 116] = bytes(16)
    path.write_bytes(bytes(data))

    app: LiaisonApp = make_app(path)  # type: ignore[operator]
    app.start()
    with qtbot.waitSignal(app.window_ready, timeout=10_000):
        _unlock(qtbot, app, passphrase)
    qtbot.waitUntil(lambda: app.integrity.box is not None and app.integrity.box.isVisible(), timeout=30_000)
    assert not app.session.is_unlocked
    assert f"page {page}" in app.integrity.box.text()  # type: ignore[union-attr]
    target = tmp_path / "salvage.json"
    app.integrity.ask_and_salvage(destination=target)
    qtbot.waitUntil(lambda: "Saved" in app.integrity.box.informativeText(), timeout=30_000)  # type: ignore[union-attr]
    names = {row["full_name"] for row in json.loads(target.read_text())["tables"]["contacts"]}
    assert len(names) == 30
    app.integrity.box.close()  # type: ignore[union-attr]
