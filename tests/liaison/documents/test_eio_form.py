"""An EIO is rendered as the Annex A form (sections A to L, the form's tick boxes, issuing/executing
terms) in every document language; a letter of request keeps its own layout."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from liaison.documents import catalogs, compose_base, compose_eio, pdfcheck, rules, texts
from liaison.documents import texts_eio as eio
from liaison.documents.compose import Context, compose
from liaison.documents.compose_annexes import Interception, Receipt, annex_b, annex_c
from liaison.documents.pdf import render
from liaison.domain.mla import Authority, Measure, MeasureDetail, MeasureKind, MlaRequest
from liaison.services import demo_requests

LANGS = ("en", "fr", "es", "de", "pt", "ru", "ar", "zh")
CTX = Context(
    addressee=("Bureau de l'entraide pénale internationale",), legal_bases=("Directive 2014/41/EU",)
)


def _eio(**changes: object) -> MlaRequest:
    return dataclasses.replace(demo_requests.eio_to_france("case", None, None), **changes)  # type: ignore[arg-type]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _text(request: MlaRequest, lang: str, tmp_path: Path) -> str:
    path = tmp_path / f"{lang}.pdf"
    path.write_bytes(render(compose(request, lang, CTX)))
    return _flat(pdfcheck.extract_text(path, layout=False))


@pytest.mark.parametrize("lang", LANGS)
def test_sections_a_to_l_in_order_with_the_form_headings(lang: str, tmp_path: Path) -> None:
    request = _eio(requesting_authority=Authority(name="Politie Rotterdam", kind="police"))
    doc = compose(request, lang, CTX)
    text = _flat(
        " ".join(
            [
                f"{s.number}. {s.heading} " + " ".join(f"{e.label} {e.value}" for e in s.entries)
                for s in doc.sections
            ]
        )
    )
    printed = _text(request, lang, tmp_path)
    assert "×" in printed  # the ticked boxes print in every font
    t = catalogs.gettext_for(lang)
    positions = []
    for letter in texts.EioSection:
        prefix = catalogs.translate(lang, texts.EIO_SECTION_PREFIX, letter=letter.value)
        heading = _flat(f"{prefix}. {t(texts.EIO_SECTION_HEADINGS[letter])}")[:30]
        assert heading in text, f"{lang}: section {letter} missing"
        positions.append(text.index(heading))
    assert positions == sorted(positions), f"{lang}: sections out of order"
    assert _flat(t(texts.ISSUING_STATE)) in text and _flat(t(texts.EXECUTING_STATE)) in text
    for letter_term in (texts.REQUESTING_STATE, texts.REQUESTED_STATE):
        assert _flat(t(letter_term)) not in text, f"{lang}: MLA terminology in an EIO"
    assert _flat(t(texts.CLAUSES[texts.Clause.CLOSING]))[:30] not in text  # no diplomatic closing
    assert _flat(t(eio.EIO_K_ACCURACY))[:30] in text


def test_section_c_lists_every_measure_of_the_form_and_ticks_the_requested_ones(tmp_path: Path) -> None:
    measures = (
        Measure(MeasureKind.DATABASE_INFORMATION, description="Criminal records."),
        Measure(MeasureKind.SUBSCRIBER_IDENTIFICATION, description="Who holds +33 6 00 00 00 00."),
        Measure(MeasureKind.HEARING, details=(MeasureDetail("hearing_mode", "phone"),)),
        Measure(MeasureKind.MONITORING_BANKING, description="Monitor the account."),
        Measure(MeasureKind.CONTROLLED_DELIVERY, description="Let the container travel."),
        Measure(MeasureKind.COVERT_INVESTIGATION, description="Undercover officer."),
    )
    text = _text(_eio(measures=measures), "en", tmp_path)
    for box in eio.EioMeasure:
        assert _flat(eio.EIO_MEASURE_LABELS[box])[:40] in text
    ticked = {
        eio.EioMeasure.DATABASES,
        eio.EioMeasure.SUBSCRIBER,
        eio.EioMeasure.TELEPHONE,
        eio.EioMeasure.MONITORING_BANKING,
        eio.EioMeasure.CONTROLLED_DELIVERY,
        eio.EioMeasure.COVERT_INVESTIGATION,
    }
    for box in eio.EioMeasure:
        mark = eio.TICKED if box in ticked else eio.UNTICKED
        assert f"{mark} {_flat(eio.EIO_MEASURE_LABELS[box])[:40]}" in text, box


def test_section_h_per_measure_and_section_l_only_when_needed(tmp_path: Path) -> None:
    video = Measure(
        MeasureKind.VIDEOCONFERENCE,
        details=(
            MeasureDetail("remote_reasons", "The witness cannot travel."),
            MeasureDetail("hearing_consent", "yes"),
        ),
        purpose="The witness saw the transfer.",
    )
    request = _eio(measures=(*_eio().measures, video))
    text = _text(request, "en", tmp_path)
    h = text[text.index("Section H") : text.index("Section I")]
    assert (
        eio.EIO_H_HEADINGS[eio.EioH.BANK][:30] in h and eio.EIO_H_HEADINGS[eio.EioH.REMOTE_HEARING][:30] in h
    )
    assert "The witness cannot travel." in h and "Consent of the person to be heard" in h
    assert eio.EIO_H_RELEVANCE[:30] in h
    assert "Section L" not in text  # issued by a public prosecutor
    police = _text(_eio(requesting_authority=Authority(name="Politie", kind="police")), "en", tmp_path)
    assert "Section L" in police and "Validating authority" in police


def test_issuer_types() -> None:
    assert compose_eio.issuer_type("Public prosecutor") is eio.IssuerType.PUBLIC_PROSECUTOR
    assert compose_eio.issuer_type("investigating_judge") is eio.IssuerType.INVESTIGATING_JUDGE
    assert compose_eio.needs_validation(Authority(kind="police"))
    assert not compose_eio.needs_validation(Authority(kind="court"))


def test_annex_d_category_is_ticked_from_its_key_or_english_label() -> None:
    assert compose_base.annex_d("drug_trafficking") is eio.AnnexD.DRUG_TRAFFICKING
    assert compose_base.annex_d("Illicit trafficking in narcotic drugs and psychotropic substances") is (
        eio.AnnexD.DRUG_TRAFFICKING
    )
    assert compose_base.annex_d("tax evasion") is None


def test_letter_of_request_keeps_its_layout(tmp_path: Path) -> None:
    text = _text(demo_requests.untoc_to_morocco("case", None, None), "en", tmp_path)
    assert "1. General information" in text and "Requesting State" in text and "Section A" not in text


def test_annex_b_and_annex_c_in_the_partner_language(tmp_path: Path) -> None:
    request = _eio()
    receipt = Receipt(dt.date(2026, 2, 12), "Parquet de Paris, BEPI", "BEPI-2026-88")
    path = tmp_path / "annex-b.pdf"
    path.write_bytes(render(annex_b(request, "fr", receipt)))
    text = _flat(pdfcheck.extract_text(path, layout=False))
    assert "Accusé de réception d'une décision d'enquête européenne" in text
    assert "Parquet de Paris, BEPI" in text and "BEPI-2026-88" in text and "EIO-NL-2026/0042" in text
    assert "12 février 2026" in text
    # The executing authority writes it: the EIO's reference is "yours", the executing one "ours".
    assert "Notre référence: BEPI-2026-88 — Votre référence: EIO-NL-2026/0042" in text
    # Only the authorities' particulars: no free text of the EIO (it would print in English, marked).
    assert request.requesting_authority.functions[:30] not in text and "‡" not in text
    notice = Interception("VAN DALEN Ruben, +31 6 0000 0000", "1-28 February 2026", dt.date(2026, 2, 1))
    path = tmp_path / "annex-c.pdf"
    path.write_bytes(render(annex_c(request, "de", notice)))
    text = _flat(pdfcheck.extract_text(path, layout=False))
    assert "Unterrichtung über die Überwachung des Telekommunikationsverkehrs" in text
    assert "96 Stunden" in text and "+31 6 0000 0000" in text
    assert "Unser Zeichen: EIO-NL-2026/0042" in text  # the intercepting State writes Annex C
    assert request.requesting_authority.functions[:30] not in text and "‡" not in text


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_section_l_gives_the_date_of_validation(lang: str, tmp_path: Path) -> None:
    """Section L names the validating authority and the date it validated the order, in the form and
    in its signature block; a missing date is reported by the EIO rules."""
    validator = Authority(
        name="Openbaar Ministerie Rotterdam",
        kind="public prosecutor",
        representative="mr. J. de Vries",
        validated_on=dt.date(2026, 2, 9),
    )
    request = _eio(
        requesting_authority=Authority(name="Politie", kind="police"), validating_authority=validator
    )
    doc = compose(request, lang, CTX)
    t = catalogs.gettext_for(lang)
    (l_section,) = [s for s in doc.sections if s.heading == t(texts.EIO_SECTION_HEADINGS[texts.EioSection.L])]
    entries = {e.label: e.value for e in l_section.entries}
    date = compose_base.Writer(request, lang).date(dt.date(2026, 2, 9))
    assert entries[t("Date of validation")] == date
    (block,) = [b for b in doc.signatures if b.caption == t(texts.VALIDATING_AUTHORITY)]
    assert (t(texts.PLACE_AND_DATE), date) in block.lines
    assert "2026" in _text(request, lang, tmp_path).split(t("Date of validation"))[1][:80]
    # Which of the two is the main contact point: the issuing authority unless the validator is.
    t_main = t(texts.AUTHORITY_LABELS["main_contact"])
    values = [e.value for e in l_section.entries]
    assert values[values.index(t_main) + 1 :][:2] == [
        f"{eio.TICKED} {t(texts.ISSUING_AUTHORITY)}",
        f"{eio.UNTICKED} {t(texts.VALIDATING_AUTHORITY)}",
    ]
    first = dataclasses.replace(validator, main_contact=True)
    main = dataclasses.replace(request, validating_authority=first)
    (l_main,) = [s for s in compose(main, lang, CTX).sections if s.heading == l_section.heading]
    assert f"{eio.TICKED} {t(texts.VALIDATING_AUTHORITY)}" in [e.value for e in l_main.entries]
    undated = dataclasses.replace(
        request, validating_authority=dataclasses.replace(validator, validated_on=None)
    )
    issues = [i for i in rules.validate(undated) if i.field == "validating_authority.validated_on"]
    assert issues and "section L" in issues[0].message
    assert not [i for i in rules.validate(request) if i.field == "validating_authority.validated_on"]
