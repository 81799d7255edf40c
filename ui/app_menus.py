"""Menu entries added to the main window by features that live outside it: Help → About (with
the self-test report). Kept here so the main window only calls :func:`install` and
``retranslate``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from ui.i18n import _

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class AppMenus:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.help_menu = window.menuBar().addMenu("")
        self.about_action = QAction(window)
        self.about_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def retranslate_ui(self) -> None:
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About Liaison"))

    def show_about(self) -> None:
        from ui.dialogs.about_dialog import AboutDialog  # noqa: PLC0415  (built on demand)

        dialog = AboutDialog(self.window.runner, self.window.session.vault_path, self.window)
        dialog.setModal(True)
        dialog.show()
        self.window.about_dialog = dialog  # kept for tests and so it is not collected while open
