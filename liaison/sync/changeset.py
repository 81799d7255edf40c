"""The change set: the ops of one local transaction, serialised as versioned, schema-checked msgpack.

Only the fields a receiver needs travel: op ids, HLC stamps, the record and field, the JSON value,
and the op's parents (the ops it replaced, which is what tells a sequential edit from a concurrent
one). Device, sequence number and space are in the envelope's authenticated header, not repeated.
Every value is checked for type and size on the way in: a change set is attacker-controlled input
until its signature and schema say otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import msgpack

from liaison.errors import SyncIntegrityError

FORMAT = 1
MAX_OPS = 200_000
MAX_VALUE = 4 * 1024 * 1024
MAX_PARENTS = 64
_HLC = re.compile(r"\d{15}\.\d{6}")
_ID = re.compile(r"[0-9A-Za-z_.:-]{1,64}")
_NAME = re.compile(r"[a-z_][a-z0-9_.:]{0,63}")


@dataclass(frozen=True)
class Op:
    op_id: str
    hlc: str
    kind: str
    record_id: str
    field: str
    value: str  # the JSON text the op log stores
    parents: tuple[str, ...]


@dataclass(frozen=True)
class AuditItem:
    action: str
    kind: str
    record_id: str
    at: str


@dataclass(frozen=True)
class ChangeSet:
    change_id: str
    ops: tuple[Op, ...]
    audit: tuple[AuditItem, ...] = ()


def encode(change: ChangeSet) -> bytes:
    body = [
        FORMAT,
        change.change_id,
        [[o.op_id, o.hlc, o.kind, o.record_id, o.field, o.value, list(o.parents)] for o in change.ops],
        [[a.action, a.kind, a.record_id, a.at] for a in change.audit],
    ]
    return bytes(msgpack.packb(body, use_bin_type=True))


def _fail(why: str) -> SyncIntegrityError:
    return SyncIntegrityError(f"malformed change set: {why}")


def _str(value: Any, pattern: re.Pattern[str] | None = None, limit: int = 256) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _fail("a text field has the wrong type or size")
    if pattern is not None and not pattern.fullmatch(value):
        raise _fail(f"unexpected value {value[:40]!r}")
    return value


# The five short fields of an op in one pattern (one match per op instead of five: a first sync
# decodes hundreds of thousands of ops): op id, stamp, kind, record id, field, separated by NUL.
_OP_HEAD = re.compile(
    rf"(?:{_ID.pattern})\0(?:{_HLC.pattern})\0(?:{_NAME.pattern})\0(?:{_ID.pattern})\0(?:{_NAME.pattern})"
)


def _op(raw: Any) -> Op:
    if type(raw) is not list or len(raw) != 7:
        raise _fail("an op is not a 7-item list")
    op_id, hlc, kind, record_id, field, value, parents = raw
    if type(parents) is not list or len(parents) > MAX_PARENTS:
        raise _fail("op parents are not a short list")
    head = (op_id, hlc, kind, record_id, field)
    if (
        type(op_id) is not str
        or type(hlc) is not str
        or type(kind) is not str
        or type(record_id) is not str
        or type(field) is not str
        or not _OP_HEAD.fullmatch("\0".join(head))
    ):
        for part, pattern in zip(head, (_ID, _HLC, _NAME, _ID, _NAME), strict=True):
            _str(part, pattern)  # names the offending field
        raise _fail("an op field is malformed")  # pragma: no cover - one of the above raises
    if type(value) is not str or len(value) > MAX_VALUE:
        raise _fail("an op value has the wrong type or size")
    return Op(op_id, hlc, kind, record_id, field, value, tuple(_str(p, _ID) for p in parents))


_KIND = re.compile(r"(?:[a-z_][a-z0-9_]{0,63})?")
_OPTIONAL_ID = re.compile(rf"(?:{_ID.pattern})?")
_AT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:[+-]\d\d:\d\d|Z)?")


def _audit(raw: Any) -> AuditItem:
    """An audit entry of the sending device: action, record kind and id, time. Copied into the
    receiver's log, so nothing in it may be free text."""
    if not isinstance(raw, list) or len(raw) != 4:
        raise _fail("an audit item is not a 4-item list")
    return AuditItem(_str(raw[0], _NAME), _str(raw[1], _KIND), _str(raw[2], _OPTIONAL_ID), _str(raw[3], _AT))


def decode(data: bytes) -> ChangeSet:
    try:
        body = msgpack.unpackb(data, raw=False, strict_map_key=True, max_bin_len=0)
    except Exception as exc:
        raise _fail("not msgpack") from exc
    if not isinstance(body, list) or len(body) != 4:
        raise _fail("not a 4-item list")
    version, change_id, ops, audit = body
    if version != FORMAT:
        raise _fail(f"format version {version!r} is not {FORMAT}")
    if not isinstance(ops, list) or len(ops) > MAX_OPS or not isinstance(audit, list) or len(audit) > MAX_OPS:
        raise _fail("ops or audit is not a list of allowed size")
    return ChangeSet(_str(change_id, _ID), tuple(_op(o) for o in ops), tuple(_audit(a) for a in audit))
