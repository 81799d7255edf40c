"""Rollback and tamper detection: the authenticated anchor in the key file, and ``check`` replaying
every record from the op log."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from liaison.domain import Contact
from liaison.errors import CorruptHeader
from liaison.services import catalog
from liaison.services import vault as vault_service
from liaison.store import connection
from liaison.store.anchor import VaultRolledBack
from liaison.store.vault import Vault, header_path, unlock
from tests.conftest import PASSPHRASE
from tests.helpers import raw_key

ROOT = Path(__file__).parents[2]


def _raw(path: Path, sql: str) -> None:
    """Edit the closed vault with its key, as someone holding the key could, outside Liaison."""
    conn = connection._connect(path, raw_key(path, PASSPHRASE))
    for statement in sql.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _busy_vault(vault_path: Path, vault: Vault) -> None:
    for n in range(3):
        catalog.contacts.add(vault, Contact(full_name=f"Person {n}"))
    vault.close()


def test_an_older_copy_of_the_database_alone_is_refused(
    vault_path: Path, vault: Vault, tmp_path: Path
) -> None:
    catalog.contacts.add(vault, Contact(full_name="Before The Copy"))
    vault.close()
    old = tmp_path / "old.db"
    shutil.copy(vault_path, old)
    with unlock(vault_path, PASSPHRASE) as later:
        catalog.contacts.add(later, Contact(full_name="After The Copy"))
    shutil.copy(old, vault_path)
    with pytest.raises(VaultRolledBack, match="older than its key file") as refused:
        unlock(vault_path, PASSPHRASE)
    assert "liaison restore" in str(refused.value) and "liaison salvage" in str(refused.value)
    assert refused.value.exit_code == 5


def test_an_older_copy_of_both_files_together_is_not_detectable(
    vault_path: Path, vault: Vault, tmp_path: Path
) -> None:
    """The documented limit: only sync with the home agency can notice this one."""
    vault.close()
    shutil.copy(vault_path, tmp_path / "old.db")
    shutil.copy(header_path(vault_path), tmp_path / "old.keys")
    with unlock(vault_path, PASSPHRASE) as later:
        catalog.contacts.add(later, Contact(full_name="Lost With The Rollback"))
    shutil.copy(tmp_path / "old.db", vault_path)
    shutil.copy(tmp_path / "old.keys", header_path(vault_path))
    with unlock(vault_path, PASSPHRASE) as reopened:
        assert catalog.contacts.list(reopened) == []


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(
            lambda: (
                "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log);"
                "UPDATE meta SET value = (SELECT seq || ':' || hash FROM audit_log "
                "ORDER BY seq DESC LIMIT 1) WHERE key = 'audit_head'"
            ),
            id="newest-audit-entries-cut-and-head-fixed",
        ),
        pytest.param(
            lambda: "DELETE FROM audit_log; DELETE FROM meta WHERE key = 'audit_head'", id="audit-wiped"
        ),
        pytest.param(
            lambda: "DELETE FROM ops WHERE seq = (SELECT max(seq) FROM ops)", id="newest-op-removed"
        ),
    ],
)
def test_cut_history_is_refused_at_open(vault_path: Path, vault: Vault, tamper: Callable[[], str]) -> None:
    _busy_vault(vault_path, vault)
    _raw(vault_path, tamper())
    with pytest.raises(VaultRolledBack):
        unlock(vault_path, PASSPHRASE)


def test_an_edited_or_stripped_anchor_is_refused(vault_path: Path, vault: Vault) -> None:
    _busy_vault(vault_path, vault)
    keys = header_path(vault_path)
    document = json.loads(keys.read_text())
    saved = dict(document)
    document["anchor"]["audit_seq"] = 1
    _rewrite(keys, document)
    with pytest.raises(VaultRolledBack, match="does not authenticate"):
        unlock(vault_path, PASSPHRASE)
    del saved["anchor"]
    _rewrite(keys, saved)
    with pytest.raises(VaultRolledBack, match="lost its rollback anchor"):
        unlock(vault_path, PASSPHRASE)


def _rewrite(keys: Path, document: dict[str, object]) -> None:
    """Rewrite the key file with a valid checksum (anyone can compute it: it is not a MAC)."""
    from liaison.crypto import keyslots

    document.pop("checksum", None)
    body = {k: v for k, v in document.items()}
    keys.write_text(json.dumps({**body, "checksum": keyslots._checksum(body)}))
    try:
        keyslots.read_header(keys)
    except CorruptHeader as exc:  # pragma: no cover - the test's own rewrite must stay valid
        raise AssertionError(exc) from None


def test_a_lost_wal_after_a_crash_is_refused(vault_path: Path, vault: Vault) -> None:
    """Committed writes live in the WAL until a checkpoint: deleting it from a live vault and then
    crashing loses them. The anchor was moved by those commits, so the next open says so."""
    vault.close()
    code = """
