"""Final pass over a rendered PDF: clean metadata, XMP, language, colour profile; and a leak check.

Why a second pass: reportlab's Info dictionary always has an Author ("anonymous" by default) and its
own Producer, and it writes no XMP, no OutputIntent. pikepdf rewrites the whole file, so the result
has no incremental update, no earlier revision and no stray object from a previous export.

The file is "PDF/A-like" (embedded fonts, XMP, sRGB OutputIntent) but NOT claimed as PDF/A: there is
no tagged structure and no validator (veraPDF) to prove conformance, so no ``pdfaid`` is written.
"""

from __future__ import annotations

import functools
import getpass
import io
import os
import re
import socket
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
from PIL import ImageCms

from liaison.documents import embedded

CREATOR = "Liaison"
PRODUCER = "Liaison (reportlab, pikepdf)"


@functools.cache
def srgb_profile() -> bytes:
    """Pillow's built-in sRGB ICC profile: nothing to download or ship."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return bytes(profile.tobytes())


def _pdf_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")  # UTC: no hint of the officer's time zone


def finalize(
    raw: bytes,
    *,
    title: str,
    subject: str,
    keywords: str,
    lang: str,
    created: datetime,
    attachment: bytes | None = None,
    second_lang: str = "",
) -> bytes:
    """Rewrite ``raw`` with only the metadata we choose: no author, user, host or path; and, when
    given, the request's structured data as an attached file (``embedded.attach``)."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        info = pikepdf.Dictionary(
            Title=pikepdf.String(title),
            Subject=pikepdf.String(subject),
            Keywords=pikepdf.String(keywords),
            Creator=pikepdf.String(CREATOR),
            Producer=pikepdf.String(PRODUCER),
            CreationDate=pikepdf.String(_pdf_date(created)),
            ModDate=pikepdf.String(_pdf_date(created)),
        )
        pdf.trailer.Info = pdf.make_indirect(info)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp["dc:title"] = title
            if subject:
                xmp["dc:description"] = subject
            if keywords:
                xmp["pdf:Keywords"] = keywords
            xmp["dc:language"] = [lang]
            xmp["pdf:Producer"] = PRODUCER
            xmp["xmp:CreatorTool"] = CREATOR
            stamp = created.astimezone(UTC).isoformat()
            for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                xmp[key] = stamp
        pdf.Root.Lang = pikepdf.String(lang)
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf)])
        if "ar" in (lang.split("-", maxsplit=1)[0], second_lang.split("-", maxsplit=1)[0]):
            arabic_to_base_letters(pdf)
        if attachment is not None:
            embedded.attach(pdf, attachment)
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)> <([0-9A-Fa-f]{4,})>")
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _base_letter_entry(match: re.Match[bytes]) -> bytes:
    code, target = match.group(1), match.group(2)
    text = bytes.fromhex(target.decode()).decode("utf-16-be", "replace")
    if not _PRESENTATION_FORMS.search(text):
        return match.group(0)
    base = unicodedata.normalize("NFKC", text)
    # A lam-alef ligature is one glyph for two letters. Extractors reorder right-to-left text glyph by
    # glyph and then read a glyph's letters as they are listed, so (as poppler does) the two letters
    # come out swapped unless listed in visual order: alef first, then lam.
    base = base[::-1]
    return b"<" + code + b"> <" + base.encode("utf-16-be").hex().upper().encode() + b">"


def arabic_to_base_letters(pdf: pikepdf.Pdf) -> None:
    """Map the Arabic presentation forms back to base letters in every font's ToUnicode CMap.

    Why: Arabic is drawn pre-shaped (each letter as its initial, medial, final or isolated glyph;
    see pdf.py), so text extraction and search returned presentation-form code points and a reader
    searching for "المغرب" found nothing. The glyphs stay as they are; only what they *mean* changes,
    to the letters (NFKC; the lam-alef ligatures to two letters).
    """
    done: set[tuple[int, int]] = set()
    for font in _fonts(pdf):
        cmap = font.get("/ToUnicode")
        if not isinstance(cmap, pikepdf.Stream) or cmap.objgen in done:
            continue
        done.add(cmap.objgen)
        data = cmap.read_bytes()
        if b"<FE" not in data.upper() and b"<FB" not in data.upper() and b"<FD" not in data.upper():
            continue
        cmap.write(_BFCHAR.sub(_base_letter_entry, data))


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    found = []
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if resources is not None else None
        if fonts is not None:
            found += [font for _name, font in fonts.items()]
    return found


def _output_intent(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    icc = pikepdf.Stream(pdf, srgb_profile())
    icc.N = 3
    return pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
        Info=pikepdf.String("sRGB IEC61966-2.1"),
        DestOutputProfile=pdf.make_indirect(icc),
    )


def _needles() -> list[tuple[str, re.Pattern[str]]]:
    """What must never appear in an exported file, with the word for the report."""
    found: list[tuple[str, re.Pattern[str]]] = []

    def add(kind: str, value: str, *, word: bool) -> None:
        if len(value) < 3:  # one- or two-letter names would match everywhere and prove nothing
            return
        body = re.escape(value)
        found.append((kind, re.compile(rf"(?<![\w.-]){body}(?![\w-])" if word else body)))

    add("user name", getpass.getuser(), word=True)
    host = socket.gethostname()
    add("host name", host, word=True)
    add("host name", host.split(".")[0], word=True)
    for home in {str(Path.home()), os.path.expanduser("~")}:
        if home not in ("/", ""):
            add("home folder", home, word=False)
    temps = {tempfile.gettempdir(), *(os.environ.get(v, "") for v in ("TMPDIR", "TEMP", "TMP"))}
    for temp in temps | {"/tmp/", "/var/tmp/", "/var/folders/", "\\AppData\\Local\\Temp"}:
        if temp:
            add("temporary folder", temp.rstrip("/\\") + ("/" if temp.startswith("/") else ""), word=False)
    return found


def _haystacks(pdf_bytes: bytes) -> list[tuple[str, str]]:
    places = [("file", pdf_bytes.decode("latin-1"))]
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        places += [(f"document info {key}", str(value)) for key, value in pdf.docinfo.items()]
        if "/Metadata" in pdf.Root:
            places.append(("XMP metadata", pdf.Root.Metadata.read_bytes().decode("utf-8", "replace")))
        for obj in pdf.objects:
            # Font programs (/Length1) are binary glyph data: searching them only yields false matches.
            # The XMP stream is already searched above.
            if isinstance(obj, pikepdf.Stream) and "/Length1" not in obj and obj.get("/Subtype") != "/XML":
                try:
                    data = obj.read_bytes()
                except pikepdf.PdfError:
                    continue
                places.append((f"stream {obj.objgen[0]}", data.decode("latin-1")))
    return places


def scrub_check(pdf_bytes: bytes) -> list[str]:
    """Leaks found in the PDF (its raw bytes, decoded streams and metadata): empty means clean."""
    leaks: list[str] = []
    needles = _needles()
    for place, text in _haystacks(pdf_bytes):
        for kind, pattern in needles:
            match = pattern.search(text)
            if match:
                leaks.append(f"{kind} {match.group(0)!r} in {place}")
    return list(dict.fromkeys(leaks))
