"""Never certify, verify or send what is not so: per-language certification, a verify that checks
the file (signatures, embedded data, page text, vault), and exports that respect validation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.pdfgen.canvas import Canvas

from liaison.crypto.kdf import KdfProfile
from liaison.documents import certification, embedded, pdfcheck, render_process
from liaison.documents.freetext import free_text_fields
from liaison.domain.mla import FieldTranslation, MlaRequest, TranslatorCertification
from liaison.errors import ValidationError
from liaison.services import demo, demo_requests, mla, mla_export, mla_import, mla_verify
from liaison.store import audit
from liaison.store.vault import Vault, create_vault
from liaison.translation import packs

from .conftest import PASSWORD, Officer

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
EIO = "EIO-NL-2026/0042"
UNTOC = "MLA-NL-2026/0117"
IBAN = "DE89370400440532013000"


@pytest.fixture
def demo_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Vault]:
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(tmp_path / "translation"))
    monkeypatch.delenv("LIAISON_TRUST_ROOTS", raising=False)
    vault, _code = create_vault(tmp_path / "demo.db", "demo passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    demo.populate(vault)
    for pair in ("en_fr", "fr_en"):
        packs.install(next(FIXTURES.glob(f"translate-{pair}-*.argosmodel")))
    yield vault
    vault.close()


def _text(path: Path) -> str:
    return " ".join(pdfcheck.extract_text(path).split())


def _machine_translate_into(vault: Vault, ref: str, lang: str) -> None:
    """Fake machine translations into a language no test pack covers (text is still 'translated')."""
    request = mla.requests.get(vault, ref)
    extra = tuple(
        FieldTranslation(path, lang, text, f"[{lang}] {text}", "machine")
        for path, text in free_text_fields(request)
    )
    mla.update(vault, ref, {"translations": request.translations + extra})


# ---------------------------------------------------------------------------------------------
# 1. Certification is per language and per content
# ---------------------------------------------------------------------------------------------


def test_certification_covers_one_language_and_only_that(demo_vault: Vault, tmp_path: Path) -> None:
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr0.pdf")  # machine-translates into fr
    assert "†" in _text(tmp_path / "fr0.pdf")
    mla.certify_translation(demo_vault, EIO, "fr", "Anna Weber", "sworn translator", dt.date(2026, 2, 9))
    [cert] = mla.requests.get(demo_vault, EIO).certifications
    assert cert.lang == "fr" and len(cert.content_hash) == 64
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr.pdf")
    fr = _text(tmp_path / "fr.pdf")
    assert "Anna Weber" in fr
    assert cert.content_hash in fr.replace(" ", "")  # the certificate names the exact content it covers
    # Another language is not covered: still machine-marked, no certificate.
    _machine_translate_into(demo_vault, EIO, "de")
    mla_export.export_pdf(demo_vault, EIO, "de", tmp_path / "de.pdf")
    de = _text(tmp_path / "de.pdf")
    assert "Anna Weber" not in de
    assert "†" in de and "†" not in fr  # machine-translation marks stay outside the certified language


def test_any_later_edit_voids_the_certification(demo_vault: Vault, tmp_path: Path) -> None:
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr0.pdf")
    mla.certify_translation(demo_vault, EIO, "fr", "Anna Weber", "sworn translator", dt.date(2026, 2, 9))
    request = mla.requests.get(demo_vault, EIO)
    assert certification.certification_for(request, "fr") is not None
    # Editing a translated field (the translator's text) voids it ...
    edited = tuple(
        dataclasses.replace(t, text=t.text + " Ajout.") if t.field == "facts" and t.lang == "fr" else t
        for t in request.translations
    )
    changed = mla.update(demo_vault, EIO, {"translations": edited})
    assert certification.certification_for(changed, "fr") is None
    assert any("void" in line for line in certification.status(changed))
    mla.update(demo_vault, EIO, {"translations": request.translations})
    assert certification.certification_for(mla.requests.get(demo_vault, EIO), "fr") is not None
    # ... and so does editing the source.
    mla.update(demo_vault, EIO, {"place": "Den Haag"})
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr.pdf")
    text = _text(tmp_path / "fr.pdf")
    assert "Anna Weber" not in text and "†" in text


def test_one_certification_per_language_each_voided_by_its_own_content(
    demo_vault: Vault, tmp_path: Path
) -> None:
    _machine_translate_into(demo_vault, EIO, "fr")
    _machine_translate_into(demo_vault, EIO, "de")
    mla.certify_translation(demo_vault, EIO, "fr", "Anna Weber", "sworn translator", dt.date(2026, 2, 9))
    mla.certify_translation(
        demo_vault, EIO, "de", "Jonas Keller", "beeidigter Übersetzer", dt.date(2026, 2, 10)
    )
    request = mla.requests.get(demo_vault, EIO)
    assert [(c.lang, c.name) for c in request.certifications] == [
        ("de", "Jonas Keller"),
        ("fr", "Anna Weber"),
    ]
    assert certification.certification_for(request, "fr") is not None
    assert certification.certification_for(request, "de") is not None
    mla_export.export_pdf(demo_vault, EIO, "de", tmp_path / "de.pdf")
    de = _text(tmp_path / "de.pdf")
    assert "Jonas Keller" in de and "Anna Weber" not in de and "†" not in de
    # Editing the German translation voids the German certification only.
    edited = tuple(
        dataclasses.replace(t, text=t.text + " Zusatz.") if t.field == "facts" and t.lang == "de" else t
        for t in request.translations
    )
    changed = mla.update(demo_vault, EIO, {"translations": edited})
    assert certification.certification_for(changed, "de") is None
    assert certification.certification_for(changed, "fr") is not None
    lines = certification.status(changed)
    assert any(line.startswith("de:") and "void" in line for line in lines)
    assert any(line.startswith("fr certified by Anna Weber") for line in lines)
    # A new certification of a language replaces that language's earlier one, the other stays.
    mla.certify_translation(
        demo_vault, EIO, "de", "Lena Roth", "beeidigte Übersetzerin", dt.date(2026, 2, 11)
    )
    again = mla.requests.get(demo_vault, EIO)
    assert [(c.lang, c.name) for c in again.certifications] == [("de", "Lena Roth"), ("fr", "Anna Weber")]
    assert all(certification.holds(again, c) for c in again.certifications)


def test_a_release_1_request_json_with_one_translator_reads_as_a_list() -> None:
    cert = {
        "name": "A",
        "qualification": "q",
        "certified_on": "2026-01-05",
        "lang": "fr",
        "content_hash": "0" * 64,
    }
    fields = mla.fields_from_json({"format": "liaison-mla-request", "version": 1, "translator": cert})
    assert fields["certifications"] == (
        TranslatorCertification("A", "q", dt.date(2026, 1, 5), "fr", "0" * 64),
    )
    assert mla.fields_from_json({"translator": None})["certifications"] == ()


def test_certifying_untranslated_fields_is_refused(demo_vault: Vault) -> None:
    with pytest.raises(ValidationError, match="no ar translation"):
        mla.certify_translation(
            demo_vault, UNTOC, "ar", "Karim Haddad", "sworn translator", dt.date(2026, 2, 9)
        )
    with pytest.raises(ValidationError, match="drafted in en"):
        mla.certify_translation(
            demo_vault, UNTOC, "en", "Karim Haddad", "sworn translator", dt.date(2026, 2, 9)
        )


def test_a_certification_naming_no_language_certifies_nothing(demo_vault: Vault, tmp_path: Path) -> None:
    """What the previous release stored: one certification for every language, with no hash."""
    mla.update(
        demo_vault,
        EIO,
        {"certifications": (TranslatorCertification("Old Style", "translator", dt.date(2026, 1, 5)),)},
    )
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr.pdf")
    text = _text(tmp_path / "fr.pdf")
    assert "Old Style" not in text and "†" in text


# ---------------------------------------------------------------------------------------------
# 3. Export respects validation
# ---------------------------------------------------------------------------------------------


def _invalidate(vault: Vault, ref: str) -> MlaRequest:
    return mla.update(vault, ref, {"facts": "", "measures": ()})


def test_invalid_request_export_is_refused_unless_draft(demo_vault: Vault, tmp_path: Path) -> None:
    _invalidate(demo_vault, UNTOC)
    with pytest.raises(mla_export.ExportRefused, match="fails validation") as refused:
        mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "x.pdf")
    assert refused.value.exit_code == 12
    assert not (tmp_path / "x.pdf").exists()
    result = mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "draft.pdf", draft=True)
    assert result.draft
    pages = pdfcheck.pages(tmp_path / "draft.pdf")
    assert len(pages) >= 2 and all("DRAFT" in page for page in pages)
    assert embedded.read(tmp_path / "draft.pdf").draft


def test_the_worker_process_renders_the_same_pdf_and_never_sees_the_passphrase(
    demo_vault: Vault, tmp_path: Path
) -> None:
    """The app renders in a worker process (``render_process``) so its window never waits for
    reportlab: same refusal, same pages and draft mark, same embedded data as in the process; the
    worker gets the composed document through its pipe, never the passphrase."""
    _invalidate(demo_vault, UNTOC)
    worker = render_process.RenderProcess()
    try:
        with pytest.raises(mla_export.ExportRefused, match="fails validation"):
            mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "x.pdf", renderer=worker.render)
        assert not (tmp_path / "x.pdf").exists()
        here = mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "here.pdf", draft=True)
        there = mla_export.export_pdf(
            demo_vault, UNTOC, "en", tmp_path / "there.pdf", draft=True, renderer=worker.render
        )
        assert there.draft and there.version == here.version + 1
        assert pdfcheck.pages(tmp_path / "there.pdf") == pdfcheck.pages(tmp_path / "here.pdf")
        assert all("DRAFT" in page for page in pdfcheck.pages(tmp_path / "there.pdf"))
        assert embedded.read(tmp_path / "there.pdf").draft
        pid = worker._executor().submit(os.getpid).result()
        assert pid != os.getpid()
        for part in ("cmdline", "environ"):
            assert b"demo passphrase" not in Path(f"/proc/{pid}/{part}").read_bytes()
    finally:
        worker.shutdown()
    assert not worker.running


def test_draft_mark_is_in_the_document_language(demo_vault: Vault, tmp_path: Path) -> None:
    _invalidate(demo_vault, EIO)
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "draft.pdf", draft=True)
    assert all("BROUILLON" in page for page in pdfcheck.pages(tmp_path / "draft.pdf"))


def test_valid_request_has_no_draft_mark(demo_vault: Vault, tmp_path: Path) -> None:
    mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "ok.pdf")
    assert "DRAFT" not in pdfcheck.extract_text(tmp_path / "ok.pdf")


def test_signing_a_draft_or_an_invalid_request_is_refused(
    demo_vault: Vault, tmp_path: Path, officer: Officer
) -> None:
    with pytest.raises(mla_export.ExportRefused, match="draft"):
        mla_export.export_pdf(
            demo_vault, UNTOC, "en", tmp_path / "a.pdf", draft=True, sign_with=(officer.p12, PASSWORD)
        )
    _invalidate(demo_vault, UNTOC)
    with pytest.raises(mla_export.ExportRefused, match="signed export needs a valid request"):
        mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "b.pdf", sign_with=(officer.p12, PASSWORD))
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "b.pdf").exists()


# ---------------------------------------------------------------------------------------------
# 2. mla verify verifies the file
# ---------------------------------------------------------------------------------------------


def _draw_onto_page(source: Path, target: Path, page_index: int, text: str) -> None:
    """What a forger does: draw extra text onto an existing page (the printed hash is untouched)."""
    overlay = io.BytesIO()
    canvas = Canvas(overlay)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(200, 400, text)
    canvas.save()
    with pikepdf.open(source) as pdf, pikepdf.open(io.BytesIO(overlay.getvalue())) as over:
        pdf.pages[page_index].add_overlay(over.pages[0])
        pdf.save(target)


def _trust_file(officer: Officer, folder: Path) -> Path:
    path = folder / "officer.pem"
    path.write_bytes(officer.cert.public_bytes(Encoding.PEM))
    return path


def test_verify_reports_an_untouched_export(demo_vault: Vault, tmp_path: Path) -> None:
    result = mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "v.pdf")
    report = mla_verify.verify(tmp_path / "v.pdf", vault=demo_vault)
    assert report.exit_code == 0, report.lines()
    assert report.vault_version == result.version and report.text_difference is None
    assert "signature: none (the file is not signed)" in report.lines()
    unsigned = mla_verify.verify(tmp_path / "v.pdf", vault=demo_vault, require_signature=True)
    assert unsigned.exit_code == mla_verify.UNSIGNED


def test_text_drawn_onto_a_page_is_caught(demo_vault: Vault, tmp_path: Path) -> None:
    mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "v.pdf")
    _draw_onto_page(tmp_path / "v.pdf", tmp_path / "forged.pdf", 2, f"Pay to IBAN {IBAN}")
    assert pdfcheck.printed_hash(tmp_path / "forged.pdf") == pdfcheck.printed_hash(tmp_path / "v.pdf")
    report = mla_verify.verify(tmp_path / "forged.pdf", vault=demo_vault)
    assert report.exit_code == mla_verify.CONTENT_ALTERED
    assert report.text_difference is not None and IBAN in report.text_difference


def test_something_drawn_that_is_not_text_is_caught(demo_vault: Vault, tmp_path: Path) -> None:
    """A box painted over a line (or a picture of an IBAN) adds no text: only the pixels show it."""
    mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "v.pdf")
    overlay = io.BytesIO()
    canvas = Canvas(overlay)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(150, 380, 250, 40, stroke=0, fill=1)  # white-out over part of a page
    canvas.save()
    with pikepdf.open(tmp_path / "v.pdf") as pdf, pikepdf.open(io.BytesIO(overlay.getvalue())) as over:
        pdf.pages[1].add_overlay(over.pages[0])
        pdf.save(tmp_path / "whited-out.pdf")
    report = mla_verify.verify(tmp_path / "whited-out.pdf", vault=demo_vault)
    assert report.text_difference is None  # the text layer is untouched
    assert report.exit_code == mla_verify.CONTENT_ALTERED and report.pages_differing == [2], report.lines()
    assert "pages: same text, but page(s) [2] look DIFFERENT" in report.lines()
    untouched = mla_verify.verify(tmp_path / "v.pdf", vault=demo_vault)
    assert untouched.pages_differing == [] and untouched.exit_code == 0
    assert "pages: every page reads and looks as the embedded request renders" in untouched.lines()


def test_the_report_names_the_words_drawn_onto_a_page(demo_vault: Vault, tmp_path: Path) -> None:
    """pdftotext placed the overlay between unrelated lines, and the sequence diff then reported
    "text added: '+31 6 0000 0000'" (a phone number the page always had) for an IBAN drawn on it."""
    _machine_translate_into(demo_vault, EIO, "de")
    mla_export.export_pdf(demo_vault, EIO, "de", tmp_path / "v.pdf")
    for page in (1, 2):
        _draw_onto_page(tmp_path / "v.pdf", tmp_path / "forged.pdf", page, f"IBAN {IBAN}")
        report = mla_verify.verify(tmp_path / "forged.pdf", vault=None)
        # The extractor may glue the overlay to a word of the line it lands on ("zurIBAN"): the
        # IBAN itself is named as added, whatever else moved.
        assert report.text_difference is not None, page
        added = report.text_difference.split("; ")[0]
        assert added.startswith("text added:") and IBAN in added, (page, report.text_difference)


def test_verify_names_the_export_of_this_file_not_another_language(demo_vault: Vault, tmp_path: Path) -> None:
    """Exports in two languages share the content hash: the French file was reported as the later
    German export's version."""
    _machine_translate_into(demo_vault, EIO, "fr")
    _machine_translate_into(demo_vault, EIO, "de")
    fr = mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr.pdf")
    de = mla_export.export_pdf(demo_vault, EIO, "de", tmp_path / "de.pdf")
    assert fr.content_hash == de.content_hash and fr.version < de.version
    report = mla_verify.verify(tmp_path / "fr.pdf", vault=demo_vault)
    assert report.exit_code == 0 and report.vault_version == fr.version and report.vault_same_file
    assert f"vault: matches export version {fr.version} of {EIO} (this very file)" in report.lines()
    # The same content re-saved (another file, same pages): the latest French export, said as such.
    with pikepdf.open(tmp_path / "fr.pdf") as pdf:
        pdf.save(tmp_path / "resaved.pdf")
    again = mla_verify.verify(tmp_path / "resaved.pdf", vault=demo_vault)
    assert again.exit_code == 0 and again.vault_version == fr.version and not again.vault_same_file


