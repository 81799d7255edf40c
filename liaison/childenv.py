"""The environment given to external tools (pdftotext, pdffonts, pdftoppm...).

Only what they need to run and read UTF-8: never the user's whole environment, which may hold a
passphrase (``LIAISON_PASSPHRASE``), tokens of other programs, or proxy settings.
"""

from __future__ import annotations

import os

_KEPT = ("PATH", "TMPDIR", "SYSTEMROOT")  # SYSTEMROOT: Windows needs it to start any process


def minimal_env() -> dict[str, str]:
    env = {name: os.environ[name] for name in _KEPT if name in os.environ}
    env.setdefault("PATH", os.defpath)
    env["LC_ALL"] = env["LANG"] = "C.UTF-8"
    return env
