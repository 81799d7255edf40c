"""The ``liaison`` command: the desktop app with no arguments (or only ``--vault PATH``), the
command-line interface as soon as a subcommand or another option is given.

This module is why ``liaison`` alone opens a window while the core (``liaison.cli``) never imports
``ui``: Qt is imported only on the app path.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def wants_app(argv: Sequence[str]) -> bool:
    """True for ``[]``, ``["--vault", PATH]`` and ``["--vault=PATH"]``; anything else is the CLI."""
    args = list(argv)
    if not args:
        return True
    if len(args) == 1 and args[0].startswith("--vault=") and len(args[0]) > len("--vault="):
        return True
    return len(args) == 2 and args[0] == "--vault" and not args[1].startswith("-")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if wants_app(args):
        from ui.app import run  # noqa: PLC0415  (Qt loads only for the desktop app)

        return run(args)
    if "self-test" in args:
        _add_qt_self_test(args)
    from liaison.cli.main import main as cli_main  # noqa: PLC0415

    return cli_main(args)


def _add_qt_self_test(args: list[str]) -> None:
    """The self-test's Qt line; if Qt itself cannot be imported, that is the line's failure."""
    from liaison.services import selftest  # noqa: PLC0415

    try:
        from ui import selftest_qt  # noqa: PLC0415
    except Exception as exc:  # ImportError, or OSError from a missing shared library
        reason = f"Qt cannot be imported: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"

        def failed() -> str:
            raise selftest.CheckFailed(reason)

        selftest.register("qt", failed)
        return
    if "--window" not in args:
        selftest_qt.install()
        return
    from liaison.cli.context import vault_path  # noqa: PLC0415
    from liaison.cli.main import build_parser  # noqa: PLC0415

    selftest_qt.install(window_for=vault_path(build_parser().parse_args(args)))


if __name__ == "__main__":
    sys.exit(main())
