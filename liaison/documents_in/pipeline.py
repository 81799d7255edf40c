"""Translate a document's blocks: exact sources first, the model for the rest, in batches.

Per block, in order: nothing to translate (numbers, references) → copied; an approved translation
of the whole block in the memory → *memory*; fixed text of a known form → *form*; a glossary term on
its own (a heading, a table label) → *glossary*; anything else goes to the engine, whose own memory
lookup works sentence by sentence (a block whose every sentence came from the memory is *memory*).

Why batches of lines: the engine batches every sentence of one call into one model call, so blocks
are joined one per line and sent together (``CHUNK_LINES`` per call keeps progress and cancel
responsive). The engine keeps line breaks, so line *i* of the result is block *i*'s translation. A
token the model dropped is put back on its own block's line, not at the end of the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from liaison.documents_in.forms import FormTexts
from liaison.documents_in.limits import Cancelled
from liaison.documents_in.model import Block, Origin, TranslatedBlock
from liaison.translation import protect, segment
from liaison.translation.engine import Engine, TranslationResult
from liaison.translation.memory import LanguageResources

CHUNK_LINES = 160
FIRST_CHUNK_LINES = 40  # streamed input: start the model early, while the reader goes on
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


def _sentence_counts(lines: Sequence[str]) -> list[int]:
    return [len(segment.layout(protect.protect(line).text).sentences()) for line in lines]


def _line_origins(lines: Sequence[str], result: TranslationResult) -> list[Origin]:
    counts = _sentence_counts(lines)
    if sum(counts) != len(result.segments):
        return [Origin.MACHINE] * len(lines)
    origins, start = [], 0
    for count in counts:
        mine = result.segments[start : start + count]
        start += count
        all_memory = bool(mine) and all(s.origin == "memory" for s in mine)
        origins.append(Origin.MEMORY if all_memory else Origin.MACHINE)
    return origins


def _keep_tokens(source: str, target: str) -> str:
    missing = [tok for tok in protect.protect(source).tokens if tok not in target]
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

    def _machine(self, lines: list[str]) -> list[tuple[str, Origin]]:
        result = self.engine.translate("\n".join(lines), self.source, self.target, resources=self.resources)
        self.route = result.route
        outputs = _strip_lost_suffix(result.text, result).split("\n")
        if len(outputs) != len(lines):  # cannot happen with the current engine; never misalign
            return [pair for line in lines for pair in self._machine_one(line)]
        origins = _line_origins(lines, result)
        return [
            (_keep_tokens(src, out.strip()), origin)
            for src, out, origin in zip(lines, outputs, origins, strict=True)
        ]

    def _machine_one(self, line: str) -> list[tuple[str, Origin]]:
        result = self.engine.translate(line, self.source, self.target, resources=self.resources)
        origin = (
            Origin.MEMORY
            if result.segments and all(s.origin == "memory" for s in result.segments)
            else Origin.MACHINE
        )
        return [(one_line(result.text), origin)]

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
        """Blocks arriving in batches (a PDF's pages while the next ones are read): model calls
        start as soon as ``FIRST_CHUNK_LINES`` lines wait, then go ``CHUNK_LINES`` at a time."""
        blocks: list[Block] = []
        done: dict[int, TranslatedBlock] = {}
        pending: list[_Pending] = []
        threshold = FIRST_CHUNK_LINES

        def machine(chunk: list[_Pending]) -> None:
            if cancelled():
                raise Cancelled("translation cancelled")
            for item, (target, origin) in zip(chunk, self._machine([p.text for p in chunk]), strict=True):
                done[item.index] = TranslatedBlock(blocks[item.index], target, origin)
            progress("translate", len(done), len(blocks))

        for batch in batches:
            for block in batch:
                # Memory lookups recognise identifiers in every block: on a long document this pass
                # alone takes minutes, so Cancel must be honoured here too, not only between chunks.
                if cancelled():
                    raise Cancelled("translation cancelled")
                text = one_line(block.text)
                fixed = _fixed(text, self.source, self.target, self.resources, self.forms)
                if fixed is None:
                    pending.append(_Pending(len(blocks), text))
                else:
                    done[len(blocks)] = TranslatedBlock(block, fixed[0], fixed[1])
                blocks.append(block)
            progress("translate", len(done), len(blocks))
            while len(pending) >= threshold:
                machine(pending[:CHUNK_LINES])
                del pending[:CHUNK_LINES]
                threshold = CHUNK_LINES
        for start in range(0, len(pending), CHUNK_LINES):
            machine(pending[start : start + CHUNK_LINES])
        return [done[i] for i in range(len(blocks))]
