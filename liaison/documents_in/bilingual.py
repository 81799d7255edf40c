"""The bilingual review PDF: source and translation side by side, block by block.

For PDFs and scans the translated document cannot be rebuilt faithfully, so the reviewer gets this
instead: each block of the original in the left column, its translation in the right one, under a
heading naming the original page; every row says where its translation came from (memory, form,
glossary, machine) and, for OCR, how confident the recognition was. Every page carries the
"unofficial machine translation" banner in the target language and in English, and "page X of Y".
Fonts and right-to-left text follow the export recipe of ``liaison.documents.pdf_text``.

Two writers show the same thing: reportlab Paragraphs in Tables (``story``) for any document, and a
fast path (``_fast``) that breaks and draws the lines itself for documents whose blocks are plain
left-to-right text in the Latin font (Latin, Cyrillic, Greek) with no table: three times less CPU,
which is what lets a PDF's translation with its review keep up with the bare model.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from liaison.documents import catalogs, page_setup
from liaison.documents.fonts import Script, faces_for, script_for_font, script_for_lang, script_of
from liaison.documents.pdf_text import Lang, Prepared, canvas_text, para, prepare
from liaison.documents_in.model import Origin, TranslatedBlock

BANNER = "UNOFFICIAL MACHINE TRANSLATION"
PAGE_W, PAGE_H = page_setup.PAGE_WIDTH, page_setup.PAGE_HEIGHT
MARGIN = 15 * mm
BANNER_FILL = colors.Color(0.99, 0.93, 0.80)
MACHINE_FILL = colors.Color(1.0, 0.97, 0.90)
GRID = colors.Color(0.75, 0.75, 0.75)
META_GREY = colors.Color(0.35, 0.35, 0.35)
HEADER_FILL = colors.Color(0.92, 0.92, 0.92)


def banner_text(target_lang: str) -> str:
    try:
        local = catalogs.translate(target_lang, BANNER)
    except catalogs.CatalogNotFound:
        local = BANNER
    return BANNER if local == BANNER else f"{local} / {BANNER}"


# the same banner and footer on every page: shaped and measured once, not once per page
_canvas_text = lru_cache(maxsize=64)(canvas_text)


def _decorate(banner: str, title: str, script: Script, canvas: Canvas, page: int, pages: int) -> None:
    canvas.saveState()
    canvas.setFillColor(BANNER_FILL)
    canvas.rect(MARGIN, PAGE_H - 14 * mm, PAGE_W - 2 * MARGIN, 8 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.Color(0.45, 0.2, 0.0))
    visual, font = _canvas_text(banner, script)
    canvas.setFont(font, 9)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 11.2 * mm, visual)
    canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
    visual, font = _canvas_text(title, Script.LATIN)
    canvas.setFont(font, 7.5)
    canvas.drawString(MARGIN, 10 * mm, visual)
    canvas.drawRightString(PAGE_W - MARGIN, 10 * mm, f"{page} / {pages}")
    canvas.restoreState()


class _Meta(Flowable):  # type: ignore[misc]
    """The small "where from" line under a source block: one short Latin line, drawn as it is (a
    Paragraph per row, parsed and broken into lines, was a fifth of the review's render time)."""

    SIZE, LEADING = 7.5, 10.0

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.font = faces_for(Script.LATIN).regular

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        return avail_width, self.LEADING

    def draw(self) -> None:
        self.canv.setFont(self.font, self.SIZE)
        self.canv.setFillColor(META_GREY)
        self.canv.drawString(0, 2.5, self.text)


def _lang(code: str) -> Lang:
    return Lang(rtl=code.split("_", maxsplit=1)[0] == "ar", script=script_for_lang(code))


def _meta(item: TranslatedBlock) -> str:
    parts = [item.block.location.label(), item.origin.value + (" (approved)" if item.approved else "")]
    if item.block.confidence is not None:
        parts.append(f"OCR {item.block.confidence:.0f}%")
    return " · ".join(parts)


def _group_heading(item: TranslatedBlock) -> str:
    loc = item.block.location
    return f"Original page {loc.page}" if loc.page else "Original document"


def _unreviewed(item: TranslatedBlock) -> bool:
    return item.origin is Origin.MACHINE and not item.approved


def _table(cells: list[TranslatedBlock], src: Lang, tgt: Lang, latin: Lang) -> list[Flowable]:
    """A table of the original as a table: each cell holds its source (small) over its translation."""
    first = cells[0].block.cell
    assert first is not None
    grid: list[list[Any]] = [[""] * first.columns for _ in range(first.rows)]
    style: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("FONTNAME", (0, 0), (-1, -1), faces_for(Script.LATIN).regular),
    ]
    for item in cells:
        where = item.block.cell
        assert where is not None
        grid[where.row][where.column] = [
            para(item.source, src, "small"),
            para(item.target or " ", tgt, "cell"),
        ]
        if _unreviewed(item):
            style.append(("BACKGROUND", (where.column, where.row), (where.column, where.row), MACHINE_FILL))
    label = (
        f"Table {first.table + 1} of the page ({first.rows} × {first.columns}): "
        "source above, translation below"
    )
    width = (PAGE_W - 2 * MARGIN) / first.columns
    return [
        para(label, latin, "small"),
        Table(grid, colWidths=[width] * first.columns, splitInRow=1, style=TableStyle(style)),
        Spacer(1, 4 * mm),
    ]


