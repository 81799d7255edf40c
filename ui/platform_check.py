"""Before Qt starts: can its X11 ("xcb") platform plugin load? If not, say which packages to install.

When a library the xcb plugin links against is missing, Qt prints a long message that names the
plugin (not the library) and aborts. ``missing_packages`` tries to load the plugin the way Qt will;
only if that fails does it look at each library, so the common case costs one ``dlopen`` of a file
Qt loads anyway. The package names are Debian's and Ubuntu's, which the bootstrap script installs.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

# What libqxcb.so and libQt6XcbQpa need besides Qt itself (readelf -d), and the package of each.
XCB_LIBRARIES: Mapping[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name, mode=os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError:
        return False
    return True


def xcb_plugin() -> Path:
    import PySide6  # noqa: PLC0415  (only where the check runs)

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def missing_packages(plugin: Path | None = None, libraries: Mapping[str, str] = XCB_LIBRARIES) -> list[str]:
    """The packages whose libraries are missing for ``plugin`` (empty when it loads)."""
    plugin = plugin or xcb_plugin()
    if plugin.exists() and _loads(str(plugin)):
        return []
    return sorted({package for soname, package in libraries.items() if not _loads(soname)})


def wants_xcb(environ: Mapping[str, str] = os.environ) -> bool:
    """Qt will pick the xcb plugin: Linux, an X display, and no other platform asked for."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return environ.get("XDG_SESSION_TYPE") != "wayland"


def message(packages: Iterable[str]) -> str:
    names = " ".join(packages)
    return (
        f"liaison: cannot open a window: Qt's X11 plugin needs missing system packages: {names} "
        f"(install them with `sudo apt-get install {names}` or run ./scripts/bootstrap.sh)"
    )


def problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """The one line to print instead of starting Qt, or None when the window can open."""
    if not wants_xcb(environ):
        return None
    packages = missing_packages()
    return message(packages) if packages else None
