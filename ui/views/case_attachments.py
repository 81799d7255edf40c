"""The documents kept with a case (received files, their translations, review PDFs): listed under
the case on the Cases page and under a request in the request editor (its own documents); opened
(their text, read as for translation), translated, added, exported and erased.

Kept apart from the pages' modules so that each only needs one call (``install(page, session)``,
``for_request(editor, session)``). The bytes stay in the vault: opening and translating read them
from there, never from a temporary file; exporting writes only where the officer chooses.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.documents_in.model import ReadDocument
from liaison.documents_in.read import read_document
from liaison.services import attachments as service
from liaison.services.catalog import cases
from liaison.store.attachments import Attachment
from liaison.store.vault import Vault
from ui import i18n
from ui.dialogs import error_message
from ui.i18n import N_, _
from ui.session import Session
from ui.views.document_review import DocumentReviewDialog
from ui.views.translate_view import when_alive

ROLE_LABELS = {"received": N_("received"), "translation": N_("translation"), "review": N_("review PDF")}


MAX_VISIBLE_ROWS = 4


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"


class AttachmentViewer(QDialog):
    """A kept document's text, read the way translation reads it (any format, scans by OCR)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(name)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(_("Reading…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.resize(700, 600)

    def show_document(self, doc: ReadDocument) -> None:
        lines = [*doc.notes, ""] if doc.notes else []
        self.text.setPlainText(
            "\n\n".join([*lines, *doc.texts]).strip() or _("(no text found in the document)")
        )

    def show_error(self, err: BaseException) -> None:
        self.text.setPlainText(error_message(err))


