"""Deleting a record erases it from the file: not only the row, but every earlier value in the op
log, the full-text index, the note history, audit details, free pages and the WAL."""

from __future__ import annotations

import uuid
from pathlib import Path

from liaison.domain import Case, Contact
from liaison.services import catalog, notes
from liaison.services import search as search_service
from liaison.store import records
from liaison.store.vault import Vault, unlock
from tests.conftest import PASSPHRASE
from tests.helpers import decrypted_pages, raw_key


def _canary() -> str:
    return f"Erasecanary{uuid.uuid4().hex[:10]}"


def _table_hits(vault: Vault, needle: str) -> list[str]:
    """Every table (FTS shadow tables included) and column whose text contains the needle."""
    found = []
    tables = [r[0] for r in vault.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table == "search_index":  # the virtual table itself; its shadow tables are read below
            continue
        for row in vault.conn.execute(f"SELECT * FROM {table}"):
            for value in row:
                text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                if needle.lower() in text.lower():
                    found.append(table)
    return found


def _disk_hits(path: Path, needle: str) -> int:
    key = raw_key(path, PASSPHRASE)
    return sum(needle.lower().encode() in page.lower() for page in decrypted_pages(path, key))


def test_deleted_contact_and_note_are_gone_from_every_table_and_page(vault_path: Path, vault: Vault) -> None:
    name, remark, title, body, edit = (_canary() for _ in range(5))
    contact = catalog.contacts.add(vault, Contact(full_name=f"{name} Person", notes=remark))
    for round_ in range(3):
        catalog.contacts.edit(vault, contact.id, {"notes": f"{remark} round {round_}", "unit": name})
    case = catalog.cases.add(vault, Case(reference="CASE-ERASE-1", title="Erasure case"))
    note = notes.add(vault, case.id, f"{body} first", title)
    notes.edit(vault, note.id, body=f"{edit} second")
    notes.edit(vault, note.id, body=f"{edit} third {name}")
    assert search_service.search(vault, name)
    assert _disk_hits(vault_path, name) > 0  # the check below can see the canary when it is there

    catalog.contacts.delete(vault, contact.id)
    notes.delete(vault, note.id)

    for canary in (name, remark, title, body, edit):
        assert _table_hits(vault, canary) == [], canary
        assert _disk_hits(vault_path, canary) == 0, canary
    assert records.rebuild_from_ops(vault, Contact, contact.id) is None
    tombstones = vault.conn.execute(
        "SELECT count(*) FROM ops WHERE record_id = ? AND field = '_deleted' AND value = 'true'",
        (contact.id,),
    ).fetchone()[0]
    assert tombstones == 1
    vault.close()
    for canary in (name, remark, title, body, edit):
        assert _disk_hits(vault_path, canary) == 0, canary
    with unlock(vault_path, PASSPHRASE) as reopened:
        assert search_service.search(reopened, name) == []


def test_erasure_keeps_op_ids_and_stamps_for_sync(vault: Vault) -> None:
    contact = catalog.contacts.add(vault, Contact(full_name=f"{_canary()} Synced"))
    catalog.contacts.edit(vault, contact.id, {"unit": "Cyber"})
    query = "SELECT op_id, hlc, device_id, field FROM ops WHERE record_id = ? ORDER BY seq"
    before = vault.conn.execute(query, (contact.id,)).fetchall()
    catalog.contacts.delete(vault, contact.id)
    after = vault.conn.execute(query, (contact.id,)).fetchall()
    assert after[: len(before)] == before
    assert after[-1][3] == "_deleted"
    values = [r[0] for r in vault.conn.execute("SELECT value FROM ops WHERE record_id = ?", (contact.id,))]
    assert values == ["null"] * len(before) + ["true"]


def test_search_audit_keeps_no_searched_words(vault: Vault) -> None:
    name = _canary()
    search_service.search(vault, name)
    search_service.search(vault, name.upper())
    details = [r[0] for r in vault.conn.execute("SELECT detail FROM audit_log WHERE action = 'search'")]
    assert len(details) == 2 and all(name.lower() not in d.lower() for d in details)
    assert details[0] == details[1]  # an auditor can still tell two searches for the same words apart
