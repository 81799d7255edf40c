"""Every fixed text of an MLA request document, as gettext message ids (domain ``documents``).

This module is the single source of the boilerplate printed in requests, EIO forms and urgent advance
messages: titles, section headings, field labels, enum labels, standard clauses and layout labels.
Each text is an English message id marked with :func:`N_` (or :func:`NP_` for plural forms) so that
``pybabel extract`` finds it; nothing here is translated at import time. The document builder looks
a text up here and translates it with ``liaison.documents.catalogs.gettext_for(lang)``, so the same
ids serve every language, independently of the language of the user interface (domain ``messages``).

Placeholders are named and in ``str.format`` style (``{state}``), never positional or ``%s``; the
catalogs check that every translation keeps exactly the placeholders of its message id.

Comments starting with ``TRANSLATORS:`` are copied into the catalogs as ``#.`` notes. Keep message
ids stable: changing one orphans its translation in every language. To refresh the catalogs after
an edit here::

    .venv/bin/pybabel extract -F locales/babel.cfg -k NP_:1,2 --add-comments=TRANSLATORS: \\
        --project=Liaison --version=0.1.0 --copyright-holder="Liaison project" \\
        -o locales/documents.pot liaison/documents
    .venv/bin/pybabel update -i locales/documents.pot -d locales -D documents --ignore-obsolete

then translate the new entries in every ``locales/<lang>/LC_MESSAGES/documents.po``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, TypeVar

from liaison.domain.mla import (
    InstrumentKind,
    MeasureKind,
    PersonRole,
    ProceedingsType,
    RequestStatus,
    ResultsForm,
    Undertaking,
    UrgencyReason,
)

DOMAIN: Final = "documents"
SOURCE_LANGUAGE: Final = "en"  # the language of the message ids

_K = TypeVar("_K")


def N_(message: str) -> str:
    """Mark ``message`` for extraction and return it unchanged; it is translated when used."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction (keyword ``NP_:1,2``); translate with ``ngettext``."""
    return singular, plural


def _frozen(mapping: Mapping[_K, str]) -> Mapping[_K, str]:
    return MappingProxyType(dict(mapping))


# ---------------------------------------------------------------------------------------------
# Titles
# ---------------------------------------------------------------------------------------------

DOCUMENT_TITLES: Final[Mapping[InstrumentKind, str]] = _frozen(
    {
        InstrumentKind.MLA_LETTER: N_("Request for mutual legal assistance in criminal matters"),
        # TRANSLATORS: Official title of Annex A to Directive 2014/41/EU in the EU languages.
        InstrumentKind.EIO: N_("European Investigation Order"),
        InstrumentKind.OTHER: N_("Request for judicial cooperation in criminal matters"),
    }
)

DOCUMENT_SUBTITLES: Final[Mapping[InstrumentKind, str]] = _frozen(
    {
        # TRANSLATORS: The usual name of a formal written MLA request in the target legal system.
        InstrumentKind.MLA_LETTER: N_("Letter of request"),
        InstrumentKind.EIO: N_(
            "Annex A to Directive 2014/41/EU regarding the European Investigation Order in criminal matters"
        ),
        InstrumentKind.OTHER: N_("Request made under the instrument stated in the legal basis"),
    }
)

ADVANCE_TITLE: Final = N_("Advance notice of a request for mutual legal assistance")
ADVANCE_SUBTITLE: Final = N_("Urgent message through a police cooperation channel")
# TRANSLATORS: Marker printed prominently on urgent documents; keep it short, in capitals if usual.
URGENT_MARKER: Final = N_("URGENT")


# ---------------------------------------------------------------------------------------------
# Section headings
# ---------------------------------------------------------------------------------------------


class SectionKey(enum.StrEnum):
    """The 18 sections of the merged MLA field list (shared/docs/domain.md), in document order."""

    HEADER = "header"
    LEGAL_BASIS = "legal_basis"
    REQUESTING_AUTHORITY = "requesting_authority"
    URGENCY = "urgency"
    CONFIDENTIALITY = "confidentiality"
    PROCEEDINGS = "proceedings"
    FACTS = "facts"
    OFFENCES = "offences"
    PERSONS = "persons"
    ASSISTANCE = "assistance"
    PROCEDURES = "procedures"
    EARLIER_REQUESTS = "earlier_requests"
    UNDERTAKINGS = "undertakings"
    REMEDIES = "remedies"
    RESULTS = "results"
    CLOSING = "closing"
    ANNEXES = "annexes"
    TRANSLATION = "translation"


SECTION_ORDER: Final[tuple[SectionKey, ...]] = tuple(SectionKey)

SECTION_HEADINGS: Final[Mapping[SectionKey, str]] = _frozen(
    {
        # TRANSLATORS: Heading of section 1 (States, references, date, addressee, channel).
        SectionKey.HEADER: N_("General information"),
        SectionKey.LEGAL_BASIS: N_("Legal basis"),
        SectionKey.REQUESTING_AUTHORITY: N_("Requesting authority"),
        SectionKey.URGENCY: N_("Urgency and time limits"),
        SectionKey.CONFIDENTIALITY: N_("Confidentiality"),
        SectionKey.PROCEEDINGS: N_("Type and stage of the proceedings"),
        SectionKey.FACTS: N_("Summary of the facts"),
        SectionKey.OFFENCES: N_("Offences and applicable law"),
        SectionKey.PERSONS: N_("Persons concerned"),
        SectionKey.ASSISTANCE: N_("Assistance requested"),
        SectionKey.PROCEDURES: N_("Procedures to be followed"),
        SectionKey.EARLIER_REQUESTS: N_("Earlier and parallel requests"),
        SectionKey.UNDERTAKINGS: N_("Undertakings"),
        SectionKey.REMEDIES: N_("Legal remedies"),
        SectionKey.RESULTS: N_("Transmission of the results"),
        SectionKey.CLOSING: N_("Closing and signature"),
        SectionKey.ANNEXES: N_("Annexes"),
        SectionKey.TRANSLATION: N_("Translation"),
    }
)


