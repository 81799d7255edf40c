"""The desktop app's sync against a real server on loopback (SQLite): two vaults, each with its
own store thread, converge; conflicts show on the Conflicts page and resolving one syncs back; a
revoked device locks; the GUI event loop keeps turning during a large first sync."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from liaison.domain import Contact
from liaison.services.sync import engine, service
from liaison.store import records
from liaison.store.vault import Vault
from liaison.sync.transport import HttpTransport
from tests.ui.sync.conftest import WAIT_MS, Device, sync_all
from ui.sync import controller as sc
from ui.sync.status_widget import SyncStatusWidget, describe
from ui.views.conflicts_view import ConflictsView

pytestmark = pytest.mark.loopback


def _names(vault: Vault) -> list[str]:
    return sorted(c.full_name for c in records.find(vault, Contact))


def test_an_edit_in_one_vault_appears_in_the_other(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    a, b = space(2)
    for device in (a, b):
        assert isinstance(device.sync_and_wait(qtbot), engine.SyncReport)
    status = SyncStatusWidget(a.sync)
    qtbot.addWidget(status)
    assert status.label.text().startswith("Synced at ")

    a.sync.automatic = True
    a.session.command("contact", lambda v: records.insert(v, Contact(full_name="Ana Costa")))
    qtbot.waitUntil(lambda: a.sync.snapshot.pending == 1 or a.sync.running, timeout=WAIT_MS)
    assert a.sync.snapshot.state in (sc.SYNCED, sc.SYNCING)
    # The change is pushed by itself, a few seconds after the edit (debounced).
    with qtbot.waitSignal(a.sync.finished, timeout=WAIT_MS) as pushed:
        pass
    assert isinstance(pushed.args[0], engine.SyncReport) and pushed.args[0].pushed == 1
    assert a.sync.snapshot.pending == 0

    pulled: list[str] = []
    b.session.records_changed.connect(pulled.append)
    report = b.sync_and_wait(qtbot)
    assert isinstance(report, engine.SyncReport) and report.pulled == 1
    assert b.run(_names) == ["Ana Costa"]
    assert "contact" in pulled  # pages reload what the pull changed


def test_offline_shows_changes_waiting_and_backs_off(
    qtbot: QtBot, space: Callable[[int], list[Device]], sync_server: object
) -> None:
    (a,) = space(1)
    a.sync_and_wait(qtbot)
    a.run(lambda v: records.insert(v, Contact(full_name="Waiting")))
    sync_server.stop()  # type: ignore[attr-defined]
    a.sync.automatic = True
    result = a.sync_and_wait(qtbot)
    assert type(result).__name__ == "SyncUnavailable"
    snap = a.sync.snapshot
    assert snap.state == sc.OFFLINE
    qtbot.waitUntil(lambda: a.sync.snapshot.pending == 1, timeout=WAIT_MS)
    assert describe(a.sync.snapshot) == "Sync: offline · 1 change waiting"
    first = a.sync.backoff_ms
    assert first == sc.BACKOFF_FIRST_MS
    a.sync_and_wait(qtbot)
    assert a.sync.backoff_ms == 2 * first  # each failure waits twice as long, up to 30 minutes


def test_nothing_runs_while_locked(qtbot: QtBot, space: Callable[[int], list[Device]]) -> None:
    (a,) = space(1)
    a.sync.automatic = True
    a.session.lock()
    a.sync.sync_now()
    assert not a.sync.running and a.sync.snapshot.state == sc.LOCKED


def test_a_conflict_shows_on_the_conflicts_page_and_resolving_it_syncs_back(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    a, b = space(2)
    contact = a.run(lambda v: records.insert(v, Contact(full_name="Omar Haddad", unit="Fraud")))
    sync_all(qtbot, a, b)
    a.run(lambda v: records.update(v, Contact, contact.id, {"unit": "Cybercrime"}))
    b.run(lambda v: records.update(v, Contact, contact.id, {"unit": "Organised crime"}))
    sync_all(qtbot, a, b)
    assert b.sync.snapshot.conflicts == 1

    page = ConflictsView(b.session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=WAIT_MS)
    row = page.rows[0]
    assert (row.kind, row.field, row.title) == ("contact", "unit", "Omar Haddad")
    assert {row.value, row.current} == {"Cybercrime", "Organised crime"}
    assert {row.by, row.current_by} == {"desk", "laptop1"} and row.at and row.current_at
    assert page.edit_side.text.toPlainText() == row.value
    assert page.current_side.text.toPlainText() == row.current

    kept = row.value  # the value that lost: "keep this one" flips it
    with qtbot.waitSignal(b.session.records_changed, timeout=WAIT_MS):
        page.edit_side.keep.click()
    qtbot.waitUntil(lambda: not page.rows, timeout=WAIT_MS)
    assert page.heading.text() == "No conflicts: every device agrees."
    b.sync_and_wait(qtbot)
    a.sync_and_wait(qtbot)
    assert a.run(lambda v: records.get(v, Contact, contact.id).unit) == kept
    assert a.run(service.conflicts) == [] and a.sync.snapshot.conflicts == 0


def test_a_deleted_record_can_be_restored_from_the_conflicts_page(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    a, b = space(2)
    contact = a.run(lambda v: records.insert(v, Contact(full_name="Lea Martin", unit="Drugs")))
    sync_all(qtbot, a, b)
    a.run(lambda v: records.delete(v, Contact, contact.id))
    b.run(lambda v: records.update(v, Contact, contact.id, {"unit": "Firearms"}))
    sync_all(qtbot, a, b)
    page = ConflictsView(b.session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=WAIT_MS)
    assert page.rows[0].reason == "deleted"
    assert page.edit_side.keep.text() == "Restore the record with this edit"
    page.edit_side.keep.click()
    qtbot.waitUntil(lambda: page.message.text() == "Restored as a new record.", timeout=WAIT_MS)
    b.sync_and_wait(qtbot)
    a.sync_and_wait(qtbot)
    assert a.run(lambda v: [(c.full_name, c.unit) for c in records.find(v, Contact)]) == [
        ("Lea Martin", "Firearms")
    ]


def test_revoking_the_second_device_locks_it(qtbot: QtBot, space: Callable[[int], list[Device]]) -> None:
    a, b = space(2)
    sync_all(qtbot, a, b)
    b_id = b.run(lambda v: v.device_id)
    a.run(lambda v: service.revoke(v, b_id))
    with qtbot.waitSignal(b.sync.revoked, timeout=WAIT_MS) as revoked:
        b.sync.sync_now()
    assert revoked.args == [False]
    assert b.sync.snapshot.state == sc.REVOKED
    assert describe(b.sync.snapshot) == "Sync: this device was revoked"
    b.sync.sync_now()  # refused from now on
    assert not b.sync.running


class _Gate:
    """A transport that holds the second pull page until the test opens the gate: the sync is
    then provably mid-way, on its own thread, for as long as the test needs."""

    def __init__(self, inner: Any, gate: threading.Event) -> None:
        self.inner, self.gate, self.pulls = inner, gate, 0

    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> Any:
        if method == "GET" and path.endswith("/changes"):
            self.pulls += 1
            if self.pulls == 2:
                self.gate.wait(timeout=WAIT_MS / 1000)
        return self.inner.send(method, path, query, body, headers)

    def close(self) -> None:
        self.inner.close()


def test_a_large_first_sync_never_holds_the_window(
    qtbot: QtBot, space: Callable[[int], list[Device]], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = space(2)

    def many(vault: Vault) -> None:
        with vault.transaction():  # one change set of 300 records: inserts join the outer one
            for n in range(300):
                records.insert(vault, Contact(full_name=f"Contact {n:04}"))

    for _ in range(2):
        a.run(many)  # 600 records in 2 change sets, pulled one per page below
    a.sync_and_wait(qtbot)
    monkeypatch.setattr(engine, "PULL_PAGE", 1)
    gate = threading.Event()
    b.sync.factory = lambda url, pin: _Gate(HttpTransport(url, pin), gate)
    ticks_while_running: list[int] = []
    progress: list[tuple[int, int]] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks_while_running.append(1) if b.sync.running else None)
    b.sync.changed.connect(
        lambda snap: (
            progress.append((snap.moved, snap.total)) if snap.state == sc.SYNCING and snap.moved else None
        )
    )
    status = SyncStatusWidget(b.sync)
    qtbot.addWidget(status)
    timer.start()
    with qtbot.waitSignal(b.sync.finished, timeout=WAIT_MS) as finished:
        b.sync.sync_now()
        qtbot.waitUntil(lambda: bool(progress), timeout=WAIT_MS)  # the first page is applied...
        assert b.sync.running and not gate.is_set()  # ...and the second is held: mid-sync
        assert status.bar.maximum() == 2 and status.bar.value() == 1  # a bar that fills
        assert describe(b.sync.snapshot) == "Syncing… 1 of 2 changes received"
        saved: list[str] = []
        b.session.command(
            "contact", lambda v: records.insert(v, Contact(full_name="Typed now")).id, saved.append
        )
        qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)  # a save while the sync is held
        assert b.run(lambda v: len(records.find(v, Contact))) == 301  # the first page and the save
        assert b.sync.running  # the window read and wrote while the sync was held mid-way
        gate.set()
    timer.stop()
    report = finished.args[0]
    assert isinstance(report, engine.SyncReport) and report.pulled == 2
    assert len(ticks_while_running) >= 3  # the GUI thread's timers kept firing
    assert [moved for moved, _total in progress] == [1, 2] and {t for _m, t in progress} == {2}
    assert b.run(lambda v: len(records.find(v, Contact))) == 601


def test_locking_stops_a_running_sync_and_closes_its_connection(
    qtbot: QtBot, space: Callable[[int], list[Device]], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = space(2)
    for n in range(3):
        a.run(lambda v, n=n: records.insert(v, Contact(full_name=f"Contact {n}")))
    a.sync_and_wait(qtbot)
    monkeypatch.setattr(engine, "PULL_PAGE", 1)
    gate = threading.Event()
    b.sync.factory = lambda url, pin: _Gate(HttpTransport(url, pin), gate)
    with qtbot.waitSignal(b.sync.finished, timeout=WAIT_MS) as finished:
        b.sync.sync_now()
        qtbot.waitUntil(lambda: b.sync.snapshot.moved == 1, timeout=WAIT_MS)
        assert b.sync.worker.has_connection
        b.session.lock()
        gate.set()
    assert type(finished.args[0]).__name__ == "Cancelled"  # stopped after the page in hand
    qtbot.waitUntil(lambda: not b.sync.worker.has_connection, timeout=WAIT_MS)
    assert b.sync.snapshot.state == sc.LOCKED and not b.sync.running


def test_unlocking_syncs_and_a_synced_device_syncs_again_periodically(
    qtbot: QtBot, space: Callable[[int], list[Device]]
) -> None:
    from liaison.store.vault import unlock
    from tests.conftest import PASSPHRASE

    a, b = space(2)
    sync_all(qtbot, a, b)
    a.sync.automatic = True  # as in the app (the fixture turns it off)
    a.sync_and_wait(qtbot)
    periodic = a.sync._periodic
    assert periodic.isActive() and periodic.interval() == sc.PERIOD_MS  # every five minutes online
    b.run(lambda v: records.insert(v, Contact(full_name="Written while a was locked")))
    b.sync_and_wait(qtbot)
    a.session.lock()
    assert not periodic.isActive()  # nothing while locked
    path = a.session.vault_path
    vault = a.runner.run_store(lambda: unlock(path, PASSPHRASE)).result(timeout=60)
    with qtbot.waitSignal(a.sync.finished, timeout=WAIT_MS) as synced:
        a.session.attach(vault)  # unlocking: the sync runs by itself
    assert isinstance(synced.args[0], engine.SyncReport) and synced.args[0].pulled == 1
    assert "Written while a was locked" in a.run(_names)
    a.sync.automatic = False
