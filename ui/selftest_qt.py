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


def install(window_for: Path | None = None) -> None:
    """Register the Qt line; with ``window_for`` (a vault path) also the window line."""
    selftest.register("qt", check_qt_platform)
    if window_for is not None:
        selftest.register("window", lambda: check_window(window_for))


def check_window(vault_path: Path) -> str:
    """Build the real main window (every page), show it, draw it, close it."""
    if platform_name() == "xcb" and not os.environ.get("DISPLAY"):
        raise selftest.CheckFailed(
            "no X display: set DISPLAY, or QT_QPA_PLATFORM=offscreen to test without one"
        )
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from ui.main_window import MainWindow  # noqa: PLC0415  (imports every page module)
    from ui.session import Session  # noqa: PLC0415
    from ui.tasks import TaskRunner  # noqa: PLC0415

    app = QApplication.instance() or QApplication([sys.argv[0]])
    runner = TaskRunner()
    try:
        window = MainWindow(Session(runner, vault_path))
        window.show()
        deadline = QDeadlineTimer(15_000)
        handle = window.windowHandle()
        while not (handle is not None and handle.isExposed()) and not deadline.hasExpired():
            QCoreApplication.processEvents()
            handle = window.windowHandle()
        if handle is None or not handle.isExposed():
            raise selftest.CheckFailed(f"the main window was never shown on '{QApplication.platformName()}'")
        image = window.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        if len(colours) < 4:
            raise selftest.CheckFailed("the main window was drawn blank")
        pages = len(window.pages)
        window.close()
        QCoreApplication.processEvents()
    finally:
        runner.shutdown()
    del app
    return (
        f"main window shown and closed on '{QApplication.platformName()}' "
        f"({image.width()}x{image.height()}, {pages} pages)"
    )
