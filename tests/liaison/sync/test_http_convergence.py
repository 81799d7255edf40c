"""Convergence through the real thing: three vaults on a real ``liaison-server`` on loopback,
real envelopes (sealed, signed, pushed, pulled, verified, opened) and the real sync engine. Each
scenario makes concurrent offline edits on all three, then syncs them in random orders; after
everyone has synced twice, all three hold the same records and the same conflicts, and the
concurrent edits of one field are recorded as a conflict. Documents kept with cases, erased, and
lost with a deleted case end the same on all three too.

The property-based test (``test_convergence``) explores thousands of histories without the
network; these few scenarios check that the same holds end to end."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.domain import Case, Contact, Note
from liaison.services.sync import service
from liaison.store import attachments, notes, records
from liaison.store.vault import Vault
from tests.liaison.sync.servers import ServerProcess
from tests.liaison.sync.test_real_servers import enrol

pytestmark = pytest.mark.loopback


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(f"sqlite:///{tmp_path_factory.mktemp('conv') / 'server.db'}").start()
    yield proc
    proc.stop()


def state(vault: Vault) -> tuple[object, ...]:
    conflicts = vault.conn.execute(
        "SELECT loser_op, record_id, field, reason, winner_op, value FROM sync_conflicts ORDER BY loser_op"
    ).fetchall()
    return (
        sorted((c.id, c.full_name, c.unit, c.notes) for c in records.find(vault, Contact)),
        sorted((n.id, n.title, n.body) for n in records.find(vault, Note)),
        sorted((c.id, c.reference, c.title) for c in records.find(vault, Case)),
        conflicts,
        sorted((a.id, a.case_id, a.sha256, attachments.data(vault, a.id)) for a in attachments.find(vault)),
    )


def documents(rng: random.Random, vault: Vault) -> None:
    """Keep a document with a live case, erase one, or delete the second case (and with it its
    documents): attachments must end the same everywhere, whatever crosses what."""
    action = rng.choice(["keep", "keep", "erase", "drop"])
    cases = [c.id for c in records.find(vault, Case)]
    kept = attachments.find(vault)
    if action == "erase" and kept:
        attachments.delete(vault, rng.choice(kept).id)
    elif action == "drop" and DOOMED[0] in cases:
        records.delete(vault, Case, DOOMED[0])
    elif cases:
        body = f"document {rng.randrange(10**6)}".encode()
        new = attachments.NewAttachment(rng.choice(cases), "doc.pdf", "application/pdf", "received")
        attachments.insert(vault, new, body)


DOOMED: list[str] = []  # the case a scenario may delete


def offline_work(rng: random.Random, vaults: list[Vault], contacts: list[str], note_ids: list[str]) -> None:
    for _ in range(12):
        vault = rng.choice(vaults)
        live = [c for c in contacts if records.find(vault, Contact, "id = ?", (c,))]
        live.sort(key=lambda c: c != contacts[0])
        action = rng.choice(["create", "edit", "edit", "note", "delete", "document"])
        if action == "document":
            documents(rng, vault)
        elif action == "create" or not live:
            contacts.append(records.insert(vault, Contact(full_name=f"new {rng.randrange(999)}")).id)
        elif action == "edit":
            field = rng.choice(["unit", "notes", "full_name"])
            records.update(vault, Contact, rng.choice(live), {field: f"{field} {rng.randrange(999)}"})
        elif action == "note":
            live_notes = [n for n in note_ids if records.find(vault, Note, "id = ?", (n,))]
            if live_notes:
                notes.edit(vault, rng.choice(live_notes), body=f"text {rng.randrange(999)}")
        elif len(live) > 2:
            records.delete(vault, Contact, rng.choice(live[1:]))  # the first keeps its conflict


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_three_devices_converge_through_the_server(server: ServerProcess, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    vaults = enrol(server.url, tmp_path, 3)
    case = records.insert(vaults[0], Case(reference=f"OP-{seed}", title="shared"))
    DOOMED[:] = [records.insert(vaults[0], Case(reference=f"OP-{seed}-B", title="may go")).id]
    contacts = [records.insert(vaults[0], Contact(full_name=f"Contact {n}")).id for n in range(4)]
    note_ids = [notes.add(vaults[0], Note(case_id=case.id, title="n", body="first")).id]
    for vault in vaults:
        service.now(vault)
    service.now(vaults[0])
    # a certain conflict: two devices set the same field of the same contact, offline
    records.update(vaults[1], Contact, contacts[0], {"unit": "Fraud"})
    records.update(vaults[2], Contact, contacts[0], {"unit": "Cybercrime"})
    offline_work(rng, vaults, contacts, note_ids)
    for _round in range(2):  # syncs in random orders, some devices twice, some not at all
        for vault in rng.sample(vaults, rng.randint(1, 3)) + rng.sample(vaults, 1):
            service.now(vault)
        offline_work(rng, vaults, contacts, note_ids)
    for _ in range(2):
        for vault in rng.sample(vaults, 3):
            service.now(vault)
    states = [state(v) for v in vaults]
    assert states[0][4], "these seeds keep documents: the comparison above covered them"
    assert states[1] == states[0] and states[2] == states[0]
    conflicts = states[0][3]
    assert any(row[1] == contacts[0] and row[2] == "unit" for row in conflicts), conflicts
