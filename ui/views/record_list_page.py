"""The page every record kind with a list and a detail pane is built on (contacts, agencies,
agreements): a filter box and New/Edit/Delete above a sortable table, the selected record beside it,
and an empty state in place of each when there is nothing to show.

A page subclasses ``RecordListPage`` and fills in the hooks: what it loads on the store thread
(``load``) and how it shows it (``apply_loaded``), its texts (``Texts``), its detail widget and how
the table and detail are laid out (``arrange``). Loading, reloading on changes, keeping the
selection across reloads, opening a record by id, the filter, the count, clearing on lock and the
edit/delete flow (``RecordPage``) are the same on every page, so they are written once here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liaison.store.vault import Vault
from ui.i18n import _
from ui.models import QueryGuard
from ui.session import Session
from ui.views.record_page import RecordPage, record_table
from ui.widgets.empty_state import EmptyState


@dataclass(frozen=True)
class Texts:
    """A page's words, already translated (``texts()`` is called again on a language change)."""

    filter_placeholder: str
    new_button: str
    none_yet: str  # no record at all: what they are and how to add the first one
    none_selected: str  # records, none selected


class RecordListPage(RecordPage, QWidget):
    """The list + filter + detail + empty state of one kind of record (see the module docstring)."""

    kinds: frozenset[str] = frozenset()  # ``records_changed`` kinds that reload the page

    def __init__(self, session: Session, model: Any, proxy: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.model = model
        self.proxy = proxy
        self.proxy.setSourceModel(self.model)
        self.editor: Any = None
        self._pending_id: str | None = None
        self._build_common()

    def start(self) -> None:
        """Called by the subclass at the end of its ``__init__``: translate, connect, load."""
        self.retranslate_ui()
        self.session.unlocked.connect(self.reload)
        self.session.records_changed.connect(self._records_changed)
        self.session.locked.connect(self.clear)
        if self.session.is_unlocked:
            self.reload()

    # -- hooks ----------------------------------------------------------------------------------
    @staticmethod
    def load(vault: Vault) -> Any:
        """Store thread: what the page shows."""
        raise NotImplementedError

    def apply_loaded(self, result: Any) -> None:
        """GUI thread: put ``load``'s result in the model (and wherever else the page keeps it)."""
        raise NotImplementedError

    def texts(self) -> Texts:
        raise NotImplementedError

    def count_text(self, shown: int, total: int) -> str:
        """ "{shown} of {total} contacts", through ``ngettext`` with literals (for the catalogues)."""
        raise NotImplementedError

    def show_record(self, record: Any | None) -> None:
        """Show ``record`` (None: nothing selected) in the detail pane."""
        raise NotImplementedError

    def clear_page(self) -> None:
        """On lock: drop what the page keeps besides the model (the model is cleared here)."""

    def arrange(self, listing: QWidget, detail: QWidget) -> QWidget:
        """The body under the actions row: ``listing`` (table or empty state, and the count) and
        ``detail`` (the detail pane or its empty state), in the page's own splitter."""
        raise NotImplementedError

    # -- building -------------------------------------------------------------------------------
    def _build_common(self) -> None:
        self.count_label = QLabel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_changed)
        self.new_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.new_button.clicked.connect(self.new_item)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.table: QTableView = record_table(self.proxy)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.empty = EmptyState()  # the list side, while there is no record at all
        self.empty.action.connect(self.new_item)
        self.empty_label = self.empty.label
        self.placeholder = EmptyState()  # the detail side, while none is selected
        self.placeholder.action.connect(self.new_item)

    def build_page(self, detail: QWidget, actions: QHBoxLayout | None = None) -> None:
        """Lay the page out around ``detail``; ``actions`` is the row above (default: filter box
        and the three buttons)."""
        if actions is None:
            actions = QHBoxLayout()
            actions.addWidget(self.search, 1)
            for button in (self.new_button, self.edit_button, self.delete_button):
                actions.addWidget(button)
        listing = QWidget()
        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.empty, 1)
        column.addWidget(self.count_label)
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(self.placeholder)
        self.detail_stack.addWidget(detail)
        self.detail_widget = detail
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.arrange(listing, self.detail_stack), 1)

    # -- page interface -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        texts = self.texts()
        self.search.setPlaceholderText(texts.filter_placeholder)
        self.new_button.setText(texts.new_button)
        self.edit_button.setText(_("Edit"))
        self.delete_button.setText(_("Delete"))
        self.model.retranslate()
        self._update_count()
        self._update_empty()
        if self.editor is not None:
            self.editor.retranslate_ui()

    def new_item(self) -> None:
        self._open_editor(None)

    def open_record(self, record_id: str) -> None:
        if self.model.row_of(record_id) < 0:
            self._pending_id = record_id
            self.reload()
            return
        if self.proxy.proxy_row_of(record_id) < 0:
            self.reset_filters()
        self.select(record_id)

    def reset_filters(self) -> None:
        self.search.clear()

    def clear(self) -> None:
        self.guard.invalidate()
        self._pending_id = None
        if self.editor is not None:
            self.editor.reject()
            self.editor.deleteLater()
            self.editor = None
        self.model.clear()
        self.clear_page()
        self.show_record(None)
        self.search.clear()
        self._update_count()
        self._update_empty()

    def reload(self) -> None:
        self.guard.query(self.load, self._loaded)

    # -- loading and selection ------------------------------------------------------------------
    def _records_changed(self, kind: str) -> None:
        if kind in self.kinds:
            self.reload()

    def _loaded(self, result: Any) -> None:
        current = self.current()
        keep = self._pending_id or (current.id if current else None)
        self._pending_id = None
        self.apply_loaded(result)
        self._update_count()
        if keep:
            self.select(keep)
        self._show_current()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        self.count_label.setText(self.count_text(self.proxy.rowCount(), total))
        self.empty.setVisible(total == 0)
        self.table.setVisible(total > 0)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_current()

    def _show_current(self) -> None:
        record = self.current()
        self.show_record(record)
        # A page may allow several rows (contacts, for export): edit and delete act on one.
        single = record is not None and len(self.table.selectionModel().selectedRows()) == 1
        self.edit_button.setEnabled(single)
        self.delete_button.setEnabled(single)
        self._update_empty()

    def _update_empty(self) -> None:
        """The empty states: on the list side with no record at all, on the detail side with none
        selected (the same guidance and button when the vault has none)."""
        texts = self.texts()
        self.empty.set_texts(texts.none_yet, texts.new_button)
        if self.model.rowCount() == 0:
            self.placeholder.set_texts("")  # the list side says it all
        else:
            self.placeholder.set_texts(texts.none_selected, texts.new_button)
        if hasattr(self, "detail_stack"):
            shown = self.placeholder if self.current() is None else self.detail_widget
            self.detail_stack.setCurrentWidget(shown)
