"""Which domain class lives in which table, and what of it is searchable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from liaison.domain import (
    Agency,
    Agreement,
    Case,
    Contact,
    GlossaryTerm,
    Link,
    Note,
    Party,
    Record,
    TmEntry,
)
from liaison.domain.mla import MlaRequest


@dataclass(frozen=True)
class EntitySpec:
    kind: str
    cls: type[Record]
    table: str
    search: Callable[[Any], tuple[str, str]] | None = None


def _join(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p)


def _contact_text(c: Contact) -> tuple[str, str]:
    langs = " ".join(skill.code for skill in c.languages)
    channels = " ".join(ch.value for ch in c.channels)
    body = _join(
        c.name_native,
        c.honorific,
        c.unit,
        c.role.value.replace("_", " "),
        " ".join(c.competences),
        langs,
        channels,
        c.country,
        c.timezone,
        c.notes,
    )
    return c.full_name, body


def _agency_text(a: Agency) -> tuple[str, str]:
    return a.name, _join(
        a.name_native, a.kind.value.replace("_", " "), a.country, a.region, a.address, a.notes
    )


def _agreement_text(a: Agreement) -> tuple[str, str]:
    titles = " ".join(t.text for t in a.titles)
    return _join(a.short_name, a.title), _join(titles, " ".join(a.scope), a.rule_set, a.relationship, a.notes)


def _case_text(c: Case) -> tuple[str, str]:
    return _join(c.reference, c.title), _join(c.summary, " ".join(c.countries), " ".join(c.offences))


def _request_text(r: MlaRequest) -> tuple[str, str]:
    measures = " ".join(m.kind.value.replace("_", " ") + " " + m.description for m in r.measures)
    return _join(r.our_reference, r.requested_state, r.foreign_reference), _join(
        r.facts, r.purpose, measures, " ".join(o.classification for o in r.offences)
    )


def _note_text(n: Note) -> tuple[str, str]:
    return n.title, n.body


ENTITIES: dict[str, EntitySpec] = {
    spec.kind: spec
    for spec in (
        EntitySpec("agency", Agency, "agencies", _agency_text),
        EntitySpec("contact", Contact, "contacts", _contact_text),
        EntitySpec("agreement", Agreement, "agreements", _agreement_text),
        EntitySpec("party", Party, "parties"),
        EntitySpec("case", Case, "cases", _case_text),
        EntitySpec("note", Note, "notes", _note_text),
        EntitySpec("link", Link, "links"),
        EntitySpec("tm_entry", TmEntry, "tm_entries"),
        EntitySpec("glossary_term", GlossaryTerm, "glossary_terms"),
        EntitySpec("mla_request", MlaRequest, "mla_requests", _request_text),
    )
}
_BY_CLASS = {spec.cls: spec for spec in ENTITIES.values()}


def spec_for(cls_or_kind: type[Record] | str) -> EntitySpec:
    if isinstance(cls_or_kind, str):
        return ENTITIES[cls_or_kind]
    return _BY_CLASS[cls_or_kind]
