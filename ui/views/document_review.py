"""Translate a received document and review it segment by segment.

Reading (and OCR, the slow part) runs on the io pool; translation runs on the store thread because
it reads the vault's memory and glossary. Both report progress to the GUI thread and stop between
pages or batches when Cancel is pressed. The table shows source and translation side by side with
where each translation came from and the OCR confidence; translations can be edited and approved
into the memory; the translated document, the review PDF and a TMX of approved segments can be
exported, and the document kept with a case.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liaison.crypto.atomic import atomic_write_bytes
from liaison.documents_in.limits import Cancelled
from liaison.documents_in.model import ReadDocument
from liaison.documents_in.output import same_format, write_tmx
from liaison.documents_in.read import check_input_size
from liaison.errors import LiaisonError
from liaison.services import attachments as attachment_service
from liaison.services import documents_in as service
from liaison.store.attachments import Attachment
from liaison.store.vault import Vault
from liaison.translation import detect
from ui.dialogs import error_message, ltr
from ui.i18n import _
from ui.models.document_segments_model import DocumentSegmentsModel
from ui.models.packs_model import language_label
from ui.session import Session
from ui.tasks import CancelToken
from ui.views.translate_view import shared_engine, when_alive


def _load(path: Path) -> bytes:
    with path.open("rb") as stream:
        head = stream.read(2048)
    check_input_size(path.name, path.stat().st_size, head)  # a mail's limit is its own
    return path.read_bytes()


class DocumentReviewDialog(QDialog):
    def __init__(self, session: Session, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path: Path | None = None
        self.stored: tuple[str, bytes] | None = None  # a document kept in the vault: name, bytes
        self.original_id: str | None = None  # its attachment id (the translation derives from it)
        self.from_mail = ""  # the document is an attachment of this received mail (held in memory)
        self.result: service.DocumentTranslation | None = None
        self._token: CancelToken | None = None
        self.model = DocumentSegmentsModel(self)
        self._build()
        self.retranslate_ui()
        session.locked.connect(self.reject)
        if path is not None:
            self.set_path(path)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.file_label = QLabel()
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.choose_file)
        self.source = QComboBox()
        self.source.addItem("auto", "auto")
        self.target = QComboBox()
        for code in detect.DEFAULT_LANGUAGES:
            self.source.addItem(language_label(code), code)
            self.target.addItem(language_label(code), code)
        self.target.setCurrentIndex(max(self.target.findData("en"), 0))
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in (self.model.SOURCE, self.model.TARGET):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.approve_button = QPushButton()
        self.approve_button.clicked.connect(self.approve_selected)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self._choose_export("document"))
        self.review_button = QPushButton()
        self.review_button.clicked.connect(lambda: self._choose_export("review"))
        self.tmx_button = QPushButton()
        self.tmx_button.clicked.connect(lambda: self._choose_export("tmx"))
        self.case = QLineEdit()
        self.attach_button = QPushButton()
        self.attach_button.clicked.connect(self.attach)
        # A received mail's attachments, each offered for translation on its own.
        self.mail_attachments = QComboBox()
        self.open_attachment_button = QPushButton()
        self.open_attachment_button.clicked.connect(self.open_mail_attachment)
        self._labels = {key: QLabel() for key in ("from", "to", "case", "mail")}
        self._lay_out()

    def _lay_out(self) -> None:
        top = QGridLayout()
        top.addWidget(self.file_label, 0, 0, 1, 3)
        top.addWidget(self.open_button, 0, 3)
        top.addWidget(self._labels["from"], 1, 0)
        top.addWidget(self.source, 1, 1)
        top.addWidget(self._labels["to"], 1, 2)
        top.addWidget(self.target, 1, 3)
        run = QHBoxLayout()
        for widget in (self.start_button, self.cancel_button, self.progress):
            run.addWidget(widget)
        actions = QHBoxLayout()
        for widget in (self.approve_button, self.export_button, self.review_button, self.tmx_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self._labels["case"])
        actions.addWidget(self.case)
        actions.addWidget(self.attach_button)
        self.mail_row = QWidget()
        mail = QHBoxLayout(self.mail_row)
        mail.setContentsMargins(0, 0, 0, 0)
        for widget in (self._labels["mail"], self.mail_attachments, self.open_attachment_button):
            mail.addWidget(widget)
        mail.addStretch(1)
        self.mail_row.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(run)
        layout.addWidget(self.status)
        layout.addWidget(self.mail_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.resize(1100, 700)
        self._set_busy(False)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Translate a document"))
        self.open_button.setText(_("Open…"))
        self.start_button.setText(_("Translate"))
        self.cancel_button.setText(_("Cancel"))
        self.approve_button.setText(_("Approve selected"))
        self.export_button.setText(_("Export translation…"))
        self.review_button.setText(_("Export review PDF…"))
        self.tmx_button.setText(_("Export TMX…"))
        self.attach_button.setText(_("Keep with case"))
        self._labels["from"].setText(_("From:"))
        self._labels["to"].setText(_("To:"))
        self._labels["case"].setText(_("Case:"))
        self._labels["mail"].setText(_("Attachments of the mail:"))
        self.open_attachment_button.setText(_("Translate this attachment"))
        self.case.setPlaceholderText(_("case reference"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._show_file()

    def _show_file(self) -> None:
        if self.stored is not None and self.from_mail:
            self.file_label.setText(
                _("{name} (attachment of {mail})").format(name=self.stored[0], mail=self.from_mail)
            )
            return
        if self.stored is not None:
            self.file_label.setText(_("{name} (kept in the vault)").format(name=self.stored[0]))
            return
        self.file_label.setText(
            self.path.name if self.path else _("No file chosen: open one or drop it here.")
        )

    def _set_busy(self, busy: bool) -> None:
        self.start_button.setEnabled(not busy and (self.path is not None or self.stored is not None))
        self.cancel_button.setEnabled(busy)
        done = not busy and self.result is not None
        for button in (
            self.approve_button,
            self.export_button,
            self.review_button,
            self.tmx_button,
            self.attach_button,
        ):
            button.setEnabled(done)

    # -- run --------------------------------------------------------------------------------------
    def set_path(self, path: Path) -> None:
        self.path, self.stored, self.original_id, self.from_mail = path, None, None, ""
        self.result = None
        self.model.set_result(None)
        self._show_file()
        self._set_busy(False)

    def set_stored(self, attachment: Attachment, data: bytes, case_ref: str) -> None:
        """A document kept with a case: translated from the vault's bytes (never written to disk),
        and "Keep with case" adds the translation to that case, derived from it."""
        self.path, self.stored, self.original_id = None, (attachment.name, data), attachment.id
        self.from_mail = ""
        self.case.setText(case_ref)
        if attachment.language and self.source.findData(attachment.language) >= 0:
            self.source.setCurrentIndex(self.source.findData(attachment.language))
            if self.target.currentData() == attachment.language:
                self.target.setCurrentIndex(
                    max(self.target.findData("fr" if attachment.language == "en" else "en"), 0)
                )
        self.result = None
        self.model.set_result(None)
        self._show_file()
        self._set_busy(False)

    def open_mail_attachment(self) -> None:
        """The chosen attachment of the mail just translated, opened for translation in its turn
        (its bytes stay in memory; "Keep with case" stores it with its translation)."""
        result, index = self.result, self.mail_attachments.currentIndex()
        if result is None or not 0 <= index < len(result.document.attachments):
            return
        chosen = result.document.attachments[index]
        self.path, self.stored, self.original_id = None, (chosen.name, chosen.data), None
        self.from_mail = result.name
        self.result = None
        self.model.set_result(None)
        self._show_mail_attachments()
        self._show_file()
        self._set_busy(False)

    def _show_mail_attachments(self) -> None:
        found = self.result.document.attachments if self.result is not None else []
        self.mail_attachments.clear()
        for attachment in found:
            self.mail_attachments.addItem(
                _("{name} ({type}, {size} bytes)").format(
                    name=attachment.name, type=attachment.media_type, size=len(attachment.data)
                )
            )
        self.mail_row.setVisible(bool(found))

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Open a received document"))
        if name:
            self.set_path(Path(name))

    def _progress(self, stage: str, done: int, total: int) -> None:
        def show() -> None:
            self.progress.setMaximum(max(total, 0))
            self.progress.setValue(done)
            self.status.setText(_("Reading…") if stage == "read" else _("Translating…"))

        alive = when_alive(self, lambda _value: show())
        self.session.runner.on_main(lambda: alive(None))

    def start(self) -> None:
        if self.path is None and self.stored is None:
            return
        path, stored = self.path, self.stored
        name = stored[0] if stored is not None else path.name if path is not None else ""
        source, target = str(self.source.currentData()), str(self.target.currentData())
        token = self._token = CancelToken()
        self.result = None
        self.model.set_result(None)
        self._show_mail_attachments()
        self._set_busy(True)
        self.progress.setValue(0)
        self.status.setText(_("Reading…"))
        run = service.Run(progress=self._progress, cancelled=lambda: token.cancelled)

        # A document kept in the vault is translated as it is, never imported; a file, or a mail's
        # attachment, that is a Liaison request PDF is imported as the request it carries.
        importable = stored is None or bool(self.from_mail)

        def read() -> tuple[bytes, ReadDocument | None]:
            data = stored[1] if stored is not None else _load(path) if path is not None else b""
            if importable and service.is_liaison_request(name, data):
                return data, None
            return data, service.read(name, data, source, run)

        self.session.runner.run_io(
            read,
            when_alive(self, lambda got: self._translate(name, got, (source, target), run)),
            self._failed_here,
        )

    def _translate(
        self, name: str, got: tuple[bytes, ReadDocument | None], pair: tuple[str, str], run: service.Run
    ) -> None:
        data, doc = got
        if doc is None:
            self.session.command(
                "mla_request",
                lambda vault: service.import_request(vault, name, data),
                when_alive(self, self._imported),
                self._failed_here,
            )
            return

        def work(vault: Vault) -> service.DocumentTranslation:
            return service.translate_read(vault, shared_engine(), name, data, doc, pair, run)

        self.session.query(work, when_alive(self, self._translated), self._failed_here)

    def _imported(self, request: object) -> None:
        reference = getattr(request, "our_reference", "") or getattr(request, "id", "")
        self.status.setText(
            _(
                "A Liaison request PDF: imported as request {reference} (open it on the Requests page)."
            ).format(reference=reference)
        )
        self._set_busy(False)

    def _translated(self, result: service.DocumentTranslation) -> None:
        self.result = result
        self.model.set_result(result)
        self._show_mail_attachments()
        self.table.resizeRowsToContents()
        counts = result.counts()
        self.status.setText(
            _(
                "{segments} segments, {machine} machine-translated, {exact} exact (memory, form or glossary)."
            ).format(
                segments=len(result.items),
                machine=counts["machine"],
                exact=counts["memory"] + counts["form"] + counts["glossary"],
            )
        )
        self.progress.setValue(self.progress.maximum())
        self._set_busy(False)

    def _failed_here(self, err: BaseException) -> None:
        if isinstance(err, Cancelled):
            self.status.setText(_("Cancelled."))
        elif isinstance(err, (LiaisonError, OSError)):
            self.status.setText(error_message(err))
        else:
            self.status.setText(
                _("The document could not be translated ({error}).").format(error=type(err).__name__)
            )
        self._set_busy(False)

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self.status.setText(_("Cancelling…"))

    # -- review -----------------------------------------------------------------------------------
    def approve_selected(self) -> None:
        result = self.result
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if result is None or not rows:
            return

        def done(count: int) -> None:
            self.model.approved_rows(rows)
            self.status.setText(
                _("{count} segments approved into the translation memory.").format(count=count)
            )

        self.session.command(
            "tm_entry",
            lambda vault: service.approve(vault, result, rows),
            when_alive(self, done),
            self._failed_here,
        )

    def _choose_export(self, kind: str) -> None:
        # The suggested name follows the document's, wherever it came from (a file, the vault, a mail).
        base = self.path if self.path is not None else Path(self.stored[0]) if self.stored else None
        if self.result is None or base is None:
            return
        suffix = {"review": ".review.pdf", "tmx": ".tmx"}.get(kind, "")
        if kind == "document":
            rebuilt = same_format(self.result.document.format)
            suffix = f".{self.result.target_lang}{rebuilt or '.pdf'}"
        name, _filter = QFileDialog.getSaveFileName(self, _("Export"), str(base.with_suffix(suffix)))
        if name:
            self.export_to(kind, Path(name))

    def export_to(self, kind: str, target: Path, done: Callable[[Path], None] | None = None) -> None:
        result = self.result
        if result is None:
            return

        def work() -> Path:
            if kind == "tmx":
                write_tmx(result.items, target, result.source_lang, result.target_lang)
                return target
            rebuilt = result.translated_document() if kind == "document" else None
            atomic_write_bytes(target, rebuilt[0] if rebuilt else result.bilingual_pdf())
            return target

        def finished(path: Path) -> None:
            self.status.setText(_("Saved {file}.").format(file=ltr(path.name)))
            if done is not None:
                done(path)

        self.session.runner.run_io(work, when_alive(self, finished), self._failed_here)

    def attach(self) -> None:
        result, case, original = self.result, self.case.text().strip(), self.original_id
        if result is None or not case:
            return

        def done(stored: object) -> None:
            self.status.setText(_("Kept with case {case}.").format(case=case))

        self.session.command(
            "attachment",
            lambda vault: attachment_service.attach_translation(vault, case, result, original_id=original),
            when_alive(self, done),
            self._failed_here,
        )
