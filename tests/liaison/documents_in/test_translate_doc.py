"""Whole documents through the real en→fr fixture pack: formats kept, origins, review PDF, TMX, CLI."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from liaison.cli.main import main
from liaison.documents_in.model import Format, Origin
from liaison.documents_in.read import read_document
from liaison.services import documents_in as service
from liaison.services import translation as translation_service
from liaison.store.vault import Vault
from liaison.translation.engine import Engine
from tests.conftest import PASSPHRASE
from tests.liaison.documents_in.conftest import (
    FRENCH,
    SENTENCES,
    liaison_request_pdf,
    make_docx,
    make_odt,
    make_pdf,
    make_table_pdf,
)

pytestmark = pytest.mark.usefixtures("en_fr")


def test_docx_comes_back_translated_with_runs_lists_tables_headers_and_footers(vault: Vault) -> None:
    import docx

    result = service.translate(vault, Engine(), "report.docx", make_docx(), "en", "fr")
    rebuilt = result.translated_document()
    assert rebuilt is not None and rebuilt[1] == ".docx"
    out = docx.Document(io.BytesIO(rebuilt[0]))
    texts = [p.text for p in out.paragraphs]
    assert f"{FRENCH[SENTENCES[0]]} {FRENCH[SENTENCES[1]]}" in texts
    bullet = next(p for p in out.paragraphs if "MLA-2024/117" in p.text)
    assert bullet.style.name == "List Bullet"  # the list survives
    assert out.tables[0].cell(0, 0).text == FRENCH[SENTENCES[2]]
    assert out.tables[0].cell(0, 1).text == "2024-03-15"
    assert out.sections[0].header.paragraphs[0].text == FRENCH[SENTENCES[3]]
    assert out.sections[0].footer.paragraphs[0].text != "The request was received."
    heading = out.paragraphs[0]
    assert heading.style.name == "Heading 1"


def test_odt_comes_back_translated_with_its_structure(vault: Vault) -> None:
    result = service.translate(vault, Engine(), "report.odt", make_odt(), "en", "fr")
    rebuilt = result.translated_document()
    assert rebuilt is not None
    again = read_document("out.odt", rebuilt[0])
    parts = [(b.location.part, b.text) for b in again.blocks]
    assert ("body", f"{FRENCH[SENTENCES[0]]} {FRENCH[SENTENCES[1]]}") in parts
    assert ("table", FRENCH[SENTENCES[2]]) in parts and ("table", "2024-03-15") in parts
    assert any(part == "footer" for part, _ in parts)
    import zipfile

    content = zipfile.ZipFile(io.BytesIO(rebuilt[0])).read("content.xml").decode()
    assert 'text:span text:style-name="Bold"' in content and "<text:list" in content


def test_origins_memory_form_glossary_copy_and_machine(vault: Vault) -> None:
    from liaison.domain import GlossaryTerm

    translation_service.approve(vault, "en", "fr", SENTENCES[3], "Le chauffeur habite à Bruxelles.")
    translation_service.glossary_terms.add(
        vault,
        GlossaryTerm(
            source_lang="en", target_lang="fr", term="Letter rogatory", translation="Commission rogatoire"
        ),
    )
    text = f"{SENTENCES[3]}\n\nUrgency\n\nLetter rogatory\n\n2024/117\n\n{SENTENCES[0]}\n".encode()
    result = service.translate(vault, Engine(), "mail.txt", text, "en", "fr")
    got = [(i.origin, i.target) for i in result.items]
    assert got[0] == (Origin.MEMORY, "Le chauffeur habite à Bruxelles.")
    assert got[1] == (Origin.FORM, "Urgence")  # EIO Annex A heading from Liaison's French template
    assert got[2] == (Origin.GLOSSARY, "Commission rogatoire")
    assert got[3] == (Origin.COPY, "2024/117")
    assert got[4] == (Origin.MACHINE, FRENCH[SENTENCES[0]])


def test_approving_stores_segments_and_the_next_run_reuses_them(vault: Vault, tmp_path: Path) -> None:
    result = service.translate(vault, Engine(), "report.docx", make_docx(), "en", "fr")
    index = next(i for i, item in enumerate(result.items) if item.source == SENTENCES[2])
    result.edit(index, "La demande a été rejetée.")
    assert service.approve(vault, result, [index]) == 1
    from liaison.documents_in.output import write_tmx

    assert write_tmx(result.items, tmp_path / "approved.tmx", "en", "fr") == 1
    tmx = (tmp_path / "approved.tmx").read_text(encoding="utf-8")
    assert "La demande a été rejetée." in tmx and SENTENCES[2] in tmx
    again = service.translate(vault, Engine(), "report.docx", make_docx(), "en", "fr")
    assert again.items[index].origin is Origin.MEMORY
    assert again.items[index].target == "La demande a été rejetée."


def _pdftotext(path: Path) -> list[str]:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext (poppler-utils) is required"
    text = subprocess.run([exe, "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def test_bilingual_pdf_has_banner_on_every_page_and_the_original_pages(vault: Vault, tmp_path: Path) -> None:
    pages = [[f"{s} (page {n})" for s in SENTENCES] * 6 for n in range(1, 4)]
    result = service.translate(vault, Engine(), "scan.pdf", make_pdf(pages), "en", "fr")
    assert result.document.format is Format.PDF and result.translated_document() is None
    out = tmp_path / "review.pdf"
    out.write_bytes(result.bilingual_pdf())
    texts = _pdftotext(out)
    assert len(texts) >= 3
    for page in texts:
        assert "TRADUCTION AUTOMATIQUE NON OFFICIELLE / UNOFFICIAL MACHINE TRANSLATION" in page
    joined = "\n".join(texts)
    for n in (1, 2, 3):
        assert f"Original page {n}" in joined
    assert FRENCH[SENTENCES[1]] in joined.replace("\n", " ") or "Veuillez envoyer" in joined
    assert "machine" in joined
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout
    assert "Helvetica" not in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded


def test_cli_translate_doc_writes_outputs_and_attaches_to_the_case(
    vault: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from liaison.domain import Case
    from liaison.domain.mla import MlaRequest
    from liaison.services import mla
    from liaison.services.catalog import cases

    case = cases.add(vault, Case(reference="OP-ATLAS", title="Atlas"))
    request = mla.requests.add(vault, MlaRequest(case_id=case.id, our_reference="MLA-ATLAS/1"))
    vault.close()
    monkeypatch.setenv("LIAISON_PASSPHRASE", PASSPHRASE)
    source = tmp_path / "report.docx"
    source.write_bytes(make_docx())
    out, review = tmp_path / "report.fr.docx", tmp_path / "review.pdf"
    code = main(
        [
            "--vault",
            str(vault_path),
            "translate-doc",
            str(source),
            "--from",
            "en",
            "--to",
            "fr",
            "-o",
            str(out),
            "--bilingual-pdf",
            str(review),
            "--attach",
            "OP-ATLAS",
            "--request",
            "MLA-ATLAS/1",
            "--json",
        ]
    )
    assert code == 0, capsys.readouterr().err
    data = json.loads(capsys.readouterr().out)
    assert {s["origin"] for s in data["segments"]} >= {"machine", "copy"}
    assert out.read_bytes()[:2] == b"PK" and review.read_bytes()[:5] == b"%PDF-"
    assert main(["--vault", str(vault_path), "attachments", "list", "--case", "OP-ATLAS", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(a["role"] for a in listed) == ["received", "review", "translation"]
    assert {a["request_id"] for a in listed} == {request.id}
    received = next(a for a in listed if a["role"] == "received")
    assert (
        main(
            [
                "--vault",
                str(vault_path),
                "attachments",
                "export",
                received["id"][:8],
                "-o",
                str(tmp_path / "back.docx"),
            ]
        )
        == 0
    )
    assert (tmp_path / "back.docx").read_bytes() == source.read_bytes()


def test_cli_pdf_output_must_be_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(make_pdf([SENTENCES]))
    command = ["translate-doc", str(source), "--from", "en", "--to", "fr", "--no-memory", "-o"]
    code = main([*command, str(tmp_path / "x.docx")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 6 and err[-1].startswith(
        "liaison: error: a pdf document is translated as a bilingual review PDF"
    )
    assert main([*command, str(tmp_path / "x.pdf")]) == 0


def test_a_liaison_request_pdf_is_imported_not_translated_also_from_a_mail(
    vault: Vault,
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from liaison.domain import Case
    from liaison.services import attachments, mla
    from liaison.services import vault as vault_service
    from liaison.services.catalog import cases
    from tests.liaison.documents_in.conftest import make_eml

    pdf, facts = liaison_request_pdf(tmp_path)
    cases.add(vault, Case(reference="OP-EIO", title="Incoming EIO"))
    vault.close()
    monkeypatch.setenv("LIAISON_PASSPHRASE", PASSPHRASE)

    def imported(*args: str) -> str:
        code = main(["--vault", str(vault_path), "translate-doc", *args, "--to", "en", "--json"])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        assert f"{pdf.name} is a Liaison request PDF: imported as request" in captured.err
        request_id: str = json.loads(captured.out)["imported_request"]
        return request_id

    first = imported(str(pdf), "--attach", "OP-EIO")
    # Attached to a mail, the PDF exists nowhere on disk: a file of its name in the working folder
    # must not be read in its place.
    mail = tmp_path / "received.eml"
    mail.write_bytes(make_eml("Please find the EIO attached.", {pdf.name: pdf.read_bytes()}))
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    (elsewhere / pdf.name).write_bytes(b"not this one")
    monkeypatch.chdir(elsewhere)
    second = imported(str(mail), "--attachment", pdf.name)
    opened = vault_service.unlock(vault_path, PASSPHRASE)
    try:
        assert mla.requests.get(opened, first).facts == facts == mla.requests.get(opened, second).facts
        [stored] = attachments.list_for(opened, "OP-EIO")
        assert stored.request_id == first and stored.name == "eio-fr.pdf"
    finally:
        opened.close()


def test_html_comes_back_as_html_and_a_mail_attachment_is_translated_on_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.liaison.documents_in.conftest import make_eml

    page = tmp_path / "notice.html"
    page.write_text(f"<html><body><h1>Urgency</h1><p>{SENTENCES[2]}</p></body></html>", encoding="utf-8")
    out = tmp_path / "notice.fr.html"
    assert (
        main(["translate-doc", str(page), "--from", "en", "--to", "fr", "--no-memory", "-o", str(out)]) == 0
    )
    html = out.read_text(encoding="utf-8")
    assert (
        '<html lang="fr">' in html and "<h1>Urgence</h1>" in html and f"<p>{FRENCH[SENTENCES[2]]}</p>" in html
    )
    mail = tmp_path / "mail.eml"
    mail.write_bytes(make_eml("See the attached report.", {"report.docx": make_docx()}))
    capsys.readouterr()
    assert main(["translate-doc", str(mail), "--from", "en", "--to", "fr", "--no-memory"]) == 0
    assert "attachment: report.docx" in capsys.readouterr().err
    code = main(
        [
            "translate-doc",
            str(mail),
            "--attachment",
            "report.docx",
            "--from",
            "en",
            "--to",
            "fr",
            "--no-memory",
            "-o",
            str(tmp_path / "report.fr.docx"),
        ]
    )
    assert code == 0
    assert read_document("r.docx", (tmp_path / "report.fr.docx").read_bytes()).format is Format.DOCX
    assert main(["translate-doc", str(mail), "--attachment", "nope.pdf", "--to", "fr", "--no-memory"]) == 6


def test_eio_annex_b_and_c_fixed_text_comes_from_the_exact_translations(vault: Vault) -> None:
    """A German Annex B needs no de→fr pack: every fixed text is rendered from Liaison's catalogs."""
    annex_b = [
        "Bestätigung des Eingangs einer Europäischen Ermittlungsanordnung",
        "Anhang B der Richtlinie 2014/41/EU",
        "Eingangsdatum",
        "15.03.2024",
        "Aktenzeichen der Vollstreckungsbehörde:",
    ]
    result = service.translate(vault, Engine(), "annex-b.docx", make_docx_paragraphs(annex_b), "de", "fr")
    got = [(i.origin, i.target) for i in result.items]
    assert got == [
        (Origin.FORM, "Accusé de réception d'une décision d'enquête européenne"),
        (Origin.FORM, "Annexe B de la directive 2014/41/UE"),
        (Origin.FORM, "Date de réception"),
        (Origin.COPY, "15.03.2024"),
        (Origin.FORM, "Référence de l'autorité d'exécution"),
    ]
    annex_c = ["Notification of the interception of telecommunications", SENTENCES[2]]
    result = service.translate(vault, Engine(), "annex-c.docx", make_docx_paragraphs(annex_c), "en", "fr")
    assert [(i.origin, i.target) for i in result.items] == [
        (Origin.FORM, "Notification de l'interception de télécommunications"),
        (Origin.MACHINE, FRENCH[SENTENCES[2]]),
    ]


