"""Right-to-left reordering (UAX #9) for the PDF renderer, on python-bidi's pure-Python code.

``log2vis`` has the signature of ReportLab's ``rlbidi.log2vis`` (visual order, optional visual-to-logical
index map), so it can also stand in for that module, which is published only on ReportLab's own index
and not on PyPI (``reportlab[bidi]`` does not install). python-bidi's public ``get_display`` gives no
index map, so the algorithm's steps are run here one by one, each character tagged with its position.

The renderer does not use reportlab's own RTL word wrap (``wordWrap='RTL'``): it maps visual words
back to logical ones and duplicates a word when a mirrored bracket sits at the edge of a Latin run
("هيلين لوفيفر (Hélène Lefèvre)" printed "Lefèvre" twice). ``BidiParagraph`` (below) instead breaks lines
in logical order and calls ``log2vis`` once per line, which is what UAX #9 prescribes. So nothing needs
registering as ``rlbidi`` (which would have to happen before reportlab's first import).
``isolate_codes`` keeps case numbers, IBANs and phone numbers in left-to-right order inside Arabic text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from bidi import algorithm as _uax9
from bidi import get_display as _rust_display
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable

# Explicit directional marks and embeddings/isolates: reportlab asks for them to be removed
# (``clean=True``) because the fonts draw them as visible boxes or spaces.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BASE = {"RTL": "R", "R": "R", "LTR": "L", "L": "L"}
# python-bidi's UAX #9 predates isolates (Unicode 6.3). An isolate is emulated by an embedding wrapped in
# marks of the paragraph's direction: the marks stop the embedded run from pulling its neighbours into it
# (a bare LRE after "(Hélène Lefèvre) " would glue the bracket and the code into one LTR run).
_OPEN = {"\u2066": "\u202a", "\u2067": "\u202b"}
_CLOSE = "\u2069"
_FIRST_STRONG = "\u2068"


def _emulate_isolates(text: str, base_level: int) -> tuple[str, list[int]]:
    """Text with isolates replaced, and for each of its characters the index it came from in ``text``."""
    mark = "\u200f" if base_level % 2 else "\u200e"
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _OPEN or char == _FIRST_STRONG:
            embed = _OPEN.get(char) or ("\u202b" if _uax9.get_base_level(text[index + 1 :]) else "\u202a")
            replacement = mark + embed
        elif char == _CLOSE:
            replacement = "\u202c" + mark
        else:
            replacement = char
        chars.extend(replacement)
        origin.extend([index] * len(replacement))
    return "".join(chars), origin


def log2vis(
    text: str,
    base_direction: str | None = None,
    clean: bool = False,
    positions_V_to_L: list[int] | None = None,
    **_ignored: Any,
) -> str:
    """Return ``text`` in visual order; fill ``positions_V_to_L`` with each visual char's logical index."""
    if not text:
        return text
    storage: dict[str, Any] = _uax9.get_empty_storage()
    base = _BASE.get((base_direction or "").upper())
    base_level = _uax9.get_base_level(text) if base is None else _uax9.PARAGRAPH_LEVELS[base]
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    emulated, origin = _emulate_isolates(text, base_level)
    _uax9.get_embedding_levels(emulated, storage)
    for char, logical in zip(storage["chars"], origin, strict=True):
        char["logical"] = logical
    _uax9.explicit_embed_and_overrides(storage)
    _uax9.resolve_weak_types(storage, False)
    _uax9.resolve_neutral_types(storage, False)
    _uax9.resolve_implicit_levels(storage, False)
    _uax9.reorder_resolved_levels(storage, False)
    _uax9.apply_mirroring(storage, False)
    chars = [c for c in storage["chars"] if not (clean and c["ch"] in _BIDI_CONTROLS)]
    if positions_V_to_L is not None:
        positions_V_to_L[:] = [c["logical"] for c in chars]
    return "".join(c["ch"] for c in chars)


_MIRRORED = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x10000) if unicodedata.mirrored(chr(c))) + "]"
)
_STRIP = str.maketrans(dict.fromkeys(map(ord, _BIDI_CONTROLS)))


def display_line(text: str, rtl: bool) -> str:
    """One laid-out line in visual order, without bidi controls: what is drawn.

    Lines without mirrorable characters (brackets, guillemets...) go through python-bidi's Rust UAX #9
    (twenty times faster, isolates included); it does not mirror glyphs, so lines with brackets use
    ``log2vis`` above, which does (rule L4).
    """
    if _MIRRORED.search(text) is None:
        return str(_rust_display(text, base_dir="R" if rtl else "L")).translate(_STRIP)
    return log2vis(text, "RTL" if rtl else "LTR", clean=True)


def base_is_rtl(text: str) -> bool:
    """UAX #9 rules P2-P3: the paragraph runs right to left if its first strong character is RTL."""
    return bool(_uax9.get_base_level(text))


_NO_CONTROLS = str.maketrans(
    dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
)


def _balance_isolates(lines: list[str]) -> list[str]:
    """Close isolates a line break cut through, and reopen them on the next line.

    Each line is reordered on its own, so a left-to-right run split over two lines must be isolated
    on both: otherwise the second half ("2050 0053 4921" of an IBAN) is drawn in reverse group order.
    """
    out: list[str] = []
    carry = ""
    for raw in lines:
        line = carry + raw
        stack: list[str] = []
        for char in line:
            if char in "\u2066\u2067\u2068":
                stack.append(char)
            elif char == "\u2069" and stack:
                stack.pop()
        out.append(line + "\u2069" * len(stack))
        carry = "".join(stack)
    return out


