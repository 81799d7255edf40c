"""An EIO as the form Article 5(1) of Directive 2014/41/EU prescribes: Annex A, sections A to L.

Why a layout of its own: the executing authority reads an EIO against the form, section by section,
with the form's tick boxes and the issuing/executing terminology; a letter of request with a
diplomatic closing is not the instrument. The same request data feed both layouts.

Section C ticks the form's boxes from the measures' kinds (a hearing also by its manner: video or
telephone), section H gives one subsection per measure that needs more (transfer, remote hearing,
provisional measures, bank information, real-time gathering, covert investigation, interception),
and section L appears when the issuing authority is not a judge, court, investigating judge or
public prosecutor, or when a validating authority is recorded.
"""

from __future__ import annotations

from liaison.documents import texts, texts_values
from liaison.documents import texts_eio as eio
from liaison.documents.compose_base import (
    Context,
    Writer,
    annex_d,
    authority,
    earlier_requests,
    measure_kind,
    offence,
    person,
    present,
    translation_section,
    validating_signature,
)
from liaison.documents.layout import Entry, Section, SignatureBlock, TextKind
from liaison.domain.mla import Authority, Measure, MeasureKind, ProceedingsType, UrgencyReason

_ISSUER_TYPES = {
    texts_values.AuthorityKind.JUDGE: eio.IssuerType.JUDGE_OR_COURT,
    texts_values.AuthorityKind.COURT: eio.IssuerType.JUDGE_OR_COURT,
    texts_values.AuthorityKind.INVESTIGATING_JUDGE: eio.IssuerType.INVESTIGATING_JUDGE,
    texts_values.AuthorityKind.PUBLIC_PROSECUTOR: eio.IssuerType.PUBLIC_PROSECUTOR,
}


def issuer_type(kind: str) -> eio.IssuerType:
    """The Annex A type of an authority from its recorded kind (Article 2(c)); an unset or unknown
    kind is "other", so section L is printed (validation reports the kind itself)."""
    known = texts_values.authority_kind(kind)
    return _ISSUER_TYPES.get(known, eio.IssuerType.OTHER) if known else eio.IssuerType.OTHER


def needs_validation(who: Authority) -> bool:
    """Article 2(c)(ii): an EIO issued by another competent authority is validated by a judicial one."""
    return issuer_type(who.kind) is eio.IssuerType.OTHER


def box(w: Writer, ticked: bool, label: str) -> Entry:
    return Entry("", f"{eio.TICKED if ticked else eio.UNTICKED} {w._(label)}", TextKind.BOILERPLATE)


def measure_box(measure: Measure) -> eio.EioMeasure | None:
    if measure.kind is MeasureKind.HEARING:
        mode = next((d.value for d in measure.details if d.key in ("hearing_mode", "mode")), "")
        if mode == texts.HearingMode.VIDEO:
            return eio.EioMeasure.VIDEOCONFERENCE
        if mode == texts.HearingMode.PHONE:
            return eio.EioMeasure.TELEPHONE
    return eio.MEASURE_BOXES.get(measure.kind)


def h_subsection(measure: Measure) -> eio.EioH | None:
    """The section H subsection a measure's particulars go to (None: they stay in section C)."""
    by_kind = eio.H_FOR_KIND.get(measure.kind)
    if by_kind is not None:
        return by_kind
    found = measure_box(measure)
    return eio.H_FOR_BOX.get(found) if found is not None else None


def _section(w: Writer, letter: texts.EioSection, items: list[Entry | None]) -> Section:
    number = w.text(texts.EIO_SECTION_PREFIX, letter=letter.value)
    return Section(number, w._(texts.EIO_SECTION_HEADINGS[letter]), present(*items))


def _a_to_b(w: Writer, ctx: Context) -> list[Section]:
    r = w.request
    a: list[Entry | None] = [
        w.clause(texts.CLAUSES[texts.Clause.EIO_CERTIFICATION]),
        Entry(w._(texts.ISSUING_STATE), w.country(r.requesting_state)),
        Entry(w._(texts.EXECUTING_STATE), w.country(r.requested_state)),
        w.data("our_reference", r.our_reference),
        w.data("foreign_reference", r.foreign_reference),
        w.data("request_date", w.date(r.request_date)),
        Entry(w._(texts.EXECUTING_AUTHORITY), "\n".join(ctx.addressee)) if ctx.addressee else None,
        w.data("transmission_channel", r.transmission_channel),
    ]
    b: list[Entry | None] = [w.clause(eio.EIO_B_INTRO)]
    b += [
        box(w, reason in r.urgency_reasons, texts.URGENCY_REASON_LABELS[reason]) for reason in UrgencyReason
    ]
    b.append(w.free_entry("urgency_detail"))
    if r.requested_by:
        b.append(Entry(w._(eio.EIO_B_DEADLINE), w.date(r.requested_by)))
    return [_section(w, texts.EioSection.A, a), _section(w, texts.EioSection.B, b)]


