"""The case editor dialog: add or edit a case's own fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Case, CaseStatus
from liaison.services import catalog
from ui.i18n import N_, _
from ui.session import Session
from ui.views.contact_editor import RecordDialog, enum_combo, relabel_enum_combo
from ui.widgets.date_field import DateField
from ui.widgets.handling_badge import HandlingCombo


class CaseEditor(RecordDialog):
    ERROR_FIELDS = (
        ("reference", "reference"),
        ("title", "title"),
        ("country", "countries"),
        ("a case cannot close", "closed_on"),
    )

    def __init__(self, session: Session, case: Case | None, parent: QWidget | None = None) -> None:
        super().__init__(session, "case", parent)
        self.case = case
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.reference, self.title_edit, self.status = QLineEdit(), QLineEdit(), enum_combo(CaseStatus)
        self.opened_on, self.closed_on, self.countries = DateField(), DateField(), QLineEdit()
        self.handling, self.summary = HandlingCombo(), QPlainTextEdit()
        for key, caption, widget in (
            ("reference", N_("Reference"), self.reference),
            ("title", N_("Title"), self.title_edit),
            ("status", N_("Status"), self.status),
            ("opened_on", N_("Opened on"), self.opened_on),
            ("closed_on", N_("Closed on"), self.closed_on),
            ("countries", N_("Countries"), self.countries),
            ("handling", N_("Handling"), self.handling),
            ("summary", N_("Summary"), self.summary),
        ):
            self.add_row(form, key, caption, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        self.add_footer(layout, case.id if case else None)
        self.resize(560, 460)
        self.load(case or Case(reference="", title="", opened_on=dt.date.today()))  # opened today
        self.retranslate_ui()

    def load(self, case: Case) -> None:
        self.reference.setText(case.reference)
        self.title_edit.setText(case.title)
        self.status.setCurrentIndex(max(0, self.status.findData(case.status.value)))
        self.opened_on.set_date(case.opened_on)
        self.closed_on.set_date(case.closed_on)
        self.countries.setText(", ".join(case.countries))
        self.handling.set_handling(case.handling)
        self.summary.setPlainText(case.summary)

    def values(self) -> dict[str, Any]:
        countries = tuple(c.strip().upper() for c in self.countries.text().replace(",", " ").split())
        return {
            "reference": self.reference.text().strip(),
            "title": self.title_edit.text().strip(),
            "status": CaseStatus(self.status.currentData()),
            "opened_on": self.opened_on.date("opened_on"),
            "closed_on": self.closed_on.date("closed_on"),
            "countries": countries,
            "handling": self.handling.handling(),
            "summary": self.summary.toPlainText().strip(),
        }

    def build_work(self) -> Callable[[Any], Any] | None:
        values = self.values()
        if self.case is None:
            new = Case(**values)
            return lambda vault: catalog.cases.add(vault, new)
        current = self.case
        changes = {k: v for k, v in values.items() if getattr(current, k) != v}
        return (lambda vault: catalog.cases.edit(vault, current.id, changes)) if changes else None

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("New case") if self.case is None else _("Edit case"))
        self.reference.setPlaceholderText(_("Required, e.g. 2026/0142"))
        self.title_edit.setPlaceholderText(_("Required"))
        self.countries.setPlaceholderText(_("Country codes, e.g. FR, MA"))
        relabel_enum_combo(self.status, CaseStatus)
        self.handling.retranslate_ui()
