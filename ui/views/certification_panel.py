"""The translators' certifications of a request: one per target language, listed with whether each
still holds, and a form to record one for the language under review.

Why a panel of its own (under the translation review, not in the field editor): a certification is a
statement about the text as it is stored, so it is recorded by ``mla.certify_translation`` on the
store thread (which refuses while a field has no translation), never typed as a field value.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from liaison.documents import certification
from liaison.domain.mla import MlaRequest
from liaison.services import mla
from liaison.store.vault import Vault
from ui.i18n import _, error_text
from ui.models import QueryGuard
from ui.models.packs_model import language_label
from ui.session import Session
from ui.widgets.date_field import DateField
from ui.widgets.form_fields import read_date

KIND = "mla_request"
VOID_COLOR = QColor("#b3261e")
LANGUAGE, TRANSLATOR, QUALIFICATION, DATE, STATE = range(5)


class CertificationPanel(QGroupBox):
    """Every certification of the request (valid or void) and "Certify" for the chosen language."""

    request_changed = Signal(object)  # the updated MlaRequest

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = QueryGuard(session, self)
        self.request: MlaRequest | None = None
        self.lang = ""
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(5)
        self.tree.setMaximumHeight(84)
        self.name = QLineEdit()
        self.qualification = QLineEdit()
        self.on = DateField()  # the interface's date format, or a calendar
        self.on.setMaximumWidth(200)
        self.certify_button = QPushButton()
        self.certify_button.clicked.connect(self.certify)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._labels = [QLabel() for _i in range(3)]
        # Two compact rows under the list, so the translations above keep most of the height.
        grid = QGridLayout()
        grid.addWidget(self._labels[0], 0, 0)
        grid.addWidget(self.name, 0, 1)
        grid.addWidget(self._labels[1], 0, 2)
        grid.addWidget(self.qualification, 0, 3)
        grid.addWidget(self._labels[2], 1, 0)
        grid.addWidget(self.on, 1, 1)
        grid.addWidget(self.certify_button, 1, 2, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Translators' certifications"))
        self.tree.setHeaderLabels([_("Language"), _("Translator"), _("Qualification"), _("Date"), _("State")])
        for label, text in zip(self._labels, (_("Translator"), _("Qualification"), _("Date")), strict=True):
            label.setText(text)
        self.qualification.setPlaceholderText(_("e.g. sworn translator, Court of Appeal of Paris"))
        self.on.retranslate_ui()
        self._fill()

    def set_request(self, request: MlaRequest | None, lang: str) -> None:
        if request is None or self.request is None or request.id != self.request.id:
            self.message.clear()
        self.request, self.lang = request, lang
        if not self.on.text():
            self.on.set_date(dt.date.today())
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        request = self.request
        self.setEnabled(request is not None)
        self.certify_button.setText(
            _("Certify the {language} translation").format(language=language_label(self.lang))
            if self.lang
            else _("Certify")
        )
        self.certify_button.setEnabled(request is not None and bool(self.lang))
        if request is None:
            return
        for cert in request.certifications:
            valid = certification.holds(request, cert)
            item = QTreeWidgetItem(
                [
                    language_label(cert.lang) if cert.lang else "?",
                    cert.name,
                    cert.qualification,
                    cert.certified_on.isoformat(),
                    _("valid") if valid else _("void: the text changed since"),
                ]
            )
            if not valid:
                item.setForeground(STATE, QBrush(VOID_COLOR))
            self.tree.addTopLevelItem(item)
        if not request.certifications:
            self.tree.addTopLevelItem(QTreeWidgetItem([_("None yet."), "", "", "", ""]))
        for column in range(self.tree.columnCount() - 1):
            self.tree.resizeColumnToContents(column)

    def certify(self) -> None:
        request, lang = self.request, self.lang
        if request is None or not lang:
            return
        on = read_date(self.on, self.message)
        if on is None:
            return
        name, qualification = self.name.text().strip(), self.qualification.text().strip()
        self.certify_button.setEnabled(False)

        def work(vault: Vault) -> MlaRequest:
            return mla.certify_translation(vault, request.id, lang, name, qualification, on)

        def done(updated: MlaRequest) -> None:
            self.message.setText(
                _("{language} certified by {name}; any later edit of this text voids it.").format(
                    language=language_label(lang), name=name
                )
            )
            self.set_request(updated, lang)
            self.request_changed.emit(updated)

        def failed(err: BaseException) -> None:
            self.certify_button.setEnabled(True)
            self.message.setText(_("Not certified: {reason}").format(reason=error_text(err)))

        self.guard.command(KIND, work, done, failed)
