"""Recovery codes: 160 random bits shown once, typed back by a human under stress.

Crockford base32 in groups of four: no I/L/O/U to confuse, case-insensitive, dashes optional.
The code carries full entropy, so a slow KDF adds nothing; HKDF turns it into a wrapping key.
"""

from __future__ import annotations

import secrets

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_BYTES = 20
_CODE_CHARS = 32
_GROUP = 4
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_recovery_code() -> str:
    value = int.from_bytes(secrets.token_bytes(_CODE_BYTES), "big")
    chars = []
    for _ in range(_CODE_CHARS):
        value, digit = divmod(value, 32)
        chars.append(ALPHABET[digit])
    text = "".join(reversed(chars))
    return "-".join(text[i : i + _GROUP] for i in range(0, _CODE_CHARS, _GROUP))


def normalize_recovery_code(code: str) -> str | None:
    """Canonical form, or None when it cannot be a recovery code (wrong length or letters)."""
    cleaned = "".join(ch for ch in code.upper() if ch not in " -\t\n").translate(_LOOKALIKES)
    if len(cleaned) != _CODE_CHARS or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def recovery_wrapping_key(normalized_code: str, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"liaison recovery slot v1")
    return hkdf.derive(normalized_code.encode("ascii"))
