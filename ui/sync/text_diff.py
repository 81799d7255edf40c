"""Two texts of one note, side by side, with the words that differ highlighted (difflib, word level).

Words and the spaces between them are the units, so a change inside a long paragraph marks only
the words that changed and every line break is kept. The HTML is built for a read-only
``QTextBrowser``: every piece of note text is escaped (a note can never inject markup), and no
interface direction is imposed: each paragraph gets the direction of its own first strong letter
(Unicode bidi classes), as a plain-text editor would do, so an Arabic paragraph runs right to left
and a French one left to right, in either interface language. (Qt's HTML import would otherwise
fix every paragraph left to right.) The marks are
a background colour plus an underline (only in the current text) or bold (only in the other),
not colour alone.
"""

from __future__ import annotations

import html
import re
import unicodedata
from difflib import SequenceMatcher

Segment = tuple[str, bool]  # (text, differs from the other side)

_TOKENS = re.compile(r"\s+|[^\s]+")
CURRENT_ONLY_STYLE = "background-color:#f8d7da; text-decoration:underline;"
OTHER_ONLY_STYLE = "background-color:#d4edda; font-weight:bold;"


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def word_diff(left: str, right: str) -> tuple[list[Segment], list[Segment]]:
    """Each side as segments; a segment is marked when it is not in the other side."""
    a, b = tokens(left), tokens(right)
    ours: list[Segment] = []
    theirs: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        same = tag == "equal"
        if i2 > i1:
            ours.append(("".join(a[i1:i2]), not same))
        if j2 > j1:
            theirs.append(("".join(b[j1:j2]), not same))
    return _merge(ours), _merge(theirs)


def _merge(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for text, marked in segments:
        if merged and merged[-1][1] == marked:
            merged[-1] = (merged[-1][0] + text, marked)
        else:
            merged.append((text, marked))
    return merged


def _span(text: str, marked: bool, style: str) -> str:
    escaped = html.escape(text)
    if not marked or not text.strip():
        return escaped
    return f'<span style="{style}">{escaped}</span>'


def direction(line: str) -> str:
    """ "rtl" or "ltr" by the first letter with a strong direction ("ltr" when there is none)."""
    for char in line:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def to_html(segments: list[Segment], style: str) -> str:
    """One ``<p>`` per line of the text, marked words wrapped in a styled span."""
    paragraphs: list[list[tuple[str, bool]]] = [[]]
    for text, marked in segments:
        for n, line in enumerate(text.split("\n")):
            if n:
                paragraphs.append([])
            if line:
                paragraphs[-1].append((line, marked))
    body = "".join(
        f'<p dir="{direction("".join(t for t, _m in p))}" style="white-space:pre-wrap">'
        f"{''.join(_span(t, m, style) for t, m in p) or '&nbsp;'}</p>"
        for p in paragraphs
    )
    return f"<html><body>{body}</body></html>"


def side_by_side(current: str, other: str) -> tuple[str, str]:
    """(HTML of the current text, HTML of the other), each marking the words the other lacks."""
    ours, theirs = word_diff(current, other)
    return to_html(ours, CURRENT_ONLY_STYLE), to_html(theirs, OTHER_ONLY_STYLE)
