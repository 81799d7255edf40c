"""The invitation travels as a QR code: Settings → Sync draws it, a screenshot of that window is read
back with the real decoder (zbar) on the new device, which joins with it (real server on loopback).
Pictures that are not invitations say so in one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison.errors import ValidationError
from liaison.interchange import qr_read
from liaison.services.sync import service
from tests.ui.sync.conftest import WAIT_MS, Device, open_settings
from ui.dialogs.contact_qr_dialog import qr_pixmap
from ui.sync.invitation import read_invitation

pytestmark = pytest.mark.loopback


def test_join_by_reading_the_invitation_qr_from_a_screenshot(
    qtbot: QtBot, tmp_path: Path, space: Callable[[int], list[Device]], make_device: Callable[[str], Device]
) -> None:
    (a,) = space(1)
    b = make_device("newcomer")
    desk = open_settings(qtbot, a)
    desk.invite()
    qtbot.waitUntil(lambda: desk.invitation_dialog is not None, timeout=WAIT_MS)
    shown = desk.invitation_dialog
    assert shown is not None
    qtbot.waitExposed(shown)
    assert shown.text.text() == desk.last_invitation
    screenshot = tmp_path / "invitation.png"
    assert shown.grab().save(str(screenshot))  # the whole window, caption and buttons included
    assert qr_read.read_texts(screenshot) == [desk.last_invitation]

    laptop = open_settings(qtbot, b)
    laptop.join_box.choose_picture = lambda: screenshot
    laptop.join_box.read_picture()
    qtbot.waitUntil(lambda: laptop.message.text().startswith("Invitation read"), timeout=WAIT_MS)
    server, code = desk.last_invitation.removeprefix("liaison-join:").split(" ")
    assert (laptop.server.text(), laptop.code.text()) == (server, code)
    laptop.name.setText("laptop")
    laptop.join()
    qtbot.waitUntil(lambda: laptop.message.text().startswith("Joined."), timeout=WAIT_MS)
    pending = [d for d in a.run(service.devices) if d.status == "pending"]
    assert [d.name for d in pending] == ["laptop"]


def test_pictures_that_are_not_invitations_say_so(
    qtbot: QtBot, tmp_path: Path, make_device: Callable[[str], Device]
) -> None:
    other_qr = tmp_path / "vcard.png"
    qr_pixmap("BEGIN:VCARD\nFN:Ana\nEND:VCARD", 200).save(str(other_qr))
    with pytest.raises(ValidationError, match="not a Liaison sync invitation"):
        read_invitation(other_qr)
    not_a_picture = tmp_path / "notes.png"
    not_a_picture.write_text("not a picture")

    device = make_device("solo")
    dialog = open_settings(qtbot, device)
    for path, expected in (
        (not_a_picture, "Notes.png is not a picture this program can read"),
        (tmp_path / "gone.png", "Gone.png: no such file"),
        (other_qr, "Vcard.png: the QR code in it is not a Liaison sync invitation"),
    ):
        dialog.join_box.choose_picture = lambda p=path: p  # type: ignore[misc]
        dialog.join_box.read_picture()
        qtbot.waitUntil(lambda e=expected: dialog.message.text().startswith(e), timeout=WAIT_MS)
        assert dialog.join_box.read_button.isEnabled()
        assert dialog.code.text() == ""
