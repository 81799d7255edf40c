"""From an MLA request to a ``Document`` in the partner's language.

Fixed texts come from the ``documents`` catalogs, structured values are formatted for the locale
with babel (dates, country and language names), free text is the stored translation of each field
(marked machine-made until a translator certifies the request) or, without one, the original,
listed as untranslated.
"""

from __future__ import annotations

from liaison.documents import compose_eio, texts, texts_eio
from liaison.documents.compose_base import (
    Context,
    Writer,
    annex_lines,
    authority,
    person,
    present,
    translation_section,
)
from liaison.documents.layout import Document, Entry, Section, SignatureBlock, TextKind
from liaison.domain.mla import InstrumentKind, MlaRequest

__all__ = ["Context", "compose"]


def _header(w: Writer, ctx: Context) -> Section:
    r = w.request
    return Section(
        "1",
        w._(texts.SECTION_HEADINGS[texts.SectionKey.HEADER]),
        present(
            Entry(w._(texts.REQUESTING_STATE), w.country(r.requesting_state)),
            Entry(w._(texts.REQUESTED_STATE), w.country(r.requested_state)),
            w.data("instrument_kind", w._(texts.INSTRUMENT_KIND_LABELS[r.instrument_kind])),
            w.data("our_reference", r.our_reference),
            w.data("foreign_reference", r.foreign_reference),
            w.data("request_date", w.date(r.request_date)),
            w.data("place", r.place),
            Entry(w._(texts.ADDRESSEE), "\n".join(ctx.addressee)) if ctx.addressee else None,
            w.data("transmission_channel", r.transmission_channel),
        ),
    )


def _legal_basis(w: Writer, ctx: Context) -> Section:
    r = w.request
    entries: list[Entry | None] = []
    for basis, name in zip(r.legal_bases, w.legal_bases(ctx), strict=False):
        sentence = w.text(
            texts.CLAUSES[texts.Clause.LEGAL_BASIS],
            instrument=name or basis.instrument,
            articles=basis.articles,
        )
        entries.append(Entry("", sentence, TextKind.BOILERPLATE))
    if r.reciprocity:
        entries.append(
            Entry(
                "",
                w.text(texts.CLAUSES[texts.Clause.RECIPROCITY], state=w.country(r.requesting_state)),
                TextKind.BOILERPLATE,
            )
        )
    return Section("2", w._(texts.SECTION_HEADINGS[texts.SectionKey.LEGAL_BASIS]), present(*entries))


def _authorities(w: Writer) -> Section:
    r = w.request
    officer = r.contact_officer
    entries = authority(w, "requesting_authority", r.requesting_authority)
    entries += authority(w, "investigating_authority", r.investigating_authority)
    entries += [
        w.data("contact_officer.name", officer.name),
        w.data("contact_officer.post", officer.post),
        w.data("contact_officer.phone", officer.phone),
        w.data("contact_officer.email", officer.email),
        w.data("contact_officer.languages", ", ".join(w.language(c) for c in officer.languages)),
        w.data("contact_officer.timezone", officer.timezone),
    ]
    if r.validating_authority is not None:
        entries += authority(w, "validating_authority", r.validating_authority)
    return Section("3", w._(texts.SECTION_HEADINGS[texts.SectionKey.REQUESTING_AUTHORITY]), present(*entries))


