"""Preparing the main window behind the unlock dialog in small steps: the window's module loads on
the worker, pages one per event-loop turn, and the requests page's panels one per turn after it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.app import LiaisonApp


def test_window_is_prepared_in_steps_and_complete_before_unlock(
    qtbot: QtBot, make_app: object, existing_vault: tuple[Path, str, str]
) -> None:
    path, _passphrase, _code = existing_vault
    app: LiaisonApp = make_app(path)  # type: ignore[operator]
    app.start()
    assert app.main_window is None  # its module and the pages' load on the worker first
    qtbot.waitUntil(lambda: app.main_window is not None and app.main_window.pages_ready, timeout=60_000)
    window = app.main_window
    assert window is not None
    requests = window.pages["requests"]
    assert all(panel.built for panel in requests._panels)  # type: ignore[attr-defined]


def test_requests_panels_build_one_at_a_time_or_when_needed(qtbot: QtBot, vault_session: object) -> None:
    from ui.views.requests_view import RequestsView

    view = RequestsView(vault_session)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    assert not any(panel.built for panel in view._panels)
    assert not view.editor.built  # its sections first, a few per turn
    parts = 0
    while not view.editor.built:
        assert view.build_more() is True
        parts += 1
    assert parts >= 3, parts  # 18 sections and ~110 fields are not built in one turn
    assert not any(panel.built for panel in view._panels)
    assert view.build_more() is True  # status panel
    assert view._panels[0].built and not view._panels[2].built
    assert view.export.isEnabled() is False  # asked for: built at once (no request yet: disabled)
    assert view._panels[2].built
    assert view.build_more() is False  # the review panel, the last one
    assert all(panel.built for panel in view._panels)


def _heavy_modules_after(imports: str) -> str:
    """Which of httpx and numpy a fresh interpreter holds after running ``imports``."""
    code = f"import sys; {imports}; print(sorted({{'httpx', 'numpy'}} & set(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    return done.stdout.strip()


def test_the_unlock_dialog_does_not_wait_for_the_sync_or_memory_libraries() -> None:
    """Before the unlock dialog, only what unlocking needs loads: the sync engine (httpx) and the
    translation memory's index (numpy) came in with the merged sync and memory work and doubled
    the time to the dialog; they now load on the threads that use them, after unlocking."""
    assert _heavy_modules_after("import ui.launcher, ui.app") == "[]"


def test_the_pages_modules_load_neither_numpy_nor_httpx() -> None:
    """The pages' modules load on a worker while the officer types the passphrase. Loading numpy's
    or httpx's compiled parts holds the interpreter lock for tens of milliseconds, which froze the
    unlock dialog 100-140 ms; they load with the first memory index, deskew or sync instead."""
    imports = (
        "import importlib; from ui import app, main_window; "
        "[importlib.import_module(name) for name in "
        "[*(spec.module for spec in main_window.PAGES), *app.PAGE_EXTRAS]]"
    )
    assert _heavy_modules_after(imports) == "[]"
