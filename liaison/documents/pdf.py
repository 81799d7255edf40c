"""Lay out a ``Document`` as a PDF: one language, or two side by side (partner's and officer's).

The document arrives translated and formatted; this module only decides where things go, which
font each paragraph needs and which way it runs. The reportlab recipe (docs/pdf-fonts-qt.md):

* Each paragraph gets ONE font that covers all of its characters (``fonts.pick_faces``), because
  reportlab has no glyph fallback and a missing glyph prints as an empty box.
* Arabic is pre-shaped with ``arabic_reshaper`` (only ligatures the font has) and laid out by
  ``rlbidi_shim.BidiParagraph``: lines are broken in logical order and each line is reordered with
  UAX #9. Harfbuzz shaping stays off and there is no inline markup (both break RTL in reportlab 5.1).
  Tables are mirrored for RTL documents, so labels sit on the right.
* Every text-drawing path names a font: the canvas (``initialFontName``) and every table style,
  otherwise reportlab refers to a non-embedded Helvetica.
* "Page X of Y" needs the page count, so the canvas keeps each page and draws footers in ``save()``.

``postprocess.finalize`` then rewrites the file with clean metadata, so every export is a fresh,
complete file (no incremental update that could keep an older version inside).
"""

from __future__ import annotations

import functools
import io
import itertools
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from itertools import zip_longest
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import HRFlowable

from liaison.documents import postprocess
from liaison.documents.fonts import (
    Script,
    has_arabic,
    pick_faces,
    reshape,
    script_for_font,
    script_for_lang,
    script_of,
)
from liaison.documents.layout import Document, Entry, Section, SignatureBlock, Table, TextKind
from liaison.documents.rlbidi_shim import BidiParagraph, base_is_rtl, display_line, isolate_codes

# Streams are Flate-compressed binary, not also ASCII85-encoded (reportlab's default, in pure Python):
# 7 ms of a 5-page render and a fifth of the file size, for a 7-bit safety no PDF reader needs.
# (A process-wide reportlab setting; harmless for any other reportlab use.)
rl_config.useA85 = 0

MACHINE_MARK = "†"  # after a machine-translated value; the document's notices should explain it
UNTRANSLATED_MARK = "‡"  # after a value left in its original language
QR_PREFIX = "liaison-mla:sha256:"


@functools.lru_cache(maxsize=32)
def _qr_modules(value: str) -> tuple[tuple[bool, ...], ...]:
    """The QR matrix of a content hash. A request is usually exported several times with the same
    content (each partner language, bilingual, re-exports), and encoding tries all eight masks in
    pure Python (~8 ms), so the matrix is computed once per hash."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


class _HashQr(QrCode):  # type: ignore[misc]
    """reportlab's QrCode flowable drawing a cached matrix (same modules, same rectangles)."""

    qrBorder = 4

    def __init__(self, value: str, *, width: float, height: float) -> None:
        Flowable.__init__(self)
        self.value, self.width, self.height = value, width, height

    def draw(self) -> None:
        modules = _qr_modules(self.value)
        border = self.qrBorder
        xsize = self.width / (len(modules) + border * 2.0)
        ysize = self.height / (len(modules) + border * 2.0)
        for r, row in enumerate(modules):
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    y = self.height - (r + border + 1) * ysize
                    self.canv.rect((c + border) * xsize, y, count * xsize, ysize * 1.05, stroke=0, fill=1)
                c += count


PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
BOTTOM = 24 * mm  # leaves room for the footer
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
GRID = colors.Color(0.6, 0.6, 0.6)
HEADER_FILL = colors.Color(0.9, 0.9, 0.9)
NOTICE_FILL = colors.Color(0.98, 0.95, 0.85)
MACHINE_FILL = colors.Color(1.0, 0.97, 0.86)
UNTRANSLATED_FILL = colors.Color(0.93, 0.93, 0.98)
WATERMARK_GREY = colors.Color(0.86, 0.86, 0.86)

