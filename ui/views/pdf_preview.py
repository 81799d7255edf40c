"""Exporting a request to PDF, and a preview of the pages written.

``mla_export.export_pdf`` reads and writes the vault (it saves the machine translations, records the
exported version and audits it), so it runs on the store thread, the one thread that may use the
vault; the GUI thread only shows its progress. The layout itself (reportlab, pure Python, ~0.7 s)
runs in a worker process of its own (``render_process``), started as soon as a request is open
here: on the store thread it held the interpreter lock and stalled the window 200+ ms at a time.
The preview renders the PDF with ``pdftoppm -png -r 60`` on the io pool (QtPdf is not in
PySide6-Essentials), page by page to its standard output.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from liaison import childenv
from liaison.documents import catalogs, countries, render_process, rules
from liaison.domain.mla import MlaRequest
from liaison.services import mla_export
from liaison.store.vault import Vault
from ui import exports
from ui.dialogs import ltr
from ui.i18n import _, error_text
from ui.models import QueryGuard
from ui.models.packs_model import language_label
from ui.models.requests_model import field_text, qualified_field_text
from ui.session import Session
from ui.views.translate_view import shared_engine, when_alive

KIND = "mla_request"
PREVIEW_DPI = 60
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0


class PreviewUnavailable(Exception):
    """pdftoppm (poppler-utils) is not installed."""


def decode_pages(pdf: Path, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """io pool: the pages as decoded images (decoding PNGs on the GUI thread froze it ~100 ms)."""
    images = []
    for data in render_pages(pdf, dpi):
        image = QImage()
        image.loadFromData(data, "PNG")
        images.append(image)
    return images


def render_pages(pdf: Path, dpi: int = PREVIEW_DPI) -> list[bytes]:
    """io pool: PNG bytes of every page, read from pdftoppm's standard output one page at a time,
    so no image of the request's content is ever written to a temporary folder."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise PreviewUnavailable()
    with pikepdf.open(pdf) as document:
        count = len(document.pages)
    return [
        subprocess.run(
            # No output root: pdftoppm writes the page to standard output.
            [exe, "-png", "-r", str(dpi), "-f", str(n), "-l", str(n), "-singlefile", str(pdf)],
            check=True,
            capture_output=True,
            timeout=300,
            env=childenv.minimal_env(),
        ).stdout
        for n in range(1, count + 1)
    ]


class PdfPreview(QScrollArea):
    """The pages of a PDF as images, one under the other."""

    rendered = Signal(int)  # number of pages shown

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setMinimumHeight(220)
        self._inner = QWidget()
        self._pages = QVBoxLayout(self._inner)
        self._pages.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pages.addWidget(self.message)
        self.setWidget(self._inner)
        self.page_labels: list[QLabel] = []
        self._images: list[QImage] = []
        self.zoom = 1.0
        self._generation = 0
        for keys, step in ((QKeySequence.StandardKey.ZoomIn, 1.25), (QKeySequence.StandardKey.ZoomOut, 0.8)):
            QShortcut(keys, self, activated=lambda step=step: self.set_zoom(self.zoom * step))

    def set_zoom(self, factor: float) -> None:
        """Scale the pages (Ctrl++ / Ctrl+-, Ctrl+wheel): from a quarter to four times the preview."""
        self.zoom = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        for label, image in zip(self.page_labels, self._images, strict=True):
            label.setPixmap(self._scaled(image))

    def _scaled(self, image: QImage) -> QPixmap:
        if abs(self.zoom - 1.0) < 0.01:
            return QPixmap.fromImage(image)
        size = image.size() * self.zoom
        mode = Qt.TransformationMode.SmoothTransformation
        return QPixmap.fromImage(image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, mode))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self.zoom * (1.25 if event.angleDelta().y() > 0 else 0.8))
            event.accept()
            return
        super().wheelEvent(event)

    def clear(self) -> None:
        self._generation += 1
        for label in self.page_labels:
            label.setParent(None)
            label.deleteLater()
        self.page_labels = []
        self._images = []
        self.message.clear()

    def show_pdf(self, path: Path) -> None:
        self.clear()
        self.message.setText(_("Rendering the pages…"))
        generation = self._generation

        def done(pages: list[QImage]) -> None:
            if generation == self._generation:
                self._show_pages(pages)

        def failed(err: BaseException) -> None:
            if generation != self._generation:
                return
            if isinstance(err, PreviewUnavailable):
                self.message.setText(
                    _(
                        "No preview: the pdftoppm tool (package poppler-utils) is not installed. "
                        "The PDF itself was written to {path}."
                    ).format(path=ltr(path))
                )
            else:
                self.message.setText(_("No preview: {reason}").format(reason=error_text(err)))
            self.rendered.emit(0)

        self.session.runner.run_io(
            lambda: decode_pages(path), when_alive(self, done), when_alive(self, failed)
        )

    def _show_pages(self, pages: list[QImage]) -> None:
        self.message.setText(_("{count} page(s)").format(count=len(pages)))
        self._images = list(pages)
        for image in pages:
            label = QLabel()
            label.setPixmap(self._scaled(image))
            label.setFrameShape(QFrame.Shape.Box)
            self._pages.addWidget(label)
            self.page_labels.append(label)
        self.rendered.emit(len(pages))


