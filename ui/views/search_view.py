"""Results of the global search, grouped by kind of record (Contacts, Cases, Notes...).

The view holds hits only (title and snippet, already decrypted): ``clear()`` drops them on lock.
Enter or a double click on a hit emits ``open_requested(kind, record_id)``; the main window opens
the record's page.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from liaison.services.search import SearchHit
from ui.i18n import N_, _, ngettext
from ui.widgets.marked_text import MARKED_ROLE, MarkedTextDelegate

# Display order and group titles of the searchable kinds.
KIND_TITLES: dict[str, str] = {
    "contact": N_("Contacts"),
    "agency": N_("Agencies"),
    "agreement": N_("Agreements"),
    "case": N_("Cases"),
    "note": N_("Notes"),
    "mla_request": N_("Requests"),
}
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class _ResultTree(QTreeView):
    activated_hit = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_hit.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchView(QWidget):
    open_requested = Signal(str, str)  # kind, record_id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.tree = _ResultTree(self)
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setItemDelegateForColumn(1, MarkedTextDelegate(self.tree))  # matched words in bold
        self.tree.activated_hit.connect(self._open_index)
        self.tree.doubleClicked.connect(self._open_index)
        self.summary.setBuddy(self.tree)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)
        self._query = ""
        self._hits: list[SearchHit] = []
        self._searching = False
        self.retranslate_ui()

    # -- the page interface -------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.model.setHorizontalHeaderLabels([_("Record"), _("Where the words appear")])
        self.tree.setAccessibleName(_("Search results"))
        self._update_summary()
        root = self.model.invisibleRootItem()
        for row in range(root.rowCount()):
            group = root.child(row)
            kind = group.data(KIND_ROLE)
            group.setText(self._group_title(kind, group.rowCount()))

    def clear(self) -> None:
        self._query = ""
        self._hits = []
        self._searching = False
        self.model.removeRows(0, self.model.rowCount())
        self._update_summary()

    # -- results ------------------------------------------------------------------------------
    def set_searching(self, query: str) -> None:
        self._query = query
        self._searching = True
        self._update_summary()

    def set_results(self, query: str, hits: Sequence[SearchHit]) -> None:
        self._query = query
        self._hits = list(hits)
        self._searching = False
        self.model.removeRows(0, self.model.rowCount())
        by_kind: dict[str, list[SearchHit]] = {}
        for hit in hits:
            by_kind.setdefault(hit.kind, []).append(hit)
        order = [k for k in KIND_TITLES if k in by_kind] + sorted(set(by_kind) - set(KIND_TITLES))
        for kind in order:
            self._add_group(kind, by_kind[kind])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        first = self.first_hit_index()
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self._update_summary()

    def _add_group(self, kind: str, hits: list[SearchHit]) -> None:
        group = QStandardItem(self._group_title(kind, len(hits)))
        group.setData(kind, KIND_ROLE)
        group.setSelectable(False)
        font = group.font()
        font.setBold(True)
        group.setFont(font)
        for hit in hits:
            title = QStandardItem(hit.title)
            title.setData(hit.kind, KIND_ROLE)
            title.setData(hit.record_id, ID_ROLE)
            title.setToolTip(hit.title)
            line = "".join(text for text, _matched in hit.parts) or hit.snippet
            snippet = QStandardItem(line)
            snippet.setData(hit.parts, MARKED_ROLE)
            snippet.setToolTip(line)
            group.appendRow([title, snippet])
        self.model.appendRow([group, QStandardItem()])

    @staticmethod
    def _group_title(kind: str, count: int) -> str:
        title = _(KIND_TITLES[kind]) if kind in KIND_TITLES else kind
        return f"{title} ({count})"

    def _update_summary(self) -> None:
        if not self._query:
            text = _("Type in the search box to search the whole vault.")
        elif self._searching:
            text = _("Searching for “{query}”…").format(query=self._query)
        elif not self._hits:
            text = _("Nothing found for “{query}”.").format(query=self._query)
        else:
            text = ngettext(
                "{count} result for “{query}”. Press Enter to open it.",
                "{count} results for “{query}”. Press Enter to open the selected one.",
                len(self._hits),
            ).format(count=len(self._hits), query=self._query)
        self.summary.setText(text)

    # -- opening ------------------------------------------------------------------------------
    def hit_count(self) -> int:
        return len(self._hits)

    def first_hit_index(self) -> QModelIndex:
        group = self.model.index(0, 0)
        return self.model.index(0, 0, group) if group.isValid() else QModelIndex()

    def focus_results(self) -> None:
        if not self.tree.currentIndex().isValid():
            self.tree.setCurrentIndex(self.first_hit_index())
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_current(self) -> bool:
        index = self.tree.currentIndex()
        if not index.isValid():
            index = self.first_hit_index()
        return self._open_index(index)

    def _open_index(self, index: QModelIndex) -> bool:
        first = index.siblingAtColumn(0)
        record_id = first.data(ID_ROLE)
        if not record_id:
            return False
        self.open_requested.emit(str(first.data(KIND_ROLE)), str(record_id))
        return True
