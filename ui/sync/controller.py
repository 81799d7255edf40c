"""When and how the app syncs: on unlock, a few seconds after a local change, periodically while
online, with backoff while the server is unreachable, never while the vault is locked.

The sync itself runs on the sync thread with its own connection (``ui.sync.worker``), so the
window's reads and writes on the store thread never wait for it; the counts the status bar shows
are read on the store thread, the reachability probe runs on the io pool, and the GUI thread only
receives results. The probe uses a short timeout and no retries: only a server that answers gets
the (retrying) sync. The officer never types a sync command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from liaison.errors import (
    DeviceRevoked,
    LiaisonError,
    SyncFormatTooNew,
    SyncNotConfigured,
    SyncUnavailable,
    VaultLocked,
)
from liaison.store import sync_apply, sync_log, sync_state
from liaison.store.vault import Vault
from ui.dialogs import error_message
from ui.session import Session
from ui.sync.worker import SyncWorker
from ui.tasks import Cancelled

if TYPE_CHECKING:  # the engine pulls in httpx: loaded by the first sync, not before the unlock dialog
    from liaison.services.sync import engine, service
    from liaison.sync.transport import Transport

DEBOUNCE_MS = 4_000
PERIOD_MS = 5 * 60_000
BACKOFF_FIRST_MS = 15_000
BACKOFF_MAX_MS = 30 * 60_000
PROBE_TIMEOUT_S = 5.0

# States the status bar shows. UPDATE: a change set came in a format newer than this release
# reads; everything before it was applied, and nothing after it will be until Liaison is updated.
OFF, LOCKED, SYNCING, SYNCED, OFFLINE, ERROR, PENDING, REVOKED, UPDATE = (
    "off",
    "locked",
    "syncing",
    "synced",
    "offline",
    "error",
    "pending",
    "revoked",
    "update",
)
# Flags the officer sees (``sync status`` lists them too): what waits for a device on an older
# release, and a change set this one is too old to read.
SHOWN_FLAGS = ("held_back", "update_needed")


@dataclass(frozen=True)
class SyncSnapshot:
    """What the status bar and the pages show; no record content, only counts and times."""

    state: str = OFF
    last_sync: str = ""  # ISO UTC, "" never
    pending: int = 0  # change sets waiting to be pushed
    conflicts: int = 0
    phase: str = ""  # "push" or "pull" while syncing
    moved: int = 0  # change sets pushed or pulled so far in this run
    total: int = 0  # change sets this pull will bring, when the server says (0: unknown)
    blob_done: int = 0  # bytes of the document moving in chunks now (0, 0: none)
    blob_size: int = 0
    flags: tuple[tuple[str, str], ...] = ()  # (what, detail) of SHOWN_FLAGS, oldest first
    error: str = ""  # one line, for the details link
    wipe: bool = False  # revoked with a remote wipe


@dataclass(frozen=True)
class _Counts:
    configured: bool
    status: str
    last_sync: str
    pending: int
    conflicts: int
    flags: tuple[tuple[str, str], ...] = ()


def counts(vault: Vault) -> _Counts:
    """Store thread: the numbers the status bar shows."""
    cfg = sync_state.config(vault)
    if cfg is None:
        return _Counts(False, "", "", 0, 0)
    return _Counts(
        True,
        cfg.status,
        sync_state.last_sync(vault),
        sync_log.pending_count(vault),
        len(sync_apply.conflicts(vault)),
        tuple((what, detail) for _at, _dev, what, detail in sync_apply.flags(vault) if what in SHOWN_FLAGS),
    )


def probe(server: str, pin: str, timeout: float = PROBE_TIMEOUT_S) -> None:
    """io pool: one unsigned health request, no retries; raises SyncUnavailable."""
    from liaison.sync import protocol  # noqa: PLC0415  (httpx loads here, on the io pool)
    from liaison.sync.transport import HttpTransport  # noqa: PLC0415

    transport = HttpTransport(server, pin, timeout=timeout)
    try:
        response = transport.send("GET", protocol.API + "/health", "", b"", {})
    finally:
        transport.close()
    if response.status >= 500 or response.status == 429:
        raise SyncUnavailable(f"the sync server answers HTTP {response.status}: try again later")


def http_transport(server: str, pin: str) -> Transport:
    """The real transport (``service.http_transport``), its module loaded on first use, on the
    thread that syncs."""
    from liaison.services.sync import service  # noqa: PLC0415

    return service.http_transport(server, pin)


class SyncController(QObject):
    """One per session (``controller_for``). ``changed`` carries a ``SyncSnapshot``;
    ``revoked(wipe)`` asks the app to lock; ``finished(object)`` ends each run (a ``SyncReport``
    or the exception), and ``records_pulled`` follows a run that changed records."""

    changed = Signal(object)
    conflicts_changed = Signal(int)
    revoked = Signal(bool)
    finished = Signal(object)
    records_pulled = Signal()

    def __init__(
        self,
        session: Session,
        factory: service.TransportFactory | None = None,
        prober: Callable[[str, str], None] = probe,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or session)
        self.session = session
        self.factory: service.TransportFactory = factory or http_transport
        self.prober = prober
        self.snapshot = SyncSnapshot()
        self.worker = SyncWorker(session, self)
        self._running = False
        self._again = False
        self._backoff_ms = 0
        self._own_change = False
        self.automatic = True
        self._debounce = self._timer(DEBOUNCE_MS, self.sync_now)
        self._periodic = self._timer(PERIOD_MS, self.sync_now)
        self._retry = self._timer(BACKOFF_FIRST_MS, self.sync_now)
        session.unlocked.connect(self._unlocked)
        session.locked.connect(self._locked)
        session.records_changed.connect(self._local_change)

    def _timer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # -- state --------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    @property
    def backoff_ms(self) -> int:
        return self._backoff_ms

    def _set(self, **changes: Any) -> None:
        before = self.snapshot.conflicts
        self.snapshot = replace(self.snapshot, **changes)
        self.changed.emit(self.snapshot)
        if self.snapshot.conflicts != before:
            self.conflicts_changed.emit(self.snapshot.conflicts)

    def _stop_timers(self) -> None:
        for timer in (self._debounce, self._periodic, self._retry):
            timer.stop()

    # -- triggers -----------------------------------------------------------------------------
    def _unlocked(self) -> None:
        self._backoff_ms = 0
        self.refresh()
        if self.automatic:
            QTimer.singleShot(0, self.sync_now)

    def _locked(self) -> None:
        self._stop_timers()
        self._again = False
        if self.snapshot.state != REVOKED:
            self._set(state=LOCKED, phase="", moved=0)

    def _local_change(self, _kind: str) -> None:
        if self._own_change or not self.automatic or not self.session.is_unlocked:
            return
        if self.snapshot.state in (OFF, REVOKED):
            self.refresh()  # counts only: the app does not sync a vault that is in no space
            return
        self._debounce.start()  # restarts: a burst of edits syncs once, a few seconds after the last

    def refresh(self) -> None:
        """Reload the counts (after a conflict is resolved, a space joined...)."""
        if not self.session.is_unlocked:
            return
        self.session.query(counts, self._counts_loaded, lambda _e: None)

    def _counts_loaded(self, c: _Counts) -> None:
        if self._running:
            self._set(pending=c.pending, conflicts=c.conflicts, last_sync=c.last_sync, flags=c.flags)
            return
        state = self.snapshot.state
        if not c.configured or c.status == "left":
            state = OFF
        elif c.status == "revoked":
            state = REVOKED
        elif c.status == "pending":
            state = PENDING
        elif state in (OFF, LOCKED, SYNCING, PENDING):
            state = SYNCED
        self._set(state=state, pending=c.pending, conflicts=c.conflicts, last_sync=c.last_sync, flags=c.flags)

    # -- running ------------------------------------------------------------------------------
    def sync_now(self) -> None:
        """File → Sync now, and every automatic trigger. Nothing while locked; one run at a time."""
        if not self.session.is_unlocked or self.snapshot.state == REVOKED:
            return
        if self._running:
            self._again = True
            return
        self._stop_timers()
        self._running = True
        self.session.query(sync_state.config, self._configured, self._failed)

    def _configured(self, cfg: sync_state.SyncConfig | None) -> None:
        if cfg is None or cfg.status == "left":
            self._running = False
            self._set(state=OFF)
            return
        if cfg.status == "revoked":
            self._running = False
            self._set(state=REVOKED)
            return
        self._set(state=SYNCING, phase="", moved=0, total=0, blob_done=0, blob_size=0, error="")
        server, pin = cfg.server, cfg.pin
        self.session.runner.run_io(
            lambda: self.prober(server, pin), lambda _r: self._reachable(), self._failed
        )

    def _reachable(self) -> None:
        if not self.session.is_unlocked:
            self._running = False
            return
        runner, factory, token = self.session.runner, self.factory, self.worker.token

        def progress(p: engine.Progress) -> None:  # sync thread
            runner.on_main(lambda: self._progress(p))
            token.check()  # the vault is being locked: stop after this change set

        def work(vault: Vault) -> tuple[engine.SyncReport, _Counts]:
            from liaison.services.sync import service  # noqa: PLC0415  (sync thread)

            report = service.now(vault, factory=factory, progress=progress)
            return report, counts(vault)

        self.worker.run(work, self._done, self._failed)

    def _progress(self, p: engine.Progress) -> None:
        if self._running:
            self._set(
                phase=p.phase,
                moved=p.done,
                total=max(p.total or 0, p.done) if p.total else 0,
                blob_done=p.blob_done,
                blob_size=p.blob_size,
            )

    def _done(self, result: tuple[engine.SyncReport, _Counts]) -> None:
        report, c = result
        self._running = False
        if not self.session.is_unlocked:  # finished just as the vault was locked
            self.finished.emit(report)
            return
        self._backoff_ms = 0
        self._set(
            state=SYNCED,
            phase="",
            moved=0,
            total=0,
            blob_done=0,
            blob_size=0,
            pending=c.pending,
            conflicts=c.conflicts,
            last_sync=c.last_sync,
            flags=c.flags,
        )
        if report.pulled:
            self._announce_pulled(report.changed_kinds)
        self.finished.emit(report)
        self._schedule(self._periodic, PERIOD_MS)
        if self._again:
            self._again = False
            self._debounce.start()

    def _announce_pulled(self, kinds: set[str]) -> None:
        """Pages reload what the pull changed, and only that (the case page's documents reload on
        "case" and "attachment", not on a contact pulled); our own debounce ignores these."""
        self._own_change = True
        try:
            for kind in sorted(kinds):
                self.session.records_changed.emit(kind)
        finally:
            self._own_change = False
        self.records_pulled.emit()

    def _failed(self, error: BaseException) -> None:
        again, self._running, self._again = self._again, False, False
        if isinstance(error, Cancelled | VaultLocked):  # locked meanwhile: the lock said so already
            self.finished.emit(error)
            if again and self.session.is_unlocked:  # unlocked again while the run wound down
                QTimer.singleShot(0, self.sync_now)
            return
        if isinstance(error, DeviceRevoked):
            self._stop_timers()
            self._set(state=REVOKED, phase="", error=error_message(error), wipe=error.wipe)
            self.revoked.emit(error.wipe)
        elif isinstance(error, SyncUnavailable):
            self._set(state=OFFLINE, phase="", error=error_message(error))
            self._back_off()
        elif isinstance(error, SyncFormatTooNew):  # before the generic path: it needs an update
            self._set(state=UPDATE, phase="", blob_size=0, error=str(error))
            self._back_off()
        elif isinstance(error, SyncNotConfigured):
            self._set(state=PENDING, phase="", error=error_message(error))
            self._back_off()
        else:
            # In the interface language when the core marked the message (``LiaisonError.of``).
            message = error_message(error) if isinstance(error, LiaisonError) else type(error).__name__
            self._set(state=ERROR, phase="", error=message)
            self._back_off()
        self.finished.emit(error)
        self.refresh()

    def _back_off(self) -> None:
        """Doubling waits between tries while the server cannot be reached (15 s up to 30 min)."""
        self._backoff_ms = min(BACKOFF_MAX_MS, max(BACKOFF_FIRST_MS, self._backoff_ms * 2))
        self._schedule(self._retry, self._backoff_ms)

    def _schedule(self, timer: QTimer, ms: int) -> None:
        if self.automatic and self.session.is_unlocked:
            timer.start(ms)


def controller_for(session: Session) -> SyncController:
    """The session's one controller, made on first use (pages and the window share it)."""
    existing = getattr(session, "_sync_controller", None)
    if isinstance(existing, SyncController):
        return existing
    controller = SyncController(session)
    session._sync_controller = controller  # type: ignore[attr-defined]
    return controller


__all__ = ["SyncController", "SyncSnapshot", "controller_for", "http_transport"]
