"""What the engine asks of a translation memory and glossary, independent of where they live
(the vault implements it in ``liaison.services.translation``; tests may use ``InMemoryResources``).

Entries hold real text, as approved. They are matched on their *match form*: whitespace
normalised and identifiers (numbers, dates, references…) replaced by ``⟦1⟧``, ``⟦2⟧``… numbered
within the segment, so "Our reference is MLA-2024/117." also matches "Our reference is EIO-7/25.";
the new segment's identifiers are then put into the stored translation (``substitute``).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from liaison import __version__ as liaison_version
from liaison.domain import GlossaryTerm
from liaison.translation import protect

if TYPE_CHECKING:  # the index needs numpy: loaded when a memory is first indexed, not by every import
    from liaison.translation.tm_index import Entry, MemoryIndex

_SPACES = re.compile(r"\s+")
DEFAULT_FUZZY_THRESHOLD = 75.0
# Match forms are stored in the vault (``liaison.store.tm_keys``): every stored key is made again
# once when this changes, so it follows each release and, between releases, a date to move whenever
# ``match_key`` would give another key for the same text (recognisers added or changed).
MATCH_FORM_VERSION = f"{liaison_version}/2026-12-04"


def normalize_segment(text: str) -> str:
    """Whitespace and Unicode normalisation: NFC, single spaces, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class MatchKey:
    key: str
    tokens: tuple[str, ...]


@functools.lru_cache(maxsize=8192)
def match_key(text: str, language: str = "") -> MatchKey:
    guarded = protect.protect(normalize_segment(text), language)
    return MatchKey(guarded.text, guarded.tokens)


def _token_pattern(token: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(token) + r"(?![\w])")


def substitute(
    stored_source: str, stored_target: str, tokens: tuple[str, ...], language: str = ""
) -> str | None:
    """``stored_target`` with the stored source's identifiers replaced by ``tokens`` (the new
    segment's, in the same order). None when the stored translation does not contain each of its
    source's identifiers exactly once, since then it cannot be adapted safely."""
    old = match_key(stored_source, language).tokens
    if old == tokens:
        return stored_target
    if len(old) != len(tokens):
        return None
    marked = stored_target
    for index in sorted(range(len(old)), key=lambda i: -len(old[i])):
        pattern = _token_pattern(old[index])
        if len(pattern.findall(marked)) != 1:
            return None
        marked = pattern.sub(f"\x00{index}\x00", marked)
    return re.sub("\x00(\\d+)\x00", lambda m: tokens[int(m.group(1))], marked)


@dataclass(frozen=True)
class FuzzyMatch:
    source: str
    target: str
    score: float  # 0..100
    query: str = ""  # the segment this match was found for

    def diff(self) -> list[tuple[str, str]]:
        """Word-level differences from the stored source to the query, as CAT tools show them:
        ("=", same), ("-", only in the stored source), ("+", only in the new segment)."""
        old, new = self.source.split(), self.query.split()
        out: list[tuple[str, str]] = []
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if op == "equal":
                out.append(("=", " ".join(old[a1:a2])))
                continue
            if a2 > a1:
                out.append(("-", " ".join(old[a1:a2])))
            if b2 > b1:
                out.append(("+", " ".join(new[b1:b2])))
        return out

    def diff_text(self) -> str:
        """The diff in plain text: ``[-removed-]`` and ``{+added+}`` (wdiff notation)."""
        marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
        return " ".join(marks[op].format(words) for op, words in self.diff())


class LanguageResources(Protocol):
    def exact(self, source_lang: str, target_lang: str, segment: str) -> str | None: ...

    def fuzzy(
        self, source_lang: str, target_lang: str, segment: str, threshold: float, limit: int
    ) -> list[FuzzyMatch]: ...

    def glossary(self, source_lang: str, target_lang: str) -> Sequence[GlossaryTerm]: ...


def entry(source: str, target: str, language: str) -> Entry:
    from liaison.translation.tm_index import Entry  # noqa: PLC0415  (see the imports)

    return Entry(match_key(source, language).key, normalize_segment(source), target)


def lookup_exact(index: MemoryIndex, segment: str, language: str) -> str | None:
    """The stored translation of ``segment``'s match form, with ``segment``'s identifiers in it."""
    wanted = match_key(segment, language)
    found = index.exact(wanted.key)
    if found is None:
        return None
    return substitute(found.source, found.target, wanted.tokens, language)


def lookup_fuzzy(
    index: MemoryIndex, segment: str, language: str, threshold: float, limit: int
) -> list[FuzzyMatch]:
    wanted = match_key(segment, language)
    query = normalize_segment(segment)
    return [
        FuzzyMatch(e.source, e.target, score, query)
        for e, score in index.fuzzy(wanted.key, threshold, limit)
        if e.key != wanted.key or substitute(e.source, e.target, wanted.tokens, language) is None
    ]


@dataclass
class InMemoryResources:
    """A memory held in dicts: for tools and tests that work without a vault."""

    indexes: dict[tuple[str, str], MemoryIndex] = field(default_factory=dict)
    terms: list[GlossaryTerm] = field(default_factory=list)

    def add(self, source_lang: str, target_lang: str, source: str, target: str) -> None:
        from liaison.translation.tm_index import MemoryIndex  # noqa: PLC0415  (see the imports)

        self.indexes.setdefault((source_lang, target_lang), MemoryIndex()).add(
            entry(source, target, source_lang)
        )

    def exact(self, source_lang: str, target_lang: str, segment: str) -> str | None:
        index = self.indexes.get((source_lang, target_lang))
        return lookup_exact(index, segment, source_lang) if index else None

    def fuzzy(
        self, source_lang: str, target_lang: str, segment: str, threshold: float, limit: int
    ) -> list[FuzzyMatch]:
        index = self.indexes.get((source_lang, target_lang))
        return lookup_fuzzy(index, segment, source_lang, threshold, limit) if index else []

    def glossary(self, source_lang: str, target_lang: str) -> Sequence[GlossaryTerm]:
        return [t for t in self.terms if (t.source_lang, t.target_lang) == (source_lang, target_lang)]
