"""What every command needs: the vault path, and an unlocked vault on demand."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from liaison.cli import secrets
from liaison.services import vault as vault_service
from liaison.store.vault import Vault


def vault_path(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if args.vault else vault_service.default_vault_path()


@contextlib.contextmanager
def opened(args: argparse.Namespace) -> Iterator[Vault]:
    path = vault_path(args)
    vault = vault_service.unlock(path, secrets.passphrase())
    for notice in vault.notices:
        print(f"liaison: warning: {notice}", file=sys.stderr)
    try:
        yield vault
    finally:
        vault.close()


@contextlib.contextmanager
def opened_for_memory(args: argparse.Namespace) -> Iterator[Vault | None]:
    """The vault, whose memory and glossary the translation commands use, or None with
    ``--no-memory`` (translating then needs no passphrase)."""
    if args.no_memory:
        yield None
        return
    with opened(args) as vault:
        yield vault
