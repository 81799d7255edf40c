"""Envelopes: a change set compressed, encrypted with the space key of an epoch, and signed.

    envelope = msgpack {"h": header, "n": nonce, "c": ciphertext, "s": signature}
    header   = [format, space, device, seq, epoch, change_id]     (plaintext, for the server)
    AD       = msgpack(["liaison-env", *header])                  (bound into AES-256-GCM)
    signature = Ed25519(device key, "liaison-env-sig-v1" || AD || nonce || ciphertext)

The server reads the header to route, deduplicate and order, and can check the signature against
the device's registered key; it cannot read the content. A receiver checks the signature against
the key it trusts for that device and the header against where the envelope claims to belong:
moving an envelope to another space, device, sequence number or epoch breaks the AEAD tag.
"""

from __future__ import annotations

import os
import re
import zlib
from dataclasses import dataclass
from typing import Any

import msgpack
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from liaison.errors import N_, SyncIntegrityError
from liaison.sync import keys

FORMAT = 1
MAX_ENVELOPE = 16 * 1024 * 1024
_SIG_DOMAIN = b"liaison-env-sig-v1"
_ID = re.compile(r"[0-9A-Za-z_.:-]{1,64}")


@dataclass(frozen=True)
class Header:
    version: int
    space_id: str
    device_id: str
    seq: int
    epoch: int
    change_id: str

    def as_list(self) -> list[Any]:
        return [self.version, self.space_id, self.device_id, self.seq, self.epoch, self.change_id]

    def associated_data(self) -> bytes:
        return bytes(msgpack.packb(["liaison-env", *self.as_list()], use_bin_type=True))


@dataclass(frozen=True)
class Envelope:
    header: Header
    nonce: bytes
    ciphertext: bytes
    signature: bytes

    def to_bytes(self) -> bytes:
        return bytes(
            msgpack.packb(
                {"h": self.header.as_list(), "n": self.nonce, "c": self.ciphertext, "s": self.signature},
                use_bin_type=True,
            )
        )

    def signed_message(self) -> bytes:
        return _SIG_DOMAIN + self.header.associated_data() + self.nonce + self.ciphertext


def _bad(why: str) -> SyncIntegrityError:
    return SyncIntegrityError.of(N_("malformed envelope: {why}"), why=why)  # why: technical, English


def _header(raw: Any) -> Header:
    if not isinstance(raw, list) or len(raw) != 6:
        raise _bad("header is not a 6-item list")
    version, space, device, seq, epoch, change = raw
    if version != FORMAT:
        raise _bad(f"format version {version!r} is not {FORMAT}")
    for text in (space, device, change):
        if not isinstance(text, str) or not _ID.fullmatch(text):
            raise _bad("an id in the header is malformed")
    for number in (seq, epoch):
        if not isinstance(number, int) or isinstance(number, bool) or not 0 < number < 2**62:
            raise _bad("seq or epoch is not a positive integer")
    return Header(version, space, device, seq, epoch, change)


def parse(data: bytes, limit: int | None = None) -> Envelope:
    """Structure only (what the server checks): no key needed. ``limit`` is larger only for an
    envelope that came through the blob store (``liaison.services.sync.transfer``)."""
    if not isinstance(data, bytes | bytearray) or len(data) > (limit or MAX_ENVELOPE):
        raise _bad("too large or not bytes")
    try:
        raw = msgpack.unpackb(data, raw=False, strict_map_key=True)
    except Exception as exc:
        raise _bad("not msgpack") from exc
    if not isinstance(raw, dict) or set(raw) != {"h", "n", "c", "s"}:
        raise _bad("unexpected keys")
    nonce, ciphertext, signature = raw["n"], raw["c"], raw["s"]
    if not (isinstance(nonce, bytes) and len(nonce) == 12):
        raise _bad("nonce is not 12 bytes")
    if not (isinstance(signature, bytes) and len(signature) == 64):
        raise _bad("signature is not 64 bytes")
    if not isinstance(ciphertext, bytes) or len(ciphertext) < 16:
        raise _bad("ciphertext missing")
    return Envelope(_header(raw["h"]), nonce, ciphertext, signature)


def seal(plaintext: bytes, header: Header, space_key: bytes, device_keys: keys.DeviceKeys) -> Envelope:
    nonce = os.urandom(12)
    ciphertext = AESGCM(space_key).encrypt(nonce, zlib.compress(plaintext, 6), header.associated_data())
    unsigned = Envelope(header, nonce, ciphertext, b"")
    return Envelope(header, nonce, ciphertext, device_keys.sign(unsigned.signed_message()))


def check_signature(envelope: Envelope, signing_public: bytes) -> None:
    if not keys.verify(signing_public, envelope.signature, envelope.signed_message()):
        raise SyncIntegrityError.of(
            N_("change set {change} is not signed by device {device}"),
            change=envelope.header.change_id,
            device=envelope.header.device_id,
        )


def open_(envelope: Envelope, signing_public: bytes, space_key: bytes, limit: int | None = None) -> bytes:
    """Verify the signature, then decrypt; every failure is a SyncIntegrityError. The plaintext
    may expand to ``limit`` (four envelopes' worth unless the blob path asks for more)."""
    check_signature(envelope, signing_public)
    try:
        compressed = AESGCM(space_key).decrypt(
            envelope.nonce, envelope.ciphertext, envelope.header.associated_data()
        )
    except InvalidTag:
        raise SyncIntegrityError.of(
            N_(
                "change set {change} does not decrypt: altered, or moved from another space, device, "
                "sequence or epoch"
            ),
            change=envelope.header.change_id,
        ) from None
    decompressor = zlib.decompressobj()
    plain = decompressor.decompress(compressed, limit or MAX_ENVELOPE * 4)
    if decompressor.unconsumed_tail:
        raise SyncIntegrityError.of(N_("change set expands beyond the size limit"))
    return plain
