"""UI tests run offscreen, with private QSettings, the fast test KDF and an English interface.

``QT_QPA_PLATFORM`` is set here, before pytest-qt creates the QApplication. Every test gets its own
QSettings folder (organisation "LiaisonTest") and ends with the interface back in English and
left-to-right, so a language test cannot leak into the next one.
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from tests.conftest import PASSPHRASE
from ui.session import Session

DEMO_PASSPHRASE = "demo passphrase"


@pytest.fixture(autouse=True)
def qt_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "qsettings"
    folder.mkdir()
    QCoreApplication.setOrganizationName("LiaisonTest")
    QCoreApplication.setApplicationName("LiaisonTest")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def english_interface(qapp: QApplication) -> Iterator[None]:
    from ui import i18n

    yield
    if i18n.current_language() != "en":
        i18n.set_language("en")
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    QLocale.setDefault(QLocale("en_US"))


@pytest.fixture
def runner() -> Iterator[object]:
    from ui.tasks import TaskRunner

    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


@pytest.fixture
def existing_vault(vault_path: Path) -> tuple[Path, str, str]:
    """A closed, empty vault: (path, passphrase, recovery code)."""
    from liaison.services import vault as vault_service

    vault, code = vault_service.create(vault_path, PASSPHRASE)
    vault.close()
    return vault_path, PASSPHRASE, code


@pytest.fixture(scope="session")
def demo_vault_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data once per session (copied for each test that wants it)."""
    from liaison.services import demo
    from liaison.services import vault as vault_service

    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    vault, _code = vault_service.create(path, DEMO_PASSPHRASE)
    with vault:
        demo.populate(vault)
    return path


@pytest.fixture
def demo_vault(demo_vault_template: Path, tmp_path: Path) -> tuple[Path, str]:
    """A private copy of the demo vault: (path, passphrase)."""
    import shutil

    from liaison.store.vault import header_path

    target = tmp_path / "demo" / "vault.db"
    target.parent.mkdir()
    shutil.copy2(demo_vault_template, target)
    shutil.copy2(header_path(demo_vault_template), header_path(target))
    return target, DEMO_PASSPHRASE


@pytest.fixture
def make_app(runner: object, qtbot: object) -> Iterator[Callable[[Path], object]]:
    """Builds a ``LiaisonApp`` on a vault path and shuts it down after the test."""
    from ui.app import LiaisonApp

    made: list[LiaisonApp] = []

    def build(path: Path) -> LiaisonApp:
        app = LiaisonApp(path, runner)  # type: ignore[arg-type]
        made.append(app)
        return app

    yield build
    for app in made:
        app.idle.stop()
        # Deliver what is still in flight while the widgets exist, then lock and stop the threads.
        qtbot.waitUntil(lambda a=app: not a.runner.busy, timeout=30_000)  # type: ignore[attr-defined]
        app.shutdown()


class FakePage(QWidget):
    """Stands in for another engineer's page: loads contact names on unlock, records calls."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = QStandardItemModel(self)
        self.opened: list[str] = []
        self.new_items = 0
        self.cleared = 0
        self.title = QLabel(self)
        QVBoxLayout(self).addWidget(self.title)
        session.unlocked.connect(self.reload)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        from ui.i18n import _

        self.title.setText(_("Contacts"))

    def reload(self) -> None:
        from liaison.services import catalog

        self.session.query(lambda vault: [c.full_name for c in catalog.contacts.list(vault)], self._loaded)

    def _loaded(self, names: list[str]) -> None:
        for name in names:
            self.model.appendRow(QStandardItem(name))

    def new_item(self) -> None:
        self.new_items += 1

    def open_record(self, record_id: str) -> None:
        self.opened.append(record_id)

    def clear(self) -> None:
        self.cleared += 1
        self.model.clear()


@pytest.fixture
def fake_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page but Settings (ours) is a ``FakePage``: these tests do not depend on pages that
    other people are still writing."""
    from ui import main_window

    module = FakePage.__module__
    assert sys.modules[module].FakePage is FakePage  # build_page imports it by name
    pages = tuple(
        s if s.key == "settings" else main_window.PageSpec(s.key, s.title, module, "FakePage")
        for s in main_window.PAGES
    )
    monkeypatch.setattr(main_window, "PAGES", pages)
