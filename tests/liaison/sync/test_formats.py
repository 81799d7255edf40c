"""Change-set format negotiation across releases, through a real ``liaison-server`` on loopback.

A device announces the highest change-set format it reads; the server keeps it per device and
lists it. A writer never uses a format an active device of the space does not read: documents
wait on the writer, flagged with the device that holds them back, and go out by themselves once
that device is updated. A receiver that meets a newer format than it reads stops there, keeps
what came before, and says to update Liaison. The new fields are optional: a client of the
previous release (it announces nothing) counts as format 1, and a server of the previous release
(it lists no formats) makes writers hold documents back rather than send what may not be read.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgpack
import pytest

from liaison.domain import Case
from liaison.errors import SyncFormatTooNew
from liaison.services.sync import service
from liaison.store import attachments, records, sync_log, sync_state
from liaison.store.vault import Vault
from liaison.sync import changeset, envelope
from liaison.sync.client import ApiClient, _remote_device
from liaison.sync.transport import HttpTransport, RawResponse
from tests.liaison.sync.servers import PostgresCluster, ServerProcess
from tests.liaison.sync.test_real_servers import enrol

pytestmark = pytest.mark.loopback

DOC = b"%PDF-1.4 mutual legal assistance request, CANARY-f0rm4t " * 50


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerProcess]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.db'}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    proc = ServerProcess(url).start()
    yield proc
    proc.stop()


def keep(vault: Vault, case_id: str, data: bytes = DOC) -> attachments.Attachment:
    new = attachments.NewAttachment(
        case_id=case_id, name="request.pdf", media_type="application/pdf", role="received"
    )
    return attachments.insert(vault, new, data)


def flags(vault: Vault, what: str) -> list[str]:
    return [f["detail"] for f in service.status(vault).flags if f["what"] == what]


def test_documents_wait_for_a_device_on_an_older_release_then_go_out(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = enrol(server.url, tmp_path, 2)
    monkeypatch.setattr(changeset, "READS", 1)  # b runs the previous release: it reads format 1
    service.now(b)
    monkeypatch.undo()
    case = records.insert(a, Case(reference="FMT-1", title="fraud"))
    doc = keep(a, case.id)
    service.now(a)
    # the server lists what each device reads; a's change set went out in format 1, without the doc
    with ApiClient(HttpTransport(server.url), a.device_id, sync_state.device_keys(a)) as client:
        listed, _ = client.devices()
    assert {d.name: d.reads for d in listed} == {"desk": changeset.READS, "laptop1": 1}
    monkeypatch.setattr(changeset, "READS", 1)
    service.now(b)  # would stop with a format error if a had sent format 2
    monkeypatch.undo()
    assert records.find(b, Case, "id = ?", (case.id,)) and attachments.find(b) == []
    [held] = flags(a, "held_back")
    assert doc.id in held and "device laptop1 runs an older Liaison" in held
    assert sync_log.held_back(a) == {doc.id: 2}
    # b is updated: it announces format 3 on its next sync, and a sends the document by itself
    service.now(b)
    service.now(a)
    service.now(b)
    assert attachments.data(b, doc.id) == DOC
    assert sync_log.held_back(a) == {} and sync_log.pending_count(a) == 0
    assert flags(a, "held_back") == []  # it no longer waits: the flag is gone


def test_a_client_of_the_previous_release_announces_nothing_and_counts_as_format_1(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original_identity = ApiClient._identity

    def old_identity(self: ApiClient, name: str) -> dict[str, Any]:
        found = dict(original_identity(self, name))
        found.pop("reads")  # what the previous release sends
        return found

    def old_devices(self: ApiClient) -> Any:
        data = json.loads(self.call("GET", "/devices").body)  # no ?reads=
        return [_remote_device(d) for d in data["devices"]], int(data["epoch"])

    monkeypatch.setattr(ApiClient, "_identity", old_identity)
    monkeypatch.setattr(ApiClient, "devices", old_devices)
    a, b = enrol(server.url, tmp_path, 2)
    service.now(b)
    monkeypatch.undo()
    case = records.insert(a, Case(reference="FMT-2", title="drugs"))
    doc = keep(a, case.id)
    service.now(a)
    assert [doc.id in d for d in flags(a, "held_back")] == [True]
    assert sync_log.held_back(a) == {doc.id: 2}


class OldServer:
    """What a server of the previous release answers: no formats in the devices list, and no blob
    store (404). Everything else is the real server's answer."""

    def __init__(self, url: str) -> None:
        self.inner = HttpTransport(url)

    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        if "/blobs/" in path:
            return RawResponse(404, "application/json", b'{"error": "Not Found"}')
        response = self.inner.send(method, path, query, body, headers)
        if path.endswith("/devices") and method == "GET" and response.status == 200:
            data = json.loads(response.body)
            for d in data["devices"]:
                d.pop("reads", None)
            return RawResponse(200, response.content_type, json.dumps(data).encode())
        return response

    def close(self) -> None:
        self.inner.close()


