"""The Sync group on the Settings page: one status line and the button to Settings → Sync."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.i18n import _
from ui.session import Session
from ui.sync import controller as sc
from ui.sync.status_widget import describe


class SyncSettingsBox(QGroupBox):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.controller = sc.controller_for(session)
        self.line = QLabel(self)
        self.line.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.open_dialog)
        self.dialog: QWidget | None = None
        layout = QHBoxLayout(self)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.controller.changed.connect(self._snapshot_changed)
        self.retranslate_ui()

    def _snapshot_changed(self, _snap: object) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Sync"))
        self.button.setText(_("S&ync settings…"))
        snap = self.controller.snapshot
        self.line.setText(
            _("Not in a sync space: the records stay on this device.")
            if snap.state in (sc.OFF, sc.LOCKED)
            else describe(snap)
        )

    def open_dialog(self) -> None:
        from ui.sync.settings_dialog import SyncSettingsDialog  # noqa: PLC0415

        dialog = SyncSettingsDialog(self.session, self)
        dialog.finished.connect(lambda _r: self.controller.refresh())
        self.dialog = dialog
        dialog.open()
