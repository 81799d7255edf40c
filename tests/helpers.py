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


# SQLCipher 4 page layout with the default 4096-byte pages: each page ends with an 80-byte reserve
# (16-byte IV, 64-byte HMAC-SHA512); page 1 starts with the 16-byte salt. With a raw key the
# encryption key is the key itself (AES-256-CBC), so a test can read every page as written.
_PAGE = 4096
_RESERVE = 80
_WAL_HEADER = 32
_FRAME_HEADER = 24


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    start = 16 if first else 0
    body = page[start : _PAGE - _RESERVE]
    iv = page[_PAGE - _RESERVE : _PAGE - _RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def decrypted_pages(db_path: Path, key: bytes) -> list[bytes]:
    """Every page of the database file and every frame of its WAL, decrypted with the raw key:
    what an attacker who holds the key reads from the disk, including free and stale pages."""
    pages = []
    data = db_path.read_bytes()
    for number in range(len(data) // _PAGE):
        pages.append(_decrypt_page(key, data[number * _PAGE : (number + 1) * _PAGE], number == 0))
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        raw = wal.read_bytes()
        offset = _WAL_HEADER
        while offset + _FRAME_HEADER + _PAGE <= len(raw):
            page_number = int.from_bytes(raw[offset : offset + 4], "big")
            frame = raw[offset + _FRAME_HEADER : offset + _FRAME_HEADER + _PAGE]
            pages.append(_decrypt_page(key, frame, page_number == 1))
            offset += _FRAME_HEADER + _PAGE
    return pages
