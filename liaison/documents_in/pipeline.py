"""Translate a document's blocks: exact sources first, the model for the rest, in batches.

Per block, in order: nothing to translate (numbers, references) → copied; an approved translation
of the whole block in the memory → *memory*; fixed text of a known form → *form*; a glossary term on
its own (a heading, a table label) → *glossary*; anything else goes to the engine, whose own memory
lookup works sentence by sentence (a block whose every sentence came from the memory is *memory*).

Why batches of lines: the engine batches every sentence of one call into one model call, so blocks
are joined one per line and sent together. ``CHUNK_LINES`` per call (about one CTranslate2 batch)
keeps progress and cancel responsive, and the model works on one chunk while the next is prepared
(see ``translate_stream``). The engine keeps line breaks and says how many sentences each line
became, so line *i* of the result is block *i*'s translation, with its own origin; a token the model
dropped is put back on its own block's line, not at the end of the batch.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from liaison.documents_in.forms import FormTexts
from liaison.documents_in.limits import Cancelled
from liaison.documents_in.model import Block, Origin, TranslatedBlock
from liaison.translation import protect
from liaison.translation.engine import Engine, Prepared, Segment, TranslationResult
from liaison.translation.memory import LanguageResources

CHUNK_LINES = 64  # about one CTranslate2 batch of 2,048 tokens
FIRST_CHUNK_LINES = 16  # start the model early, while the rest is read and prepared
Progress = Callable[[str, int, int], None]


def _never() -> bool:
    return False


def _quiet(_stage: str, _done: int, _total: int) -> None:
    return None


def one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Pending:
    index: int
    text: str


def _fixed(
    text: str, source: str, target: str, resources: LanguageResources | None, forms: FormTexts | None
) -> tuple[str, Origin] | None:
    if not any(ch.isalpha() for ch in text):
        return text, Origin.COPY
    if resources is not None:
        hit = resources.exact(source, target, text)
        if hit is not None:
            return hit, Origin.MEMORY
    if forms is not None:
        found = forms.lookup(text)
        if found is not None:
            return found, Origin.FORM
    if resources is not None:
        folded = text.casefold().rstrip(":. ")
        for term in resources.glossary(source, target):
            if term.term.casefold() == folded:
                return term.translation, Origin.GLOSSARY
    return None


def _per_line(lines: Sequence[str], result: TranslationResult) -> list[tuple[Segment, ...]] | None:
    """Each line's segments (the engine says how many sentences it cut each line into), or None
    if they do not add up (never seen; then nothing is guessed)."""
    counts = result.lines
    if len(counts) != len(lines) or sum(counts) != len(result.segments):
        return None
    mine, start = [], 0
    for count in counts:
        mine.append(result.segments[start : start + count])
        start += count
    return mine


def _origin(segments: Sequence[Segment] | None) -> Origin:
    """A line whose every sentence came from the memory is *memory*; anything else is *machine*."""
    return Origin.MEMORY if segments and all(s.origin == "memory" for s in segments) else Origin.MACHINE


def _keep_tokens(source: str, target: str, segments: Sequence[Segment] | None) -> str:
    """The line's translation with every identifier its sentences lost put back in brackets (the
    engine appends them to a machine sentence itself, not to one the memory gave). Known from the
    segments, not by protecting the line again."""
    lost = (
        [tok for s in segments for tok in s.lost]
        if segments is not None
        else list(protect.protect(source).tokens)
    )
    missing = [tok for tok in dict.fromkeys(lost) if tok not in target]
    return f"{target.rstrip()} [{' '.join(missing)}]" if missing else target


def _strip_lost_suffix(text: str, result: TranslationResult) -> str:
    if result.lost_tokens:
        suffix = f" [{' '.join(result.lost_tokens)}]"
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


class BlockTranslator:
    """Translates lists of blocks with one engine, memory and form set; reusable across documents."""

    def __init__(
        self,
        engine: Engine,
        source: str,
        target: str,
        resources: LanguageResources | None = None,
        forms: FormTexts | None = None,
    ) -> None:
        self.engine, self.source, self.target = engine, source, target
        self.resources, self.forms = resources, forms
        self.route: tuple[str, ...] = (source, target)

    def prepare(self, lines: list[str]) -> Prepared:
        return self.engine.prepare("\n".join(lines), self.source, self.target, self.resources)

    def lines(self, lines: list[str], result: TranslationResult) -> list[tuple[str, Origin]]:
        self.route = result.route
        outputs = _strip_lost_suffix(result.text, result).split("\n")
        if len(outputs) != len(lines):  # cannot happen with the current engine; never misalign
            return [pair for line in lines for pair in self._machine_one(line)]
        found = _per_line(lines, result)
        per_line: list[tuple[Segment, ...] | None] = list(found) if found is not None else [None] * len(lines)
        return [
            (_keep_tokens(src, out.strip(), segments), _origin(segments))
            for src, out, segments in zip(lines, outputs, per_line, strict=True)
        ]

    def _machine_one(self, line: str) -> list[tuple[str, Origin]]:
        result = self.engine.translate(line, self.source, self.target, resources=self.resources)
        return [(one_line(result.text), _origin(result.segments))]

    def translate(
        self, blocks: Sequence[Block], progress: Progress = _quiet, cancelled: Callable[[], bool] = _never
    ) -> list[TranslatedBlock]:
        return self.translate_stream([blocks], progress, cancelled)

    def translate_stream(
        self,
        batches: Iterable[Sequence[Block]],
        progress: Progress = _quiet,
        cancelled: Callable[[], bool] = _never,
    ) -> list[TranslatedBlock]:
        """Blocks arriving in batches (a PDF's pages while the next ones are read).

        The model runs on a thread of its own, one chunk of lines at a time, while this thread
        reads on, looks blocks up in the memory and forms, prepares the next chunk and puts the
        previous one's translations back: the model is never left waiting for the reader or for
        Python work, which a document pays once per chunk otherwise. The first chunk is small so
        the model starts early; at most one more waits prepared, so memory stays bounded. The
        memory and the vault are only read on this thread (``Engine.machine`` touches neither)."""
        run = _Chunks(self, progress, cancelled)
        try:
            for batch in batches:
                for block in batch:
                    # Memory lookups recognise identifiers in every block: on a long document this
                    # pass alone takes minutes, so Cancel is honoured here too, not only per chunk.
                    if cancelled():
                        raise Cancelled("translation cancelled")
                    run.add(
                        block,
                        _fixed(one_line(block.text), self.source, self.target, self.resources, self.forms),
                    )
                progress("translate", len(run.done), len(run.blocks))
            return run.end()
        finally:
            run.model.shutdown(wait=True, cancel_futures=True)


class _Chunks:
    """One document's blocks on their way through the model thread (``translate_stream``)."""

    def __init__(self, owner: BlockTranslator, progress: Progress, cancelled: Callable[[], bool]) -> None:
        self.owner, self.progress, self.cancelled = owner, progress, cancelled
        self.blocks: list[Block] = []
        self.done: dict[int, TranslatedBlock] = {}
        self.pending: list[_Pending] = []
        self.inflight: deque[tuple[list[_Pending], Prepared, Future[list[Segment]]]] = deque()
        self.size = FIRST_CHUNK_LINES
        self.model = ThreadPoolExecutor(max_workers=1, thread_name_prefix="liaison-model")

    def add(self, block: Block, fixed: tuple[str, Origin] | None) -> None:
        if fixed is None:
            self.pending.append(_Pending(len(self.blocks), one_line(block.text)))
        else:
            self.done[len(self.blocks)] = TranslatedBlock(block, fixed[0], fixed[1])
        self.blocks.append(block)
        if len(self.pending) >= self.size:
            self._submit(self.pending[: self.size])
            del self.pending[: self.size]
            self.size = CHUNK_LINES

    def end(self) -> list[TranslatedBlock]:
        # The rest in two parts: the last chunk's putting back is the only work not overlapped.
        rest = len(self.pending)
        for chunk in (self.pending[: rest - rest // 3], self.pending[rest - rest // 3 :]):
            if chunk:
                self._submit(chunk)
        while self.inflight:
            self._collect()
        return [self.done[i] for i in range(len(self.blocks))]

    def _submit(self, chunk: list[_Pending]) -> None:
        if self.cancelled():
            raise Cancelled("translation cancelled")
        prepared = self.owner.prepare([p.text for p in chunk])
        self.inflight.append((chunk, prepared, self.model.submit(self.owner.engine.machine, prepared)))
        while len(self.inflight) > 1:  # one decoding, one waiting: put the older one back
            self._collect()

    def _collect(self) -> None:
        chunk, prepared, machine = self.inflight.popleft()
        result = self.owner.engine.finish(prepared, machine.result())
        lines = self.owner.lines([p.text for p in chunk], result)
        for item, (target, origin) in zip(chunk, lines, strict=True):
            self.done[item.index] = TranslatedBlock(self.blocks[item.index], target, origin)
        self.progress("translate", len(self.done), len(self.blocks))
