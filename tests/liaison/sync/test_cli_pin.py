"""``liaison sync setup/join --pin`` through the command line, against a real HTTPS server on
loopback with a self-signed certificate: the pinned certificate is accepted, anything else is
refused with one line and the sync exit codes, and nothing is stored by a refused join."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.errors import SyncIntegrityError, SyncUnavailable
from liaison.sync.transport import certificate_fingerprint
from tests.liaison.sync.cli import in_process
from tests.liaison.sync.servers import ServerProcess
from tests.liaison.sync.test_tls import self_signed

pytestmark = pytest.mark.loopback


@pytest.fixture(scope="module")
def https_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, str]]:
    folder = tmp_path_factory.mktemp("https")
    cert, key = self_signed(folder)
    server = ServerProcess(
        f"sqlite:///{folder / 's.db'}", extra=["--tls-cert", str(cert), "--tls-key", str(key)]
    )
    server.url = server.url.replace("http://", "https://")
    server.start()
    yield server, certificate_fingerprint(cert.read_bytes())
    server.stop()


def ok(vault: Path, *args: str) -> str:
    result = in_process(vault, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_join_with_the_pin_and_refusals_without_it(
    https_server: tuple[ServerProcess, str], tmp_path: Path
) -> None:
    server, pin = https_server
    desk, laptop = tmp_path / "desk.db", tmp_path / "laptop.db"
    for vault in (desk, laptop):
        ok(vault, "init")
    ok(desk, "sync", "setup", "--server", server.url, "--name", "desk", "--pin", pin.upper())
    code = json.loads(ok(desk, "sync", "invite", "--json"))["code"]
    # a wrong pin, and no pin (the self-signed certificate is not from a trusted CA): refused
    wrong = in_process(laptop, "sync", "join", server.url, code, "--pin", "ab" * 32)
    assert wrong.returncode == SyncIntegrityError.exit_code
    assert wrong.stderr.count("\n") == 1 and "pinned fingerprint" in wrong.stderr
    unpinned = in_process(laptop, "sync", "join", server.url, code)
    assert unpinned.returncode == SyncUnavailable.exit_code
    assert unpinned.stderr.count("\n") == 1 and "cannot reach the sync server" in unpinned.stderr
    malformed = in_process(laptop, "sync", "join", server.url, code, "--pin", "not-a-fingerprint")
    assert malformed.returncode != 0 and "64 hex digits" in malformed.stderr
    assert "not in a sync space" in in_process(laptop, "sync", "status").stderr  # nothing was stored
    # the pinned join, with the same code: the refused attempts sent nothing (a wrong pin is
    # caught as TLS comes up, before the request); the pin typed with colons, as openssl prints it
    colons = ":".join(pin[i : i + 2] for i in range(0, 64, 2)).upper()
    joined = json.loads(ok(laptop, "sync", "join", server.url, code, "--pin", colons, "--json"))
    ok(desk, "sync", "approve", joined["device_id"], "--yes")
    ok(laptop, "sync", "now")
    status = json.loads(ok(laptop, "sync", "status", "--json"))
    assert status["device_status"] == "active" and status["server"] == server.url
