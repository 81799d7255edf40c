"""The outgoing side: which local change sets are waiting, and what ops each one carries.

Change sets are cut by ``Vault.transaction`` (one per local transaction). Ops written before the
vault kept change sets (or before sync was set up) are gathered into backfill change sets when the
vault joins a space. Records marked *local only* never leave: their ops are filtered out here.

Case attachments travel in the change set of the transaction that kept them (named by its
"attach" audit entry), their erasure by id: whole up to 12 MiB, above that as a reference to the
blob store (chunked, format 3). An attachment of a local-only case or request stays, as does one
over 256 MiB (flagged in ``sync status``). One that a device of the space could not read (it runs
an older Liaison) is held back, flagged with that device's name, and goes out by itself once every
device reads the format it needs (``release_held``).
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass

from liaison.store import attachments, audit, codec, records
from liaison.store.registry import spec_for
from liaison.store.vault import Vault, utc_now
from liaison.sync import blobs, merge
from liaison.sync.changeset import MAX_DOCUMENT, MAX_FILE, READS, AuditItem, ChangeSet, FileItem, Op

BACKFILL_CHUNK = 5000
_HELD = "sync_held_attachments"  # meta: {attachment id: the change-set format it needs}
_ERASE = "erase:"  # the prefix of a held erasure's key in that map


@dataclass(frozen=True)
class Audience:
    """Who will read what this device writes: the lowest change-set format any active device of
    the space reads, and the name of one such device (for the message that says why)."""

    reads: int = READS
    older: str = ""
    space_key: bytes = dataclasses.field(default=b"", repr=False)  # derives blob keys for large documents


@dataclass(frozen=True)
class Pending:
    row_id: int
    change_id: str
    first_op: int
    last_op: int
    audit_first: int
    audit_last: int
    device_seq: int | None
    epoch: int | None
    envelope: bytes | None


def backfill(vault: Vault) -> int:
    """Put this device's ops not yet in any change set into change sets of at most 5,000 ops."""
    with vault.transaction() as conn:
        row = conn.execute("SELECT min(first_op) FROM sync_change_sets").fetchone()
        limit = row[0] if row[0] is not None else 1 << 62
        seqs = [
            s
            for (s,) in conn.execute(
                "SELECT seq FROM ops WHERE seq < ? AND device_id = ? ORDER BY seq", (limit, vault.device_id)
            )
        ]
        made = 0
        for start in range(0, len(seqs), BACKFILL_CHUNK):
            chunk = seqs[start : start + BACKFILL_CHUNK]
            conn.execute(
                "INSERT INTO sync_change_sets(change_id, first_op, last_op, audit_first, audit_last) "
                "VALUES (?, ?, ?, 1, 0)",
                (uuid.uuid4().hex, chunk[0], chunk[-1]),
            )
            made += 1
    return made


def pending(vault: Vault, limit: int = 1000) -> list[Pending]:
    rows = vault.conn.execute(
        "SELECT id, change_id, first_op, last_op, audit_first, audit_last, device_seq, epoch, envelope "
        "FROM sync_change_sets WHERE pushed = 0 ORDER BY first_op, id LIMIT ?",
        (limit,),
    )
    return [
        Pending(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bytes(r[8]) if r[8] is not None else None)
        for r in rows
    ]


def pending_count(vault: Vault) -> int:
    return int(vault.conn.execute("SELECT count(*) FROM sync_change_sets WHERE pushed = 0").fetchone()[0])


def _merge_ops(vault: Vault, record_ids: list[str], upto: int) -> dict[str, list[merge.MergeOp]]:
    found: dict[str, list[merge.MergeOp]] = defaultdict(list)
    for start in range(0, len(record_ids), 500):
        batch = record_ids[start : start + 500]
        marks = ", ".join("?" for _ in batch)
        rows = vault.conn.execute(
            "SELECT op_id, hlc, device_id, field, value, parents, seq, record_id FROM ops "
            f"WHERE record_id IN ({marks}) AND seq <= ?",
            (*batch, upto),
        )
        for op_id, hlc, device, field, value, parents, seq, record_id in rows:
            found[record_id].append(
                merge.MergeOp(
                    op_id, hlc, device, field, value, tuple(json.loads(parents)) if parents else None, seq
                )
            )
    return found


