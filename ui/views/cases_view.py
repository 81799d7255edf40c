"""The cases page: case list, the selected case's note timeline (newest first) and the note editor.

Unsaved note drafts left in the vault (after a crash, or an editor closed without saving) are
listed in a banner and marked in the tables; selecting their case reopens the editor on them.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Case, Note
from liaison.errors import RecordNotFound
from liaison.services import catalog, drafts, notes
from liaison.store.vault import Vault
from ui.i18n import _, ngettext
from ui.models import QueryGuard, format_date, label
from ui.models.cases_model import CaseFilterProxy, CasesModel
from ui.models.notes_model import NotesModel, NotesProxy, note_title
from ui.session import Session
from ui.views.case_dialogs import CaseEditor
from ui.views.case_drafts import CaseDrafts, Loaded, draft_case, load_cases
from ui.views.note_editor import NoteEditor, draft_key
from ui.views.record_page import ask, record_table, selected_record
from ui.widgets.empty_state import EmptyState
from ui.widgets.handling_badge import HandlingBadge, HandlingDelegate
from ui.widgets.splitter_memory import remember_splitter

__all__ = [
    "CASE_KINDS",
    "NOTE_KINDS",
    "NOTICE_STYLE",
    "CaseEditor",
    "CasesView",
    "Loaded",
    "draft_case",
    "load_cases",
]

CASE_KINDS = frozenset({"case", "*"})
NOTE_KINDS = frozenset({"note", "*"})
NOTICE_STYLE = "QLabel { background: #fff4ce; border: 1px solid #e0c060; border-radius: 3px; padding: 4px; }"


class CasesView(CaseDrafts, QWidget):
    """The cases page (see the page interface in ``ui/views``)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.model = CasesModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.notes_model = NotesModel(self)
        self.notes_proxy = NotesProxy(self)
        self.notes_proxy.setSourceModel(self.notes_model)
        self.case_editor: CaseEditor | None = None
        self._drafts: dict[str, str] = {}  # draft key -> case id
        self._pending_case: str | None = None
        self._pending_note: str | None = None
        self._build()
        session.unlocked.connect(self.reload)
        session.records_changed.connect(self._records_changed)
        session.about_to_lock.connect(self.flush_drafts)
        session.locked.connect(self.clear)
        from ui.views import case_attachments  # noqa: PLC0415  (documents kept with the case)

        self.attachments = case_attachments.install(self, session)
        self.retranslate_ui()
        if session.is_unlocked:
            self.reload()

    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(NOTICE_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_changed)
        self.count_label = QLabel()
        buttons = [QPushButton() for _i in range(5)]
        self.new_case_button, self.edit_case_button, self.delete_case_button = buttons[:3]
        self.new_note_button, self.delete_note_button = buttons[3:]
        for button, slot in zip(
            buttons,
            (
                self.new_case,
                self.edit_case,
                self.delete_case,
                self.new_note,
                self.delete_note,
            ),
            strict=True,
        ):
            button.clicked.connect(slot)
        self.table = record_table(self.proxy)
        self.table.sortByColumn(CasesModel.OPENED, Qt.SortOrder.DescendingOrder)
        self.table.setItemDelegateForColumn(CasesModel.HANDLING, HandlingDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        for column, width in ((0, 145), (2, 62), (3, 88), (4, 124)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(CasesModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_case())
        self.case_title = QLabel()
        self.case_title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.case_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.case_title.setFont(font)
        self.case_title.setWordWrap(True)
        self.case_badge = HandlingBadge()
        self.case_meta, self.case_summary = QLabel(), QLabel()
        for label_ in (self.case_meta, self.case_summary):
            label_.setTextFormat(Qt.TextFormat.PlainText)
        self.case_summary.setWordWrap(True)
        self.case_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timeline = record_table(self.notes_proxy)
        self.timeline.sortByColumn(NotesModel.WHEN, Qt.SortOrder.DescendingOrder)
        self.timeline.setItemDelegateForColumn(NotesModel.HANDLING, HandlingDelegate(self.timeline))
        # The text of the notes takes the room left (it was pushed off the pane to the right).
        notes_header = self.timeline.horizontalHeader()
        notes_header.setStretchLastSection(False)
        for column, width in ((NotesModel.WHEN, 112), (NotesModel.TITLE, 130), (NotesModel.HANDLING, 96)):
            self.timeline.setColumnWidth(column, width)
        notes_header.setSectionResizeMode(NotesModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.timeline.setMinimumHeight(140)
        self.editor = NoteEditor(self.session)
        self.editor.saved.connect(self._note_saved)
        self.editor.draft_changed.connect(self._draft_changed)
        self.editor.closed.connect(self.timeline.clearSelection)
        self.table.selectionModel().selectionChanged.connect(self._case_selected)
        self.timeline.selectionModel().selectionChanged.connect(self._note_selected)
        self._layout()

    def _left_column(self) -> QWidget:
        """Filter and New case, the case list (or its empty state), the count, Edit and Delete."""
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_case_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        self.case_empty = EmptyState()  # no case at all: what cases are for, and the button
        self.case_empty.action.connect(self.new_case)
        left_layout.addWidget(self.case_empty, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.edit_case_button)
        bottom.addWidget(self.delete_case_button)
        left_layout.addLayout(bottom)
        return left

    def _layout(self) -> None:
        left = self._left_column()
        header = QHBoxLayout()
        header.addWidget(self.case_title, 1)
        header.addWidget(self.case_badge, 0, Qt.AlignmentFlag.AlignTop)
        note_actions = QHBoxLayout()
        note_actions.addWidget(self.new_note_button)
        note_actions.addWidget(self.delete_note_button)
        note_actions.addStretch(1)
        timeline = QWidget()
        timeline_layout = QVBoxLayout(timeline)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addLayout(note_actions)
        timeline_layout.addWidget(self.timeline, 1)
        notes_split = QSplitter(Qt.Orientation.Vertical)
        notes_split.addWidget(timeline)
        notes_split.addWidget(self.editor)
        notes_split.setStretchFactor(0, 1)
        notes_split.setStretchFactor(1, 1)
        remember_splitter(notes_split, "cases/notes", (300, 300))
        notes_split.setChildrenCollapsible(False)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(header)
        right_layout.addWidget(self.case_meta)
        right_layout.addWidget(self.case_summary)
        right_layout.addWidget(notes_split, 1)
        self.case_placeholder = EmptyState()  # none selected
        self.case_placeholder.action.connect(self.new_case)
        self.right_stack = QStackedWidget()
        self.right_stack.addWidget(self.case_placeholder)
        self.right_stack.addWidget(right)
        self._case_side = right
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.right_stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        remember_splitter(splitter, "cases/splitter", (500, 560))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    # -- page interface -------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Filter cases: reference, title, country…"))
        texts = (
            (self.new_case_button, _("New case")),
            (self.edit_case_button, _("Edit case")),
            (self.delete_case_button, _("Delete case")),
            (self.new_note_button, _("New note")),
            (self.delete_note_button, _("Delete note")),
        )
        for button, text in texts:
            button.setText(text)
        self.model.retranslate()
        self.notes_model.retranslate()
        self.editor.retranslate_ui()
        if self.case_editor is not None:
            self.case_editor.retranslate_ui()
        self._show_case()
        self._update_drafts()
        self._update_count()

    def new_item(self) -> None:
        """Ctrl+N: a new note in the selected case, or a new case when none is selected."""
        if self.current_case() is not None:
            self.new_note()
        else:
            self.new_case()

    def open_record(self, record_id: str) -> None:
        """A case id selects the case; a note id selects its case and opens the note."""
        if self.model.row_of(record_id) >= 0:
            self._select_case(record_id)
            return

        def find(vault: Vault) -> tuple[str, str | None] | None:
            if catalog.cases.exists(vault, record_id):
                return record_id, None
            try:
                return notes.get(vault, record_id).case_id, record_id
            except RecordNotFound:
                return None

        self.guard.query(find, self._found)

    def clear(self) -> None:
        self.guard.invalidate()
        self.editor.clear()
        if self.case_editor is not None:
            self.case_editor.reject()
            self.case_editor.deleteLater()
            self.case_editor = None
        self._drafts = {}
        self._pending_case = self._pending_note = None
        self.notes_model.clear()
        self.model.clear()
        self._show_case()
        self._update_drafts()
        self.search.clear()
        self._update_count()

    def reload(self) -> None:
        self.guard.query(load_cases, self._loaded)

    # -- loading --------------------------------------------------------------------------------
    def _records_changed(self, kind: str) -> None:
        if kind in CASE_KINDS:
            self.reload()
        elif kind in NOTE_KINDS:
            self._load_notes()

    def _loaded(self, result: Loaded) -> None:
        cases, self._drafts = result
        current = self.current_case()
        keep = self._pending_case or (current.id if current else None)
        self._pending_case = None
        self.model.set_records(cases)
        self._update_drafts()
        self._update_count()
        if keep and self.proxy.proxy_row_of(keep) >= 0:
            self._select_case(keep)
        else:
            self._case_selected()

    def _found(self, found: tuple[str, str | None] | None) -> None:
        if found is None:
            return
        case_id, note_id = found
        self._pending_note = note_id
        if self.model.row_of(case_id) < 0:
            self._pending_case = case_id
            self.reload()
        elif self._is_current(case_id):
            self._load_notes()
        else:
            self._select_case(case_id)

    def _load_notes(self) -> None:
        case = self.current_case()
        if case is None:
            self.notes_model.clear()
            return
        case_id = case.id
        self.guard.query(
            lambda vault: notes.list_for_case(vault, case_id), lambda n: self._notes_loaded(case_id, n)
        )

    def _notes_loaded(self, case_id: str, loaded: list[Note]) -> None:
        case = self.current_case()
        if case is None or case.id != case_id:
            return
        self.notes_model.set_records(loaded)
        self._update_drafts()
        target = self._pending_note or (self.editor.note.id if self.editor.note else None)
        self._pending_note = None
        if target and self.notes_proxy.proxy_row_of(target) >= 0:
            self.timeline.selectRow(self.notes_proxy.proxy_row_of(target))
        elif not self.editor.is_open:
            self._resume_draft(case_id, loaded)

    # -- selection ------------------------------------------------------------------------------
    def current_case(self) -> Case | None:
        return selected_record(self.table, Case)

    def _is_current(self, case_id: str) -> bool:
        case = self.current_case()
        return case is not None and case.id == case_id

    def current_note(self) -> Note | None:
        return selected_record(self.timeline, Note)

    def _select_case(self, case_id: str) -> None:
        if self.proxy.proxy_row_of(case_id) < 0:
            self.search.clear()
        row = self.proxy.proxy_row_of(case_id)
        if row < 0:
            return
        if self._is_current(case_id):
            self._load_notes()
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))

    def _case_selected(self, *_args: object) -> None:
        case = self.current_case()
        if self.editor.is_open and (case is None or self.editor.case_id != case.id):
            self.editor.close_editor()
        self.notes_model.clear()
        self._show_case()
        self._update_drafts()
        self._load_notes()

    def _note_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        note = self.current_note()
        self.delete_note_button.setEnabled(note is not None)
        if note is None:
            return
        if self.editor.note is not None and self.editor.note.id == note.id:
            return
        self.editor.open_note(note)

    def _show_case(self) -> None:
        case = self.current_case()
        self.case_badge.set_handling(case.handling if case else None)
        self.case_title.setText(f"{case.reference} – {case.title}" if case else _("No case selected"))
        if case is None:
            self.case_meta.clear()
            self.case_summary.clear()
        else:
            parts = [label(case.status), _("opened {date}").format(date=format_date(case.opened_on) or "?")]
            if case.closed_on:
                parts.append(_("closed {date}").format(date=format_date(case.closed_on)))
            if case.countries:
                parts.append(", ".join(case.countries))
            self.case_meta.setText(" · ".join(parts))
            self.case_summary.setText(case.summary)
        for button in (self.edit_case_button, self.delete_case_button, self.new_note_button):
            button.setEnabled(case is not None)
        self.delete_note_button.setEnabled(self.current_note() is not None)
        self._update_empty()

    def _update_empty(self) -> None:
        """Guidance instead of an empty table (no case yet) or an empty case pane (none chosen)."""
        none_yet = self.model.rowCount() == 0
        self.table.setVisible(not none_yet)
        self.case_empty.setVisible(none_yet)
        self.case_empty.set_texts(
            _(
                "No case yet. A case gathers the notes of one investigation or request for "
                "assistance, with the countries and offences involved: open the first one with "
                "“New case” (Ctrl+N)."
            ),
            _("New case"),
        )
        if none_yet:
            self.case_placeholder.set_texts("")
        else:
            self.case_placeholder.set_texts(
                _("Choose a case in the list to read its notes and write new ones."), _("New case")
            )
        chosen = self.current_case() is not None or self.editor.is_open
        self.right_stack.setCurrentWidget(self._case_side if chosen else self.case_placeholder)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        self.count_label.setText(
            ngettext("{shown} of {total} case", "{shown} of {total} cases", total).format(
                shown=self.proxy.rowCount(), total=total
            )
        )
        self._update_empty()

    # -- actions --------------------------------------------------------------------------------
    def new_note(self) -> None:
        case = self.current_case()
        if case is not None and self.session.is_unlocked:
            self.timeline.clearSelection()
            self.editor.open_new(case.id)
            self._update_drafts()

    def _note_saved(self, note_id: str) -> None:
        if self.editor.note is not None and self.editor.note.id == note_id:  # not if the user moved on
            self._pending_note = note_id

    def _open_case_editor(self, case: Case | None) -> None:
        if not self.session.is_unlocked:
            return
        if self.case_editor is not None:
            self.case_editor.deleteLater()
        self.case_editor = CaseEditor(self.session, case, self)
        self.case_editor.saved.connect(self._case_saved)
        self.case_editor.open()

    def _case_saved(self, case_id: str) -> None:
        self._pending_case = case_id
        self._select_case(case_id)

    def new_case(self) -> None:
        self._open_case_editor(None)

    def edit_case(self) -> None:
        case = self.current_case()
        if case is not None:
            self._open_case_editor(case)

    def confirm(self, title: str, text: str) -> bool:
        return ask(self, title, text)

    def delete_case(self) -> None:
        case = self.current_case()
        question = _("Delete the case {reference}, all its notes and their history? This cannot be undone.")
        if case is not None and self.confirm(_("Delete case"), question.format(reference=case.reference)):
            self.editor.clear()
            self.guard.command("case", lambda vault: self._delete_case(vault, case.id))

    @staticmethod
    def _delete_case(vault: Vault, case_id: str) -> None:
        """Store thread: the case, its notes (by the service) and their drafts, in one transaction."""
        with vault.transaction():
            keys = [draft_key(case_id, n.id) for n in notes.list_for_case(vault, case_id)]
            catalog.cases.delete(vault, case_id)
            for key in [*keys, draft_key(case_id, None)]:
                drafts.discard(vault, key)

    def delete_note(self) -> None:
        note = self.current_note()
        question = _("Delete the note {title} and its history? This cannot be undone.")
        if note is None or not self.confirm(_("Delete note"), question.format(title=note_title(note))):
            return
        if self.editor.note is not None and self.editor.note.id == note.id:
            self.editor.clear()
        key = draft_key(note.case_id, note.id)

        def work(vault: Vault) -> None:
            with vault.transaction():
                notes.delete(vault, note.id)
                drafts.discard(vault, key)

        self.guard.command("note", work, lambda _r: self._draft_changed(key, note.case_id, False))
