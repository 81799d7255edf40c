"""One entry point for every received file: size check, format from the bytes, the right reader.

Scanned pages (a PDF page without a text layer, or an image) go through OCR; ``progress`` is told
each page, ``cancelled`` is asked between pages so a long scan can be stopped. A PDF's pages can
also be taken one by one as they are read (``pdf_pages``), so translation starts before the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypedDict, Unpack

from liaison.documents_in import ocr, sniff
from liaison.documents_in.eml_io import read_eml
from liaison.documents_in.limits import (
    DEFAULT,
    Cancelled,
    HostileDocument,
    Limits,
    check_mail_size,
    check_size,
)
from liaison.documents_in.model import Block, Format, ReadDocument
from liaison.documents_in.pdf_worker import PdfReader
from liaison.documents_in.text_io import read_html, read_text

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _never() -> bool:
    return False


def _quiet(_stage: str, _done: int, _total: int) -> None:
    return None


def pdf_pages(
    name: str,
    data: bytes,
    lang: str | None,
    doc: ReadDocument,
    run: tuple[Limits, Progress, Callable[[], bool]],
) -> Iterator[list[Block]]:
    """Each page's blocks as soon as the reader process has it (OCR for a page without a text
    layer), filling ``doc`` as it goes; the caller may translate a page while the next is read."""
    limits, progress, cancelled = run
    with PdfReader(name, data, limits) as reader:
        doc.pages = reader.count
        for page in reader.pages():
            if cancelled():
                raise Cancelled("cancelled")
            blocks = page.blocks
            if not page.has_text:
                image = ocr.open_image(name, ocr.render_pdf_page(name, data, page.number), limits)
                read = ocr.ocr_page(image, lang, page.number)
                lang = lang or read.language  # the next scanned pages: straight to that language
                blocks = read.blocks
                doc.ocr = True
                doc.notes.append(f"page {page.number}: no text layer, read by OCR{_passes(read)}")
            doc.blocks += blocks
            _check_blocks(name, doc.blocks, limits)
            progress("read", page.number, reader.count)
            yield blocks


def _read_image(
    name: str,
    data: bytes,
    lang: str | None,
    limits: Limits,
    progress: Progress,
    cancelled: Callable[[], bool],
) -> ReadDocument:
    doc = ReadDocument(Format.IMAGE, [], ocr=True)
    for number, frame in enumerate(ocr.image_frames(name, data, limits), start=1):
        if cancelled():
            raise Cancelled("cancelled")
        read = ocr.ocr_page(frame, lang, number)
        lang = lang or read.language
        doc.blocks += read.blocks
        if len(read.passes) > 1:
            doc.notes.append(f"page {number}: read by OCR{_passes(read)}")
        doc.pages = number
        progress("read", number, 0)
    return doc


def _passes(read: ocr.OcrPage) -> str:
    if len(read.passes) < 2:
        return ""
    return f" (detected {read.language}: read again with {read.passes[-1]} after {read.passes[0]})"


def _check_blocks(name: str, blocks: list[Block], limits: Limits) -> None:
    if len(blocks) > limits.max_blocks:
        raise HostileDocument(f"{name}: more than {limits.max_blocks} paragraphs: refused (split the file)")


def check_input_size(name: str, size: int, head: bytes, limits: Limits = DEFAULT) -> None:
    """Before the file is read whole: a mail has a bigger limit than a document (it carries its
    attachments base64-encoded), each of its attachments then has the document limit."""
    if sniff.is_mail(name, head):
        check_mail_size(name, size, limits)
    else:
        check_size(name, size, limits)


def _read_whole(
    name: str, data: bytes, kind: Format, lang: str | None, run: tuple[Limits, Progress, Callable[[], bool]]
) -> ReadDocument:
    from liaison.documents_in.docx_io import read_docx  # noqa: PLC0415  (python-docx/odfpy load on demand)
    from liaison.documents_in.odt_io import read_odt  # noqa: PLC0415

    limits = run[0]
    if kind is Format.IMAGE:
        return _read_image(name, data, lang, *run)
    if kind is Format.DOCX:
        return read_docx(name, data, limits)
    if kind is Format.ODT:
        return read_odt(name, data, limits)
    if kind is Format.EML:
        return read_eml(name, data, limits)
    if kind is Format.HTML:
        return read_html(data)
    return read_text(data)


def read_stream(
    name: str,
    data: bytes,
    lang: str | None = None,
    *,
    limits: Limits = DEFAULT,
    progress: Progress = _quiet,
    cancelled: Callable[[], bool] = _never,
) -> tuple[ReadDocument, Iterator[list[Block]]]:
    """The document and its blocks in batches as they are read: a PDF page by page (``doc`` is
    complete once the batches are exhausted), any other format in one batch. ``lang`` is the
    document's language when known (it picks the OCR language data)."""
    check_input_size(name, len(data), data[:2048], limits)
    kind = sniff.detect(name, data)
    if kind is Format.PDF:
        doc = ReadDocument(Format.PDF, [])
        return doc, pdf_pages(name, data, lang, doc, (limits, progress, cancelled))
    doc = _read_whole(name, data, kind, lang, (limits, progress, cancelled))
    _check_blocks(name, doc.blocks, limits)
    return doc, iter([doc.blocks])


class ReadOptions(TypedDict, total=False):
    """``read_stream``'s keyword options, which ``read_document`` passes on as they are."""

    limits: Limits
    progress: Progress
    cancelled: Callable[[], bool]


def read_document(
    name: str, data: bytes, lang: str | None = None, **options: Unpack[ReadOptions]
) -> ReadDocument:
    """The whole document at once (``read_stream`` without taking the pages one by one)."""
    doc, batches = read_stream(name, data, lang, **options)
    for _batch in batches:
        pass
    return doc