def test_changed_embedded_data_is_caught(demo_vault: Vault, tmp_path: Path) -> None:
    mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "v.pdf")
    data = embedded.read(tmp_path / "v.pdf")
    forged_request = {**data.request, "facts": data.request["facts"] + f" Pay to {IBAN}."}
    payload = embedded.payload(
        forged_request,
        lang=data.lang,
        bilingual=data.bilingual,
        draft=data.draft,
        addressee=data.addressee,
        legal_bases=data.legal_bases,
    )
    with pikepdf.open(tmp_path / "v.pdf") as pdf:
        embedded.attach(pdf, payload)
        pdf.save(tmp_path / "forged.pdf")
    report = mla_verify.verify(tmp_path / "forged.pdf", vault=demo_vault)
    assert report.exit_code == mla_verify.CONTENT_ALTERED
    assert any("printed on the last page" in message for _code, message in report.failures)


def test_signed_export_verifies_with_the_configured_trust_root(
    demo_vault: Vault, tmp_path: Path, officer: Officer
) -> None:
    mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "s.pdf", sign_with=(officer.p12, PASSWORD))
    untrusted = mla_verify.verify(tmp_path / "s.pdf", vault=demo_vault)
    assert untrusted.exit_code == mla_verify.SIGNER_UNTRUSTED
    trusted = mla_verify.verify(
        tmp_path / "s.pdf", vault=demo_vault, trust=[str(_trust_file(officer, tmp_path))]
    )
    assert trusted.exit_code == 0, trusted.lines()
    (sig,) = trusted.signatures
    assert "Liaison Test Officer" in sig.signer and sig.whole_file and sig.trusted
    assert any(line.startswith("vault: matches export version") for line in trusted.lines())


