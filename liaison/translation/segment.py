"""Sentence segmentation with no model and no download: rules that know legal abbreviations.

Paragraphs and line breaks are kept exactly: a text is cut into lines, each line into sentences
with the whitespace between them remembered, so ``join`` rebuilds the layout around the translated
sentences. Run on protected text, so the dots of e-mails, URLs and numbers never split a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence (lowercase, without the dot).
ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof sr sra srta st no nr nos art arts para paras p pp cf e.g i.e etc vs "
        "approx ca fig jan feb mar apr jun jul aug sep sept oct nov dec m mme mlle me mm "
        "av ave bd dept inc ltd co corp gen col lt sgt insp supt cmdr capt cap "
        "z.b u.a bzw ggf usw s sog vgl dres hr fr abs lit ziff "
        "núm pág art.º sres dña d ref refs tel tél fax réf"
    ).split()
)
# Latin-style stops need a space after them; CJK full stops end a sentence without one.
_END = re.compile(r"([.!?…]+[\"'»”’)\]]*)(\s+)|([。！？]+[」』”’)]*)(\s*)")
_NEXT_STARTS_SENTENCE = re.compile(
    r"[\"'«“‘(\[¿¡]*[A-ZÀ-ÖØ-ÞĀ-ſ\u0370-\u03ff\u0400-\u04ff\d⟦]|[\u0600-\u06ff\u4e00-\u9fff]"
)


@dataclass(frozen=True)
class Piece:
    """A sentence and the whitespace that followed it in the original."""

    text: str
    trailing: str


def _ends_with_abbreviation(sentence: str) -> bool:
    words = sentence.rstrip(".").rsplit(None, 1)
    if not words:
        return False
    last = words[-1].lower().lstrip("(\"'«")
    return last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def split_line(line: str) -> list[Piece]:
    pieces: list[Piece] = []
    start = 0
    for match in _END.finditer(line):
        cjk = match.group(3) is not None
        punctuation = match.group(3) if cjk else match.group(1)
        sentence = line[start : match.end(3 if cjk else 1)]
        following = line[match.end() :]
        if not following or not (cjk or _NEXT_STARTS_SENTENCE.match(following)):
            continue
        if not cjk and punctuation[-1] not in "!?…" and _ends_with_abbreviation(sentence):
            continue
        pieces.append(Piece(sentence.strip(), match.group(4) if cjk else match.group(2)))
        start = match.end()
    rest = line[start:]
    if rest.strip():
        pieces.append(Piece(rest.strip(), ""))
    return pieces


@dataclass(frozen=True)
class Layout:
    """Lines of sentences plus each line's leading whitespace."""

    lines: tuple[tuple[str, tuple[Piece, ...]], ...]

    def sentences(self) -> list[str]:
        return [p.text for _indent, pieces in self.lines for p in pieces]

    def join(self, translated: list[str]) -> str:
        """Rebuild the text with ``translated`` in place of the sentences, in order."""
        out_lines, index = [], 0
        for indent, pieces in self.lines:
            parts = []
            for piece in pieces:
                parts.append(translated[index] + (piece.trailing if piece.trailing else ""))
                index += 1
            out_lines.append(indent + "".join(parts).rstrip() if pieces else indent)
        return "\n".join(out_lines)


def layout(text: str) -> Layout:
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        lines.append((indent, tuple(split_line(stripped))))
    return Layout(tuple(lines))


# Where a sentence too long for the model is cut, strongest boundary first.
_CLAUSE_BOUNDARIES = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"(?<=,)\s+|\s+(?=[—–]\s)"),
    re.compile(r"\s+(?=(?:and|but|or|which|who|where|because|et|mais|ou|qui|où|car|y|pero|o|que|donde)\s)"),
    re.compile(r"\s+"),
)


def split_clauses(text: str, too_long: Callable[[str], bool]) -> list[str]:
    """Cut ``text`` at clause boundaries until no piece is ``too_long``: the cut nearest the middle
    of the strongest kind of boundary present, recursively. Only a single unbroken run of
    characters longer than the limit is cut mid-word (nothing is ever dropped)."""
    if not too_long(text):
        return [text]
    middle = len(text) / 2
    for boundary in _CLAUSE_BOUNDARIES:
        cuts = [m for m in boundary.finditer(text) if m.start() > 0 and m.end() < len(text)]
        if cuts:
            best = min(cuts, key=lambda m: abs(m.start() - middle))
            return split_clauses(text[: best.start()], too_long) + split_clauses(text[best.end() :], too_long)
    half = max(1, len(text) // 2)
    return split_clauses(text[:half], too_long) + split_clauses(text[half:], too_long)
