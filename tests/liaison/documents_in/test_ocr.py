"""OCR with the real Tesseract on pages the tests render with Pillow: deskew, confidence, scanned PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from liaison.documents_in import ocr
from liaison.documents_in.model import Format, Origin
from liaison.documents_in.read import read_document
from liaison.services import documents_in as service
from liaison.translation.engine import Engine
from tests.liaison.documents_in.conftest import SENTENCES, text_image


@pytest.mark.parametrize("angle", [0.0, 4.0, -3.0])
def test_skew_is_measured_and_undone(angle: float) -> None:
    image = Image.open(io.BytesIO(text_image(SENTENCES, angle)))
    assert ocr.skew_angle(image) == pytest.approx(-angle, abs=0.6)


def test_a_tilted_photo_is_read_with_confidence_per_segment() -> None:
    doc = read_document("photo.png", text_image(SENTENCES[2:], angle=4.0), "en")
    assert doc.format is Format.IMAGE and doc.ocr and doc.pages == 1
    text = " ".join(doc.texts)
    for sentence in SENTENCES[2:]:
        assert sentence in text
    assert all(b.confidence is not None and b.confidence > 80 for b in doc.blocks)
    assert all(b.location.page == 1 for b in doc.blocks)


def _scanned_pdf(png: bytes) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    width, height = A4
    pdf.drawImage(ImageReader(io.BytesIO(png)), 30, height - 330, width=width - 60, height=260)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.mark.usefixtures("en_fr")
def test_scanned_pdf_is_ocred_and_translated_into_a_review_pdf(vault: object, tmp_path: Path) -> None:
    scan = _scanned_pdf(text_image([SENTENCES[2]], angle=2.0))
    result = service.translate(vault, Engine(), "scan.pdf", scan, "en", "fr")  # type: ignore[arg-type]
    assert result.document.ocr and "page 1: no text layer, read by OCR" in result.document.notes
    item = result.items[0]
    assert item.source.rstrip(".,") == SENTENCES[2].rstrip(".")  # OCR may misread the final stop
    assert item.target.startswith("La demande a été refusée")
    assert item.origin is Origin.MACHINE and item.block.confidence is not None
    review = tmp_path / "review.pdf"
    review.write_bytes(result.bilingual_pdf())
    import subprocess

    text = subprocess.run(["pdftotext", str(review), "-"], check=True, capture_output=True, text=True).stdout
    assert "OCR" in text and "La demande a été refusée" in text


def test_ocr_language_names() -> None:
    assert ocr.ocr_language("zh") == "chi_sim" and ocr.ocr_language("auto") == "eng"
    with pytest.raises(ocr.OcrUnavailable, match="no OCR language data for 'xx'"):
        ocr.ocr_language("xx")


RUSSIAN = ["Запрос о взаимной правовой помощи получен.", "Подозреваемый был задержан в Москве."]
ARABIC = ["تم استلام طلب المساعدة القانونية المتبادلة.", "تم القبض على المشتبه به في القاهرة."]
FRENCH_WITH_CEDILLA = [
    "La demande d'entraide judiciaire a été reçue.",
    "Veuillez accuser réception de ce message.",
]


@pytest.mark.parametrize(
    ("lines", "lang", "data"),
    [(RUSSIAN, "ru", "rus"), (ARABIC, "ar", "ara"), (FRENCH_WITH_CEDILLA, "fr", "fra")],
    ids=["russian", "arabic", "french"],
)
def test_a_scan_in_another_language_is_read_again_with_its_data(
    lines: list[str], lang: str, data: str
) -> None:
    """No language given: the first pass (English + Cyrillic + Arabic data) finds the language, the
    second reads the page with that language's data alone."""
    page = ocr.ocr_page(Image.open(io.BytesIO(text_image(lines))), None, 1)
    assert page.language == lang and page.passes == (ocr.FIRST_PASS, data)
    text = " ".join(b.text for b in page.blocks)
    for line in lines:
        assert line in text
    doc = read_document("scan.png", text_image(lines))
    assert (
        f"page 1: read by OCR (detected {lang}: read again with {data} after {ocr.FIRST_PASS})" in doc.notes
    )


def test_english_and_a_given_language_take_one_pass() -> None:
    english = ocr.ocr_page(Image.open(io.BytesIO(text_image(SENTENCES[:2]))), None, 1)
    assert english.language == "en" and english.passes == (ocr.FIRST_PASS,)
    given = ocr.ocr_page(Image.open(io.BytesIO(text_image(RUSSIAN))), "ru", 1)
    assert given.passes == ("rus",) and RUSSIAN[0] in " ".join(b.text for b in given.blocks)


def test_every_document_language_has_its_ocr_data_installed() -> None:
    """A scan can arrive in any of the languages Liaison writes requests in: each maps to Tesseract
    language data, and that data is installed (Debian's tesseract-ocr-* packages, see bootstrap)."""
    import subprocess

    from liaison.documents import catalogs

    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=True)
    installed = set(listed.stdout.split())
    for lang in catalogs.languages():
        assert ocr.ocr_language(lang) in installed, lang
