"""MLA requests as a table: reference, requested State, rule set, status, urgency, next deadline.

Rows are built on the store thread (:func:`load_rows`) and handed to the model on the GUI thread.
Field and enum labels of requests come from the *document* catalogs (``liaison.documents.texts``
through :func:`doc_text`) in the interface language, so the editor, the validation panel and the PDF
use the same words.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from liaison.documents import catalogs, deadlines, texts
from liaison.domain import folding
from liaison.domain.mla import MlaRequest, RequestStatus
from liaison.services import mla
from liaison.store.vault import Vault
from ui.i18n import N_, _, current_language
from ui.models import country_name, local_marks

# The deadline labels the core computes (liaison/documents/deadlines.py), listed here so the
# extractor puts them in the interface catalogs; views show them through ``_(deadline.label)``.
# tests/ui/test_deadline_labels.py checks this list against what the core produces.
CORE_DEADLINE_LABELS = (
    N_("Requested completion date"),
    N_("Written confirmation of the urgent advance copy"),
    N_("Acknowledgement of receipt (Annex B)"),
    N_("Decision on recognition"),
    N_("Decision on recognition (extended)"),
    N_("Execution of the measure"),
    N_("Execution of the measure (estimated from the decision deadline)"),
    N_("Decision on provisional measures (24 hours where practicable)"),
    N_("Chase the acknowledgement"),
    N_("Ask for news on execution"),
)

Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOR = QColor("#b3261e")


_doc_gettext: dict[tuple[str, str], Callable[[str], str]] = {}


def _doc_catalog(lang: str) -> Callable[[str], str]:
    """The documents catalog's gettext for ``lang``, looked up once per language and locales folder
    (the request editor asks for a few hundred labels at a time; each lookup resolved the folder)."""
    key = (lang, os.environ.get(catalogs.LOCALES_DIR_ENV, ""))
    found = _doc_gettext.get(key)
    if found is None:
        try:
            found = catalogs.gettext_for(lang)
        except catalogs.CatalogNotFound:
            found = str
        _doc_gettext[key] = found
    return found


def doc_text(msgid: str) -> str:
    """A ``liaison.documents.texts`` message id in the interface language (English if no catalog)."""
    return _doc_catalog(current_language())(msgid)


def field_text(path: str) -> str:
    """The label of a request field path ("measures.0.purpose" → "Purpose and relevance … (1)"),
    as the form shows it inside its group's box."""
    try:
        label = doc_text(texts.field_label(path))
    except KeyError:
        label = path
    numbers = [int(p) + 1 for p in path.split(".") if p.isdigit()]
    return f"{label} ({', '.join(map(str, numbers))})" if numbers else label


def qualified_field_text(path: str) -> str:
    """The label with its group ("Contact officer › Name"), for lists that mix fields of several
    groups (validation, translation review): there the requesting authority's and the contact
    officer's "Name" must not read the same."""
    names = [p for p in path.split(".") if not p.isdigit()]
    if len(names) > 1:
        with contextlib.suppress(KeyError):
            return f"{doc_text(texts.field_label(names[0]))} › {field_text(path)}"
    return field_text(path)


def country_text(code: str) -> str:
    """ "MA – Morocco", the name in the interface language ("MA – المغرب" in Arabic)."""
    return f"{code} – {country_name(code)}" if code else ""


def status_text(status: RequestStatus) -> str:
    return doc_text(texts.REQUEST_STATUS_LABELS[RequestStatus(status)])


@dataclass(frozen=True)
class RequestRow:
    request: MlaRequest
    next_deadline: deadlines.Deadline | None
    overdue: bool


def row_for(request: MlaRequest, today: dt.date) -> RequestRow:
    open_clocks = [d for d in deadlines.deadlines(request, today) if not d.done]
    nearest = min(open_clocks, key=lambda d: d.due, default=None)
    return RequestRow(request, nearest, any(d.overdue for d in open_clocks))


def load_rows(vault: Vault, today: dt.date | None = None) -> list[RequestRow]:
    """Store thread: every request with its nearest open deadline."""
    today = today or dt.date.today()
    return [row_for(r, today) for r in mla.requests.list(vault)]


