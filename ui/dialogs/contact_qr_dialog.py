"""A contact's vCard as a QR code on screen, to hand it to a colleague's phone (no network).

The vCard carries no notes (they may be sensitive and make the code unreadably dense).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from liaison.interchange import qr
from ui.i18n import _

QUIET_ZONE = 4  # modules of white border the QR specification asks for


def qr_pixmap(text: str, size: int = 360) -> QPixmap:
    modules = qr.matrix(text)
    count = len(modules) + 2 * QUIET_ZONE
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    step = size / count
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                painter.drawRect(QRectF((c + QUIET_ZONE) * step, (r + QUIET_ZONE) * step, step, step))
    painter.end()
    return pixmap


class ContactQrDialog(QDialog):
    def __init__(self, name: str, vcard_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vcard_text = vcard_text
        self.caption = QLabel(self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setPixmap(qr_pixmap(vcard_text))
        self.close_button = QPushButton(self)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.name = name
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Contact QR code"))
        self.caption.setText(
            _("Scan with a phone's camera to add {name} to its contacts (no network is used).").format(
                name=self.name
            )
        )
        self.close_button.setText(_("Close"))