def _c(w: Writer) -> Section:
    r = w.request
    ticked = {measure_box(m) for m in r.measures}
    items: list[Entry | None] = [w.clause(eio.EIO_C_INTRO)]
    items += [box(w, choice in ticked, eio.EIO_MEASURE_LABELS[choice]) for choice in eio.EioMeasure]
    for i, m in enumerate(r.measures):
        items.append(measure_kind(w, i, m))
        items.append(w.free_entry(f"measures.{i}.description", w._(eio.EIO_C_DESCRIPTION)))
        items.append(Entry(w._(eio.EIO_E_PLACE), m.place) if m.place else None)
        items.append(w.persons_of(m.persons))
        if h_subsection(m) is None:
            items += w.details(i, m)  # measures without a section H subsection keep their particulars here
            items.append(w.free_entry(f"measures.{i}.purpose", w.label("measures.purpose")))
    return _section(w, texts.EioSection.C, items)


def _d_to_f(w: Writer) -> list[Section]:
    r = w.request
    d: list[Entry | None] = [box(w, bool(r.earlier_requests), eio.EIO_D_SUPPLEMENTS)]
    d += earlier_requests(w)
    d += [box(w, bool(r.parallel_requests.strip()), eio.EIO_D_OTHER_STATE), w.free_entry("parallel_requests")]
    e: list[Entry | None] = []
    for i, who in enumerate(r.persons):
        e += person(w, i, who)
    criminal = r.proceedings_type in (
        ProceedingsType.CRIMINAL_INVESTIGATION,
        ProceedingsType.PROSECUTION,
        ProceedingsType.TRIAL,
    )
    f: list[Entry | None] = [
        box(w, criminal, eio.EIO_PROCEEDINGS_LABELS[ProceedingsType.CRIMINAL_INVESTIGATION]),
        *(
            box(w, r.proceedings_type is kind, texts.PROCEEDINGS_TYPE_LABELS[kind])
            for kind in (
                ProceedingsType.ADMINISTRATIVE,
                ProceedingsType.JUDICIAL_FOR_ADMINISTRATIVE,
                ProceedingsType.LEGAL_PERSON_LIABILITY,
            )
        ),
        w.data("court", r.court),
        w.data("court_case_number", r.court_case_number),
        w.data("next_hearing", w.date(r.next_hearing)),
    ]
    return [
        _section(w, texts.EioSection.D, d),
        _section(w, texts.EioSection.E, e),
        _section(w, texts.EioSection.F, f),
    ]


def _g(w: Writer) -> Section:
    r = w.request
    items: list[Entry | None] = [w.free_entry("facts", w._(eio.EIO_G1))]
    # The form has no box of its own for the authority conducting the investigation (the stage of
    # the investigation is part of G1): printed here, so what the officer wrote is not dropped.
    conducting = r.investigating_authority
    name = ", ".join(x for x in (conducting.name, w.authority_kind(conducting.kind)) if x)
    items.append(Entry(w.label("investigating_authority"), name) if name else None)
    items.append(w.free_entry("investigating_authority.functions"))
    items.append(w.clause(eio.EIO_G2))
    for i, o in enumerate(r.offences):
        items += offence(w, i, o)
    categories = {annex_d(o.eio_category) for o in r.offences if o.punishable_three_years and o.eio_category}
    items.append(w.clause(eio.EIO_G3))
    items += [box(w, c in categories, eio.ANNEX_D_LABELS[c]) for c in eio.AnnexD]
    unknown = [o.eio_category for o in r.offences if o.eio_category and annex_d(o.eio_category) is None]
    items += [w.data("offences.eio_category", value) for value in unknown]
    return _section(w, texts.EioSection.G, items)


