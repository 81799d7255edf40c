"""What a reader produces: blocks of text with their location, and what a writer consumes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Format(enum.StrEnum):
    DOCX = "docx"
    ODT = "odt"
    PDF = "pdf"
    IMAGE = "image"
    EML = "eml"
    HTML = "html"
    TEXT = "text"


class Origin(enum.StrEnum):
    """Where a segment's translation came from, as the review shows it."""

    MEMORY = "memory"  # an approved translation in the vault's memory
    GLOSSARY = "glossary"  # the segment is a glossary term: its approved translation
    FORM = "form"  # fixed text of a known form, rendered from its exact translation
    MACHINE = "machine"  # machine output: unofficial until reviewed
    COPY = "copy"  # nothing to translate (numbers, references, punctuation)


@dataclass(frozen=True)
class Location:
    """Where a block sits in the original: ``page`` is 1-based (0 when the format has no pages);
    ``part`` names the container (body, header, footer, table, cell, subject, attachment...)."""

    page: int = 0
    part: str = "body"
    index: int = 0

    def label(self) -> str:
        where = f"p. {self.page}" if self.page else self.part
        return f"{where} #{self.index + 1}" if self.page else f"{where} {self.index + 1}"


@dataclass(frozen=True)
class TableCell:
    """Where a block sits in a table found on a PDF page (0-based), and the table's size."""

    table: int
    row: int
    column: int
    rows: int
    columns: int


@dataclass(frozen=True)
class Block:
    text: str
    location: Location
    confidence: float | None = None  # OCR confidence 0..100; None for a real text layer
    heading: bool = False
    cell: TableCell | None = None  # a cell of a table of a PDF page, translated on its own


@dataclass(frozen=True)
class EmailAttachment:
    """An attachment of a received mail, offered for translation (bytes kept, not yet read)."""

    name: str
    media_type: str
    data: bytes


@dataclass
class ReadDocument:
    format: Format
    blocks: list[Block]
    pages: int = 0
    title: str = ""
    attachments: list[EmailAttachment] = field(default_factory=list)
    ocr: bool = False
    notes: list[str] = field(default_factory=list)  # what the reader noticed (e.g. pages OCR'd)

    @property
    def texts(self) -> list[str]:
        return [b.text for b in self.blocks]


@dataclass(frozen=True)
class TranslatedBlock:
    block: Block
    target: str
    origin: Origin
    approved: bool = False

    @property
    def source(self) -> str:
        return self.block.text