def build(vault: Vault, item: Pending, audience: Audience | None = None) -> ChangeSet:
    """The change set of a pending row, local-only records left out, parents made explicit.
    Documents go inline up to MAX_FILE bytes in all, as blob references above it."""
    rows = vault.conn.execute(
        "SELECT op_id, hlc, kind, record_id, field, value FROM ops WHERE seq BETWEEN ? AND ? "
        "AND device_id = ? AND record_id NOT IN (SELECT record_id FROM sync_local_only) ORDER BY seq",
        (item.first_op, item.last_op, vault.device_id),
    ).fetchall()
    record_ids = sorted({r[3] for r in rows})
    parents: dict[str, tuple[str, ...]] = {}
    for ops in _merge_ops(vault, record_ids, item.last_op).values():
        parents.update(merge.effective_parents(ops))
    ops_out = tuple(Op(r[0], r[1], r[2], r[3], r[4], r[5], parents.get(r[0], ())) for r in rows)
    audit_items = tuple(
        AuditItem(*r)
        for r in vault.conn.execute(
            "SELECT action, kind, record_id, at FROM audit_log WHERE seq BETWEEN ? AND ? "
            "AND action LIKE 'record.%' AND record_id NOT IN (SELECT record_id FROM sync_local_only)",
            (item.audit_first, item.audit_last),
        )
    )
    files, erased = _attachments(vault, item, audience or Audience())
    return ChangeSet(item.change_id, ops_out, audit_items if ops_out else (), files, erased)


def _attachments(
    vault: Vault, item: Pending, audience: Audience
) -> tuple[tuple[FileItem, ...], tuple[str, ...]]:
    """The attachments this change set's transaction kept (or shared) and erased on this device.
    One kept since and erased is not sent (its erasure follows in a later change set)."""
    rows = vault.conn.execute(
        "SELECT action, record_id FROM audit_log WHERE seq BETWEEN ? AND ? AND kind = 'attachment' "
        "AND device_id = ? AND action IN ('attach', 'erase', 'sync.share', 'sync.reerase') ORDER BY seq",
        (item.audit_first, item.audit_last, vault.device_id),
    ).fetchall()
    files: list[FileItem] = []
    erased: list[str] = []
    total = 0
    local = local_only_ids(vault)
    for action, attachment_id in rows:
        if action in ("erase", "sync.reerase"):
            if audience.reads < 2:  # an erasure needs format 2 too: it waits like a document
                hold_erasure(vault, item.change_id, attachment_id, audience)
            else:
                erased.append(attachment_id)
            continue
        found = attachments.find(vault, "id = ?", (attachment_id,))
        if not found or any(f.id == attachment_id for f in files):
            continue
        meta = found[0]
        if meta.case_id in local or (meta.request_id and meta.request_id in local):
            continue
        if meta.size > MAX_DOCUMENT:
            keep_local(
                vault,
                item.change_id,
                meta.id,
                f"is over the {MAX_DOCUMENT // (1024 * 1024)} MiB sync limit: it stays on this device",
                meta.size,
            )
            continue
        if audience.reads < 2:
            hold(vault, item.change_id, meta.id, meta.size, 2, audience, "cannot receive documents")
            continue
        blob = None
        if total + meta.size > MAX_FILE:
            if audience.reads < 3 or not audience.space_key:
                hold(
                    vault,
                    item.change_id,
                    meta.id,
                    meta.size,
                    3,
                    audience,
                    "cannot receive a document that does not fit its change set "
                    f"({MAX_FILE // (1024 * 1024)} MiB)",
                )
                continue
            blob = blobs.make_ref(audience.space_key, item.change_id, meta.id, meta.size, meta.sha256)
        else:
            total += meta.size
        files.append(
            FileItem(
                meta.id,
                meta.created_at,
                meta.handling,
                meta.case_id,
                meta.request_id,
                meta.name,
                meta.media_type,
                meta.role,
                meta.language,
                meta.derived_from,
                meta.sha256,
                attachments.data(vault, meta.id) if blob is None else b"",
                blob,
            )
        )
    return tuple(files), tuple(erased)


