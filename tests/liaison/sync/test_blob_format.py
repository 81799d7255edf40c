"""Change-set format 3 and the blob chunk format, without a server: what is written is read back,
the lowest format that holds a change set is the one written, and whatever a hostile sender or
server could alter (a reference, a chunk's place, its bytes, the end of a blob) is refused."""

from __future__ import annotations

import dataclasses
import hashlib

import msgpack
import pytest

from liaison.errors import SyncIntegrityError
from liaison.sync import blobs, changeset
from liaison.sync.changeset import BlobRef, ChangeSet, FileItem


def _ref(data: bytes, blob_id: str = "blob-1") -> BlobRef:
    return BlobRef(blob_id, len(data), hashlib.sha256(data).hexdigest(), b"k" * 32)


def _file(data: bytes, blob: BlobRef | None) -> FileItem:
    return FileItem(
        "doc-1", "2026-12-04T10:00:00+00:00", "TLP:AMBER", "case-1", None, "scan.pdf",
        "application/pdf", "received", "fr", None, hashlib.sha256(data).hexdigest(),
        b"" if blob else data, blob,
    )  # fmt: skip


def test_the_lowest_format_that_holds_a_change_set_is_written_and_read_back() -> None:
    data = b"%PDF-1.4 scan"
    cases = [
        (ChangeSet("c1", ()), 1),
        (ChangeSet("c2", (), files=(_file(data, None),)), 2),
        (ChangeSet("c3", (), files=(_file(data, _ref(data)),), erased_files=("gone",)), 3),
        (ChangeSet("c4", (), outer=_ref(b"sealed envelope")), 3),
    ]
    for change, version in cases:
        encoded = changeset.encode(change)
        assert msgpack.unpackb(encoded)[0] == version == changeset.format_of(change)
        assert changeset.decode(encoded) == change


def test_hostile_references_are_refused() -> None:
    data = b"%PDF-1.4 scan"
    ok = _file(data, _ref(data))
    assert ok.blob is not None

    def with_ref(**changes: object) -> ChangeSet:
        return ChangeSet(
            "h", (), files=(dataclasses.replace(ok, blob=dataclasses.replace(ok.blob, **changes)),)
        )  # type: ignore[arg-type]

    audit = (changeset.AuditItem("record.create", "case", "c", "2026-12-04T10:00:00"),)
    hostile = [
        with_ref(key=b"short"),
        with_ref(sha256="0" * 64),  # not the document's hash
        with_ref(size=changeset.MAX_BLOB + 1),
        with_ref(id="../x"),
        ChangeSet("h5", (), audit=audit, outer=_ref(b"x")),  # a pointer carries nothing else
    ]
    for change in hostile:
        with pytest.raises(SyncIntegrityError):
            changeset.decode(changeset.encode(change))
    # a reference inside format 2 is not format 2
    body = msgpack.unpackb(changeset.encode(ChangeSet("h6", (), files=(ok,))))
    body[0] = 2
    with pytest.raises(SyncIntegrityError):
        changeset.decode(msgpack.packb(body[:5], use_bin_type=True))


def test_a_newer_format_is_told_apart_from_a_malformed_one() -> None:
    newer = msgpack.packb([changeset.READS + 1, "c", "anything a later release adds"], use_bin_type=True)
    with pytest.raises(changeset.ChangeSetTooNew) as raised:
        changeset.decode(newer)
    assert raised.value.version == changeset.READS + 1
    with pytest.raises(SyncIntegrityError) as malformed:
        changeset.decode(msgpack.packb(["3", "c"], use_bin_type=True))
    assert not isinstance(malformed.value, changeset.ChangeSetTooNew)


def test_chunks_decrypt_only_in_their_place_and_the_blob_only_whole() -> None:
    data = bytes(range(256)) * (blobs.CHUNK // 256) + b"tail"  # two chunks, the last one short
    ref = _ref(data)
    sealed = [blobs.seal_chunk(ref, i, data[i * blobs.CHUNK : (i + 1) * blobs.CHUNK]) for i in range(2)]
    assert blobs.chunk_count(ref.size) == 2 and len(sealed[1]) == 4 + blobs.TAG
    whole = blobs.Assembler(ref)
    for i, chunk in enumerate(sealed):
        whole.add(i, chunk)
    assert whole.result() == data
    # the same chunk under another index, another blob id, or altered: refused
    other = dataclasses.replace(ref, id="blob-2")
    attempts = [
        lambda: blobs.open_chunk(other, 0, sealed[0]),
        lambda: blobs.open_chunk(ref, 0, sealed[0][:-1] + bytes([sealed[0][-1] ^ 1])),
        lambda: blobs.open_chunk(ref, 1, sealed[0]),  # wrong size for the last chunk
    ]
    for attempt in attempts:
        with pytest.raises(SyncIntegrityError):
            attempt()
    # a blob cut short (the server drops its last chunk) does not pass as whole
    short = blobs.Assembler(ref)
    short.add(0, sealed[0])
    with pytest.raises(SyncIntegrityError):
        short.result()
    # the same change set and item always give the same key: a resumed upload re-encrypts alike
    assert blobs.derive(b"s" * 32, "c1", "doc") == blobs.derive(b"s" * 32, "c1", "doc")
    assert blobs.derive(b"s" * 32, "c1", "doc") != blobs.derive(b"s" * 32, "c2", "doc")
