"""The sync API as typed calls: signs each request, retries what is safe to retry, maps errors.

Retries (connection failures, timeouts, 429 and 5xx) back off exponentially with full jitter, and
every retry is signed afresh (new timestamp and nonce). Every call is safe to repeat: pushes are
idempotent by change id, pulls by cursor.
"""

from __future__ import annotations

import json
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgpack

from liaison.errors import N_, DeviceRevoked, SyncRejected, SyncUnavailable
from liaison.sync import changeset, keys, protocol
from liaison.sync.keys import DeviceKeys
from liaison.sync.transport import RawResponse, Transport

# What the user reads when the server says this device was revoked: the revoked device forgets its
# sync keys at once (and with a remote wipe destroys its vault's key slots), so say what remains.
REVOKED = N_(
    "this device was revoked from the space: its sync keys are erased and it no longer syncs "
    "(the records already in this vault stay)"
)
REVOKED_WIPED = N_(
    "this device was revoked from the space with a remote wipe: its sync keys and the vault's "
    "key slots are erased, so this vault cannot be opened again"
)


def _rejected(status: int, template: str, /, **params: object) -> SyncRejected:
    """A refusal the app can translate (``LiaisonError.of``) that keeps the HTTP status."""
    error = SyncRejected.of(template, **params)
    error.status = status
    return error


@dataclass(frozen=True)
class RemoteDevice:
    id: str
    name: str
    status: str
    signing_public: bytes
    exchange_public: bytes
    cert: bytes | None
    certified_by: str | None
    max_seq: int
    last_seen: float
    reads: int | None = None  # highest change-set format it reads; None: the server did not say


@dataclass(frozen=True)
class Page:
    changes: list[tuple[int, str, int, bytes]]
    more: bool
    heads: dict[str, int]
    epoch: int
    remaining: int | None = None  # others' change sets from this page on, when asked (count=True)


def _remote_device(d: dict[str, Any]) -> RemoteDevice:
    return RemoteDevice(
        str(d["id"]),
        str(d["name"]),
        str(d["status"]),
        keys.unb64(d["signing_public"]),
        keys.unb64(d["exchange_public"]),
        keys.unb64(d["cert"]) if d.get("cert") else None,
        d.get("certified_by"),
        int(d.get("max_seq", 0)),
        float(d.get("last_seen", 0)),
        _reads(d.get("reads")),
    )


def _reads(value: Any) -> int | None:
    """A server of the previous release lists no formats (None); a device that never announced
    one is listed as 1 by this release's server."""
    return value if type(value) is int and value >= 1 else None


