"""What the record pages (contacts, agreements, cases) share: reading the selected record of a table,
selecting a record by id, the yes/no confirmation, and the open-editor → saved → select flow.

``RecordPage`` is a plain mixin, listed before ``QWidget``. A page using it provides ``session``,
``guard``, ``table``, ``proxy``, ``editor`` and ``_pending_id``, sets ``record_type``, and
implements ``make_editor``, ``delete_prompt`` and ``delete_record``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QTableView, QWidget

from ui.models import ObjectRole


def record_table(model: Any) -> QTableView:
    """A sortable, single-row-selection table over ``model``, as the record pages show them."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def selected_record(view: QAbstractItemView, record_type: type) -> Any | None:
    """The record of the first selected row of ``view``, if it is a ``record_type``."""
    rows = view.selectionModel().selectedRows()
    record = rows[0].data(ObjectRole) if rows else None
    return record if isinstance(record, record_type) else None


def select_record(table: QTableView, proxy: Any, record_id: str) -> None:
    """Select and scroll to the row showing ``record_id``, if the filter shows it."""
    row = proxy.proxy_row_of(record_id)
    if row >= 0:
        table.selectRow(row)
        table.scrollTo(proxy.index(row, 0))


def ask(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question; True on Yes."""
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


class RecordPage:
    """The selection and edit/delete flow of a page listing one kind of record in ``table``."""

    record_type: type = object
    session: Any
    table: QTableView
    proxy: Any
    editor: Any
    _pending_id: str | None

    # -- hooks ------------------------------------------------------------------------------------
    def make_editor(self, record: Any | None) -> Any:
        """A new editor dialog (with a ``saved(str)`` signal) for ``record``, or for a new one."""
        raise NotImplementedError

    def delete_prompt(self, record: Any) -> tuple[str, str]:
        """The title and question of the confirmation before deleting ``record``."""
        raise NotImplementedError

    def delete_record(self, record: Any) -> None:
        """Delete ``record`` (confirmed) through the guard."""
        raise NotImplementedError

    # -- selection --------------------------------------------------------------------------------
    def current(self) -> Any | None:
        return selected_record(self.table, self.record_type)

    def select(self, record_id: str) -> None:
        select_record(self.table, self.proxy, record_id)

    def confirm(self, title: str, text: str) -> bool:
        return ask(self, title, text)  # type: ignore[arg-type]

    # -- actions ----------------------------------------------------------------------------------
    def _open_editor(self, record: Any | None) -> None:
        if not self.session.is_unlocked:
            return
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = self.make_editor(record)
        self.editor.saved.connect(self._saved)
        self.editor.open()

    def _saved(self, record_id: str) -> None:
        self._pending_id = record_id
        self.select(record_id)

    def edit_current(self) -> None:
        record = self.current()
        if record is not None:
            self._open_editor(record)

    def delete_current(self) -> None:
        record = self.current()
        if record is None:
            return
        title, question = self.delete_prompt(record)
        if self.confirm(title, question):
            self.delete_record(record)
