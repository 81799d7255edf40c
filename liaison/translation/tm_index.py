"""An in-memory index of one language pair of the translation memory, so lookups cost the same
with a hundred entries or a hundred thousand.

Entries are keyed by their *match form* (``memory.match_key``: normalised text, identifiers as
``⟦1⟧``, ``⟦2⟧``… per segment). Exact lookup is a dict hit. Fuzzy lookup scores only candidates that
share a word pair (bigram) with the query, taken from the rarest pairs' posting lists up to a fixed
budget, and whose length could still reach the threshold (an edit-distance ratio of t needs the
shorter string to be at least t/(2-t) of the longer); a small memory is simply scanned in full. A
sentence similar enough to be a 75 % match shares several word pairs with the query, and the rarest
ones are the most telling, so the budget costs little recall while keeping the cost of a lookup
independent of the memory's size.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

SCAN_ALL_BELOW = 500  # entries: scanning them all is as cheap as using the index
CANDIDATE_BUDGET = 120  # candidates scored per fuzzy lookup, at most
_WORD = re.compile(r"[^\W_]+|⟦\d+⟧")


@dataclass(frozen=True)
class Entry:
    key: str
    source: str
    target: str


def _terms(key: str) -> set[str]:
    """Word pairs of the match form (a single word for a one-word segment)."""
    words = _WORD.findall(key.lower())
    if len(words) < 2:
        return set(words)
    return set(map(" ".join, itertools.pairwise(words)))


class MemoryIndex:
    def __init__(self) -> None:
        self._slots: dict[str, int] = {}
        self._entries: list[Entry] = []
        self._keys: list[str] = []
        self._lengths = np.zeros(1024, dtype=np.int32)
        self._postings: dict[str, list[int]] = {}
        self._arrays: dict[str, NDArray[np.int32]] = {}  # posting lists as arrays, made on first use

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
        self._keys.append(entry.key)
        if slot >= len(self._lengths):
            self._lengths = np.concatenate([self._lengths, np.zeros(len(self._lengths), dtype=np.int32)])
        self._lengths[slot] = len(entry.key)
        for term in _terms(entry.key):
            self._postings.setdefault(term, []).append(slot)
            self._arrays.pop(term, None)

    def extend(self, entries: Iterable[Entry]) -> None:
        """``add`` for many entries at once (a session's first read of the memory): the same
        result, with the per-entry work cut to the word pairs and one list append per pair."""
        slots, stored, keys, postings = self._slots, self._entries, self._keys, self._postings
        lengths: list[int] = []
        first = len(stored)
        for entry in entries:
            slot = slots.get(entry.key)
            if slot is not None:
                stored[slot] = entry
                continue
            slot = slots[entry.key] = len(stored)
            stored.append(entry)
            keys.append(entry.key)
            lengths.append(len(entry.key))
            for term in _terms(entry.key):
                found = postings.get(term)
                if found is None:
                    postings[term] = [slot]
                else:
                    found.append(slot)
        if len(stored) > len(self._lengths):
            grown = np.zeros(max(len(stored), 2 * len(self._lengths)), dtype=np.int32)
            grown[: len(self._lengths)] = self._lengths
            self._lengths = grown
        self._lengths[first : len(stored)] = lengths
        self._arrays.clear()

    def exact(self, key: str) -> Entry | None:
        slot = self._slots.get(key)
        return None if slot is None else self._entries[slot]

    def _array(self, term: str) -> NDArray[np.int32]:
        found = self._arrays.get(term)
        if found is None:
            found = self._arrays[term] = np.asarray(self._postings.get(term, ()), dtype=np.int32)
        return found

    def _candidates(self, key: str, threshold: float) -> list[int]:
        if len(self._entries) < SCAN_ALL_BELOW:
            return list(range(len(self._entries)))
        ratio = threshold / (200.0 - threshold)
        low, high = len(key) * ratio, len(key) / ratio if ratio else float("inf")
        chosen: list[NDArray[np.int32]] = []
        count = 0
        for postings in sorted((self._array(t) for t in _terms(key)), key=len):
            if not len(postings):
                continue
            lengths = self._lengths[postings]
            fitting = postings[(lengths >= low) & (lengths <= high)]
            chosen.append(fitting[: CANDIDATE_BUDGET - count])
            count += len(chosen[-1])
            if count >= CANDIDATE_BUDGET:
                break
        if not chosen:
            return []
        return [int(i) for i in dict.fromkeys(np.concatenate(chosen).tolist())]

    def fuzzy(self, key: str, threshold: float, limit: int) -> list[tuple[Entry, float]]:
        slots = self._candidates(key, threshold)
        keys = self._keys
        choices = [keys[i] for i in slots]
        found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
        return [(self._entries[slots[position]], float(score)) for _key, score, position in found]
