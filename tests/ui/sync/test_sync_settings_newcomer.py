"""Settings → Sync as a newcomer met it in a real window, against a real server on loopback.

The join form's invitation-code box takes the whole invitation line, ``liaison-join:URL CODE``.
An officer who types that line from the inviting screen, key by key, must end with the same two
fields as one who pastes it: the line is split only once it holds a URL and the start of a code.
(Split at every key, the URL box kept "h", the first letter after the prefix.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.sync.conftest import WAIT_MS, Device
from ui.session import Session
from ui.sync.join_box import JoinBox
from ui.sync.settings_dialog import SyncSettingsDialog

pytestmark = pytest.mark.loopback
LINE = "liaison-join:http://127.0.0.1:8470 KY8V-9GHT-FRXX-VV2D-DBMB-2HNW-ECKD"


@pytest.mark.parametrize("how", ["typed", "pasted"])
def test_the_invitation_line_fills_url_and_code_whether_typed_or_pasted(
    qtbot: QtBot, runner: object, tmp_path: Path, how: str
) -> None:
    box = JoinBox(Session(runner, tmp_path / "vault.db"))  # type: ignore[arg-type]
    qtbot.addWidget(box)
    box.code.setFocus()
    if how == "typed":
        qtbot.keyClicks(box.code, LINE)
    else:
        box.code.insert(LINE)
    assert box.server.text() == "http://127.0.0.1:8470"
    assert box.code.text() == "KY8V-9GHT-FRXX-VV2D-DBMB-2HNW-ECKD"
    assert box.fields()[:2] == ("http://127.0.0.1:8470", "KY8V-9GHT-FRXX-VV2D-DBMB-2HNW-ECKD")
    qtbot.keyClick(box.code, Qt.Key.Key_Backspace)  # editing the code afterwards edits the code
    assert box.code.text() == "KY8V-9GHT-FRXX-VV2D-DBMB-2HNW-ECK"
    assert box.server.text() == "http://127.0.0.1:8470"


def test_the_sync_settings_of_a_member_show_several_devices_and_whole_safety_numbers(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    """As the app opens it (no resize by a test or a screenshot script): the devices list has
    room for several rows, and a safety number cut to its column is whole in its tooltip, kept
    left to right (in Arabic its groups showed in mirrored order, unlike the line above it)."""
    devices = space(3)
    dialog = SyncSettingsDialog(devices[0].session)  # shown at once, as the Settings button does
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=WAIT_MS)
    qtbot.wait(50)  # the layout settles
    row = dialog.table.rowHeight(0)
    assert dialog.table.viewport().height() >= 4 * row
    cells = [dialog.table.item(r, 3) for r in range(3)]
    # left to right in every language (an isolate): the groups in the other screen's order
    assert all(c.text().startswith("\u2066") and c.text().endswith("\u2069") for c in cells)
    numbers = [c.toolTip().strip("\u2066\u2069") for c in cells]
    assert [len(n.split()) for n in numbers] == [12, 12, 12]
    assert {d.safety_number for d in dialog.devices} == set(numbers)
