"""Attachments: stored inside the encrypted vault, listed, exported, erased without a trace."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from liaison.domain import Case
from liaison.errors import ValidationError
from liaison.services import attachments as service
from liaison.services.catalog import cases
from liaison.store import attachments as store
from liaison.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import raw_key

CANARY = b"CANARY-attachment-7f3e9b1c-do-not-keep"
PAGE, RESERVE = 4096, 80  # SQLCipher 4 defaults: 16-byte IV + 64-byte HMAC reserved per page


def plaintext_pages(db: Path, key: bytes) -> bytes:
    """Every page of the database file decrypted with the vault key, free pages included: what an
    attacker holding the key (or a later compromise) could read."""
    data = db.read_bytes()
    out = bytearray()
    for offset in range(0, len(data) - PAGE + 1, PAGE):
        page = data[offset : offset + PAGE]
        start = 16 if offset == 0 else 0
        iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out += decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()
    return bytes(out)


@pytest.fixture
def case(vault: Vault) -> str:
    return cases.add(vault, Case(reference="OP-ATT", title="Attachments")).id


def test_add_list_export_delete(vault: Vault, case: str, tmp_path: Path) -> None:
    source = tmp_path / "letter.pdf"
    source.write_bytes(b"%PDF-1.4 " + CANARY)
    item = service.add_file(vault, "OP-ATT", source, language="de")
    assert (item.case_id, item.name, item.media_type, item.size) == (
        case,
        "letter.pdf",
        "application/pdf",
        len(source.read_bytes()),
    )
    assert [a.id for a in service.list_for(vault, "OP-ATT")] == [item.id]
    service.export(vault, item.id[:8], tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == source.read_bytes()
    service.delete(vault, item.id)
    assert service.list_for(vault, "OP-ATT") == []


def test_size_limit_has_a_clear_message_and_stores_nothing(
    vault: Vault, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "MAX_ATTACHMENT_BYTES", 1000)
    with pytest.raises(
        ValidationError, match=r"^big\.bin: 0\.0 MB is over the 0\.0 MB limit for an attachment$"
    ):
        service.add(vault, "OP-ATT", "big.bin", b"x" * 1001)
    assert service.list_for(vault) == []


def test_deleted_attachment_leaves_nothing_in_the_decrypted_database(
    vault: Vault, vault_path: Path, case: str
) -> None:
    item = service.add(vault, "OP-ATT", "secret.txt", CANARY * 50)
    vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    key = raw_key(vault_path, PASSPHRASE)
    assert CANARY in plaintext_pages(vault_path, key)  # the check can see it while it exists
    service.delete(vault, item.id)
    vault.close()
    assert CANARY not in plaintext_pages(vault_path, key)
    wal = vault_path.with_name(vault_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert b"secret.txt" not in plaintext_pages(vault_path, key)  # the audit log keeps no file name


def test_deleting_the_case_erases_its_attachments(vault: Vault, case: str) -> None:
    service.add(vault, "OP-ATT", "a.txt", CANARY)
    cases.delete(vault, "OP-ATT")
    assert vault.conn.execute("SELECT count(*) FROM attachment_data").fetchone()[0] == 0
    assert store.find(vault) == []


def test_attachments_never_enter_the_op_log(vault: Vault, case: str) -> None:
    service.add(vault, "OP-ATT", "a.txt", CANARY)
    values = [row[0] for row in vault.conn.execute("SELECT value FROM ops")]
    assert not any("CANARY" in str(v) or "a.txt" in str(v) for v in values)


def test_a_failure_half_way_stores_nothing(vault: Vault, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from liaison.documents_in.model import Block, Format, Location, Origin, ReadDocument, TranslatedBlock
    from liaison.services.documents_in import DocumentTranslation

    block = Block("The request was refused.", Location(0, "body", 0))
    result = DocumentTranslation(
        "note.txt",
        b"The request was refused.\n",
        ReadDocument(Format.TEXT, [block]),
        "en",
        "fr",
        [TranslatedBlock(block, "La demande a été refusée.", Origin.MACHINE)],
    )
    calls = {"n": 0}
    real = store.insert

    def failing(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "insert", failing)
    with pytest.raises(OSError):
        service.attach_translation(vault, "OP-ATT", result)
    assert store.find(vault) == []
    monkeypatch.setattr(store, "insert", real)
    stored = service.attach_translation(vault, "OP-ATT", result)
    assert [a.role for a in stored] == ["received", "translation", "review"]
    assert all(a.derived_from == stored[0].id for a in stored[1:])
    service.delete(vault, stored[0].id)  # the translations go with the original
    assert store.find(vault) == []
