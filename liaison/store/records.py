"""The one write path: every insert, update and delete records its field operations, updates the
search index and appends an audit entry, all in the same transaction as the change itself.
"""

from __future__ import annotations

import dataclasses
import secrets
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from liaison.domain import Record, text
from liaison.errors import RecordNotFound, ValidationError
from liaison.store import audit, codec, connection, references, search
from liaison.store.registry import EntitySpec, spec_for
from liaison.store.vault import Vault, utc_now

R = TypeVar("R", bound=Record)
DELETED_FIELD = "_deleted"
# What an erased record's earlier ops hold instead of their values (ids, stamps, fields stay).
REDACTED_VALUE = "null"
_IMMUTABLE = frozenset({"id", "created_at"})


def _columns(cls: type[Record]) -> list[str]:
    return list(codec.field_types(cls))


def _row_values(record: Record) -> list[Any]:
    types = codec.field_types(type(record))
    return [codec.to_column(types[name], getattr(record, name)) for name in types]


def from_row(cls: type[R], row: Sequence[Any]) -> R:
    types = codec.field_types(cls)
    values = {name: codec.from_column(types[name], raw) for name, raw in zip(types, row, strict=True)}
    return cls(**values)


def _op_id() -> str:
    """Time-ordered (nanoseconds, then 64 random bits): new ids land at the end of the unique index
    instead of all over it, which on an encrypted file saves a page decryption per op."""
    return f"{time.time_ns():016x}{secrets.token_hex(8)}"


new_op_id = _op_id  # for the other writers of the op log (sync resolutions)


