"""Creating, unlocking and re-keying vaults, and where they live by default."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs

from liaison.crypto.kdf import Argon2Params, KdfProfile
from liaison.services import validation
from liaison.store import audit
from liaison.store import vault as store_vault
from liaison.store.vault import Vault

VAULT_ENV = "LIAISON_VAULT"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir("Liaison", appauthor=False))


def default_vault_path() -> Path:
    env = os.environ.get(VAULT_ENV)
    return Path(env).expanduser() if env else data_dir() / "vault.db"


def create(path: Path, passphrase: str, profile: KdfProfile | None = None) -> tuple[Vault, str]:
    """New vault; returns it open with the recovery code (show it once, never store it)."""
    validation.new_passphrase(passphrase)
    return store_vault.create_vault(path, passphrase, profile)


def unlock(path: Path, passphrase: str) -> Vault:
    return store_vault.unlock(path, passphrase)


def change_passphrase(path: Path, old: str, new: str, profile: KdfProfile | None = None) -> None:
    """Re-wrap the key only: see ``PLAIN_CHANGE_NOTICE`` for what this does not protect against."""
    validation.new_passphrase(new)
    store_vault.change_passphrase(path, old, new, profile)


def change_passphrase_and_rekey(path: Path, old: str, new: str, profile: KdfProfile | None = None) -> str:
    """New passphrase, new database key, new recovery code (returned)."""
    validation.new_passphrase(new)
    return store_vault.change_passphrase_and_rekey(path, old, new, profile)


def recover(
    path: Path, code: str, new_passphrase: str, profile: KdfProfile | None = None, rekey: bool = True
) -> tuple[Vault, str | None]:
    """Open with the recovery code and set a new passphrase; by default also re-keys the vault and
    returns the new recovery code (the used one stops working)."""
    validation.new_passphrase(new_passphrase)
    return store_vault.recover(path, code, new_passphrase, profile, rekey)


def backup(path: Path, passphrase: str, target: Path) -> Path:
    return store_vault.backup_vault(path, passphrase, target)


def backup_open(vault: Vault, target: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """Back up the vault the app holds open; ``progress(copied, total)`` pages, then (-1, -1)
    while the copy is verified."""
    return store_vault.backup_open_vault(vault, target, progress)


def rekey_and_reopen(
    path: Path,
    old: str,
    new: str,
    release: Callable[[], None] | None = None,
    profile: KdfProfile | None = None,
) -> tuple[Vault, str]:
    """``change_passphrase_and_rekey`` for the app: the vault comes back open under its new key;
    ``release`` closes the app's connection once the old passphrase proved right."""
    validation.new_passphrase(new)
    return store_vault.rekey_and_reopen(path, old, new, profile, release)


def restore_and_open(
    path: Path, source: Path, passphrase: str, release: Callable[[], None] | None = None
) -> tuple[Vault, Path | None]:
    """``restore`` for the app: the restored vault comes back open (with the backup's passphrase)."""
    return store_vault.restore_and_open(path, source, passphrase, release)


def restore(path: Path, source: Path, passphrase: str) -> Path | None:
    return store_vault.restore_vault(path, source, passphrase)


def salvage(path: Path, passphrase: str) -> Any:
    return store_vault.salvage_vault(path, passphrase)


def rotate_recovery_code(path: Path, passphrase: str) -> str:
    return store_vault.rotate_recovery_code(path, passphrase)


PLAIN_CHANGE_NOTICE = (
    "The database key is unchanged: someone who kept a copy of the key file ({keys}) and knew "
    "the old passphrase can still open this vault, including what you write from now on. If the old "
    "passphrase or a copy of the vault may be known to someone, run 'liaison passwd --rekey'."
)


def kdf_parameters(path: Path) -> Argon2Params:
    return store_vault.kdf_info(path)


def check(vault: Vault) -> list[str]:
    """Full integrity check for ``liaison check`` and the app's background check: every page's HMAC,
    structure and indexes, every record replayed from the op log, and the audit chain."""
    from liaison.store import connection  # noqa: PLC0415

    return connection.full_check(vault.conn) + check_records(vault)


def check_records(vault: Vault) -> list[str]:
    """The part of ``check`` after the page check: every record replayed from the op log, and the
    audit chain. The app reads the pages on a connection of its own (``Vault.page_checker``) and
    only this part on the vault's connection, which keeps serving the window meanwhile."""
    from liaison.errors import AuditChainBroken  # noqa: PLC0415
    from liaison.store import connection, consistency  # noqa: PLC0415

    problems: list[str] = []
    try:
        problems += consistency.record_problems(vault)
        audit.verify(vault)
    except AuditChainBroken as broken:
        problems += broken.problems
    except connection.DatabaseError as exc:
        problems.append(f"the record and audit checks stopped at a damaged page ({exc})")
    return problems


def verify_audit(vault: Vault) -> int:
    return audit.verify(vault)


def audit_entries(vault: Vault, limit: int | None = None) -> list[audit.AuditEntry]:
    return audit.entries(vault, limit)
