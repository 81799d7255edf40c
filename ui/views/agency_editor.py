"""The agency editor dialog: add or edit an agency, place it under a parent agency.

Opened from the Agencies page, and inline from the contact editor and the request editor ("New
agency…" beside their agency lists), so an officer never needs the command line to address a
request to an authority that is not in the vault yet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Agency, AgencyKind, Handling
from liaison.services import catalog
from ui.i18n import N_, _
from ui.models.agencies_model import descendants, hierarchy_path
from ui.session import Session
from ui.views.contact_editor import RecordDialog, enum_combo, relabel_enum_combo
from ui.widgets.country_field import country_field
from ui.widgets.handling_badge import HandlingCombo


class AgencyEditor(RecordDialog):
    """Add (``agency=None``) or edit an agency. ``agencies`` are every agency (for the parent list)."""

    ERROR_FIELDS = (
        ("name", "name"),
        ("country", "country"),
        ("parent agency", "parent"),
        ("an agency", "parent"),
    )

    def __init__(
        self,
        session: Session,
        agency: Agency | None,
        agencies: Sequence[Agency],
        parent: QWidget | None = None,
        *,
        country: str = "",
    ) -> None:
        super().__init__(session, "agency", parent)
        self.agency = agency
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name_edit, self.name_native = QLineEdit(), QLineEdit()
        self.kind = enum_combo(AgencyKind)
        self.country, self.country_label, country_row = country_field()
        self.region = QLineEdit()
        self.parent_agency = QComboBox()
        self.parent_agency.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.parent_agency.setMinimumContentsLength(24)
        self._fill_parents(agencies)
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setMaximumHeight(70)
        self.handling = HandlingCombo()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        for key, caption, widget in (
            ("name", N_("Name"), self.name_edit),
            ("name_native", N_("Native name"), self.name_native),
            ("kind", N_("Kind"), self.kind),
            ("country", N_("Country"), country_row),
            ("region", N_("Region"), self.region),
            ("parent", N_("Part of"), self.parent_agency),
            ("address", N_("Address"), self.address),
            ("handling", N_("Handling"), self.handling),
            ("notes", N_("Notes"), self.notes),
        ):
            self.add_row(form, key, caption, widget)
        self._errors["country"] = (self._errors["country"][0], self.country, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        self.add_footer(layout, agency.id if agency else None)
        self.resize(560, 520)
        self.load(agency or Agency(name="", country=country.upper(), handling=Handling.GREEN))
        self.retranslate_ui()

    def _fill_parents(self, agencies: Sequence[Agency]) -> None:
        """Every agency but this one and those below it (which would make a loop)."""
        by_id = {a.id: a for a in agencies}
        excluded = {self.agency.id, *descendants(self.agency.id, agencies)} if self.agency else set()
        self.parent_agency.addItem("", "")
        choices = sorted(
            ((hierarchy_path(a, by_id), a.id) for a in agencies if a.id not in excluded),
            key=lambda item: item[0].casefold(),
        )
        for text, agency_id in choices:
            self.parent_agency.addItem(text, agency_id)

    def load(self, a: Agency) -> None:
        self.name_edit.setText(a.name)
        self.name_native.setText(a.name_native)
        self.kind.setCurrentIndex(max(0, self.kind.findData(a.kind.value)))
        self.country.setText(a.country)
        self.region.setText(a.region)
        self.parent_agency.setCurrentIndex(max(0, self.parent_agency.findData(a.parent_id or "")))
        self.address.setPlainText(a.address)
        self.handling.set_handling(a.handling)
        self.notes.setPlainText(a.notes)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name_edit.text().strip(),
            "name_native": self.name_native.text().strip(),
            "kind": AgencyKind(self.kind.currentData()),
            "country": self.country.text().strip().upper(),
            "region": self.region.text().strip(),
            "parent_id": self.parent_agency.currentData() or None,
            "address": self.address.toPlainText().strip(),
            "handling": Handling(self.handling.handling()),
            "notes": self.notes.toPlainText().strip(),
        }

    def saved_name(self) -> str:
        """The name as saved (for the inline "new agency" callers that add it to their list)."""
        return self.name_edit.text().strip()

    def saved_label(self) -> str:
        """ "Name (CC)", as the request editor lists agencies."""
        country = self.country.text().strip().upper()
        return f"{self.saved_name()} ({country})" if country else self.saved_name()

    def build_work(self) -> Callable[[Any], Any] | None:
        values = self.values()
        if self.agency is None:
            new = Agency(**values)
            return lambda vault: catalog.agencies.add(vault, new)
        current = self.agency
        changes = {k: v for k, v in values.items() if getattr(current, k) != v}
        return (lambda vault: catalog.agencies.edit(vault, current.id, changes)) if changes else None

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("New agency") if self.agency is None else _("Edit agency"))
        self.name_edit.setPlaceholderText(_("Required, in Latin letters (e.g. Bundeskriminalamt)"))
        self.name_native.setPlaceholderText(_("As the agency writes it (e.g. Генеральная прокуратура)"))
        self.country.setPlaceholderText("FR")
        self.country.setToolTip(_("Two-letter ISO country code"))
        self.region.setPlaceholderText(_("State, province or city, if not national"))
        self.parent_agency.setToolTip(_("The ministry, directorate or agency this one belongs to"))
        relabel_enum_combo(self.kind, AgencyKind)
        self.handling.retranslate_ui()
