"""Small helpers shared by tests: folder snapshots and raw SQLCipher access with the vault key."""

from __future__ import annotations

import hashlib
from pathlib import Path

from liaison.crypto import keyslots
from liaison.store.vault import header_path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256: to prove an operation changed nothing."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def raw_key(db_path: Path, passphrase: str) -> bytes:
    header = keyslots.read_header(header_path(db_path))
    return keyslots.unwrap_with_passphrase(header, passphrase)
