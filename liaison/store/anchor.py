"""The rollback anchor: where the database last was, kept outside it and authenticated.

After every committed transaction the key file records the newest audit entry (sequence and hash)
and the newest op sequence, with an HMAC under a key derived from the database key. On open, a
database behind its anchor (an older copy put back, a WAL deleted before a crash, the newest audit
entries cut off) is refused. The key file itself is not secret-keyed against replacement: putting
back an older database *with* its older key file is not detectable here, only by sync with the
home agency. A database ahead of its anchor is normal (a crash between commit and anchor write).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from liaison.crypto import keyslots
from liaison.errors import DAMAGE_WAY_FORWARD, VaultError

if TYPE_CHECKING:
    from liaison.store.vault import Vault

ANCHORED_META = "anchored"
_SYNCHRONOUS_FULL = 2
WAY_FORWARD = DAMAGE_WAY_FORWARD


class VaultRolledBack(VaultError):
    """The database is older than its key file says it was: restored copy, lost WAL, cut audit log."""

    exit_code = 5


def derive_key(db_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"liaison anchor v1").derive(db_key)


def _mac(key: bytes, vault_id: str, audit_seq: int, audit_hash: str, op_seq: int) -> str:
    payload = json.dumps([vault_id, audit_seq, audit_hash, op_seq], separators=(",", ":")).encode()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def position(vault: Vault) -> tuple[int, str, int]:
    """(audit seq, audit hash, op seq) of the database as it is now."""
    head = vault.meta("audit_head")
    seq, digest = (0, "") if head is None else (int(head.split(":")[0]), head.split(":")[1])
    op_seq = vault.conn.execute("SELECT coalesce(max(seq), 0) FROM ops").fetchone()[0]
    return seq, digest, int(op_seq)


def make(key: bytes, vault_id: str, where: tuple[int, str, int]) -> dict[str, Any]:
    audit_seq, audit_hash, op_seq = where
    mac = _mac(key, vault_id, audit_seq, audit_hash, op_seq)
    return {"audit_seq": audit_seq, "audit_hash": audit_hash, "op_seq": op_seq, "mac": mac}


def _read(key: bytes, header: keyslots.KeyHeader) -> tuple[int, str, int] | None:
    raw = header.anchor
    if raw is None:
        return None
    try:
        where = (int(raw["audit_seq"]), str(raw["audit_hash"]), int(raw["op_seq"]))
        mac = str(raw["mac"])
    except (KeyError, TypeError, ValueError):
        raise VaultRolledBack("the key file's rollback anchor is malformed") from None
    if not hmac.compare_digest(mac, _mac(key, header.vault_id, *where)):
        raise VaultRolledBack("the key file's rollback anchor does not authenticate: it was edited")
    return where


def check(vault: Vault, header: keyslots.KeyHeader, key: bytes) -> None:
    """Refuse a database behind its authenticated anchor (see the module docstring)."""
    anchored = _read(key, header)
    if anchored is None:
        if vault.meta(ANCHORED_META):
            raise VaultRolledBack(f"the key file lost its rollback anchor: {WAY_FORWARD}")
        return
    audit_seq, audit_hash, op_seq = anchored
    now_seq, _hash, now_ops = position(vault)
    row = vault.conn.execute("SELECT hash FROM audit_log WHERE seq = ?", (audit_seq,)).fetchone()
    if now_seq < audit_seq or now_ops < op_seq or (audit_seq and (row is None or row[0] != audit_hash)):
        raise VaultRolledBack(
            f"the database is older than its key file records (audit entry #{audit_seq}, op #{op_seq}; "
            f"the database ends at #{now_seq}, op #{now_ops}): an older copy was put back, the "
            f"write-ahead log was lost, or entries were removed. {WAY_FORWARD[0].upper()}{WAY_FORWARD[1:]}"
        )
    if not vault.meta(ANCHORED_META):
        with vault.transaction():
            vault.set_meta(ANCHORED_META, "1")


def update(vault: Vault) -> None:
    """Move the anchor to where the database is now; never backwards (another process may have
    moved it further meanwhile). Best effort: a failure leaves the anchor behind, which is safe."""
    key = vault.anchor_key
    if key is None:
        return
    if int(vault.conn.execute("PRAGMA synchronous").fetchone()[0]) < _SYNCHRONOUS_FULL:
        return  # a commit a power cut may still lose must not be anchored (sync's relaxed apply)
    path = vault.key_file
    with contextlib.suppress(OSError, VaultError):
        header = keyslots.read_header(path)
        where = position(vault)
        current = header.anchor or {}
        if int(current.get("audit_seq", -1)) >= where[0] and int(current.get("op_seq", -1)) >= where[2]:
            return
        # An anchor lost in a power cut is only behind, which is safe: no directory sync per commit.
        keyslots.write_header(path, header.with_anchor(make(key, vault.vault_id, where)), durable=False)
