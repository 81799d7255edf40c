"""What a newcomer following the README's sync walkthrough stumbled on, each now checked on a real
server on loopback: the safety number must be readable whole where the README says to compare it,
a conflict must say which side is 'mine', a revoked device gets one line that says what is left,
and a server that cannot be reached is named with the reason (not an exception's class name)."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.domain import Contact
from liaison.store import records
from liaison.store.clock import HybridClock
from liaison.store.vault import unlock
from tests.liaison.sync.cli import PASSPHRASE, in_process
from tests.liaison.sync.servers import ServerProcess, free_port

pytestmark = pytest.mark.loopback


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(f"sqlite:///{tmp_path_factory.mktemp('srv') / 'server.db'}").start()
    yield proc
    proc.stop()


def run(vault: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    result = in_process(vault, *args)
    assert result.returncode == code, (args, result.returncode, result.stderr)
    return result


def pair(server: ServerProcess, tmp_path: Path) -> tuple[Path, Path, str]:
    """A desk that set up a space and a laptop it approved; returns the laptop's safety number."""
    desk, laptop = tmp_path / "desk.db", tmp_path / "laptop.db"
    for vault in (desk, laptop):
        run(vault, "init")
    run(desk, "sync", "setup", "--server", server.url, "--name", "desk")
    code = run(desk, "sync", "invite", "--no-qr").stdout.split("): ")[1].split()[0]
    joined = run(laptop, "sync", "join", server.url, code, "--name", "laptop").stdout
    number = joined.split("safety number: ")[1].splitlines()[0]
    listed = run(desk, "sync", "devices").stdout
    assert number in listed  # whole, as the README asks to compare it: 12 groups of 5 digits
    assert len(number.split()) == 12
    run(desk, "sync", "approve", "laptop", "--yes")
    return desk, laptop, number


def test_devices_show_the_whole_safety_number_and_conflicts_say_who_wrote_each_side(
    server: ServerProcess, tmp_path: Path
) -> None:
    desk, laptop, _number = pair(server, tmp_path)
    contact = run(desk, "contacts", "add", "--full-name", "Ana Silva", "--unit", "Fraud").stdout.strip()
    for vault in (desk, laptop):
        run(vault, "sync", "now")
    run(desk, "contacts", "edit", contact, "--unit", "Cybercrime")
    run(laptop, "contacts", "edit", contact, "--unit", "Fraud Squad")
    said = [run(vault, "sync", "now").stdout for vault in (desk, laptop, desk)]
    assert said[0].endswith("; 0 open conflicts\n") and said[2].endswith("; 1 open conflict\n")
    ids = {
        json.loads(run(v, "sync", "status", "--json").stdout)["device_id"]: n
        for v, n in ((desk, "desk"), (laptop, "laptop"))
    }
    for vault, me in ((desk, "desk"), (laptop, "laptop")):
        [conflict] = json.loads(run(vault, "sync", "conflicts", "--json").stdout)
        header, row = run(vault, "sync", "conflicts").stdout.splitlines()
        assert header.split() == ["ID", "KIND", "FIELD", "REASON", "VALUE", "BY", "CURRENT", "CURRENT_BY"]

        def label(device_id: str, me: str = me) -> str:
            name = ids[device_id]
            return f"{name} (this device)" if name == me else name

        # the losing value and the current one, each followed by its writer, this device marked
        assert f"{conflict['value']}  {label(conflict['device'])}" in row
        assert row.endswith(f"{conflict['current']}  {label(conflict['current_device'])}")
        assert {ids[conflict["device"]], ids[conflict["current_device"]]} == {"desk", "laptop"}


