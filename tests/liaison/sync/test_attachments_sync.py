"""Case attachments through a real ``liaison-server`` on loopback: a document kept with a case on
one vault reaches the others whole (metadata and bytes, the server holding only ciphertext), a
translation made elsewhere comes back, an erasure reaches everyone and is final, an attachment of
a local-only case stays until the case is shared, one over the size limit stays and is flagged,
and one kept before attachments synced goes out once."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import msgpack
import pytest

from liaison.domain import Case
from liaison.errors import SyncIntegrityError
from liaison.services.sync import service
from liaison.store import attachments, records, sync_apply, sync_log
from liaison.store.vault import Vault
from liaison.sync import changeset, envelope
from tests.liaison.sync.servers import ServerProcess
from tests.liaison.sync.test_real_servers import enrol

pytestmark = pytest.mark.loopback

SECRET = b"%PDF-1.4 witness statement of CANARY-7d1f " + bytes(range(256)) * 40


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    yield proc
    proc.stop()


def sync_all(vaults: list[Vault], rounds: int = 2) -> None:
    for _ in range(rounds):
        for vault in vaults:
            service.now(vault)


def held(vault: Vault) -> dict[str, tuple[object, ...]]:
    """Every attachment of a vault, with its bytes: what must be the same on every device."""
    return {
        a.id: (
            a.case_id,
            a.request_id,
            a.name,
            a.media_type,
            a.role,
            a.language,
            a.derived_from,
            a.size,
            a.sha256,
            a.created_at,
            attachments.data(vault, a.id),
        )
        for a in attachments.find(vault)
    }


def keep(vault: Vault, case_id: str, data: bytes = SECRET, **extra: str) -> attachments.Attachment:
    fields = {"name": "statement.pdf", "media_type": "application/pdf", "role": "received", **extra}
    return attachments.insert(vault, attachments.NewAttachment(case_id=case_id, **fields), data)


def test_an_attachment_reaches_every_device_and_its_erasure_too(
    server: ServerProcess, tmp_path: Path
) -> None:
    a, b, c = enrol(server.url, tmp_path, 3)
    case = records.insert(a, Case(reference="ATT-1", title="fraud"))
    kept = keep(a, case.id, language="fr")
    sync_all([a, b, c])
    assert held(b) == held(a) == held(c)
    assert attachments.data(c, kept.id) == SECRET
    # the server relays ciphertext only: the document's words are nowhere in its database
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("server.db*"))
    assert b"CANARY-7d1f" not in stored and len(stored) > len(SECRET)
    # a translation made on another device comes back, tied to its original
    translation = keep(b, case.id, b"translated text", role="translation", derived_from=kept.id)
    sync_all([a, b, c])
    assert held(a) == held(b) == held(c)
    assert attachments.get(a, translation.id).derived_from == kept.id
    # erased on one device: gone everywhere, with its translation and its bytes
    attachments.delete(c, kept.id)
    sync_all([a, b, c])
    for vault in (a, b, c):
        assert held(vault) == {}
        assert vault.conn.execute("SELECT count(*) FROM attachment_data").fetchone()[0] == 0
    # an audit entry on the receivers names the sender, the id, the size and the hash, never the name
    entries = a.conn.execute("SELECT detail FROM audit_log WHERE action = 'sync.attach'").fetchall()
    assert entries and all("statement" not in e[0] for e in entries)


def test_erasure_is_final_and_a_deleted_case_keeps_no_attachment(
    server: ServerProcess, tmp_path: Path
) -> None:
    a, b = enrol(server.url, tmp_path, 2)
    case = records.insert(a, Case(reference="ATT-2", title="drugs"))
    sync_all([a, b])
    # concurrently: a keeps a document with the case, b deletes the case
    keep(a, case.id)
    records.delete(b, Case, case.id)
    sync_all([a, b])
    assert held(a) == held(b) == {}
    # concurrently: a erases a shared document while b shares it again (its case made public again)
    other = records.insert(a, Case(reference="ATT-3", title="theft"))
    doc = keep(a, other.id)
    sync_all([a, b])
    attachments.delete(a, doc.id)
    service.set_local_only(b, "case", other.id, True)
    service.set_local_only(b, "case", other.id, False)  # its attachments go out again
    sync_all([a, b])
    assert held(a) == held(b) == {}


def test_local_only_and_oversize_attachments_stay(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = enrol(server.url, tmp_path, 2)
    private = records.insert(a, Case(reference="ATT-4", title="personal"))
    service.set_local_only(a, "case", private.id, True)
    mine = keep(a, private.id)
    sync_all([a, b])
    assert held(b) == {}
    service.set_local_only(a, "case", private.id, False)
    sync_all([a, b])
    assert held(b) == held(a) and mine.id in held(b)
    # over the inline limit: through the blob store; over the document limit: kept here, flagged
    monkeypatch.setattr(sync_log, "MAX_FILE", 1000)
    monkeypatch.setattr(sync_log, "MAX_DOCUMENT", 2000)
    shared = records.insert(a, Case(reference="ATT-5", title="big"))
    big = keep(a, shared.id, b"x" * 1001)
    huge = keep(a, shared.id, b"z" * 2001)
    small = keep(a, shared.id, b"y" * 10)
    sync_all([a, b])
    assert big.id in held(b) and small.id in held(b) and huge.id not in held(b)
    assert held(b)[big.id] == held(a)[big.id]
    with contextlib.closing(sqlite3.connect(tmp_path / "server.db")) as db:  # it went as a blob
        assert db.execute("SELECT count(*), sum(size) FROM blobs").fetchone() == (1, 1001)
    flags = [f for f in service.status(a).flags if f["what"] == "kept_local"]
    assert len(flags) == 1 and huge.id in flags[0]["detail"] and "2001 bytes" in flags[0]["detail"]
    assert "sync limit" in flags[0]["detail"]


def test_attachments_kept_before_sync_shared_them_go_out_once(server: ServerProcess, tmp_path: Path) -> None:
    a, b = enrol(server.url, tmp_path, 2)
    case = records.insert(a, Case(reference="ATT-6", title="old"))
    sync_all([a, b])
    # what an older release wrote: the rows without a change set, listed by migration 0012
    with a.transaction() as conn:
        conn.execute(
            "INSERT INTO attachments (id, created_at, handling, case_id, request_id, name, media_type, "
            "role, language, derived_from, size, sha256) VALUES ('old-doc', '2026-01-02T03:04:05+00:00', "
            "'TLP:AMBER', ?, NULL, 'old.pdf', 'application/pdf', 'received', '', NULL, 3, "
            "'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')",
            (case.id,),
        )
        conn.execute("INSERT INTO attachment_data VALUES ('old-doc', ?)", (b"abc",))
        conn.execute("INSERT INTO sync_unshared_attachments VALUES ('old-doc')")
    sync_all([a, b])
    assert attachments.data(b, "old-doc") == b"abc"
    assert a.conn.execute("SELECT count(*) FROM sync_unshared_attachments").fetchone()[0] == 0
    assert sync_log.pending_count(a) == 0


def _file(data: bytes = b"%PDF-1.4 x", **changes: object) -> changeset.FileItem:
    item = changeset.FileItem(
        "doc-1", "2026-12-04T10:00:00+00:00", "TLP:AMBER", "case-1", None, "statement.pdf",
        "application/pdf", "received", "fr", None, hashlib.sha256(data).hexdigest(), data,
    )  # fmt: skip
    return dataclasses.replace(item, **changes)  # type: ignore[arg-type]


def test_the_change_set_format_carries_attachments_and_checks_them() -> None:
    plain = changeset.ChangeSet("c1", ())
    assert msgpack.unpackb(changeset.encode(plain))[0] == 1  # without attachments: format 1, as before
    full = changeset.ChangeSet("c2", (), (), (_file(),), ("gone-1",))
    assert changeset.decode(changeset.encode(full)) == full
    hostile = [
        dataclasses.replace(_file(), data=b"other bytes"),  # bytes that do not match the hash
        _file(role="script"),
        _file(media_type="not a type"),
        _file(case_id="../../etc"),
        _file(name=""),
    ]
    for bad in hostile:
        with pytest.raises(SyncIntegrityError):
            changeset.decode(changeset.encode(changeset.ChangeSet("c3", (), (), (bad,))))
    big = b"z" * (changeset.MAX_FILE + 1)
    with pytest.raises(SyncIntegrityError):
        changeset.decode(changeset.encode(changeset.ChangeSet("c4", (), (), (_file(big),))))


def test_an_attachment_name_the_app_would_refuse_is_not_applied(
    server: ServerProcess, tmp_path: Path
) -> None:
    a, b = enrol(server.url, tmp_path, 2)
    case = records.insert(a, Case(reference="ATT-7", title="names"))
    sync_all([a, b])
    # what a hostile but enrolled device could send: a name with a right-to-left override
    change = changeset.ChangeSet("c-bidi", (), (), (_file(case_id=case.id, name="cod\u202eexe.pdf"),))
    result = sync_apply.apply(b, a.device_id, 10_000, change, 0)
    assert result.refused and held(b) == {}
    assert any(f[2] == "refused" for f in sync_apply.flags(b))


def test_documents_that_do_not_fit_their_change_set_go_by_reference_with_the_ops(
    server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = enrol(server.url, tmp_path, 2)
    monkeypatch.setattr(envelope, "MAX_ENVELOPE", 4096)  # this client's bound only
    noise = os.urandom(6000)  # does not compress
    with a.transaction():
        case = records.insert(a, Case(reference="ATT-8", title="with a scan"))
        scan = keep(a, case.id, noise)
    sync_all([a, b])
    assert records.find(b, Case, "id = ?", (case.id,)) and attachments.data(b, scan.id) == noise
    assert [f for f in service.status(a).flags if f["what"] in ("kept_local", "held_back")] == []
