"""Merge rules, as pure functions of a record's set of ops (so every replica computes the same).

- A field's value is its op with the highest (HLC, device id): last writer wins.
- Each op names its parents: the ops it replaced (for an edit, the field's winner when it was
  written; for a delete, the winner of every field; for a resolution, both sides of the conflict).
  Local ops get their parents computed from the order they were written in, which is the order in
  which ops arrived on that device, so the same rule gives the same parents on every device.
- A *leaf* is an op no other op names as parent: a value nobody has seen and replaced.
- Conflicts: on a live record, every leaf of a field except the field's winner (a concurrent edit
  that lost). On a deleted record (tombstones are final), every leaf of a real field the delete did
  not see: a concurrent edit, kept so the record can be restored from it.

Because leaves and winners depend only on the set of ops, not on the order they arrived in, all
replicas that hold the same ops show the same values and the same conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from liaison.domain.oplog import DELETED_FIELD, RESOLUTION_FIELD

FUTURE_SKEW_MS = 24 * 3600 * 1000
NOTE_TEXT_FIELDS = frozenset({"title", "body"})
# Bookkeeping every edit touches: merged last-writer-wins like the rest, but never a conflict
# worth a person's attention.
QUIET_FIELDS = frozenset({"updated_at", "created_at", "revision"})


@dataclass(frozen=True)
class MergeOp:
    op_id: str
    hlc: str
    device_id: str
    field: str
    value: str
    parents: tuple[str, ...] | None  # None: a local op whose parents follow from its position
    position: int  # order of arrival on this device (the op log's seq)

    @property
    def stamp(self) -> tuple[str, str]:
        return (self.hlc, self.device_id)


@dataclass(frozen=True)
class Conflict:
    loser: MergeOp
    winner: MergeOp | None  # None when the record was deleted
    reason: str  # "field", "note" or "deleted"


def _is_meta(field: str) -> bool:
    return field in (DELETED_FIELD, RESOLUTION_FIELD) or field in QUIET_FIELDS


def effective_parents(ops: Sequence[MergeOp]) -> dict[str, tuple[str, ...]]:
    """Parents of every op; computed for local ops from what was present before them."""
    result: dict[str, tuple[str, ...]] = {}
    winners: dict[str, MergeOp] = {}
    for op in sorted(ops, key=lambda o: o.position):
        if op.parents is not None:
            result[op.op_id] = op.parents
        elif op.field == DELETED_FIELD:
            result[op.op_id] = tuple(sorted(w.op_id for f, w in winners.items() if not _is_meta(f)))
        else:
            previous = winners.get(op.field)
            result[op.op_id] = (previous.op_id,) if previous else ()
        current = winners.get(op.field)
        if current is None or op.stamp > current.stamp:
            winners[op.field] = op
    return result


def winners(ops: Iterable[MergeOp]) -> dict[str, MergeOp]:
    best: dict[str, MergeOp] = {}
    for op in ops:
        current = best.get(op.field)
        if current is None or op.stamp > current.stamp:
            best[op.field] = op
    return best


def conflicts(kind: str, ops: Sequence[MergeOp]) -> list[Conflict]:
    parents = effective_parents(ops)
    replaced = {p for ps in parents.values() for p in ps}
    leaves = [op for op in ops if op.op_id not in replaced and not _is_meta(op.field)]
    deleted = any(op.field == DELETED_FIELD for op in ops)
    if deleted:
        return [Conflict(op, None, "deleted") for op in sorted(leaves, key=lambda o: o.stamp)]
    best = winners(ops)
    found = []
    for op in sorted(leaves, key=lambda o: o.stamp):
        winner = best[op.field]
        if op.op_id != winner.op_id:
            reason = "note" if kind == "note" and op.field in NOTE_TEXT_FIELDS else "field"
            found.append(Conflict(op, winner, reason))
    return found


def millis_of(hlc: str) -> int:
    return int(hlc.split(".", maxsplit=1)[0])


def is_far_future(hlc: str, now_ms: int) -> bool:
    """A stamp more than 24 h ahead of this device's clock: accepted, but its sender is flagged."""
    return millis_of(hlc) - now_ms > FUTURE_SKEW_MS
