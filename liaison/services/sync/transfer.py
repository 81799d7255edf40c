"""Moving blobs: documents over 12 MiB, and change sets whose ops alone overflow an envelope.

Uploads ask the server which chunks it holds and send the others, encrypting one 4 MiB chunk at a
time: a push cut mid-way resumes with the missing chunks, and the chunks encrypt to the same bytes
every time (``liaison.sync.blobs``). The vault keeps a document as one value (SQLCipher's Python
binding has no incremental blob I/O), so a document is in memory once while it is sent or stored.

A change set too large for an envelope is sealed as usual, then uploaded whole as a blob; what goes
to ``/changes`` is a small pointer envelope under the same header (space, device, sequence, epoch,
change id), so the server orders and deduplicates it like any other. The receiver downloads the
blob, checks that the envelope inside carries exactly that header and the sender's signature, and
applies the change set whole, like one that came inline.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

from liaison.errors import N_, SyncIntegrityError
from liaison.store import sync_log
from liaison.store.vault import Vault
from liaison.sync import blobs, changeset, envelope, keys
from liaison.sync.changeset import BlobRef, ChangeSet
from liaison.sync.client import ApiClient

# Decompressed size of a change set that came through the blob store (its envelope is at most
# MAX_BLOB compressed): bounded, so a hostile sender cannot make a receiver expand without limit.
MAX_OUTER_PLAIN = 1024 * 1024 * 1024


# Told after each chunk of a blob moves: (bytes of the blob done so far, its size). A 250 MiB
# document is one change set, so without this a progress bar would stand still for minutes.
OnChunk = Callable[[int, int], None]


def _nothing(_done: int, _size: int) -> None:
    pass


class BytesGone(Exception):
    """The bytes of a blob still to upload are no longer on this device (erased meanwhile)."""


def upload(
    client: ApiClient, ref: BlobRef, read: Callable[[int, int], bytes | None], on_chunk: OnChunk = _nothing
) -> int:
    """Send the chunks the server lacks; ``read(offset, length)`` gives plaintext. Returns the
    number of chunks sent; raises ``BytesGone`` when ``read`` finds nothing. ``on_chunk`` hears
    the bytes done after each chunk sent (those the server held count as done)."""
    have = client.blob_chunks(ref.id)
    sent = 0
    for index in range(blobs.chunk_count(ref.size)):
        if index in have:
            continue
        offset = index * blobs.CHUNK
        plain = read(offset, min(blobs.CHUNK, ref.size - offset))
        if plain is None:
            raise BytesGone(ref.id)
        client.put_chunk(ref.id, index, ref.size, blobs.seal_chunk(ref, index, plain))
        sent += 1
        on_chunk(min(offset + blobs.CHUNK, ref.size), ref.size)
    return sent


def download(
    client: ApiClient, ref: BlobRef, cache: Path | None = None, on_chunk: OnChunk = _nothing
) -> bytes:
    """Fetch, decrypt and check a blob, chunk by chunk (each request retried on a cut).

    With ``cache`` (a folder beside the vault), each chunk is kept as it came, still encrypted
    under the blob's key (the bytes the server holds, nothing more), so a download cut mid-way
    resumes at the first missing chunk on the next sync; the folder goes once the blob is whole."""
    folder = cache / ref.id if cache is not None else None
    assembler = blobs.Assembler(ref)
    for index in range(blobs.chunk_count(ref.size)):
        kept = folder / str(index) if folder is not None else None
        sealed = kept.read_bytes() if kept is not None and kept.is_file() else None
        if sealed is None:
            sealed = client.get_chunk(ref.id, index)
            if folder is not None and kept is not None:
                for level in (folder.parent, folder):  # ciphertext, but for this user only
                    level.mkdir(mode=0o700, exist_ok=True)
                partial = kept.with_suffix(".part")
                partial.write_bytes(sealed)
                partial.replace(kept)
        try:
            assembler.add(index, sealed)
        except SyncIntegrityError:
            if kept is not None:
                kept.unlink(missing_ok=True)  # fetched again next time
            raise
        on_chunk(min((index + 1) * blobs.CHUNK, ref.size), ref.size)
    data = assembler.result()
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    return data


def upload_documents(
    vault: Vault, client: ApiClient, change: ChangeSet, on_chunk: OnChunk = _nothing
) -> set[str]:
    """Upload the documents a change set references; returns the ids of those erased here since
    it was sealed (the server lacks chunks of them, so the change set was never pushed: the
    caller seals it again without them, and their erasure follows in a later change set)."""
    gone: set[str] = set()
    for file in change.files:
        if file.blob is not None:
            try:
                upload(client, file.blob, _Document(vault, file.id).read, on_chunk)
            except BytesGone:
                gone.add(file.id)
    return gone


class _Document:
    """An attachment's bytes for an upload, read from the vault once, when a chunk is first
    needed. Once, not a slice per chunk: the vault keeps a document as one value, and SQLite
    decrypts all of it for every slice (a 100 MiB upload took 17 s by slices, 3 s this way)."""

    def __init__(self, vault: Vault, attachment_id: str) -> None:
        self.vault, self.attachment_id = vault, attachment_id
        self.data: bytes | None = None

    def read(self, offset: int, length: int) -> bytes | None:
        if self.data is None:
            self.data = sync_log.attachment_bytes(self.vault, self.attachment_id)
        return None if self.data is None else self.data[offset : offset + length]


def pointer(
    client: ApiClient,
    sealed: bytes,
    space_key: bytes,
    device_keys: keys.DeviceKeys,
    on_chunk: OnChunk = _nothing,
) -> tuple[bytes, str]:
    """Upload an oversized sealed envelope as a blob; returns the small envelope that points at it,
    and the blob's id (listed with the push, so the server keeps the blob)."""
    outer = envelope.parse(sealed, limit=changeset.MAX_BLOB)
    h = outer.header
    digest = hashlib.sha256(sealed).hexdigest()
    ref = blobs.make_ref(space_key, h.change_id, "", len(sealed), digest)
    upload(client, ref, lambda offset, length: sealed[offset : offset + length], on_chunk)
    small = changeset.encode(ChangeSet(h.change_id, (), outer=ref))
    return envelope.seal(small, h, space_key, device_keys).to_bytes(), ref.id


