"""Liaison vault benchmark: insert throughput, search latency and unlock time, next to a plain baseline.

Run from the repository root::

    .venv/bin/python bench/vault.py                  # 100,000 notes, 5,000 contacts, 500 cases
    .venv/bin/python bench/vault.py --quick          # 5,000 notes, 500 contacts: smoke run
    .venv/bin/python bench/vault.py --profile-inserts  # plus a cProfile of Liaison's insert loop
    .venv/bin/python bench/vault.py --cache-mib 64     # what-if: a 64 MiB page cache on both stores

This is a script that prints figures, not a test: nothing fails when a target is missed.

What is measured
    The same deterministic synthetic data (seeded ``random``: contacts with names from many
    languages, ~500 cases, case notes of 200-1,500 characters in English, French, Spanish, German,
    Portuguese and some Arabic, Chinese and Russian, built from mutual-legal-assistance phrases) is
    written batch by batch, 1,000 records per transaction, into two databases, one batch into each in
    turn so that both see the same machine conditions:

    * Liaison: a real vault (SQLCipher 4, fast test KDF so that creating it costs nothing), written
      through the one real write path, ``records.insert`` and ``notes.add``, inside
      ``vault.transaction()``.
    * Baseline: the stdlib ``sqlite3`` module (plain SQLite, no encryption) with the same tables for
      cases, contacts and notes, the same ``search_docs`` + FTS5 ``search_index`` pair indexing the
      same text with the same tokenizer (``unicode61 remove_diacritics 2``), in WAL mode with
      ``synchronous = FULL`` like the vault. The table and index definitions are copied from the
      new vault's own ``sqlite_master``, so the baseline follows schema changes by itself.

Why the baseline is what it is
    The issue's targets are ratios "SQLCipher vault / plain SQLite": they must show what Liaison
    pays for its guarantees, not what any SQLite application pays. So the baseline does everything a
    careful plain application storing the same records would do (one row per record, a full-text
    index, durable commits) and deliberately leaves out what only Liaison does: encryption of every
    page, the op log (one row per field, what sync ships), the hash-chained audit entry per write,
    the note revision copy and ``secure_delete``. The insert ratio is therefore the cost of those
    extras plus encryption. Searches run the very same SQL on both (same MATCH expression, bm25
    weights, snippet, LIMIT), so the search ratio is the cost of encryption alone (and of the
    different SQLite versions bundled, printed with the machine information).

Unlock
    A separate small vault is created with ``KdfProfile.PRODUCTION`` (calibrated Argon2id, about a
    second) and unlocked several times. The big vault is unlocked with the fast KDF to show what the
    open-time checks cost on a large file, then re-keyed to the production KDF (``change_passphrase``
    only re-wraps the key) and unlocked again: that is what a user with a full vault waits for.
    All unlock figures are with a warm OS page cache (the file was just written); a cold start after
    a reboot reads the whole file from disk and is slower.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import dataclasses
import datetime as dt
import enum
import io
import json
import math
import os
import platform
import pstats
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from liaison.crypto import kdf, keyslots
from liaison.crypto.kdf import KdfProfile
from liaison.domain import (
    Case,
    CaseStatus,
    Channel,
    Contact,
    ContactRole,
    ContactStatus,
    LanguageSkill,
    Note,
    Record,
    TrustLevel,
)
from liaison.services import search as service_search
from liaison.store import connection, records
from liaison.store import notes as store_notes
from liaison.store import search as store_search
from liaison.store import vault as store_vault
from liaison.store.registry import spec_for

PASSPHRASE = "correct horse battery staple – bench"
SEED = 20261129
BATCH = 1000
SEARCH_RUNS = 20
UNLOCK_RUNS = 5
BIG_UNLOCK_RUNS = 3

# Targets from the issue.
TARGET_SEARCH_P50_MS = 10.0
TARGET_SEARCH_RATIO = 1.5
TARGET_INSERT_RATIO = 3.0
TARGET_UNLOCK_S = (0.5, 2.0)

# --------------------------------------------------------------------------------------------------
# Synthetic data
# --------------------------------------------------------------------------------------------------

LANGS = ("en", "fr", "es", "de", "pt", "ru", "ar", "zh")
LANG_WEIGHTS = (38, 15, 13, 13, 11, 4, 3, 3)
LANGUAGE_NAMES = {
    "en": {"en": "English", "fr": "anglais", "es": "inglés", "de": "Englische", "pt": "inglês"},
    "fr": {"en": "French", "fr": "français", "es": "francés", "de": "Französische", "pt": "francês"},
    "es": {"en": "Spanish", "fr": "espagnol", "es": "español", "de": "Spanische", "pt": "espanhol"},
    "de": {"en": "German", "fr": "allemand", "es": "alemán", "de": "Deutsche", "pt": "alemão"},
    "pt": {
        "en": "Portuguese",
        "fr": "portugais",
        "es": "portugués",
        "de": "Portugiesische",
        "pt": "português",
    },
    "ar": {"en": "Arabic", "fr": "arabe", "es": "árabe", "de": "Arabische", "pt": "árabe"},
}


@dataclass(frozen=True)
class Country:
    code: str
    names: tuple[str, str, str, str, str, str, str, str]  # in LANGS order
    cities: tuple[str, ...]
    timezone: str
    language: str

    def name(self, lang: str) -> str:
        return self.names[LANGS.index(lang)]


COUNTRIES = (
    Country(
        "DE",
        ("Germany", "Allemagne", "Alemania", "Deutschland", "Alemanha", "Германия", "ألمانيا", "德国"),
        ("Berlin", "München", "Köln", "Düsseldorf", "Wiesbaden"),
        "Europe/Berlin",
        "de",
    ),
    Country(
        "FR",
        ("France", "France", "Francia", "Frankreich", "França", "Франция", "فرنسا", "法国"),
        ("Paris", "Lyon", "Marseille", "Besançon", "Nanterre"),
        "Europe/Paris",
        "fr",
    ),
    Country(
        "ES",
        ("Spain", "Espagne", "España", "Spanien", "Espanha", "Испания", "إسبانيا", "西班牙"),
        ("Madrid", "Barcelona", "Málaga", "A Coruña", "Algeciras"),
        "Europe/Madrid",
        "es",
    ),
    Country(
        "PT",
        ("Portugal", "Portugal", "Portugal", "Portugal", "Portugal", "Португалия", "البرتغال", "葡萄牙"),
        ("Lisboa", "Porto", "Coimbra", "Faro"),
        "Europe/Lisbon",
        "pt",
    ),
    Country(
        "BR",
        ("Brazil", "Brésil", "Brasil", "Brasilien", "Brasil", "Бразилия", "البرازيل", "巴西"),
        ("São Paulo", "Brasília", "Rio de Janeiro", "Santos"),
        "America/Sao_Paulo",
        "pt",
    ),
    Country(
        "MA",
        ("Morocco", "Maroc", "Marruecos", "Marokko", "Marrocos", "Марокко", "المغرب", "摩洛哥"),
        ("Rabat", "Casablanca", "Tanger"),
        "Africa/Casablanca",
        "ar",
    ),
    Country(
        "AE",
        (
            "United Arab Emirates",
            "Émirats arabes unis",
            "Emiratos Árabes Unidos",
            "Vereinigte Arabische Emirate",
            "Emirados Árabes Unidos",
            "ОАЭ",
            "الإمارات",
            "阿联酋",
        ),
        ("Dubai", "Abu Dhabi"),
        "Asia/Dubai",
        "ar",
    ),
    Country(
        "PL",
        ("Poland", "Pologne", "Polonia", "Polen", "Polónia", "Польша", "بولندا", "波兰"),
        ("Warszawa", "Kraków", "Łódź", "Gdańsk"),
        "Europe/Warsaw",
        "pl",
    ),
    Country(
        "CZ",
        ("Czechia", "Tchéquie", "Chequia", "Tschechien", "Chéquia", "Чехия", "التشيك", "捷克"),
        ("Praha", "Brno", "Ostrava"),
        "Europe/Prague",
        "cs",
    ),
    Country(
        "TR",
        ("Türkiye", "Turquie", "Turquía", "Türkei", "Turquia", "Турция", "تركيا", "土耳其"),
        ("İstanbul", "Ankara", "İzmir"),
        "Europe/Istanbul",
        "tr",
    ),
    Country(
        "UA",
        ("Ukraine", "Ukraine", "Ucrania", "Ukraine", "Ucrânia", "Украина", "أوكرانيا", "乌克兰"),
        ("Kyiv", "Odesa", "Lviv"),
        "Europe/Kyiv",
        "uk",
    ),
    Country(
        "CN",
        ("China", "Chine", "China", "China", "China", "Китай", "الصين", "中国"),
        ("Beijing", "Shanghai", "Shenzhen"),
        "Asia/Shanghai",
        "zh",
    ),
    Country(
        "CO",
        ("Colombia", "Colombie", "Colombia", "Kolumbien", "Colômbia", "Колумбия", "كولومبيا", "哥伦比亚"),
        ("Bogotá", "Medellín", "Cali", "Cartagena"),
        "America/Bogota",
        "es",
    ),
    Country(
        "NL",
        (
            "Netherlands",
            "Pays-Bas",
            "Países Bajos",
            "Niederlande",
            "Países Baixos",
            "Нидерланды",
            "هولندا",
            "荷兰",
        ),
        ("Den Haag", "Rotterdam", "Amsterdam"),
        "Europe/Amsterdam",
        "nl",
    ),
    Country(
        "US",
        (
            "United States",
            "États-Unis",
            "Estados Unidos",
            "Vereinigte Staaten",
            "Estados Unidos",
            "США",
            "الولايات المتحدة",
            "美国",
        ),
        ("Washington", "New York", "Miami"),
        "America/New_York",
        "en",
    ),
    Country(
        "RO",
        ("Romania", "Roumanie", "Rumanía", "Rumänien", "Roménia", "Румыния", "رومانيا", "罗马尼亚"),
        ("București", "Cluj-Napoca", "Timișoara"),
        "Europe/Bucharest",
        "ro",
    ),
)

# (latin, native script or "") pairs; several languages' diacritics on purpose.
_L = tuple[tuple[str, str], ...]


def _latin(*names: str) -> _L:
    return tuple((n, "") for n in names)


NAMES: dict[str, tuple[_L, _L]] = {
    "DE": (
        _latin("Jürgen", "Björn", "Jörg", "Günter", "Änne", "Stefanie", "Lukas", "Sören"),
        _latin("Müller", "Schäfer", "Weiß", "Böhm", "Krüger", "Groß", "Mueller", "Schröder", "Köhler"),
    ),
    "FR": (
        _latin("François", "Hélène", "Gaëlle", "Amélie", "Jérôme", "Noël", "Cécile", "Loïc"),
        _latin("Lefèvre", "Dubois", "Côté", "Bérenger", "Lefèbvre", "Mercier", "Duchêne", "Muller"),
    ),
    "ES": (
        _latin("José", "Begoña", "Íñigo", "Inés", "Ramón", "María José", "Álvaro"),
        _latin("Peñalosa", "Ibáñez", "Muñoz", "Domínguez", "Núñez", "García", "Martín"),
    ),
    "CO": (
        _latin("Andrés", "Sofía", "Camilo", "Valentina"),
        _latin("Gutiérrez", "Rodríguez", "Ospina", "Londoño"),
    ),
    "PT": (
        _latin("João", "Conceição", "Sebastião", "Luís", "Inês"),
        _latin("Gonçalves", "Simões", "Araújo", "Magalhães"),
    ),
    "BR": (
        _latin("Thiago", "Luíza", "Caio", "Letícia"),
        _latin("Gonçalves", "Assunção", "Brandão", "Müller"),
    ),
    "PL": (_latin("Łukasz", "Małgorzata", "Paweł", "Zofia"), _latin("Wiśniewski", "Żółkowska", "Dąbrowski")),
    "CZ": (_latin("Tomáš", "Jiří", "Zdeněk", "Lucie"), _latin("Dvořák", "Novák", "Černý", "Procházková")),
    "TR": (_latin("Çağla", "Şükrü", "Gökhan", "Ayşe"), _latin("Öztürk", "Yılmaz", "Çelik", "Şahin")),
    "RO": (_latin("Ștefan", "Ioana", "Mihai", "Andreea"), _latin("Popescu", "Țăranu", "Ionescu", "Stănescu")),
    "NL": (_latin("Sanne", "Joost", "Maarten", "Anouk"), _latin("de Vries", "van Dijk", "Bakker", "Jansen")),
    "US": (_latin("Michael", "Jennifer", "David", "Sarah"), _latin("Miller", "Johnson", "Williams", "Brown")),
    "UA": (
        (("Oleksandr", "Олександр"), ("Olena", "Олена"), ("Dmytro", "Дмитро")),
        (("Ivanenko", "Іваненко"), ("Shevchenko", "Шевченко"), ("Ivanov", "Иванов")),
    ),
    "MA": (
        (("Youssef", "يوسف"), ("Fatima", "فاطمة"), ("Karim", "كريم")),
        (("El Amrani", "العمراني"), ("Benali", "بنعلي"), ("Tazi", "التازي")),
    ),
    "AE": ((("Ahmed", "أحمد"), ("Mariam", "مريم")), (("Al Mansouri", "المنصوري"), ("Al Hashimi", "الهاشمي"))),
    "CN": ((("Wei", "伟"), ("Fang", "芳"), ("Jun", "军")), (("Li", "李"), ("Wang", "王"), ("Zhang", "张"))),
}

HONORIFICS = ("Mr", "Ms", "Dr", "M.", "Mme", "Sr.", "Sra.", "Herr", "Frau", "Insp.", "Cmdt.", "Proc.")
UNITS = (
    "Economic Crime Unit",
    "Brigade de répression du banditisme",
    "Unidad Central de Delincuencia Económica",
    "Landeskriminalamt – Abteilung Organisierte Kriminalität",
    "Polícia Judiciária – UNCC",
    "NCB Interpol",
    "Cybercrime Division",
    "Asset Recovery Office",
    "Central Authority for Mutual Legal Assistance",
    "Office of International Affairs",
    "Parquet national financier",
    "Fiscalía Especial contra la Corrupción",
)
COMPETENCES = (
    "mla",
    "extradition",
    "eaw",
    "eio",
    "asset_recovery",
    "cybercrime",
    "drugs",
    "human_trafficking",
    "money_laundering",
    "witness_protection",
    "jit",
)
WORKING_HOURS = ("08:00-16:00", "09:00-17:30", "07:30-15:30", "24/7 duty desk")

OFFENCES = {
    "en": ("money laundering", "drug trafficking", "fraud", "human trafficking", "corruption", "cyber fraud"),
    "fr": ("blanchiment d'argent", "trafic de stupéfiants", "escroquerie", "traite des êtres humains"),
    "es": ("blanqueo de capitales", "tráfico de drogas", "estafa", "trata de seres humanos"),
    "de": ("Geldwäsche", "Drogenhandel", "Betrug", "Menschenhandel", "Bestechung"),
    "pt": ("branqueamento de capitais", "tráfico de droga", "burla", "tráfico de seres humanos"),
}
PROVIDERS = ("Telefónica", "Deutsche Telekom", "Orange", "Vodafone", "MEO", "Google", "Meta", "Microsoft")
BANKS = ("Banco Santander", "BNP Paribas", "Deutsche Bank", "Caixa Geral de Depósitos", "ING", "Emirates NBD")
DRUGS = ("cocaine", "heroin", "cannabis resin", "methamphetamine", "captagon")
AGENCIES = (
    "BKA",
    "Police judiciaire",
    "Guardia Civil",
    "Policía Nacional",
    "Polícia Judiciária",
    "Polícia Federal",
    "Europol",
    "Eurojust",
    "Interpol",
    "FIOD",
    "DNSP",
    "Policja",
)
CODENAMES = ("Albatros", "Nordlicht", "Mistral", "Colibrí", "Saudade", "Faucon", "Tramontana", "Orquídea")

SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        "Requested bank records for account {iban} held at {bank} in {city}; the central authority of "
        "{country} confirmed receipt on {date}.",
        "Spoke with {name} ({agency}) by secure phone about the extradition request for {suspect}; the "
        "hearing is scheduled for {date}.",
        "The witness {suspect} agreed to give evidence by videoconference under Article 10 of the 2000 "
        "EU Mutual Legal Assistance Convention.",
        "Preservation request sent to {provider} for subscriber data and IP logs linked to {email}; "
        "reference {ref}.",
        "Europol analysis project flagged a cross-match with case {ref}; SIENA message sent to the "
        "{country} liaison desk.",
        "European Investigation Order {ref} issued to {country} for a house search in {city} and the "
        "seizure of mobile telephones.",
        "Joint investigation team meeting at Eurojust in The Hague; {name} presented the {offence} "
        "structure through shell companies in {city}.",
        "Interpol red notice requested for {suspect}, suspected of {offence}; NCB {city} asked for "
        "fingerprints and photographs.",
        "The prosecutor asked for a translation of the letter rogatory into {language} before it can be "
        "executed.",
        "Telephone interception results received from {agency}; transcripts to be translated and "
        "forwarded to the investigating judge.",
        "Freezing order for assets worth EUR {amount} recognised by the court in {city}; {bank} confirmed "
        "the funds are blocked.",
        "Follow-up call with {name}: the witness statement was taken but the signature page is missing, "
        "a new copy was requested.",
        "Spontaneous exchange of information: {suspect} travelled to {city} on {date} using a false "
        "passport.",
        "Controlled delivery of {drug} coordinated with customs in {city}; surveillance team on standby.",
        "Dual criminality confirmed for {offence}; the executing authority accepted the request without "
        "further conditions.",
        "Request to hear the suspect by video link declined; {country} requires personal appearance.",
        "Cryptocurrency wallet {wallet} traced to an exchange in {city}; production order for KYC records "
        "to follow.",
        "Surrender under the European Arrest Warrant agreed; transfer of {suspect} planned through {city} "
        "airport on {date}.",
        "Mutual legal assistance request {ref} is still pending at the Ministry of Justice; {name} will "
        "chase it next week.",
        "Bank records show transfers of EUR {amount} to {bank} in {city} shortly before the arrest.",
    ),
    "fr": (
        "Commission rogatoire internationale transmise au juge d'instruction de {city} ; audition du "
        "témoin {suspect} prévue le {date}.",
        "Entretien téléphonique avec {name} ({agency}) concernant la demande d'extradition ; le dossier "
        "est complet.",
        "Demande de conservation des données de téléphone adressée à {provider} ; réquisition n° {ref}.",
        "Les relevés bancaires du compte {iban} ont été reçus de {bank} à {city} et transmis à l'enquêteur.",
        "Mandat d'arrêt européen exécuté ; remise de {suspect} aux autorités françaises le {date}.",
        "Saisie de téléphones portables et d'ordinateurs lors de la perquisition à {city} ; expertise en "
        "cours.",
        "Équipe commune d'enquête : réunion de coordination à Eurojust sur le {offence} via des sociétés "
        "écrans.",
        "Le procureur de la République demande la traduction en {language} de la décision d'enquête "
        "européenne.",
        "Le témoin a refusé de déposer ; il invoque le droit de ne pas s'incriminer.",
        "Échange spontané d'informations avec Europol ; {suspect} a été contrôlé à la frontière près de "
        "{city}.",
        "Rappel téléphonique de {name} : la notice rouge d'Interpol est publiée pour {suspect}.",
    ),
    "es": (
        "Comisión rogatoria enviada a la autoridad central de {country}; se solicita la declaración del "
        "testigo {suspect}.",
        "Orden europea de investigación {ref} para la obtención de registros bancarios de la cuenta {iban}.",
        "Llamada telefónica con {name} ({agency}): la extradición de {suspect} está pendiente de la "
        "decisión de la Audiencia Nacional.",
        "Solicitud de conservación de datos de tráfico y registros de teléfono móvil enviada a {provider}.",
        "El fiscal confirma el embargo preventivo de bienes por valor de {amount} euros en {city}.",
        "Reunión del equipo conjunto de investigación en Eurojust sobre {offence}.",
        "Notificación roja de Interpol solicitada; {suspect} fue visto en {city} el {date}.",
        "El testigo protegido declarará por videoconferencia desde {city}.",
        "La autoridad de ejecución pide la traducción al {language} de la orden europea de detención.",
    ),
    "de": (
        "Rechtshilfeersuchen an die Staatsanwaltschaft {city} übermittelt; Vernehmung des Zeugen "
        "{suspect} beantragt.",
        "Telefonat mit {name} ({agency}) wegen des Auslieferungsersuchens; Unterlagen werden nachgereicht.",
        "Sicherungsanordnung für Verkehrsdaten und Bestandsdaten an {provider} geschickt, Aktenzeichen "
        "{ref}.",
        "Kontounterlagen von {bank} in {city} für das Konto {iban} eingegangen; Auswertung durch das LKA.",
        "Europäischer Haftbefehl vollstreckt; Überstellung von {suspect} am {date} über den Flughafen "
        "{city}.",
        "Durchsuchung in {city}: Mobiltelefone, Laptops und Bargeld sichergestellt.",
        "Gemeinsame Ermittlungsgruppe: Treffen bei Eurojust zu {offence} über Scheinfirmen.",
        "Der Zeuge ist nur telefonisch erreichbar; Übersetzung ins {language} erforderlich.",
        "Europol meldet einen Treffer zu {suspect} in der Analysedatei; Rückmeldung an {name}.",
    ),
    "pt": (
        "Carta rogatória enviada à autoridade central de {country}; pedido de inquirição da testemunha "
        "{suspect}.",
        "Pedido de preservação de dados de tráfego e registos de telefone enviado à {provider}, "
        "referência {ref}.",
        "Extratos bancários da conta {iban} recebidos do {bank} em {city}; análise pela Polícia Judiciária.",
        "Conversa telefónica com {name} ({agency}) sobre o pedido de extradição de {suspect}.",
        "Mandado de detenção europeu executado; entrega de {suspect} prevista para {date}.",
        "Equipa de investigação conjunta reunida na Eurojust; {offence} através de empresas de fachada.",
        "Apreensão de telemóveis e computadores durante a busca domiciliária em {city}.",
        "A testemunha será ouvida por videoconferência a partir de {city}.",
    ),
    "ar": (
        "تم إرسال طلب المساعدة القانونية المتبادلة إلى السلطة المركزية في {city}.",
        "طلب تسليم المشتبه به {suspect} قيد النظر أمام المحكمة.",
        "تم استلام السجلات المصرفية للحساب {iban} من البنك.",
        "مكالمة هاتفية مع {name} بشأن الشاهد ونشرة الإنتربول الحمراء.",
    ),
    "zh": (
        "已向{country}中央机关发送司法协助请求，参考编号 {ref}。",
        "关于引渡 {suspect} 的请求，已与 {name} 电话沟通。",
        "银行记录 已收到，账户 {iban}。",
        "证人 将通过视频作证，地点 {city}。",
    ),
    "ru": (
        "Запрос о взаимной правовой помощи направлен в центральный орган {country}.",
        "Телефонный разговор с {name} по поводу экстрадиции {suspect}.",
        "Получены банковские выписки по счёту {iban}; свидетель Иванов допрошен.",
        "Интерпол опубликовал красное уведомление в отношении подозреваемого {suspect}.",
    ),
}
TITLES: dict[str, tuple[str, ...]] = {
    "en": (
        "Call with {name}",
        "Bank records {ref}",
        "EIO follow-up {city}",
        "Extradition of {suspect}",
        "Preservation request {provider}",
        "Witness hearing {city}",
        "JIT meeting at Eurojust",
    ),
    "fr": ("Appel avec {name}", "Commission rogatoire {ref}", "Témoin {suspect}", "Extradition {suspect}"),
    "es": ("Llamada con {name}", "Comisión rogatoria {ref}", "Testigo {suspect}", "Extradición {suspect}"),
    "de": ("Telefonat mit {name}", "Rechtshilfe {ref}", "Zeuge {suspect}", "Auslieferung {suspect}"),
    "pt": ("Chamada com {name}", "Carta rogatória {ref}", "Testemunha {suspect}", "Extradição {suspect}"),
    "ar": ("مكالمة مع {name}", "طلب تسليم {ref}"),
    "zh": ("与 {name} 通话", "司法协助 {ref}"),
    "ru": ("Звонок {name}", "Экстрадиция {suspect}"),
}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


def _rid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _date(rng: random.Random, start: dt.date = dt.date(2023, 1, 1), days: int = 1060) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(days))


def _person(rng: random.Random, country: Country | None = None) -> tuple[str, str, Country]:
    """A (full name, native-script name or "", country) triple."""
    country = country or rng.choice(COUNTRIES)
    firsts, lasts = NAMES.get(country.code, NAMES["US"])
    (first, first_native), (last, last_native) = rng.choice(firsts), rng.choice(lasts)
    if country.code == "CN":
        return f"{last} {first}", f"{last_native}{first_native}", country
    native = f"{first_native} {last_native}" if first_native else ""
    return f"{first} {last}", native, country


class _Filler(dict[str, str]):
    """``str.format_map`` source drawing a fresh value for each placeholder of one sentence."""

    def __init__(self, rng: random.Random, lang: str) -> None:
        super().__init__()
        self.rng = rng
        self.lang = lang

    def __missing__(self, key: str) -> str:
        rng, lang = self.rng, self.lang
        text_lang = lang if lang in OFFENCES else "en"
        makers: dict[str, Callable[[], str]] = {
            "name": lambda: _person(rng)[0],
            "suspect": lambda: _person(rng)[0],
            "city": lambda: rng.choice(rng.choice(COUNTRIES).cities),
            "country": lambda: rng.choice(COUNTRIES).name(lang),
            "ref": lambda: (
                f"{rng.choice(('MLA', 'EIO', 'EAW', 'RH', 'CRI'))}-{rng.randrange(2019, 2027)}-"
                f"{rng.randrange(100000):05d}"
            ),
            "date": lambda: _date(rng).isoformat(),
            "agency": lambda: rng.choice(AGENCIES),
            "amount": lambda: f"{rng.randrange(5, 5000) * 1000:,}",
            "iban": lambda: (
                f"{rng.choice(COUNTRIES).code}{rng.randrange(10, 99)} {rng.randrange(10**15):015d}"
            ),
            "bank": lambda: rng.choice(BANKS),
            "offence": lambda: rng.choice(OFFENCES[text_lang]),
            "language": lambda: LANGUAGE_NAMES[rng.choice(tuple(LANGUAGE_NAMES))][text_lang],
            "provider": lambda: rng.choice(PROVIDERS),
            "email": lambda: (
                f"{_ascii(_person(rng)[0])}@{rng.choice(('gmail.com', 'proton.me', 'yandex.ru'))}"
            ),
            "wallet": lambda: f"bc1q{rng.getrandbits(160):040x}",
            "drug": lambda: rng.choice(DRUGS),
        }
        return makers[key]()


def _fill(rng: random.Random, template: str, lang: str) -> str:
    return template.format_map(_Filler(rng, lang))


def note_body(rng: random.Random, lang: str) -> str:
    """200-1,500 characters of sentences; non-Latin notes switch to English now and then."""
    target = int(rng.triangular(200, 1500, 450))
    parts: list[str] = []
    length = 0
    while True:
        sentence_lang = lang if lang not in ("ar", "zh", "ru") or rng.random() < 0.7 else "en"
        sentence = _fill(rng, rng.choice(SENTENCES[sentence_lang]), sentence_lang)
        if parts and length + len(sentence) > target and length >= 200:
            break
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)[:1500]


def generate_cases(count: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    cases = []
    for number in range(1, count + 1):
        countries = tuple(sorted({c.code for c in rng.sample(COUNTRIES, rng.randrange(2, 4))}))
        offences = tuple(rng.sample(OFFENCES["en"], rng.randrange(1, 3)))
        opened = _date(rng)
        cases.append(
            Case(
                id=_rid(rng),
                reference=f"LIA-{opened.year}-{number:05d}",
                title=f"Operation {rng.choice(CODENAMES)} {number}: {offences[0]}",
                summary=_fill(rng, rng.choice(SENTENCES["en"]), "en"),
                status=rng.choice(tuple(CaseStatus)),
                opened_on=opened,
                countries=countries,
                offences=offences,
            )
        )
    return cases


def _contact(rng: random.Random) -> Contact:
    full_name, native, country = _person(rng)
    first_email = _ascii(full_name)
    phone = f"+{rng.randrange(1, 99)} {rng.randrange(10**8, 10**9)}"
    channels = [
        Channel("email", f"{first_email}@{country.code.lower()}.police.example"),
        Channel("phone", phone),
    ]
    if rng.random() < 0.5:
        channels.append(Channel("siena", f"SIENA/{country.code}-{rng.randrange(100, 999)}", True))
    if rng.random() < 0.3:
        channels.append(Channel("i24_7", f"NCB {country.cities[0]}", True))
    languages = {
        country.language,
        "en",
        *rng.sample(("fr", "es", "de", "pt", "ar", "ru"), rng.randrange(0, 3)),
    }
    verified = rng.random() < 0.6
    return Contact(
        id=_rid(rng),
        full_name=full_name,
        name_native=native,
        honorific=rng.choice(HONORIFICS),
        gender=rng.choice(("f", "m", "")),
        country=country.code,
        unit=rng.choice(UNITS),
        role=rng.choice(tuple(ContactRole)),
        competences=tuple(rng.sample(COMPETENCES, rng.randrange(1, 4))),
        urgent_contact=rng.random() < 0.1,
        languages=tuple(
            LanguageSkill(code, rng.choice(("working", "spoken", "reads"))) for code in sorted(languages)
        ),
        preferred_language=country.language,
        channels=tuple(channels),
        preferred_channel=rng.choice(channels).kind,
        timezone=country.timezone,
        working_hours=rng.choice(WORKING_HOURS),
        trust_level=rng.choice(tuple(TrustLevel)),
        verified_on=_date(rng) if verified else None,
        verification_method="met at Europol liaison meeting" if verified else "",
        last_contact_on=_date(rng),
        last_contact_channel=channels[0].kind,
        status=rng.choices(tuple(ContactStatus), (90, 7, 3))[0],
        source=rng.choice(("EJN atlas", "Europol directory", "business card", "introduced by colleague")),
        data_protection_basis="Directive (EU) 2016/680 art. 8",
        notes=_fill(rng, rng.choice(SENTENCES["en"]), "en") if rng.random() < 0.4 else "",
    )


def generate_contacts(count: int, seed: int) -> Iterator[Contact]:
    rng = random.Random(seed)
    for _ in range(count):
        yield _contact(rng)


def generate_notes(count: int, case_ids: Sequence[str], seed: int) -> Iterator[Note]:
    rng = random.Random(seed)
    for _ in range(count):
        lang = rng.choices(LANGS, LANG_WEIGHTS)[0]
        # Skewed: a few busy cases carry most of the notes.
        case_id = case_ids[int(len(case_ids) * rng.random() ** 2)]
        yield Note(
            id=_rid(rng),
            case_id=case_id,
            title=_fill(rng, rng.choice(TITLES[lang]), lang),
            body=note_body(rng, lang),
            language=lang,
        )


def batched(items: Iterator[Record] | Sequence[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# --------------------------------------------------------------------------------------------------
# The two stores
# --------------------------------------------------------------------------------------------------

# The same statement liaison.store.search.search runs (same bm25 weights, snippet and LIMIT).
SEARCH_SQL = (
    "SELECT d.kind, d.record_id, s.title, "
    "snippet(search_index, -1, '[', ']', '…', 12), " + store_search._RANK + " AS rank "
    "FROM search_index s JOIN search_docs d ON d.rowid = s.rowid "
    "WHERE search_index MATCH ? ORDER BY rank LIMIT ?"
)
SEARCH_LIMIT = 50  # liaison.store.search.search's default
# The baseline gets the vault's own definitions of these (copied from its sqlite_master), so both
# index exactly the same columns with the same tokenizer even while the schema evolves. Left out on
# purpose: ops, audit_log, note_revisions and meta, which only Liaison keeps.
BASELINE_TABLES = ("agencies", "cases", "contacts", "notes", "search_docs", "search_index")
# Extra FTS columns beyond (title, body) and how the core fills them (see search.index_record).
FTS_EXTRA_COLUMNS: dict[str, Callable[[str, str], str]] = {"folded": store_search.folded_terms}


def vault_schema(vault: store_vault.Vault) -> list[str]:
    marks = ", ".join("?" for _ in BASELINE_TABLES)
    rows = vault.conn.execute(
        f"SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN ({marks}) "
        "ORDER BY type = 'index', rowid",
        BASELINE_TABLES,
    )
    return [row[0] for row in rows]


def _plain_value(value: Any) -> Any:
    """What a plain application would store: enums by value, dates ISO, lists as JSON."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        items = [dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value]
        return json.dumps(items, ensure_ascii=False)
    return value


