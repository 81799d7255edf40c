"""Real servers for tests: ``liaison-server serve`` on a loopback port (uvicorn), on SQLite or on a
throwaway PostgreSQL cluster started here with initdb/pg_ctl (as the ``postgres`` user when the
tests run as root, since PostgreSQL refuses root)."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ADMIN = "admin-token-for-tests-0123456789"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _dying_with_us(cmd: list[str]) -> list[str]:
    """``cmd`` run through util-linux's ``setpriv --pdeathsig``, which execs it with the kernel's
    parent-death signal set: SIGKILL when the test process ends, however it ends. A crashed pytest
    (a segfault skips every fixture's teardown) otherwise left its ``liaison-server`` processes
    running, holding their ports and files."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise RuntimeError("setpriv (util-linux) is not installed: the tests' servers need it")
    return [setpriv, "--pdeathsig", "KILL", "--", *cmd]


# Started and not yet stopped, so that the session's end stops any a test forgot (conftest).
RUNNING: set[ServerProcess] = set()


def stop_all() -> list[str]:
    """Stop every server still running; returns their URLs (a test left them: a bug to report)."""
    left = sorted(RUNNING, key=lambda s: s.port)
    for server in left:
        server.stop()
    return [server.url for server in left]


class ServerProcess:
    """``stop`` in a ``finally`` or a fixture's teardown; the process also dies with the tests'
    (``_dying_with_us``). Start it from the main thread: the kernel sends the signal when the
    thread that started it ends."""

    def __init__(self, db_url: str, port: int | None = None, extra: list[str] | None = None) -> None:
        self.db_url = db_url
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra = extra or []
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = Path(tempfile.mkdtemp(prefix="liaison-server-")) / "server.log"

    def start(self) -> ServerProcess:
        env = dict(os.environ, LIAISON_SERVER_ADMIN_TOKEN=ADMIN)
        cmd = [
            str(BIN / "liaison-server"),
            "serve",
            "--db",
            self.db_url,
            "--port",
            str(self.port),
            *self.extra,
        ]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(_dying_with_us(cmd), env=env, stdout=log, stderr=subprocess.STDOUT)
        RUNNING.add(self)
        try:
            self._wait_healthy(self.proc)
        except BaseException:
            self.kill()  # a server that did not come up is not left behind
            raise
        return self

    def _wait_healthy(self, proc: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                context = ssl._create_unverified_context() if self.url.startswith("https") else None
                with urllib.request.urlopen(self.url + "/v1/health", timeout=2, context=context) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not answer /v1/health within 120 s: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        RUNNING.discard(self)
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def kill(self) -> None:
        RUNNING.discard(self)
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: run ./scripts/bootstrap.sh")
    return path


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class PostgresCluster:
    """A private cluster in a temp folder on a loopback port, trust auth, removed on stop."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="liaison-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self._next = 0

    def start(self) -> PostgresCluster:
        os.chmod(self.dir, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [_pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        )
        subprocess.run(
            _as_postgres(
                [
                    _pg_bin("pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.dir / "pg.log"),
                    "-o",
                    options,
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return self

    def new_database(self) -> str:
        self._next += 1
        name = f"liaison_{os.getpid()}_{self._next}"
        subprocess.run(
            _as_postgres(
                [_pg_bin("createdb"), "-h", str(self.dir), "-p", str(self.port), "-U", "postgres", name]
            ),
            check=True,
        )
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(
            _as_postgres([_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.dir, ignore_errors=True)
