"""Tables on a text PDF's pages, found by pdfplumber from their ruling lines.

Why only on pages with ruling lines: pdfplumber parses the page again with pdfminer (its own
objects, per glyph), which costs as much as reading the page; the reader's own pass already knows
whether a page has any straight lines (``pdf_layout.PageContent.edges``), and a table without a
single line is not detected by the "lines" strategy anyway. The document is opened by pdfplumber
once, on the first such page, and its page caches are dropped after each page.

Each non-empty cell becomes a block of its own (translated on its own, shown in a table in the
review PDF); the text boxes inside a table's area are left out, so nothing is read twice.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

MIN_EDGES = 4  # fewer ruling lines on a page: no table can be drawn with them


@dataclass(frozen=True)
class FoundTable:
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[str]]  # cell texts, "" for an empty or merged cell

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


class TableFinder:
    """Tables page by page for one document; pdfplumber is opened on the first page that may have one."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pdf: Any = None

    def find(self, number: int, edges: int, clean: Any) -> list[FoundTable]:
        if edges < MIN_EDGES:
            return []
        if self._pdf is None:
            import pdfplumber  # noqa: PLC0415  (loaded only for a page with ruling lines)

            self._pdf = pdfplumber.open(io.BytesIO(self._data))
        page = self._pdf.pages[number - 1]
        try:
            found = []
            for table in page.find_tables():
                rows = [[clean(cell or "") for cell in row] for row in table.extract()]
                if len(rows) < 2 or max(len(row) for row in rows) < 2:
                    continue  # a framed paragraph, not a table
                x0, top, x1, bottom = table.bbox
                found.append(FoundTable(float(x0), float(top), float(x1), float(bottom), rows))
            return found
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