def _urgency_and_confidentiality(w: Writer) -> list[Section]:
    r = w.request
    urgency: list[Entry | None] = [w.data("urgent", w.flag(r.urgent))]
    if r.urgent:
        urgency.append(Entry("", w._(texts.CLAUSES[texts.Clause.URGENCY]), TextKind.BOILERPLATE))
        reasons = ", ".join(w._(texts.URGENCY_REASON_LABELS[x]) for x in r.urgency_reasons)
        urgency += [w.data("urgency_reasons", reasons), w.free_entry("urgency_detail")]
    if r.requested_by:
        urgency.append(
            Entry(
                "",
                w.text(texts.CLAUSES[texts.Clause.REQUESTED_BY], date=w.date(r.requested_by)),
                TextKind.BOILERPLATE,
            )
        )
    if r.advance_copy_via and r.advance_copy_sent_on:
        urgency.append(
            Entry(
                "",
                w.text(
                    texts.CLAUSES[texts.Clause.ADVANCE_COPY],
                    channel=r.advance_copy_via,
                    date=w.date(r.advance_copy_sent_on),
                ),
                TextKind.BOILERPLATE,
            )
        )
    confidentiality: list[Entry | None] = []
    if r.confidential:
        confidentiality += [
            Entry("", w._(texts.CLAUSES[texts.Clause.CONFIDENTIALITY]), TextKind.BOILERPLATE),
            w.free_entry("confidentiality_reasons"),
        ]
    if r.notify_before_disclosure:
        confidentiality.append(
            Entry("", w._(texts.CLAUSES[texts.Clause.NOTIFY_BEFORE_DISCLOSURE]), TextKind.BOILERPLATE)
        )
    if not confidentiality:
        confidentiality.append(w.data("confidential", w.flag(False)))
    return [
        Section("4", w._(texts.SECTION_HEADINGS[texts.SectionKey.URGENCY]), present(*urgency)),
        Section(
            "5", w._(texts.SECTION_HEADINGS[texts.SectionKey.CONFIDENTIALITY]), present(*confidentiality)
        ),
    ]


def _category(w: Writer, value: str) -> str:
    category = compose_eio.annex_d(value) if value else None
    return w._(texts_eio.ANNEX_D_LABELS[category]) if category else value


def _proceedings_facts_offences(w: Writer) -> list[Section]:
    r = w.request
    proceedings = present(
        w.data("proceedings_type", w._(texts.PROCEEDINGS_TYPE_LABELS[r.proceedings_type])),
        w.data("proceedings_instituted", w.flag(r.proceedings_instituted)),
        w.data("court", r.court),
        w.data("court_case_number", r.court_case_number),
        w.data("next_hearing", w.date(r.next_hearing)),
    )
    offences: list[Entry | None] = []
    for i, offence in enumerate(r.offences):
        offences += [
            w.data("offences.classification", f"{i + 1}. {offence.classification}"),
            w.free_entry(f"offences.{i}.provisions", w.label("offences.provisions")),
            w.free_entry(f"offences.{i}.dual_criminality", w.label("offences.dual_criminality")),
            w.data("offences.max_penalty", w.penalty(offence.max_penalty)),
            w.data("offences.limitation_date", w.date(offence.limitation_date)),
            w.data("offences.eio_category", _category(w, offence.eio_category)),
        ]
    return [
        Section("6", w._(texts.SECTION_HEADINGS[texts.SectionKey.PROCEEDINGS]), proceedings),
        Section("7", w._(texts.SECTION_HEADINGS[texts.SectionKey.FACTS]), present(w.free_entry("facts", ""))),
        Section("8", w._(texts.SECTION_HEADINGS[texts.SectionKey.OFFENCES]), present(*offences)),
    ]


def _assistance(w: Writer) -> list[Section]:
    r = w.request
    persons: list[Entry | None] = []
    for i, who in enumerate(r.persons):
        persons += person(w, i, who)
    measures: list[Entry | None] = []
    for i, m in enumerate(r.measures):
        measures.append(Entry(w.label("measures.kind"), f"{i + 1}. {w._(texts.MEASURE_KIND_LABELS[m.kind])}"))
        measures.append(w.free_entry(f"measures.{i}.description", w.label("measures.description")))
        measures.append(w.persons_of(m.persons))
        measures += [w.detail(d.key, d.value) for d in m.details]
        measures.append(w.data("measures.place", m.place))
        measures.append(w.free_entry(f"measures.{i}.purpose", w.label("measures.purpose")))
    measures.append(w.free_entry("purpose"))
    procedures: list[Entry | None] = [
        w.free_entry("procedures_detail"),
        w.data("officials_present", r.officials_present),
    ]
    for i, _question in enumerate(r.questions):
        procedures.append(w.free_entry(f"questions.{i}", f"{w.label('questions')} {i + 1}"))
    return [
        Section("9", w._(texts.SECTION_HEADINGS[texts.SectionKey.PERSONS]), present(*persons)),
        Section("10", w._(texts.SECTION_HEADINGS[texts.SectionKey.ASSISTANCE]), present(*measures)),
        Section("11", w._(texts.SECTION_HEADINGS[texts.SectionKey.PROCEDURES]), present(*procedures)),
    ]