def test_broken_signature_is_caught(demo_vault: Vault, tmp_path: Path, officer: Officer) -> None:
    mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "s.pdf", sign_with=(officer.p12, PASSWORD))
    data = bytearray((tmp_path / "s.pdf").read_bytes())
    # The binary comment on the second line is inside the signed range and read by no parser.
    comment = data.index(b"\n%", 0, 40) + 2
    data[comment] ^= 0x01
    (tmp_path / "broken.pdf").write_bytes(bytes(data))
    report = mla_verify.verify(
        tmp_path / "broken.pdf", vault=demo_vault, trust=[str(_trust_file(officer, tmp_path))]
    )
    assert report.exit_code == mla_verify.SIGNATURE_BROKEN, report.lines()
    assert report.signatures and not report.signatures[0].intact


def test_content_added_after_signing_is_caught(demo_vault: Vault, tmp_path: Path, officer: Officer) -> None:
    mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "s.pdf", sign_with=(officer.p12, PASSWORD))
    writer = IncrementalPdfFileWriter(io.BytesIO((tmp_path / "s.pdf").read_bytes()))
    stream = generic.StreamObject(stream_data=b"BT /F1 12 Tf 100 100 Td (" + IBAN.encode() + b") Tj ET")
    writer.add_stream_to_page(0, writer.add_object(stream))
    out = io.BytesIO()
    writer.write(out)
    (tmp_path / "updated.pdf").write_bytes(out.getvalue())
    report = mla_verify.verify(
        tmp_path / "updated.pdf", vault=demo_vault, trust=[str(_trust_file(officer, tmp_path))]
    )
    codes = {code for code, _message in report.failures}
    assert mla_verify.SIGNATURE_NOT_WHOLE_FILE in codes, report.lines()
    assert report.exit_code in (mla_verify.CONTENT_ALTERED, mla_verify.SIGNATURE_NOT_WHOLE_FILE)


