"""Agencies, contacts, agreements and their parties, cases, notes and links (see domain.md)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from liaison.domain.base import Record


class AgencyKind(enum.StrEnum):
    POLICE = "police"
    PROSECUTION = "prosecution"
    JUDICIARY = "judiciary"
    CENTRAL_AUTHORITY = "central_authority"
    MINISTRY = "ministry"
    CUSTOMS = "customs"
    FIU = "fiu"
    INTERNATIONAL = "international"
    OTHER = "other"


class ContactRole(enum.StrEnum):
    CENTRAL_AUTHORITY_CASEWORKER = "central_authority_caseworker"
    PROSECUTOR = "prosecutor"
    INVESTIGATING_JUDGE = "investigating_judge"
    POLICE_INVESTIGATOR = "police_investigator"
    NCB_OFFICER = "ncb_officer"
    LIAISON_OFFICER = "liaison_officer"
    EJN_CONTACT_POINT = "ejn_contact_point"
    EUROJUST_NATIONAL_MEMBER = "eurojust_national_member"
    LEGAL_ATTACHE = "legal_attache"
    OTHER = "other"


class TrustLevel(enum.StrEnum):
    MET_IN_PERSON = "met_in_person"
    VERIFIED_DIRECTORY = "verified_directory"
    INTRODUCED = "introduced"
    UNVERIFIED = "unverified"


class ContactStatus(enum.StrEnum):
    ACTIVE = "active"
    MOVED = "moved"
    RETIRED = "retired"


class AgreementKind(enum.StrEnum):
    MULTILATERAL = "multilateral"
    PROTOCOL = "protocol"
    BILATERAL_MLAT = "bilateral_mlat"
    EU_INSTRUMENT = "eu_instrument"
    NON_BINDING_SCHEME = "non_binding_scheme"
    MOU = "mou"
    RECIPROCITY = "reciprocity"


class AgreementStatus(enum.StrEnum):
    OPEN_FOR_SIGNATURE = "open_for_signature"
    IN_FORCE = "in_force"
    NOT_IN_FORCE = "not_in_force"
    SUPERSEDED = "superseded"
    TERMINATED = "terminated"


class PartyStatus(enum.StrEnum):
    SIGNED = "signed"
    IN_FORCE = "in_force"
    DENOUNCED = "denounced"


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    DORMANT = "dormant"
    CLOSED = "closed"


@dataclass(frozen=True)
class LanguageSkill:
    """ISO 639-1 code and how the person uses it: working, spoken or reads."""

    code: str
    level: str = "working"


@dataclass(frozen=True)
class Channel:
    """A way to reach someone. ``secure`` marks accredited channels (SIENA, I-24/7, PGP mail...)."""

    kind: str
    value: str
    secure: bool = False


@dataclass(frozen=True)
class LocalizedText:
    lang: str
    text: str


@dataclass(frozen=True, kw_only=True)
class Agency(Record):
    name: str
    name_native: str = ""
    kind: AgencyKind = AgencyKind.POLICE
    country: str = ""
    region: str = ""
    parent_id: str | None = None
    address: str = ""
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class Contact(Record):
    full_name: str
    name_native: str = ""
    honorific: str = ""
    gender: str = ""
    agency_id: str | None = None
    country: str = ""
    unit: str = ""
    role: ContactRole = ContactRole.OTHER
    competences: tuple[str, ...] = ()
    urgent_contact: bool = False
    languages: tuple[LanguageSkill, ...] = ()
    preferred_language: str = ""
    channels: tuple[Channel, ...] = ()
    preferred_channel: str = ""
    avoid_channels: tuple[str, ...] = ()
    timezone: str = ""
    working_hours: str = ""
    trust_level: TrustLevel = TrustLevel.UNVERIFIED
    verified_on: dt.date | None = None
    verification_method: str = ""
    last_contact_on: dt.date | None = None
    last_contact_channel: str = ""
    next_follow_up: dt.date | None = None
    status: ContactStatus = ContactStatus.ACTIVE
    successor_id: str | None = None
    source: str = ""
    data_protection_basis: str = ""
    review_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class Agreement(Record):
    title: str
    short_name: str = ""
    titles: tuple[LocalizedText, ...] = ()
    kind: AgreementKind = AgreementKind.MULTILATERAL
    scope: tuple[str, ...] = ()
    rule_set: str = ""
    adopted_on: dt.date | None = None
    in_force_on: dt.date | None = None
    status: AgreementStatus = AgreementStatus.IN_FORCE
    relationship: str = ""
    source_url: str = ""
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class Party(Record):
    agreement_id: str
    country: str
    signed_on: dt.date | None = None
    ratified_on: dt.date | None = None
    in_force_on: dt.date | None = None
    status: PartyStatus = PartyStatus.IN_FORCE
    accepted_languages: tuple[str, ...] = ()
    central_authority_id: str | None = None
    reservations: str = ""
    declarations: str = ""
    channels: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Case(Record):
    reference: str
    title: str
    summary: str = ""
    status: CaseStatus = CaseStatus.OPEN
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    countries: tuple[str, ...] = ()
    offences: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Note(Record):
    case_id: str
    title: str = ""
    body: str = ""
    language: str = ""
    revision: int = 1


@dataclass(frozen=True)
class NoteRevision:
    """An earlier (or the current) text of a note: edits append, never overwrite."""

    note_id: str
    revision: int
    title: str
    body: str
    edited_at: str
    device_id: str


@dataclass(frozen=True, kw_only=True)
class Link(Record):
    """A relation between two records of any kind, e.g. a contact working on a case."""

    a_kind: str
    a_id: str
    b_kind: str
    b_id: str
    relation: str = "related"
    note: str = ""
