"""Large documents and oversized change sets through the blob store of a real ``liaison-server``
on loopback, on SQLite and on PostgreSQL.

A document over 12 MiB goes up in encrypted 4 MiB chunks and comes down whole and checked; the
server's database files never hold its text; an upload cut mid-way resumes with the chunks the
server lacks; a download cut mid-way applies nothing of its change set until it completes. A
change set whose ops alone overflow an envelope goes through the same path as one unit, and the
pushes after it are not held up. The blob routes refuse what they must (size, owner, quota).
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from liaison.domain import Case, Contact
from liaison.errors import SyncIntegrityError, SyncRejected, SyncUnavailable
from liaison.server.storage import make_engine
from liaison.services.sync import service
from liaison.store import attachments, records, sync_log, sync_state
from liaison.store.vault import Vault
from liaison.sync import blobs, changeset, envelope
from liaison.sync import client as client_module
from liaison.sync.changeset import BlobRef
from liaison.sync.client import ApiClient
from liaison.sync.transport import HttpTransport, RawResponse
from tests.liaison.sync.servers import PostgresCluster, ServerProcess
from tests.liaison.sync.test_real_servers import enrol

pytestmark = pytest.mark.loopback

CANARY = b"CANARY-l4rge-d0c witness statement "


def big_document(size: int) -> bytes:
    """Incompressible bytes with the canary text all through it (as a scan's text layer)."""
    rng = random.Random(7)
    parts, total = [], 0
    while total < size:
        part = CANARY + rng.randbytes(64 * 1024)
        parts.append(part)
        total += len(part)
    return b"".join(parts)[:size]


def keep_document(vault: Vault, case_id: str, data: bytes, name: str) -> attachments.Attachment:
    """A PDF kept with a case, as an officer adds a scanned file."""
    new = attachments.NewAttachment(case_id=case_id, name=name, media_type="application/pdf", role="received")
    return attachments.insert(vault, new, data)


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[ServerProcess, Path | None]]:
    """A real server, and the folder holding its database files (SQLite file or cluster data)."""
    if request.param == "sqlite":
        proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
        files: Path | None = tmp_path
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        proc = ServerProcess(cluster.new_database()).start()
        files = cluster.data
    yield proc, files
    proc.stop()


def database_bytes(proc: ServerProcess, files: Path | None) -> bytes:
    if proc.db_url.startswith("postgresql"):
        engine = sa.create_engine(proc.db_url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.connect() as conn:
            conn.execute(sa.text("CHECKPOINT"))
        engine.dispose()
    assert files is not None
    return b"".join(p.read_bytes() for p in files.rglob("*") if p.is_file())


class Flaky:
    """The real HTTP transport, failing the requests ``fail`` picks (as a cut connection would)."""

    def __init__(self, url: str, fail: object) -> None:
        self.inner, self.fail, self.puts = HttpTransport(url), fail, 0

    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        if callable(self.fail) and self.fail(method, path):
            raise SyncUnavailable("cut by the test")
        if method == "PUT":
            self.puts += 1
        return self.inner.send(method, path, query, body, headers)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture(autouse=True)
def no_back_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_module.random, "uniform", lambda _a, _b: 0.0)


