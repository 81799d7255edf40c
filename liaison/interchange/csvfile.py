"""CSV contacts: Outlook's and Google's export headers and Liaison's own, mapped by column name.

A column is recognised by its header (case and spacing ignored): "E-mail Address" and "E-mail 2
Address" (Outlook), "E-mail 1 - Value" (Google), "Email" or "e-mail" (hand-made sheets) are all
e-mails. A file with no name column is refused before any row is read; unknown columns are listed
in the summary, not guessed. Line numbers are the file's physical lines, so a quoted note spanning
lines still points at the row's first line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from liaison.domain import Agency, Contact
from liaison.interchange.cards import MAX_CONTACTS, ContactCard, ImportRejected

# Canonical field -> headers (normalised: lower case, single spaces). Multi-valued fields also match
# the numbered patterns below.
_HEADERS: dict[str, tuple[str, ...]] = {
    "full_name": ("name", "full name", "display name", "file as", "fn"),
    "first": ("first name", "given name"),
    "middle": ("middle name", "additional name"),
    "last": ("last name", "family name", "surname"),
    "name_native": ("native name", "name (native script)", "phonetic name"),
    "honorific": ("title", "name prefix", "prefix", "honorific"),
    "organisation": (
        "company",
        "organization",
        "organisation",
        "organization name",
        "organization 1 - name",
        "agency",
    ),
    "unit": ("department", "organization department", "organization 1 - department", "unit"),
    "title": ("job title", "organization title", "organization 1 - title", "position"),
    "role": ("role",),
    "country": (
        "country",
        "country/region",
        "business country/region",
        "home country/region",
        "address 1 - country",
    ),
    "languages": ("language", "languages"),
    "timezone": ("time zone", "timezone", "tz"),
    "notes": ("notes", "note", "comments"),
    "uid": ("liaison id", "uid"),
}
_EMAIL = re.compile(r"^(e-?mail( \d+)?( address| - value)?|e-?mail address \d+)$")
_PHONE = re.compile(r"^(phone( \d+)?( - value)?|telephone|business phone( \d+)?|company main phone)$")
_MOBILE = re.compile(r"^(mobile( phone)?|cell( phone)?)$")
_ADDRESS = re.compile(r"^(address( \d+)? - formatted|address|postal address|business address)$")
_OUTLOOK_STREET = ("business street", "business city", "business postal code", "business state")
SNIFF_BYTES = 64 * 1024


def _norm(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").strip().lower().replace("_", " ").split())


def _column_map(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    lookup = {alias: field for field, aliases in _HEADERS.items() for alias in aliases}
    mapped: dict[int, str] = {}
    unknown: list[str] = []
    for index, header in enumerate(headers):
        key = _norm(header)
        field = lookup.get(key)
        if field is None:
            if _EMAIL.match(key):
                field = "email"
            elif _MOBILE.match(key):
                field = "mobile"
            elif _PHONE.match(key):
                field = "phone"
            elif _ADDRESS.match(key):
                field = "address"
            elif key in _OUTLOOK_STREET:
                field = "outlook_address"
        if field is None:
            if key:
                unknown.append(header.strip())
            continue
        mapped[index] = field
    return mapped, unknown


def _unquote(value: str) -> str:
    """Undo :func:`_cell`'s guard quote, so an export imports back unchanged."""
    return value[1:] if value.startswith("'") and value[1:2] in _FORMULA else value


def _card(line: int, values: dict[str, list[str]]) -> ContactCard:
    def first(field: str) -> str:
        return next((v for v in values.get(field, []) if v), "")

    full_name = first("full_name") or " ".join(
        v for v in (first("first"), first("middle"), first("last")) if v
    )
    if not full_name:
        raise ImportRejected(f"line {line}: the row has no name")
    addresses = [v for v in values.get("address", []) if v]
    outlook = ", ".join(v for v in values.get("outlook_address", []) if v)
    if outlook and not addresses:
        addresses.append(outlook)
    languages = [part.strip() for v in values.get("languages", []) for part in re.split(r"[;,]", v)]
    return ContactCard(
        line=line,
        full_name=full_name,
        name_native=first("name_native"),
        honorific=first("honorific"),
        organisation=first("organisation"),
        unit=first("unit"),
        title=first("title"),
        role=first("role"),
        emails=tuple(dict.fromkeys(v for v in values.get("email", []) if v)),
        phones=tuple((kind, v) for kind in ("phone", "mobile") for v in values.get(kind, []) if v),
        addresses=tuple(addresses),
        country=first("country"),
        languages=tuple(p for p in languages if p),
        timezone=first("timezone"),
        notes="\n".join(v for v in values.get("notes", []) if v),
        uid=first("uid"),
    )


