"""Closing the app while a sync runs: what ``LiaisonApp.shutdown`` does (lock the session, then
shut the task runner down) stops the sync at its next change set, waits for its thread to close
the sync's own connection, and delivers nothing to the window being torn down. Before, the
runner returned at once and the sync thread ran on past the teardown: a crash at exit."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from liaison.domain import Contact
from liaison.services.sync import engine
from liaison.store import records
from liaison.sync.transport import HttpTransport
from tests.ui.sync.conftest import WAIT_MS, Device
from tests.ui.sync.test_sync_app import _Gate
from ui.sync.settings_dialog import SyncSettingsDialog

pytestmark = pytest.mark.loopback


def test_closing_during_a_sync_stops_it_cleanly(
    qtbot: QtBot, space: Callable[[int], list[Device]], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = space(2)
    for n in range(3):
        a.run(lambda v, n=n: records.insert(v, Contact(full_name=f"Contact {n}")))
    a.sync_and_wait(qtbot)
    monkeypatch.setattr(engine, "PULL_PAGE", 1)
    gate = threading.Event()
    b.sync.factory = lambda url, pin: _Gate(HttpTransport(url, pin), gate)
    delivered: list[object] = []
    b.sync.finished.connect(delivered.append)
    b.sync.sync_now()
    qtbot.waitUntil(lambda: b.sync.snapshot.moved == 1, timeout=WAIT_MS)  # held on page two
    assert b.sync.worker.has_connection
    # The window closes: the app locks the session and shuts the runner down (ui.app.shutdown).
    b.session.lock()
    opener = threading.Timer(0.5, gate.set)  # the held request answers while shutdown waits
    opener.start()
    try:
        assert b.runner.shutdown(timeout=WAIT_MS / 1000) is True
    finally:
        opener.join()
    assert not b.sync.worker.has_connection  # closed on the sync thread before shutdown returned
    gc.collect()
    qtbot.wait(300)  # anything still queued for the GUI thread would run here
    assert delivered == []  # the window being torn down got nothing


def test_closing_the_sync_settings_while_they_load_is_harmless(
    qtbot: QtBot, make_device: Callable[[str], Device]
) -> None:
    """Seen under load at a test's end: the dialog was closed and deleted while its overview
    loaded, and the result reached its deleted join box (an error in Qt's event loop; a crash
    when the deletion was under way)."""
    device = make_device("solo")
    gate = threading.Event()
    device.runner.run_store(lambda: gate.wait(WAIT_MS / 1000))  # the dialog's load queues behind
    dialog = SyncSettingsDialog(device.session)
    dialog.close()
    dialog.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: not device.runner.busy, timeout=WAIT_MS)  # the load is delivered here
