"""A case's note timeline (newest first) and a note's revision history, as tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont

from liaison.domain import Note, NoteRevision
from ui.i18n import N_, _
from ui.models import RecordFilterProxy, RecordTableModel, format_timestamp

EXCERPT_LINES = 2
EXCERPT_CHARS = 160


def excerpt(body: str, lines: int = EXCERPT_LINES, chars: int = EXCERPT_CHARS) -> str:
    """The first non-empty lines of a text on one line, cut at ``chars``."""
    kept = [line.strip() for line in body.splitlines() if line.strip()][:lines]
    text = " ⏎ ".join(kept)
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def note_title(note: Note, chars: int = 60) -> str:
    """The note's title; without one, its first line (notes typed in a hurry have no title, and
    a column of "(untitled)" told the officer nothing)."""
    if note.title.strip():
        return note.title
    first = excerpt(note.body, lines=1, chars=chars)
    return first or _("(empty note)")


class NotesModel(RecordTableModel[Note]):
    WHEN, TITLE, HANDLING, TEXT = range(4)
    COLUMNS = (N_("Written"), N_("Title"), N_("Handling"), N_("Text"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._with_drafts: frozenset[str] = frozenset()

    def set_draft_notes(self, note_ids: frozenset[str]) -> None:
        self._with_drafts = note_ids
        self.refresh_column(0, len(self.COLUMNS) - 1)

    def clear(self) -> None:
        self._with_drafts = frozenset()
        super().clear()

    def cell(self, record: Note, column: int) -> str:
        values: dict[int, Callable[[Note], str]] = {
            self.WHEN: lambda n: format_timestamp(n.created_at),
            self.TITLE: note_title,
            self.HANDLING: lambda n: n.handling.value,
            self.TEXT: lambda n: excerpt(n.body),
        }
        return values[column](record)

    def sort_value(self, record: Note, column: int) -> Any:
        if column == self.WHEN:
            return record.created_at
        return super().sort_value(record, column)

    def tooltip(self, record: Note, column: int) -> str | None:
        if record.id in self._with_drafts:
            return _("This note has unsaved changes kept as a draft")
        if column == self.WHEN and record.revision > 1:
            return _("Revision {revision}, last edited {when}").format(
                revision=record.revision, when=format_timestamp(record.updated_at)
            )
        if column == self.TEXT:
            return excerpt(record.body, lines=12, chars=800) or None
        return super().tooltip(record, column)

    def extra(self, record: Note, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and record.id in self._with_drafts:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class NotesProxy(RecordFilterProxy):
    """The timeline: newest first until the user sorts otherwise."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sort(NotesModel.WHEN, Qt.SortOrder.DescendingOrder)

    def haystack(self, record: Note) -> str:
        return f"{record.title} {record.body}"


class RevisionsModel(RecordTableModel[NoteRevision]):
    REVISION, EDITED, TITLE, TEXT = range(4)
    COLUMNS = (N_("Revision"), N_("Edited"), N_("Title"), N_("Text"))

    def cell(self, record: NoteRevision, column: int) -> str:
        values: dict[int, Callable[[NoteRevision], str]] = {
            self.REVISION: lambda r: str(r.revision),
            self.EDITED: lambda r: format_timestamp(r.edited_at),
            self.TITLE: lambda r: r.title,
            self.TEXT: lambda r: excerpt(r.body),
        }
        return values[column](record)

    def sort_value(self, record: NoteRevision, column: int) -> Any:
        if column == self.REVISION:
            return record.revision
        return super().sort_value(record, column)
