"""Locking beyond the idle timer: idle time that counts a suspend, the system's sleep and screen-lock
signals over a real (private) D-Bus, and the place and reason shown after an automatic lock."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.system_lock import LOGIN1_PATH, MANAGER, SESSION_LOCKED, SLEEP, SystemLockWatcher


def test_time_asleep_counts_as_idle(qtbot: QtBot) -> None:
    """Qt's timers and the monotonic clock stop while the laptop sleeps; the idle clock does not."""
    now = [1000.0]
    watcher = IdleWatcher(5 * 60_000, clock=lambda: now[0])
    watcher.start()
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))
    now[0] += 60  # a minute of work...
    watcher.check_now()
    assert fired == []
    now[0] += 8 * 3600  # ...then the lid closed overnight: on waking, the first check locks
    watcher.check_now()
    assert fired == [True] and not watcher.running
    assert watcher.idle_minutes >= 8 * 60


@pytest.fixture
def private_bus() -> Iterator[str]:
    daemon = shutil.which("dbus-daemon")
    assert daemon, "dbus-daemon is installed by scripts/bootstrap.sh"
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    yield address
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()


def _signal(bus: QDBusConnection, path: str, interface: str, name: str, value: bool) -> None:
    message = QDBusMessage.createSignal(path, interface, name)
    message.setArguments([value])
    assert bus.send(message)


def test_sleep_and_screen_lock_signals_lock(qtbot: QtBot, private_bus: str) -> None:
    watched = QDBusConnection.connectToBus(private_bus, "liaison-watched")
    session = QDBusConnection.connectToBus(private_bus, "liaison-session")
    system = QDBusConnection.connectToBus(private_bus, "liaison-system")
    assert system.registerService("org.freedesktop.ScreenSaver")  # the screen saver's bus name
    # login1_service="" accepts the signal from any sender: this bus has no logind.
    watcher = SystemLockWatcher(watched, session, login1_service="")
    watcher.start()
    assert "logind sleep" in watcher.watching and "org.freedesktop.ScreenSaver" in watcher.watching
    reasons: list[str] = []
    watcher.lock_requested.connect(reasons.append)

    _signal(system, LOGIN1_PATH, MANAGER, "PrepareForSleep", False)  # waking up: nothing to do
    _signal(system, LOGIN1_PATH, MANAGER, "PrepareForSleep", True)
    qtbot.waitUntil(lambda: reasons == [SLEEP], timeout=5_000)
    _signal(system, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", True)
    qtbot.waitUntil(lambda: reasons == [SLEEP, SESSION_LOCKED], timeout=5_000)
    for name in ("liaison-watched", "liaison-session", "liaison-system"):
        QDBusConnection.disconnectFromBus(name)


def test_no_bus_means_nothing_watched() -> None:
    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/liaison-bus", "liaison-nowhere")
    watcher = SystemLockWatcher(nowhere, nowhere)
    watcher.start()
    assert watcher.watching == []
    QDBusConnection.disconnectFromBus("liaison-nowhere")


def test_after_an_automatic_lock_the_place_and_the_reason_are_shown(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str]
) -> None:
    from tests.ui.test_shell import _open_demo

    app = _open_demo(qtbot, make_app, demo_vault)
    window = app.main_window
    assert isinstance(window, MainWindow)
    page = window.show_page("agencies")
    qtbot.waitUntil(lambda: page.model.rowCount() > 3, timeout=10_000)  # type: ignore[attr-defined]
    chosen = page.model.record(3)  # type: ignore[attr-defined]
    page.open_record(chosen.id)  # type: ignore[attr-defined]
    assert page.current().id == chosen.id  # type: ignore[attr-defined]

    app.idle.set_delay_ms(300)
    qtbot.waitUntil(lambda: not app.session.is_unlocked, timeout=5_000)
    dialog = app.unlock_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.lock_note.text().startswith("Locked after 1 minute idle.")
    assert page.model.rowCount() == 0  # type: ignore[attr-defined]  (nothing decrypted kept)

    qtbot.keyClicks(dialog.passphrase.edit, demo_vault[1])
    with qtbot.waitSignal(app.window_ready, timeout=10_000):
        qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)
    assert window.current_page_key() == "agencies"
    qtbot.waitUntil(lambda: page.current() is not None, timeout=10_000)  # type: ignore[attr-defined]
    assert page.current().id == chosen.id  # type: ignore[attr-defined]

    app.lock()  # by hand: no reason to explain
    assert not dialog.lock_note.isVisibleTo(dialog)