class EioSection(enum.StrEnum):
    """The sections of the EIO form, Annex A to Directive 2014/41/EU."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H = "H"
    I = "I"  # noqa: E741 - the official section letter
    J = "J"
    K = "K"
    L = "L"


# TRANSLATORS: Prefix of an EIO form section, e.g. "Section B". Official Annex A wording.
EIO_SECTION_PREFIX: Final = N_("Section {letter}")

EIO_SECTION_HEADINGS: Final[Mapping[EioSection, str]] = _frozen(
    {
        # TRANSLATORS: EIO Annex A section A has no printed title; it gives the issuing and the
        # executing State. Use the official terms for both States. Uncertain: no official heading.
        EioSection.A: N_("Issuing State and executing State"),
        # TRANSLATORS: Official EIO Annex A heading (Directive 2014/41/EU, OJ L 130, 1.5.2014).
        # Wording recalled, not copied from the Official Journal: verify per EU language.
        EioSection.B: N_("Urgency"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language.
        EioSection.C: N_("Investigative measure(s) to be carried out"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language.
        EioSection.D: N_("Relationship to an earlier EIO"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language.
        EioSection.E: N_("Identity of the person concerned"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language.
        EioSection.F: N_("Type of proceedings for which the EIO is issued"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language.
        EioSection.G: N_("Grounds for issuing the EIO"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language.
        EioSection.H: N_("Additional information required for certain measures"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language.
        EioSection.I: N_("Formalities and procedures requested for the execution"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language.
        EioSection.J: N_("Legal remedies"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language.
        EioSection.K: N_("Details of the authority which issued the EIO"),
        # TRANSLATORS: Official EIO Annex A heading; verify per EU language. The form adds "if
        # applicable": validation is needed only when the issuer is not a judge, court or prosecutor.
        EioSection.L: N_("Details of the judicial authority which validated the EIO"),
    }
)

# TRANSLATORS: Heading of the last part of the EIO form, where the number of annexes is given.
EIO_ANNEXES_HEADING: Final = N_("Annexes")
EIO_NUMBER_OF_ANNEXES: Final = N_("Number of annexes attached to this EIO")
# TRANSLATORS: EIO section L: which of the issuing and the validating authority is the main contact.
EIO_MAIN_CONTACT: Final = N_("Main contact point for the executing authority")


# ---------------------------------------------------------------------------------------------
# Field labels, keyed by field path ("requesting_authority.name"; list indices are left out)
# ---------------------------------------------------------------------------------------------

AUTHORITY_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "name": N_("Name"),
        "kind": N_("Type of authority"),
        "address": N_("Address"),
        "phone": N_("Telephone"),
        "email": N_("E-mail"),
        "representative": N_("Name of its representative"),
        "post": N_("Post held (title/grade)"),
        "file_number": N_("File number"),
        "languages": N_("Languages in which it is possible to communicate with the authority"),
        # TRANSLATORS: What this authority does in the case (UNTOC art. 18(15)(b)).
        "functions": N_("Functions in the proceedings"),
        # TRANSLATORS: EIO section L: the date the validating judicial authority validated the order.
        "validated_on": N_("Date of validation"),
        # TRANSLATORS: EIO section L: which authority (issuing or validating) is to be contacted first.
        "main_contact": N_("Main authority to be contacted about the execution of the EIO"),
    }
)

CONTACT_OFFICER_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "name": N_("Name"),
        "post": N_("Post held (title/grade)"),
        "phone": N_("Telephone"),
        "email": N_("E-mail"),
        "languages": N_("Languages spoken"),
        "timezone": N_("Time zone"),
        "contact_id": N_("Directory entry"),
    }
)

LEGAL_BASIS_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "agreement_id": N_("Agreement"),
        "instrument": N_("Instrument"),
        "articles": N_("Articles relied on"),
    }
)

OFFENCE_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "classification": N_("Legal classification"),
        "provisions": N_("Statutory provisions and their text"),
        "max_penalty": N_("Maximum penalty"),
        "limitation_date": N_("Expiry of the limitation period"),
        # TRANSLATORS: The 32 categories of offences listed in Annex D to Directive 2014/41/EU.
        "eio_category": N_("Category of offence (Annex D to Directive 2014/41/EU)"),
        # TRANSLATORS: EIO section G wording for the three-year threshold; verify per EU language.
        # TRANSLATORS: Statement of the corresponding offence under the requested State's law.
        "dual_criminality": N_("Corresponding offence in the law of the requested State (dual criminality)"),
        "punishable_three_years": N_(
            "Punishable in the issuing State by a custodial sentence or a detention order "
            "for a maximum period of at least three years"
        ),
    }
)

PERSON_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "role": N_("Role in the proceedings"),
        "legal_person": N_("Legal person"),
        "surname": N_("Surname"),
        "given_names": N_("Given names"),
        "aliases": N_("Other names and aliases"),
        "sex": N_("Sex"),
        "nationality": N_("Nationality"),
        "birth_date": N_("Date of birth"),
        "birth_place": N_("Place of birth"),
        "id_documents": N_("Identity documents (type and number)"),
        "address": N_("Residence or last known address"),
        "languages": N_("Languages the person understands"),
        "legal_name": N_("Name of the legal person"),
        "legal_form": N_("Legal form"),
        "registration_number": N_("Registration number"),
        "seat": N_("Registered seat"),
        "representative": N_("Representative"),
        "identifiers": N_("Other identifiers (telephone, IMEI, IP address, e-mail, accounts, vehicles)"),
    }
)

MEASURE_DETAIL_FIELD_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        # TRANSLATORS: Name of one particular of a measure, e.g. "Bank" or "Period concerned".
        "key": N_("Item"),
        "value": N_("Particulars"),
    }
)

MEASURE_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "kind": N_("Type of measure"),
        "description": N_("Description of the assistance requested"),
        "details": N_("Particulars of the measure"),
        "place": N_("Place where the measure is to be carried out"),
        "purpose": N_("Purpose and relevance of the measure"),
        "persons": N_("Persons concerned by the measure"),
    }
)

EARLIER_REQUEST_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "date": N_("Date"),
        "reference": N_("Reference"),
        "authority": N_("Receiving authority"),
        "note": N_("Remarks"),
    }
)

ANNEX_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "title": N_("Title of the annex"),
        "file_name": N_("File name"),
        "sha256": N_("SHA-256 hash"),
        "pages": N_("Number of pages"),
    }
)

# TRANSLATORS: Label of the SHA-256 of the exact translated content a translator certified.
CERTIFIED_CONTENT: Final = N_("SHA-256 of the certified content")

TRANSLATOR_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "name": N_("Name of the translator"),
        "qualification": N_("Qualification"),
        "certified_on": N_("Date of certification"),
        "lang": N_("Language certified"),
        "content_hash": CERTIFIED_CONTENT,
    }
)

FIELD_TRANSLATION_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "field": N_("Field"),
        "lang": N_("Language"),
        "source": N_("Original text"),
        "text": N_("Translated text"),
        "origin": N_("Origin of the translation"),
    }
)

STATUS_CHANGE_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "status": N_("Status"),
        "on": N_("Date"),
        "channel": N_("Channel"),
        "reference": N_("Reference"),
        "note": N_("Remarks"),
    }
)

REQUEST_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        # record
        "id": N_("Record identifier"),
        "created_at": N_("Created on"),
        "updated_at": N_("Last modified on"),
        # TRANSLATORS: The TLP handling label of the record (TLP:RED, TLP:AMBER...).
        "handling": N_("Handling code"),
        # 1 header
        "case_id": N_("Case file"),
        "rule_set": N_("Rule set applied"),
        "instrument_kind": N_("Type of instrument"),
        "requesting_state": N_("Requesting State"),
        "requested_state": N_("Requested State"),
        "our_reference": N_("Our reference"),
        "foreign_reference": N_("Your reference"),
        "request_date": N_("Date of the request"),
        "place": N_("Place"),
        "addressee_id": N_("Addressee"),
        "addressee_contact_id": N_("Contact person at the addressee"),
        "transmission_channel": N_("Channel of transmission"),
        "language": N_("Language of the original"),
        # 2 legal basis
        "legal_bases": N_("Legal basis"),
        "reciprocity": N_("Assurance of reciprocity"),
        # 3 authorities
        "requesting_authority": N_("Requesting authority"),
        "investigating_authority": N_("Authority conducting the investigation or proceedings"),
        "contact_officer": N_("Contact officer"),
        "validating_authority": N_("Validating judicial authority"),
        # 4 urgency
        "urgent": N_("Urgent"),
        "urgency_reasons": N_("Reasons for urgency"),
        "urgency_detail": N_("Details of the urgency"),
        "requested_by": N_("Execution requested by"),
        "advance_copy_via": N_("Advance copy sent via"),
        "advance_copy_sent_on": N_("Advance copy sent on"),
        "advance_of": N_("Formal request announced"),
        # 5 confidentiality
        "confidential": N_("Confidentiality requested"),
        "confidentiality_reasons": N_("Reasons for confidentiality"),
        "notify_before_disclosure": N_("Notification before any disclosure"),
        # 6 proceedings
        "proceedings_type": N_("Type and stage of the proceedings"),
        "proceedings_instituted": N_("Proceedings instituted"),
        "court": N_("Court"),
        "court_case_number": N_("Court case number"),
        "next_hearing": N_("Date of the next hearing"),
        # 7 facts, 8 offences, 9 persons
        "facts": N_("Summary of the facts"),
        "offences": N_("Offences"),
        "persons": N_("Persons concerned"),
        # 10 assistance
        "measures": N_("Measures requested"),
        "purpose": N_("Purpose of the request and relevance of the evidence sought"),
        # 11 procedures
        "procedures": N_("Procedures to be followed"),
        "procedures_detail": N_("Details of the procedures to be followed"),
        "officials_present": N_("Presence of officials of the requesting State"),
        "questions": N_("Questions to be put"),
        # 12 earlier and parallel requests
        "earlier_requests": N_("Earlier requests"),
        "parallel_requests": N_("Requests sent to other States in the same case"),
        # 13 undertakings, 14 remedies, 15 results
        "undertakings": N_("Undertakings"),
        "remedies_sought": N_("Legal remedies already sought"),
        # TRANSLATORS: EIO section J wording; verify per EU language.
        "remedies_information": N_(
            "Authority that can supply information on legal remedies, legal aid, interpretation "
            "and translation"
        ),
        "results_form": N_("Form in which the results are to be transmitted"),
        "results_recipient": N_("Authority to which the results are to be transmitted"),
        "practical_contact": N_("Contact for practical arrangements for the transfer of evidence"),
        # 16 closing
        "acknowledgement_requested": N_("Acknowledgement of receipt requested"),
        "signatory_name": N_("Name of the signatory"),
        "signatory_post": N_("Post held by the signatory"),
        # 17 annexes, 18 translation
        "annexes": N_("Annexes"),
        "translations": N_("Translations of free-text fields"),
        "certifications": N_("Translators' certifications"),
        # tracking
        "status": N_("Status"),
        "history": N_("Status history"),
    }
)


def _nested(prefix: str, labels: Mapping[str, str]) -> dict[str, str]:
    return {f"{prefix}.{key}": label for key, label in labels.items()}


FIELD_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        **REQUEST_LABELS,
        **_nested("legal_bases", LEGAL_BASIS_LABELS),
        **_nested("requesting_authority", AUTHORITY_LABELS),
        **_nested("investigating_authority", AUTHORITY_LABELS),
        **_nested("validating_authority", AUTHORITY_LABELS),
        **_nested("contact_officer", CONTACT_OFFICER_LABELS),
        **_nested("offences", OFFENCE_LABELS),
        **_nested("persons", PERSON_LABELS),
        **_nested("measures", MEASURE_LABELS),
        **_nested("measures.details", MEASURE_DETAIL_FIELD_LABELS),
        **_nested("earlier_requests", EARLIER_REQUEST_LABELS),
        **_nested("annexes", ANNEX_LABELS),
        **_nested("translations", FIELD_TRANSLATION_LABELS),
        **_nested("certifications", TRANSLATOR_LABELS),
        **_nested("history", STATUS_CHANGE_LABELS),
    }
)


def field_label(path: str) -> str:
    """The label message id of a field path; list indices are ignored ("measures.0.purpose").

    Raises ``KeyError`` for a path that is not a field of ``MlaRequest``.
    """
    key = ".".join(part for part in path.split(".") if not part.isdigit())
    if key.startswith("measures.details.") and key not in FIELD_LABELS:  # one particular, by its key
        try:
            return DETAIL_LABELS[DetailKey(key.removeprefix("measures.details."))]
        except ValueError:
            raise KeyError(path) from None
    return FIELD_LABELS[key]


# ---------------------------------------------------------------------------------------------
# Enum value labels
# ---------------------------------------------------------------------------------------------

INSTRUMENT_KIND_LABELS: Final[Mapping[InstrumentKind, str]] = _frozen(
    {
        InstrumentKind.MLA_LETTER: N_("Letter of request for mutual legal assistance"),
        InstrumentKind.EIO: N_("European Investigation Order"),
        InstrumentKind.OTHER: N_("Other instrument"),
    }
)

REQUEST_STATUS_LABELS: Final[Mapping[RequestStatus, str]] = _frozen(
    {
        RequestStatus.DRAFT: N_("Draft"),
        RequestStatus.READY: N_("Ready to be sent"),
        RequestStatus.SENT: N_("Sent"),
        RequestStatus.ACKNOWLEDGED: N_("Receipt acknowledged"),
        RequestStatus.EXECUTED: N_("Executed"),
        RequestStatus.PARTIALLY_EXECUTED: N_("Partially executed"),
        RequestStatus.REFUSED: N_("Refused"),
        RequestStatus.WITHDRAWN: N_("Withdrawn"),
    }
)

PROCEEDINGS_TYPE_LABELS: Final[Mapping[ProceedingsType, str]] = _frozen(
    {
        ProceedingsType.CRIMINAL_INVESTIGATION: N_("Criminal investigation"),
        ProceedingsType.PROSECUTION: N_("Criminal prosecution"),
        ProceedingsType.TRIAL: N_("Trial proceedings"),
        # TRANSLATORS: EIO section F(b) / Article 4(b) of Directive 2014/41/EU, shortened.
        ProceedingsType.ADMINISTRATIVE: N_(
            "Proceedings brought by administrative authorities in respect of acts punishable "
            "as infringements of the rules of law"
        ),
        # TRANSLATORS: EIO section F(c) / Article 4(c) of Directive 2014/41/EU, shortened.
        ProceedingsType.JUDICIAL_FOR_ADMINISTRATIVE: N_(
            "Proceedings brought by judicial authorities in respect of acts punishable "
            "as infringements of the rules of law"
        ),
        # TRANSLATORS: EIO section F(d) / Article 4(d) of Directive 2014/41/EU, shortened.
        ProceedingsType.LEGAL_PERSON_LIABILITY: N_(
            "Proceedings relating to offences or infringements for which a legal person may be held liable"
        ),
    }
)

URGENCY_REASON_LABELS: Final[Mapping[UrgencyReason, str]] = _frozen(
    {
        # TRANSLATORS: EIO section B wording ("Evidence being concealed or destroyed").
        UrgencyReason.EVIDENCE_AT_RISK: N_("Risk that evidence will be concealed or destroyed"),
        # TRANSLATORS: EIO section B wording.
        UrgencyReason.TRIAL_DATE: N_("Imminent trial date"),
        UrgencyReason.CUSTODY_TIME_LIMIT: N_("Custody time limits"),
        UrgencyReason.LIMITATION_PERIOD: N_("Imminent expiry of the limitation period"),
        UrgencyReason.OTHER: N_("Other reason"),
    }
)

PERSON_ROLE_LABELS: Final[Mapping[PersonRole, str]] = _frozen(
    {
        PersonRole.SUSPECT: N_("Suspect"),
        PersonRole.ACCUSED: N_("Accused person"),
        PersonRole.VICTIM: N_("Victim"),
        PersonRole.WITNESS: N_("Witness"),
        PersonRole.EXPERT: N_("Expert"),
        PersonRole.THIRD_PARTY: N_("Third party"),
        PersonRole.ACCOUNT_HOLDER: N_("Account holder"),
        PersonRole.COMPANY: N_("Company"),
        # TRANSLATORS: A person's role in the proceedings: "Other".
        PersonRole.OTHER: N_("Other"),
    }
)

MEASURE_KIND_LABELS: Final[Mapping[MeasureKind, str]] = _frozen(
    {
        MeasureKind.DOCUMENTS: N_("Production of documents or records"),
        MeasureKind.BANK_RECORDS: N_("Bank and financial records"),
        MeasureKind.TELECOM_DATA: N_("Subscriber, traffic or content data"),
        MeasureKind.PRESERVATION: N_("Expedited preservation of stored data"),
        MeasureKind.HEARING: N_("Hearing of a witness or suspect"),
        MeasureKind.SERVICE_OF_DOCUMENTS: N_("Service of documents"),
        MeasureKind.SEARCH_AND_SEIZURE: N_("Search and seizure"),
        MeasureKind.FREEZING_CONFISCATION: N_("Freezing or confiscation of assets"),
        MeasureKind.DETAINEE_TRANSFER: N_("Temporary transfer of a detained person"),
        MeasureKind.COVERT_INTERCEPTION: N_("Covert investigation or interception of telecommunications"),
        MeasureKind.LOCATE_PERSON: N_("Locating a person"),
        MeasureKind.VIDEOCONFERENCE: N_("Hearing by videoconference"),
        MeasureKind.EVIDENCE_HELD: N_("Information or evidence already held by the requested authority"),
        MeasureKind.DATABASE_INFORMATION: N_("Information from police or judicial databases"),
        MeasureKind.SUBSCRIBER_IDENTIFICATION: N_(
            "Identification of the holder of a telephone number or IP address"
        ),
        MeasureKind.TELEPHONE_HEARING: N_("Hearing by telephone conference"),
        MeasureKind.BANKING_OPERATIONS: N_("Information on banking and other financial operations"),
        MeasureKind.MONITORING_BANKING: N_("Monitoring of banking or other financial operations"),
        MeasureKind.CONTROLLED_DELIVERY: N_("Controlled delivery"),
        MeasureKind.COVERT_INVESTIGATION: N_("Covert investigation"),
        # TRANSLATORS: Asset recovery wording (UNTOC arts. 12-13, UNCAC arts. 31 and 55); verify.
        MeasureKind.ASSET_TRACING: N_(
            "Tracing and identification of assets (proceeds or instrumentalities of crime)"
        ),
    }
)

UNDERTAKING_LABELS: Final[Mapping[Undertaking, str]] = _frozen(
    {
        Undertaking.SPECIALITY: N_("Limitation of use (speciality)"),
        Undertaking.RETURN_OF_ORIGINALS: N_("Return of originals"),
        Undertaking.COSTS: N_("Costs"),
        Undertaking.DATA_PROTECTION: N_("Data protection"),
        Undertaking.CONSULTATION: N_("Availability for consultation"),
        Undertaking.RECIPROCITY: N_("Reciprocity"),
    }
)

RESULTS_FORM_LABELS: Final[Mapping[ResultsForm, str]] = _frozen(
    {
        ResultsForm.ORIGINALS: N_("Originals"),
        ResultsForm.CERTIFIED_COPIES: N_("Certified copies"),
        ResultsForm.ELECTRONIC: N_("Electronic copies"),
    }
)

# FieldTranslation.origin values
TRANSLATION_ORIGIN_LABELS: Final[Mapping[str, str]] = _frozen(
    {
        "machine": N_("Machine translation"),
        "memory": N_("Translation memory"),
        "human": N_("Human translation"),
    }
)

YES: Final = N_("Yes")
NO: Final = N_("No")
NOT_APPLICABLE: Final = N_("Not applicable")
NOT_KNOWN: Final = N_("Not known")


# ---------------------------------------------------------------------------------------------
# Measure particulars: the keys of MeasureDetail per measure kind, and their labels
# ---------------------------------------------------------------------------------------------


class DetailKey(enum.StrEnum):
    """Keys of ``MeasureDetail.key``; use these, never string literals, so labels always exist."""

    HOLDER = "holder"
    PERIOD = "period"
    RECORD_TYPES = "record_types"
    BANK = "bank"
    ACCOUNT = "account"
    DOCUMENTS = "documents"
    PROVIDER = "provider"
    IDENTIFIER = "identifier"
    DATETIME = "datetime"  # date and time with time zone
    PRESERVATION_REFERENCE = "preservation_reference"
    DATA = "data"
    HEARING_MODE = "hearing_mode"  # a HearingMode value
    RIGHTS = "rights"
    ADDRESSEE = "addressee"
    ADDRESS = "address"
    PROOF_OF_SERVICE = "proof_of_service"
    PREMISES = "premises"
    ITEMS = "items"
    GROUNDS = "grounds"
    ASSETS = "assets"
    ORDER = "order"
    CONSENT = "consent"
    TARGET = "target"
    DURATION = "duration"
    TECHNICAL_DETAILS = "technical_details"
    LAST_KNOWN_LOCATION = "last_known_location"
    TECHNICAL_CONTACT = "technical_contact"
    DATABASE = "database"
    BANK_IN_REQUESTED_STATE = "bank_in_requested_state"  # why the bank is presumed to be there
    CONDUCTING_AUTHORITY = "conducting_authority"
    REMOTE_REASONS = "remote_reasons"  # why by videoconference or telephone
    HEARING_CONSENT = "hearing_consent"
    OFFICER = "officer"
    ROUTE = "route"
    ASSET_HOLDER = "asset_holder"
    PROCEEDS_GROUNDS = "proceeds_grounds"  # why the assets are believed to derive from the offences
    ESTIMATED_VALUE = "estimated_value"
    REGISTERS = "registers"  # land, vehicle, company registers and institutions to be searched
    MEASURES_IF_FOUND = "measures_if_found"  # the freezing or seizure to follow


MEASURE_DETAIL_KEYS: Final[Mapping[MeasureKind, tuple[DetailKey, ...]]] = MappingProxyType(
    {
        MeasureKind.DOCUMENTS: (DetailKey.HOLDER, DetailKey.PERIOD, DetailKey.RECORD_TYPES),
        MeasureKind.BANK_RECORDS: (
            DetailKey.BANK,
            DetailKey.ACCOUNT,
            DetailKey.PERIOD,
            DetailKey.DOCUMENTS,
            DetailKey.BANK_IN_REQUESTED_STATE,
        ),
        MeasureKind.TELECOM_DATA: (
            DetailKey.PROVIDER,
            DetailKey.IDENTIFIER,
            DetailKey.DATETIME,
            DetailKey.PRESERVATION_REFERENCE,
        ),
        MeasureKind.PRESERVATION: (DetailKey.DATA, DetailKey.PROVIDER, DetailKey.PRESERVATION_REFERENCE),
        MeasureKind.HEARING: (
            DetailKey.HEARING_MODE,
            DetailKey.RIGHTS,
            DetailKey.CONDUCTING_AUTHORITY,
            DetailKey.REMOTE_REASONS,
            DetailKey.HEARING_CONSENT,
        ),
        MeasureKind.SERVICE_OF_DOCUMENTS: (
            DetailKey.ADDRESSEE,
            DetailKey.ADDRESS,
            DetailKey.PROOF_OF_SERVICE,
        ),
        MeasureKind.SEARCH_AND_SEIZURE: (DetailKey.PREMISES, DetailKey.ITEMS, DetailKey.GROUNDS),
        MeasureKind.FREEZING_CONFISCATION: (DetailKey.ASSETS, DetailKey.ORDER),
        MeasureKind.DETAINEE_TRANSFER: (DetailKey.CONSENT,),
        MeasureKind.COVERT_INTERCEPTION: (DetailKey.TARGET, DetailKey.DURATION, DetailKey.TECHNICAL_DETAILS),
        MeasureKind.LOCATE_PERSON: (DetailKey.LAST_KNOWN_LOCATION,),
        MeasureKind.VIDEOCONFERENCE: (
            DetailKey.DATETIME,
            DetailKey.TECHNICAL_CONTACT,
            DetailKey.CONDUCTING_AUTHORITY,
            DetailKey.REMOTE_REASONS,
            DetailKey.HEARING_CONSENT,
        ),
        MeasureKind.EVIDENCE_HELD: (DetailKey.HOLDER, DetailKey.DOCUMENTS),
        MeasureKind.DATABASE_INFORMATION: (DetailKey.DATABASE, DetailKey.DATA),
        MeasureKind.SUBSCRIBER_IDENTIFICATION: (DetailKey.PROVIDER, DetailKey.IDENTIFIER, DetailKey.DATETIME),
        MeasureKind.TELEPHONE_HEARING: (
            DetailKey.DATETIME,
            DetailKey.CONDUCTING_AUTHORITY,
            DetailKey.REMOTE_REASONS,
            DetailKey.HEARING_CONSENT,
        ),
        MeasureKind.BANKING_OPERATIONS: (
            DetailKey.BANK,
            DetailKey.ACCOUNT,
            DetailKey.PERIOD,
            DetailKey.BANK_IN_REQUESTED_STATE,
        ),
        MeasureKind.MONITORING_BANKING: (DetailKey.BANK, DetailKey.ACCOUNT, DetailKey.DURATION),
        MeasureKind.CONTROLLED_DELIVERY: (DetailKey.ITEMS, DetailKey.ROUTE, DetailKey.DURATION),
        MeasureKind.COVERT_INVESTIGATION: (
            DetailKey.OFFICER,
            DetailKey.DURATION,
            DetailKey.TECHNICAL_DETAILS,
        ),
        MeasureKind.ASSET_TRACING: (
            DetailKey.ASSETS,
            DetailKey.ASSET_HOLDER,
            DetailKey.PROCEEDS_GROUNDS,
            DetailKey.ESTIMATED_VALUE,
            DetailKey.PERIOD,
            DetailKey.REGISTERS,
            DetailKey.MEASURES_IF_FOUND,
        ),
    }
)

DETAIL_LABELS: Final[Mapping[DetailKey, str]] = _frozen(
    {
        DetailKey.HOLDER: N_("Holder of the documents or records"),
        DetailKey.PERIOD: N_("Period concerned"),
        DetailKey.RECORD_TYPES: N_("Types of records"),
        DetailKey.BANK: N_("Bank or financial institution"),
        DetailKey.ACCOUNT: N_("Account number(s)"),
        DetailKey.DOCUMENTS: N_("Documents requested"),
        DetailKey.PROVIDER: N_("Service provider"),
        DetailKey.IDENTIFIER: N_("Identifier (telephone number, IP address, account, e-mail address)"),
        DetailKey.DATETIME: N_("Date and time, with time zone"),
        DetailKey.PRESERVATION_REFERENCE: N_("Preservation reference"),
        DetailKey.DATA: N_("Data to be preserved"),
        DetailKey.HEARING_MODE: N_("Manner of the hearing"),
        DetailKey.RIGHTS: N_("Rights to be read out to the person heard"),
        DetailKey.ADDRESSEE: N_("Addressee"),
        DetailKey.ADDRESS: N_("Address"),
        DetailKey.PROOF_OF_SERVICE: N_("Proof of service requested"),
        DetailKey.PREMISES: N_("Premises to be searched"),
        DetailKey.ITEMS: N_("Items to be seized"),
        DetailKey.GROUNDS: N_("Grounds for believing that the items are on the premises"),
        DetailKey.ASSETS: N_("Assets concerned"),
        DetailKey.ORDER: N_("Freezing or confiscation order"),
        DetailKey.CONSENT: N_("Consent of the detained person"),
        DetailKey.TARGET: N_("Person or identifier targeted"),
        DetailKey.DURATION: N_("Duration"),
        DetailKey.TECHNICAL_DETAILS: N_("Technical details"),
        DetailKey.LAST_KNOWN_LOCATION: N_("Last known location"),
        DetailKey.TECHNICAL_CONTACT: N_("Technical contact"),
        DetailKey.DATABASE: N_("Database or register concerned"),
        DetailKey.BANK_IN_REQUESTED_STATE: N_(
            "Reasons for considering that the bank or institution holds the account(s) in the requested State"
        ),
        DetailKey.CONDUCTING_AUTHORITY: N_("Authority conducting the hearing"),
        DetailKey.REMOTE_REASONS: N_("Reasons for requesting a hearing by videoconference or telephone"),
        DetailKey.HEARING_CONSENT: N_("Consent of the person to be heard"),
        DetailKey.OFFICER: N_("Officer who will carry out the measure"),
        DetailKey.ROUTE: N_("Expected route and means of transport"),
        # TRANSLATORS: Particulars of an asset-tracing measure; verify the asset recovery terms.
        DetailKey.ASSET_HOLDER: N_("Owner or holder of the assets"),
        DetailKey.PROCEEDS_GROUNDS: N_(
            "Grounds for believing that the assets are proceeds or instrumentalities of the offences"
        ),
        DetailKey.ESTIMATED_VALUE: N_("Estimated value"),
        DetailKey.REGISTERS: N_("Registers and institutions to be consulted"),
        DetailKey.MEASURES_IF_FOUND: N_("Provisional measures requested if assets are found"),
    }
)


class HearingMode(enum.StrEnum):
    """Values of the ``hearing_mode`` particular."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"


