"""The handling label (Traffic Light Protocol 2.0) as a small badge, a table delegate and a chooser.

TLP colours are the FIRST standard ones: coloured text on black, so the label reads the same in a
light or dark theme and prints recognisably.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QComboBox, QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from liaison.domain import Handling
from ui.i18n import N_, _

TLP_COLORS: dict[Handling, str] = {
    Handling.CLEAR: "#FFFFFF",
    Handling.GREEN: "#33FF00",
    Handling.AMBER: "#FFC000",
    Handling.AMBER_STRICT: "#FFC000",
    Handling.RED: "#FF2B2B",
}
BADGE_BACKGROUND = "#000000"

_MEANINGS: dict[Handling, str] = {
    Handling.CLEAR: N_("TLP:CLEAR – disclosure is not limited."),
    Handling.GREEN: N_("TLP:GREEN – may be shared within the community, not published."),
    Handling.AMBER: N_("TLP:AMBER – need-to-know only, within the recipient's organisation and its clients."),
    Handling.AMBER_STRICT: N_("TLP:AMBER+STRICT – need-to-know only, within the recipient's organisation."),
    Handling.RED: N_("TLP:RED – for the named recipients only, no further disclosure."),
}

SENSITIVE = frozenset({Handling.RED, Handling.AMBER_STRICT})


def to_handling(value: object) -> Handling | None:
    try:
        return Handling(str(value))
    except ValueError:
        return None


def meaning(handling: Handling) -> str:
    return _(_MEANINGS[handling])


def _badge_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setBold(True)
    font.setPointSizeF(max(7.0, base.pointSizeF() * 0.85))
    return font


class HandlingBadge(QLabel):
    """``TLP:AMBER`` in amber on black; empty and hidden when there is no record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._handling: Handling | None = None
        self.setFont(_badge_font(self.font()))
        self.setSizePolicy(self.sizePolicy().Policy.Fixed, self.sizePolicy().Policy.Fixed)
        self.setVisible(False)

    @property
    def handling(self) -> Handling | None:
        return self._handling

    def set_handling(self, handling: Handling | None) -> None:
        self._handling = handling
        self.setVisible(handling is not None)
        if handling is None:
            self.clear()
            return
        self.setText(handling.value)
        self.setStyleSheet(
            f"QLabel {{ background: {BADGE_BACKGROUND}; color: {TLP_COLORS[handling]};"
            " border-radius: 3px; padding: 1px 6px; }"
        )
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self._handling is not None:
            self.setToolTip(meaning(self._handling))
            self.setAccessibleName(_("Handling: {label}").format(label=self._handling.value))


def paint_badge(painter: QPainter, rect: QRect, handling: Handling, font: QFont) -> None:
    """Draw the badge left-aligned and vertically centred in ``rect``."""
    font = _badge_font(font)
    metrics = QFontMetrics(font)
    width = min(rect.width() - 4, metrics.horizontalAdvance(handling.value) + 12)
    height = min(rect.height() - 4, metrics.height() + 2)
    badge = QRect(rect.left() + 4, rect.top() + (rect.height() - height) // 2, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(BADGE_BACKGROUND))
    painter.drawRoundedRect(badge, 3, 3)
    painter.setPen(QColor(TLP_COLORS[handling]))
    painter.setFont(font)
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, handling.value)
    painter.restore()


class HandlingDelegate(QStyledItemDelegate):
    """Paints a column whose display text is a TLP label as a badge."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        handling = to_handling(index.data(Qt.ItemDataRole.DisplayRole))
        if handling is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:
            # Selection and focus background only; the text is the badge.
            self.initStyleOption(option, index)
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        paint_badge(painter, option.rect, handling, option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        metrics = QFontMetrics(_badge_font(option.font))
        return QSize(max(hint.width(), metrics.horizontalAdvance("TLP:AMBER+STRICT") + 20), hint.height())


class HandlingCombo(QComboBox):
    """Choose a handling label; each entry is shown in its TLP colour with its meaning as tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for handling in Handling:
            self.addItem(handling.value, handling.value)
            row = self.count() - 1
            self.setItemData(row, QColor(BADGE_BACKGROUND), Qt.ItemDataRole.BackgroundRole)
            self.setItemData(row, QColor(TLP_COLORS[handling]), Qt.ItemDataRole.ForegroundRole)
        self.set_handling(Handling.AMBER)
        self.retranslate_ui()

    def handling(self) -> Handling:
        return Handling(self.currentData())

    def set_handling(self, handling: Handling) -> None:
        self.setCurrentIndex(max(0, self.findData(handling.value)))

    def retranslate_ui(self) -> None:
        for row, handling in enumerate(Handling):
            self.setItemData(row, meaning(handling), Qt.ItemDataRole.ToolTipRole)
        self.setToolTip(_("Handling label (Traffic Light Protocol): how far this record may be shared"))