def test_a_second_join_names_the_space_and_a_revoked_device_is_told_in_one_line(
    server: ServerProcess, tmp_path: Path
) -> None:
    desk, laptop, _number = pair(server, tmp_path)
    run(desk, "contacts", "add", "--full-name", "Ana Silva")
    for vault in (desk, laptop):
        run(vault, "sync", "now")
    # joining again, or setting up a second space, names the space it is in
    again = run(laptop, "sync", "join", server.url, "KY8V-9GHT-FRXX-VV2D-DBMB-2HNW-ECKD", code=30)
    assert "already in sync space" in again.stderr and server.url in again.stderr
    assert server.url in run(desk, "sync", "setup", "--server", server.url, code=30).stderr
    run(desk, "sync", "revoke", "laptop")
    result = run(laptop, "sync", "now", code=32)
    assert result.stderr.count("\n") == 1
    assert "revoked" in result.stderr and "no longer syncs" in result.stderr
    assert "Ana Silva" in run(laptop, "contacts", "list").stdout  # the records stay, as it said
    status = json.loads(run(laptop, "sync", "status", "--json").stdout)
    mine = [d["status"] for d in status["devices"] if d["id"] == status["device_id"]]
    assert (status["device_status"], mine) == ("revoked", ["revoked"])
    again = run(laptop, "sync", "now", code=32)
    assert again.stderr.count("\n") == 1 and "no longer syncs" in again.stderr


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:{free}", "connection refused (no server listening at that address and port)"),
        ("https://127.0.0.1:{port}", "TLS failed: the server does not speak https at that address"),
        ("http://127.0.0.1:{port}/sync", "no Liaison sync server at that URL"),
    ],
)
def test_a_server_that_cannot_be_reached_is_named_with_the_reason(
    server: ServerProcess, tmp_path: Path, url: str, reason: str
) -> None:
    vault = tmp_path / "v.db"
    run(vault, "init")
    address = url.format(free=free_port(), port=server.port)
    result = in_process(vault, "sync", "setup", "--server", address, "--name", "desk")
    assert result.returncode in (30, 31)
    assert result.stderr.count("\n") == 1 and reason in result.stderr, result.stderr
    run(vault, "sync", "status", code=30)  # nothing was stored: the vault is in no space


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://", "server URL names no host"),
        ("http://127.0.0.1:abc", "no valid port (a number from 1 to 65535)"),
        ("http://127.0.0.1:99999", "no valid port (a number from 1 to 65535)"),
        ("https://officer:hunter2-secret@sync.example.org", "must not hold a user name or password"),
        ("https://sync.example.org/?space=1", "must not end with a '?' query"),
    ],
)
def test_a_malformed_server_url_is_refused_before_any_request(tmp_path: Path, url: str, reason: str) -> None:
    """Before: 'unexpected InvalidURL' (exit 1), 'connection refused' for a port out of range, and a
    password in the URL stored and repeated in every message."""
    vault = tmp_path / "v.db"
    run(vault, "init")
    for command in (["setup", "--server", url], ["join", url, "KY8V-9GHT-FRXX-VV2D-DBMB-2HNW-ECKD"]):
        result = run(vault, "sync", *command, code=6)
        assert result.stderr.count("\n") == 1 and reason in result.stderr
        assert "hunter2" not in result.stderr
    run(vault, "sync", "status", code=30)  # nothing was stored


def test_the_far_future_warning_names_the_device_by_its_name(server: ServerProcess, tmp_path: Path) -> None:
    desk, laptop, _number = pair(server, tmp_path)
    contact = run(desk, "contacts", "add", "--full-name", "Ana Silva").stdout.strip()
    for vault in (desk, laptop):
        run(vault, "sync", "now")
    fast = unlock(laptop, PASSPHRASE)  # the laptop's clock runs 30 hours fast for one edit
    fast.clock = HybridClock(wall=lambda: time.time_ns() // 1_000_000 + 30 * 3600 * 1000)
    laptop_id = fast.device_id
    records.update(fast, Contact, contact, {"unit": "Fraud"})
    fast.close()
    run(laptop, "sync", "now")
    said = run(desk, "sync", "now").stdout
    assert f"warning: device laptop ({laptop_id}) sent stamps more than 24 h in the future" in said
