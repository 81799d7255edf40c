"""A mutual legal assistance request, section by section (shared/docs/domain.md, merged field list).

Every section is a frozen value; the request record keeps them as fields so that each change of a
section is one operation in the op log. Free-text fields (facts, purposes, questions, procedures)
are the ones machine-translated at export; everything else is data formatted for the locale or
boilerplate from the template catalogs.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from liaison.domain.base import Record


class InstrumentKind(enum.StrEnum):
    MLA_LETTER = "mla_letter"
    EIO = "eio"
    OTHER = "other"


class RequestStatus(enum.StrEnum):
    DRAFT = "draft"
    READY = "ready"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    EXECUTED = "executed"
    PARTIALLY_EXECUTED = "partially_executed"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class ProceedingsType(enum.StrEnum):
    CRIMINAL_INVESTIGATION = "criminal_investigation"
    PROSECUTION = "prosecution"
    TRIAL = "trial"
    ADMINISTRATIVE = "administrative"  # EIO F(b)
    JUDICIAL_FOR_ADMINISTRATIVE = "judicial_for_administrative"  # EIO F(c)
    LEGAL_PERSON_LIABILITY = "legal_person_liability"  # EIO F(d)


class UrgencyReason(enum.StrEnum):
    EVIDENCE_AT_RISK = "evidence_at_risk"
    TRIAL_DATE = "trial_date"
    CUSTODY_TIME_LIMIT = "custody_time_limit"
    LIMITATION_PERIOD = "limitation_period"
    OTHER = "other"


class PersonRole(enum.StrEnum):
    SUSPECT = "suspect"
    ACCUSED = "accused"
    VICTIM = "victim"
    WITNESS = "witness"
    EXPERT = "expert"
    THIRD_PARTY = "third_party"
    ACCOUNT_HOLDER = "account_holder"
    COMPANY = "company"
    OTHER = "other"


class MeasureKind(enum.StrEnum):
    DOCUMENTS = "documents"
    BANK_RECORDS = "bank_records"
    TELECOM_DATA = "telecom_data"
    PRESERVATION = "preservation"
    HEARING = "hearing"
    SERVICE_OF_DOCUMENTS = "service_of_documents"
    SEARCH_AND_SEIZURE = "search_and_seizure"
    FREEZING_CONFISCATION = "freezing_confiscation"
    DETAINEE_TRANSFER = "detainee_transfer"
    COVERT_INTERCEPTION = "covert_interception"
    LOCATE_PERSON = "locate_person"
    VIDEOCONFERENCE = "videoconference"
    # The EIO form's own measures (Annex A section C) that the list above did not name.
    EVIDENCE_HELD = "evidence_held"  # information or evidence the executing authority already holds
    DATABASE_INFORMATION = "database_information"  # police or judicial databases
    SUBSCRIBER_IDENTIFICATION = "subscriber_identification"  # holder of a phone number or IP address
    TELEPHONE_HEARING = "telephone_hearing"
    BANKING_OPERATIONS = "banking_operations"
    MONITORING_BANKING = "monitoring_banking"  # real-time monitoring of banking operations
    CONTROLLED_DELIVERY = "controlled_delivery"
    COVERT_INVESTIGATION = "covert_investigation"
    # UNODC Request Writer's asset module: find and identify proceeds or instrumentalities of crime
    # (registers, banks, companies), so that their freezing or confiscation can then be requested.
    ASSET_TRACING = "asset_tracing"


class Undertaking(enum.StrEnum):
    SPECIALITY = "speciality"
    RETURN_OF_ORIGINALS = "return_of_originals"
    COSTS = "costs"
    DATA_PROTECTION = "data_protection"
    CONSULTATION = "consultation"
    RECIPROCITY = "reciprocity"


class ResultsForm(enum.StrEnum):
    ORIGINALS = "originals"
    CERTIFIED_COPIES = "certified_copies"
    ELECTRONIC = "electronic"


@dataclass(frozen=True)
class Authority:
    name: str = ""
    kind: str = ""  # e.g. "public prosecutor", "investigating judge", "police"
    address: str = ""
    phone: str = ""
    email: str = ""
    representative: str = ""
    post: str = ""
    file_number: str = ""
    languages: tuple[str, ...] = ()
    functions: str = ""  # free text: what this authority does in the case (UNTOC 18(15)(b))
    # A validating authority only (EIO section L): the date it validated the order, and whether it,
    # rather than the issuing authority, is the main contact point for the execution.
    validated_on: dt.date | None = None
    main_contact: bool = False


@dataclass(frozen=True)
class ContactOfficer:
    name: str = ""
    post: str = ""
    phone: str = ""
    email: str = ""
    languages: tuple[str, ...] = ()
    timezone: str = ""
    contact_id: str | None = None  # the vault contact it was taken from


@dataclass(frozen=True)
class LegalBasis:
    agreement_id: str | None = None
    instrument: str = ""  # short name when not in the registry, e.g. "Reciprocity"
    articles: str = ""


@dataclass(frozen=True)
class Offence:
    classification: str = ""
    provisions: str = ""  # statutory provisions with their quoted text (free text)
    max_penalty: str = ""
    limitation_date: dt.date | None = None
    eio_category: str = ""  # Annex D category key, EIO only
    punishable_three_years: bool = False
    # free text: the corresponding offence in the requested State's law, where dual criminality matters
    dual_criminality: str = ""


# An offence's fields that only a European Investigation Order uses (Annex D to Directive
# 2014/41/EU, section G of its form): a letter of request neither prints nor checks them, so the
# request editor does not show them for one (their values stay, for a switch back to an EIO).
EIO_ONLY_OFFENCE_FIELDS = frozenset({"eio_category", "punishable_three_years"})


@dataclass(frozen=True)
class Person:
    role: PersonRole = PersonRole.SUSPECT
    legal_person: bool = False
    surname: str = ""
    given_names: str = ""
    aliases: tuple[str, ...] = ()
    sex: str = ""
    nationality: str = ""  # ISO 3166 alpha-2
    birth_date: dt.date | None = None
    birth_place: str = ""
    id_documents: tuple[str, ...] = ()
    address: str = ""
    languages: tuple[str, ...] = ()
    legal_name: str = ""
    legal_form: str = ""
    registration_number: str = ""
    seat: str = ""
    representative: str = ""
    identifiers: tuple[str, ...] = ()  # phones, IMEI, IP, e-mail, accounts, vehicles


@dataclass(frozen=True)
class MeasureDetail:
    """One sub-field of a measure; keys are defined per measure kind in the rule data."""

    key: str
    value: str


@dataclass(frozen=True)
class Measure:
    kind: MeasureKind
    description: str = ""  # free text
    details: tuple[MeasureDetail, ...] = ()
    place: str = ""
    purpose: str = ""  # free text: why this measure, how it links to the facts
    persons: tuple[int, ...] = ()  # numbers (from 1) of the persons in ``MlaRequest.persons`` it concerns


@dataclass(frozen=True)
class EarlierRequest:
    date: dt.date | None = None
    reference: str = ""
    authority: str = ""
    note: str = ""


@dataclass(frozen=True)
class Annex:
    title: str
    file_name: str = ""
    sha256: str = ""
    pages: int = 0


@dataclass(frozen=True)
class TranslatorCertification:
    """A translator vouches for one language version of the request, exactly as it stood.

    ``lang`` is the target language certified and ``content_hash`` the SHA-256 of what the translator
    saw (``liaison.documents.certification.covered_hash``): the request's content and every translated
    field in that language. Any later edit of that content changes the hash and voids it; an edit
    of another language's translation does not. A request keeps one per target language, so
    translators of different languages (and dates) stand side by side. A certification without a
    language or hash (written by an older release) certifies nothing.
    """

    name: str
    qualification: str
    certified_on: dt.date
    lang: str = ""
    content_hash: str = ""


@dataclass(frozen=True)
class FieldTranslation:
    """A free-text field in another language, kept beside the original."""

    field: str  # path such as "facts", "measures.0.purpose", "questions.2"
    lang: str
    source: str
    text: str
    origin: str  # "machine", "memory" or "human"


@dataclass(frozen=True)
class StatusChange:
    status: RequestStatus
    on: dt.date
    channel: str = ""
    reference: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class MlaRequest(Record):
    # 1 header
    case_id: str | None = None
    rule_set: str = "UNTOC-18-15"
    instrument_kind: InstrumentKind = InstrumentKind.MLA_LETTER
    requesting_state: str = ""
    requested_state: str = ""
    our_reference: str = ""
    foreign_reference: str = ""
    request_date: dt.date | None = None
    place: str = ""
    addressee_id: str | None = None  # agency (central or competent authority)
    addressee_contact_id: str | None = None
    transmission_channel: str = ""
    language: str = "en"  # the language the officer drafts in
    # 2 legal basis
    legal_bases: tuple[LegalBasis, ...] = ()
    reciprocity: bool = False
    # 3 authorities
    requesting_authority: Authority = Authority()
    investigating_authority: Authority = Authority()
    contact_officer: ContactOfficer = ContactOfficer()
    validating_authority: Authority | None = None
    # 4 urgency
    urgent: bool = False
    urgency_reasons: tuple[UrgencyReason, ...] = ()
    urgency_detail: str = ""
    requested_by: dt.date | None = None
    advance_copy_via: str = ""
    advance_copy_sent_on: dt.date | None = None
    advance_of: str | None = None  # for an advance message: the formal request it announces
    # 5 confidentiality
    confidential: bool = False
    confidentiality_reasons: str = ""
    notify_before_disclosure: bool = False
    # 6 proceedings
    proceedings_type: ProceedingsType = ProceedingsType.CRIMINAL_INVESTIGATION
    proceedings_instituted: bool = False
    court: str = ""
    court_case_number: str = ""
    next_hearing: dt.date | None = None
    # 7 facts, 8 offences, 9 persons
    facts: str = ""
    offences: tuple[Offence, ...] = ()
    persons: tuple[Person, ...] = ()
    # 10 assistance requested
    measures: tuple[Measure, ...] = ()
    purpose: str = ""
    # 11 procedures
    procedures: tuple[str, ...] = ()  # option keys from the rule data
    procedures_detail: str = ""
    officials_present: str = ""
    questions: tuple[str, ...] = ()
    # 12 earlier and parallel requests
    earlier_requests: tuple[EarlierRequest, ...] = ()
    parallel_requests: str = ""
    # 13 undertakings, 14 remedies, 15 results
    undertakings: tuple[Undertaking, ...] = ()
    remedies_sought: str = ""
    remedies_information: str = ""
    results_form: ResultsForm = ResultsForm.CERTIFIED_COPIES
    results_recipient: str = ""
    practical_contact: str = ""
    # 16 closing
    acknowledgement_requested: bool = True
    signatory_name: str = ""
    signatory_post: str = ""
    # 17 annexes, 18 translation
    annexes: tuple[Annex, ...] = ()
    translations: tuple[FieldTranslation, ...] = ()
    # at most one per target language: each names its language and the content it covers
    certifications: tuple[TranslatorCertification, ...] = ()
    # tracking
    status: RequestStatus = RequestStatus.DRAFT
    history: tuple[StatusChange, ...] = ()
