"""Opening the SQLCipher database safely, and telling apart every way it can go wrong.

The key is the raw 256-bit vault key, given to SQLCipher as ``x'<64 hex>'`` built from bytes we
generated, never from user text. If opening fails, any ``-wal``/``-shm`` file SQLite created
during the attempt is removed again, so a failed open leaves the folder exactly as it was.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from liaison.errors import CorruptDatabase, NotALiaisonVault, SqlcipherUnavailable, VaultBusy, VaultTooNew
from liaison.store import migrations

Connection = Any
APPLICATION_ID = 0x4C49414E  # "LIAN"
PAGE_SIZE = 4096
_HEX_KEY = re.compile(r"[0-9a-f]{64}")
_PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"
DatabaseError = sqlcipher.DatabaseError
OperationalError = sqlcipher.OperationalError
# How long a statement waits for another process's write lock before giving up (SQLITE_BUSY).
# Stated here rather than left to the driver's default, so the "vault in use" message can say it.
BUSY_TIMEOUT_MS = 5000


def is_busy(exc: BaseException) -> bool:
    """True for SQLITE_BUSY / SQLITE_LOCKED: another connection holds a lock we need."""
    text = str(exc)
    return isinstance(exc, OperationalError) and ("database is locked" in text or "is busy" in text)


def busy_error() -> VaultBusy:
    return VaultBusy(
        f"vault in use: another Liaison program kept it busy for more than {BUSY_TIMEOUT_MS // 1000} s; "
        "try again when it is done"
    )


def _quiet(conn: Connection) -> None:
    """SQLCipher logs every page that fails its HMAC to stderr (\"ERROR CORE ...\") before the error
    reaches us; we report damage ourselves, in one line, so its own log is switched off."""
    conn.execute("PRAGMA cipher_log_level = NONE")


def sqlcipher_version() -> str:
    """The linked SQLCipher version; refuses to go on with plain SQLite, which stores plaintext."""
    conn = sqlcipher.connect(":memory:")
    try:
        _quiet(conn)
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    version = row[0] if row else ""
    if not version:
        raise SqlcipherUnavailable("the SQLite driver is not SQLCipher: refusing to store data unencrypted")
    return str(version)


def key_pragma_literal(key: bytes) -> str:
    hex_key = key.hex()
    if not _HEX_KEY.fullmatch(hex_key):
        raise ValueError("vault key must be exactly 32 bytes")
    return f"\"x'{hex_key}'\""


def sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _connect(path: Path, key: bytes) -> Connection:
    conn = sqlcipher.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    _quiet(conn)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA key = {key_pragma_literal(key)}")
    conn.execute("PRAGMA cipher_compatibility = 4")
    return conn


def _configure(conn: Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA foreign_keys = ON")
    # 64 MiB of decrypted pages: each cache miss costs a decryption, and ranked search touches many.
    conn.execute("PRAGMA cache_size = -65536")


def _precheck_file(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(len(_PLAIN_SQLITE_MAGIC))
    size = path.stat().st_size
    if head == _PLAIN_SQLITE_MAGIC:
        raise NotALiaisonVault(f"{path.name} is a plain, unencrypted SQLite database, not a vault")
    if size == 0 or size % PAGE_SIZE:
        raise CorruptDatabase(f"{path.name} is truncated or damaged ({size} bytes)")


def _verify(conn: Connection, path: Path, vault_id: str, unclean: bool) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        if "not a database" in str(exc):  # the first page fails its HMAC under this key
            raise NotALiaisonVault(
                f"{path.name} cannot be decrypted with this vault's key: it belongs to another "
                "vault, or its first page is damaged"
            ) from None
        raise CorruptDatabase(f"{path.name} is damaged: {exc}") from None
    try:
        _cheap_checks(conn, path, unclean)
        _identity(conn, path, vault_id)
    except DatabaseError as exc:
        raise CorruptDatabase(f"{path.name} is damaged: {exc}") from None


def _identity(conn: Connection, path: Path, vault_id: str) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise NotALiaisonVault(f"{path.name} is an SQLCipher database of another application")
    version = migrations.current_version(conn)
    if version > migrations.latest_version():
        raise VaultTooNew(
            f"this vault was written by a newer Liaison (schema {version}, this release "
            f"knows {migrations.latest_version()}): update Liaison to open it"
        )
    row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
    if row is None or row[0] != vault_id:
        raise NotALiaisonVault(f"{path.name} belongs to a different vault than its key header")


def _cheap_checks(conn: Connection, path: Path, unclean: bool) -> None:
    """What opening can afford on a big vault: page 1 authenticated (done by reading the schema),
    the page count in the header against the file size (truncation), and after a crash the
    structural quick check. Every page's HMAC is verified by ``full_check``, which the app runs in the
    background after unlock and ``liaison check`` runs in full: reading a 100,000-note vault twice
    at every unlock cost seconds."""
    if unclean:
        quick = conn.execute("PRAGMA quick_check").fetchall()
        if quick != [("ok",)]:
            raise CorruptDatabase(f"{path.name} is damaged: {quick[0][0]}")
        return
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    if pages * PAGE_SIZE > path.stat().st_size:
        raise CorruptDatabase(
            f"{path.name} is truncated or damaged ({path.stat().st_size} bytes for {pages} pages)"
        )


def full_check(conn: Connection) -> list[str]:
    """Every problem SQLCipher and SQLite find when reading the whole file (empty when sound)."""
    problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
    try:
        problems += [str(row[0]) for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    except DatabaseError as exc:
        problems.append(f"the structure check stopped at a damaged page ({exc})")
    return problems


def open_database(path: Path, key: bytes, vault_id: str) -> Connection:
    """Open, verify and configure an existing vault database."""
    _precheck_file(path)
    existed = {p for p in sidecars(path) if p.exists()}
    wal = sidecars(path)[0]
    unclean = wal.exists() and wal.stat().st_size > 0  # closing checkpoints and empties the WAL
    conn = None
    try:
        conn = _connect(path, key)
        _verify(conn, path, vault_id, unclean)
        _configure(conn)
        migrations.migrate(conn)
    except BaseException as exc:
        if conn is not None:
            conn.close()
        for created in set(sidecars(path)) - existed:
            with contextlib.suppress(FileNotFoundError):
                created.unlink()
        if is_busy(exc):
            raise busy_error() from None
        raise
    return conn


def open_sibling(path: Path, key: bytes) -> Connection:
    """A second connection to a vault already open and verified by this process (same key): no
    checks, no migration, the same settings. A worker uses it so as not to queue behind the first."""
    conn = _connect(path, key)
    try:
        _configure(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def check_file(path: Path, key: bytes) -> list[str]:
    """``full_check`` on a connection of its own, read-only: the app runs it on a worker thread
    after unlock while the vault's own connection keeps serving the window."""
    conn = open_read_only(path, key)
    try:
        return full_check(conn)
    except DatabaseError as exc:
        return [f"the page check stopped at a damaged page ({exc})"]
    finally:
        conn.close()


def open_read_only(path: Path, key: bytes) -> Connection:
    """No checks, no writes, no migration: for salvaging a damaged vault."""
    conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    conn.execute(f"PRAGMA key = {key_pragma_literal(key)}")
    conn.execute("PRAGMA cipher_compatibility = 4")
    return conn


def create_empty(path: Path, key: bytes) -> Connection:
    """A new, empty encrypted file under ``key``: the target of a backup."""
    return _connect(path, key)


def create_database(path: Path, key: bytes) -> Connection:
    conn = _connect(path, key)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _configure(conn)
    migrations.migrate(conn)
    return conn
