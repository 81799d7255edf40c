"""Note drafts on the cases page: which case each waiting draft belongs to (read on the store
thread), the marks and banner that show them, and reopening the editor on them.

``CaseDrafts`` is a plain mixin of ``CasesView`` (listed before ``QWidget``); the view provides
``model``, ``notes_model``, ``notes_proxy``, ``timeline``, ``editor``, ``banner`` and ``_drafts``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QTableView,
)

from liaison.domain import Case, Note
from liaison.errors import RecordNotFound
from liaison.services import catalog, drafts, notes
from liaison.store.vault import Vault
from ui.i18n import ngettext
from ui.models.cases_model import CasesModel
from ui.models.notes_model import NotesModel, NotesProxy
from ui.views.note_editor import NoteEditor, parse_draft_key

Loaded = tuple[list[Case], dict[str, str]]


def draft_case(vault: Vault, key: str) -> str | None:
    """Store thread: the case a note draft belongs to (None if not a note draft or orphaned)."""
    case_id, note_id = parse_draft_key(key)
    if case_id is not None:
        return case_id if catalog.cases.exists(vault, case_id) else None
    if note_id is None:
        return None
    try:
        return notes.get(vault, note_id).case_id
    except RecordNotFound:
        return None


def load_cases(vault: Vault) -> Loaded:
    """Store thread: every case, and the note drafts waiting (draft key -> case id)."""
    waiting = {key: case for key in drafts.keys(vault) if (case := draft_case(vault, key)) is not None}
    return catalog.cases.list(vault), waiting


class CaseDrafts:
    """Keeps ``_drafts`` (draft key -> case id) and everything that shows it up to date."""

    model: CasesModel
    notes_model: NotesModel
    notes_proxy: NotesProxy
    timeline: QTableView
    editor: NoteEditor
    banner: QLabel
    _drafts: dict[str, str]

    def flush_drafts(self) -> None:
        """Write the editor's pending draft now (call before locking the vault)."""
        self.editor.flush()

    def _resume_draft(self, case_id: str, loaded: list[Note]) -> None:
        """Reopen the editor on an unsaved draft of this case, new note first."""
        keys = [key for key, case in self._drafts.items() if case == case_id]
        by_id = {n.id: n for n in loaded}
        for key in sorted(keys, key=lambda k: parse_draft_key(k)[0] is None):
            new_case, note_id = parse_draft_key(key)
            if new_case is not None:
                self.editor.open_new(case_id)
                break
            if note_id in by_id:
                self.timeline.selectRow(self.notes_proxy.proxy_row_of(note_id))
                break
        self._update_drafts()

    def _draft_changed(self, key: str, case_id: str, exists: bool) -> None:
        if exists and case_id:
            self._drafts[key] = case_id
        else:
            self._drafts.pop(key, None)
        self._update_drafts()

    def _update_drafts(self) -> None:
        case_ids = frozenset(self._drafts.values())
        self.model.set_draft_cases(case_ids)
        note_ids = frozenset(n for key in self._drafts if (n := parse_draft_key(key)[1]) is not None)
        self.notes_model.set_draft_notes(note_ids)
        elsewhere = sorted(
            {
                self.model.record(row).reference
                for row in range(self.model.rowCount())
                if self.model.record(row).id in case_ids and self.model.record(row).id != self.editor.case_id
            }
        )
        self.banner.setVisible(bool(elsewhere))
        if elsewhere:
            self.banner.setText(
                ngettext(
                    "An unsaved note draft is waiting in case {cases}. Select the case to resume writing.",
                    "Unsaved note drafts are waiting in cases {cases}. Select a case to resume writing.",
                    len(elsewhere),
                ).format(cases=", ".join(elsewhere))
            )
