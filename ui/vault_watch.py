"""Refreshing the window when another program changed the vault.

The command line, a script or a second window may write to the vault while the app is open. SQLite
counts such commits in ``PRAGMA data_version`` (this connection's own commits do not count); the
watcher reads it on the store thread every few seconds while the vault is unlocked, and when it
moved it announces ``records_changed("*")``, on which every page reloads.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ui.session import Session

INTERVAL_MS = 3000


class ExternalChangeWatcher(QObject):
    changed = Signal()  # another program committed to the vault (the pages are told to reload)

    def __init__(
        self, session: Session, interval_ms: int = INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._version: int | None = None
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
        self.session.query(lambda vault: vault.data_version(), self._seen, self._failed)

    def _seen(self, version: int) -> None:
        self._asking = False
        if not self.session.is_unlocked:
            return
        moved = self._version is not None and version != self._version
        self._version = version
        if moved:
            self.session.records_changed.emit("*")
            self.changed.emit()

    def _failed(self, _error: BaseException) -> None:
        self._asking = False  # locked meanwhile, or the vault went away: the next tick tries again