class CaseAttachments(QWidget):
    def __init__(self, session: Session, page: Any, scope: str = "case") -> None:
        super().__init__(page)
        self.session = session
        self.page = page
        self.scope = scope  # "case": everything kept with the case; "request": the request's own
        self.case_id: str | None = None
        self.request_id: str | None = None
        self.items: list[Attachment] = []
        self.dialog: QDialog | None = None
        self.caption = QLabel()
        self.list = QListWidget()
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.translate_button = QPushButton()
        self.translate_button.clicked.connect(self.translate_selected)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.choose_and_add)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.choose_and_export)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.confirm_delete)
        # The caption above its buttons: beside them it made the case pane 600 px wide at least,
        # which left the case list ~240 px at 1024×640 (and wrapped into four lines in Arabic).
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.open_button,
            self.translate_button,
            self.add_button,
            self.export_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        session.records_changed.connect(self._records_changed)
        session.locked.connect(self._locked)
        self.retranslate_ui()
        self.show_case(None)

    def retranslate_ui(self) -> None:
        self.caption.setText(
            _("Documents kept with this case")
            if self.scope == "case"
            else _("Documents kept with this request")
        )
        self.open_button.setText(_("Open…"))  # a window with its text; "Open" is a case's state
        self.translate_button.setText(_("Translate…"))
        self.add_button.setText(_("Add…"))
        self.export_button.setText(_("Export…"))
        self.delete_button.setText(_("Delete"))

    # -- content ----------------------------------------------------------------------------------
    def _locked(self) -> None:
        self.show_case(None)

    def show_case(self, case_id: str | None) -> None:
        self._show_scope(case_id, None)

    def show_request(self, request_id: str | None, case_id: str | None) -> None:
        self._show_scope(case_id if request_id else None, request_id)

    def _show_scope(self, case_id: str | None, request_id: str | None) -> None:
        self.case_id, self.request_id = case_id, request_id
        self.items = []
        self.list.clear()
        self._fit_list()
        self._update_buttons()
        if case_id is not None and self.session.is_unlocked:
            self.session.query(
                lambda vault: (
                    service.list_for_request(vault, request_id)
                    if request_id is not None
                    else service.list_for(vault, case_id)
                ),
                when_alive(self, lambda found: self._show(case_id, found)),
            )

    def _show(self, case_id: str, found: list[Attachment]) -> None:
        if case_id != self.case_id:
            return
        self.items = found
        self.list.clear()
        for item in found:
            role = _(ROLE_LABELS.get(item.role, item.role))
            lang = f" · {item.language}" if item.language else ""
            self.list.addItem(QListWidgetItem(f"{item.name} — {role}{lang} · {_size(item.size)}"))
        self._fit_list()
        self._update_buttons()

    def _fit_list(self) -> None:
        """The list takes the height of its rows (four at most, then it scrolls) and none when
        empty: under a form (the request editor's), an empty box would take the form's room."""
        count = self.list.count()
        self.list.setVisible(count > 0)
        if count:
            rows = min(count, MAX_VISIBLE_ROWS)
            frame = 2 * self.list.frameWidth()
            self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + frame)

    def _records_changed(self, kind: str) -> None:
        if kind in ("attachment", "case", "mla_request"):
            self._show_scope(self.case_id, self.request_id)

    def selected(self) -> Attachment | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) and self.list.selectedItems() else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.add_button.setEnabled(self.case_id is not None)
        for button in (self.open_button, self.export_button, self.delete_button):
            button.setEnabled(chosen is not None)
        # A review PDF is itself a translation: translating it again makes no sense.
        self.translate_button.setEnabled(chosen is not None and chosen.role != "review")

    # -- actions ----------------------------------------------------------------------------------
    def _failed(self, err: BaseException) -> None:
        QMessageBox.warning(self, _("Documents kept with this case"), error_message(err))

    def add_file(self, path: Path) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        request_id = self.request_id
        self.session.command(
            "attachment",
            lambda vault: service.add_file(vault, case_id, path, request_ref=request_id),
            None,
            self._failed,
        )

    def choose_and_add(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Add a document to the case"))
        if name:
            self.add_file(Path(name))

    def export_to(self, target: Path) -> None:
        item = self.selected()
        if item is not None:
            self.session.query(
                lambda vault: service.export(vault, item.id, target), lambda _item: None, self._failed
            )

    def choose_and_export(self) -> None:
        item = self.selected()
        if item is not None:
            name, _filter = QFileDialog.getSaveFileName(self, _("Export"), item.name)
            if name:
                self.export_to(Path(name))

    def open_selected(self) -> AttachmentViewer | None:
        """The document's text in a window, read on the io pool from the vault's bytes."""
        item = self.selected()
        if item is None:
            return None
        viewer = AttachmentViewer(item.name, self)
        self.dialog = viewer
        viewer.show()

        def read(got: tuple[Attachment, bytes]) -> None:
            self.session.runner.run_io(
                lambda: read_document(item.name, got[1], item.language or None),
                when_alive(viewer, viewer.show_document),
                when_alive(viewer, viewer.show_error),
            )

        self.session.query(lambda vault: service.read(vault, item.id), when_alive(viewer, read), self._failed)
        return viewer

    def translate_selected(self) -> DocumentReviewDialog | None:
        """The document review, on the kept document's bytes; "Keep with case" adds the translation
        to this case, derived from it."""
        item = self.selected()
        if item is None:
            return None
        dialog = DocumentReviewDialog(self.session, None, self)
        self.dialog = dialog
        dialog.show()

        def load(vault: Vault) -> tuple[bytes, str]:
            _item, data = service.read(vault, item.id)
            return data, cases.get(vault, item.case_id).reference

        self.session.query(
            load, when_alive(dialog, lambda got: dialog.set_stored(item, got[0], got[1])), self._failed
        )
        return dialog

    def delete_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.session.command(
                "attachment", lambda vault: service.delete(vault, item.id), None, self._failed
            )

    def confirm_delete(self) -> None:
        item = self.selected()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete"),
            _("Erase {name} and the translations made from it? This cannot be undone.").format(
                name=item.name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_selected()


def _relabelled(panel: CaseAttachments) -> CaseAttachments:
    """Follow the interface language for as long as the panel lives."""
    ref = weakref.ref(panel)

    def relabel(_lang: str) -> None:
        alive = ref()
        if alive is not None and shiboken6.isValid(alive):
            alive.retranslate_ui()

    i18n.on_language_changed(relabel)
    return panel


def for_request(editor: Any, session: Session) -> CaseAttachments:
    """The request's own documents, under the request editor's form; it calls ``show_request``."""
    return _relabelled(CaseAttachments(session, editor, scope="request"))


def install(page: Any, session: Session) -> CaseAttachments:
    """Put the list under the case summary and follow the page's selected case."""
    panel = CaseAttachments(session, page)
    layout = page.case_summary.parentWidget().layout()
    layout.insertWidget(layout.indexOf(page.case_summary) + 1, panel)

    def follow(*_args: object) -> None:
        case = page.current_case()
        panel.show_case(case.id if case is not None else None)

    page.table.selectionModel().selectionChanged.connect(follow)
    page.model.modelReset.connect(follow)
    return _relabelled(panel)
