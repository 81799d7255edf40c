"""The case-note editor, with autosaved drafts kept inside the vault, and the revision history.

Every change restarts a one-second timer; when it fires the fields are written as a JSON draft
(``liaison.services.drafts``) on the store thread, so a crash or a flat battery loses at most a
second of typing. Save (Ctrl+S) creates the note or a new revision and removes the draft in the
same transaction. Opening a note (or a new note of a case) restores a leftover draft and says so;
closing the editor with unsaved text keeps the draft. Draft keys: ``note:<note id>`` for an
existing note, ``note:new:<case id>`` for a note not saved yet.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Handling, Note, NoteRevision
from liaison.services import drafts, notes
from liaison.store.vault import Vault
from ui.dialogs import error_message
from ui.i18n import _
from ui.models import ObjectRole, QueryGuard, RecordFilterProxy, format_timestamp
from ui.models.notes_model import RevisionsModel, note_title
from ui.session import Session
from ui.sync.local_only import LocalOnlyBox
from ui.widgets.handling_badge import HandlingBadge, HandlingCombo
from ui.widgets.language_combo import LanguageCombo

AUTOSAVE_MS = 1000
DRAFT_VERSION = 1
NEW_PREFIX = "note:new:"
NOTE_PREFIX = "note:"
NOTICE_STYLE = "#draftNotice { background: #fff4ce; border: 1px solid #e0c060; border-radius: 3px; }"
ERROR_STYLE = "color: #b00020;"


def draft_key(case_id: str, note_id: str | None) -> str:
    return f"{NOTE_PREFIX}{note_id}" if note_id else f"{NEW_PREFIX}{case_id}"


def parse_draft_key(key: str) -> tuple[str | None, str | None]:
    """(case id of a new-note draft, note id of an existing-note draft); (None, None) if not ours."""
    if key.startswith(NEW_PREFIX):
        return key[len(NEW_PREFIX) :], None
    if key.startswith(NOTE_PREFIX):
        return None, key[len(NOTE_PREFIX) :]
    return None, None


@dataclass(frozen=True)
class NoteFields:
    title: str = ""
    body: str = ""
    language: str = ""
    handling: Handling = Handling.AMBER

    @classmethod
    def of(cls, note: Note) -> NoteFields:
        return cls(note.title, note.body, note.language, note.handling)

    def to_draft(self, case_id: str, note_id: str | None, base_revision: int) -> str:
        meta = {
            "version": DRAFT_VERSION,
            "case_id": case_id,
            "note_id": note_id,
            "base_revision": base_revision,
        }
        return json.dumps({**meta, **asdict(self), "handling": self.handling.value}, ensure_ascii=False)

    @classmethod
    def from_draft(cls, text: str) -> tuple[NoteFields, dict[str, Any]]:
        data = json.loads(text)
        fields = cls(
            str(data.get("title", "")),
            str(data.get("body", "")),
            str(data.get("language", "")),
            Handling(data.get("handling", Handling.AMBER.value)),
        )
        return fields, data


class NoteEditor(QWidget):
    saved = Signal(str)  # note id, after Save
    closed = Signal()
    draft_changed = Signal(str, str, bool)  # draft key, case id, whether a draft now exists in the vault

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.case_id: str | None = None
        self.note: Note | None = None
        self._baseline = NoteFields()
        self._last_draft: str | None = None  # what the vault holds for this key (None: no draft)
        self._loading = False
        self._saving = False
        self.history_dialog: NoteHistoryDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_draft)
        self._build()
        self.retranslate_ui()
        self._set_open(False)

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        self.badge = HandlingBadge()
        self.title = QLineEdit()
        # By name, not a typed code; read-only once the note is saved (the service keeps a note's
        # language for good: its revisions and translations are in that language).
        self.language = LanguageCombo()
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.language.setMinimumContentsLength(10)
        self.handling = HandlingCombo()
        self.body = QPlainTextEdit()
        self.notice = QFrame()
        self.notice.setObjectName("draftNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice_label = QLabel()
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.discard_button = QPushButton()
        self.discard_button.clicked.connect(self.discard_draft)
        notice_row = QHBoxLayout(self.notice)
        notice_row.addWidget(self.notice_label, 1)
        notice_row.addWidget(self.discard_button)
        self.notice.setVisible(False)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.save_button, self.close_button, self.history_button = QPushButton(), QPushButton(), QPushButton()
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close_editor)
        self.history_button.clicked.connect(self.show_history)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self.title.textEdited.connect(self._changed)
        self.language.currentTextChanged.connect(self._changed)
        self.handling.currentIndexChanged.connect(self._changed)
        self.handling.currentIndexChanged.connect(self._update_badge)
        self.body.textChanged.connect(self._changed)
        self.title_caption, self.language_caption = QLabel(), QLabel()
        self.local_only = LocalOnlyBox(
            self.guard, self.session, "note", immediate=True, parent=self, compact=True
        )
        self._layout()

    def _layout(self) -> None:
        fields = QHBoxLayout()
        for widget, stretch in (
            (self.title_caption, 0),
            (self.title, 1),
            (self.language_caption, 0),
            (self.language, 0),
            (self.handling, 0),
        ):
            fields.addWidget(widget, stretch)
        buttons = QHBoxLayout()
        buttons.addWidget(self.local_only)
        buttons.addWidget(self.status, 1)
        for button in (self.history_button, self.close_button, self.save_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.heading, 1)
        heading.addWidget(self.badge)
        layout.addLayout(heading)
        layout.addWidget(self.notice)
        layout.addLayout(fields)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)

    def retranslate_ui(self) -> None:
        self.title_caption.setText(_("Title"))
        self.language_caption.setText(_("Language"))
        self.title.setPlaceholderText(_("Short title"))
        self.language.retranslate_ui()
        self.language.setToolTip(
            _("The language the note is written in (it cannot change once the note is saved)")
        )
        self.body.setPlaceholderText(
            _("Write the note. Every change is kept as an encrypted draft until you save.")
        )
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save the note as a new revision (Ctrl+S)"))
        self.close_button.setText(_("Close"))
        self.close_button.setToolTip(_("Close the editor; unsaved text stays as a draft"))
        self.history_button.setText(_("History"))
        self.discard_button.setText(_("Discard draft"))
        self.handling.retranslate_ui()
        self.local_only.retranslate_ui()
        self._update_heading()
        if self.history_dialog is not None:
            self.history_dialog.retranslate_ui()

    # -- state ----------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.case_id is not None

    @property
    def key(self) -> str:
        return draft_key(self.case_id or "", self.note.id if self.note else None)

    def fields(self) -> NoteFields:
        return NoteFields(
            self.title.text().strip(),
            self.body.toPlainText(),
            self.language.code(),
            self.handling.handling(),
        )

    @property
    def is_dirty(self) -> bool:
        """The text differs from the saved note (or, for a new note, is not empty)."""
        return self.is_open and self.fields() != self._baseline

    def _set_fields(self, fields: NoteFields) -> None:
        self._loading = True
        try:
            self.title.setText(fields.title)
            self.body.setPlainText(fields.body)
            self.language.set_code(fields.language)
            self.handling.set_handling(fields.handling)
        finally:
            self._loading = False

    def _set_open(self, is_open: bool) -> None:
        for widget in (
            self.title,
            self.language,
            self.handling,
            self.body,
            self.save_button,
            self.close_button,
            self.local_only,
        ):
            widget.setEnabled(is_open)
        self.history_button.setEnabled(is_open and self.note is not None)
        self._update_badge()

    def _update_heading(self) -> None:
        if not self.is_open:
            self.heading.setText(_("No note open"))
        elif self.note is None:
            self.heading.setText(_("New note"))
        else:
            self.heading.setText(
                _("Note, revision {revision}, written {when}").format(
                    revision=self.note.revision, when=format_timestamp(self.note.created_at)
                )
            )

    def _update_badge(self, *_args: object) -> None:
        self.badge.set_handling(self.handling.handling() if self.is_open else None)

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    # -- opening --------------------------------------------------------------------------------
    def open_new(self, case_id: str) -> None:
        self._start(case_id, None, NoteFields())

    def open_note(self, note: Note) -> None:
        self._start(note.case_id, note, NoteFields.of(note))

    def _start(self, case_id: str, note: Note | None, fields: NoteFields) -> None:
        if self.is_open:
            self.flush()
        self._timer.stop()
        self.case_id, self.note, self._baseline = case_id, note, fields
        self._last_draft = None
        self._saving = False
        self._set_fields(fields)
        self.local_only.show_record(note.id if note else None)
        self.notice.setVisible(False)
        self._set_status("")
        self._set_open(True)
        self.language.setReadOnly(note is not None)
        self._update_heading()
        # No typing until we know whether a draft is waiting: it must not be overwritten.
        self.title.setReadOnly(True)
        self.body.setReadOnly(True)
        key = self.key
        self.guard.query(lambda vault: drafts.load(vault, key), lambda found: self._draft_checked(key, found))

    def _draft_checked(self, key: str, found: tuple[str, str] | None) -> None:
        if key != self.key:
            return
        self.title.setReadOnly(False)
        self.body.setReadOnly(False)
        self.body.setFocus()
        if found is None:
            return
        text, saved_at = found
        try:
            fields, meta = NoteFields.from_draft(text)
        except (ValueError, TypeError):
            fields, meta = NoteFields(body=text), {}
        self._last_draft = text
        if fields == self._baseline:
            self._write_draft(None)  # nothing unsaved in it
            return
        self._set_fields(fields)
        message = _("Unsaved draft from {when} restored. Save to keep it, or discard it.").format(
            when=format_timestamp(saved_at)
        )
        base = meta.get("base_revision")
        if self.note is not None and isinstance(base, int) and base < self.note.revision:
            message += " " + _("The note was changed since (now revision {revision}).").format(
                revision=self.note.revision
            )
        self.notice_label.setText(message)
        self.notice.setVisible(True)

    # -- drafts ---------------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if not self._loading and self.is_open:
            self._timer.start()

    def save_draft(self) -> None:
        """Write the current text as the draft (or remove the draft if nothing is unsaved)."""
        self._timer.stop()
        if not self.is_open or self._saving:
            return
        if not self.is_dirty:
            if self._last_draft is not None:
                self._write_draft(None)
            return
        case_id, note = self.case_id or "", self.note
        payload = self.fields().to_draft(case_id, note.id if note else None, note.revision if note else 0)
        if payload != self._last_draft:
            self._write_draft(payload)

    def _write_draft(self, payload: str | None) -> None:
        key, case_id = self.key, self.case_id or ""
        self._last_draft = payload

        def work(vault: Vault) -> None:
            if payload is None:
                drafts.discard(vault, key)
            else:
                drafts.save(vault, key, payload)

        def done(_result: None) -> None:
            if payload is not None and key == self.key:
                self._set_status(
                    _("Draft kept at {time}").format(time=QTime.currentTime().toString("HH:mm:ss"))
                )
            self.draft_changed.emit(key, case_id, payload is not None)

        self.guard.query(work, done)

    def flush(self) -> None:
        """Write a pending draft now (before closing, switching notes or locking)."""
        if self.is_open and (self._timer.isActive() or self.is_dirty):
            self.save_draft()

    def discard_draft(self) -> None:
        self._timer.stop()
        self._set_fields(self._baseline)
        self.notice.setVisible(False)
        self._write_draft(None)
        self._set_status(_("Draft discarded."))

    # -- saving and closing ---------------------------------------------------------------------
    def save(self) -> None:
        if not self.is_open or self._saving:
            return
        self._timer.stop()
        fields, key, note, case_id = self.fields(), self.key, self.note, self.case_id or ""
        if note is not None and fields == self._baseline:
            self._set_status(_("No changes to save."))
            return

        def work(vault: Vault) -> Note:
            with vault.transaction():
                if note is None:
                    saved = notes.add(
                        vault, case_id, fields.body, fields.title, fields.language, fields.handling
                    )
                else:
                    saved = notes.edit(vault, note.id, title=fields.title, body=fields.body)
                    if fields.handling != saved.handling:
                        saved = notes.set_handling(vault, note.id, fields.handling)
                drafts.discard(vault, key)
            return saved

        payload = fields.to_draft(case_id, note.id if note else None, note.revision if note else 0)
        self._saving = True
        self.save_button.setEnabled(False)
        self.guard.command(
            "note",
            self.local_only.wrap(work),
            lambda saved: self._saved(key, saved),
            lambda exc: self._save_failed(key, case_id, payload, exc),
        )

    def _saved(self, old_key: str, note: Note) -> None:
        if old_key != self.key:  # the editor moved to another note meanwhile
            self.draft_changed.emit(old_key, note.case_id, False)
            self.saved.emit(note.id)
            return
        self._saving = False
        self.local_only.saved(note.id)
        self.note, self.case_id = note, note.case_id
        self._baseline = NoteFields.of(note)
        self._last_draft = None
        self.notice.setVisible(False)
        self.language.setReadOnly(True)
        self._set_open(True)
        self._update_heading()
        self._set_status(_("Saved as revision {revision}.").format(revision=note.revision))
        self.draft_changed.emit(old_key, note.case_id, False)
        if self.is_dirty:  # typed on while saving
            self._timer.start()
        self.saved.emit(note.id)

    def _save_failed(self, old_key: str, case_id: str, payload: str, exc: BaseException) -> None:
        if old_key != self.key:  # moved on meanwhile: keep the unsaved text as that note's draft
            self.guard.query(lambda vault: drafts.save(vault, old_key, payload), None)
            self.draft_changed.emit(old_key, case_id, True)
            return
        self._saving = False
        self.save_button.setEnabled(True)
        self._set_status(error_message(exc), error=True)
        if self.is_dirty:
            self._timer.start()

    def close_editor(self) -> None:
        """Close; unsaved text stays in the vault as a draft."""
        self.flush()
        self._reset()
        self.closed.emit()

    def clear(self) -> None:
        """On lock: forget the text at once (the vault is already closed: nothing is written)."""
        self.guard.invalidate()
        self._reset()
        if self.history_dialog is not None:
            self.history_dialog.close()
            self.history_dialog.deleteLater()
            self.history_dialog = None

    def _reset(self) -> None:
        self._timer.stop()
        self.case_id, self.note = None, None
        self._baseline, self._last_draft, self._saving = NoteFields(), None, False
        self._set_fields(NoteFields())
        self.local_only.show_record(None)
        self.notice.setVisible(False)
        self._set_status("")
        self._set_open(False)
        self._update_heading()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # leaving the page or closing the window: write what is pending
        super().hideEvent(event)

    def show_history(self) -> None:
        if self.note is None:
            return
        if self.history_dialog is not None:
            self.history_dialog.deleteLater()
        self.history_dialog = NoteHistoryDialog(self.session, self.note, self)
        self.history_dialog.show()


class NoteHistoryDialog(QDialog):
    """Every revision of a note, newest first, with the full text of the selected one."""

    def __init__(self, session: Session, note: Note, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = note
        self.guard = QueryGuard(session, self)
        self.model = RevisionsModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RevisionsModel.REVISION, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(720, 520)
        self.retranslate_ui()
        self.guard.query(lambda vault: notes.history(vault, note.id), self._loaded)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Note history: {title}").format(title=note_title(self.note)))
        self.close_button.setText(_("Close"))
        self.model.retranslate()

    def _loaded(self, revisions: list[NoteRevision]) -> None:
        self.model.set_records(revisions)
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        revision = rows[0].data(ObjectRole) if rows else None
        if isinstance(revision, NoteRevision):
            self.text.setPlainText(
                f"{revision.title}\n\n{revision.body}" if revision.title else revision.body
            )
        else:
            self.text.clear()
