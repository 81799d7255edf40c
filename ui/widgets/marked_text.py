"""A one-line cell of text with some words in bold: search snippets, matched words marked.

The cell's ``MARKED_ROLE`` holds the parts, ``(text, matched)``; the painter draws them with the
item's font, the matched ones bold, clipped with an ellipsis like plain cells. Nothing is parsed as
markup (a record's text may hold ``<`` or ``[``), and the text direction of each part is left to
Qt, so Arabic words are drawn whole and right to left.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

MARKED_ROLE = Qt.ItemDataRole.UserRole + 20


def marked_html(parts: Sequence[tuple[str, bool]]) -> str:
    return "".join(f"<b>{html.escape(text)}</b>" if matched else html.escape(text) for text, matched in parts)


class MarkedTextDelegate(QStyledItemDelegate):
    """Paints ``MARKED_ROLE`` parts (falls back to the plain display text)."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        parts = index.data(MARKED_ROLE)
        if not parts:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        document = QTextDocument()
        document.setDefaultFont(opt.font)
        document.setDocumentMargin(0)
        document.setHtml(f"<span style='white-space: pre'>{marked_html(parts)}</span>")
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(4, 0, -4, 0)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        top = rect.top() + max(0, (rect.height() - round(document.size().height())) // 2)
        painter.translate(rect.left(), top)
        painter.setClipRect(0, 0, rect.width(), rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()
