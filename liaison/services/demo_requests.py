"""Two complete demo MLA requests (invented): an EIO from the Netherlands to France and a UNTOC
request from the Netherlands to Morocco, both in the MERIDIAN drug-trafficking case, drafted in
English so that exporting in French shows the machine translation path."""

from __future__ import annotations

import datetime as dt

from liaison.domain.mla import (
    Annex,
    Authority,
    ContactOfficer,
    EarlierRequest,
    InstrumentKind,
    LegalBasis,
    Measure,
    MeasureDetail,
    MeasureKind,
    MlaRequest,
    Offence,
    Person,
    PersonRole,
    ProceedingsType,
    ResultsForm,
    Undertaking,
    UrgencyReason,
)

_PROSECUTOR = Authority(
    name="Public Prosecution Service Rotterdam (Openbaar Ministerie)",
    kind="public prosecutor",
    address="Wilhelminakade 1, 3072 AP Rotterdam, Netherlands",
    phone="+31 10 000 0000",
    email="mla.rotterdam@example.org",
    representative="mr. E. (Eline) Verkerk",
    post="Public prosecutor, organised crime unit",
    file_number="OM-RTM 2026/0007",
    languages=("nl", "en"),
    functions="The public prosecutor directs the criminal investigation and decides on prosecution.",
)
_POLICE = Authority(
    name="National Police, Rotterdam unit, port team",
    kind="police",
    address="Doelwater 5, 3011 AH Rotterdam, Netherlands",
    functions="The police conduct the investigation under the direction of the public prosecutor.",
)
_OFFICER = ContactOfficer(
    name="Eline Verkerk",
    post="Public prosecutor",
    phone="+31 10 000 0001",
    email="e.verkerk@example.org",
    languages=("nl", "en", "fr"),
    timezone="Europe/Amsterdam",
)
_FACTS = (
    "The suspect was arrested in Rotterdam. The police seized the containers. "
    "The suspect sent money to a bank account in France."
)
_OFFENCE = Offence(
    classification="Illicit trafficking in narcotic drugs",
    provisions="Opium Act, article 10: importing hard drugs is punishable by up to twelve years.",
    max_penalty="12 years' imprisonment",
    limitation_date=dt.date(2044, 1, 22),
    eio_category="drug_trafficking",
    punishable_three_years=True,
)
_WITNESS = Person(
    role=PersonRole.WITNESS,
    surname="Benali",
    given_names="Karim",
    sex="M",
    nationality="MA",
    address="Port of Tangier Med, Tangier",
    languages=("ar", "fr"),
)
_SUSPECT = Person(
    role=PersonRole.SUSPECT,
    surname="Van Dalen",
    given_names="Ruben",
    sex="M",
    nationality="NL",
    birth_date=dt.date(1984, 5, 17),
    birth_place="Schiedam",
    id_documents=("NL passport NX0000000",),
    address="Unknown, last seen in Rotterdam",
    languages=("nl", "en"),
    identifiers=("+31 6 0000 0000",),
)


