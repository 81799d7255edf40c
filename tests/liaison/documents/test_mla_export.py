"""MLA requests end to end: draft, validate, track, translate and export real PDFs, verify them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.crypto.kdf import KdfProfile
from liaison.documents import catalogs, pdfcheck, texts, texts_eio
from liaison.domain.mla import MlaRequest, RequestStatus
from liaison.errors import ValidationError
from liaison.services import catalog, demo, mla, mla_export, mla_verify
from liaison.store import audit
from liaison.store.vault import Vault, create_vault
from liaison.translation import packs

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "packs"


@pytest.fixture
def demo_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Vault]:
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(tmp_path / "translation"))
    vault, _code = create_vault(tmp_path / "demo.db", "demo passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    demo.populate(vault)
    yield vault
    vault.close()


def _eio(vault: Vault) -> MlaRequest:
    return mla.requests.get(vault, "EIO-NL-2026/0042")


def test_demo_requests_are_complete(demo_vault: Vault) -> None:
    for ref in ("EIO-NL-2026/0042", "MLA-NL-2026/0117"):
        errors = [i for i in mla_export.validate(demo_vault, ref) if i.level == "error"]
        assert errors == []


def test_missing_fields_are_listed_with_their_article(demo_vault: Vault) -> None:
    case = catalog.cases.list(demo_vault)[0]
    draft = mla.create(demo_vault, case_id=case.id, rule_set="UNTOC-18-15", requested_state="MA")
    issues = mla_export.validate(demo_vault, draft.id)
    facts = [i for i in issues if i.field == "facts"]
    assert facts and "18(15)" in facts[0].article


def test_status_lifecycle_and_deadlines(demo_vault: Vault) -> None:
    ref = "EIO-NL-2026/0042"
    with pytest.raises(ValidationError, match="cannot"):
        mla_export.set_status(demo_vault, ref, RequestStatus.EXECUTED, dt.date(2026, 2, 11))
    mla_export.set_status(demo_vault, ref, RequestStatus.READY, dt.date(2026, 2, 10))
    mla_export.set_status(demo_vault, ref, RequestStatus.SENT, dt.date(2026, 2, 11), channel="e-EDES")
    request = mla_export.set_status(
        demo_vault, ref, RequestStatus.ACKNOWLEDGED, dt.date(2026, 2, 16), reference="FR-BEPI-2026-88"
    )
    assert request.foreign_reference == "FR-BEPI-2026-88"
    assert [h.status for h in request.history] == [
        RequestStatus.READY,
        RequestStatus.SENT,
        RequestStatus.ACKNOWLEDGED,
    ]
    due = {d.key: d for d in mla_export.request_deadlines(demo_vault, ref, dt.date(2026, 6, 1))}
    assert any(d.overdue for d in due.values())
    assert any(r.our_reference == ref for r, _d in mla_export.overdue(demo_vault, dt.date(2026, 6, 1)))
    actions = [e.action for e in audit.entries(demo_vault)]
    assert actions.count("record.update") >= 3


def _install_packs() -> None:
    for pair in ("en_fr", "fr_en", "es_en"):
        packs.install(next(FIXTURES.glob(f"translate-{pair}-*.argosmodel")))


def test_export_in_french_translates_free_text_and_marks_it(demo_vault: Vault, tmp_path: Path) -> None:
    _install_packs()
    out = tmp_path / "eio-fr.pdf"
    result = mla_export.export_pdf(demo_vault, "EIO-NL-2026/0042", "fr", out, bilingual="en")
    text = pdfcheck.extract_text(out)
    assert "Décision d'enquête européenne" in text.replace("\n", " ") or "européenne" in text
    assert "TRADUCTION AUTOMATIQUE" in text.upper()
    assert "EIO-NL-2026/0042" in text
    assert result.untranslated == ()
    assert pdfcheck.printed_hash(out) == result.content_hash
    stored = _eio(demo_vault)
    assert {t.lang for t in stored.translations} == {"fr"}
    assert all(t.origin in ("machine", "memory") for t in stored.translations)
    assert all(f.embedded for f in pdfcheck.fonts(out))


def test_without_a_pack_fields_stay_in_the_original_and_are_listed(demo_vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "untoc-ar.pdf"
    result = mla_export.export_pdf(demo_vault, "MLA-NL-2026/0117", "ar", out)
    assert "facts" in result.untranslated
    text = pdfcheck.extract_text(out)
    assert "Rotterdam" in text
    assert result.warnings == ()  # Morocco accepts Arabic


def test_language_not_accepted_gives_a_warning(demo_vault: Vault, tmp_path: Path) -> None:
    result = mla_export.export_pdf(demo_vault, "EIO-NL-2026/0042", "de", tmp_path / "de.pdf")
    assert result.warnings and "France" in result.warnings[0]


def test_exports_are_versioned_audited_and_verifiable(demo_vault: Vault, tmp_path: Path) -> None:
    first = mla_export.export_pdf(demo_vault, "MLA-NL-2026/0117", "en", tmp_path / "v1.pdf")
    second = mla_export.export_pdf(demo_vault, "MLA-NL-2026/0117", "en", tmp_path / "v2.pdf")
    assert (first.version, second.version) == (1, 2)
    assert len(mla_export.versions(demo_vault, "MLA-NL-2026/0117")) == 2
    report = mla_verify.verify(tmp_path / "v2.pdf", vault=demo_vault)
    assert report.exit_code == 0, report.lines()
    assert report.vault_request == "MLA-NL-2026/0117" and report.vault_version == 2
    exports = [e for e in audit.entries(demo_vault) if e.action == "export"]
    assert {e.detail["sha256"] for e in exports} >= {first.sha256, second.sha256}
    mla.update(demo_vault, "MLA-NL-2026/0117", {"facts": "Changed after export."})
    report = mla_verify.verify(tmp_path / "v2.pdf", vault=demo_vault)
    assert report.exit_code == mla_verify.NOT_IN_VAULT
    assert any("changed since" in line for line in report.lines())


def test_pdf_metadata_leaks_nothing(demo_vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "meta.pdf"
    mla_export.export_pdf(demo_vault, "EIO-NL-2026/0042", "en", out)
    info = pdfcheck.info(out)
    assert "Author" not in info or not info["Author"].strip()
    data = out.read_bytes()
    assert str(tmp_path).encode() not in data
    assert b"Van Dalen" not in data.split(b"stream")[0]  # names are not in the metadata header


def test_advance_message_for_urgent_request(demo_vault: Vault, tmp_path: Path) -> None:
    text, due = mla_export.advance(
        demo_vault, "EIO-NL-2026/0042", "SIENA", "en", "e-EDES", dt.date(2026, 2, 6), tmp_path / "advance.txt"
    )
    assert "EIO-NL-2026/0042" in text and "SIENA" in text
    assert due == dt.date(2026, 2, 11)  # three working days after a Friday
    request = _eio(demo_vault)
    assert request.advance_copy_via == "SIENA"
    with pytest.raises(ValidationError, match="urgent"):
        mla_export.advance(
            demo_vault, "MLA-NL-2026/0117", "SIENA", "en", "", dt.date(2026, 2, 6), tmp_path / "no.txt"
        )


def test_json_round_trip(demo_vault: Vault, tmp_path: Path) -> None:
    mla.export_json(demo_vault, "EIO-NL-2026/0042", tmp_path / "eio.json")
    fields = mla.read_json_file(tmp_path / "eio.json")
    copy = mla.create(demo_vault, **{**fields, "our_reference": "EIO-NL-2026/0043"})
    original = _eio(demo_vault)
    assert dataclasses.replace(
        copy, id=original.id, created_at="", updated_at="", our_reference=""
    ) == dataclasses.replace(original, created_at="", updated_at="", our_reference="")


def test_instrument_title_in_the_document_language(demo_vault: Vault, tmp_path: Path) -> None:
    mla.update(demo_vault, "MLA-NL-2026/0117", {"facts": "Facts."})
    mla_export.export_pdf(demo_vault, "MLA-NL-2026/0117", "fr", tmp_path / "fr.pdf")
    text = " ".join(pdfcheck.extract_text(tmp_path / "fr.pdf").split())
    assert "Convention des Nations Unies contre la criminalité transnationale organisée" in text
    assert "United Nations Convention against Transnational Organized Crime" not in text
    report = mla_verify.verify(tmp_path / "fr.pdf", vault=demo_vault)
    assert report.exit_code == 0, report.lines()  # the localized titles travel in the embedded data


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_letter_of_request_prints_no_annex_d_category(demo_vault: Vault, tmp_path: Path, lang: str) -> None:
    # The demo letter to Morocco (UNTOC) and the demo EIO to France share an offence whose Annex D
    # category is set. Annex D (Directive 2014/41/EU) is the EIO's list: the EIO ticks it in section G,
    # the letter to a State outside the EU must not print it, in any language.
    _install_packs()
    mla_export.export_pdf(demo_vault, "MLA-NL-2026/0117", lang, tmp_path / "letter.pdf")
    mla_export.export_pdf(demo_vault, "EIO-NL-2026/0042", lang, tmp_path / "eio.pdf")
    letter = " ".join(pdfcheck.extract_text(tmp_path / "letter.pdf", layout=False).split())
    eio = " ".join(pdfcheck.extract_text(tmp_path / "eio.pdf", layout=False).split())

    def t(msgid: str) -> str:
        return " ".join(catalogs.translate(lang, msgid).split())

    assert mla.requests.get(demo_vault, "MLA-NL-2026/0117").offences[0].eio_category == "drug_trafficking"
    assert t(texts.OFFENCE_LABELS["max_penalty"]) in letter  # the offence itself is printed
    annex_d = [t(texts.OFFENCE_LABELS["eio_category"]), "2014/41", *map(t, texts_eio.ANNEX_D_LABELS.values())]
    assert [words for words in annex_d if words in letter] == []
    drugs = t(texts_eio.ANNEX_D_LABELS[texts_eio.AnnexD.DRUG_TRAFFICKING])
    assert f"{texts_eio.TICKED} {drugs}" in eio
    assert "2014/41" in eio
