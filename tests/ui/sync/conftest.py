"""Two (or more) desktop sessions on real vaults, in one sync space on a real ``liaison-server``
(SQLite) on loopback. Each device has its own TaskRunner, so each vault has its own store thread,
as two computers would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from liaison.crypto.kdf import KdfProfile
from liaison.services.sync import service
from liaison.store.vault import Vault, create_vault
from tests.conftest import PASSPHRASE
from tests.liaison.sync.servers import ADMIN, ServerProcess, stop_all
from ui.session import Session
from ui.sync.controller import SyncController, controller_for
from ui.sync.settings_dialog import SyncSettingsDialog
from ui.tasks import TaskRunner

WAIT_MS = 120_000


@dataclass
class Device:
    name: str
    session: Session
    runner: TaskRunner

    def run(self, work: Callable[[Vault], Any]) -> Any:
        """``work(vault)`` on this device's store thread; waits for the result."""
        return self.runner.run_store(lambda: work(self.session.vault())).result(timeout=WAIT_MS / 1000)

    @property
    def sync(self) -> SyncController:
        return controller_for(self.session)

    def sync_and_wait(self, qtbot: QtBot) -> object:
        with qtbot.waitSignal(self.sync.finished, timeout=WAIT_MS) as blocker:
            self.sync.sync_now()
        return blocker.args[0] if blocker.args else None


@pytest.fixture
def sync_server(tmp_path: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    yield server
    server.stop()


@pytest.fixture(scope="session", autouse=True)
def no_server_left_running() -> Iterator[None]:
    """As in tests/liaison/sync: any ``liaison-server`` a test left running is stopped, then named."""
    yield
    left = stop_all()
    if left:
        raise AssertionError(f"liaison-server processes left running by the tests: {left}")


@pytest.fixture
def make_device(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[[str], Device]]:
    made: list[Device] = []

    def build(name: str) -> Device:
        runner = TaskRunner()
        session = Session(runner, tmp_path / name / "vault.db")

        def create() -> Vault:
            vault, _code = create_vault(session.vault_path, PASSPHRASE, KdfProfile.INSECURE_FAST_FOR_TESTS)
            return vault

        vault = runner.run_store(create).result(timeout=60)
        device = Device(name, session, runner)
        controller_for(session).automatic = False  # tests say when; test_automatic turns it on
        session.attach(vault)
        made.append(device)
        return device

    yield build
    for device in made:
        if device.runner.closed:  # the test closed it, as the app does on quitting
            continue
        device.sync.automatic = False
        if device.session.is_unlocked:
            device.session.lock()
        qtbot.waitUntil(lambda d=device: not d.runner.busy, timeout=WAIT_MS)
        assert device.runner.shutdown(), f"{device.name}: work still running after {WAIT_MS} ms"


@pytest.fixture
def space(sync_server: ServerProcess, make_device: Callable[[str], Device]) -> Callable[[int], list[Device]]:
    """``space(n)``: n devices, the first set the space up, the others joined and were approved."""

    def build(count: int) -> list[Device]:
        devices = [make_device(f"d{i}") for i in range(count)]
        url = sync_server.url
        devices[0].run(lambda v: service.setup(v, url, ADMIN, name="desk"))
        for i, device in enumerate(devices[1:], start=1):
            code = devices[0].run(service.invite)["code"]
            joined = device.run(lambda v, c=code, n=i: service.join(v, url, c, name=f"laptop{n}"))
            devices[0].run(lambda v, j=joined.id: service.approve(v, j))
        return devices

    return build


def sync_all(qtbot: QtBot, *devices: Device) -> None:
    """Each device syncs once, in the order given (a push-then-pull round across the space)."""
    for device in devices:
        device.sync_and_wait(qtbot)


def open_settings(qtbot: QtBot, device: Device) -> SyncSettingsDialog:
    """Settings → Sync of ``device``, once it has loaded what it shows."""
    dialog = SyncSettingsDialog(device.session)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "configured" in dialog.overview and not device.runner.busy, timeout=WAIT_MS)
    return dialog
