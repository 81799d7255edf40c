"""Request authentication: Ed25519 signature, timestamp window, one-time nonce; and rate limits."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from starlette.requests import Request

from liaison.server import signatures
from liaison.server.storage import ClockOff, Device, Storage, StorageError
from liaison.sync import keys, protocol

_NONCE = re.compile(r"[0-9A-Za-z_-]{16,64}")
_ID = re.compile(r"[0-9A-Za-z_.:-]{1,64}")


def check_signature(
    request: Request, body: bytes, device_id: str, public: bytes, storage: Storage | None
) -> None:
    """Verify the request's signature and time; with ``storage``, also spend its nonce (without,
    the caller records it in its own transaction: ``Storage.push``)."""
    headers = request.headers
    stamp, nonce, signature = (
        headers.get(protocol.H_TIME, ""),
        headers.get(protocol.H_NONCE, ""),
        headers.get(protocol.H_SIGNATURE, ""),
    )
    if not stamp.isdigit() or not _NONCE.fullmatch(nonce) or not signature:
        raise StorageError(401, "request is not signed: time, nonce and signature headers are required")
    now = time.time()
    if abs(now - int(stamp)) > protocol.CLOCK_WINDOW_S:
        raise ClockOff(int(stamp) - round(now))
    try:
        raw_signature = keys.unb64(signature)
    except ValueError:
        raise StorageError(401, "signature is not base64") from None
    message = protocol.signed_string(request.method, request.url.path, request.url.query, stamp, nonce, body)
    if not signatures.verify(public, raw_signature, message):
        raise StorageError(401, "signature does not verify")
    if storage is not None and not storage.use_nonce(device_id, nonce, now, protocol.CLOCK_WINDOW_S):
        raise StorageError(401, "request replayed: nonce already used")


def signed_device(
    request: Request, body: bytes, storage: Storage, allow_pending: bool = False, for_push: bool = False
) -> Device:
    """The device that signed this request. ``for_push``: its keys may come from this process's
    cache, and its nonce and status are left to the push's own transaction (``Storage.push``),
    which reads the status under the device's row lock: a revocation still takes effect at once."""
    device_id = request.headers.get(protocol.H_DEVICE, "")
    if not _ID.fullmatch(device_id):
        raise StorageError(401, "request names no device")
    device = storage.device_keys_of(device_id) if for_push else storage.device(device_id)
    if device is None:
        raise StorageError(401, "unknown device")
    check_signature(request, body, device_id, device.signing_public, None if for_push else storage)
    if for_push:
        return device
    if device.status == "revoked":
        raise StorageError(403, "revoked")
    if device.status != "active" and not allow_pending:
        raise StorageError(403, "device not approved yet")
    return device


def request_nonce(request: Request) -> tuple[str, float, float]:
    """The verified request's nonce, for a handler that spends it in its own transaction."""
    return request.headers.get(protocol.H_NONCE, ""), time.time(), protocol.CLOCK_WINDOW_S


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Token bucket per device (per process: a load balancer in front spreads load anyway)."""

    def __init__(self, per_second: float, burst: int) -> None:
        self.per_second, self.burst = per_second, burst
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        if self.per_second <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            bucket = self._buckets.setdefault(key, _Bucket(float(self.burst), now))
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.per_second)
            bucket.at = now
            if bucket.tokens < 1:
                return False
            bucket.tokens -= 1
            return True
