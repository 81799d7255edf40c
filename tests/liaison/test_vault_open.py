"""Opening a vault: hardening pragmas, plain SQLCipher 4 on disk, and a clear error for each failure
that leaves every file exactly as it was."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from liaison.crypto import kdf
from liaison.domain import Contact
from liaison.errors import (
    CorruptDatabase,
    CorruptHeader,
    NotALiaisonVault,
    SqlcipherUnavailable,
    VaultAlreadyExists,
    VaultNotFound,
    VaultTooNew,
    WrongPassphrase,
)
from liaison.store import connection, records
from liaison.store.vault import Vault, create_vault, header_path, unlock
from tests.conftest import PASSPHRASE
from tests.helpers import raw_key, snapshot

FAST = kdf.KdfProfile.INSECURE_FAST_FOR_TESTS


def _filled(vault: Vault, count: int = 300) -> None:
    with vault.transaction():
        for i in range(count):
            records.insert(vault, Contact(full_name=f"Contact {i}", notes="x" * 300))


def test_hardening_pragmas_are_set(vault: Vault) -> None:
    conn = vault.conn
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA cipher_page_size").fetchone()[0] == "4096"


def test_database_file_is_encrypted(vault_path: Path, vault: Vault) -> None:
    vault.close()
    head = vault_path.read_bytes()[:16]
    assert head != b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(vault_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_standard_sqlcipher_shell_opens_the_vault(vault_path: Path, vault: Vault) -> None:
    """Plain SQLCipher 4 with a raw key: the Debian ``sqlcipher`` shell reads it unaided."""
    records.insert(vault, Contact(full_name="Shell Reader"))
    vault.close()
    shell = shutil.which("sqlcipher")
    assert shell, "the sqlcipher shell is installed by scripts/bootstrap.sh"
    key = raw_key(vault_path, PASSPHRASE).hex()
    script = f"PRAGMA key = \"x'{key}'\";\nSELECT full_name FROM contacts;\nPRAGMA cipher_version;\n"
    result = subprocess.run(
        [shell, str(vault_path)], input=script, capture_output=True, text=True, check=True, timeout=30
    )
    lines = result.stdout.split()
    assert "Shell" in lines and "Reader" in lines
    assert any(line.startswith("4.") for line in lines)


def test_missing_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound, match="liaison init"):
        unlock(tmp_path / "none.db", PASSPHRASE)
    assert not list(tmp_path.iterdir())


def test_missing_database_or_header(vault_path: Path, vault: Vault) -> None:
    vault.close()
    header = header_path(vault_path)
    saved = header.read_bytes()
    header.unlink()
    with pytest.raises(CorruptHeader, match="missing"):
        unlock(vault_path, PASSPHRASE)
    header.write_bytes(saved)
    vault_path.rename(vault_path.with_suffix(".moved"))
    with pytest.raises(VaultNotFound, match="missing"):
        unlock(vault_path, PASSPHRASE)


def test_create_refuses_to_overwrite(vault_path: Path, vault: Vault) -> None:
    vault.close()
    before = snapshot(vault_path.parent)
    with pytest.raises(VaultAlreadyExists):
        create_vault(vault_path, PASSPHRASE, FAST)
    assert snapshot(vault_path.parent) == before


def test_wrong_passphrase_changes_nothing(vault_path: Path, vault: Vault) -> None:
    vault.close()
    before = snapshot(vault_path.parent)
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        unlock(vault_path, "not the passphrase")
    assert snapshot(vault_path.parent) == before


def test_truncated_database(vault_path: Path, vault: Vault) -> None:
    _filled(vault)
    vault.close()
    data = vault_path.read_bytes()
    vault_path.write_bytes(data[: len(data) // 2])
    before = snapshot(vault_path.parent)
    with pytest.raises(CorruptDatabase):
        unlock(vault_path, PASSPHRASE)
    assert snapshot(vault_path.parent) == before


def test_truncated_mid_page(vault_path: Path, vault: Vault) -> None:
    vault.close()
    data = vault_path.read_bytes()
    vault_path.write_bytes(data[:-100])
    with pytest.raises(CorruptDatabase, match="truncated"):
        unlock(vault_path, PASSPHRASE)


def test_damaged_page_is_found_by_the_full_check_not_at_open(vault_path: Path, vault: Vault) -> None:
    """Opening reads only what it needs (a full read of a big vault cost seconds per unlock); the
    full check, run in the background by the app and by ``liaison check``, names the page."""
    from liaison.services import vault as vault_service

    _filled(vault)
    vault.close()
    data = bytearray(vault_path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096 + 1000
    data[middle : middle + 16] = bytes(16)
    vault_path.write_bytes(bytes(data))
    with unlock(vault_path, PASSPHRASE) as opened:
        problems = vault_service.check(opened)
    assert any(f"page {middle // 4096 + 1}" in problem for problem in problems), problems


def test_damage_in_what_opening_reads_is_refused(vault_path: Path, vault: Vault) -> None:
    vault.close()
    data = bytearray(vault_path.read_bytes())
    data[4096 * 1 + 1000 : 4096 * 1 + 1016] = bytes(16)  # page 2: the schema's first table pages
    for page in range(1, len(data) // 4096):
        data[4096 * page + 1000 : 4096 * page + 1016] = bytes(16)
    vault_path.write_bytes(bytes(data))
    before = snapshot(vault_path.parent)
    with pytest.raises(CorruptDatabase, match=r"damaged.*liaison salvage"):
        unlock(vault_path, PASSPHRASE)
    assert snapshot(vault_path.parent) == before


def test_plain_sqlite_file_is_not_ours(vault_path: Path, vault: Vault) -> None:
    vault.close()
    vault_path.unlink()
    sqlite3.connect(vault_path).execute("CREATE TABLE t(x)").connection.close()
    before = snapshot(vault_path.parent)
    with pytest.raises(NotALiaisonVault, match="unencrypted"):
        unlock(vault_path, PASSPHRASE)
    assert snapshot(vault_path.parent) == before


def test_database_of_another_vault_is_not_ours(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "v.db", tmp_path / "b" / "v.db"
    create_vault(first, PASSPHRASE, FAST)[0].close()
    create_vault(second, PASSPHRASE, FAST)[0].close()
    shutil.copy(second, first)
    before = snapshot(tmp_path)
    with pytest.raises(NotALiaisonVault, match="another vault"):
        unlock(first, PASSPHRASE)
    assert snapshot(tmp_path) == before


def test_sqlcipher_database_of_another_application(vault_path: Path, vault: Vault) -> None:
    vault.close()
    key = raw_key(vault_path, PASSPHRASE)
    conn = connection._connect(vault_path, key)
    conn.execute("PRAGMA application_id = 12345")
    conn.close()
    with pytest.raises(NotALiaisonVault, match="another application"):
        unlock(vault_path, PASSPHRASE)


def test_vault_from_a_newer_release(vault_path: Path, vault: Vault) -> None:
    vault.close()
    conn = connection._connect(vault_path, raw_key(vault_path, PASSPHRASE))
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = snapshot(vault_path.parent)
    with pytest.raises(VaultTooNew, match="newer Liaison"):
        unlock(vault_path, PASSPHRASE)
    assert snapshot(vault_path.parent) == before


def test_refuses_a_driver_without_sqlcipher(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain SQLite (the standard library driver) would silently store plaintext."""
    monkeypatch.setattr(connection, "sqlcipher", sqlite3)
    with pytest.raises(SqlcipherUnavailable, match="unencrypted"):
        connection.sqlcipher_version()


def test_key_literal_accepts_only_32_bytes() -> None:
    assert connection.key_pragma_literal(bytes(range(32))).startswith("\"x'0001")
    with pytest.raises(ValueError, match="32 bytes"):
        connection.key_pragma_literal(b"short")


def test_data_survives_close_and_reopen(vault_path: Path, vault: Vault) -> None:
    contact = records.insert(vault, Contact(full_name="Łukasz Wójcik"))
    vault.close()
    with unlock(vault_path, PASSPHRASE) as reopened:
        assert records.get(reopened, Contact, contact.id) == contact
