"""Import contacts from vCard or CSV (dry run, then merge) and export them.

An import is planned first: every card is checked and normalised, its organisation matched to an
agency (or marked to be created), and the card matched to a contact already in the vault — by id
(a Liaison export), else a shared e-mail address, else the same name. The plan says for each card
whether it is **new**, **matching** (an existing contact; anything the card adds is merged in) or
**conflicting** (the card disagrees with the vault on some field; the vault's value is kept unless
the officer chooses to replace). Applying the plan is one transaction: any row that fails leaves
the vault exactly as it was. The import and every export are audited with the file's SHA-256.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from liaison.crypto.atomic import atomic_write_bytes
from liaison.domain import Agency, AgencyKind, Channel, Contact, ContactRole, LanguageSkill
from liaison.errors import ValidationError
from liaison.interchange import csvfile, vcard
from liaison.interchange.cards import ContactCard, ImportRejected, check_card, decode
from liaison.services import catalog
from liaison.services import validation as check
from liaison.store import audit
from liaison.store.vault import Vault

MAX_PROBLEMS_SHOWN = 20


class Status(enum.StrEnum):
    NEW = "new"
    MATCHING = "matching"
    CONFLICTING = "conflicting"
    DUPLICATE = "duplicate"  # the same person twice in the file: the later card is skipped


@dataclass(frozen=True)
class Planned:
    card: ContactCard
    status: Status
    fields: dict[str, Any]  # normalised Contact fields (no id, no agency_id)
    existing_id: str = ""
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    source: str
    sha256: str
    items: tuple[Planned, ...]
    agencies_to_create: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    unknown_columns: tuple[str, ...] = ()

    def count(self, status: Status) -> int:
        return sum(1 for item in self.items if item.status is status)

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s.value}" for s in Status if s is not Status.DUPLICATE or self.count(s)]
        return (
            f"{len(self.items)} contacts in {self.source}: "
            + ", ".join(parts)
            + (f"; {len(self.agencies_to_create)} new agencies" if self.agencies_to_create else "")
        )


@dataclass
class ImportResult:
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    agencies_created: int = 0
    replaced_fields: int = 0
    ids: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@cache
def _country_names() -> dict[str, str]:
    names = {_key(name): code for code, name in Locale("en").territories.items() if len(code) == 2}
    names.update({"uk": "GB", "united states of america": "US", "usa": "US", "russia": "RU"})
    return names


@cache
def _language_names() -> dict[str, str]:
    return {_key(name): code for code, name in Locale("en").languages.items() if code.isalpha()}


def _country(card: ContactCard, warnings: list[str]) -> str:
    value = card.country.strip()
    if not value:
        return ""
    if len(value) == 2 and value.isalpha() and value.upper() in Locale("en").territories:
        return value.upper()
    code = _country_names().get(_key(value))
    if code is None:
        warnings.append(f"line {card.line}: country {value!r} not recognised, left empty")
        return ""
    return code


def _languages(card: ContactCard, warnings: list[str]) -> list[str]:
    codes: list[str] = []
    for value in card.languages:
        base = value.strip().replace("_", "-").split("-")[0].lower()
        code = base if 2 <= len(base) <= 3 and base.isalpha() and base in Locale("en").languages else None
        code = code or _language_names().get(_key(value))
        if code is None or len(code) > 3:
            warnings.append(f"line {card.line}: language {value!r} not recognised, left out")
        elif code not in codes:
            codes.append(code)
    return codes


def _role(card: ContactCard) -> tuple[ContactRole, bool]:
    """The role the card names (by value or label), and whether its title said exactly that."""
    for text in (card.role, card.title):
        key = _key(text).replace("_", " ")
        for role in ContactRole:
            label = role.value.replace("_", " ")
            if key and key == label:
                return role, _key(card.title) in ("", label)
        for role in ContactRole:
            if role is not ContactRole.OTHER and key and role.value.replace("_", " ") in key:
                return role, False
    return ContactRole.OTHER, not card.title


def _fields(card: ContactCard, warnings: list[str]) -> dict[str, Any]:
    """Contact fields from a card, each checked the way the contact service checks them."""
    check_card(card)
    line = card.line
    role, title_said_it = _role(card)
    notes = card.notes.replace("\r\n", "\n").replace("\r", "\n").strip()
    if card.title and not title_said_it:
        notes = f"Title: {card.title}" + (f"\n{notes}" if notes else "")
    timezone = card.timezone.strip()
    try:
        check.timezone("time zone", timezone)
    except ValidationError:
        warnings.append(f"line {line}: time zone {timezone!r} is not an IANA zone name, left empty")
        timezone = ""
    channels: list[Channel] = []
    for email in card.emails:
        try:
            check.email("e-mail", email)
        except ValidationError as exc:
            raise ImportRejected(f"line {line}: {exc}") from None
        channels.append(Channel("email", email))
    channels += [Channel(kind, number) for kind, number in card.phones]
    channels += [Channel("postal", address) for address in card.addresses]
    channels += [Channel(kind, value, secure) for kind, value, secure in card.other_channels]
    languages = _languages(card, warnings)
    return {
        "full_name": card.full_name,
        "name_native": card.name_native,
        "honorific": card.honorific,
        "country": _country(card, warnings),
        "unit": card.unit,
        "role": role,
        "languages": tuple(LanguageSkill(code) for code in languages),
        "preferred_language": languages[0] if languages else "",
        "channels": tuple(dict.fromkeys(channels)),
        "timezone": timezone,
        "notes": notes,
        "source": "import",
    }


def read(
    path: Path, *, encoding: str = "utf-8", fmt: str = ""
) -> tuple[list[ContactCard], list[str], list[str], str]:
    """(cards, problems, unknown CSV columns, SHA-256 of the file); ``fmt`` is "vcard", "csv" or guessed."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    text = decode(data, path.name, encoding)
    fmt = fmt or (
        "vcard"
        if path.suffix.lower() in (".vcf", ".vcard") or text.lstrip()[:11].upper() == "BEGIN:VCARD"
        else "csv"
    )
    if fmt == "vcard":
        cards, problems = vcard.parse(text)
        return cards, problems, [], digest
    if fmt == "csv":
        csv_cards, csv_problems, unknown = csvfile.parse(text)
        return csv_cards, csv_problems, unknown, digest
    raise ValidationError(f"format must be vcard or csv, got {fmt!r}")


