"""``liaison sync now`` meeting a change set in a newer format than this release reads: exit 34,
one line saying to update Liaison, what came before it applied; ``sync status`` lists the flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison.domain import Case
from liaison.errors import SyncFormatTooNew
from liaison.store import records
from liaison.store.vault import unlock
from liaison.sync import changeset
from tests.liaison.sync.cli import PASSPHRASE, in_process
from tests.liaison.sync.servers import ServerProcess
from tests.liaison.sync.test_formats import push_raw

pytestmark = pytest.mark.loopback


def ok(vault: Path, *args: str) -> str:
    result = in_process(vault, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_sync_now_exits_34_and_says_update(tmp_path: Path) -> None:
    server = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    try:
        desk, laptop = tmp_path / "desk.db", tmp_path / "laptop.db"
        for vault in (desk, laptop):
            ok(vault, "init")
        ok(desk, "sync", "setup", "--server", server.url, "--name", "desk")
        code = json.loads(ok(desk, "sync", "invite", "--json"))["code"]
        ok(laptop, "sync", "join", server.url, code, "--name", "laptop")
        ok(desk, "sync", "approve", "laptop", "--yes")
        opened = unlock(desk, PASSPHRASE)
        try:
            case = records.insert(opened, Case(reference="CLI-FMT", title="before"))
        finally:
            opened.close()
        ok(desk, "sync", "now")
        opened = unlock(desk, PASSPHRASE)
        try:
            push_raw(opened, server.url, [changeset.READS + 1, "", [], [], [], None, ["later"]])
        finally:
            opened.close()
        result = in_process(laptop, "sync", "now")
        assert result.returncode == SyncFormatTooNew.exit_code == 34
        assert result.stderr.count("\n") == 1 and "update Liaison" in result.stderr
        assert "device desk" in result.stderr
        opened = unlock(laptop, PASSPHRASE)
        try:
            assert records.find(opened, Case, "id = ?", (case.id,))  # what came before it is applied
        finally:
            opened.close()
        status = json.loads(ok(laptop, "sync", "status", "--json"))
        assert [f["what"] for f in status["flags"]] == ["update_needed"]
        assert "flag: update_needed" in ok(laptop, "sync", "status") and "update Liaison" in ok(
            laptop, "sync", "status"
        )
    finally:
        server.stop()
