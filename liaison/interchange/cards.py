"""The format-neutral contact card both parsers produce, the limits every import obeys, and the
checks that refuse hostile text before it reaches the vault.

Why refuse instead of clean: a control character in a name or an e-mail address is either a broken
export or an attack on whatever displays it next (terminal escapes, spoofed bidi text in a list).
Dropping it silently would import a value the officer never saw; one clear line naming the row and
the character lets them fix the file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from liaison.domain import text
from liaison.errors import ValidationError

MAX_FILE_BYTES = 64 * 1024 * 1024  # a phone's full export with photos fits; anything bigger is not contacts
MAX_CARD_BYTES = 2 * 1024 * 1024  # one vCard (photos included); a 50 MB card is hostile
MAX_CONTACTS = 50_000
MAX_FIELD_CHARS = 10_000  # a notes field; single-line fields are far shorter in practice


class ImportRejected(ValidationError):
    """The file cannot be imported; ``problems`` lists every rejected row as "line N: why"."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class ContactCard:
    """One contact as read from a file, before it is matched against the vault."""

    line: int  # first line of the card or row in the file (1-based)
    full_name: str
    name_native: str = ""
    honorific: str = ""
    organisation: str = ""
    unit: str = ""
    title: str = ""
    role: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[tuple[str, str], ...] = ()  # (channel kind "phone" or "mobile", number)
    addresses: tuple[str, ...] = ()  # one-line postal addresses
    country: str = ""  # as written in the file (code or English name); normalised when planned
    languages: tuple[str, ...] = ()  # as written; the first is the preferred one
    timezone: str = ""
    notes: str = ""
    uid: str = ""  # the contact's id when the file came from Liaison
    other_channels: tuple[tuple[str, str, bool], ...] = ()  # (kind, value, secure): SIENA, PGP mail...


def check_text(line: int, field: str, value: str, *, multiline: bool = False, name: bool = False) -> str:
    """``value`` unchanged, or ImportRejected naming the line, field and character.

    Single-line fields refuse every C0/C1 control, including tab and line breaks; multi-line fields
    (notes) allow tab and line breaks only (stricter than a record's notes, which keep what was
    pasted: a file's other controls are a broken export). Names also refuse bidirectional
    overrides. The characters are found by the core's one check (``liaison.domain.text``).
    """
    what = text.control_character(value, "\t\n\r" if multiline else "")
    if what:
        raise ImportRejected(f"line {line}: {field} contains {what}")
    bidi = text.bidi_control(value) if name else None
    if bidi:
        raise ImportRejected(
            f"line {line}: {field} contains the bidirectional control {bidi}, which can make a name "
            "display as another"
        )
    if len(value) > MAX_FIELD_CHARS:
        raise ImportRejected(
            f"line {line}: {field} is {len(value)} characters long (limit {MAX_FIELD_CHARS})"
        )
    return value


def check_card(card: ContactCard) -> None:
    """Every text field of a card through :func:`check_text`."""
    line = card.line
    single = {
        "name": card.full_name,
        "native name": card.name_native,
        "honorific": card.honorific,
        "organisation": card.organisation,
        "unit": card.unit,
        "title": card.title,
        "role": card.role,
        "country": card.country,
        "time zone": card.timezone,
        "id": card.uid,
    }
    for field, value in single.items():
        check_text(line, field, value, name=field in ("name", "native name"))
    for value in card.emails:
        check_text(line, "e-mail", value)
    for _kind, value in card.phones:
        check_text(line, "phone", value)
    for value in (*card.addresses, *card.languages):
        check_text(line, "address or language", value)
    for kind, value, _secure in card.other_channels:
        check_text(line, "channel", kind)
        check_text(line, "channel", value)
    check_text(line, "notes", card.notes, multiline=True)


def decode(data: bytes, name: str, encoding: str = "utf-8") -> str:
    """The file's text: UTF-8 (with or without BOM) or UTF-16 with a BOM, or the encoding asked for.

    A byte that does not decode is reported with its line, and nothing is guessed: Outlook's
    Windows-1252 CSV files need ``--encoding cp1252``.
    """
    if len(data) > MAX_FILE_BYTES:
        size, limit = len(data) // 2**20, MAX_FILE_BYTES // 2**20
        raise ImportRejected(f"{name} is {size} MB: larger than any contact export ({limit} MB)")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportRejected(f"unknown encoding {encoding!r}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = " (Outlook writes Windows-1252: try --encoding cp1252)" if encoding.startswith("utf-8") else ""
        raise ImportRejected(
            f"{name}: line {line} is not valid {encoding} (byte 0x{data[exc.start]:02X}){hint}"
        ) from None
