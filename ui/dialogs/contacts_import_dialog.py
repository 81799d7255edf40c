"""File → Import contacts: the dry-run summary first, then the import on confirmation.

Planning and importing run on the store thread (a 10,000-contact file takes seconds). The summary
lists what the file would add and every conflict with the vault; nothing is written until
"Import" is pressed, and then all contacts go in together or none do.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.interchange.cards import ImportRejected
from liaison.services import contact_io
from liaison.store.vault import Vault
from ui.dialogs import BusyLine, ErrorLabel, error_message
from ui.i18n import _, ngettext
from ui.session import Session

ENCODINGS = (("utf-8", "UTF-8"), ("cp1252", "Windows-1252 (Outlook)"), ("latin-1", "ISO-8859-1"))


class ContactsImportDialog(QDialog):
    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.plan: contact_io.ImportPlan | None = None
        self.outcome: contact_io.ImportResult | None = None
        self.file_label = QLabel(self)
        self.encoding_label = QLabel(self)
        self.encoding = QComboBox(self)
        for code, name in ENCODINGS:
            self.encoding.addItem(name, code)
        self.encoding_label.setBuddy(self.encoding)
        self.summary = QPlainTextEdit(self)
        self.summary.setReadOnly(True)
        self.summary.setMinimumHeight(220)
        self.replace = QCheckBox(self)
        self.error = ErrorLabel(self)
        self.busy = BusyLine(self)
        self.cancel_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.encoding_label)
        top.addWidget(self.encoding)
        buttons = QHBoxLayout()
        buttons.addWidget(self.replace)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)
        self.encoding.currentIndexChanged.connect(lambda _i: self.make_plan())
        self.cancel_button.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.run_import)
        self.resize(720, 460)
        self.retranslate_ui()
        self.make_plan()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Import contacts"))
        self.file_label.setText(self.path.name)
        self.encoding_label.setText(_("&Encoding:"))
        self.replace.setText(_("&Replace conflicting values with the file's"))
        self.cancel_button.setText(_("Cancel"))
        self.import_button.setText(_("&Import"))

    def make_plan(self) -> None:
        self.plan = None
        self.import_button.setEnabled(False)
        self.error.clear()
        self.busy.start(_("Reading the file…"))
        path, encoding = self.path, str(self.encoding.currentData())

        def work(vault: Vault) -> contact_io.ImportPlan:
            return contact_io.plan(vault, path, encoding=encoding)

        self.session.query(work, self._planned, self._failed)

    def _planned(self, plan: contact_io.ImportPlan) -> None:
        self.busy.stop()
        self.plan = plan
        lines = [
            _(
                "{total} contacts in the file: {new} new, {matching} already in the vault, "
                "{conflicting} conflicting"
            ).format(
                total=len(plan.items),
                new=plan.count(contact_io.Status.NEW),
                matching=plan.count(contact_io.Status.MATCHING),
                conflicting=plan.count(contact_io.Status.CONFLICTING),
            ),
        ]
        if plan.agencies_to_create:
            lines.append(
                ngettext(
                    "{n} new agency: {names}", "{n} new agencies: {names}", len(plan.agencies_to_create)
                ).format(n=len(plan.agencies_to_create), names=", ".join(plan.agencies_to_create))
            )
        for item in plan.items:
            if item.status is contact_io.Status.CONFLICTING:
                lines.append(
                    _("line {line}: {name} differs in {fields}").format(
                        line=item.card.line, name=item.card.full_name, fields=", ".join(item.conflicts)
                    )
                )
        lines.extend(plan.warnings)
        if plan.unknown_columns:
            lines.append(_("Columns not imported: {names}").format(names=", ".join(plan.unknown_columns)))
        self.summary.setPlainText("\n".join(lines))
        self.import_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.busy.stop()
        if isinstance(error, ImportRejected):
            self.summary.setPlainText("\n".join(contact_io.problems_of(error)))
            self.error.show_message(_("Nothing can be imported until these rows are fixed."))
        else:
            self.error.show_message(error_message(error))

    def run_import(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.import_button.setEnabled(False)
        self.busy.start(_("Importing…"))
        replace = self.replace.isChecked()

        def work(vault: Vault) -> contact_io.ImportResult:
            return contact_io.apply(vault, plan, replace_conflicts=replace)

        self.session.command("contact", work, self._imported, self._failed)

    def _imported(self, result: contact_io.ImportResult) -> None:
        self.busy.stop()
        self.outcome = result
        if result.agencies_created:
            self.session.records_changed.emit("agency")
        self.accept()
