"""Section entries as label | value rows (``pdf_rows.EntryRow``) and the QR drawn in module units:
the faster layout must print exactly what the table did, across page breaks, in both directions."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pikepdf

from liaison.documents import pdfcheck
from liaison.documents.layout import Entry, Section, TextKind
from liaison.documents.pdf import render
from liaison.documents.pdf_rows import EntryRow
from liaison.documents.pdf_story import QR_PREFIX, Story, _qr_modules

from .conftest import CREATED, sample_document
from .test_pdf import squash, squash_rtl


def _long_entry() -> Section:
    lines = "\n".join(f"Line {n:03d} of a long statement of facts, kept whole." for n in range(1, 181))
    return Section(
        "9", "Facts", (Entry("Statement", lines, TextKind.MACHINE), Entry("", "After the statement."))
    )


def test_entries_are_rows_not_one_table() -> None:
    flow = Story(sample_document("en"), None).build()
    rows = [f for f in flow if isinstance(f, EntryRow)]
    assert len(rows) >= 10
    assert all(len(r.cells) == len(r.widths) == len(r.fills) for r in rows)


def test_a_row_longer_than_a_page_splits_and_loses_nothing(tmp_path: Path) -> None:
    for lang, fold in (("en", squash), ("ar", squash_rtl)):
        doc = sample_document(lang)
        doc = replace(doc, sections=(*doc.sections, _long_entry()))
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(render(doc, created=CREATED))
        pages = [fold(p) for p in pdfcheck.pages(path, layout=False, diagonal=False)]
        text = "".join(pages)
        positions = [text.index(fold(f"Line {n:03d}")) for n in range(1, 181)]
        assert positions == sorted(positions), lang  # every line, once, in order
        assert sum(fold("Line 001") in p for p in pages) == 1
        assert text.index(fold("Line 180")) < text.index(fold("After the statement."))
        first = next(i for i, p in enumerate(pages) if fold("Line 001") in p)
        last = next(i for i, p in enumerate(pages) if fold("Line 180") in p)
        assert last > first, lang  # the row was split across pages


def test_qr_rectangles_are_the_code_modules() -> None:
    doc = sample_document("fr")
    with pikepdf.open(io.BytesIO(render(doc, created=CREATED))) as pdf:
        ops = pikepdf.parse_content_stream(pdf.pages[-1])
        rects = [tuple(float(x) for x in operands) for operands, op in ops if str(op) == "re"]
    modules = _qr_modules(QR_PREFIX + doc.content_hash)
    border, side = 4, len(modules) + 8
    dark = set()
    for x, y, w, h in rects:
        if h == 1.05 and x == int(x) and w == int(w):
            row = side - border - 1 - int(y)
            dark.update((row, int(x) - border + i) for i in range(int(w)))
    expected = {(r, c) for r, line in enumerate(modules) for c, on in enumerate(line) if on}
    assert dark == expected
