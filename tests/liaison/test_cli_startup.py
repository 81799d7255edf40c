"""Every ``liaison`` command parses the whole command line, so every command module is imported
each time: what they import at the top is paid by every run (about a second before this test). The
heavy libraries load only in the commands that use them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Loaded only when a command needs them: the document readers and writers, the PDF renderer, the
# model, the memory index and the sync transport.
HEAVY = ("numpy", "reportlab", "pdfminer", "pdfplumber", "docx", "odf", "ctranslate2", "httpx", "PIL")


def test_the_command_line_loads_no_heavy_library_to_parse_a_command() -> None:
    code = (
        "import json, sys; from liaison.cli.main import build_parser; build_parser(); "
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(done.stdout) == []
