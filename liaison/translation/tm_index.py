"""An in-memory index of one language pair of the translation memory, so lookups cost the same
with a hundred entries or a hundred thousand.

Entries are keyed by their *match form* (``memory.match_key``: normalised text, identifiers as
``⟦1⟧``, ``⟦2⟧``… per segment). Exact lookup is a dict hit. Fuzzy lookup scores only candidates that
share a rare word with the query and whose length could still reach the threshold (an edit-distance
ratio of t needs the shorter string to be at least t/(2-t) of the longer), read from word posting
lists up to a fixed budget; a small memory is simply scanned in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

SCAN_ALL_BELOW = 2000  # entries: scanning them all is as cheap as using the index
CANDIDATE_BUDGET = 1500  # postings read per fuzzy lookup, at most
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Entry:
    key: str
    source: str
    target: str


def _words(key: str) -> set[str]:
    return set(_WORD.findall(key.lower()))


class MemoryIndex:
    def __init__(self) -> None:
        self._slots: dict[str, int] = {}
        self._entries: list[Entry] = []
        self._postings: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, entry: Entry) -> None:
        """Add or replace (same key: the later entry wins, as the newer approval)."""
        slot = self._slots.get(entry.key)
        if slot is not None:
            self._entries[slot] = entry
            return
        slot = self._slots[entry.key] = len(self._entries)
        self._entries.append(entry)
        for word in _words(entry.key):
            self._postings.setdefault(word, []).append(slot)

    def exact(self, key: str) -> Entry | None:
        slot = self._slots.get(key)
        return None if slot is None else self._entries[slot]

    def _candidates(self, key: str, threshold: float) -> list[int]:
        if len(self._entries) < SCAN_ALL_BELOW:
            return list(range(len(self._entries)))
        lists = sorted((self._postings.get(w, []) for w in _words(key)), key=len)
        chosen: set[int] = set()
        for postings in lists:
            if chosen and len(chosen) + len(postings) > CANDIDATE_BUDGET:
                break
            chosen.update(postings[:CANDIDATE_BUDGET])
        ratio = threshold / (200.0 - threshold)
        low, high = len(key) * ratio, len(key) / ratio if ratio else float("inf")
        return [i for i in chosen if low <= len(self._entries[i].key) <= high]

    def fuzzy(self, key: str, threshold: float, limit: int) -> list[tuple[Entry, float]]:
        slots = self._candidates(key, threshold)
        choices = {i: self._entries[i].key for i in slots}
        found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
        return [(self._entries[slot], float(score)) for _key, score, slot in found]
