"""API fuzzing with schemathesis against the server's own OpenAPI document (``/v1/openapi.json``),
on a real ``liaison-server`` on loopback: generated requests, valid and invalid, for every route;
every request is signed by an enrolled device so the fuzz gets past authentication into the
handlers. No answer may be a 5xx. The number of cases per route follows the Hypothesis profile
(``LIAISON_HYPOTHESIS_PROFILE``: 50 by default, 1,000 with ``thorough``)."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import msgpack
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from liaison.store import sync_state
from liaison.sync import keys, protocol
from tests.liaison.sync.servers import ADMIN, ServerProcess
from tests.liaison.sync.test_real_servers import enrol

pytestmark = pytest.mark.loopback


_MSGPACK_INTS = range(-(2**63), 2**64)  # what msgpack can encode: int64 and uint64


def _packable(value: Any) -> Any:
    """A negative case's body as msgpack can carry it: an integer beyond 64 bits (JSON has no
    limit, msgpack has) goes as its digits, still not what the schema asks for. Packing it raised
    OverflowError in the test itself, for about one run in a few dozen (the fuzz then failed after
    two minutes of shrinking, and passed on a rerun with other random cases)."""
    if isinstance(value, bool) or value is None or isinstance(value, float | str | bytes):
        return value
    if isinstance(value, int):
        return value if value in _MSGPACK_INTS else str(value)
    if isinstance(value, dict):
        return {_packable(k): _packable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_packable(v) for v in value]
    return value


def _pack(value: Any) -> bytes:
    """Push bodies: what the schema generates (a list of byte strings), packed as the client does."""
    if isinstance(value, list):
        value = [v.encode() if isinstance(v, str) else v for v in value]
    return bytes(msgpack.packb(_packable(value), use_bin_type=True))


@schemathesis.serializer(protocol.MSGPACK)
def _msgpack(_context: Any, value: Any) -> bytes:
    return _pack(value)


def test_bodies_beyond_msgpack_integers_are_still_sent() -> None:
    """The case the fuzz once tripped on: JSON integers msgpack cannot hold (and nested ones)."""
    body = [2**64, [-(2**63) - 1, {"n": 10**30}], 2**64 - 1, True, 1.5]
    unpacked = msgpack.unpackb(_pack(body), raw=False, strict_map_key=False)
    assert unpacked == [str(2**64), [str(-(2**63) - 1), {"n": str(10**30)}], 2**64 - 1, True, 1.5]


class Signed(requests.auth.AuthBase):
    """Signs each prepared request as ``liaison.sync.client`` does (path as the server reads it)."""

    def __init__(self, device_id: str, device_keys: keys.DeviceKeys) -> None:
        self.device_id, self.keys = device_id, device_keys

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        url = urlsplit(r.url or "")
        body = r.body.encode() if isinstance(r.body, str) else (r.body or b"")
        stamp, nonce = str(int(time.time())), secrets.token_urlsafe(18)
        message = protocol.signed_string(r.method or "GET", unquote(url.path), url.query, stamp, nonce, body)
        r.headers.update(
            {
                protocol.H_DEVICE: self.device_id,
                protocol.H_TIME: stamp,
                protocol.H_NONCE: nonce,
                protocol.H_SIGNATURE: keys.b64(self.keys.sign(message)),
            }
        )
        return r


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, requests.Session]]:
    folder = tmp_path_factory.mktemp("fuzz")
    server = ServerProcess(f"sqlite:///{folder / 'server.db'}", extra=["--rate-limit", "0"]).start()
    vaults = enrol(server.url, Path(folder), 2)
    session = requests.Session()
    session.auth = Signed(vaults[1].device_id, sync_state.device_keys(vaults[1]))
    yield server, session
    session.close()
    for vault in vaults:
        vault.close()
    server.stop()


def test_the_schema_names_every_route(enrolled: tuple[ServerProcess, requests.Session]) -> None:
    server, session = enrolled
    paths = requests.get(f"{server.url}/v1/openapi.json", timeout=10).json()["paths"]
    assert sorted((p, m) for p, ms in paths.items() for m in ms) == sorted(
        [
            ("/v1/health", "get"),
            ("/v1/spaces", "post"),
            ("/v1/invitations", "post"),
            ("/v1/join", "post"),
            ("/v1/devices", "get"),
            ("/v1/devices/{device_id}/approve", "post"),
            ("/v1/devices/{device_id}/revoke", "post"),
            ("/v1/keys", "get"),
            ("/v1/changes", "post"),
            ("/v1/changes", "get"),
            ("/v1/blobs/{blob_id}", "get"),
            ("/v1/blobs/{blob_id}/{index}", "put"),
            ("/v1/blobs/{blob_id}/{index}", "get"),
        ]
    )
    # signing works: the fuzz below reaches the handlers, not only the authentication check
    assert session.get(f"{server.url}/v1/keys", timeout=10).status_code == 200


ROUTES = [
    ("/v1/health", "GET"),
    ("/v1/spaces", "POST"),
    ("/v1/invitations", "POST"),
    ("/v1/join", "POST"),
    ("/v1/devices", "GET"),
    ("/v1/devices/{device_id}/approve", "POST"),
    ("/v1/devices/{device_id}/revoke", "POST"),
    ("/v1/keys", "GET"),
    ("/v1/changes", "POST"),
    ("/v1/changes", "GET"),
    ("/v1/blobs/{blob_id}", "GET"),
    ("/v1/blobs/{blob_id}/{index}", "PUT"),
    ("/v1/blobs/{blob_id}/{index}", "GET"),
]


@pytest.mark.parametrize(
    ("path", "method", "mode"),
    # health has no parameter and no body: nothing to break, no negative case
    [
        (p, m, g)
        for p, m in ROUTES
        for g in GenerationMode
        if (p, g) != ("/v1/health", GenerationMode.NEGATIVE)
    ],
)
def test_no_request_gets_a_5xx(
    path: str, method: str, mode: GenerationMode, enrolled: tuple[ServerProcess, requests.Session]
) -> None:
    """Valid requests (positive) and requests that break the schema (negative), all signed.
    Schemathesis's strategies run under Hypothesis directly: its pytest plugin predates pytest 9."""
    server, session = enrolled
    operation = schemathesis.openapi.from_url(f"{server.url}/v1/openapi.json")[path][method]
    seen: list[int] = []

    # Half the profile's count per route and mode (25 by default, 500 with "thorough"): both
    # modes together make as many requests per route as the profile says.
    @settings(
        max_examples=max(1, settings.default.max_examples // 2),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(case=operation.as_strategy(mode))
    def fuzz(case: Any) -> None:
        extra = {"authorization": f"Bearer {ADMIN}"} if path == "/v1/spaces" else {}
        response = case.call(base_url=server.url, session=session, headers=extra, timeout=30)
        seen.append(response.status_code)
        assert response.status_code < 500, (method, path, response.status_code, response.text[:200])
        case.validate_response(response, checks=(not_a_server_error,))

    fuzz()
    assert seen  # it ran
