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

import io
import os
import tempfile
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate

from liaison.documents import page_setup, postprocess
from liaison.documents.fonts import Script, script_for_lang
from liaison.documents.layout import Document
from liaison.documents.pdf_story import (
    BOTTOM,
    CONTENT_WIDTH,
    GRID,
    HEADER_FILL,
    MACHINE_FILL,
    MACHINE_MARK,
    MARGIN,
    NOTICE_FILL,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QR_PREFIX,
    UNTRANSLATED_FILL,
    UNTRANSLATED_MARK,
    WATERMARK_GREY,
    Story,
)
from liaison.documents.pdf_text import Prepared, canvas_text, para, paras, prepare
from liaison.documents.rlbidi_shim import isolate_codes

__all__ = [
    "BOTTOM",
    "CONTENT_WIDTH",
    "GRID",
    "HEADER_FILL",
    "MACHINE_FILL",
    "MACHINE_MARK",
    "MARGIN",
    "NOTICE_FILL",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "QR_PREFIX",
    "UNTRANSLATED_FILL",
    "UNTRANSLATED_MARK",
    "WATERMARK_GREY",
    "Prepared",
    "canvas_text",
    "isolate_codes",
    "para",
    "paras",
    "prepare",
    "render",
    "render_to",
]

DRAFT_RED = colors.Color(0.85, 0.2, 0.2, alpha=0.35)
DRAFT_RED_SOLID = colors.Color(0.75, 0.1, 0.1)


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


def _diagonal(
    canvas: Canvas, doc: Document, text: str, colour: colors.Color, *, largest: float, offset: float
) -> None:
    """Diagonal text under the page content, sized to fit the page diagonal, ``offset`` points off it."""
    visual, font = canvas_text(text, script_for_lang(doc.lang))
    width_at_1pt = max(canvas.stringWidth(visual, font, 1), 1.0)
    size = min(largest, 0.75 * (PAGE_WIDTH**2 + PAGE_HEIGHT**2) ** 0.5 / width_at_1pt)
    canvas.saveState()
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(54.7)  # the A4 diagonal
    canvas.setFillColor(colour)
    canvas.setFont(font, size)
    # The trailing space ends the word for text extractors: without it poppler (pdftotext -nodiag) treats
    # the first word drawn after the watermark as part of the diagonal text and drops it.
    canvas.drawString(-canvas.stringWidth(visual, font, size) / 2, -size / 3 + offset, visual + " ")
    canvas.restoreState()


def _watermark(doc: Document, canvas: Canvas, _template: BaseDocTemplate) -> None:
    """The draft mark (large, red) and the machine-translation mark (grey), each along the diagonal."""
    if doc.draft_mark:
        _diagonal(canvas, doc, doc.draft_mark, DRAFT_RED, largest=120.0, offset=0.0)
        # Also upright in the top margin: text extractors (and a reader's search) find it on every page.
        canvas.saveState()
        canvas.setFillColor(DRAFT_RED_SOLID)
        _draw(
            canvas,
            PAGE_WIDTH / 2,
            PAGE_HEIGHT - 11 * mm,
            doc.draft_mark,
            script_for_lang(doc.lang),
            11,
            anchor="center",
        )
        canvas.restoreState()
    if doc.watermark:
        _diagonal(
            canvas, doc, doc.watermark, WATERMARK_GREY, largest=64.0, offset=-110.0 if doc.draft_mark else 0.0
        )


def render(
    doc: Document,
    *,
    second: Document | None = None,
    created: datetime | None = None,
    attachment: bytes | None = None,
) -> bytes:
    """The PDF of ``doc`` (partner's language), with ``second`` (officer's language) beside it if given.

    ``created`` fixes the creation date (tests, reproducible exports); it defaults to now, in UTC so the
    file does not reveal the officer's time zone. ``attachment`` is the request's structured data
    (``embedded.payload``), attached to the file.
    """
    meta = doc.metadata
    buffer = io.BytesIO()
    story = Story(doc, second)
    template = page_setup.a4_template(
        buffer,
        margins=(MARGIN, 18 * mm, BOTTOM),
        font=story.font,
        on_page=partial(_watermark, doc),
        lang=doc.lang,
        title=meta.get("title", doc.title),
        subject=meta.get("subject", ""),
        keywords=meta.get("keywords", ""),
    )
    page_setup.build(template, story.build(), partial(_footer, doc))
    return postprocess.finalize(
        buffer.getvalue(),
        title=meta.get("title", doc.title),
        subject=meta.get("subject", ""),
        keywords=meta.get("keywords", ""),
        lang=doc.lang,
        created=created or datetime.now(UTC),
        attachment=attachment,
        second_lang=second.lang if second is not None else "",
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