def _h(w: Writer) -> Section:
    items: list[Entry | None] = []
    for i, m in enumerate(w.request.measures):
        sub = h_subsection(m)
        if sub is None:
            continue
        kind = w._(texts.MEASURE_KIND_LABELS[m.kind])
        items.append(Entry(w._(eio.EIO_H_HEADINGS[sub]), f"{i + 1}. {kind}"))
        if sub is eio.EioH.ASSET_TRACING:
            items.append(w.clause(eio.EIO_H_ASSET_TRACING))
        items += w.details(i, m)
        items.append(w.free_entry(f"measures.{i}.purpose", w._(eio.EIO_H_RELEVANCE)))
    items.append(w.free_entry("purpose"))
    return _section(w, texts.EioSection.H, items)


def _i_j(w: Writer) -> list[Section]:
    r = w.request
    i: list[Entry | None] = [w.free_entry("procedures_detail", w._(eio.EIO_I1))]
    i += [w.free_entry(f"questions.{n}", f"{w.label('questions')} {n + 1}") for n in range(len(r.questions))]
    i.append(Entry(w._(eio.EIO_I2), r.officials_present) if r.officials_present else None)
    if r.confidential:  # a formality the executing authority must observe (art. 19)
        i += [w.data("confidential", w.flag(True)), w.free_entry("confidentiality_reasons")]
    j = [
        w.free_entry("remedies_sought", w._(eio.EIO_J1)),
        Entry(w._(eio.EIO_J2), r.remedies_information) if r.remedies_information else None,
    ]
    return [_section(w, texts.EioSection.I, i), _section(w, texts.EioSection.J, j)]


def _authority_type(w: Writer, label: str, who: Authority) -> list[Entry | None]:
    kind = issuer_type(who.kind)
    found: list[Entry | None] = [w.clause(label)]
    return found + [box(w, kind is choice, eio.ISSUER_TYPE_LABELS[choice]) for choice in eio.IssuerType]


def _k_l(w: Writer) -> list[Section]:
    r = w.request
    officer = r.contact_officer
    k = _authority_type(w, eio.EIO_K_TYPE, r.requesting_authority)
    k += authority(w, "requesting_authority", r.requesting_authority)
    k += [
        w.data("contact_officer.name", officer.name),
        w.data("contact_officer.phone", officer.phone),
        w.data("contact_officer.email", officer.email),
        w.data("contact_officer.languages", ", ".join(w.language(c) for c in officer.languages)),
        Entry(w._(eio.EIO_K_CONTACT), r.practical_contact) if r.practical_contact else None,
        w.data("results_form", w._(texts.RESULTS_FORM_LABELS[r.results_form])),
        w.clause(eio.EIO_K_ACCURACY),
    ]
    sections = [_section(w, texts.EioSection.K, k)]
    validator = r.validating_authority
    if validator is not None or needs_validation(r.requesting_authority):
        who = validator or Authority()
        l_items = _authority_type(w, eio.EIO_L_TYPE, who) + authority(w, "validating_authority", who)
        l_items.append(w.data("validating_authority.validated_on", w.date(who.validated_on)))
        l_items += [
            w.clause(texts.AUTHORITY_LABELS["main_contact"]),
            box(w, not who.main_contact, texts.ISSUING_AUTHORITY),
            box(w, who.main_contact, texts.VALIDATING_AUTHORITY),
        ]
        sections.append(_section(w, texts.EioSection.L, l_items))
    return sections


def _signatures(w: Writer) -> tuple[SignatureBlock, ...]:
    r = w.request
    place_date = w.place_and_date()
    blocks = [
        SignatureBlock(
            w._(texts.ISSUING_AUTHORITY),
            (
                (w._(texts.NAME), r.signatory_name),
                (w._(texts.POST_HELD), r.signatory_post),
                (w._(texts.PLACE_AND_DATE), place_date),
            ),
            w._(texts.CLAUSES[texts.Clause.EIO_ACCURACY]),
            w._(texts.OFFICIAL_STAMP),
        )
    ]
    if r.validating_authority is not None or needs_validation(r.requesting_authority):
        blocks.append(validating_signature(w, r.validating_authority or Authority()))
    return tuple(blocks)


def sections(w: Writer, ctx: Context) -> tuple[list[Section], tuple[SignatureBlock, ...]]:
    """Sections A to L in the form's order, the annex count, the translation block, and signatures."""
    found = [*_a_to_b(w, ctx), _c(w), *_d_to_f(w), _g(w), _h(w), *_i_j(w), *_k_l(w)]
    count = len(w.request.annexes)
    found.append(
        Section(
            "",
            w._(texts.EIO_ANNEXES_HEADING),
            (Entry(w._(texts.EIO_NUMBER_OF_ANNEXES), str(count)),),
        )
    )
    found.append(translation_section(w, ""))
    return found, _signatures(w)
