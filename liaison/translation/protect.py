"""Tokens that must come through translation unchanged: URLs, e-mail addresses, phone numbers, case
references (REF_2024_001, MLA-2024/117), numeric dates, times and numbers.

Each is swapped for a numbered placeholder ``⟦n⟧`` before the model sees the text and put back
afterwards. Models copy placeholders; they would otherwise "translate" references (and argos'
decoder turns every ``_`` into a space).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERNS = (
    r"⟦[^⟦⟧\s]{0,12}⟧|[⟦⟧]",  # our own placeholder brackets in the input: kept as they are
    r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]]",  # URL, minus trailing punctuation
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
    r"\+\d[\d ().-]{6,}\d",  # international phone number
    r"\b(?=[A-Z0-9_/-]*\d)[A-Z][A-Z0-9]*(?:[-_/][A-Z0-9]+)+\b",  # case reference with a digit
    r"\b[A-Z]{2,}(?:[-_/][A-Z0-9]+)+\b",  # all-caps compound reference (EIO-FR, OP-ATLAS)
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b",  # numeric date
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b",  # time
    r"\b\d+(?:[.,\u202f\u00a0]\d+)*\b",  # number
)
_TOKEN = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
# A placeholder as emitted, or half-mangled by a small model ("⟦2" or "2⟧"): a digit touching one of
# these brackets can only come from a placeholder, since real brackets in the input are protected too.
_PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧?|(\d+)\s*⟧")
_STRAY = re.compile(r"[⟦⟧]")


@dataclass(frozen=True)
class Protected:
    text: str
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class Restored:
    text: str
    lost: tuple[str, ...]  # tokens the model dropped; appended so nothing is silently lost


def protect(text: str) -> Protected:
    tokens: list[str] = []

    def swap(match: re.Match[str]) -> str:
        tokens.append(match.group(0))
        return f"⟦{len(tokens)}⟧"

    return Protected(_TOKEN.sub(swap, text), tuple(tokens))


def restore(translated: str, tokens: tuple[str, ...]) -> Restored:
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
    if lost:
        text = f"{text.rstrip()} [{' '.join(lost)}]"
    return Restored(text, lost)
