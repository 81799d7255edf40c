"""A vault: the encrypted database and its key-slot header, opened and ready for writes.

Lifecycle functions (create, unlock, recover, change passphrase) live here because they are the
only places that touch both files; everything else goes through an open ``Vault``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from liaison.crypto import kdf, keyslots, recovery
from liaison.errors import (
    N_,
    CorruptDatabase,
    CorruptHeader,
    VaultAlreadyExists,
    VaultBusy,
    VaultLocked,
    VaultNotFound,
    VaultWiped,
)
from liaison.store import anchor, audit, connection, rekey, search, write_turn
from liaison.store.clock import HybridClock

Connection = Any


# Set once the translation memory was checked for old ``⟦n⟧`` entries (``liaison.store.tm_cleanup``).
TM_PLACEHOLDERS_CHECKED = "tm_placeholders_checked"


def header_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys")


def wipe_mark_path(db_path: Path) -> Path:
    """Left where the key header was by a remote wipe, so that opening the vault says what
    happened (and not "damaged: salvage it", which cannot work without the keys)."""
    return db_path.with_name(db_path.name + ".wiped")


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


class Vault:
    """An unlocked vault. Not thread-safe: callers serialise access (the UI uses one worker)."""

    def __init__(self, path: Path, conn: Connection, vault_id: str) -> None:
        self.path = path
        self._conn: Connection | None = conn
        self.vault_id = vault_id
        self.device_id = self.meta("device_id") or ""
        # The newest op carries the highest stamp this device issued or observed (the clock only
        # moves forward), and seq is the rowid: no scan of the op log.
        self.clock = HybridClock(self._last_stamp())
        self._depth = 0
        # Last audit (seq:hash), cached to spare a read per write; dropped on rollback, and when
        # another connection committed since (see _catch_up).
        self.audit_head: str | None = None
        self.audit_head_dirty = False
        self._data_version = self._read_data_version()
        # Audit entries that could not be written yet because another process held the write lock
        # (an unlock while it writes): written first in the next transaction, or at close.
        self.pending_audit: list[tuple[str, str, str, dict[str, Any] | None]] = []
        # Set by an erasure inside a transaction: after commit the WAL, which still holds the
        # erased values in older frames, is checkpointed and truncated.
        self.erased = False
        # Things the user should be told after unlocking (e.g. a weak key slot was strengthened).
        self.notices: list[str] = []
        # MAC key of the rollback anchor in the key file, moved after every commit (None: not kept).
        self.anchor_key: bytes | None = None
        # For the background page check's own connection; SQLCipher holds the key in memory anyway.
        self._db_key: bytes | None = None

    def salvager(self) -> Callable[[], Any]:
        """A function that salvages every readable row read-only (``liaison.store.salvage``), usable
        after the vault was locked because its check failed."""
        from liaison.store import salvage  # noqa: PLC0415 - salvage is rarely needed

        path, key = self.path, self._db_key
        return lambda: salvage.salvage(path, key) if key is not None else salvage.Salvaged()

    def page_checker(self) -> Callable[[], list[str]]:
        """A function, safe to run on another thread, that reads and authenticates every page of
        the file (the check opening skips) and returns the problems found (empty when sound)."""
        path, key = self.path, self._db_key
        if key is None:
            return list
        return lambda: connection.check_file(path, key)

    def sibling(self) -> Vault:
        """The same vault on a second connection (no key derivation, no checks: this one passed
        them), for a worker that must not wait behind this connection's queue, such as the desktop
        app's sync. Writes on either are serialised by SQLite; each catches up with the other's
        commits when its next transaction starts (``_catch_up``). The caller closes it."""
        if self._conn is None or self._db_key is None:
            raise VaultLocked("the vault is locked")
        twin = Vault(self.path, connection.open_sibling(self.path, self._db_key), self.vault_id)
        twin.anchor_key, twin._db_key = self.anchor_key, self._db_key
        return twin

    def reader(self) -> Callable[[], Connection]:
        """A function, safe to call on another thread, that opens a read-only connection of its
        own to this vault (the caller closes it): slow reads off the store thread, which keeps
        serving the window meanwhile."""
        path, key = self.path, self._db_key
        if key is None:
            raise VaultLocked("the vault is locked")
        return lambda: connection.open_read_only(path, key)

    @property
    def key_file(self) -> Path:
        return header_path(self.path)

    def _last_stamp(self) -> str | None:
        row = self.conn.execute("SELECT hlc FROM ops ORDER BY seq DESC LIMIT 1").fetchone()
        return None if row is None else str(row[0])

    def _read_data_version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def data_version(self) -> int:
        """A number that changes when another connection (a CLI command, a second window) commits
        to the vault, and not on this connection's own commits: what a window polls to refresh."""
        return self._read_data_version()

    def _catch_up(self) -> None:
        """Under the write lock: if another connection (the desktop app, a CLI command, a second
        window) committed since we last looked, forget the cached audit head and move the clock past
        its stamps. Without this a long-lived session reuses an audit sequence number (UNIQUE
        failure) or issues stamps older than ops already in the log. ``data_version`` only changes
        for commits by *other* connections, and reading it costs no I/O."""
        version = self._read_data_version()
        if version == self._data_version:
            return
        self._data_version = version
        self.audit_head = None
        last = self._last_stamp()
        if last is not None:
            self.clock.observe(last)

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise VaultLocked("the vault is locked")
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit; nested calls join the outer transaction (for batched writes)."""
        conn = self.conn
        if self._depth:
            self._depth += 1
            try:
                yield conn
            finally:
                self._depth -= 1
            return
        try:
            with write_turn.of(self.path).short_write(connection.BUSY_TIMEOUT_MS / 1000):
                conn.execute("BEGIN IMMEDIATE")
        except connection.OperationalError as exc:
            if connection.is_busy(exc):
                raise connection.busy_error() from None
            raise
        self._depth = 1
        pending, self.pending_audit = self.pending_audit, []
        try:
            marks = self._log_marks(conn)
            self._catch_up()
            for action, kind, record_id, detail in pending:
                audit.append(self, action, kind, record_id, detail)
            yield conn
            if self.audit_head_dirty and self.audit_head is not None:
                self.set_meta("audit_head", self.audit_head)
            self._close_change_set(conn, marks)
        except BaseException:
            self._depth = 0
            self.audit_head, self.audit_head_dirty = None, False
            self.erased = False
            self.pending_audit = pending + self.pending_audit  # still owed to the log
            conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.audit_head_dirty = False
        conn.execute("COMMIT")
        anchor.update(self)
        if self.erased:
            self.erased = False
            self.checkpoint()

    def audit_read(self, action: str, detail: dict[str, Any] | None = None) -> None:
        """Audit something that only reads (an unlock, a search) without needing the write lock:
        a read works while another process writes. Written at once if the lock is free, else with
        this session's next write, or at close."""
        self.pending_audit.append((action, "", "", detail))
        if self._depth:  # inside a transaction: it is written when that one commits
            for pending in self.pending_audit:
                audit.append(self, *pending)
            self.pending_audit = []
            return
        self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            with self.transaction():
                pass
        except VaultBusy:
            pass
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {connection.BUSY_TIMEOUT_MS}")

    def checkpoint(self) -> None:
        """Copy the WAL into the database and empty it, so older page versions are gone from disk.

        Best effort: a reader in another process can hold frames back; closing retries."""
        with contextlib.suppress(Exception):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    @staticmethod
    def _log_marks(conn: Connection) -> tuple[int, int]:
        ops = conn.execute("SELECT seq FROM ops ORDER BY seq DESC LIMIT 1").fetchone()
        entries = conn.execute("SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        return (ops[0] if ops else 0, entries[0] if entries else 0)

    def _close_change_set(self, conn: Connection, marks: tuple[int, int]) -> None:
        """This transaction's own ops form one change set: sync ships and applies it as a unit, so
        no other device ever sees half of it (a note without its case)."""
        first, last = conn.execute(
            "SELECT min(seq), max(seq) FROM ops WHERE seq > ? AND device_id = ?", (marks[0], self.device_id)
        ).fetchone()
        if first is None:
            # No ops, but an attachment kept, erased or shared here (or an erasure sent again, once
            # every device reads it): a change set of its own, with an empty op range (its audit
            # range says which attachments: ``sync_log.build``).
            shared = conn.execute(
                "SELECT 1 FROM audit_log WHERE seq > ? AND kind = 'attachment' AND device_id = ? "
                "AND action IN ('attach', 'erase', 'sync.share', 'sync.reerase') LIMIT 1",
                (marks[1], self.device_id),
            ).fetchone()
            if shared is None:
                return
            first, last = marks[0] + 1, marks[0]
        audit_last = self._log_marks(conn)[1]
        conn.execute(
            "INSERT INTO sync_change_sets(change_id, first_op, last_op, audit_first, audit_last) "
            "VALUES (?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, first, last, marks[1] + 1, audit_last),
        )

    def close(self) -> None:
        if self._conn is not None:
            if self.pending_audit:  # one more wait for the other writer; a read already succeeded
                with contextlib.suppress(VaultBusy), self.transaction():
                    pass
            with contextlib.suppress(Exception):
                # Never wait at close: if another process is using the vault, the last one to
                # close checkpoints (SQLite does so when the last connection goes).
                self._conn.execute("PRAGMA busy_timeout = 0")
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _require_files(path: Path) -> None:
    header = header_path(path)
    if not path.exists() and not header.exists():
        raise VaultNotFound(f"no vault at {path}: create one with 'liaison init'")
    if not path.exists():
        raise VaultNotFound(f"the vault database {path.name} is missing next to its key header")
    if not header.exists() and wipe_mark_path(path).exists():
        raise VaultWiped.of(
            N_(
                "this vault was wiped: another device revoked this one from its sync space and ordered "
                "a remote wipe, so its keys are destroyed and it can no longer be opened; restore a "
                "backup made before the wipe with 'liaison restore FILE', or ask the space's officer "
                "to invite a new vault"
            )
        )
    if not header.exists():
        raise CorruptHeader(f"the key header {header.name} is missing next to {path.name}")


def _read_header(path: Path) -> keyslots.KeyHeader:
    rekey.finish_interrupted(path)
    _require_files(path)
    try:
        return keyslots.read_header(header_path(path))
    except FileNotFoundError:
        raise VaultNotFound(f"no vault at {path}") from None


def _profile(profile: kdf.KdfProfile | None) -> kdf.KdfProfile:
    return profile or kdf.default_profile()


def create_vault(path: Path, passphrase: str, profile: kdf.KdfProfile | None = None) -> tuple[Vault, str]:
    """Create a vault; returns it open, with the recovery code to show once."""
    connection.sqlcipher_version()
    profile = _profile(profile)
    header_file = header_path(path)
    if path.exists() or header_file.exists():
        raise VaultAlreadyExists(f"a vault already exists at {path}")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    db_key = os.urandom(kdf.KEY_BYTES)
    vault_id = str(uuid.uuid4())
    code = recovery.new_recovery_code()
    header = keyslots.KeyHeader(
        vault_id,
        (
            keyslots.passphrase_slot(vault_id, passphrase, db_key, kdf.params_for(profile)),
            keyslots.recovery_slot(vault_id, code, db_key),
        ),
    )
    try:
        conn = connection.create_database(path, db_key)
        os.chmod(path, 0o600)
        conn.execute("BEGIN IMMEDIATE")
        for key, value in (
            ("vault_id", vault_id),
            ("device_id", str(uuid.uuid4())),
            ("created_at", utc_now()),
            ("search_folding", search.FOLDING_VERSION),  # an empty index is current
            (anchor.ANCHORED_META, "1"),  # from its first commit on, the key file holds an anchor
            (TM_PLACEHOLDERS_CHECKED, "1"),  # a new memory holds no old placeholders (tm_cleanup)
        ):
            conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (key, value))
        conn.execute("COMMIT")
        keyslots.write_header(header_file, header)
    except BaseException:
        for leftover in (path, header_file, *connection.sidecars(path)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    vault = Vault(path, conn, vault_id)
    vault.anchor_key = anchor.derive_key(db_key)
    vault._db_key = db_key
    audit.append(vault, "vault.create", detail={"kdf": profile.value})
    return vault, code


def _open_with_key(path: Path, db_key: bytes, header: keyslots.KeyHeader, how: str) -> Vault:
    conn = connection.open_database(path, db_key, header.vault_id)
    vault = Vault(path, conn, header.vault_id)
    try:
        anchor.check(vault, header, anchor.derive_key(db_key))
        vault.anchor_key = anchor.derive_key(db_key)
        vault._db_key = db_key
        from liaison.store import reindex, tm_cleanup  # noqa: PLC0415  (they import this module)

        reindex.ensure_current(vault)
        tm_cleanup.ensure_clean(vault)
        vault.audit_read("vault.unlock", {"slot": how})
        vault.audit_read("vault.open")
    except connection.DatabaseError as exc:  # a damaged page the cheap open checks did not read
        vault.close()
        raise CorruptDatabase(f"{path.name} is damaged: {exc}") from None
    except BaseException:
        vault.close()
        raise
    return vault


def _replace_slot(path: Path, slot: keyslots.KeySlot) -> None:
    """Swap one slot in the key file as it is now (the anchor in it moves after every commit)."""
    keyslots.write_header(header_path(path), keyslots.read_header(header_path(path)).with_slot(slot))


def _strengthen_weak_slot(vault: Vault, header: keyslots.KeyHeader, passphrase: str, db_key: bytes) -> None:
    """A passphrase slot below the production floor (an old or test-made vault) is re-wrapped with
    calibrated parameters the first time it unlocks outside the test suite, and the user is told."""
    params = keyslots.passphrase_params(header)
    if not kdf.below_floor(params) or kdf.insecure_allowed():
        return
    strong = kdf.params_for(kdf.KdfProfile.PRODUCTION)
    slot = keyslots.passphrase_slot(header.vault_id, passphrase, db_key, strong)
    _replace_slot(vault.path, slot)
    audit.append(vault, "passphrase.strengthen", detail={"memory_kib": strong.memory_kib})
    vault.notices.append(
        f"the passphrase key derivation was below the floor ({params.memory_kib // 1024} MiB, "
        f"{params.time_cost} passes): it has been re-wrapped with {strong.memory_kib // 1024} MiB, "
        f"{strong.time_cost} passes"
    )


def unlock(path: Path, passphrase: str) -> Vault:
    connection.sqlcipher_version()
    header = _read_header(path)
    db_key = keyslots.unwrap_with_passphrase(header, passphrase)
    vault = _open_with_key(path, db_key, header, keyslots.PASSPHRASE)
    try:
        _strengthen_weak_slot(vault, header, passphrase, db_key)
    except BaseException:
        vault.close()
        raise
    return vault


def change_passphrase(path: Path, old: str, new: str, profile: kdf.KdfProfile | None = None) -> None:
    """Re-wrap the same database key under a new passphrase. The database itself is not rewritten,
    so an old copy of the key file still opens it with the old passphrase: see ``rekey``."""
    header = _read_header(path)
    db_key = keyslots.unwrap_with_passphrase(header, old)
    with _open_with_key(path, db_key, header, keyslots.PASSPHRASE) as vault:
        slot = keyslots.passphrase_slot(header.vault_id, new, db_key, kdf.params_for(_profile(profile)))
        _replace_slot(path, slot)
        audit.append(vault, "passphrase.change")


def change_passphrase_and_rekey(path: Path, old: str, new: str, profile: kdf.KdfProfile | None = None) -> str:
    """New passphrase and a new random database key: the whole database is re-encrypted, so old
    copies of the key file, the old passphrase and the old recovery code open nothing written from
    now on. Returns the new recovery code (the old one no longer works)."""
    reopened, code = rekey_and_reopen(path, old, new, profile)
    reopened.close()
    return code


def rekey_and_reopen(
    path: Path,
    old: str,
    new: str,
    profile: kdf.KdfProfile | None = None,
    release: Callable[[], None] | None = None,
) -> tuple[Vault, str]:
    """``change_passphrase_and_rekey`` that hands back the vault open under its new key (the app
    goes on with it instead of deriving the new key a second time). The file is swapped, so no
    other connection of this process may hold it: ``release`` (the app closing its own) is called
    once the old passphrase has proved right, so a typing mistake leaves the app's vault open."""
    header = _read_header(path)
    db_key = keyslots.unwrap_with_passphrase(header, old)
    if release is not None:
        release()
    vault = _open_with_key(path, db_key, header, keyslots.PASSPHRASE)
    return _rekey(vault, header, new, kdf.params_for(_profile(profile)))


def recover(
    path: Path,
    code: str,
    new_passphrase: str,
    profile: kdf.KdfProfile | None = None,
    rekey_vault: bool = True,
) -> tuple[Vault, str | None]:
    """Unlock with the recovery code and set a new passphrase.

    By default the vault is re-keyed and a new recovery code issued (returned): the used code, which
    may have been seen while typing it, opens nothing afterwards. ``rekey_vault=False`` only re-wraps
    the key and keeps the code valid (returns None for the code)."""
    header = _read_header(path)
    db_key = keyslots.unwrap_with_recovery_code(header, code)
    vault = _open_with_key(path, db_key, header, keyslots.RECOVERY)
    params = kdf.params_for(_profile(profile))
    if rekey_vault:
        audit.append(vault, "passphrase.reset_with_recovery_code")
        return _rekey(vault, header, new_passphrase, params)
    slot = keyslots.passphrase_slot(header.vault_id, new_passphrase, db_key, params)
    _replace_slot(path, slot)
    audit.append(vault, "passphrase.reset_with_recovery_code")
    return vault, None


def _rekey(
    vault: Vault, header: keyslots.KeyHeader, passphrase: str, params: kdf.Argon2Params
) -> tuple[Vault, str]:
    """Re-encrypt ``vault`` under a new random key with fresh slots; returns it reopened and the new
    recovery code. Crash-safe (see ``liaison.store.rekey``); the vault given is closed."""
    path, vault_id = vault.path, header.vault_id
    new_key = os.urandom(kdf.KEY_BYTES)
    code = recovery.new_recovery_code()
    fresh = keyslots.KeyHeader(
        vault_id,
        (
            keyslots.passphrase_slot(vault_id, passphrase, new_key, params),
            keyslots.recovery_slot(vault_id, code, new_key),
        ),
    )
    try:
        audit.append(vault, "vault.rekey")
        copy = rekey.export_copy(vault.conn, path, new_key)
        fresh = fresh.with_anchor(anchor.make(anchor.derive_key(new_key), vault_id, anchor.position(vault)))
        connection.open_database(copy, new_key, vault_id).close()  # the copy reads back whole
    except BaseException:
        vault.close()
        rekey.finish_interrupted(path)
        raise
    vault.close()
    try:
        rekey.swap(path, keyslots.header_bytes(fresh))
    finally:
        rekey.finish_interrupted(path)
    return _open_with_key(path, new_key, fresh, "rekey"), code


def rotate_recovery_code(path: Path, passphrase: str) -> str:
    """Issue a new recovery code; the previous one stops working at once. Returns the new code."""
    header = _read_header(path)
    db_key = keyslots.unwrap_with_passphrase(header, passphrase)
    with _open_with_key(path, db_key, header, keyslots.PASSPHRASE) as vault:
        code = recovery.new_recovery_code()
        slot = keyslots.recovery_slot(header.vault_id, code, db_key)
        _replace_slot(path, slot)
        audit.append(vault, "recovery_code.rotate")
    return code


def kdf_info(path: Path) -> kdf.Argon2Params:
    return keyslots.passphrase_params(_read_header(path))


def backup_vault(path: Path, passphrase: str, target: Path) -> Path:
    """Encrypted, verified copy of the vault (``target`` and ``target.keys``), made while it may be
    in use. Returns the copy's key file."""
    header = _read_header(path)
    db_key = keyslots.unwrap_with_passphrase(header, passphrase)
    with _open_with_key(path, db_key, header, keyslots.PASSPHRASE) as vault:
        return backup_open_vault(vault, target)


def backup_open_vault(vault: Vault, target: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """``backup_vault`` of a vault already unlocked (the app's): no passphrase asked again, since
    the copy is encrypted under the same key and opens only with the same secrets."""
    from liaison.store import backup  # noqa: PLC0415 - backup builds on this module

    if vault._db_key is None:
        raise VaultLocked("the vault is locked")
    keys = backup.backup(vault, vault._db_key, target, progress)
    audit.append(vault, "vault.backup", detail={"file": target.name})
    return keys


def restore_vault(path: Path, source: Path, passphrase: str) -> Path | None:
    """Put the backup ``source`` (opened with ``passphrase``, the one current when it was made) in
    place of the vault at ``path``; returns where the replaced vault was kept, if there was one."""

    vault, kept = restore_and_open(path, source, passphrase)
    vault.close()
    return kept


def restore_and_open(
    path: Path, source: Path, passphrase: str, release: Callable[[], None] | None = None
) -> tuple[Vault, Path | None]:
    """``restore_vault`` that hands back the restored vault open (the app goes on with it). The
    file is swapped: ``release`` closes the caller's own connection once the backup's passphrase
    has proved right (see ``rekey_and_reopen``)."""
    from liaison.store import backup  # noqa: PLC0415

    header = _read_header(source)
    db_key = keyslots.unwrap_with_passphrase(header, passphrase)
    backup.verify_backup(source, db_key, header.vault_id)
    if release is not None:
        release()
    kept = backup.restore(source, db_key, header.vault_id, path, verified=True)
    vault = _open_with_key(path, db_key, keyslots.read_header(header_path(path)), keyslots.PASSPHRASE)
    try:
        audit.append(vault, "vault.restore", detail={"file": source.name})
    except BaseException:
        vault.close()
        raise
    return vault, kept


def salvage_vault(path: Path, passphrase: str) -> Any:
    """Every readable row of a (possibly damaged) vault, read-only; see ``liaison.store.salvage``."""
    from liaison.store import salvage  # noqa: PLC0415

    _require_files(path)
    header = keyslots.read_header(header_path(path))
    return salvage.salvage(path, keyslots.unwrap_with_passphrase(header, passphrase))
