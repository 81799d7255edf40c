"""Invitations name the space's founder by fingerprint: a joining device trusts that founder, not
whatever founding device the server presents (the founder certifies every other device, so a
server that slipped in its own would be trusted with everything)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.errors import SyncIntegrityError, ValidationError
from liaison.services.sync import service
from liaison.store import sync_state
from liaison.sync import keys
from liaison.sync.transport import RawResponse
from tests.liaison.sync.inprocess import URL, AppTransport, Server, new_vault, space_of


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(f"sqlite:///{tmp_path / 'server.db'}")
    yield srv
    srv.close()


class FakeFounder(AppTransport):
    """A server that shows its own key pair in place of the founder's, self-certified."""

    def __init__(self, inner: AppTransport) -> None:
        super().__init__(inner.client)
        self.keys = keys.DeviceKeys.generate()
        self.space_id = ""

    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        response = super().send(method, path, query, body, headers)
        if method == "POST" and path.endswith("/join") and response.status == 200:
            self.space_id = json.loads(response.body)["space_id"]
        if method == "GET" and path.endswith("/devices") and response.status == 200:
            data = json.loads(response.body)
            for d in data["devices"]:
                if d["certified_by"] == d["id"]:  # the founder, shown with the server's keys
                    fake = self.keys
                    d["signing_public"] = keys.b64(fake.signing_public)
                    d["exchange_public"] = keys.b64(fake.exchange_public)
                    message = keys.cert_message(
                        self.space_id, d["id"], d["name"], fake.signing_public, fake.exchange_public
                    )
                    d["cert"] = keys.b64(fake.sign(message))  # a certificate that verifies
            return RawResponse(200, response.content_type, json.dumps(data).encode())
        return response


def test_the_invitation_carries_the_founders_fingerprint(server: Server, tmp_path: Path) -> None:
    (a,) = space_of(server, tmp_path, 1)
    code = service.invite(a, factory=server.factory)["code"]
    groups = code.split("-")
    assert len(groups) == 7 and all(len(g) == 4 for g in groups)
    own = sync_state.device_keys(a)
    assert "".join(groups[3:]) == keys.founder_fingerprint(
        a.device_id, own.signing_public, own.exchange_public
    )
    assert service.invitation_qr(URL, code)  # the QR payload holds the whole code


def test_a_member_that_is_not_the_founder_invites_with_the_founders_fingerprint(
    server: Server, tmp_path: Path
) -> None:
    a, b = space_of(server, tmp_path, 2)
    code = service.invite(b, factory=server.factory)["code"]
    c = new_vault(tmp_path / "c.db")
    joined = service.join(c, URL, code, name="third", factory=server.factory)
    service.approve(b, joined.id, factory=server.factory)
    service.now(c, factory=server.factory)
    assert set(sync_state.devices(c)) == {a.device_id, b.device_id, c.device_id}


def test_a_server_presenting_another_founder_is_refused_at_join(server: Server, tmp_path: Path) -> None:
    (a,) = space_of(server, tmp_path, 1)
    code = service.invite(a, factory=server.factory)["code"]
    laptop = new_vault(tmp_path / "laptop.db")
    hostile = FakeFounder(server.factory("", ""))
    with pytest.raises(SyncIntegrityError, match="impersonating"):
        service.join(laptop, URL, code, name="laptop", factory=lambda _u, _p: hostile)
    assert sync_state.config(laptop) is None  # nothing stored: the vault can join again
    again = service.invite(a, factory=server.factory)["code"]
    assert service.join(laptop, URL, again, factory=server.factory).status == "pending"


def test_a_code_naming_another_founder_is_refused_as_impersonation(server: Server, tmp_path: Path) -> None:
    """A fingerprint far from the founder's is what a server showing its own founder produces."""
    (a,) = space_of(server, tmp_path, 1)
    code = service.invite(a, factory=server.factory)["code"]
    other = keys.DeviceKeys.generate()
    elsewhere = keys.founder_fingerprint("elsewhere", other.signing_public, other.exchange_public)
    forged = code[:15] + "-".join(elsewhere[i : i + 4] for i in range(0, 16, 4))
    laptop = new_vault(tmp_path / "l.db")
    with pytest.raises(SyncIntegrityError, match="founding device named in the invitation"):
        service.join(laptop, URL, forged, factory=server.factory)
    assert sync_state.config(laptop) is None


@pytest.mark.parametrize(("positions", "where"), [((-1,), "group 7"), ((16, -6), "groups 4 and 6")])
def test_a_fingerprint_mistyped_within_its_alphabet_is_named_as_a_slip(
    server: Server, tmp_path: Path, positions: tuple[int, ...], where: str
) -> None:
    """One or two wrong characters are a typing slip, not a forgery (80 bits do not come that
    close by chance): the officer is told which group to check and that a new invitation is needed."""
    (a,) = space_of(server, tmp_path, 1)
    code = list(service.invite(a, factory=server.factory)["code"])
    for position in positions:
        code[position] = "2" if code[position] != "2" else "3"
    laptop = new_vault(tmp_path / "l.db")
    with pytest.raises(ValidationError, match="does not match") as caught:
        service.join(laptop, URL, "".join(code), factory=server.factory)
    assert f"founding device in {where}: it was mistyped" in str(caught.value)
    assert "ask for a new one" in str(caught.value)
    assert sync_state.config(laptop) is None
    # As the message says: a new invitation, copied exactly, and the same vault joins (the server
    # had it pending under its id, with the keys of the refused attempt: they are replaced).
    code = service.invite(a, factory=server.factory)["code"]
    joined = service.join(laptop, URL, code, name="laptop", factory=server.factory)
    pending = [d for d in service.devices(a, factory=server.factory) if d.id == joined.id]
    assert [(d.name, d.status, d.safety_number) for d in pending] == [
        ("laptop", "pending", joined.safety_number)  # the approving officer compares this one
    ]
    service.approve(a, joined.id, factory=server.factory)
    service.now(laptop, factory=server.factory)
    assert set(sync_state.devices(laptop)) == {a.device_id, laptop.device_id}


@pytest.mark.parametrize(
    "code", ["ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN-0000-0000-0000", "ABCD EFGH JKMN 0000 0000 0000 00000"]
)
def test_an_incomplete_code_gets_one_clear_line(server: Server, tmp_path: Path, code: str) -> None:
    with pytest.raises(ValidationError, match="7 groups of four letters and digits") as caught:
        service.join(new_vault(tmp_path / "l.db"), URL, code, factory=server.factory)
    typed = len(code.replace("-", "").replace(" ", ""))
    assert f"28 in all, this one has {typed}" in str(caught.value)


def test_a_typed_code_is_read_loosely(server: Server, tmp_path: Path) -> None:
    """Lower case, spaces instead of dashes, O for 0 and I or L for 1: what people type."""
    (a,) = space_of(server, tmp_path, 1)
    code = service.invite(a, factory=server.factory)["code"]
    typed = code.lower().replace("-", " ")
    head, tail = typed[:15], typed[15:]
    typed = head + tail.replace("0", "o").replace("1", "l")
    joined = service.join(new_vault(tmp_path / "l.db"), URL, typed, factory=server.factory)
    assert joined.status == "pending"
