"""The story of a PDF: letterhead, title, notices, sections, tables, signatures, annexes and the QR hash.

``Story`` turns a ``Document`` (and optionally its second-language twin) into reportlab flowables; with
two documents every block becomes one column per language, and RTL documents are mirrored.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Sequence
from itertools import zip_longest
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import HRFlowable

from liaison.documents.fonts import pick_faces, script_for_lang
from liaison.documents.layout import Document, Entry, Section, SignatureBlock, Table, TextKind
from liaison.documents.pdf_rows import EntryRow
from liaison.documents.pdf_text import Lang, para, paras

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
        """The dark runs of each row as rectangles in module units (the canvas is scaled to one module),
        written as whole numbers and filled once: reportlab's general number formatting of ~300
        fractional rectangles was most of the time this code took to draw."""
        modules = _qr_modules(self.value)
        border = self.qrBorder
        side = len(modules) + border * 2
        ops: list[str] = []
        for r, row in enumerate(modules):
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    ops.append(f"{c + border} {side - r - border - 1} {count} 1.05 re")
                c += count
        canv = self.canv
        canv.saveState()
        canv.scale(self.width / side, self.height / side)
        canv.setFillColor(colors.black)
        canv.addLiteral("\n".join([*ops, "f"]))
        canv.restoreState()


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

_Command = tuple[Any, ...]  # a reportlab TableStyle command
_GUTTER: tuple[_Command, ...] = (
    ("RIGHTPADDING", (0, 0), (0, -1), 9),
    ("LEFTPADDING", (1, 0), (1, -1), 9),
    ("LINEAFTER", (0, 0), (0, -1), 0.25, GRID),
)  # between the two languages of a bilingual block


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


class Story:
    """Builds the flowables; with a second document every block becomes one column per language."""

    def __init__(self, doc: Document, second: Document | None) -> None:
        self.docs = [doc] if second is None else [doc, second]
        self.langs = [Lang(d.rtl, script_for_lang(d.lang)) for d in self.docs]
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

    def _each(self, build: Callable[[Document, Lang], list[Flowable]]) -> list[list[Flowable]]:
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
        def head(doc: Document, lang: Lang) -> list[Flowable]:
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
        headings = [(f"{s.number}. {s.heading}" if s.number else s.heading) if s else "" for s in sections]
        cells = [paras(h, lang, "heading") for h, lang in zip(headings, self.langs, strict=True)]
        self.flow.append(Spacer(1, 3 * mm))
        self._add(cells)
        self.flow.append(Spacer(1, 1.5 * mm))
        entries = list(zip_longest(*((s.entries if s else ()) for s in sections)))
        if entries:
            if len(self.docs) > 1:
                self.flow.append(self._entries(entries))
            else:
                self.flow.extend(self._entries_single(main))
        for index, table in enumerate(main.tables):
            others = [s.tables[index] if s and index < len(s.tables) else None for s in sections]
            self.flow.append(self._data_table(table, others))

    def _value(self, entry: Entry, lang: Lang) -> tuple[list[Flowable], Any]:
        mark = {TextKind.MACHINE: MACHINE_MARK, TextKind.UNTRANSLATED: UNTRANSLATED_MARK}.get(entry.kind, "")
        fill = {TextKind.MACHINE: MACHINE_FILL, TextKind.UNTRANSLATED: UNTRANSLATED_FILL}.get(entry.kind)
        text = f"{entry.value}\u00a0{mark}" if mark else entry.value  # no-break: the mark stays with its word
        return paras(text, lang, value_lang=entry.value_lang), fill

    def _entries_single(self, section: Section) -> list[Flowable]:
        """Labelled entries as label | value rows (mirrored for RTL); plain paragraphs span both."""
        lang = self.langs[0]
        widths = self._ordered([CONTENT_WIDTH * 0.32, CONTENT_WIDTH * 0.68])
        rows: list[Flowable] = []
        for entry in section.entries:
            value, fill = self._value(entry, lang)
            if entry.label:
                cells = self._ordered([paras(entry.label, lang, "label"), value])
                fills = self._ordered([None, fill])
                rows.append(EntryRow(cells, widths, fills))
            else:
                rows.append(EntryRow([value], [CONTENT_WIDTH], [fill]))
        return rows

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