def eio_to_france(case_id: str, addressee_id: str | None, eio_id: str | None) -> MlaRequest:
    return MlaRequest(
        case_id=case_id,
        rule_set="EIO-ANNEX-A",
        instrument_kind=InstrumentKind.EIO,
        requesting_state="NL",
        requested_state="FR",
        our_reference="EIO-NL-2026/0042",
        request_date=dt.date(2026, 2, 10),
        place="Rotterdam",
        addressee_id=addressee_id,
        transmission_channel="e-EDES",
        language="en",
        legal_bases=(
            LegalBasis(agreement_id=eio_id, instrument="Directive 2014/41/EU", articles="articles 1 and 6"),
        ),
        requesting_authority=_PROSECUTOR,
        investigating_authority=_POLICE,
        contact_officer=_OFFICER,
        urgent=True,
        urgency_reasons=(UrgencyReason.EVIDENCE_AT_RISK,),
        urgency_detail="Please send the bank records before Friday.",
        requested_by=dt.date(2026, 3, 31),
        confidential=True,
        confidentiality_reasons="Please do not inform the suspect.",
        notify_before_disclosure=True,
        proceedings_type=ProceedingsType.CRIMINAL_INVESTIGATION,
        facts=_FACTS,
        offences=(_OFFENCE,),
        persons=(_SUSPECT,),
        measures=(
            Measure(
                MeasureKind.BANK_RECORDS,
                description="Please send the bank records.",
                details=(
                    MeasureDetail("bank", "Banque Exemple SA, Paris"),
                    MeasureDetail("account", "FR76 0000 0000 0000 0000 0000 000"),
                    MeasureDetail("period", "1 January 2025 to 31 January 2026"),
                ),
                place="Paris",
                purpose="The bank records show the money sent by the suspect.",
            ),
        ),
        purpose="The evidence is needed for the trial of the suspect.",
        questions=("Who opened the bank account?",),
        earlier_requests=(
            EarlierRequest(
                date=dt.date(2026, 1, 25),
                reference="SIENA 0000-26",
                authority="Europol",
                note="spontaneous information exchange",
            ),
        ),
        undertakings=(Undertaking.SPECIALITY, Undertaking.DATA_PROTECTION, Undertaking.COSTS),
        remedies_information="Public Prosecution Service Rotterdam, legal aid desk",
        results_form=ResultsForm.ELECTRONIC,
        results_recipient="Public Prosecution Service Rotterdam",
        practical_contact="Eline Verkerk, +31 10 000 0001",
        signatory_name="mr. E. (Eline) Verkerk",
        signatory_post="Public prosecutor",
        annexes=(
            Annex(
                title="Order of the investigating judge, 8 February 2026",
                file_name="order.pdf",
                sha256="9f2c" + "0" * 60,
                pages=2,
            ),
        ),
    )


def untoc_to_morocco(case_id: str, addressee_id: str | None, untoc_id: str | None) -> MlaRequest:
    return MlaRequest(
        case_id=case_id,
        rule_set="UNTOC-18-15",
        instrument_kind=InstrumentKind.MLA_LETTER,
        requesting_state="NL",
        requested_state="MA",
        our_reference="MLA-NL-2026/0117",
        request_date=dt.date(2026, 2, 12),
        place="Rotterdam",
        addressee_id=addressee_id,
        transmission_channel="central authority",
        language="en",
        legal_bases=(LegalBasis(agreement_id=untoc_id, instrument="UNTOC", articles="article 18"),),
        requesting_authority=_PROSECUTOR,
        investigating_authority=_POLICE,
        contact_officer=_OFFICER,
        proceedings_type=ProceedingsType.CRIMINAL_INVESTIGATION,
        facts=_FACTS,
        offences=(_OFFENCE,),
        persons=(_SUSPECT, _WITNESS),
        measures=(
            Measure(
                MeasureKind.VIDEOCONFERENCE,
                description="Please hear the witness.",
                details=(
                    MeasureDetail("hearing_mode", "video"),
                    MeasureDetail("conducting_authority", "Public Prosecution Service Rotterdam"),
                    MeasureDetail("datetime", "16 March 2026, 10:00 (Africa/Casablanca)"),
                    MeasureDetail("remote_reasons", "The witness lives in Tangier and cannot travel."),
                ),
                place="Tangier",
                purpose="The witness saw the containers in the port.",
                persons=(2,),
            ),
        ),
        purpose="The evidence is needed for the trial of the suspect.",
        questions=("Did you see the suspect in the port?",),
        undertakings=(Undertaking.SPECIALITY, Undertaking.CONSULTATION),
        results_form=ResultsForm.CERTIFIED_COPIES,
        results_recipient="Public Prosecution Service Rotterdam",
        signatory_name="mr. E. (Eline) Verkerk",
        signatory_post="Public prosecutor",
    )