def _table_key(item: TranslatedBlock) -> tuple[int, int] | None:
    cell = item.block.cell
    return None if cell is None else (item.block.location.page, cell.table)


def story(items: Sequence[TranslatedBlock], source_lang: str, target_lang: str) -> list[Flowable]:
    src, tgt, latin = _lang(source_lang), _lang(target_lang), Lang(False, Script.LATIN)
    width = (PAGE_W - 2 * MARGIN) / 2
    flow: list[Flowable] = []
    rows: list[list[Any]] = []
    fills: list[int] = []
    cells: list[TranslatedBlock] = []
    heading = None

    def flush() -> None:
        if cells:
            flow.extend(_table(cells, src, tgt, latin))
            cells.clear()
        if not rows:
            return
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("FONTNAME", (0, 0), (-1, -1), faces_for(Script.LATIN).regular),
        ]
        style += [("BACKGROUND", (1, row), (1, row), MACHINE_FILL) for row in fills]
        flow.append(
            Table(list(rows), colWidths=[width, width], repeatRows=1, splitInRow=1, style=TableStyle(style))
        )
        flow.append(Spacer(1, 4 * mm))
        rows.clear()
        fills.clear()

    for item in items:
        group = _group_heading(item)
        if group != heading:
            flush()
            heading = group
            flow.append(para(group, latin, "heading"))
            flow.append(Spacer(1, 2 * mm))
        key = _table_key(item)
        if (cells and key != _table_key(cells[0])) or (rows and key is not None):
            flush()
        if key is not None:
            cells.append(item)
            continue
        if not rows:
            rows.append(
                [
                    para(f"Source ({source_lang})", latin, "cellhead"),
                    para(f"Translation ({target_lang})", latin, "cellhead"),
                ]
            )
        rows.append(
            [
                [para(item.source, src, "cell"), _Meta(_meta(item))],
                [para(item.target or " ", tgt, "cell")],
            ]
        )
        if _unreviewed(item):
            fills.append(len(rows) - 1)
    flush()
    return flow or [para("(no text found in the document)", latin)]


# --- The fast path: documents whose every block is plain left-to-right text --------------------------
#
# Measured on the bench's 20 pages (518 sentences): reportlab's Paragraphs in a Table cost about
# 0.15 s of CPU, as much as a fifth of the bare model's time. The review of a document in Latin,
# Cyrillic or Greek needs none of what they bring (shaping, bidi, CJK breaking, markup): its lines
# are broken here with each word's width measured once, set in one text object per page, and the
# pages are counted before they are drawn. It shows the same thing the Paragraph path does (same
# fonts, sizes, columns, grid, fills, headings, repeated header row, banner, "page X of Y"); a
# document with a table, right-to-left or CJK text takes the Paragraph path whole.

_NEEDS_LAYOUT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"[ \t\r\n]+")
_SHRINK = ParagraphStyle("-").spaceShrinkage
_PAD_X, _PAD_Y = 6.0, 3.0  # reportlab Table's default cell padding
_CELL = (8.5, 11.0)  # size, leading: the "cell" and "cellhead" roles of pdf_text
_HEADING = (11.5, 15.0)
_META = (_Meta.SIZE, _Meta.LEADING)
_TOP_MARGIN, _BOTTOM = 18 * mm, 16 * mm
_TOP = PAGE_H - _TOP_MARGIN


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    font: str
    size: float
    leading: float
    grey: bool = False


_ASCII_TEXT = frozenset(map(chr, range(32, 127))) | {"\t", "\n", "\r"}


