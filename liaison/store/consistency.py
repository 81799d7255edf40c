"""Every record rebuilt from the op log and compared with its row: a direct edit of a table (with
the key, outside Liaison) changes the row but not the ops, and this is where it shows."""

from __future__ import annotations

from typing import Any

from liaison.store import codec
from liaison.store.records import DELETED_FIELD, from_row
from liaison.store.registry import ENTITIES, EntitySpec
from liaison.store.vault import Vault


def _replayed(spec: EntitySpec, record_id: str, ops: list[tuple[str, str]]) -> Any:
    """The record as its ops say, the way sync materialises it: the newest op of each field wins
    (ops arrive ordered by stamp), bookkeeping ops (tombstone aside) are not fields."""
    types = codec.field_types(spec.cls)
    if any(name == DELETED_FIELD for name, _ in ops):
        return None
    state: dict[str, Any] = {"id": record_id}
    for name, value in ops:
        if name in types and name != "id":
            state[name] = codec.decode_op_value(types[name], value)
    return spec.cls(**state)


def _kind_problems(vault: Vault, spec: EntitySpec) -> list[str]:
    columns = ", ".join(codec.field_types(spec.cls))
    rows = {r[0]: r for r in vault.conn.execute(f"SELECT {columns} FROM {spec.table}")}
    ops: dict[str, list[tuple[str, str]]] = {}
    for record_id, name, value in vault.conn.execute(
        "SELECT record_id, field, value FROM ops WHERE kind = ? ORDER BY record_id, hlc, device_id, seq",
        (spec.kind,),
    ):
        ops.setdefault(record_id, []).append((name, value))
    problems = []
    for record_id in sorted(set(rows) | set(ops)):
        row = rows.get(record_id)
        try:
            rebuilt = _replayed(spec, record_id, ops[record_id]) if record_id in ops else None
        except (TypeError, ValueError, KeyError) as exc:
            if row is not None:  # without a row: a synced record whose creation ops are still due
                problems.append(f"{spec.kind} {record_id}: its operations cannot be replayed ({exc})")
            continue
        if row is None and rebuilt is not None:
            problems.append(f"{spec.kind} {record_id} was removed from its table without a deletion")
        elif row is not None and rebuilt is None:
            problems.append(f"{spec.kind} {record_id} is in its table but its operations delete or lack it")
        elif row is not None and from_row(spec.cls, row) != rebuilt:
            stored = from_row(spec.cls, row)
            fields = [n for n in codec.field_types(spec.cls) if getattr(stored, n) != getattr(rebuilt, n)]
            problems.append(
                f"{spec.kind} {record_id} differs from its operations in: {', '.join(fields)} "
                "(the row was edited outside Liaison)"
            )
    return problems


def record_problems(vault: Vault) -> list[str]:
    """Every record whose row and op log disagree (empty when all agree)."""
    problems: list[str] = []
    for spec in ENTITIES.values():
        problems += _kind_problems(vault, spec)
    return problems
