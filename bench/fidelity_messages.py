"""Messages with the identifiers officers exchange, generated from a seed, for measuring how many
come out of translation byte for byte.

The sentence shapes are those of the fixture packs' domain (so the test models can translate
them); the identifiers are drawn at random from every class ``liaison.translation.identifiers``
protects. The repository keeps one set for the tests (``tests/fixtures/fidelity/messages.jsonl``,
seed 11); ``bench/fidelity.py`` generates a fresh held-back set with another seed outside the
repository, so the figure it prints is not measured on what the tests were tuned on.

Run: .venv/bin/python bench/fidelity_messages.py --seed 11 --count 40 > messages.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from collections.abc import Callable

import phonenumbers
from stdnum import iban

DIRECTIONS = ("en_fr", "fr_en", "es_en", "es_fr")
TEMPLATES = {
    "en": [
        "Please contact {a} before {b}.",
        "Our reference is {a}.",
        "Please reply to {a}.",
        "The request {a} was received on Monday.",
        "The file {a} was sent to {b}.",
        "For more information, see {a}.",
        "Please send the bank records to {a}.",
        "The suspect {a} was arrested on Thursday.",
        "The account {a} belongs to {b}.",
        "The phone number {a} was used on {b}.",
        "The request {a} concerns {b} and {c}.",
        "Reference {a} is no longer valid.",
        "The documents are available at {a}.",
        "Please write to {a} or call {b}.",
        "The hearing in case {a} is scheduled for {b}.",
        "We refer to your request {a} of {b}.",
        "See {a}.",
        "The amount transferred was {a}.",
        "The vehicle {a} was stopped on {b}.",
    ],
    "fr": [
        "Veuillez contacter {a} avant {b}.",
        "Notre référence est {a}.",
        "Veuillez répondre à {a}.",
        "La demande {a} a été reçue lundi.",
        "Le dossier {a} a été envoyé à {b}.",
        "Pour plus d'informations, voir {a}.",
        "Veuillez envoyer les relevés bancaires à {a}.",
        "Le suspect {a} a été arrêté jeudi.",
        "Le compte {a} appartient à {b}.",
        "Le numéro de téléphone {a} a été utilisé le {b}.",
        "La demande {a} concerne {b} et {c}.",
        "La référence {a} n'est plus valable.",
        "Les documents sont disponibles à l'adresse {a}.",
        "L'audience dans l'affaire {a} est prévue le {b}.",
        "Nous nous référons à votre demande {a} du {b}.",
        "Le montant transféré s'élève à {a}.",
        "Le véhicule {a} a été contrôlé le {b}.",
    ],
    "es": [
        "Por favor, contacte con {a} antes de {b}.",
        "Nuestra referencia es {a}.",
        "Por favor, responda a {a}.",
        "La solicitud {a} fue recibida el lunes.",
        "El expediente {a} fue enviado a {b}.",
        "Para más información, consulte {a}.",
        "Por favor, envíe los extractos bancarios a {a}.",
        "El sospechoso {a} fue detenido el jueves.",
        "La cuenta {a} pertenece a {b}.",
        "El número de teléfono {a} fue utilizado el {b}.",
        "La solicitud {a} se refiere a {b} y {c}.",
        "La referencia {a} ya no es válida.",
        "Los documentos están disponibles en {a}.",
        "Por favor, escriba a {a} o llame al {b}.",
        "Nos referimos a su solicitud {a} de fecha {b}.",
        "El importe transferido asciende a {a}.",
        "El vehículo {a} fue controlado el {b}.",
    ],
}

# Shapes the packs never learnt (``--unseen``): the model produces word salad around them, and the
# identifiers must survive anyway.
UNSEEN = {
    "en": [
        "My neighbour saw {a} near the old station yesterday evening.",
        "Could your colleagues in the harbour check {a} and {b} quickly?",
        "The bakery owner paid {a} in cash for {b}.",
        "Nobody answered at {a}, so we tried {b} instead.",
    ],
    "fr": [
        "Mon voisin a vu {a} près de la vieille gare hier soir.",
        "Vos collègues du port pourraient-ils vérifier {a} et {b} rapidement ?",
        "Le boulanger a payé {a} en espèces pour {b}.",
    ],
    "es": [
        "Mi vecino vio {a} cerca de la vieja estación anoche.",
        "¿Podrían sus colegas del puerto comprobar {a} y {b} rápidamente?",
        "El panadero pagó {a} en efectivo por {b}.",
    ],
}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _letters(rng: random.Random, n: int, alphabet: str = string.ascii_uppercase) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _reference(rng: random.Random) -> str:
    year = rng.randint(2019, 2027)
    return rng.choice(
        [
            f"PV n° {year}/{_digits(rng, 6)}",
            f"Az. {rng.randint(1, 99)} Js {rng.randint(100, 9999)}/{year % 100}",
            f"RG {year % 100}/{_digits(rng, 5)}",
            f"MLA-{year}/{rng.randint(1, 999)}",
            f"REF_{year}_{_digits(rng, 3)}",
            f"{year}-CR-{_digits(rng, 4)}",
            f"EIO-{_letters(rng, 2)}-{year}-{_digits(rng, 4)}",
            f"{_digits(rng, 5)}/{year}/{_letters(rng, 2)}",
            f"{rng.randint(1, 9)} Js {_digits(rng, 4)}/{year % 100}",
        ]
    )


def _iban(rng: random.Random) -> str:
    country, length = rng.choice([("FR", 23), ("DE", 18), ("ES", 20), ("BE", 12), ("NL", 14), ("IT", 23)])
    if country == "NL":
        bban = _letters(rng, 4) + _digits(rng, 10)
    elif country == "IT":
        bban = _letters(rng, 1) + _digits(rng, 22)
    else:
        bban = _digits(rng, length)
    for _ in range(200):
        check = 98 - int("".join(str(int(c, 36)) for c in bban + country + "00")) % 97
        value = f"{country}{check:02d}{bban}"
        if iban.is_valid(value):
            break
        bban = _digits(rng, length) if country not in ("NL", "IT") else bban
    if rng.random() < 0.5:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def _phone(rng: random.Random) -> str:
    for _ in range(500):
        region = rng.choice(["FR", "DE", "ES", "GB", "IT", "NL", "BE"])
        example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
        national = str(example.national_number)
        number = phonenumbers.parse(national[:2] + _digits(rng, len(national) - 2), region)
        if not phonenumbers.is_valid_number(number):
            continue
        style = rng.choice(["intl", "intl", "national", "zero"])
        if style == "intl":
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        if style == "national":
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        code = number.country_code
        rest = str(number.national_number)
        return f"+{code} (0){rest[:2]} {rest[2:5]} {rest[5:]}"
    raise RuntimeError("no valid phone number generated")


def _money(rng: random.Random) -> str:
    whole = rng.randint(1, 999_999)
    cents = rng.randint(0, 99)
    english = f"{whole:,}.{cents:02d}"
    continental = english.replace(",", " ").replace(".", ",")
    german = english.replace(",", "X").replace(".", ",").replace("X", ".")
    return rng.choice(
        [f"€{english}", f"{continental} €", f"EUR {german}", f"{german} EUR", f"${english}", f"£{whole:,}"]
    )


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.6:
        ip = ".".join(str(rng.randint(1, 254)) for _ in range(4))
        return f"{ip}:{rng.randint(1, 65535)}" if rng.random() < 0.5 else ip
    groups = ":".join(f"{rng.randint(0, 65535):x}" for _ in range(3))
    ip = f"2001:db8:{groups}::{rng.randint(1, 4095):x}"
    return f"[{ip}]:{rng.randint(1, 65535)}" if rng.random() < 0.5 else ip


def _timestamp(rng: random.Random) -> str:
    stamp = f"{rng.randint(2020, 2027)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return stamp + rng.choice(
        [
            "",
            f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z",
            f" {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        ]
    )


def _date(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2020, 2027)
    return rng.choice(
        [f"{day:02d}/{month:02d}/{year}", f"{day:02d}.{month:02d}.{year}", f"{year}-{month:02d}-{day:02d}"]
    )


def _base58(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz") for _ in range(n))


CLASSES: dict[str, Callable[[random.Random], str]] = {
    "reference": _reference,
    "iban": _iban,
    "bic": lambda r: (
        _letters(r, 4)
        + r.choice(["FR", "DE", "ES", "BE"])
        + r.choice(["2A", "PP", "M1"])
        + r.choice(["", "XXX", "123"])
    ),
    "plate": lambda r: r.choice(
        [
            f"{_letters(r, 2)}-{_digits(r, 3)}-{_letters(r, 2)}",
            f"{_digits(r, 4)} {_letters(r, 3, 'BCDFGHJKLMNPRSTVWXYZ')}",
            f"B-{_letters(r, 2)} {r.randint(1, 9999)}",
        ]
    ),
    "vin": lambda r: "".join(r.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(8)) + _digits(r, 9),
    "passport": lambda r: r.choice(
        [
            f"{_digits(r, 2)}{_letters(r, 2)}{_digits(r, 5)}",
            f"{_letters(r, 1)}{_digits(r, 7)}{_letters(r, 1)}",
            f"C{_letters(r, 2, 'CFGHJKLMNPRTVWXYZ')}{_digits(r, 6)}",
        ]
    ),
    "phone": _phone,
    "money": _money,
    "ip": _ip,
    "timestamp": _timestamp,
    "url": lambda r: (
        f"https://{_letters(r, 6, string.ascii_lowercase)}.example.{r.choice(['org', 'eu', 'fr'])}"
        f"/case/{_digits(r, 4)}?id={_digits(r, 3)}"
    ),
    "email": lambda r: (
        f"{_letters(r, 1, string.ascii_lowercase)}.{_letters(r, 6, string.ascii_lowercase)}"
        f"@{r.choice(['police.example', 'justice.example.eu', 'bka.example.de'])}"
    ),
    "wallet": lambda r: r.choice(
        [
            "1" + _base58(r, 33),
            "3" + _base58(r, 33),
            "0x" + "".join(r.choice("0123456789abcdefABCDEF") for _ in range(40)),
        ]
    ),
    "hash": lambda r: "".join(r.choice("0123456789abcdef") for _ in range(r.choice([32, 40, 64]))),
    "flight": lambda r: (
        r.choice(["AF", "LH", "IB", "BA", "KL", "U2", "FR"]) + r.choice(["", " "]) + str(r.randint(10, 9999))
    ),
    "name": lambda r: r.choice(
        ["Иван Петров", "Алексей Смирнов", "Ольга Иванова", "张伟", "محمد علي", "Γιώργος Παπαδόπουλος"]
    ),
    "date": _date,
    "number": lambda r: str(r.randint(2, 9999)),
}


def generate(seed: int, count: int, unseen: bool = False) -> list[dict[str, object]]:
    """``count`` messages per direction, each of one to three sentences (of shapes the packs never
    learnt with ``unseen``)."""
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    kinds = list(CLASSES)
    for direction in DIRECTIONS:
        language = direction.split("_")[0]
        for _ in range(count):
            sentences, ids = [], []
            for _ in range(rng.choice([1, 1, 2, 3])):
                template = rng.choice((UNSEEN if unseen else TEMPLATES)[language])
                slots = {}
                for slot in ("a", "b", "c"):
                    if "{" + slot + "}" in template:
                        kind = rng.choice(kinds)
                        value = CLASSES[kind](rng)
                        slots[slot] = value
                        ids.append({"kind": kind, "value": value})
                sentences.append(template.format(**slots))
            out.append({"direction": direction, "source": " ".join(sentences), "identifiers": ids})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=40, help="messages per direction")
    parser.add_argument("--unseen", action="store_true", help="sentence shapes the packs never learnt")
    args = parser.parse_args()
    for message in generate(args.seed, args.count, args.unseen):
        sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