class _Index:
    """The vault's contacts and agencies, looked up the ways a card can match them."""

    def __init__(self, vault: Vault) -> None:
        self.contacts = {c.id: c for c in catalog.contacts.list(vault)}
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        for c in self.contacts.values():
            self.by_name.setdefault(_key(c.full_name), c.id)
            for ch in c.channels:
                if ch.kind in ("email", "pgp-email"):
                    self.by_email.setdefault(_key(ch.value), c.id)
        self.agencies: dict[str, Agency] = {}
        for a in catalog.agencies.list(vault):
            for name in (a.name, a.name_native):
                if name:
                    self.agencies.setdefault(_key(name), a)

    def match(self, card: ContactCard, fields: dict[str, Any]) -> str:
        if card.uid in self.contacts:
            return card.uid
        for ch in fields["channels"]:
            if ch.kind == "email" and _key(ch.value) in self.by_email:
                return self.by_email[_key(ch.value)]
        return self.by_name.get(_key(card.full_name), "")


_SCALARS = ("name_native", "honorific", "country", "unit", "preferred_language", "timezone")


def _conflicts(existing: Contact, fields: dict[str, Any], organisation: str, index: _Index) -> list[str]:
    found = [f for f in _SCALARS if fields[f] and getattr(existing, f) and fields[f] != getattr(existing, f)]
    if fields["role"] is not ContactRole.OTHER and existing.role not in (ContactRole.OTHER, fields["role"]):
        found.append("role")
    if organisation and existing.agency_id:
        agency = index.agencies.get(_key(organisation))
        if agency is None or agency.id != existing.agency_id:
            found.append("agency")
    return found


