"""OCR of scanned pages and photos with the Tesseract command (Debian's ``tesseract-ocr`` and its
language data), run on standard input and output: the page image never touches a temporary file
(pytesseract writes both the image and the result to the temp folder, so it is not used).

Each page is deskewed first (projection profile: the rotation that makes text rows sharpest), then
read as TSV; words are grouped into Tesseract's paragraphs and each block keeps the mean word
confidence, which the review shows next to the segment.

When the document's language is not given, the first pass reads with ``FIRST_PASS`` (English and
the two non-Latin scripts of the supported set: read with English data alone, Russian or Arabic
comes out as Latin gibberish no detector can place). The text is then detected; when it is another
supported language, the page is read again with that language's data alone (accents, ligatures and
letter shapes the mixed pass gets wrong) and the better of the two readings is kept.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, ImageOps

from liaison import childenv
from liaison.documents_in.limits import DEFAULT, DocumentError, HostileDocument, Limits, UnsupportedDocument
from liaison.documents_in.model import Block, Location
from liaison.errors import ValidationError

if TYPE_CHECKING:  # numpy loads for the first deskew: the desktop app imports this module at start
    import numpy as np

# ISO 639-1 (Liaison's codes) to Tesseract's traineddata names (Debian tesseract-ocr-<name> packages).
TESSERACT_LANGS = {
    "en": "eng",
    "fr": "fra",
    "de": "deu",
    "es": "spa",
    "pt": "por",
    "ru": "rus",
    "ar": "ara",
    "zh": "chi_sim",
}
OCR_DPI = 300
FIRST_PASS = "eng+rus+ara"
MIN_DETECT_LETTERS = 20  # fewer letters read: no second pass (a detector cannot place them)
# Tesseract runs with one OpenMP thread (OMP_THREAD_LIMIT=1): measured 4.3 s against 13.5 s per A4
# page on a busy 2-core machine, where its threads fight each other and the translation model; the
# same reason Argos runs single-threaded.


class OcrUnavailable(DocumentError):
    """Tesseract or the language data for the document's language is not installed."""


def tesseract() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable("OCR needs the tesseract command: install the tesseract-ocr package")
    return exe


def ocr_language(lang: str | None) -> str:
    if not lang or lang == "auto":
        return "eng"
    code = TESSERACT_LANGS.get(lang.split("_")[0].lower())
    if code is None:
        raise OcrUnavailable(
            f"no OCR language data for {lang!r} (supported: {', '.join(sorted(TESSERACT_LANGS))})"
        )
    return code


def _sharpness(binary: np.ndarray) -> float:
    import numpy as np  # noqa: PLC0415  (see the imports)

    rows = binary.sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(rows) ** 2))


def skew_angle(image: Image.Image, limit: float = 8.0) -> float:
    """Degrees to rotate (counter-clockwise) so text lines are horizontal; coarse then fine search."""
    small = ImageOps.grayscale(image)
    small.thumbnail((800, 800))
    inverted = ImageOps.invert(small)
    import numpy as np  # noqa: PLC0415  (see the imports)

    def score(angle: float) -> float:
        rotated = np.asarray(inverted.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0))
        return _sharpness(rotated > 128)

    best = max((a / 2 for a in range(int(-limit * 2), int(limit * 2) + 1)), key=score)
    return max((best + a / 10 for a in range(-5, 6)), key=score)


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    angle = skew_angle(image)
    if abs(angle) < 0.2:
        return image, 0.0
    grey = ImageOps.grayscale(image)
    return grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255), angle


@dataclass
class _Paragraph:
    words: list[str]
    confidences: list[float]


def _parse_tsv(tsv: str) -> list[_Paragraph]:
    paragraphs: dict[tuple[str, str], _Paragraph] = {}
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        para = paragraphs.setdefault((cols[2], cols[3]), _Paragraph([], []))
        para.words.append(cols[11].strip())
        para.confidences.append(max(0.0, float(cols[10])))
    return list(paragraphs.values())


def _tesseract(png: bytes, langs: str, page: int, timeout: float) -> list[Block]:
    try:
        done = subprocess.run(
            [tesseract(), "stdin", "stdout", "-l", langs, "--psm", "3", "tsv"],
            input=png,
            capture_output=True,
            timeout=timeout,
            check=False,
            env=childenv.minimal_env() | {"OMP_THREAD_LIMIT": "1"},
        )
    except subprocess.TimeoutExpired:
        raise HostileDocument(f"OCR of page {page} took over {timeout:.0f} s: refused") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrUnavailable(f"OCR of page {page} failed: {reason[-1] if reason else 'tesseract error'}")
    blocks = []
    for index, para in enumerate(_parse_tsv(done.stdout.decode("utf-8", "replace"))):
        text = " ".join(para.words)
        confidence = sum(para.confidences) / len(para.confidences)
        blocks.append(Block(text, Location(page, "body", index), confidence=round(confidence, 1)))
    return blocks