HEARING_MODE_LABELS: Final[Mapping[HearingMode, str]] = _frozen(
    {
        HearingMode.IN_PERSON: N_("In person"),
        HearingMode.VIDEO: N_("By videoconference"),
        HearingMode.PHONE: N_("By telephone"),
    }
)


# ---------------------------------------------------------------------------------------------
# Standard clauses (full sentences)
# ---------------------------------------------------------------------------------------------


class Clause(enum.StrEnum):
    OPENING = "opening"
    LEGAL_BASIS = "legal_basis"
    RECIPROCITY = "reciprocity"
    URGENCY = "urgency"
    REQUESTED_BY = "requested_by"
    ADVANCE_COPY = "advance_copy"
    CONFIDENTIALITY = "confidentiality"
    NOTIFY_BEFORE_DISCLOSURE = "notify_before_disclosure"
    SPECIALITY = "speciality"
    RETURN_OF_ORIGINALS = "return_of_originals"
    COSTS = "costs"
    DATA_PROTECTION = "data_protection"
    CONSULTATION = "consultation"
    ACKNOWLEDGEMENT = "acknowledgement"
    CLOSING = "closing"
    ACCURACY = "accuracy"
    EIO_CERTIFICATION = "eio_certification"
    EIO_ACCURACY = "eio_accuracy"
    TRANSLATION_CERTIFICATE = "translation_certificate"
    TRANSLATION_CERTIFICATE_DATE = "translation_certificate_date"
    MACHINE_TRANSLATION_NOTICE = "machine_translation_notice"
    UNTRANSLATED_FIELDS = "untranslated_fields"
    ASSET_TRACING = "asset_tracing"