def test_a_document_over_12_mib_syncs_in_chunks_and_resumes_after_cuts(
    server: tuple[ServerProcess, Path | None], tmp_path: Path
) -> None:
    proc, files = server
    a, b = enrol(proc.url, tmp_path, 2)
    data = big_document(changeset.MAX_FILE + 6 * 1024 * 1024)  # 18 MiB: five chunks
    with a.transaction():
        case = records.insert(a, Case(reference="BIG-1", title="scanned file"))
        doc = keep_document(a, case.id, data, "scan.pdf")
    # the link drops after two chunks are up: the push stops, and resumes with the other three
    first = Flaky(proc.url, lambda method, path: method == "PUT" and first.puts >= 2)
    with pytest.raises(SyncUnavailable):
        service.now(a, factory=lambda _u, _p: first)
    assert first.puts == 2 and sync_log.pending_count(a) == 1
    second = Flaky(proc.url, None)
    service.now(a, factory=lambda _u, _p: second)
    assert second.puts == blobs.chunk_count(len(data)) - 2 and sync_log.pending_count(a) == 0
    # the download is cut at chunk 3: nothing of the change set is applied, not even its case;
    # the chunks that came wait beside the vault, encrypted, and the next sync fetches the rest
    cut = Flaky(proc.url, lambda method, path: method == "GET" and path.endswith("/3"))
    with pytest.raises(SyncUnavailable):
        service.now(b, factory=lambda _u, _p: cut)
    assert attachments.find(b) == [] and records.find(b, Case, "id = ?", (case.id,)) == []
    waiting = [p for p in (tmp_path / "r1.db.sync-chunks").rglob("*") if p.is_file()]
    assert len(waiting) == 3 and all(CANARY not in p.read_bytes() for p in waiting)
    fetched: list[str] = []
    rest = Flaky(proc.url, lambda method, path: fetched.append(path) if "/blobs/" in path else False)
    service.now(b, factory=lambda _u, _p: rest)
    assert sorted(p.rsplit("/", 1)[1] for p in fetched) == ["3", "4"]
    assert not (tmp_path / "r1.db.sync-chunks").exists() or not any(
        (tmp_path / "r1.db.sync-chunks").iterdir()
    )
    assert attachments.data(b, doc.id) == data and records.find(b, Case, "id = ?", (case.id,))
    assert attachments.get(b, doc.id).sha256 == doc.sha256
    # the server relays ciphertext only: the document's words are nowhere in its database files
    stored = database_bytes(proc, files)
    assert len(stored) > len(data) and CANARY not in stored