def plan(vault: Vault, path: Path, *, encoding: str = "utf-8", fmt: str = "") -> ImportPlan:
    """What importing ``path`` would do; raises ImportRejected (every problem listed) if any row is bad."""
    cards, problems, unknown, digest = read(path, encoding=encoding, fmt=fmt)
    warnings: list[str] = []
    index = _Index(vault)
    items: list[Planned] = []
    seen: dict[str, int] = {}
    new_agencies: dict[str, str] = {}
    for card in cards:
        try:
            fields = _fields(card, warnings)
        except ImportRejected as exc:
            problems.append(str(exc))
            continue
        keys = [_key(card.full_name)] + [_key(c.value) for c in fields["channels"] if c.kind == "email"]
        earlier = next((seen[k] for k in keys if k in seen), 0)
        if earlier:
            warnings.append(f"line {card.line}: same person as line {earlier}, skipped")
            items.append(Planned(card, Status.DUPLICATE, fields))
            continue
        seen.update(dict.fromkeys(keys, card.line))
        if card.organisation and _key(card.organisation) not in index.agencies:
            new_agencies.setdefault(_key(card.organisation), card.organisation)
        existing_id = index.match(card, fields)
        if not existing_id:
            items.append(Planned(card, Status.NEW, fields))
            continue
        conflicts = _conflicts(index.contacts[existing_id], fields, card.organisation, index)
        status = Status.CONFLICTING if conflicts else Status.MATCHING
        items.append(Planned(card, status, fields, existing_id, tuple(conflicts)))
    if problems:
        shown = sorted(
            problems, key=lambda p: int(p.split()[1].rstrip(":")) if p.split()[1][:-1].isdigit() else 0
        )
        raise ImportRejected(
            f"{path.name}: {len(problems)} rejected row(s), nothing imported; first: {shown[0]}", tuple(shown)
        )
    return ImportPlan(
        path.name, digest, tuple(items), tuple(new_agencies.values()), tuple(warnings), tuple(unknown)
    )


def _line_of(problem: str) -> int:
    words = problem.split()
    return int(words[1].rstrip(":")) if len(words) > 1 and words[1].rstrip(":").isdigit() else 0


def _rejected(source: str, problems: list[str]) -> ImportRejected:
    shown = sorted(problems, key=_line_of)
    return ImportRejected(
        f"{source}: {len(shown)} rejected row(s), nothing imported; first: {shown[0]}", tuple(shown)
    )


def _merge(existing: Contact, fields: dict[str, Any], replace: bool) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name in (*_SCALARS, "role"):
        new, old = fields[name], getattr(existing, name)
        empty = ContactRole.OTHER if name == "role" else ""
        if new not in (empty, old) and (old == empty or replace):
            changes[name] = new
    channels = tuple(
        dict.fromkeys(
            (
                *existing.channels,
                *(
                    c
                    for c in fields["channels"]
                    if (c.kind, _key(c.value)) not in {(e.kind, _key(e.value)) for e in existing.channels}
                ),
            )
        )
    )
    if channels != existing.channels:
        changes["channels"] = channels
    known = {s.code for s in existing.languages}
    languages = (*existing.languages, *(s for s in fields["languages"] if s.code not in known))
    if languages != existing.languages:
        changes["languages"] = languages
    if fields["notes"] and fields["notes"] not in existing.notes:
        changes["notes"] = f"{existing.notes}\n{fields['notes']}".strip()
    return changes


