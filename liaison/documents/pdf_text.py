"""Text preparation for the PDF: one font per paragraph, Arabic shaping and direction, cached styles.

Why one font per paragraph and no inline markup: see ``liaison.documents.pdf``. ``prepare`` is the single
place that decides a string's font and drawn characters, so the glyph-coverage test checks exactly this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer
from reportlab.platypus.paraparser import ParaParser

from liaison.documents.fonts import (
    Script,
    has_arabic,
    pick_faces,
    reshape,
    script_for_font,
    script_for_lang,
    script_of,
)
from liaison.documents.rlbidi_shim import BidiParagraph, base_is_rtl, display_line, isolate_codes

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
_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}
_STYLES: dict[tuple[str, str, str, str | None], ParagraphStyle] = {}


@dataclass(frozen=True)
class Lang:
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
    text: str, lang: Lang, role: str = "body", *, align: str = "start", value_lang: str = ""
) -> Flowable:
    """One paragraph in one font; Arabic right-to-left (``BidiParagraph``), CJK with CJK line breaking."""
    size, leading, bold = _ROLES[role]
    ready = prepare(text, script_for_lang(value_lang) if value_lang else lang.script, bold=bold)
    if ready.rtl is not None:
        return BidiParagraph(ready.text, ready.font, size, leading, _side(align, ready.rtl), rtl=ready.rtl)
    wrap = (
        "CJK" if script_for_font(ready.font) is Script.CJK and script_of(ready.text) is Script.CJK else None
    )
    style = _style(ready.font, role, _side(align, lang.rtl and not value_lang), wrap)
    return _Paragraph(escape(ready.text), style, frags=_plain_frags(ready.text, style))


_TEMPLATES: dict[str, Any] = {}
_ASCII_SPACES = re.compile(r"[ \t\r\n]+")


def _plain_frags(text: str, style: ParagraphStyle) -> list[Any]:
    """What the markup parser makes of text without markup, without running it (it was a fifth of
    a long PDF's render time): one fragment in the style's font, cloned from a parsed template."""
    template = _TEMPLATES.get(style.name)
    if template is None:
        _parsed, frags, _bullets = ParaParser().parse("x", style)
        template = _TEMPLATES[style.name] = frags[0]
    return [template.clone(text=_ASCII_SPACES.sub(" ", text).strip(" "))]  # U+00A0 stays: no break


def _side(align: str, rtl: bool) -> str:
    """ "start"/"end" to "left"/"right" for the paragraph's direction; "center" unchanged."""
    if align in ("start", "end"):
        return "right" if (align == "start") == rtl else "left"
    return align


def paras(text: str, lang: Lang, role: str = "body", **kw: str) -> list[Flowable]:
    """A multi-line value as one paragraph per line (line breaks as markup would defeat RTL)."""
    return [para(line, lang, role, **kw) for line in text.splitlines() if line.strip()] or [Spacer(1, 1)]


def canvas_text(text: str, preferred: Script) -> tuple[str, str]:
    """Visual-order text and font for a string drawn straight on the canvas (footer, watermark)."""
    ready = prepare(text, preferred)
    if ready.rtl is None:
        return ready.text, ready.font
    return display_line(ready.text, ready.rtl), ready.font
