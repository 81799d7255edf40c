"""The audit chain: complete for each kind of event, and any tampering is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.domain import Contact
from liaison.errors import AuditChainBroken
from liaison.services import catalog, export
from liaison.services import search as search_service
from liaison.store import audit
from liaison.store.vault import Vault, unlock
from tests.conftest import PASSPHRASE


def _activity(vault: Vault, tmp_path: Path) -> None:
    contact = catalog.contacts.add(vault, Contact(full_name="Audit Subject"))
    catalog.contacts.edit(vault, contact.id, {"unit": "Cyber"})
    search_service.search(vault, "audit")
    export.export_json(vault, tmp_path / "export.json")
    catalog.contacts.delete(vault, contact.id)


def test_every_kind_of_event_is_logged(vault_path: Path, vault: Vault, tmp_path: Path) -> None:
    _activity(vault, tmp_path)
    vault.close()
    with unlock(vault_path, PASSPHRASE) as reopened:
        actions = [e.action for e in audit.entries(reopened)]
        assert audit.verify(reopened) == len(actions)
    for expected in (
        "vault.create",
        "record.create",
        "record.update",
        "search",
        "export",
        "record.delete",
        "vault.unlock",
        "vault.open",
    ):
        assert expected in actions
    exported = next(e for e in audit.entries(unlock(vault_path, PASSPHRASE)) if e.action == "export")
    assert len(exported.detail["sha256"]) == 64


def _break(vault: Vault, sql: str, *params: object) -> list[str]:
    vault.conn.execute(sql, params)
    with pytest.raises(AuditChainBroken) as caught:
        audit.verify(vault)
    return caught.value.problems


def test_edited_entry_is_named(vault: Vault, tmp_path: Path) -> None:
    _activity(vault, tmp_path)
    problems = _break(vault, 'UPDATE audit_log SET detail = \'{"query": "nothing"}\' WHERE seq = 4')
    assert problems[0].startswith("entry #4") and "edited" in problems[0]


def test_removed_entry_is_named(vault: Vault, tmp_path: Path) -> None:
    _activity(vault, tmp_path)
    problems = _break(vault, "DELETE FROM audit_log WHERE seq = 3")
    assert "#3" in problems[0] and "removed" in problems[0]


def test_removed_newest_entries_are_detected(vault: Vault, tmp_path: Path) -> None:
    _activity(vault, tmp_path)
    last = vault.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    problems = _break(vault, "DELETE FROM audit_log WHERE seq >= ?", last - 1)
    assert "newest entries were removed" in problems[-1]


def test_reordered_entries_are_detected(vault: Vault, tmp_path: Path) -> None:
    _activity(vault, tmp_path)
    conn = vault.conn
    conn.execute("UPDATE audit_log SET seq = -1 WHERE seq = 3")
    conn.execute("UPDATE audit_log SET seq = 3 WHERE seq = 4")
    problems = _break(vault, "UPDATE audit_log SET seq = 4 WHERE seq = -1")
    assert any("#3" in p for p in problems) and any("#4" in p for p in problems)


def test_untouched_chain_verifies(vault: Vault, tmp_path: Path) -> None:
    _activity(vault, tmp_path)
    assert audit.verify(vault) > 5


def test_full_check_reports_a_tampered_chain(vault: Vault, tmp_path: Path) -> None:
    from liaison.services import vault as vault_service

    _activity(vault, tmp_path)
    assert vault_service.check(vault) == []
    vault.conn.execute("DELETE FROM audit_log WHERE seq = 2")
    problems = vault_service.check(vault)
    assert problems and "#2" in problems[0]