def _plain(text: str, script: Script, known: set[str]) -> Prepared | None:
    """The prepared string if it needs no layout beyond breaking at spaces, else None.

    ``known`` holds the characters already found to need nothing but the Latin font: a text made of
    them only is what ``prepare`` would give, without its per-string font coverage check (a
    document reuses a few dozen characters; the check was a quarter of the layout's time)."""
    text = text.replace("\u202f", "\u00a0")  # as ``pdf_text._clean``
    latin = faces_for(Script.LATIN).regular
    if script is Script.LATIN and known.issuperset(text):
        return Prepared(latin, text.strip(), None)
    ready = prepare(text, script)
    if ready.rtl is not None or _NEEDS_LAYOUT.search(ready.text):
        return None
    if script_for_font(ready.font) is Script.CJK or script_of(ready.text) is not Script.LATIN:
        return None
    if script is Script.LATIN and ready.font == latin:
        known.update(ready.text)
    return ready


class _Breaker:
    """Greedy line breaking at ASCII spaces (U+00A0 binds, as in the Paragraph path), with words too
    long for the column cut where they overflow (``splitLongWords``); widths cached per word."""

    def __init__(self) -> None:
        self._widths: dict[tuple[str, float], dict[str, float]] = {}  # (font, size) → word → width

    def lines(self, text: str, font: str, size: float, avail: float) -> list[str]:
        widths = self._widths.setdefault((font, size), {})
        measure = pdfmetrics.stringWidth
        out: list[str] = []
        space = measure(" ", font, size)
        line: list[str] = []
        used = 0.0
        for word in _SPACES.split(text):
            if not word:
                continue
            wide = widths.get(word)
            if wide is None:
                wide = widths[word] = measure(word, font, size)
            # reportlab lets a line's spaces shrink by 5 % (``spaceShrinkage``): so do we
            if line and used + space + wide <= avail + _SHRINK * space * len(line):
                line.append(word)
                used += space + wide
                continue
            if wide > avail:  # cut as reportlab's splitLongWords does: the line's rest filled first
                pieces = self._cut(word, font, size, used + space if line else 0.0, avail)
                if pieces[0]:
                    line.append(pieces[0])
                if line:
                    out.append(" ".join(line))
                out.extend(pieces[1:-1])
                line, used = [pieces[-1]], measure(pieces[-1], font, size)
                continue
            if line:
                out.append(" ".join(line))
            line, used = [word], wide
        if line:
            out.append(" ".join(line))
        return out

    @staticmethod
    def _cut(word: str, font: str, size: float, start: float, avail: float) -> list[str]:
        """``word`` in pieces: the first fills the line from ``start``, the others whole lines."""
        pieces: list[str] = []
        piece, used = "", start
        for char in word:
            wide = pdfmetrics.stringWidth(char, font, size)
            if used + wide > avail and (piece or wide <= avail):
                pieces.append(piece)
                piece, used = "", 0.0
            piece += char
            used += wide
        pieces.append(piece)
        return pieces


def _height(lines: Sequence[_Line]) -> float:
    return sum(line.leading for line in lines)


def _take(lines: list[_Line], room: float) -> tuple[list[_Line], list[_Line]]:
    used, count = 0.0, 0
    for line in lines:
        if used + line.leading > room:
            break
        used += line.leading
        count += 1
    return lines[:count], lines[count:]


