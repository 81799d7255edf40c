"""The server's API as an OpenAPI 3.0 document, served at ``/v1/openapi.json``.

Written by hand from the handlers' own checks (``liaison.server.app``), so agency IT and API
fuzzers (the test suite runs schemathesis against it) see every route, parameter and body shape.
Authentication is the signed-request scheme of ``liaison.sync.protocol``: four headers, declared
here as API-key schemes because OpenAPI has no name for a per-request Ed25519 signature.
"""

from __future__ import annotations

from typing import Any

from liaison.sync import protocol

_ID = {"type": "string", "pattern": "^[0-9A-Za-z_.:-]{1,64}$"}
_B64 = {"type": "string", "description": "standard base64"}
_ERROR = {
    "description": "refused, with one line saying why",
    "content": {
        "application/json": {"schema": {"type": "object", "properties": {"error": {"type": "string"}}}}
    },
}
_DEVICE = {
    "type": "object",
    "required": ["id", "name", "signing_public", "exchange_public"],
    "properties": {
        "id": _ID,
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "signing_public": {**_B64, "description": "Ed25519 public key (32 bytes, base64)"},
        "exchange_public": {**_B64, "description": "X25519 public key (32 bytes, base64)"},
        "reads": {
            "type": "integer",
            "minimum": 1,
            "description": "highest change-set format the device reads (optional; absent: 1)",
        },
    },
}


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _op(
    summary: str, body: dict[str, Any] | None = None, signed: bool = True, **extra: Any
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {
            "200": {"description": "done", "content": {"application/json": {"schema": {"type": "object"}}}},
            **{str(code): _ERROR for code in (400, 401, 403, 404, 409, 410, 413, 429)},
        },
        **extra,
    }
    if body is not None:
        operation["requestBody"] = body
    operation["security"] = [{"device": [], "time": [], "nonce": [], "signature": []}] if signed else []
    return operation


def document() -> dict[str, Any]:
    wrapped_keys = {"type": "object", "additionalProperties": _B64}
    device_path = [{"name": "device_id", "in": "path", "required": True, "schema": {"type": "string"}}]
    envelopes = {
        "type": "array",
        "minItems": 1,
        "maxItems": protocol.MAX_PUSH,
        "items": {"type": "string", "format": "binary"},
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Liaison sync server",
            "version": "1",
            "description": "Relays and stores end-to-end encrypted change sets; never sees plaintext.",
        },
        "paths": {
            f"{protocol.API}/health": {"get": _op("health", signed=False)},
            f"{protocol.API}/spaces": {
                "post": _op(
                    "create a space with its founding device (admin token in Authorization: Bearer)",
                    _json_body(
                        {
                            "type": "object",
                            "required": ["space_id", "device", "cert", "wrapped_key"],
                            "properties": {
                                "space_id": _ID,
                                "device": _DEVICE,
                                "cert": _B64,
                                "wrapped_key": _B64,
                            },
                        }
                    ),
                )
            },
            f"{protocol.API}/invitations": {"post": _op("create a one-time invitation code")},
            f"{protocol.API}/join": {
                "post": _op(
                    "join a space with an invitation code (pending until approved)",
                    _json_body(
                        {
                            "type": "object",
                            "required": ["code", "device"],
                            "properties": {"code": {"type": "string", "maxLength": 40}, "device": _DEVICE},
                        }
                    ),
                )
            },
            f"{protocol.API}/devices": {
                "get": _op(
                    "the space's devices, each with the change-set format it reads",
                    parameters=[
                        {
                            "name": "reads",
                            "in": "query",
                            "description": "announce the highest change-set format this device reads",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
                        }
                    ],
                )
            },
            f"{protocol.API}/devices/{{device_id}}/approve": {
                "post": _op(
                    "approve a pending device, with the space keys wrapped to it per epoch",
                    _json_body(
                        {
                            "type": "object",
                            "required": ["cert", "wrapped_keys"],
                            "properties": {"cert": _B64, "wrapped_keys": wrapped_keys},
                        }
                    ),
                    parameters=device_path,
                )
            },
            f"{protocol.API}/devices/{{device_id}}/revoke": {
                "post": _op(
                    "revoke a device and start a new epoch wrapped to the remaining devices",
                    _json_body(
                        {
                            "type": "object",
                            "required": ["epoch", "wrapped_keys"],
                            "properties": {
                                "epoch": {"type": "integer"},
                                "wipe": {"type": "boolean"},
                                "wrapped_keys": wrapped_keys,
                            },
                        }
                    ),
                    parameters=device_path,
                )
            },
            f"{protocol.API}/keys": {"get": _op("this device's wrapped space keys")},
            f"{protocol.API}/changes": {
                "post": _op(
                    "push sealed change sets (idempotent by change id)",
                    {
                        "required": True,
                        "content": {
                            protocol.MSGPACK: {
                                "schema": {
                                    "oneOf": [
                                        envelopes,
                                        {
                                            # with the blobs each change set references (kept from gc)
                                            "type": "object",
                                            "required": ["changes", "blobs"],
                                            "properties": {
                                                "changes": envelopes,
                                                "blobs": {
                                                    "type": "object",
                                                    "additionalProperties": {
                                                        "type": "array",
                                                        "minItems": 1,
                                                        "items": {"type": "string"},
                                                    },
                                                },
                                            },
                                        },
                                    ]
                                }
                            }
                        },
                    },
                ),
                "get": _op(
                    "pull change sets after a position (msgpack page)",
                    parameters=[
                        {"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": protocol.MAX_PAGE},
                        },
                        {"name": "count", "in": "query", "schema": {"type": "string", "enum": ["1"]}},
                    ],
                ),
            },
            **_blob_paths(),
        },
        "components": {
            "securitySchemes": {
                "device": {"type": "apiKey", "in": "header", "name": protocol.H_DEVICE},
                "time": {"type": "apiKey", "in": "header", "name": protocol.H_TIME},
                "nonce": {"type": "apiKey", "in": "header", "name": protocol.H_NONCE},
                "signature": {"type": "apiKey", "in": "header", "name": protocol.H_SIGNATURE},
            }
        },
    }


def _blob_paths() -> dict[str, Any]:
    """The blob store: chunks of ciphertext of documents and change sets too large for an envelope."""
    blob = {"name": "blob_id", "in": "path", "required": True, "schema": _ID}
    index = {
        "name": "index",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 0, "maximum": 100_000},
    }
    octets = {
        "description": "the chunk",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
    get_chunk = _op("one chunk of a blob of this space", parameters=[blob, index])
    get_chunk["responses"]["200"] = octets
    return {
        f"{protocol.API}/blobs/{{blob_id}}": {
            "get": _op("a blob's size, chunk count and the chunks the server holds", parameters=[blob])
        },
        f"{protocol.API}/blobs/{{blob_id}}/{{index}}": {
            "put": _op(
                "store one encrypted chunk (4 MiB + 16 bytes; the last one shorter); idempotent",
                {
                    "required": True,
                    "content": {
                        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                    },
                },
                parameters=[
                    blob,
                    index,
                    {
                        "name": "size",
                        "in": "query",
                        "required": True,
                        "description": "the blob's plaintext size in bytes",
                        "schema": {"type": "integer", "minimum": 0},
                    },
                ],
            ),
            "get": get_chunk,
        },
    }
