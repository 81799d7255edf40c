"""The server answers bad input with a clear 4xx, never a 5xx, and logs no content."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import msgpack
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.domain import Contact
from liaison.errors import SyncRejected
from liaison.server import signatures
from liaison.services.sync import service
from liaison.store import records, sync_state
from liaison.sync import changeset, envelope, keys, protocol
from liaison.sync.client import ApiClient
from tests.liaison.sync.inprocess import Server, space_of


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(f"sqlite:///{tmp_path_factory.mktemp('srv') / 'server.db'}")
    yield srv
    srv.close()


ROUTES = [
    ("GET", "/v1/health"),
    ("POST", "/v1/spaces"),
    ("POST", "/v1/invitations"),
    ("POST", "/v1/join"),
    ("GET", "/v1/devices"),
    ("POST", "/v1/devices/x/approve"),
    ("POST", "/v1/devices/x/revoke"),
    ("GET", "/v1/keys"),
    ("POST", "/v1/changes"),
    ("GET", "/v1/changes"),
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    route=st.sampled_from(ROUTES),
    body=st.one_of(st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode())),
    headers=st.dictionaries(
        st.sampled_from(
            [protocol.H_DEVICE, protocol.H_TIME, protocol.H_NONCE, protocol.H_SIGNATURE, "authorization"]
        ),
        st.text(alphabet="abcdefABCDEF0123456789-_ ", max_size=40),
        max_size=5,
    ),
    query=st.sampled_from(["", "after=-1", "after=x&limit=0", "limit=999999", "after=0&limit=5"]),
)
def test_garbage_never_gets_a_5xx(
    server: Server, route: tuple[str, str], body: bytes, headers: dict[str, str], query: str
) -> None:
    method, path = route
    response = server.client.request(
        method, path + (f"?{query}" if query else ""), content=body, headers=headers
    )
    assert 200 <= response.status_code < 500
    if response.status_code >= 400:
        assert response.json()["error"]


def test_signed_garbage_is_refused_cleanly(server: Server, tmp_path: Path) -> None:
    a, _b = space_of(server, tmp_path, 2)
    client = ApiClient(server.factory("", ""), a.device_id, sync_state.device_keys(a))
    for body in (
        b"",
        b"\x00",
        msgpack.packb([b"junk"]),
        msgpack.packb([1, 2]),
        msgpack.packb({"a": 1}),
        b"[" * 1000,
    ):
        response = client.transport.send(
            "POST", "/v1/changes", "", body, client._headers("POST", "/v1/changes", "", body)
        )
        assert response.status == 400, body
    replay_headers = client._headers("GET", "/v1/devices", "", b"")
    first = client.transport.send("GET", "/v1/devices", "", b"", replay_headers)
    again = client.transport.send("GET", "/v1/devices", "", b"", replay_headers)
    assert (first.status, again.status) == (200, 401)
    assert "replayed" in json.loads(again.body)["error"]
    forged = keys.DeviceKeys.generate()
    impostor = ApiClient(server.factory("", ""), a.device_id, forged)
    response = impostor.transport.send(
        "GET", "/v1/devices", "", b"", impostor._headers("GET", "/v1/devices", "", b"")
    )
    assert response.status == 401


def test_logs_carry_ids_and_sizes_never_content(
    server: Server, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="liaison.server")
    a, b = space_of(server, tmp_path, 2)
    records.insert(a, Contact(full_name="Zebulon Quartermaine", unit="Secret Unit"))
    code = service.invite(a, factory=server.factory)["code"]
    for vault in (a, b):
        service.now(vault, factory=server.factory)
    text = caplog.text
    assert "push device=" in text
    for secret in ("Zebulon", "Quartermaine", "Secret Unit", code, code.replace("-", "")):
        assert secret not in text


def test_rate_and_size_limits_answer_429_and_413(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from liaison.server.app import create_app
    from liaison.server.storage import Storage, make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'limits.db'}")
    migrate(engine)
    with TestClient(create_app(Storage(engine), "t", rate_per_second=0.001, burst=5)) as client:
        codes = [client.get("/v1/health", headers={protocol.H_DEVICE: "dev1"}).status_code for _ in range(8)]
        assert codes[:5] == [200] * 5 and codes[5:] == [429] * 3
        assert client.get("/v1/health", headers={protocol.H_DEVICE: "dev2"}).status_code == 200
    with TestClient(create_app(Storage(engine), "t", rate_per_second=0)) as client:
        response = client.post("/v1/changes", content=b"\0" * (protocol.MAX_BODY + 1))
        assert response.status_code == 413
    engine.dispose()


def test_an_envelope_its_device_did_not_sign_is_refused_and_not_stored(
    server: Server, tmp_path: Path
) -> None:
    """The request is signed correctly, but one change set inside carries another key's signature
    (or a damaged one): the server keeps nothing a receiver would refuse, and says which."""
    a, _b = space_of(server, tmp_path, 2)
    own = sync_state.device_keys(a)
    space_id = sync_state.require(a).space_id
    before = server.storage.device(a.device_id)
    assert before is not None
    seq = before.max_seq + 1
    client = ApiClient(server.factory("", ""), a.device_id, own)
    plain = changeset.encode(changeset.ChangeSet("c" * 32, ()))
    header = envelope.Header(envelope.FORMAT, space_id, a.device_id, seq, 1, "f" * 32)
    space_key = keys.new_space_key()
    good = envelope.seal(plain, header, space_key, own)
    other = envelope.seal(plain, header, space_key, keys.DeviceKeys.generate())
    damaged = envelope.Envelope(
        header, good.nonce, good.ciphertext, bytes([good.signature[0] ^ 1]) + good.signature[1:]
    )
    for bad in (other, damaged):
        with pytest.raises(SyncRejected) as refused:
            client.push([bad.to_bytes()])
        assert refused.value.status == 400
        assert f"change set {'f' * 32} is not signed by device {a.device_id}" in str(refused.value)
        after = server.storage.device(a.device_id)
        assert after is not None and after.max_seq == before.max_seq
    assert client.push([good.to_bytes()])["stored"] == 1  # the same check accepts the real signature


def test_server_signature_check_accepts_rfc8032_signatures_only() -> None:
    """The server's libsodium check agrees with the signer (cryptography/OpenSSL) on good
    signatures and refuses a changed message, signature or key, and malformed sizes, without raising."""
    signer = keys.DeviceKeys.generate()
    message = b"liaison-req-v1\nPOST\n/v1/changes"
    signature = signer.sign(message)
    public = signer.signing_public
    assert signatures.verify(public, signature, message)
    assert keys.verify(public, signature, message)
    assert not signatures.verify(public, signature, message + b"x")
    assert not signatures.verify(public, signature[:5] + bytes([signature[5] ^ 4]) + signature[6:], message)
    assert not signatures.verify(keys.DeviceKeys.generate().signing_public, signature, message)
    assert not signatures.verify(public[:31], signature, message)
    assert not signatures.verify(public, signature[:63], message)
    assert not signatures.verify(b"\0" * 32, b"\0" * 64, message)
