"""The EIO's companion forms: Annex B (confirmation of receipt, Article 16(1)) and Annex C
(notification of an interception without the notified State's technical assistance, Article 31).

Why from a request: Annex B answers an EIO received (typically imported from the issuer's PDF with
``mla import``), Annex C concerns an interception the officer's own authority carries out; both
reuse the request's authorities, States and references, in the partner's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from liaison.documents import texts
from liaison.documents import texts_eio as eio
from liaison.documents.compose_base import Context, Writer, authority, present
from liaison.documents.layout import Document, Entry, Section, SignatureBlock
from liaison.domain.mla import MlaRequest


@dataclass(frozen=True)
class Receipt:
    """What Annex B records about an EIO received."""

    received_on: dt.date
    receiving_authority: str
    executing_reference: str = ""
    transmitted_to: str = ""


@dataclass(frozen=True)
class Interception:
    """What Annex C notifies."""

    target: str  # the person and the identifiers intercepted
    period: str
    notified_on: dt.date


def _document(
    w: Writer,
    title: str,
    subtitle: str,
    intro: str,
    sections: list[Section],
    ctx: Context,
    reference_line: str,
) -> Document:
    r = w.request
    return Document(
        lang=w.lang,
        rtl=w.locale.character_order == "right-to-left",
        title=w._(title),
        subtitle=w._(subtitle),
        reference_line=reference_line,
        date_line="",
        letterhead=(),
        addressee=ctx.addressee,
        sections=tuple(s for s in sections if s.entries),
        signatures=(
            SignatureBlock(
                w._(texts.SIGNATURE),
                ((w._(texts.NAME), ""), (w._(texts.DATE), "")),
                w._(texts.SIGNATURE),
                w._(texts.OFFICIAL_STAMP),
            ),
        ),
        annex_heading=w._(texts.ANNEXES),
        annexes=(),
        notices=(w._(intro),),
        draft_mark=w._(texts.WATERMARK_DRAFT) if ctx.draft else "",
        page_format=w._(texts.PAGE_FORMAT),
        reference=r.our_reference,
        metadata={"title": w._(title) + f" {r.our_reference}", "subject": w._(subtitle), "keywords": "EIO"},
    )


def annex_b(request: MlaRequest, lang: str, receipt: Receipt, ctx: Context | None = None) -> Document:
    w = Writer(request, lang)
    r = request
    headings = eio.ANNEX_B_SECTIONS
    issuing = authority(w, "requesting_authority", r.requesting_authority, functions=False)
    issuing.append(Entry(w._(texts.ISSUING_STATE), w.country(r.requesting_state)))
    received: list[Entry | None] = [
        Entry(w._(texts.NAME), receipt.receiving_authority),
        Entry(w._(eio.ANNEX_B_RECEIVED_ON), w.date(receipt.received_on)),
    ]
    transmitted: list[Entry | None] = [
        Entry(w._(texts.NAME), receipt.transmitted_to)
        if receipt.transmitted_to
        else Entry("", w._(texts.NOT_APPLICABLE))
    ]
    details: list[Entry | None] = [
        Entry(w._(eio.ANNEX_B_ISSUING_REFERENCE), r.our_reference) if r.our_reference else None,
        Entry(w._(eio.ANNEX_B_ISSUED_ON), w.date(r.request_date)) if r.request_date else None,
        Entry(w._(eio.ANNEX_B_RECEIVED_ON), w.date(receipt.received_on)),
        Entry(w._(eio.ANNEX_B_EXECUTING_REFERENCE), receipt.executing_reference)
        if receipt.executing_reference
        else None,
    ]
    sections = [
        Section(str(i + 1), w._(heading), present(*items))
        for i, (heading, items) in enumerate(
            zip(headings, (issuing, received, transmitted, details), strict=True)
        )
    ]
    # The executing authority writes Annex B: the EIO's reference is the issuer's ("your"), ours is
    # the executing reference, when there is one yet.
    references = (
        [f"{w._(texts.OUR_REFERENCE)}: {receipt.executing_reference}"] if receipt.executing_reference else []
    )
    references.append(f"{w._(texts.YOUR_REFERENCE)}: {r.our_reference}")
    return _document(
        w,
        eio.ANNEX_B_TITLE,
        eio.ANNEX_B_SUBTITLE,
        eio.ANNEX_B_INTRO,
        sections,
        ctx or Context(),
        " — ".join(references),
    )


def annex_c(
    request: MlaRequest, lang: str, interception: Interception, ctx: Context | None = None
) -> Document:
    w = Writer(request, lang)
    r = request
    intercepting: list[Entry | None] = [
        Entry(w._(texts.ISSUING_STATE), w.country(r.requesting_state)),
        *authority(w, "requesting_authority", r.requesting_authority, functions=False),
    ]
    notified: list[Entry | None] = [Entry(w._(texts.EXECUTING_STATE), w.country(r.requested_state))]
    if ctx and ctx.addressee:
        notified.append(Entry(w._(texts.EXECUTING_AUTHORITY), "\n".join(ctx.addressee)))
    information: list[Entry | None] = [
        Entry(w._(eio.ANNEX_C_TARGET), interception.target),
        Entry(w._(eio.ANNEX_C_PERIOD), interception.period),
        w.clause(eio.ANNEX_C_STATUS),
        Entry(w._(texts.DATE), w.date(interception.notified_on)),
        w.clause(eio.ANNEX_C_NOTICE),
    ]
    sections = [
        Section(str(i + 1), w._(heading), present(*items))
        for i, (heading, items) in enumerate(
            zip(eio.ANNEX_C_SECTIONS, (intercepting, notified, information), strict=True)
        )
    ]
    return _document(
        w,
        eio.ANNEX_C_TITLE,
        eio.ANNEX_C_SUBTITLE,
        eio.ANNEX_C_INTRO,
        sections,
        ctx or Context(),
        f"{w._(texts.OUR_REFERENCE)}: {r.our_reference}",  # the intercepting State writes Annex C
    )
