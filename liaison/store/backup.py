"""Encrypted backups of an open vault, and putting one back.

A backup is an ordinary vault pair, ``FILE`` and ``FILE.keys``: the database copied page by page
with SQLite's online backup API (still encrypted under the same key, while the vault stays in use)
and the key slots, with a rollback anchor for the copy. It opens with the passphrase (and recovery
code) that were current when it was made, and is verified by reading every page before it is
called done.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from liaison.crypto import keyslots
from liaison.crypto.atomic import fsync_directory
from liaison.errors import CorruptDatabase, VaultAlreadyExists
from liaison.store import anchor, connection, rekey
from liaison.store.vault import Vault, header_path, wipe_mark_path

BACKUP_STEP_PAGES = 1024  # 4 MiB per step: a progress report every few hundredths of a second


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _verify_copy(path: Path, key: bytes, vault_id: str) -> None:
    conn = connection.open_database(path, key, vault_id)
    try:
        problems = connection.full_check(conn)
    finally:
        conn.close()
    if problems:
        raise CorruptDatabase(f"the copy {path.name} does not read back whole: {problems[0]}")


# Told (pages copied, pages in all) while the copy runs, then (-1, -1) when verifying starts.
Progress = Callable[[int, int], None]
VERIFYING = (-1, -1)


def backup(vault: Vault, db_key: bytes, target: Path, progress: Progress | None = None) -> Path:
    """Write ``target`` and ``target.keys``; returns the key file. Refuses to overwrite anything.

    ``progress`` is for the app's progress bar; without it the copy is one step."""
    target_keys = header_path(target)
    if target.exists() or target_keys.exists():
        raise VaultAlreadyExists(f"{target} already exists: choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        destination = connection.create_empty(partial, db_key)
        try:
            # Read first: another process may commit before the copy, leaving the copy's anchor
            # behind it, which is safe (ahead would not be). One backup step copies every page
            # under one read transaction: a consistent snapshot even while others write.
            where = anchor.position(vault)
            if progress is None:
                vault.conn.backup(destination, pages=-1)
            else:
                # In steps, to report progress. A write by another connection between steps makes
                # SQLite restart the copy from that later state: the anchor read above is then
                # behind the copy, which is the safe side.
                vault.conn.backup(
                    destination,
                    pages=BACKUP_STEP_PAGES,
                    progress=lambda _status, remaining, total: progress(total - remaining, total),
                )
        finally:
            destination.close()
        if progress is not None:
            progress(*VERIFYING)
        _verify_copy(partial, db_key, vault.vault_id)
        header = keyslots.read_header(vault.key_file)
        fresh = header.with_anchor(anchor.make(anchor.derive_key(db_key), vault.vault_id, where))
        keyslots.write_header(target_keys, fresh)
        os.replace(partial, target)
        fsync_directory(target.parent)
    except BaseException:
        _remove(partial, *connection.sidecars(partial))
        raise
    return target_keys


def verify_backup(source: Path, db_key: bytes, vault_id: str) -> None:
    """Refuse a file that is not a whole backup of vault ``vault_id`` under ``db_key`` (read
    entirely), before anything is replaced."""
    _verify_copy(source, db_key, vault_id)


def restore(source: Path, db_key: bytes, vault_id: str, path: Path, *, verified: bool = False) -> Path | None:
    """Put the verified backup ``source`` in the place of the vault at ``path``.

    The vault it replaces is kept beside it (``<vault>.before-restore-<time>`` and its key file):
    nothing is lost by restoring the wrong file. Returns that kept copy, if there was a vault. The
    swap is the crash-safe one of re-keying (``liaison.store.rekey``). ``verified``: the caller
    ran ``verify_backup`` already."""
    if not verified:
        _verify_copy(source, db_key, vault_id)
    kept = None
    if path.exists():
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = path.with_name(f"{path.name}.before-restore-{stamp}")
        shutil.copy2(path, kept)
        for sidecar, kept_sidecar in zip(connection.sidecars(path), connection.sidecars(kept), strict=True):
            if sidecar.exists():
                shutil.copy2(sidecar, kept_sidecar)
        if header_path(path).exists():
            shutil.copy2(header_path(path), header_path(kept))
    path.parent.mkdir(parents=True, exist_ok=True)
    pending = rekey.pending_database(path)
    shutil.copyfile(source, pending)
    with pending.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(pending, 0o600)
    _remove(*connection.sidecars(path))
    try:
        rekey.swap(path, header_path(source).read_bytes())
    finally:
        rekey.finish_interrupted(path)
    wipe_mark_path(path).unlink(missing_ok=True)  # keys again: a lost header later is not a wipe
    return kept