def _mean_confidence(blocks: list[Block]) -> float:
    weights = [(len(b.text), b.confidence or 0.0) for b in blocks]
    total = sum(w for w, _c in weights)
    return sum(w * c for w, c in weights) / total if total else 0.0


def _detected(blocks: list[Block]) -> str | None:
    from liaison.translation import detect  # noqa: PLC0415  (the model loads only for scans)

    text = " ".join(b.text for b in blocks)
    if sum(ch.isalpha() for ch in text) < MIN_DETECT_LETTERS:
        return None
    try:
        found = detect.detect(text, candidates=sorted(TESSERACT_LANGS)).language
    except ValidationError:  # no language in what was read: keep the first reading
        return None
    return found if found in TESSERACT_LANGS else None


@dataclass(frozen=True)
class OcrPage:
    blocks: list[Block]
    language: str | None  # detected (or given) language of the page
    passes: tuple[str, ...]  # the Tesseract language sets used, in order


def ocr_page(image: Image.Image, lang: str | None, page: int, timeout: float = 120.0) -> OcrPage:
    """One page: deskewed, read with the given language's data, or with ``FIRST_PASS`` and then,
    when the detected language is another, again with that language's data."""
    straight, _angle = deskew(image)
    buffer = io.BytesIO()
    straight.save(buffer, format="PNG")
    png = buffer.getvalue()
    if lang and lang != "auto":
        return OcrPage(_tesseract(png, ocr_language(lang), page, timeout), lang, (ocr_language(lang),))
    first = _tesseract(png, FIRST_PASS, page, timeout)
    found = _detected(first)
    if found is None or found == "en":
        return OcrPage(first, found, (FIRST_PASS,))
    again = _tesseract(png, TESSERACT_LANGS[found], page, timeout)
    passes = (FIRST_PASS, TESSERACT_LANGS[found])
    best = again if _mean_confidence(again) >= _mean_confidence(first) else first
    return OcrPage(best, found, passes)


def ocr_image(image: Image.Image, lang: str | None, page: int, timeout: float = 120.0) -> list[Block]:
    return ocr_page(image, lang, page, timeout).blocks


def open_image(name: str, data: bytes, limits: Limits = DEFAULT) -> Image.Image:
    """Open lazily and check the pixel count from the header before decoding (a 30,000 × 30,000
    PNG is a few kilobytes on disk and 900 megapixels in memory)."""
    try:
        image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise HostileDocument(f"{name}: the image is too large to decode safely: refused") from None
    except (OSError, ValueError, SyntaxError) as error:
        raise UnsupportedDocument(f"{name}: unreadable image ({error})") from None
    width, height = image.size
    if width * height > limits.max_image_pixels:
        raise HostileDocument(
            f"{name}: {width} × {height} pixels is over the {limits.max_image_pixels // 1_000_000} megapixel "
            "limit for a scanned page: refused"
        )
    return image


def image_frames(name: str, data: bytes, limits: Limits = DEFAULT) -> Iterator[Image.Image]:
    """Each page of an image (multi-page TIFF scans have several), decoded one at a time."""
    image = open_image(name, data, limits)
    frames = getattr(image, "n_frames", 1)
    if frames > limits.max_pages:
        raise HostileDocument(f"{name}: {frames} pages in the image: refused (limit {limits.max_pages})")
    for index in range(frames):
        try:
            image.seek(index)
            if image.size[0] * image.size[1] > limits.max_image_pixels:
                raise HostileDocument(f"{name}: page {index + 1} is over the pixel limit: refused")
            image.load()
            yield image.convert("RGB")
        except (OSError, ValueError, SyntaxError, EOFError) as error:
            raise UnsupportedDocument(f"{name}: damaged image data on page {index + 1} ({error})") from None


def render_pdf_page(name: str, data: bytes, page: int, timeout: float = 120.0) -> bytes:
    """PNG of one PDF page at OCR resolution, from pdftoppm reading the PDF on standard input."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise OcrUnavailable("OCR of scanned PDFs needs pdftoppm: install the poppler-utils package")
    try:
        done = subprocess.run(
            [exe, "-png", "-r", str(OCR_DPI), "-f", str(page), "-l", str(page), "-singlefile", "fd://0"],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
            env=childenv.minimal_env(),
        )
    except subprocess.TimeoutExpired:
        raise HostileDocument(f"{name}: rendering page {page} took over {timeout:.0f} s: refused") from None
    if done.returncode != 0 or not done.stdout:
        raise UnsupportedDocument(f"{name}: page {page} cannot be rendered for OCR")
    return done.stdout
