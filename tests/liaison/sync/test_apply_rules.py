"""What applying a pull must enforce beyond merging: the local input rules (a hostile but enrolled
device cannot plant control or bidi characters), the far-future stamp flag, and note revision
numbers that stay unique after a merge."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.domain import Case, Contact, Note
from liaison.services.sync import service
from liaison.store import audit, notes, records
from liaison.store.clock import HybridClock
from liaison.store.vault import Vault
from tests.liaison.sync.inprocess import Server, space_of


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(f"sqlite:///{tmp_path / 'server.db'}")
    yield srv
    srv.close()


def _plant(vault: Vault, record_id: str, field: str, value: str) -> None:
    """What a modified client could send: a value its own write path would refuse, written
    straight into its op log (the op and row are this vault's own; only the checks are skipped)."""
    with vault.transaction() as conn:
        conn.execute(
            "UPDATE ops SET value = ? WHERE record_id = ? AND field = ?",
            (json.dumps(value), record_id, field),
        )


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("full_name", "Ana\x1b]0;pwned\x07 Silva", "control character U+001B"),
        ("full_name", "Ana \u202eavliS", "bidirectional control U+202E"),
        ("unit", "line one\nline two", "line break"),
    ],
)
def test_a_change_set_the_input_rules_refuse_is_not_applied_and_is_flagged(
    server: Server, tmp_path: Path, field: str, value: str, why: str
) -> None:
    a, b = space_of(server, tmp_path, 2)
    planted = records.insert(a, Contact(full_name="Ana Silva", unit="Fraud"))
    _plant(a, planted.id, field, value)
    service.now(a, factory=server.factory)
    report = service.now(b, factory=server.factory)
    assert records.find(b, Contact) == []
    assert len(report.refused) == 1 and why in report.refused[0]
    flags = service.status(b).flags
    assert [(f["what"], f["device"]) for f in flags] == [("refused", a.device_id)]
    assert value not in json.dumps(flags)  # the flag names the rule, never the planted text
    # the device's later, honest change sets still arrive: the refusal does not stop the sync
    case = records.insert(a, Case(reference="AFTER", title="honest"))
    service.now(a, factory=server.factory)
    service.now(b, factory=server.factory)
    assert records.get(b, Case, case.id).title == "honest"