def test_a_change_set_whose_ops_overflow_an_envelope_goes_whole_and_later_pushes_follow(
    server: tuple[ServerProcess, Path | None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proc, _files = server
    a, b = enrol(proc.url, tmp_path, 2)
    monkeypatch.setattr(
        envelope, "MAX_ENVELOPE", 64 * 1024
    )  # these clients' bound: 2,000 contacts overflow it
    with a.transaction():
        imported = [
            records.insert(a, Contact(full_name=f"Officer {i} {os.urandom(8).hex()}", unit="import"))
            for i in range(2000)
        ]
    service.now(a)
    later = records.insert(a, Contact(full_name="after the import", unit="desk"))
    service.now(a)
    assert sync_log.pending_count(a) == 0
    service.now(b)
    got = {c.id for c in records.find(b, Contact)}
    assert {c.id for c in imported} | {later.id} == got
    # applied as one change set: one sync.apply entry for the 2,000 contacts
    applied = b.conn.execute("SELECT detail FROM audit_log WHERE action = 'sync.apply'").fetchall()
    assert any(
        '"ops": ' in d[0] and int(d[0].split('"ops": ')[1].split("}")[0].split(",")[0]) >= 2000
        for d in applied
    )


def test_an_oversized_change_set_waits_for_a_device_on_an_older_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    try:
        a, b = enrol(proc.url, tmp_path, 2)
        monkeypatch.setattr(changeset, "READS", 1)
        service.now(b)  # b announces format 1
        monkeypatch.setattr(changeset, "READS", 3)
        monkeypatch.setattr(envelope, "MAX_ENVELOPE", 64 * 1024)
        small = records.insert(a, Contact(full_name="before", unit="desk"))
        with a.transaction():
            for i in range(2000):
                records.insert(a, Contact(full_name=f"Officer {i} {os.urandom(8).hex()}", unit="import"))
        service.now(a)
        [flag] = [f["detail"] for f in service.status(a).flags if f["what"] == "held_back"]
        assert "device laptop1 runs an older Liaison" in flag and "MiB envelope" in flag
        assert sync_log.pending_count(a) == 1  # the earlier change set went; this one waits
        service.now(b)
        assert [c.id for c in records.find(b, Contact)] == [small.id]
        service.now(b)  # updated: announces format 3
        service.now(a)
        service.now(b)
        assert len(records.find(b, Contact)) == 2001
        assert [f for f in service.status(a).flags if f["what"] == "held_back"] == []
    finally:
        proc.stop()


def test_the_blob_routes_refuse_wrong_sizes_other_owners_and_over_quota(tmp_path: Path) -> None:
    proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}", extra=["--blob-quota-mib", "5"]).start()
    try:
        a, b = enrol(proc.url, tmp_path, 2)
        clients = [
            ApiClient(HttpTransport(proc.url), v.device_id, sync_state.device_keys(v), retries=0)
            for v in (a, b)
        ]
        ca, cb = clients
        ref = BlobRef("blob-test-1", 10, "0" * 64, b"k" * 32)
        ca.put_chunk(ref.id, 0, 10, blobs.seal_chunk(ref, 0, b"0123456789"))
        ca.put_chunk(ref.id, 0, 10, blobs.seal_chunk(ref, 0, b"0123456789"))  # again: kept as it was
        assert ca.blob_chunks(ref.id) == {0} and cb.blob_chunks("no-such-blob") == set()
        assert blobs.open_chunk(ref, 0, cb.get_chunk(ref.id, 0)) == b"0123456789"
        refusals = [
            (lambda: ca.put_chunk("blob-test-2", 0, 10, b"x" * 5), 400),  # not 10 + 16 bytes
            (lambda: ca.put_chunk("blob-test-2", 1, 10, b"x" * 26), 400),  # past the last chunk
            (lambda: cb.put_chunk(ref.id, 0, 10, b"y" * 26), 409),  # another device's blob
            (lambda: ca.put_chunk("blob-big", 0, changeset.MAX_BLOB + 1, b"x" * 26), 413),
            (lambda: cb.get_chunk(ref.id, 1), 404),
        ]
        for call, status in refusals:
            with pytest.raises(SyncRejected) as refused:
                call()
            assert refused.value.status == status, refused.value
        # a device's blobs stay under its quota (5 MiB here): a second 4 MiB chunk is refused
        full = BlobRef("blob-quota", blobs.CHUNK * 2, "0" * 64, b"q" * 32)
        ca.put_chunk(full.id, 0, full.size, blobs.seal_chunk(full, 0, b"\0" * blobs.CHUNK))
        with pytest.raises(SyncRejected, match="quota") as over:
            ca.put_chunk(full.id, 1, full.size, blobs.seal_chunk(full, 1, b"\0" * blobs.CHUNK))
        assert over.value.status == 413
        # numbers that are not ASCII digits (str.isdigit() takes "²"): a 400, never a 5xx
        for call in (
            lambda: ca.call("GET", f"/blobs/{ref.id}/\u00b2"),
            lambda: ca.call("PUT", f"/blobs/{ref.id}/0", query="size=%C2%B2", body=b"x" * 26),
            lambda: ca.call("GET", "/devices", query="reads=%C2%B2"),
        ):
            with pytest.raises(SyncRejected) as bad:
                call()
            assert bad.value.status == 400
        # unsigned: refused before anything else
        unsigned = HttpTransport(proc.url)
        assert unsigned.send("GET", f"/v1/blobs/{ref.id}/0", "", b"", {}).status == 401
        unsigned.close()
        for c in clients:
            c.close()
        with contextlib.closing(sqlite3.connect(tmp_path / "server.db")) as db:
            assert db.execute("SELECT count(*) FROM blob_chunks").fetchone() == (2,)
    finally:
        proc.stop()


@pytest.mark.slow
def test_a_change_set_with_more_ops_than_a_receiver_takes_inline_goes_as_one_unit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More ops than a change set takes inline (200,000: an import of 50,000 contacts in one
    transaction) go as one unit through the blob store, and the push after them follows. The
    limit is lowered to 2,000 ops so that 1,000 contacts cross it in seconds; the envelope stays
    far below its 16 MiB, so the op count alone sends it the blob way."""
    monkeypatch.setattr(changeset, "MAX_OPS", 2_000)
    proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    try:
        a, b = enrol(proc.url, tmp_path, 2)
        with a.transaction():
            for i in range(1_000):
                records.insert(a, Contact(full_name=f"Imported officer {i}", unit=f"unit {i % 97}"))
        assert sync_log.pending_count(a) == 1  # one transaction, one change set
        service.now(a)
        later = records.insert(a, Contact(full_name="after the import", unit="desk"))
        service.now(a)
        service.now(b)
        assert len(records.find(b, Contact)) == 1_001 and records.find(b, Contact, "id = ?", (later.id,))
        assert sync_log.pending_count(a) == 0
        with contextlib.closing(sqlite3.connect(tmp_path / "server.db")) as db:
            assert db.execute("SELECT count(*) FROM blobs").fetchone() == (1,)
    finally:
        proc.stop()


def test_a_server_that_swaps_chunks_is_caught_and_nothing_is_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    try:
        a, b = enrol(proc.url, tmp_path, 2)
        data = big_document(2 * blobs.CHUNK + 1000)  # three chunks
        monkeypatch.setattr(sync_log, "MAX_FILE", 1024)  # this writer's inline limit
        with a.transaction():
            case = records.insert(a, Case(reference="BIG-2", title="tampered"))
            keep_document(a, case.id, data, "scan.pdf")
        service.now(a)
        with contextlib.closing(sqlite3.connect(tmp_path / "server.db")) as db, db:  # a hostile server
            assert db.execute("SELECT count(*) FROM blob_chunks").fetchone() == (3,)
            db.execute("UPDATE blob_chunks SET idx = 9 WHERE idx = 0")
            db.execute("UPDATE blob_chunks SET idx = 0 WHERE idx = 1")
            db.execute("UPDATE blob_chunks SET idx = 1 WHERE idx = 9")
        with pytest.raises(SyncIntegrityError, match="does not decrypt"):
            service.now(b)
        assert attachments.find(b) == [] and records.find(b, Case, "id = ?", (case.id,)) == []
    finally:
        proc.stop()


def test_a_document_erased_before_its_upload_finished_leaves_its_change_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    try:
        a, b = enrol(proc.url, tmp_path, 2)
        monkeypatch.setattr(sync_log, "MAX_FILE", 1024)  # this writer's inline limit
        with a.transaction():
            case = records.insert(a, Case(reference="BIG-3", title="erased meanwhile"))
            doc = keep_document(a, case.id, big_document(blobs.CHUNK + 10), "s.pdf")
        down = Flaky(proc.url, lambda method, _path: method == "PUT")  # sealed, then cut before any chunk
        with pytest.raises(SyncUnavailable):
            service.now(a, factory=lambda _u, _p: down)
        attachments.delete(a, doc.id)
        service.now(a)
        service.now(b)
        assert records.find(b, Case, "id = ?", (case.id,)) and attachments.find(b) == []
        assert sync_log.pending_count(a) == 0
    finally:
        proc.stop()


def _downgrade_to_previous_release(db_url: str) -> None:
    """The server database as the previous release left it: migration 0001 only."""
    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(resources.files("liaison.server") / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001_initial")
    engine.dispose()


def test_a_server_database_of_the_previous_release_upgrades_and_devices_announce_again(
    server: tuple[ServerProcess, Path | None], tmp_path: Path
) -> None:
    proc, _files = server
    a, b = enrol(proc.url, tmp_path, 2)
    case = records.insert(a, Case(reference="UPG-1", title="before the upgrade"))
    service.now(a)
    service.now(b)
    proc.stop()
    _downgrade_to_previous_release(proc.db_url)
    proc.start()  # migrates to this release's schema; nobody has announced a format yet
    doc = keep_document(a, case.id, big_document(changeset.MAX_FILE + 1000), "s.pdf")
    service.now(a)  # b has not said what it reads: format 1, the document waits
    assert sync_log.held_back(a) == {doc.id: 2}
    service.now(b)  # b announces format 3
    service.now(a)
    service.now(b)
    assert attachments.get(b, doc.id).sha256 == doc.sha256 and sync_log.held_back(a) == {}


def test_leaving_drops_the_chunks_of_an_unfinished_download(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    try:
        a, b = enrol(proc.url, tmp_path, 2)
        monkeypatch.setattr(sync_log, "MAX_FILE", 1024)
        case = records.insert(a, Case(reference="BIG-4", title="left before it came"))
        keep_document(a, case.id, big_document(blobs.CHUNK + 10), "s.pdf")
        service.now(a)
        cut = Flaky(proc.url, lambda method, path: method == "GET" and path.endswith("/1"))
        with pytest.raises(SyncUnavailable):
            service.now(b, factory=lambda _u, _p: cut)
        cache = tmp_path / "r1.db.sync-chunks"
        assert len([p for p in cache.rglob("*") if p.is_file()]) == 1
        service.leave(b)
        assert not cache.exists()
    finally:
        proc.stop()
