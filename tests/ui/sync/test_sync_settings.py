"""Settings → Sync against a real server on loopback: join with a pasted invitation line, compare
and approve, the devices list marks this device, revoke with a remote wipe (confirmed twice), and
the revoked device's app locks and says why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from liaison.services.sync import service
from liaison.store.vault import header_path
from tests.conftest import PASSPHRASE
from tests.liaison.sync.servers import ServerProcess
from tests.ui.sync.conftest import WAIT_MS, Device, open_settings
from ui.sync import controller as sc
from ui.sync.invitation import invitation_text, parse_invitation
from ui.sync.settings_dialog import SyncSettingsDialog

pytestmark = pytest.mark.loopback


def _wait_message(qtbot: QtBot, dialog: SyncSettingsDialog, start: str) -> None:
    qtbot.waitUntil(lambda: dialog.message.text().startswith(start), timeout=WAIT_MS)


def test_invitation_lines_round_trip() -> None:
    line = invitation_text("https://sync.example.org", "ABCD-1234")
    assert parse_invitation(line) == ("https://sync.example.org", "ABCD-1234")
    assert parse_invitation("  ABCD-1234 ") == ("", "ABCD-1234")


def test_join_approve_and_revoke_with_wipe_from_the_settings(
    qtbot: QtBot, space: Callable[[int], list[Device]], make_device: Callable[[str], Device]
) -> None:
    (a,) = space(1)
    b = make_device("newcomer")
    desk = open_settings(qtbot, a)
    assert desk.join_box.isHidden() and not desk.space_box.isHidden()
    assert "Its safety number:" in desk.me.text()
    desk.invite()
    _wait_message(qtbot, desk, "Invitation for one device")
    line = desk.last_invitation
    assert line.startswith("liaison-join:http://127.0.0.1:")

    laptop = open_settings(qtbot, b)
    assert not laptop.join_box.isHidden() and laptop.space_box.isHidden()
    laptop.code.setText(line)  # pasted: the server fills itself in
    assert laptop.server.text().startswith("http://127.0.0.1:")
    laptop.name.setText("laptop")
    laptop.join()
    _wait_message(qtbot, laptop, "Joined. Safety number of this device: ")
    number = laptop.message.text().rsplit(": ", 1)[1]
    # Kept left to right: in Arabic the groups would otherwise be read in the opposite order from
    # the other device's English screen (the table's cells already were).
    assert number.startswith("\u2066") and number.endswith("\u2069")
    number = number.strip("\u2066\u2069")
    qtbot.waitUntil(lambda: laptop.overview.get("status") == "pending", timeout=WAIT_MS)
    assert number in laptop.state.text()

    desk.load_devices()
    qtbot.waitUntil(lambda: len(desk.devices) == 2, timeout=WAIT_MS)
    rows = {desk.table.item(r, 0).text(): r for r in range(desk.table.rowCount())}
    assert set(rows) == {"desk (this device)", "laptop"}
    assert desk.table.item(rows["laptop"], 3).text() == f"\u2066{number}\u2069"  # to compare, kept LTR
    asked: list[str] = []
    desk.confirm = lambda _title, text: asked.append(text) is None
    desk.table.selectRow(rows["laptop"])
    assert desk.approve_button.isEnabled()
    desk.approve()
    qtbot.waitUntil(lambda: desk.message.text() == "Done." and not a.runner.busy, timeout=WAIT_MS)
    assert number in asked[0]
    qtbot.waitUntil(
        lambda: any(d.name == "laptop" and d.status == "active" for d in desk.devices), timeout=WAIT_MS
    )
    assert isinstance(b.sync_and_wait(qtbot), object) and b.sync.snapshot.state == sc.SYNCED

    rows = {desk.table.item(r, 0).text(): r for r in range(desk.table.rowCount())}
    desk.table.selectRow(rows["desk (this device)"])
    assert not desk.revoke_button.isEnabled()  # a device cannot revoke itself
    desk.table.selectRow(rows["laptop"])
    asked.clear()
    desk.ask_wipe = lambda _name: True
    desk.revoke()
    qtbot.waitUntil(lambda: desk.message.text() == "Done." and not a.runner.busy, timeout=WAIT_MS)
    assert len(asked) == 1 and asked[0].startswith("Really wipe “laptop”?")  # the second confirmation

    path = b.session.vault_path
    with qtbot.waitSignal(b.sync.revoked, timeout=WAIT_MS) as revoked:
        b.sync.sync_now()
    assert revoked.args == [True]
    assert not header_path(path).exists()  # the key slots are gone


def test_a_revoked_device_locks_and_says_why(
    qtbot: QtBot, space: Callable[[int], list[Device]], make_app: Callable[[Path], object]
) -> None:
    a, b = space(2)
    b.sync_and_wait(qtbot)
    b_id = b.run(lambda v: v.device_id)
    path = b.session.vault_path
    b.session.lock()
    qtbot.waitUntil(lambda: not b.runner.busy, timeout=WAIT_MS)
    a.run(lambda v: service.revoke(v, b_id))

    app = make_app(path)
    app.start()  # type: ignore[attr-defined]
    dialog = app.unlock_dialog  # type: ignore[attr-defined]
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.passphrase.edit.setText(PASSPHRASE)  # not typed: keyClicks takes ASCII only
    qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)
    # Unlocking syncs at once; the server refuses the revoked device; the app locks again.
    qtbot.waitUntil(lambda: "revoked this one" in dialog.lock_note.text(), timeout=WAIT_MS)
    assert not app.session.is_unlocked  # type: ignore[attr-defined]
    assert dialog.isVisible()
    assert header_path(path).exists()  # no wipe was ordered: the vault still opens


def test_leaving_the_space_from_the_settings(qtbot: QtBot, space: Callable[[int], list[Device]]) -> None:
    _desk, laptop = space(2)
    laptop.sync_and_wait(qtbot)
    dialog = open_settings(qtbot, laptop)
    dialog.confirm = lambda _title, _text: True
    dialog.leave()
    _wait_message(qtbot, dialog, "This vault left the space.")
    qtbot.waitUntil(lambda: dialog.overview.get("status") == "left", timeout=WAIT_MS)
    assert dialog.state.text() == "This vault left its sync space: it works on its own."
    assert dialog.join_box.isHidden() and dialog.space_box.isHidden()
    qtbot.waitUntil(lambda: laptop.sync.snapshot.state == sc.OFF, timeout=WAIT_MS)
    laptop.sync.sync_now()
    qtbot.waitUntil(lambda: not laptop.sync.running, timeout=WAIT_MS)
    assert laptop.sync.snapshot.state == sc.OFF


def test_a_mistyped_invitation_is_named_in_the_join_box_and_can_be_retyped(
    qtbot: QtBot,
    space: Callable[[int], list[Device]],
    make_device: Callable[[str], Device],
    sync_server: ServerProcess,
) -> None:
    (a,) = space(1)
    code = a.run(service.invite)["code"]
    laptop = open_settings(qtbot, make_device("newcomer"))
    laptop.server.setText(sync_server.url)
    laptop.code.setText(code[:20] + "U" + code[21:])  # U: not in the fingerprint's alphabet
    laptop.join()
    _wait_message(qtbot, laptop, "This code has a character that cannot appear in an invitation code")
    assert "'U' in group 5" in laptop.message.text()
    assert not laptop.join_box.isHidden()  # nothing was stored: still a vault that can join
    laptop.code.setText(code)
    laptop.join()
    _wait_message(qtbot, laptop, "Joined. Safety number of this device: ")
