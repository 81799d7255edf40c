"""The translation engine: protect tokens, segment, reuse approved translations, batch the rest
through the installed packs (pivoting when no direct pack exists), check the glossary.

The result says where every segment came from (translation memory or machine), which route of
packs was used, and which glossary terms were applied, missing or violated.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from liaison.errors import LiaisonError, ValidationError
from liaison.translation import packs, protect, runtime, segment
from liaison.translation.glossary import GlossaryCheck, TermStatus, check_segment
from liaison.translation.memory import DEFAULT_FUZZY_THRESHOLD, FuzzyMatch, LanguageResources
from liaison.translation.models import LoadedPack, PackRef


class PackMissing(LiaisonError):
    """No installed pack, direct or through a pivot, covers the requested pair."""

    exit_code = 3


@dataclass(frozen=True)
class Segment:
    source: str
    target: str
    origin: str  # "memory" (approved translation reused) or "machine"
    suggestions: tuple[FuzzyMatch, ...] = ()


@dataclass(frozen=True)
class TranslationResult:
    source_lang: str
    target_lang: str
    text: str
    route: tuple[str, ...]  # languages passed through, e.g. ("es", "en", "fr")
    segments: tuple[Segment, ...]
    glossary: tuple[GlossaryCheck, ...]
    lost_tokens: tuple[str, ...]

    @property
    def pivot(self) -> tuple[str, ...]:
        return self.route[1:-1]

    @property
    def from_memory(self) -> int:
        return sum(1 for s in self.segments if s.origin == "memory")

    @property
    def violations(self) -> tuple[GlossaryCheck, ...]:
        return tuple(g for g in self.glossary if g.status is not TermStatus.APPLIED)


def installed_packs() -> list[PackRef]:
    return [PackRef(p.from_code, p.to_code, p.version, p.path) for p in packs.list_installed()]


def find_route(packs: Sequence[PackRef], source: str, target: str) -> list[PackRef]:
    """Shortest chain of packs from source to target (breadth-first), or PackMissing."""
    by_source: dict[str, list[PackRef]] = {}
    for pack in packs:
        by_source.setdefault(pack.from_code, []).append(pack)
    queue: deque[tuple[str, list[PackRef]]] = deque([(source, [])])
    seen = {source}
    while queue:
        lang, chain = queue.popleft()
        for pack in by_source.get(lang, []):
            if pack.to_code == target:
                return [*chain, pack]
            if pack.to_code not in seen:
                seen.add(pack.to_code)
                queue.append((pack.to_code, [*chain, pack]))
    installed = ", ".join(sorted(p.pair for p in packs)) or "none"
    raise PackMissing(
        f"no language pack for {source}→{target}: install the {source}-{target} pack (installed: {installed})"
    )


class Engine:
    """Loads packs lazily and keeps them; safe to share between threads."""

    def __init__(
        self,
        resources: LanguageResources | None = None,
        fuzzy_threshold: float = DEFAULT_FUZZY_THRESHOLD,
    ) -> None:
        self.resources = resources
        self.fuzzy_threshold = fuzzy_threshold
        self._loaded: dict[Path, LoadedPack] = {}
        self._routes: dict[tuple[str, str], list[PackRef]] = {}
        self._routes_stamp: tuple[str, int] = ("", -1)
        self._lock = threading.Lock()

    def route(self, source: str, target: str) -> list[PackRef]:
        """Cached per pair until the packs folder changes (install and remove rename folders in it)."""
        folder = runtime.packages_dir()
        stamp = (str(folder), folder.stat().st_mtime_ns if folder.exists() else 0)
        with self._lock:
            if stamp != self._routes_stamp:
                self._routes, self._routes_stamp = {}, stamp
            cached = self._routes.get((source, target))
        if cached is None:
            cached = find_route(installed_packs(), source, target)
            with self._lock:
                self._routes[(source, target)] = cached
        return cached

    def _pack(self, ref: PackRef) -> LoadedPack:
        with self._lock:
            loaded = self._loaded.get(ref.path)
            if loaded is None or loaded.ref != ref:
                loaded = self._loaded[ref.path] = LoadedPack(ref)
            return loaded

    def forget_packs(self) -> None:
        """Drop loaded models (after a pack is installed or removed)."""
        with self._lock:
            self._loaded.clear()
            self._routes_stamp = ("", -1)

    def _machine(self, chain: list[PackRef], sentences: list[str]) -> list[str]:
        for ref in chain:
            sentences = self._pack(ref).translate_batch(sentences)
        return sentences

    def translate(
        self, text: str, source: str, target: str, resources: LanguageResources | None = None
    ) -> TranslationResult:
        """``resources`` (memory and glossary) for this call; defaults to the engine's own."""
        if source == target:
            raise ValidationError(f"source and target language are both {source}")
        guarded = protect.protect(text)
        shape = segment.layout(guarded.text)
        sentences = shape.sentences()
        res = resources if resources is not None else self.resources
        remembered = [res.exact(source, target, s) if res else None for s in sentences]
        todo = [s for s, hit in zip(sentences, remembered, strict=True) if hit is None]
        chain = self.route(source, target) if todo else []
        machine = iter(self._machine(chain, todo))
        segments = []
        for sentence, hit in zip(sentences, remembered, strict=True):
            if hit is not None:
                segments.append(Segment(sentence, hit, "memory"))
                continue
            suggestions = tuple(res.fuzzy(source, target, sentence, self.fuzzy_threshold, 3)) if res else ()
            segments.append(Segment(sentence, next(machine), "machine", suggestions))
        joined = protect.restore(shape.join([s.target for s in segments]), guarded.tokens)
        terms = res.glossary(source, target) if res else ()
        checks = [
            c
            for i, s in enumerate(segments)
            for c in check_segment(
                i,
                protect.restore(s.source, guarded.tokens).text,
                protect.restore(s.target, guarded.tokens).text,
                terms,
            )
        ]
        route = (source, *(ref.to_code for ref in chain)) if chain else (source, target)
        return TranslationResult(
            source, target, joined.text, route, tuple(segments), tuple(checks), joined.lost
        )