def _record_ops(vault: Vault, spec: EntitySpec, record_id: str, fields: Mapping[str, Any]) -> None:
    rows = [
        (
            _op_id(),
            vault.clock.now(),
            vault.device_id,
            spec.kind,
            record_id,
            name,
            codec.encode_op_value(value),
        )
        for name, value in fields.items()
    ]
    vault.conn.executemany(
        "INSERT INTO ops(op_id, hlc, device_id, kind, record_id, field, value) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _defaults(cls: type[Record]) -> dict[str, Any]:
    found = _DEFAULTS.get(cls)
    if found is None:
        found = {}
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                found[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:
                found[f.name] = f.default_factory()
        _DEFAULTS[cls] = found
    return found


_DEFAULTS: dict[type[Record], dict[str, Any]] = {}
_ALWAYS_RECORDED = frozenset({"created_at", "updated_at", "handling"})


def _creation_fields(record: Record) -> dict[str, Any]:
    """The fields a new record's ops must carry: those differing from the class defaults, which a
    replay starts from. A contact with 33 fields usually needs 8 ops, not 33."""
    defaults = _defaults(type(record))
    return {
        name: getattr(record, name)
        for name in codec.field_types(type(record))
        if name != "id"
        and (name in _ALWAYS_RECORDED or name not in defaults or getattr(record, name) != defaults[name])
    }


_NO_SNAPSHOT = ""


def _before_local_delete(vault: Vault, spec: EntitySpec, record_id: str) -> str | None:
    """The record as it is, kept with its open conflicts if it has some (see below)."""
    from liaison.store import sync_apply  # noqa: PLC0415 - sync_apply builds on this module

    if not sync_apply.has_conflicts(vault, record_id):
        return None
    return sync_apply.snapshot_of(vault, spec.kind, record_id) or _NO_SNAPSHOT


def _after_local_write(vault: Vault, spec: EntitySpec, record_id: str, snapshot: str | None = None) -> None:
    """A local edit or delete of a record with open sync conflicts moves their winner: recompute
    them now, as every other device does when the edit reaches it (conflicts must read alike)."""
    from liaison.store import sync_apply  # noqa: PLC0415 - sync_apply builds on this module

    if snapshot is not None or sync_apply.has_conflicts(vault, record_id):
        sync_apply.refresh_conflicts(vault, spec.kind, record_id, snapshot or None)


def _refuse(problem: str | None) -> None:
    if problem:
        raise ValidationError(problem)


def _write(conn: Any, sql: str, values: Sequence[Any]) -> None:
    """A row write; a unique index's refusal (a reference one device already holds) becomes the
    one-line ConflictError the services would have given."""
    try:
        conn.execute(sql, values)
    except connection.DatabaseError as exc:
        refused = references.conflict(exc)
        if refused is None:
            raise
        raise refused from None


def insert(vault: Vault, record: R) -> R:
    spec = spec_for(type(record))
    _refuse(text.record_problem(record))  # every input and import path writes through here
    now = utc_now()
    stored = dataclasses.replace(record, id=record.id or str(uuid.uuid4()), created_at=now, updated_at=now)
    columns = _columns(type(record))
    placeholders = ", ".join("?" for _ in columns)
    with vault.transaction() as conn:
        sql = f"INSERT INTO {spec.table} ({', '.join(columns)}) VALUES ({placeholders})"
        _write(conn, sql, _row_values(stored))
        _record_ops(vault, spec, stored.id, _creation_fields(stored))
        search.index_record(vault, spec, stored)
        audit.append(vault, "record.create", spec.kind, stored.id)
    return stored


def get(vault: Vault, cls: type[R], record_id: str) -> R:
    spec = spec_for(cls)
    row = vault.conn.execute(
        f"SELECT {', '.join(_columns(cls))} FROM {spec.table} WHERE id = ?", (record_id,)
    ).fetchone()
    if row is None:
        raise RecordNotFound(f"no {spec.kind} with id {record_id}")
    return from_row(cls, row)


def find(
    vault: Vault, cls: type[R], where: str = "", params: Iterable[Any] = (), order_by: str = ""
) -> list[R]:
    """Rows matching a SQL condition written by the store's own callers (never by users)."""
    spec = spec_for(cls)
    sql = f"SELECT {', '.join(_columns(cls))} FROM {spec.table}"
    if where:
        sql += f" WHERE {where}"
    if order_by:
        sql += f" ORDER BY {order_by}"
    return [from_row(cls, row) for row in vault.conn.execute(sql, tuple(params))]


def update(vault: Vault, cls: type[R], record_id: str, changes: Mapping[str, Any]) -> R:
    """Apply field changes; only fields whose value really changes produce operations."""
    unknown = set(changes) - set(_columns(cls))
    if unknown or _IMMUTABLE & set(changes):
        raise ValidationError(
            f"cannot change field(s): {', '.join(sorted(unknown | (_IMMUTABLE & set(changes))))}"
        )
    spec = spec_for(cls)
    with vault.transaction() as conn:
        current = get(vault, cls, record_id)
        changed = {k: v for k, v in changes.items() if getattr(current, k) != v}
        if not changed:
            return current
        _refuse(text.fields_problem(changed))  # only what changes: an old value is not the editor's fault
        updated = dataclasses.replace(current, **changed, updated_at=utc_now())
        changed["updated_at"] = updated.updated_at
        types = codec.field_types(cls)
        assignments = ", ".join(f"{name} = ?" for name in changed)
        values = [codec.to_column(types[n], getattr(updated, n)) for n in changed]
        _write(conn, f"UPDATE {spec.table} SET {assignments} WHERE id = ?", (*values, record_id))
        _record_ops(vault, spec, record_id, changed)
        _after_local_write(vault, spec, record_id)
        search.index_record(vault, spec, updated)
        audit.append(
            vault,
            "record.update",
            spec.kind,
            record_id,
            {"fields": sorted(k for k in changed if k != "updated_at")},
        )
    return updated


def delete(vault: Vault, cls: type[Record], record_id: str) -> None:
    spec = spec_for(cls)
    with vault.transaction() as conn:
        get(vault, cls, record_id)
        snapshot = _before_local_delete(vault, spec, record_id)
        conn.execute(f"DELETE FROM {spec.table} WHERE id = ?", (record_id,))
        redact_ops(vault, record_id)
        _record_ops(vault, spec, record_id, {DELETED_FIELD: True})
        _after_local_write(vault, spec, record_id, snapshot)
        search.unindex_record(vault, record_id)
        audit.append(vault, "record.delete", spec.kind, record_id)
        vault.erased = True  # the WAL still holds the old pages: checkpoint once committed


def redact_ops(vault: Vault, record_id: str) -> None:
    """Erase the values of a record's earlier ops, keeping op ids, stamps and field names.

    Deleting personal data must remove it from the file, not only from the current row: the op
    log would otherwise keep every value the record ever had. What sync needs survives: the op
    ids and stamps (so peers agree on what happened) and the final ``_deleted`` tombstone."""
    vault.conn.execute(
        "UPDATE ops SET value = ? WHERE record_id = ? AND field != ? AND value != ?",
        (REDACTED_VALUE, record_id, DELETED_FIELD, REDACTED_VALUE),
    )


def rebuild_from_ops(vault: Vault, cls: type[R], record_id: str) -> R | None:
    """A record's state computed from its operations alone (None when deleted): what sync replays.

    Replay starts from the class defaults, which creation ops leave out."""
    types = codec.field_types(cls)
    state: dict[str, Any] = {"id": record_id}
    rows = vault.conn.execute(
        "SELECT field, value FROM ops WHERE record_id = ? ORDER BY hlc, device_id, seq", (record_id,)
    ).fetchall()
    if any(name == DELETED_FIELD for name, _value in rows):
        return None  # a deleted record's earlier values are redacted: nothing to decode
    for name, value in rows:
        state[name] = codec.decode_op_value(types[name], value)
    return cls(**state)