class BidiParagraph(Flowable):  # type: ignore[misc]
    """A paragraph containing Arabic: broken into lines in logical order, each line reordered for display.

    This is how UAX #9 says to do it (reorder per line, after line breaking). reportlab's RTL word wrap
    reorders the whole paragraph first and maps visual words back to logical ones, which drops or
    duplicates words next to mirrored brackets ("(Hélène Lefèvre)" in an Arabic sentence). The text is
    pre-shaped (presentation forms) so no harfbuzz pass is needed; one font, no markup.
    """

    _BREAK = re.compile(r"[ \t\u1680\u2000-\u200a\u205f\u3000]+")  # not U+00A0: it must not break

    def __init__(
        self,
        text: str,
        font: str,
        size: float,
        leading: float,
        align: str,
        *,
        rtl: bool,
        lines: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.text, self.font, self.size, self.leading, self.align, self.rtl = (
            text,
            font,
            size,
            leading,
            align,
            rtl,
        )
        self.lines = lines
        self._avail = 0.0

    def _width(self, text: str) -> float:
        return float(stringWidth(text.translate(_NO_CONTROLS), self.font, self.size))  # marks are not drawn

    def _break_lines(self, avail: float) -> list[str]:
        space = self._width(" ")
        lines: list[str] = []
        current, width = "", 0.0
        for whole_word in self._BREAK.split(self.text.strip()):
            word, word_width = whole_word, self._width(whole_word)
            if current and width + space + word_width > avail:
                lines.append(current)
                current, width = "", 0.0
            while word_width > avail and len(word) > 1:  # an unbreakable run wider than the line
                head, word = self._cut(word, word_width, avail)
                lines.append(head)
                word_width = self._width(word)
            current, width = (
                (f"{current} {word}", width + space + word_width) if current else (word, word_width)
            )
        return _balance_isolates([*lines, current] if current else lines)

    def _cut(self, word: str, word_width: float, avail: float) -> tuple[str, str]:
        """Split a run that does not fit: at its last no-break space that fits (an isolated Latin title
        such as "Convention ... article 18" breaks between words), else, for a code with no spaces (an
        account number), between characters."""
        fits = 0
        for space in re.finditer("\u00a0", word):
            if self._width(word[: space.start()]) > avail:
                break
            fits = space.start()
        if fits:
            return word[:fits], word[fits + 1 :]
        cut = max(1, int(len(word) * avail / word_width))
        return word[:cut], word[cut:]

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        if self.lines is None or avail_width != self._avail:
            self.lines = self._break_lines(avail_width)
        self._avail = avail_width
        return avail_width, self.leading * len(self.lines)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self.lines is not None
        fit = int(avail_height // self.leading)
        if fit <= 0 or fit >= len(self.lines):
            return []
        parts = []
        for lines in (self.lines[:fit], self.lines[fit:]):
            part = BidiParagraph(
                " ".join(lines), self.font, self.size, self.leading, self.align, rtl=self.rtl, lines=lines
            )
            part._avail = avail_width  # its lines are already broken for this width: keep them
            parts.append(part)
        return parts

    def draw(self) -> None:
        assert self.lines is not None
        ascent = getAscentDescent(self.font, self.size)[0]
        self.canv.setFont(self.font, self.size)
        x = {"left": 0.0, "right": self._avail, "center": self._avail / 2}[self.align]
        draw = {
            "left": self.canv.drawString,
            "right": self.canv.drawRightString,
            "center": self.canv.drawCentredString,
        }[self.align]
        for index, line in enumerate(self.lines):
            y = self.leading * (len(self.lines) - index) - ascent - (self.leading - self.size) / 2
            draw(x, y, display_line(line, self.rtl))


_TOKEN = r"[A-Za-z0-9](?:[A-Za-z0-9/.,:_-]*[A-Za-z0-9])?"
_CODE_RUN = re.compile(rf"(?<!\w)\+?{_TOKEN}(?:[ \u00a0]{_TOKEN})*(?!\w)")


def isolate_codes(text: str) -> str:
    """Wrap codes in an RTL paragraph (references, IBANs, phone numbers) in LRI...PDI.

    Plain UAX #9 prints "24/0371/OC" as "OC/24/0371" and "+33 1 44 77 61 00" as "00 61 77 44 1 33+"
    inside Arabic text, which is correct per the algorithm and wrong for a case number. A run of ASCII
    tokens (not touching other letters, so never part of "Hélène") is isolated when it mixes letters and
    digits or starts with "+" (a code, also kept on one line), or when it has several tokens (a phrase).
    """

    def wrap(match: re.Match[str]) -> str:
        run = match.group(0)
        if (re.search("[A-Za-z]", run) and re.search("[0-9]", run)) or run.startswith("+"):
            return "\u2066" + run.replace(" ", "\u00a0") + "\u2069"  # a code: keep it on one line
        return f"\u2066{run}\u2069" if re.search("[ \u00a0]", run) else run

    return _CODE_RUN.sub(wrap, text)
