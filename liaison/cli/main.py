"""Entry point: parse, run, and turn every user error into one line on stderr and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from liaison import __version__, errors
from liaison.cli import (
    attachment_commands,
    document_commands,
    mla_commands,
    note_commands,
    output,
    pack_commands,
    record_commands,
    rules_commands,
    secrets,
    selftest_commands,
    sync_commands,
    translation_commands,
    vault_commands,
)
from liaison.store import connection

DEBUG_ENV = "LIAISON_DEBUG"
# Every exit code the command line uses; the README lists the same (a test keeps them in step).
EXIT_CODES = {
    0: "ok",
    1: "other error",
    2: "bad usage",
    3: "not found (vault or record)",
    4: "wrong passphrase or recovery code",
    5: "damaged, foreign or too-new vault",
    6: "invalid value",
    7: "conflict",
    8: "audit chain broken",
    9: "SQLCipher missing",
    11: "mla validate found errors",
    12: "export refused (invalid request without --draft)",
    14: "packs: the pack server cannot be reached (offline)",
    20: "mla verify: not a Liaison export",
    21: "mla verify: signature broken",
    22: "mla verify: file changed after signing",
    23: "mla verify: signer not trusted",
    24: "mla verify: content altered",
    25: "mla verify: not in this vault or changed since",
    26: "mla verify: unsigned with --require-signature",
    30: "sync: not set up, or refused by the server",
    31: "sync: server unreachable",
    32: "sync: this device revoked",
    33: "sync: tampering detected",
    34: "sync: a change set needs a newer Liaison",
    75: "vault in use by another program (try again)",
    130: "interrupted",
}


def _one_line(text: str) -> str:
    """Messages quote user input: keep them on one line and free of terminal escapes."""
    return output.printable(" ".join(str(text).split()))


class OneLineParser(argparse.ArgumentParser):
    """Usage errors in one line, as every other error: the full usage is one ``--help`` away."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"liaison: error: {_one_line(message)} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = OneLineParser(
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


def _unexpected(error: BaseException) -> int:
    """Last resort: a bug or an unforeseen input. Only the type, since the message or traceback
    may quote vault data; ``LIAISON_DEBUG=1`` shows the traceback to whoever runs the command."""
    if os.environ.get(DEBUG_ENV) == "1":
        traceback.print_exception(error, file=sys.stderr)
    else:
        print(
            f"liaison: error: unexpected {type(error).__name__} (run again with {DEBUG_ENV}=1 for details)",
            file=sys.stderr,
        )
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    secrets.take_from_environment()
    with output.terminal_safe_stdout():
        return _run(argv)


def _report(error: BaseException) -> int:
    """The one line on stderr for an error, and the exit code."""
    if isinstance(error, connection.OperationalError) and connection.is_busy(error):
        error = connection.busy_error()
    elif isinstance(error, connection.DatabaseError):  # a damaged page met after opening's cheap checks
        error = errors.CorruptDatabase("the vault is damaged (a page failed to read)")
    if isinstance(error, errors.LiaisonError):
        print(f"liaison: error: {_one_line(str(error))}", file=sys.stderr)
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        print("liaison: interrupted", file=sys.stderr)
        return 130
    if isinstance(error, BrokenPipeError):  # output piped into head or less that exited early
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (no second error at interpreter exit)
        return 0
    if isinstance(error, OSError):
        message = f"{error.strerror or type(error).__name__}: {error.filename or ''}".rstrip(": ")
        print(f"liaison: error: {_one_line(message)}", file=sys.stderr)
        return 1
    return _unexpected(error)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 0
        return int(args.func(args))
    except (Exception, KeyboardInterrupt) as error:
        return _report(error)


if __name__ == "__main__":
    sys.exit(main())
