"""The desktop app during a first sync: how long a save made in the window takes while a new device
pulls a large space, and the longest pause of the GUI event loop meanwhile.

    .venv/bin/python bench/sync_ui.py                  # 2,000 notes in 2,000 change sets
    .venv/bin/python bench/sync_ui.py --notes 500      # smoke run
    .venv/bin/python bench/sync_ui.py --store-thread   # the old way: sync on the store thread

Real parts: a ``liaison-server`` on loopback (SQLite), two vaults, the app's ``SyncController``,
``Session`` and ``TaskRunner`` (offscreen Qt). A save is issued after every 10% of the pull and
timed from the call to its result on the GUI thread. ``--store-thread`` runs the sync the way the
app did before it had its own connection (queued on the store thread), for the comparison. Prints
figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from liaison.crypto import kdf
from liaison.domain import Case, Contact, Note
from liaison.services.sync import engine, service
from liaison.store import notes, records
from liaison.store.vault import Vault, create_vault
from tests.liaison.sync.servers import ADMIN, ServerProcess
from ui.session import Session
from ui.sync import controller as sc
from ui.tasks import TaskRunner

kdf.allow_insecure_test_profile()  # throwaway vaults
BODY = "Met the prosecutor about the bank records; the hearing is set for next month. " * 6


def device(folder: Path, name: str) -> Session:
    runner = TaskRunner()
    session = Session(runner, folder / name / "vault.db")
    fast = kdf.KdfProfile.INSECURE_FAST_FOR_TESTS
    vault, _code = create_vault(session.vault_path, "bench passphrase", fast)
    sc.controller_for(session).automatic = False
    session.attach(vault)
    return session


def on_store(session: Session, work: object) -> object:
    return session.runner.run_store(lambda: work(session.vault())).result(timeout=3600)  # type: ignore[operator]


def fill(vault: Vault, count: int) -> None:
    case = records.insert(vault, Case(reference="BENCH-UI", title="bench"))
    for n in range(count):  # one transaction, one change set each: a first sync of many
        notes.add(vault, Note(case_id=case.id, title=f"note {n}", body=BODY))


def measure(app: QApplication, desk: Session, laptop: Session, old_way: bool) -> dict[str, float]:
    controller = sc.controller_for(laptop)
    if old_way:
        controller.worker.run = lambda work, done, error=None: laptop.query(work, done, error)  # type: ignore[method-assign]
    saves: list[float] = []
    asked: list[int] = []
    gaps: list[float] = []
    last = [time.perf_counter()]
    finished: list[object] = []
    ticker = QTimer()
    ticker.setInterval(5)

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    def save(at: float) -> None:
        laptop.command(
            "contact",
            lambda v: records.insert(v, Contact(full_name=f"typed {len(asked)}")),
            lambda _r: saves.append(time.perf_counter() - at),
        )

    def progressed(snap: sc.SyncSnapshot) -> None:
        if snap.state == sc.SYNCING and snap.total and snap.moved * 10 >= (len(asked) + 1) * snap.total:
            asked.append(snap.moved)
            save(time.perf_counter())

    ticker.timeout.connect(tick)
    controller.changed.connect(progressed)
    controller.finished.connect(finished.append)
    start = time.perf_counter()
    ticker.start()
    controller.sync_now()
    while not finished or len(saves) < len(asked):
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    report = finished[0]
    assert isinstance(report, engine.SyncReport), report
    return {
        "sync_s": time.perf_counter() - start,
        "pulled": report.pulled,
        "saves": len(saves),
        "save_median_ms": statistics.median(saves) * 1000 if saves else float("nan"),
        "save_max_ms": max(saves) * 1000 if saves else float("nan"),
        "loop_max_gap_ms": max(gaps) * 1000 if gaps else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--store-thread", action="store_true", help="sync on the store thread (before)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="liaison-bench-sync-ui-"))
    server = ServerProcess(f"sqlite:///{folder / 'server.db'}").start()
    sessions: list[Session] = []
    try:
        desk, laptop = device(folder, "desk"), device(folder, "laptop")
        sessions = [desk, laptop]
        on_store(desk, lambda v: service.setup(v, server.url, ADMIN, name="desk"))
        code = on_store(desk, service.invite)["code"]  # type: ignore[index]
        joined = on_store(laptop, lambda v: service.join(v, server.url, code, name="laptop"))
        on_store(desk, lambda v: service.approve(v, joined.id))  # type: ignore[attr-defined]
        on_store(desk, lambda v: fill(v, args.notes))
        on_store(desk, service.now)
        figures = measure(app, desk, laptop, args.store_thread)  # type: ignore[arg-type]
        how = "store thread (before)" if args.store_thread else "own thread and connection"
        pulled, took = figures["pulled"], figures["sync_s"]
        print(f"first sync of {pulled:.0f} change sets, sync on the {how}: {took:.1f} s")
        print(
            f"  {figures['saves']:.0f} saves during it: median {figures['save_median_ms']:.0f} ms, "
            f"longest {figures['save_max_ms']:.0f} ms"
        )
        print(f"  longest pause of the GUI event loop: {figures['loop_max_gap_ms']:.0f} ms")
    finally:
        for session in sessions:
            session.lock()
            session.runner.shutdown()
        server.stop()


if __name__ == "__main__":
    main()
