"""vCard 3.0 and 4.0 (RFC 2426, RFC 6350) through vobject: read cards with their line numbers
(vCard 2.1 too, rewritten as 3.0 by ``vcard21``), write a contact with its agency.

Cards are split on BEGIN/END lines here, then each is parsed on its own, so a broken card is
reported with its line and cannot hide the rest; photos, logos, sounds and keys are dropped before
parsing (Liaison keeps none, and they are most of a phone export's bytes).

Mapping: FN (a second FN with a LANGUAGE, or X-LIAISON-NATIVE-NAME, is the name in its native
script), N's prefix is the honorific, ORG is the agency then the unit, TITLE and ROLE the role,
EMAIL, TEL (TYPE=CELL is a mobile), ADR (postal channel; its country is the contact's country when
X-LIAISON-COUNTRY is absent), LANG (vCard 4.0, ordered by PREF) or X-LIAISON-LANG, TZ, NOTE, UID.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import vobject

from liaison.domain import Agency, Contact
from liaison.interchange import vcard21
from liaison.interchange.cards import MAX_CARD_BYTES, MAX_CONTACTS, ContactCard, ImportRejected

_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
_VERSION = re.compile(r"^VERSION:\s*(\S+)\s*$", re.IGNORECASE)
_BINARY = re.compile(r"^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
VERSIONS = ("3.0", "4.0")  # written
READ_VERSIONS = ("2.1", *VERSIONS)  # read: 2.1 through ``vcard21``


def _split(text: str, problems: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(first line number, lines) of each card, binary properties removed."""
    start, lines, skipping, size = 0, [], False, 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not start:
            if _BEGIN.match(line):
                start, lines, skipping, size = number, [line], False, len(line)
            elif line.strip():
                problems.append(f"line {number}: text outside a vCard (BEGIN:VCARD expected)")
                return
            continue
        size += len(line) + 1
        if size > MAX_CARD_BYTES:
            problems.append(f"line {start}: the card is larger than {MAX_CARD_BYTES // 2**20} MB")
            return
        if line[:1] in (" ", "\t"):
            if not skipping:
                lines.append(line)
            continue
        skipping = bool(_BINARY.match(line))
        if not skipping:
            lines.append(line)
        if _END.match(line):
            yield start, lines
            start = 0
    if start:
        problems.append(f"line {start}: the card is not closed (END:VCARD missing)")


def _params(prop: Any, name: str) -> list[str]:
    values: list[str] = []
    for value in prop.params.get(name, []):
        values.extend(v.strip().lower() for v in str(value).split(","))
    return values


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()


