"""Renders the sync screens offscreen, in English and Arabic, into docs/screenshots/: the Conflicts
page (a field conflict, and a note conflict with its differences marked), Settings → Sync with two
devices, the invitation's QR code, a list marking a record kept on this device only, and the
status bar in each sync state.

Starts a real ``liaison-server`` on loopback (SQLite in a temp folder) and two throwaway vaults
(fast test KDF) with conflicting edits, so nothing is staged by hand but the status-bar states.

Run: .venv/bin/python scripts/sync_screenshots.py [--out docs/screenshots] [--lang en ar]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WORK = Path(tempfile.mkdtemp(prefix="liaison-sync-screens-"))
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(WORK / _name.lower())

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from liaison.crypto import kdf  # noqa: E402
from liaison.crypto.kdf import KdfProfile  # noqa: E402
from liaison.domain import Case, Contact  # noqa: E402
from liaison.services import catalog, notes  # noqa: E402
from liaison.services.sync import service  # noqa: E402
from liaison.store import records  # noqa: E402
from liaison.store.vault import Vault, create_vault  # noqa: E402
from ui import i18n  # noqa: E402
from ui.app import setup_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402
from ui.sync import controller as sc  # noqa: E402
from ui.sync.invitation import InvitationDialog, invitation_text  # noqa: E402
from ui.sync.settings_dialog import DEFAULT_SIZE, SyncSettingsDialog  # noqa: E402
from ui.tasks import TaskRunner  # noqa: E402

ADMIN = "screenshots-admin-token-0123456789"
kdf.allow_insecure_test_profile()  # throwaway vaults only
NOTES = {  # one note per language, edited on both devices at once: (first, desk's, laptop's)
    "en": (
        "Met the prosecutor on Monday at the embassy.\nShe will send the bank records next week.",
        "Met the prosecutor on Tuesday at the embassy.\nShe will send the bank records next week.",
        "Met the prosecutor on Monday at the ministry.\nShe will send the bank records by Friday.",
    ),
    "ar": (
        "التقيت المدعية العامة يوم الاثنين في السفارة.\nسترسل السجلات المصرفية الأسبوع القادم.",
        "التقيت المدعية العامة يوم الثلاثاء في السفارة.\nسترسل السجلات المصرفية الأسبوع القادم.",
        "التقيت المدعية العامة يوم الاثنين في الوزارة.\nسترسل السجلات المصرفية يوم الجمعة.",
    ),
}


def pump(ms: int = 30) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        pump(10)


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = Path(sys.executable).parent / "liaison-server"
    cmd = [str(server), "serve", "--db", f"sqlite:///{WORK / 'server.db'}", "--port", str(port)]
    env = dict(os.environ, LIAISON_SERVER_ADMIN_TOKEN=ADMIN)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/v1/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the sync server did not start")


def device(name: str) -> Session:
    runner = TaskRunner()
    session = Session(runner, WORK / name / "vault.db")

    def create() -> Vault:
        vault, _code = create_vault(session.vault_path, "screens", KdfProfile.INSECURE_FAST_FOR_TESTS)
        return vault

    sc.controller_for(session).automatic = False
    session.attach(runner.run_store(create).result(timeout=60))
    return session


def run(session: Session, work: Callable[[Vault], object]) -> object:
    return session.runner.run_store(lambda: work(session.vault())).result(timeout=120)


def sync(session: Session) -> None:
    controller = sc.controller_for(session)
    done: list[object] = []
    controller.finished.connect(done.append)
    controller.sync_now()
    wait_until(lambda: bool(done))
    controller.finished.disconnect(done.append)


def build_space(url: str) -> tuple[Session, Session]:
    desk, laptop = device("desk"), device("laptop")
    run(desk, lambda v: service.setup(v, url, ADMIN, name="Desk (Lisbon)"))
    code = str(run(desk, service.invite)["code"])  # type: ignore[index]
    joined = run(laptop, lambda v: service.join(v, url, code, name="Field laptop"))
    run(desk, lambda v: service.approve(v, joined.id))  # type: ignore[attr-defined]
    people = [("Ana Costa", "Economic crime"), ("Omar Haddad", "Cybercrime"), ("Lea Martin", "Drugs")]
    made = [run(desk, lambda v, n=n, u=u: records.insert(v, Contact(full_name=n, unit=u))) for n, u in people]
    sync(desk)
    sync(laptop)
    case = run(desk, lambda v: catalog.cases.add(v, Case(reference="OP-HARBOUR", title="Harbour")))
    note_ids = {
        lang: run(desk, lambda v, t=texts[0], lang=lang: notes.add(v, case.id, t, "Prosecutor", lang).id)  # type: ignore[attr-defined]
        for lang, texts in NOTES.items()
    }
    sync(desk)
    sync(laptop)
    target = made[1].id  # type: ignore[attr-defined]
    run(desk, lambda v: records.update(v, Contact, target, {"unit": "Cybercrime and fraud"}))
    run(laptop, lambda v: records.update(v, Contact, target, {"unit": "Organised crime unit"}))
    for lang, (_first, ours, theirs) in NOTES.items():
        run(desk, lambda v, i=note_ids[lang], t=ours: notes.edit(v, i, body=t))
        run(laptop, lambda v, i=note_ids[lang], t=theirs: notes.edit(v, i, body=t))
    private = run(
        laptop, lambda v: records.insert(v, Contact(full_name="Source K. (private)", unit="Informant"))
    )
    run(laptop, lambda v: service.set_local_only(v, "contact", private.id))  # type: ignore[attr-defined]
    sync(desk)
    sync(laptop)
    sync(desk)
    return desk, laptop


def stack(widgets: list[QPixmap]) -> QPixmap:
    width = max(p.width() for p in widgets)
    height = sum(p.height() + 6 for p in widgets)
    canvas = QPixmap(width, height)
    canvas.fill(QColor("white"))
    painter = QPainter(canvas)
    y = 0
    for pixmap in widgets:
        painter.drawPixmap(0, y, pixmap)
        y += pixmap.height() + 6
    painter.end()
    return canvas


def shoot(out: Path, lang: str, desk: Session, laptop: Session) -> None:
    i18n.set_language(lang)
    window = MainWindow(laptop)
    window.resize(1120, 720)
    window.show()
    page = window.show_page("conflicts")
    sc.controller_for(laptop).refresh()
    wait_until(lambda: bool(getattr(page, "rows", [])) and not laptop.runner.busy)
    pump(100)
    save(window, out / f"{lang}-main-conflicts.png")
    rows = page.rows  # type: ignore[attr-defined]
    page.list.setCurrentRow(
        next(i for i, r in enumerate(rows) if r.reason == "note" and NOTES[lang][1] in (r.value, r.current))
    )  # type: ignore[attr-defined]
    pump(100)
    save(window, out / f"{lang}-sync-note-conflict.png")
    contacts = window.show_page("contacts")
    wait_until(lambda: contacts.model.rowCount() == 4 and not laptop.runner.busy)  # type: ignore[attr-defined]
    pump(200)
    save(window, out / f"{lang}-sync-local-only.png")

    controller = sc.controller_for(laptop)
    real = controller.snapshot
    states = [
        sc.SyncSnapshot(sc.SYNCED, real.last_sync, 0, real.conflicts),
        sc.SyncSnapshot(sc.SYNCING, real.last_sync, 0, real.conflicts, "pull", 1240, 3000),
        sc.SyncSnapshot(sc.SYNCED, real.last_sync, 3, real.conflicts),
        sc.SyncSnapshot(sc.OFFLINE, real.last_sync, 3, real.conflicts, error="cannot reach the sync server"),
        sc.SyncSnapshot(sc.ERROR, real.last_sync, 0, real.conflicts, error="the sync server refused"),
    ]
    bars = []
    for snap in states:
        controller.snapshot = snap
        controller.changed.emit(snap)
        pump(50)
        bar = window.statusBar()
        bars.append(bar.grab())
    controller.snapshot = real
    controller.changed.emit(real)
    stack(bars).save(str(out / f"{lang}-sync-status.png"))
    window.close()

    dialog = SyncSettingsDialog(desk)
    dialog.resize(DEFAULT_SIZE)
    dialog.show()
    wait_until(lambda: bool(dialog.overview.get("configured")) and not desk.runner.busy)
    dialog.load_devices()
    wait_until(lambda: not desk.runner.busy and dialog.table.rowCount() == 2)
    dialog.message.setText("")
    pump(100)
    save(dialog, out / f"{lang}-sync-settings.png")
    dialog.close()

    code = str(run(desk, service.invite)["code"])  # type: ignore[index]
    server = str(dialog.overview.get("server", ""))
    invitation = InvitationDialog(invitation_text(server, code))
    invitation.show()
    pump(100)
    save(invitation, out / f"{lang}-sync-invite.png")
    invitation.close()


def save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", nargs="+", default=["en", "ar"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app, organization="LiaisonSyncScreens")  # type: ignore[arg-type]
    proc, url = start_server()
    sessions: list[Session] = []
    try:
        desk, laptop = build_space(url)
        sessions = [desk, laptop]
        for lang in args.lang:
            shoot(out, lang, desk, laptop)
    finally:
        for session in sessions:
            session.lock()
            session.runner.shutdown()
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    main()
