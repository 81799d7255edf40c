"""Text-layer PDFs with pdfminer.six, streamed one page at a time.

Reading order: pdfminer groups characters into lines and text boxes; we order the boxes ourselves,
by bands and columns (a box spanning most of the page width, such as a title, closes a band; inside
a band, the left column is read top to bottom before the right one). Lines inside a box are joined,
words hyphenated at a line end are mended.

Bounds: the page count is read from the page tree before any text (a "10,000 pages" claim in the
trailer is not believed: only pages that exist are counted, and more than the limit is refused), and
an encrypted PDF that needs a password is refused with that reason. Pages with no text layer are
marked for OCR. The time budget per page is enforced by running this module in a worker process
that is killed when a page takes too long (``pdf_worker``): pdfminer cannot be interrupted.

Speed: pdfminer reads the content streams; lines and boxes are built by ``pdf_layout`` from one run
of text per string operator, not from pdfminer's per-glyph layout analysis.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from liaison.documents_in.limits import (
    DEFAULT,
    DocumentError,
    HostileDocument,
    Limits,
    UnsupportedDocument,
)
from liaison.documents_in.model import Block, Location, TableCell
from liaison.documents_in.pdf_layout import PageContent, RunCollector, boxes_of, lines_of
from liaison.documents_in.pdf_tables import FoundTable, TableFinder

_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
MIN_TEXT_CHARS = 12  # fewer characters on a page: treat it as scanned


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    text: str
    table: FoundTable | None = None  # a whole table, placed in the reading order as one box


def _clean(raw: str) -> str:
    mended = _HYPHEN_BREAK.sub(lambda m: m.group(1) + m.group(2) if m.group(2).islower() else m.group(0), raw)
    return " ".join(mended.split())


def reading_order(boxes: list[Box], width: float) -> list[Box]:
    """Bands separated by full-width boxes; in each band, columns left to right, each top to bottom."""
    ordered: list[Box] = []
    band: list[Box] = []

    def flush() -> None:
        middle = width / 2
        left = sorted((b for b in band if (b.x0 + b.x1) / 2 < middle), key=lambda b: (b.top, b.x0))
        right = sorted((b for b in band if (b.x0 + b.x1) / 2 >= middle), key=lambda b: (b.top, b.x0))
        single_column = not left or not right or min(b.x1 for b in right) < max(b.x0 for b in left)
        ordered.extend(sorted(band, key=lambda b: (b.top, b.x0)) if single_column else left + right)
        band.clear()

    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        if box.x1 - box.x0 > 0.6 * width:
            flush()
            ordered.append(box)
        else:
            band.append(box)
    flush()
    return ordered


def _document(name: str, data: bytes) -> PDFDocument:
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnsupportedDocument(
            f"{name}: the PDF is encrypted: open it with its password and save a copy without"
        ) from None
    except Exception as error:
        raise UnsupportedDocument(f"{name}: damaged PDF ({type(error).__name__})") from None


def count_pages(name: str, data: bytes, limits: Limits = DEFAULT) -> int:
    document = _document(name, data)
    count = 0
    try:
        for _page in PDFPage.create_pages(document):
            count += 1
            if count > limits.max_pages:
                raise HostileDocument(f"{name}: more than {limits.max_pages} pages: refused (split the file)")
    except DocumentError:
        raise
    except Exception as error:
        raise UnsupportedDocument(f"{name}: damaged PDF page tree ({type(error).__name__})") from None
    if count == 0:
        raise UnsupportedDocument(f"{name}: the PDF has no pages")
    return count


def _page_boxes(content: PageContent, tables: list[FoundTable]) -> list[Box]:
    boxes = [Box(t.x0, t.top, t.x1, "", t) for t in tables]
    outside = [  # runs inside a table are read as its cells
        run
        for run in content.runs
        if not any(t.holds((run.x0 + run.x1) / 2, (run.top + run.bottom) / 2) for t in tables)
    ]
    for box in boxes_of(lines_of(outside)):
        text = _clean(box.text())
        if text:
            boxes.append(Box(box.x0, box.top, box.x1, text))
    return boxes


def _blocks(number: int, boxes: list[Box]) -> list[Block]:
    blocks: list[Block] = []
    tables = 0
    for box in boxes:
        if box.table is None:
            blocks.append(Block(box.text, Location(number, "body", len(blocks))))
            continue
        rows, columns = len(box.table.rows), max(len(row) for row in box.table.rows)
        for r, row in enumerate(box.table.rows):
            for c, text in enumerate(row):
                if text:
                    cell = TableCell(tables, r, c, rows, columns)
                    blocks.append(Block(text, Location(number, "table", len(blocks)), cell=cell))
        tables += 1
    return blocks


@dataclass
class PdfPage:
    number: int
    blocks: list[Block]
    has_text: bool


def pages(name: str, data: bytes, limits: Limits = DEFAULT) -> Iterator[PdfPage]:
    """Each page's blocks in reading order, one page in memory at a time."""
    document = _document(name, data)
    manager = PDFResourceManager(caching=False)
    device = RunCollector(manager)
    interpreter = PDFPageInterpreter(manager, device)
    finder = TableFinder(data)
    try:
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > limits.max_pages:
                raise HostileDocument(f"{name}: more than {limits.max_pages} pages: refused (split the file)")
            interpreter.process_page(page)
            content = device.page
            tables = finder.find(number, len(content.edges), _clean)
            blocks = _blocks(number, reading_order(_page_boxes(content, tables), content.width))
            chars = sum(len(b.text) for b in blocks)
            yield PdfPage(number, blocks, chars >= MIN_TEXT_CHARS)
    except DocumentError:
        raise
    except Exception as error:
        raise UnsupportedDocument(f"{name}: damaged PDF content ({type(error).__name__})") from None
    finally:
        finder.close()
