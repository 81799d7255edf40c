"""The key-slot header: the vault's random database key, wrapped once per way of unlocking it.

The database is encrypted with a random 256-bit key that never changes, so a new passphrase only
re-wraps that key (instant, the database is never rewritten). Each slot holds the key sealed with
AES-256-GCM under a key derived from a passphrase (Argon2id) or from the recovery code (HKDF); the
slot's own parameters are bound into the GCM associated data, so editing them cannot go unnoticed.
A SHA-256 checksum over the file tells accidental damage (bit rot, truncation) apart from a wrong
passphrase, which GCM alone cannot.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from liaison import jsonio
from liaison.crypto import kdf, recovery
from liaison.crypto.atomic import atomic_write_bytes
from liaison.errors import CorruptHeader, WrongPassphrase, WrongRecoveryCode

FORMAT = "liaison-vault-keys"
FORMAT_VERSION = 1
PASSPHRASE = "passphrase"
RECOVERY = "recovery"
_NONCE_BYTES = 12
_WRAPPED_BYTES = kdf.KEY_BYTES + 16  # the key and the GCM tag


@dataclass(frozen=True)
class KeySlot:
    kind: str
    kdf: dict[str, Any]
    nonce: bytes
    wrapped_key: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kdf": self.kdf,
            "aead": "aes-256-gcm",
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }


@dataclass(frozen=True)
class KeyHeader:
    vault_id: str
    slots: tuple[KeySlot, ...]
    # Where the database last was (see liaison.store.anchor); authenticated by its own MAC.
    anchor: dict[str, Any] | None = None

    def slot(self, kind: str) -> KeySlot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        raise CorruptHeader(f"key header has no {kind} slot")

    def with_slot(self, new: KeySlot) -> KeyHeader:
        others = tuple(s for s in self.slots if s.kind != new.kind)
        return replace(self, slots=(*others, new))

    def with_anchor(self, anchor: dict[str, Any] | None) -> KeyHeader:
        return replace(self, anchor=anchor)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise CorruptHeader("key header field is not text")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise CorruptHeader("key header holds invalid base64") from None


def _aad(vault_id: str, kind: str, kdf_params: dict[str, Any]) -> bytes:
    bound = {"format": FORMAT, "vault_id": vault_id, "kind": kind, "kdf": kdf_params}
    return json.dumps(bound, sort_keys=True, separators=(",", ":")).encode()


def _seal(vault_id: str, kind: str, kdf_params: dict[str, Any], wrap_key: bytes, db_key: bytes) -> KeySlot:
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(wrap_key).encrypt(nonce, db_key, _aad(vault_id, kind, kdf_params))
    return KeySlot(kind, kdf_params, nonce, sealed)


def _open(vault_id: str, slot: KeySlot, wrap_key: bytes) -> bytes | None:
    try:
        key = AESGCM(wrap_key).decrypt(slot.nonce, slot.wrapped_key, _aad(vault_id, slot.kind, slot.kdf))
    except InvalidTag:
        return None
    if len(key) != kdf.KEY_BYTES:
        raise CorruptHeader("key header holds a key of the wrong length")
    return key


def passphrase_slot(vault_id: str, passphrase: str, db_key: bytes, params: kdf.Argon2Params) -> KeySlot:
    kdf.require_floor(params)
    salt = os.urandom(kdf.SALT_BYTES)
    kdf_params = {
        "name": "argon2id",
        "version": 19,
        "salt": _b64(salt),
        "time_cost": params.time_cost,
        "memory_kib": params.memory_kib,
        "parallelism": params.parallelism,
    }
    wrap_key = kdf.derive_key(kdf.normalize_passphrase(passphrase), salt, params)
    return _seal(vault_id, PASSPHRASE, kdf_params, wrap_key, db_key)


def recovery_slot(vault_id: str, code: str, db_key: bytes) -> KeySlot:
    normalized = recovery.normalize_recovery_code(code)
    if normalized is None:
        raise ValueError("not a recovery code")
    salt = os.urandom(kdf.SALT_BYTES)
    kdf_params = {"name": "hkdf-sha256", "salt": _b64(salt)}
    wrap_key = recovery.recovery_wrapping_key(normalized, salt)
    return _seal(vault_id, RECOVERY, kdf_params, wrap_key, db_key)


def _whole(kdf_params: dict[str, Any], name: str) -> int:
    """A cost parameter as written by Liaison: a JSON integer (not 3.5, true, 1e999 or "3")."""
    value = kdf_params[name]
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} is not a whole number")
    return value


def _argon2_params(kdf_params: dict[str, Any]) -> tuple[bytes, kdf.Argon2Params]:
    try:
        if kdf_params["name"] != "argon2id" or kdf_params["version"] != 19:
            raise CorruptHeader("key header names an unknown key derivation")
        params = kdf.Argon2Params(
            _whole(kdf_params, "time_cost"),
            _whole(kdf_params, "memory_kib"),
            _whole(kdf_params, "parallelism"),
        )
        params.check_sane()
    except KeyError as exc:
        raise CorruptHeader(f"key header lacks the key-derivation parameter {exc}") from None
    except (TypeError, ValueError) as exc:
        raise CorruptHeader(f"key header has invalid key-derivation parameters ({exc})") from None
    return _salt(kdf_params), params


def _salt(kdf_params: dict[str, Any]) -> bytes:
    if "salt" not in kdf_params:
        raise CorruptHeader("key header slot has no salt")
    salt = _unb64(kdf_params["salt"])
    if len(salt) != kdf.SALT_BYTES:
        raise CorruptHeader(f"key header slot has a {len(salt)}-byte salt, not {kdf.SALT_BYTES}")
    return salt


def unwrap_with_passphrase(header: KeyHeader, passphrase: str) -> bytes:
    slot = header.slot(PASSPHRASE)
    salt, params = _argon2_params(slot.kdf)
    wrap_key = kdf.derive_key(kdf.normalize_passphrase(passphrase), salt, params)
    key = _open(header.vault_id, slot, wrap_key)
    if key is None:
        raise WrongPassphrase("wrong passphrase for this vault")
    return key


def unwrap_with_recovery_code(header: KeyHeader, code: str) -> bytes:
    slot = header.slot(RECOVERY)
    normalized = recovery.normalize_recovery_code(code)
    if normalized is None:
        raise WrongRecoveryCode("that is not a recovery code: expected 32 letters and digits")
    if slot.kdf.get("name") != "hkdf-sha256":
        raise CorruptHeader("key header names an unknown recovery derivation")
    wrap_key = recovery.recovery_wrapping_key(normalized, _salt(slot.kdf))
    key = _open(header.vault_id, slot, wrap_key)
    if key is None:
        raise WrongRecoveryCode("wrong recovery code for this vault")
    return key


def passphrase_params(header: KeyHeader) -> kdf.Argon2Params:
    return _argon2_params(header.slot(PASSPHRASE).kdf)[1]


# --- file format -------------------------------------------------------------------------------


def _body(header: KeyHeader) -> dict[str, Any]:
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "vault_id": header.vault_id,
        "cipher": "sqlcipher4-raw-key",
        "slots": [slot.to_json() for slot in header.slots],
    }
    if header.anchor is not None:
        body["anchor"] = header.anchor
    return body


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(canonical).hexdigest()


def header_bytes(header: KeyHeader) -> bytes:
    body = _body(header)
    document = {**body, "checksum": _checksum(body)}
    return json.dumps(document, indent=2, sort_keys=True).encode() + b"\n"


def write_header(path: Path, header: KeyHeader, durable: bool = True) -> None:
    atomic_write_bytes(path, header_bytes(header), sync_directory=durable)


def _parse_slot(raw: Any) -> KeySlot:
    if not isinstance(raw, dict) or not isinstance(raw.get("kdf"), dict):
        raise CorruptHeader("key header has a malformed slot")
    if raw.get("aead") != "aes-256-gcm" or raw.get("kind") not in (PASSPHRASE, RECOVERY):
        raise CorruptHeader("key header has a slot of an unknown kind")
    nonce, wrapped = _unb64(raw.get("nonce")), _unb64(raw.get("wrapped_key"))
    if len(nonce) != _NONCE_BYTES:
        raise CorruptHeader(f"key header slot has a {len(nonce)}-byte nonce, not {_NONCE_BYTES}")
    if len(wrapped) != _WRAPPED_BYTES:
        raise CorruptHeader(
            f"key header slot holds a wrapped key of {len(wrapped)} bytes, not {_WRAPPED_BYTES}"
        )
    return KeySlot(str(raw["kind"]), raw["kdf"], nonce, wrapped)


def read_header(path: Path) -> KeyHeader:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise CorruptHeader(f"cannot read key header {path.name}: {exc.strerror}") from None
    try:
        document = jsonio.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CorruptHeader(f"key header {path.name} is damaged (not valid JSON)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CorruptHeader(f"{path.name} is not a Liaison key header")
    if document.get("version") != FORMAT_VERSION:
        raise CorruptHeader(f"key header version {document.get('version')!r} is not supported")
    checksum = document.pop("checksum", None)
    if checksum != _checksum(document):
        raise CorruptHeader(f"key header {path.name} is damaged (checksum mismatch)")
    slots = document.get("slots")
    vault_id = document.get("vault_id")
    if not isinstance(slots, list) or not slots or not isinstance(vault_id, str):
        raise CorruptHeader("key header has no slots")
    anchor = document.get("anchor")
    if anchor is not None and not isinstance(anchor, dict):
        raise CorruptHeader("key header has a malformed anchor")
    return KeyHeader(vault_id, tuple(_parse_slot(s) for s in slots), anchor)