def keep_local(vault: Vault, change_id: str, attachment_id: str, why: str, size: int) -> None:
    """Flag an attachment that stays on this device for good (``why`` completes the sentence)."""
    _flag(vault, change_id, "kept_local", f"attachment {attachment_id} ({size} bytes) {why}")


def _flag(vault: Vault, change_id: str, what: str, detail: str) -> None:
    vault.conn.execute(
        "INSERT INTO sync_flags(at, device_id, change_id, what, detail) VALUES (?, ?, ?, ?, ?)",
        (utc_now(), vault.device_id, change_id, what, detail),
    )


def hold(
    vault: Vault, change_id: str, attachment_id: str, size: int, needs: int, audience: Audience, cannot: str
) -> None:
    """Hold an attachment back until every device reads change-set format ``needs``: flagged with
    the device that does not, remembered, and shared again by ``release_held``."""
    who = f"device {audience.older}" if audience.older else "the sync server or a device of this space"
    _flag(
        vault,
        change_id,
        "held_back",
        f"attachment {attachment_id} ({size} bytes) waits: {who} runs an older Liaison that {cannot}; "
        "it goes out by itself once every device is updated",
    )
    held = _held(vault)
    held[attachment_id] = max(needs, held.get(attachment_id, 0))
    vault.set_meta(_HELD, json.dumps(held, sort_keys=True))


def hold_erasure(vault: Vault, change_id: str, attachment_id: str, audience: Audience) -> None:
    """An erasure a device could not read waits too; ``release_held`` sends it again."""
    who = f"device {audience.older}" if audience.older else "the sync server or a device of this space"
    _flag(
        vault,
        change_id,
        "held_back",
        f"erasure of attachment {attachment_id} waits: {who} runs an older Liaison that cannot "
        "receive it; it goes out by itself once every device is updated",
    )
    held = _held(vault)
    held[_ERASE + attachment_id] = 2
    vault.set_meta(_HELD, json.dumps(held, sort_keys=True))


def _held(vault: Vault) -> dict[str, int]:
    raw = vault.meta(_HELD)
    return {str(k): int(v) for k, v in json.loads(raw).items()} if raw else {}


def held_back(vault: Vault) -> dict[str, int]:
    """Attachments waiting for every device to read the format they need (id: format; a held
    erasure's id has the prefix "erase:")."""
    return _held(vault)


def release_held(vault: Vault, reads: int) -> int:
    """Send again the held attachments (and erasures) every device can now read, in the next
    change set; their flags go."""
    held = _held(vault)
    ready = sorted(a for a, needs in held.items() if needs <= reads)
    if not ready:
        return 0
    documents = [a for a in ready if not a.startswith(_ERASE)]
    erasures = [a.removeprefix(_ERASE) for a in ready if a.startswith(_ERASE)]
    with vault.transaction() as conn:
        marks = ", ".join("?" for _ in documents)
        shared = share_attachments(vault, f"id IN ({marks})", tuple(documents)) if documents else 0
        for attachment_id in erasures:
            audit.append(vault, "sync.reerase", "attachment", attachment_id, {})
        vault.set_meta(_HELD, json.dumps({a: n for a, n in held.items() if a not in ready}, sort_keys=True))
        conn.executemany(  # the flags said they waited: they no longer do
            "DELETE FROM sync_flags WHERE what = 'held_back' AND detail LIKE ?",
            [(f"attachment {a} %",) for a in documents]
            + [(f"erasure of attachment {a} %",) for a in erasures],
        )
    return shared + len(erasures)


def attachment_bytes(vault: Vault, attachment_id: str) -> bytes | None:
    """An attachment's bytes to upload; None when it is gone (erased since it was sealed)."""
    row = vault.conn.execute(
        "SELECT data FROM attachment_data WHERE attachment_id = ?", (attachment_id,)
    ).fetchone()
    return None if row is None else bytes(row[0])


def share_attachments(vault: Vault, where: str, params: tuple[str, ...]) -> int:
    """Send these attachments with the next change set (in the caller's transaction, if any): the
    ones kept before attachments synced, or those of a record shared again after being local only."""
    ids = [a.id for a in attachments.find(vault, where, params)]
    with vault.transaction():
        for attachment_id in ids:
            audit.append(vault, "sync.share", "attachment", attachment_id, {})
    return len(ids)


