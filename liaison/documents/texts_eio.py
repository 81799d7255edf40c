"""Fixed texts of the EIO form (Annex A to Directive 2014/41/EU) and of its companion annexes B and C.

Kept apart from ``texts`` (the letter of request) so each stays readable; both are extracted into the
same ``documents`` catalogs (``locales/babel.cfg`` maps ``**/texts*.py``). The wording follows the
structure of the Annexes as published in OJ L 130, 1.5.2014; it is recalled, not copied from the
Official Journal, so every language is marked "verify" for the translators.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from liaison.documents.texts import N_, _frozen
from liaison.domain.mla import MeasureKind, ProceedingsType

# Tick boxes: ASCII, so every document font has the glyphs (no tofu in CJK or Arabic).
TICKED: Final = "[×]"  # U+00D7: a neutral character, so a ticked Arabic line stays right-to-left
UNTICKED: Final = "[ ]"

# ---------------------------------------------------------------------------------------------
# Section A to D
# ---------------------------------------------------------------------------------------------

# TRANSLATORS: EIO section B; followed by the list of reasons, each with a tick box.
EIO_B_INTRO: Final = N_("Please indicate if there is any urgency due to")
# TRANSLATORS: EIO section B, the shorter or specific deadline set by the issuing authority.
EIO_B_DEADLINE: Final = N_("Shorter or specific time limit for execution")
EIO_B_DEADLINE_REASON: Final = N_("Reason for this time limit")
# TRANSLATORS: EIO section C, before the list of measures with tick boxes.
EIO_C_INTRO: Final = N_("Tick the investigative measure(s) to be carried out")
EIO_C_DESCRIPTION: Final = N_("Description of the investigative measure(s) requested")
EIO_D_SUPPLEMENTS: Final = N_("This EIO supplements an earlier EIO")
EIO_D_OTHER_STATE: Final = N_("An EIO in the same case has been addressed to another Member State")
EIO_E_PERSON: Final = N_("Person concerned")
EIO_E_PLACE: Final = N_("Place where the investigative measure is to be carried out")


class EioMeasure(enum.StrEnum):
    """The tick boxes of Annex A section C, in the order of the form."""

    EVIDENCE_HELD = "evidence_held"
    DATABASES = "databases"
    HEARING = "hearing"
    SUBSCRIBER = "subscriber"
    TRANSFER_TO_ISSUING = "transfer_to_issuing"
    TRANSFER_TO_EXECUTING = "transfer_to_executing"
    VIDEOCONFERENCE = "videoconference"
    TELEPHONE = "telephone"
    BANK_ACCOUNTS = "bank_accounts"
    BANKING_OPERATIONS = "banking_operations"
    MONITORING_BANKING = "monitoring_banking"
    CONTROLLED_DELIVERY = "controlled_delivery"
    REAL_TIME_OTHER = "real_time_other"
    COVERT_INVESTIGATION = "covert_investigation"
    INTERCEPTION = "interception"
    PROVISIONAL = "provisional"


EIO_MEASURE_LABELS: Final[Mapping[EioMeasure, str]] = _frozen(
    {
        # TRANSLATORS: EIO Annex A section C tick boxes; official wording per EU language: verify.
        EioMeasure.EVIDENCE_HELD: N_(
            "Obtaining information or evidence which is already in the possession of the executing authority"
        ),
        EioMeasure.DATABASES: N_(
            "Obtaining information contained in databases held by police or judicial authorities"
        ),
        EioMeasure.HEARING: N_(
            "Hearing of a witness, expert, victim, suspected or accused person or third party"
        ),
        EioMeasure.SUBSCRIBER: N_(
            "Identification of persons holding a subscription of a specified phone number or IP address"
        ),
        EioMeasure.TRANSFER_TO_ISSUING: N_(
            "Temporary transfer of a person held in custody to the issuing State"
        ),
        EioMeasure.TRANSFER_TO_EXECUTING: N_(
            "Temporary transfer of a person held in custody to the executing State"
        ),
        EioMeasure.VIDEOCONFERENCE: N_("Hearing by videoconference or other audiovisual transmission"),
        EioMeasure.TELEPHONE: N_("Hearing by telephone conference"),
        EioMeasure.BANK_ACCOUNTS: N_("Information on bank and other financial accounts"),
        EioMeasure.BANKING_OPERATIONS: N_("Information on banking and other financial operations"),
        EioMeasure.MONITORING_BANKING: N_(
            "Gathering of evidence in real time, continuously and over a certain period: "
            "monitoring of banking or other financial operations"
        ),
        EioMeasure.CONTROLLED_DELIVERY: N_(
            "Gathering of evidence in real time, continuously and over a certain period: controlled delivery"
        ),
        EioMeasure.REAL_TIME_OTHER: N_(
            "Gathering of evidence in real time, continuously and over a certain period: other"
        ),
        EioMeasure.COVERT_INVESTIGATION: N_("Covert investigation"),
        EioMeasure.INTERCEPTION: N_("Interception of telecommunications"),
        EioMeasure.PROVISIONAL: N_(
            "Provisional measure(s) to prevent the destruction, transformation, moving, transfer or "
            "disposal of an item that may be used as evidence"
        ),
    }
)

# Which section C box each kind of measure ticks (hearings also by their manner: see compose_eio).
MEASURE_BOXES: Final[Mapping[MeasureKind, EioMeasure]] = MappingProxyType(
    {
        MeasureKind.EVIDENCE_HELD: EioMeasure.EVIDENCE_HELD,
        MeasureKind.DATABASE_INFORMATION: EioMeasure.DATABASES,
        MeasureKind.HEARING: EioMeasure.HEARING,
        MeasureKind.SUBSCRIBER_IDENTIFICATION: EioMeasure.SUBSCRIBER,
        MeasureKind.TELECOM_DATA: EioMeasure.SUBSCRIBER,
        MeasureKind.DETAINEE_TRANSFER: EioMeasure.TRANSFER_TO_ISSUING,
        MeasureKind.VIDEOCONFERENCE: EioMeasure.VIDEOCONFERENCE,
        MeasureKind.TELEPHONE_HEARING: EioMeasure.TELEPHONE,
        MeasureKind.BANK_RECORDS: EioMeasure.BANK_ACCOUNTS,
        MeasureKind.BANKING_OPERATIONS: EioMeasure.BANKING_OPERATIONS,
        MeasureKind.MONITORING_BANKING: EioMeasure.MONITORING_BANKING,
        MeasureKind.CONTROLLED_DELIVERY: EioMeasure.CONTROLLED_DELIVERY,
        MeasureKind.COVERT_INVESTIGATION: EioMeasure.COVERT_INVESTIGATION,
        MeasureKind.COVERT_INTERCEPTION: EioMeasure.INTERCEPTION,
        MeasureKind.PRESERVATION: EioMeasure.PROVISIONAL,
        MeasureKind.FREEZING_CONFISCATION: EioMeasure.PROVISIONAL,
        MeasureKind.SEARCH_AND_SEIZURE: EioMeasure.PROVISIONAL,
    }
)

# ---------------------------------------------------------------------------------------------
# Section F and G
# ---------------------------------------------------------------------------------------------

EIO_PROCEEDINGS_LABELS: Final[Mapping[ProceedingsType, str]] = _frozen(
    {
        # TRANSLATORS: EIO section F(a) / Article 4(a) of Directive 2014/41/EU; verify.
        ProceedingsType.CRIMINAL_INVESTIGATION: N_(
            "Criminal proceedings brought by, or that may be brought before, a judicial authority "
            "in respect of a criminal offence under the national law of the issuing State"
        ),
    }
)
EIO_G1: Final = N_("Summary of the facts: reasons for issuing the EIO, offences, stage of the investigation")
EIO_G2: Final = N_(
    "Nature and legal classification of the offence(s) and the applicable statutory provisions"
)
# TRANSLATORS: EIO section G(3) introduction; verify.
EIO_G3: Final = N_(
    "The offence(s) for which the EIO is issued are punishable in the issuing State by a custodial "
    "sentence or a detention order for a maximum period of at least three years, as defined by the "
    "law of the issuing State, and are included in the following list (Annex D)"
)


class AnnexD(enum.StrEnum):
    """The 32 categories of offences of Annex D (the same list as the European Arrest Warrant)."""

    CRIMINAL_ORGANISATION = "criminal_organisation"
    TERRORISM = "terrorism"
    HUMAN_TRAFFICKING = "human_trafficking"
    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation"
    DRUG_TRAFFICKING = "drug_trafficking"
    WEAPONS_TRAFFICKING = "weapons_trafficking"
    CORRUPTION = "corruption"
    FRAUD = "fraud"
    MONEY_LAUNDERING = "money_laundering"
    COUNTERFEITING_CURRENCY = "counterfeiting_currency"
    COMPUTER_CRIME = "computer_crime"
    ENVIRONMENTAL_CRIME = "environmental_crime"
    ILLEGAL_ENTRY = "illegal_entry"
    MURDER = "murder"
    ORGAN_TRAFFICKING = "organ_trafficking"
    KIDNAPPING = "kidnapping"
    RACISM = "racism"
    ROBBERY = "robbery"
    CULTURAL_GOODS = "cultural_goods"
    SWINDLING = "swindling"
    RACKETEERING = "racketeering"
    PRODUCT_PIRACY = "product_piracy"
    DOCUMENT_FORGERY = "document_forgery"
    PAYMENT_FORGERY = "payment_forgery"
    HORMONAL_SUBSTANCES = "hormonal_substances"
    NUCLEAR_MATERIALS = "nuclear_materials"
    STOLEN_VEHICLES = "stolen_vehicles"
    RAPE = "rape"
    ARSON = "arson"
    ICC_CRIMES = "icc_crimes"
    AIRCRAFT_SHIP_SEIZURE = "aircraft_ship_seizure"
    SABOTAGE = "sabotage"


ANNEX_D_LABELS: Final[Mapping[AnnexD, str]] = _frozen(
    {
        # TRANSLATORS: Annex D to Directive 2014/41/EU (the list of Article 2(2) of the European Arrest
        # Warrant Framework Decision); use the official wording of each language: verify.
        AnnexD.CRIMINAL_ORGANISATION: N_("participation in a criminal organisation"),
        AnnexD.TERRORISM: N_("terrorism"),
        AnnexD.HUMAN_TRAFFICKING: N_("trafficking in human beings"),
        AnnexD.CHILD_SEXUAL_EXPLOITATION: N_("sexual exploitation of children and child pornography"),
        AnnexD.DRUG_TRAFFICKING: N_("illicit trafficking in narcotic drugs and psychotropic substances"),
        AnnexD.WEAPONS_TRAFFICKING: N_("illicit trafficking in weapons, munitions and explosives"),
        AnnexD.CORRUPTION: N_("corruption"),
        AnnexD.FRAUD: N_("fraud, including that affecting the financial interests of the European Union"),
        AnnexD.MONEY_LAUNDERING: N_("laundering of the proceeds of crime"),
        AnnexD.COUNTERFEITING_CURRENCY: N_("counterfeiting of currency, including of the euro"),
        AnnexD.COMPUTER_CRIME: N_("computer-related crime"),
        AnnexD.ENVIRONMENTAL_CRIME: N_(
            "environmental crime, including illicit trafficking in endangered animal species and in "
            "endangered plant species and varieties"
        ),
        AnnexD.ILLEGAL_ENTRY: N_("facilitation of unauthorised entry and residence"),
        AnnexD.MURDER: N_("murder, grievous bodily injury"),
        AnnexD.ORGAN_TRAFFICKING: N_("illicit trade in human organs and tissue"),
        AnnexD.KIDNAPPING: N_("kidnapping, illegal restraint and hostage-taking"),
        AnnexD.RACISM: N_("racism and xenophobia"),
        AnnexD.ROBBERY: N_("organised or armed robbery"),
        AnnexD.CULTURAL_GOODS: N_(
            "illicit trafficking in cultural goods, including antiques and works of art"
        ),
        AnnexD.SWINDLING: N_("swindling"),
        AnnexD.RACKETEERING: N_("racketeering and extortion"),
        AnnexD.PRODUCT_PIRACY: N_("counterfeiting and piracy of products"),
        AnnexD.DOCUMENT_FORGERY: N_("forgery of administrative documents and trafficking therein"),
        AnnexD.PAYMENT_FORGERY: N_("forgery of means of payment"),
        AnnexD.HORMONAL_SUBSTANCES: N_(
            "illicit trafficking in hormonal substances and other growth promoters"
        ),
        AnnexD.NUCLEAR_MATERIALS: N_("illicit trafficking in nuclear or radioactive materials"),
        AnnexD.STOLEN_VEHICLES: N_("trafficking in stolen vehicles"),
        AnnexD.RAPE: N_("rape"),
        AnnexD.ARSON: N_("arson"),
        AnnexD.ICC_CRIMES: N_("crimes within the jurisdiction of the International Criminal Court"),
        AnnexD.AIRCRAFT_SHIP_SEIZURE: N_("unlawful seizure of aircraft/ships"),
        AnnexD.SABOTAGE: N_("sabotage"),
    }
)

# ---------------------------------------------------------------------------------------------
# Section H: additional information for certain measures, one subsection per kind
# ---------------------------------------------------------------------------------------------


class EioH(enum.StrEnum):
    TRANSFER = "transfer"
    REMOTE_HEARING = "remote_hearing"
    PROVISIONAL = "provisional"
    BANK = "bank"
    REAL_TIME = "real_time"
    COVERT = "covert"
    INTERCEPTION = "interception"
    ASSET_TRACING = "asset_tracing"


EIO_H_HEADINGS: Final[Mapping[EioH, str]] = _frozen(
    {
        # TRANSLATORS: EIO section H subsection headings; exact numbering and wording: verify.
        EioH.TRANSFER: N_("Temporary transfer of a person held in custody"),
        EioH.REMOTE_HEARING: N_(
            "Hearing by videoconference, telephone conference or other audiovisual transmission"
        ),
        EioH.PROVISIONAL: N_("Provisional measures"),
        EioH.BANK: N_("Information on bank and other financial accounts and operations"),
        EioH.REAL_TIME: N_("Gathering of evidence in real time, continuously and over a certain period"),
        EioH.COVERT: N_("Covert investigation"),
        EioH.INTERCEPTION: N_("Interception of telecommunications"),
        # TRANSLATORS: Not a subsection of the official form: the particulars of an asset-tracing
        # measure, given after the form's own subsections; verify.
        EioH.ASSET_TRACING: N_("Tracing and identification of assets"),
    }
)

# Measures with a section H subsection of their own although they tick no box of section C.
H_FOR_KIND: Final[Mapping[MeasureKind, EioH]] = MappingProxyType(
    {MeasureKind.ASSET_TRACING: EioH.ASSET_TRACING}
)

# TRANSLATORS: EIO section H, before an asset-tracing measure (Directive 2014/41/EU arts. 26-27 and
# 32); verify.
EIO_H_ASSET_TRACING: Final = N_(
    "The executing authority is asked to trace and identify the assets described below, which are "
    "believed to be the proceeds or instrumentalities of the offences, and to inform the issuing "
    "authority of any assets found, so that their freezing, seizure or confiscation can be requested."
)

H_FOR_BOX: Final[Mapping[EioMeasure, EioH]] = MappingProxyType(
    {
        EioMeasure.TRANSFER_TO_ISSUING: EioH.TRANSFER,
        EioMeasure.TRANSFER_TO_EXECUTING: EioH.TRANSFER,
        EioMeasure.VIDEOCONFERENCE: EioH.REMOTE_HEARING,
        EioMeasure.TELEPHONE: EioH.REMOTE_HEARING,
        EioMeasure.PROVISIONAL: EioH.PROVISIONAL,
        EioMeasure.BANK_ACCOUNTS: EioH.BANK,
        EioMeasure.BANKING_OPERATIONS: EioH.BANK,
        EioMeasure.MONITORING_BANKING: EioH.REAL_TIME,
        EioMeasure.CONTROLLED_DELIVERY: EioH.REAL_TIME,
        EioMeasure.REAL_TIME_OTHER: EioH.REAL_TIME,
        EioMeasure.COVERT_INVESTIGATION: EioH.COVERT,
        EioMeasure.INTERCEPTION: EioH.INTERCEPTION,
    }
)

# TRANSLATORS: EIO section H: the relevance of the measure to the proceedings.
EIO_H_RELEVANCE: Final = N_("Reasons why the measure is relevant for the purpose of the criminal proceedings")

# ---------------------------------------------------------------------------------------------
# Sections I to L and the annexes
# ---------------------------------------------------------------------------------------------

EIO_I1: Final = N_("Formalities and procedures to be complied with in the execution of the EIO")
EIO_I2: Final = N_("Officials of the issuing State to assist in the execution of the EIO")
EIO_J1: Final = N_("Legal remedy already sought against the issuing of the EIO")
# TRANSLATORS: EIO section J(2): where to ask about remedies, legal aid, interpretation, translation.
EIO_J2: Final = N_(
    "Authority in the issuing State which can supply further information on procedures for seeking "
    "legal remedies and on whether legal assistance and interpretation and translation are available"
)
EIO_K_TYPE: Final = N_("Type of issuing authority")
EIO_K_CONTACT: Final = N_("Contact person for practical arrangements for the transfer of evidence")
EIO_K_ACCURACY: Final = N_(
    "The issuing authority certifies that the content of this EIO is accurate and correct."
)
EIO_L_TYPE: Final = N_("Type of validating authority")


class IssuerType(enum.StrEnum):
    """Annex A section K/L: what kind of authority issued or validated the EIO (Article 2(c))."""

    JUDGE_OR_COURT = "judge_or_court"
    INVESTIGATING_JUDGE = "investigating_judge"
    PUBLIC_PROSECUTOR = "public_prosecutor"
    OTHER = "other"


ISSUER_TYPE_LABELS: Final[Mapping[IssuerType, str]] = _frozen(
    {
        # TRANSLATORS: EIO section K tick boxes; verify.
        IssuerType.JUDGE_OR_COURT: N_("Judge or court"),
        IssuerType.INVESTIGATING_JUDGE: N_("Investigating judge"),
        IssuerType.PUBLIC_PROSECUTOR: N_("Public prosecutor"),
        IssuerType.OTHER: N_(
            "Other competent authority as defined by the issuing State (validation required)"
        ),
    }
)

# ---------------------------------------------------------------------------------------------
# Annex B (confirmation of receipt, Article 16(1)) and Annex C (notification, Article 31)
# ---------------------------------------------------------------------------------------------

ANNEX_B_TITLE: Final = N_("Confirmation of the receipt of an EIO")
ANNEX_B_SUBTITLE: Final = N_("Annex B to Directive 2014/41/EU")
ANNEX_B_INTRO: Final = N_(
    "This form is to be completed by the authority of the executing State which received the EIO."
)
ANNEX_B_SECTIONS: Final[tuple[str, ...]] = (
    N_("Issuing authority which issued the EIO"),
    N_("Authority which received the EIO"),
    N_("Authority to which the EIO is transmitted, if different from the receiving authority"),
    N_("Details of the EIO received"),
)
ANNEX_B_RECEIVED_ON: Final = N_("Date of receipt")
ANNEX_B_EXECUTING_REFERENCE: Final = N_("Reference of the executing authority")
ANNEX_B_ISSUING_REFERENCE: Final = N_("Reference of the issuing authority")
ANNEX_B_ISSUED_ON: Final = N_("Date of issue")

ANNEX_C_TITLE: Final = N_("Notification of the interception of telecommunications")
ANNEX_C_SUBTITLE: Final = N_("Annex C to Directive 2014/41/EU (Article 31)")
ANNEX_C_INTRO: Final = N_(
    "This form is used to notify a Member State of the interception of telecommunications of a "
    "person on its territory, when its technical assistance is not needed."
)
ANNEX_C_SECTIONS: Final[tuple[str, ...]] = (
    N_("Intercepting Member State and competent authority"),
    N_("Notified Member State"),
    N_("Information on the interception"),
)
ANNEX_C_TARGET: Final = N_("Subject of the interception (person and identifiers)")
ANNEX_C_PERIOD: Final = N_("Period of the interception")
ANNEX_C_STATUS: Final = N_("The interception is intended, is being carried out or has been carried out")
ANNEX_C_NOTICE: Final = N_(
    "The notified Member State may, within 96 hours, notify that the interception may not be carried "
    "out or shall be terminated, and that material already intercepted may not be used or only under "
    "conditions it specifies (Article 31(3))."
)