class PlainStore:
    """The baseline: stdlib sqlite3, the vault's tables and FTS5 index, no op log, audit or encryption."""

    def __init__(self, path: Path, schema: Sequence[str]) -> None:
        self.path = path
        self.conn = sqlite3.connect(str(path), isolation_level=None)
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "foreign_keys = ON",
            "temp_store = MEMORY",
        ):
            self.conn.execute(f"PRAGMA {pragma}")
        for statement in schema:
            self.conn.execute(statement)
        self._sql: dict[type[Record], str] = {}
        for cls in (Case, Contact, Note):
            names = [f.name for f in dataclasses.fields(cls)]
            self._sql[cls] = (
                f"INSERT INTO {spec_for(cls).table} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' for _ in names)})"
            )
        fts_columns = [row[1] for row in self.conn.execute("PRAGMA table_info(search_index)")]
        unknown = set(fts_columns) - {"title", "body", *FTS_EXTRA_COLUMNS}
        if fts_columns[:2] != ["title", "body"] or unknown:
            raise SystemExit(f"bench/vault.py needs updating: search_index columns are now {fts_columns}")
        self._extra = [FTS_EXTRA_COLUMNS[name] for name in fts_columns[2:]]
        self._fts_sql = (
            f"INSERT INTO search_index(rowid, {', '.join(fts_columns)}) "
            f"VALUES (?, {', '.join('?' for _ in fts_columns)})"
        )

    def insert_batch(self, batch: Sequence[Record]) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for record in batch:
                now = store_vault.utc_now()
                stored = dataclasses.replace(record, created_at=now, updated_at=now)
                values = [_plain_value(getattr(stored, f.name)) for f in dataclasses.fields(stored)]
                conn.execute(self._sql[type(record)], values)
                spec = spec_for(type(record))
                assert spec.search is not None
                title, body = spec.search(stored)
                rowid = conn.execute(
                    "INSERT INTO search_docs(kind, record_id) VALUES (?, ?)", (spec.kind, stored.id)
                ).lastrowid
                extra = [make(title, body) for make in self._extra]
                conn.execute(self._fts_sql, (rowid, title, body, *extra))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def search(self, query: str) -> list[tuple[Any, ...]]:
        expression = store_search.match_expression(query)
        if expression is None:
            return []
        return self.conn.execute(SEARCH_SQL, (expression, SEARCH_LIMIT)).fetchall()

    def close(self) -> None:
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()