def test_a_pdf_that_is_not_a_liaison_export(tmp_path: Path) -> None:
    canvas = Canvas(str(tmp_path / "other.pdf"))
    canvas.drawString(100, 700, "Some other document")
    canvas.save()
    report = mla_verify.verify(tmp_path / "other.pdf", vault=None)
    assert report.exit_code == mla_verify.NOT_A_LIAISON_EXPORT


def test_verify_without_a_vault_checks_the_file_alone(demo_vault: Vault, tmp_path: Path) -> None:
    mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "v.pdf")
    report = mla_verify.verify(tmp_path / "v.pdf", vault=None)
    assert report.exit_code == 0 and not report.vault_checked


# ---------------------------------------------------------------------------------------------
# Structured data travels with the document
# ---------------------------------------------------------------------------------------------


def test_embedded_request_is_the_export_json_form(demo_vault: Vault, tmp_path: Path) -> None:
    result = mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr.pdf", bilingual="en")
    data = embedded.read(tmp_path / "fr.pdf")
    assert data.request["format"] == "liaison-mla-request" and data.request["version"] == 1
    assert data.content_hash == data.recomputed_hash == result.content_hash
    assert (data.lang, data.bilingual, data.draft) == ("fr", "en", False)
    with pikepdf.open(tmp_path / "fr.pdf") as pdf:
        assert embedded.ATTACHMENT_NAME in pdf.attachments
        assert pdf.Root.AF[0].AFRelationship == pikepdf.Name.Data


