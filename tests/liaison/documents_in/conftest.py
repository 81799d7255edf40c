"""Documents made by the tests themselves (python-docx, odfpy, reportlab, Pillow, the email package)
and the real en→fr fixture pack installed in a private translation folder."""

from __future__ import annotations

import io
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import pytest

FIXTURE_PACKS = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
# Sentences of the fixture pack's training sample, so the tiny real model translates them exactly.
FRENCH = {
    "The nephew was arrested in Seville.": "Le neveu a été arrêté à Séville.",
    "Please send the passport to the embassy.": "Veuillez envoyer le passeport à l'ambassade.",
    "The request was refused.": "La demande a été refusée.",
    "The driver lives in Brussels.": "Le conducteur habite à Bruxelles.",
}
SENTENCES = list(FRENCH)


@pytest.fixture(autouse=True)
def translation_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "translation"
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(path))
    return path


@pytest.fixture
def en_fr(translation_dir: Path) -> None:
    from liaison.translation import packs

    packs.install(FIXTURE_PACKS / "translate-en_fr-0_1.argosmodel")


def make_docx(paragraphs: list[str] = SENTENCES) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Request for assistance", 1)
    first = document.add_paragraph(paragraphs[0] + " ")
    bold = first.add_run(paragraphs[1])
    bold.bold = True
    document.add_paragraph("Case reference MLA-2024/117", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = paragraphs[2]
    table.cell(0, 1).text = "2024-03-15"
    document.sections[0].header.paragraphs[0].text = paragraphs[3]
    document.sections[0].footer.paragraphs[0].text = "The request was received."
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_odt(paragraphs: list[str] = SENTENCES) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, MasterPage, PageLayout, Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P, Span

    document = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    layout = PageLayout(name="Layout")
    document.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    footer.addElement(P(text="The request was received."))
    master.addElement(footer)
    document.masterstyles.addElement(master)
    document.text.addElement(H(outlinelevel=1, text="Request for assistance"))
    para = P(text=paragraphs[0] + " ")
    para.addElement(Span(stylename=bold, text=paragraphs[1]))
    document.text.addElement(para)
    items = List()
    item = ListItem()
    item.addElement(P(text=paragraphs[3]))
    items.addElement(item)
    document.text.addElement(items)
    table = Table(name="T")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for text in (paragraphs[2], "2024-03-15"):
        cell = TableCell()
        cell.addElement(P(text=text))
        row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def make_pdf(pages: list[list[str]], *, columns: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    width, height = A4
    for lines in pages:
        if columns:
            pdf.setFont("Helvetica-Bold", 14)
            pdf.drawString(72, height - 60, "Joint investigation report of the two agencies concerned here")
            pdf.setFont("Helvetica", 11)
            half = len(lines) // 2
            for i, line in enumerate(lines[:half]):
                pdf.drawString(60, height - 120 - i * 60, line)
            for i, line in enumerate(lines[half:]):
                pdf.drawString(width / 2 + 20, height - 120 - i * 60, line)
        else:
            pdf.setFont("Helvetica", 11)
            for i, line in enumerate(lines):
                pdf.drawString(72, height - 80 - i * 40, line)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def make_table_pdf() -> bytes:
    """A paragraph, a ruled 3 × 2 table (one date cell), a paragraph: as a form or report is laid out."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, invariant=1)
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    rows = [["Item", "Status"], [SENTENCES[0], "2024-03-15"], [SENTENCES[1], SENTENCES[2]]]
    table = Table(rows, colWidths=[250, 200], style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    document.build([Paragraph(SENTENCES[3], body), table, Paragraph("The request was received.", body)])
    return out.getvalue()


def make_eml(body: str, attachments: dict[str, bytes] | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "officer@police.example"
    message["To"] = "liaison@agency.example"
    message["Subject"] = "The driver lives in Brussels."
    message["Date"] = "Fri, 15 Mar 2024 10:00:00 +0100"
    message.set_content(body)
    for name, data in (attachments or {}).items():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(message)


def text_image(lines: list[str], angle: float = 0.0, size: int = 44) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", size)
    image = Image.new("L", (1600, 140 + 110 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((70, 70 + i * 110), line, font=font, fill=0)
    if angle:
        image = image.rotate(angle, expand=True, fillcolor=255)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


Maker = Callable[..., bytes]


def liaison_request_pdf(folder: Path) -> tuple[Path, object]:
    """A PDF Liaison exported (the demo EIO, in French, with its request data embedded), made in a
    sender's vault of its own; and the facts of that request, to compare an import with."""
    from liaison.crypto.kdf import KdfProfile
    from liaison.services import demo, mla, mla_export
    from liaison.store.vault import create_vault

    sender, _ = create_vault(folder / "sender.db", "sender passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    try:
        demo.populate(sender)
        mla_export.export_pdf(sender, "EIO-NL-2026/0042", "fr", folder / "eio-fr.pdf", draft=True)
        return folder / "eio-fr.pdf", mla.requests.get(sender, "EIO-NL-2026/0042").facts
    finally:
        sender.close()
