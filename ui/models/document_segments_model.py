"""The segments of a translated document for side-by-side review: source, translation (editable),
where the translation came from, OCR confidence, approval."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from liaison.documents_in.model import Origin
from liaison.services.documents_in import DocumentTranslation
from ui.i18n import N_, _

Index = QModelIndex | QPersistentModelIndex
ORIGIN_LABELS = {
    Origin.MEMORY: N_("memory"),
    Origin.GLOSSARY: N_("glossary"),
    Origin.FORM: N_("exact form text"),
    Origin.MACHINE: N_("machine"),
    Origin.COPY: N_("copied"),
}
MACHINE_COLOR = QColor("#fff4d6")
EXACT_COLOR = QColor("#dbeafe")


class DocumentSegmentsModel(QAbstractTableModel):
    WHERE, SOURCE, TARGET, ORIGIN, CONFIDENCE = range(5)
    COLUMNS: ClassVar[tuple[str, ...]] = (
        N_("Where"),
        N_("Source"),
        N_("Translation"),
        N_("Origin"),
        N_("OCR"),
    )
    ObjectRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.result: DocumentTranslation | None = None

    def set_result(self, result: DocumentTranslation | None) -> None:
        self.beginResetModel()
        self.result = result
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.result is None else len(self.result.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.TARGET else base

    def _text(self, row: int, column: int) -> str:
        assert self.result is not None
        item = self.result.items[row]
        if column == self.WHERE:
            return item.block.location.label()
        if column == self.SOURCE:
            return item.source
        if column == self.TARGET:
            return item.target
        if column == self.ORIGIN:
            label = _(ORIGIN_LABELS[item.origin])
            return f"{label} ✓" if item.approved else label
        return "" if item.block.confidence is None else f"{item.block.confidence:.0f}%"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.result is None:
            return None
        item = self.result.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole and index.column() in (self.TARGET, self.ORIGIN):
            if item.approved:
                return None
            return MACHINE_COLOR if item.origin is Origin.MACHINE else EXACT_COLOR
        if role == self.ObjectRole:
            return item
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.result is None or index.column() != self.TARGET or role != Qt.ItemDataRole.EditRole:
            return False
        if str(value).strip() == self.result.items[index.row()].target:
            return False
        self.result.edit(index.row(), str(value))
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.CONFIDENCE))
        return True

    def approved_rows(self, rows: list[int]) -> None:
        """The rows were approved into the memory: show it."""
        if self.result is None or not rows:
            return
        self.result.mark_approved(rows)
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), self.CONFIDENCE))
