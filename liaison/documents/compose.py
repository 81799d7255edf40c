"""From an MLA request to a ``Document`` in the partner's language.

Fixed texts come from the ``documents`` catalogs, structured values are formatted for the locale
with babel (dates, country and language names), free text is the stored translation of each field
(marked machine-made until a translator certifies the request) or, without one, the original,
listed as untranslated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_date

from liaison.documents import catalogs, certification, texts
from liaison.documents.freetext import free_text_fields, translation_of
from liaison.documents.layout import Document, Entry, Section, SignatureBlock, TextKind
from liaison.domain.mla import Authority, MlaRequest, Person

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Context:
    """What the request points to, resolved from the vault by the caller."""

    addressee: tuple[str, ...] = ()
    legal_bases: tuple[str, ...] = ()  # instrument names, aligned with request.legal_bases
    case_reference: str = ""
    content_hash: str = ""
    draft: bool = False  # exported although the request fails validation: DRAFT on every page
    extra_metadata: dict[str, str] = field(default_factory=dict)


class _Writer:
    def __init__(self, request: MlaRequest, lang: str) -> None:
        self.request = request
        self.lang = lang
        self.locale = Locale.parse(lang.replace("-", "_"))
        self._ = catalogs.gettext_for(lang)
        self.untranslated: list[str] = []
        self.machine = False
        self.free = dict(free_text_fields(request))
        # Only a certification of this very language, over the content as it is now, counts.
        self.certification = certification.certification_for(request, lang)

    def text(self, msgid: str, **values: object) -> str:
        return catalogs.translate(self.lang, msgid, **values) if values else self._(msgid)

    def date(self, value: dt.date | None) -> str:
        return format_date(value, "long", locale=self.locale) if value else ""

    def country(self, code: str) -> str:
        return self.locale.territories.get(code.upper(), code) if code else ""

    def language(self, code: str) -> str:
        return self.locale.languages.get(code, code) if code else ""

    def label(self, path: str) -> str:
        return self._(texts.field_label(path))

    def data(self, path: str, value: object) -> Entry | None:
        text = value if isinstance(value, str) else str(value)
        return Entry(self.label(path), text) if text else None

    def free_entry(self, path: str, label: str | None = None) -> Entry | None:
        source = self.free.get(path, "")
        if not source:
            return None
        label = self.label(path) if label is None else label
        if self.lang == self.request.language:
            return Entry(label, source, TextKind.FREE)
        found = translation_of(self.request, path, self.lang, source)
        if found is None:
            self.untranslated.append(label or self.label(path))
            return Entry(label, source, TextKind.UNTRANSLATED, self.request.language)
        # A translation the officer typed is not machine-made, but only a certification makes it official.
        certified = self.certification is not None or found.origin == "human"
        if not certified:
            self.machine = True
        return Entry(label, found.text, TextKind.FREE if certified else TextKind.MACHINE)

    def flag(self, value: bool) -> str:
        return self._(texts.YES) if value else self._(texts.NO)


def _entries(*items: Entry | None) -> tuple[Entry, ...]:
    return tuple(item for item in items if item is not None)


def _authority(w: _Writer, prefix: str, authority: Authority) -> list[Entry | None]:
    return [
        w.data(f"{prefix}.name", authority.name),
        w.data(f"{prefix}.kind", authority.kind),
        w.data(f"{prefix}.address", authority.address),
        w.data(f"{prefix}.representative", authority.representative),
        w.data(f"{prefix}.post", authority.post),
        w.data(f"{prefix}.file_number", authority.file_number),
        w.data(f"{prefix}.phone", authority.phone),
        w.data(f"{prefix}.email", authority.email),
        w.data(f"{prefix}.languages", ", ".join(w.language(c) for c in authority.languages)),
        w.free_entry(f"{prefix}.functions"),
    ]


def _header(w: _Writer, ctx: Context) -> Section:
    r = w.request
    return Section(
        "1",
        w._(texts.SECTION_HEADINGS[texts.SectionKey.HEADER]),
        _entries(
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


def _legal_basis(w: _Writer, ctx: Context) -> Section:
    r = w.request
    entries: list[Entry | None] = []
    for basis, name in zip(r.legal_bases, ctx.legal_bases, strict=False):
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
    return Section("2", w._(texts.SECTION_HEADINGS[texts.SectionKey.LEGAL_BASIS]), _entries(*entries))


def _authorities(w: _Writer) -> Section:
    r = w.request
    officer = r.contact_officer
    entries = _authority(w, "requesting_authority", r.requesting_authority)
    entries += _authority(w, "investigating_authority", r.investigating_authority)
    entries += [
        w.data("contact_officer.name", officer.name),
        w.data("contact_officer.post", officer.post),
        w.data("contact_officer.phone", officer.phone),
        w.data("contact_officer.email", officer.email),
        w.data("contact_officer.languages", ", ".join(w.language(c) for c in officer.languages)),
        w.data("contact_officer.timezone", officer.timezone),
    ]
    if r.validating_authority is not None:
        entries += _authority(w, "validating_authority", r.validating_authority)
    return Section(
        "3", w._(texts.SECTION_HEADINGS[texts.SectionKey.REQUESTING_AUTHORITY]), _entries(*entries)
    )


def _urgency_and_confidentiality(w: _Writer) -> list[Section]:
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
        Section("4", w._(texts.SECTION_HEADINGS[texts.SectionKey.URGENCY]), _entries(*urgency)),
        Section(
            "5", w._(texts.SECTION_HEADINGS[texts.SectionKey.CONFIDENTIALITY]), _entries(*confidentiality)
        ),
    ]


def _proceedings_facts_offences(w: _Writer) -> list[Section]:
    r = w.request
    proceedings = _entries(
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
            w.data("offences.max_penalty", offence.max_penalty),
            w.data("offences.limitation_date", w.date(offence.limitation_date)),
            w.data("offences.eio_category", offence.eio_category),
        ]
    return [
        Section("6", w._(texts.SECTION_HEADINGS[texts.SectionKey.PROCEEDINGS]), proceedings),
        Section(
            "7", w._(texts.SECTION_HEADINGS[texts.SectionKey.FACTS]), _entries(w.free_entry("facts", ""))
        ),
        Section("8", w._(texts.SECTION_HEADINGS[texts.SectionKey.OFFENCES]), _entries(*offences)),
    ]


def _person(w: _Writer, index: int, p: Person) -> list[Entry | None]:
    name = p.legal_name if p.legal_person else f"{p.surname.upper()} {p.given_names}".strip()
    return [
        w.data("persons.role", f"{index + 1}. {w._(texts.PERSON_ROLE_LABELS[p.role])} — {name}"),
        w.data("persons.aliases", ", ".join(p.aliases)),
        w.data("persons.sex", p.sex),
        w.data("persons.nationality", w.country(p.nationality)),
        w.data("persons.birth_date", w.date(p.birth_date)),
        w.data("persons.birth_place", p.birth_place),
        w.data("persons.id_documents", "; ".join(p.id_documents)),
        w.data("persons.address", p.address),
        w.data("persons.languages", ", ".join(w.language(c) for c in p.languages)),
        w.data("persons.legal_form", p.legal_form),
        w.data("persons.registration_number", p.registration_number),
        w.data("persons.seat", p.seat),
        w.data("persons.representative", p.representative),
        w.data("persons.identifiers", "; ".join(p.identifiers)),
    ]


def _assistance(w: _Writer) -> list[Section]:
    r = w.request
    persons: list[Entry | None] = []
    for i, person in enumerate(r.persons):
        persons += _person(w, i, person)
    measures: list[Entry | None] = []
    for i, m in enumerate(r.measures):
        measures.append(Entry(w.label("measures.kind"), f"{i + 1}. {w._(texts.MEASURE_KIND_LABELS[m.kind])}"))
        measures.append(w.free_entry(f"measures.{i}.description", w.label("measures.description")))
        for detail in m.details:
            label = (
                texts.DETAIL_LABELS.get(texts.DetailKey(detail.key))
                if detail.key in set(texts.DetailKey)
                else None
            )
            measures.append(Entry(w._(label) if label else detail.key, detail.value))
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
        Section("9", w._(texts.SECTION_HEADINGS[texts.SectionKey.PERSONS]), _entries(*persons)),
        Section("10", w._(texts.SECTION_HEADINGS[texts.SectionKey.ASSISTANCE]), _entries(*measures)),
        Section("11", w._(texts.SECTION_HEADINGS[texts.SectionKey.PROCEDURES]), _entries(*procedures)),
    ]


def _later_sections(w: _Writer) -> list[Section]:
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
        Section("12", w._(heading[texts.SectionKey.EARLIER_REQUESTS]), _entries(*earlier)),
        Section("13", w._(heading[texts.SectionKey.UNDERTAKINGS]), tuple(undertakings)),
        Section("14", w._(heading[texts.SectionKey.REMEDIES]), _entries(*remedies)),
        Section("15", w._(heading[texts.SectionKey.RESULTS]), _entries(*results)),
        Section("16", w._(heading[texts.SectionKey.CLOSING]), _entries(*closing)),
    ]


def _translation_section(w: _Writer) -> Section:
    r = w.request
    entries: list[Entry | None] = [
        w.data("language", w.language(r.language)),
        Entry(w.label("translations.lang"), w.language(w.lang)),
    ]
    if w.certification is not None:
        t = w.certification
        entries.append(
            Entry(
                "",
                w.text(
                    texts.CLAUSES[texts.Clause.TRANSLATION_CERTIFICATE],
                    name=t.name,
                    qualification=t.qualification,
                    source_language=w.language(r.language),
                    target_language=w.language(w.lang),
                ),
                TextKind.BOILERPLATE,
            )
        )
        entries.append(
            Entry(
                "",
                w.text(texts.CLAUSES[texts.Clause.TRANSLATION_CERTIFICATE_DATE], date=w.date(t.certified_on)),
                TextKind.BOILERPLATE,
            )
        )
        entries.append(Entry(w._(texts.CERTIFIED_CONTENT), t.content_hash))
    return Section("18", w._(texts.SECTION_HEADINGS[texts.SectionKey.TRANSLATION]), _entries(*entries))


def _signatures(w: _Writer) -> tuple[SignatureBlock, ...]:
    r = w.request
    lines = (
        (w._(texts.NAME), r.signatory_name),
        (w._(texts.POST_HELD), r.signatory_post),
        (w._(texts.PLACE_AND_DATE), ", ".join(x for x in (r.place, w.date(r.request_date)) if x)),
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


def compose(request: MlaRequest, lang: str, ctx: Context) -> Document:
    w = _Writer(request, lang)
    sections = [
        _header(w, ctx),
        _legal_basis(w, ctx),
        _authorities(w),
        *_urgency_and_confidentiality(w),
        *_proceedings_facts_offences(w),
        *_assistance(w),
        *_later_sections(w),
    ]
    annexes = tuple(
        f"{i + 1}. {a.title}"
        + (f" — {a.file_name}" if a.file_name else "")
        + (f" (SHA-256 {a.sha256})" if a.sha256 else "")
        for i, a in enumerate(request.annexes)
    )
    sections.append(
        Section(
            "17",
            w._(texts.SECTION_HEADINGS[texts.SectionKey.ANNEXES]),
            (Entry("", w._(texts.NOT_APPLICABLE)),) if not annexes else (),
        )
    )
    sections.append(_translation_section(w))
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
        date_line=", ".join(x for x in (request.place, w.date(request.request_date)) if x),
        letterhead=tuple(
            x for x in (requesting.name, requesting.address, w.country(request.requesting_state)) if x
        ),
        addressee=ctx.addressee,
        sections=tuple(s for s in sections if s.entries or s.tables),
        signatures=_signatures(w),
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
