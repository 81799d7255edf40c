"""Cases as a table (newest opened first by default)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont

from liaison.domain import Case
from ui.i18n import N_, _
from ui.models import RecordFilterProxy, RecordTableModel, format_date, label


class CasesModel(RecordTableModel[Case]):
    REFERENCE, TITLE, STATUS, OPENED, HANDLING = range(5)
    COLUMNS = (N_("Reference"), N_("Title"), N_("Status"), N_("Opened"), N_("Handling"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._with_drafts: frozenset[str] = frozenset()

    def set_draft_cases(self, case_ids: frozenset[str]) -> None:
        """Cases holding an unsaved note draft are shown in bold with a tooltip."""
        self._with_drafts = case_ids
        self.refresh_column(0, len(self.COLUMNS) - 1)

    def has_draft(self, case_id: str) -> bool:
        return case_id in self._with_drafts

    def clear(self) -> None:
        self._with_drafts = frozenset()
        super().clear()

    def cell(self, record: Case, column: int) -> str:
        values: dict[int, Callable[[Case], str]] = {
            self.REFERENCE: lambda c: c.reference,
            self.TITLE: lambda c: c.title,
            self.STATUS: lambda c: label(c.status),
            self.OPENED: lambda c: format_date(c.opened_on),
            self.HANDLING: lambda c: c.handling.value,
        }
        return values[column](record)

    def sort_value(self, record: Case, column: int) -> Any:
        if column == self.OPENED:
            return format_date(record.opened_on)
        return super().sort_value(record, column)

    def tooltip(self, record: Case, column: int) -> str | None:
        if record.id in self._with_drafts:
            return _("An unsaved note draft is waiting in this case")
        if column == self.TITLE and record.summary:
            return record.summary
        return super().tooltip(record, column)

    def extra(self, record: Case, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and record.id in self._with_drafts:
            font = QFont()
            font.setBold(True)
            return font
        return None


class CaseFilterProxy(RecordFilterProxy):
    def haystack(self, record: Case) -> str:
        extra = (record.summary, " ".join(record.countries), " ".join(record.offences))
        return " ".join((super().haystack(record), *extra))
