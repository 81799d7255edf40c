"""The review PDF's fast path (Latin, Cyrillic, Greek documents laid out without reportlab's
Paragraphs), read back with pdftotext: every source and translation in its column and in order,
the original page numbers, the banner and "page X of Y" on every page, fonts embedded, and the same
lines as the Paragraph path. Documents that need shaping, bidi or tables keep the Paragraph path."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from liaison.documents_in import bilingual
from liaison.documents_in.model import Block, Location, Origin, TableCell, TranslatedBlock

BANNER = "TRADUCTION AUTOMATIQUE NON OFFICIELLE / UNOFFICIAL MACHINE TRANSLATION"
WORDS = "warrant suspect vehicle registered Lyon witness statement evidence hearing 12 January 2024".split()
LONG_WORD = "Aktenzeichen" * 9  # wider than a column: cut where it overflows, as splitLongWords does


def _items() -> list[TranslatedBlock]:
    """Three original pages of blocks of varied length (one taller than a page, to be cut with the
    header repeated), Cyrillic and Greek text, a non-breaking space, every origin, OCR confidence."""
    items: list[TranslatedBlock] = []
    for page in (1, 2, 3):
        for index in range(14):
            n = 3 + (index * 7 + page * 5) % 40
            source = " ".join(WORDS[(index + k) % len(WORDS)] for k in range(n)) + f" (p{page}b{index})"
            target = f"[{page}.{index}] " + " ".join(
                WORDS[(index + k + 3) % len(WORDS)].upper() for k in range(n + 2)
            )
            if index == 2:
                source += f" {LONG_WORD} Ёлка Αθήνα 1\u00a0234,50\u00a0€"
                target += " протокол допроса Ελληνική Αστυνομία"
            origin = list(Origin)[index % len(Origin)]
            block = Block(source, Location(page=page, index=index), confidence=91.0 if page == 3 else None)
            items.append(TranslatedBlock(block, target, origin, approved=index % 4 == 1))
    tall = " ".join(f"line{k} of the annex" for k in range(900))
    items.append(TranslatedBlock(Block(tall, Location(page=3, index=14)), tall.upper(), Origin.MACHINE))
    return items


def _pdftotext(path: Path, *crop: str) -> list[str]:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is required"
    text = subprocess.run([exe, *crop, str(path), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def _column(path: Path, x: int) -> str:
    """One column of every page, below the banner and above the footer, without the repeated header
    row, the group headings and the origin lines: what is left is the blocks' text, in order."""
    crop = ["-x", str(x), "-y", "52", "-W", "297", "-H", "744"]
    kept: list[str] = []
    for page in _pdftotext(path, *crop):
        for raw in page.splitlines():
            line = raw.strip()
            if line in ("Source (en)", "Translation (fr)") or re.fullmatch(r"Original page \d+", line):
                continue
            if re.fullmatch(
                r"p\. \d+ #\d+ · (machine|memory|glossary|form|copy)( \(approved\))?( · OCR \d+%)?", line
            ):
                continue
            kept.append(line)
    return "".join("".join(kept).split())


def test_a_latin_review_takes_the_fast_path_and_shows_every_line_page_and_banner(tmp_path: Path) -> None:
    items = _items()
    assert bilingual._fast(items, "en", "fr") is not None
    out = tmp_path / "review.pdf"
    out.write_bytes(bilingual.render(items, "en", "fr", "annex.pdf"))

    assert _column(out, 0) == "".join("".join(item.source for item in items).split())
    assert _column(out, 298) == "".join("".join(item.target for item in items).split())

    pages = _pdftotext(out)
    assert len(pages) >= 4  # the tall block alone needs more than a page
    for number, page in enumerate(pages, start=1):
        assert BANNER in page
        assert f"{number} / {len(pages)}" in page
        assert "annex.pdf — en › fr" in page
        assert "Source (en)" in page and "Translation (fr)" in page  # header row repeated
    joined = "\n".join(pages)
    for page_number in (1, 2, 3):
        assert f"Original page {page_number}" in joined
        assert f"p. {page_number} #14 · " in joined
    assert "p. 1 #2 · glossary (approved)" in joined and "p. 3 #1 · memory · OCR 91%" in joined
    assert "1 234,50 €" in joined  # U+00A0 drawn as a space, never broken

    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and "Helvetica" not in fonts
    assert all(row.split()[-5] == "yes" for row in rows)  # every font embedded


def test_the_fast_path_shows_the_same_lines_as_the_paragraph_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same fonts and widths, same line breaks (reportlab's 5 % space shrink included): pdftotext
    reads the same lines from both, page numbers apart (the tall block is cut where each decides)."""
    items = [item for item in _items() if item.block.location.index != 14]
    fast = tmp_path / "fast.pdf"
    fast.write_bytes(bilingual.render(items, "en", "fr", "annex.pdf"))
    monkeypatch.setattr(bilingual, "_fast", lambda *_args: None)
    slow = tmp_path / "slow.pdf"
    slow.write_bytes(bilingual.render(items, "en", "fr", "annex.pdf"))

    def lines(path: Path) -> set[str]:
        text = "\n".join(_pdftotext(path, "-layout"))
        found = {part.strip() for line in text.splitlines() for part in re.split(r"\s{3,}", line)}
        return {line for line in found if line and not re.fullmatch(r"\d+ / \d+", line)}

    assert lines(fast) == lines(slow)
    assert len(_pdftotext(fast)) == len(_pdftotext(slow))


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "target"),
    [
        ("en", "ar", "طلب المساعدة القضائية"),  # right to left, shaped
        ("en", "zh", "司法协助请求"),  # CJK line breaking
        ("en", "fr", "שלום"),  # Hebrew in a Latin document: bidi
    ],
)
def test_documents_that_need_layout_keep_the_paragraph_path(
    source_lang: str, target_lang: str, target: str
) -> None:
    items = [TranslatedBlock(Block("The request", Location(page=1)), target, Origin.MACHINE)]
    assert bilingual._fast(items, source_lang, target_lang) is None
    assert bilingual.render(items, source_lang, target_lang, "x.pdf")[:5] == b"%PDF-"


def test_a_document_with_a_table_keeps_the_paragraph_path() -> None:
    cell = Block("Name", Location(page=1), cell=TableCell(table=0, row=0, column=0, rows=1, columns=1))
    items = [TranslatedBlock(cell, "Nom", Origin.MACHINE)]
    assert bilingual._fast(items, "en", "fr") is None
