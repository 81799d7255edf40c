"""The ``liaison`` command line run inside the test process, as a fresh process would see it.

Starting ``python -m tests.fast_cli`` costs about 0.8 s of CPU per command (the interpreter and
liaison's imports), and the CLI tests run several hundred commands: on 2 cores that was minutes
of the suite. Tests about what a command *does* (output, JSON, exit codes, one-line errors) call
:func:`run_cli` instead: the same ``liaison.cli.main.main`` with the same argv, environment,
working folder, empty non-terminal standard input and captured output, returning the same
``CompletedProcess``. Tests about the process boundary itself (piped standard input, the
environment a child sees, a kill, several processes on one vault, the real entry point) keep
starting real processes.

What a new process would not carry over is reset for each command: the environment is replaced
(and put back after), the secrets taken from it by an earlier command are forgotten, ``tempfile``
looks at ``TMPDIR`` again, and the working folder is changed and restored.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from liaison.cli import secrets
from liaison.cli.main import main
from tests import environ_swap


def _exit_code(done: SystemExit) -> int:
    """What the interpreter makes of ``sys.exit(x)``: None is 0, a message is printed and is 1."""
    if done.code is None:
        return 0
    if isinstance(done.code, int):
        return done.code
    print(done.code, file=sys.stderr)
    return 1


def _universal_newlines(data: bytes, errors: str) -> str:
    """Decoded as ``subprocess.run(text=True)`` does (UTF-8 here, ``\\r\\n`` and ``\\r`` as ``\\n``)."""
    return data.decode("utf-8", errors).replace("\r\n", "\n").replace("\r", "\n")


def run_cli_bytes(
    args: Sequence[str], *, env: Mapping[str, str], cwd: Path | str, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """``liaison ARGS`` in this process; stdout and stderr as bytes (like ``capture_output=True``)."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (sys.stdin, sys.stdout, sys.stderr)
    saved_cwd = os.getcwd()
    saved_tempdir = tempfile.tempdir
    ours = (
        io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True),
        # Python's own stderr: UTF-8, and what cannot be encoded is escaped rather than an error.
        io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="\n", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = ours
    stack = contextlib.ExitStack()
    stack.enter_context(environ_swap.swapped(env, only=True))  # only what differs: see environ_swap
    secrets._given.clear()  # a new process has taken nothing from its environment yet
    tempfile.tempdir = None
    os.chdir(cwd)
    try:
        try:
            code = main(list(args))
        except SystemExit as done:  # argparse's usage errors and --help
            code = _exit_code(done)
        for stream in ours[1:]:
            stream.flush()
        return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
    finally:
        for stream in ours:
            stream.detach()  # the BytesIO stay readable
        sys.stdin, sys.stdout, sys.stderr = streams
        os.chdir(saved_cwd)
        tempfile.tempdir = saved_tempdir
        secrets._given.clear()
        stack.close()


def run_cli(
    args: Sequence[str], *, env: Mapping[str, str], cwd: Path | str, stdin: bytes = b""
) -> subprocess.CompletedProcess[str]:
    """``liaison ARGS`` in this process, with text output (like ``text=True``)."""
    done = run_cli_bytes(args, env=env, cwd=cwd, stdin=stdin)
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        _universal_newlines(done.stdout, "strict"),
        _universal_newlines(done.stderr, "strict"),
    )
