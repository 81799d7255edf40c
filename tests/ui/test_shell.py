"""The shell around the pages: main window, lock (Ctrl+L and idle), global search, language switch,
the event loop during slow work, the launcher, the clipboard and placeholder pages."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from liaison.services import catalog
from tests.ui.conftest import FakePage
from ui import i18n, main_window
from ui.app import LiaisonApp
from ui.main_window import PAGES, MainWindow, PageSpec, PlaceholderPage
from ui.session import Session
from ui.sync import controller as sc
from ui.tasks import TaskRunner

# The files whose strings this part of the interface owns (other pages add their own later).
MY_SOURCES = frozenset(
    {
        "ui/app.py",
        "ui/main_window.py",
        "ui/page_loader.py",
        "ui/dialogs/__init__.py",
        "ui/dialogs/create_vault_dialog.py",
        "ui/dialogs/unlock_dialog.py",
        "ui/dialogs/recover_dialog.py",
        "ui/widgets/network_indicator.py",
        "ui/widgets/password_field.py",
        "ui/widgets/search_bar.py",
        "ui/views/settings_view.py",
        "ui/views/search_view.py",
    }
)


def _open_demo(qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str]) -> LiaisonApp:
    path, passphrase = demo_vault
    app: LiaisonApp = make_app(path)  # type: ignore[operator]
    app.start()
    dialog = app.unlock_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.passphrase.edit, passphrase)
    with qtbot.waitSignal(app.window_ready, timeout=10_000):
        qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)
    window = app.main_window
    assert isinstance(window, MainWindow)
    qtbot.waitExposed(window)
    return app


def _contacts(app: LiaisonApp) -> FakePage:
    page = app.main_window.page("contacts")  # type: ignore[union-attr]
    assert isinstance(page, FakePage)
    return page


def _assert_locked_and_cleared(qtbot: QtBot, app: LiaisonApp, page: FakePage) -> None:
    qtbot.waitUntil(lambda: app.unlock_dialog is not None and app.unlock_dialog.isVisible(), timeout=5_000)
    assert not app.session.is_unlocked
    assert page.cleared >= 1 and page.model.rowCount() == 0
    window = app.main_window
    assert isinstance(window, MainWindow)
    assert not window.isVisible()
    assert window.search_view.model.rowCount() == 0 and window.search_bar.text() == ""
    assert not app.idle.running


# -- window -----------------------------------------------------------------------------------
def test_main_window_pages_navigation_and_status(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], fake_pages: None
) -> None:
    app = _open_demo(qtbot, make_app, demo_vault)
    window = app.main_window
    assert isinstance(window, MainWindow)
    page = _contacts(app)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5_000)
    assert window.nav.count() == len(PAGES)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Contacts", "Agencies", "Agreements", "Cases", "Requests", "Translate", "Language packs",
        "Conflicts", "Settings",
    ]  # fmt: skip
    assert window.network.text() == "Offline mode"
    # A vault in no sync space: no sync line; File → Sync now (F5) is there and does nothing.
    qtbot.waitUntil(lambda: not window.sync_hooks.controller.running, timeout=10_000)
    assert window.sync_hooks.status.isHidden()
    assert window.sync_hooks.sync_action in window.file_menu.actions()
    assert window.sync_hooks.sync_action.shortcut().toString() == "F5"
    assert not window.network.isHidden()
    # In a sync space the sync line speaks for the network: no "Offline mode" beside "Synced at …".
    controller = window.sync_hooks.controller
    controller._set(state=sc.SYNCED, last_sync="2026-12-04T10:55:00+00:00")
    assert window.network.isHidden() and not window.sync_hooks.status.isHidden()
    controller._set(conflicts=2)  # the Conflicts page's count in the navigation
    conflicts_row = [spec.key for spec in PAGES].index("conflicts")
    assert window.nav.item(conflicts_row).text() == "Conflicts (2)"
    controller._set(state=sc.OFF, last_sync="", conflicts=0)
    assert window.nav.item(conflicts_row).text() == "Conflicts"
    assert not window.network.isHidden() and window.sync_hooks.status.isHidden()
    assert app.idle.running

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.page("settings")
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is page
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.new_items == 1

    # The busy indicator follows the task runner.
    qtbot.waitUntil(lambda: not app.runner.busy, timeout=10_000)
    assert window.busy_bar.isHidden()
    app.runner.run_store(lambda: time.sleep(0.3))
    qtbot.waitUntil(lambda: not window.busy_bar.isHidden(), timeout=2_000)
    qtbot.waitUntil(window.busy_bar.isHidden, timeout=5_000)


def test_main_window_with_the_real_pages(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str]
) -> None:
    """Whatever pages exist in this tree: the window opens, loads, locks and clears them."""
    app = _open_demo(qtbot, make_app, demo_vault)
    window = app.main_window
    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: not app.runner.busy, timeout=30_000)
    for spec in PAGES:
        window.show_page(spec.key)
        assert window.stack.currentWidget() is window.page(spec.key)
    app.lock()
    assert not app.session.is_unlocked and not window.isVisible()


def test_missing_or_broken_pages_become_placeholders(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = (
        PageSpec("contacts", "Contacts", "ui.views.no_such_view", "Nope"),
        *(s for s in PAGES if s.key != "contacts"),
    )
    monkeypatch.setattr(main_window, "PAGES", pages)
    window = MainWindow(Session(runner, tmp_path / "v.db"))
    qtbot.addWidget(window)
    placeholder = window.page("contacts")
    assert isinstance(placeholder, PlaceholderPage)
    assert placeholder.text() == "Contacts: not available in this build."
    window.new_item()  # harmless on a placeholder
    window.clear_pages()


# -- lock -------------------------------------------------------------------------------------
def test_ctrl_l_locks_clears_and_unlock_brings_the_window_back(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], fake_pages: None
) -> None:
    app = _open_demo(qtbot, make_app, demo_vault)
    window = app.main_window
    assert isinstance(window, MainWindow)
    page = _contacts(app)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5_000)
    count = page.model.rowCount()
    window.search_bar.setText("Marchetti")
    window.search_bar.flush()
    qtbot.waitUntil(lambda: window.search_view.hit_count() > 0, timeout=5_000)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _assert_locked_and_cleared(qtbot, app, page)

    dialog = app.unlock_dialog
    assert dialog is not None and dialog.passphrase.text() == ""
    qtbot.keyClicks(dialog.passphrase.edit, demo_vault[1])
    with qtbot.waitSignal(app.window_ready, timeout=10_000):
        qtbot.keyClick(dialog.passphrase.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == count, timeout=5_000)
    assert window.isVisible() and app.idle.running


def test_results_arriving_after_the_lock_are_cleared_too(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], fake_pages: None
) -> None:
    app = _open_demo(qtbot, make_app, demo_vault)
    page = _contacts(app)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not app.runner.busy, timeout=5_000)
    started = threading.Event()

    def slow(vault: object) -> list[str]:
        started.set()
        time.sleep(0.3)
        return [c.full_name for c in catalog.contacts.list(vault)]  # type: ignore[arg-type]

    app.session.query(slow, page._loaded)  # a page query already running when the lock comes
    assert started.wait(5)
    app.lock()
    assert page.model.rowCount() == 0
    qtbot.waitUntil(lambda: not app.runner.busy, timeout=5_000)
    assert page.cleared == 2 and page.model.rowCount() == 0


def test_auto_lock_after_idle_delay(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], fake_pages: None
) -> None:
    app = _open_demo(qtbot, make_app, demo_vault)
    page = _contacts(app)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5_000)
    app.idle.set_delay_ms(300)
    qtbot.waitUntil(lambda: not app.session.is_unlocked, timeout=5_000)
    _assert_locked_and_cleared(qtbot, app, page)


def test_input_postpones_the_auto_lock(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], fake_pages: None
) -> None:
    app = _open_demo(qtbot, make_app, demo_vault)
    window = app.main_window
    assert window is not None
    delay_ms = 400
    last_input = [time.monotonic()]
    fired: list[float] = []
    app.idle.idle.connect(lambda: fired.append(time.monotonic()))

    def move() -> None:
        if len(fired) == 0 and time.monotonic() - last_input[0] < 2:
            event = QMouseEvent(
                QEvent.Type.MouseMove,
                QPoint(5, 5).toPointF(),
                QPoint(5, 5).toPointF(),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )
            QApplication.sendEvent(window, event)

    app.idle.set_delay_ms(delay_ms)
    started = time.monotonic()
    mover = QTimer()
    mover.timeout.connect(move)
    mover.start(100)
    qtbot.waitUntil(lambda: time.monotonic() - started > 1.0, timeout=3_000)
    assert fired == [] and app.session.is_unlocked  # kept awake by input
    mover.stop()
    stopped = time.monotonic()
    qtbot.waitUntil(lambda: bool(fired), timeout=5_000)
    assert fired[0] - stopped >= delay_ms / 1000 - 0.15


# -- search -----------------------------------------------------------------------------------
def test_global_search_groups_hits_and_enter_opens_the_contact(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], fake_pages: None
) -> None:
    app = _open_demo(qtbot, make_app, demo_vault)
    window = app.main_window
    assert isinstance(window, MainWindow)
    window.show_page("settings")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_bar.hasFocus()

    qtbot.keyClicks(window.search_bar, "Marchetti")
    qtbot.waitUntil(lambda: window.search_view.hit_count() > 0, timeout=5_000)
    assert window.stack.currentWidget() is window.search_view
    model = window.search_view.model
    groups = [model.item(row).text() for row in range(model.rowCount())]
    assert groups[0].startswith("Contacts (")
    first = window.search_view.first_hit_index()
    assert "Marchetti" in first.data()

    qtbot.keyClick(window.search_bar, Qt.Key.Key_Return)
    page = _contacts(app)
    qtbot.waitUntil(lambda: bool(page.opened), timeout=5_000)
    assert window.stack.currentWidget() is page
    assert window.current_page_key() == "contacts"
    expected: list[str] = []
    app.session.query(
        lambda v: [c.id for c in catalog.contacts.list(v) if "Marchetti" in c.full_name], expected.extend
    )
    qtbot.waitUntil(lambda: bool(expected), timeout=5_000)
    assert page.opened == expected[:1]

    # Escape leaves the results; clearing the box empties them.
    window.search_bar.setText("Marchetti")
    window.search_bar.flush()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.search_view, timeout=5_000)
    qtbot.keyClick(window.search_bar, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is not window.search_view
    assert window.search_view.hit_count() == 0


def test_search_for_nothing_says_so(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], fake_pages: None
) -> None:
    app = _open_demo(qtbot, make_app, demo_vault)
    window = app.main_window
    assert isinstance(window, MainWindow)
    window.search_bar.setText("xylophonequartet")
    window.search_bar.flush()
    qtbot.waitUntil(lambda: "Nothing found" in window.search_view.summary.text(), timeout=5_000)
    assert window.search_view.model.rowCount() == 0


# -- language ---------------------------------------------------------------------------------
def test_switching_to_arabic_flips_layout_and_retranslates_without_restart(
    qtbot: QtBot, make_app: object, demo_vault: tuple[Path, str], qapp: QApplication, fake_pages: None
) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale, QSettings

    from ui.views.settings_view import Prefs, SettingsView

    app = _open_demo(qtbot, make_app, demo_vault)
    window = app.main_window
    assert isinstance(window, MainWindow)
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsView)
    assert window.nav.item(0).text() == "Contacts"
    assert settings.language_label.text() == "&Language:"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight

    index = settings.language.findData("ar")
    settings.language.setCurrentIndex(index)
    settings.language.activated.emit(index)

    assert i18n.current_language() == "ar"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft() and settings.isRightToLeft()
    assert window.nav.item(0).text() == "جهات الاتصال"
    assert settings.language_label.text() == i18n._("&Language:") != "&Language:"
    assert window.network.text() == i18n._("Offline mode") != "Offline mode"
    assert QLocale().language() == QLocale.Language.Arabic
    # Qt's own strings (stock dialogs) come from the qtbase translator.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    assert QSettings().value(Prefs.LANGUAGE) == "ar"
    assert settings.language.currentData() == "ar"

    # Back to English, still without restart.
    index = settings.language.findData("en")
    settings.language.setCurrentIndex(index)
    settings.language.activated.emit(index)
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.nav.item(0).text() == "Contacts"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_saved_language_applies_at_start(qtbot: QtBot, qapp: QApplication) -> None:
    from PySide6.QtCore import QSettings

    from ui.app import setup_application
    from ui.views.settings_view import Prefs

    saved = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "LiaisonTest", "Liaison")
    saved.setValue(Prefs.LANGUAGE, "fr")  # under the name the app gives itself
    saved.sync()
    setup_application(qapp, organization="LiaisonTest")
    assert qapp.applicationName() == "Liaison"
    assert i18n.current_language() == "fr"
    assert i18n._("Offline mode") == "Mode hors ligne"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_catalogs_translate_every_interface_string(lang: str) -> None:
    from babel.messages.pofile import read_po

    path = i18n.locales_dir() / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog_ = read_po(handle, locale=lang)
    ours = [m for m in catalog_ if m.id and any(loc[0] in MY_SOURCES for loc in m.locations)]
    assert ours
    missing = [m.id for m in ours if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    assert missing == []
    assert not [m.id for m in ours if m.fuzzy]


# -- event loop -------------------------------------------------------------------------------
def test_event_loop_keeps_turning_while_a_long_task_runs(qtbot: QtBot, runner: TaskRunner) -> None:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    done: list[bool] = []
    timer.start()
    runner.run_store(lambda: time.sleep(1.0), lambda _r: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    timer.stop()
    assert len(ticks) >= 40
    longest_gap = max(b - a for a, b in itertools.pairwise(ticks))
    assert longest_gap < 0.2


# -- launcher, clipboard, network -------------------------------------------------------------
def test_launcher_opens_the_app_only_without_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import launcher

    assert launcher.wants_app([])
    assert launcher.wants_app(["--vault", "x.db"])
    assert launcher.wants_app(["--vault=x.db"])
    assert not launcher.wants_app(["contacts", "list"])
    assert not launcher.wants_app(["--vault", "x.db", "search", "bank"])
    assert not launcher.wants_app(["--version"])
    seen: list[list[str]] = []
    monkeypatch.setattr("liaison.cli.main.main", lambda argv: seen.append(list(argv)) or 0)
    monkeypatch.setattr("ui.app.run", lambda argv: seen.append(["APP", *argv]) or 0)
    assert launcher.main(["search", "bank"]) == 0
    assert launcher.main(["--vault", "v.db"]) == 0
    assert seen == [["search", "bank"], ["APP", "--vault", "v.db"]]


def test_copy_sensitive_clears_the_clipboard_only_if_unchanged(qtbot: QtBot, qapp: QApplication) -> None:
    from ui.clipboard import clear_sensitive_now, copy_sensitive

    board = qapp.clipboard()
    copy_sensitive("ABCD-EFGH", seconds=0.2)
    assert board.text() == "ABCD-EFGH"
    assert board.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    qtbot.waitUntil(lambda: board.text() == "", timeout=3_000)

    copy_sensitive("secret two", seconds=0.2)
    board.setText("something the user copied")
    qtbot.wait(400)
    assert board.text() == "something the user copied"

    copy_sensitive("secret three", seconds=60)
    clear_sensitive_now()
    assert board.text() == ""


def test_network_indicator_stays_offline_until_asked(qtbot: QtBot) -> None:
    indicator = main_window.NetworkIndicator()
    qtbot.addWidget(indicator)
    assert indicator.text() == "Offline mode" and not indicator.online_requested
