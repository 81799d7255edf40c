"""Entry point: parse, run, and turn every user error into one line on stderr and an exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from liaison import __version__, errors
from liaison.cli import (
    attachment_commands,
    document_commands,
    mla_commands,
    note_commands,
    pack_commands,
    record_commands,
    rules_commands,
    selftest_commands,
    sync_commands,
    translation_commands,
    vault_commands,
)


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
    sync_commands.register(sub)
    selftest_commands.register(sub)
    document_commands.register(sub)
    attachment_commands.register(sub)
    return parser


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
        return error.exit_code
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