def test_with_a_server_of_the_previous_release_documents_wait(server: ServerProcess, tmp_path: Path) -> None:
    a, b = enrol(server.url, tmp_path, 2)
    case = records.insert(a, Case(reference="FMT-3", title="theft"))
    doc = keep(a, case.id)
    service.now(a, factory=lambda url, _pin: OldServer(url))
    service.now(b, factory=lambda url, _pin: OldServer(url))
    assert records.find(b, Case, "id = ?", (case.id,)) and attachments.find(b) == []
    [held] = flags(a, "held_back")
    assert doc.id in held and "the sync server or a device of this space runs an older Liaison" in held


def push_raw(vault: Vault, server_url: str, body: list[Any]) -> str:
    """Seal and push a change set of any shape under the vault's next sequence number (what a
    device of a later release would send), recorded as pushed in its outbox."""
    cfg = sync_state.require(vault)
    own = sync_state.device_keys(vault)
    epoch, key = sync_state.current_epoch(vault)
    seq = sync_log.next_device_seq(vault)
    change_id = uuid.uuid4().hex
    body[1] = change_id
    header = envelope.Header(envelope.FORMAT, cfg.space_id, vault.device_id, seq, epoch, change_id)
    sealed = envelope.seal(msgpack.packb(body, use_bin_type=True), header, key, own).to_bytes()
    with ApiClient(HttpTransport(server_url), vault.device_id, own) as client:
        client.push([sealed])
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_change_sets(change_id, first_op, last_op, audit_first, audit_last, "
            "device_seq, epoch, pushed) VALUES (?, 0, -1, 1, 0, ?, ?, 1)",
            (change_id, seq, epoch),
        )
    return change_id


def test_a_newer_format_stops_the_pull_there_and_says_to_update(
    server: ServerProcess, tmp_path: Path
) -> None:
    a, b = enrol(server.url, tmp_path, 2)
    before = records.insert(a, Case(reference="FMT-4", title="before"))
    service.now(a)
    future = push_raw(
        a, server.url, [changeset.READS + 1, "", [], [], [], None, ["what a later release adds"]]
    )
    after = records.insert(a, Case(reference="FMT-5", title="after"))
    service.now(a)
    with pytest.raises(SyncFormatTooNew) as stopped:
        service.now(b)
    message = str(stopped.value)
    assert "update Liaison" in message and future in message and "desk" in message
    assert f"format {changeset.READS + 1}" in message
    # what came before it is applied; it and what follows wait (order matters)
    assert records.find(b, Case, "id = ?", (before.id,)) and not records.find(b, Case, "id = ?", (after.id,))
    [flag] = flags(b, "update_needed")
    assert "update Liaison" in flag
    with pytest.raises(SyncFormatTooNew):
        service.now(b)  # still stopped, still said, flagged once
    assert len(flags(b, "update_needed")) == 1
    assert not records.find(b, Case, "id = ?", (after.id,))


def test_an_erasure_waits_too_and_a_revoked_device_holds_nothing_back(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = enrol(server.url, tmp_path, 3)
    case = records.insert(a, Case(reference="FMT-6", title="shared"))
    doc = keep(a, case.id)
    for vault in (a, b, c, a):
        service.now(vault)
    assert attachments.data(c, doc.id) == DOC
    monkeypatch.setattr(changeset, "READS", 1)
    service.now(b)  # b now announces format 1, as a device on the previous release
    monkeypatch.undo()
    attachments.delete(c, doc.id)
    service.now(c)
    service.now(a)
    assert attachments.find(a) != []  # the erasure waits: it is format 2, which b does not read
    [flag] = flags(c, "held_back")
    assert f"erasure of attachment {doc.id} waits" in flag and "device laptop1" in flag
    # b is revoked rather than updated: it no longer holds anything back
    service.revoke(a, b.device_id)
    service.now(c)
    service.now(a)
    assert attachments.find(a) == [] and flags(c, "held_back") == []