CLAUSES: Final[Mapping[Clause, str]] = _frozen(
    {
        Clause.OPENING: N_(
            "The requesting authority has the honour to request the assistance of the competent "
            "authorities of the requested State in the criminal matter described below."
        ),
        # TRANSLATORS: {instrument} is the title of a treaty or other instrument; {articles} the articles.
        Clause.LEGAL_BASIS: N_("This request is made under {instrument}, {articles}."),
        # TRANSLATORS: {state} is the name of the requesting State.
        Clause.RECIPROCITY: N_(
            "In the absence of an applicable treaty, {state} assures the requested State that it will "
            "comply, on the basis of reciprocity, with a future request of a similar nature."
        ),
        Clause.URGENCY: N_(
            "The requesting authority asks that this request be treated as urgent for the reasons "
            "set out below."
        ),
        Clause.REQUESTED_BY: N_("Execution of this request is requested by {date} at the latest."),
        # TRANSLATORS: {channel} is e.g. INTERPOL or SIENA; {date} is a formatted date.
        Clause.ADVANCE_COPY: N_("An advance copy of this request was transmitted via {channel} on {date}."),
        Clause.CONFIDENTIALITY: N_(
            "The requesting authority asks that the existence and the content of this request, and "
            "any action taken on it, be kept confidential, except to the extent necessary to execute it."
        ),
        Clause.NOTIFY_BEFORE_DISCLOSURE: N_(
            "Should the requested State be unable to comply with the requirement of confidentiality, "
            "the requesting authority asks to be informed before any disclosure, so that it may decide "
            "whether the request should nevertheless be executed."
        ),
        Clause.SPECIALITY: N_(
            "The information and evidence obtained will not be used or transmitted for investigations, "
            "prosecutions or proceedings other than those stated in this request without the prior "
            "consent of the requested State."
        ),
        Clause.RETURN_OF_ORIGINALS: N_(
            "Any original documents and items provided will be returned as soon as they are no longer "
            "needed for the proceedings, unless the requested State waives their return."
        ),
        Clause.COSTS: N_(
            "The ordinary costs of executing this request are borne by the requested State. Should "
            "expenses of a substantial or extraordinary nature be required, the requesting authority "
            "asks to be consulted beforehand so that the conditions of execution and the manner in "
            "which the costs are to be borne can be agreed."
        ),
        Clause.DATA_PROTECTION: N_(
            "Personal data received in the execution of this request will be processed only for the "
            "purposes stated in it and will be protected in accordance with the applicable law on "
            "the protection of personal data."
        ),
        Clause.CONSULTATION: N_(
            "The requesting authority remains available for consultation on any question arising "
            "in the execution of this request, in particular on any difficulty that might delay or "
            "prevent its execution."
        ),
        Clause.ACKNOWLEDGEMENT: N_(
            "The requesting authority would be grateful if receipt of this request could be "
            "acknowledged and if it could be informed of the reference under which it is registered "
            "and of the contact details of the official responsible for its execution."
        ),
        Clause.CLOSING: N_(
            "The requesting authority thanks the competent authorities of the requested State in "
            "advance for their assistance and avails itself of this opportunity to renew to them the "
            "assurances of its highest consideration."
        ),
        Clause.ACCURACY: N_("I certify that the content of this request is accurate and correct."),
        # TRANSLATORS: Pre-printed certification at the top of the EIO form (Annex A). Use the
        # official wording of the Directive in each EU language; verify.
        Clause.EIO_CERTIFICATION: N_(
            "This EIO has been issued by a competent authority. The issuing authority certifies that "
            "the issuing of this EIO is necessary and proportionate for the purpose of the proceedings "
            "specified within it taking into account the rights of the suspected or accused person and "
            "that the investigative measures requested could have been ordered under the same "
            "conditions in a similar domestic case. I request that the investigative measure or "
            "measures specified below be carried out taking due account of the confidentiality of the "
            "investigation and that the evidence obtained as a result of the execution of the EIO be "
            "transferred."
        ),
        # TRANSLATORS: Signature line of EIO sections K and L; verify per EU language.
        Clause.EIO_ACCURACY: N_(
            "Signature of the issuing authority and/or its representative certifying the content of "
            "the EIO as accurate and correct"
        ),
        Clause.TRANSLATION_CERTIFICATE: N_(
            "I, {name}, {qualification}, certify that this is a true and accurate translation of the "
            "original in {source_language} into {target_language}."
        ),
        Clause.TRANSLATION_CERTIFICATE_DATE: N_("Certified on {date}."),
        Clause.MACHINE_TRANSLATION_NOTICE: N_(
            "This document contains an unofficial machine translation that has not been certified by a "
            "translator. Only the text in the original language is authentic."
        ),
        # TRANSLATORS: Letter of request, before an asset-tracing measure (UNTOC art. 13, UNCAC art. 55);
        # verify.
        Clause.ASSET_TRACING: N_(
            "The competent authorities of the requested State are asked to trace and identify the assets "
            "described below, which are believed to be the proceeds or instrumentalities of the offences, "
            "and to inform the requesting authority of any assets found, so that their freezing, seizure "
            "or confiscation can be requested."
        ),
        # TRANSLATORS: {language} is a language name; {fields} a comma-separated list of field labels.
        Clause.UNTRANSLATED_FIELDS: N_(
            "The following fields are reproduced in the original language ({language}): {fields}"
        ),
    }
)

