"""The steps of the README's sync walkthrough, checked through ``--json``, against a real server
on loopback, on SQLite and on PostgreSQL (``test_readme_walkthrough`` runs the README's own lines).

On SQLite every command is its own ``liaison`` process, as a user types them. On PostgreSQL the
same commands run through the same ``main`` in this process (the server is still a real process on
a real PostgreSQL): the two runs differ only in the database behind the server, and starting
twenty interpreters a second time would add a minute to the suite and test nothing new."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.liaison.sync.cli import environment, in_process
from tests.liaison.sync.servers import PostgresCluster, ServerProcess

pytestmark = pytest.mark.loopback
ROOT = Path(__file__).parents[3]
# The liaison command line with the fast test KDF (no option or variable reaches it in the real one).
LIAISON = [sys.executable, "-m", "tests.fast_cli"]


IN_PROCESS = {"on": False}


def run(vault: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    if IN_PROCESS["on"]:
        result = in_process(vault, *args)
    else:
        result = subprocess.run(
            [*LIAISON, *args],
            env=dict(os.environ, **environment(vault)),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            cwd=ROOT,
        )
    if check and result.returncode != 0:
        raise AssertionError(f"liaison {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result


def as_json(vault: Path, *args: str) -> object:
    return json.loads(run(vault, *args, "--json").stdout)


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerProcess]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.db'}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    proc = ServerProcess(url).start()
    IN_PROCESS["on"] = request.param == "postgresql"
    try:
        yield proc
    finally:
        IN_PROCESS["on"] = False
        proc.stop()


def test_walkthrough(server: ServerProcess, tmp_path: Path) -> None:
    desk, laptop = tmp_path / "desk.db", tmp_path / "laptop.db"
    # 1. the desk vault sets up the space with the server's admin token
    run(desk, "init")
    run(desk, "sync", "setup", "--server", server.url, "--name", "desk")
    # 2. it invites the laptop, which joins and shows its safety number
    code = as_json(desk, "sync", "invite")["code"]  # type: ignore[index]
    run(laptop, "init")
    joined = as_json(laptop, "sync", "join", server.url, code, "--name", "laptop")
    assert set(joined) == {"device_id", "safety_number"}  # type: ignore[arg-type]
    # 3. the desk sees the same safety number, then approves
    listed = {d["id"]: d for d in as_json(desk, "sync", "devices")}  # type: ignore[union-attr]
    laptop_view = listed[joined["device_id"]]  # type: ignore[index]
    assert set(laptop_view) == {"id", "name", "status", "safety_number", "last_seen"}
    assert (laptop_view["status"], laptop_view["safety_number"]) == ("pending", joined["safety_number"])  # type: ignore[index]
    run(desk, "sync", "approve", "laptop", "--yes")
    # 4. data from the desk reaches the laptop
    run(desk, "contacts", "add", "--full-name", "Ana Silva", "--country", "PT")
    contact_id = as_json(desk, "contacts", "list")[0]["id"]  # type: ignore[index]
    run(desk, "sync", "now")
    run(laptop, "sync", "now")
    assert [c["full_name"] for c in as_json(laptop, "contacts", "list")] == ["Ana Silva"]  # type: ignore[union-attr]
    # 5. both edit the same field offline, then sync: same data, one conflict on both
    run(desk, "contacts", "edit", contact_id, "--unit", "Cybercrime")
    run(laptop, "contacts", "edit", contact_id, "--unit", "Fraud")
    for vault in (desk, laptop, desk):
        run(vault, "sync", "now")
    units = {as_json(v, "contacts", "show", contact_id)["unit"] for v in (desk, laptop)}  # type: ignore[index]
    assert len(units) == 1
    conflicts = as_json(laptop, "sync", "conflicts")
    assert [(c["field"], c["value"]) for c in conflicts] == [
        ("unit", ({"Cybercrime", "Fraud"} - units).pop())
    ]  # type: ignore[union-attr]
    assert len(as_json(desk, "sync", "conflicts")) == 1  # type: ignore[arg-type]
    # 6. status shows it; resolving on one device settles it on both
    status = as_json(laptop, "sync", "status")
    assert status["conflicts"] == 1 and status["pending_change_sets"] == 0  # type: ignore[index]
    run(
        laptop,
        "sync",
        "resolve",
        conflicts[0]["id"],
        "--keep",
        "theirs" if conflicts[0]["device"] != joined["device_id"] else "mine",
    )  # type: ignore[index]
    for vault in (laptop, desk):
        run(vault, "sync", "now")
    assert as_json(desk, "sync", "conflicts") == [] and as_json(laptop, "sync", "conflicts") == []
    assert as_json(desk, "contacts", "show", contact_id)["unit"] == conflicts[0]["value"]  # type: ignore[index]
