"""The agreement registry and the parties of one agreement, as tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject

from liaison.domain import Agreement, Party
from ui.i18n import N_
from ui.models import RecordFilterProxy, RecordTableModel, country_name, format_date, label, language_name


class AgreementsModel(RecordTableModel[Agreement]):
    SHORT_NAME, TITLE, KIND, STATUS, IN_FORCE, HANDLING = range(6)
    COLUMNS = (N_("Short name"), N_("Title"), N_("Kind"), N_("Status"), N_("In force"), N_("Handling"))

    def cell(self, record: Agreement, column: int) -> str:
        values: dict[int, Callable[[Agreement], str]] = {
            self.SHORT_NAME: lambda a: a.short_name,
            self.TITLE: lambda a: a.title,
            self.KIND: lambda a: label(a.kind),
            self.STATUS: lambda a: label(a.status),
            self.IN_FORCE: lambda a: format_date(a.in_force_on),
            self.HANDLING: lambda a: a.handling.value,
        }
        return values[column](record)

    def sort_value(self, record: Agreement, column: int) -> Any:
        if column == self.SHORT_NAME:
            return (record.short_name or record.title).casefold()
        return super().sort_value(record, column)


class AgreementFilterProxy(RecordFilterProxy):
    def haystack(self, record: Agreement) -> str:
        titles = " ".join(t.text for t in record.titles)
        return " ".join((super().haystack(record), titles, " ".join(record.scope), record.notes))


class PartiesModel(RecordTableModel[Party]):
    COUNTRY, STATUS, SIGNED, RATIFIED, IN_FORCE, LANGUAGES, AUTHORITY, RESERVATIONS, DECLARATIONS = range(9)
    COLUMNS = (
        N_("Country"),
        N_("Status"),
        N_("Signed"),
        N_("Ratified"),
        N_("In force"),
        N_("Accepted languages"),
        N_("Central authority"),
        N_("Reservations"),
        N_("Declarations"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._agency_names: dict[str, str] = {}

    def set_parties(self, parties: Iterable[Party], agency_names: Mapping[str, str]) -> None:
        self._agency_names = dict(agency_names)
        self.set_records(parties)

    def clear(self) -> None:
        self._agency_names = {}
        super().clear()

    def authority_name(self, party: Party) -> str:
        return self._agency_names.get(party.central_authority_id or "", "")

    def cell(self, record: Party, column: int) -> str:
        values: dict[int, Callable[[Party], str]] = {
            self.COUNTRY: lambda p: p.country,
            self.STATUS: lambda p: label(p.status),
            self.SIGNED: lambda p: format_date(p.signed_on),
            self.RATIFIED: lambda p: format_date(p.ratified_on),
            self.IN_FORCE: lambda p: format_date(p.in_force_on),
            self.LANGUAGES: lambda p: ", ".join(language_name(code) for code in p.accepted_languages),
            self.AUTHORITY: self.authority_name,
            self.RESERVATIONS: lambda p: " ".join(p.reservations.split()),
            self.DECLARATIONS: lambda p: " ".join(p.declarations.split()),
        }
        return values[column](record)

    def tooltip(self, record: Party, column: int) -> str | None:
        if column == self.COUNTRY:
            return country_name(record.country)
        if column == self.LANGUAGES:  # the names in the cell, the codes the rules use here
            return ", ".join(record.accepted_languages) or None
        if column == self.RESERVATIONS:
            return record.reservations or None
        if column == self.DECLARATIONS:
            return record.declarations or None
        return super().tooltip(record, column)
