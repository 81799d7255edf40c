"""Garbage collection of the server's blob store, on a real ``liaison-server`` (SQLite and
PostgreSQL) on loopback.

The server cannot read change sets, so the client lists the blobs each change set references in
its (signed) push, and the server marks them. ``liaison-server gc`` (and ``serve``, every few
hours) removes only blobs that no stored change set references and that nobody touched for the
configured age: the chunks of an upload abandoned when its document was erased go; a document a
change set references never goes, however old; an upload cut a few days ago resumes. Time is
moved by ageing the rows' ``touched_at`` (the server's clock is not the test's to change).
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from liaison.domain import Case
from liaison.errors import SyncRejected, SyncUnavailable
from liaison.server import cli
from liaison.server.blobstore import BlobStore
from liaison.server.schema import blobs as blobs_table
from liaison.server.storage import Storage, make_engine, migrate
from liaison.services.sync import service
from liaison.store import attachments, records, sync_log, sync_state
from liaison.store.vault import Vault
from liaison.sync import blobs
from liaison.sync.client import ApiClient
from liaison.sync.transport import HttpTransport
from tests.liaison.sync.servers import BIN, PostgresCluster, ServerProcess
from tests.liaison.sync.test_large_sync import Flaky, big_document, no_back_off  # noqa: F401
from tests.liaison.sync.test_real_servers import enrol

pytestmark = pytest.mark.loopback

DAY = 86400.0


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerProcess]:
    if request.param == "sqlite":
        proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        proc = ServerProcess(cluster.new_database()).start()
    yield proc
    proc.stop()


def blob_rows(db_url: str) -> dict[str, tuple[bool, int]]:
    """Every blob on the server: id -> (referenced, chunks held)."""
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT b.id, b.referenced, (SELECT count(*) FROM blob_chunks c "
                    "WHERE c.space_id = b.space_id AND c.blob_id = b.id) FROM blobs b"
                )
            ).all()
    finally:
        engine.dispose()
    return {str(i): (bool(r), int(n)) for i, r, n in rows}


def age(db_url: str, blob_ids: set[str], days: float) -> None:
    """As if these blobs were last touched ``days`` earlier than they were."""
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            for blob_id in blob_ids:
                conn.execute(
                    sa.text("UPDATE blobs SET touched_at = touched_at - :s WHERE id = :i"),
                    {"s": days * DAY, "i": blob_id},
                )
    finally:
        engine.dispose()


def gc(db_url: str, *extra: str) -> str:
    done = subprocess.run(
        [str(BIN / "liaison-server"), "gc", "--db", db_url, *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def add_document(vault: Vault, reference: str, size: int) -> attachments.Attachment:
    with vault.transaction():
        case = records.insert(vault, Case(reference=reference, title="scanned file"))
        return attachments.insert(
            vault,
            attachments.NewAttachment(
                case_id=case.id, name=f"{reference}.pdf", media_type="application/pdf", role="received"
            ),
            big_document(size),
        )


def test_gc_removes_an_abandoned_upload_and_keeps_referenced_and_resuming_blobs(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proc = server
    a, b = enrol(proc.url, tmp_path, 2)
    monkeypatch.setattr(sync_log, "MAX_FILE", 1024)  # this writer's inline limit: two-chunk blobs
    two_chunks = blobs.CHUNK + 10

    kept = add_document(a, "GC-KEPT", two_chunks)
    service.now(a)  # pushed: its change set references the blob
    [referenced] = blob_rows(proc.db_url)
    assert blob_rows(proc.db_url)[referenced] == (True, 2)

    # abandoned: one chunk up, the link drops, the document is erased before the next sync
    erased = add_document(a, "GC-ERASED", two_chunks)
    cut = Flaky(proc.url, lambda method, _path: method == "PUT" and cut.puts >= 1)
    with pytest.raises(SyncUnavailable):
        service.now(a, factory=lambda _u, _p: cut)
    attachments.delete(a, erased.id)
    service.now(a)
    [abandoned] = set(blob_rows(proc.db_url)) - {referenced}
    assert blob_rows(proc.db_url)[abandoned] == (False, 1)

    # resuming: one chunk up, cut; the device comes back within the week
    resumed = add_document(a, "GC-RESUMED", two_chunks)
    cut2 = Flaky(proc.url, lambda method, _path: method == "PUT" and cut2.puts >= 1)
    with pytest.raises(SyncUnavailable):
        service.now(a, factory=lambda _u, _p: cut2)
    [in_progress] = set(blob_rows(proc.db_url)) - {referenced, abandoned}
    assert blob_rows(proc.db_url)[in_progress] == (False, 1)

    age(proc.db_url, {referenced, abandoned}, 30)
    age(proc.db_url, {in_progress}, 6)
    out = gc(proc.db_url)  # default age: 7 days
    assert "removed 1 abandoned blob(s)" in out and f"{blobs.CHUNK + 16} bytes" in out
    assert blob_rows(proc.db_url) == {referenced: (True, 2), in_progress: (False, 1)}
    assert gc(proc.db_url).startswith("removed 0 ")  # nothing else qualifies

    # the upload resumes with the one chunk the server lacks, and everything arrives whole
    resume = Flaky(proc.url, lambda _m, _p: False)
    service.now(a, factory=lambda _u, _p: resume)
    assert resume.puts == 1 and sync_log.pending_count(a) == 0
    assert blob_rows(proc.db_url)[in_progress] == (True, 2)
    service.now(b)
    assert attachments.get(b, kept.id).sha256 == kept.sha256
    assert attachments.get(b, resumed.id).sha256 == resumed.sha256
    assert {d.id for d in attachments.find(b)} == {kept.id, resumed.id}  # the erased one never came


def test_an_upload_collected_before_its_push_is_sent_again_and_a_push_naming_a_missing_blob_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A device offline longer than the age after uploading but before pushing: its blob was
    collected (nothing referenced it yet). The server refuses a push naming a missing or partial
    blob, storing nothing; the device's next sync uploads the blob again and the push goes."""
    db_url = f"sqlite:///{tmp_path / 'server.db'}"
    proc = ServerProcess(db_url).start()
    try:
        a, b = enrol(proc.url, tmp_path, 2)
        monkeypatch.setattr(sync_log, "MAX_FILE", 1024)
        doc = add_document(a, "GC-LATE", blobs.CHUNK + 10)
        no_push = Flaky(proc.url, lambda method, path: method == "POST" and path.endswith("/changes"))
        with pytest.raises(SyncUnavailable):
            service.now(a, factory=lambda _u, _p: no_push)
        [blob_id] = blob_rows(db_url)
        assert blob_rows(db_url)[blob_id] == (False, 2)
        age(db_url, {blob_id}, 8)
        assert gc(db_url, "--older-than-days", "7").startswith("removed 1 ")
        assert blob_rows(db_url) == {}

        # the stored envelope pushed by hand, naming the collected blob: refused, nothing stored
        [item] = sync_log.pending(a)
        assert item.envelope is not None
        client = ApiClient(HttpTransport(proc.url), a.device_id, sync_state.device_keys(a), retries=0)
        try:
            with pytest.raises(SyncRejected, match=f"blob {blob_id} is not on the server") as refused:
                client.push([item.envelope], {item.change_id: [blob_id]})
            assert refused.value.status == 409
            with pytest.raises(SyncRejected, match="not in this push") as stray:
                client.push([item.envelope], {"another-change": [blob_id]})
            assert stray.value.status == 400
        finally:
            client.close()
        service.now(b)
        assert attachments.find(b) == []  # nothing was stored

        service.now(a)  # uploads the blob again, then pushes
        assert blob_rows(db_url) == {blob_id: (True, 2)} and sync_log.pending_count(a) == 0
        service.now(b)
        assert attachments.get(b, doc.id).sha256 == doc.sha256
    finally:
        proc.stop()