# The clause printed for each undertaking the requesting authority gives.
UNDERTAKING_CLAUSES: Final[Mapping[Undertaking, Clause]] = MappingProxyType(
    {
        Undertaking.SPECIALITY: Clause.SPECIALITY,
        Undertaking.RETURN_OF_ORIGINALS: Clause.RETURN_OF_ORIGINALS,
        Undertaking.COSTS: Clause.COSTS,
        Undertaking.DATA_PROTECTION: Clause.DATA_PROTECTION,
        Undertaking.CONSULTATION: Clause.CONSULTATION,
        Undertaking.RECIPROCITY: Clause.RECIPROCITY,
    }
)

# TRANSLATORS: Diagonal watermark on every page until a translator has certified the translation.
WATERMARK_MACHINE_TRANSLATION: Final = N_("UNOFFICIAL MACHINE TRANSLATION")

# TRANSLATORS: Diagonal watermark on every page of an export made while the request still fails
# validation; keep it one short word in capitals where the language has them.
WATERMARK_DRAFT: Final = N_("DRAFT")

# Markers set against passages by kind of text; symbols, not translated.
MACHINE_MARKER: Final = "\u2020"  # dagger
UNTRANSLATED_MARKER: Final = "\u2021"  # double dagger

MARKER_LEGENDS: Final[Mapping[str, str]] = _frozen(
    {
        # TRANSLATORS: {marker} is a symbol such as a dagger set against the passage.
        MACHINE_MARKER: N_(
            "Text marked {marker} is an unofficial machine translation that has not been reviewed."
        ),
        # TRANSLATORS: {marker} is a symbol such as a double dagger set against the passage.
        UNTRANSLATED_MARKER: N_("Text marked {marker} is reproduced in the original language."),
    }
)


