"""The systemd unit of ``liaison-server``: ``systemd-analyze verify`` passes with no warning, and
the exact command line it starts (settings file, credential, loopback port) runs the real server.

``/opt/liaison-server`` and ``/etc/liaison-server`` are the deployment's paths (DEPLOYMENT.md);
here they are pointed at this checkout's ``.venv/bin/liaison-server`` and a temporary folder.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "packaging" / "systemd" / "liaison-server.service"
SERVER = Path(sys.executable).parent / "liaison-server"


def _verify(unit: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(unit)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _localised(tmp_path: Path, port: int = 8470) -> Path:
    settings = tmp_path / "server.env"
    settings.write_text(
        f"LIAISON_SERVER_DB=sqlite:///{tmp_path / 'server.db'}\nLIAISON_SERVER_HOST=127.0.0.1\n"
        f"LIAISON_SERVER_PORT={port}\n",
        encoding="utf-8",
    )
    token = tmp_path / "admin-token"
    token.write_text("a-long-random-admin-token\n", encoding="utf-8")
    token.chmod(0o600)
    text = (
        UNIT.read_text(encoding="utf-8")
        .replace("/opt/liaison-server/bin/liaison-server", str(SERVER))
        .replace("/etc/liaison-server/server.env", str(settings))
        .replace("/etc/liaison-server/admin-token", str(token))
    )
    unit = tmp_path / "liaison-server.service"
    unit.write_text(text, encoding="utf-8")
    return unit


def test_unit_verifies_cleanly_against_the_real_server(tmp_path: Path) -> None:
    text = UNIT.read_text(encoding="utf-8")
    assert "ExecStart=/opt/liaison-server/bin/liaison-server serve --db ${LIAISON_SERVER_DB}" in text
    assert "User=liaison" in text and "ProtectSystem=strict" in text and "NoNewPrivileges=yes" in text
    assert SERVER.is_file()
    result = _verify(_localised(tmp_path))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stderr


def test_verify_would_catch_a_broken_unit(tmp_path: Path) -> None:
    """The check is real: a typo in a setting or a missing executable is reported."""
    unit = _localised(tmp_path)
    broken = tmp_path / "broken.service"
    broken.write_text(unit.read_text(encoding="utf-8").replace("Restart=on-failure", "Restart=often"))
    assert "Failed to parse service restart specifier" in _verify(broken).stderr
    missing = tmp_path / "missing.service"
    missing.write_text(unit.read_text(encoding="utf-8").replace(str(SERVER), str(tmp_path / "nope")))
    assert _verify(missing).returncode != 0


@pytest.mark.loopback
def test_the_units_command_line_serves(tmp_path: Path) -> None:
    """ExecStart as systemd expands it: ${VARS} from the settings file, the credential folder."""
    port = _free_port()
    unit = _localised(tmp_path, port).read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in (tmp_path / "server.env").read_text().splitlines() if "=" in line
    )
    settings["CREDENTIALS_DIRECTORY"] = str(tmp_path)
    command = re.search(r"^ExecStart=(.+)$", unit, re.MULTILINE)
    assert command is not None
    argv = [re.sub(r"\$\{(\w+)\}", lambda m: settings[m.group(1)], word) for word in command.group(1).split()]
    server = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **settings},
        cwd=tmp_path,
    )
    try:
        health = None
        for _attempt in range(150):  # bounded: at most ~30 s for the server to come up
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=5) as response:
                    health = response.status, response.read()
                break
            except OSError:
                time.sleep(0.2)
        assert health is not None, server.communicate(timeout=30)
        assert health[0] == 200
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=60)
    assert "Traceback" not in err
    assert (tmp_path / "server.db").is_file()  # the --db URL from the settings file was used
