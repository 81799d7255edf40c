"""Settings → Sync, "Join a sync space": server URL and invitation code, typed, pasted as one line,
or read from a picture of the invitation's QR code (decoded on the io pool, never the GUI thread).

``choose_picture`` asks for the file; tests replace it. ``message`` carries the one-line outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.dialogs import error_message
from ui.i18n import _
from ui.session import Session
from ui.sync.invitation import parse_invitation, read_invitation


class JoinBox(QGroupBox):
    message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.choose_picture: Callable[[], Path | None] = self._ask_picture
        self.server = QLineEdit(self)
        self.server.setPlaceholderText("https://sync.example.org")
        self.code = QLineEdit(self)
        self.code.textChanged.connect(self._code_pasted)
        self.read_button = QPushButton(self)
        self.read_button.clicked.connect(self.read_picture)
        self.name = QLineEdit(self)
        self.pin = QLineEdit(self)
        self.join_button = QPushButton(self)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.read_button)
        form = QFormLayout(self)
        self.server_label, self.code_label = QLabel(self), QLabel(self)
        self.name_label, self.pin_label = QLabel(self), QLabel(self)
        form.addRow(self.server_label, self.server)
        form.addRow(self.code_label, code_row)
        form.addRow(self.name_label, self.name)
        form.addRow(self.pin_label, self.pin)
        form.addRow("", self.join_button)
        self.server_label.setBuddy(self.server)
        self.code_label.setBuddy(self.code)
        self.name_label.setBuddy(self.name)
        self.pin_label.setBuddy(self.pin)

    def retranslate_ui(self) -> None:
        self.setTitle(_("Join a sync space"))
        self.server_label.setText(_("Server &URL:"))
        self.code_label.setText(_("&Invitation code:"))
        self.code.setPlaceholderText(_("the code, or the whole invitation line"))
        self.read_button.setText(_("&Read a QR code from a picture…"))
        self.read_button.setToolTip(
            _("A screenshot or photo of the invitation's QR code (PNG or JPEG); read on this device")
        )
        self.name_label.setText(_("&This device's name:"))
        self.pin_label.setText(_("Certificate &fingerprint (optional):"))
        self.join_button.setText(_("&Join"))

    def fields(self) -> tuple[str, str, str, str]:
        """(server, code, name, pin) as typed, the code taken out of a pasted invitation line."""
        return (
            self.server.text().strip(),
            parse_invitation(self.code.text())[1],
            self.name.text().strip(),
            self.pin.text().strip(),
        )

    def _code_pasted(self, text: str) -> None:
        """Splits the invitation line once it holds both parts: typed key by key, the line holds a
        URL that is still growing until the space before the code (split earlier, the URL box kept
        its first letter); the rest of the code then goes on into the code box."""
        server, code = parse_invitation(text)
        if server and code:
            self.server.setText(server)
            self.code.setText(code)

    def _ask_picture(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Picture of the invitation's QR code"), "", _("Pictures (*.png *.jpg *.jpeg *.bmp *.gif)")
        )
        return Path(name) if name else None

    def read_picture(self) -> None:
        path = self.choose_picture()
        if path is None:
            return
        self.read_button.setEnabled(False)
        self.message.emit(_("Reading the QR code…"))
        self.session.runner.run_io(lambda: read_invitation(path), self._read, self._unreadable)

    def _read(self, found: tuple[str, str]) -> None:
        if not shiboken6.isValid(self):  # the dialog was closed while the picture was read
            return
        self.read_button.setEnabled(True)
        self.server.setText(found[0])
        self.code.setText(found[1])
        self.message.emit(_("Invitation read: check the server, name this device, then Join."))

    def _unreadable(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self.read_button.setEnabled(True)
        self.message.emit(error_message(error))
