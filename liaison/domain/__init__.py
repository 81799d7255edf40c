"""Frozen dataclasses and enums describing what a liaison officer works with.

Imports nothing else from the project. Dates are ``datetime.date``; timestamps are ISO 8601 UTC
strings set by the store; ids are UUID strings set by the store.
"""

from liaison.domain.base import Handling, Record
from liaison.domain.entities import (
    Agency,
    AgencyKind,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Case,
    CaseStatus,
    Channel,
    Contact,
    ContactRole,
    ContactStatus,
    LanguageSkill,
    Link,
    LocalizedText,
    Note,
    NoteRevision,
    Party,
    PartyStatus,
    TrustLevel,
)
from liaison.domain.language import GlossaryTerm, TmEntry

__all__ = [
    "Agency",
    "AgencyKind",
    "Agreement",
    "AgreementKind",
    "AgreementStatus",
    "Case",
    "CaseStatus",
    "Channel",
    "Contact",
    "ContactRole",
    "ContactStatus",
    "GlossaryTerm",
    "Handling",
    "LanguageSkill",
    "Link",
    "LocalizedText",
    "Note",
    "NoteRevision",
    "Party",
    "PartyStatus",
    "Record",
    "TmEntry",
    "TrustLevel",
]
