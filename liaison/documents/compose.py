"""From an MLA request to a ``Document`` in the partner's language: the frame (title, references,
notices, watermarks, metadata) around the sections of either layout (``compose_letter`` for a letter
of request, ``compose_eio`` for the Annex A form).

Fixed texts come from the ``documents`` catalogs, structured values are formatted for the locale
with babel (dates, country and language names), free text is the stored translation of each field
(marked machine-made until a translator certifies the request) or, without one, the original,
listed as untranslated.
"""

from __future__ import annotations

from liaison.documents import compose_eio, compose_letter, texts
from liaison.documents.compose_base import Context, Writer, annex_lines
from liaison.documents.layout import Document
from liaison.domain.mla import InstrumentKind, MlaRequest

__all__ = ["Context", "compose"]


def compose(request: MlaRequest, lang: str, ctx: Context) -> Document:
    """The request as a document in ``lang``: the Annex A form for an EIO, else a letter of request."""
    w = Writer(request, lang)
    if request.instrument_kind is InstrumentKind.EIO:
        sections, signatures = compose_eio.sections(w, ctx)
    else:
        sections, signatures = compose_letter.sections(w, ctx)
    annexes = annex_lines(w)
    notices: list[str] = []
    if w.machine:
        notices.append(w._(texts.CLAUSES[texts.Clause.MACHINE_TRANSLATION_NOTICE]))
        notices.append(w.text(texts.MARKER_LEGENDS[texts.MACHINE_MARKER], marker=texts.MACHINE_MARKER))
    if w.untranslated:
        notices.append(
            w.text(
                texts.CLAUSES[texts.Clause.UNTRANSLATED_FIELDS],
                language=w.language(request.language),
                fields=", ".join(dict.fromkeys(w.untranslated)),
            )
        )
        notices.append(
            w.text(texts.MARKER_LEGENDS[texts.UNTRANSLATED_MARKER], marker=texts.UNTRANSLATED_MARKER)
        )
    title_kind = request.instrument_kind
    urgent = f"{w._(texts.URGENT_MARKER)} — " if request.urgent else ""
    reference_line = f"{w._(texts.OUR_REFERENCE)}: {request.our_reference}"
    if request.foreign_reference:
        reference_line += f" — {w._(texts.YOUR_REFERENCE)}: {request.foreign_reference}"
    requesting = request.requesting_authority
    return Document(
        lang=lang,
        rtl=w.locale.character_order == "right-to-left",
        title=urgent + w._(texts.DOCUMENT_TITLES[title_kind]),
        subtitle=w._(texts.DOCUMENT_SUBTITLES[title_kind]),
        reference_line=reference_line,
        date_line=w.place_and_date(),
        letterhead=tuple(
            x for x in (requesting.name, requesting.address, w.country(request.requesting_state)) if x
        ),
        addressee=ctx.addressee,
        sections=tuple(s for s in sections if s.entries or s.tables),
        signatures=signatures,
        annex_heading=w._(texts.ANNEXES),
        annexes=annexes,
        notices=tuple(notices),
        watermark=w._(texts.WATERMARK_MACHINE_TRANSLATION) if w.machine else "",
        draft_mark=w._(texts.WATERMARK_DRAFT) if ctx.draft else "",
        page_format=w._(texts.PAGE_FORMAT),
        reference=request.our_reference,
        content_hash=ctx.content_hash,
        hash_label=w._(texts.CONTENT_HASH),
        metadata={
            "title": w._(texts.DOCUMENT_TITLES[title_kind]) + f" {request.our_reference}",
            "subject": f"{request.requesting_state}→{request.requested_state} {request.rule_set}",
            "keywords": f"MLA {request.rule_set} {request.our_reference}",
            **ctx.extra_metadata,
        },
    )
