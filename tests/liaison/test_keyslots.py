"""Passphrase and recovery slots: unlock, re-wrap without rewriting the database, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison.crypto import kdf, keyslots, recovery
from liaison.errors import CorruptHeader, ValidationError, WrongPassphrase, WrongRecoveryCode
from liaison.services import vault as vault_service
from liaison.store.vault import create_vault, header_path, unlock
from tests.conftest import PASSPHRASE
from tests.helpers import snapshot

FAST = kdf.KdfProfile.INSECURE_FAST_FOR_TESTS


@pytest.mark.parametrize(
    "passphrase",
    [
        "simple but long",
        'it\'s "quoted" and \\back\\slashed',
        "  spaces  around  ",
        "Grüße aus Köln ✈",
        "مرحبا بالعالم 2024",
        "密码很长很长很长很长",
        "x'00'; DROP TABLE contacts; --",
    ],
)
def test_any_passphrase_round_trips(tmp_path: Path, passphrase: str) -> None:
    path = tmp_path / "v.db"
    vault, _ = create_vault(path, passphrase, FAST)
    vault.close()
    unlock(path, passphrase).close()
    with pytest.raises(WrongPassphrase):
        unlock(path, passphrase + "x")


def test_unicode_passphrase_is_normalised(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    composed, decomposed = "caf\u00e9 au lait!", "cafe\u0301 au lait!"
    create_vault(path, composed, FAST)[0].close()
    unlock(path, decomposed).close()


def test_change_passphrase_does_not_rewrite_the_database(vault_path: Path, vault: object) -> None:
    vault.close()  # type: ignore[attr-defined]
    db_before = vault_path.read_bytes()
    vault_service.change_passphrase(vault_path, PASSPHRASE, "a brand new passphrase", FAST)
    # Opening to re-key appends audit entries through the WAL; checkpointed pages differ only
    # where those entries landed. The cipher salt (first 16 bytes) proves the file was not rekeyed.
    assert vault_path.read_bytes()[:16] == db_before[:16]
    unlock(vault_path, "a brand new passphrase").close()
    with pytest.raises(WrongPassphrase):
        unlock(vault_path, PASSPHRASE)


def test_passphrase_change_keeps_the_same_database_key(vault_path: Path, vault: object) -> None:
    vault.close()  # type: ignore[attr-defined]
    before = keyslots.unwrap_with_passphrase(keyslots.read_header(header_path(vault_path)), PASSPHRASE)
    vault_service.change_passphrase(vault_path, PASSPHRASE, "another long passphrase", FAST)
    after = keyslots.unwrap_with_passphrase(
        keyslots.read_header(header_path(vault_path)), "another long passphrase"
    )
    assert before == after


def test_recovery_code_sets_new_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    vault, code = create_vault(path, PASSPHRASE, FAST)
    vault.close()
    sloppy = code.lower().replace("-", " ")
    recovered, none = vault_service.recover(path, sloppy, "recovered passphrase!", FAST, rekey=False)
    recovered.close()
    assert none is None
    unlock(path, "recovered passphrase!").close()
    with pytest.raises(WrongPassphrase):
        unlock(path, PASSPHRASE)
    # Without re-keying, the code keeps working for a later emergency.
    vault_service.recover(path, code, "second recovery pass", FAST, rekey=False)[0].close()


def test_wrong_recovery_code_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    create_vault(path, PASSPHRASE, FAST)[0].close()
    before = snapshot(tmp_path)
    with pytest.raises(WrongRecoveryCode, match="wrong recovery code"):
        vault_service.recover(path, recovery.new_recovery_code(), "whatever passphrase", FAST)
    with pytest.raises(WrongRecoveryCode, match="not a recovery code"):
        vault_service.recover(path, "1234", "whatever passphrase", FAST)
    assert snapshot(tmp_path) == before


def test_short_new_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="at least 10"):
        vault_service.create(tmp_path / "v.db", "short", FAST)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"time_cost": 1', '"time_cost": 2'),
        lambda text: "not json at all",
        lambda text: "",
        lambda text: json.dumps({"format": "something-else"}),
    ],
    ids=["truncated", "edited-parameter", "garbage", "empty", "foreign"],
)
def test_damaged_header_is_reported_as_such(vault_path: Path, vault: object, damage: object) -> None:
    vault.close()  # type: ignore[attr-defined]
    header = header_path(vault_path)
    header.write_text(damage(header.read_text()))  # type: ignore[operator]
    before = snapshot(vault_path.parent)
    with pytest.raises(CorruptHeader, match=r"liaison restore FILE.*liaison salvage"):
        unlock(vault_path, PASSPHRASE)
    assert snapshot(vault_path.parent) == before


def test_header_refuses_absurd_kdf_parameters() -> None:
    with pytest.raises(ValueError, match="memory"):
        kdf.Argon2Params(time_cost=3, memory_kib=64 * 1024 * 1024, parallelism=1).check_sane()


def test_production_profile_meets_the_floor() -> None:
    params = kdf.params_for(kdf.KdfProfile.PRODUCTION)
    assert params.memory_kib >= 256 * 1024
    assert params.time_cost >= kdf.MIN_TIME_COST


def test_header_holds_no_key_material_in_clear(vault_path: Path, vault: object) -> None:
    vault.close()  # type: ignore[attr-defined]
    key = keyslots.unwrap_with_passphrase(keyslots.read_header(header_path(vault_path)), PASSPHRASE)
    text = header_path(vault_path).read_bytes()
    assert key.hex().encode() not in text
    assert key not in text
    assert PASSPHRASE.encode() not in text


def test_recovery_codes_are_distinct_and_well_formed() -> None:
    codes = {recovery.new_recovery_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert recovery.normalize_recovery_code(code) is not None
        assert len(code.split("-")) == 8
