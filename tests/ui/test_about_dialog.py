"""Help → About shows the same self-test report as ``liaison self-test``, off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.dialogs.about_dialog import AboutDialog
from ui.main_window import MainWindow
from ui.session import Session
from ui.tasks import TaskRunner


def test_help_about_runs_the_self_test_and_copies_the_report(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, fake_pages: None
) -> None:
    window = MainWindow(Session(runner, tmp_path / "vault.db"))
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()][-1] == "&Help"
    window.app_menus.about_action.trigger()
    dialog = window.app_menus.dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    assert dialog.report.toPlainText() == "Running the self-test…"
    qtbot.waitUntil(lambda: dialog.passed is not None, timeout=120_000)
    lines = dialog.report.toPlainText().splitlines()
    assert lines[0].startswith("Liaison 0.1.0")
    assert [line.split()[1] for line in lines[1:]] == [
        "sqlcipher",
        "crypto",
        "vault-folder",
        "fonts",
        "translation",
        "pdf",
        "qt",
    ]
    assert dialog.passed, lines
    assert "platform plugin 'offscreen' loads" in lines[-1]
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.report.toPlainText()
    dialog.grab().save(str(tmp_path / "about.png"))
    dialog.accept()
