"""Asset tracing is a measure of its own: its particulars, its letter-of-request clause and its EIO
section H subsection print in every document language (from the catalogs, never English), and every
rule set asks for the assets and the grounds for tracing them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from liaison.documents import catalogs, compose_eio, pdfcheck, rules, texts
from liaison.documents import texts_eio as eio
from liaison.documents.compose import Context, compose
from liaison.documents.layout import Document
from liaison.documents.pdf import render
from liaison.domain.mla import InstrumentKind, Measure, MeasureDetail, MeasureKind, MlaRequest
from liaison.services import demo_requests

LANGS = ("en", "fr", "es", "de", "pt", "ru", "ar", "zh")
SETS = ("UNTOC-18-15", "UNCAC-46-15", "COE-1959-14", "MODEL-TREATY-5", "HARARE-14", "EIO-ANNEX-A")
D = texts.DetailKey
TRACING = Measure(
    MeasureKind.ASSET_TRACING,
    description="Trace the proceeds of the fraud.",
    details=(
        MeasureDetail(D.ASSETS, "Accounts, real estate and vehicles of Atlas Trading SARL"),
        MeasureDetail(D.ASSET_HOLDER, "Atlas Trading SARL"),
        MeasureDetail(D.PROCEEDS_GROUNDS, "Transfers of EUR 1.2 million from the victims' accounts"),
        MeasureDetail(D.ESTIMATED_VALUE, "EUR 1,200,000"),
        MeasureDetail(D.REGISTERS, "Land register, vehicle register, banks in Tangier"),
        MeasureDetail(D.MEASURES_IF_FOUND, "Freezing"),
    ),
    place="Tangier",
    purpose="Recover the victims' funds.",
)


def _request(kind: InstrumentKind) -> MlaRequest:
    base = demo_requests.untoc_to_morocco("case", None, None)
    rule_set = "EIO-ANNEX-A" if kind is InstrumentKind.EIO else base.rule_set
    return dataclasses.replace(base, instrument_kind=kind, rule_set=rule_set, measures=(TRACING,))


def _strings(doc: Document) -> str:
    return " ".join(
        " ".join([s.heading, *(f"{e.label} {e.value}" for e in s.entries)]) for s in doc.sections
    ).replace("\n", " ")


def _printed(lang: str, msgid: str) -> str:
    text = catalogs.translate(lang, msgid)
    assert lang == "en" or text != msgid, f"{lang}: {msgid!r} falls back to English"
    return " ".join(text.split())


@pytest.mark.parametrize("lang", LANGS)
def test_letter_prints_the_measure_its_clause_and_particulars(lang: str) -> None:
    text = " ".join(_strings(compose(_request(InstrumentKind.MLA_LETTER), lang, Context())).split())
    assert _printed(lang, texts.MEASURE_KIND_LABELS[MeasureKind.ASSET_TRACING]) in text
    assert _printed(lang, texts.CLAUSES[texts.Clause.ASSET_TRACING]) in text
    for key in texts.MEASURE_DETAIL_KEYS[MeasureKind.ASSET_TRACING]:
        if key is not D.PERIOD:
            assert _printed(lang, texts.DETAIL_LABELS[key]) in text, (lang, key)


@pytest.mark.parametrize("lang", LANGS)
def test_eio_gives_asset_tracing_its_section_h_subsection(lang: str) -> None:
    doc = compose(_request(InstrumentKind.EIO), lang, Context())
    heading = catalogs.translate(lang, texts.EIO_SECTION_HEADINGS[texts.EioSection.H])
    [h] = [s for s in doc.sections if s.heading == heading]
    text = " ".join(" ".join(f"{e.label} {e.value}" for e in h.entries).split())
    assert _printed(lang, eio.EIO_H_HEADINGS[eio.EioH.ASSET_TRACING]) in text
    assert _printed(lang, eio.EIO_H_ASSET_TRACING) in text
    assert _printed(lang, texts.DETAIL_LABELS[D.PROCEEDS_GROUNDS]) in text
    assert compose_eio.h_subsection(TRACING) is eio.EioH.ASSET_TRACING


@pytest.mark.parametrize("rule_set", SETS)
def test_every_rule_set_asks_for_the_assets_and_the_grounds(rule_set: str) -> None:
    bare = dataclasses.replace(_request(InstrumentKind.MLA_LETTER), rule_set=rule_set)
    bare = dataclasses.replace(bare, measures=(Measure(MeasureKind.ASSET_TRACING, description="x"),))
    found = {i.requirement: i for i in rules.validate(bare) if "asset-tracing" in i.requirement}
    prefix = rules.get(rule_set).requirements[0].id.split("-")[0]
    assert found[f"{prefix}-asset-tracing-assets"].level == "error"
    assert found[f"{prefix}-asset-tracing-grounds"].level == "warning"
    assert found[f"{prefix}-asset-tracing-assets"].field == "measures.0.details"
    complete = dataclasses.replace(bare, measures=(TRACING,))
    assert not [i for i in rules.validate(complete) if "asset-tracing" in i.requirement]


def test_the_pdf_carries_the_wording(tmp_path: Path) -> None:
    for lang, kind in (("fr", InstrumentKind.MLA_LETTER), ("de", InstrumentKind.EIO)):
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(render(compose(_request(kind), lang, Context())))
        text = " ".join(pdfcheck.extract_text(path, layout=False).split())
        heading = (
            eio.EIO_H_HEADINGS[eio.EioH.ASSET_TRACING]
            if kind is InstrumentKind.EIO
            else texts.MEASURE_KIND_LABELS[MeasureKind.ASSET_TRACING]
        )
        assert _printed(lang, heading)[:30] in text
