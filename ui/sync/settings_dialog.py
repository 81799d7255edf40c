"""Settings → Sync: join a space, compare safety numbers, the devices of the space (this one
marked), invite, approve, revoke (with an optional remote wipe, confirmed twice), leave.

Every action that talks to the server runs on the sync thread, with the sync's own connection
(``ui.sync.worker``): a slow server never holds the window's reads and writes. The answers come
back here. Confirmations go through ``confirm``/``ask_wipe`` so tests can answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from liaison.services.sync import service
from liaison.store import sync_state
from liaison.store.vault import Vault
from ui.dialogs import error_message, ltr
from ui.i18n import _
from ui.session import Session
from ui.sync import controller as sc
from ui.sync import when
from ui.sync.invitation import InvitationDialog, invitation_text
from ui.sync.join_box import JoinBox
from ui.sync.status_widget import describe, flag_lines


def _overview(vault: Vault) -> dict[str, Any]:
    cfg = sync_state.config(vault)
    if cfg is None:
        return {"configured": False}
    status = service.status(vault)
    me = next((d for d in status.devices if d.this_device), None)
    return {
        "configured": True,
        "status": cfg.status,
        "server": cfg.server,
        "name": cfg.device_name,
        "safety_number": me.safety_number if me else "",
        "devices": status.devices,
    }


DEFAULT_SIZE = QSize(760, 460)


class SyncSettingsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.controller = sc.controller_for(session)
        self.overview: dict[str, Any] = {"configured": False}
        self.devices: list[service.DeviceView] = []
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.ask_wipe: Callable[[str], bool | None] = self._ask_wipe
        self.last_invitation = ""
        self.invitation_dialog: InvitationDialog | None = None
        self.setMinimumWidth(640)
        # Opened at the size of the join form, the devices list of a member device showed one row
        # between its header and its buttons; this is the size the README's picture shows.
        self.resize(DEFAULT_SIZE)
        self._build()
        self.retranslate_ui()
        self.controller.changed.connect(self._snapshot_changed)
        session.locked.connect(self.reject)
        self.reload()

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setObjectName("sync-state")
        self.flags = QLabel(self)  # what waits for an older device, an update this one needs
        self.flags.setWordWrap(True)
        self.flags.setObjectName("sync-flags")
        self.flags.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.join_box = JoinBox(self.session, self)
        self.server, self.code, self.name = self.join_box.server, self.join_box.code, self.join_box.name
        self.join_box.join_button.clicked.connect(self.join)
        self._build_space()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.join_box.message.connect(self.message.setText)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.flags)
        layout.addWidget(self.join_box)
        layout.addWidget(self.space_box, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)

    def _build_space(self) -> None:
        self.space_box = QGroupBox(self)
        self.me = QLabel(self)
        self.me.setWordWrap(True)
        self.me.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._enable)
        self.refresh_button = QPushButton(self)
        self.invite_button = QPushButton(self)
        self.approve_button = QPushButton(self)
        self.revoke_button = QPushButton(self)
        self.leave_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.load_devices)
        self.invite_button.clicked.connect(self.invite)
        self.approve_button.clicked.connect(self.approve)
        self.revoke_button.clicked.connect(self.revoke)
        self.leave_button.clicked.connect(self.leave)
        buttons = QHBoxLayout()
        for button in (
            self.refresh_button,
            self.invite_button,
            self.approve_button,
            self.revoke_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.leave_button)
        space = QVBoxLayout(self.space_box)
        space.addWidget(self.me)
        space.addWidget(self.table, 1)
        space.addLayout(buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Sync"))
        self.join_box.retranslate_ui()
        self.space_box.setTitle(_("Devices of the space"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Status"), _("Last seen"), _("Safety number")])
        self.refresh_button.setText(_("&Refresh"))
        self.invite_button.setText(_("&Invite a device…"))
        self.approve_button.setText(_("&Approve…"))
        self.revoke_button.setText(_("Re&voke…"))
        self.leave_button.setText(_("&Leave the space…"))
        self._show_state()
        self._fill_table()

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        if self.session.is_unlocked:
            self.session.query(_overview, self._loaded, self._failed)

    def _loaded(self, overview: dict[str, Any]) -> None:
        self.overview = overview
        self.devices = list(overview.get("devices", []))
        self._show_state()
        self._fill_table()

    def load_devices(self) -> None:
        """Ask the server for the current list (names, last seen), checked against trust here."""
        factory = self.controller.factory
        if self.session.is_unlocked:
            self.controller.worker.run(
                lambda v: service.devices(v, factory=factory), self._devices_loaded, self._failed
            )

    def _devices_loaded(self, devices: list[service.DeviceView]) -> None:
        self.devices = devices
        self._fill_table()

    def _snapshot_changed(self, _snap: object) -> None:
        self._show_state()

    def _show_state(self) -> None:
        configured = bool(self.overview.get("configured"))
        status = str(self.overview.get("status", ""))
        self.join_box.setVisible(not configured)
        self.space_box.setVisible(configured and status not in ("left", "revoked"))
        if not configured:
            self.state.setText(_("This vault is in no sync space: it keeps its records to itself."))
        elif status == "left":
            self.state.setText(_("This vault left its sync space: it works on its own."))
        elif status == "revoked":
            self.state.setText(_("This device was revoked from its sync space."))
        elif status == "pending":
            self.state.setText(
                _(
                    "Waiting for approval. On a device already in the space, an officer compares "
                    "this device's safety number and approves it:"
                )
                + "\n"
                + ltr(self.overview.get("safety_number", ""))
            )
        else:
            snap = self.controller.snapshot
            line = describe(snap) or _("Not synced yet")
            if snap.state == sc.UPDATE and snap.error:
                line += "\n" + snap.error
            self.state.setText(
                _("Server: {server}").format(server=ltr(self.overview.get("server", ""))) + "\n" + line
            )
        lines = flag_lines(self.controller.snapshot) if configured and status == "active" else []
        self.flags.setText("\n".join(lines))
        self.flags.setVisible(bool(lines))
        self.me.setText(
            _("This device, “{name}”. Its safety number: {number}").format(
                name=self.overview.get("name", ""), number=ltr(self.overview.get("safety_number", ""))
            )
        )
        self._enable()

    def _status_text(self, status: str) -> str:
        return {
            "active": _("active"),
            "pending": _("waiting for approval"),
            "revoked": _("revoked"),
            "untrusted": _("not certified"),
        }.get(status, status)

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.devices))
        for row, device in enumerate(self.devices):
            name = device.name + (" " + _("(this device)") if device.this_device else "")
            seen = when.date_time(device.last_seen)
            # The number left to right in every language, as on the other device's screen and in
            # the line above the table (in Arabic the cell showed its groups in mirrored order).
            number = ltr(device.safety_number)
            cells = (name, self._status_text(device.status), seen, number)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a safety number is cut to the column: whole on hover
                if device.this_device:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self._enable()

    def selected(self) -> service.DeviceView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.devices[rows[0].row()] if rows and rows[0].row() < len(self.devices) else None

    def _enable(self) -> None:
        device = self.selected()
        self.approve_button.setEnabled(device is not None and device.status == "pending")
        self.revoke_button.setEnabled(
            device is not None and not device.this_device and device.status != "revoked"
        )

    # -- actions ------------------------------------------------------------------------------
    def _run(self, work: Callable[[Vault], Any], done: Callable[[Any], None]) -> None:
        if not self.session.is_unlocked:
            return
        self.message.setText(_("Working…"))
        self.controller.worker.run(work, done, self._failed)  # with the server: on the sync thread

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_message(error))

    def join(self) -> None:
        server, code, name, pin = self.join_box.fields()
        if not server or not code:
            self.message.setText(_("Type the server URL and the invitation code."))
            return
        factory = self.controller.factory
        self._run(lambda v: service.join(v, server, code, name=name, pin=pin, factory=factory), self._joined)

    def _joined(self, device: service.DeviceView) -> None:
        self.message.setText(
            _("Joined. Safety number of this device: {number}").format(number=ltr(device.safety_number))
        )
        self.reload()
        self.controller.refresh()

    def invite(self) -> None:
        factory = self.controller.factory
        server = str(self.overview.get("server", ""))
        self._run(lambda v: service.invite(v, factory=factory), lambda r: self._invited(server, r))

    def _invited(self, server: str, invitation: dict[str, Any]) -> None:
        self.last_invitation = invitation_text(server, str(invitation["code"]))
        self.message.setText(
            _(
                "Invitation for one device, valid 15 minutes. On the new device, paste this line "
                "into Settings → Sync:"
            )
            + "\n"
            + self.last_invitation
        )
        self.invitation_dialog = InvitationDialog(self.last_invitation, self)
        self.invitation_dialog.open()
        self.load_devices()

    def approve(self) -> None:
        device = self.selected()
        if device is None or device.status != "pending":
            return
        question = _(
            "Approve “{name}”? Its safety number is:\n{number}\n\nApprove only if the new device "
            "shows the same number."
        ).format(name=device.name, number=ltr(device.safety_number))
        if not self.confirm(_("Approve a device"), question):
            return
        factory = self.controller.factory
        self._run(lambda v: service.approve(v, device.id, factory=factory), lambda _r: self._changed())

    def revoke(self) -> None:
        device = self.selected()
        if device is None or device.this_device:
            return
        wipe = self.ask_wipe(device.name)
        if wipe is None:
            return
        if wipe and not self.confirm(
            _("Wipe a device"),
            _(
                "Really wipe “{name}”? Its key slots will be destroyed the next time it connects: "
                "records not synced from it are lost."
            ).format(name=device.name),
        ):
            return
        factory = self.controller.factory
        self._run(
            lambda v: service.revoke(v, device.id, wipe=wipe, factory=factory), lambda _r: self._changed()
        )

    def _changed(self) -> None:
        self.message.setText(_("Done."))
        self.load_devices()

    def leave(self) -> None:
        if not self.confirm(
            _("Leave the space"),
            _(
                "Leave the sync space? This device stops syncing and forgets its sync keys; its "
                "records stay. Ask an officer on another device to revoke it too."
            ),
        ):
            return
        self._run(service.leave, lambda _r: self._left())

    def _left(self) -> None:
        self.message.setText(_("This vault left the space."))
        self.reload()
        self.controller.refresh()

    # -- confirmations (tests replace these) --------------------------------------------------
    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_wipe(self, name: str) -> bool | None:
        """None: cancelled; else whether to wipe too."""
        box = QMessageBox(self)
        box.setWindowTitle(_("Revoke a device"))
        box.setText(_("Revoke “{name}”? It is refused at once and gets no new keys.").format(name=name))
        wipe = QCheckBox(_("Also wipe it remotely (destroys its key slots)"), box)
        box.setCheckBox(wipe)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
        return wipe.isChecked()