def _later_sections(w: Writer) -> list[Section]:
    r = w.request
    earlier = [
        w.data(
            "earlier_requests.reference",
            " — ".join(x for x in (w.date(e.date), e.reference, e.authority, e.note) if x),
        )
        for e in r.earlier_requests
    ]
    earlier.append(w.free_entry("parallel_requests"))
    undertakings = [
        Entry(
            "",
            w.text(texts.CLAUSES[texts.UNDERTAKING_CLAUSES[u]], state=w.country(r.requesting_state)),
            TextKind.BOILERPLATE,
        )
        for u in r.undertakings
    ]
    remedies = [w.free_entry("remedies_sought"), w.data("remedies_information", r.remedies_information)]
    results = [
        w.data("results_form", w._(texts.RESULTS_FORM_LABELS[r.results_form])),
        w.data("results_recipient", r.results_recipient),
        w.data("practical_contact", r.practical_contact),
    ]
    closing: list[Entry | None] = [Entry("", w._(texts.CLAUSES[texts.Clause.CLOSING]), TextKind.BOILERPLATE)]
    if r.acknowledgement_requested:
        closing.insert(0, Entry("", w._(texts.CLAUSES[texts.Clause.ACKNOWLEDGEMENT]), TextKind.BOILERPLATE))
    heading = texts.SECTION_HEADINGS
    return [
        Section("12", w._(heading[texts.SectionKey.EARLIER_REQUESTS]), present(*earlier)),
        Section("13", w._(heading[texts.SectionKey.UNDERTAKINGS]), tuple(undertakings)),
        Section("14", w._(heading[texts.SectionKey.REMEDIES]), present(*remedies)),
        Section("15", w._(heading[texts.SectionKey.RESULTS]), present(*results)),
        Section("16", w._(heading[texts.SectionKey.CLOSING]), present(*closing)),
    ]


def _signatures(w: Writer) -> tuple[SignatureBlock, ...]:
    r = w.request
    lines = (
        (w._(texts.NAME), r.signatory_name),
        (w._(texts.POST_HELD), r.signatory_post),
        (w._(texts.PLACE_AND_DATE), w.place_and_date()),
    )
    blocks = [
        SignatureBlock(w._(texts.ISSUING_AUTHORITY), lines, w._(texts.SIGNATURE), w._(texts.OFFICIAL_STAMP))
    ]
    if r.validating_authority is not None:
        v = r.validating_authority
        blocks.append(
            SignatureBlock(
                w._(texts.VALIDATING_AUTHORITY),
                (
                    (w._(texts.NAME), v.representative or v.name),
                    (w._(texts.POST_HELD), v.post),
                    (w._(texts.PLACE_AND_DATE), ""),
                ),
                w._(texts.SIGNATURE),
                w._(texts.OFFICIAL_STAMP),
            )
        )
    return tuple(blocks)


def _letter(w: Writer, ctx: Context) -> tuple[list[Section], tuple[SignatureBlock, ...]]:
    """The 18 sections of the letter of request (merged field list) and its signature blocks."""
    sections = [
        _header(w, ctx),
        _legal_basis(w, ctx),
        _authorities(w),
        *_urgency_and_confidentiality(w),
        *_proceedings_facts_offences(w),
        *_assistance(w),
        *_later_sections(w),
    ]
    sections.append(
        Section(
            "17",
            w._(texts.SECTION_HEADINGS[texts.SectionKey.ANNEXES]),
            (Entry("", w._(texts.NOT_APPLICABLE)),) if not w.request.annexes else (),
        )
    )
    sections.append(translation_section(w, "18"))
    return sections, _signatures(w)


def compose(request: MlaRequest, lang: str, ctx: Context) -> Document:
    """The request as a document in ``lang``: the Annex A form for an EIO, else a letter of request."""
    w = Writer(request, lang)
    if request.instrument_kind is InstrumentKind.EIO:
        sections, signatures = compose_eio.sections(w, ctx)
    else:
        sections, signatures = _letter(w, ctx)
    annexes = annex_lines(request)
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
