"""What the engine asks of a translation memory and glossary, independent of where they live
(the vault implements it in ``liaison.services.translation``; tests may use ``InMemoryResources``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rapidfuzz import fuzz, process

from liaison.domain import GlossaryTerm

_SPACES = re.compile(r"\s+")
DEFAULT_FUZZY_THRESHOLD = 75.0


def normalize_segment(text: str) -> str:
    """The form segments are stored and looked up in: NFC, single spaces, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class FuzzyMatch:
    source: str
    target: str
    score: float  # 0..100


class LanguageResources(Protocol):
    def exact(self, source_lang: str, target_lang: str, segment: str) -> str | None: ...

    def fuzzy(
        self, source_lang: str, target_lang: str, segment: str, threshold: float, limit: int
    ) -> list[FuzzyMatch]: ...

    def glossary(self, source_lang: str, target_lang: str) -> Sequence[GlossaryTerm]: ...


def best_fuzzy(segment: str, candidates: dict[str, str], threshold: float, limit: int) -> list[FuzzyMatch]:
    """Closest stored sources by edit-distance ratio (rapidfuzz, C speed on thousands of entries)."""
    found = process.extract(segment, list(candidates), scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
    return [FuzzyMatch(source, candidates[source], float(score)) for source, score, _ in found]


@dataclass
class InMemoryResources:
    """A memory held in dicts: for tools and tests that work without a vault."""

    segments: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    terms: list[GlossaryTerm] = field(default_factory=list)

    def add(self, source_lang: str, target_lang: str, source: str, target: str) -> None:
        self.segments.setdefault((source_lang, target_lang), {})[normalize_segment(source)] = target

    def exact(self, source_lang: str, target_lang: str, segment: str) -> str | None:
        return self.segments.get((source_lang, target_lang), {}).get(normalize_segment(segment))

    def fuzzy(
        self, source_lang: str, target_lang: str, segment: str, threshold: float, limit: int
    ) -> list[FuzzyMatch]:
        pair = self.segments.get((source_lang, target_lang), {})
        return best_fuzzy(normalize_segment(segment), pair, threshold, limit)

    def glossary(self, source_lang: str, target_lang: str) -> Sequence[GlossaryTerm]:
        return [t for t in self.terms if (t.source_lang, t.target_lang) == (source_lang, target_lang)]
