"""README sentences about the desktop app that no other test held to: the five idle minutes, and
the screenshots of every screen in English and Arabic."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui import main_window
from ui.views.settings_view import Prefs

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"


def test_the_app_locks_after_five_idle_minutes_by_default(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str]
) -> None:
    """README: "locks itself after five idle minutes" (a fresh profile, nothing chosen)."""
    assert Prefs.auto_lock_minutes() == 5
    app = make_app(demo_vault[0])  # type: ignore[operator]
    assert app.idle.delay_ms == 5 * 60_000


def test_every_screen_has_a_screenshot_in_english_and_arabic() -> None:
    """README: "Every screen, in English and Arabic, is in `docs/screenshots/`", and every picture
    the README shows exists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for shown in re.findall(r"\]\((docs/screenshots/[^)]+)\)", readme):
        assert (ROOT / shown).is_file(), shown
    names = {p.name for p in SHOTS.glob("*.png")}
    for page in main_window.PAGES:
        assert f"en-main-{page.key}.png" in names and f"ar-main-{page.key}.png" in names, page.key
        for lang in ("en", "ar"):  # and the README shows each page in both languages
            assert f"](docs/screenshots/{lang}-main-{page.key}.png)" in readme, (lang, page.key)
    english = {n.removeprefix("en-") for n in names if n.startswith("en-")}
    arabic = {n.removeprefix("ar-") for n in names if n.startswith("ar-")}
    assert english == arabic
    assert {"unlock.png", "create.png", "recover.png", "search.png", "change-passphrase.png"} <= english


def test_the_screenshot_scripts_still_load() -> None:
    """README: "regenerate with scripts/screenshots.py" (and sync_screenshots.py). After the merges
    one of them no longer imported (a dialog had moved to the Vault menu); --help loads every
    module the script needs, which is where that breaks, in a second rather than minutes."""
    import os
    import subprocess
    import sys

    for script in ("screenshots.py", "sync_screenshots.py"):
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / script), "--help"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "usage:" in done.stdout
