"""Re-encrypting the database under a new key, and the file swap that makes it crash-safe.

The database and its key file cannot be replaced together atomically, so the swap goes in an
order that a later open can always finish or undo:

1. the re-encrypted copy is written beside the vault (``<vault>.rekey``) and verified;
2. the new key file is written beside its own (``<vault>.keys.rekey``);
3. the copy replaces the database (one atomic rename);
4. the new key file replaces the old one (one atomic rename).

``finish_interrupted`` runs before every open: a leftover copy means step 3 never happened (the old
pair is intact: drop the leftovers); a leftover key file alone means step 3 happened and step 4 did
not (finish it).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from liaison.crypto.atomic import atomic_write_bytes, fsync_directory
from liaison.errors import VaultError
from liaison.store import connection, migrations

Connection = Any


def pending_database(path: Path) -> Path:
    return path.with_name(path.name + ".rekey")


def pending_header(path: Path) -> Path:
    return path.with_name(path.name + ".keys.rekey")


def finish_interrupted(path: Path) -> None:
    """Complete or undo a re-key that a crash or power cut interrupted (see the module docstring)."""
    database, header = pending_database(path), pending_header(path)
    if database.exists():
        for leftover in (database, *connection.sidecars(database), header):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    elif header.exists():
        os.replace(header, path.with_name(path.name + ".keys"))
        fsync_directory(path.parent)


def export_copy(conn: Connection, path: Path, new_key: bytes) -> Path:
    """Write every table of the open database, re-encrypted under ``new_key``, to the pending copy.

    ``sqlcipher_export`` rewrites the file from scratch, so free pages of the old file (which may
    still hold erased data under the old key) are not carried over."""
    target = pending_database(path)
    for leftover in (target, *connection.sidecars(target)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    literal = connection.key_pragma_literal(new_key)
    conn.execute(f"ATTACH DATABASE ? AS rekeyed KEY {literal}", (str(target),))
    try:
        conn.execute("BEGIN IMMEDIATE")  # no other writer while the copy is made
        try:
            conn.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
            conn.execute(f"PRAGMA rekeyed.user_version = {migrations.current_version(conn)}")
            conn.execute(f"PRAGMA rekeyed.application_id = {connection.APPLICATION_ID}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("DETACH DATABASE rekeyed")
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(target, 0o600)
    return target


def swap(path: Path, header_bytes: bytes) -> None:
    """Steps 2-4: the verified copy and the new key file take the place of the old pair."""
    for sidecar in connection.sidecars(path):
        if sidecar.exists() and sidecar.stat().st_size > 0 and sidecar.name.endswith("-wal"):
            raise VaultError(
                "the vault is open in another window or process: close it, then change the key again"
            )
    atomic_write_bytes(pending_header(path), header_bytes)
    os.replace(pending_database(path), path)
    fsync_directory(path.parent)
    os.replace(pending_header(path), path.with_name(path.name + ".keys"))
    fsync_directory(path.parent)
