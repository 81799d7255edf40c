"""The page set-up every Liaison PDF shares: A4 with one body frame, a reproducible file whose every
text path names an embedded font, and a canvas that can say "page X of Y".

Shared by the request documents (``pdf``) and the bilingual review of a received document
(``documents_in.bilingual``): the same recipe, written once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

# Streams are Flate-compressed binary, not also ASCII85-encoded (reportlab's default, in pure Python):
# 7 ms of a 5-page render and a fifth of the file size, for a 7-bit safety no PDF reader needs.
# (A process-wide reportlab setting; harmless for any other reportlab use.)
rl_config.useA85 = 0

PAGE_WIDTH, PAGE_HEIGHT = A4
Decorate = Callable[[Canvas, int, int], None]  # (canvas, page, pages): drawn once the count is known


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until ``save()`` so ``decorate`` can draw "page X of Y" (the classic recipe)."""

    def __init__(self, *args: Any, decorate: Decorate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._kept: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._kept.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._kept)
        for number, state in enumerate(self._kept, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            super().showPage()
        super().save()


def a4_template(
    buffer: BinaryIO,
    *,
    margins: tuple[float, float, float],
    font: str,
    on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None,
    **info: str,
) -> BaseDocTemplate:
    """An A4 document with one body frame; ``margins`` are (sides, top, bottom); ``font`` is the
    canvas's initial font (else reportlab names a non-embedded Helvetica); ``info`` is the title,
    subject, keywords, lang."""
    side, top, bottom = margins
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=side,
        rightMargin=side,
        topMargin=top,
        bottomMargin=bottom,
        invariant=1,
        initialFontName=font,
        creator="Liaison",
        author="",
        **info,
    )
    frame = Frame(
        side,
        bottom,
        PAGE_WIDTH - 2 * side,
        PAGE_HEIGHT - bottom - top,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    extra = {"onPage": on_page} if on_page is not None else {}
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], **extra)])
    return template


def build(template: BaseDocTemplate, flowables: list[Flowable], decorate: Decorate) -> None:
    template.build(flowables, canvasmaker=partial(NumberedCanvas, decorate=decorate))