# ---------------------------------------------------------------------------------------------
# Layout labels
# ---------------------------------------------------------------------------------------------

OUR_REFERENCE: Final = N_("Our reference")
YOUR_REFERENCE: Final = N_("Your reference")
# TRANSLATORS: Page footer; {page} and {pages} are numbers.
PAGE_FORMAT: Final = N_("Page {page} of {pages}")
SIGNATURE: Final = N_("Signature")
OFFICIAL_STAMP: Final = N_("Official stamp")
ANNEXES: Final = N_("Annexes")
# TRANSLATORS: Label of the hash printed in the footer and encoded in the QR code.
CONTENT_HASH: Final = N_("SHA-256 of the request content")
PLACE_AND_DATE: Final = N_("Place and date")
PLACE: Final = N_("Place")
DATE: Final = N_("Date")
NAME: Final = N_("Name")
POST_HELD: Final = N_("Post held (title/grade)")
REQUESTING_AUTHORITY: Final = N_("Requesting authority")
ISSUING_AUTHORITY: Final = N_("Issuing authority")
VALIDATING_AUTHORITY: Final = N_("Validating authority")
EXECUTING_AUTHORITY: Final = N_("Executing authority")
ADDRESSEE: Final = N_("Addressee")
REQUESTING_STATE: Final = N_("Requesting State")
REQUESTED_STATE: Final = N_("Requested State")
ISSUING_STATE: Final = N_("Issuing State")
EXECUTING_STATE: Final = N_("Executing State")
CONTACT_OFFICER: Final = N_("Contact officer")
TRANSLATOR_CERTIFICATION: Final = N_("Certification of the translation")
TRANSLATOR_SIGNATURE: Final = N_("Signature of the translator")
FOR_THE_REQUESTING_AUTHORITY: Final = N_("For the requesting authority")
# TRANSLATORS: Numbered headings inside a section; {number} is 1, 2, 3...
ANNEX_NUMBER: Final = N_("Annex {number}")
MEASURE_NUMBER: Final = N_("Measure {number}")
PERSON_NUMBER: Final = N_("Person {number}")
OFFENCE_NUMBER: Final = N_("Offence {number}")
QUESTION_NUMBER: Final = N_("Question {number}")
LEGAL_BASIS_NUMBER: Final = N_("Legal basis {number}")

