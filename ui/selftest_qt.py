"""The self-test's Qt line: the platform plugin this session would use loads with its libraries.

Why a plugin load and not a QApplication: on a machine where the plugin cannot load, Qt aborts the
whole process when the application is created. Loading the plugin library through QPluginLoader
resolves the same shared libraries (``libxcb-icccm4`` and friends, the usual culprits) and reports
the error instead, and it needs no display, so the check also runs over SSH.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QPluginLoader, qVersion

from liaison.services import selftest


def platform_name() -> str:
    """The platform plugin Qt would pick: ``$QT_QPA_PLATFORM``, else the desktop's native one."""
    wanted = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if wanted:
        return wanted
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return "wayland"
    return "xcb"


def check_qt_platform() -> str:
    name = platform_name()
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    found = sorted(p for p in folder.glob(f"*q{name}.*") if p.suffix in (".so", ".dll", ".dylib"))
    if not found:
        raise selftest.CheckFailed(f"Qt {qVersion()} has no '{name}' platform plugin in {folder}")
    loader = QPluginLoader(str(found[0]))
    if not loader.load():
        raise selftest.CheckFailed(f"Qt platform plugin '{name}' does not load: {loader.errorString()}")
    return f"Qt {qVersion()} platform plugin '{name}' loads ({found[0].name})"


def install() -> None:
    selftest.register("qt", check_qt_platform)
