"""The incoming side: apply a remote change set in one vault transaction, and keep conflicts.

A record's row is recomputed from its ops (winner per field), and its conflicts are recomputed by
the pure rules in ``liaison.sync.merge``; both depend only on the set of ops, so replicas that saw
the same change sets in any order hold the same data and the same conflicts.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from liaison.domain import Note, text
from liaison.domain.oplog import DELETED_FIELD, RESOLUTION_FIELD
from liaison.errors import RecordNotFound, SyncIntegrityError, ValidationError
from liaison.store import audit, codec, records, search
from liaison.store.registry import ENTITIES, spec_for
from liaison.store.vault import Connection, Vault, utc_now
from liaison.sync import merge
from liaison.sync.changeset import ChangeSet, FileItem, Op

_META_FIELDS = frozenset({DELETED_FIELD, RESOLUTION_FIELD})


@dataclass(frozen=True)
class ApplyResult:
    applied_ops: int
    records: int
    future_flagged: bool
    refused: str = ""  # why the change set was refused whole ("" when it was applied)
    # The record kinds it wrote, and "attachment" when it stored or erased documents: what the
    # app's pages reload (a pull announcing every kind reloaded every page after every pull).
    kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ConflictView:
    id: str  # the losing op's id
    kind: str
    record_id: str
    field: str
    reason: str
    value: Any
    hlc: str
    device_id: str
    current: Any  # the winning value (None when the record was deleted)
    current_hlc: str
    current_device: str


def _check_op(op: Op) -> None:
    spec = ENTITIES.get(op.kind)
    if spec is None:
        raise SyncIntegrityError(f"change set names an unknown record kind {op.kind!r}")
    if op.field not in _META_FIELDS and op.field not in codec.field_types(spec.cls):
        raise SyncIntegrityError(f"change set names an unknown field {op.kind}.{op.field}")
    if op.field == "id":
        raise SyncIntegrityError("change set tries to change a record id")


def _decoded_values(change: ChangeSet) -> tuple[dict[str, Any], str]:
    """Every op value decoded once (reused to build rows), and the first value the local write
    path would refuse: the same control-character and bidi rules as ``records.insert/update``,
    so an enrolled but hostile device cannot plant what the app itself never accepts. Values that
    do not decode (erased at the source) are left out, as materialising leaves them out."""
    typed: dict[str, Any] = {}
    for op in change.ops:
        if op.field in _META_FIELDS:
            continue
        kind_type = codec.field_types(spec_for(op.kind).cls)[op.field]
        try:
            value = codec.decode_op_value(kind_type, op.value)
        except (ValueError, KeyError, TypeError):
            continue
        problem = (
            text.value_problem(op.field, value)
            if type(value) is str
            else text.fields_problem({op.field: value})
        )
        if problem:
            return typed, f"{op.kind} {op.record_id}: {problem}"
        typed[op.op_id] = value
    return typed, ""


def record_ops(vault: Vault, record_id: str) -> list[merge.MergeOp]:
    rows = vault.conn.execute(
        "SELECT op_id, hlc, device_id, field, value, parents, seq FROM ops WHERE record_id = ?", (record_id,)
    )
    return [
        merge.MergeOp(op_id, hlc, dev, field, value, tuple(json.loads(p)) if p else None, seq)
        for op_id, hlc, dev, field, value, p, seq in rows
    ]


def _row_values(cls: type[Any], record: Any) -> tuple[list[str], list[Any]]:
    types = codec.field_types(cls)
    return list(types), [codec.to_column(types[n], getattr(record, n)) for n in types]


def _build(kind: str, record_id: str, ops: list[merge.MergeOp], typed: dict[str, Any]) -> Any:
    """The record its ops describe (winner per field), or None while creation ops are missing."""
    spec = spec_for(kind)
    types = codec.field_types(spec.cls)
    state: dict[str, Any] = {"id": record_id}
    for name, op in merge.winners(ops).items():
        if name in types and name != "id":
            if op.op_id in typed:
                state[name] = typed[op.op_id]
                continue
            with contextlib.suppress(ValueError, KeyError, TypeError):  # redacted: erased at the source
                state[name] = codec.decode_op_value(types[name], op.value)
    try:
        return spec.cls(**state)
    except (TypeError, ValueError):
        return None  # not all of its creation ops are here yet


def _upsert_sql(cls: type[Any], table: str) -> str:
    columns = list(codec.field_types(cls))
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
        f"ON CONFLICT(id) DO UPDATE SET {updates}"
    )


def _materialize(
    vault: Vault, kind: str, record_id: str, ops: list[merge.MergeOp], typed: dict[str, Any] | None = None
) -> Any:
    """Write the record's row as its ops say (or remove it when deleted); returns the record."""
    spec = spec_for(kind)
    conn = vault.conn
    if any(op.field == DELETED_FIELD for op in ops):
        if conn.execute(f"SELECT 1 FROM {spec.table} WHERE id = ?", (record_id,)).fetchone():
            conn.execute(f"DELETE FROM {spec.table} WHERE id = ?", (record_id,))
            search.unindex_record(vault, record_id)
            vault.erased = True
        records.redact_ops(vault, record_id)  # erasure survives sync
        if kind == "note":
            conn.execute("DELETE FROM note_revisions WHERE note_id = ?", (record_id,))
        return None
    record = _build(kind, record_id, ops, typed or {})
    if record is None:
        return None
    conn.execute(_upsert_sql(spec.cls, spec.table), _row_values(spec.cls, record)[1])
    search.index_record(vault, spec, record)
    return record