def test_a_multiline_field_keeps_its_line_breaks_through_sync(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    contact = records.insert(a, Contact(full_name="Ana Silva", notes="met twice\nprefers e-mail"))
    service.now(a, factory=server.factory)
    report = service.now(b, factory=server.factory)
    assert report.refused == []
    assert records.get(b, Contact, contact.id).notes == "met twice\nprefers e-mail"


def test_a_stamp_more_than_a_day_ahead_is_accepted_and_flagged_with_its_device(
    server: Server, tmp_path: Path
) -> None:
    a, b = space_of(server, tmp_path, 2)
    a.clock = HybridClock(wall=lambda: time.time_ns() // 1_000_000 + 30 * 3600 * 1000)  # 30 h fast
    contact = records.insert(a, Contact(full_name="Ana Silva", unit="Fraud"))
    service.now(a, factory=server.factory)
    report = service.now(b, factory=server.factory)
    assert records.get(b, Contact, contact.id).unit == "Fraud"  # accepted
    assert report.future_flagged == [a.device_id]
    flags = service.status(b).flags
    assert [(f["what"], f["device"]) for f in flags] == [("future_stamp", a.device_id)]


def test_only_the_device_with_the_fast_clock_is_flagged_not_those_that_carried_its_stamp(
    server: Server, tmp_path: Path
) -> None:
    """b applies a's 30-hours-fast stamp and its clock moves past it (so b's next edit still wins);
    b's honest edit then carries a stamp as far ahead, but the wrong clock is a's, on every device."""
    a, b, c = space_of(server, tmp_path, 3)
    a.clock = HybridClock(wall=lambda: time.time_ns() // 1_000_000 + 30 * 3600 * 1000)  # 30 h fast
    contact = records.insert(a, Contact(full_name="Ana Silva", unit="Fraud"))
    service.now(a, factory=server.factory)
    assert service.now(b, factory=server.factory).future_flagged == [a.device_id]
    records.update(b, Contact, contact.id, {"unit": "Cybercrime"})  # after seeing a's edit: it wins
    service.now(b, factory=server.factory)
    assert service.now(c, factory=server.factory).future_flagged == [a.device_id]
    assert service.now(a, factory=server.factory).future_flagged == []
    for vault in (a, c):
        assert records.get(vault, Contact, contact.id).unit == "Cybercrime"
        assert {f["device"] for f in service.status(vault).flags} <= {a.device_id}
    assert [f["device"] for f in service.status(c).flags] == [a.device_id]


def test_a_stamp_a_few_hours_ahead_is_not_flagged(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    a.clock = HybridClock(wall=lambda: time.time_ns() // 1_000_000 + 20 * 3600 * 1000)  # 20 h fast
    records.insert(a, Contact(full_name="Ana Silva"))
    service.now(a, factory=server.factory)
    assert service.now(b, factory=server.factory).future_flagged == []
    assert service.status(b).flags == []


def test_note_revision_numbers_do_not_repeat_after_a_merge(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    case = records.insert(a, Case(reference="OP-1", title="Harbour"))
    note = notes.add(a, Note(case_id=case.id, title="n", body="first text"))
    for vault in (a, b):
        service.now(vault, factory=server.factory)
    # offline: b edits twice (revisions 2, 3), then a edits once, later (revision 2, the winner)
    notes.edit(b, note.id, body="b's second text")
    notes.edit(b, note.id, body="b's third text")
    a.clock = HybridClock(wall=lambda: time.time_ns() // 1_000_000 + 60_000)  # a's edit is later:
    notes.edit(a, note.id, body="a's text")  # it wins, with the lower number
    for vault in (a, b, a):
        service.now(vault, factory=server.factory)
    assert records.get(a, Note, note.id).body == records.get(b, Note, note.id).body
    for vault in (a, b):
        edited = notes.edit(vault, note.id, body=f"after the merge on {vault.device_id[:6]}")
        numbers = [r.revision for r in notes.revisions(vault, note.id)]
        assert edited.revision == max(numbers)
        assert numbers.count(edited.revision) == 1
        assert edited.revision > 3


def test_the_senders_audit_entries_are_copied_under_its_device(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    contact = records.insert(a, Contact(full_name="Ana Silva"))
    records.update(a, Contact, contact.id, {"unit": "Fraud"})
    service.now(a, factory=server.factory)
    service.now(b, factory=server.factory)
    copied = [e for e in audit.entries(b) if e.action == "sync.remote" and e.record_id == contact.id]
    assert [(e.device_id, e.kind, e.detail["action"]) for e in copied] == [
        (a.device_id, "contact", "record.create"),
        (a.device_id, "contact", "record.update"),
    ]
    originals = [e for e in audit.entries(a) if e.record_id == contact.id]
    assert [e.detail["at"] for e in copied] == [e.at for e in originals]
    applied = [e for e in audit.entries(b) if e.action == "sync.apply"]
    assert applied and all(e.detail["device"] == a.device_id for e in applied)
    assert audit.verify(b) == len(audit.entries(b))  # chained like every other entry


def _conflict_rows(vault: Vault) -> list[tuple[object, ...]]:
    return vault.conn.execute(
        "SELECT loser_op, record_id, field, reason, winner_op, value FROM sync_conflicts ORDER BY loser_op"
    ).fetchall()


@pytest.mark.parametrize("then", ["edit", "delete"])
def test_a_local_write_to_a_record_in_conflict_moves_the_conflict_alike_everywhere(
    server: Server, tmp_path: Path, then: str
) -> None:
    """Found by the HTTP convergence test: a local edit (or delete) of a field in conflict left
    this device's conflict naming the old winner, while every other device, recomputing on
    receipt, named the new one."""
    a, b = space_of(server, tmp_path, 2)
    contact = records.insert(a, Contact(full_name="Ana Silva"))
    service.now(a, factory=server.factory)
    service.now(b, factory=server.factory)
    records.update(a, Contact, contact.id, {"unit": "Fraud"})
    records.update(b, Contact, contact.id, {"unit": "Cybercrime"})
    for vault in (a, b, a):
        service.now(vault, factory=server.factory)
    assert _conflict_rows(a) == _conflict_rows(b) and len(_conflict_rows(a)) == 1
    if then == "edit":
        records.update(b, Contact, contact.id, {"unit": "Fraud and cybercrime"})
    else:
        records.delete(b, Contact, contact.id)
    before_sync = _conflict_rows(b)
    for vault in (b, a):
        service.now(vault, factory=server.factory)
    assert _conflict_rows(a) == _conflict_rows(b) == before_sync
    assert before_sync[0][3] == ("field" if then == "edit" else "deleted")
