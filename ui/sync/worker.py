"""Sync's own thread and its own connection to the vault, so that a long sync (a first sync of a
large space, a slow network) never queues the window's reads and writes behind it.

The connection is a sibling of the session's (``Vault.sibling``: same file, same key, no key
derivation), opened on the sync thread at the first job after an unlock and used only there.
SQLite's WAL lets the window read while the sync writes; their writes take turns one transaction
at a time, and a pulled change set is one short transaction. Locking the session cancels the
running job at its next change set (``token``) and closes the sibling on the sync thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject

from liaison.store.vault import Vault
from ui.session import Session
from ui.tasks import CancelToken

T = TypeVar("T")


class SyncWorker(QObject):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent or session)
        self.session = session
        self.token = CancelToken()
        self._twin: Vault | None = None  # sync thread only
        self._of: Vault | None = None  # the session's vault the twin was opened from (sync thread)
        self._begun = self._ended = 0  # jobs begun and ended (written on the sync thread)
        session.locked.connect(self._locked)

    def run(
        self,
        work: Callable[[Vault], T],
        done: Callable[[T], None],
        error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """``work(vault)`` on the sync thread with the sync's own connection; ``done`` on the GUI
        thread. Raises ``VaultLocked`` at once when the vault is locked."""
        main, token = self.session.vault(), self.token

        def job() -> T:
            token.check()  # locked since it was queued
            self._begun += 1
            try:
                return work(self._twin_for(main))
            finally:
                self._ended += 1

        self.session.runner.run_sync(job, done, error)

    def _twin_for(self, main: Vault) -> Vault:
        if self._twin is None or self._of is not main or not self._twin.is_open:
            self._close()
            self._twin, self._of = main.sibling(), main
        return self._twin

    def _close(self) -> None:
        twin, self._twin, self._of = self._twin, None, None
        if twin is not None:
            twin.close()

    def _locked(self) -> None:
        self.token.cancel()
        self.token = CancelToken()
        self.session.runner.run_sync(self._close)

    @property
    def activity(self) -> tuple[int, int]:
        """(jobs begun, jobs ended): when it differs from an earlier reading, or a job is running,
        the sync's connection may have committed meanwhile (``ExternalChangeWatcher`` asks)."""
        return self._begun, self._ended

    @property
    def has_connection(self) -> bool:
        """For tests: whether the sibling connection is open (read on the GUI thread)."""
        twin: Any = self._twin
        return twin is not None and bool(twin.is_open)
