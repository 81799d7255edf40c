"""Application bootstrap and the vault life cycle on screen.

``setup_application`` names the app (QSettings organisation "Liaison"), applies the saved interface
language (gettext for our strings, Qt's ``qtbase`` translator for stock dialogs, ``QLocale`` default,
right-to-left layout for Arabic) and re-runs every widget's ``retranslate_ui()`` whenever
``i18n.set_language`` is called later.

``LiaisonApp`` drives the screens: create a vault (first start) or unlock it (with a way to recover
with the code), then the main window; locking (Ctrl+L, or the idle watcher) closes the vault, clears
every page, hides the window and shows the unlock dialog again.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QWidget

from liaison import assets
from liaison.services import vault as vault_service
from liaison.store.vault import Vault, header_path
from ui import clipboard, i18n, memory_warmup, platform_check
from ui.dialogs.unlock_dialog import UnlockDialog
from ui.i18n import _
from ui.idle import IdleWatcher
from ui.integrity import BackgroundCheck
from ui.resources import icon, qt_translations_dir
from ui.session import Session
from ui.sync.controller import controller_for
from ui.system_lock import SystemLockWatcher
from ui.tasks import TaskRunner
from ui.vault_watch import ExternalChangeWatcher
from ui.views.settings_view import Prefs

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ORGANIZATION = "Liaison"
APPLICATION = "Liaison"
SHUTDOWN_WAIT_S = 30


class _LanguageState:
    qt_translator: QTranslator | None = None
    listening = False


def _install_qt_translator(lang: str) -> None:
    app = QCoreApplication.instance()
    if app is None:
        return
    if _LanguageState.qt_translator is not None:
        app.removeTranslator(_LanguageState.qt_translator)
        _LanguageState.qt_translator = None
    if lang == "en":
        return
    translator = QTranslator(app)
    if translator.load(QLocale(lang), "qtbase", "_", qt_translations_dir()):
        app.installTranslator(translator)
        _LanguageState.qt_translator = translator


def retranslate_all() -> None:
    """Call ``retranslate_ui()`` on every live widget that has one."""
    for widget in QApplication.allWidgets():
        method = getattr(widget, "retranslate_ui", None)
        if callable(method):
            try:
                method()
            except Exception:  # one widget's bug must not leave the rest untranslated
                traceback.print_exc()


def apply_language(lang: str) -> None:
    """Everything besides gettext that follows the interface language (runs on every change)."""
    QLocale.setDefault(QLocale(lang))
    direction = Qt.LayoutDirection.RightToLeft if i18n.is_rtl(lang) else Qt.LayoutDirection.LeftToRight
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setLayoutDirection(direction)
    _install_qt_translator(lang)
    retranslate_all()


def listen_for_language_changes() -> None:
    """Register ``apply_language`` with ``ui.i18n`` once per process."""
    if not _LanguageState.listening:
        i18n.on_language_changed(apply_language)
        _LanguageState.listening = True


def setup_application(app: QApplication, organization: str = ORGANIZATION) -> None:
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(organization)
    app.setApplicationDisplayName(APPLICATION)
    app.setWindowIcon(icon("app"))
    app.setDesktopFileName(assets.APP_ID)  # Wayland and task bars match the window to the .desktop entry
    listen_for_language_changes()
    i18n.set_language(Prefs.language())


# Modules a page imports only when it is built (to break an import cycle) and the documents catalog
# its labels come from: loaded on the worker too, or the page's build stalls the GUI on them.
PAGE_EXTRAS = ("ui.views.document_drop", "ui.views.case_attachments")


def _create_qt_enums() -> None:
    """Worker thread: PySide6 creates the Python enum classes of a Qt class lazily, on its first
    use, and the first signal connection of a page set off ~40 of them at once (~60 ms of GUI
    time). Reading every QtWidgets class's attributes here creates them before any page exists."""
    from PySide6 import QtWidgets  # noqa: PLC0415

    for name in dir(QtWidgets):
        cls = getattr(QtWidgets, name, None)
        if isinstance(cls, type):
            for attr in list(vars(cls)):
                with contextlib.suppress(Exception):
                    getattr(cls, attr)


def _preimport(lang: str) -> None:
    """Worker thread: load the main window's module, its pages' modules (no widget is created at
    import) and the documents catalog of the interface language, to shorten the GUI work."""
    from ui import main_window  # noqa: PLC0415  (its import alone stalled the GUI ~120 ms)

    _create_qt_enums()

    for name in [*(spec.module for spec in main_window.PAGES), *PAGE_EXTRAS]:
        with contextlib.suppress(Exception):  # the page's own build reports it on the GUI thread
            importlib.import_module(name)
    with contextlib.suppress(Exception):  # no catalog for this language: labels stay in English
        from liaison.documents import catalogs  # noqa: PLC0415

        catalogs.load(lang)