import os, sys
from liaison.crypto import kdf
kdf.allow_insecure_test_profile()
from liaison.domain import Contact
from liaison.services import catalog
from liaison.store.vault import unlock
vault = unlock(__import__('pathlib').Path(sys.argv[1]), sys.argv[2])
vault.conn.execute("PRAGMA wal_autocheckpoint = 0")
for n in range(5):
    catalog.contacts.add(vault, Contact(full_name=f"Only In The WAL {n}"))
os.unlink(sys.argv[1] + "-wal")
os._exit(9)
"""
    result = subprocess.run(
        [sys.executable, "-c", code, str(vault_path), PASSPHRASE],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 9, result.stderr
    with pytest.raises(VaultRolledBack, match="write-ahead log was lost"):
        unlock(vault_path, PASSPHRASE)


def test_check_notices_a_row_edited_outside_liaison(vault_path: Path, vault: Vault) -> None:
    contact = catalog.contacts.add(vault, Contact(full_name="Honest Name", unit="Cyber"))
    with vault:
        assert vault_service.check(vault) == []
    _raw(vault_path, f"UPDATE contacts SET full_name = 'Forged Name' WHERE id = '{contact.id}'")
    with unlock(vault_path, PASSPHRASE) as reopened:
        problems = vault_service.check(reopened)
    assert any(contact.id in p and "full_name" in p for p in problems), problems


def test_check_accepts_what_sync_writes(vault: Vault) -> None:
    """Bookkeeping ops (a conflict resolution) are not fields, and a synced record whose creation
    ops have not all arrived has no row yet: neither is a difference."""
    from liaison.domain.oplog import RESOLUTION_FIELD

    contact = catalog.contacts.add(vault, Contact(full_name="Synced Person"))
    rows = [
        ("r1", "999999999999999.000000", "other-device", "contact", contact.id, RESOLUTION_FIELD, "true"),
        ("r2", "999999999999999.000001", "other-device", "contact", "not-yet-whole", "unit", '"Cyber"'),
    ]
    with vault.transaction() as conn:
        conn.executemany(
            "INSERT INTO ops(op_id, hlc, device_id, kind, record_id, field, value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    assert vault_service.check(vault) == []


def test_commits_without_fsync_are_not_anchored(vault_path: Path, vault: Vault) -> None:
    """Sync applies pulled change sets with ``synchronous = NORMAL``: a power cut may lose them, so
    the anchor must not claim them (the next durable commit anchors everything before it)."""
    from liaison.store import sync_apply

    catalog.contacts.add(vault, Contact(full_name="Durable"))
    anchored = json.loads(header_path(vault_path).read_text())["anchor"]["op_seq"]
    with sync_apply.relaxed_durability(vault):
        catalog.contacts.add(vault, Contact(full_name="Not Yet Durable"))
    assert json.loads(header_path(vault_path).read_text())["anchor"]["op_seq"] == anchored
    catalog.contacts.add(vault, Contact(full_name="Durable Again"))
    assert json.loads(header_path(vault_path).read_text())["anchor"]["op_seq"] > anchored
