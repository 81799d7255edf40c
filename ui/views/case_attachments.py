"""The documents kept with a case (received files, their translations, review PDFs): listed under
the case on the Cases page, added, exported and erased.

Kept apart from the cases page module so that page only needs one call: ``install(page, session)``.
The bytes stay in the vault: exporting writes only where the officer chooses.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.services import attachments as service
from liaison.store.attachments import Attachment
from ui import i18n
from ui.i18n import N_, _
from ui.session import Session
from ui.views.translate_view import when_alive

ROLE_LABELS = {"received": N_("received"), "translation": N_("translation"), "review": N_("review PDF")}


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"


class CaseAttachments(QWidget):
    def __init__(self, session: Session, page: Any) -> None:
        super().__init__(page)
        self.session = session
        self.page = page
        self.case_id: str | None = None
        self.items: list[Attachment] = []
        self.caption = QLabel()
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.choose_and_add)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.choose_and_export)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.confirm_delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.caption, 1)
        for button in (self.add_button, self.export_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        session.records_changed.connect(self._records_changed)
        session.locked.connect(self._locked)
        self.retranslate_ui()
        self.show_case(None)

    def retranslate_ui(self) -> None:
        self.caption.setText(_("Documents kept with this case"))
        self.add_button.setText(_("Add…"))
        self.export_button.setText(_("Export…"))
        self.delete_button.setText(_("Delete"))

    # -- content ----------------------------------------------------------------------------------
    def _locked(self) -> None:
        self.show_case(None)

    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        self.items = []
        self.list.clear()
        self._update_buttons()
        if case_id is not None and self.session.is_unlocked:
            self.session.query(
                lambda vault: service.list_for(vault, case_id),
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
        self._update_buttons()

    def _records_changed(self, kind: str) -> None:
        if kind in ("attachment", "case"):
            self.show_case(self.case_id)

    def selected(self) -> Attachment | None:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) and self.list.selectedItems() else None

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.case_id is not None)
        self.export_button.setEnabled(self.selected() is not None)
        self.delete_button.setEnabled(self.selected() is not None)

    # -- actions ----------------------------------------------------------------------------------
    def _failed(self, err: BaseException) -> None:
        QMessageBox.warning(self, _("Documents kept with this case"), str(err))

    def add_file(self, path: Path) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        self.session.command(
            "attachment", lambda vault: service.add_file(vault, case_id, path), None, self._failed
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
    ref = weakref.ref(panel)

    def relabel(_lang: str) -> None:
        alive = ref()
        if alive is not None and shiboken6.isValid(alive):
            alive.retranslate_ui()

    i18n.on_language_changed(relabel)
    return panel
