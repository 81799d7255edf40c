"""The change set: the ops of one local transaction, serialised as versioned, schema-checked msgpack.

Only the fields a receiver needs travel: op ids, HLC stamps, the record and field, the JSON value,
and the op's parents (the ops it replaced, which is what tells a sequential edit from a concurrent
one). Device, sequence number and space are in the envelope's authenticated header, not repeated.
Every value is checked for type and size on the way in: a change set is attacker-controlled input
until its signature and schema say otherwise.

Format 2 adds case attachments (a received document and its translations): their bytes never
enter the op log, so a change set carries each one whole (metadata, SHA-256 and bytes, under the
envelope's encryption) and each erasure by id. A change set without attachments is still written
as format 1, byte for byte what receivers of the previous release read.

Format 3 lets a change set point at bytes that would not fit an envelope: a document over the
inline limit travels as a reference ("ref": its metadata, size, SHA-256, blob id and the key its
chunks are encrypted with, see ``liaison.sync.blobs``), and a change set whose ops alone are too
large is pushed as a pointer (``outer``) to its whole sealed envelope, uploaded in chunks. The
writer uses the lowest format that holds what it sends, and never one a device of the space does
not read (``READS`` is what this release reads, announced to the server).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import msgpack

from liaison.errors import N_, SyncIntegrityError

FORMAT = 3
READS = 3  # the highest change-set format this release reads (announced to the server)
MAX_OPS = 200_000
MAX_OPS_OUTER = 5_000_000  # ops of a change set that came whole through the blob store
MAX_VALUE = 4 * 1024 * 1024
MAX_PARENTS = 64
# One attachment's bytes, and all of a change set's together: a sealed change set must stay
# under the envelope's 16 MiB. A larger attachment stays on its device (flagged there).
MAX_FILE = 12 * 1024 * 1024
# A document over MAX_FILE goes through the blob store in chunks (format 3), up to MAX_DOCUMENT;
# MAX_BLOB bounds any blob (a document, or a change set whose ops alone fill an envelope).
MAX_DOCUMENT = 256 * 1024 * 1024
MAX_BLOB = 256 * 1024 * 1024
ROLES = frozenset({"received", "translation", "review"})
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
class FileItem:
    """A case attachment shared whole: its metadata as the sender stores it, and its bytes."""

    id: str
    created_at: str
    handling: str
    case_id: str
    request_id: str | None
    name: str
    media_type: str
    role: str
    language: str
    derived_from: str | None
    sha256: str
    data: bytes  # empty when the bytes travel through the blob store (``blob``)
    blob: BlobRef | None = None


@dataclass(frozen=True)
class BlobRef:
    """Bytes in the server's blob store: the plaintext's size and SHA-256, and the key its chunks
    are encrypted with (inside the signed, encrypted change set: the server never has it)."""

    id: str
    size: int
    sha256: str
    key: bytes


@dataclass(frozen=True)
class ChangeSet:
    change_id: str
    ops: tuple[Op, ...]
    audit: tuple[AuditItem, ...] = ()
    files: tuple[FileItem, ...] = ()
    erased_files: tuple[str, ...] = ()  # attachment ids erased on the sending device
    outer: BlobRef | None = None  # the whole change set is the sealed envelope in this blob


def format_of(change: ChangeSet) -> int:
    """The lowest format that holds this change set: what a receiver must read."""
    if change.outer is not None or any(f.blob is not None for f in change.files):
        return 3
    return 2 if change.files or change.erased_files else 1


def _ref(blob: BlobRef) -> list[Any]:
    return [blob.id, blob.size, blob.sha256, blob.key]


def encode(change: ChangeSet) -> bytes:
    version = format_of(change)
    body: list[Any] = [
        version,
        change.change_id,
        [[o.op_id, o.hlc, o.kind, o.record_id, o.field, o.value, list(o.parents)] for o in change.ops],
        [[a.action, a.kind, a.record_id, a.at] for a in change.audit],
    ]
    if version >= 2:
        body.append(
            [
                ["put", *(getattr(f, n) for n in _FILE_FIELDS)]
                if f.blob is None
                else ["ref", *(getattr(f, n) for n in _FILE_FIELDS[:-1]), *_ref(f.blob)]
                for f in change.files
            ]
            + [["erase", i] for i in change.erased_files]
        )
    if version >= 3:
        body.append(None if change.outer is None else _ref(change.outer))
    return bytes(msgpack.packb(body, use_bin_type=True))


class ChangeSetTooNew(SyncIntegrityError):
    """A format this release does not read; ``version`` is the one the change set declares."""

    def __init__(self, version: int) -> None:
        super().__init__(f"change-set format {version} is newer than this Liaison reads ({READS})")
        self.version = version


def _fail(why: str) -> SyncIntegrityError:
    return SyncIntegrityError.of(N_("malformed change set: {why}"), why=why)  # why: technical, English


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


_FILE_FIELDS = tuple(n for n in FileItem.__dataclass_fields__ if n != "blob")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MEDIA = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9!#$&^_.+-]{1,127}")
_LANGUAGE = re.compile(r"(?:[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,3})?")


def _optional_id(value: Any) -> str | None:
    return None if value is None else _str(value, _ID)


def _blob_ref(raw: Any) -> BlobRef:
    """A reference into the blob store: checked here, its bytes checked when downloaded."""
    if not isinstance(raw, list) or len(raw) != 4:
        raise _fail("a blob reference is not a 4-item list")
    blob_id, size, digest, key = raw
    if type(size) is not int or not 0 <= size <= MAX_BLOB:
        raise _fail("a blob's size is not a number within the limit")
    if not isinstance(key, bytes) or len(key) != 32:
        raise _fail("a blob's key is not 32 bytes")
    return BlobRef(_str(blob_id, _ID), size, _str(digest, _SHA256), key)


def _files(raw: Any, version: int) -> tuple[tuple[FileItem, ...], tuple[str, ...]]:
    """Attachments put and erased. The bytes must match their SHA-256 and fit the limit; text
    fields are checked as the receiver's own write path would check them (``sync_apply``).
    From format 3 an item can be a reference: its bytes are fetched and checked on receipt."""
    if not isinstance(raw, list) or len(raw) > MAX_OPS:
        raise _fail("files is not a list of allowed size")
    files: list[FileItem] = []
    erased: list[str] = []
    total = 0
    for raw_item in raw:
        item = raw_item
        if not isinstance(item, list) or not item:
            raise _fail("a file item is not a list")
        if item[0] == "erase" and len(item) == 2:
            erased.append(_str(item[1], _ID))
            continue
        blob: BlobRef | None = None
        if item[0] == "ref" and version >= 3 and len(item) == len(_FILE_FIELDS) + 4:
            blob = _blob_ref(item[-4:])
            item = ["put", *item[1 : len(_FILE_FIELDS)], b""]
        if item[0] != "put" or len(item) != 1 + len(_FILE_FIELDS):
            raise _fail("a file item is neither a put, a reference nor an erase")
        (
            _,
            id_,
            created,
            handling,
            case_id,
            request_id,
            name,
            media,
            role,
            language,
            derived,
            digest,
            data,
        ) = item
        if not isinstance(data, bytes) or len(data) > MAX_FILE:
            raise _fail("an attachment's bytes have the wrong type or size")
        total += len(data)
        if total > MAX_FILE:
            raise _fail("the attachments of one change set are too large")
        if role not in ROLES:
            raise _fail("an attachment has an unknown role")
        file = FileItem(
            _str(id_, _ID),
            _str(created, _AT),
            _str(handling, limit=64),
            _str(case_id, _ID),
            _optional_id(request_id),
            _str(name, limit=255),
            _str(media, _MEDIA),
            role,
            _str(language, _LANGUAGE),
            _optional_id(derived),
            _str(digest, _SHA256),
            data,
            blob,
        )
        if blob is not None:
            if blob.sha256 != digest or blob.size > MAX_DOCUMENT or not name:
                raise _fail(f"attachment {file.id}'s reference does not match it (or is over the limit)")
            files.append(file)
            continue
        if not name or hashlib.sha256(data).hexdigest() != digest:
            raise _fail(f"attachment {file.id} does not match its SHA-256 (or has no name)")
        files.append(file)
    return tuple(files), tuple(erased)


def version_of(data: bytes) -> int | None:
    """The format number a change set declares (None when it declares none): read before the
    checks, so a newer format is told apart from a malformed one."""
    try:
        unpacker = msgpack.Unpacker(raw=False, max_bin_len=MAX_FILE, max_str_len=1 << 20)
        unpacker.feed(data[:64])
        if unpacker.read_array_header() < 1:
            return None
        version = unpacker.unpack()
    except Exception:
        return None
    return version if type(version) is int else None


def decode(data: bytes, max_ops: int = MAX_OPS) -> ChangeSet:
    """Check and decode a change set. A format newer than ``READS`` raises ``ChangeSetTooNew``
    (the caller names the device and tells the officer to update); anything else malformed is a
    ``SyncIntegrityError``. ``max_ops`` is larger for a change set that came through the blob store."""
    version = version_of(data)
    if version is not None and version > READS:
        raise ChangeSetTooNew(version)
    try:
        body = msgpack.unpackb(
            data, raw=False, strict_map_key=True, max_bin_len=MAX_FILE, max_array_len=max_ops
        )
    except Exception as exc:
        raise _fail("not msgpack") from exc
    if not isinstance(body, list) or len(body) not in (4, 5, 6):
        raise _fail("not a 4-, 5- or 6-item list")
    version, change_id, ops, audit = body[:4]
    if (version, len(body)) not in ((1, 4), (2, 5), (3, 6)):
        raise _fail(f"format version {version!r} is not 1 to {READS} (or has the wrong shape)")
    if not isinstance(ops, list) or len(ops) > max_ops or not isinstance(audit, list) or len(audit) > max_ops:
        raise _fail("ops or audit is not a list of allowed size")
    files, erased = _files(body[4], version) if len(body) >= 5 else ((), ())
    outer = _blob_ref(body[5]) if len(body) == 6 and body[5] is not None else None
    if outer is not None and (ops or audit or files or erased):
        raise _fail("a change set that points at its envelope carries nothing else")
    return ChangeSet(
        _str(change_id, _ID),
        tuple(_op(o) for o in ops),
        tuple(_audit(a) for a in audit),
        files,
        erased,
        outer,
    )