def _write_conflicts(
    vault: Vault,
    kind: str,
    record_id: str,
    ops: list[merge.MergeOp],
    is_new: bool,
    snapshot: str | None = None,
) -> None:
    conn = vault.conn
    earlier = (
        {}
        if is_new
        else {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                "SELECT loser_op, value, snapshot FROM sync_conflicts WHERE record_id = ?", (record_id,)
            )
        }
    )
    found = merge.conflicts(kind, ops)
    if snapshot is None and any(c.reason == "deleted" for c in found):
        snapshot = _snapshot(vault, kind, record_id)
    if earlier:
        conn.execute("DELETE FROM sync_conflicts WHERE record_id = ?", (record_id,))
    rows = []
    for c in found:
        old_value, old_snapshot = earlier.get(c.loser.op_id, (None, None))
        value = old_value if c.loser.value == records.REDACTED_VALUE and old_value else c.loser.value
        rows.append(
            (
                c.loser.op_id,
                kind,
                record_id,
                c.loser.field,
                c.reason,
                value,
                c.loser.hlc,
                c.loser.device_id,
                c.winner.op_id if c.winner else None,
                old_snapshot or (snapshot if c.reason == "deleted" else None),
            )
        )
    if rows:
        conn.executemany("INSERT INTO sync_conflicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def refresh_conflicts(vault: Vault, kind: str, record_id: str, snapshot: str | None = None) -> None:
    """After a local write to a record with open conflicts: their winner moved (or the record was
    deleted), and the rows must read the same on every device, which recompute them on receipt.
    ``snapshot``: the record as it was before a local delete (for restoring from the conflict)."""
    _write_conflicts(vault, kind, record_id, record_ops(vault, record_id), False, snapshot)


def has_conflicts(vault: Vault, record_id: str) -> bool:
    row = vault.conn.execute("SELECT 1 FROM sync_conflicts WHERE record_id = ? LIMIT 1", (record_id,))
    return row.fetchone() is not None


def snapshot_of(vault: Vault, kind: str, record_id: str) -> str | None:
    return _snapshot(vault, kind, record_id)


def refresh(
    vault: Vault,
    kind: str,
    record_id: str,
    new_ops: list[merge.MergeOp] | None = None,
    typed: dict[str, Any] | None = None,
) -> Any:
    """Recompute one record's row and conflicts from its ops. ``new_ops``: the record is new here
    and these are all its ops, so nothing needs reading back (the fast path of a first sync)."""
    ops = new_ops if new_ops is not None else record_ops(vault, record_id)
    _write_conflicts(vault, kind, record_id, ops, new_ops is not None)
    return _materialize(vault, kind, record_id, ops, typed)


def _parents_json(parents: tuple[str, ...]) -> str:
    """``json.dumps`` of a list of op ids (checked against ``[0-9A-Za-z_.:-]``: nothing to escape)."""
    return '["' + '", "'.join(parents) + '"]' if parents else "[]"


def _simple(ops: list[merge.MergeOp]) -> bool:
    """A new record whose every field was written once and never deleted: no conflict is possible
    (each op is its field's only leaf and winner), so it can be written in bulk."""
    fields = [op.field for op in ops]
    return DELETED_FIELD not in fields and RESOLUTION_FIELD not in fields and len(set(fields)) == len(fields)


def _insert_new(
    vault: Vault, new_ops: dict[str, list[merge.MergeOp]], kinds: dict[str, str], typed: dict[str, Any]
) -> dict[str, Any]:
    """Records new to this vault with conflict-free ops, written with one statement per table
    (the bulk of a first sync). Returns the records written."""
    built: dict[str, list[Any]] = {}
    written: dict[str, Any] = {}
    for record_id, ops in new_ops.items():
        record = _build(kinds[record_id], record_id, ops, typed)
        if record is not None:
            built.setdefault(kinds[record_id], []).append(record)
            written[record_id] = record
    for kind, items in built.items():
        spec = spec_for(kind)
        vault.conn.executemany(
            _upsert_sql(spec.cls, spec.table), [_row_values(spec.cls, r)[1] for r in items]
        )
        search.index_records(vault, spec, items)
    return written


def _present(vault: Vault, column: str, values: list[str]) -> set[str]:
    """Which of these op ids (or record ids) the op log already holds: one query per 500."""
    found: set[str] = set()
    for start in range(0, len(values), 500):
        batch = values[start : start + 500]
        marks = ", ".join("?" for _ in batch)
        found.update(
            r[0]
            for r in vault.conn.execute(
                f"SELECT DISTINCT {column} FROM ops WHERE {column} IN ({marks})", batch
            )
        )
    return found


def _snapshot(vault: Vault, kind: str, record_id: str) -> str | None:
    """The record as this device last had it, kept with a delete-vs-edit conflict so the record
    can be restored from it (the op log's values are redacted by the delete)."""
    try:
        record = records.get(vault, spec_for(kind).cls, record_id)
    except RecordNotFound:
        return None
    return json.dumps(codec.to_jsonable(record), ensure_ascii=False, sort_keys=True)


@contextlib.contextmanager
def _foreign_keys_off(vault: Vault) -> Iterator[None]:
    """Remote records may reference records that arrive later or were deleted concurrently; the
    row must still match its ops on every replica, so references are not enforced while applying.

    SQLite ignores this pragma inside a transaction: a change set applied within a group (already
    switched off by the group's own call, before its BEGIN) skips two statements that do nothing."""
    if vault.conn.in_transaction:
        yield
        return
    vault.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        vault.conn.execute("PRAGMA foreign_keys = ON")


@contextlib.contextmanager
def relaxed_durability(vault: Vault) -> Iterator[None]:
    """While applying pulled change sets, commits skip the WAL fsync (``synchronous = NORMAL``).

    Each change set is still applied atomically with its cursor: a power cut can only lose the
    last few applied change sets *and* their cursor advance together, and the next sync pulls
    them again from the server. Full durability is restored on exit; the next commit syncs the
    WAL, everything before it included."""
    vault.conn.execute("PRAGMA synchronous = NORMAL")
    try:
        yield
    finally:
        vault.conn.execute("PRAGMA synchronous = FULL")


def _note_revisions(
    vault: Vault, device_id: str, ops: list[Op], notes: dict[str, Any], typed: dict[str, Any]
) -> None:
    by_note: dict[str, dict[str, Any]] = {}
    for op in ops:
        if op.kind == "note" and op.field in ("title", "body", "revision", "updated_at"):
            by_note.setdefault(op.record_id, {})[op.field] = typed.get(op.op_id)
    rows = []
    for note_id, fields in by_note.items():
        note = notes.get(note_id)
        if note is None or not ({"title", "body"} & set(fields)):
            continue

        def pick(name: str, kind: type, current: Any, values: dict[str, Any] = fields) -> Any:
            value = values.get(name)  # a redacted (erased) value reads as null: keep the note's own
            return value if isinstance(value, kind) and not isinstance(value, bool) else current

        rows.append(
            (
                note_id,
                pick("revision", int, note.revision),
                pick("title", str, note.title),
                pick("body", str, note.body),
                pick("updated_at", str, utc_now()),
                device_id,
            )
        )
    vault.conn.executemany("INSERT INTO note_revisions VALUES (?, ?, ?, ?, ?, ?)", rows)


@contextlib.contextmanager
def batch(vault: Vault) -> Iterator[Connection]:
    """One vault transaction for several remote change sets (``apply`` calls inside join it).

    Each change set is still applied whole or not at all, and with its cursor advance: they only
    share a commit, which is most of the cost of a small change set on an encrypted file. A
    failure rolls the whole group back, cursor included, and the next sync pulls it again."""
    with _foreign_keys_off(vault), vault.transaction() as conn:
        yield conn


def _refuse(vault: Vault, device_id: str, seq: int, change: ChangeSet, cursor: int, why: str) -> ApplyResult:
    """A change set holding what this vault's own write path refuses is not applied at all (every
    replica applies the same rule, so they still agree); it is flagged with its device."""
    with batch(vault) as conn:
        conn.execute(
            "INSERT INTO sync_flags(at, device_id, change_id, what, detail) VALUES (?, ?, ?, ?, ?)",
            (utc_now(), device_id, change.change_id, "refused", why[:500]),
        )
        conn.execute(
            "UPDATE sync_devices SET last_seq = max(last_seq, ?) WHERE device_id = ?", (seq, device_id)
        )
        vault.set_meta("sync_cursor", str(cursor))
        audit.append(vault, "sync.refuse", detail={"device": device_id, "change_id": change.change_id})
    return ApplyResult(0, 0, False, why)


def apply(
    vault: Vault,
    device_id: str,
    seq: int,
    change: ChangeSet,
    cursor: int,
    now_ms: int | None = None,
    fetch: Callable[[FileItem], bytes] | None = None,
) -> ApplyResult:
    """Apply one remote change set, and advance the device's sequence and the pull cursor, atomically.

    ``fetch`` gives the bytes of a document the change set references (the blob store): called
    once per document actually stored, one at a time, inside the transaction.

    Raises ``SyncIntegrityError`` before writing anything when the change set names what no
    replica can apply (an unknown kind or field)."""
    for op in change.ops:
        _check_op(op)
    typed, problem = _decoded_values(change)
    for file in change.files:  # what this vault's own write path would refuse, as for op values
        found = text.value_problem("name", file.name) or text.value_problem("handling", file.handling)
        problem = problem or (f"attachment {file.id}: {found}" if found else "")
    if problem:
        return _refuse(vault, device_id, seq, change, cursor, problem)
    now_ms = now_ms if now_ms is not None else time.time_ns() // 1_000_000
    # Measured against what this device already holds as well as its wall clock: a device that
    # applied a stamp from a fast clock carries it on (its HLC must, so its later edits still win)
    # and the sender of that stamp was flagged then; the carrier's clock is not the wrong one.
    known_ms = max(now_ms, vault.clock.millis)
    with batch(vault) as conn:
        known_ops = _present(vault, "op_id", [op.op_id for op in change.ops])
        known_records = _present(vault, "record_id", sorted({op.record_id for op in change.ops}))
        fresh: list[Op] = []
        for op in change.ops:
            if op.op_id not in known_ops:
                known_ops.add(op.op_id)
                fresh.append(op)
        typed = {op.op_id: typed[op.op_id] for op in fresh if op.op_id in typed}
        conn.executemany(
            "INSERT INTO ops(op_id, hlc, device_id, kind, record_id, field, value, parents) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    op.op_id,
                    op.hlc,
                    device_id,
                    op.kind,
                    op.record_id,
                    op.field,
                    op.value,
                    _parents_json(op.parents),
                )
                for op in fresh
            ],
        )
        new_ops: dict[str, list[merge.MergeOp]] = {}
        kinds: dict[str, str] = {}
        for position, op in enumerate(fresh):
            if op.record_id not in known_records:
                kinds[op.record_id] = op.kind
                new_ops.setdefault(op.record_id, []).append(
                    merge.MergeOp(op.op_id, op.hlc, device_id, op.field, op.value, op.parents, position)
                )
        bulk = {rid: ops for rid, ops in new_ops.items() if _simple(ops)}
        written = _insert_new(vault, bulk, kinds, typed)
        touched = {(op.kind, op.record_id) for op in fresh if op.record_id not in bulk}
        for kind, rid in sorted(touched):
            written[rid] = refresh(vault, kind, rid, new_ops.get(rid), typed)
        _note_revisions(
            vault, device_id, fresh, {k: v for k, v in written.items() if isinstance(v, Note)}, typed
        )
        file_audit = _apply_files(vault, device_id, change, fetch)
        if fresh:
            newest = max(op.hlc for op in fresh)
            vault.clock.observe(newest)
        future = any(merge.is_far_future(op.hlc, known_ms) for op in fresh)
        if future:
            conn.execute(
                "INSERT INTO sync_flags(at, device_id, change_id, what, detail) VALUES (?, ?, ?, ?, ?)",
                (utc_now(), device_id, change.change_id, "future_stamp", max(op.hlc for op in fresh)),
            )
        conn.execute(
            "UPDATE sync_devices SET last_seq = max(last_seq, ?) WHERE device_id = ?", (seq, device_id)
        )
        vault.set_meta("sync_cursor", str(cursor))
        audit.append(
            vault,
            "sync.apply",
            detail={"device": device_id, "change_id": change.change_id, "ops": len(fresh)},
        )
        audit.append_many(vault, _remote_audit(device_id, change) + file_audit)
    changed = {op.kind for op in fresh} | ({"attachment"} if file_audit else set())
    return ApplyResult(len(fresh), len(touched) + len(bulk), future, kinds=frozenset(changed))