def test_partner_imports_the_request_and_renders_it_in_their_language(
    demo_vault: Vault, tmp_path: Path
) -> None:
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr.pdf")
    original = mla.requests.get(demo_vault, EIO)
    partner, _code = create_vault(
        tmp_path / "partner.db", "partner passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS
    )
    try:
        imported = mla_import.import_pdf(partner, tmp_path / "fr.pdf")
        assert imported.id != original.id and imported.facts == original.facts
        assert imported.measures == original.measures and imported.case_id is None
        assert {t.lang for t in imported.translations} == {"fr"}
        mla_export.export_pdf(partner, imported.id, "fr", tmp_path / "partner-fr.pdf", draft=True)
        assert "Décision d'enquête européenne".upper() in _text(tmp_path / "partner-fr.pdf").upper()
    finally:
        partner.close()


def test_import_refuses_a_file_without_request_data(demo_vault: Vault, tmp_path: Path) -> None:
    canvas = Canvas(str(tmp_path / "other.pdf"))
    canvas.save()
    with pytest.raises(embedded.NoEmbeddedRequest, match="no Liaison request data"):
        mla_import.import_pdf(demo_vault, tmp_path / "other.pdf")


def test_a_field_added_later_changes_no_hash_while_unset() -> None:
    """Authority.validated_on came after hashes were written: a request that does not use it keeps the
    content hash and the certification hash it had, so an upgraded vault's certifications and
    exports, and a partner's file from the earlier release, still hold."""
    fr = tuple(
        FieldTranslation(path, "fr", text, f"[fr] {text}", "machine")
        for path, text in free_text_fields(demo_requests.eio_to_france("c", None, None))
    )
    current = dataclasses.replace(demo_requests.eio_to_france("c", None, None), translations=fr)
    earlier = mla.to_json(current)
    for key in ("requesting_authority", "investigating_authority"):
        del earlier[key]["validated_on"], earlier[key]["main_contact"]  # as the earlier release wrote
    assert certification.content_hash_of_json(earlier) == mla.content_hash(current)
    decoded = MlaRequest(**mla.fields_from_json(earlier))
    assert certification.covered_hash(decoded, "fr") == certification.covered_hash(current, "fr")
    validated = dataclasses.replace(
        current,
        validating_authority=dataclasses.replace(
            current.requesting_authority, validated_on=dt.date(2026, 2, 9)
        ),
    )
    assert mla.content_hash(validated) != mla.content_hash(current)  # once set, it is content


