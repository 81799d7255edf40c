"""Passing a sync invitation from one device to another: one line of text, ``liaison-join:URL CODE``,
shown both as text and as a QR code (the CLI's ``sync invite`` draws the same payload), and read
back from a pasted line or from a picture of the code (a screenshot, a phone photo).

The QR code is drawn by the contact-QR code (``ui.dialogs.contact_qr_dialog.qr_pixmap``), and
read with zbar through ``liaison.interchange.qr_read``: no camera access, no network.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from liaison.errors import ValidationError
from liaison.interchange import qr_read
from ui.clipboard import copy_sensitive
from ui.dialogs.contact_qr_dialog import qr_pixmap
from ui.i18n import _

INVITE_PREFIX = "liaison-join:"
QR_SIZE = 320
INVITATION_SECONDS = 15 * 60  # the server lets an invitation code live this long


def invitation_text(server: str, code: str) -> str:
    """What the inviting officer passes on: the payload of the CLI's QR code (server and code)."""
    return f"{INVITE_PREFIX}{server} {code}"


def parse_invitation(text: str) -> tuple[str, str]:
    """(server, code) from a pasted or scanned invitation line; ("", code) for a bare code."""
    text = text.strip()
    if text.startswith(INVITE_PREFIX):
        server, _sep, code = text[len(INVITE_PREFIX) :].strip().partition(" ")
        return server.strip(), code.strip()
    return "", text


def read_invitation(path: Path) -> tuple[str, str]:
    """io pool: (server, code) from the first Liaison invitation QR code in the picture at ``path``."""
    for text in qr_read.read_texts(path):
        server, code = parse_invitation(text)
        if server and code:
            return server, code
    raise ValidationError(f"{path.name}: the QR code in it is not a Liaison sync invitation")


class InvitationDialog(QDialog):
    """The invitation as a QR code and as a line to copy; valid for one device, a short while."""

    def __init__(self, line: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = line
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setPixmap(qr_pixmap(line, QR_SIZE))
        self.text = QLabel(line, self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a URL and a code, in any language
        self.copy_button = QPushButton(self)
        self.copy_button.clicked.connect(self.copy)
        self.close_button = QPushButton(self)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Invite a device"))
        self.caption.setText(
            _(
                "Invitation for one device, valid 15 minutes. On the new device, open Settings → Sync "
                "and read this QR code from a picture of it, or paste the line below."
            )
        )
        self.copy_button.setText(_("&Copy the line"))
        self.close_button.setText(_("Close"))

    def copy(self) -> None:
        """On the clipboard while it is valid, marked secret for clipboard managers."""
        copy_sensitive(self.line, seconds=INVITATION_SECONDS)

    def pixmap(self) -> QPixmap:
        return self.image.pixmap()