def _row(line: int, row: list[str], mapped: dict[int, str], width: int) -> ContactCard:
    if len(row) > width and any(c.strip() for c in row[width:]):
        raise ImportRejected(f"line {line}: {len(row)} cells for {width} columns")
    values: dict[str, list[str]] = {}
    for index, cell in enumerate(row):
        field = mapped.get(index)
        if field is not None:
            values.setdefault(field, []).append(_unquote(cell.strip()))
    return _card(line, values)


def parse(text: str) -> tuple[list[ContactCard], list[str], list[str]]:
    """(cards, problems as "line N: why", headers that were not recognised)."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:SNIFF_BYTES], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = next(reader)
    except StopIteration:
        raise ImportRejected("line 1: the file is empty") from None
    except csv.Error as exc:
        raise ImportRejected(f"line 1: not a CSV header ({exc})") from None
    mapped, unknown = _column_map(headers)
    if not {"full_name", "first", "last"} & set(mapped.values()):
        raise ImportRejected(
            "line 1: no name column (expected a header such as Name, First Name or Last Name)"
        )
    cards: list[ContactCard] = []
    problems: list[str] = []
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"line {line}: {exc}")
            break
        if len(cards) >= MAX_CONTACTS:
            problems.append(f"line {line}: more than {MAX_CONTACTS} contacts in one file")
            break
        if any(cell.strip() for cell in row):
            try:
                cards.append(_row(line, row, mapped, len(headers)))
            except ImportRejected as exc:
                problems.append(str(exc))
        line = reader.line_num + 1
    return cards, problems, unknown


COLUMNS = (
    "Name",
    "Native Name",
    "Name Prefix",
    "Organization Name",
    "Organization Department",
    "Organization Title",
    "Role",
    "E-mail 1 - Value",
    "E-mail 2 - Value",
    "Phone 1 - Value",
    "Mobile Phone",
    "Address 1 - Formatted",
    "Country",
    "Languages",
    "Time Zone",
    "Notes",
    "Liaison ID",
)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A text cell that a spreadsheet will not run as a formula (``=HYPERLINK(...)`` as a name)."""
    return "'" + value if value.startswith(_FORMULA) else value


def write(entries: Iterable[tuple[Contact, Agency | None]]) -> str:
    """Contacts as CSV with Google-style headers (Gmail and Liaison both read them back)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for contact, agency in entries:
        emails = [c.value for c in contact.channels if c.kind in ("email", "pgp-email")]
        phones = [c.value for c in contact.channels if c.kind == "phone"]
        mobiles = [c.value for c in contact.channels if c.kind == "mobile"]
        postal = [c.value for c in contact.channels if c.kind == "postal"]
        langs = [contact.preferred_language] if contact.preferred_language else []
        langs += [s.code for s in contact.languages if s.code not in langs]
        role = contact.role.value
        text = [
            contact.full_name,
            contact.name_native,
            contact.honorific,
            agency.name if agency else "",
            contact.unit,
            role.replace("_", " ") if role != "other" else "",
            role,
            emails[0] if emails else "",
            emails[1] if len(emails) > 1 else "",
        ]
        numbers = [phones[0] if phones else "", mobiles[0] if mobiles else ""]  # "+33 ..." stays a number
        rest = [
            postal[0] if postal else "",
            contact.country,
            "; ".join(langs),
            contact.timezone,
            contact.notes,
            contact.id,
        ]
        writer.writerow([*map(_cell, text), *numbers, *map(_cell, rest)])
    return out.getvalue()
