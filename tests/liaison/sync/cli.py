"""Running the ``liaison`` command line in this process (its ``main``), as the tests that need
many commands do: output and exit code as a subprocess would give them, without starting an
interpreter per command."""

from __future__ import annotations

import contextlib
import io
import subprocess
from pathlib import Path

from liaison.cli.main import main
from tests import environ_swap
from tests.liaison.sync.servers import ADMIN

PASSPHRASE = "walkthrough passphrase"


def environment(vault: Path) -> dict[str, str]:
    return {
        "LIAISON_VAULT": str(vault),
        "LIAISON_PASSPHRASE": PASSPHRASE,
        "LIAISON_SERVER_ADMIN_TOKEN": ADMIN,
        "QT_QPA_PLATFORM": "offscreen",
    }


def in_process(vault: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command's few variables set for it, only those put back after (``tests.environ_swap``:
    emptying and refilling the environment crashed a process that had other threads running)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        environ_swap.swapped(environment(vault)),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(list(args))
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
