"""The README's sync walkthrough, read from README.md and run line by line, on SQLite and on
PostgreSQL, so the commands a newcomer types are the ones that are tested.

Each line goes through as written, with only what cannot be fixed in a document put in: the CODE,
ID and CONFLICT the earlier commands printed, a free port instead of 8470 (parallel test runs),
and on PostgreSQL a throwaway database instead of ``sqlite:///server.db``. ``liaison`` lines run
the command line's ``main`` in this process (the server is a real process); a line the test does
not know how to run fails it, so the README cannot gain an untested step. ``# exit N`` on a line
is the exit code it must give."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.cli.main import main
from tests import environ_swap
from tests.liaison.sync.servers import BIN, PostgresCluster, free_port

pytestmark = pytest.mark.loopback
ROOT = Path(__file__).parents[3]
README_PORT = "8470"


def walkthrough() -> list[str]:
    """The command lines of the first ``sh`` block after the README's "Walkthrough:" paragraph."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Sync with the home agency") :]
    block = section[section.index("Walkthrough:") :]
    body = block[block.index("```sh\n") + 6 :]
    body = body[: body.index("\n```")]
    return [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")]


class _Terminal(io.StringIO):
    """Standard input as a person at a terminal who answers the approval question with 'y'."""

    def isatty(self) -> bool:
        return True


class Walk:
    def __init__(self, tmp_path: Path, db_url: str | None) -> None:
        self.dir = tmp_path
        self.db_url = db_url
        self.port = str(free_port())
        self.env: dict[str, str] = {}
        self.found: dict[str, str] = {}
        self.outputs: list[tuple[list[str], subprocess.CompletedProcess[str]]] = []
        self.server: subprocess.Popen[bytes] | None = None

    def line(self, line: str) -> None:
        expected = re.search(r"#\s*exit (\d+)", line)
        words = shlex.split(line, comments=True)
        if words[0] == "export":
            self.export(line, words[1].split("=", 1)[0])
        elif words[0] == "liaison-server":
            self.serve(words)
        elif words[:2] == ["mkdir", "-p"] and words[3:5] == ["&&", "cd"] and words[2] == words[5]:
            self.dir = self.dir / words[2]  # the README's folder for the try, inside the test's
            self.dir.mkdir(parents=True, exist_ok=True)
            os.chdir(self.dir)
        elif words == ["SERVER=$!"]:
            assert self.server is not None
        elif words == ["kill", "$SERVER"]:
            assert self.server is not None
            self.stop()
        elif words[0] == "liaison":
            self.liaison(words[1:], int(expected.group(1)) if expected else 0)
        else:
            pytest.fail(f"a README walkthrough line this test cannot run: {line!r}")

    def export(self, line: str, name: str) -> None:
        if name == "PATH":  # the bootstrap's .venv/bin: where this test's interpreter is
            assert (BIN / "liaison").exists() and (BIN / "liaison-server").exists()
            return
        shell = subprocess.run(
            ["bash", "-c", f'{line}; printf %s "${name}"'], capture_output=True, text=True, check=True
        )
        assert shell.stdout, line
        self.env[name] = shell.stdout

    def serve(self, words: list[str]) -> None:
        """``liaison-server serve ... > server.log 2>&1 &``: started as the shell would, with the
        variables exported before it (the admin token), its output in the file named."""
        cut = next(i for i, w in enumerate(words) if w in (">", ">>"))
        args, mode, log = words[1:cut], words[cut], self.dir / words[cut + 1]
        assert words[cut + 2 :] == ["2>&1", "&"] and args[0] == "serve"
        options = dict(zip(args[1::2], args[2::2], strict=True))
        assert options["--port"] == README_PORT and options["--host"] == "127.0.0.1"
        options["--port"] = self.port
        if self.db_url:
            options["--db"] = self.db_url
        command = [str(BIN / "liaison-server"), "serve", *(x for kv in options.items() for x in kv)]
        with log.open("a" if mode == ">>" else "w") as out:
            self.server = subprocess.Popen(
                command, cwd=self.dir, env={**os.environ, **self.env}, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.server.poll() is None, log.read_text()[-2000:]
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/v1/health", timeout=2),
            ):
                return
            time.sleep(0.1)
        pytest.fail("the README's server did not start")

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(30)

    def liaison(self, args: list[str], expected: int) -> None:
        args = [self.found.get(a, a).replace(f":{README_PORT}", f":{self.port}") for a in args]
        stdout, stderr = io.StringIO(), io.StringIO()
        stdin = sys.stdin
        sys.stdin = _Terminal("y\n")
        try:
            with (
                environ_swap.swapped(self.env),  # only what differs: see tests.environ_swap
                contextlib.redirect_stdout(stdout),
                contextlib.redirect_stderr(stderr),
            ):
                code = main(args)
        finally:
            sys.stdin = stdin
        result = subprocess.CompletedProcess(args, code, stdout.getvalue(), stderr.getvalue())
        assert code == expected, f"liaison {shlex.join(args)}: exit {code}: {result.stderr}"
        self.outputs.append((args, result))
        self.remember(args, result.stdout)

    def remember(self, args: list[str], out: str) -> None:
        """What the README tells the reader to copy from a command's output."""
        command = args[2:4]
        if command == ["sync", "invite"]:
            self.found["CODE"] = re.search(r"invitation code \([^)]*\): (\S+)", out).group(1)  # type: ignore[union-attr]
        elif command == ["contacts", "add"]:
            self.found["ID"] = out.strip()
        elif command == ["sync", "conflicts"] and "CONFLICT" not in self.found:
            self.found["CONFLICT"] = out.splitlines()[1].split()[0]

    def json(self, vault: str, *args: str) -> object:
        before = len(self.outputs)
        self.liaison(["--vault", vault, *args, "--json"], 0)
        return json.loads(self.outputs.pop(before)[1].stdout)

    def output(self, *args: str) -> list[str]:
        return [r.stdout for a, r in self.outputs if a == [self.found.get(x, x) for x in args]]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str | None:
    if request.param == "sqlite":
        return None  # the README's own sqlite:///server.db, in the test's folder
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.new_database()


@pytest.fixture
def walk(tmp_path: Path, db_url: str | None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Walk]:
    monkeypatch.chdir(tmp_path)  # desk.db and laptop.db are relative, as the reader types them
    walker = Walk(tmp_path, db_url)
    yield walker
    walker.stop()


def test_the_readme_walkthrough_runs_as_written(walk: Walk) -> None:
    lines = walkthrough()
    assert any(line.startswith("kill $SERVER") for line in lines)  # it does go offline
    for line in lines:
        walk.line(line)
        if re.search(r"#\s*exit 31", line):  # the failed sync kept the offline edit waiting
            status = walk.json("desk.db", "sync", "status")
            assert status["pending_change_sets"] >= 1  # type: ignore[index]
    shown = [walk.output("--vault", v, "contacts", "show", "ID") for v in ("desk.db", "laptop.db")]
    units = {re.search(r"unit: (.*)", out[0]).group(1) for out in shown}  # type: ignore[union-attr]
    assert len(units) == 1  # the same data on both devices
    listed = walk.output("--vault", "laptop.db", "sync", "conflicts")
    assert len(listed[0].splitlines()) == 2 and "(this device)" in listed[0]
    assert len(walk.output("--vault", "desk.db", "sync", "conflicts")[0].splitlines()) == 2
    # the laptop kept its own value ('mine'): after the syncs, both hold it and no conflict is left
    for vault in ("desk.db", "laptop.db"):
        assert walk.json(vault, "contacts", "show", walk.found["ID"])["unit"] == "Fraud Squad"  # type: ignore[index]
        assert walk.json(vault, "sync", "conflicts") == []
    assert "conflicts: 0" in walk.output("--vault", "desk.db", "sync", "status")[0]
