"""``liaison self-test`` run as an officer would: the installed command, one line per check, exit 1
on any failure, no traceback, never a value from the vault."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIAISON = Path(sys.executable).parent / "liaison"
CHECKS = ("sqlcipher", "crypto", "vault-folder", "fonts", "translation", "pdf", "qt")
PACK = ROOT / "tests" / "fixtures" / "packs" / "translate-en_fr-0_1.argosmodel"


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LIAISON_TRANSLATION_DIR": str(tmp_path / "translation"),
        **env,
    }
    return subprocess.run(
        [str(LIAISON), "--vault", str(tmp_path / "data" / "vault.db"), *args],
        capture_output=True,
        text=True,
        check=False,
        env=environ,
        timeout=240,
    )


def _lines(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Liaison 0.1.0, Python ")
    return {line.split()[1]: line for line in lines[1:]}


def test_every_check_passes_on_this_installation(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir(mode=0o700)
    result = _run(tmp_path, "self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = _lines(result)
    assert tuple(lines) == CHECKS
    assert all(line.startswith("ok    ") for line in lines.values()), lines
    assert "SQLCipher 4." in lines["sqlcipher"]
    assert "mode 0700" in lines["vault-folder"]
    assert "8 document languages (ar de en es fr pt ru zh)" in lines["fonts"]
    assert str(ROOT / "resources" / "fonts") in lines["fonts"]
    assert "no language pack installed" in lines["translation"]
    assert "platform plugin 'offscreen' loads" in lines["qt"]
    assert result.stderr == ""


def test_an_installed_pack_is_loaded_and_used(tmp_path: Path) -> None:
    installed = _run(tmp_path, "packs", "install", str(PACK))
    assert installed.returncode == 0, installed.stderr
    lines = _lines(_run(tmp_path, "self-test"))
    assert "pack en-fr 0.1 loads and translates (1 installed)" in lines["translation"], lines


def test_failures_are_one_line_each_and_exit_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o777)
    broken = tmp_path / "resources"
    (broken / "fonts").mkdir(parents=True)  # an installation whose font files went missing
    result = _run(tmp_path, "self-test", LIAISON_RESOURCES=str(broken), QT_QPA_PLATFORM="nosuchplatform")
    assert result.returncode == 1
    lines = _lines(result)
    assert tuple(lines) == CHECKS
    assert (
        lines["vault-folder"].startswith("FAIL")
        and "writable by other users (mode 0777)" in lines["vault-folder"]
    )
    assert lines["fonts"].startswith("FAIL") and "bundled fonts are missing" in lines["fonts"]
    assert lines["pdf"].startswith("FAIL")
    assert lines["qt"].startswith("FAIL") and "no 'nosuchplatform' platform plugin" in lines["qt"]
    assert lines["sqlcipher"].startswith("ok")
    assert "Traceback" not in result.stdout + result.stderr


def test_window_check_opens_and_closes_the_main_window(tmp_path: Path) -> None:
    lines = _lines(_run(tmp_path, "self-test", "--window"))
    assert tuple(lines) == (*CHECKS, "window")
    assert (
        lines["window"].startswith("ok") and "main window shown and closed on 'offscreen'" in lines["window"]
    )
    no_display = _run(tmp_path, "self-test", "--window", QT_QPA_PLATFORM="", DISPLAY="")
    assert no_display.returncode == 1
    assert "no X display: set DISPLAY, or QT_QPA_PLATFORM=offscreen" in _lines(no_display)["window"]
