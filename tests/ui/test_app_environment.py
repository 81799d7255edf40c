"""The desktop app asks for the passphrase itself; a passphrase exported for scripted CLI use is
dropped from its environment at once, so the worker processes it starts never inherit it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_drops_a_cli_passphrase_from_its_environment(tmp_path: Path) -> None:
    # The platform check stops the app right after start-up (as on a machine without the xcb
    # libraries): what the environment holds then is what any worker would have inherited.
    code = (
        "import os, sys; from ui import platform_check, app; "
        "platform_check.missing_packages = lambda: ['libxcb-icccm4']; "
        f"rc = app.run(['--vault', {str(tmp_path / 'v.db')!r}]); "
        "print(repr(os.environ.get('LIAISON_PASSPHRASE'))); sys.exit(rc)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DISPLAY": ":4242",
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "xcb",
        "LIAISON_PASSPHRASE": "correct horse battery staple",
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.strip() == "None"
    assert "correct horse" not in done.stdout + done.stderr
