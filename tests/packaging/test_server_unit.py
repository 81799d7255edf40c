"""The systemd unit of ``liaison-server`` passes ``systemd-analyze verify`` with no warning.

The server executable itself is not built by this tree yet (issue #9), so the unit is verified
with its ExecStart and EnvironmentFile pointed at a stand-in script and a settings file in a
temporary folder; everything else in the unit is checked as shipped.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "packaging" / "systemd" / "liaison-server.service"


def _verify(unit: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(unit)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _localised(tmp_path: Path, text: str) -> Path:
    stub = tmp_path / "liaison-server"
    stub.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    stub.chmod(0o755)
    settings = tmp_path / "server.env"
    settings.write_text("LIAISON_SERVER_DB=postgresql://liaison@/liaison\n", encoding="utf-8")
    unit = tmp_path / "liaison-server.service"
    unit.write_text(
        text.replace("/opt/liaison-server/bin/liaison-server", str(stub)).replace(
            "/etc/liaison-server/server.env", str(settings)
        ),
        encoding="utf-8",
    )
    return unit


def test_unit_verifies_cleanly(tmp_path: Path) -> None:
    text = UNIT.read_text(encoding="utf-8")
    assert "ExecStart=/opt/liaison-server/bin/liaison-server serve --db ${LIAISON_SERVER_DB}" in text
    assert "User=liaison" in text and "ProtectSystem=strict" in text and "NoNewPrivileges=yes" in text
    result = _verify(_localised(tmp_path, text))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == "", result.stderr


def test_verify_would_catch_a_broken_unit(tmp_path: Path) -> None:
    """The check is real: a typo in a setting or a missing executable is reported."""
    broken = _localised(
        tmp_path, UNIT.read_text(encoding="utf-8").replace("Restart=on-failure", "Restart=often")
    )
    assert "Failed to parse service restart specifier" in _verify(broken).stderr
    missing = tmp_path / "missing.service"
    missing.write_text(
        broken.read_text(encoding="utf-8").replace(str(tmp_path / "liaison-server"), str(tmp_path / "nope")),
        encoding="utf-8",
    )
    assert _verify(missing).returncode != 0
