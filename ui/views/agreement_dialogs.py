"""The agreement editor dialog: add or edit an agreement's own fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Agreement, AgreementKind, AgreementStatus, Handling
from liaison.services import catalog
from ui.i18n import N_, _
from ui.session import Session
from ui.views.contact_editor import RecordDialog, enum_combo, relabel_enum_combo
from ui.widgets.date_field import DateField
from ui.widgets.handling_badge import HandlingCombo


class AgreementEditor(RecordDialog):
    """Add or edit an agreement's own fields (parties are listed on the page)."""

    ERROR_FIELDS = (("title language", "title"), ("title", "title"))

    def __init__(self, session: Session, agreement: Agreement | None, parent: QWidget | None = None) -> None:
        super().__init__(session, "agreement", parent)
        self.agreement = agreement
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit, self.short_name = QLineEdit(), QLineEdit()
        self.kind, self.status = enum_combo(AgreementKind), enum_combo(AgreementStatus)
        self.adopted_on, self.in_force_on = DateField(), DateField()
        self.handling, self.source_url, self.notes = HandlingCombo(), QLineEdit(), QPlainTextEdit()
        for key, caption, widget in (
            ("title", N_("Title"), self.title_edit),
            ("short_name", N_("Short name"), self.short_name),
            ("kind", N_("Kind"), self.kind),
            ("status", N_("Status"), self.status),
            ("adopted_on", N_("Adopted on"), self.adopted_on),
            ("in_force_on", N_("In force on"), self.in_force_on),
            ("handling", N_("Handling"), self.handling),
            ("source_url", N_("Source"), self.source_url),
            ("notes", N_("Notes"), self.notes),
        ):
            self.add_row(form, key, caption, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        self.add_footer(layout, agreement.id if agreement else None)
        self.resize(600, 480)
        self.load(agreement or Agreement(title="", handling=Handling.CLEAR))
        self.retranslate_ui()

    def load(self, a: Agreement) -> None:
        self.title_edit.setText(a.title)
        self.short_name.setText(a.short_name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(a.kind.value)))
        self.status.setCurrentIndex(max(0, self.status.findData(a.status.value)))
        self.adopted_on.set_date(a.adopted_on)
        self.in_force_on.set_date(a.in_force_on)
        self.handling.set_handling(a.handling)
        self.source_url.setText(a.source_url)
        self.notes.setPlainText(a.notes)

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text().strip(),
            "short_name": self.short_name.text().strip(),
            "kind": AgreementKind(self.kind.currentData()),
            "status": AgreementStatus(self.status.currentData()),
            "adopted_on": self.adopted_on.date("adopted_on"),
            "in_force_on": self.in_force_on.date("in_force_on"),
            "handling": self.handling.handling(),
            "source_url": self.source_url.text().strip(),
            "notes": self.notes.toPlainText().strip(),
        }

    def build_work(self) -> Callable[[Any], Any] | None:
        values = self.values()
        if self.agreement is None:
            new = Agreement(**values)
            return lambda vault: catalog.agreements.add(vault, new)
        current = self.agreement
        changes = {k: v for k, v in values.items() if getattr(current, k) != v}
        return (lambda vault: catalog.agreements.edit(vault, current.id, changes)) if changes else None

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("New agreement") if self.agreement is None else _("Edit agreement"))
        self.title_edit.setPlaceholderText(_("Required"))
        relabel_enum_combo(self.kind, AgreementKind)
        relabel_enum_combo(self.status, AgreementStatus)
        self.handling.retranslate_ui()
