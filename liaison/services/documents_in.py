"""Translate a received document with the vault's memory and glossary, and keep the review.

The one place the CLI and the desktop call: read (with OCR when needed), detect the language when
asked, translate block by block with the memory, the forms' fixed texts and the glossary, then
write whichever outputs the caller wants. Approving segments stores them in the memory like any
approved translation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from liaison.documents_in import output, sniff
from liaison.documents_in.forms import form_texts
from liaison.documents_in.limits import DEFAULT, Limits, UnsupportedDocument
from liaison.documents_in.model import Format, Origin, ReadDocument, TranslatedBlock
from liaison.documents_in.pipeline import BlockTranslator
from liaison.documents_in.read import read_document, read_stream
from liaison.domain.mla import MlaRequest
from liaison.errors import N_, ValidationError
from liaison.services import translation as translation_service
from liaison.services import validation as check
from liaison.store.vault import Vault
from liaison.translation.engine import Engine

Progress = Callable[[str, int, int], None]


def _quiet(_stage: str, _done: int, _total: int) -> None:
    return None


def _never() -> bool:
    return False


@dataclass
class DocumentTranslation:
    name: str
    original: bytes
    document: ReadDocument
    source_lang: str
    target_lang: str
    items: list[TranslatedBlock]
    route: tuple[str, ...] = ()
    # The review PDF last rendered, with the blocks it shows: served again as long as the items are
    # still those (translate-doc writes it with -o and stores it with --attach; an edit or an
    # approval renders it anew).
    review: tuple[tuple[TranslatedBlock, ...], bytes] | None = field(default=None, repr=False)

    def counts(self) -> dict[str, int]:
        found = {origin.value: 0 for origin in Origin}
        for item in self.items:
            found[item.origin.value] += 1
        return found

    def translated_document(self) -> tuple[bytes, str] | None:
        """The document rebuilt in its own format and the file suffix, or None (PDF, scans)."""
        suffix = output.same_format(self.document.format)
        if suffix is None:
            return None
        data = output.write_translated(
            self.document.format, self.name, self.original, self.items, self.target_lang
        )
        return data, suffix

    def bilingual_pdf(self) -> bytes:
        if self.review is not None and self.review[0] == tuple(self.items):
            return self.review[1]
        data = output.bilingual_pdf(self.items, self.source_lang, self.target_lang, self.name)
        self.review = (tuple(self.items), data)
        return data

    def edit(self, index: int, target: str) -> None:
        self.items[index] = replace(self.items[index], target=target.strip(), approved=False)

    def mark_approved(self, indexes: Sequence[int]) -> None:
        for index in indexes:
            self.items[index] = replace(self.items[index], approved=True)


def _detect(doc: ReadDocument) -> str:
    from liaison.translation import detect  # noqa: PLC0415  (model loads only when asked)

    sample = " ".join(doc.texts)[:4000]
    if not sample.strip():
        raise UnsupportedDocument("no text found in the document: cannot detect its language (give --from)")
    return detect.detect(sample).language


@dataclass(frozen=True)
class Run:
    """How one document is processed: its bounds, who hears about progress, who can cancel."""

    limits: Limits = DEFAULT
    progress: Progress = _quiet
    cancelled: Callable[[], bool] = _never


def read(name: str, data: bytes, source_lang: str, run: Run = Run()) -> ReadDocument:
    if source_lang != "auto":
        check.language(N_("source language"), source_lang, optional=False)
    ocr_lang = None if source_lang == "auto" else source_lang
    return read_document(
        name, data, ocr_lang, limits=run.limits, progress=run.progress, cancelled=run.cancelled
    )


def translate(
    vault: Vault | None,
    engine: Engine,
    name: str,
    data: bytes,
    source_lang: str,
    target_lang: str,
    run: Run = Run(),
) -> DocumentTranslation:
    """Read and translate one received file. ``source_lang`` may be "auto".

    With the source language known, a PDF's pages are translated as they are read (the reader runs
    in its own process, so reading the next pages overlaps the model's work on the first ones)."""
    check.language(N_("target language"), target_lang, optional=False)
    if source_lang == "auto":
        doc = read(name, data, source_lang, run)
        return translate_read(vault, engine, name, data, doc, (source_lang, target_lang), run)
    check.language(N_("source language"), source_lang, optional=False)
    if source_lang == target_lang:
        raise ValidationError(f"the document is already in {target_lang}")
    doc, batches = read_stream(
        name, data, source_lang, limits=run.limits, progress=run.progress, cancelled=run.cancelled
    )
    translator = _translator(vault, engine, source_lang, target_lang)
    items = translator.translate_stream(batches, run.progress, run.cancelled)
    return DocumentTranslation(name, data, doc, source_lang, target_lang, items, translator.route)


def _translator(vault: Vault | None, engine: Engine, source: str, target: str) -> BlockTranslator:
    resources = translation_service.resources_for(vault) if vault is not None else None
    return BlockTranslator(engine, source, target, resources, form_texts(source, target))


def translate_read(
    vault: Vault | None,
    engine: Engine,
    name: str,
    data: bytes,
    doc: ReadDocument,
    pair: tuple[str, str],
    run: Run = Run(),
) -> DocumentTranslation:
    """Translate a document already read (the desktop reads and OCRs off the store thread, then
    translates on it, where the memory lives). ``pair`` is (source or "auto", target)."""
    source_lang, target_lang = pair
    check.language(N_("target language"), target_lang, optional=False)
    source = _detect(doc) if source_lang == "auto" else source_lang
    if source == target_lang:
        raise ValidationError(f"the document is already in {target_lang}")
    translator = _translator(vault, engine, source, target_lang)
    items = translator.translate(doc.blocks, run.progress, run.cancelled)
    return DocumentTranslation(name, data, doc, source, target_lang, items, translator.route)


def is_liaison_request(name: str, data: bytes) -> bool:
    """A PDF exported by Liaison carries its request as structured data: import that instead of
    translating the pages' text (its fixed texts then come out exact in any language)."""
    from liaison.documents import embedded  # noqa: PLC0415  (pikepdf loads only for PDFs)

    if sniff.detect(name, data) is not Format.PDF:
        return False
    try:
        embedded.read(data, name)
    except embedded.NoEmbeddedRequest:
        return False
    except embedded.DamagedEmbeddedRequest as error:
        if "is not a readable PDF" in str(error):
            return False  # the document reader gives its own, more specific message
        raise
    return True


def import_request(vault: Vault, name: str, data: bytes) -> MlaRequest:
    from liaison.services import mla_import  # noqa: PLC0415

    return mla_import.import_pdf(vault, data, name)


def approve(vault: Vault, result: DocumentTranslation, indexes: Sequence[int] | None = None) -> int:
    """Store the chosen segments (default: every machine or edited one) in the memory."""
    chosen = (
        list(indexes)
        if indexes is not None
        else [i for i, item in enumerate(result.items) if item.origin is Origin.MACHINE]
    )
    count = 0
    with vault.transaction():
        for index in chosen:
            item = result.items[index]
            if item.target.strip() and item.origin is not Origin.COPY:
                translation_service.approve(
                    vault,
                    result.source_lang,
                    result.target_lang,
                    item.source,
                    item.target,
                    origin=f"document:{Path(result.name).name}",
                )
                count += 1
    result.mark_approved(chosen)
    return count
