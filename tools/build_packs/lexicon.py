"""Hand-written trilingual (English / French / Spanish) lexicon for the test-pack corpus.

Domain: police cooperation and mutual legal assistance. Every slot filler carries the
grammatical information the templates in ``corpus.py`` need (gender, number, elision),
so that French and Spanish agreement and contractions are produced correctly:

* French: ``à + le -> au``, ``à + les -> aux``, ``de + le -> du``, ``de + les -> des``,
  past-participle agreement with the subject in the passive (``arrêté / arrêtée``).
* Spanish: ``a + el -> al``, ``de + el -> del``, personal ``a`` before a human direct
  object (``detuvo al sospechoso``), participle agreement (``detenido / detenida``).

All strings use the plain ASCII apostrophe (``'``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    """A person noun phrase with its definite article (``the suspect``)."""

    key: str
    en: str
    fr: str
    fr_fem: bool
    es: str
    es_fem: bool
    can_be_suspect: bool = True  # may be arrested, extradited, released ...


@dataclass(frozen=True)
class Verb:
    """A passive participle: ``was arrested`` / ``a été arrêté`` / ``fue detenido``."""

    key: str
    en: str  # participle, e.g. "arrested"
    fr_m: str  # masculine singular participle; feminine adds "e"
    es_m: str  # masculine singular participle (may be a multi-word phrase)
    es_f: str
    es_aux: str = "fue"  # "resultó herido" for injuries
    suspect_only: bool = False
    en_active: str = ""  # "arrested" (The police arrested ...); "" = no active form
    fr_active: str = ""  # "a arrêté"
    es_active: str = ""  # "detuvo"


@dataclass(frozen=True)
class Place:
    """A city: ``in Lyon`` / ``à Lyon`` / ``en Lyon``."""

    key: str
    en: str
    fr: str
    es: str


@dataclass(frozen=True)
class Country:
    """A country with its prepositional forms.

    ``fr_in`` is used for both "in" and "to" (``en France``, ``au Portugal``, ``aux Pays-Bas``).
    ``es`` carries the article when Spanish needs one (``el Reino Unido``).
    """

    key: str
    en: str  # "France" or "the Netherlands"
    fr_in: str
    es: str


@dataclass(frozen=True)
class Doc:
    """A document noun phrase with article and agreement data."""

    key: str
    en: str
    en_plural: bool
    fr: str
    fr_fem: bool
    fr_plural: bool
    es: str
    es_fem: bool
    es_plural: bool


@dataclass(frozen=True)
class Authority:
    """An authority / institution noun phrase."""

    key: str
    en: str
    fr: str
    es: str
    plural: bool = False
    can_hear: bool = False  # may hear a witness ("heard by the judge")


@dataclass(frozen=True)
class Day:
    key: str
    en: str
    fr: str
    es: str


@dataclass(frozen=True)
class Month:
    en: str
    fr: str
    es: str


@dataclass
class Lexicon:
    persons: list[Person] = field(default_factory=list)
    verbs: list[Verb] = field(default_factory=list)
    cities: list[Place] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    authorities: list[Authority] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)
    months: list[Month] = field(default_factory=list)


PERSONS: list[Person] = [
    Person("suspect", "the suspect", "le suspect", False, "el sospechoso", False),
    Person("victim", "the victim", "la victime", True, "la víctima", True, can_be_suspect=False),
    Person("witness", "the witness", "le témoin", False, "el testigo", False),
    Person("driver", "the driver", "le conducteur", False, "el conductor", False),
    Person("defendant", "the defendant", "l'accusé", False, "el acusado", False),
    Person("woman", "the woman", "la femme", True, "la mujer", True),
    Person("man", "the man", "l'homme", False, "el hombre", False),
    Person(
        "owner",
        "the owner of the vehicle",
        "le propriétaire du véhicule",
        False,
        "el propietario del vehículo",
        False,
    ),
    Person("accountant", "the accountant", "le comptable", False, "el contable", False),
    Person(
        "sister",
        "the victim's sister",
        "la sœur de la victime",
        True,
        "la hermana de la víctima",
        True,
        can_be_suspect=False,
    ),
    Person("mother", "the mother", "la mère", True, "la madre", True, can_be_suspect=False),
    Person("nephew", "the nephew", "le neveu", False, "el sobrino", False),
]

VERBS: list[Verb] = [
    Verb(
        "arrested",
        "arrested",
        "arrêté",
        "detenido",
        "detenida",
        suspect_only=True,
        en_active="arrested",
        fr_active="a arrêté",
        es_active="detuvo",
    ),
    Verb(
        "questioned",
        "questioned",
        "interrogé",
        "interrogado",
        "interrogada",
        en_active="questioned",
        fr_active="a interrogé",
        es_active="interrogó",
    ),
    Verb(
        "released",
        "released",
        "libéré",
        "puesto en libertad",
        "puesta en libertad",
        suspect_only=True,
        en_active="released",
        fr_active="a libéré",
        es_active="puso en libertad",
    ),
    Verb(
        "identified",
        "identified",
        "identifié",
        "identificado",
        "identificada",
        en_active="identified",
        fr_active="a identifié",
        es_active="identificó",
    ),
    Verb(
        "located",
        "located",
        "localisé",
        "localizado",
        "localizada",
        en_active="located",
        fr_active="a localisé",
        es_active="localizó",
    ),
    Verb("extradited", "extradited", "extradé", "extraditado", "extraditada", suspect_only=True),
    Verb("injured", "injured", "blessé", "herido", "herida", es_aux="resultó"),
    Verb("summoned", "summoned", "convoqué", "citado", "citada"),
]

CITIES: list[Place] = [
    Place("paris", "Paris", "Paris", "París"),
    Place("lyon", "Lyon", "Lyon", "Lyon"),
    Place("marseille", "Marseille", "Marseille", "Marsella"),
    Place("nice", "Nice", "Nice", "Niza"),
    Place("lille", "Lille", "Lille", "Lille"),
    Place("bordeaux", "Bordeaux", "Bordeaux", "Burdeos"),
    Place("toulouse", "Toulouse", "Toulouse", "Toulouse"),
    Place("madrid", "Madrid", "Madrid", "Madrid"),
    Place("barcelona", "Barcelona", "Barcelone", "Barcelona"),
    Place("seville", "Seville", "Séville", "Sevilla"),
    Place("malaga", "Malaga", "Malaga", "Málaga"),
    Place("brussels", "Brussels", "Bruxelles", "Bruselas"),
    Place("geneva", "Geneva", "Genève", "Ginebra"),
    Place("lisbon", "Lisbon", "Lisbonne", "Lisboa"),
    Place("london", "London", "Londres", "Londres"),
    Place("rome", "Rome", "Rome", "Roma"),
]

COUNTRIES: list[Country] = [
    Country("france", "France", "en France", "Francia"),
    Country("spain", "Spain", "en Espagne", "España"),
    Country("italy", "Italy", "en Italie", "Italia"),
    Country("germany", "Germany", "en Allemagne", "Alemania"),
    Country("belgium", "Belgium", "en Belgique", "Bélgica"),
    Country("portugal", "Portugal", "au Portugal", "Portugal"),
    Country("morocco", "Morocco", "au Maroc", "Marruecos"),
    Country("switzerland", "Switzerland", "en Suisse", "Suiza"),
    Country("netherlands", "the Netherlands", "aux Pays-Bas", "los Países Bajos"),
    Country("poland", "Poland", "en Pologne", "Polonia"),
    Country("romania", "Romania", "en Roumanie", "Rumanía"),
    Country("canada", "Canada", "au Canada", "Canadá"),
    Country("ireland", "Ireland", "en Irlande", "Irlanda"),
    Country("uk", "the United Kingdom", "au Royaume-Uni", "el Reino Unido"),
]

DOCS: list[Doc] = [
    Doc(
        "warrant",
        "the arrest warrant",
        False,
        "le mandat d'arrêt",
        False,
        False,
        "la orden de detención",
        True,
        False,
    ),
    Doc(
        "policereport",
        "the police report",
        False,
        "le procès-verbal",
        False,
        False,
        "el atestado policial",
        False,
        False,
    ),
    Doc(
        "summons", "the summons", False, "la citation à comparaître", True, False, "la citación", True, False
    ),
    Doc("request", "the request", False, "la demande", True, False, "la solicitud", True, False),
    Doc("judgment", "the judgment", False, "le jugement", False, False, "la sentencia", True, False),
    Doc(
        "bankrecords",
        "the bank records",
        True,
        "les relevés bancaires",
        False,
        True,
        "los extractos bancarios",
        False,
        True,
    ),
    Doc(
        "phonerecords",
        "the telephone records",
        True,
        "les relevés téléphoniques",
        False,
        True,
        "los registros telefónicos",
        False,
        True,
    ),
    Doc(
        "statement",
        "the witness statement",
        False,
        "la déclaration du témoin",
        True,
        False,
        "la declaración del testigo",
        True,
        False,
    ),
    Doc(
        "criminalrecord",
        "the criminal record",
        False,
        "le casier judiciaire",
        False,
        False,
        "los antecedentes penales",
        False,
        True,
    ),
    Doc("report", "the report", False, "le rapport", False, False, "el informe", False, False),
    Doc("photos", "the photographs", True, "les photographies", True, True, "las fotografías", True, True),
    Doc(
        "letterofrequest",
        "the letter of request",
        False,
        "la commission rogatoire",
        True,
        False,
        "la comisión rogatoria",
        True,
        False,
    ),
    Doc(
        "eio",
        "the European Investigation Order",
        False,
        "la décision d'enquête européenne",
        True,
        False,
        "la orden europea de investigación",
        True,
        False,
    ),
    Doc("passport", "the passport", False, "le passeport", False, False, "el pasaporte", False, False),
    Doc("file", "the file", False, "le dossier", False, False, "el expediente", False, False),
    Doc("evidence", "the evidence", False, "les preuves", True, True, "las pruebas", True, True),
    Doc("translation", "the translation", False, "la traduction", True, False, "la traducción", True, False),
]

AUTHORITIES: list[Authority] = [
    Authority("prosecutor", "the prosecutor", "le procureur", "el fiscal", can_hear=True),
    Authority(
        "judge", "the investigating judge", "le juge d'instruction", "el juez de instrucción", can_hear=True
    ),
    Authority("central", "the central authority", "l'autorité centrale", "la autoridad central"),
    Authority("court", "the court", "le tribunal", "el tribunal", can_hear=True),
    Authority("embassy", "the embassy", "l'ambassade", "la embajada"),
    Authority(
        "liaison", "the liaison officer", "l'officier de liaison", "el oficial de enlace", can_hear=True
    ),
    Authority(
        "ministry", "the Ministry of Justice", "le ministère de la Justice", "el Ministerio de Justicia"
    ),
    Authority("bank", "the bank", "la banque", "el banco"),
    Authority("operator", "the telephone operator", "l'opérateur téléphonique", "el operador telefónico"),
    Authority(
        "investigators",
        "the investigators",
        "les enquêteurs",
        "los investigadores",
        plural=True,
        can_hear=True,
    ),
    Authority("defence", "the defence lawyer", "l'avocat de la défense", "el abogado defensor"),
    Authority("europol", "Europol", "Europol", "Europol"),
]

DAYS: list[Day] = [
    Day("mon", "Monday", "lundi", "lunes"),
    Day("tue", "Tuesday", "mardi", "martes"),
    Day("wed", "Wednesday", "mercredi", "miércoles"),
    Day("thu", "Thursday", "jeudi", "jueves"),
    Day("fri", "Friday", "vendredi", "viernes"),
    Day("sat", "Saturday", "samedi", "sábado"),
    Day("sun", "Sunday", "dimanche", "domingo"),
]

MONTHS: list[Month] = [
    Month("January", "janvier", "enero"),
    Month("February", "février", "febrero"),
    Month("March", "mars", "marzo"),
    Month("April", "avril", "abril"),
    Month("May", "mai", "mayo"),
    Month("June", "juin", "junio"),
    Month("July", "juillet", "julio"),
    Month("August", "août", "agosto"),
    Month("September", "septembre", "septiembre"),
    Month("October", "octobre", "octubre"),
    Month("November", "novembre", "noviembre"),
    Month("December", "décembre", "diciembre"),
]


def lexicon() -> Lexicon:
    """Return the complete lexicon."""
    return Lexicon(PERSONS, VERBS, CITIES, COUNTRIES, DOCS, AUTHORITIES, DAYS, MONTHS)


# ---------------------------------------------------------------------------
# Grammar helpers
# ---------------------------------------------------------------------------


def cap(text: str) -> str:
    """Upper-case the first character only (``l'accusé`` -> ``L'accusé``)."""
    return text[:1].upper() + text[1:] if text else text


def fr_a(np: str) -> str:
    """French ``à`` + noun phrase with contraction."""
    if np.startswith("le "):
        return "au " + np[3:]
    if np.startswith("les "):
        return "aux " + np[4:]
    return "à " + np


def fr_de(np: str) -> str:
    """French ``de`` + noun phrase with contraction / elision."""
    if np.startswith("le "):
        return "du " + np[3:]
    if np.startswith("les "):
        return "des " + np[4:]
    if np.startswith(("la ", "l'")):
        return "de " + np
    if np[:1].lower() in "aeiouéèêh":
        return "d'" + np
    return "de " + np


def fr_pp(masc: str, fem: bool, plural: bool) -> str:
    """French past participle agreement: envoyé/envoyée/envoyés/envoyées, transmis/transmise."""
    word = masc + ("e" if fem else "")
    if plural and (fem or not word.endswith("s")):  # transmis stays transmis, transmise -> transmises
        word += "s"
    return word


def es_a(np: str) -> str:
    """Spanish ``a`` + noun phrase (``a + el -> al``)."""
    if np.startswith("el "):
        return "al " + np[3:]
    return "a " + np


def es_de(np: str) -> str:
    """Spanish ``de`` + noun phrase (``de + el -> del``)."""
    if np.startswith("el "):
        return "del " + np[3:]
    return "de " + np


def es_pp(masc: str, fem: bool, plural: bool) -> str:
    """Spanish participle agreement for a single ``-o`` participle (enviado -> enviadas)."""
    assert masc.endswith("o"), masc
    word = masc[:-1] + ("a" if fem else "o")
    return word + ("s" if plural else "")


def en_date(day: int, month: Month, year: int) -> str:
    return f"{day} {month.en} {year}"


def fr_date(day: int, month: Month, year: int) -> str:
    return f"{day} {month.fr} {year}"


def es_date(day: int, month: Month, year: int) -> str:
    return f"{day} de {month.es} de {year}"
