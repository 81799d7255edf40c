"""Agencies as a table (with where each sits in its hierarchy), and the hierarchy helpers the page
and the editor share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject

from liaison.domain import Agency
from ui.i18n import N_
from ui.models import RecordFilterProxy, RecordTableModel, country_name, label

# Parent chains longer than this are a data error (a cycle written before the core refused them).
MAX_DEPTH = 32


def ancestors(agency: Agency, by_id: Mapping[str, Agency]) -> list[Agency]:
    """The agencies above ``agency``, nearest first (stops at a missing parent or a cycle)."""
    chain: list[Agency] = []
    seen = {agency.id}
    parent_id = agency.parent_id
    while parent_id and parent_id not in seen and len(chain) < MAX_DEPTH:
        parent = by_id.get(parent_id)
        if parent is None:
            break
        chain.append(parent)
        seen.add(parent.id)
        parent_id = parent.parent_id
    return chain


def descendants(agency_id: str, agencies: Iterable[Agency]) -> set[str]:
    """Ids of every agency below ``agency_id`` (not itself)."""
    children: dict[str, list[str]] = {}
    for a in agencies:
        if a.parent_id:
            children.setdefault(a.parent_id, []).append(a.id)
    found: set[str] = set()
    stack = list(children.get(agency_id, ()))
    while stack:
        current = stack.pop()
        if current not in found and current != agency_id:
            found.add(current)
            stack.extend(children.get(current, ()))
    return found


def hierarchy_path(agency: Agency, by_id: Mapping[str, Agency]) -> str:
    """ "Ministry › Directorate › Unit": the chain from the top down to ``agency``."""
    names = [a.name for a in reversed(ancestors(agency, by_id))]
    return " › ".join([*names, agency.name])


class AgenciesModel(RecordTableModel[Agency]):
    NAME, NATIVE, KIND, COUNTRY, PARENT, CONTACTS, HANDLING = range(7)
    COLUMNS = (
        N_("Name"),
        N_("Native name"),
        N_("Kind"),
        N_("Country"),
        N_("Part of"),
        N_("Contacts"),
        N_("Handling"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._by_id: dict[str, Agency] = {}
        self._contacts: dict[str, int] = {}

    def set_agencies(self, agencies: Sequence[Agency], contact_counts: Mapping[str, int]) -> None:
        self._by_id = {a.id: a for a in agencies}
        self._contacts = dict(contact_counts)
        self.set_records(agencies)

    def clear(self) -> None:
        self._by_id, self._contacts = {}, {}
        super().clear()

    def by_id(self) -> Mapping[str, Agency]:
        return self._by_id

    def contact_count(self, agency: Agency) -> int:
        return self._contacts.get(agency.id, 0)

    def parent_name(self, agency: Agency) -> str:
        parent = self._by_id.get(agency.parent_id or "")
        return parent.name if parent else ""

    def cell(self, record: Agency, column: int) -> str:
        values: dict[int, Callable[[Agency], str]] = {
            self.NAME: lambda a: a.name,
            self.NATIVE: lambda a: a.name_native,
            self.KIND: lambda a: label(a.kind),
            self.COUNTRY: lambda a: a.country,
            self.PARENT: self.parent_name,
            self.CONTACTS: lambda a: str(self.contact_count(a) or ""),
            self.HANDLING: lambda a: a.handling.value,
        }
        return values[column](record)

    def sort_value(self, record: Agency, column: int) -> Any:
        if column == self.CONTACTS:
            return self.contact_count(record)
        if column == self.PARENT:
            # Sorting on "Part of" groups each agency under its hierarchy.
            return hierarchy_path(record, self._by_id).casefold()
        return super().sort_value(record, column)

    def tooltip(self, record: Agency, column: int) -> str | None:
        if column == self.COUNTRY:
            return country_name(record.country) or None
        if column in (self.NAME, self.PARENT):
            return hierarchy_path(record, self._by_id)
        return super().tooltip(record, column)


class AgencyFilterProxy(RecordFilterProxy):
    """Free text over names (Latin and native), kind, country name, region, address and parents."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.country = ""

    def set_country(self, code: str) -> None:
        self.update_filter(lambda: setattr(self, "country", code))

    def haystack(self, record: Agency) -> str:
        model = self.record_model()
        assert isinstance(model, AgenciesModel)
        return " ".join(
            (
                hierarchy_path(record, model.by_id()),
                record.name_native,
                label(record.kind),
                record.country,
                country_name(record.country),
                record.region,
                record.address,
            )
        )

    def accepts(self, record: Agency) -> bool:
        return not self.country or record.country == self.country
