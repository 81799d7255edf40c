"""Table columns the officer chooses (right-click on the header) and that stay as they were left:
which are shown, their order and widths, saved in QSettings per table."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt
from PySide6.QtWidgets import QMenu, QTableView

PREFIX = "columns/"


def remember_columns(table: QTableView, key: str) -> None:
    """Restore the header of ``table`` (if saved), save it on every change, offer the chooser."""
    header = table.horizontalHeader()
    saved = QSettings().value(PREFIX + key)
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        header.restoreState(saved)

    table.setProperty("columns_key", key)
    header.sectionResized.connect(lambda *_args: save_columns(table))
    header.sectionMoved.connect(lambda *_args: save_columns(table))
    header.setSectionsMovable(True)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: _choose(table, pos))


def save_columns(table: QTableView) -> None:
    key = table.property("columns_key")
    if isinstance(key, str) and key:
        QSettings().setValue(PREFIX + key, table.horizontalHeader().saveState())


def column_menu(table: QTableView) -> QMenu:
    """One checkable entry per column; at least one column always stays."""
    header = table.horizontalHeader()
    model = table.model()
    menu = QMenu(table)
    for column in range(model.columnCount()):
        action = menu.addAction(str(model.headerData(column, Qt.Orientation.Horizontal)))
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))

        def toggle(on: bool, column: int = column) -> None:
            shown = header.count() - header.hiddenSectionCount()
            if not on and shown <= 1:
                return
            header.setSectionHidden(column, not on)
            save_columns(table)

        action.toggled.connect(toggle)
    return menu


def _choose(table: QTableView, pos: QPoint) -> None:
    column_menu(table).popup(table.horizontalHeader().mapToGlobal(pos))
