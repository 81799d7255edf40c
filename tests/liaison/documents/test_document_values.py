"""Every enumerated value prints in the document's language, never in English; Arabic text is
extractable as letters, its place-and-date line reads right to left, and Latin titles in Arabic
paragraphs wrap between words."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from liaison.documents import catalogs, pdfcheck, texts, texts_eio, texts_values
from liaison.documents.compose import Context, compose
from liaison.documents.fonts import script_for_lang
from liaison.documents.freetext import free_text_fields
from liaison.documents.layout import Document, TextKind
from liaison.documents.pdf import render
from liaison.documents.pdf_text import prepare
from liaison.documents.rlbidi_shim import BidiParagraph, display_line
from liaison.domain.mla import (
    Authority,
    FieldTranslation,
    InstrumentKind,
    Measure,
    MeasureDetail,
    MeasureKind,
    MlaRequest,
    Offence,
    Person,
    PersonRole,
    ProceedingsType,
    ResultsForm,
    Undertaking,
    UrgencyReason,
)
from liaison.services import demo_requests

NON_ENGLISH = ("fr", "es", "de", "pt", "ru", "ar", "zh")
# Words that are the same in English and in that language (checked by a person, not a fallback).
SAME = {"fr": {"Police", "Expert", "corruption", "sabotage"}, "de": {"Name"}}


def _everything(kind: InstrumentKind, proceedings: ProceedingsType) -> MlaRequest:
    base = demo_requests.untoc_to_morocco("case", None, None)
    return dataclasses.replace(
        base,
        instrument_kind=kind,
        requesting_authority=Authority(name="Politie", kind="police"),
        investigating_authority=Authority(name="OM", kind="public prosecutor"),
        persons=tuple(Person(role=role, surname="Doe") for role in PersonRole),
        measures=tuple(
            Measure(
                kind, details=(MeasureDetail("hearing_mode", "video"),) if kind is MeasureKind.HEARING else ()
            )
            for kind in MeasureKind
        ),
        urgent=True,
        urgency_reasons=tuple(UrgencyReason),
        undertakings=tuple(Undertaking),
        results_form=ResultsForm.ORIGINALS,
        proceedings_type=proceedings,
        offences=(
            Offence(
                classification="x",
                max_penalty="12 years' imprisonment",
                eio_category="drug_trafficking",
                punishable_three_years=True,
            ),
        ),
    )


def _strings(doc: Document) -> str:
    parts: list[str] = [doc.title, doc.subtitle]
    for section in doc.sections:
        parts.append(section.heading)
        for entry in section.entries:
            parts += [entry.label, entry.value]
    return "\n".join(parts)


def _expected(
    request: MlaRequest,
) -> Iterator[tuple[str, str | tuple[str, str], dict[str, Any]]]:
    """(what, message id, format values) of every enumerated value the request prints."""
    for role in PersonRole:
        yield f"role {role}", texts.PERSON_ROLE_LABELS[role], {}
    for kind in MeasureKind:
        yield f"measure {kind}", texts.MEASURE_KIND_LABELS[kind], {}
    for reason in UrgencyReason:
        yield f"urgency {reason}", texts.URGENCY_REASON_LABELS[reason], {}
    yield "hearing mode", texts.HEARING_MODE_LABELS[texts.HearingMode.VIDEO], {}
    yield "authority kind", texts_values.AUTHORITY_KIND_LABELS[texts_values.AuthorityKind.POLICE], {}
    yield "penalty", texts_values.PENALTY_YEARS, {"count": 12}
    if request.instrument_kind is InstrumentKind.EIO:  # a letter prints no Annex D category
        yield "annex D", texts_eio.ANNEX_D_LABELS[texts_eio.AnnexD.DRUG_TRAFFICKING], {}
    yield "proceedings", texts.PROCEEDINGS_TYPE_LABELS[request.proceedings_type], {}
    if request.instrument_kind is InstrumentKind.MLA_LETTER:
        yield "results form", texts.RESULTS_FORM_LABELS[ResultsForm.ORIGINALS], {}
        yield "instrument", texts.INSTRUMENT_KIND_LABELS[InstrumentKind.MLA_LETTER], {}


def _translated(lang: str, msgid: str | tuple[str, str], values: dict[str, Any]) -> str:
    if isinstance(msgid, tuple):
        return catalogs.translate_plural(lang, msgid, int(values["count"]))
    return catalogs.translate(lang, msgid, **values)


def _english(msgid: str | tuple[str, str], values: dict[str, Any]) -> str:
    text = msgid if isinstance(msgid, str) else msgid[1]
    return text.format(**values) if values else text


@pytest.mark.parametrize("lang", NON_ENGLISH)
@pytest.mark.parametrize("kind", [InstrumentKind.MLA_LETTER, InstrumentKind.EIO])
def test_every_enum_value_prints_in_the_document_language(lang: str, kind: InstrumentKind) -> None:
    for proceedings in ProceedingsType:
        request = _everything(kind, proceedings)
        text = " ".join(_strings(compose(request, lang, Context())).split())
        for what, label, values in _expected(request):
            msgid: str | tuple[str, str] = label
            if (
                kind is InstrumentKind.EIO
                and what == "proceedings"
                and proceedings
                in (
                    ProceedingsType.CRIMINAL_INVESTIGATION,
                    ProceedingsType.PROSECUTION,
                    ProceedingsType.TRIAL,
                )
            ):
                msgid = texts_eio.EIO_PROCEEDINGS_LABELS[ProceedingsType.CRIMINAL_INVESTIGATION]
            expected, english = _translated(lang, msgid, values), _english(msgid, values)
            assert expected != english or english in SAME.get(lang, set()), (
                f"{lang}: {what} falls back to English"
            )
            assert " ".join(expected.split()) in text, f"{lang}: {what} ({expected!r}) is not printed"


@pytest.fixture(scope="module")
def arabic_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ar") / "untoc-ar.pdf"
    request = demo_requests.untoc_to_morocco("case", None, None)
    path.write_bytes(render(compose(request, "ar", Context(addressee=("وزارة العدل", "الرباط، المغرب")))))
    return path


def test_arabic_text_is_extracted_as_letters_and_found(arabic_pdf: Path) -> None:
    text = pdfcheck.extract_text(arabic_pdf)
    assert "المغرب" in text and "الأصلية" in text
    assert not any("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


def test_arabic_place_and_date_line_reads_right_to_left() -> None:
    request = demo_requests.untoc_to_morocco("case", None, None)
    doc = compose(request, "ar", Context())
    ready = prepare(doc.date_line, script_for_lang("ar"))
    visual = display_line(ready.text, bool(ready.rtl))
    # Drawn left to right: year, month, day, comma, then the place name at the right (where reading starts).
    assert visual.rstrip().endswith("Rotterdam"), visual
    assert visual.index("2026") < visual.index("12") < visual.index("Rotterdam")


def test_latin_title_in_arabic_wraps_between_words() -> None:
    title = "European Convention on Mutual Assistance in Criminal Matters of 20 April 1959"
    ready = prepare(f"يستند هذا الطلب إلى {title} وفقا للقانون.", script_for_lang("ar"))
    paragraph = BidiParagraph(ready.text, ready.font, 10, 12, "right", rtl=bool(ready.rtl))
    paragraph.wrap(150, 1000)
    assert paragraph.lines is not None and len(paragraph.lines) > 2
    words = set(title.split())
    for line in paragraph.lines:
        for token in line.translate({0x2066: " ", 0x2069: " ", 0xA0: " "}).split():
            if token.isascii() and token.strip(".,").isalnum():
                assert token.strip(".,") in words, f"word cut: {token!r}"


def test_an_arabic_paragraph_split_across_pages_keeps_its_own_lines() -> None:
    ready = prepare(" ".join(f"كلمة{n}" for n in range(200)), script_for_lang("ar"))
    paragraph = BidiParagraph(ready.text, ready.font, 10, 12, "right", rtl=bool(ready.rtl))
    _w, height = paragraph.wrap(300, 10_000)
    assert paragraph.lines is not None and height == 12 * len(paragraph.lines) > 36
    top, rest = paragraph.split(300, 12 * 2.5)
    # Each part is measured as the lines it was given, not re-broken from the whole text (which
    # made the top part as tall as the paragraph: a layout error, or the text printed twice).
    assert top.wrap(300, 10_000)[1] == 24 and top.lines == paragraph.lines[:2]
    assert rest.wrap(300, 10_000)[1] == 12 * (len(paragraph.lines) - 2)
    assert rest.lines == paragraph.lines[2:]


def test_a_long_arabic_document_breaks_pages_inside_paragraphs(tmp_path: Path) -> None:
    """The demo EIO exported into Arabic stopped with a reportlab LayoutError at a page break."""
    words = [f"كلمة{n:03d}" for n in range(600)]
    request = dataclasses.replace(demo_requests.eio_to_france("case", None, None), facts=" ".join(words))
    path = tmp_path / "ar.pdf"
    path.write_bytes(render(compose(request, "ar", Context())))
    # pdftotext marks the direction of each run; without the marks, spaces and the "untranslated"
    # sign (the facts are not translated into Arabic), "كلمة ‡ 599" is one token again.
    marks = {c: None for c in (*range(0x202A, 0x202F), ord("‡"))}
    text = "".join(pdfcheck.extract_text(path).translate(marks).split())
    assert [w for w in words if text.count(w) != 1] == []  # every word once: none lost, none twice


PROSE_ADDED = (
    "offences.0.classification",
    "measures.0.details.period",
    "earlier_requests.0.note",
    "annexes.0.title",
)


def _printed(doc: Document) -> list[tuple[str, str]]:
    """(value, mark) of every entry and annex line: the mark a reader sees beside the text."""
    marks = {TextKind.MACHINE: texts.MACHINE_MARKER, TextKind.UNTRANSLATED: texts.UNTRANSLATED_MARKER}
    printed = [(e.value, marks.get(e.kind, "")) for s in doc.sections for e in s.entries]
    for line in doc.annexes:
        mark = next((m for m in marks.values() if f" {m}" in line), "")
        printed.append((line, mark))
    return printed


@pytest.mark.parametrize("make", [demo_requests.eio_to_france, demo_requests.untoc_to_morocco])
def test_every_prose_field_is_translated_or_marked(make: Any) -> None:
    """An offence's classification, a bank measure's period, an earlier request's remarks and an
    annex title printed in English, unmarked, inside a French EIO; a certification did not cover them.
    The EIO also dropped the confidentiality reasons and the conducting authority's functions."""
    request = dataclasses.replace(
        make("case", None, None),
        earlier_requests=demo_requests.eio_to_france("case", None, None).earlier_requests,
        annexes=demo_requests.eio_to_france("case", None, None).annexes,
    )
    fields = dict(free_text_fields(request))
    assert {p for p in PROSE_ADDED if "details" not in p} <= set(fields)
    assert "measures.0.details.account" not in fields  # an account number is data
    untranslated = compose(request, "fr", Context())
    printed = _printed(untranslated)
    for path in (p for p in PROSE_ADDED if p in fields):
        marks = {mark for value, mark in printed if fields[path] in value}
        assert marks == {texts.UNTRANSLATED_MARKER}, (path, marks)
    translated = dataclasses.replace(
        request,
        translations=tuple(
            FieldTranslation(path, "fr", text, f"TRADUIT{n:02d}-", "machine")
            for n, (path, text) in enumerate(fields.items())
        ),
    )
    printed = _printed(compose(translated, "fr", Context()))
    for n, (path, text) in enumerate(fields.items()):
        assert not [value for value, _mark in printed if text in value], f"{path} printed in English"
        marks = {mark for value, mark in printed if f"TRADUIT{n:02d}-" in value}
        assert marks == {texts.MACHINE_MARKER}, (path, marks)