def vault_exists(path: Path) -> bool:
    return path.exists() or header_path(path).exists()


class LiaisonApp(QObject):
    """The screens around the vault: create/unlock/recover dialogs, main window, lock."""

    quit_requested = Signal()
    window_ready = Signal()  # the main window is shown after an unlock

    def __init__(self, vault_path: Path, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.runner = runner or TaskRunner()
        self.session = Session(self.runner, vault_path)
        self.idle = IdleWatcher(Prefs.auto_lock_minutes() * 60_000, self)
        self.integrity = BackgroundCheck(self.runner, self.lock, self.session.holds)
        self.idle.idle.connect(self._idle_lock)
        self.system_lock = SystemLockWatcher(parent=self)
        self.vault_watch = ExternalChangeWatcher(  # the CLI changed it (and not our own sync)
            self.session, parent=self, sibling_activity=lambda: controller_for(self.session).worker.activity
        )
        self.system_lock.lock_requested.connect(self.lock)
        self.session.locked.connect(self._locked)
        controller_for(self.session).revoked.connect(self._revoked)
        self._lock_reason: tuple[str, int] | None = None
        self._place: tuple[str, str | None] | None = None
        self._shutting_down = False
        self._clear_pending = False
        self.main_window: MainWindow | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.create_dialog: QWidget | None = None
        self.recover_dialog: QWidget | None = None
        listen_for_language_changes()

    @property
    def vault_path(self) -> Path:
        return self.session.vault_path

    def start(self) -> None:
        self.system_lock.start()
        if vault_exists(self.vault_path):
            self.show_unlock()
        else:
            self.show_create()

    # -- dialogs ------------------------------------------------------------------------------
    def show_unlock(self) -> UnlockDialog:
        if self.unlock_dialog is None:
            dialog = UnlockDialog(self.runner, self.vault_path)
            dialog.unlocked.connect(self._opened)
            dialog.rejected.connect(self.quit_requested)
            dialog.recover_requested.connect(self.show_recover)
            self.unlock_dialog = dialog
            # Prepare the main window while the user types, without freezing the dialog.
            QTimer.singleShot(50, self.prepare_main_window)
        self.unlock_dialog.reset()
        self._present(self.unlock_dialog)
        return self.unlock_dialog

    def show_create(self) -> QWidget:
        from ui.dialogs.create_vault_dialog import CreateVaultDialog  # noqa: PLC0415

        if self.create_dialog is None:
            dialog = CreateVaultDialog(self.runner, self.vault_path)
            dialog.created.connect(self._opened)
            dialog.rejected.connect(self.quit_requested)
            self.create_dialog = dialog
        self._present(self.create_dialog)
        return self.create_dialog

    def show_recover(self) -> QWidget:
        from ui.dialogs.recover_dialog import RecoverDialog  # noqa: PLC0415

        if self.recover_dialog is None:
            dialog = RecoverDialog(self.runner, self.vault_path)
            dialog.recovered.connect(self._opened)
            dialog.rejected.connect(self.show_unlock)
            self.recover_dialog = dialog
        if self.unlock_dialog is not None:
            self.unlock_dialog.hide()
        self._present(self.recover_dialog)
        return self.recover_dialog

    @staticmethod
    def _present(widget: QWidget) -> None:
        widget.show()
        widget.raise_()
        widget.activateWindow()

    # -- main window --------------------------------------------------------------------------
    def ensure_main_window(self, *, defer_pages: bool = False) -> MainWindow:
        if self.main_window is None:
            from ui.main_window import MainWindow  # noqa: PLC0415

            window = MainWindow(self.session, defer_pages=defer_pages)
            window.lock_requested.connect(self.lock)
            window.closing.connect(self.quit_requested)
            window.auto_lock_changed.connect(self.idle.set_delay_minutes)
            self.main_window = window
        return self.main_window

    def prepare_main_window(self) -> None:
        """Import the page modules on a worker thread, then build one page per event-loop turn."""
        if self.main_window is not None or self.session.is_unlocked or self._shutting_down:
            return
        lang = i18n.current_language()
        self.runner.run_io(lambda: _preimport(lang), lambda _none: self._build_window_step())

    def _build_window_step(self) -> None:
        """The window, then its pages one per event-loop turn (unless the vault opened meanwhile:
        ``_opened`` built everything at once)."""
        if self.main_window is not None or self.session.is_unlocked or self._shutting_down:
            return
        self.ensure_main_window(defer_pages=True)
        QTimer.singleShot(0, self._build_pages_step)

    def _build_pages_step(self) -> None:
        window = self.main_window
        if window is not None and not self._shutting_down and window.build_next_page():
            QTimer.singleShot(0, self._build_pages_step)

    def _opened(self, vault: Vault) -> None:
        window = self.ensure_main_window()
        window.finish_pages()  # before attach: pages reload on ``unlocked``
        self.session.attach(vault)
        self.idle.set_delay_minutes(Prefs.auto_lock_minutes())
        self.idle.start()
        self._present(window)
        if self._place is not None:
            window.restore_place(self._place)
            self._place = None
        self.window_ready.emit()
        self.integrity.start(vault)  # the full page check opening skipped, off the GUI thread
        memory_warmup.start(self.session, vault)  # the first translation need not build the TM index
        if vault.notices:  # what opening changed (a weak slot re-wrapped, old memory entries repaired)
            note = _("Note: {notice}").format(notice="; ".join(vault.notices))
            window.statusBar().showMessage(note, 30_000)

    def lock(self, reason: str | None = None) -> None:
        """Ctrl+L, the lock button, the idle watcher and the system (sleep, session lock) end here;
        ``_locked`` does the rest. The place (page and record) is noted to come back to it."""
        if not self.session.is_unlocked:
            return
        if self.main_window is not None:
            self._place = self.main_window.place()
        if reason:
            minutes = max(1, round(self.idle.delay_ms / 60_000)) if reason == "idle" else 0
            self._lock_reason = (reason, minutes)
        self.session.lock()

    def _revoked(self, wipe: bool) -> None:
        """Another device revoked this one: sync already forgot its keys (and with a remote wipe,
        destroyed the key slots); lock now and say why."""
        self.lock("wiped" if wipe else "revoked")

    def _idle_lock(self) -> None:
        self.lock("idle")

    def _locked(self) -> None:
        """Whoever locked the session: stop watching, hide the data, ask for the passphrase."""
        self.idle.stop()
        clipboard.clear_sensitive_now()
        if self._shutting_down:
            return
        dialog = self.show_unlock()
        reason, minutes = self._lock_reason or (None, 0)
        dialog.set_lock_reason(reason, minutes)
        self._lock_reason = None
        if self.main_window is not None:
            self.main_window.hide()  # its pages cleared themselves on ``locked``
            if self.runner.busy and not self._clear_pending:  # a query done just before may deliver
                self._clear_pending = True
                self.runner.busy_changed.connect(self._clear_again_when_idle)
        dialog.raise_()

    def _clear_again_when_idle(self, busy: bool) -> None:
        if busy:
            return
        self.runner.busy_changed.disconnect(self._clear_again_when_idle)
        self._clear_pending = False
        if self.main_window is not None and not self.session.is_unlocked:
            self.main_window.clear_pages()

    # -- end ----------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Close the vault and stop the worker threads (the app is quitting, or a test ends)."""
        self._shutting_down = True
        self.idle.stop()
        if self.session.is_unlocked:
            self.session.lock()
        with contextlib.suppress(Exception):  # let queued store work, and the vault's close, finish
            self.runner.run_store(lambda: None).result(timeout=SHUTDOWN_WAIT_S)
        clipboard.clear_sensitive_now()
        for widget in (self.main_window, self.unlock_dialog, self.create_dialog, self.recover_dialog):
            if widget is not None:
                widget.blockSignals(True)
                widget.close()
                widget.deleteLater()
        self.main_window = self.unlock_dialog = self.create_dialog = self.recover_dialog = None
        self.runner.shutdown()
        from liaison.documents import render_process  # noqa: PLC0415  (light; loaded for exports)

        render_process.shared().shutdown()  # the PDF worker process, if an export started it


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="liaison", description="Liaison desktop application.")
    parser.add_argument("--vault", help="vault file (default: $LIAISON_VAULT or the user data folder)")
    return parser.parse_args(list(argv))


# What the command line reads from the environment and the app never does: the app asks for the
# passphrase itself, and the worker processes it starts (PDF reader, PDF renderer) inherit its
# environment, so a passphrase exported for scripted CLI use must not travel with them.
CLI_ONLY_SECRETS = ("LIAISON_PASSPHRASE",)


def run(argv: Sequence[str] | None = None) -> int:
    for name in CLI_ONLY_SECRETS:
        os.environ.pop(name, None)
    args = _parse(sys.argv[1:] if argv is None else argv)
    path = Path(args.vault).expanduser() if args.vault else vault_service.default_vault_path()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        trouble = platform_check.problem()
        if trouble:  # Qt would abort with a message naming the wrong thing
            print(trouble, file=sys.stderr)
            return 1
        app = QApplication(sys.argv[:1])
    setup_application(app)
    app.setQuitOnLastWindowClosed(False)  # hiding the window to lock is not quitting: we say when
    controller = LiaisonApp(path)
    controller.quit_requested.connect(app.quit)
    controller.start()
    try:
        return app.exec()
    finally:
        controller.shutdown()


if __name__ == "__main__":
    sys.exit(run())