def apply(vault: Vault, import_plan: ImportPlan, *, replace_conflicts: bool = False) -> ImportResult:
    """Carry the plan out in one transaction (all or nothing) and audit it."""
    result = ImportResult()
    problems: list[str] = []
    with vault.transaction():
        index = _Index(vault)
        for item in import_plan.items:
            if item.status is Status.DUPLICATE:
                continue
            try:
                agency_id = _agency_for(vault, index, item, result)
                if item.status is Status.NEW:
                    added = catalog.contacts.add(vault, Contact(**item.fields, agency_id=agency_id))
                    result.created += 1
                    result.ids.append(added.id)
                    continue
                existing = index.contacts[item.existing_id]
                changes = _merge(existing, item.fields, replace_conflicts)
                if agency_id and (
                    not existing.agency_id or (replace_conflicts and "agency" in item.conflicts)
                ):
                    changes["agency_id"] = agency_id
                if changes:
                    catalog.contacts.edit(vault, existing.id, changes)
                    result.merged += 1
                    result.replaced_fields += (
                        len(set(changes) & set(item.conflicts)) if replace_conflicts else 0
                    )
                else:
                    result.unchanged += 1
                result.ids.append(existing.id)
            except ValidationError as exc:
                problems.append(f"line {item.card.line}: {exc}")
        if problems:
            raise _rejected(import_plan.source, problems)
        audit.append(
            vault,
            "contacts.import",
            detail={
                "file": import_plan.source,
                "sha256": import_plan.sha256,
                "created": result.created,
                "merged": result.merged,
                "agencies_created": result.agencies_created,
            },
        )
    return result


def _agency_for(vault: Vault, index: _Index, item: Planned, result: ImportResult) -> str | None:
    name = item.card.organisation
    if not name:
        return None
    found = index.agencies.get(_key(name))
    if found is None:
        found = catalog.agencies.add(
            vault, Agency(name=name, kind=AgencyKind.OTHER, country=item.fields["country"])
        )
        index.agencies[_key(name)] = found
        result.agencies_created += 1
    return found.id


def _entries(vault: Vault, refs: Sequence[str] | None) -> list[tuple[Contact, Agency | None]]:
    contacts = [catalog.contacts.get(vault, r) for r in refs] if refs else catalog.contacts.list(vault)
    agencies = {a.id: a for a in catalog.agencies.list(vault)}
    return [(c, agencies.get(c.agency_id) if c.agency_id else None) for c in contacts]


def export_text(vault: Vault, refs: Sequence[str] | None, fmt: str, version: str = "3.0") -> tuple[str, int]:
    """(file text, number of contacts): one contact, a selection (``refs``) or all (``refs`` empty)."""
    entries = _entries(vault, refs)
    if fmt == "vcard":
        return vcard.many(entries, version), len(entries)
    if fmt == "csv":
        return csvfile.write(entries), len(entries)
    raise ValidationError(f"format must be vcard or csv, got {fmt!r}")


def export_to(
    vault: Vault, destination: Path, refs: Sequence[str] | None, fmt: str, version: str = "3.0"
) -> int:
    """Write the export (owner-only file, replaced atomically) and audit its hash; returns the count."""
    text, count = export_text(vault, refs, fmt, version)
    data = text.encode("utf-8")
    atomic_write_bytes(destination, data)
    audit.append(
        vault,
        "contacts.export",
        detail={
            "file": destination.name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "count": count,
            "format": fmt,
        },
    )
    return count


def vcard_of(vault: Vault, ref: str) -> str:
    """One contact's vCard 3.0 without notes (what a QR code carries to a colleague's phone)."""
    ((contact, agency),) = _entries(vault, [ref])
    return vcard.one(dataclasses.replace(contact, notes=""), agency, "3.0")


def problems_of(error: ImportRejected) -> Iterable[str]:
    """The rejected rows to show, at most MAX_PROBLEMS_SHOWN, then how many more."""
    shown = error.problems[:MAX_PROBLEMS_SHOWN]
    yield from shown
    if len(error.problems) > len(shown):
        yield f"... and {len(error.problems) - len(shown)} more"
