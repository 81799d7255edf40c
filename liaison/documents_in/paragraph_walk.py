"""What the DOCX and ODT readers and writers share once each has walked its own XML to paragraphs.

Each format yields its paragraphs with their ``Location`` (story, index) in a fixed order; reading
keeps the non-empty ones as blocks, writing puts each translation back into the paragraph at the
same location. Because both sides walk the same way, a location found on reading is the same
paragraph on writing.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import BinaryIO, TypeVar

from liaison.documents_in.model import Block, Location

P = TypeVar("P")


def read_blocks(
    paragraphs: Iterable[tuple[P, Location]], text: Callable[[P], str], heading: Callable[[P], bool]
) -> list[Block]:
    return [Block(found, location, heading=heading(p)) for p, location in paragraphs if (found := text(p))]


def put_back(
    paragraphs: Iterable[tuple[P, Location]],
    translations: dict[Location, str],
    replace: Callable[[P, str], None],
) -> None:
    """Only located paragraphs are touched, and a location is only ever a paragraph that had text
    when read (the same walk over the same file): no need to read each paragraph's text again,
    which was a third of writing a DOCX."""
    for p, location in paragraphs:
        target = translations.get(location)
        if target is not None:
            replace(p, target)


def saved(save: Callable[[BinaryIO], object]) -> bytes:
    out = io.BytesIO()
    save(out)
    return out.getvalue()
