"""Revocation, and a hostile server that tampers with what the real server returned."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgpack
import pytest

from liaison.domain import Case
from liaison.errors import DeviceRevoked, SyncIntegrityError, VaultWiped
from liaison.services import vault as vault_service
from liaison.services.sync import service
from liaison.store import records, sync_state
from liaison.store.vault import unlock, wipe_mark_path
from liaison.sync import envelope
from liaison.sync.transport import RawResponse
from tests.liaison.sync.inprocess import AppTransport, Server, space_of


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(f"sqlite:///{tmp_path / 'server.db'}")
    yield srv
    srv.close()


def test_revoked_device_gets_403_locks_and_cannot_read_the_new_epoch(server: Server, tmp_path: Path) -> None:
    a, b, c = space_of(server, tmp_path, 3)
    service.revoke(a, c.device_id, wipe=False, factory=server.factory)
    records.insert(a, Case(reference="AFTER", title="after revocation"))
    service.now(a, factory=server.factory)
    service.now(b, factory=server.factory)
    assert [x.reference for x in records.find(b, Case)] == ["AFTER"]
    assert 2 in sync_state.epoch_keys(b) and 2 not in sync_state.epoch_keys(c)
    with pytest.raises(DeviceRevoked):
        service.now(c, factory=server.factory)
    assert not c.is_open  # it locked itself


def test_revoke_with_wipe_destroys_the_key_slots(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    path = b.path
    saved = tmp_path / "before-the-wipe.liaison-backup"
    vault_service.backup_open(b, saved)
    service.revoke(a, b.device_id, wipe=True, factory=server.factory)
    with pytest.raises(DeviceRevoked):
        service.now(b, factory=server.factory)
    assert service.wiped(path)
    # Opening it says what happened, in the command line's English; salvage needs the lost keys.
    with pytest.raises(VaultWiped) as refused:
        unlock(path, "any passphrase")
    assert str(refused.value).startswith(
        "this vault was wiped: another device revoked this one from its sync space and ordered a "
        "remote wipe, so its keys are destroyed and it can no longer be opened"
    )
    assert "salvage" not in str(refused.value) and refused.value.exit_code == 5
    # A backup made before the wipe restores it; the mark goes with the restore.
    vault_service.restore(path, saved, "pass phrase for tests")
    assert not wipe_mark_path(path).exists()
    unlock(path, "pass phrase for tests").close()


class Tamper(AppTransport):
    """Passes requests to the real app and alters pull pages on the way back."""

    def __init__(self, inner: AppTransport, alter: object) -> None:
        super().__init__(inner.client)
        self.alter = alter

    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        response = super().send(method, path, query, body, headers)
        if method == "GET" and path.endswith("/changes") and response.status == 200:
            page = msgpack.unpackb(response.body, raw=False)
            page = self.alter(page)  # type: ignore[operator]
            return RawResponse(200, response.content_type, msgpack.packb(page, use_bin_type=True))
        return response


def _flip_ciphertext(page: dict) -> dict:
    for item in page["changes"]:
        raw = msgpack.unpackb(item[3], raw=False)
        raw["c"] = bytes([raw["c"][0] ^ 1]) + raw["c"][1:]
        item[3] = msgpack.packb(raw, use_bin_type=True)
    return page


def _drop_first(page: dict) -> dict:
    page["changes"] = page["changes"][1:]
    return page


def _reorder(page: dict) -> dict:
    page["changes"] = list(reversed(page["changes"]))
    return page


def _move_device(page: dict) -> dict:
    for item in page["changes"]:
        sealed = envelope.parse(item[3])
        header = envelope.Header(
            *sealed.header.as_list()[:3], sealed.header.seq + 1000, *sealed.header.as_list()[4:]
        )
        item[3] = envelope.Envelope(header, sealed.nonce, sealed.ciphertext, sealed.signature).to_bytes()
        item[2] += 1000
    return page


def _withhold_last(page: dict) -> dict:
    page["changes"] = page["changes"][:-1]
    return page


@pytest.mark.parametrize("alter", [_flip_ciphertext, _drop_first, _reorder, _move_device, _withhold_last])
def test_hostile_server_is_detected_and_nothing_is_applied(
    server: Server, tmp_path: Path, alter: object
) -> None:
    a, b = space_of(server, tmp_path, 2)
    for n in range(3):
        records.insert(a, Case(reference=f"C{n}", title="x"))
    service.now(a, factory=server.factory)
    before = sync_state.cursor(b)
    hostile = Tamper(server.factory("", ""), alter)
    with pytest.raises(SyncIntegrityError):
        service.now(b, factory=lambda _u, _p: hostile)
    applied = {x.reference for x in records.find(b, Case)}
    # whatever was applied before the detection is a prefix of A's genuine change sets, in order
    assert applied in (set(), {"C0"}, {"C0", "C1"})
    if alter in (_flip_ciphertext, _move_device):
        assert applied == set() and sync_state.cursor(b) == before
    service.now(b, factory=server.factory)  # the honest server afterwards: everything arrives
    assert {x.reference for x in records.find(b, Case)} == {"C0", "C1", "C2"}


def test_replayed_envelope_is_ignored(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    records.insert(a, Case(reference="ONCE", title="x"))
    service.now(a, factory=server.factory)
    service.now(b, factory=server.factory)
    replay = Tamper(server.factory("", ""), lambda page: page)
    old = server.storage.pull(sync_state.require(b).space_id, 0, 1000)[0]

    def again(page: dict) -> dict:
        page["changes"] = [[p + 10_000, d, s, blob] for p, d, s, blob in old if d == a.device_id]
        return page

    replay.alter = again
    report = service.now(b, factory=lambda _u, _p: replay)
    assert report.replayed >= 1
    assert [x.reference for x in records.find(b, Case)] == ["ONCE"]


@pytest.mark.parametrize("target", ["device", "space"])
def test_an_envelope_moved_to_another_device_or_space_is_refused(
    server: Server, tmp_path: Path, target: str
) -> None:
    """The server relabels A's change sets as a third device's (page and header alike), or as
    another space's: the space, sequence or signature check refuses them, nothing is applied."""
    a, b, c = space_of(server, tmp_path, 3)
    for vault in (b, c):
        service.now(vault, factory=server.factory)
    records.insert(a, Case(reference="M1", title="x"))
    service.now(a, factory=server.factory)
    before = sync_state.cursor(b)

    def move(page: dict) -> dict:
        for item in page["changes"]:
            sealed = envelope.parse(item[3])
            fields = sealed.header.as_list()
            if item[1] == a.device_id:
                if target == "device":
                    fields[2] = item[1] = c.device_id
                else:
                    fields[1] = "another-space"
            item[3] = envelope.Envelope(
                envelope.Header(*fields), sealed.nonce, sealed.ciphertext, sealed.signature
            ).to_bytes()
        return page

    with pytest.raises(SyncIntegrityError):
        service.now(b, factory=lambda _u, _p: Tamper(server.factory("", ""), move))
    assert records.find(b, Case) == [] and sync_state.cursor(b) == before
    service.now(b, factory=server.factory)
    assert [x.reference for x in records.find(b, Case)] == ["M1"]
