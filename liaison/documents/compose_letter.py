"""A letter of request: the 18 sections of the merged field list (shared/docs/domain.md), in order.

Why a module of its own: the EIO has its form (``compose_eio``); what both print the same way (an
authority, a person, an offence, the translation block) is in ``compose_base``, and ``compose`` only
frames either one as a ``Document``.
"""

from __future__ import annotations

from liaison.documents import compose_base as base
from liaison.documents import texts
from liaison.documents.layout import Entry, Section, SignatureBlock
from liaison.domain.mla import MeasureKind


def _header(w: base.Writer, ctx: base.Context) -> Section:
    r = w.request
    return Section(
        "1",
        w._(texts.SECTION_HEADINGS[texts.SectionKey.HEADER]),
        base.present(
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


def _legal_basis(w: base.Writer, ctx: base.Context) -> Section:
    r = w.request
    entries: list[Entry | None] = []
    for basis, name in zip(r.legal_bases, w.legal_bases(ctx), strict=False):
        clause = texts.CLAUSES[texts.Clause.LEGAL_BASIS]
        entries.append(w.clause(clause, instrument=name or basis.instrument, articles=basis.articles))
    if r.reciprocity:
        entries.append(w.clause(texts.CLAUSES[texts.Clause.RECIPROCITY], state=w.country(r.requesting_state)))
    return Section("2", w._(texts.SECTION_HEADINGS[texts.SectionKey.LEGAL_BASIS]), base.present(*entries))


def _authorities(w: base.Writer) -> Section:
    r = w.request
    officer = r.contact_officer
    entries = base.authority(w, "requesting_authority", r.requesting_authority)
    entries += base.authority(w, "investigating_authority", r.investigating_authority)
    entries += [
        w.data("contact_officer.name", officer.name),
        w.data("contact_officer.post", officer.post),
        w.data("contact_officer.phone", officer.phone),
        w.data("contact_officer.email", officer.email),
        w.data("contact_officer.languages", ", ".join(w.language(c) for c in officer.languages)),
        w.data("contact_officer.timezone", officer.timezone),
    ]
    if r.validating_authority is not None:
        entries += base.authority(w, "validating_authority", r.validating_authority)
    return Section(
        "3", w._(texts.SECTION_HEADINGS[texts.SectionKey.REQUESTING_AUTHORITY]), base.present(*entries)
    )


def _urgency_and_confidentiality(w: base.Writer) -> list[Section]:
    r = w.request
    urgency: list[Entry | None] = [w.data("urgent", w.flag(r.urgent))]
    if r.urgent:
        urgency.append(w.clause(texts.CLAUSES[texts.Clause.URGENCY]))
        reasons = ", ".join(w._(texts.URGENCY_REASON_LABELS[x]) for x in r.urgency_reasons)
        urgency += [w.data("urgency_reasons", reasons), w.free_entry("urgency_detail")]
    if r.requested_by:
        urgency.append(w.clause(texts.CLAUSES[texts.Clause.REQUESTED_BY], date=w.date(r.requested_by)))
    if r.advance_copy_via and r.advance_copy_sent_on:
        urgency.append(
            w.clause(
                texts.CLAUSES[texts.Clause.ADVANCE_COPY],
                channel=r.advance_copy_via,
                date=w.date(r.advance_copy_sent_on),
            )
        )
    confidentiality: list[Entry | None] = []
    if r.confidential:
        confidentiality += [
            w.clause(texts.CLAUSES[texts.Clause.CONFIDENTIALITY]),
            w.free_entry("confidentiality_reasons"),
        ]
    if r.notify_before_disclosure:
        confidentiality.append(w.clause(texts.CLAUSES[texts.Clause.NOTIFY_BEFORE_DISCLOSURE]))
    if not confidentiality:
        confidentiality.append(w.data("confidential", w.flag(False)))
    return [
        Section("4", w._(texts.SECTION_HEADINGS[texts.SectionKey.URGENCY]), base.present(*urgency)),
        Section(
            "5", w._(texts.SECTION_HEADINGS[texts.SectionKey.CONFIDENTIALITY]), base.present(*confidentiality)
        ),
    ]


def _proceedings_facts_offences(w: base.Writer) -> list[Section]:
    r = w.request
    proceedings = base.present(
        w.data("proceedings_type", w._(texts.PROCEEDINGS_TYPE_LABELS[r.proceedings_type])),
        w.data("proceedings_instituted", w.flag(r.proceedings_instituted)),
        w.data("court", r.court),
        w.data("court_case_number", r.court_case_number),
        w.data("next_hearing", w.date(r.next_hearing)),
    )
    # No Annex D category here, even when an offence has one: Annex D is the list of Directive
    # 2014/41/EU, printed in section G of the EIO form (shared/docs/domain.md, field list row 8:
    # "C (EIO)"). A letter goes under UNTOC, a treaty or reciprocity, often to a State outside the
    # EU, where the EU list means nothing and would read as a claim that the Directive applies.
    offences: list[Entry | None] = []
    for i, o in enumerate(r.offences):
        offences += base.offence(w, i, o)
    return [
        Section("6", w._(texts.SECTION_HEADINGS[texts.SectionKey.PROCEEDINGS]), proceedings),
        Section(
            "7", w._(texts.SECTION_HEADINGS[texts.SectionKey.FACTS]), base.present(w.free_entry("facts", ""))
        ),
        Section("8", w._(texts.SECTION_HEADINGS[texts.SectionKey.OFFENCES]), base.present(*offences)),
    ]


def _assistance(w: base.Writer) -> list[Section]:
    r = w.request
    persons: list[Entry | None] = []
    for i, who in enumerate(r.persons):
        persons += base.person(w, i, who)
    measures: list[Entry | None] = []
    for i, m in enumerate(r.measures):
        measures.append(base.measure_kind(w, i, m))
        if m.kind is MeasureKind.ASSET_TRACING:
            measures.append(w.clause(texts.CLAUSES[texts.Clause.ASSET_TRACING]))
        measures.append(w.free_entry(f"measures.{i}.description", w.label("measures.description")))
        measures.append(w.persons_of(m.persons))
        measures += w.details(i, m)
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
        Section("9", w._(texts.SECTION_HEADINGS[texts.SectionKey.PERSONS]), base.present(*persons)),
        Section("10", w._(texts.SECTION_HEADINGS[texts.SectionKey.ASSISTANCE]), base.present(*measures)),
        Section("11", w._(texts.SECTION_HEADINGS[texts.SectionKey.PROCEDURES]), base.present(*procedures)),
    ]


def _later_sections(w: base.Writer) -> list[Section]:
    r = w.request
    earlier = base.earlier_requests(w)
    earlier.append(w.free_entry("parallel_requests"))
    undertakings = [
        w.clause(texts.CLAUSES[texts.UNDERTAKING_CLAUSES[u]], state=w.country(r.requesting_state))
        for u in r.undertakings
    ]
    remedies = [w.free_entry("remedies_sought"), w.data("remedies_information", r.remedies_information)]
    results = [
        w.data("results_form", w._(texts.RESULTS_FORM_LABELS[r.results_form])),
        w.data("results_recipient", r.results_recipient),
        w.data("practical_contact", r.practical_contact),
    ]
    closing: list[Entry | None] = [w.clause(texts.CLAUSES[texts.Clause.CLOSING])]
    if r.acknowledgement_requested:
        closing.insert(0, w.clause(texts.CLAUSES[texts.Clause.ACKNOWLEDGEMENT]))
    heading = texts.SECTION_HEADINGS
    return [
        Section("12", w._(heading[texts.SectionKey.EARLIER_REQUESTS]), base.present(*earlier)),
        Section("13", w._(heading[texts.SectionKey.UNDERTAKINGS]), tuple(undertakings)),
        Section("14", w._(heading[texts.SectionKey.REMEDIES]), base.present(*remedies)),
        Section("15", w._(heading[texts.SectionKey.RESULTS]), base.present(*results)),
        Section("16", w._(heading[texts.SectionKey.CLOSING]), base.present(*closing)),
    ]


def _signatures(w: base.Writer) -> tuple[SignatureBlock, ...]:
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
        blocks.append(base.validating_signature(w, r.validating_authority))
    return tuple(blocks)


def sections(w: base.Writer, ctx: base.Context) -> tuple[list[Section], tuple[SignatureBlock, ...]]:
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
    sections.append(base.translation_section(w, "18"))
    return sections, _signatures(w)
