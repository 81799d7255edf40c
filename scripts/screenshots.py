"""Renders every screen offscreen, in English and in Arabic, into docs/screenshots/<lang>-<screen>.png.

Uses a throwaway demo vault (``liaison.services.demo.populate``, fast test KDF) and private QSettings,
so it touches neither the user's vault nor their preferences. Look at the pictures after a UI change:
layout, truncated texts and right-to-left mirroring show up here first.

Run: .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang en ar]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WORK = Path(tempfile.mkdtemp(prefix="liaison-screenshots-"))
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(WORK / _name.lower())
os.environ.setdefault("LIAISON_TRANSLATION_DIR", str(WORK / "translation"))

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from liaison.crypto import kdf  # noqa: E402
from liaison.services import demo  # noqa: E402
from liaison.services import vault as vault_service  # noqa: E402
from ui import i18n  # noqa: E402
from ui.app import LiaisonApp, setup_application  # noqa: E402

kdf.allow_insecure_test_profile()  # throwaway demo data only
from ui.dialogs.create_vault_dialog import CODE_STEP, CONFIRM_STEP, CreateVaultDialog  # noqa: E402
from ui.main_window import PAGES, MainWindow  # noqa: E402

PASSPHRASE = "demo passphrase"
NEW_PASSPHRASE = "granite lantern orbit 1987"


def pump(ms: int = 30) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        pump(10)


class Shooter:
    def __init__(self, out: Path, lang: str) -> None:
        self.out = out
        self.lang = lang
        self.files: list[Path] = []

    def __call__(self, widget: QWidget, screen: str) -> None:
        pump(60)
        path = self.out / f"{self.lang}-{screen}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        self.files.append(path)


def make_demo_vault(path: Path) -> None:
    vault, _code = vault_service.create(path, PASSPHRASE)
    with vault:
        demo.populate(vault)


RECORD_PAGES = ("contacts", "agencies", "agreements", "cases")


def open_first_request(page: QWidget) -> None:
    from ui.models.requests_model import RequestsModel  # noqa: PLC0415

    proxy = page.proxy  # type: ignore[attr-defined]
    request = proxy.data(proxy.index(0, 0), RequestsModel.ObjectRole)
    page.open_record(request.id)  # type: ignore[attr-defined]
    wait_until(lambda: page.right.currentWidget() is page.tabs)  # type: ignore[attr-defined]


def shoot_pages(shoot: Shooter, app: LiaisonApp, window: MainWindow) -> None:
    """Every page; the record pages with nothing chosen, then with their first record."""
    for spec in PAGES:
        page = window.show_page(spec.key)
        wait_until(lambda: not app.runner.busy)
        if spec.key == "requests":  # the editor, not the empty state
            shoot(window, "main-requests-empty")
            open_first_request(page)
            wait_until(lambda: not app.runner.busy)
        elif spec.key in RECORD_PAGES:
            shoot(window, f"main-{spec.key}-none-selected")
            table = page.table  # type: ignore[attr-defined]
            # As a click does (selectRow picks no column in a right-to-left table not laid out yet).
            table.setCurrentIndex(table.model().index(0, 0))
            wait_until(lambda: not app.runner.busy)
        shoot(window, f"main-{spec.key}")


def shoot_vault_screens(shoot: Shooter, vault_path: Path) -> None:
    app = LiaisonApp(vault_path)
    try:
        app.start()
        dialog = app.unlock_dialog
        assert dialog is not None
        shoot(dialog, "unlock")
        dialog.passphrase.setText("not the passphrase")
        dialog.try_unlock()
        wait_until(lambda: dialog.failures == 1)
        shoot(dialog, "unlock-wrong")
        dialog.start_backoff(0)
        dialog.passphrase.setText(PASSPHRASE)
        dialog.try_unlock()
        wait_until(lambda: app.session.is_unlocked and app.main_window is not None)
        window = app.main_window
        assert isinstance(window, MainWindow)
        window.resize(1120, 720)  # the same frame in every language, whatever geometry was saved
        wait_until(lambda: not app.runner.busy)
        shoot_pages(shoot, app, window)
        window.show_page("contacts")
        window.search_bar.setText("Marchetti")
        window.search_bar.flush()
        wait_until(lambda: window.search_view.hit_count() > 0 and not app.runner.busy)
        shoot(window, "search")
        window.search_bar.clear()
        settings = window.show_page("settings")
        settings.change_passphrase()  # type: ignore[attr-defined]  (the Vault menu's dialog)
        pump(60)
        change = window.vault_menu.dialog
        if change is not None and getattr(change, "form", None) is not None:
            change.current.setText(PASSPHRASE)  # type: ignore[union-attr]
            change.form.passphrase.setText(NEW_PASSPHRASE)  # type: ignore[union-attr]
            shoot(change, "change-passphrase")
            change.reject()
        recover = app.show_recover()
        recover.code.setText("7K2M-")  # type: ignore[attr-defined]
        recover.form.passphrase.setText(NEW_PASSPHRASE)  # type: ignore[attr-defined]
        shoot(recover, "recover")
    finally:
        wait_until(lambda: not app.runner.busy)
        app.shutdown()


def shoot_create_screens(shoot: Shooter, vault_path: Path) -> None:
    app = LiaisonApp(vault_path)
    try:
        dialog = app.show_create()
        assert isinstance(dialog, CreateVaultDialog)
        shoot(dialog, "create")
        dialog.form.passphrase.setText(NEW_PASSPHRASE)
        dialog.form.confirm.setText(NEW_PASSPHRASE)
        shoot(dialog, "create-filled")
        dialog.create_vault()
        wait_until(lambda: dialog.step == CODE_STEP)
        shoot(dialog, "create-code")
        dialog.stack.setCurrentIndex(CONFIRM_STEP)
        groups = dialog.recovery_code.split("-")
        dialog.confirm_edit.setText(groups[dialog.confirm_groups[0]])
        dialog.confirm_edit_2.setText(groups[dialog.confirm_groups[1]])
        shoot(dialog, "create-confirm")
        dialog.finish()
    finally:
        wait_until(lambda: not app.runner.busy)
        app.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["en", "ar"])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    qapp = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName("LiaisonScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(WORK / "settings"))
    setup_application(qapp, organization="LiaisonScreenshots")
    demo_path = WORK / "demo" / "vault.db"
    make_demo_vault(demo_path)
    written: list[Path] = []
    for lang in args.lang:
        i18n.set_language(lang)
        shoot = Shooter(args.out, lang)
        shoot_vault_screens(shoot, demo_path)
        shoot_create_screens(shoot, WORK / f"new-{lang}" / "vault.db")
        written.extend(shoot.files)
    i18n.set_language("en")
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
