"""Device keys, safety numbers, space-key wrapping and device certificates.

Each device has an Ed25519 key (it signs change sets and requests) and an X25519 key (space keys
are wrapped to it). A space key is wrapped with an ephemeral X25519 exchange, HKDF and AES-256-GCM,
with the space, epoch and recipient bound as associated data, so a server cannot move a wrapped key
to another device or epoch. A device certificate is the approver's signature over the new device's
identity: a client trusts only devices certified, directly or through others, by a device it trusts.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from liaison.errors import N_, SyncIntegrityError

SPACE_KEY_BYTES = 32
_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NO_ENC = serialization.NoEncryption()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class DeviceKeys:
    """A device's private keys (kept in the vault only)."""

    signing: bytes  # Ed25519 private, 32 bytes
    exchange: bytes  # X25519 private, 32 bytes

    @staticmethod
    def generate() -> DeviceKeys:
        return DeviceKeys(
            Ed25519PrivateKey.generate().private_bytes(_RAW, _RAW_PRIV, _NO_ENC),
            X25519PrivateKey.generate().private_bytes(_RAW, _RAW_PRIV, _NO_ENC),
        )

    @property
    def signing_public(self) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.signing).public_key().public_bytes(_RAW, _RAW_PUB)

    @property
    def exchange_public(self) -> bytes:
        return X25519PrivateKey.from_private_bytes(self.exchange).public_key().public_bytes(_RAW, _RAW_PUB)

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.signing).sign(message)


def verify(public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def safety_number(device_id: str, signing_public: bytes, exchange_public: bytes) -> str:
    """Twelve groups of five digits from a hash of the device's identity and keys: read aloud or
    compared on two screens before approving, so a server cannot slip its own key in."""
    digest = hashlib.sha512(b"liaison-safety-v1\0" + device_id.encode() + signing_public + exchange_public)
    number = int.from_bytes(digest.digest()[:30], "big")
    groups = []
    for _ in range(12):
        number, group = divmod(number, 100_000)
        groups.append(f"{group:05d}")
    return " ".join(groups)


# Crockford's base32: no I, L, O or U to misread; I/L read as 1 and O as 0 when typed (see
# ``liaison.services.sync.invitation_code``).
FINGERPRINT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
FINGERPRINT_ALIASES = {"I": "1", "L": "1", "O": "0"}
FINGERPRINT_CHARS = 16


def founder_fingerprint(device_id: str, signing_public: bytes, exchange_public: bytes) -> str:
    """Sixteen characters (80 bits) naming the space's founding device by its keys. Every
    invitation code carries them, so a joining device trusts the founder its inviter trusts and
    not one a server presents in its place (the founder certifies every other device)."""
    digest = hashlib.sha256(
        b"liaison-founder-v1\0" + device_id.encode() + signing_public + exchange_public
    ).digest()
    number = int.from_bytes(digest[:10], "big")
    return "".join(FINGERPRINT_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(FINGERPRINT_CHARS)))


def new_space_key() -> bytes:
    return os.urandom(SPACE_KEY_BYTES)


def _wrap_ad(space_id: str, epoch: int, device_id: str) -> bytes:
    return f"liaison-wrap-v1\0{space_id}\0{epoch}\0{device_id}".encode()


def _wrap_kek(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=ephemeral_public + recipient_public, info=b"liaison-wrap").derive(
        shared
    )


def wrap_space_key(
    space_key: bytes, recipient_exchange_public: bytes, space_id: str, epoch: int, device_id: str
) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(_RAW, _RAW_PUB)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_exchange_public))
    kek = _wrap_kek(shared, ephemeral_public, recipient_exchange_public)
    nonce = os.urandom(12)
    sealed = AESGCM(kek).encrypt(nonce, space_key, _wrap_ad(space_id, epoch, device_id))
    return ephemeral_public + nonce + sealed


def unwrap_space_key(wrapped: bytes, keys: DeviceKeys, space_id: str, epoch: int, device_id: str) -> bytes:
    if len(wrapped) != 32 + 12 + SPACE_KEY_BYTES + 16:
        raise SyncIntegrityError.of(N_("wrapped space key has the wrong size"))
    ephemeral_public, nonce, sealed = wrapped[:32], wrapped[32:44], wrapped[44:]
    private = X25519PrivateKey.from_private_bytes(keys.exchange)
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        kek = _wrap_kek(shared, ephemeral_public, keys.exchange_public)
        return AESGCM(kek).decrypt(nonce, sealed, _wrap_ad(space_id, epoch, device_id))
    except Exception as exc:  # InvalidTag, bad point
        raise SyncIntegrityError.of(N_("wrapped space key does not open with this device's key")) from exc


def cert_message(
    space_id: str, device_id: str, name: str, signing_public: bytes, exchange_public: bytes
) -> bytes:
    return b"\0".join(
        (
            b"liaison-cert-v1",
            space_id.encode(),
            device_id.encode(),
            name.encode(),
            signing_public,
            exchange_public,
        )
    )
