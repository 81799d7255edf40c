"""The ASGI application: routes, input checks, error mapping. Bad input is a 4xx, never a 5xx.

Logs carry device ids, change ids, counts and sizes; never a body, a key or a code.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

import msgpack
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from liaison.errors import SyncIntegrityError
from liaison.server import openapi, signatures
from liaison.server.auth import RateLimiter, check_signature, request_nonce, signed_device
from liaison.server.blobstore import BlobStore
from liaison.server.storage import ClockOff, Device, Incoming, Storage, StorageError
from liaison.sync import envelope, keys, protocol

log = logging.getLogger("liaison.server")
_ID = re.compile(r"[0-9A-Za-z_.:-]{1,64}")
_NUMBER = re.compile(r"[0-9]{1,18}")  # ASCII digits only: str.isdigit() also takes "²", which int() refuses
Handler = Callable[[Request], Awaitable[Response]]
# Numbers from a request must fit the database's 64-bit integers (a larger one is a 400, not an
# overflow deep in the driver); epochs stay far below.
_MAX_INT = 2**62
_MAX_EPOCH = 2**31 - 1


class BadRequest(StorageError):
    def __init__(self, message: str) -> None:
        super().__init__(400, message)


def _json_body(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("body is not JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("body is not a JSON object")
    return data


def _field(data: dict[str, Any], name: str, kind: type, pattern: re.Pattern[str] | None = None) -> Any:
    value = data.get(name)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise BadRequest(f"field {name!r} is missing or not a {kind.__name__}")
    if pattern is not None and not pattern.fullmatch(str(value)):
        raise BadRequest(f"field {name!r} is malformed")
    return value


def _b64(data: dict[str, Any], name: str, size: int | None = None) -> bytes:
    try:
        raw = keys.unb64(_field(data, name, str))
    except ValueError:
        raise BadRequest(f"field {name!r} is not base64") from None
    if size is not None and len(raw) != size:
        raise BadRequest(f"field {name!r} must be {size} bytes")
    return raw


def _device_info(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise BadRequest("field 'device' must be an object")
    name = _field(data, "name", str)
    if not 1 <= len(name) <= 200:
        raise BadRequest("device name must be 1 to 200 characters")
    return {
        "id": _field(data, "id", str, _ID),
        "name": name,
        "signing_public": _b64(data, "signing_public", 32),
        "exchange_public": _b64(data, "exchange_public", 32),
    }


def _push_body(data: Any) -> tuple[list[Any], dict[str, list[str]]]:
    """A push body: a list of envelopes, or ``{"changes": [...], "blobs": {change id: [blob id]}}``
    when change sets reference the blob store (the server cannot read them, and must know what
    they reference before it may ever remove an abandoned blob). The body is signed whole."""
    refs: dict[str, list[str]] = {}
    if isinstance(data, dict):
        listed = data.get("blobs", {})
        if not isinstance(listed, dict) or not all(
            isinstance(c, str)
            and _ID.fullmatch(c)
            and isinstance(ids, list)
            and ids
            and all(isinstance(b, str) and _ID.fullmatch(b) for b in ids)
            for c, ids in listed.items()
        ):
            raise BadRequest("blobs must map change ids to non-empty lists of blob ids")
        refs = listed
        data = data.get("changes")
    if not isinstance(data, list) or not data or len(data) > protocol.MAX_PUSH:
        raise BadRequest(f"push 1 to {protocol.MAX_PUSH} envelopes")
    return data, refs


def _reads(data: Any) -> int | None:
    """The change-set format a device announces it reads (optional: absent from older clients)."""
    value = data.get("reads") if isinstance(data, dict) else None
    return value if type(value) is int and 1 <= value <= 1000 else None


def _device_json(d: Device, reads: dict[str, int]) -> dict[str, Any]:
    return {
        "id": d.id,
        "name": d.name,
        "status": d.status,
        "signing_public": keys.b64(d.signing_public),
        "exchange_public": keys.b64(d.exchange_public),
        "cert": keys.b64(d.cert) if d.cert else None,
        "certified_by": d.certified_by,
        "max_seq": d.max_seq,
        "last_seen": d.last_seen,
        "reads": reads.get(d.id, 1),  # a device that never said reads format 1 (older releases)
    }


class SyncApi:
    """The handlers; each runs in a worker thread (storage calls block)."""

    def __init__(self, storage: Storage, admin_token: str | None, blob_quota: int | None = None) -> None:
        self.storage, self.admin_token = storage, admin_token
        self.blobs = BlobStore(storage) if blob_quota is None else BlobStore(storage, blob_quota)

    def health(self, _request: Request, _body: bytes) -> dict[str, Any]:
        # "formats": change-set formats the server relays (3: with the blob store); optional
        return {"status": "ok", "service": "liaison-server", "api": 1, "formats": 3}

    def openapi(self, _request: Request, _body: bytes) -> dict[str, Any]:
        return openapi.document()

    def create_space(self, request: Request, body: bytes) -> dict[str, Any]:
        given = request.headers.get("authorization", "")
        if not self.admin_token or not hmac.compare_digest(
            given.encode(), f"Bearer {self.admin_token}".encode()
        ):
            raise StorageError(401, "admin token missing or wrong")
        data = _json_body(body)
        space_id = _field(data, "space_id", str, _ID)
        device = _device_info(data.get("device"))
        cert, wrapped = _b64(data, "cert", 64), _b64(data, "wrapped_key")
        check_signature(request, body, device["id"], device["signing_public"], self.storage)
        message = keys.cert_message(
            space_id, device["id"], device["name"], device["signing_public"], device["exchange_public"]
        )
        if not keys.verify(device["signing_public"], cert, message):
            raise BadRequest("the founding device's certificate does not verify")
        self.storage.create_space(space_id, device, cert, wrapped)
        if (reads := _reads(data.get("device"))) is not None:
            self.blobs.set_reads(device["id"], reads)
        log.info("space created device=%s", device["id"])
        return {"space_id": space_id, "epoch": 1}

    def invite(self, request: Request, body: bytes) -> dict[str, Any]:
        device = signed_device(request, body, self.storage)
        code, expires = self.storage.create_invitation(device.space_id, device.id)
        log.info("invitation created by device=%s", device.id)
        return {"code": code, "expires_at": expires}

    def join(self, request: Request, body: bytes) -> dict[str, Any]:
        data = _json_body(body)
        device = _device_info(data.get("device"))
        code = _field(data, "code", str)
        if len(code) > 40:
            raise BadRequest("invitation code is too long")
        check_signature(request, body, device["id"], device["signing_public"], self.storage)
        space_id = self.storage.join(code, device)
        if (reads := _reads(data.get("device"))) is not None:
            self.blobs.set_reads(device["id"], reads)
        log.info("device joined pending approval device=%s", device["id"])
        return {"space_id": space_id, "status": "pending"}

    def list_devices(self, request: Request, body: bytes) -> dict[str, Any]:
        device = signed_device(request, body, self.storage, allow_pending=True)
        self.storage.touch(device.id)
        announced = request.query_params.get("reads", "")
        if announced:
            if not _NUMBER.fullmatch(announced) or not 1 <= int(announced) <= 1000:
                raise BadRequest("reads must be a format number from 1 to 1000")
            self.blobs.set_reads(device.id, int(announced))
        listed = self.storage.devices(device.space_id)
        reads = self.blobs.reads([d.id for d in listed])
        return {
            "devices": [_device_json(d, reads) for d in listed],
            "epoch": self.storage.space_epoch(device.space_id),
            "you": device.status,
        }

    def approve(self, request: Request, body: bytes) -> dict[str, Any]:
        device = signed_device(request, body, self.storage)
        data = _json_body(body)
        target = request.path_params["device_id"]
        wrapped_raw = data.get("wrapped_keys")
        if not isinstance(wrapped_raw, dict) or not wrapped_raw or len(wrapped_raw) > 10_000:
            raise BadRequest("field 'wrapped_keys' must map epochs to wrapped keys")
        try:
            wrapped = {int(e): keys.unb64(v) for e, v in wrapped_raw.items()}
        except (ValueError, TypeError, AttributeError):
            raise BadRequest("field 'wrapped_keys' must map epoch numbers to base64") from None
        if not all(1 <= e <= _MAX_EPOCH for e in wrapped):
            raise BadRequest(f"epochs are 1 to {_MAX_EPOCH}")
        self.storage.approve(device, target, _b64(data, "cert", 64), wrapped)
        log.info("device approved device=%s by=%s", target, device.id)
        return {"status": "active"}

    def revoke(self, request: Request, body: bytes) -> dict[str, Any]:
        device = signed_device(request, body, self.storage)
        data = _json_body(body)
        target = request.path_params["device_id"]
        wrapped_raw = data.get("wrapped_keys")
        if not isinstance(wrapped_raw, dict) or len(wrapped_raw) > 10_000:
            raise BadRequest("field 'wrapped_keys' must map device ids to wrapped keys")
        try:
            wrapped = {str(d): keys.unb64(v) for d, v in wrapped_raw.items()}
        except (ValueError, TypeError, AttributeError):
            raise BadRequest("field 'wrapped_keys' must map device ids to base64") from None
        epoch = _field(data, "epoch", int)
        if not 1 <= epoch <= _MAX_EPOCH:
            raise BadRequest(f"field 'epoch' must be 1 to {_MAX_EPOCH}")
        self.storage.revoke(device, target, bool(data.get("wipe", False)), epoch, wrapped)
        log.info("device revoked device=%s by=%s", target, device.id)
        return {"status": "revoked"}

    def my_keys(self, request: Request, body: bytes) -> dict[str, Any]:
        device = signed_device(request, body, self.storage, allow_pending=True)
        return {
            "status": device.status,
            "space_id": device.space_id,
            "epoch": self.storage.space_epoch(device.space_id),
            "keys": [
                {"epoch": e, "wrapped": keys.b64(w), "wrapped_by": by}
                for e, w, by in self.storage.wrapped_keys(device.id)
            ],
        }

    def push(self, request: Request, body: bytes) -> dict[str, Any]:
        device = signed_device(request, body, self.storage, for_push=True)
        try:
            data = msgpack.unpackb(
                body, raw=False, max_array_len=protocol.MAX_PUSH, max_map_len=protocol.MAX_PUSH
            )
        except Exception:
            raise BadRequest("body is not a msgpack list of envelopes") from None
        items, refs = _push_body(data)
        batch = []
        for blob in items:
            try:
                sealed = envelope.parse(blob)
                if sealed.header.device_id != device.id or sealed.header.space_id != device.space_id:
                    raise BadRequest("envelope header names another device or space")
            except SyncIntegrityError as error:
                raise BadRequest(str(error)) from None
            h = sealed.header
            if not signatures.verify(device.signing_public, sealed.signature, sealed.signed_message()):
                raise BadRequest(f"change set {h.change_id} is not signed by device {device.id}")
            batch.append(Incoming(h.change_id, device.id, h.seq, h.epoch, bytes(blob)))
        if refs:
            unknown = set(refs) - {i.change_id for i in batch}
            if unknown:
                raise BadRequest(f"blobs listed for change sets not in this push: {sorted(unknown)[0]}")
            self.blobs.mark_referenced(device, [b for ids in refs.values() for b in ids])
        stored, duplicates = self.storage.push(device, batch, request_nonce(request))
        log.info("push device=%s stored=%d duplicates=%d bytes=%d", device.id, stored, duplicates, len(body))
        return {"stored": stored, "duplicates": duplicates, "max_seq": batch[-1].seq}

    def pull(self, request: Request, body: bytes) -> Response:
        device = signed_device(request, body, self.storage)
        try:
            after = int(request.query_params.get("after", "0"))
            limit = int(request.query_params.get("limit", str(protocol.MAX_PAGE)))
        except ValueError:
            raise BadRequest("after and limit must be integers") from None
        if not 0 <= after <= _MAX_INT or not 1 <= limit <= protocol.MAX_PAGE:
            raise BadRequest(f"after must be >= 0 and limit 1..{protocol.MAX_PAGE}")
        rows, heads, more = self.storage.pull(device.space_id, after, limit)
        self.storage.touch(device.id)
        payload = {
            "changes": [[pos, dev, seq, blob] for pos, dev, seq, blob in rows],
            "more": more,
            "heads": heads,
            "epoch": self.storage.space_epoch(device.space_id),
        }
        if request.query_params.get("count") == "1":  # asked once per run: it scans the rest
            payload["remaining"] = self.storage.count_after(device.space_id, after, device.id)
        log.info("pull device=%s after=%d count=%d", device.id, after, len(rows))
        return Response(msgpack.packb(payload, use_bin_type=True), media_type=protocol.MSGPACK)

    def _blob_path(self, request: Request) -> tuple[str, int | None]:
        blob_id = request.path_params["blob_id"]
        if not _ID.fullmatch(blob_id):
            raise BadRequest("blob id is malformed")
        raw = request.path_params.get("index")
        if raw is None:
            return blob_id, None
        if not _NUMBER.fullmatch(raw) or int(raw) > 100_000:
            raise BadRequest("chunk index must be a small non-negative integer")
        return blob_id, int(raw)

    def put_chunk(self, request: Request, body: bytes) -> dict[str, Any]:
        device = signed_device(request, body, self.storage)
        blob_id, index = self._blob_path(request)
        size = request.query_params.get("size", "")
        if not _NUMBER.fullmatch(size):
            raise BadRequest("size (the blob's plaintext bytes) must be a non-negative integer")
        stored = self.blobs.put_chunk(device, blob_id, index or 0, int(size), body)
        log.info(
            "blob chunk device=%s blob=%s index=%s bytes=%d new=%s",
            device.id,
            blob_id,
            index,
            len(body),
            stored,
        )
        return {"stored": stored}

    def blob_status(self, request: Request, body: bytes) -> dict[str, Any]:
        device = signed_device(request, body, self.storage)
        blob_id, _ = self._blob_path(request)
        found = self.blobs.status(device.space_id, blob_id, asker=device.id)
        if found is None:
            raise StorageError(404, "no such blob in this space")
        return found

    def get_chunk(self, request: Request, body: bytes) -> Response:
        device = signed_device(request, body, self.storage)
        blob_id, index = self._blob_path(request)
        data = self.blobs.get_chunk(device.space_id, blob_id, index or 0)
        if data is None:
            raise StorageError(404, "no such chunk in this space")
        log.info("blob chunk read device=%s blob=%s index=%s bytes=%d", device.id, blob_id, index, len(data))
        return Response(data, media_type="application/octet-stream")


def create_app(
    storage: Storage,
    admin_token: str | None,
    rate_per_second: float = 200,
    burst: int = 400,
    blob_quota: int | None = None,
) -> Starlette:
    limiter = RateLimiter(rate_per_second, burst)
    api_ = SyncApi(storage, admin_token, blob_quota)

    async def body_of(request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared and (not declared.isdigit() or int(declared) > protocol.MAX_BODY):
            raise StorageError(413, "request body too large")
        chunks, size = [], 0  # joined once: adding to one bytes object copies it at every chunk
        async for chunk in request.stream():
            chunks.append(chunk)
            size += len(chunk)
            if size > protocol.MAX_BODY:
                raise StorageError(413, "request body too large")
        return b"".join(chunks)

    def endpoint(fn: Callable[[Request, bytes], Any]) -> Handler:
        async def handle(request: Request) -> Response:
            try:
                body = await body_of(request)
                device_header = request.headers.get(protocol.H_DEVICE, "anonymous")[:64]
                if not limiter.allow(device_header):
                    raise StorageError(429, "too many requests from this device: slow down")
                result = await run_in_threadpool(fn, request, body)
            except StorageError as error:
                log.info("%s %s -> %d", request.method, request.url.path, error.status)
                payload: dict[str, Any] = {"error": str(error)}
                if isinstance(error, ClockOff):
                    payload["clock_off_s"] = error.offset_s
                if error.status == 403 and str(error) == "revoked":
                    device = storage.device(request.headers.get(protocol.H_DEVICE, ""))
                    payload = {
                        "error": "this device was revoked",
                        "revoked": True,
                        "wipe": bool(device and device.wipe),
                    }
                return JSONResponse(payload, status_code=error.status)
            if isinstance(result, Response):
                return result
            return JSONResponse(result)

        return handle

    api = protocol.API
    routes = [
        Route(f"{api}/health", endpoint(api_.health), methods=["GET"]),
        Route(f"{api}/openapi.json", endpoint(api_.openapi), methods=["GET"]),
        Route(f"{api}/spaces", endpoint(api_.create_space), methods=["POST"]),
        Route(f"{api}/invitations", endpoint(api_.invite), methods=["POST"]),
        Route(f"{api}/join", endpoint(api_.join), methods=["POST"]),
        Route(f"{api}/devices", endpoint(api_.list_devices), methods=["GET"]),
        Route(f"{api}/devices/{{device_id}}/approve", endpoint(api_.approve), methods=["POST"]),
        Route(f"{api}/devices/{{device_id}}/revoke", endpoint(api_.revoke), methods=["POST"]),
        Route(f"{api}/keys", endpoint(api_.my_keys), methods=["GET"]),
        Route(f"{api}/changes", endpoint(api_.push), methods=["POST"]),
        Route(f"{api}/changes", endpoint(api_.pull), methods=["GET"]),
        Route(f"{api}/blobs/{{blob_id}}", endpoint(api_.blob_status), methods=["GET"]),
        Route(f"{api}/blobs/{{blob_id}}/{{index}}", endpoint(api_.put_chunk), methods=["PUT"]),
        Route(f"{api}/blobs/{{blob_id}}/{{index}}", endpoint(api_.get_chunk), methods=["GET"]),
    ]
    return Starlette(routes=routes)
