"""The README's "Sync in the app" paragraph: its pictures exist and its figures are the code's."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QStyle

from liaison.interchange import qr_read
from ui import resources
from ui.models import local_marks
from ui.sync import controller as sc
from ui.sync.install import SYNC_SHORTCUT
from ui.sync.invitation import INVITE_PREFIX

ROOT = Path(__file__).resolve().parents[3]


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("### Sync in the app", 1)[1].split("\n## ", 1)[0]


def test_the_pictures_exist() -> None:
    pictures = re.findall(r"\((docs/screenshots/[^)]+\.png)\)", _section())
    assert len(pictures) == 8
    for picture in pictures:
        assert (ROOT / picture).is_file(), picture


def test_the_figures_match_the_code() -> None:
    section = " ".join(_section().split())
    assert f"File → Sync now ({SYNC_SHORTCUT})" in section
    assert f"`{INVITE_PREFIX}URL CODE`" in section
    assert sc.PERIOD_MS == 5 * 60_000 and "every five minutes" in section
    assert sc.BACKOFF_FIRST_MS == 15_000 and sc.BACKOFF_MAX_MS == 30 * 60_000
    assert "from 15 seconds up to 30 minutes" in section
    assert "*Local only*" in section and "computer icon" in section
    assert local_marks.marker_tip().startswith("Local only")
    assert resources._STANDARD_ICONS["local"] == QStyle.StandardPixmap.SP_ComputerIcon
    assert "zbar" in str(qr_read.__doc__) and "zbar" in section
