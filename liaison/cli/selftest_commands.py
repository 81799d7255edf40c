"""``liaison self-test``: the installation report support asks officers for."""

from __future__ import annotations

import argparse
from typing import Any

from liaison.cli.context import vault_path
from liaison.services import selftest


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "self-test",
        help="check this installation (SQLCipher, crypto, vault folder, fonts, translation, PDF, Qt)",
        description="One line per check; exits 1 if any check fails. Never opens the vault.",
    )
    parser.add_argument(
        "--window",
        action="store_true",
        help="also build, show and close the main window (needs a display, or QT_QPA_PLATFORM=offscreen)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.window and "window" not in selftest.registered():

        def unavailable() -> str:
            raise selftest.CheckFailed("the window check needs the liaison launcher (Qt is not loaded here)")

        selftest.register("window", unavailable)
    outcomes = selftest.run(vault_path(args))
    print(selftest.report(outcomes), flush=True)
    return 0 if all(o.ok for o in outcomes) else 1
