"""Atomic file replacement: a crash leaves either the old file or the new one, never half of each."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600, sync_directory: bool = True) -> None:
    """Write ``data`` to a new, randomly named file in the target's folder, then rename it over
    the target. ``mkstemp`` creates it with O_EXCL (and O_NOFOLLOW where there is one): a file or
    symlink planted under a guessable name cannot redirect or pre-empt the write.
    ``sync_directory=False`` skips making the rename itself durable: for writes where losing the
    newest version in a power cut is harmless (the file stays whole, old or new)."""
    if not path.name:
        raise ValueError("no file name to write to")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the folder the user gave, not our temporary file
        raise OSError(exc.errno, exc.strerror, str(path.parent)) from None
    tmp = Path(name)
    try:
        os.fchmod(fd, mode)
    except BaseException:
        os.close(fd)
        tmp.unlink()
        raise
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if sync_directory:
        fsync_directory(path.parent)


def fsync_directory(directory: Path) -> None:
    """Make a rename durable: without this a power cut can forget it (ext4, xfs)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
