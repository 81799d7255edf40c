"""Ed25519 verification on the server, through libsodium (PyNaCl).

The server checks one signature per request and one per pushed change set, and under many pushing
devices those checks were half of its CPU: libsodium verifies in about half the time of the
OpenSSL path that ``liaison.sync.keys.verify`` uses (66 against 129 us per signature, measured on
the benchmark machine), and releases the interpreter lock while it does, so concurrent pushes
verify on both cores. It accepts every signature RFC 8032 signers make, and refuses more of the
malformed ones (non-canonical encodings, small-order points): for a server that only keeps what
every receiver will accept, stricter is safe.
"""

from __future__ import annotations

from nacl.bindings import crypto_sign_BYTES, crypto_sign_open, crypto_sign_PUBLICKEYBYTES
from nacl.exceptions import BadSignatureError, CryptoError


def verify(public: bytes, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is ``public``'s Ed25519 signature of ``message``; False for any
    malformed key or signature (never an exception: callers answer 400 or 401)."""
    if len(public) != crypto_sign_PUBLICKEYBYTES or len(signature) != crypto_sign_BYTES:
        return False
    try:
        crypto_sign_open(signature + message, public)
    except (BadSignatureError, CryptoError, ValueError, TypeError):
        return False
    return True
