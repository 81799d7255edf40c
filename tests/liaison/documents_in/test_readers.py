"""Readers: every format gives its blocks in order with their location; no pack needed."""

from __future__ import annotations

import pytest

from liaison.documents_in.limits import UnsupportedDocument
from liaison.documents_in.model import Format
from liaison.documents_in.read import read_document
from tests.liaison.documents_in.conftest import SENTENCES, make_docx, make_eml, make_odt, make_pdf


def test_docx_blocks_cover_body_lists_tables_headers_and_footers() -> None:
    doc = read_document("report.docx", make_docx())
    assert doc.format is Format.DOCX
    parts = [(b.location.part, b.text) for b in doc.blocks]
    assert parts[0] == ("body", "Request for assistance")
    assert doc.blocks[0].heading
    assert ("body", f"{SENTENCES[0]} {SENTENCES[1]}") in parts
    assert ("body", "Case reference MLA-2024/117") in parts
    assert ("table", SENTENCES[2]) in parts and ("table", "2024-03-15") in parts
    assert ("header", SENTENCES[3]) in parts
    assert ("footer", "The request was received.") in parts


def test_odt_blocks_cover_headings_lists_tables_and_footers() -> None:
    doc = read_document("report.odt", make_odt())
    assert doc.format is Format.ODT
    parts = [(b.location.part, b.text) for b in doc.blocks]
    assert parts[0] == ("body", "Request for assistance") and doc.blocks[0].heading
    assert ("body", f"{SENTENCES[0]} {SENTENCES[1]}") in parts
    assert ("body", SENTENCES[3]) in parts  # the list item
    assert ("table", SENTENCES[2]) in parts
    assert ("footer", "The request was received.") in parts


def test_pdf_text_layer_keeps_pages_and_reads_columns_in_order() -> None:
    left = ["Left one begins here.", "Left two follows it."]
    right = ["Right one comes after.", "Right two ends the page."]
    doc = read_document(
        "two-columns.pdf", make_pdf([left + right, ["Second page text is here."]], columns=True)
    )
    assert doc.format is Format.PDF and doc.pages == 2 and not doc.ocr
    first = [b.text for b in doc.blocks if b.location.page == 1]
    assert first[0].startswith("Joint investigation report")
    order = [next(i for i, t in enumerate(first) if line in t) for line in left + right]
    assert order == sorted(order), first
    assert [b.text for b in doc.blocks if b.location.page == 2][-1] == "Second page text is here."


def test_plain_text_and_html() -> None:
    text = read_document("note.txt", b"First line of a\nwrapped paragraph.\n\nSecond paragraph.\n")
    assert text.format is Format.TEXT
    assert text.texts == ["First line of a wrapped paragraph.", "Second paragraph."]
    html = read_document(
        "page.html",
        b"<html><head><title>Notice</title><style>p{}</style></head><body><h1>Urgent</h1>"
        b"<p>The victim was <b>injured</b>.</p><script>alert(1)</script>"
        b"<ul><li>One item</li></ul></body></html>",
    )
    assert html.format is Format.HTML
    assert html.texts == ["Notice", "Urgent", "The victim was injured.", "One item"]


def test_mail_headers_body_and_attachments_offered() -> None:
    data = make_eml(f"Dear colleague,\n\n{SENTENCES[0]}\n", {"report.docx": make_docx()})
    doc = read_document("message.eml", data)
    assert doc.format is Format.EML
    assert doc.blocks[0].location.part == "subject" and doc.blocks[0].text == SENTENCES[3]
    assert [b.text for b in doc.blocks[1:]] == ["Dear colleague,", SENTENCES[0]]
    assert [a.name for a in doc.attachments] == ["report.docx"]
    assert read_document(doc.attachments[0].name, doc.attachments[0].data).format is Format.DOCX
    assert any(note.startswith("from: officer@police.example") for note in doc.notes)


def test_a_zip_that_is_not_a_docx_is_named_as_such() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("holiday/photo1.jpg", b"\xff\xd8\xff" + b"0" * 100)
    with pytest.raises(UnsupportedDocument, match=r"report\.docx: a ZIP archive, but not a DOCX or ODT"):
        read_document("report.docx", buffer.getvalue())
    with pytest.raises(UnsupportedDocument, match="not a DOCX document"):
        read_document("report.docx", b"just some text pretending")
