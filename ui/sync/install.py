"""The few places sync touches the main window, kept here so the window's own module barely
changes: the status-bar widget, File → Sync now (F5) and the Conflicts count in the navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.i18n import _
from ui.sync.controller import SyncController, controller_for
from ui.sync.status_widget import SyncStatusWidget, describe

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SYNC_SHORTCUT = "F5"
CONFLICTS_PAGE = "conflicts"


class SyncHooks(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller: SyncController = controller_for(window.session)
        self.status = SyncStatusWidget(self.controller, window)
        window.statusBar().insertPermanentWidget(0, self.status)
        self.sync_action = QAction(window)
        self.sync_action.setShortcut(QKeySequence(SYNC_SHORTCUT))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.triggered.connect(self.controller.sync_now)
        window.addAction(self.sync_action)
        actions = window.file_menu.actions()
        before = actions[2] if len(actions) > 2 else None  # after New item and Lock
        window.file_menu.insertAction(before, self.sync_action)  # type: ignore[arg-type]
        self.controller.conflicts_changed.connect(self._count_changed)
        self.controller.changed.connect(self._snapshot_changed)
        self._enable()

    def _count_changed(self, _count: int) -> None:
        self.retranslate_ui()

    def _snapshot_changed(self, _snap: object) -> None:
        self._enable()
        self._show_one_network_line()

    def _show_one_network_line(self) -> None:
        """In a sync space the app does use the network and the sync line says how it went;
        "Offline mode" beside "Synced at 11:55" would contradict it, so only one of them shows."""
        network = getattr(self.window, "network", None)  # the status bar is built after the hooks
        if network is not None:
            network.setVisible(not describe(self.controller.snapshot))

    def _enable(self) -> None:
        self.sync_action.setEnabled(self.window.session.is_unlocked)

    def retranslate_ui(self) -> None:
        self.sync_action.setText(_("S&ync now"))
        self.sync_action.setToolTip(_("Sync with the other devices now ({key})").format(key=SYNC_SHORTCUT))
        rows = [i for i, spec in enumerate(self.window.specs) if spec.key == CONFLICTS_PAGE]
        item = self.window.nav.item(rows[0]) if rows else None
        if item is not None:
            title = _(self.window.specs[rows[0]].title)
            n = self.controller.snapshot.conflicts
            item.setText(f"{title} ({n})" if n else title)
