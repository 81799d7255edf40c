"""The detail pane of a record page (agencies, agreements): the record's title in bold with its
handling badge beside it, and its fields as captions and values."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QWidget

from ui.i18n import _
from ui.models import details_html
from ui.widgets.handling_badge import HandlingBadge


class RecordDetail(QWidget):
    """``FIELDS`` are (key, N_ caption) pairs; ``values()`` gives the text of each key."""

    FIELDS: tuple[tuple[str, str], ...] = ()

    def __init__(self, parent: QWidget | None = None, *, title_scale: float = 1.0) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * title_scale)
        self.title.setFont(font)
        self.badge = HandlingBadge()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.header = QHBoxLayout()
        self.header.addWidget(self.title, 1)
        self.header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)

    def values(self) -> dict[str, str]:
        return {}

    def render_fields(self) -> None:
        values = self.values()
        self.text.setHtml(details_html((_(caption), values.get(key, "")) for key, caption in self.FIELDS))