_ROLES: dict[str, tuple[float, float, bool]] = {  # size, leading, bold
    "body": (9.5, 13.0, False),
    "label": (9.0, 12.0, True),
    "cell": (8.5, 11.0, False),
    "cellhead": (8.5, 11.0, True),
    "heading": (11.5, 15.0, True),
    "title": (15.0, 19.0, True),
    "subtitle": (11.0, 14.0, False),
    "letterhead": (11.0, 14.0, True),
    "small": (8.0, 10.5, False),
}
_Command = tuple[Any, ...]  # a reportlab TableStyle command
_GUTTER: tuple[_Command, ...] = (
    ("RIGHTPADDING", (0, 0), (0, -1), 9),
    ("LEFTPADDING", (1, 0), (1, -1), 9),
    ("LINEAFTER", (0, 0), (0, -1), 0.25, GRID),
)  # between the two languages of a bilingual block
_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}
_STYLES: dict[tuple[str, str, str, str | None], ParagraphStyle] = {}


@dataclass(frozen=True)
class _Lang:
    """Reading direction and base script of one column's document."""

    rtl: bool
    script: Script


def _style(font: str, role: str, align: str, wrap: str | None) -> ParagraphStyle:
    """Styles are cached: creating hundreds per document was a measurable share of render time."""
    key = (font, role, align, wrap)
    style = _STYLES.get(key)
    if style is None:
        size, leading, _bold = _ROLES[role]
        style = _STYLES[key] = ParagraphStyle(
            name="-".join(str(k) for k in key),
            fontName=font,
            fontSize=size,
            leading=leading * (1.12 if wrap == "CJK" else 1.0),
            alignment=_ALIGN[align],
            wordWrap=wrap,
            shaping=0,
            splitLongWords=1,
        )
    return style


def _clean(text: str) -> str:
    # reportlab breaks lines at U+202F (babel's French thousands separator) and draws it as a plain
    # space; U+00A0 keeps "1 234,89 €" on one line.
    return text.replace("\u202f", "\u00a0").strip()


class _Paragraph(Paragraph):  # type: ignore[misc]
    """A Paragraph that remembers its last wrap: tables wrap every cell again when they draw it.

    Measured: a third of the render time was breaking the same lines a second time.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # (split() drops the broken lines, blPara, when it gives up: then wrap again for real)
        if self._wrapped is not None and self._wrapped[0] == avail_width and "blPara" in self.__dict__:
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped = (avail_width, size)
        return size


@dataclass(frozen=True)
class Prepared:
    """A string as it will be drawn: its font and its characters after Arabic shaping."""

    font: str
    text: str
    rtl: bool | None  # None: no Arabic, reportlab lays it out; else the paragraph's base direction


def prepare(text: str, preferred: Script, *, bold: bool = False) -> Prepared:
    """Font choice and shaping for one string; the glyph-coverage test checks exactly this output."""
    text = _clean(text)
    faces = pick_faces(text, preferred)
    font = faces.bold if bold else faces.regular
    if not has_arabic(text):
        return Prepared(font, text, None)
    rtl = base_is_rtl(text)
    return Prepared(font, reshape(isolate_codes(text) if rtl else text, font), rtl)


def para(
    text: str, lang: _Lang, role: str = "body", *, align: str = "start", value_lang: str = ""
) -> Flowable:
    """One paragraph in one font; Arabic right-to-left (``BidiParagraph``), CJK with CJK line breaking."""
    size, leading, bold = _ROLES[role]
    ready = prepare(text, script_for_lang(value_lang) if value_lang else lang.script, bold=bold)
    if ready.rtl is not None:
        return BidiParagraph(ready.text, ready.font, size, leading, _side(align, ready.rtl), rtl=ready.rtl)
    wrap = (
        "CJK" if script_for_font(ready.font) is Script.CJK and script_of(ready.text) is Script.CJK else None
    )
    return _Paragraph(
        escape(ready.text), _style(ready.font, role, _side(align, lang.rtl and not value_lang), wrap)
    )


def _side(align: str, rtl: bool) -> str:
    """ "start"/"end" to "left"/"right" for the paragraph's direction; "center" unchanged."""
    if align in ("start", "end"):
        return "right" if (align == "start") == rtl else "left"
    return align