class ApiClient:
    def __init__(
        self,
        transport: Transport,
        device_id: str,
        device_keys: DeviceKeys,
        retries: int = 6,
        base_delay: float = 0.2,
        max_delay: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.transport = transport
        self.device_id = device_id
        self.keys = device_keys
        self.retries, self.base_delay, self.max_delay, self.sleep = retries, base_delay, max_delay, sleep

    def close(self) -> None:
        closer = getattr(self.transport, "close", None)
        if callable(closer):
            closer()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _headers(self, method: str, path: str, query: str, body: bytes) -> dict[str, str]:
        stamp, nonce = str(int(time.time())), secrets.token_urlsafe(18)
        signature = self.keys.sign(protocol.signed_string(method, path, query, stamp, nonce, body))
        return {
            protocol.H_DEVICE: self.device_id,
            protocol.H_TIME: stamp,
            protocol.H_NONCE: nonce,
            protocol.H_SIGNATURE: keys.b64(signature),
        }

    def call(
        self,
        method: str,
        path: str,
        query: str = "",
        body: bytes = b"",
        content_type: str = "application/json",
        extra: dict[str, str] | None = None,
    ) -> RawResponse:
        full = protocol.API + path
        for attempt in range(self.retries + 1):
            headers = self._headers(method, full, query, body)
            if body:
                headers["content-type"] = content_type
            headers.update(extra or {})
            try:
                response = self.transport.send(method, full, query, body, headers)
            except SyncUnavailable:
                if attempt == self.retries:
                    raise
                self._back_off(attempt)
                continue
            if response.status == 429 or response.status >= 500:
                if attempt == self.retries:
                    raise SyncUnavailable.of(
                        N_("the sync server keeps failing (HTTP {status}): try again later"),
                        status=response.status,
                    )
                self._back_off(attempt)
                continue
            return self._check(response)
        raise SyncUnavailable("unreachable")  # pragma: no cover - the loop returns or raises

    def _back_off(self, attempt: int) -> None:
        self.sleep(random.uniform(0, min(self.max_delay, self.base_delay * 2**attempt)))

    @staticmethod
    def _check(response: RawResponse) -> RawResponse:
        if response.status < 400:
            return response
        try:
            detail = json.loads(response.body)
        except ValueError:
            detail = {}
        if not isinstance(detail, dict):  # another program's JSON at that address
            detail = {}
        if response.status == 403 and detail.get("revoked"):
            revoked = DeviceRevoked.of(REVOKED_WIPED if detail.get("wipe") else REVOKED)
            revoked.wipe = bool(detail.get("wipe"))
            raise revoked
        offset = detail.get("clock_off_s")
        if response.status == 401 and isinstance(offset, int) and not isinstance(offset, bool):
            raise _rejected(
                response.status,
                N_(
                    "the sync server refused: this computer's clock is {minutes} minutes off the "
                    "server's; set this computer's date and time right, then sync again"
                ),
                minutes=max(1, round(abs(offset) / 60)),
            )
        if detail.get("error"):  # the server's own words: English, as it sent them
            raise _rejected(
                response.status, N_("the sync server refused: {reason}"), reason=str(detail["error"])
            )
        if response.status == 404:
            # Only a wrong address gets a 404 without the server's own error: a path after the host
            # or another web server at that port.
            raise _rejected(
                404,
                N_(
                    "the sync server refused: HTTP 404 (no Liaison sync server at that URL: give its "
                    "address without a path)"
                ),
            )
        raise _rejected(response.status, N_("the sync server refused: HTTP {status}"), status=response.status)

    def _json(
        self, method: str, path: str, data: dict[str, Any] | None = None, extra: dict[str, str] | None = None
    ) -> Any:
        body = json.dumps(data).encode() if data is not None else b""
        return json.loads(self.call(method, path, body=body, extra=extra).body)

    # -- the API ---------------------------------------------------------------------------------

    def _identity(self, name: str) -> dict[str, str | int]:
        return {
            "id": self.device_id,
            "name": name,
            "signing_public": keys.b64(self.keys.signing_public),
            "exchange_public": keys.b64(self.keys.exchange_public),
            "reads": changeset.READS,  # optional: a server of the previous release ignores it
        }

    def health(self) -> dict[str, Any]:
        return dict(self._json("GET", "/health"))

    def create_space(self, admin_token: str, space_id: str, name: str, cert: bytes, wrapped: bytes) -> None:
        self._json(
            "POST",
            "/spaces",
            {
                "space_id": space_id,
                "device": self._identity(name),
                "cert": keys.b64(cert),
                "wrapped_key": keys.b64(wrapped),
            },
            extra={"authorization": f"Bearer {admin_token}"},
        )

    def invite(self) -> dict[str, Any]:
        return dict(self._json("POST", "/invitations", {}))

    def join(self, code: str, name: str) -> str:
        return str(self._json("POST", "/join", {"code": code, "device": self._identity(name)})["space_id"])

    def devices(self) -> tuple[list[RemoteDevice], int]:
        """The space's devices; the query announces the change-set format this device reads
        (signed with the request; a server of the previous release ignores it)."""
        data = json.loads(self.call("GET", "/devices", query=f"reads={changeset.READS}").body)
        return [_remote_device(d) for d in data["devices"]], int(data["epoch"])

    def approve(self, device_id: str, cert: bytes, wrapped: dict[int, bytes]) -> None:
        self._json(
            "POST",
            f"/devices/{device_id}/approve",
            {"cert": keys.b64(cert), "wrapped_keys": {str(e): keys.b64(w) for e, w in wrapped.items()}},
        )

    def revoke(self, device_id: str, wipe: bool, epoch: int, wrapped: dict[str, bytes]) -> None:
        self._json(
            "POST",
            f"/devices/{device_id}/revoke",
            {"wipe": wipe, "epoch": epoch, "wrapped_keys": {d: keys.b64(w) for d, w in wrapped.items()}},
        )

    def my_keys(self) -> dict[str, Any]:
        return dict(self._json("GET", "/keys"))

    def push(self, envelopes: list[bytes], blobs: dict[str, list[str]] | None = None) -> dict[str, Any]:
        """Push sealed envelopes; ``blobs`` lists, per change id, the blobs its change set
        references, so the server keeps them (it removes only blobs no change set references)."""
        payload: Any = {"changes": envelopes, "blobs": blobs} if blobs else envelopes
        response = self.call(
            "POST",
            "/changes",
            body=msgpack.packb(payload, use_bin_type=True),
            content_type=protocol.MSGPACK,
        )
        return dict(json.loads(response.body))

    def pull(self, after: int, limit: int = protocol.MAX_PAGE, count: bool = False) -> Page:
        """A page after ``after``; ``count`` also asks how many change sets of other devices are
        left (a server from before the count leaves it out: ``remaining`` is then None)."""
        query = f"after={after}&limit={limit}" + ("&count=1" if count else "")
        response = self.call("GET", "/changes", query=query)
        try:
            data = msgpack.unpackb(response.body, raw=False)
            changes = [(int(p), str(d), int(s), bytes(b)) for p, d, s, b in data["changes"]]
            remaining = data.get("remaining")
            return Page(
                changes,
                bool(data["more"]),
                {str(k): int(v) for k, v in data["heads"].items()},
                int(data["epoch"]),
                None if remaining is None else int(remaining),
            )
        except (ValueError, KeyError, TypeError, msgpack.UnpackException) as error:
            raise _rejected(
                502, N_("the sync server sent a malformed page ({kind})"), kind=type(error).__name__
            ) from None

    # -- the blob store (documents and change sets too large for an envelope) ------------------

    def blob_chunks(self, blob_id: str) -> set[int]:
        """The chunk numbers the server already holds (none when it has no such blob)."""
        try:
            data = self._json("GET", f"/blobs/{blob_id}")
        except SyncRejected as error:
            if error.status == 404:
                return set()
            raise
        return {int(i) for i in data.get("have", [])}

    def put_chunk(self, blob_id: str, index: int, size: int, sealed: bytes) -> None:
        self.call(
            "PUT",
            f"/blobs/{blob_id}/{index}",
            query=f"size={size}",
            body=sealed,
            content_type="application/octet-stream",
        )

    def get_chunk(self, blob_id: str, index: int) -> bytes:
        return self.call("GET", f"/blobs/{blob_id}/{index}").body
