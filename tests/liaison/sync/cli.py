"""Running the ``liaison`` command line in this process (its ``main``), as the tests that need
many commands do: output and exit code as a subprocess would give them, without starting an
interpreter per command."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from pathlib import Path

from liaison.cli.main import main
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
    saved = dict(os.environ)
    os.environ.update(environment(vault))
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