def _as_earlier_release(source: Path, target: Path, extra_text: str) -> None:
    """A file as an earlier release wrote it: no layout number in its data, and pages that this
    release would word differently (stood in for by a line of extra text)."""
    _draw_onto_page(source, target, 0, extra_text)
    data = embedded.read(target)
    old = {
        **json.loads(
            embedded.payload(
                data.request,
                lang=data.lang,
                bilingual=None,
                draft=False,
                addressee=data.addressee,
                legal_bases=data.legal_bases,
            )
        )
    }
    del old["layout"]
    with pikepdf.open(target, allow_overwriting_input=True) as pdf:
        embedded.attach(pdf, certification.canonical(old))
        pdf.save(target)


def test_a_file_of_an_earlier_layout_is_accepted_only_as_the_very_file_kept(
    demo_vault: Vault, tmp_path: Path
) -> None:
    result = mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "v.pdf")
    assert embedded.read(tmp_path / "v.pdf").layout == embedded.LAYOUT
    _as_earlier_release(tmp_path / "v.pdf", tmp_path / "old.pdf", "Wording of an earlier release")
    assert embedded.read(tmp_path / "old.pdf").layout == 1
    # Without the vault that exported it, the difference is reported, with the layouts named.
    alone = mla_verify.verify(tmp_path / "old.pdf", vault=None)
    assert alone.exit_code == mla_verify.CONTENT_ALTERED
    assert any("page layout 1" in message for _code, message in alone.failures)
    # The vault kept exactly this file (as the earlier release would have): accepted, and said so.
    digest = hashlib.sha256((tmp_path / "old.pdf").read_bytes()).hexdigest()
    demo_vault.conn.execute(
        "UPDATE mla_exports SET sha256 = ? WHERE version = ? AND content_hash = ?",
        (digest, result.version, result.content_hash),
    )
    kept = mla_verify.verify(tmp_path / "old.pdf", vault=demo_vault)
    assert kept.exit_code == 0, kept.lines()
    assert kept.earlier_layout == 1 and kept.vault_same_file
    # Another file with the same data and the same earlier layout is not the file kept: refused.
    _as_earlier_release(tmp_path / "v.pdf", tmp_path / "other.pdf", "Pay to another account")
    other = mla_verify.verify(tmp_path / "other.pdf", vault=demo_vault)
    assert other.exit_code == mla_verify.CONTENT_ALTERED


