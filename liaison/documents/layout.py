"""The document as the PDF renderer receives it: already in one language, already formatted.

The builder (``compose``) turns an ``MlaRequest`` into a ``Document`` using the template catalogs
and babel; the renderer (``pdf``) only lays it out. Keeping that seam means the renderer never
needs to know what an MLA request is, and tests can check each side on its own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class TextKind(enum.StrEnum):
    DATA = "data"  # names, dates, numbers, codes: formatted for the locale, never translated
    BOILERPLATE = "boilerplate"  # vetted template text from the catalogs
    FREE = "free"  # free text written by the officer, in this document's language
    MACHINE = "machine"  # free text machine-translated, not yet certified
    UNTRANSLATED = "untranslated"  # free text left in the original language (no pack)


@dataclass(frozen=True)
class Entry:
    """One labelled value, or a paragraph when ``label`` is empty."""

    label: str
    value: str
    kind: TextKind = TextKind.DATA
    value_lang: str = ""  # language of ``value`` when it differs from the document's (untranslated)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    number: str  # "1", "2", ... or "A".."L" for the EIO form
    heading: str
    entries: tuple[Entry, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class SignatureBlock:
    caption: str  # e.g. "Issuing authority"
    lines: tuple[tuple[str, str], ...]  # (label, value): name, post, date, place
    signature_label: str
    stamp_label: str


@dataclass(frozen=True)
class Document:
    lang: str  # BCP 47 / babel locale of this document, e.g. "fr", "ar", "zh"
    rtl: bool
    title: str
    subtitle: str  # e.g. "Request for mutual legal assistance in criminal matters"
    reference_line: str  # "Our reference: ... — Your reference: ..."
    date_line: str  # place and date, formatted for the locale
    letterhead: tuple[str, ...]  # requesting authority's name and address lines
    addressee: tuple[str, ...]
    sections: tuple[Section, ...]
    signatures: tuple[SignatureBlock, ...]
    annex_heading: str
    annexes: tuple[str, ...]  # already numbered and described ("1. Court order (sha256 …)")
    notices: tuple[str, ...] = ()  # e.g. unofficial machine translation, untranslated fields
    watermark: str = ""  # diagonal text on every page while a translation is uncertified
    draft_mark: str = ""  # "DRAFT" across every page: exported although the request fails validation
    page_format: str = "Page {page} of {pages}"  # localized, with these two placeholders
    reference: str = ""  # printed on every page
    content_hash: str = ""  # SHA-256 of the request content, printed with a QR code
    hash_label: str = "SHA-256"
    metadata: dict[str, str] = field(default_factory=dict)  # title, subject, keywords (no names)