def make_docx_paragraphs(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_cancel_is_honoured_during_the_memory_pass_of_a_long_document() -> None:
    """The memory/form pass recognises identifiers in every block (minutes on a long document):
    a Cancel pressed then must stop it at once, not after the whole pass."""
    from typing import Any, cast

    from liaison.documents_in.limits import Cancelled
    from liaison.documents_in.model import Block, Location
    from liaison.documents_in.pipeline import BlockTranslator

    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 3

    blocks = [Block(f"Paragraph {i} of a long letter.", Location(index=i)) for i in range(500)]
    translator = BlockTranslator(cast(Any, None), "en", "fr")  # no model needed: it never gets there
    with pytest.raises(Cancelled):
        translator.translate(blocks, cancelled=cancelled)
    assert len(asked) == 3


def _with_footnote(data: bytes, text: str) -> bytes:
    """python-docx cannot write notes: add a footnotes part, its relationship, its content type and
    a reference from the first body paragraph, as Word does."""
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    rel = (
        '<Relationship Id="rIdNotes" Target="footnotes.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
    )
    kind = (
        '<Override PartName="/word/footnotes.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                body = body.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", kind.encode() + b"</Types>")
            elif info.filename == "word/document.xml":
                body = body.replace(b"</w:p>", b'<w:r><w:footnoteReference w:id="1"/></w:r></w:p>', 1)
            target.writestr(info, body)
        target.writestr("word/footnotes.xml", notes)
    return out.getvalue()


def test_docx_footnotes_and_comments_are_translated_and_kept(vault: Vault) -> None:
    import docx

    document = docx.Document(io.BytesIO(make_docx()))
    document.add_comment(document.paragraphs[1].runs, text=SENTENCES[2], author="Reviewer", initials="R")
    out = io.BytesIO()
    document.save(out)
    data = _with_footnote(out.getvalue(), SENTENCES[0])

    doc = read_document("notes.docx", data)
    parts = {b.location.part: b.text for b in doc.blocks}
    assert parts["footnote"] == SENTENCES[0] and parts["comment"] == SENTENCES[2]

    result = service.translate(vault, Engine(), "notes.docx", data, "en", "fr")
    rebuilt = result.translated_document()
    assert rebuilt is not None
    again = read_document("out.docx", rebuilt[0])
    parts = {b.location.part: b.text for b in again.blocks}
    assert parts["footnote"] == FRENCH[SENTENCES[0]] and parts["comment"] == FRENCH[SENTENCES[2]]
    reopened = docx.Document(io.BytesIO(rebuilt[0]))
    comment = next(iter(reopened.comments))
    assert comment.author == "Reviewer" and comment.text == FRENCH[SENTENCES[2]]
    assert b'w:footnoteReference w:id="1"' in _member(rebuilt[0], "word/document.xml")  # the anchor stays
    assert b'w:type="separator"' in _member(rebuilt[0], "word/footnotes.xml")


def _member(data: bytes, name: str) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def test_pdf_table_cells_are_translated_one_by_one_and_reviewed_as_a_table(
    vault: Vault, tmp_path: Path
) -> None:
    from liaison.documents_in.model import TableCell

    result = service.translate(vault, Engine(), "form.pdf", make_table_pdf(), "en", "fr")
    found = [(i.block.location.part, i.block.cell, i.source, i.target) for i in result.items]
    assert found[0] == ("body", None, SENTENCES[3], FRENCH[SENTENCES[3]])
    cells = {(c.row, c.column): (source, target) for part, c, source, target in found if c is not None}
    assert all(part == "table" for part, c, _s, _t in found if c is not None)
    assert {c for _p, c, _s, _t in found if c is not None} >= {
        TableCell(0, 1, 0, 3, 2),
        TableCell(0, 2, 1, 3, 2),
    }
    assert cells[(1, 0)] == (SENTENCES[0], FRENCH[SENTENCES[0]])
    assert cells[(1, 1)] == ("2024-03-15", "2024-03-15")  # nothing to translate: copied
    assert cells[(2, 0)] == (SENTENCES[1], FRENCH[SENTENCES[1]])
    assert cells[(2, 1)] == (SENTENCES[2], FRENCH[SENTENCES[2]])
    assert found[-1][2] == "The request was received."  # after the table, not inside it

    review = tmp_path / "review.pdf"
    review.write_bytes(result.bilingual_pdf())
    text = subprocess.run(
        ["pdftotext", "-layout", str(review), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Table 1 of the page (3 × 2)" in text
    row = next(line for line in text.splitlines() if FRENCH[SENTENCES[1]][:20] in line)
    assert FRENCH[SENTENCES[2]][:15] in row  # the two cells of one row stand side by side


def test_a_long_document_runs_the_model_on_its_own_thread_and_the_memory_on_the_callers(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks overlap: the model decodes one on a thread of its own while the caller prepares the
    next. The vault (memory, glossary, fuzzy suggestions) is only ever read on the caller's thread,
    and every block still gets its own translation, in order, with its origin."""
    import threading

    import docx

    from liaison.documents_in import pipeline
    from liaison.services.translation import VaultResources

    translation_service.approve(vault, "en", "fr", SENTENCES[2], "La demande a été rejetée.")
    paragraphs = [SENTENCES[i % len(SENTENCES)] for i in range(3 * pipeline.CHUNK_LINES)]
    document = docx.Document()
    for i, text in enumerate(paragraphs):
        document.add_paragraph(f"{text} Item {i}.")
    out = io.BytesIO()
    document.save(out)

    caller = threading.get_ident()
    vault_threads: set[int] = set()
    model_threads: set[int] = set()
    for name in ("exact", "fuzzy", "glossary"):
        original = getattr(VaultResources, name)

        def spy(self: object, *args: object, _original: object = original) -> object:
            vault_threads.add(threading.get_ident())
            return _original(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(VaultResources, name, spy)
    machine = Engine.machine

    def model_spy(self: Engine, prepared: object) -> object:
        model_threads.add(threading.get_ident())
        return machine(self, prepared)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "machine", model_spy)

    result = service.translate(vault, Engine(), "long.docx", out.getvalue(), "en", "fr")

    assert vault_threads == {caller}
    assert model_threads and caller not in model_threads
    assert len(result.items) == len(paragraphs)
    for i, (item, text) in enumerate(zip(result.items, paragraphs, strict=True)):
        assert item.source == f"{text} Item {i}."
        expected = "La demande a été rejetée." if text == SENTENCES[2] else FRENCH[text]
        assert item.target.startswith(expected), (i, item.target)
        assert str(i) in item.target


def test_the_review_is_rendered_once_for_several_outputs_and_again_after_an_edit(tmp_path: Path) -> None:
    """translate-doc writes the review with -o and stores it again with --attach: the second call
    serves the same file; an edit changes the blocks, so the next review shows the edit."""
    pages = [[SENTENCES[(p + i) % len(SENTENCES)] for i in range(6)] for p in range(2)]
    result = service.translate(None, Engine(), "letter.pdf", make_pdf(pages), "en", "fr")
    first = result.bilingual_pdf()
    assert result.bilingual_pdf() is first
    result.edit(0, "Texte revu par l'agent.")
    edited = result.bilingual_pdf()
    assert edited is not first
    review = tmp_path / "review.pdf"
    review.write_bytes(edited)
    text = subprocess.run(["pdftotext", str(review), "-"], capture_output=True, text=True, check=True)
    assert "Texte revu par l'agent." in text.stdout and "Original page 2" in text.stdout


def test_run_formatting_numbered_lists_and_odt_structure_survive_translation(vault: Vault) -> None:
    """What "formatting kept" means, checked on the files written: a run's bold, italic, colour and
    font stay on the translated text; a numbered list keeps its numbering; in an ODT the heading
    stays a level-1 heading, the list item stays in its list and the table cell in its table."""
    import xml.etree.ElementTree as ET
    import zipfile

    import docx
    from docx.shared import RGBColor

    document = docx.Document()
    styled = document.add_paragraph().add_run(SENTENCES[0])
    styled.bold, styled.italic, styled.font.name = True, True, "Courier New"
    styled.font.color.rgb = RGBColor(0xC0, 0x10, 0x20)
    document.add_paragraph(SENTENCES[1], style="List Number")
    out = io.BytesIO()
    document.save(out)
    rebuilt = service.translate(
        vault, Engine(), "styled.docx", out.getvalue(), "en", "fr"
    ).translated_document()
    assert rebuilt is not None
    translated = docx.Document(io.BytesIO(rebuilt[0]))
    run = translated.paragraphs[0].runs[0]
    assert run.text == FRENCH[SENTENCES[0]]
    assert run.bold and run.italic and run.font.name == "Courier New"
    assert run.font.color.rgb == RGBColor(0xC0, 0x10, 0x20)
    numbered = translated.paragraphs[1]
    assert numbered.text == FRENCH[SENTENCES[1]] and numbered.style.name == "List Number"

    odt = service.translate(vault, Engine(), "report.odt", make_odt(), "en", "fr").translated_document()
    assert odt is not None
    ns = {
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    }
    body = ET.fromstring(zipfile.ZipFile(io.BytesIO(odt[0])).read("content.xml"))
    heading = body.find(".//text:h", ns)
    assert heading is not None and heading.get(f"{{{ns['text']}}}outline-level") == "1"
    listed = "".join(body.find(".//text:list/text:list-item/text:p", ns).itertext())  # type: ignore[union-attr]
    assert listed == FRENCH[SENTENCES[3]]
    cell = "".join(body.find(".//table:table-cell/text:p", ns).itertext())  # type: ignore[union-attr]
    assert cell == FRENCH[SENTENCES[2]]


def test_an_identifier_a_memory_sentence_lost_is_put_back_on_its_own_line() -> None:
    """Chunks are translated as one text, one block per line: an identifier missing from one
    block's translation is appended to that block, not to the chunk's last one, and a block is
    *memory* only when every sentence of it came from the memory."""
    from typing import Any, cast

    from liaison.documents_in.pipeline import BlockTranslator
    from liaison.translation.engine import Segment, TranslationResult

    lines = ["See file MLA-2024/117. The request was refused.", "The driver lives in Brussels."]
    result = TranslationResult(
        "en",
        "fr",
        "Voir le dossier. La demande a été refusée.\nLe conducteur habite à Bruxelles.",
        ("en", "fr"),
        (
            Segment("See file MLA-2024/117.", "Voir le dossier.", "memory", lost=("MLA-2024/117",)),
            Segment(SENTENCES[2], FRENCH[SENTENCES[2]], "memory"),
            Segment(SENTENCES[3], FRENCH[SENTENCES[3]], "machine"),
        ),
        (),
        ("MLA-2024/117",),
        lines=(2, 1),
    )
    translator = BlockTranslator(cast(Any, None), "en", "fr")
    assert translator.lines(lines, result) == [
        ("Voir le dossier. La demande a été refusée. [MLA-2024/117]", Origin.MEMORY),
        (FRENCH[SENTENCES[3]], Origin.MACHINE),
    ]
