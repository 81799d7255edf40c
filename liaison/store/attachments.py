"""Attachments of cases (and requests): received documents and their translations, bytes inside the
encrypted vault.

Why not through ``records``: an attachment's bytes must never reach the op log (sync would ship
them as field values, and erasing one would mean rewriting history). Sync ships an attachment
whole in the change set of the transaction that kept it, and its erasure by id
(``sync_log.build``); attachments are never edited, so there is nothing to merge. Metadata and bytes live in
their own tables; the audit log records what happened with the id, size and SHA-256 only, never the
file name (the audit chain cannot be redacted later). Deleting runs with ``secure_delete`` on, then
checkpoints the WAL, so the freed pages are zeroed in the database and no old copy waits in the WAL.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from liaison.errors import RecordNotFound
from liaison.store import audit
from liaison.store.vault import Vault, utc_now

_COLUMNS = (
    "id, created_at, handling, case_id, request_id, name, media_type, role, language, derived_from, "
    "size, sha256"
)


@dataclass(frozen=True)
class Attachment:
    id: str
    created_at: str
    handling: str
    case_id: str
    request_id: str | None
    name: str
    media_type: str
    role: str  # "received", "translation", "review"
    language: str
    derived_from: str | None
    size: int
    sha256: str


def _from_row(row: tuple[Any, ...]) -> Attachment:
    return Attachment(*row)


@dataclass(frozen=True)
class NewAttachment:
    """What the caller decides about a new attachment; id, time, size and hash are computed."""

    case_id: str
    name: str
    media_type: str
    role: str
    language: str = ""
    request_id: str | None = None
    derived_from: str | None = None
    handling: str = "TLP:AMBER"


def insert(vault: Vault, new: NewAttachment, data: bytes) -> Attachment:
    item = Attachment(
        str(uuid.uuid4()),
        utc_now(),
        new.handling,
        new.case_id,
        new.request_id,
        new.name,
        new.media_type,
        new.role,
        new.language,
        new.derived_from,
        len(data),
        hashlib.sha256(data).hexdigest(),
    )
    case_id, role = new.case_id, new.role
    with vault.transaction() as conn:
        conn.execute(
            f"INSERT INTO attachments ({_COLUMNS}) VALUES ({', '.join('?' * 12)})", tuple(vars(item).values())
        )
        conn.execute("INSERT INTO attachment_data (attachment_id, data) VALUES (?, ?)", (item.id, data))
        audit.append(
            vault,
            "attach",
            "attachment",
            item.id,
            {"case_id": case_id, "size": item.size, "sha256": item.sha256, "role": role},
        )
    return item


def find(vault: Vault, where: str = "", params: tuple[Any, ...] = ()) -> list[Attachment]:
    clause = f" WHERE {where}" if where else ""
    rows = vault.conn.execute(f"SELECT {_COLUMNS} FROM attachments{clause} ORDER BY created_at, name", params)
    return [_from_row(tuple(r)) for r in rows]


def get(vault: Vault, attachment_id: str) -> Attachment:
    found = find(vault, "id = ?", (attachment_id,))
    if not found:
        raise RecordNotFound(f"no attachment with id {attachment_id!r}")
    return found[0]


def resolve(vault: Vault, ref: str, min_prefix: int = 6) -> str:
    ref = ref.strip()
    if len(ref) < min_prefix:
        raise RecordNotFound(f"no attachment with id {ref!r} (give at least {min_prefix} characters)")
    rows = vault.conn.execute(
        "SELECT id FROM attachments WHERE id = ? OR substr(id, 1, ?) = ? LIMIT 2", (ref, len(ref), ref)
    ).fetchall()
    if not rows:
        raise RecordNotFound(f"no attachment with id {ref!r}")
    if len(rows) > 1 and rows[0][0] != ref:
        raise RecordNotFound(f"{ref!r} matches several attachments: give more of the id")
    return str(rows[0][0])


def data(vault: Vault, attachment_id: str) -> bytes:
    row = vault.conn.execute(
        "SELECT data FROM attachment_data WHERE attachment_id = ?", (attachment_id,)
    ).fetchone()
    if row is None:
        raise RecordNotFound(f"no attachment with id {attachment_id!r}")
    return bytes(row[0])


def delete(vault: Vault, attachment_id: str) -> None:
    """Erase one attachment (and the ones derived from it: its translations and review PDFs)."""
    with vault.transaction() as conn:
        item = get(vault, attachment_id)
        children = [
            r[0] for r in conn.execute("SELECT id FROM attachments WHERE derived_from = ?", (item.id,))
        ]
        for child in children:
            conn.execute("DELETE FROM attachments WHERE id = ?", (child,))
            audit.append(vault, "erase", "attachment", child, {})
        conn.execute("DELETE FROM attachments WHERE id = ?", (item.id,))
        audit.append(vault, "erase", "attachment", item.id, {})
        # Erasure is final on every device: sync ships these ids (the audit entries name them),
        # and a copy still on its way from another device is not stored again here.
        conn.executemany(
            "INSERT OR IGNORE INTO sync_erased_attachments(attachment_id) VALUES (?)",
            [(i,) for i in (*children, item.id)],
        )
    checkpoint(vault)


def checkpoint(vault: Vault) -> None:
    """Move committed pages into the database file and empty the WAL, so no copy of erased pages
    stays in it (the database itself zeroes freed pages: secure_delete)."""
    vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
