"""The open vault as the UI sees it: who holds it, how to reach it, and how to lock it.

The ``Vault`` object is created and used only on the store thread (through ``TaskRunner.run_store``);
the GUI thread holds this session object, never the connection. Locking closes the vault on the
store thread and tells every view to drop decrypted data (``locked`` signal).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from liaison.store.vault import Vault
from ui.tasks import TaskRunner

T = TypeVar("T")


class Session(QObject):
    unlocked = Signal()
    about_to_lock = Signal()  # last chance to queue writes (e.g. autosave drafts) before closing
    locked = Signal()
    records_changed = Signal(str)  # kind of record changed ("contact", "note", "mla_request", ...)

    def __init__(self, runner: TaskRunner, vault_path: Path) -> None:
        super().__init__()
        self.runner = runner
        self.vault_path = vault_path
        self._vault: Vault | None = None

    @property
    def is_unlocked(self) -> bool:
        return self._vault is not None

    def attach(self, vault: Vault) -> None:
        """Called on the GUI thread once the store thread has opened the vault."""
        self._vault = vault
        self.unlocked.emit()

    def holds(self, vault: Vault) -> bool:
        """Whether ``vault`` is the one open now (not one locked or replaced since)."""
        return self._vault is vault

    def vault(self) -> Vault:
        """For code running on the store thread only."""
        if self._vault is None:
            from liaison.errors import VaultLocked  # noqa: PLC0415

            raise VaultLocked("the vault is locked")
        return self._vault

    def query(
        self,
        work: Callable[[Vault], T],
        done: Callable[[T], None],
        error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Read from the vault on the store thread; ``done`` runs on the GUI thread."""
        vault = self.vault()  # taken now: work queued before a lock still runs before the close
        self.runner.run_store(lambda: work(vault), done, error)

    def command(
        self,
        kind: str,
        work: Callable[[Vault], T],
        done: Callable[[T], None] | None = None,
        error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Change the vault; afterwards ``records_changed(kind)`` tells models to refresh."""

        def finished(result: T) -> None:
            self.records_changed.emit(kind)
            if done is not None:
                done(result)

        vault = self.vault()
        self.runner.run_store(lambda: work(vault), finished, error)

    def reopen(
        self,
        work: Callable[[Callable[[], None]], Vault],
        done: Callable[[Vault], None] | None = None,
        error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Swap the open vault for the one ``work`` opens on the store thread (re-key, restore).

        ``work(release)`` calls ``release()``, which closes the vault held now, once it knows it can
        go on (the passphrase proved right) and before it replaces the files. The pages keep what
        they show and reload on ``unlocked``; drafts are saved first (``about_to_lock``). Locked
        meanwhile (idle, sleep): the new vault is closed again. Failed after the release: the
        session locks (the vault on disk is whole: re-keying and restoring are crash-safe)."""
        old = self.vault()
        self.about_to_lock.emit()
        released: list[bool] = []

        def release() -> None:
            released.append(True)
            old.close()

        def finished(new: Vault) -> None:
            if not self.holds(old):
                self.runner.run_store(new.close)
                return
            self._vault = new
            self.unlocked.emit()
            if done is not None:
                done(new)

        def failed(exc: BaseException) -> None:
            if released and self.holds(old):
                self.lock()
            if error is not None:
                error(exc)

        self.runner.run_store(lambda: work(release), finished, failed)

    def lock(self) -> None:
        if self._vault is not None:
            self.about_to_lock.emit()  # connected slots queue their last writes on the store thread
        vault, self._vault = self._vault, None
        if vault is not None:
            self.runner.run_store(vault.close)
        self.locked.emit()
