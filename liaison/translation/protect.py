"""Tokens that must come through translation unchanged (``liaison.translation.identifiers`` finds
them: references, IBANs, phone numbers, amounts, addresses, hashes, names in another script, dates,
times and numbers).

Each is swapped for a numbered placeholder ``⟦n⟧`` before the model sees the text and put back
afterwards. Models copy placeholders; they would otherwise "translate" references (and argos'
decoder turns every ``_`` into a space). Placeholders are numbered per segment from ⟦1⟧
(``renumber``): the packs learnt small indices, and the same sentence then has the same form
wherever it appears, which is what the translation memory matches on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liaison.translation import identifiers

# Our own placeholder brackets in the input are kept as they are (a token of their own).
_OWN_BRACKETS = re.compile(r"⟦[^⟦⟧\s]{0,12}⟧|[⟦⟧]")
# A placeholder as emitted, or half-mangled by a small model ("⟦2" or "2⟧"): a digit touching one of
# these brackets can only come from a placeholder, since real brackets in the input are protected too.
_PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧?|(\d+)\s*⟧")
_STRAY = re.compile(r"[⟦⟧]")
_CLEAN = re.compile(r"⟦(\d+)⟧")


@dataclass(frozen=True)
class Protected:
    text: str
    tokens: tuple[str, ...]  # what each placeholder stands for in the source
    renderings: tuple[str, ...] = ()  # what to put back in the translation, when not the token itself

    @property
    def output(self) -> tuple[str, ...]:
        return self.renderings or self.tokens


@dataclass(frozen=True)
class Restored:
    text: str
    lost: tuple[str, ...]  # tokens the model dropped; appended so nothing is silently lost


def protect(text: str, language: str = "") -> Protected:
    """``text`` with every identifier replaced by ``⟦n⟧`` (n from 1, in reading order)."""
    spans = [identifiers.Span(m.start(), m.end(), "placeholder") for m in _OWN_BRACKETS.finditer(text)]
    masked = _OWN_BRACKETS.sub(lambda m: " " * len(m.group(0)), text)
    spans += [s for s in identifiers.find(masked, language) if masked[s.start : s.end].strip()]
    spans.sort()
    out: list[str] = []
    tokens: list[str] = []
    position = 0
    for span in spans:
        if span.start < position:
            continue
        tokens.append(text[span.start : span.end])
        out.append(f"{text[position : span.start]}⟦{len(tokens)}⟧")
        position = span.end
    out.append(text[position:])
    return Protected("".join(out), tuple(tokens))


def renumber(protected_segment: str, tokens: tuple[str, ...], renderings: tuple[str, ...] = ()) -> Protected:
    """A segment of a protected text with its own placeholders numbered ⟦1⟧, ⟦2⟧… in order."""
    local: list[int] = []

    def swap(match: re.Match[str]) -> str:
        local.append(int(match.group(1)) - 1)
        return f"⟦{len(local)}⟧"

    text = _CLEAN.sub(swap, protected_segment)
    return Protected(
        text,
        tuple(tokens[i] for i in local),
        tuple(renderings[i] for i in local) if renderings else (),
    )


def placeholder_counts(translated: str, size: int) -> list[int]:
    """How many times each of placeholders 1..size occurs in a model's output."""
    counts = [0] * size
    for match in _PLACEHOLDER.finditer(translated):
        index = int(match.group(1) or match.group(2))
        if 1 <= index <= size:
            counts[index - 1] += 1
    return counts


def restore(translated: str, tokens: tuple[str, ...], append_lost: bool = True) -> Restored:
    seen: set[int] = set()

    def swap(match: re.Match[str]) -> str:
        index = int(match.group(1) or match.group(2))
        if 1 <= index <= len(tokens) and index not in seen:
            seen.add(index)
            return f"\x00{index}\x00"
        return ""  # a placeholder the model invented or repeated

    marked = _STRAY.sub("", _PLACEHOLDER.sub(swap, translated))
    text = re.sub("\x00(\\d+)\x00", lambda m: tokens[int(m.group(1)) - 1], marked)
    lost = tuple(tok for i, tok in enumerate(tokens, start=1) if i not in seen)
    if lost and append_lost:
        text = f"{text.rstrip()} [{' '.join(lost)}]"
    return Restored(text, lost)