def paras(text: str, lang: _Lang, role: str = "body", **kw: str) -> list[Flowable]:
    """A multi-line value as one paragraph per line (line breaks as markup would defeat RTL)."""
    return [para(line, lang, role, **kw) for line in text.splitlines() if line.strip()] or [Spacer(1, 1)]


def canvas_text(text: str, preferred: Script) -> tuple[str, str]:
    """Visual-order text and font for a string drawn straight on the canvas (footer, watermark)."""
    ready = prepare(text, preferred)
    if ready.rtl is None:
        return ready.text, ready.font
    return display_line(ready.text, ready.rtl), ready.font


def _table(
    rows: list[list[Any]],
    widths: Sequence[float],
    commands: Sequence[_Command] = (),
    font: str = "",
    **kw: Any,
) -> RLTable:
    """A platypus table whose default font is ours (the table default is non-embedded Helvetica)."""
    base: list[_Command] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    return RLTable(rows, colWidths=list(widths), style=base + list(commands), splitInRow=1, **kw)


class _Story:
    """Builds the flowables; with a second document every block becomes one column per language."""

    def __init__(self, doc: Document, second: Document | None) -> None:
        self.docs = [doc] if second is None else [doc, second]
        self.langs = [_Lang(d.rtl, script_for_lang(d.lang)) for d in self.docs]
        self.mirror = doc.rtl
        self.font = pick_faces("", self.langs[0].script).regular
        self.flow: list[Flowable] = []

    def _ordered(self, row: list[Any]) -> list[Any]:
        return row[::-1] if self.mirror else row

    def _add(self, cells: list[list[Flowable]], commands: Sequence[_Command] = ()) -> None:
        """One block: straight into the story, or side by side when bilingual."""
        if len(cells) == 1 and not commands:
            self.flow.extend(cells[0])
            return
        width = CONTENT_WIDTH / len(cells)
        self.flow.append(
            _table([self._ordered(cells)], [width] * len(cells), [*_GUTTER, *commands], self.font)
        )

    def _each(self, build: Callable[[Document, _Lang], list[Flowable]]) -> list[list[Flowable]]:
        return [build(d, lang) for d, lang in zip(self.docs, self.langs, strict=True)]

    def _stack(self, texts: Sequence[str], role: str, **kw: str) -> list[Flowable]:
        """One cell holding the same item in each language, one paragraph each, in its own font."""
        out: list[Flowable] = []
        for text, lang in zip(texts, self.langs, strict=False):
            if text and (not out or text != texts[0]):
                out.extend(paras(text, lang, role, **kw))
        return out or [Spacer(1, 1)]

    def build(self) -> list[Flowable]:
        self._head()
        self._add(
            self._each(
                lambda d, lang: (
                    paras(d.title, lang, "title", align="center")
                    + paras(d.subtitle, lang, "subtitle", align="center")
                )
            )
        )
        self.flow.append(Spacer(1, 4 * mm))
        self._notices()
        for pair in zip_longest(*(d.sections for d in self.docs)):
            self._section(list(pair))
        self._signatures()
        self._annexes()
        self._hash()
        return self.flow

    def _head(self) -> None:
        def head(doc: Document, lang: _Lang) -> list[Flowable]:
            out: list[Flowable] = []
            for i, line in enumerate(doc.letterhead):
                out += paras(line, lang, "letterhead" if i == 0 else "small")
            out.append(HRFlowable(width="100%", thickness=0.6, color=GRID, spaceBefore=2, spaceAfter=6))
            for line in doc.addressee:
                out += paras(line, lang)
            out.append(Spacer(1, 3 * mm))
            out += paras(doc.date_line, lang, align="end") + paras(doc.reference_line, lang)
            return [*out, Spacer(1, 5 * mm)]

        self._add(self._each(head))

    def _notices(self) -> None:
        if not any(d.notices for d in self.docs):
            return
        cells = self._each(lambda d, lang: [p for n in d.notices for p in paras(n, lang, "small")])
        box = [
            ("BOX", (0, 0), (-1, -1), 0.8, colors.Color(0.7, 0.55, 0.1)),
            ("BACKGROUND", (0, 0), (-1, -1), NOTICE_FILL),
        ]
        self.flow.append(
            _table([self._ordered(cells)], [CONTENT_WIDTH / len(cells)] * len(cells), box, self.font)
        )
        self.flow.append(Spacer(1, 3 * mm))

    def _section(self, sections: list[Section | None]) -> None:
        main = next(s for s in sections if s is not None)
        headings = [f"{s.number}. {s.heading}" if s else "" for s in sections]
        cells = [paras(h, lang, "heading") for h, lang in zip(headings, self.langs, strict=True)]
        self.flow.append(Spacer(1, 3 * mm))
        self._add(cells)
        self.flow.append(Spacer(1, 1.5 * mm))
        entries = list(zip_longest(*((s.entries if s else ()) for s in sections)))
        if entries:
            self.flow.append(self._entries(entries) if len(self.docs) > 1 else self._entries_single(main))
        for index, table in enumerate(main.tables):
            others = [s.tables[index] if s and index < len(s.tables) else None for s in sections]
            self.flow.append(self._data_table(table, others))

    def _value(self, entry: Entry, lang: _Lang) -> tuple[list[Flowable], Any]:
        mark = {TextKind.MACHINE: MACHINE_MARK, TextKind.UNTRANSLATED: UNTRANSLATED_MARK}.get(entry.kind, "")
        fill = {TextKind.MACHINE: MACHINE_FILL, TextKind.UNTRANSLATED: UNTRANSLATED_FILL}.get(entry.kind)
        text = f"{entry.value}\u00a0{mark}" if mark else entry.value  # no-break: the mark stays with its word
        return paras(text, lang, value_lang=entry.value_lang), fill

    def _entries_single(self, section: Section) -> RLTable:
        """Labelled entries as a label | value table (mirrored for RTL); plain paragraphs span both."""
        lang = self.langs[0]
        rows: list[list[Any]] = []
        commands: list[_Command] = []
        for i, entry in enumerate(section.entries):
            value, fill = self._value(entry, lang)
            if entry.label:
                rows.append(self._ordered([paras(entry.label, lang, "label"), value]))
                col = 0 if self.mirror else 1
            else:
                rows.append([value, ""])
                commands.append(("SPAN", (0, i), (1, i)))
                col = 0
            if fill is not None:
                commands.append(
                    ("BACKGROUND", (col, i), (-1 if col == 0 and not entry.label else col, i), fill)
                )
        widths = self._ordered([CONTENT_WIDTH * 0.32, CONTENT_WIDTH * 0.68])
        return _table(rows, widths, commands, self.font)

    def _entries(self, pairs: list[tuple[Entry | None, ...]]) -> RLTable:
        """Bilingual entries: one cell per language holding the label above its value."""
        rows: list[list[Any]] = []
        commands: list[_Command] = []
        n = len(self.langs)
        for i, pair in enumerate(pairs):
            cells: list[list[Flowable]] = []
            for j, (entry, lang) in enumerate(zip(pair, self.langs, strict=True)):
                if entry is None:
                    cells.append([Spacer(1, 1)])
                    continue
                value, fill = self._value(entry, lang)
                cells.append((paras(entry.label, lang, "label") if entry.label else []) + value)
                if fill is not None:
                    col = n - 1 - j if self.mirror else j
                    commands.append(("BACKGROUND", (col, i), (col, i), fill))
            rows.append(self._ordered(cells))
        commands += [("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID), *_GUTTER]
        return _table(rows, [CONTENT_WIDTH / n] * n, commands, self.font)

    def _data_table(self, table: Table, others: list[Table | None]) -> RLTable:
        """A data table with a header row; RTL documents get their columns mirrored."""
        lang = self.langs[0]
        header = [
            self._stack([t.header[c] if t and c < len(t.header) else "" for t in others], "cellhead")
            for c in range(len(table.header))
        ]
        rows = [self._ordered(header)]
        for r, row in enumerate(table.rows):
            cells = []
            for c, value in enumerate(row):
                texts = [t.rows[r][c] if t and r < len(t.rows) and c < len(t.rows[r]) else "" for t in others]
                cells.append(self._stack(texts, "cell") if len(others) > 1 else paras(value, lang, "cell"))
            rows.append(self._ordered(cells))
        n = max(len(table.header), 1)
        commands = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]
        return _table(
            rows, [CONTENT_WIDTH / n] * n, commands, self.font, repeatRows=1, spaceBefore=4, spaceAfter=4
        )

    def _signatures(self) -> None:
        if not self.docs[0].signatures:
            return
        self.flow.append(Spacer(1, 6 * mm))
        for pair in zip_longest(*(d.signatures for d in self.docs)):
            self.flow.append(KeepTogether([self._signature(list(pair)), Spacer(1, 4 * mm)]))

    def _signature(self, blocks: list[SignatureBlock | None]) -> RLTable:
        main = next(b for b in blocks if b is not None)
        half = CONTENT_WIDTH / 2

        def texts(get: Callable[[SignatureBlock], str]) -> list[str]:
            return [get(b) if b else "" for b in blocks]

        rows: list[list[Any]] = [[self._stack(texts(lambda b: b.caption), "label"), ""]]
        for i in range(len(main.lines)):
            pairs = [b.lines[i] if b and i < len(b.lines) else ("", "") for b in blocks]
            label = self._stack([p[0] for p in pairs], "cell")
            value = self._stack([p[1] for p in pairs], "cell")
            rows.append(self._ordered([label, value]))
        boxes = [
            self._stack(texts(lambda b: b.signature_label), "small"),
            self._stack(texts(lambda b: b.stamp_label), "small"),
        ]
        rows.append(self._ordered(boxes))
        last = len(rows) - 1
        commands = [
            ("SPAN", (0, 0), (1, 0)),
            ("BOX", (0, last), (0, last), 0.8, colors.black),
            ("BOX", (1, last), (1, last), 0.8, colors.black),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, GRID),
        ]
        heights = [None] * last + [32 * mm]
        return _table(rows, [half, half], commands, self.font, rowHeights=heights)

    def _annexes(self) -> None:
        if not any(d.annexes for d in self.docs):
            return
        self.flow.append(Spacer(1, 3 * mm))
        self._add(
            self._each(
                lambda d, lang: (
                    paras(d.annex_heading, lang, "heading") + [p for a in d.annexes for p in paras(a, lang)]
                )
            )
        )

    def _hash(self) -> None:
        doc = self.docs[0]
        if not doc.content_hash:
            return
        size = 30 * mm
        # The QrCode flowable draws its modules straight on the canvas: no Drawing (whose default font
        # is Helvetica) and a third of the time of QrCodeWidget, which encodes twice (bounds, then draw).
        qr = _HashQr(QR_PREFIX + doc.content_hash, width=size, height=size)
        toward_qr = "right" if self.mirror else "left"
        text = self._stack([d.hash_label for d in self.docs], "small", align=toward_qr)
        text.append(para(doc.content_hash, self.langs[0], "small", align=toward_qr))
        rows = [self._ordered([qr, text])]
        widths = self._ordered([size + 4 * mm, CONTENT_WIDTH - size - 4 * mm])
        self.flow.append(
            KeepTogether(
                [Spacer(1, 6 * mm), _table(rows, widths, [("VALIGN", (0, 0), (-1, -1), "MIDDLE")], self.font)]
            )
        )


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until ``save()`` so the footer can say "page X of Y" (the classic recipe)."""

    def __init__(self, *args: Any, footer: Callable[[Canvas, int, int], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._kept: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._kept.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._kept)
        for number, state in enumerate(self._kept, start=1):
            self.__dict__.update(state)
            self._footer(self, number, total)
            super().showPage()
        super().save()


def _draw(
    canvas: Canvas, x: float, y: float, text: str, preferred: Script, size: float, *, anchor: str
) -> None:
    visual, font = canvas_text(text, preferred)
    canvas.setFont(font, size)
    {"left": canvas.drawString, "right": canvas.drawRightString, "center": canvas.drawCentredString}[anchor](
        x, y, visual
    )


def _footer(doc: Document, canvas: Canvas, page: int, pages: int) -> None:
    script, y = script_for_lang(doc.lang), 13 * mm
    canvas.saveState()
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + 4 * mm, PAGE_WIDTH - MARGIN, y + 4 * mm)
    canvas.setFillColor(colors.Color(0.25, 0.25, 0.25))
    start, end = (PAGE_WIDTH - MARGIN, MARGIN) if doc.rtl else (MARGIN, PAGE_WIDTH - MARGIN)
    if doc.reference:
        _draw(canvas, start, y, doc.reference, script, 8, anchor="right" if doc.rtl else "left")
    line = doc.page_format.format(page=page, pages=pages)
    _draw(canvas, end, y, line, script, 8, anchor="left" if doc.rtl else "right")
    canvas.restoreState()


def _watermark(doc: Document, canvas: Canvas, _template: BaseDocTemplate) -> None:
    """Diagonal text under the page content, sized to fit the page diagonal."""
    if not doc.watermark:
        return
    visual, font = canvas_text(doc.watermark, script_for_lang(doc.lang))
    width_at_1pt = max(canvas.stringWidth(visual, font, 1), 1.0)
    size = min(64.0, 0.75 * (PAGE_WIDTH**2 + PAGE_HEIGHT**2) ** 0.5 / width_at_1pt)
    canvas.saveState()
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(54.7)  # the A4 diagonal
    canvas.setFillColor(WATERMARK_GREY)
    canvas.setFont(font, size)
    # The trailing space ends the word for text extractors: without it poppler (pdftotext -nodiag) treats
    # the first word drawn after the watermark as part of the diagonal text and drops it.
    canvas.drawString(-canvas.stringWidth(visual, font, size) / 2, -size / 3, visual + " ")
    canvas.restoreState()


def render(doc: Document, *, second: Document | None = None, created: datetime | None = None) -> bytes:
    """The PDF of ``doc`` (partner's language), with ``second`` (officer's language) beside it if given.

    ``created`` fixes the creation date (tests, reproducible exports); it defaults to now, in UTC so the
    file does not reveal the officer's time zone.
    """
    meta = doc.metadata
    buffer = io.BytesIO()
    story = _Story(doc, second)
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=BOTTOM,
        invariant=1,
        lang=doc.lang,
        initialFontName=story.font,
        title=meta.get("title", doc.title),
        subject=meta.get("subject", ""),
        keywords=meta.get("keywords", ""),
        creator="Liaison",
        author="",
    )
    frame = Frame(
        MARGIN,
        BOTTOM,
        CONTENT_WIDTH,
        PAGE_HEIGHT - BOTTOM - 18 * mm,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=partial(_watermark, doc))])
    template.build(story.build(), canvasmaker=partial(_NumberedCanvas, footer=partial(_footer, doc)))
    return postprocess.finalize(
        buffer.getvalue(),
        title=meta.get("title", doc.title),
        subject=meta.get("subject", ""),
        keywords=meta.get("keywords", ""),
        lang=doc.lang,
        created=created or datetime.now(UTC),
    )


def render_to(
    path: str | os.PathLike[str],
    doc: Document,
    *,
    second: Document | None = None,
    created: datetime | None = None,
) -> Path:
    """Render and write atomically: a temp file beside the target, fsync, then rename over it.

    A crash or full disk leaves either the old file or the new one, never half a PDF.
    """
    target = Path(path)
    data = render(doc, second=second, created=created)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return target