def unwrap(
    client: ApiClient,
    header: envelope.Header,
    ref: BlobRef,
    signing_public: bytes,
    space_key: bytes,
    cache: Path | None = None,
    on_chunk: OnChunk = _nothing,
) -> ChangeSet:
    """The change set a pointer names: its envelope downloaded, checked against the pointer's
    header and the sender's key, opened and decoded (with the larger bounds of the blob path)."""
    sealed = envelope.parse(download(client, ref, cache, on_chunk), limit=changeset.MAX_BLOB)
    if sealed.header != header:
        raise SyncIntegrityError.of(
            N_("change set {change}: the envelope in its blob claims another header"), change=header.change_id
        )
    plain = envelope.open_(sealed, signing_public, space_key, limit=MAX_OUTER_PLAIN)
    inner = changeset.decode(plain, max_ops=changeset.MAX_OPS_OUTER)
    if inner.outer is not None or inner.change_id != header.change_id:
        raise SyncIntegrityError.of(
            N_("change set {change}: its blob holds another pointer or id"), change=header.change_id
        )
    return inner


def cache_of(vault: Vault) -> Path:
    """Where chunks of a download in progress wait (encrypted): beside the vault file."""
    return vault.path.with_name(vault.path.name + ".sync-chunks")


def forget_downloads(vault: Vault) -> None:
    """Drop the chunks of unfinished downloads (a device leaving or revoked will not finish them)."""
    shutil.rmtree(cache_of(vault), ignore_errors=True)


def has_documents(change: ChangeSet) -> bool:
    return any(f.blob is not None for f in change.files)


def fetcher(
    client: ApiClient, cache: Path | None, on_chunk: OnChunk = _nothing
) -> Callable[[changeset.FileItem], bytes]:
    """What ``sync_apply.apply`` calls for each referenced document it stores: one download at
    a time, checked against the reference (size, SHA-256), resumable through ``cache``."""

    def fetch(file: changeset.FileItem) -> bytes:
        return file.data if file.blob is None else download(client, file.blob, cache, on_chunk)

    return fetch
