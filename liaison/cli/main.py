"""Entry point: parse, run, and turn every user error into one line on stderr and an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from liaison import __version__, errors
from liaison.cli import (
    mla_commands,
    note_commands,
    pack_commands,
    record_commands,
    rules_commands,
    translation_commands,
    vault_commands,
)

EXIT_CODES: tuple[tuple[type[errors.LiaisonError], int], ...] = (
    (errors.VaultNotFound, 3),
    (errors.RecordNotFound, 3),
    (errors.WrongPassphrase, 4),
    (errors.WrongRecoveryCode, 4),
    (errors.CorruptHeader, 5),
    (errors.CorruptDatabase, 5),
    (errors.NotALiaisonVault, 5),
    (errors.VaultTooNew, 5),
    (errors.ValidationError, 6),
    (errors.ConflictError, 7),
    (errors.AuditChainBroken, 8),
    (errors.SqlcipherUnavailable, 9),
)


def _late_exit_codes() -> tuple[tuple[type[errors.LiaisonError], int], ...]:
    """Exit codes of errors defined outside errors.py (imported lazily: they pull heavy modules)."""
    from liaison.translation.archive import InvalidPack  # noqa: PLC0415
    from liaison.translation.engine import PackMissing  # noqa: PLC0415
    from liaison.translation.index import OfflineError  # noqa: PLC0415
    from liaison.translation.packs import PackNotInstalled  # noqa: PLC0415

    return ((PackMissing, 3), (PackNotInstalled, 3), (InvalidPack, 6), (OfflineError, 12))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liaison",
        description="Liaison: encrypted field kit for police and prosecution liaison officers.",
        epilog="Passphrase from LIAISON_PASSPHRASE for scripts, otherwise asked on the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"liaison {__version__}")
    parser.add_argument("--vault", help="vault file (default: $LIAISON_VAULT or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    vault_commands.register(sub)
    record_commands.register(sub)
    note_commands.register(sub)
    translation_commands.register(sub)
    pack_commands.register(sub)
    mla_commands.register(sub)
    rules_commands.register(sub)
    return parser


def exit_code(error: errors.LiaisonError) -> int:
    for cls, code in (*EXIT_CODES, *_late_exit_codes()):
        if isinstance(error, cls):
            return code
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args))
    except errors.LiaisonError as error:
        print(f"liaison: error: {error}", file=sys.stderr)
        return exit_code(error)
    except KeyboardInterrupt:
        print("liaison: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head or less that exited early
        return 0
    except OSError as error:
        print(
            f"liaison: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
