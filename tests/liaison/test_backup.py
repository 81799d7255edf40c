"""Backup, restore and salvage: the ways back from a damaged or lost vault."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison.domain import Case, Contact
from liaison.errors import CorruptDatabase, VaultAlreadyExists
from liaison.services import catalog, notes
from liaison.services import vault as vault_service
from liaison.store.vault import Vault, header_path, unlock
from tests.conftest import PASSPHRASE
from tests.helpers import raw_key, snapshot

PAGE = 4096


def _fill(vault: Vault, count: int = 300) -> None:
    with vault.transaction():
        case = catalog.cases.add(vault, Case(reference="SALV-1", title="Salvage"))
        for n in range(count):
            catalog.contacts.add(vault, Contact(full_name=f"Contact number {n:04d}", notes="x" * 300))
        notes.add(vault, case.id, "A note that should survive", "Survivor")


def test_backup_is_encrypted_verified_and_opens_on_its_own(
    vault_path: Path, vault: Vault, tmp_path: Path
) -> None:
    _fill(vault, 20)
    vault.close()
    target = tmp_path / "backups" / "field-backup.db"
    keys = vault_service.backup(vault_path, PASSPHRASE, target)
    assert keys == header_path(target) and target.exists()
    assert target.read_bytes()[:16] != b"SQLite format 3\x00"
    assert raw_key(target, PASSPHRASE) == raw_key(vault_path, PASSPHRASE)
    with unlock(target, PASSPHRASE) as copy:
        assert len(catalog.contacts.list(copy)) == 20
        assert vault_service.check(copy) == []
    with pytest.raises(VaultAlreadyExists):
        vault_service.backup(vault_path, PASSPHRASE, target)


def test_restore_puts_a_backup_back_and_keeps_the_replaced_vault(
    vault_path: Path, vault: Vault, tmp_path: Path
) -> None:
    catalog.contacts.add(vault, Contact(full_name="In The Backup"))
    vault.close()
    target = tmp_path / "backup.db"
    vault_service.backup(vault_path, PASSPHRASE, target)
    with unlock(vault_path, PASSPHRASE) as later:
        catalog.contacts.add(later, Contact(full_name="After The Backup"))
    kept = vault_service.restore(vault_path, target, PASSPHRASE)
    with unlock(vault_path, PASSPHRASE) as restored:  # the anchor came with it: not a rollback
        assert [c.full_name for c in catalog.contacts.list(restored)] == ["In The Backup"]
        assert "vault.restore" in {r[0] for r in restored.conn.execute("SELECT action FROM audit_log")}
    assert kept is not None
    with unlock(kept, PASSPHRASE) as replaced:
        assert len(catalog.contacts.list(replaced)) == 2


def test_salvage_reads_every_row_around_a_damaged_page(
    vault_path: Path, vault: Vault, tmp_path: Path
) -> None:
    _fill(vault)
    vault.close()
    data = bytearray(vault_path.read_bytes())
    damaged = len(data) // PAGE // 2
    data[damaged * PAGE + 100 : damaged * PAGE + 132] = bytes(32)
    vault_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabase, match="liaison salvage"), unlock(vault_path, PASSPHRASE) as opened:
        problems = vault_service.check(opened)
        raise CorruptDatabase(problems[0])
    before = snapshot(vault_path.parent)
    found = vault_service.salvage(vault_path, PASSPHRASE)
    assert snapshot(vault_path.parent) == before  # read-only: nothing written, nothing left beside it
    assert any(str(damaged + 1) in page for page in found.unreadable_pages), found.unreadable_pages
    contacts = found.tables["contacts"]
    # One page holds rows of one table at most (or only index entries): the rest reads whole.
    assert len(contacts) >= 250 and len(found.lost) <= 1, found.lost
    assert len(found.tables["audit_log"]) > 300 or "audit_log" in found.lost
    assert len({c["full_name"] for c in contacts}) == len(contacts)
    assert found.tables["notes"][0]["body"] == "A note that should survive"


def _root_page(path: Path, table: str) -> int:
    from liaison.store import connection

    conn = connection.open_read_only(path, raw_key(path, PASSPHRASE))
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    return int(page)


def test_cli_backup_restore_salvage_and_the_exit_5_message(tmp_path: Path) -> None:
    from tests.liaison.test_cli import run

    path = tmp_path / "cli.db"
    assert run(path, "init").returncode == 0
    assert run(path, "contacts", "add", "--full-name", "Backed Up").returncode == 0
    backup = run(path, "backup", "-o", str(tmp_path / "copy.db"))
    assert backup.returncode == 0, backup.stderr
    assert "verified" in backup.stdout
    meta_page = _root_page(path, "meta")  # opening reads it: the vault is refused
    data = bytearray(path.read_bytes())
    data[(meta_page - 1) * PAGE + 100 : (meta_page - 1) * PAGE + 116] = bytes(16)
    path.write_bytes(bytes(data))
    broken = run(path, "contacts", "list")
    last = broken.stderr.strip().splitlines()[-1]
    assert broken.returncode == 5 and "liaison restore" in last and "liaison salvage" in last
    salvaged = run(path, "salvage", "-o", str(tmp_path / "salvage.json"))
    assert salvaged.returncode == 0, salvaged.stderr
    document = json.loads((tmp_path / "salvage.json").read_text())
    assert document["format"] == "liaison-salvage" and "meta" in document["lost_rows"]
    assert [c["full_name"] for c in document["tables"]["contacts"]] == ["Backed Up"]
    restored = run(path, "restore", str(tmp_path / "copy.db"))
    assert restored.returncode == 0, restored.stderr
    listed = run(path, "contacts", "list", "--json")
    assert listed.returncode == 0 and "Backed Up" in listed.stdout


def test_a_damaged_page_met_after_opening_is_one_exit_5_line(tmp_path: Path) -> None:
    from tests.liaison.test_cli import run

    path = tmp_path / "cli.db"
    assert run(path, "init").returncode == 0
    assert run(path, "contacts", "add", "--full-name", "On A Bad Page").returncode == 0
    page = _root_page(path, "contacts")  # not read by opening: the cheap checks pass
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE + 100 : (page - 1) * PAGE + 116] = bytes(16)
    path.write_bytes(bytes(data))
    for args in (("contacts", "list"), ("check",)):
        result = run(path, *args)
        assert "Traceback" not in result.stderr
        last = result.stderr.strip().splitlines()[-1]
        assert result.returncode == 5 and "liaison salvage" in last, result.stderr


def test_backup_of_the_open_vault_reports_progress_then_verifying(vault: Vault, tmp_path: Path) -> None:
    """The app backs up the vault it holds open (no passphrase asked again) and shows progress."""
    _fill(vault, 1500)  # more pages than one copy step
    reports: list[tuple[int, int]] = []
    target = tmp_path / "open-copy.db"
    keys = vault_service.backup_open(vault, target, lambda done, total: reports.append((done, total)))
    assert keys == header_path(target)
    copied = [r for r in reports if r[0] >= 0]
    assert len(copied) >= 2 and copied[-1][0] == copied[-1][1]  # several steps, the last one complete
    assert [d for d, _t in copied] == sorted(d for d, _t in copied)
    assert reports[-1] == (-1, -1)  # then the copy is read back
    with unlock(target, PASSPHRASE) as copy:
        assert len(catalog.contacts.list(copy)) == 1500
    assert vault.is_open and catalog.contacts.list(vault)  # the vault stays open and usable


def test_restore_refuses_a_damaged_backup_before_releasing_anything(
    vault_path: Path, vault: Vault, tmp_path: Path
) -> None:
    """The app closes its connection (``release``) only once the backup has read back whole."""
    _fill(vault, 20)
    target = tmp_path / "damaged.db"
    vault_service.backup_open(vault, target)
    data = bytearray(target.read_bytes())
    data[PAGE * 3 + 100] ^= 0xFF
    target.write_bytes(bytes(data))
    released: list[bool] = []
    with pytest.raises(CorruptDatabase):
        vault_service.restore_and_open(vault_path, target, PASSPHRASE, lambda: released.append(True))
    assert released == [] and vault.is_open
