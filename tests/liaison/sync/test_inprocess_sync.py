"""Two and three vaults through the real server app in process: data, conflicts, deletes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.domain import Case, Contact, ContactRole, Note
from liaison.services.sync import service
from liaison.store import notes, records
from tests.liaison.sync.inprocess import Server, space_of


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(f"sqlite:///{tmp_path / 'server.db'}")
    yield srv
    srv.close()


def sync_all(server: Server, vaults: list, rounds: int = 2) -> None:
    for _ in range(rounds):
        for vault in vaults:
            service.now(vault, factory=server.factory)


def test_records_reach_the_other_vault(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    case = records.insert(a, Case(reference="OP-1", title="Harbour"))
    note = notes.add(a, Note(case_id=case.id, title="first", body="met the prosecutor"))
    sync_all(server, [a, b])
    assert records.get(b, Case, case.id).title == "Harbour"
    assert records.get(b, Note, note.id).body == "met the prosecutor"
    assert [r.body for r in notes.revisions(b, note.id)] == ["met the prosecutor"]


def test_concurrent_field_edits_keep_the_loser_as_a_conflict(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    contact = records.insert(a, Contact(full_name="Ana Silva", country="PT"))
    sync_all(server, [a, b])
    records.update(a, Contact, contact.id, {"unit": "Cybercrime"})
    records.update(b, Contact, contact.id, {"unit": "Fraud"})
    sync_all(server, [a, b])
    assert records.get(a, Contact, contact.id) == records.get(b, Contact, contact.id)
    winner = records.get(a, Contact, contact.id).unit
    for vault in (a, b):
        found = service.conflicts(vault)
        assert [(c.field, c.value, c.current) for c in found] == [
            ("unit", {"Cybercrime", "Fraud"}.difference({winner}).pop(), winner)
        ]
    loser_value = service.conflicts(a)[0].value
    service.resolve(
        a,
        service.conflicts(a)[0].id,
        "mine" if service.conflicts(a)[0].device_id == a.device_id else "theirs",
    )
    sync_all(server, [a, b])
    assert records.get(b, Contact, contact.id).unit == loser_value
    assert service.conflicts(a) == [] and service.conflicts(b) == []


def test_concurrent_note_edits_keep_both_texts(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    case = records.insert(a, Case(reference="OP-2", title="Ring"))
    note = notes.add(a, Note(case_id=case.id, title="t", body="v1"))
    sync_all(server, [a, b])
    notes.edit(a, note.id, body="text from A")
    notes.edit(b, note.id, body="text from B")
    sync_all(server, [a, b])
    for vault in (a, b):
        bodies = {r.body for r in notes.revisions(vault, note.id)}
        assert {"v1", "text from A", "text from B"} <= bodies
        assert [c.reason for c in service.conflicts(vault)] == ["note"]


def test_delete_against_edit_deletes_and_keeps_the_edit_restorable(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    contact = records.insert(a, Contact(full_name="Jan Kowalski", country="PL"))
    sync_all(server, [a, b])
    records.delete(a, Contact, contact.id)
    records.update(b, Contact, contact.id, {"role": ContactRole.PROSECUTOR})
    sync_all(server, [a, b])
    for vault in (a, b):
        assert records.find(vault, Contact) == []
        (conflict,) = service.conflicts(vault)
        assert (conflict.reason, conflict.field, conflict.value) == ("deleted", "role", "prosecutor")
    restored = service.resolve(b, service.conflicts(b)[0].id, "mine")
    assert restored is not None
    sync_all(server, [a, b])
    back = records.get(a, Contact, restored)
    assert (back.full_name, back.role.value) == ("Jan Kowalski", "prosecutor")
    assert service.conflicts(a) == [] and service.conflicts(b) == []


def test_local_only_records_never_leave(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    with a.transaction():
        private = records.insert(a, Case(reference="MINE", title="personal"))
        service.set_local_only(a, "case", private.id)
    shared = records.insert(a, Case(reference="OURS", title="shared"))
    sync_all(server, [a, b])
    assert [c.reference for c in records.find(b, Case)] == ["OURS"]
    assert shared.id != private.id


def test_a_local_only_record_shared_again_arrives_whole(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    with a.transaction():
        private = records.insert(a, Contact(full_name="Private Person", country="FR"))
        service.set_local_only(a, "contact", private.id)
    records.update(a, Contact, private.id, {"unit": "changed while private"})
    sync_all(server, [a, b])
    assert records.find(b, Contact) == []
    service.set_local_only(a, "contact", private.id, local=False)
    sync_all(server, [a, b])
    assert records.get(b, Contact, private.id) == records.get(a, Contact, private.id)
    assert records.get(b, Contact, private.id).unit == "changed while private"


def test_invitation_qr_code_carries_url_and_code() -> None:
    qr = service.invitation_qr("https://sync.agency.example", "ABCD-EFGH-JKMN")
    lines = qr.splitlines()
    assert len(lines) >= 12 and all(len(line) == len(lines[0]) for line in lines)
    assert set("".join(lines)) <= set(" █▀▄\x1b[0123456789;m")