def _apply_files(
    vault: Vault, device_id: str, change: ChangeSet, fetch: Callable[[FileItem], bytes] | None
) -> list[tuple[str, str, str, str, dict[str, Any]]]:
    """Store the attachments a change set carries and erase those it names, after its ops.

    Attachments are never edited, so every replica ends with the same set whatever the order:
    one is kept unless erased on any device (its id stays in ``sync_erased_attachments``) or its
    case was deleted (a tombstone op; a case deleted later takes it through the trigger).
    Returns the audit entries, under the sending device, with ids, sizes and hashes only."""
    conn = vault.conn
    entries: list[tuple[str, str, str, str, dict[str, Any]]] = []
    for attachment_id in change.erased_files:
        gone = [attachment_id] + [
            r[0] for r in conn.execute("SELECT id FROM attachments WHERE derived_from = ?", (attachment_id,))
        ]
        for gone_id in gone:
            conn.execute(
                "INSERT OR IGNORE INTO sync_erased_attachments(attachment_id) VALUES (?)", (gone_id,)
            )
            if conn.execute("DELETE FROM attachments WHERE id = ?", (gone_id,)).rowcount:
                vault.erased = True  # checkpointed after commit: no copy left in the WAL
        entries.append(
            (device_id, "sync.erase", "attachment", attachment_id, {"change_id": change.change_id})
        )
    for f in change.files:
        size = f.blob.size if f.blob is not None else len(f.data)
        refused = conn.execute(
            "SELECT 1 FROM sync_erased_attachments WHERE attachment_id = ? "
            "UNION ALL SELECT 1 FROM ops WHERE record_id = ? AND field = ?",
            (f.id, f.case_id, DELETED_FIELD),
        ).fetchone()
        if refused:
            continue
        stored = conn.execute(
            "INSERT OR IGNORE INTO attachments (id, created_at, handling, case_id, request_id, name, "
            "media_type, role, language, derived_from, size, sha256) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                f.id,
                f.created_at,
                f.handling,
                f.case_id,
                f.request_id,
                f.name,
                f.media_type,
                f.role,
                f.language,
                f.derived_from,
                size,
                f.sha256,
            ),
        ).rowcount
        if stored:
            if f.blob is not None and fetch is None:
                raise SyncIntegrityError(f"attachment {f.id} is in the blob store and nothing fetches it")
            data = fetch(f) if f.blob is not None and fetch is not None else f.data
            conn.execute("INSERT INTO attachment_data (attachment_id, data) VALUES (?, ?)", (f.id, data))
            del data  # one document in memory at a time
            entries.append(
                (
                    device_id,
                    "sync.attach",
                    "attachment",
                    f.id,
                    {
                        "case_id": f.case_id,
                        "size": size,
                        "sha256": f.sha256,
                        "change_id": change.change_id,
                    },
                )
            )
    return entries