PAGE_COUNT: Final = NP_("{count} page", "{count} pages")
ANNEX_COUNT: Final = NP_("{count} annex", "{count} annexes")


# ---------------------------------------------------------------------------------------------
# Urgent advance message for a police channel (INTERPOL I-24/7 through the NCB, or SIENA)
# ---------------------------------------------------------------------------------------------

ADVANCE_FROM: Final = N_("From")
ADVANCE_TO: Final = N_("To")
ADVANCE_SUBJECT: Final = N_("Subject")
ADVANCE_CASE_REFERENCE: Final = N_("Case reference")
ADVANCE_REASON: Final = N_("Reason for urgency")
ADVANCE_MEASURES: Final = N_("Preliminary measures requested")
ADVANCE_CONTACT: Final = N_("Contact for this message")
# TRANSLATORS: {channel} names a police channel, e.g. "INTERPOL I-24/7" or "SIENA".
ADVANCE_SENT_VIA: Final = N_("Sent via {channel}")
ADVANCE_INTRO: Final = N_(
    "This message gives advance notice of a formal request for mutual legal assistance, which will "
    "follow through the official channel. It is sent so that urgent preliminary measures, in "
    "particular the preservation of evidence, can be taken without delay."
)
ADVANCE_FORMAL_TO_FOLLOW: Final = N_("The formal request will be transmitted via {channel} by {date}.")
ADVANCE_PRESERVATION: Final = N_(
    "Pending the formal request, the requesting authority asks that the data and items described "
    "below be preserved and not disclosed to the persons concerned."
)
ADVANCE_EVIDENCE_USE: Final = N_(
    "Information provided in reply to this message will be used as evidence in judicial proceedings "
    "only after the formal request has been executed."
)
ADVANCE_ACKNOWLEDGE: Final = N_(
    "Please acknowledge receipt of this message and indicate the reference under which it has been "
    "registered."
)
