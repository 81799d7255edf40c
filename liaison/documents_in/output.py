"""Write a translated document in its own format where that keeps the layout (DOCX, ODT, HTML,
text), and the review artefacts every format gets: the bilingual PDF and the TMX of approved
segments."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from liaison.documents_in import bilingual
from liaison.documents_in.limits import DEFAULT, Limits
from liaison.documents_in.model import Format, Location, TranslatedBlock
from liaison.documents_in.text_io import write_html, write_text
from liaison.domain import TmEntry
from liaison.translation.memory import normalize_segment

# Formats rebuilt in place; the others (PDF, scans, mail) are reviewed through the bilingual PDF.
SAME_FORMAT = {
    Format.DOCX: ".docx",
    Format.ODT: ".odt",
    Format.HTML: ".html",
    Format.TEXT: ".txt",
    Format.EML: ".txt",
}


def same_format(fmt: Format) -> str | None:
    """File suffix of the translated document in its own format, or None when only the PDF fits."""
    return SAME_FORMAT.get(fmt)


def write_translated(
    fmt: Format,
    name: str,
    original: bytes,
    items: Sequence[TranslatedBlock],
    target_lang: str,
    limits: Limits = DEFAULT,
) -> bytes:
    from liaison.documents_in.docx_io import write_docx  # noqa: PLC0415
    from liaison.documents_in.odt_io import write_odt  # noqa: PLC0415

    by_location: dict[Location, str] = {i.block.location: i.target for i in items}
    if fmt is Format.DOCX:
        return write_docx(name, original, by_location, limits)
    if fmt is Format.ODT:
        return write_odt(name, original, by_location, limits)
    if fmt is Format.HTML:
        return write_html([i.block for i in items], [i.target for i in items], target_lang)
    if fmt in (Format.TEXT, Format.EML):
        return write_text([i.target for i in items])
    raise ValueError(f"{fmt} documents are reviewed as a bilingual PDF")


def bilingual_pdf(items: Sequence[TranslatedBlock], source_lang: str, target_lang: str, title: str) -> bytes:
    return bilingual.render(items, source_lang, target_lang, title)


def approved_entries(items: Sequence[TranslatedBlock], source_lang: str, target_lang: str) -> list[TmEntry]:
    """Approved segments as memory entries (one per distinct source), for a TMX file."""
    entries: dict[str, TmEntry] = {}
    for item in items:
        if item.approved and item.target.strip():
            source = normalize_segment(item.source)
            entries[source] = TmEntry(
                source_lang=source_lang,
                target_lang=target_lang,
                source=source,
                target=item.target.strip(),
                origin="document-review",
            )
    return list(entries.values())


def write_tmx(items: Sequence[TranslatedBlock], path: Path, source_lang: str, target_lang: str) -> int:
    from liaison.translation import exchange  # noqa: PLC0415  (translate-toolkit loads on demand)

    entries = approved_entries(items, source_lang, target_lang)
    exchange.write_tmx(entries, path, source_lang, target_lang)
    return len(entries)
