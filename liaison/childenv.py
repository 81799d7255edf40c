"""The environment given to external tools (pdftotext, pdffonts, pdftoppm...).

Only what they need to run and read UTF-8: never the user's whole environment, which may hold a
passphrase (``LIAISON_PASSPHRASE``), tokens of other programs, or proxy settings.
"""

from __future__ import annotations

import os

# SYSTEMROOT: Windows needs it to start any process; TESSDATA_PREFIX: where tesseract's language
# data lives when not in the default place; OMP_THREAD_LIMIT: how many cores tesseract may take.
_KEPT = ("PATH", "TMPDIR", "SYSTEMROOT", "TESSDATA_PREFIX", "OMP_THREAD_LIMIT")


def minimal_env() -> dict[str, str]:
    env = {name: os.environ[name] for name in _KEPT if name in os.environ}
    env.setdefault("PATH", os.defpath)
    env["LC_ALL"] = env["LANG"] = "C.UTF-8"
    return env
