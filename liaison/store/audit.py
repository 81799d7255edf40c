"""Append-only, hash-chained audit log inside the vault.

Each entry's hash covers its own fields and the previous entry's hash, and the newest
(seq, hash) is kept in ``meta`` as the chain head: editing, removing (even the last entry) or
reordering entries breaks the chain at a point verification can name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from liaison.errors import AuditChainBroken

if TYPE_CHECKING:
    from liaison.store.vault import Vault

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    device_id: str
    action: str
    kind: str
    record_id: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


def entry_hash(
    seq: int, at: str, device_id: str, action: str, kind: str, record_id: str, detail: str, prev_hash: str
) -> str:
    payload = json.dumps(
        [seq, at, device_id, action, kind, record_id, detail, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def append(
    vault: Vault, action: str, kind: str = "", record_id: str = "", detail: dict[str, Any] | None = None
) -> None:
    with vault.transaction() as conn:
        head = vault.audit_head if vault.audit_head is not None else vault.meta("audit_head")
        seq, prev = (0, GENESIS) if head is None else (int(head.split(":")[0]), head.split(":")[1])
        seq += 1
        at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
        digest = entry_hash(seq, at, vault.device_id, action, kind, record_id, detail_text, prev)
        conn.execute(
            "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, at, vault.device_id, action, kind, record_id, detail_text, prev, digest),
        )
        vault.audit_head = f"{seq}:{digest}"
        vault.audit_head_dirty = True  # written once, when the outermost transaction commits


def append_many(vault: Vault, entries: list[tuple[str, str, str, str, dict[str, Any]]]) -> None:
    """Several entries ``(device_id, action, kind, record_id, detail)`` chained in one statement
    (a first sync copies a hundred thousand of them)."""
    if not entries:
        return
    with vault.transaction() as conn:
        head = vault.audit_head if vault.audit_head is not None else vault.meta("audit_head")
        seq, prev = (0, GENESIS) if head is None else (int(head.split(":")[0]), head.split(":")[1])
        at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        rows = []
        for device_id, action, kind, record_id, detail in entries:
            seq += 1
            detail_text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
            digest = entry_hash(seq, at, device_id, action, kind, record_id, detail_text, prev)
            rows.append((seq, at, device_id, action, kind, record_id, detail_text, prev, digest))
            prev = digest
        conn.executemany("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        vault.audit_head = f"{seq}:{prev}"
        vault.audit_head_dirty = True


def keyed_hash(vault: Vault, text: str) -> str:
    """A per-vault keyed hash of user text (normalised, case-folded) for audit details that must
    not hold the text itself. The key is random, kept in ``meta``, and never leaves the vault."""
    key = vault.meta("audit_hash_key")
    if key is None:
        key = secrets.token_hex(32)
        with vault.transaction():
            vault.set_meta("audit_hash_key", key)
    normalised = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hmac.new(bytes.fromhex(key), normalised.encode(), hashlib.sha256).hexdigest()[:32]


def entries(vault: Vault, limit: int | None = None) -> list[AuditEntry]:
    sql = "SELECT * FROM audit_log ORDER BY seq DESC" + (" LIMIT ?" if limit else "")
    rows = vault.conn.execute(sql, (limit,) if limit else ()).fetchall()
    return [
        AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], r[8]) for r in reversed(rows)
    ]


def _check_row(row: tuple[Any, ...], expected_seq: int, prev: str, hash_to_seq: dict[str, int]) -> list[str]:
    seq, at, device, action, kind, record_id, detail, prev_hash, digest = row
    problems = []
    recomputed = entry_hash(seq, at, device, action, kind, record_id, detail, prev_hash)
    if recomputed != digest:
        problems.append(f"entry #{seq} ({action}) was edited: its hash does not match its content")
    if seq != expected_seq:
        problems.append(
            f"entries #{expected_seq}..#{seq - 1} were removed (sequence gap)"
            if seq > expected_seq
            else f"entry #{seq} is out of sequence"
        )
    elif prev_hash != prev:
        if prev_hash in hash_to_seq:
            problems.append(
                f"entry #{seq} ({action}) is out of order: it followed entry #{hash_to_seq[prev_hash]}"
            )
        else:
            problems.append(
                f"entry #{seq} ({action}) does not follow entry #{seq - 1}: "
                "an entry before it was removed or replaced"
            )
    return problems


def verify(vault: Vault) -> int:
    """Check the whole chain; returns the number of entries, or raises AuditChainBroken."""
    rows = vault.conn.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()
    hash_to_seq = {row[8]: row[0] for row in rows}
    problems: list[str] = []
    prev, expected = GENESIS, 1
    for row in rows:
        problems += _check_row(row, expected, prev, hash_to_seq)
        prev, expected = row[8], row[0] + 1
    head = vault.meta("audit_head")
    last = f"{rows[-1][0]}:{rows[-1][8]}" if rows else None
    if head != last:
        head_seq = head.split(":")[0] if head else "none"
        problems.append(
            f"the log ends at entry #{last.split(':')[0] if last else 0} but the "
            f"recorded head is entry #{head_seq}: the newest entries were removed"
        )
    if problems:
        raise AuditChainBroken(f"audit log tampered: {problems[0]}", problems)
    return len(rows)
