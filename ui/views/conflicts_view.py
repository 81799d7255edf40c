"""Conflicts page: edits made on two devices at once, one of which lost. Each shows the record,
the field, both values side by side with who wrote each and when; "Keep this one" settles it on
every device at the next sync. An edit to a record another device deleted can restore it.

Listed from the store thread; resolving writes there too and then syncs soon (the controller's
debounce follows ``records_changed``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs import error_message
from ui.i18n import N_, _
from ui.session import Session
from ui.sync import conflict_rows, text_diff, when
from ui.sync.conflict_rows import ConflictRow
from ui.sync.controller import controller_for
from ui.sync.field_labels import field_label
from ui.sync.value_text import value_text
from ui.widgets.splitter_memory import remember_splitter

KIND_TITLES = {
    "agency": N_("Agency"),
    "contact": N_("Contact"),
    "agreement": N_("Agreement"),
    "party": N_("Party"),
    "case": N_("Case"),
    "note": N_("Note"),
    "link": N_("Link"),
    "tm_entry": N_("Translation memory entry"),
    "glossary_term": N_("Glossary term"),
    "mla_request": N_("Request"),
}


class _Side(QGroupBox):
    """One value of a conflict, who wrote it, and the button that keeps it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.text = QTextBrowser(self)  # plain values, or a note's text with its differences marked
        self.keep = QPushButton(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.text)
        layout.addWidget(self.keep, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)


class ConflictsView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.controller = controller_for(session)
        self.rows: list[ConflictRow] = []
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.currentRowChanged.connect(self._show)
        self.record = QLabel(self)
        self.record.setWordWrap(True)
        self.record.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_side = _Side(self)
        self.current_side = _Side(self)
        self.edit_side.keep.clicked.connect(lambda: self.keep(edit=True))
        self.current_side.keep.clicked.connect(lambda: self.keep(edit=False))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        sides = QHBoxLayout()
        sides.addWidget(self.current_side)
        sides.addWidget(self.edit_side)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.record)
        detail_layout.addLayout(sides, 1)
        detail_layout.addWidget(self.message)
        self.detail = detail
        split = QSplitter(self)
        split.addWidget(self.list)
        split.addWidget(detail)
        split.setStretchFactor(1, 2)
        remember_splitter(split, "conflicts/splitter", (320, 640))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        session.unlocked.connect(self.reload)
        self.controller.records_pulled.connect(self.reload)
        self.controller.conflicts_changed.connect(self._count_changed)
        self.retranslate_ui()
        if session.is_unlocked:
            self.reload()

    # -- page protocol ------------------------------------------------------------------------
    def new_item(self) -> None:
        """Conflicts are not created by hand."""

    def open_record(self, record_id: str) -> None:
        for i, row in enumerate(self.rows):
            if record_id in (row.id, row.record_id):
                self.list.setCurrentRow(i)
                return

    def clear(self) -> None:
        self.rows = []
        self.list.clear()
        self._show(-1)

    def current(self) -> ConflictRow | None:
        row = self.list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        if self.session.is_unlocked:
            self.session.query(conflict_rows.load, self._loaded, lambda _e: None)

    def _count_changed(self, _count: int) -> None:
        self.reload()

    def _loaded(self, rows: list[ConflictRow]) -> None:
        if not self.session.is_unlocked:
            return
        keep_id = self.current().id if self.current() else None
        self.rows = rows
        self.list.clear()
        for row in rows:
            QListWidgetItem(self._label(row), self.list)
        index = next((i for i, r in enumerate(rows) if r.id == keep_id), 0 if rows else -1)
        self.list.setCurrentRow(index)
        self._show(index)
        self.retranslate_ui()

    def _label(self, row: ConflictRow) -> str:
        kind = _(KIND_TITLES.get(row.kind, row.kind))
        return f"{kind}: {row.title or row.record_id[:8]} · {field_label(row.kind, row.field)}"

    # -- showing ------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        n = len(self.rows)
        self.heading.setText(
            _(
                "Edits made on two devices at the same time. Choose which value to keep; the choice "
                "reaches every device at the next sync."
            )
            if n
            else _("No conflicts: every device agrees.")
        )
        self.edit_side.keep.setText(_("Keep this one"))
        for i, row in enumerate(self.rows):
            item = self.list.item(i)
            if item is not None:
                item.setText(self._label(row))
        self._show(self.list.currentRow())

    def _show(self, index: int) -> None:
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        self.detail.setVisible(row is not None)
        if row is None:
            return
        kind = _(KIND_TITLES.get(row.kind, row.kind))
        self.record.setText(
            _("{kind} “{title}”, field “{field}”").format(
                kind=kind, title=row.title or row.record_id[:8], field=field_label(row.kind, row.field)
            )
        )
        note = row.reason == "note"
        self.edit_side.setTitle(_("Other edit"))
        self.edit_side.who.setText(
            _("Written by {device} on {time}").format(device=row.by, time=when.date_time(row.at))
        )
        other, current = (
            value_text(row.kind, row.field, row.value),
            value_text(row.kind, row.field, row.current),
        )
        self.edit_side.text.setPlainText(other)
        self.edit_side.text.setMaximumHeight(16777215 if note else 90)
        self.current_side.text.setMaximumHeight(16777215 if note else 90)
        if row.reason == "deleted":
            self.current_side.setTitle(_("Deleted"))
            self.current_side.who.setText(_("Another device deleted this record."))
            self.current_side.text.setPlainText("")
            self.current_side.keep.setText(_("Keep it deleted"))
            self.edit_side.keep.setText(_("Restore the record with this edit"))
        else:
            self.current_side.setTitle(_("Current value"))
            self.current_side.who.setText(
                _("Written by {device} on {time}").format(
                    device=row.current_by, time=when.date_time(row.current_at)
                )
            )
            self.current_side.text.setPlainText(current)
            if note:  # both texts kept: the words each has that the other lacks are marked
                current_html, other_html = text_diff.side_by_side(current, other)
                self.current_side.text.setHtml(current_html)
                self.edit_side.text.setHtml(other_html)
            self.current_side.keep.setText(_("Keep this one"))
            self.edit_side.keep.setText(_("Keep this one"))

    # -- resolving ----------------------------------------------------------------------------
    def keep(self, edit: bool) -> None:
        row = self.current()
        if row is None or not self.session.is_unlocked:
            return
        self._set_enabled(False)
        self.session.command(
            row.kind,
            lambda vault: conflict_rows.keep(vault, row.id, edit),
            self._kept,
            self._failed,
        )

    def _kept(self, restored: str | None) -> None:
        self._set_enabled(True)
        self.message.setText(_("Restored as a new record.") if restored else "")
        self.controller.refresh()
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self._set_enabled(True)
        self.message.setText(error_message(error))

    def _set_enabled(self, enabled: bool) -> None:
        self.edit_side.keep.setEnabled(enabled)
        self.current_side.keep.setEnabled(enabled)
