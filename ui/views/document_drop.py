"""Documents on the Translate page: a "Translate a document…" button, and dropping a file anywhere
on the page, both open the document review (:mod:`ui.views.document_review`).

Kept apart from the page's own module so the page only needs one call: ``install(page, session)``.
"""

from __future__ import annotations

import weakref
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui import i18n
from ui.i18n import _
from ui.session import Session
from ui.views.document_review import DocumentReviewDialog


def _local_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return files[0] if len(files) == 1 and files[0].is_file() else None


class DocumentBar(QWidget):
    """The button and hint; also the drop filter of the page it is installed on."""

    def __init__(self, session: Session, page: QWidget) -> None:
        super().__init__(page)
        self.session = session
        self.dialog: DocumentReviewDialog | None = None
        self.button = QPushButton()
        self.button.clicked.connect(lambda: self.open_document(None))
        self.hint = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.hint, 1)
        page.setAcceptDrops(True)
        page.installEventFilter(self)
        self.retranslate_ui()
        ref = weakref.ref(self)

        def relabel(_lang: str) -> None:
            bar = ref()
            if bar is not None and shiboken6.isValid(bar):
                bar.retranslate_ui()

        i18n.on_language_changed(relabel)

    def retranslate_ui(self) -> None:
        self.button.setText(_("Translate a document…"))
        self.hint.setText(_("or drop a DOCX, ODT, PDF, scan, image, e-mail or text file on this page"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            drag = event  # a QDragEnterEvent / QDragMoveEvent
            if isinstance(drag, QDragEnterEvent) and _local_file(drag) is not None:
                drag.acceptProposedAction()
                return True
        if event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            path = _local_file(event)
            if path is not None:
                event.acceptProposedAction()
                self.open_document(path)
                return True
        return super().eventFilter(watched, event)

    def open_document(self, path: Path | None) -> DocumentReviewDialog:
        if self.dialog is None or not shiboken6.isValid(self.dialog):
            self.dialog = DocumentReviewDialog(self.session, None, self.window())
        if path is not None:
            self.dialog.set_path(path)
        self.dialog.show()
        self.dialog.raise_()
        if path is None and self.dialog.path is None:
            self.dialog.choose_file()
        return self.dialog


def install(page: QWidget, session: Session) -> DocumentBar:
    bar = DocumentBar(session, page)
    layout = page.layout()
    if layout is not None:
        layout.addWidget(bar)
    return bar