class RequestsModel(QAbstractTableModel):
    REFERENCE, REQUESTED_STATE, RULE_SET, STATUS, URGENT, NEXT_DEADLINE = range(6)
    COLUMN_COUNT = 6
    SortRole = Qt.ItemDataRole.UserRole + 1
    ObjectRole = Qt.ItemDataRole.UserRole + 2
    OverdueRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RequestRow] = []
        local_marks.marks().changed.connect(self._marks_changed)

    def _marks_changed(self) -> None:
        if shiboken6.isValid(self) and self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def set_rows(self, rows: list[RequestRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_of(self, request_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.request.id == request_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            _("Reference"),
            _("Requested State"),
            _("Rule set"),
            _("Status"),
            _("Urgent"),
            _("Next deadline"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        values: dict[int, Callable[[], Any]] = {
            self.ObjectRole: lambda: row.request,
            self.OverdueRole: lambda: row.overdue,
            Qt.ItemDataRole.DisplayRole: lambda: self._display(row, column),
            self.SortRole: lambda: self._sort_key(row, column),
        }
        if column == self.REFERENCE and local_marks.is_local_only(row.request.id):
            values[Qt.ItemDataRole.DecorationRole] = local_marks.marker_icon
            values[Qt.ItemDataRole.ToolTipRole] = local_marks.marker_tip
        if column == self.NEXT_DEADLINE:
            values[Qt.ItemDataRole.ForegroundRole] = lambda: QBrush(OVERDUE_COLOR) if row.overdue else None
            values[Qt.ItemDataRole.ToolTipRole] = lambda: self._deadline_tip(row)
        getter = values.get(role)
        return getter() if getter else None

    @staticmethod
    def _deadline_tip(row: RequestRow) -> str | None:
        d = row.next_deadline
        return f"{_(d.label)} — {d.basis}" if d else None

    def _display(self, row: RequestRow, column: int) -> str:
        r = row.request
        texts_by_column = {
            self.REFERENCE: lambda: r.our_reference or _("(no reference yet)"),
            self.REQUESTED_STATE: lambda: country_text(r.requested_state),
            self.RULE_SET: lambda: r.rule_set,
            self.STATUS: lambda: status_text(r.status),
            self.URGENT: lambda: _("Urgent") if r.urgent else "",
            self.NEXT_DEADLINE: lambda: self._deadline_text(row),
        }
        return texts_by_column[column]()

    @staticmethod
    def _deadline_text(row: RequestRow) -> str:
        deadline = row.next_deadline
        if deadline is None:
            return ""
        text = f"{deadline.due.isoformat()} · {_(deadline.label)}"
        return f"{text} ({_('overdue')})" if row.overdue else text

    def _sort_key(self, row: RequestRow, column: int) -> Any:
        if column == self.URGENT:
            return int(row.request.urgent)
        if column == self.NEXT_DEADLINE:
            return row.next_deadline.due.isoformat() if row.next_deadline else "9999"
        return self._display(row, column).casefold()


class RequestsFilter(QSortFilterProxyModel):
    """Text filter over every column plus an "overdue only" switch."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._overdue_only = False
        self.setSortRole(RequestsModel.SortRole)
        self._words: tuple[folding.QueryWord, ...] = ()

    def set_text(self, text: str) -> None:
        """Every word must appear in some column, folded like the global search (``folding``)."""
        self.beginFilterChange()
        self._words = folding.query_terms(text)
        self.endFilterChange()

    @property
    def overdue_only(self) -> bool:
        return self._overdue_only

    def set_overdue_only(self, value: bool) -> None:
        self.beginFilterChange()
        self._overdue_only = value
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if self._overdue_only:
            index = model.index(source_row, 0, source_parent)
            if not model.data(index, RequestsModel.OverdueRole):
                return False
        if not self._words:
            return True
        cells = (
            str(model.data(model.index(source_row, column, source_parent)) or "")
            for column in range(model.columnCount())
        )
        haystack = folding.haystack(" ".join(cells))
        return all(word.found_in(haystack) for word in self._words)