def _remote_audit(device_id: str, change: ChangeSet) -> list[tuple[str, str, str, str, dict[str, Any]]]:
    """The sending device's audit entries for this change set, as ``sync.remote`` entries of this
    log: under the sender's device id, with its action and time; chained here when received."""
    return [
        (
            device_id,
            "sync.remote",
            a.kind,
            a.record_id,
            {"action": a.action, "at": a.at, "change_id": change.change_id},
        )
        for a in change.audit
    ]


def advance_cursor(vault: Vault, cursor: int) -> None:
    with vault.transaction():
        vault.set_meta("sync_cursor", str(cursor))


def _decode(kind: str, field: str, value: str) -> Any:
    types = codec.field_types(spec_for(kind).cls)
    try:
        return codec.to_jsonable(codec.decode_op_value(types[field], value)) if field in types else None
    except (ValueError, KeyError, TypeError):
        return json.loads(value)


def conflicts(vault: Vault) -> list[ConflictView]:
    rows = vault.conn.execute(
        "SELECT c.loser_op, c.kind, c.record_id, c.field, c.reason, c.value, c.hlc, c.device_id, "
        "w.value, w.hlc, w.device_id FROM sync_conflicts c LEFT JOIN ops w ON w.op_id = c.winner_op "
        "ORDER BY c.hlc"
    ).fetchall()
    return [
        ConflictView(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            _decode(r[1], r[3], r[5]),
            r[6],
            r[7],
            _decode(r[1], r[3], r[8]) if r[8] is not None else None,
            r[9] or "",
            r[10] or "",
        )
        for r in rows
    ]