class ExportPanel(QWidget):
    """Language, optional bilingual second language, output file; progress; result and preview."""

    exported = Signal(object)  # ExportResult

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.request: MlaRequest | None = None
        self.result: mla_export.ExportResult | None = None
        self.language = QComboBox()
        self.bilingual = QCheckBox()
        self.second = QComboBox()
        self.bilingual.toggled.connect(self.second.setEnabled)
        self.second.setEnabled(False)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self._choose_file(draft=False))
        # A request that fails validation is exported only as a draft, marked DRAFT on every page.
        self.draft_button = QPushButton()
        self.draft_button.clicked.connect(lambda: self._choose_file(draft=True))
        self.errors = 0
        self.checking = False  # the request's validation is under way on the io pool
        self._checks = 0
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5a00;")
        self.untranslated = QLabel()
        self.untranslated.setWordWrap(True)
        self.untranslated.setStyleSheet("color: #b3261e;")
        self.preview = PdfPreview(session)
        self.open_button, self.folder_button = QPushButton(), QPushButton()
        self.open_button.clicked.connect(self.open_pdf)
        self.folder_button.clicked.connect(self.show_pdf_folder)
        self.language_label = QLabel()
        self._layout()
        self.retranslate_ui()
        self.set_request(None)

    def _layout(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self.language_label, 0, 0)
        grid.addWidget(self.language, 0, 1)
        grid.addWidget(self.bilingual, 1, 0)
        grid.addWidget(self.second, 1, 1)
        grid.setColumnStretch(2, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.draft_button)
        buttons.addWidget(self.progress, 1)
        written = QHBoxLayout()
        written.addWidget(self.status, 1)
        written.addWidget(self.open_button)
        written.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addLayout(written)
        for widget in (self.warnings, self.untranslated):
            layout.addWidget(widget)
        layout.addWidget(self.preview, 1)

    def retranslate_ui(self) -> None:
        self.language_label.setText(_("Language of the document"))
        self.bilingual.setText(_("Bilingual, with the text in"))
        self.export_button.setText(_("Export PDF…"))
        self.draft_button.setText(_("Export as draft…"))
        self.open_button.setText(_("Open the PDF"))  # not "Open": that msgid is a case's state
        self.open_button.setToolTip(_("Open the PDF in the document viewer"))
        self.folder_button.setText(_("Show in folder"))
        self.folder_button.setToolTip(_("Open the folder the PDF was written to"))
        self.draft_button.setToolTip(
            _("Write the PDF although the request fails validation; every page is marked DRAFT")
        )
        self._update_export_button()
        for combo in (self.language, self.second):
            for i in range(combo.count()):
                combo.setItemText(i, language_label(str(combo.itemData(i))))

    def _update_export_button(self) -> None:
        """Export only a valid request; the tooltip says why the button is off."""
        busy = self.progress.isVisibleTo(self)
        self.export_button.setEnabled(self.errors == 0 and not busy and not self.checking)
        self.draft_button.setEnabled(not busy)
        if self.errors:
            self.export_button.setToolTip(
                _("The request fails validation ({count} error(s)): fix it, or export it as a draft.").format(
                    count=self.errors
                )
            )
        else:
            self.export_button.setToolTip(_("Translate the free text if needed, then write the PDF"))

    def set_request(self, request: MlaRequest | None) -> None:
        if request is None:
            self.guard.invalidate()
            self.progress.hide()
        self._check(request)
        changed = request is None or self.request is None or request.id != self.request.id
        self.request = request
        self.setEnabled(request is not None)
        if not changed:
            return
        self._show_written(None)
        self.preview.clear()
        for label in (self.status, self.warnings, self.untranslated):
            label.clear()
        for combo in (self.language, self.second):
            combo.clear()
            for code in catalogs.languages():
                combo.addItem(language_label(code), code)
        if request is not None:
            # The rendering worker loads reportlab while the officer reads (once per app).
            self.session.runner.run_io(render_process.shared().start)
            accepted = countries.accepted_languages(request.requested_state, request.rule_set)
            target = accepted[0] if accepted else request.language
            self.language.setCurrentIndex(max(self.language.findData(target), 0))
            self.second.setCurrentIndex(max(self.second.findData(request.language), 0))

    def _check(self, request: MlaRequest | None) -> None:
        """Count the validation errors on the io pool (the rule set took up to ~100 ms of GUI
        time); Export stays off until the answer is in."""
        self._checks += 1
        check = self._checks
        self.errors = 0
        self.checking = request is not None
        self._update_export_button()
        if request is None:
            return

        def done(errors: int) -> None:
            if check == self._checks:
                self.errors, self.checking = errors, False
                self._update_export_button()

        def count() -> int:
            return sum(1 for issue in rules.validate(request) if issue.level == "error")

        self.session.runner.run_io(count, when_alive(self, done))

    def suggested_path(self, *, draft: bool = False, create: bool = False) -> Path:
        """In the exports folder (``ui.exports``), named after the reference and the language."""
        assert self.request is not None
        suffix = "-draft" if draft else ""
        reference = (self.request.our_reference or "request").replace("/", "-")
        name = f"{reference}-{self.language.currentData()}{suffix}.pdf"
        return exports.suggested_path(name, create=create)

    def _choose_file(self, *, draft: bool) -> None:
        if self.request is None:
            return
        suggested = str(self.suggested_path(draft=draft, create=True))
        title, kinds = _("Export the request"), _("PDF (*.pdf)")
        name, _filter = QFileDialog.getSaveFileName(self, title, suggested, kinds)
        if name:
            path = Path(name)
            exports.set_export_folder(path.parent)  # next time, the same folder
            self.confirm_and_export(path, draft=draft)

    def confirm_and_export(self, output: Path, *, draft: bool = False) -> None:
        """Export, after the officer confirmed writing a TLP:AMBER/RED request unencrypted."""
        if self.request is not None:
            handling = self.request.handling
            exports.ask_unencrypted(self, handling, output, lambda: self.export_to(output, draft=draft))

    def export_to(self, output: Path, *, draft: bool = False) -> None:
        """Export on the store thread (see the module docstring), showing progress meanwhile."""
        if self.request is None:
            return
        request_id, lang = self.request.id, str(self.language.currentData())
        bilingual = str(self.second.currentData()) if self.bilingual.isChecked() else None
        if bilingual == lang:
            bilingual = None
        runner = self.session.runner
        self.progress.show()
        self._update_export_button()
        self._show_written(None)
        self.preview.clear()
        for label in (self.warnings, self.untranslated):
            label.clear()
        self.status.setText(_("Preparing the export…"))

        def progress(path: str) -> None:
            runner.on_main(
                lambda: self.status.setText(_("Translating {field}…").format(field=field_text(path)))
            )

        def work(vault: Vault) -> mla_export.ExportResult:
            return mla_export.export_pdf(
                vault,
                request_id,
                lang,
                output,
                bilingual=bilingual,
                engine=shared_engine(),
                progress=progress,
                draft=draft,
                renderer=render_process.shared().render,
            )

        self.guard.command(KIND, work, self._exported, self._failed)

    def open_pdf(self) -> None:
        if self.result is not None:
            exports.open_file(self.result.path)

    def show_pdf_folder(self) -> None:
        if self.result is not None:
            exports.show_in_folder(self.result.path)

    def _show_written(self, result: mla_export.ExportResult | None) -> None:
        self.result = result
        self.open_button.setVisible(result is not None)
        self.folder_button.setVisible(result is not None)

    def _exported(self, result: mla_export.ExportResult) -> None:
        self._show_written(result)
        self.progress.hide()
        self._update_export_button()
        self.status.setText(
            _("Version {version} written to {path} (SHA-256 {digest}…).").format(
                version=result.version, path=result.path, digest=result.sha256[:16]
            )
        )
        if result.warnings:
            self.warnings.setText("\n".join(_("Warning: {text}").format(text=w) for w in result.warnings))
        if result.untranslated:
            fields = ", ".join(qualified_field_text(p) for p in result.untranslated)
            self.untranslated.setText(
                _("Left in the original language (no language pack): {fields}").format(fields=fields)
            )
        self.preview.show_pdf(result.path)
        self.exported.emit(result)

    def _failed(self, err: BaseException) -> None:
        self.progress.hide()
        self._update_export_button()
        self.status.setText(_("Export failed: {reason}").format(reason=error_text(err)))
