"""The xcb platform check: a missing system library becomes one line naming its package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ui import platform_check

ROOT = Path(__file__).resolve().parents[2]


def test_the_bootstrap_installs_everything_the_xcb_plugin_needs() -> None:
    assert platform_check.xcb_plugin().exists()
    assert platform_check.missing_packages() == []


def test_a_missing_library_is_named_by_its_package() -> None:
    libraries = {"libxcb.so.1": "libxcb1", "libliaison-absent.so.7": "libliaison-absent7"}
    assert platform_check.missing_packages(Path("/nonexistent/libqxcb.so"), libraries) == [
        "libliaison-absent7"
    ]


def test_every_package_named_is_in_the_bootstrap_script() -> None:
    script = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    for package in platform_check.XCB_LIBRARIES.values():
        assert f" {package}" in script or f"\n    {package}" in script, package


def test_only_an_x11_start_is_checked() -> None:
    assert platform_check.wants_xcb({"DISPLAY": ":0"}) == sys.platform.startswith("linux")
    assert not platform_check.wants_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert not platform_check.wants_xcb({"QT_QPA_PLATFORM": "xcb"})  # no display: Qt says so itself
    assert not platform_check.wants_xcb({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"})


def _app_stopped_by_the_platform_check(
    tmp_path: Path, then: str = "", extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The app started in a real process on a machine that lacks two xcb libraries (the check is
    told so): it stops right after start-up. ``then`` runs after ``app.run`` returned."""
    code = (
        "import os, sys; from ui import platform_check, app; "
        "platform_check.missing_packages = lambda: ['libxcb-icccm4', 'libxcb-keysyms1']; "
        f"rc = app.run(['--vault', {str(tmp_path / 'v.db')!r}]); {then or 'pass'}; sys.exit(rc)"
    )
    env = {"PATH": "/usr/bin:/bin", "DISPLAY": ":4242", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "xcb"}
    return subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        env={**env, **(extra_env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_app_prints_one_line_and_exits_when_the_plugin_cannot_load(tmp_path: Path) -> None:
    done = _app_stopped_by_the_platform_check(tmp_path)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "libxcb-icccm4 libxcb-keysyms1" in lines[0] and "apt-get install" in lines[0]
    assert not (tmp_path / "v.db").exists()


def test_the_app_drops_a_cli_passphrase_from_its_environment(tmp_path: Path) -> None:
    """The app asks for the passphrase itself; one exported for scripted CLI use is dropped at
    start, so the worker processes it starts (PDF reader and renderer) never inherit it. What the
    environment holds when the app stops is what any worker would have inherited."""
    done = _app_stopped_by_the_platform_check(
        tmp_path,
        then="print(repr(os.environ.get('LIAISON_PASSPHRASE')))",
        extra_env={"LIAISON_PASSPHRASE": "correct horse battery staple"},
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.strip() == "None"
    assert "correct horse" not in done.stdout + done.stderr


def test_a_real_x_window_opens_under_xvfb(tmp_path: Path) -> None:
    """The whole chain the check protects: Xvfb, Qt's xcb plugin and its libraries, a shown window."""
    code = (
        "from PySide6.QtWidgets import QApplication, QLabel; app = QApplication([]); "
        "w = QLabel('Liaison'); w.show(); app.processEvents(); "
        "print(app.platformName(), w.isVisible())"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.split() == ["xcb", "True"], done.stderr