def liaison_insert_batch(vault: store_vault.Vault, batch: Sequence[Record]) -> None:
    with vault.transaction():
        for record in batch:
            if isinstance(record, Note):
                store_notes.add(vault, record)
            else:
                records.insert(vault, record)


# --------------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------------


def pct(samples: Sequence[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@dataclass
class InsertPhase:
    name: str
    count: int = 0
    liaison_s: float = 0.0
    plain_s: float = 0.0

    @property
    def liaison_rate(self) -> float:
        return self.count / self.liaison_s if self.liaison_s else 0.0

    @property
    def plain_rate(self) -> float:
        return self.count / self.plain_s if self.plain_s else 0.0


@dataclass
class Results:
    phases: list[InsertPhase] = field(default_factory=list)
    search: list[tuple[str, int, list[float], list[float]]] = field(default_factory=list)
    audited_search_ms: list[float] = field(default_factory=list)
    unlock_small: list[float] = field(default_factory=list)
    kdf_only: list[float] = field(default_factory=list)
    kdf_params: str = ""
    unlock_big_fast: list[float] = field(default_factory=list)
    unlock_big_production: list[float] = field(default_factory=list)
    open_steps: dict[str, float] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> InsertPhase:
        total = InsertPhase("total")
        for phase in self.phases:
            total.count += phase.count
            total.liaison_s += phase.liaison_s
            total.plain_s += phase.plain_s
        return total


def run_inserts(
    name: str,
    items: Iterator[Record] | Sequence[Record],
    vault: store_vault.Vault,
    plain: PlainStore,
    profiler: cProfile.Profile | None,
) -> InsertPhase:
    phase = InsertPhase(name)
    for batch in batched(items, BATCH):
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        liaison_insert_batch(vault, batch)
        phase.liaison_s += time.perf_counter() - started
        if profiler:
            profiler.disable()
        started = time.perf_counter()
        plain.insert_batch(batch)
        phase.plain_s += time.perf_counter() - started
        phase.count += len(batch)
        if phase.count % (20 * BATCH) == 0:
            print(f"  {name}: {phase.count:,} ({phase.liaison_rate:,.0f} vs {phase.plain_rate:,.0f} rec/s)")
    return phase


QUERIES = (
    "bank records",
    "witness",
    "Müller",
    "muller",
    "preservation",
    "extradition",
    "Europol",
    "téléphone",
    "telephone",
    "extrad",
    "pres",
    "money laundering",
    "Eurojust",
    "commission rogatoire",
    "Zeuge",
    "orden europea",
    "São Paulo",
    "Interpol red notice",
    "Иванов",
    "تسليم",
    "Gonçalves",
    "dvorak",
)


def _timed_ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def run_searches(vault: store_vault.Vault, plain: PlainStore, results: Results) -> None:
    for query in QUERIES:
        expression = store_search.match_expression(query)
        matches = vault.conn.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (expression,)
        ).fetchone()[0]
        liaison_ms: list[float] = []
        plain_ms: list[float] = []
        for run in range(SEARCH_RUNS + 2):  # two warm-up runs, alternating stores
            a = _timed_ms(lambda q=query: store_search.search(vault, q))
            b = _timed_ms(lambda q=query: plain.search(q))
            if run >= 2:
                liaison_ms.append(a)
                plain_ms.append(b)
        results.search.append((query, matches, liaison_ms, plain_ms))
    # What the user really waits for: the service also appends an audit entry (a durable commit).
    for query in QUERIES[:10]:
        results.audited_search_ms.append(_timed_ms(lambda q=query: service_search.search(vault, q)))


def _median_time(call: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def _unlock_and_close(path: Path) -> None:
    store_vault.unlock(path, PASSPHRASE).close()


def run_unlock_small(workdir: Path, results: Results) -> None:
    path = workdir / "production.db"
    vault, _code = store_vault.create_vault(path, PASSPHRASE, KdfProfile.PRODUCTION)
    vault.close()
    params = store_vault.kdf_info(path)
    results.kdf_params = (
        f"Argon2id t={params.time_cost}, m={params.memory_kib // 1024} MiB, p={params.parallelism}"
    )
    header = keyslots.read_header(store_vault.header_path(path))
    results.kdf_only = _median_time(lambda: keyslots.unwrap_with_passphrase(header, PASSPHRASE), UNLOCK_RUNS)
    results.unlock_small = _median_time(lambda: _unlock_and_close(path), UNLOCK_RUNS)
    results.sizes["small production vault"] = path.stat().st_size


def open_steps(path: Path) -> dict[str, float]:
    """Time the statements ``connection.open_database`` and ``Vault()`` run, one by one."""
    header = keyslots.read_header(store_vault.header_path(path))
    key = keyslots.unwrap_with_passphrase(header, PASSPHRASE)  # fast KDF here
    conn = sqlcipher.connect(str(path), isolation_level=None)
    steps: dict[str, float] = {}
    try:
        conn.execute(f"PRAGMA key = {connection.key_pragma_literal(key)}")
        conn.execute("PRAGMA cipher_compatibility = 4")
        for label, sql in (
            ("first page (SELECT count(*) FROM sqlite_master)", "SELECT count(*) FROM sqlite_master"),
            ("PRAGMA page_count (truncation check at open)", "PRAGMA page_count"),
            ("rollback anchor position (at open)", "SELECT coalesce(max(seq), 0) FROM ops"),
            ("PRAGMA cipher_integrity_check (background, not at open)", "PRAGMA cipher_integrity_check"),
            ("PRAGMA quick_check (only after a crash)", "PRAGMA quick_check"),
            ("newest op stamp (Vault.__init__)", "SELECT hlc FROM ops ORDER BY seq DESC LIMIT 1"),
        ):
            started = time.perf_counter()
            conn.execute(sql).fetchall()
            steps[label] = time.perf_counter() - started
    finally:
        conn.close()
    return steps


def run_unlock_big(path: Path, results: Results) -> None:
    results.unlock_big_fast = _median_time(lambda: _unlock_and_close(path), BIG_UNLOCK_RUNS)
    results.open_steps = open_steps(path)
    store_vault.change_passphrase(path, PASSPHRASE, PASSPHRASE, KdfProfile.PRODUCTION)
    results.unlock_big_production = _median_time(lambda: _unlock_and_close(path), BIG_UNLOCK_RUNS)


# --------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------


def machine_info() -> list[tuple[str, str]]:
    model = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as handle:
        model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    conn = sqlcipher.connect(":memory:")
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    provider = conn.execute("PRAGMA cipher_provider").fetchone()
    conn.close()
    return [
        ("cpu count", f"{os.cpu_count()}" + (f" ({model})" if model else "")),
        ("platform", platform.platform()),
        ("python", platform.python_version()),
        (
            "sqlcipher",
            f"{cipher} (SQLite {sqlcipher.sqlite_version})" + (f", {provider[0]}" if provider else ""),
        ),
        ("plain sqlite3", f"SQLite {sqlite3.sqlite_version}"),
    ]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _mib(size: int) -> str:
    return f"{size / 2**20:,.1f} MiB"


def print_inserts(results: Results) -> float:
    print("\nInserts (records/s, 1,000 records per transaction)")
    print(f"  {'phase':<10} {'records':>9} {'Liaison':>10} {'plain':>10} {'ratio':>7}")
    for phase in [*results.phases, results.total]:
        ratio = phase.plain_rate / phase.liaison_rate if phase.liaison_rate else math.inf
        print(
            f"  {phase.name:<10} {phase.count:>9,} {phase.liaison_rate:>10,.0f} {phase.plain_rate:>10,.0f} "
            f"{ratio:>7.2f}"
        )
    total = results.total
    return total.plain_rate / total.liaison_rate


def _latency_row(label: str, matches: str, liaison_ms: list[float], plain_ms: list[float]) -> str:
    l50, p50 = statistics.median(liaison_ms), statistics.median(plain_ms)
    return (
        f"  {label:<22} {matches:>8} {l50:>7.2f} {pct(liaison_ms, 0.95):>7.2f} "
        f"{p50:>7.2f} {pct(plain_ms, 0.95):>7.2f} {l50 / p50:>6.2f}"
    )


def print_search(results: Results) -> tuple[float, float]:
    print(f"\nSearch latency (ms, {SEARCH_RUNS} runs each, LIMIT {SEARCH_LIMIT}, snippet, bm25)")
    print(f"  {'query':<22} {'matches':>8} {'L p50':>7} {'L p95':>7} {'P p50':>7} {'P p95':>7} {'ratio':>6}")
    all_liaison: list[float] = []
    all_plain: list[float] = []
    for query, matches, liaison_ms, plain_ms in results.search:
        all_liaison += liaison_ms
        all_plain += plain_ms
        print(_latency_row(query, f"{matches:,}", liaison_ms, plain_ms))
    print(_latency_row("ALL", "", all_liaison, all_plain))
    p50 = statistics.median(all_liaison)
    ratio = p50 / statistics.median(all_plain)
    audited = results.audited_search_ms
    print(
        f"  services.search (store search + audit entry commit): p50 {statistics.median(audited):.2f} ms, "
        f"max {max(audited):.2f} ms"
    )
    return p50, ratio


def print_unlock(results: Results) -> None:
    print("\nUnlock (s, median; warm OS page cache)")
    print(f"  production KDF parameters (kdf_info): {results.kdf_params}")
    print(f"  KDF + key unwrap only:                 {statistics.median(results.kdf_only):.3f}")
    print(f"  unlock, small vault, production KDF:   {statistics.median(results.unlock_small):.3f}")
    print(f"  unlock, big vault, fast test KDF:      {statistics.median(results.unlock_big_fast):.3f}")
    print(f"  unlock, big vault, production KDF:     {statistics.median(results.unlock_big_production):.3f}")
    print("  open-time steps on the big vault:")
    for label, seconds in results.open_steps.items():
        print(f"    {label:<50} {seconds:.3f}")
    print("\nFile sizes")
    for label, size in results.sizes.items():
        print(f"  {label:<28} {_mib(size):>12}")


def print_summary(results: Results, args: argparse.Namespace) -> None:
    print("\n" + "=" * 78)
    print(f"Liaison vault benchmark — {args.notes:,} notes, {args.contacts:,} contacts, {args.cases} cases")
    if args.cache_mib:
        print(f"  WHAT-IF: PRAGMA cache_size = {args.cache_mib} MiB on both stores (not what Liaison ships)")
    for label, value in machine_info():
        print(f"  {label:<14} {value}")
    insert_ratio = print_inserts(results)
    search_p50, search_ratio = print_search(results)
    print_unlock(results)
    low, high = TARGET_UNLOCK_S
    small = statistics.median(results.unlock_small)
    big = statistics.median(results.unlock_big_production)
    rows = (
        (
            "search p50 (Liaison, all queries)",
            f"{search_p50:.2f} ms",
            f"<= {TARGET_SEARCH_P50_MS:g} ms",
            search_p50 <= TARGET_SEARCH_P50_MS,
        ),
        (
            "search ratio Liaison/plain (p50)",
            f"{search_ratio:.2f}",
            f"<= {TARGET_SEARCH_RATIO}",
            search_ratio <= TARGET_SEARCH_RATIO,
        ),
        (
            "insert ratio plain/Liaison (rec/s)",
            f"{insert_ratio:.2f}",
            f"<= {TARGET_INSERT_RATIO}",
            insert_ratio <= TARGET_INSERT_RATIO,
        ),
        ("unlock, small vault, production KDF", f"{small:.2f} s", f"{low}-{high} s", low <= small <= high),
        ("unlock, big vault, production KDF", f"{big:.2f} s", f"{low}-{high} s", low <= big <= high),
    )
    print("\nTargets")
    print(f"  {'measure':<38} {'measured':>10} {'target':>10}  result")
    for label, measured, target, ok in rows:
        print(f"  {label:<38} {measured:>10} {target:>10}  {_verdict(ok)}")


def print_profile(profiler: cProfile.Profile) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
    stats.print_stats(25)
    print("\ncProfile of Liaison's insert loop (throughput figures above include profiler overhead):")
    print(out.getvalue())


def main(argv: Sequence[str] | None = None) -> int:
    kdf.allow_insecure_test_profile()  # the big vault is written with the fast KDF, then re-wrapped
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, default=5_000)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="5,000 notes, 500 contacts: a smoke run")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--profile-inserts", action="store_true", help="cProfile Liaison's insert loop")
    parser.add_argument(
        "--cache-mib",
        type=int,
        default=0,
        help="what-if: set PRAGMA cache_size to this many MiB on both stores (default: SQLite's 2 MiB, "
        "which is what Liaison ships)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory and print it")
    args = parser.parse_args(argv)
    if args.quick:
        args.notes, args.contacts = 5_000, 500
    profiler = cProfile.Profile() if args.profile_inserts else None
    workdir = Path(tempfile.mkdtemp(prefix="liaison-bench-"))
    results = Results()
    try:
        vault_path = workdir / "vault.db"
        vault, _code = store_vault.create_vault(vault_path, PASSPHRASE, KdfProfile.INSECURE_FAST_FOR_TESTS)
        plain = PlainStore(workdir / "plain.db", vault_schema(vault))
        if args.cache_mib:
            for conn in (vault.conn, plain.conn):
                conn.execute(f"PRAGMA cache_size = {-1024 * args.cache_mib}")
        print(f"Inserting into {workdir} ...")
        cases = generate_cases(args.cases, args.seed)
        results.phases.append(run_inserts("cases", cases, vault, plain, profiler))
        contacts = generate_contacts(args.contacts, args.seed + 1)
        results.phases.append(run_inserts("contacts", contacts, vault, plain, profiler))
        notes = generate_notes(args.notes, [c.id for c in cases], args.seed + 2)
        results.phases.append(run_inserts("notes", notes, vault, plain, profiler))
        print("Searching ...")
        run_searches(vault, plain, results)
        vault.close()
        plain.close()
        results.sizes["Liaison vault (encrypted)"] = vault_path.stat().st_size
        results.sizes["plain SQLite"] = plain.path.stat().st_size
        print("Unlocking ...")
        run_unlock_big(vault_path, results)
        run_unlock_small(workdir, results)
        print_summary(results, args)
        if profiler:
            print_profile(profiler)
    finally:
        if args.keep:
            print(f"\nkept {workdir}")
        else:
            for leftover in sorted(workdir.iterdir()):
                leftover.unlink()
            workdir.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