class _Pager:
    """Lays rows out page by page as drawing operations; pages are drawn once they are all counted."""

    def __init__(self, header: tuple[_Line, _Line]) -> None:
        self.pages: list[list[tuple[Any, ...]]] = [[]]
        self.y = _TOP
        self.header = header
        self.in_table = False
        self.fresh = True  # nothing on the page yet but a repeated header row
        self.left, self.width = MARGIN, (PAGE_W - 2 * MARGIN) / 2

    def new_page(self) -> None:
        self.pages.append([])
        self.y = _TOP
        if self.in_table:
            self._row([self.header[0]], [self.header[1]], fill_head=True)
        self.fresh = True

    def heading(self, text: str, font: str, first_row: float) -> None:
        self.in_table = False
        # the heading is kept with the header row and the group's first row
        needed = _HEADING[1] + 2 * mm + (_CELL[1] + 2 * _PAD_Y) + (first_row + 2 * _PAD_Y)
        if not self.fresh and self.y - needed < _BOTTOM:
            self.new_page()
        self.pages[-1].append(("text", self.left, self.y - _HEADING[0], _Line(text, font, *_HEADING)))
        self.y -= _HEADING[1] + 2 * mm
        self._row([self.header[0]], [self.header[1]], fill_head=True)
        self.in_table = True

    def end_table(self) -> None:
        self.in_table = False
        self.y -= 4 * mm

    def row(self, left: list[_Line], right: list[_Line], fill: bool) -> None:
        """A row is kept whole (moved to the next page) unless it is taller than a page: then it is
        cut line by line, the header row repeated above each part."""
        while True:
            room = self.y - _BOTTOM - 2 * _PAD_Y
            if max(_height(left), _height(right)) <= room:
                self._row(left, right, fill=fill)
                self.fresh = False
                return
            if not self.fresh:
                self.new_page()
                continue
            left_now, left = _take(left, room)
            right_now, right = _take(right, room)
            self._row(left_now, right_now, fill=fill)
            self.new_page()

    def _row(
        self, left: list[_Line], right: list[_Line], *, fill: bool = False, fill_head: bool = False
    ) -> None:
        height = max(_height(left), _height(right)) + 2 * _PAD_Y
        top, ops = self.y, self.pages[-1]
        bottom = top - height
        if fill_head:
            ops.append(("fill", HEADER_FILL, self.left, bottom, 2 * self.width, height))
        elif fill:
            ops.append(("fill", MACHINE_FILL, self.left + self.width, bottom, self.width, height))
        for x, lines in ((self.left, left), (self.left + self.width, right)):
            y = top - _PAD_Y
            for line in lines:
                # a paragraph's baseline sits its font size below the line's top; the origin line's
                # 2.5 pt above its box's foot (as ``_Meta`` draws it)
                baseline = y - line.leading + 2.5 if line.grey else y - line.size
                ops.append(("text", x + _PAD_X, baseline, line))
                y -= line.leading
        ops.append(("grid", self.left, bottom, self.width, height))
        self.y = bottom


def _fast(
    items: Sequence[TranslatedBlock], source_lang: str, target_lang: str
) -> list[list[tuple[Any, ...]]] | None:
    """The review's pages as drawing operations, or None if a block needs the Paragraph path."""
    if not items or any(item.block.cell is not None for item in items):
        return None
    src, tgt = script_for_lang(source_lang), script_for_lang(target_lang)
    if src is not Script.LATIN or tgt is not Script.LATIN:
        return None
    latin = faces_for(Script.LATIN)
    breaker = _Breaker()
    known = set(_ASCII_TEXT)
    avail = (PAGE_W - 2 * MARGIN) / 2 - 2 * _PAD_X
    rows: list[tuple[str, list[_Line], list[_Line], bool]] = []
    for item in items:
        source, target = _plain(item.source, src, known), _plain(item.target or " ", tgt, known)
        if source is None or target is None:
            return None
        left = [
            _Line(t, source.font, *_CELL) for t in breaker.lines(source.text, source.font, _CELL[0], avail)
        ]
        left.append(_Line(_meta(item), latin.regular, *_META, grey=True))
        right = [
            _Line(t, target.font, *_CELL) for t in breaker.lines(target.text, target.font, _CELL[0], avail)
        ]
        rows.append((_group_heading(item), left, right, _unreviewed(item)))
    pager = _Pager(
        (
            _Line(f"Source ({source_lang})", latin.bold, *_CELL),
            _Line(f"Translation ({target_lang})", latin.bold, *_CELL),
        )
    )
    heading = None
    for group, left, right, fill in rows:
        if group != heading:
            if heading is not None:
                pager.end_table()
            heading = group
            pager.heading(group, latin.bold, max(_height(left), _height(right)))
        pager.row(left, right, fill)
    return pager.pages