def test_a_certification_travels_with_the_imported_request(demo_vault: Vault, tmp_path: Path) -> None:
    """The import drops the links to the sender's case and addressee; they were part of what a
    certification covered, so the partner's copy listed it as void and printed the certified French
    as machine translation."""
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr0.pdf")
    mla.certify_translation(demo_vault, EIO, "fr", "Anna Weber", "sworn translator", dt.date(2026, 2, 9))
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr.pdf")
    partner, _code = create_vault(
        tmp_path / "partner.db", "partner passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS
    )
    try:
        imported = mla_import.import_pdf(partner, tmp_path / "fr.pdf")
        assert imported.case_id is None and imported.addressee_id is None
        assert certification.certification_for(imported, "fr") is not None
        assert certification.status(imported)[0].startswith("fr certified by Anna Weber")
        mla_export.export_pdf(partner, imported.id, "fr", tmp_path / "partner-fr.pdf")
        text = _text(tmp_path / "partner-fr.pdf")
        assert "Anna Weber" in text and "†" not in text
    finally:
        partner.close()


def test_a_certification_of_an_earlier_release_travels_with_the_imported_request(
    demo_vault: Vault, tmp_path: Path
) -> None:
    """A certification hashed with the sender's links (before they were left out) held in the
    sender's vault but read as void in the partner's after import. The import checks it against the
    request as received, links included, and records it again without them; one that does not hold
    on what was received stays void."""
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr0.pdf")  # machine-translates into fr
    request = mla.requests.get(demo_vault, EIO)
    fr = TranslatorCertification(
        "Old Release",
        "sworn translator",
        dt.date(2026, 1, 5),
        "fr",
        certification.covered_hash(request, "fr", with_vault_links=True),
    )
    edited = dataclasses.replace(request, facts=request.facts + " Edited after certification.")
    es = TranslatorCertification(
        "Stale Release",
        "sworn translator",
        dt.date(2026, 1, 5),
        "es",
        certification.covered_hash(edited, "es", with_vault_links=True),
    )
    assert fr.content_hash != certification.covered_hash(request, "fr")  # the demo EIO has a case
    mla.update(demo_vault, EIO, {"certifications": (fr, es)})
    mla_export.export_pdf(demo_vault, EIO, "fr", tmp_path / "fr.pdf")
    assert "Old Release" in _text(tmp_path / "fr.pdf")
    partner, _code = create_vault(
        tmp_path / "partner.db", "partner passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS
    )
    try:
        imported = mla_import.import_pdf(partner, tmp_path / "fr.pdf")
        assert all(getattr(imported, link) is None for link in certification.VAULT_LINKS)
        kept = certification.certification_for(imported, "fr")
        assert kept is not None and kept.name == "Old Release"
        assert kept.content_hash == certification.covered_hash(imported, "fr")
        assert certification.certification_for(imported, "es") is None
        assert [c for c in imported.certifications if c.lang == "es"] == [es]  # left as it came
        lines = certification.status(imported)
        assert lines[0].startswith("fr certified by Old Release") and "void" in lines[1], lines
        detail = audit.entries(partner)[-1].detail
        assert detail["certifications_rehashed"] == ["fr"]
        mla_export.export_pdf(partner, imported.id, "fr", tmp_path / "partner-fr.pdf")
        text = _text(tmp_path / "partner-fr.pdf")
        assert "Old Release" in text and "†" not in text
    finally:
        partner.close()


def test_a_certification_of_an_earlier_release_still_holds_where_it_was_made(demo_vault: Vault) -> None:
    """Earlier releases hashed the links to the vault's records too: such a certification holds."""
    _machine_translate_into(demo_vault, EIO, "fr")
    request = mla.requests.get(demo_vault, EIO)
    old = TranslatorCertification(
        "Old Release",
        "sworn translator",
        dt.date(2026, 1, 5),
        "fr",
        certification.covered_hash(request, "fr", with_vault_links=True),
    )
    assert old.content_hash != certification.covered_hash(request, "fr")  # the demo EIO has a case
    changed = mla.update(demo_vault, EIO, {"certifications": (old,)})
    assert certification.certification_for(changed, "fr") == old