def test_serve_collects_at_start_and_refuses_a_bad_age(tmp_path: Path) -> None:
    """``serve --gc-days`` collects when it starts (then every 6 hours)."""
    db_url = f"sqlite:///{tmp_path / 'server.db'}"
    proc = ServerProcess(db_url).start()
    try:
        a, _b = enrol(proc.url, tmp_path, 2)
        client = ApiClient(HttpTransport(proc.url), a.device_id, sync_state.device_keys(a), retries=0)
        ref = blobs.make_ref(b"s" * 32, "change-x", "doc", 10, "0" * 64)
        client.put_chunk(ref.id, 0, 10, blobs.seal_chunk(ref, 0, b"0123456789"))
        client.close()
        assert blob_rows(db_url) == {ref.id: (False, 1)}
        proc.stop()
        age(db_url, {ref.id}, 3)
        proc.extra = ["--gc-days", "2"]
        proc.start()
        for _ in range(100):  # the first round runs in a thread as the server starts
            if not blob_rows(db_url):
                break
            time.sleep(0.1)
        assert blob_rows(db_url) == {}
    finally:
        proc.stop()
    bad = subprocess.run(
        [str(BIN / "liaison-server"), "gc", "--db", db_url, "--older-than-days", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "--older-than-days: must be a positive number of days" in bad.stderr


def test_the_serving_loop_collects_again_after_its_interval(tmp_path: Path) -> None:
    """The periodic round ``serve`` starts (every 6 hours there; a fraction of a second here)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'loop.db'}")
    migrate(engine)
    cli._collect_every(BlobStore(Storage(engine)), 7, every=0.1)  # first round: nothing to do
    with engine.begin() as conn:  # then an upload abandoned 8 days ago appears
        conn.execute(
            blobs_table.insert().values(
                space_id="s",
                id="old",
                device_id="d",
                size=10,
                chunks=1,
                created_at=0.0,
                touched_at=time.time() - 8 * DAY,
                referenced=False,
            )
        )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            if conn.execute(sa.select(sa.func.count()).select_from(blobs_table)).scalar_one() == 0:
                break
        time.sleep(0.05)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(blobs_table)).scalar_one() == 0


def test_the_cut_upload_of_a_revoked_device_is_collected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url = f"sqlite:///{tmp_path / 'server.db'}"
    proc = ServerProcess(db_url).start()
    try:
        a, b = enrol(proc.url, tmp_path, 2)
        monkeypatch.setattr(sync_log, "MAX_FILE", 1024)
        service.now(b)  # announces what it reads
        add_document(b, "GC-REVOKED", blobs.CHUNK + 10)
        cut = Flaky(proc.url, lambda method, _path: method == "PUT" and cut.puts >= 1)
        with pytest.raises(SyncUnavailable):
            service.now(b, factory=lambda _u, _p: cut)
        [blob_id] = blob_rows(db_url)
        service.revoke(a, b.device_id)  # the laptop is lost: its upload will never finish
        age(db_url, {blob_id}, 6)
        assert gc(db_url).startswith("removed 0 ")  # younger than the age: kept
        age(db_url, {blob_id}, 2)
        assert gc(db_url).startswith("removed 1 ") and blob_rows(db_url) == {}
    finally:
        proc.stop()
