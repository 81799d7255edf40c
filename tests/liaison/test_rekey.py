"""Re-keying (new database key, new recovery code), crash safety of the swap, and the KDF floor."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liaison.crypto import kdf, keyslots
from liaison.domain import Contact
from liaison.errors import NotALiaisonVault, WrongPassphrase, WrongRecoveryCode
from liaison.services import catalog
from liaison.services import vault as vault_service
from liaison.store import rekey
from liaison.store.vault import Vault, create_vault, header_path, unlock
from tests.conftest import PASSPHRASE
from tests.helpers import raw_key

FAST = kdf.KdfProfile.INSECURE_FAST_FOR_TESTS
NEW = "a completely new passphrase"


def test_rekey_changes_the_database_key_and_keeps_every_record(vault_path: Path, vault: Vault) -> None:
    catalog.contacts.add(vault, Contact(full_name="Kept Across Rekey"))
    vault.close()
    old_key, old_header = raw_key(vault_path, PASSPHRASE), header_path(vault_path).read_bytes()
    code = vault_service.change_passphrase_and_rekey(vault_path, PASSPHRASE, NEW, FAST)
    assert raw_key(vault_path, NEW) != old_key
    with unlock(vault_path, NEW) as reopened:
        assert [c.full_name for c in catalog.contacts.list(reopened)] == ["Kept Across Rekey"]
        assert "vault.rekey" in {r[0] for r in reopened.conn.execute("SELECT action FROM audit_log")}
        vault_service.verify_audit(reopened)
    header_path(vault_path).write_bytes(old_header)  # an attacker's copy of the old key file
    with pytest.raises(NotALiaisonVault, match="cannot be decrypted"):
        unlock(vault_path, PASSPHRASE)
    assert code and not list(vault_path.parent.glob("*.rekey"))


def test_recover_rekeys_and_the_used_code_stops_working(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    vault, code = create_vault(path, PASSPHRASE, FAST)
    vault.close()
    recovered, new_code = vault_service.recover(path, code, NEW, FAST)
    recovered.close()
    assert new_code and new_code != code
    with pytest.raises(WrongRecoveryCode):
        vault_service.recover(path, code, "yet another passphrase", FAST)
    with pytest.raises(WrongPassphrase):
        unlock(path, PASSPHRASE)
    vault_service.recover(path, new_code, "yet another passphrase", FAST)[0].close()


def test_rotated_recovery_code_replaces_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    vault, code = create_vault(path, PASSPHRASE, FAST)
    vault.close()
    fresh = vault_service.rotate_recovery_code(path, PASSPHRASE)
    with pytest.raises(WrongRecoveryCode):
        vault_service.recover(path, code, NEW, FAST)
    vault_service.recover(path, fresh, NEW, FAST, rekey=False)[0].close()


@pytest.mark.parametrize("fail_at", [1, 2])
def test_rekey_interrupted_at_either_rename_leaves_an_openable_vault(
    vault_path: Path, vault: Vault, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    """A crash between the two renames: the next open finishes (or undoes) the swap."""
    catalog.contacts.add(vault, Contact(full_name="Survives A Crash"))
    vault.close()
    real_replace, calls = os.replace, []

    def crashing_replace(src: object, dst: object) -> None:
        if str(src).endswith(".rekey"):  # the two renames of the swap, not the temp file's
            calls.append(src)
            if len(calls) == fail_at:
                raise OSError("power cut")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(rekey.os, "replace", crashing_replace)
    monkeypatch.setattr(rekey, "finish_interrupted", lambda path: None)  # the process died here
    with pytest.raises(OSError, match="power cut"):
        vault_service.change_passphrase_and_rekey(vault_path, PASSPHRASE, NEW, FAST)
    monkeypatch.undo()
    survivor = PASSPHRASE if fail_at == 1 else NEW  # before the database moved, the old pair is whole
    with unlock(vault_path, survivor) as reopened:
        assert [c.full_name for c in catalog.contacts.list(reopened)] == ["Survives A Crash"]
    assert not list(vault_path.parent.glob("*.rekey"))


def test_no_slot_below_the_floor_outside_the_tests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "_insecure_allowed", False)
    assert kdf.default_profile() is kdf.KdfProfile.PRODUCTION
    with pytest.raises(kdf.KdfFloorError, match="below the floor"):
        create_vault(tmp_path / "weak.db", PASSPHRASE, FAST)
    assert not list(tmp_path.iterdir())


def test_unlocking_a_weak_slot_warns_and_rewraps_it(
    vault_path: Path, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.close()
    assert kdf.below_floor(keyslots.passphrase_params(keyslots.read_header(header_path(vault_path))))
    monkeypatch.setattr(kdf, "_insecure_allowed", False)
    with unlock(vault_path, PASSPHRASE) as reopened:
        assert any("below the floor" in notice for notice in reopened.notices)
    params = keyslots.passphrase_params(keyslots.read_header(header_path(vault_path)))
    assert not kdf.below_floor(params)
    with unlock(vault_path, PASSPHRASE) as again:
        assert again.notices == []