def share_unshared(vault: Vault) -> int:
    """Attachments kept before this version synced them (listed by migration 0012) go out once."""
    if vault.conn.execute("SELECT 1 FROM sync_unshared_attachments LIMIT 1").fetchone() is None:
        return 0
    with vault.transaction() as conn:
        shared = share_attachments(vault, "id IN (SELECT attachment_id FROM sync_unshared_attachments)", ())
        conn.execute("DELETE FROM sync_unshared_attachments")
    return shared


def next_device_seq(vault: Vault) -> int:
    row = vault.conn.execute("SELECT max(device_seq) FROM sync_change_sets").fetchone()
    return int(row[0] or 0) + 1


def store_envelope(vault: Vault, row_id: int, device_seq: int, epoch: int, envelope: bytes) -> None:
    """Sealed once, then resent byte for byte until acknowledged: a retry never makes a duplicate."""
    with vault.transaction() as conn:
        conn.execute(
            "UPDATE sync_change_sets SET device_seq = ?, epoch = ?, envelope = ? WHERE id = ?",
            (device_seq, epoch, envelope, row_id),
        )


def replace_envelope(vault: Vault, change_id: str, envelope: bytes) -> None:
    """Seal again a change set the server never received (a document it named was erased)."""
    with vault.transaction() as conn:
        conn.execute(
            "UPDATE sync_change_sets SET envelope = ? WHERE change_id = ? AND pushed = 0",
            (envelope, change_id),
        )


def skip_empty(vault: Vault, row_id: int) -> None:
    with vault.transaction() as conn:
        conn.execute("UPDATE sync_change_sets SET pushed = 1 WHERE id = ?", (row_id,))


def mark_pushed(vault: Vault, change_ids: list[str]) -> None:
    """Acknowledged: the sealed bytes go, and so does a flag that said the change set waited."""
    with vault.transaction() as conn:
        conn.executemany(
            "UPDATE sync_change_sets SET pushed = 1, envelope = NULL WHERE change_id = ?",
            [(c,) for c in change_ids],
        )
        if conn.execute("SELECT 1 FROM sync_flags WHERE what = 'held_back' LIMIT 1").fetchone():
            conn.executemany(
                "DELETE FROM sync_flags WHERE what = 'held_back' AND change_id = ? "
                "AND detail LIKE 'change set %'",
                [(c,) for c in change_ids],
            )


def set_local_only(vault: Vault, kind: str, record_id: str, local: bool) -> None:
    """Mark a record local only (its ops stop leaving the vault), or share it again: then every
    field is written once more as fresh ops, so the other devices receive the whole record,
    including what changed while it was private."""
    with vault.transaction() as conn:
        if local:
            conn.execute(
                "INSERT OR IGNORE INTO sync_local_only(record_id, kind) VALUES (?, ?)", (record_id, kind)
            )
            return
        was_local = conn.execute("DELETE FROM sync_local_only WHERE record_id = ?", (record_id,)).rowcount
        if not was_local:
            return
        if kind in ("case", "mla_request"):  # its attachments, kept here while it was private
            share_attachments(vault, "case_id = ? OR request_id = ?", (record_id, record_id))
        spec = spec_for(kind)
        record = records.get(vault, spec.cls, record_id)
        conn.executemany(
            "INSERT INTO ops(op_id, hlc, device_id, kind, record_id, field, value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    records.new_op_id(),
                    vault.clock.now(),
                    vault.device_id,
                    kind,
                    record_id,
                    name,
                    codec.encode_op_value(getattr(record, name)),
                )
                for name in codec.field_types(spec.cls)
                if name != "id"
            ],
        )


def is_local_only(vault: Vault, record_id: str) -> bool:
    return (
        vault.conn.execute("SELECT 1 FROM sync_local_only WHERE record_id = ?", (record_id,)).fetchone()
        is not None
    )


def local_only_ids(vault: Vault) -> frozenset[str]:
    """Every record kept on this device only (the app marks them in its lists)."""
    return frozenset(str(r[0]) for r in vault.conn.execute("SELECT record_id FROM sync_local_only"))