def flags(vault: Vault) -> list[tuple[str, str, str, str]]:
    return list(vault.conn.execute("SELECT at, device_id, what, detail FROM sync_flags ORDER BY id"))


def _insert_local_op(
    vault: Vault, kind: str, record_id: str, field: str, value: str, parents: list[str]
) -> None:
    vault.conn.execute(
        "INSERT INTO ops(op_id, hlc, device_id, kind, record_id, field, value, parents) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            records.new_op_id(),
            vault.clock.now(),
            vault.device_id,
            kind,
            record_id,
            field,
            value,
            json.dumps(parents),
        ),
    )


def resolve(vault: Vault, conflict_id: str, keep_loser: bool) -> str | None:
    """Close a conflict on every device: an op that names both sides as parents carries the kept
    value. For a deleted record, keeping the edit restores the record under a new id (tombstones
    are final); returns that id."""
    row = vault.conn.execute(
        "SELECT kind, record_id, field, reason, value, winner_op, snapshot FROM sync_conflicts "
        "WHERE loser_op = ?",
        (conflict_id,),
    ).fetchone()
    if row is None:
        raise RecordNotFound(f"no open conflict with id {conflict_id}")
    kind, record_id, field, reason, value, winner_op, snapshot = row
    restored: str | None = None
    with _foreign_keys_off(vault), vault.transaction() as conn:
        if reason == "deleted":
            if keep_loser:
                restored = _restore(vault, kind, field, value, snapshot)
            _insert_local_op(vault, kind, record_id, RESOLUTION_FIELD, "null", [conflict_id])
        else:
            kept = value
            if not keep_loser:
                kept = conn.execute("SELECT value FROM ops WHERE op_id = ?", (winner_op,)).fetchone()[0]
            _insert_local_op(vault, kind, record_id, field, kept, [winner_op, conflict_id])
            record = refresh(vault, kind, record_id)
            if isinstance(record, Note):
                vault.conn.execute(
                    "INSERT INTO note_revisions VALUES (?, ?, ?, ?, ?, ?)",
                    (record.id, record.revision, record.title, record.body, utc_now(), vault.device_id),
                )
        refresh(vault, kind, record_id)
        audit.append(
            vault,
            "sync.resolve",
            kind,
            record_id,
            {"field": field, "kept": "edit" if keep_loser else "current"},
        )
    return restored


def _restore(vault: Vault, kind: str, field: str, value: str, snapshot: str | None) -> str:
    """A new record from the deleted one as this device last had it, with the concurrent edit."""
    spec = spec_for(kind)
    types = codec.field_types(spec.cls)
    try:
        state = {
            n: codec.from_jsonable(types[n], v)
            for n, v in (json.loads(snapshot) if snapshot else {}).items()
            if n in types and n not in ("id", "created_at", "updated_at")
        }
        state[field] = codec.decode_op_value(types[field], value)
        record = spec.cls(**state)
    except (TypeError, ValueError, KeyError) as exc:
        raise ValidationError(
            f"the deleted {kind} cannot be rebuilt here: its values were erased on this device "
            "(restore it from the device that made the edit)"
        ) from exc
    return records.insert(vault, record).id
