"""Invented sample data for a demo vault: agencies, contacts, agreements with parties, and cases.

Pure data: no I/O and nothing from ``liaison.store``. Every *person* below is fictional, and so are
their e-mail addresses (``example.org``/``example.com``), phone numbers and key fingerprints.
Agencies and legal instruments are real public institutions and treaties; their dates are given to
the best of the author's knowledge, and each agreement's ``notes`` says what must still be checked
against the official treaty office before anyone relies on it.

Records keep ``id``, ``created_at`` and ``updated_at`` at their defaults and leave foreign keys
empty. Links are expressed as ``*_key`` strings that the demo loader resolves to record ids; it
also fills ``Party.agreement_id`` and ``Note.case_id``.

A contact's ``country`` is the State the person works for; for staff of international bodies
(Europol, Eurojust, INTERPOL) it is the host State.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from liaison.domain import (
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
    Handling,
    LanguageSkill,
    LocalizedText,
    Note,
    Party,
    PartyStatus,
    TrustLevel,
)


@dataclass(frozen=True)
class DemoAgency:
    key: str
    agency: Agency
    parent_key: str | None = None


@dataclass(frozen=True)
class DemoContact:
    key: str
    contact: Contact
    agency_key: str | None


@dataclass(frozen=True)
class DemoParty:
    party: Party  # party.agreement_id is left "" (filled by the loader)
    central_authority_key: str | None = None


@dataclass(frozen=True)
class DemoAgreement:
    key: str
    agreement: Agreement
    parties: tuple[DemoParty, ...]


@dataclass(frozen=True)
class DemoNote:
    note: Note  # note.case_id is left "" (filled by the loader)


@dataclass(frozen=True)
class DemoCase:
    key: str
    case: Case
    notes: tuple[DemoNote, ...]
    contact_keys: tuple[str, ...]
    agreement_keys: tuple[str, ...]


# --- small builders --------------------------------------------------------------------------


def _langs(*specs: str) -> tuple[LanguageSkill, ...]:
    """``"fr"`` is a working language; ``"es:reads"`` gives the level after the colon."""
    skills = []
    for spec in specs:
        code, _, level = spec.partition(":")
        skills.append(LanguageSkill(code, level or "working"))
    return tuple(skills)


def _email(address: str) -> Channel:
    return Channel("email", address)


def _pgp(address: str) -> Channel:
    return Channel("pgp-email", address, secure=True)


def _phone(number: str) -> Channel:
    return Channel("phone", number)


def _mobile(number: str) -> Channel:
    return Channel("mobile", number)


def _siena(mailbox: str) -> Channel:
    return Channel("siena", mailbox, secure=True)


def _i247(office: str) -> Channel:
    return Channel("i24-7", office, secure=True)


def _postal(address: str) -> Channel:
    return Channel("postal", address)


_Dates = tuple[date | None, date | None, date | None]
_NO_DATES: _Dates = (None, None, None)


def _party(
    country: str,
    dates: _Dates = _NO_DATES,
    languages: str = "",
    authority: str | None = None,
    declarations: str = "",
    reservations: str = "",
    channels: str = "",
) -> DemoParty:
    """One party; ``dates`` is (signed, ratified, in force); languages and channels split on spaces."""
    signed, ratified, in_force = dates
    return DemoParty(
        Party(
            agreement_id="",
            country=country,
            signed_on=signed,
            ratified_on=ratified,
            in_force_on=in_force,
            status=PartyStatus.IN_FORCE,
            accepted_languages=tuple(languages.split()),
            reservations=reservations,
            declarations=declarations,
            channels=tuple(channels.split()),
            handling=Handling.CLEAR,
        ),
        authority,
    )


def _note(title: str, body: str, language: str = "en", handling: Handling = Handling.AMBER) -> DemoNote:
    return DemoNote(Note(case_id="", title=title, body=body, language=language, handling=handling))


_DP_LED = "Directive (EU) 2016/680 art. 8: professional contact data needed for cooperation tasks"
_DP_PUBLIC = "Published official contact point (EJN Atlas / official directory); Directive 2016/680"
_DP_CASE = "Directive (EU) 2016/680 art. 8: contact linked to an open case; review at case closure"
_WEEKDAYS = "08:30-17:00 Mon-Fri"
_ROUND_THE_CLOCK = "00:00-23:59 Mon-Sun (duty rota)"


# --- agencies --------------------------------------------------------------------------------

AGENCIES: tuple[DemoAgency, ...] = (
    DemoAgency(
        "fr-bepi",
        Agency(
            name="Ministry of Justice – Office for International Mutual Assistance in Criminal Matters",
            name_native="Ministère de la Justice – Bureau de l'entraide pénale internationale (BEPI)",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="FR",
            region="Île-de-France",
            address="Ministère de la Justice, DACG – BEPI, Paris, France",
            notes="Part of the Direction des affaires criminelles et des grâces (DACG). Central "
            "route for non-EU MLA; most EU evidence requests go directly between judicial "
            "authorities.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "fr-ofac",
        Agency(
            name="Anti-Cybercrime Office (OFAC), French National Police",
            name_native="Office anti-cybercriminalité (OFAC)",
            kind=AgencyKind.POLICE,
            country="FR",
            region="Île-de-France",
            address="Nanterre, France",
            notes="Succeeded the OCLCTIC in 2023 (verify current attachment within the national "
            "judicial police). Hosts ransomware and dark-web investigation groups.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "de-bfj",
        Agency(
            name="Federal Office of Justice – International Legal Assistance in Criminal Matters",
            name_native="Bundesamt für Justiz – Internationale Rechtshilfe in Strafsachen",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="DE",
            region="Nordrhein-Westfalen",
            address="Bundesamt für Justiz, Bonn, Germany",
            notes="Federal-level channel. Most incoming requests are executed by the Länder "
            "(Generalstaatsanwaltschaften); check the competent Land before sending.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "de-bka",
        Agency(
            name="Federal Criminal Police Office (BKA)",
            name_native="Bundeskriminalamt (BKA)",
            kind=AgencyKind.POLICE,
            country="DE",
            region="Hessen",
            address="Bundeskriminalamt, Wiesbaden, Germany",
            notes="German INTERPOL NCB and Europol national unit. Cybercrime division (CC) hosts "
            "the 24/7 contact point.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "es-mjus",
        Agency(
            name="Ministry of Justice – Deputy Directorate-General for International Legal Cooperation",
            name_native="Ministerio de Justicia – Subdirección General de Cooperación Jurídica Internacional",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="ES",
            region="Comunidad de Madrid",
            address="Madrid, Spain",
            notes="The ministry was renamed in 2023 (Presidencia, Justicia y Relaciones con las "
            "Cortes); verify the current name for letterheads.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "es-uco",
        Agency(
            name="Civil Guard – Central Operational Unit (UCO)",
            name_native="Guardia Civil – Unidad Central Operativa (UCO)",
            kind=AgencyKind.POLICE,
            country="ES",
            region="Comunidad de Madrid",
            address="Madrid, Spain",
            notes="Economic crime, organised crime and asset-tracing departments.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "it-mgiust",
        Agency(
            name="Ministry of Justice – Directorate-General for International Affairs and "
            "Judicial Cooperation",
            name_native="Ministero della Giustizia – Direzione generale degli affari internazionali "
            "e della cooperazione giudiziaria",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="IT",
            region="Lazio",
            address="Rome, Italy",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "nl-airs",
        Agency(
            name="Ministry of Justice and Security – International Legal Assistance in Criminal "
            "Matters (AIRS)",
            name_native="Ministerie van Justitie en Veiligheid – Afdeling Internationale "
            "Rechtshulp in Strafzaken (AIRS)",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="NL",
            region="Zuid-Holland",
            address="The Hague, Netherlands",
            notes="Central authority for extradition and non-EU MLA. EIOs go to the regional "
            "international legal assistance centres (IRC/LIRC).",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "nl-om-rotterdam",
        Agency(
            name="Public Prosecution Service – Rotterdam District Office",
            name_native="Openbaar Ministerie – Arrondissementsparket Rotterdam",
            kind=AgencyKind.PROSECUTION,
            country="NL",
            region="Zuid-Holland",
            address="Rotterdam, Netherlands",
            notes="Prosecutes most cocaine seizures in the Port of Rotterdam.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "pl-pk",
        Agency(
            name="National Public Prosecutor's Office – Bureau of International Cooperation",
            name_native="Prokuratura Krajowa – Biuro Współpracy Międzynarodowej",
            kind=AgencyKind.PROSECUTION,
            country="PL",
            region="mazowieckie",
            address="Warsaw, Poland",
            notes="Central route for pre-trial MLA; the Ministry of Justice handles the court stage.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "pt-pgr",
        Agency(
            name="Office of the Prosecutor General – Department of Judicial Cooperation and "
            "International Relations",
            name_native="Procuradoria-Geral da República – Departamento de Cooperação Judiciária "
            "e Relações Internacionais",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="PT",
            region="Lisboa",
            address="Lisbon, Portugal",
            notes="The PGR is Portugal's central authority under most MLA conventions (verify the "
            "department's current name).",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "pt-pj",
        Agency(
            name="Judicial Police – Financial Intelligence Unit (UIF)",
            name_native="Polícia Judiciária – Unidade de Informação Financeira (UIF)",
            kind=AgencyKind.FIU,
            country="PT",
            region="Lisboa",
            address="Lisbon, Portugal",
            notes="Portugal's FIU sits inside the Polícia Judiciária. FIU information is "
            "intelligence: ask before using it as evidence.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "ma-mjus",
        Agency(
            name="Ministry of Justice – Directorate of Criminal Affairs and Pardons",
            name_native="وزارة العدل – مديرية الشؤون الجنائية والعفو",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="MA",
            region="Rabat-Salé-Kénitra",
            address="Rabat, Morocco",
            notes="French is widely used in correspondence alongside Arabic. Since 2017 the "
            "Présidence du Ministère Public handles the prosecution side; verify routing.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "ma-dgsn",
        Agency(
            name="General Directorate for National Security (DGSN) – INTERPOL NCB Rabat",
            name_native="المديرية العامة للأمن الوطني – المكتب المركزي الوطني للأنتربول بالرباط",
            kind=AgencyKind.POLICE,
            country="MA",
            region="Rabat-Salé-Kénitra",
            address="Rabat, Morocco",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "tr-adalet",
        Agency(
            name="Ministry of Justice – Directorate-General for Foreign Relations and EU Affairs",
            name_native="Adalet Bakanlığı – Dış İlişkiler ve Avrupa Birliği Genel Müdürlüğü",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="TR",
            region="Ankara",
            address="Ankara, Türkiye",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "br-drci",
        Agency(
            name="Ministry of Justice and Public Security – Department of Asset Recovery and "
            "International Legal Cooperation (DRCI)",
            name_native="Ministério da Justiça e Segurança Pública – Departamento de Recuperação "
            "de Ativos e Cooperação Jurídica Internacional (DRCI)",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="BR",
            region="Distrito Federal",
            address="Brasília, Brazil",
            notes="Central authority for most of Brazil's MLA treaties and conventions.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "cn-mps",
        Agency(
            name="Ministry of Public Security – International Cooperation Department",
            name_native="中华人民共和国公安部国际合作局",
            kind=AgencyKind.POLICE,
            country="CN",
            region="Beijing",
            address="Beijing, China",
            notes="Police-to-police channel and INTERPOL NCB Beijing. Formal MLA requests go to "
            "the Ministry of Justice as central authority (not yet in this vault).",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "ua-ogp",
        Agency(
            name="Office of the Prosecutor General – Department of International Legal Cooperation",
            name_native="Офіс Генерального прокурора – Департамент міжнародно-правового співробітництва",
            kind=AgencyKind.PROSECUTION,
            country="UA",
            region="Kyiv",
            address="Kyiv, Ukraine",
            notes="Central authority for MLA at the pre-trial stage; the Ministry of Justice "
            "handles the court stage.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "ua-cyberpolice",
        Agency(
            name="National Police of Ukraine – Cyber Police Department",
            name_native="Національна поліція України – Департамент кіберполіції",
            kind=AgencyKind.POLICE,
            country="UA",
            region="Kyiv",
            address="Kyiv, Ukraine",
            notes="Runs Ukraine's 24/7 point of contact under the Budapest Convention (verify).",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "us-oia",
        Agency(
            name="U.S. Department of Justice – Criminal Division, Office of International Affairs",
            name_native="U.S. Department of Justice – Office of International Affairs (OIA)",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="US",
            region="District of Columbia",
            address="Washington, DC, United States",
            notes="Central authority for US MLA treaties. Content from US providers needs "
            "probable cause; allow months, not weeks.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "us-fbi",
        Agency(
            name="Federal Bureau of Investigation (FBI) – Legal Attaché Program",
            name_native="Federal Bureau of Investigation",
            kind=AgencyKind.POLICE,
            country="US",
            region="District of Columbia",
            address="Washington, DC, United States",
            notes="Legal attachés at US embassies are the first stop for urgent police-to-police "
            "requests and emergency disclosure requests to US providers.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "gb-ukca",
        Agency(
            name="UK Central Authority (UKCA), Home Office",
            name_native="UK Central Authority, Home Office",
            kind=AgencyKind.CENTRAL_AUTHORITY,
            country="GB",
            region="England",
            address="Home Office, London, United Kingdom",
            notes="England, Wales and Northern Ireland. Scotland: Crown Office International "
            "Co-operation Unit. Tax matters: HMRC.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "gb-nca",
        Agency(
            name="National Crime Agency (NCA)",
            name_native="National Crime Agency",
            kind=AgencyKind.POLICE,
            country="GB",
            region="England",
            address="London, United Kingdom",
            notes="Hosts the National Cyber Crime Unit and the UK International Crime Bureau.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "co-fgn",
        Agency(
            name="Office of the Attorney General of Colombia – International Affairs Directorate",
            name_native="Fiscalía General de la Nación – Dirección de Asuntos Internacionales",
            kind=AgencyKind.PROSECUTION,
            country="CO",
            region="Bogotá D.C.",
            address="Bogotá, Colombia",
            notes="Handles incoming and outgoing MLA for criminal investigations (verify the "
            "designations under each convention).",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "co-diran",
        Agency(
            name="Colombian National Police – Anti-Narcotics Directorate (DIRAN)",
            name_native="Policía Nacional de Colombia – Dirección de Antinarcóticos",
            kind=AgencyKind.POLICE,
            country="CO",
            region="Bogotá D.C.",
            address="Bogotá, Colombia",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "europol",
        Agency(
            name="Europol – European Union Agency for Law Enforcement Cooperation",
            name_native="Europol",
            kind=AgencyKind.INTERNATIONAL,
            country="NL",
            region="Zuid-Holland",
            address="The Hague, Netherlands",
            notes="International body; country holds the host State. National liaison bureaux "
            "sit in the same building.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "europol-ec3",
        Agency(
            name="Europol – European Cybercrime Centre (EC3)",
            name_native="European Cybercrime Centre (EC3)",
            kind=AgencyKind.INTERNATIONAL,
            country="NL",
            region="Zuid-Holland",
            address="The Hague, Netherlands",
            handling=Handling.GREEN,
        ),
        parent_key="europol",
    ),
    DemoAgency(
        "eurojust",
        Agency(
            name="Eurojust – European Union Agency for Criminal Justice Cooperation",
            name_native="Eurojust",
            kind=AgencyKind.INTERNATIONAL,
            country="NL",
            region="Zuid-Holland",
            address="The Hague, Netherlands",
            notes="International body; country holds the host State. Coordination meetings and JIT funding.",
            handling=Handling.GREEN,
        ),
    ),
    DemoAgency(
        "interpol",
        Agency(
            name="INTERPOL General Secretariat",
            name_native="Secrétariat général d'INTERPOL",
            kind=AgencyKind.INTERNATIONAL,
            country="FR",
            region="Auvergne-Rhône-Alpes",
            address="Lyon, France",
            notes="International body; country holds the host State. Command and Coordination "
            "Centre runs around the clock.",
            handling=Handling.GREEN,
        ),
    ),
)


# --- contacts (all persons invented) ---------------------------------------------------------

CONTACTS: tuple[DemoContact, ...] = (
    DemoContact(
        "c-fr-marchetti",
        Contact(
            full_name="Hélène Marchetti-Roux",
            honorific="Mme",
            gender="F",
            country="FR",
            unit="BEPI – Americas and Africa desk",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "letters rogatory", "drug trafficking", "money laundering"),
            languages=_langs("fr", "en", "es:reads"),
            preferred_language="fr",
            channels=(
                _email("h.marchetti-roux@justice-fr.example.org"),
                _phone("+33 1 00 00 41 27"),
                _postal("Ministère de la Justice, DACG – BEPI, Paris, France"),
            ),
            preferred_channel="email",
            avoid_channels=("mobile",),
            timezone="Europe/Paris",
            working_hours="09:00-18:00 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2025, 3, 18),
            verification_method="Met at an EJN regional meeting; call-back via the ministry switchboard",
            last_contact_on=date(2026, 10, 14),
            last_contact_channel="phone",
            next_follow_up=date(2026, 12, 3),
            source="Met in person; ministry directory",
            data_protection_basis=_DP_LED,
            review_on=date(2026, 12, 31),
            notes="Likes a short advance e-mail before a formal request arrives by post. Rarely "
            "reachable on Friday afternoons.",
        ),
        "fr-bepi",
    ),
    DemoContact(
        "c-fr-legoff",
        Contact(
            full_name="Yannick Le Goff",
            honorific="Commandant de police",
            gender="M",
            country="FR",
            unit="OFAC – Ransomware investigations group",
            role=ContactRole.POLICE_INVESTIGATOR,
            competences=("cybercrime", "ransomware", "cryptocurrency tracing", "expedited preservation"),
            languages=_langs("fr", "en", "de:reads"),
            preferred_language="fr",
            channels=(
                _siena("FR ENU – OFAC cyber desk"),
                _pgp("y.legoff@ofac-police.example.org"),
                _mobile("+33 6 00 00 18 52"),
            ),
            preferred_channel="siena",
            avoid_channels=("email",),
            timezone="Europe/Paris",
            working_hours="08:30-18:30 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2025, 6, 5),
            verification_method="Met at an operational meeting at Europol; PGP key checked by "
            "phone on 2025-06-12",
            last_contact_on=date(2026, 11, 20),
            last_contact_channel="siena",
            next_follow_up=date(2026, 12, 1),
            source="Europol operational meeting",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Lead investigator on KESTREL. PGP fingerprint (fictional): 7A3C 19F0 52D4 "
            "8B61 E0C2 4F9A 3D17 6B28 C905 E14F.",
        ),
        "fr-ofac",
    ),
    DemoContact(
        "c-int-benhaddou",
        Contact(
            full_name="Inès Benhaddou-Lefebvre",
            honorific="Ms",
            gender="F",
            country="FR",
            unit="Command and Coordination Centre (CCC)",
            role=ContactRole.OTHER,
            competences=("red notices", "diffusions", "fugitive location", "urgent police cooperation"),
            urgent_contact=True,
            languages=_langs("fr", "en", "es", "ar:spoken"),
            preferred_language="en",
            channels=(_i247("I-24/7: INTERPOL CCC Lyon"), _phone("+33 4 00 00 70 70")),
            preferred_channel="i24-7",
            timezone="Europe/Paris",
            working_hours=_ROUND_THE_CLOCK,
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 1, 20),
            verification_method="INTERPOL secure directory via our NCB",
            last_contact_on=date(2026, 9, 17),
            last_contact_channel="i24-7",
            next_follow_up=None,
            source="NCB referral",
            data_protection_basis=_DP_LED,
            review_on=date(2026, 9, 30),
            notes="Duty officer on a rota: always copy the CCC functional mailbox, not a person.",
            handling=Handling.GREEN,
        ),
        "interpol",
    ),
    DemoContact(
        "c-de-voessing",
        Contact(
            full_name="Dr. Annegret Vössing",
            honorific="Regierungsdirektorin",
            gender="F",
            country="DE",
            unit="Referat III 2 – Internationale Rechtshilfe in Strafsachen",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "service of documents", "asset recovery"),
            languages=_langs("de", "en", "fr:reads"),
            preferred_language="de",
            channels=(
                _email("a.voessing@bfj.example.org"),
                _phone("+49 228 0000 4127"),
                _postal("Bundesamt für Justiz, Bonn, Germany"),
            ),
            preferred_channel="email",
            timezone="Europe/Berlin",
            working_hours="08:00-16:30 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2024, 11, 4),
            verification_method="EJN Atlas entry and BfJ organisation chart",
            last_contact_on=date(2026, 5, 6),
            last_contact_channel="email",
            next_follow_up=None,
            source="EJN Atlas",
            data_protection_basis=_DP_PUBLIC,
            review_on=date(2026, 11, 4),
            notes="Will tell you which Generalstaatsanwaltschaft is competent; saves a round trip.",
            handling=Handling.GREEN,
        ),
        "de-bfj",
    ),
    DemoContact(
        "c-de-grosskopf",
        Contact(
            full_name="Matthias Großkopf",
            honorific="KHK",
            gender="M",
            country="DE",
            unit="SO 35 – Finanzermittlungen",
            role=ContactRole.POLICE_INVESTIGATOR,
            competences=("money laundering", "asset recovery", "financial investigations"),
            languages=_langs("de", "en", "es:reads"),
            preferred_language="de",
            channels=(
                _siena("DE ENU – BKA SO"),
                _email("m.grosskopf@bka.example.org"),
                _phone("+49 611 0000 5522"),
            ),
            preferred_channel="siena",
            timezone="Europe/Berlin",
            working_hours="07:30-16:00 Mon-Fri",
            trust_level=TrustLevel.INTRODUCED,
            verified_on=date(2025, 11, 12),
            verification_method="Introduced by Teniente Peñalver (UCO) at a Eurojust meeting",
            last_contact_on=date(2026, 6, 2),
            last_contact_channel="siena",
            next_follow_up=date(2026, 12, 10),
            source="Introduced by Guardia Civil UCO",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Has a parallel case on the same cash couriers (Frankfurt). Ask before "
            "sharing ATLAS material with his prosecutor.",
        ),
        "de-bka",
    ),
    DemoContact(
        "c-de-brueckner",
        Contact(
            full_name="Lena Brückner",
            honorific="KORin",
            gender="F",
            country="DE",
            unit="CC 2 – Cybercrime Ermittlungen / 24/7-Kontaktstelle",
            role=ContactRole.POLICE_INVESTIGATOR,
            competences=("cybercrime", "ransomware", "subscriber data", "expedited preservation"),
            urgent_contact=True,
            languages=_langs("de", "en", "fr:spoken"),
            preferred_language="en",
            channels=(
                _siena("DE ENU – BKA CC"),
                _pgp("l.brueckner@bka.example.org"),
                _phone("+49 611 0000 8811"),
            ),
            preferred_channel="siena",
            timezone="Europe/Berlin",
            working_hours="08:00-17:00 Mon-Fri (24/7 desk out of hours)",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2025, 6, 5),
            verification_method="Met at the same Europol operational meeting as Cdt Le Goff",
            last_contact_on=date(2026, 11, 18),
            last_contact_channel="siena",
            next_follow_up=date(2026, 12, 8),
            source="Europol operational meeting",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="German victims in KESTREL (two hospitals in Hessen). Prefers English for "
            "operational traffic.",
        ),
        "de-bka",
    ),
    DemoContact(
        "c-es-sanchez",
        Contact(
            full_name="Inmaculada Sánchez Ortuño",
            honorific="Dña.",
            gender="F",
            country="ES",
            unit="Área de Cooperación Penal Internacional",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "EIO coordination", "bank records", "extradition"),
            languages=_langs("es", "en", "fr", "pt:reads"),
            preferred_language="es",
            channels=(
                _email("isanchez@mjusticia.example.org"),
                _phone("+34 91 000 21 47"),
                _postal("Ministerio de Justicia – SGCJI, Madrid, Spain"),
            ),
            preferred_channel="email",
            timezone="Europe/Madrid",
            working_hours="08:00-15:00 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2024, 9, 23),
            verification_method="EJN Atlas entry cross-checked with the ministry switchboard",
            last_contact_on=date(2026, 1, 29),
            last_contact_channel="email",
            next_follow_up=None,
            source="EJN Atlas",
            data_protection_basis=_DP_PUBLIC,
            review_on=date(2026, 9, 23),
            notes="Office hours are mornings only in July and August (horario de verano).",
            handling=Handling.GREEN,
        ),
        "es-mjus",
    ),
    DemoContact(
        "c-es-penalver",
        Contact(
            full_name="Álvaro Peñalver Ruiz",
            honorific="Teniente",
            gender="M",
            country="ES",
            unit="UCO – Departamento de Delincuencia Económica",
            role=ContactRole.POLICE_INVESTIGATOR,
            competences=("money laundering", "asset recovery", "bank records", "shell companies"),
            languages=_langs("es", "en", "pt:spoken"),
            preferred_language="es",
            channels=(
                _siena("ES ENU – Guardia Civil UCO"),
                _email("apenalver@guardiacivil.example.org"),
                _mobile("+34 600 000 318"),
            ),
            preferred_channel="siena",
            avoid_channels=("email",),
            timezone="Europe/Madrid",
            working_hours="08:00-15:30 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2025, 10, 8),
            verification_method="Eurojust coordination meeting on ATLAS",
            last_contact_on=date(2026, 10, 8),
            last_contact_channel="in person",
            next_follow_up=date(2026, 11, 26),
            source="Met in person at Eurojust",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Answers SIENA within a day; e-mail often goes unread.",
        ),
        "es-uco",
    ),
    DemoContact(
        "c-es-zubizarreta",
        Contact(
            full_name="Íñigo Zubizarreta Lasa",
            honorific="Inspector Jefe",
            gender="M",
            country="ES",
            unit="Spanish Liaison Bureau at Europol (Policía Nacional)",
            role=ContactRole.LIAISON_OFFICER,
            competences=("drug trafficking", "maritime routes", "Strait of Gibraltar"),
            languages=_langs("es", "en", "fr", "eu:spoken"),
            preferred_language="es",
            channels=(
                _siena("ES Liaison Bureau – Europol"),
                _mobile("+34 600 000 731"),
            ),
            preferred_channel="siena",
            timezone="Europe/Amsterdam",
            working_hours="08:30-17:30 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2026, 3, 4),
            verification_method="Met at the liaison bureau during a MERIDIAN meeting",
            last_contact_on=date(2026, 10, 21),
            last_contact_channel="siena",
            next_follow_up=date(2026, 12, 15),
            source="Met in person",
            data_protection_basis=_DP_LED,
            review_on=date(2026, 12, 31),
            notes="Works for Spain but sits in The Hague: time zone is Amsterdam.",
        ),
        "europol",
    ),
    DemoContact(
        "c-it-ferraresi",
        Contact(
            full_name="Giulia Ferraresi",
            honorific="Dott.ssa",
            gender="F",
            country="IT",
            unit="Ufficio II – Cooperazione internazionale in materia penale",
            role=ContactRole.EJN_CONTACT_POINT,
            competences=("mla", "EIO", "extradition", "mafia-type organised crime"),
            languages=_langs("it", "en", "fr", "es:spoken"),
            preferred_language="it",
            channels=(_email("g.ferraresi@giustizia.example.org"), _phone("+39 06 0000 3391")),
            preferred_channel="email",
            timezone="Europe/Rome",
            working_hours="09:00-17:00 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 2, 14),
            verification_method="EJN contact-point list",
            last_contact_on=date(2025, 4, 9),
            last_contact_channel="email",
            next_follow_up=None,
            source="EJN Atlas",
            data_protection_basis=_DP_PUBLIC,
            review_on=date(2026, 2, 14),
            notes="No active case. Useful for finding the competent procura in EIO matters.",
            handling=Handling.GREEN,
        ),
        "it-mgiust",
    ),
    DemoContact(
        "c-int-vautrin",
        Contact(
            full_name="Claire-Marie Vautrin",
            honorific="Mme",
            gender="F",
            country="FR",
            unit="French Desk",
            role=ContactRole.EUROJUST_NATIONAL_MEMBER,
            competences=("coordination meetings", "JIT", "conflicts of jurisdiction"),
            languages=_langs("fr", "en", "it:reads"),
            preferred_language="fr",
            channels=(_email("cm.vautrin@eurojust.example.org"), _phone("+31 70 000 4418")),
            preferred_channel="email",
            timezone="Europe/Amsterdam",
            working_hours="09:00-18:00 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2025, 10, 8),
            verification_method="Chaired the ATLAS coordination meeting",
            last_contact_on=date(2026, 11, 10),
            last_contact_channel="email",
            next_follow_up=date(2026, 12, 4),
            source="Eurojust coordination meeting",
            data_protection_basis=_DP_LED,
            review_on=date(2026, 12, 31),
            notes="Suggested a JIT with Ukraine in KESTREL; JIT funding calls close quarterly.",
        ),
        "eurojust",
    ),
    DemoContact(
        "c-nl-vanderheijden",
        Contact(
            full_name="Marloes van der Heijden",
            honorific="mr.",
            gender="F",
            country="NL",
            unit="AIRS – Team Americas and Africa",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "extradition", "transfer of proceedings"),
            languages=_langs("nl", "en", "de", "fr:reads"),
            preferred_language="en",
            channels=(_email("m.vanderheijden@minjenv.example.org"), _phone("+31 70 000 7723")),
            preferred_channel="email",
            timezone="Europe/Amsterdam",
            working_hours=_WEEKDAYS,
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 5, 12),
            verification_method="Ministry directory; confirmed by reply from functional mailbox",
            last_contact_on=date(2026, 2, 11),
            last_contact_channel="email",
            next_follow_up=None,
            source="Ministry directory",
            data_protection_basis=_DP_PUBLIC,
            review_on=date(2026, 11, 12),
            notes="Review date passed: confirm she still covers Colombia and Morocco.",
        ),
        "nl-airs",
    ),
    DemoContact(
        "c-nl-verkerk",
        Contact(
            full_name="Joost Verkerk",
            honorific="mr.",
            gender="M",
            country="NL",
            unit="Haventeam – drugs en ondermijning",
            role=ContactRole.PROSECUTOR,
            competences=("drug trafficking", "port logistics", "controlled delivery", "container data"),
            languages=_langs("nl", "en", "de:spoken", "es:reads"),
            preferred_language="en",
            channels=(
                _email("j.verkerk@om-rotterdam.example.org"),
                _phone("+31 10 000 4455"),
                _mobile("+31 6 0000 2871"),
            ),
            preferred_channel="email",
            avoid_channels=("whatsapp",),
            timezone="Europe/Amsterdam",
            working_hours=_WEEKDAYS,
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2026, 2, 9),
            verification_method="Met in Rotterdam after the January 2026 seizure",
            last_contact_on=date(2026, 11, 4),
            last_contact_channel="email",
            next_follow_up=date(2026, 11, 25),
            source="Met in person",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Follow-up overdue: waiting for the terminal's gate logs for the second container.",
        ),
        "nl-om-rotterdam",
    ),
    DemoContact(
        "c-int-karagiannis",
        Contact(
            full_name="Dimitrios Karagiannis",
            name_native="Δημήτριος Καραγιάννης",
            honorific="Mr",
            gender="M",
            country="NL",
            unit="EC3 – Operations, ransomware team",
            role=ContactRole.OTHER,
            competences=("ransomware", "cryptocurrency tracing", "malware analysis"),
            languages=_langs("el", "en", "de:reads"),
            preferred_language="en",
            channels=(_siena("Europol EC3 – ransomware team"), _phone("+31 70 000 3160")),
            preferred_channel="siena",
            timezone="Europe/Amsterdam",
            working_hours="08:30-17:30 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2025, 6, 5),
            verification_method="Analyst at the KESTREL operational meeting",
            last_contact_on=date(2026, 11, 16),
            last_contact_channel="siena",
            next_follow_up=date(2026, 12, 2),
            source="Europol operational meeting",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Produces the cross-match reports; send wallet addresses as a CSV attachment.",
        ),
        "europol-ec3",
    ),
    DemoContact(
        "c-pl-przybyl",
        Contact(
            full_name="Łukasz Przybył",
            honorific="prok.",
            gender="M",
            country="PL",
            unit="Biuro Współpracy Międzynarodowej",
            role=ContactRole.EJN_CONTACT_POINT,
            competences=("cybercrime", "mla", "EIO", "JIT"),
            languages=_langs("pl", "en", "de:spoken", "ru:reads"),
            preferred_language="en",
            channels=(_email("l.przybyl@pk-gov.example.org"), _phone("+48 22 000 12 34")),
            preferred_channel="email",
            timezone="Europe/Warsaw",
            working_hours="08:00-16:00 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2026, 3, 16),
            verification_method="EJN Atlas; introduced by his predecessor",
            last_contact_on=date(2026, 9, 30),
            last_contact_channel="email",
            next_follow_up=date(2026, 12, 14),
            source="EJN Atlas",
            data_protection_basis=_DP_PUBLIC,
            review_on=date(2026, 12, 31),
            notes="Took over from Agnieszka Sęk-Domańska in March 2026. A KESTREL money mule "
            "lives near Wrocław.",
        ),
        "pl-pk",
    ),
    DemoContact(
        "c-pl-sek",
        Contact(
            full_name="Agnieszka Sęk-Domańska",
            honorific="prok.",
            gender="F",
            country="PL",
            unit="Biuro Współpracy Międzynarodowej (until March 2026)",
            role=ContactRole.EJN_CONTACT_POINT,
            competences=("mla", "EIO"),
            languages=_langs("pl", "en", "fr:spoken"),
            preferred_language="pl",
            channels=(_email("a.sek-domanska@pk-gov.example.org"),),
            preferred_channel="email",
            timezone="Europe/Warsaw",
            working_hours="08:00-16:00 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2024, 6, 20),
            verification_method="Met at an EJN plenary",
            last_contact_on=date(2025, 12, 2),
            last_contact_channel="email",
            status=ContactStatus.MOVED,
            source="Met in person",
            data_protection_basis=_DP_LED,
            review_on=date(2026, 6, 30),
            notes="Moved to a regional prosecutor's office in Kraków in March 2026. Successor: "
            "Łukasz Przybył. Record kept until the review date, then delete.",
        ),
        "pl-pk",
    ),
    DemoContact(
        "c-pt-albuquerque",
        Contact(
            full_name="Maria João Albuquerque Conceição",
            honorific="Dr.ª",
            gender="F",
            country="PT",
            unit="Departamento de Cooperação Judiciária e Relações Internacionais",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "EIO", "bank records", "asset recovery"),
            languages=_langs("pt", "en", "es", "fr"),
            preferred_language="pt",
            channels=(
                _email("mj.conceicao@pgr-pt.example.org"),
                _phone("+351 21 000 1234"),
                _postal("Procuradoria-Geral da República, Lisbon, Portugal"),
            ),
            preferred_channel="email",
            timezone="Europe/Lisbon",
            working_hours="09:00-17:30 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2025, 10, 8),
            verification_method="Eurojust coordination meeting on ATLAS",
            last_contact_on=date(2026, 3, 20),
            last_contact_channel="email",
            next_follow_up=date(2026, 12, 11),
            source="Met in person at Eurojust",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Arranged fast execution of the ATLAS EIO by the DCIAP. Portugal is one hour behind Paris.",
        ),
        "pt-pgr",
    ),
    DemoContact(
        "c-pt-bras",
        Contact(
            full_name="João Gonçalves Brás",
            honorific="Inspetor-Chefe",
            gender="M",
            country="PT",
            unit="UIF – Análise Operacional",
            role=ContactRole.OTHER,
            competences=("money laundering", "suspicious transaction reports", "bank records"),
            languages=_langs("pt", "en", "es:spoken"),
            preferred_language="pt",
            channels=(
                Channel("fiu-net", "FIU.net – UIF Portugal", secure=True),
                _email("jg.bras@pj-pt.example.org"),
            ),
            preferred_channel="fiu-net",
            timezone="Europe/Lisbon",
            working_hours="09:00-17:30 Mon-Fri",
            trust_level=TrustLevel.INTRODUCED,
            verified_on=date(2025, 11, 3),
            verification_method="Introduced by Dr.ª Albuquerque Conceição (PGR)",
            last_contact_on=date(2026, 2, 17),
            last_contact_channel="email",
            next_follow_up=None,
            source="Introduced by PGR",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 11, 3),
            notes="FIU material is intelligence only; evidential use needs UIF consent and an EIO.",
        ),
        "pt-pj",
    ),
    DemoContact(
        "c-ma-elouafi",
        Contact(
            full_name="Youssef El Ouafi",
            name_native="يوسف الوافي",
            honorific="M.",
            gender="M",
            country="MA",
            unit="Service de l'entraide judiciaire internationale",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "extradition", "drug trafficking", "letters rogatory"),
            languages=_langs("ar", "fr", "es:spoken", "en:reads"),
            preferred_language="fr",
            channels=(
                _email("y.elouafi@justice-ma.example.org"),
                _phone("+212 5 37 00 00 12"),
                _postal("Ministère de la Justice – DAPG, Rabat, Morocco"),
            ),
            preferred_channel="email",
            timezone="Africa/Casablanca",
            working_hours="08:30-16:30 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 9, 1),
            verification_method="UNODC directory of competent national authorities; call-back",
            last_contact_on=date(2026, 10, 27),
            last_contact_channel="email",
            next_follow_up=date(2026, 12, 9),
            source="UNODC competent authorities directory",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Shorter office hours during Ramadan. Morocco is on UTC+1 except during "
            "Ramadan (UTC+0): trust the app's local time, not a fixed offset.",
        ),
        "ma-mjus",
    ),
    DemoContact(
        "c-ma-chraibi",
        Contact(
            full_name="Nabil Chraïbi",
            name_native="نبيل الشرايبي",
            honorific="Commissaire principal",
            gender="M",
            country="MA",
            unit="BCN INTERPOL Rabat – Section stupéfiants",
            role=ContactRole.NCB_OFFICER,
            competences=("drug trafficking", "cannabis resin", "maritime interdiction"),
            urgent_contact=True,
            languages=_langs("ar", "fr", "en", "es:spoken"),
            preferred_language="fr",
            channels=(_i247("I-24/7: NCB Rabat"), _phone("+212 5 37 00 00 45")),
            preferred_channel="i24-7",
            avoid_channels=("email", "mobile"),
            timezone="Africa/Casablanca",
            working_hours="08:30-16:30 Mon-Fri (NCB duty officer out of hours)",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2026, 5, 19),
            verification_method="Met during a liaison visit to Rabat",
            last_contact_on=date(2026, 9, 24),
            last_contact_channel="i24-7",
            next_follow_up=date(2026, 12, 1),
            source="Met in person",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Police-to-police only: anything evidential must follow through the ministry.",
            handling=Handling.AMBER_STRICT,
        ),
        "ma-dgsn",
    ),
    DemoContact(
        "c-tr-celik",
        Contact(
            full_name="Zeynep Çelik Aydoğan",
            honorific="Hâkim",
            gender="F",
            country="TR",
            unit="Cezai Konularda Uluslararası Adli Yardımlaşma Dairesi",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "extradition", "cybercrime", "bank records"),
            languages=_langs("tr", "en", "de:reads"),
            preferred_language="en",
            channels=(_email("z.celik@adalet-tr.example.org"), _phone("+90 312 000 12 34")),
            preferred_channel="email",
            timezone="Europe/Istanbul",
            working_hours="09:00-18:00 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 4, 28),
            verification_method="Ministry directory; reply from the official domain",
            last_contact_on=date(2025, 7, 15),
            last_contact_channel="email",
            next_follow_up=None,
            source="Ministry directory",
            data_protection_basis=_DP_PUBLIC,
            review_on=date(2026, 4, 28),
            notes="Judges seconded to the ministry rotate every few years; check before use.",
        ),
        "tr-adalet",
    ),
    DemoContact(
        "c-br-araujo",
        Contact(
            full_name="Fernanda Araújo Lemos",
            honorific="Dra.",
            gender="F",
            country="BR",
            unit="Coordenação-Geral de Cooperação Jurídica Internacional em Matéria Penal",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "asset recovery", "money laundering", "corruption"),
            languages=_langs("pt", "en", "es", "fr:reads"),
            preferred_language="pt",
            channels=(_email("fernanda.lemos@mj-br.example.org"), _phone("+55 61 0000 1234")),
            preferred_channel="email",
            timezone="America/Sao_Paulo",
            working_hours="09:00-18:00 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 8, 11),
            verification_method="DRCI website contact list",
            last_contact_on=date(2026, 3, 3),
            last_contact_channel="email",
            next_follow_up=None,
            source="Official website",
            data_protection_basis=_DP_PUBLIC,
            review_on=date(2026, 8, 11),
            notes="DRCI accepts electronic requests for urgent asset freezing; originals follow "
            "by diplomatic bag.",
            handling=Handling.GREEN,
        ),
        "br-drci",
    ),
    DemoContact(
        "c-br-tavares",
        Contact(
            full_name="Rafael Tavares Guimarães",
            honorific="Delegado de Polícia Federal",
            gender="M",
            country="BR",
            unit="Police attaché, Embassy of Brazil in Lisbon",
            role=ContactRole.LIAISON_OFFICER,
            competences=("drug trafficking", "money laundering", "fugitive location"),
            languages=_langs("pt", "es", "en:spoken"),
            preferred_language="pt",
            channels=(_email("r.guimaraes@pf-br.example.com"), _mobile("+351 900 000 417")),
            preferred_channel="email",
            timezone="Europe/Lisbon",
            working_hours="09:00-18:00 Mon-Fri",
            trust_level=TrustLevel.INTRODUCED,
            verified_on=date(2026, 4, 2),
            verification_method="Introduced by Inspetor-Chefe Brás (PJ)",
            last_contact_on=date(2026, 4, 2),
            last_contact_channel="phone",
            next_follow_up=None,
            source="Introduced by Polícia Judiciária",
            data_protection_basis=_DP_LED,
            review_on=date(2026, 10, 2),
            notes="Agency record for the Polícia Federal not created yet. Covers Portugal and Spain.",
        ),
        None,
    ),
    DemoContact(
        "c-cn-chen",
        Contact(
            full_name="CHEN Haoran",
            name_native="陈浩然",
            honorific="Mr",
            gender="M",
            country="CN",
            unit="International Cooperation Department – European Affairs / NCB Beijing",
            role=ContactRole.NCB_OFFICER,
            competences=("fugitive location", "telecom fraud", "cybercrime", "money laundering"),
            languages=_langs("zh", "en", "fr:reads"),
            preferred_language="zh",
            channels=(_i247("I-24/7: NCB Beijing"), _email("chen.haoran@mps-cn.example.org")),
            preferred_channel="i24-7",
            timezone="Asia/Shanghai",
            working_hours="08:30-17:30 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 7, 7),
            verification_method="Confirmed through NCB-to-NCB message",
            last_contact_on=date(2025, 12, 10),
            last_contact_channel="i24-7",
            next_follow_up=None,
            source="NCB channel",
            data_protection_basis=_DP_LED,
            review_on=date(2026, 7, 7),
            notes="Beijing is 7 hours ahead of Paris in winter, 6 in summer. Formal requests go "
            "to the Ministry of Justice, not to this contact.",
        ),
        "cn-mps",
    ),
    DemoContact(
        "c-cn-liu",
        Contact(
            full_name="LIU Yuxin",
            name_native="刘雨欣",
            honorific="Ms",
            gender="F",
            country="CN",
            unit="Police liaison officer, Embassy of the People's Republic of China in France",
            role=ContactRole.LIAISON_OFFICER,
            competences=("telecom fraud", "fugitive location", "liaison with MPS"),
            languages=_langs("zh", "fr", "en"),
            preferred_language="fr",
            channels=(_email("liu.yuxin@mps-cn.example.org"), _phone("+33 1 00 00 63 08")),
            preferred_channel="email",
            timezone="Europe/Paris",
            working_hours="09:30-17:30 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2025, 11, 20),
            verification_method="Embassy reception for liaison officers",
            last_contact_on=date(2025, 11, 20),
            last_contact_channel="in person",
            next_follow_up=None,
            source="Met in person",
            data_protection_basis=_DP_LED,
            review_on=date(2026, 11, 20),
            notes="Works for the Chinese MPS but is based in Paris.",
        ),
        "cn-mps",
    ),
    DemoContact(
        "c-ua-hnatyshyn",
        Contact(
            full_name="Olena Hnatyshyn",
            name_native="Олена Гнатишин",
            honorific="Ms",
            gender="F",
            country="UA",
            unit="Division for MLA in criminal proceedings",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "cybercrime", "JIT", "videoconference hearings"),
            languages=_langs("uk", "en", "pl:spoken"),
            preferred_language="en",
            channels=(_email("o.hnatyshyn@gp-ua.example.org"), _phone("+380 44 000 12 34")),
            preferred_channel="email",
            timezone="Europe/Kyiv",
            working_hours="09:00-18:00 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 12, 1),
            verification_method="Reply from the official domain; confirmed via the Eurojust "
            "contact point for Ukraine",
            last_contact_on=date(2026, 11, 9),
            last_contact_channel="email",
            next_follow_up=date(2026, 12, 7),
            source="Eurojust",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Calls may be cut short by air-raid alerts; confirm anything agreed by e-mail.",
        ),
        "ua-ogp",
    ),
    DemoContact(
        "c-ua-savchuk",
        Contact(
            full_name="Andrii Savchuk",
            name_native="Андрій Савчук",
            honorific="Major of Police",
            gender="M",
            country="UA",
            unit="24/7 contact point (Budapest Convention art. 35)",
            role=ContactRole.POLICE_INVESTIGATOR,
            competences=("cybercrime", "ransomware", "expedited preservation", "subscriber data"),
            urgent_contact=True,
            languages=_langs("uk", "en"),
            preferred_language="en",
            channels=(
                _email("a.savchuk@cyberpolice-ua.example.org"),
                _phone("+380 44 000 12 35"),
                _mobile("+380 67 000 0419"),
            ),
            preferred_channel="email",
            timezone="Europe/Kyiv",
            working_hours=_ROUND_THE_CLOCK,
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 4, 8),
            verification_method="24/7 network directory",
            last_contact_on=date(2026, 9, 12),
            last_contact_channel="email",
            next_follow_up=None,
            source="24/7 network directory",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Confirmed preservation of the OTC broker's logs within four hours in April 2025.",
        ),
        "ua-cyberpolice",
    ),
    DemoContact(
        "c-us-whitcombe",
        Contact(
            full_name="Dana Whitcombe",
            honorific="Ms.",
            gender="F",
            country="US",
            unit="Office of International Affairs – Western Europe team",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "subscriber data", "content data", "bank records"),
            languages=_langs("en", "fr:reads", "es:spoken"),
            preferred_language="en",
            channels=(_email("dana.whitcombe@usdoj.example.org"), _phone("+1 202 555 0142")),
            preferred_channel="email",
            timezone="America/New_York",
            working_hours="09:00-17:30 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 5, 30),
            verification_method="OIA switchboard call-back; introduced by the legal attaché",
            last_contact_on=date(2026, 10, 1),
            last_contact_channel="email",
            next_follow_up=date(2026, 12, 1),
            source="Introduced by FBI legal attaché",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Content requests need facts amounting to probable cause; subscriber data and "
            "IP logs are much faster. Send preservation first through the 24/7 network.",
        ),
        "us-oia",
    ),
    DemoContact(
        "c-us-delaney",
        Contact(
            full_name="Marcus Delaney",
            honorific="Special Agent",
            gender="M",
            country="US",
            unit="Legal Attaché Office, Madrid (Assistant Legal Attaché)",
            role=ContactRole.LEGAL_ATTACHE,
            competences=("cybercrime", "ransomware", "emergency disclosure requests", "fugitives"),
            languages=_langs("en", "es", "pt:reads"),
            preferred_language="en",
            channels=(
                _email("mdelaney@fbi.example.org"),
                _phone("+34 91 000 55 01"),
                _mobile("+34 600 000 902"),
            ),
            preferred_channel="email",
            timezone="Europe/Madrid",
            working_hours="08:30-17:30 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2025, 4, 10),
            verification_method="Met at the US Embassy in Madrid",
            last_contact_on=date(2026, 6, 18),
            last_contact_channel="phone",
            next_follow_up=None,
            source="Met in person",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="US agent based in Madrid: his time zone is Madrid, not Washington.",
        ),
        "us-fbi",
    ),
    DemoContact(
        "c-gb-raghunathan",
        Contact(
            full_name="Priya Raghunathan",
            honorific="Ms",
            gender="F",
            country="GB",
            unit="UK Central Authority – Casework Team (Europe)",
            role=ContactRole.CENTRAL_AUTHORITY_CASEWORKER,
            competences=("mla", "bank records", "production orders", "witness hearings"),
            languages=_langs("en", "ta:spoken", "fr:reads"),
            preferred_language="en",
            channels=(_email("priya.raghunathan@ukca.example.org"), _phone("+44 20 7946 0123")),
            preferred_channel="email",
            timezone="Europe/London",
            working_hours="09:00-17:00 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2025, 3, 3),
            verification_method="Home Office guidance contact list",
            last_contact_on=date(2025, 9, 9),
            last_contact_channel="email",
            next_follow_up=None,
            source="Official guidance",
            data_protection_basis=_DP_PUBLIC,
            review_on=date(2026, 3, 3),
            notes="Send requests electronically to the functional mailbox; she triages Europe.",
            handling=Handling.GREEN,
        ),
        "gb-ukca",
    ),
    DemoContact(
        "c-gb-pritchard",
        Contact(
            full_name="Owen Pritchard",
            honorific="Mr",
            gender="M",
            country="GB",
            unit="National Cyber Crime Unit – International Operations",
            role=ContactRole.POLICE_INVESTIGATOR,
            competences=("ransomware", "cybercrime", "cryptocurrency tracing"),
            languages=_langs("en", "cy:spoken", "fr:reads"),
            preferred_language="en",
            channels=(
                _pgp("owen.pritchard@nca.example.org"),
                _phone("+44 20 7946 0871"),
                _mobile("+44 7700 900512"),
            ),
            preferred_channel="pgp-email",
            timezone="Europe/London",
            working_hours="08:00-16:00 Mon-Fri",
            trust_level=TrustLevel.INTRODUCED,
            verified_on=date(2026, 8, 28),
            verification_method="Handover from Graham Hollis on his retirement",
            last_contact_on=date(2026, 11, 2),
            last_contact_channel="pgp-email",
            next_follow_up=date(2026, 12, 16),
            source="Introduced by predecessor",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="UK victim in KESTREL (a logistics firm in Kent). PGP fingerprint "
            "(fictional): 1D0E 44A7 9B32 C6F1 0E85 72AD 3F19 B604 5C2E 8A71.",
        ),
        "gb-nca",
    ),
    DemoContact(
        "c-gb-hollis",
        Contact(
            full_name="Graham Hollis",
            honorific="Mr",
            gender="M",
            country="GB",
            unit="International Crime Bureau (until August 2026)",
            role=ContactRole.NCB_OFFICER,
            competences=("fugitive location", "urgent police cooperation"),
            languages=_langs("en", "fr:spoken"),
            preferred_language="en",
            channels=(_email("graham.hollis@nca.example.org"),),
            preferred_channel="email",
            timezone="Europe/London",
            working_hours="09:00-17:00 Mon-Fri",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=date(2024, 5, 14),
            verification_method="Met at a liaison officers' conference",
            last_contact_on=date(2026, 8, 21),
            last_contact_channel="email",
            status=ContactStatus.RETIRED,
            source="Met in person",
            data_protection_basis=_DP_LED,
            review_on=date(2026, 11, 30),
            notes="Retired at the end of August 2026. Successor for cyber matters: Owen Pritchard. "
            "Delete at the review date.",
        ),
        "gb-nca",
    ),
    DemoContact(
        "c-co-quintero",
        Contact(
            full_name="Diana Marcela Quintero Salazar",
            honorific="Fiscal Delegada",
            gender="F",
            country="CO",
            unit="Dirección de Asuntos Internacionales – Grupo de Asistencia Judicial",
            role=ContactRole.PROSECUTOR,
            competences=("drug trafficking", "mla", "asset forfeiture", "extradition"),
            languages=_langs("es", "en", "fr:reads"),
            preferred_language="es",
            channels=(
                _email("dquintero@fiscalia-co.example.org"),
                _phone("+57 601 000 1234"),
            ),
            preferred_channel="email",
            timezone="America/Bogota",
            working_hours="08:00-17:00 Mon-Fri",
            trust_level=TrustLevel.VERIFIED_DIRECTORY,
            verified_on=date(2026, 3, 10),
            verification_method="Fiscalía directory; confirmed through the French embassy's "
            "internal security attaché",
            last_contact_on=date(2026, 11, 13),
            last_contact_channel="email",
            next_follow_up=date(2026, 12, 4),
            source="Official directory",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Requests must be in Spanish. Bogotá is 6 hours behind Paris in winter.",
        ),
        "co-fgn",
    ),
    DemoContact(
        "c-co-cardenas",
        Contact(
            full_name="Andrés Felipe Cárdenas Mejía",
            honorific="Mayor",
            gender="M",
            country="CO",
            unit="DIRAN – Grupo de Investigaciones Portuarias (Urabá)",
            role=ContactRole.POLICE_INVESTIGATOR,
            competences=("drug trafficking", "container contamination", "port security"),
            languages=_langs("es", "en:spoken"),
            preferred_language="es",
            channels=(_email("afcardenas@policia-co.example.org"), _mobile("+57 300 000 4721")),
            preferred_channel="email",
            avoid_channels=("phone",),
            timezone="America/Bogota",
            working_hours="07:00-16:00 Mon-Sat",
            trust_level=TrustLevel.INTRODUCED,
            verified_on=date(2026, 4, 22),
            verification_method="Introduced by Fiscal Quintero",
            last_contact_on=date(2026, 11, 6),
            last_contact_channel="email",
            next_follow_up=date(2026, 11, 27),
            source="Introduced by Fiscalía",
            data_protection_basis=_DP_CASE,
            review_on=date(2026, 12, 31),
            notes="Field officer in Turbo; answers in the evening Bogotá time.",
            handling=Handling.AMBER_STRICT,
        ),
        "co-diran",
    ),
)


# --- agreements and parties ------------------------------------------------------------------

_UN_TREATIES = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY"
_COE_TREATY = "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum="
_US_TIF = "https://www.state.gov/treaties-in-force/"
_EU_MS = "direct-judicial eedes email postal"
_CENTRAL = "central-authority diplomatic i24-7"

AGREEMENTS: tuple[DemoAgreement, ...] = (
    DemoAgreement(
        "untoc",
        Agreement(
            title="United Nations Convention against Transnational Organized Crime",
            short_name="UNTOC",
            titles=(
                LocalizedText("en", "United Nations Convention against Transnational Organized Crime"),
                LocalizedText(
                    "fr", "Convention des Nations Unies contre la criminalité transnationale organisée"
                ),
                LocalizedText(
                    "es", "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional"
                ),
                LocalizedText("ar", "اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية"),
                LocalizedText("zh", "联合国打击跨国有组织犯罪公约"),
                LocalizedText(
                    "ru",
                    "Конвенция Организации Объединенных Наций против транснациональной "
                    "организованной преступности",
                ),
            ),
            kind=AgreementKind.MULTILATERAL,
            scope=("mla", "extradition", "asset_recovery", "jit", "transfer_of_proceedings"),
            rule_set="UNTOC-18-15",
            adopted_on=date(2000, 11, 15),
            in_force_on=date(2003, 9, 29),
            relationship="Art. 18(7): paragraphs 9-29 apply where no MLA treaty binds the States "
            "concerned, and may be applied instead of a treaty if they agree.",
            source_url=f"{_UN_TREATIES}&mtdsg_no=XVIII-12&chapter=18&clang=_en",
            notes="Adopted by GA resolution 55/25; opened for signature in Palermo on 12-15 "
            "December 2000. MLA in art. 18; contents of a request in art. 18(15); languages in "
            "18(14). Party dates entered from memory (entry into force = 30th day after "
            "deposit, or 29 September 2003 for early ratifiers): verify against the UN Treaty "
            "Collection. Accepted languages are demo values: check the UNODC directory of "
            "competent national authorities.",
            handling=Handling.CLEAR,
        ),
        (
            _party(
                "FR",
                (date(2000, 12, 12), date(2002, 10, 29), date(2003, 9, 29)),
                "fr",
                "fr-bepi",
                "Art. 18(13): Ministry of Justice (BEPI). Art. 18(14): French.",
                channels=_CENTRAL,
            ),
            _party(
                "DE",
                (date(2000, 12, 12), date(2006, 6, 14), date(2006, 7, 14)),
                "de",
                "de-bfj",
                "Art. 18(14): requests in German or with a German translation.",
                channels=_CENTRAL,
            ),
            _party(
                "ES",
                (date(2000, 12, 13), date(2002, 3, 1), date(2003, 9, 29)),
                "es",
                "es-mjus",
                "Art. 18(13): Ministry of Justice. Art. 18(14): Spanish.",
                channels=_CENTRAL,
            ),
            _party(
                "IT",
                (date(2000, 12, 12), date(2006, 8, 2), date(2006, 9, 1)),
                "it",
                "it-mgiust",
                "Art. 18(13): Ministry of Justice.",
                channels=_CENTRAL,
            ),
            _party(
                "NL",
                (date(2000, 12, 12), date(2004, 5, 26), date(2004, 6, 25)),
                "nl en",
                "nl-airs",
                "Art. 18(14): Dutch or English (demo summary).",
                channels=_CENTRAL,
            ),
            _party(
                "PL",
                (date(2000, 12, 12), date(2001, 11, 12), date(2003, 9, 29)),
                "pl en",
                "pl-pk",
                "Art. 18(13): National Prosecutor's Office (pre-trial) and Ministry of "
                "Justice (court stage).",
                channels=_CENTRAL,
            ),
            _party(
                "PT",
                (date(2000, 12, 12), date(2004, 5, 10), date(2004, 6, 9)),
                "pt",
                "pt-pgr",
                "Art. 18(13): Procuradoria-Geral da República.",
                channels=_CENTRAL,
            ),
            _party(
                "MA",
                (date(2000, 12, 13), date(2002, 9, 19), date(2003, 9, 29)),
                "ar fr",
                "ma-mjus",
                "Art. 18(14): Arabic or French (demo summary).",
                channels="central-authority diplomatic",
            ),
            _party(
                "TR",
                (date(2000, 12, 13), date(2003, 3, 25), date(2003, 9, 29)),
                "tr",
                "tr-adalet",
                "Art. 18(13): Ministry of Justice.",
                channels=_CENTRAL,
            ),
            _party(
                "BR",
                (date(2000, 12, 12), date(2004, 1, 29), date(2004, 2, 28)),
                "pt en es",
                "br-drci",
                "Art. 18(13): Ministry of Justice (DRCI).",
                channels=_CENTRAL,
            ),
            _party(
                "CN",
                (date(2000, 12, 12), date(2003, 9, 23), date(2003, 10, 23)),
                "zh",
                None,
                "Art. 18(13): Ministry of Justice (not in this vault). Territorial application "
                "to the Hong Kong and Macao SARs subject to declarations (verify).",
                "Art. 35(2) (ICJ dispute settlement) not accepted.",
                channels="central-authority diplomatic",
            ),
            _party(
                "UA",
                (date(2000, 12, 12), date(2004, 5, 21), date(2004, 6, 20)),
                "uk en",
                "ua-ogp",
                "Art. 18(13): Office of the Prosecutor General (pre-trial) and "
                "Ministry of Justice (court stage).",
                channels=_CENTRAL,
            ),
            _party(
                "US",
                (date(2000, 12, 13), date(2005, 11, 3), date(2005, 12, 3)),
                "en",
                "us-oia",
                "Art. 18(13): Department of Justice, Office of International Affairs.",
                "Art. 35(2) not accepted; federalism reservation (verify wording).",
                channels=_CENTRAL,
            ),
            _party(
                "GB",
                (date(2000, 12, 14), date(2006, 2, 9), date(2006, 3, 11)),
                "en",
                "gb-ukca",
                "Art. 18(13): UK Central Authority (Home Office); Scotland: Crown Office.",
                channels=_CENTRAL,
            ),
            _party(
                "CO",
                (date(2000, 12, 12), date(2004, 8, 4), date(2004, 9, 3)),
                "es",
                "co-fgn",
                "Art. 18(13): Fiscalía General de la Nación (verify).",
                channels=_CENTRAL,
            ),
        ),
    ),
    DemoAgreement(
        "coe-1959",
        Agreement(
            title="European Convention on Mutual Assistance in Criminal Matters",
            short_name="ETS 30",
            titles=(
                LocalizedText("en", "European Convention on Mutual Assistance in Criminal Matters"),
                LocalizedText("fr", "Convention européenne d'entraide judiciaire en matière pénale"),
                LocalizedText("es", "Convenio Europeo de Asistencia Judicial en Materia Penal"),
                LocalizedText("de", "Europäisches Übereinkommen über die Rechtshilfe in Strafsachen"),
            ),
            kind=AgreementKind.MULTILATERAL,
            scope=("mla",),
            rule_set="COE-1959-14",
            adopted_on=date(1959, 4, 20),
            in_force_on=date(1962, 6, 12),
            relationship="Between EU Member States bound by the EIO Directive (all but Ireland "
            "and Denmark) it is replaced for evidence gathering by Directive 2014/41/EU; still "
            "the basis with Ukraine, Türkiye, the United Kingdom and other non-EU parties.",
            source_url=f"{_COE_TREATY}030",
            notes="Strasbourg, 20 April 1959. Only the English and French texts are authentic; "
            "the Spanish and German titles are official translations. Contents of a request: "
            "art. 14; languages: art. 16(2) declarations. Party dates and the accepted-language "
            "summaries are from memory (entry into force = 90th day after deposit): verify "
            "against the Council of Europe Treaty Office chart and declarations list.",
            handling=Handling.CLEAR,
        ),
        (
            _party(
                "FR",
                (date(1961, 4, 28), date(1967, 5, 23), date(1967, 8, 21)),
                "fr",
                "fr-bepi",
                "Art. 16(2): translation into French required (summary).",
                "Art. 5 conditions for search and seizure (summary; verify).",
                channels="direct-judicial central-authority postal",
            ),
            _party(
                "DE",
                (date(1959, 4, 20), None, date(1977, 1, 1)),
                "de",
                "de-bfj",
                "Art. 16(2): translation into German required (summary).",
                channels="direct-judicial central-authority postal",
            ),
            _party(
                "ES",
                (date(1979, 7, 24), date(1982, 8, 18), date(1982, 11, 16)),
                "es",
                "es-mjus",
                "Art. 16(2): translation into Spanish required (summary).",
                channels="direct-judicial central-authority postal",
            ),
            _party(
                "IT",
                (date(1959, 4, 20), date(1961, 8, 23), date(1962, 6, 12)),
                "it",
                "it-mgiust",
                "Art. 16(2): Italian translation expected (summary; verify).",
                channels="direct-judicial central-authority postal",
            ),
            _party(
                "NL",
                (date(1965, 1, 21), date(1969, 2, 14), date(1969, 5, 15)),
                "nl en fr de",
                "nl-airs",
                "Art. 16(2): requests accepted in Dutch, English, French or German (summary).",
                channels="direct-judicial central-authority postal",
            ),
            _party(
                "PL",
                (None, date(1996, 3, 19), date(1996, 6, 17)),
                "pl en fr",
                "pl-pk",
                "Art. 16(2): translation into Polish or an official CoE language (summary).",
                channels="direct-judicial central-authority postal",
            ),
            _party(
                "PT",
                (date(1979, 5, 10), date(1994, 9, 27), date(1994, 12, 26)),
                "pt",
                "pt-pgr",
                "Art. 16(2): translation into Portuguese required (summary).",
                channels="direct-judicial central-authority postal",
            ),
            _party(
                "TR",
                (date(1959, 10, 23), date(1969, 6, 24), date(1969, 9, 22)),
                "tr",
                "tr-adalet",
                "Art. 16(2): translation into Turkish required (summary).",
                channels="central-authority postal",
            ),
            _party(
                "UA",
                (date(1997, 5, 29), date(1998, 3, 11), date(1998, 6, 9)),
                "uk en fr",
                "ua-ogp",
                "Art. 16(2): translation into Ukrainian or an official CoE language (summary).",
                channels="central-authority postal email",
            ),
            _party(
                "GB",
                (date(1991, 6, 21), date(1991, 8, 29), date(1991, 11, 27)),
                "en",
                "gb-ukca",
                "Art. 16(2): translation into English required.",
                channels="central-authority postal email",
            ),
        ),
    ),
    DemoAgreement(
        "coe-1959-ap1",
        Agreement(
            title="Additional Protocol to the European Convention on Mutual Assistance in Criminal Matters",
            short_name="ETS 99",
            titles=(
                LocalizedText(
                    "en",
                    "Additional Protocol to the European Convention on Mutual Assistance in Criminal Matters",
                ),
                LocalizedText(
                    "fr",
                    "Protocole additionnel à la Convention européenne d'entraide judiciaire "
                    "en matière pénale",
                ),
                LocalizedText(
                    "es", "Protocolo Adicional al Convenio Europeo de Asistencia Judicial en Materia Penal"
                ),
            ),
            kind=AgreementKind.PROTOCOL,
            scope=("mla",),
            rule_set="COE-1959-14",
            adopted_on=date(1978, 3, 17),
            in_force_on=date(1982, 4, 12),
            relationship="Supplements ETS 30: no refusal for fiscal offences, service of "
            "documents on sentences, exchange of criminal-record information.",
            source_url=f"{_COE_TREATY}099",
            notes="Strasbourg, 17 March 1978. Party list from memory and most party dates left "
            "empty on purpose: complete them from the Treaty Office chart.",
            handling=Handling.CLEAR,
        ),
        (
            _party("FR", languages="fr", authority="fr-bepi"),
            _party("DE", languages="de", authority="de-bfj"),
            _party("ES", languages="es", authority="es-mjus"),
            _party("IT", languages="it", authority="it-mgiust"),
            _party("NL", languages="nl en fr de", authority="nl-airs"),
            _party("PL", (None, date(1996, 3, 19), date(1996, 6, 17)), "pl en fr", "pl-pk"),
            _party("PT", languages="pt", authority="pt-pgr"),
            _party("UA", (date(1997, 5, 29), None, None), "uk en fr", "ua-ogp"),
            _party("GB", languages="en", authority="gb-ukca"),
        ),
    ),
    DemoAgreement(
        "coe-1959-ap2",
        Agreement(
            title="Second Additional Protocol to the European Convention on Mutual Assistance in "
            "Criminal Matters",
            short_name="ETS 182",
            titles=(
                LocalizedText(
                    "en",
                    "Second Additional Protocol to the European Convention on Mutual "
                    "Assistance in Criminal Matters",
                ),
                LocalizedText(
                    "fr",
                    "Deuxième Protocole additionnel à la Convention européenne d'entraide "
                    "judiciaire en matière pénale",
                ),
                LocalizedText(
                    "es",
                    "Segundo Protocolo Adicional al Convenio Europeo de Asistencia Judicial en Materia Penal",
                ),
            ),
            kind=AgreementKind.PROTOCOL,
            scope=("mla", "jit", "police_cooperation"),
            rule_set="COE-1959-14",
            adopted_on=date(2001, 11, 8),
            in_force_on=date(2004, 2, 1),
            relationship="Amends and supplements ETS 30 and ETS 99: hearings by videoconference "
            "(art. 9), spontaneous information (art. 11), controlled deliveries (art. 18), "
            "covert investigations (art. 19), joint investigation teams (art. 20).",
            source_url=f"{_COE_TREATY}182",
            notes="Strasbourg, 8 November 2001. Party list from memory; party dates left empty: "
            "complete them from the Treaty Office chart before relying on them.",
            handling=Handling.CLEAR,
        ),
        (
            _party("FR", languages="fr", authority="fr-bepi"),
            _party("DE", languages="de", authority="de-bfj"),
            _party("ES", languages="es", authority="es-mjus"),
            _party("NL", languages="nl en fr de", authority="nl-airs"),
            _party("PL", languages="pl en fr", authority="pl-pk"),
            _party("PT", languages="pt", authority="pt-pgr"),
            _party(
                "UA",
                languages="uk en fr",
                authority="ua-ogp",
                declarations="Art. 9: hearings by videoconference accepted (summary).",
            ),
            _party("GB", languages="en", authority="gb-ukca"),
        ),
    ),
    DemoAgreement(
        "eio",
        Agreement(
            title="Directive 2014/41/EU of the European Parliament and of the Council of 3 April "
            "2014 regarding the European Investigation Order in criminal matters",
            short_name="EIO",
            titles=(
                LocalizedText(
                    "en",
                    "Directive 2014/41/EU of the European Parliament and of the Council of "
                    "3 April 2014 regarding the European Investigation Order in criminal matters",
                ),
                LocalizedText(
                    "fr",
                    "Directive 2014/41/UE du Parlement européen et du Conseil du 3 avril "
                    "2014 concernant la décision d'enquête européenne en matière pénale",
                ),
                LocalizedText(
                    "es",
                    "Directiva 2014/41/UE del Parlamento Europeo y del Consejo, de 3 de "
                    "abril de 2014, relativa a la orden europea de investigación en materia penal",
                ),
                LocalizedText(
                    "de",
                    "Richtlinie 2014/41/EU des Europäischen Parlaments und des Rates vom "
                    "3. April 2014 über die Europäische Ermittlungsanordnung in Strafsachen",
                ),
                LocalizedText(
                    "it",
                    "Direttiva 2014/41/UE del Parlamento europeo e del Consiglio, del 3 "
                    "aprile 2014, relativa all'ordine europeo di indagine penale",
                ),
                LocalizedText(
                    "pt",
                    "Diretiva 2014/41/UE do Parlamento Europeu e do Conselho, de 3 de abril "
                    "de 2014, relativa à decisão europeia de investigação em matéria penal",
                ),
                LocalizedText(
                    "nl",
                    "Richtlijn 2014/41/EU van het Europees Parlement en de Raad van 3 april "
                    "2014 betreffende het Europees onderzoeksbevel in strafzaken",
                ),
            ),
            kind=AgreementKind.EU_INSTRUMENT,
            scope=("mla", "e_evidence"),
            rule_set="EIO-ANNEX-A",
            adopted_on=date(2014, 4, 3),
            in_force_on=date(2014, 5, 21),
            relationship="Replaces, between the Member States bound by it (all except Ireland "
            "and Denmark), the corresponding provisions of the 1959 Council of Europe "
            "Convention (ETS 30) and its two Protocols, the 2000 EU MLA Convention and its "
            "Protocol (art. 34). Does not cover joint investigation teams.",
            source_url="https://eur-lex.europa.eu/eli/dir/2014/41/oj",
            notes="OJ L 130, 1.5.2014. Transposition deadline 22 May 2017; several States "
            "transposed late, so national dates are left empty: take them from the EJN. Time "
            "limits: acknowledgement 1 week, recognition 30 days (+30), execution 90 days. "
            "Amended by Directive (EU) 2022/228 and Directive (EU) 2023/2843. Accepted "
            "languages follow the art. 5(2) notifications (demo summary; check the EJN table).",
            handling=Handling.CLEAR,
        ),
        (
            _party("FR", languages="fr", declarations="Art. 5: French only.", channels=_EU_MS),
            _party("DE", languages="de", declarations="Art. 5: German only.", channels=_EU_MS),
            _party("ES", languages="es", declarations="Art. 5: Spanish only.", channels=_EU_MS),
            _party("IT", languages="it", declarations="Art. 5: Italian only.", channels=_EU_MS),
            _party(
                "NL",
                languages="nl en",
                declarations="Art. 5: Dutch or English. Received by "
                "the international legal assistance centres (IRC/LIRC).",
                channels=_EU_MS,
            ),
            _party("PL", languages="pl", declarations="Art. 5: Polish only.", channels=_EU_MS),
            _party("PT", languages="pt", declarations="Art. 5: Portuguese only.", channels=_EU_MS),
        ),
    ),
    DemoAgreement(
        "uncac",
        Agreement(
            title="United Nations Convention against Corruption",
            short_name="UNCAC",
            titles=(
                LocalizedText("en", "United Nations Convention against Corruption"),
                LocalizedText("fr", "Convention des Nations Unies contre la corruption"),
                LocalizedText("es", "Convención de las Naciones Unidas contra la Corrupción"),
                LocalizedText("ar", "اتفاقية الأمم المتحدة لمكافحة الفساد"),
                LocalizedText("zh", "联合国反腐败公约"),
                LocalizedText("ru", "Конвенция Организации Объединенных Наций против коррупции"),
            ),
            kind=AgreementKind.MULTILATERAL,
            scope=("mla", "extradition", "asset_recovery", "jit"),
            rule_set="UNCAC-46-15",
            adopted_on=date(2003, 10, 31),
            in_force_on=date(2005, 12, 14),
            relationship="Art. 46(7): like UNTOC art. 18(7), the detailed MLA rules apply where "
            "no treaty binds the parties. Chapter V (asset recovery) adds return of assets.",
            source_url=f"{_UN_TREATIES}&mtdsg_no=XVIII-14&chapter=18&clang=_en",
            notes="Adopted by GA resolution 58/4; opened for signature in Mérida in December "
            "2003. Ratification dates from memory and signature dates not recorded; entry into "
            "force for a party = 30th day after deposit (or 14 December 2005 for early "
            "ratifiers). Verify against the UN Treaty Collection.",
            handling=Handling.CLEAR,
        ),
        (
            _party("FR", (None, date(2005, 7, 11), date(2005, 12, 14)), "fr", "fr-bepi"),
            _party("DE", (None, date(2014, 11, 12), date(2014, 12, 12)), "de", "de-bfj"),
            _party("ES", (None, date(2006, 6, 19), date(2006, 7, 19)), "es", "es-mjus"),
            _party("IT", (None, date(2009, 10, 5), date(2009, 11, 4)), "it", "it-mgiust"),
            _party("NL", (None, date(2006, 10, 31), date(2006, 11, 30)), "nl en", "nl-airs"),
            _party("PL", (None, date(2006, 9, 15), date(2006, 10, 15)), "pl en", "pl-pk"),
            _party("PT", (None, date(2007, 9, 28), date(2007, 10, 28)), "pt", "pt-pgr"),
            _party("MA", (None, date(2007, 5, 9), date(2007, 6, 8)), "ar fr", "ma-mjus"),
            _party("TR", (None, date(2006, 11, 9), date(2006, 12, 9)), "tr", "tr-adalet"),
            _party("BR", (None, date(2005, 6, 15), date(2005, 12, 14)), "pt en es", "br-drci"),
            _party(
                "CN",
                (None, date(2006, 1, 13), date(2006, 2, 12)),
                "zh",
                None,
                reservations="Art. 66(2) (ICJ dispute settlement) not accepted.",
            ),
            _party("UA", (None, date(2009, 12, 2), date(2010, 1, 1)), "uk en", "ua-ogp"),
            _party(
                "US",
                (None, date(2006, 10, 30), date(2006, 11, 29)),
                "en",
                "us-oia",
                reservations="Art. 66(2) not accepted; federalism reservation (verify).",
            ),
            _party("GB", (None, date(2006, 2, 9), date(2006, 3, 11)), "en", "gb-ukca"),
            _party("CO", (None, date(2006, 10, 27), date(2006, 11, 26)), "es", "co-fgn"),
        ),
    ),
    DemoAgreement(
        "harare",
        Agreement(
            title="Scheme Relating to Mutual Legal Assistance in Criminal Matters within the "
            "Commonwealth (Harare Scheme)",
            short_name="Harare Scheme",
            titles=(
                LocalizedText(
                    "en",
                    "Scheme Relating to Mutual Legal Assistance in Criminal Matters within the Commonwealth",
                ),
            ),
            kind=AgreementKind.NON_BINDING_SCHEME,
            scope=("mla", "asset_recovery"),
            rule_set="HARARE-14",
            status=AgreementStatus.IN_FORCE,
            relationship="Not a treaty: Commonwealth members apply it through domestic law. "
            "Often cited together with UNTOC or UNCAC between Commonwealth States.",
            source_url="https://thecommonwealth.org/",
            notes="Adopted by Commonwealth Law Ministers at Harare in 1986, amended several "
            "times and comprehensively revised in 2011; exact adoption dates left empty (to "
            "verify). Add the link to the current consolidated text. Of the demo countries only "
            "the United Kingdom participates.",
            handling=Handling.CLEAR,
        ),
        (
            _party(
                "GB",
                languages="en",
                authority="gb-ukca",
                declarations="Applied through the Crime (International Co-operation) Act 2003.",
                channels="central-authority email",
            ),
        ),
    ),
    DemoAgreement(
        "budapest",
        Agreement(
            title="Convention on Cybercrime",
            short_name="ETS 185",
            titles=(
                LocalizedText("en", "Convention on Cybercrime"),
                LocalizedText("fr", "Convention sur la cybercriminalité"),
                LocalizedText("es", "Convenio sobre la Ciberdelincuencia"),
                LocalizedText("de", "Übereinkommen über Computerkriminalität"),
            ),
            kind=AgreementKind.MULTILATERAL,
            scope=("mla", "e_evidence"),
            rule_set="",
            adopted_on=date(2001, 11, 23),
            in_force_on=date(2004, 7, 1),
            relationship="Arts. 27-28 apply only where no MLA treaty binds the parties; "
            "otherwise the treaty's own rule set applies. Expedited preservation (arts. 29-30) "
            "and the 24/7 network (art. 35) apply in all cases.",
            source_url=f"{_COE_TREATY}185",
            notes="Budapest Convention, 23 November 2001. No field-rule set of its own: use the "
            "underlying treaty's (ETS 30, bilateral MLAT or UNTOC). Party dates from memory "
            "(entry into force = first day of the month after three months from deposit): "
            "verify against the Treaty Office chart. The Second Additional Protocol (CETS 224) "
            "is not recorded here.",
            handling=Handling.CLEAR,
        ),
        (
            _party(
                "FR",
                (date(2001, 11, 23), date(2006, 1, 10), date(2006, 5, 1)),
                "fr",
                "fr-bepi",
                "Art. 35 24/7 point: OFAC (verify).",
                channels="24-7-network",
            ),
            _party(
                "DE",
                (date(2001, 11, 23), date(2009, 3, 9), date(2009, 7, 1)),
                "de",
                "de-bfj",
                "Art. 35 24/7 point: BKA.",
                channels="24-7-network",
            ),
            _party(
                "ES",
                (date(2001, 11, 23), date(2010, 6, 3), date(2010, 10, 1)),
                "es",
                "es-mjus",
                channels="24-7-network",
            ),
            _party(
                "IT",
                (date(2001, 11, 23), date(2008, 6, 5), date(2008, 10, 1)),
                "it",
                "it-mgiust",
                channels="24-7-network",
            ),
            _party(
                "NL",
                (date(2001, 11, 23), date(2006, 11, 16), date(2007, 3, 1)),
                "nl en",
                "nl-airs",
                channels="24-7-network",
            ),
            _party(
                "PL",
                (date(2001, 11, 23), date(2015, 2, 20), date(2015, 6, 1)),
                "pl en",
                "pl-pk",
                channels="24-7-network",
            ),
            _party(
                "PT",
                (date(2001, 11, 23), date(2010, 3, 24), date(2010, 7, 1)),
                "pt",
                "pt-pgr",
                channels="24-7-network",
            ),
            _party(
                "MA",
                (None, date(2018, 6, 29), date(2018, 10, 1)),
                "ar fr",
                "ma-mjus",
                "Accession.",
                channels="24-7-network",
            ),
            _party(
                "TR",
                (date(2010, 11, 10), date(2014, 9, 29), date(2015, 1, 1)),
                "tr",
                "tr-adalet",
                channels="24-7-network",
            ),
            _party(
                "BR",
                (None, date(2022, 11, 30), date(2023, 3, 1)),
                "pt",
                "br-drci",
                "Accession.",
                channels="24-7-network",
            ),
            _party(
                "UA",
                (date(2001, 11, 23), date(2006, 3, 10), date(2006, 7, 1)),
                "uk en",
                "ua-ogp",
                "Art. 35 24/7 point: Cyber Police Department.",
                channels="24-7-network",
            ),
            _party(
                "US",
                (date(2001, 11, 23), date(2006, 9, 29), date(2007, 1, 1)),
                "en",
                "us-oia",
                "Art. 35 24/7 point: DOJ Computer Crime and Intellectual Property Section.",
                channels="24-7-network",
            ),
            _party(
                "GB",
                (date(2001, 11, 23), date(2011, 5, 25), date(2011, 9, 1)),
                "en",
                "gb-ukca",
                "Art. 35 24/7 point: National Crime Agency.",
                channels="24-7-network",
            ),
            _party(
                "CO",
                (None, date(2020, 3, 16), date(2020, 7, 1)),
                "es",
                "co-fgn",
                "Accession.",
                channels="24-7-network",
            ),
        ),
    ),
    DemoAgreement(
        "vienna-1988",
        Agreement(
            title="United Nations Convention against Illicit Traffic in Narcotic Drugs and "
            "Psychotropic Substances",
            short_name="Vienna 1988",
            titles=(
                LocalizedText(
                    "en",
                    "United Nations Convention against Illicit Traffic in Narcotic Drugs "
                    "and Psychotropic Substances",
                ),
                LocalizedText(
                    "fr",
                    "Convention des Nations Unies contre le trafic illicite de stupéfiants "
                    "et de substances psychotropes",
                ),
                LocalizedText(
                    "es",
                    "Convención de las Naciones Unidas contra el Tráfico Ilícito de "
                    "Estupefacientes y Sustancias Sicotrópicas",
                ),
            ),
            kind=AgreementKind.MULTILATERAL,
            scope=("mla", "extradition", "asset_recovery", "police_cooperation"),
            rule_set="UNTOC-18-15",
            adopted_on=date(1988, 12, 20),
            in_force_on=date(1990, 11, 11),
            relationship="Art. 7 (MLA) was the model for UNTOC art. 18; art. 7(10) lists the "
            "same request contents, hence the UNTOC rule set. Controlled delivery: art. 11.",
            source_url=f"{_UN_TREATIES}&mtdsg_no=VI-19&chapter=6&clang=_en",
            notes="Vienna, 20 December 1988. Party dates not recorded: complete them from the "
            "UN Treaty Collection (chapter VI.19). Accepted languages (art. 7(9)) are demo "
            "values.",
            handling=Handling.CLEAR,
        ),
        (
            _party("FR", languages="fr", authority="fr-bepi", channels=_CENTRAL),
            _party("DE", languages="de", authority="de-bfj", channels=_CENTRAL),
            _party("ES", languages="es", authority="es-mjus", channels=_CENTRAL),
            _party("IT", languages="it", authority="it-mgiust", channels=_CENTRAL),
            _party("NL", languages="nl en", authority="nl-airs", channels=_CENTRAL),
            _party("PT", languages="pt", authority="pt-pgr", channels=_CENTRAL),
            _party("MA", languages="ar fr", authority="ma-mjus", channels=_CENTRAL),
            _party("CO", languages="es", authority="co-fgn", channels=_CENTRAL),
            _party("US", languages="en", authority="us-oia", channels=_CENTRAL),
            _party("GB", languages="en", authority="gb-ukca", channels=_CENTRAL),
        ),
    ),
    DemoAgreement(
        "us-es-mlat",
        Agreement(
            title="Treaty between the United States of America and the Kingdom of Spain on "
            "Mutual Legal Assistance in Criminal Matters",
            short_name="US-ES MLAT",
            titles=(
                LocalizedText(
                    "en",
                    "Treaty between the United States of America and the Kingdom of Spain "
                    "on Mutual Legal Assistance in Criminal Matters",
                ),
                LocalizedText(
                    "es",
                    "Tratado entre el Reino de España y los Estados Unidos de América sobre "
                    "asistencia legal mutua en materia penal",
                ),
            ),
            kind=AgreementKind.BILATERAL_MLAT,
            scope=("mla", "asset_recovery"),
            rule_set="MODEL-TREATY-5",
            adopted_on=date(1990, 11, 20),
            in_force_on=date(1993, 6, 30),
            relationship="Supplemented by the bilateral instrument applying the 2003 EU-US "
            "Mutual Legal Assistance Agreement (in force 1 February 2010).",
            source_url=_US_TIF,
            notes="Signed at Washington. Dates and the Spanish title are from memory: check "
            "the US Treaties in Force list and the BOE publication.",
            handling=Handling.CLEAR,
        ),
        (
            _party(
                "US",
                (date(1990, 11, 20), None, date(1993, 6, 30)),
                "en",
                "us-oia",
                channels="central-authority email",
            ),
            _party(
                "ES",
                (date(1990, 11, 20), None, date(1993, 6, 30)),
                "es",
                "es-mjus",
                channels="central-authority email",
            ),
        ),
    ),
    DemoAgreement(
        "us-fr-mlat",
        Agreement(
            title="Treaty on Mutual Legal Assistance in Criminal Matters between the United "
            "States of America and France",
            short_name="US-FR MLAT",
            titles=(
                LocalizedText(
                    "en",
                    "Treaty on Mutual Legal Assistance in Criminal Matters between the "
                    "United States of America and France",
                ),
                LocalizedText(
                    "fr",
                    "Traité d'entraide judiciaire en matière pénale entre la République "
                    "française et les États-Unis d'Amérique",
                ),
            ),
            kind=AgreementKind.BILATERAL_MLAT,
            scope=("mla", "asset_recovery"),
            rule_set="MODEL-TREATY-5",
            adopted_on=date(1998, 12, 10),
            in_force_on=date(2001, 12, 1),
            relationship="Supplemented by the bilateral instrument applying the 2003 EU-US "
            "Mutual Legal Assistance Agreement (in force 1 February 2010).",
            source_url=_US_TIF,
            notes="Signed at Paris. Dates and the French title are from memory: check the US "
            "Treaties in Force list and the Journal officiel publication.",
            handling=Handling.CLEAR,
        ),
        (
            _party(
                "US",
                (date(1998, 12, 10), None, date(2001, 12, 1)),
                "en",
                "us-oia",
                channels="central-authority email",
            ),
            _party(
                "FR",
                (date(1998, 12, 10), None, date(2001, 12, 1)),
                "fr",
                "fr-bepi",
                channels="central-authority email",
            ),
        ),
    ),
    DemoAgreement(
        "us-nl-mlat",
        Agreement(
            title="Treaty between the Kingdom of the Netherlands and the United States of America "
            "on Mutual Assistance in Criminal Matters",
            short_name="US-NL MLAT",
            titles=(
                LocalizedText(
                    "en",
                    "Treaty between the Kingdom of the Netherlands and the United States of "
                    "America on Mutual Assistance in Criminal Matters",
                ),
                LocalizedText(
                    "nl",
                    "Verdrag tussen het Koninkrijk der Nederlanden en de Verenigde Staten "
                    "van Amerika inzake wederzijdse rechtshulp in strafzaken",
                ),
            ),
            kind=AgreementKind.BILATERAL_MLAT,
            scope=("mla", "asset_recovery"),
            rule_set="MODEL-TREATY-5",
            adopted_on=date(1981, 6, 12),
            in_force_on=date(1983, 9, 15),
            relationship="Supplemented by the bilateral instrument applying the 2003 EU-US "
            "Mutual Legal Assistance Agreement (in force 1 February 2010).",
            source_url=_US_TIF,
            notes="Signed at The Hague. Dates and the Dutch title are from memory: check the US "
            "Treaties in Force list and the Tractatenblad.",
            handling=Handling.CLEAR,
        ),
        (
            _party(
                "US",
                (date(1981, 6, 12), None, date(1983, 9, 15)),
                "en",
                "us-oia",
                channels="central-authority email",
            ),
            _party(
                "NL",
                (date(1981, 6, 12), None, date(1983, 9, 15)),
                "nl en",
                "nl-airs",
                channels="central-authority email",
            ),
        ),
    ),
)


# --- cases and notes -------------------------------------------------------------------------

CASES: tuple[DemoCase, ...] = (
    DemoCase(
        "case-atlas",
        Case(
            reference="OP-ATLAS 2025/014",
            title="ATLAS – laundering network using Iberian shell companies",
            summary="Judicial investigation in Paris into a network that laundered an estimated "
            "EUR 38 million of drug and VAT-fraud proceeds through shell companies and accounts "
            "in Spain and Portugal, with cash couriers to Morocco. EIOs for bank records in "
            "Spain and Portugal; coordination through Eurojust; MLA request to Morocco under "
            "UNTOC.",
            status=CaseStatus.OPEN,
            opened_on=date(2025, 2, 17),
            countries=("FR", "ES", "PT", "MA", "DE"),
            offences=(
                "money laundering by an organised group",
                "participation in a criminal organisation",
                "VAT fraud",
            ),
        ),
        (
            _note(
                "Kick-off: legal basis and routing",
                "Spain and Portugal are both bound by Directive 2014/41/EU, so the bank records "
                "will be sought by EIO rather than under the 1959 Convention. The investigating "
                "judge signs both EIOs; section C and the bank-account part of section H must "
                "list the account holders and the period 1 January 2022 to 30 June 2025. The "
                "Spanish central authority confirmed that EIOs go straight to the competent "
                "executing authority. Translations into Spanish and Portuguese ordered from the "
                "court's approved translators.",
            ),
            _note(
                "Bank records – Spain: partial return",
                "The executing authority in Madrid returned bank records for 11 of the 14 "
                "accounts held at two Spanish banks. The remaining three belong to a company "
                "dissolved in 2024 whose records are held by the liquidator; a supplementary EIO "
                "(section D, linked to our first EIO) is needed. Account-opening documents give "
                "the same Porto address for two nominee directors, which ties the Spanish and "
                "Portuguese companies together.",
            ),
            _note(
                "Point de situation avec le BEPI",
                "Échange téléphonique avec Mme Marchetti-Roux (BEPI) le 14 octobre 2026. Le Maroc "
                "n'étant pas lié par la directive, la demande d'entraide visant les transferts "
                "d'espèces vers Tanger reposera sur la Convention de Palerme (art. 18). Le "
                "français est accepté en pratique par le ministère marocain, à confirmer avant "
                "l'envoi. Le BEPI transmettra par la voie centrale ; prévoir un engagement de "
                "spécialité et la liste numérotée des pièces jointes.",
                language="fr",
            ),
            _note(
                "Reunión de coordinación con la UCO",
                "Reunión en Eurojust el 8 de octubre de 2026 con el teniente Peñalver (UCO) y la "
                "representante de la PGR portuguesa. La Guardia Civil identificó a dos "
                "testaferros que firmaron en nombre de cinco sociedades. Se acordó que la "
                "información del Sepblac y de la UIF portuguesa no se usará como prueba sin "
                "autorización previa. Próximo paso: OEI complementaria para las cuentas de la "
                "sociedad liquidada.",
                language="es",
            ),
            _note(
                "Source reporting – do not disseminate",
                "The Spanish liaison bureau said orally that one of the nominee directors is "
                "cooperating with Spanish authorities in an unrelated case. This must not appear "
                "in any request, report or file note shared outside the core team. Check with "
                "the Guardia Civil before any approach to this person.",
                handling=Handling.RED,
            ),
        ),
        (
            "c-fr-marchetti",
            "c-es-sanchez",
            "c-es-penalver",
            "c-pt-albuquerque",
            "c-pt-bras",
            "c-int-vautrin",
            "c-ma-elouafi",
            "c-de-grosskopf",
        ),
        ("eio", "untoc", "coe-1959"),
    ),
    DemoCase(
        "case-kestrel",
        Case(
            reference="OP-KESTREL 2025/031",
            title="KESTREL – ransomware affiliate attacks on hospitals",
            summary="Investigation by OFAC, directed by the Paris prosecutor's cybercrime "
            "section, into a ransomware affiliate group that encrypted systems at three "
            "hospitals and a regional council in France and Germany, and a logistics firm in "
            "the United Kingdom, between March and August 2025. Leak site hosted on rented "
            "servers in the Netherlands; affiliate accounts with a US e-mail provider; ransom "
            "payments laundered through a Ukrainian-registered OTC broker.",
            status=CaseStatus.OPEN,
            opened_on=date(2025, 4, 3),
            countries=("FR", "DE", "NL", "UA", "US", "PL", "GB"),
            offences=(
                "extortion by an organised group",
                "unauthorised access to and interference with information systems",
                "money laundering",
                "participation in a criminal organisation",
            ),
        ),
        (
            _note(
                "Expedited preservation through the 24/7 network",
                "On 9 April 2025 preservation requests under art. 29 of the Budapest Convention "
                "went through the 24/7 network to the Netherlands, Ukraine and the United States, "
                "covering three server IP addresses, two e-mail accounts and the negotiation-"
                "panel domain. The US provider confirmed 90 days' preservation, renewed once. "
                "Ukraine confirmed preservation of the OTC broker's logs within four hours.",
            ),
            _note(
                "Subscriber and traffic data – Netherlands (EIO)",
                "EIO sent to the Netherlands on 22 April 2025 for subscriber data and connection "
                "logs of the hosting customer, using the section C tick-box for identifying the "
                "holder of an IP address. Executed in seven weeks. The customer paid in Monero "
                "and gave an e-mail address at the same US provider, which links the two "
                "strands.",
            ),
            _note(
                "US request: subscriber data first, content later",
                "OIA advised that the content of the two e-mail accounts needs facts amounting to "
                "probable cause, so the request under the France-US MLAT sets out the payment "
                "trail and the login overlap in detail. Subscriber information and IP logs "
                "arrived in November 2025; the content part is still pending. Ms Whitcombe asks "
                "for a short update on the French proceedings every quarter.",
            ),
            _note(
                "Ukraine: OTC broker, videoconference and JIT option",
                "Request to Ukraine under the 1959 Convention and its Second Additional Protocol "
                "for the broker's customer records and a hearing of its compliance officer by "
                "videoconference (art. 9). The hearing took place on 15 September 2026 with a "
                "Ukrainian interpreter. Eurojust suggests a joint investigation team under art. "
                "20 of the Second Protocol; the Ukrainian prosecutor is open to it.",
            ),
            _note(
                "Covert access to the affiliate panel",
                "The Dutch team has covert access to the affiliate panel under a Dutch court "
                "order. Nothing about this access may appear in the French file until the Dutch "
                "prosecutor authorises disclosure; use it only to steer requests.",
                handling=Handling.RED,
            ),
        ),
        (
            "c-fr-legoff",
            "c-de-brueckner",
            "c-int-karagiannis",
            "c-ua-savchuk",
            "c-ua-hnatyshyn",
            "c-us-whitcombe",
            "c-us-delaney",
            "c-pl-przybyl",
            "c-gb-pritchard",
            "c-int-vautrin",
        ),
        ("budapest", "eio", "coe-1959", "coe-1959-ap2", "us-fr-mlat", "untoc"),
    ),
    DemoCase(
        "case-meridian",
        Case(
            reference="OP-MERIDIAN 2026/007",
            title="MERIDIAN – cocaine in reefer containers via Rotterdam; resin via Tanger Med",
            summary="Investigation into a network importing cocaine hidden in refrigerated "
            "banana containers shipped from Turbo (Colombia) through Rotterdam to Le Havre, and "
            "cannabis resin loaded at Tanger Med. A 1,180 kg seizure in Rotterdam on 14 "
            "January 2026 is linked to the French buyers through container bookings made by "
            "the same freight-forwarding company.",
            status=CaseStatus.OPEN,
            opened_on=date(2026, 1, 22),
            countries=("FR", "NL", "CO", "MA", "ES"),
            offences=(
                "importation of narcotics by an organised group",
                "money laundering",
                "participation in a criminal organisation",
            ),
            handling=Handling.AMBER_STRICT,
        ),
        (
            _note(
                "Rotterdam seizure – container data by EIO",
                "Mr Verkerk (OM Rotterdam) confirmed that the 14 January seizure can be shared "
                "for our proceedings. An EIO will ask for the booking records, terminal "
                "gate-in and gate-out logs and the bill-of-lading chain for the container and "
                "two earlier shipments by the same consignee. The Dutch side accepts the EIO in "
                "English.",
            ),
            _note(
                "Colombia – legal basis and translation",
                "There is no bilateral MLA treaty with Colombia in this vault, so the request "
                "relies on art. 7 of the 1988 Vienna Convention, with UNTOC art. 18 as a second "
                "basis. The Fiscalía needs the request in Spanish; translation budget approved. "
                "We ask for the exporter's company records, phytosanitary certificates, CCTV "
                "from the packing plant and subscriber data for the plant's logistics manager.",
            ),
            _note(
                "Morocco – advance police message, formal request to follow",
                "An I-24/7 message went to NCB Rabat on 24 September 2026 with the trailer plates "
                "and the freight forwarder's Tangier agent. Commissaire Chraïbi confirmed that "
                "anything evidential must come through the Ministry of Justice, so a formal "
                "request under UNTOC and the 1988 Convention is being drafted in French.",
            ),
            _note(
                "Informant reporting via DIRAN",
                "DIRAN reports, from a registered informant, that the next shipment is planned "
                "for the second half of December through the same packing plant. Do not record "
                "informant details and do not mention this in the formal request to the "
                "Fiscalía.",
                handling=Handling.RED,
            ),
        ),
        (
            "c-nl-verkerk",
            "c-nl-vanderheijden",
            "c-co-quintero",
            "c-co-cardenas",
            "c-ma-chraibi",
            "c-ma-elouafi",
            "c-es-zubizarreta",
            "c-fr-marchetti",
            "c-int-benhaddou",
        ),
        ("eio", "vienna-1988", "untoc"),
    ),
)
