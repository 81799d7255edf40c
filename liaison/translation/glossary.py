"""Checking a translation against the legal glossary: which terms were rendered as approved, which
are missing and which forbidden alternatives slipped in."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

from liaison.domain import GlossaryTerm


class TermStatus(enum.StrEnum):
    APPLIED = "applied"  # the approved translation is in the target
    MISSING = "missing"  # the source has the term, the target lacks the approved translation
    FORBIDDEN = "forbidden"  # the target uses an alternative the glossary forbids


@dataclass(frozen=True)
class GlossaryCheck:
    segment: int
    term: str
    translation: str
    status: TermStatus
    found: str = ""  # the forbidden alternative found, if any


def _contains(text: str, phrase: str) -> bool:
    if not phrase.strip():
        return False
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def check_segment(index: int, source: str, target: str, terms: Sequence[GlossaryTerm]) -> list[GlossaryCheck]:
    results = []
    for term in terms:
        if not _contains(source, term.term):
            continue
        forbidden = next((alt for alt in term.forbidden if _contains(target, alt)), "")
        if forbidden:
            status = TermStatus.FORBIDDEN
        elif _contains(target, term.translation):
            status = TermStatus.APPLIED
        else:
            status = TermStatus.MISSING
        results.append(GlossaryCheck(index, term.term, term.translation, status, forbidden))
    return results
