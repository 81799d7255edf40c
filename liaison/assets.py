"""Where Liaison's bundled files are: the top-level ``resources/`` folder, installed as the
data-only package ``liaison_resources``.

One module answers for every install (source tree, wheel, Debian package, PyInstaller bundle), so
nothing else builds paths from ``__file__``. ``LIAISON_RESOURCES`` points elsewhere for packagers
who relocate the folder.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from liaison.errors import LiaisonError

APP_ID = "org.liaison.Liaison"  # reverse-DNS id shared by the desktop entry, metainfo and icons
ENV = "LIAISON_RESOURCES"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


class ResourcesMissing(LiaisonError):
    """The bundled resources folder is absent: the installation is incomplete."""


@cache
def root() -> Path:
    """The resources folder; raises ResourcesMissing when the installation lacks it."""
    override = os.environ.get(ENV)
    if override:
        found = Path(override)
    else:
        try:
            found = Path(str(resources.files("liaison_resources")))
        except ModuleNotFoundError:
            raise ResourcesMissing("Liaison's resources folder is missing: reinstall Liaison") from None
    if not (found / "fonts").is_dir():
        raise ResourcesMissing(f"Liaison's resources folder {found} is incomplete: reinstall Liaison")
    return found


def fonts_dir() -> Path:
    """The bundled PDF fonts (with their licences in ``fonts/licenses``)."""
    return root() / "fonts"


def icon_svg() -> Path:
    return root() / "icons" / "liaison.svg"


def icon_png(size: int) -> Path:
    """The application icon rendered at ``size`` pixels (one of ICON_SIZES)."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon: sizes are {ICON_SIZES}")
    return root() / "icons" / f"liaison-{size}.png"


def desktop_entry() -> Path:
    return root() / f"{APP_ID}.desktop"


def metainfo() -> Path:
    return root() / f"{APP_ID}.metainfo.xml"
