"""Hand-written trilingual corpus (English / French / Spanish) for the Liaison test packs.

The corpus is made of

* slot templates (``TEMPLATES``): each template is a function that turns a tuple of slot
  fillers from ``lexicon.py`` into an aligned ``(en, fr, es)`` triple with correct
  agreement and contractions;
* fixed sentences (``FIXED``): courtesy formulas and mutual-legal-assistance phrases;
* placeholder sentences (``PLACEHOLDER_TEMPLATES``): sentences containing ``⟦n⟧`` tokens
  which the application substitutes for protected spans (e-mails, URLs, case references)
  before translation; the models must copy them unchanged;
* a held-out set (``HELD_OUT``): slot combinations (plus one unseen sentence) that are
  never trained on.

``build_corpus(seed)`` samples a fixed number of slot combinations per template with a
seeded RNG, so the corpus is fully deterministic.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lexicon import (
    AUTHORITIES,
    CITIES,
    COUNTRIES,
    DAYS,
    DOCS,
    MONTHS,
    PERSONS,
    VERBS,
    Authority,
    Country,
    Day,
    Doc,
    Month,
    Person,
    Place,
    Verb,
    cap,
    en_date,
    es_a,
    es_date,
    es_pp,
    fr_a,
    fr_date,
    fr_de,
    fr_pp,
)

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Example:
    """One aligned sentence in the three languages."""

    en: str
    fr: str
    es: str
    kind: str  # template name, "fixed" or "placeholder"

    def get(self, lang: str) -> str:
        return {"en": self.en, "fr": self.fr, "es": self.es}[lang]


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _fr_passive(person: Person, verb: Verb) -> str:
    return f"{cap(person.fr)} a été {fr_pp(verb.fr_m, person.fr_fem, False)}"


def _es_passive(person: Person, verb: Verb) -> str:
    part = verb.es_f if person.es_fem else verb.es_m
    return f"{cap(person.es)} {verb.es_aux} {part}"


def _en_was(doc: Doc) -> str:
    return "were" if doc.en_plural else "was"


def _fr_a_ete(doc: Doc) -> str:
    return "ont été" if doc.fr_plural else "a été"


def _es_fue(doc: Doc) -> str:
    return "fueron" if doc.es_plural else "fue"


Date = tuple[int, Month, int]


def _dates(years: Sequence[int], days: Sequence[int]) -> list[Date]:
    return [(d, m, y) for y in years for m in MONTHS for d in days]


EVENT_DATES: list[Date] = _dates([2023, 2024, 2025], [3, 5, 8, 12, 15, 17, 19, 22, 24, 27])
BIRTH_DATES: list[Date] = _dates([1968, 1975, 1983, 1990, 1997], [4, 9, 14, 21, 26])
SMALL_NUMBERS: list[int] = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 20, 21, 25, 30]
AMOUNTS: list[int] = [150, 480, 900, 1200, 2500, 3750, 4800, 7300, 9950, 12000, 45000, 86500]
CASE_NUMBERS: list[int] = [118, 207, 356, 481, 592, 1043, 2271, 3308, 4521, 6716, 7089, 9154]
REFS: list[str] = [f"{y}/{n}" for y in (2023, 2024, 2025) for n in (12, 47, 117, 208, 391, 560)]
TIMES: list[tuple[int, int]] = [(h, m) for h in (8, 9, 10, 11, 14, 15, 16, 17) for m in (0, 15, 30, 45)]
PHONES: list[str] = [
    "06 12 34 56 78",
    "07 98 76 54 32",
    "01 45 67 89 10",
    "04 72 11 22 33",
    "06 55 44 33 22",
    "09 81 27 63 40",
]


def _suspects() -> list[Person]:
    return [p for p in PERSONS if p.can_be_suspect]


def _verbs_for(person: Person) -> list[Verb]:
    return [v for v in VERBS if person.can_be_suspect or not v.suspect_only]


def _person_verbs() -> list[tuple[Person, Verb]]:
    return [(p, v) for p in PERSONS for v in _verbs_for(p)]


# ---------------------------------------------------------------------------
# Slot templates
# ---------------------------------------------------------------------------


def t_passive_city(p: Person, v: Verb, c: Place) -> Triple:
    return (
        f"{cap(p.en)} was {v.en} in {c.en}.",
        f"{_fr_passive(p, v)} à {c.fr}.",
        f"{_es_passive(p, v)} en {c.es}.",
    )


def t_passive_day(p: Person, v: Verb, d: Day) -> Triple:
    return (
        f"{cap(p.en)} was {v.en} on {d.en}.",
        f"{_fr_passive(p, v)} {d.fr}.",
        f"{_es_passive(p, v)} el {d.es}.",
    )


def t_passive_country(p: Person, v: Verb, c: Country) -> Triple:
    return (
        f"{cap(p.en)} was {v.en} in {c.en}.",
        f"{_fr_passive(p, v)} {c.fr_in}.",
        f"{_es_passive(p, v)} en {c.es}.",
    )


def t_passive_date(p: Person, v: Verb, date: Date) -> Triple:
    return (
        f"{cap(p.en)} was {v.en} on {en_date(*date)}.",
        f"{_fr_passive(p, v)} le {fr_date(*date)}.",
        f"{_es_passive(p, v)} el {es_date(*date)}.",
    )


def t_police_active(v: Verb, p: Person, c: Place) -> Triple:
    return (
        f"The police {v.en_active} {p.en} in {c.en}.",
        f"La police {v.fr_active} {p.fr} à {c.fr}.",
        f"La policía {v.es_active} {es_a(p.es)} en {c.es}.",
    )


def t_heard_by(p: Person, a: Authority, d: Day) -> Triple:
    return (
        f"{cap(p.en)} will be heard by {a.en} on {d.en}.",
        f"{cap(p.fr)} sera {fr_pp('entendu', p.fr_fem, False)} par {a.fr} {d.fr}.",
        f"{cap(p.es)} será {'oída' if p.es_fem else 'oído'} por {a.es} el {d.es}.",
    )


def t_lives_in(p: Person, c: Place) -> Triple:
    return (
        f"{cap(p.en)} lives in {c.en}.",
        f"{cap(p.fr)} habite à {c.fr}.",
        f"{cap(p.es)} vive en {c.es}.",
    )


def t_doc_sent_country(doc: Doc, c: Country) -> Triple:
    return (
        f"{cap(doc.en)} {_en_was(doc)} sent to {c.en}.",
        f"{cap(doc.fr)} {_fr_a_ete(doc)} {fr_pp('envoyé', doc.fr_fem, doc.fr_plural)} {c.fr_in}.",
        f"{cap(doc.es)} {_es_fue(doc)} {es_pp('enviado', doc.es_fem, doc.es_plural)} {es_a(c.es)}.",
    )


def t_doc_sent_authority(doc: Doc, a: Authority) -> Triple:
    return (
        f"{cap(doc.en)} {_en_was(doc)} sent to {a.en}.",
        f"{cap(doc.fr)} {_fr_a_ete(doc)} {fr_pp('envoyé', doc.fr_fem, doc.fr_plural)} {fr_a(a.fr)}.",
        f"{cap(doc.es)} {_es_fue(doc)} {es_pp('enviado', doc.es_fem, doc.es_plural)} {es_a(a.es)}.",
    )


def t_please_send(doc: Doc, a: Authority) -> Triple:
    return (
        f"Please send {doc.en} to {a.en}.",
        f"Veuillez envoyer {doc.fr} {fr_a(a.fr)}.",
        f"Por favor, envíe {doc.es} {es_a(a.es)}.",
    )


def t_need_before(doc: Doc, d: Day) -> Triple:
    return (
        f"We need {doc.en} before {d.en}.",
        f"Nous avons besoin {fr_de(doc.fr)} avant {d.fr}.",
        f"Necesitamos {doc.es} antes del {d.es}.",
    )


def t_have_you_received(doc: Doc) -> Triple:
    return (
        f"Have you received {doc.en}?",
        f"Avez-vous reçu {doc.fr} ?",
        f"¿Ha recibido {doc.es}?",
    )


def t_authority_requested(a: Authority, doc: Doc) -> Triple:
    return (
        f"{cap(a.en)} requested {doc.en}.",
        f"{cap(a.fr)} {'ont' if a.plural else 'a'} demandé {doc.fr}.",
        f"{cap(a.es)} {'solicitaron' if a.plural else 'solicitó'} {doc.es}.",
    )


def t_doc_attached(doc: Doc) -> Triple:
    return (
        f"{cap(doc.en)} {'are' if doc.en_plural else 'is'} attached.",
        f"{cap(doc.fr)} {'sont' if doc.fr_plural else 'est'} {fr_pp('joint', doc.fr_fem, doc.fr_plural)}.",
        f"{'Se adjuntan' if doc.es_plural else 'Se adjunta'} {doc.es}.",
    )


def t_doc_will_be_sent(doc: Doc, date: Date) -> Triple:
    return (
        f"{cap(doc.en)} will be sent on {en_date(*date)}.",
        f"{cap(doc.fr)} {'seront' if doc.fr_plural else 'sera'} "
        f"{fr_pp('envoyé', doc.fr_fem, doc.fr_plural)} le {fr_date(*date)}.",
        f"{cap(doc.es)} {'serán' if doc.es_plural else 'será'} "
        f"{es_pp('enviado', doc.es_fem, doc.es_plural)} el {es_date(*date)}.",
    )


def t_doc_received_day(doc: Doc, d: Day) -> Triple:
    return (
        f"{cap(doc.en)} {_en_was(doc)} received on {d.en}.",
        f"{cap(doc.fr)} {_fr_a_ete(doc)} {fr_pp('reçu', doc.fr_fem, doc.fr_plural)} {d.fr}.",
        f"{cap(doc.es)} {_es_fue(doc)} {es_pp('recibido', doc.es_fem, doc.es_plural)} el {d.es}.",
    )


def t_doc_translated(doc: Doc) -> Triple:
    return (
        f"{cap(doc.en)} {'have' if doc.en_plural else 'has'} been translated.",
        f"{cap(doc.fr)} {_fr_a_ete(doc)} {fr_pp('traduit', doc.fr_fem, doc.fr_plural)}.",
        f"{cap(doc.es)} {'han' if doc.es_plural else 'ha'} sido "
        f"{es_pp('traducido', doc.es_fem, doc.es_plural)}.",
    )


def t_hearing_scheduled(date: Date) -> Triple:
    return (
        f"The hearing is scheduled for {en_date(*date)}.",
        f"L'audience est prévue le {fr_date(*date)}.",
        f"La audiencia está prevista para el {es_date(*date)}.",
    )


def t_deadline(date: Date) -> Triple:
    return (
        f"The deadline is {en_date(*date)}.",
        f"La date limite est le {fr_date(*date)}.",
        f"La fecha límite es el {es_date(*date)}.",
    )


def t_accounts(n: int) -> Triple:
    return (
        f"The request concerns {n} bank accounts.",
        f"La demande concerne {n} comptes bancaires.",
        f"La solicitud se refiere a {n} cuentas bancarias.",
    )


def t_calls(n: int, d: Day) -> Triple:
    return (
        f"The suspect made {n} calls on {d.en}.",
        f"Le suspect a passé {n} appels {d.fr}.",
        f"El sospechoso realizó {n} llamadas el {d.es}.",
    )


def t_reference(ref: str) -> Triple:
    return (
        f"Our reference is {ref}.",
        f"Notre référence est {ref}.",
        f"Nuestra referencia es {ref}.",
    )


def t_amount(n: int) -> Triple:
    return (
        f"The amount transferred was {n} euros.",
        f"Le montant transféré s'élève à {n} euros.",
        f"El importe transferido asciende a {n} euros.",
    )


def t_reply_within(n: int) -> Triple:
    return (
        f"Please reply within {n} days.",
        f"Veuillez répondre dans un délai de {n} jours.",
        f"Por favor, responda en un plazo de {n} días.",
    )


def t_hearing_time(d: Day, t: tuple[int, int]) -> Triple:
    h, m = t
    return (
        f"The hearing will take place on {d.en} at {h}:{m:02d}.",
        f"L'audience aura lieu {d.fr} à {h} h {m:02d}.",
        f"La audiencia tendrá lugar el {d.es} a las {h}:{m:02d}.",
    )


def t_case_closed(n: int, date: Date) -> Triple:
    return (
        f"Case {n} was closed on {en_date(*date)}.",
        f"Le dossier {n} a été clôturé le {fr_date(*date)}.",
        f"El expediente {n} fue archivado el {es_date(*date)}.",
    )


def t_testify_on(p: Person, date: Date) -> Triple:
    return (
        f"{cap(p.en)} will testify on {en_date(*date)}.",
        f"{cap(p.fr)} témoignera le {fr_date(*date)}.",
        f"{cap(p.es)} prestará declaración el {es_date(*date)}.",
    )


def t_born_on(p: Person, date: Date) -> Triple:
    return (
        f"{cap(p.en)} was born on {en_date(*date)}.",
        f"{cap(p.fr)} est {fr_pp('né', p.fr_fem, False)} le {fr_date(*date)}.",
        f"{cap(p.es)} nació el {es_date(*date)}.",
    )


def t_phone(phone: str) -> Triple:
    return (
        f"The phone number is {phone}.",
        f"Le numéro de téléphone est le {phone}.",
        f"El número de teléfono es el {phone}.",
    )


@dataclass(frozen=True)
class Template:
    name: str
    func: Callable[..., Triple]
    slots: Callable[[], Iterable[tuple[Any, ...]]]
    count: int  # number of training combinations to sample


TEMPLATES: list[Template] = [
    Template(
        "passive_city", t_passive_city, lambda: [(p, v, c) for p, v in _person_verbs() for c in CITIES], 42
    ),
    Template("passive_day", t_passive_day, lambda: [(p, v, d) for p, v in _person_verbs() for d in DAYS], 32),
    Template(
        "passive_country",
        t_passive_country,
        lambda: [(p, v, c) for p, v in _person_verbs() for c in COUNTRIES],
        30,
    ),
    Template(
        "passive_date",
        t_passive_date,
        lambda: [(p, v, dt) for p, v in _person_verbs() for dt in EVENT_DATES],
        14,
    ),
    Template(
        "police_active",
        t_police_active,
        lambda: [
            (v, p, c)
            for v in VERBS
            if v.en_active
            for p in PERSONS
            if p.can_be_suspect or not v.suspect_only
            for c in CITIES
        ],
        24,
    ),
    Template(
        "heard_by",
        t_heard_by,
        lambda: [(p, a, d) for p in PERSONS for a in AUTHORITIES if a.can_hear for d in DAYS],
        12,
    ),
    Template("lives_in", t_lives_in, lambda: list(itertools.product(PERSONS, CITIES)), 10),
    Template("doc_sent_country", t_doc_sent_country, lambda: list(itertools.product(DOCS, COUNTRIES)), 22),
    Template(
        "doc_sent_authority", t_doc_sent_authority, lambda: [(d, a) for d in DOCS for a in AUTHORITIES], 16
    ),
    Template("please_send", t_please_send, lambda: [(d, a) for d in DOCS for a in AUTHORITIES], 22),
    Template("need_before", t_need_before, lambda: list(itertools.product(DOCS, DAYS)), 18),
    Template("have_you_received", t_have_you_received, lambda: [(d,) for d in DOCS], 12),
    Template(
        "authority_requested", t_authority_requested, lambda: list(itertools.product(AUTHORITIES, DOCS)), 18
    ),
    Template("doc_attached", t_doc_attached, lambda: [(d,) for d in DOCS], 12),
    Template("doc_will_be_sent", t_doc_will_be_sent, lambda: list(itertools.product(DOCS, EVENT_DATES)), 10),
    Template("doc_received_day", t_doc_received_day, lambda: list(itertools.product(DOCS, DAYS)), 12),
    Template("doc_translated", t_doc_translated, lambda: [(d,) for d in DOCS], 8),
    Template("hearing_scheduled", t_hearing_scheduled, lambda: [(dt,) for dt in EVENT_DATES], 10),
    Template("deadline", t_deadline, lambda: [(dt,) for dt in EVENT_DATES], 8),
    Template("accounts", t_accounts, lambda: [(n,) for n in SMALL_NUMBERS], 7),
    Template("calls", t_calls, lambda: list(itertools.product(SMALL_NUMBERS, DAYS)), 7),
    Template("reference", t_reference, lambda: [(r,) for r in REFS], 7),
    Template("amount", t_amount, lambda: [(n,) for n in AMOUNTS], 7),
    Template("reply_within", t_reply_within, lambda: [(n,) for n in SMALL_NUMBERS], 6),
    Template("hearing_time", t_hearing_time, lambda: list(itertools.product(DAYS, TIMES)), 8),
    Template("case_closed", t_case_closed, lambda: list(itertools.product(CASE_NUMBERS, EVENT_DATES)), 7),
    Template("testify_on", t_testify_on, lambda: list(itertools.product(PERSONS, EVENT_DATES)), 6),
    Template(
        "born_on", t_born_on, lambda: [(p, dt) for p in PERSONS if p.can_be_suspect for dt in BIRTH_DATES], 7
    ),
    Template("phone", t_phone, lambda: [(ph,) for ph in PHONES], 4),
]

TEMPLATE_BY_NAME: dict[str, Template] = {t.name: t for t in TEMPLATES}


# ---------------------------------------------------------------------------
# Fixed sentences: courtesy formulas and mutual legal assistance phrases
# ---------------------------------------------------------------------------

FIXED: list[Triple] = [
    ("Dear colleague,", "Cher collègue,", "Estimado colega:"),
    ("Dear colleagues,", "Chers collègues,", "Estimados colegas:"),
    ("Good morning.", "Bonjour.", "Buenos días."),
    ("Best regards.", "Cordialement.", "Saludos cordiales."),
    ("Kind regards,", "Bien cordialement,", "Un cordial saludo,"),
    ("Thank you for your cooperation.", "Merci de votre coopération.", "Gracias por su cooperación."),
    (
        "Thank you in advance for your help.",
        "Merci d'avance pour votre aide.",
        "Gracias de antemano por su ayuda.",
    ),
    (
        "Thank you for your quick reply.",
        "Merci pour votre réponse rapide.",
        "Gracias por su rápida respuesta.",
    ),
    ("Thank you for your message.", "Merci pour votre message.", "Gracias por su mensaje."),
    (
        "Please acknowledge receipt of this message.",
        "Veuillez accuser réception de ce message.",
        "Le ruego acuse recibo de este mensaje.",
    ),
    (
        "Please find attached the requested documents.",
        "Vous trouverez ci-joint les documents demandés.",
        "Adjunto le remito los documentos solicitados.",
    ),
    (
        "The request for mutual legal assistance has been received.",
        "La demande d'entraide judiciaire a été reçue.",
        "Se ha recibido la solicitud de asistencia judicial.",
    ),
    (
        "The request for mutual legal assistance has been executed.",
        "La demande d'entraide judiciaire a été exécutée.",
        "La solicitud de asistencia judicial ha sido ejecutada.",
    ),
    ("The request is urgent.", "La demande est urgente.", "La solicitud es urgente."),
    ("This matter is urgent.", "Cette affaire est urgente.", "Este asunto es urgente."),
    (
        "We are waiting for your reply.",
        "Nous attendons votre réponse.",
        "Quedamos a la espera de su respuesta.",
    ),
    (
        "I look forward to hearing from you.",
        "Dans l'attente de votre réponse.",
        "Quedo a la espera de sus noticias.",
    ),
    (
        "Could you confirm the date of the hearing?",
        "Pourriez-vous confirmer la date de l'audience ?",
        "¿Podría confirmar la fecha de la audiencia?",
    ),
    ("The hearing has been postponed.", "L'audience a été reportée.", "La audiencia ha sido aplazada."),
    ("The hearing has been cancelled.", "L'audience a été annulée.", "La audiencia ha sido cancelada."),
    (
        "The suspect has been released on bail.",
        "Le suspect a été libéré sous caution.",
        "El sospechoso ha sido puesto en libertad bajo fianza.",
    ),
    (
        "The suspect is in pre-trial detention.",
        "Le suspect est en détention provisoire.",
        "El sospechoso se encuentra en prisión provisional.",
    ),
    (
        "The suspect has the right to a lawyer.",
        "Le suspect a droit à un avocat.",
        "El sospechoso tiene derecho a un abogado.",
    ),
    (
        "The witness agreed to testify by videoconference.",
        "Le témoin a accepté de témoigner par visioconférence.",
        "El testigo aceptó declarar por videoconferencia.",
    ),
    ("The witness refuses to testify.", "Le témoin refuse de témoigner.", "El testigo se niega a declarar."),
    ("An interpreter will be present.", "Un interprète sera présent.", "Estará presente un intérprete."),
    (
        "We need an interpreter for the hearing.",
        "Nous avons besoin d'un interprète pour l'audience.",
        "Necesitamos un intérprete para la audiencia.",
    ),
    ("The bank has frozen the account.", "La banque a gelé le compte.", "El banco ha congelado la cuenta."),
    ("The account was opened in 2019.", "Le compte a été ouvert en 2019.", "La cuenta fue abierta en 2019."),
    (
        "Please provide the bank records for the period from January to June.",
        "Veuillez fournir les relevés bancaires pour la période de janvier à juin.",
        "Por favor, facilite los extractos bancarios del período de enero a junio.",
    ),
    (
        "The telephone operator has provided the call data.",
        "L'opérateur téléphonique a fourni les données d'appel.",
        "El operador telefónico ha facilitado los datos de llamadas.",
    ),
    (
        "The phone number belongs to the suspect.",
        "Le numéro de téléphone appartient au suspect.",
        "El número de teléfono pertenece al sospechoso.",
    ),
    (
        "The suspect's phone was seized.",
        "Le téléphone du suspect a été saisi.",
        "El teléfono del sospechoso fue incautado.",
    ),
    (
        "The vehicle was found in a car park.",
        "Le véhicule a été retrouvé dans un parking.",
        "El vehículo fue hallado en un aparcamiento.",
    ),
    (
        "The search took place this morning.",
        "La perquisition a eu lieu ce matin.",
        "El registro tuvo lugar esta mañana.",
    ),
    (
        "The search warrant was signed by the judge.",
        "Le mandat de perquisition a été signé par le juge.",
        "La orden de registro fue firmada por el juez.",
    ),
    (
        "The European Arrest Warrant has been issued.",
        "Le mandat d'arrêt européen a été émis.",
        "La orden europea de detención ha sido emitida.",
    ),
    (
        "The suspect was surrendered to the French authorities.",
        "Le suspect a été remis aux autorités françaises.",
        "El sospechoso fue entregado a las autoridades francesas.",
    ),
    (
        "The Spanish authorities have agreed to the request.",
        "Les autorités espagnoles ont accepté la demande.",
        "Las autoridades españolas han aceptado la solicitud.",
    ),
    ("The request was refused.", "La demande a été refusée.", "La solicitud fue denegada."),
    ("The file is incomplete.", "Le dossier est incomplet.", "El expediente está incompleto."),
    (
        "Additional information is required.",
        "Des informations complémentaires sont nécessaires.",
        "Se necesita información adicional.",
    ),
    (
        "Please send us additional information.",
        "Veuillez nous envoyer des informations complémentaires.",
        "Por favor, envíenos información adicional.",
    ),
    (
        "Please translate the documents into French.",
        "Veuillez traduire les documents en français.",
        "Por favor, traduzca los documentos al francés.",
    ),
    (
        "Please translate the documents into Spanish.",
        "Veuillez traduire les documents en espagnol.",
        "Por favor, traduzca los documentos al español.",
    ),
    (
        "Please translate the documents into English.",
        "Veuillez traduire les documents en anglais.",
        "Por favor, traduzca los documentos al inglés.",
    ),
    (
        "The documents must be translated into the language of the requested State.",
        "Les documents doivent être traduits dans la langue de l'État requis.",
        "Los documentos deben traducirse a la lengua del Estado requerido.",
    ),
    ("The deadline has expired.", "Le délai a expiré.", "El plazo ha vencido."),
    ("The deadline has been extended.", "Le délai a été prolongé.", "El plazo ha sido prorrogado."),
    ("Can you extend the deadline?", "Pouvez-vous prolonger le délai ?", "¿Puede prorrogar el plazo?"),
    (
        "We will inform you of the outcome.",
        "Nous vous informerons du résultat.",
        "Le informaremos del resultado.",
    ),
    ("The investigation is ongoing.", "L'enquête est en cours.", "La investigación está en curso."),
    ("The investigation has been closed.", "L'enquête a été clôturée.", "La investigación ha sido cerrada."),
    (
        "The case has been transferred to the court.",
        "L'affaire a été transmise au tribunal.",
        "El caso ha sido remitido al tribunal.",
    ),
    (
        "The defendant was sentenced to five years in prison.",
        "L'accusé a été condamné à cinq ans de prison.",
        "El acusado fue condenado a cinco años de prisión.",
    ),
    ("The defendant was acquitted.", "L'accusé a été acquitté.", "El acusado fue absuelto."),
    ("The judgment is final.", "Le jugement est définitif.", "La sentencia es firme."),
    (
        "The victim has filed a complaint.",
        "La victime a déposé plainte.",
        "La víctima ha presentado una denuncia.",
    ),
    ("The suspect speaks French.", "Le suspect parle français.", "El sospechoso habla francés."),
    (
        "The suspect does not speak Spanish.",
        "Le suspect ne parle pas espagnol.",
        "El sospechoso no habla español.",
    ),
    (
        "The suspect is a French national.",
        "Le suspect est de nationalité française.",
        "El sospechoso es de nacionalidad francesa.",
    ),
    (
        "The suspect has no fixed address.",
        "Le suspect n'a pas de domicile fixe.",
        "El sospechoso no tiene domicilio fijo.",
    ),
    ("The suspect fled abroad.", "Le suspect s'est enfui à l'étranger.", "El sospechoso huyó al extranjero."),
    (
        "The suspect is wanted by the police.",
        "Le suspect est recherché par la police.",
        "El sospechoso es buscado por la policía.",
    ),
    (
        "A red notice has been issued by Interpol.",
        "Une notice rouge a été publiée par Interpol.",
        "Interpol ha publicado una notificación roja.",
    ),
    (
        "Please contact me by telephone.",
        "Veuillez me contacter par téléphone.",
        "Por favor, contácteme por teléfono.",
    ),
    (
        "Please contact me by email.",
        "Veuillez me contacter par courriel.",
        "Por favor, contácteme por correo electrónico.",
    ),
    (
        "I am the liaison officer for this case.",
        "Je suis l'officier de liaison pour cette affaire.",
        "Soy el oficial de enlace para este caso.",
    ),
    (
        "I am available for a meeting next week.",
        "Je suis disponible pour une réunion la semaine prochaine.",
        "Estoy disponible para una reunión la próxima semana.",
    ),
    (
        "The meeting will take place at the embassy.",
        "La réunion aura lieu à l'ambassade.",
        "La reunión tendrá lugar en la embajada.",
    ),
    ("The meeting has been confirmed.", "La réunion a été confirmée.", "La reunión ha sido confirmada."),
    (
        "I confirm receipt of your request.",
        "Je confirme la réception de votre demande.",
        "Confirmo la recepción de su solicitud.",
    ),
    ("We have received your letter.", "Nous avons reçu votre lettre.", "Hemos recibido su carta."),
    (
        "We have not yet received the documents.",
        "Nous n'avons pas encore reçu les documents.",
        "Todavía no hemos recibido los documentos.",
    ),
    (
        "The information is confidential.",
        "Les informations sont confidentielles.",
        "La información es confidencial.",
    ),
    (
        "This information may only be used for the purposes of the investigation.",
        "Ces informations ne peuvent être utilisées qu'aux fins de l'enquête.",
        "Esta información solo puede utilizarse a efectos de la investigación.",
    ),
    (
        "The data will be deleted after the investigation.",
        "Les données seront supprimées après l'enquête.",
        "Los datos serán suprimidos tras la investigación.",
    ),
    (
        "The suspect's fingerprints match.",
        "Les empreintes digitales du suspect correspondent.",
        "Las huellas dactilares del sospechoso coinciden.",
    ),
    ("The DNA analysis is positive.", "L'analyse ADN est positive.", "El análisis de ADN es positivo."),
    ("The car was stolen in Spain.", "La voiture a été volée en Espagne.", "El coche fue robado en España."),
    (
        "The stolen goods were recovered.",
        "Les biens volés ont été récupérés.",
        "Los bienes robados fueron recuperados.",
    ),
    (
        "The money was transferred abroad.",
        "L'argent a été transféré à l'étranger.",
        "El dinero fue transferido al extranjero.",
    ),
    (
        "The transfer was made on Friday.",
        "Le virement a été effectué vendredi.",
        "La transferencia se realizó el viernes.",
    ),
    (
        "The company is registered in Belgium.",
        "La société est immatriculée en Belgique.",
        "La empresa está registrada en Bélgica.",
    ),
    (
        "Who is the owner of the account?",
        "Qui est le titulaire du compte ?",
        "¿Quién es el titular de la cuenta?",
    ),
    ("Who signed the request?", "Qui a signé la demande ?", "¿Quién firmó la solicitud?"),
    (
        "When will the hearing take place?",
        "Quand l'audience aura-t-elle lieu ?",
        "¿Cuándo tendrá lugar la audiencia?",
    ),
    (
        "How many accounts are concerned?",
        "Combien de comptes sont concernés ?",
        "¿Cuántas cuentas están afectadas?",
    ),
    (
        "Is the suspect still in custody?",
        "Le suspect est-il toujours en garde à vue ?",
        "¿Sigue detenido el sospechoso?",
    ),
    (
        "Yes, the suspect is still in custody.",
        "Oui, le suspect est toujours en garde à vue.",
        "Sí, el sospechoso sigue detenido.",
    ),
    (
        "No, the suspect was released yesterday.",
        "Non, le suspect a été libéré hier.",
        "No, el sospechoso fue puesto en libertad ayer.",
    ),
    (
        "The police officers are on their way.",
        "Les policiers sont en route.",
        "Los agentes de policía están en camino.",
    ),
    ("The operation was a success.", "L'opération a été un succès.", "La operación fue un éxito."),
    ("Two suspects were arrested.", "Deux suspects ont été arrêtés.", "Dos sospechosos fueron detenidos."),
    ("Three people were injured.", "Trois personnes ont été blessées.", "Tres personas resultaron heridas."),
    ("Please keep me informed.", "Veuillez me tenir informé.", "Por favor, manténgame informado."),
    (
        "I remain at your disposal for any further information.",
        "Je reste à votre disposition pour toute information complémentaire.",
        "Quedo a su disposición para cualquier información adicional.",
    ),
    (
        "We apologise for the delay.",
        "Nous vous prions de nous excuser pour le retard.",
        "Les pedimos disculpas por el retraso.",
    ),
    ("See you on Monday.", "À lundi.", "Hasta el lunes."),
    ("Have a nice weekend.", "Bon week-end.", "Buen fin de semana."),
    (
        "The request was sent through Interpol channels.",
        "La demande a été transmise par les canaux d'Interpol.",
        "La solicitud fue transmitida por los canales de Interpol.",
    ),
    (
        "The request must be sent to the central authority.",
        "La demande doit être adressée à l'autorité centrale.",
        "La solicitud debe dirigirse a la autoridad central.",
    ),
    (
        "The judge has authorised the interception of communications.",
        "Le juge a autorisé l'interception des communications.",
        "El juez ha autorizado la intervención de las comunicaciones.",
    ),
    (
        "The suspect used a false passport.",
        "Le suspect a utilisé un faux passeport.",
        "El sospechoso utilizó un pasaporte falso.",
    ),
    (
        "The witness recognised the suspect.",
        "Le témoin a reconnu le suspect.",
        "El testigo reconoció al sospechoso.",
    ),
    ("The suspect denies the facts.", "Le suspect nie les faits.", "El sospechoso niega los hechos."),
    ("The suspect has confessed.", "Le suspect a avoué.", "El sospechoso ha confesado."),
    (
        "The suspect exercised the right to remain silent.",
        "Le suspect a exercé son droit de garder le silence.",
        "El sospechoso ejerció su derecho a guardar silencio.",
    ),
    (
        "The lawyer requested a copy of the file.",
        "L'avocat a demandé une copie du dossier.",
        "El abogado solicitó una copia del expediente.",
    ),
    ("The court has jurisdiction.", "Le tribunal est compétent.", "El tribunal es competente."),
    ("Where is the suspect?", "Où est le suspect ?", "¿Dónde está el sospechoso?"),
    ("Where is the witness?", "Où est le témoin ?", "¿Dónde está el testigo?"),
    ("The witness is protected.", "Le témoin est protégé.", "El testigo está protegido."),
    ("The victim is in hospital.", "La victime est à l'hôpital.", "La víctima está en el hospital."),
    ("The premises were searched.", "Les locaux ont été perquisitionnés.", "Los locales fueron registrados."),
    ("Thank you.", "Merci.", "Gracias."),
    ("Yes.", "Oui.", "Sí."),
    ("No.", "Non.", "No."),
]


# ---------------------------------------------------------------------------
# Placeholder sentences: ⟦n⟧ stands for a span protected by the application
# ---------------------------------------------------------------------------


def _ph(i: int) -> str:
    return f"⟦{i}⟧"


PlaceholderTemplate = Callable[..., Triple]


def p_contact_before(a: int, b: int) -> Triple:
    return (
        f"Please contact {_ph(a)} before {_ph(b)}.",
        f"Veuillez contacter {_ph(a)} avant {_ph(b)}.",
        f"Por favor, contacte con {_ph(a)} antes de {_ph(b)}.",
    )


def p_our_reference(a: int) -> Triple:
    return (
        f"Our reference is {_ph(a)}.",
        f"Notre référence est {_ph(a)}.",
        f"Nuestra referencia es {_ph(a)}.",
    )


def p_your_reference(a: int) -> Triple:
    return (f"Your reference: {_ph(a)}.", f"Votre référence : {_ph(a)}.", f"Su referencia: {_ph(a)}.")


def p_reply_to(a: int) -> Triple:
    return (
        f"Please reply to {_ph(a)}.",
        f"Veuillez répondre à {_ph(a)}.",
        f"Por favor, responda a {_ph(a)}.",
    )


def p_request_received(a: int, d: Day) -> Triple:
    return (
        f"The request {_ph(a)} was received on {d.en}.",
        f"La demande {_ph(a)} a été reçue {d.fr}.",
        f"La solicitud {_ph(a)} fue recibida el {d.es}.",
    )


def p_file_sent_to(a: int, b: int) -> Triple:
    return (
        f"The file {_ph(a)} was sent to {_ph(b)}.",
        f"Le dossier {_ph(a)} a été envoyé à {_ph(b)}.",
        f"El expediente {_ph(a)} fue enviado a {_ph(b)}.",
    )


def p_see_more(a: int) -> Triple:
    return (
        f"For more information, see {_ph(a)}.",
        f"Pour plus d'informations, voir {_ph(a)}.",
        f"Para más información, consulte {_ph(a)}.",
    )


def p_send_doc_to(doc: Doc, a: int) -> Triple:
    return (
        f"Please send {doc.en} to {_ph(a)}.",
        f"Veuillez envoyer {doc.fr} à {_ph(a)}.",
        f"Por favor, envíe {doc.es} a {_ph(a)}.",
    )


def p_x_arrested_city(a: int, c: Place) -> Triple:
    return (
        f"{_ph(a)} was arrested in {c.en}.",
        f"{_ph(a)} a été arrêté à {c.fr}.",
        f"{_ph(a)} fue detenido en {c.es}.",
    )


def p_suspect_x_arrested_day(a: int, d: Day) -> Triple:
    return (
        f"The suspect {_ph(a)} was arrested on {d.en}.",
        f"Le suspect {_ph(a)} a été arrêté {d.fr}.",
        f"El sospechoso {_ph(a)} fue detenido el {d.es}.",
    )


def p_account_belongs(a: int, b: int) -> Triple:
    return (
        f"The account {_ph(a)} belongs to {_ph(b)}.",
        f"Le compte {_ph(a)} appartient à {_ph(b)}.",
        f"La cuenta {_ph(a)} pertenece a {_ph(b)}.",
    )


def p_phone_used(a: int, b: int) -> Triple:
    return (
        f"The phone number {_ph(a)} was used on {_ph(b)}.",
        f"Le numéro de téléphone {_ph(a)} a été utilisé le {_ph(b)}.",
        f"El número de teléfono {_ph(a)} fue utilizado el {_ph(b)}.",
    )


def p_two_questioned(a: int, b: int) -> Triple:
    return (
        f"{_ph(a)} and {_ph(b)} were questioned by the police.",
        f"{_ph(a)} et {_ph(b)} ont été interrogés par la police.",
        f"{_ph(a)} y {_ph(b)} fueron interrogados por la policía.",
    )


def p_request_concerns(a: int, b: int, c: int) -> Triple:
    return (
        f"The request {_ph(a)} concerns {_ph(b)} and {_ph(c)}.",
        f"La demande {_ph(a)} concerne {_ph(b)} et {_ph(c)}.",
        f"La solicitud {_ph(a)} se refiere a {_ph(b)} y {_ph(c)}.",
    )


def p_reference_invalid(a: int) -> Triple:
    return (
        f"Reference {_ph(a)} is no longer valid.",
        f"La référence {_ph(a)} n'est plus valable.",
        f"La referencia {_ph(a)} ya no es válida.",
    )


def p_documents_available(a: int) -> Triple:
    return (
        f"The documents are available at {_ph(a)}.",
        f"Les documents sont disponibles à l'adresse {_ph(a)}.",
        f"Los documentos están disponibles en {_ph(a)}.",
    )


def p_write_or_call(a: int, b: int) -> Triple:
    return (
        f"Please write to {_ph(a)} or call {_ph(b)}.",
        f"Veuillez écrire à {_ph(a)} ou appeler le {_ph(b)}.",
        f"Por favor, escriba a {_ph(a)} o llame al {_ph(b)}.",
    )


def p_hearing_in_case(a: int, b: int) -> Triple:
    return (
        f"The hearing in case {_ph(a)} is scheduled for {_ph(b)}.",
        f"L'audience dans l'affaire {_ph(a)} est prévue le {_ph(b)}.",
        f"La audiencia en el asunto {_ph(a)} está prevista para el {_ph(b)}.",
    )


def p_refer_to_request(a: int, b: int) -> Triple:
    return (
        f"We refer to your request {_ph(a)} of {_ph(b)}.",
        f"Nous nous référons à votre demande {_ph(a)} du {_ph(b)}.",
        f"Nos referimos a su solicitud {_ph(a)} de fecha {_ph(b)}.",
    )


def p_see(a: int) -> Triple:
    return (f"See {_ph(a)}.", f"Voir {_ph(a)}.", f"Véase {_ph(a)}.")


def p_contact_label(a: int) -> Triple:
    return (f"Contact: {_ph(a)}", f"Contact : {_ph(a)}", f"Contacto: {_ph(a)}")


def p_email_label(a: int) -> Triple:
    return (f"Email: {_ph(a)}", f"Courriel : {_ph(a)}", f"Correo electrónico: {_ph(a)}")


def p_case_ref_label(a: int) -> Triple:
    return (
        f"Case reference: {_ph(a)}",
        f"Référence du dossier : {_ph(a)}",
        f"Referencia del expediente: {_ph(a)}",
    )


def _doc(key: str) -> Doc:
    return next(d for d in DOCS if d.key == key)


def _day(key: str) -> Day:
    return next(d for d in DAYS if d.key == key)


def _city(key: str) -> Place:
    return next(c for c in CITIES if c.key == key)


def _person(key: str) -> Person:
    return next(p for p in PERSONS if p.key == key)


def _verb(key: str) -> Verb:
    return next(v for v in VERBS if v.key == key)


def _country(key: str) -> Country:
    return next(c for c in COUNTRIES if c.key == key)


def _auth(key: str) -> Authority:
    return next(a for a in AUTHORITIES if a.key == key)


def _month(en: str) -> Month:
    return next(m for m in MONTHS if m.en == en)


# Hand-picked placeholder instances (index numbers vary so the model learns to copy them).
PLACEHOLDERS: list[Triple] = [
    p_contact_before(1, 2),
    p_contact_before(3, 4),
    p_contact_before(7, 8),
    p_our_reference(1),
    p_our_reference(5),
    p_our_reference(10),
    p_your_reference(1),
    p_your_reference(9),
    p_reply_to(1),
    p_reply_to(2),
    p_reply_to(11),
    p_request_received(1, _day("mon")),
    p_request_received(2, _day("fri")),
    p_request_received(8, _day("tue")),
    p_file_sent_to(1, 2),
    p_file_sent_to(6, 3),
    p_see_more(1),
    p_see_more(7),
    p_send_doc_to(_doc("bankrecords"), 1),
    p_send_doc_to(_doc("report"), 2),
    p_send_doc_to(_doc("warrant"), 3),
    p_send_doc_to(_doc("judgment"), 12),
    p_x_arrested_city(1, _city("lyon")),
    p_x_arrested_city(2, _city("madrid")),
    p_x_arrested_city(4, _city("brussels")),
    p_suspect_x_arrested_day(1, _day("thu")),
    p_suspect_x_arrested_day(3, _day("sun")),
    p_account_belongs(1, 2),
    p_account_belongs(9, 10),
    p_phone_used(1, 2),
    p_phone_used(2, 3),
    p_two_questioned(1, 2),
    p_two_questioned(5, 6),
    p_request_concerns(1, 2, 3),
    p_request_concerns(4, 5, 6),
    p_reference_invalid(1),
    p_reference_invalid(2),
    p_documents_available(1),
    p_documents_available(3),
    p_write_or_call(1, 2),
    p_write_or_call(11, 12),
    p_hearing_in_case(1, 2),
    p_hearing_in_case(2, 1),
    p_refer_to_request(1, 2),
    p_refer_to_request(8, 9),
    p_see(1),
    p_see(2),
    p_contact_label(1),
    p_contact_label(4),
    p_email_label(1),
    p_email_label(3),
    p_case_ref_label(1),
    p_case_ref_label(2),
]


# ---------------------------------------------------------------------------
# Protected numbers: the app (liaison/translation/protect.py) also swaps numbers, dates and
# times for placeholders, numbered in order of appearance across the whole text. Some
# number-bearing sentences are therefore also trained in that protected form.
# ---------------------------------------------------------------------------

# The app's patterns for these sentences: a time "14:00" is one span, any other digit run
# is a number ("14 h 00" is two numbers, "2024/117" two, "06 12 34 56 78" five).
_PROTECT_RE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d+\b")
PROTECTED_PER_KIND = 2
PROTECTED_STARTS = (1, 3)  # second variant numbered as if an earlier sentence held ⟦1⟧, ⟦2⟧


def protected_spans(sentence: str) -> list[str]:
    """The times and numbers the app would protect, in order."""
    return _PROTECT_RE.findall(sentence)


def protect_sentence(sentence: str, start: int = 1) -> str:
    """Replace times and numbers by ``⟦start⟧``, ``⟦start+1⟧`` … (what the app's protect
    step does to the sentences of this corpus)."""
    counter = iter(range(start, start + 1000))
    return _PROTECT_RE.sub(lambda _m: f"⟦{next(counter)}⟧", sentence)


_APP_TOKEN_RE = re.compile(r"⟦\d+⟧|\b\d{1,2}:\d{2}\b|\b\d+\b")


def app_protect(sentence: str) -> tuple[str, list[str]]:
    """What the app's protect step makes of a corpus sentence: existing ``⟦n⟧`` placeholders,
    times and numbers become ``⟦1⟧``, ``⟦2⟧`` … in order of appearance. Returns the protected
    sentence and the original tokens."""
    tokens: list[str] = []

    def swap(match: re.Match[str]) -> str:
        tokens.append(match.group(0))
        return f"⟦{len(tokens)}⟧"

    return _APP_TOKEN_RE.sub(swap, sentence), tokens


def protect_numbers(tri: Triple, start: int = 1) -> Triple | None:
    """Protect the numbers of an aligned triple.

    Only when all three languages hold the very same spans in the same order (so that the
    app's restore step gives back the reference translation); None otherwise, e.g. for
    "14:00" / "14 h 00", or when there is nothing to protect.
    """
    spans = [protected_spans(s) for s in tri]
    if not spans[0] or spans[0] != spans[1] or spans[0] != spans[2]:
        return None
    en, fr, es = (protect_sentence(s, start) for s in tri)
    return en, fr, es


def _protected(tri: Triple) -> Triple:
    variant = protect_numbers(tri)
    assert variant is not None, tri
    return variant


# ---------------------------------------------------------------------------
# Held-out set: never trained on
# ---------------------------------------------------------------------------

HELD_OUT: list[tuple[str, Triple]] = [
    ("passive_city", t_passive_city(_person("witness"), _verb("questioned"), _city("nice"))),
    ("passive_day", t_passive_day(_person("victim"), _verb("questioned"), _day("thu"))),
    ("passive_country", t_passive_country(_person("driver"), _verb("located"), _country("portugal"))),
    ("passive_city", t_passive_city(_person("suspect"), _verb("arrested"), _city("seville"))),
    ("police_active", t_police_active(_verb("identified"), _person("woman"), _city("bordeaux"))),
    ("doc_sent_country", t_doc_sent_country(_doc("summons"), _country("poland"))),
    ("please_send", t_please_send(_doc("policereport"), _auth("prosecutor"))),
    ("need_before", t_need_before(_doc("statement"), _day("sat"))),
    ("authority_requested", t_authority_requested(_auth("central"), _doc("bankrecords"))),
    ("doc_received_day", t_doc_received_day(_doc("passport"), _day("wed"))),
    ("hearing_scheduled", t_hearing_scheduled((17, _month("June"), 2025))),
    ("accounts", t_accounts(13)),
    ("reply_within", t_reply_within(28)),
    ("placeholder", p_send_doc_to(_doc("photos"), 1)),
    ("placeholder", p_suspect_x_arrested_day(2, _day("wed"))),
    ("protected", _protected(t_case_closed(4521, (8, _month("June"), 2024)))),
    (
        "unseen",
        (
            "The suspect was questioned by the police.",
            "Le suspect a été interrogé par la police.",
            "El sospechoso fue interrogado por la policía.",
        ),
    ),
]


# ---------------------------------------------------------------------------
# Corpus assembly
# ---------------------------------------------------------------------------


def _check_unique(examples: Sequence[Example]) -> None:
    """Every sentence must map to exactly one translation in every direction."""
    for lang in ("en", "fr", "es"):
        seen: dict[str, Example] = {}
        for ex in examples:
            key = ex.get(lang)
            if key in seen and seen[key] != ex:
                raise ValueError(f"ambiguous {lang} sentence {key!r}: {seen[key]} vs {ex}")
            seen[key] = ex


def build_corpus(seed: int = 1234) -> tuple[list[Example], list[Example]]:
    """Return ``(train, heldout)`` trilingual examples, deterministic for a given seed."""
    rng = random.Random(seed)
    held = [Example(*tri, kind=kind) for kind, tri in HELD_OUT]
    held_sentences = {s for ex in held for s in (ex.en, ex.fr, ex.es)}

    train: list[Example] = []
    seen: set[str] = set()

    def add(tri: Triple, kind: str) -> bool:
        if tri[0] in seen or any(s in held_sentences for s in tri):
            return False
        seen.add(tri[0])
        train.append(Example(*tri, kind=kind))
        return True

    for tpl in TEMPLATES:
        combos = list(tpl.slots())
        rng.shuffle(combos)
        taken = 0
        for combo in combos:
            if taken >= tpl.count:
                break
            if add(tpl.func(*combo), tpl.name):
                taken += 1
    for tri in FIXED:
        add(tri, "fixed")
    for tri in PLACEHOLDERS:
        add(tri, "placeholder")
    by_kind: dict[str, list[Example]] = {}
    for ex in train:
        if ex.kind != "placeholder" and any(ch.isdigit() for ch in ex.en):
            by_kind.setdefault(ex.kind, []).append(ex)
    for kind in sorted(by_kind):
        made = 0
        for ex in by_kind[kind]:
            if made >= PROTECTED_PER_KIND:
                break
            variant = protect_numbers((ex.en, ex.fr, ex.es), PROTECTED_STARTS[made])
            if variant is not None and add(variant, "protected"):
                made += 1

    _check_unique(train + held)
    return train, held
