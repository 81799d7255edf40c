"""Side-by-side review of the machine translations of a request's free-text fields.

"Translate" runs ``mla_export.translate_free_text`` on the store thread (it reads the translation
memory and saves the drafts into the request). The table shows original | translation | origin; the
translation cells are editable. "Accept" stores the edited text as a human translation of the field
and approves its sentence pairs into the translation memory, in one transaction. Below, the
translators' certifications (``CertificationPanel``), one per language.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from liaison.documents import catalogs, countries, texts
from liaison.documents.freetext import free_text_fields, translation_of
from liaison.domain.mla import FieldTranslation, MlaRequest
from liaison.services import mla, mla_export
from liaison.services import translation as translation_service
from liaison.store.vault import Vault
from liaison.translation import protect, segment
from ui.i18n import _, error_text
from ui.models import QueryGuard
from ui.models.packs_model import language_label
from ui.models.requests_model import doc_text, field_text, qualified_field_text
from ui.session import Session
from ui.views.certification_panel import CertificationPanel
from ui.views.translate_view import shared_engine

KIND = "mla_request"
FIELD, ORIGINAL, TRANSLATION, ORIGIN = range(4)
EDITED_COLOR = QColor("#fff4ce")
MISSING_COLOR = QColor("#fde7e9")


def segment_pairs(source: str, target: str) -> list[tuple[str, str]]:
    """(source sentence, target sentence) pairs in the form the engine looks them up in memory.

    Protected like the engine protects (numbers, references... as ``⟦n⟧``, numbered over the whole
    source); the target's copies of those tokens get the source's placeholders. When the sentence
    counts differ, the whole field is one pair.
    """
    guarded = protect.protect(source)
    protected_target = target
    for number, token in sorted(enumerate(guarded.tokens, start=1), key=lambda t: -len(t[1])):
        protected_target = protected_target.replace(token, f"⟦{number}⟧")
    sources = segment.layout(guarded.text).sentences()
    targets = segment.layout(protected_target).sentences()
    if len(sources) == len(targets):
        return [(s, t) for s, t in zip(sources, targets, strict=True) if s.strip() and t.strip()]
    return [(guarded.text, protected_target)]


def accept_translations(
    vault: Vault, request_id: str, lang: str, accepted: list[tuple[str, str, str]], approved_by: str = ""
) -> MlaRequest:
    """Store thread: (path, source, text) as human translations, and their pairs in the memory."""
    with vault.transaction():
        request = mla.requests.get(vault, request_id)
        new = [FieldTranslation(path, lang, source, text, "human") for path, source, text in accepted]
        done = {(n.field, n.lang) for n in new}
        kept = tuple(t for t in request.translations if (t.field, t.lang) not in done)
        updated = mla.update(vault, request.id, {"translations": kept + tuple(new)})
        for _path, source, text in accepted:
            for src, tgt in segment_pairs(source, text):
                translation_service.approve(vault, request.language, lang, src, tgt, approved_by)
    return updated


class _MultilineDelegate(QStyledItemDelegate):
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data() or ""))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText().strip())


class TranslationReview(QWidget):
    request_changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.request: MlaRequest | None = None
        self._filling = False
        self.language = QComboBox()
        self.language.currentIndexChanged.connect(lambda _i: self._fill())
        self.language_label = QLabel()
        self.translate_button = QPushButton()
        self.translate_button.clicked.connect(self.translate)
        self.accept_button = QPushButton()
        self.accept_button.clicked.connect(self.accept_selected)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setWordWrap(True)
        self.table.setItemDelegateForColumn(TRANSLATION, _MultilineDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ORIGINAL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TRANSLATION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ORIGIN, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(FIELD, 170)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._item_changed)
        controls = QHBoxLayout()
        controls.addWidget(self.language_label)
        controls.addWidget(self.language)
        controls.addWidget(self.translate_button)
        controls.addStretch(1)
        controls.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.certifications = CertificationPanel(session)
        self.certifications.request_changed.connect(self._certified)
        layout.addWidget(self.certifications)
        self.retranslate_ui()
        self.set_request(None)

    def retranslate_ui(self) -> None:
        self.language_label.setText(_("Translate into"))
        self.translate_button.setText(_("Translate free text"))
        self.translate_button.setToolTip(_("Machine-translate the fields that have no translation yet"))
        self.accept_button.setText(_("Accept selected"))
        self.accept_button.setToolTip(
            _("Keep the (edited) text as a human translation and add it to the translation memory")
        )
        self.table.setHorizontalHeaderLabels([_("Field"), _("Original"), _("Translation"), _("Origin")])
        self.certifications.retranslate_ui()
        self._fill()

    # --- content --------------------------------------------------------------------------------

    def set_request(self, request: MlaRequest | None) -> None:
        previous = self.language.currentData()
        if request is None:
            self.guard.invalidate()
            self.translate_button.setEnabled(True)
            self.accept_button.setEnabled(True)
            self.status.clear()
        self.request = request
        self.language.blockSignals(True)
        self.language.clear()
        if request is not None:
            for code in catalogs.languages():
                if code != request.language:
                    self.language.addItem(language_label(code), code)
            index = self.language.findData(previous or _default_target(request))
            self.language.setCurrentIndex(max(index, 0))
        self.language.blockSignals(False)
        self.setEnabled(request is not None)
        self._fill()

    @property
    def target(self) -> str:
        return str(self.language.currentData() or "")

    def _fill(self) -> None:
        self._filling = True
        self.table.setRowCount(0)
        request, lang = self.request, self.target
        if request is not None and lang:
            for path, source in free_text_fields(request):
                self._add_row(path, source, translation_of(request, path, lang, source))
        self.table.resizeRowsToContents()
        self._filling = False
        self.certifications.set_request(request, lang)

    def _certified(self, updated: MlaRequest) -> None:
        self.set_request(updated)
        self.request_changed.emit(updated.id)

    def _add_row(self, path: str, source: str, found: FieldTranslation | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = QTableWidgetItem(qualified_field_text(path))
        label.setData(Qt.ItemDataRole.UserRole, path)
        original = QTableWidgetItem(source)
        translated = QTableWidgetItem(found.text if found else "")
        origin = QTableWidgetItem(
            doc_text(texts.TRANSLATION_ORIGIN_LABELS[found.origin]) if found else _("not translated")
        )
        if found is None:
            translated.setBackground(QBrush(MISSING_COLOR))
        for item in (label, original, origin):
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        for column, item in enumerate((label, original, translated, origin)):
            self.table.setItem(row, column, item)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != TRANSLATION:
            return
        item.setBackground(QBrush(EDITED_COLOR))
        origin = self.table.item(item.row(), ORIGIN)
        if origin is not None:
            origin.setText(_("edited, not accepted yet"))
        self.table.selectRow(item.row())

    # --- actions --------------------------------------------------------------------------------

    def translate(self) -> None:
        request, lang = self.request, self.target
        if request is None or not lang:
            return
        runner = self.session.runner
        self.translate_button.setEnabled(False)
        self.status.setText(_("Translating…"))

        def progress(path: str) -> None:
            runner.on_main(
                lambda: self.status.setText(_("Translating {field}…").format(field=field_text(path)))
            )

        def work(vault: Vault) -> tuple[MlaRequest, list[str]]:
            current = mla.requests.get(vault, request.id)
            return mla_export.translate_free_text(vault, current, lang, shared_engine(), progress)

        self.guard.command(KIND, work, self._translated, self._failed)

    def _translated(self, result: tuple[MlaRequest, list[str]]) -> None:
        updated, missing = result
        self.translate_button.setEnabled(True)
        self.set_request(updated)
        if missing:
            self.status.setText(
                _(
                    "{count} field(s) left untranslated: no language pack covers {source} → {target}. "
                    "Install one under Language packs, or type the translation and accept it."
                ).format(count=len(missing), source=updated.language, target=self.target)
            )
        else:
            self.status.setText(_("Review each translation; edit it if needed, then accept it."))
        self.request_changed.emit(updated.id)

    def _failed(self, err: BaseException) -> None:
        self.translate_button.setEnabled(True)
        self.accept_button.setEnabled(True)
        self.status.setText(_("Failed: {reason}").format(reason=error_text(err)))

    def accept_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        self.accept_rows(rows)

    def accept_rows(self, rows: list[int]) -> None:
        request, lang = self.request, self.target
        if request is None or not rows:
            self.status.setText(_("Select the translations to accept."))
            return
        accepted = []
        for row in rows:
            path = str(self.table.item(row, FIELD).data(Qt.ItemDataRole.UserRole))
            source = self.table.item(row, ORIGINAL).text()
            text = self.table.item(row, TRANSLATION).text().strip()
            if text:
                accepted.append((path, source, text))
        if not accepted:
            self.status.setText(_("The selected fields have no translation to accept."))
            return
        self.accept_button.setEnabled(False)

        def done(updated: MlaRequest) -> None:
            self.accept_button.setEnabled(True)
            self.set_request(updated)
            self.status.setText(
                _("{count} translation(s) accepted and added to the translation memory.").format(
                    count=len(accepted)
                )
            )
            self.request_changed.emit(updated.id)

        self.guard.command(
            KIND, lambda vault: accept_translations(vault, request.id, lang, accepted), done, self._failed
        )


def _default_target(request: MlaRequest) -> str:
    if request.requested_state:
        accepted = countries.accepted_languages(request.requested_state, request.rule_set)
        for code in accepted:
            if code != request.language:
                return code
    return "fr" if request.language != "fr" else "en"
