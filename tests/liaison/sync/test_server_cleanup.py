"""The tests' ``liaison-server`` processes never outlive the test process: a pytest that crashed
(a segfault skips every fixture's teardown) used to leave them running."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.liaison.sync import servers

pytestmark = pytest.mark.loopback
ROOT = Path(__file__).parents[3]

CRASHING = """
import os, signal, sys
from tests.liaison.sync.servers import ServerProcess
server = ServerProcess(f"sqlite:///{sys.argv[1]}").start()
print(server.proc.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # as a crash would: no teardown, no atexit
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_a_server_dies_with_a_crashed_test_process(tmp_path: Path) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CRASHING, str(tmp_path / "server.db")],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        check=False,
    )
    assert child.returncode == -9, child.stderr
    pid = int(child.stdout.split()[0])
    deadline = time.monotonic() + 30
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _alive(pid):
        os.kill(pid, 9)
        pytest.fail(f"liaison-server {pid} outlived the test process that started it")


def test_servers_left_running_are_stopped_and_named(tmp_path: Path) -> None:
    server = servers.ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    assert server in servers.RUNNING
    assert server.proc is not None
    assert servers.stop_all() == [server.url]
    assert server.proc.poll() is not None and not servers.RUNNING


def test_a_server_that_does_not_start_says_why_and_is_not_kept(tmp_path: Path) -> None:
    server = servers.ServerProcess("nosuchdb://nowhere")
    with pytest.raises(RuntimeError, match="server exited"):
        server.start()
    assert server not in servers.RUNNING
    assert server.proc is not None and server.proc.poll() is not None
