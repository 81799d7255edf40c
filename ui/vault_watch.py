"""Refreshing the window when another program changed the vault.

The command line, a script or a second window may write to the vault while the app is open. SQLite
counts such commits in ``PRAGMA data_version`` (this connection's own commits do not count); the
watcher reads it on the store thread every few seconds while the vault is unlocked, and when it
moved it announces ``records_changed("*")``, on which every page reloads.

The app's own sync writes on a second connection (``ui.sync.worker``), which ``data_version``
counts too: every sync would reload every page a few seconds later, though the sync already
announced what it changed, and only that. So when the sync's connection may have committed since
the last look (``sibling_activity``), the move counts only if the audit log holds entries since
then that the sync did not write (every sync entry is a ``sync.*`` action): a program's edits are
audited; the sync's bookkeeping and pulled change sets are ``sync.*``. Both are read in one read
transaction, so a commit cannot fall between them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from liaison.store.vault import Vault
from ui.session import Session

INTERVAL_MS = 3000
Activity = tuple[int, int]


def look(vault: Vault, since: int | None) -> tuple[int, int, bool]:
    """(data_version, the audit log's last entry, whether an entry after ``since`` is not the
    sync's), from one snapshot of the vault (store thread). Both audit reads go by the primary key:
    the newest entry, and those after ``since`` (none is looked at on the first look)."""
    conn = vault.conn
    conn.execute("BEGIN")
    try:
        last = int(conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0])
        foreign = since is not None and (
            conn.execute(
                "SELECT 1 FROM audit_log WHERE seq > ? AND action NOT LIKE 'sync.%' LIMIT 1", (since,)
            ).fetchone()
            is not None
        )
        version = vault.data_version()  # the snapshot the first SELECT began, not a later one
    finally:
        conn.execute("COMMIT")
    return version, last, foreign


class ExternalChangeWatcher(QObject):
    changed = Signal()  # another program committed to the vault (the pages are told to reload)

    def __init__(
        self,
        session: Session,
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
        sibling_activity: Callable[[], Activity] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.sibling_activity = sibling_activity
        self._version: int | None = None
        self._seq: int | None = None
        self._activity: Activity | None = None
        self._asking = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check_now)
        session.unlocked.connect(self._start)
        session.locked.connect(self._stop)
        if session.is_unlocked:
            self._start()

    def _start(self) -> None:
        self._version = None
        self._timer.start()
        self.check_now()  # the starting point

    def _stop(self) -> None:
        self._timer.stop()
        self._version = None
        self._asking = False

    def check_now(self) -> None:
        if not self.session.is_unlocked or self._asking:
            return
        self._asking = True
        activity = self.sibling_activity() if self.sibling_activity else None  # read before the look
        since = self._seq if self._version is not None else None
        self.session.query(
            lambda vault: look(vault, since), lambda found: self._seen(found, activity), self._failed
        )

    def _seen(self, found: tuple[int, int, bool], activity: Activity | None) -> None:
        self._asking = False
        if not self.session.is_unlocked:
            return
        version, last, foreign = found
        moved = self._version is not None and version != self._version
        sync_wrote = activity is not None and (activity != self._activity or activity[0] != activity[1])
        self._version, self._seq, self._activity = version, last, activity
        if moved and (foreign or not sync_wrote):
            self.session.records_changed.emit("*")
            self.changed.emit()

    def _failed(self, _error: BaseException) -> None:
        self._asking = False  # locked meanwhile, or the vault went away: the next tick tries again