class _Encoder:
    """A line's bytes in the embedded font's subsets: each character is given its code once (by
    ``TTFont.splitString``, the only thing that assigns codes), then a line whose characters all
    sit in the first subset (any Latin text of fewer than ~220 distinct characters) is encoded with
    one ``str.translate``. reportlab's ``textOut`` instead walks every character of every line in
    Python and measures the line again (half of drawing the page). The Tj operators written are
    those ``PDFTextObject._formatText`` writes for a TrueType font."""

    def __init__(self, canvas: Canvas) -> None:
        self.doc = canvas._doc
        self.escape = canvas._escape
        self._codes: dict[str, dict[int, tuple[int, int]]] = {}  # font → character → (subset, code)
        self._first: dict[str, dict[int, str]] = {}  # font → character → its code, first subset only
        self._first_chars: dict[str, set[str]] = {}  # font → the characters of ``_first``

    def pieces(self, text: str, font_name: str) -> list[tuple[int, bytes]]:
        first = self._first.setdefault(font_name, {})
        chars = set(text)
        if chars.issubset(self._first_chars.setdefault(font_name, set())):
            return [(0, text.translate(first).encode("latin-1"))]
        codes = self._codes.setdefault(font_name, {})
        font = pdfmetrics.getFont(font_name)
        for char in chars.difference(map(chr, codes)):
            ((subset, raw),) = font.splitString(char, self.doc)
            codes[ord(char)] = (subset, raw[0])
            if subset == 0:
                first[ord(char)] = chr(raw[0])
                self._first_chars[font_name].add(char)
        if chars.issubset(self._first_chars[font_name]):
            return [(0, text.translate(first).encode("latin-1"))]
        out: list[tuple[int, bytearray]] = []
        for point in map(ord, text):
            subset, code = codes[point]
            if not out or out[-1][0] != subset:
                out.append((subset, bytearray()))
            out[-1][1].append(code)
        return [(subset, bytes(raw)) for subset, raw in out]

    def subset_name(self, font_name: str, subset: int) -> str:
        """The PDF name of one subset of the font (naming it is also what embeds it in the file)."""
        name: str = pdfmetrics.getFont(font_name).getSubsetInternalName(subset, self.doc)
        return name


_BLACK, _GREY = "0 g", "{} {} {} rg".format(*(fp_str(c) for c in META_GREY.rgb()))


def _draw(canvas: Canvas, ops: list[tuple[Any, ...]], encoder: _Encoder) -> None:
    """One page's operations: fills first, then every line in one text object, then the grid.

    The text object's operators are written here (a Tm per line, a Tf when the font, size or subset
    changes, Tj): ``textOut``, ``setTextOrigin`` and ``setFillColor`` format every number and colour
    anew, several times the cost of the text itself."""
    for op in ops:
        if op[0] == "fill":
            canvas.setFillColor(op[1])
            canvas.rect(*op[2:], stroke=0, fill=1)
    code = ["BT"]
    current: tuple[str, float, int] | None = None
    grey: bool | None = None
    for op in ops:
        if op[0] != "text":
            continue
        line: _Line = op[3]
        if line.grey != grey:
            grey = line.grey
            code.append(_GREY if grey else _BLACK)
        code.append(f"1 0 0 1 {op[1]:.2f} {op[2]:.2f} Tm")
        for subset, raw in encoder.pieces(line.text, line.font):
            if (line.font, line.size, subset) != current:
                current = (line.font, line.size, subset)
                code.append(f"{encoder.subset_name(line.font, subset)} {fp_str(line.size)} Tf")
            code.append(f"({encoder.escape(raw)}) Tj")
    code.append(_BLACK if grey else "")
    code.append("ET")
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    for op in ops:
        if op[0] == "grid":
            _kind, x, y, width, height = op
            code.append(f"{x:.2f} {y:.2f} {width:.2f} {height:.2f} re S")
            code.append(f"{x + width:.2f} {y:.2f} {width:.2f} {height:.2f} re S")
    canvas._code.append(" ".join(code))


def render(items: Sequence[TranslatedBlock], source_lang: str, target_lang: str, title: str) -> bytes:
    banner = banner_text(target_lang)
    decorate = partial(
        # "›", not "→": the bundled Latin face has no arrows (the footer showed "en fr")
        _decorate,
        banner,
        f"{title} — {source_lang} › {target_lang}",
        script_for_lang(target_lang),
    )
    doc_title = f"{title} ({source_lang} → {target_lang}, review)"
    pages = _fast(items, source_lang, target_lang)
    if pages is not None:
        return _render_fast(pages, decorate, doc_title)
    buffer = io.BytesIO()
    template = page_setup.a4_template(
        buffer,
        margins=(MARGIN, _TOP_MARGIN, _BOTTOM),
        font=faces_for(Script.LATIN).regular,
        title=doc_title,
    )
    page_setup.build(template, story(items, source_lang, target_lang), decorate)
    return buffer.getvalue()


def _render_fast(pages: list[list[tuple[Any, ...]]], decorate: partial[None], title: str) -> bytes:
    """The pages laid out by ``_fast``, on a canvas set up as ``page_setup.a4_template`` sets its own."""
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_W, PAGE_H),
        invariant=1,
        initialFontName=faces_for(Script.LATIN).regular,
    )
    canvas.setTitle(title)
    canvas.setAuthor("")
    canvas.setCreator("Liaison")
    encoder = _Encoder(canvas)
    for number, ops in enumerate(pages, start=1):
        _draw(canvas, ops, encoder)
        decorate(canvas, number, len(pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
