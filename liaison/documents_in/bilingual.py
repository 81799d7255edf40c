"""The bilingual review PDF: source and translation side by side, block by block.

For PDFs and scans the translated document cannot be rebuilt faithfully, so the reviewer gets this
instead: each block of the original in the left column, its translation in the right one, under a
heading naming the original page; every row says where its translation came from (memory, form,
glossary, machine) and, for OCR, how confident the recognition was. Every page carries the
"unofficial machine translation" banner in the target language and in English, and "page X of Y".
Fonts and right-to-left text follow the export recipe of ``liaison.documents.pdf_text``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from liaison.documents import catalogs, page_setup
from liaison.documents.fonts import Script, faces_for, script_for_lang
from liaison.documents.pdf_text import Lang, canvas_text, para
from liaison.documents_in.model import Origin, TranslatedBlock

BANNER = "UNOFFICIAL MACHINE TRANSLATION"
PAGE_W, PAGE_H = page_setup.PAGE_WIDTH, page_setup.PAGE_HEIGHT
MARGIN = 15 * mm
BANNER_FILL = colors.Color(0.99, 0.93, 0.80)
MACHINE_FILL = colors.Color(1.0, 0.97, 0.90)
GRID = colors.Color(0.75, 0.75, 0.75)
META_GREY = colors.Color(0.35, 0.35, 0.35)


def banner_text(target_lang: str) -> str:
    try:
        local = catalogs.translate(target_lang, BANNER)
    except catalogs.CatalogNotFound:
        local = BANNER
    return BANNER if local == BANNER else f"{local} / {BANNER}"


def _decorate(banner: str, title: str, script: Script, canvas: Canvas, page: int, pages: int) -> None:
    canvas.saveState()
    canvas.setFillColor(BANNER_FILL)
    canvas.rect(MARGIN, PAGE_H - 14 * mm, PAGE_W - 2 * MARGIN, 8 * mm, stroke=0, fill=1)
    canvas.setFillColor(colors.Color(0.45, 0.2, 0.0))
    visual, font = canvas_text(banner, script)
    canvas.setFont(font, 9)
    canvas.drawCentredString(PAGE_W / 2, PAGE_H - 11.2 * mm, visual)
    canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
    visual, font = canvas_text(title, Script.LATIN)
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
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
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


def render(items: Sequence[TranslatedBlock], source_lang: str, target_lang: str, title: str) -> bytes:
    buffer = io.BytesIO()
    banner = banner_text(target_lang)
    flowables = story(items, source_lang, target_lang)
    template = page_setup.a4_template(
        buffer,
        margins=(MARGIN, 18 * mm, 16 * mm),
        font=faces_for(Script.LATIN).regular,
        title=f"{title} ({source_lang} → {target_lang}, review)",
    )
    decorate = partial(
        _decorate, banner, f"{title} — {source_lang} → {target_lang}", script_for_lang(target_lang)
    )
    page_setup.build(template, flowables, decorate)
    return buffer.getvalue()
