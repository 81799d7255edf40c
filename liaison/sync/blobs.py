"""Blobs: bytes too large for an envelope, encrypted in chunks for the server's blob store.

A blob is cut into 4 MiB chunks; chunk ``i`` of ``n`` is AES-256-GCM under the blob's own key,
with the chunk number as nonce and the blob id, ``i`` and ``n`` bound in as associated data: the
server cannot reorder, drop, truncate or move chunks between blobs without the receiver noticing,
and the SHA-256 of the whole plaintext (carried in the signed change set with the key) is checked
at the end. The key is derived from the space key of the epoch, the change set's id and the SHA-256 of the
content, so a push resumed after a crash encrypts every chunk to the same bytes (a chunk stored
before the cut is simply kept), and the deterministic nonces never meet a second plaintext under
one key: other content gets another key.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from liaison.errors import N_, SyncIntegrityError
from liaison.sync.changeset import BlobRef

CHUNK = 4 * 1024 * 1024
TAG = 16
_DOMAIN = b"liaison-blob-v1"


def chunk_count(size: int) -> int:
    """At least one chunk, so an empty blob still exists on the server."""
    return max(1, -(-size // CHUNK))


def derive(space_key: bytes, change_id: str, item: str, sha256: str) -> tuple[str, bytes]:
    """A blob's id and key for one item (an attachment id, or "" for the change set itself) with
    this content. The content's hash is bound in because the nonces are chunk numbers: a change
    set sealed again with other bytes under the same id (a document erased before its push
    finished) gets another key, so no key ever encrypts two plaintexts under one nonce."""
    parts = (_DOMAIN, change_id.encode(), item.encode(), sha256.encode())
    secret = hmac.new(space_key, b"\0".join(parts), "sha256")
    key = hmac.new(secret.digest(), b"key", "sha256").digest()
    blob_id = hmac.new(secret.digest(), b"id", "sha256").hexdigest()[:40]
    return blob_id, key


def make_ref(space_key: bytes, change_id: str, item: str, size: int, sha256: str) -> BlobRef:
    blob_id, key = derive(space_key, change_id, item, sha256)
    return BlobRef(blob_id, size, sha256, key)


def _ad(ref: BlobRef, index: int, count: int) -> bytes:
    return b"\0".join((_DOMAIN, ref.id.encode(), str(index).encode(), str(count).encode()))


def seal_chunk(ref: BlobRef, index: int, plain: bytes) -> bytes:
    count = chunk_count(ref.size)
    return AESGCM(ref.key).encrypt(index.to_bytes(12, "big"), plain, _ad(ref, index, count))


def open_chunk(ref: BlobRef, index: int, sealed: bytes) -> bytes:
    count = chunk_count(ref.size)
    expected = min(CHUNK, ref.size - index * CHUNK) + TAG
    if len(sealed) != expected:
        raise SyncIntegrityError.of(
            N_("chunk {index} of blob {blob} has the wrong size"), index=index, blob=ref.id
        )
    try:
        return AESGCM(ref.key).decrypt(index.to_bytes(12, "big"), sealed, _ad(ref, index, count))
    except InvalidTag:
        raise SyncIntegrityError.of(
            N_("chunk {index} of blob {blob} does not decrypt: altered or moved by the server"),
            index=index,
            blob=ref.id,
        ) from None


class Assembler:
    """Chunks in order into one buffer, checked against the reference at the end."""

    def __init__(self, ref: BlobRef) -> None:
        self.ref = ref
        self.buffer = bytearray()
        self.digest = hashlib.sha256()

    def add(self, index: int, sealed: bytes) -> None:
        plain = open_chunk(self.ref, index, sealed)
        self.digest.update(plain)
        self.buffer += plain

    def result(self) -> bytes:
        if len(self.buffer) != self.ref.size or self.digest.hexdigest() != self.ref.sha256:
            raise SyncIntegrityError.of(
                N_("blob {blob} does not match its size and SHA-256"), blob=self.ref.id
            )
        return bytes(self.buffer)
