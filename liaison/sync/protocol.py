"""What client and server agree on: paths, headers, the signed request string, limits.

Every request but health and space creation's admin check is signed by the device's Ed25519 key
over the method, path, query, a timestamp, a random nonce and the body's hash. The server refuses
a timestamp more than five minutes off and any nonce it has seen, so a captured request cannot be
replayed. No passwords exist on the server.
"""

from __future__ import annotations

import hashlib

API = "/v1"
H_DEVICE, H_TIME, H_NONCE, H_SIGNATURE = (
    "x-liaison-device",
    "x-liaison-time",
    "x-liaison-nonce",
    "x-liaison-signature",
)
CLOCK_WINDOW_S = 300
MAX_BODY = 32 * 1024 * 1024
MAX_PUSH = 1000
MAX_PAGE = 1000
MSGPACK = "application/msgpack"
# The server's one-time invitation code: letters and digits that cannot be misread for one
# another (no 0, 1, I, L or O). An invitation shows it as three groups of four, before the
# founder's fingerprint (``keys.FINGERPRINT_CHARS``, Crockford's base32).
INVITATION_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITATION_CHARS = 12


def signed_string(method: str, path: str, query: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    return "\n".join(
        ("liaison-req-v1", method.upper(), path, query, timestamp, nonce, hashlib.sha256(body).hexdigest())
    ).encode()
