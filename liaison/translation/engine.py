"""The translation engine: protect tokens, segment, reuse approved translations, batch the rest
through the installed packs (pivoting when no direct pack exists), check the glossary.

The result says where every segment came from (translation memory or machine), which route of
packs was used, and which glossary terms were applied, missing or violated.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from liaison.domain import GlossaryTerm
from liaison.errors import LiaisonError, ValidationError
from liaison.translation import fidelity, glossary, packs, protect, runtime, segment
from liaison.translation.glossary import GlossaryCheck, TermStatus
from liaison.translation.memory import DEFAULT_FUZZY_THRESHOLD, FuzzyMatch, LanguageResources
from liaison.translation.models import N_BEST, Hypothesis, LoadedPack, PackRef


class PackMissing(LiaisonError):
    """No installed pack, direct or through a pivot, covers the requested pair."""

    exit_code = 3


LOW_CONFIDENCE = 0.8  # below this a segment is offered the model's other hypotheses
MAX_PIECE_TOKENS = 40  # longer segments are cut at clause boundaries (the test packs learnt short sentences)


@dataclass(frozen=True)
class Segment:
    """One sentence: its source and translation in real text (identifiers in place), where the
    translation came from, and what the fidelity check found."""

    source: str
    target: str
    origin: str  # "memory" (approved translation reused), "machine", or "kept" (nothing to translate)
    suggestions: tuple[FuzzyMatch, ...] = ()
    confidence: float | None = None  # the model's, 0..1 (None when no model was involved)
    alternatives: tuple[str, ...] = ()  # other hypotheses, offered when confidence is low
    lost: tuple[str, ...] = ()  # protected tokens missing (appended in brackets so nothing is lost)
    invented: tuple[str, ...] = ()  # numbers in the translation that the source does not have
    pieces: int = 1  # parts a too-long sentence was cut into at clause boundaries
    truncated: bool = False  # the model stopped at its length limit
    enforced: tuple[str, ...] = ()  # glossary terms whose approved translation the engine put in

    @property
    def faithful(self) -> bool:
        return not (self.lost or self.invented or self.truncated)


@dataclass(frozen=True)
class TranslationResult:
    source_lang: str
    target_lang: str
    text: str
    route: tuple[str, ...]  # languages passed through, e.g. ("es", "en", "fr")
    segments: tuple[Segment, ...]
    glossary: tuple[GlossaryCheck, ...]
    lost: tuple[str, ...] = ()  # protected tokens the translation does not contain exactly once
    invented: tuple[str, ...] = ()  # numbers in the translation not in the source
    lines: tuple[int, ...] = ()  # how many segments each line of the text was cut into, in order

    @property
    def lost_tokens(self) -> tuple[str, ...]:
        return self.lost

    @property
    def pivot(self) -> tuple[str, ...]:
        return self.route[1:-1]

    @property
    def from_memory(self) -> int:
        return sum(1 for s in self.segments if s.origin == "memory")

    @property
    def violations(self) -> tuple[GlossaryCheck, ...]:
        return tuple(g for g in self.glossary if g.status in (TermStatus.MISSING, TermStatus.FORBIDDEN))

    @property
    def truncated(self) -> bool:
        return any(s.truncated for s in self.segments)

    @property
    def faithful(self) -> bool:
        """Nothing lost, invented or cut: the condition for approving into the memory."""
        return all(s.faithful for s in self.segments)


@dataclass(frozen=True)
class _Unit:
    """A sentence ready for the model: placeholders numbered from 1, and its real text."""

    local: protect.Protected
    source: str
    enforced: tuple[str, ...] = ()  # glossary terms protected in it

    @property
    def identifiers(self) -> tuple[str, ...]:
        """Its protected tokens that are identifiers (not glossary terms, which render differently)."""
        return tuple(t for t, r in zip(self.local.tokens, self.local.output, strict=True) if t == r)


@dataclass(frozen=True)
class Prepared:
    """A text protected, segmented and looked up in the memory (``Engine.prepare``): the sentences
    in ``todo`` are left for the model, ``done`` holds the others."""

    source: str
    target: str
    resources: LanguageResources | None
    terms: tuple[GlossaryTerm, ...]
    shape: segment.Layout
    units: tuple[_Unit, ...]
    done: dict[int, Segment]
    todo: tuple[int, ...]
    chain: tuple[PackRef, ...]


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


def sources_for(packs: Sequence[PackRef], target: str) -> list[str]:
    """Languages the installed packs translate into ``target``, directly or through a pivot."""
    found = []
    for language in sorted({p.from_code for p in packs} - {target}):
        try:
            find_route(packs, language, target)
        except PackMissing:
            continue
        found.append(language)
    return found


def nothing_to_translate(text: str) -> bool:
    """Only identifiers, emoji, symbols, or a list of names: the text is kept as it is."""
    return fidelity.names_only(text) or fidelity.nothing_to_translate(protect.protect(text).text)


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

    def _best(self, ref: PackRef, texts: list[str], sizes: list[int]) -> list[list[Hypothesis]]:
        """The model's best translation of each text; for those that lost a placeholder, invented
        a digit or are low-confidence, its n-best list, the hypotheses keeping every placeholder
        and inventing no digit first (stable, so the model's own order decides among equally
        faithful ones). Decoding n-best for every sentence would cost about a third more time."""
        pack = self._pack(ref)
        found = pack.translate_nbest(texts, 1)
        again = [
            i
            for i, (hyps, size) in enumerate(zip(found, sizes, strict=True))
            if fidelity.problems(hyps[0].text, size) or hyps[0].confidence < LOW_CONFIDENCE
        ]
        for i, hyps in zip(again, pack.translate_nbest([texts[i] for i in again], N_BEST), strict=True):
            found[i] = sorted(hyps, key=lambda h: fidelity.problems(h.text, sizes[i]))
        return found

    def _machine(self, chain: list[PackRef], texts: list[str]) -> list[list[Hypothesis]]:
        """Through every pack of the route; the best hypothesis of one stage feeds the next, and
        confidences multiply along the way."""
        sizes = [max((int(m) for m in re.findall(r"⟦(\d+)⟧", t)), default=0) for t in texts]
        carried = [1.0] * len(texts)
        current = texts
        for step, ref in enumerate(chain):
            hyps = self._best(ref, current, sizes)
            if step == len(chain) - 1:
                return [
                    [Hypothesis(h.text, h.confidence * c, h.truncated) for h in hs]
                    for hs, c in zip(hyps, carried, strict=True)
                ]
            current = [hs[0].text for hs in hyps]
            carried = [c * hs[0].confidence for hs, c in zip(hyps, carried, strict=True)]
        return []

    def _anchored(self, chain: list[PackRef], local: str) -> list[Hypothesis] | None:
        """Last resort when every hypothesis lost a placeholder: translate the words between the
        placeholders separately and keep the placeholders where the source has them."""
        parts = re.split(r"(⟦\d+⟧)", local)
        wordy = [p for p in parts if p.strip() and not fidelity.nothing_to_translate(p)]
        if not wordy:
            return None
        done = dict(zip(wordy, (h[0] for h in self._machine(chain, wordy)), strict=True))
        text = "".join(f" {done[p].text} " if p in done else p for p in parts)
        text = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s+", " ", text)).strip()
        confidence = min(h.confidence for h in done.values())
        return [Hypothesis(text, confidence, any(h.truncated for h in done.values()))]

    def _pieces(self, chain: list[PackRef], unit: _Unit) -> list[protect.Protected]:
        """The unit, or its clauses when too long for the model, each with placeholders numbered
        from ⟦1⟧ again (the packs learnt small placeholder numbers)."""
        pack = self._pack(chain[0])
        texts = segment.split_clauses(unit.local.text, lambda t: pack.count_tokens(t) > MAX_PIECE_TOKENS)
        return [protect.renumber(t, unit.local.tokens, unit.local.renderings) for t in texts]

    def _translate_units(self, chain: list[PackRef], units: list[_Unit]) -> list[Segment]:
        pieces = [self._pieces(chain, u) for u in units]
        unique = list(dict.fromkeys(p.text for ps in pieces for p in ps))
        hyps = dict(zip(unique, self._machine(chain, unique), strict=True))
        for piece in unique:
            size = max((int(m) for m in re.findall(r"⟦(\d+)⟧", piece)), default=0)
            if fidelity.problems(hyps[piece][0].text, size) and "⟦" in piece:
                retry = self._anchored(chain, piece)
                if retry is not None and fidelity.problems(retry[0].text, size) < fidelity.problems(
                    hyps[piece][0].text, size
                ):
                    hyps[piece] = retry + hyps[piece]
        return [
            self._assemble(unit, [(p, hyps[p.text]) for p in ps])
            for unit, ps in zip(units, pieces, strict=True)
        ]

    @staticmethod
    def _assemble(unit: _Unit, parts: list[tuple[protect.Protected, list[Hypothesis]]]) -> Segment:
        restored = [protect.restore(hs[0].text, piece.output) for piece, hs in parts]
        text = " ".join(r.text for r in restored)
        confidence = min(hs[0].confidence for _piece, hs in parts)
        alternatives: tuple[str, ...] = ()
        if confidence < LOW_CONFIDENCE and len(parts) == 1:
            piece, hs = parts[0]
            alternatives = tuple(protect.restore(h.text, piece.output).text for h in hs[1:])
        return Segment(
            unit.source,
            text,
            "machine",
            confidence=confidence,
            alternatives=alternatives,
            lost=tuple(t for r in restored for t in r.lost),
            invented=fidelity.invented_numbers(unit.source, text),
            pieces=len(parts),
            truncated=any(hs[0].truncated for _piece, hs in parts),
        )

    def translate(
        self, text: str, source: str, target: str, resources: LanguageResources | None = None
    ) -> TranslationResult:
        """``resources`` (memory and glossary) for this call; defaults to the engine's own."""
        prepared = self.prepare(text, source, target, resources)
        return self.finish(prepared, self.machine(prepared))

    def prepare(
        self, text: str, source: str, target: str, resources: LanguageResources | None = None
    ) -> Prepared:
        """The first of ``translate``'s three steps: protect, segment, take what the memory has.

        Why three steps: a document is translated chunk after chunk, and the model (``machine``,
        which touches no memory and releases the interpreter while it decodes) can run on its own
        thread while the caller prepares the next chunk and finishes the previous one on the thread
        that owns the vault."""
        if source == target:
            raise ValidationError(f"source and target language are both {source}")
        res = resources if resources is not None else self.resources
        terms = tuple(res.glossary(source, target)) if res else ()
        guarded, term_of = glossary.enforce(protect.protect(text, source), terms, source, target)
        shape = segment.layout(guarded.text)
        units = []
        for sentence in shape.sentences():
            local = protect.renumber(sentence, guarded.tokens, guarded.renderings)
            enforced = tuple(
                dict.fromkeys(
                    term_of[int(n) - 1] for n in re.findall(r"⟦(\d+)⟧", sentence) if int(n) - 1 in term_of
                )
            )
            units.append(_Unit(local, protect.restore(local.text, local.tokens).text, enforced))
        keep_all = fidelity.names_only(text)
        # A document repeats sentences (greetings, headers): one lookup per distinct sentence.
        exact = functools.cache(lambda seg: res.exact(source, target, seg) if res else None)
        done: dict[int, Segment] = {}
        for i, unit in enumerate(units):
            if keep_all or fidelity.nothing_to_translate(unit.local.text):
                done[i] = Segment(unit.source, unit.source, "kept")
            elif res is not None and (hit := exact(unit.source)) is not None:
                lost = fidelity.lost_tokens(hit, unit.identifiers)
                done[i] = Segment(
                    unit.source,
                    hit,
                    "memory",
                    lost=lost,
                    invented=fidelity.invented_numbers(unit.source, hit),
                )
        todo = tuple(i for i in range(len(units)) if i not in done)
        chain = self.route(source, target) if todo else []
        return Prepared(source, target, res, terms, shape, tuple(units), done, todo, tuple(chain))

    def machine(self, prepared: Prepared) -> list[Segment]:
        """The model's translation of the sentences ``prepare`` left to it, in order. Reads no memory
        or vault, so it may run on another thread than the one that prepared it."""
        return self._translate_units(list(prepared.chain), [prepared.units[i] for i in prepared.todo])

    def finish(self, prepared: Prepared, machine: Sequence[Segment]) -> TranslationResult:
        """Fuzzy suggestions for the machine sentences, the glossary check, the text put together."""
        res, source, target = prepared.resources, prepared.source, prepared.target
        fuzzy = functools.cache(
            lambda seg: tuple(res.fuzzy(source, target, seg, self.fuzzy_threshold, 3)) if res else ()
        )
        done = dict(prepared.done)
        for i, seg in zip(prepared.todo, machine, strict=True):
            suggestions = fuzzy(seg.source) if res else ()
            done[i] = dataclasses.replace(seg, suggestions=suggestions, enforced=prepared.units[i].enforced)
        segments = [done[i] for i in range(len(prepared.units))]
        checks = [
            c
            for i, s in enumerate(segments)
            for c in glossary.check_segment(i, s.source, s.target, prepared.terms, source, target, s.enforced)
        ]
        chain = prepared.chain
        route = (source, *(ref.to_code for ref in chain)) if chain else (source, target)
        return TranslationResult(
            source,
            target,
            prepared.shape.join([s.target for s in segments]),
            route,
            tuple(segments),
            tuple(checks),
            tuple(t for s in segments for t in s.lost),
            tuple(dict.fromkeys(n for s in segments for n in s.invented)),
            tuple(len(pieces) for _indent, pieces in prepared.shape.lines),
        )