def _props(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _pref(prop: Any) -> int:
    prefs = _params(prop, "PREF")
    return int(prefs[0]) if prefs and prefs[0].isdigit() else 100


def _card(line: int, card: Any) -> ContactCard:
    names = [(p, _text(p.value)) for p in _props(card, "fn") if _text(p.value)]
    plain = [text for p, text in names if not _params(p, "LANGUAGE")]
    full_name = (plain or [text for _p, text in names] or [""])[0]
    native = next((text for _p, text in names if text != full_name), "")
    for prop in _props(card, "x-liaison-native-name"):
        native = native or _text(prop.value)
    honorific = ""
    for prop in _props(card, "n"):
        value = prop.value
        honorific = _text(getattr(value, "prefix", ""))
        if not full_name:
            full_name = " ".join(_text(getattr(value, part, "")) for part in ("given", "family")).strip()
    if not full_name:
        raise ImportRejected(f"line {line}: the card has no name (FN or N)")
    org: list[str] = []
    for prop in _props(card, "org")[:1]:
        org = [str(v).strip() for v in (prop.value if isinstance(prop.value, list) else [prop.value])]
    others = tuple(
        ((_params(p, "KIND") or ["other"])[0], _text(p.value), _params(p, "SECURE")[:1] == ["1"])
        for p in _props(card, "x-liaison-channel")
        if _text(p.value)
    )
    other_values = {value for _kind, value, _secure in others}
    phones = tuple(
        (
            "mobile" if {"cell", "mobile"} & set(_params(p, "TYPE")) else "phone",
            _text(p.value).removeprefix("tel:"),
        )
        for p in _props(card, "tel")
        if _text(p.value) and _text(p.value).removeprefix("tel:") not in other_values
    )
    addresses, country = [], ""
    for prop in _props(card, "adr"):
        value = prop.value
        parts = [_text(getattr(value, k, "")) for k in ("street", "city", "region", "code", "country")]
        if any(parts) and ", ".join(p for p in parts if p) not in other_values:
            addresses.append(", ".join(p for p in parts if p))
            country = country or parts[-1]
    for prop in _props(card, "x-liaison-country"):
        country = _text(prop.value)
    languages = [p for p in _props(card, "lang") + _props(card, "x-liaison-lang") if _text(p.value)]
    languages.sort(key=_pref)
    uid = next((_text(p.value) for p in _props(card, "uid")), "")
    return ContactCard(
        line=line,
        full_name=full_name,
        name_native=native,
        honorific=honorific,
        organisation=org[0] if org else "",
        unit="; ".join(o for o in org[1:] if o),
        title=next((_text(p.value) for p in _props(card, "title")), ""),
        role=next((_text(p.value) for p in _props(card, "role")), ""),
        emails=tuple(
            email
            for email in (_text(p.value).removeprefix("mailto:") for p in _props(card, "email"))
            if email and email not in other_values
        ),
        phones=phones,
        addresses=tuple(addresses),
        country=country,
        languages=tuple(dict.fromkeys(_text(p.value) for p in languages)),
        timezone=next((_text(p.value) for p in _props(card, "tz")), ""),
        notes="\n".join(str(p.value).strip() for p in _props(card, "note") if str(p.value).strip()),
        uid=uid.removeprefix("urn:uuid:"),
        other_channels=others,
    )


def parse(text: str) -> tuple[list[ContactCard], list[str]]:
    """The cards of a vCard file and the problems found ("line N: why"), every card checked."""
    cards: list[ContactCard] = []
    problems: list[str] = []
    for line, lines in _split(text, problems):
        if len(cards) + len(problems) >= MAX_CONTACTS:
            problems.append(f"line {line}: more than {MAX_CONTACTS} contacts in one file")
            break
        version = next((m.group(1) for m in map(_VERSION.match, lines) if m), "")
        if version not in READ_VERSIONS:
            problems.append(f"line {line}: vCard version {version or 'missing'} (2.1, 3.0 or 4.0 expected)")
            continue
        try:
            if version == "2.1":
                lines = vcard21.to_30(line, lines)  # noqa: PLW2901  (the same card, in 3.0 syntax)
            parsed = vobject.readOne("\r\n".join(lines) + "\r\n", validate=False)
            cards.append(_card(line, parsed))
        except ImportRejected as exc:
            problems.append(str(exc))
        except Exception as exc:  # vobject raises ParseError, ValueError, binascii errors...
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            problems.append(f"line {line}: not a valid vCard ({reason})")
    if not cards and not problems:
        problems.append("line 1: no vCard in the file (BEGIN:VCARD expected)")
    return cards, problems


def _role_label(contact: Contact) -> str:
    return contact.role.value.replace("_", " ") if contact.role.value != "other" else ""


def _add_channels(card: Any, contact: Contact) -> None:
    for channel in contact.channels:
        if channel.kind in ("email", "pgp-email"):
            card.add("email").value = channel.value
        elif channel.kind in ("phone", "mobile"):
            prop = card.add("tel")
            prop.value = channel.value
            prop.type_param = "CELL" if channel.kind == "mobile" else "WORK"
        elif channel.kind == "postal":
            card.add("adr").value = vobject.vcard.Address(street=channel.value)
        if channel.secure or channel.kind not in ("email", "phone", "mobile", "postal"):
            prop = card.add("x-liaison-channel")  # SIENA, I-24/7, PGP mail: kind and flag kept
            prop.value = channel.value
            prop.params["KIND"] = [channel.kind]
            prop.params["SECURE"] = ["1" if channel.secure else "0"]


def one(contact: Contact, agency: Agency | None, version: str = "3.0") -> str:
    """One contact as a vCard; ``version`` is "3.0" (phones, Outlook) or "4.0"."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be one of {VERSIONS}")
    card = vobject.vCard()
    card.add("fn").value = contact.full_name
    parts = contact.full_name.rsplit(" ", 1)
    card.add("n").value = vobject.vcard.Name(
        family=parts[-1], given=parts[0] if len(parts) > 1 else "", prefix=contact.honorific
    )
    if contact.name_native:
        card.add("x-liaison-native-name").value = contact.name_native
    if agency is not None or contact.unit:
        card.add("org").value = [agency.name if agency else "", *([contact.unit] if contact.unit else [])]
    if _role_label(contact):
        card.add("title").value = _role_label(contact)
        card.add("role").value = contact.role.value
    _add_channels(card, contact)
    if contact.country:
        card.add("x-liaison-country").value = contact.country
    langs = [contact.preferred_language] if contact.preferred_language else []
    langs += [s.code for s in contact.languages if s.code not in langs]
    for rank, code in enumerate(langs, start=1):
        prop = card.add("lang" if version == "4.0" else "x-liaison-lang")
        prop.value = code
        prop.params["PREF"] = [str(rank)]
    if contact.timezone:
        card.add("tz").value = contact.timezone
    if contact.notes:
        card.add("note").value = contact.notes
    if contact.id:
        card.add("uid").value = f"urn:uuid:{contact.id}"
    text: str = card.serialize()
    return text.replace("VERSION:3.0", f"VERSION:{version}", 1) if version != "3.0" else text


def many(entries: Iterable[tuple[Contact, Agency | None]], version: str = "3.0") -> str:
    return "".join(one(contact, agency, version) for contact, agency in entries)
