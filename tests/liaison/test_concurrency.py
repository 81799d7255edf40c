"""Several connections on one vault: the desktop app stays open while CLI commands run.

A long-lived session cached the audit head and its clock; after another process wrote, its next
save failed with ``UNIQUE constraint failed: audit_log.seq``. A vault held busy by another process
gave a traceback after 5 s, even for a read.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from liaison.domain import Contact
from liaison.errors import VaultBusy
from liaison.services import catalog
from liaison.store import audit
from liaison.store.vault import Vault, unlock
from tests.conftest import PASSPHRASE
from tests.liaison.test_cli import _error_line
from tests.liaison.test_cli import run_process as run


def _last_op(vault: Vault, record_id: str) -> str:
    return str(vault.conn.execute("SELECT max(hlc) FROM ops WHERE record_id = ?", (record_id,)).fetchone()[0])


def test_two_connections_take_turns(vault: Vault, vault_path: Path) -> None:
    catalog.contacts.add(vault, Contact(full_name="Before"))
    other = unlock(vault_path, PASSPHRASE)
    try:
        theirs = catalog.contacts.add(other, Contact(full_name="From the other window"))
        ours = catalog.contacts.add(vault, Contact(full_name="From the first window"))  # failed: audit seq
        assert _last_op(vault, ours.id) > _last_op(vault, theirs.id)  # our clock moved past theirs
        again = catalog.contacts.add(other, Contact(full_name="Second from the other"))
        assert _last_op(other, again.id) > _last_op(other, ours.id)
    finally:
        other.close()
    assert audit.verify(vault) > 0
    assert len(catalog.contacts.list(vault)) == 4


def test_app_session_and_cli_process(vault: Vault, vault_path: Path) -> None:
    catalog.contacts.add(vault, Contact(full_name="App contact"))
    for n in range(2):
        result = run(vault_path, "contacts", "add", "--full-name", f"CLI contact {n}")
        assert result.returncode == 0, result.stderr
        catalog.contacts.add(vault, Contact(full_name=f"App contact after CLI {n}"))
    assert run(vault_path, "audit", "verify").returncode == 0
    assert audit.verify(vault) > 0
    names = {c.full_name for c in catalog.contacts.list(vault)}
    assert {"CLI contact 0", "CLI contact 1", "App contact after CLI 1"} <= names


def test_reads_work_while_another_process_writes(vault: Vault, vault_path: Path) -> None:
    catalog.contacts.add(vault, Contact(full_name="Already there"))
    with vault.transaction():  # this "app" holds the write lock for the whole block
        catalog.contacts.add(vault, Contact(full_name="Being written"))
        listing = run(vault_path, "contacts", "list", "--json")
        assert listing.returncode == 0, listing.stderr
        assert "Already there" in listing.stdout and "Being written" not in listing.stdout
        assert listing.stderr == ""
        started = time.monotonic()
        write = run(vault_path, "contacts", "add", "--full-name", "Blocked")
        assert time.monotonic() - started >= 4  # it waited for the lock, as busy_timeout says
        assert write.returncode == 75
        assert "vault in use" in _error_line(write)
    assert run(vault_path, "contacts", "add", "--full-name", "After").returncode == 0
    assert audit.verify(vault) > 0


def test_busy_inside_the_library_is_a_vault_error(vault: Vault, vault_path: Path) -> None:
    other = unlock(vault_path, PASSPHRASE)
    try:
        other.conn.execute("PRAGMA busy_timeout = 0")
        with vault.transaction(), pytest.raises(VaultBusy, match="vault in use"):
            catalog.contacts.add(other, Contact(full_name="x"))
    finally:
        other.close()


def test_unlock_while_busy_audits_later(vault: Vault, vault_path: Path) -> None:
    with vault.transaction():
        other = unlock(vault_path, PASSPHRASE)  # does not wait for the lock
    try:
        before = [e.action for e in audit.entries(vault)]
        catalog.contacts.add(other, Contact(full_name="Written after the lock was free"))
        actions = [e.action for e in audit.entries(other)]
        assert actions[len(before) :][:3] == ["vault.unlock", "vault.open", "record.create"]
    finally:
        other.close()
    assert audit.verify(vault) > 0


def test_search_works_while_another_process_writes(vault: Vault, vault_path: Path) -> None:
    catalog.contacts.add(vault, Contact(full_name="Ingrid Hansen"))
    run(vault_path, "search", "warmup")  # the first search creates the audit hash key
    with vault.transaction():
        catalog.contacts.add(vault, Contact(full_name="Being written"))
        found = run(vault_path, "search", "hansen", "--json")
        assert found.returncode == 0, found.stderr
        assert "Ingrid Hansen" in found.stdout
