"""Read a PDF back with poppler's command-line tools: what a reader's viewer will extract and show.

Why poppler and not pikepdf/reportlab: these checks must see the file the way an independent reader
does (text extraction order, fonts actually embedded, Info as displayed), not the way the code that
wrote it believes it is. Used by the tests and by the ``verify`` command.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from liaison import childenv
from liaison.errors import LiaisonError

_HASH = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")


class PopplerMissing(LiaisonError):
    """A poppler tool is not installed; the message names the package."""


class PdfToolFailed(LiaisonError):
    """A poppler tool ran but rejected the file (damaged or not a PDF)."""


@dataclass(frozen=True)
class FontInfo:
    """One row of ``pdffonts``."""

    name: str
    type: str
    encoding: str
    embedded: bool
    subset: bool
    unicode: bool


def _run(tool: str, *args: str, timeout: float = 60) -> str:
    exe = shutil.which(tool)
    if exe is None:
        raise PopplerMissing(f"{tool} not found: install poppler-utils")
    proc = subprocess.run(
        [exe, *args], capture_output=True, timeout=timeout, check=False, env=childenv.minimal_env()
    )
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PdfToolFailed(
            f"{tool} failed on {args[-2] if tool == 'pdftotext' else args[-1]}: "
            f"{detail[-1] if detail else proc.returncode}"
        )
    return proc.stdout.decode("utf-8", "replace")


def extract_text(path: str | Path, *, layout: bool = True, diagonal: bool = True) -> str:
    """The text of every page (``pdftotext -layout``); pages are separated by form feeds.

    ``diagonal=False`` drops rotated text (``-nodiag``), i.e. the watermark: comparing both shows
    exactly what the watermark adds.
    """
    flags = [*(["-layout"] if layout else []), *([] if diagonal else ["-nodiag"])]
    return _run("pdftotext", *flags, "-enc", "UTF-8", str(path), "-")


def pages(path: str | Path, *, layout: bool = True, diagonal: bool = True) -> list[str]:
    """Text of each page, in order (the trailing empty chunk after the last form feed dropped).

    ``layout=False`` keeps each column of a bilingual page together instead of interleaving lines.
    """
    chunks = extract_text(path, layout=layout, diagonal=diagonal).split("\f")
    return chunks[:-1] if chunks and not chunks[-1].strip() else chunks


def page_images(path: str | Path, *, dpi: int = 50) -> list[bytes]:
    """Each page rasterised in grey (``pdftoppm -gray``, PGM bytes), in order: what a reader sees,
    including what is drawn as images or shapes, which text extraction does not show."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise PopplerMissing("pdftoppm not found: install poppler-utils")
    with tempfile.TemporaryDirectory(prefix="liaison-pages-") as folder:
        proc = subprocess.run(
            [exe, "-gray", "-r", str(dpi), str(path), str(Path(folder) / "p")],
            capture_output=True,
            timeout=120,
            check=False,
            env=childenv.minimal_env(),
        )
        if proc.returncode != 0:
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise PdfToolFailed(f"pdftoppm failed on {path}: {detail[-1] if detail else proc.returncode}")
        # pdftoppm pads the page number to the page count's width, so names sort in page order.
        return [image.read_bytes() for image in sorted(Path(folder).glob("p-*.pgm"))]


def fonts(path: str | Path) -> list[FontInfo]:
    """Every font the file uses, as ``pdffonts`` reports it."""
    lines = _run("pdffonts", str(path)).splitlines()
    if len(lines) < 2:
        return []
    # Columns are fixed-width; the dashes line gives their extents (names may contain spaces).
    spans = [m.span() for m in re.finditer(r"-+", lines[1])]
    out = []
    for line in lines[2:]:
        cells = [line[a : b if i < len(spans) - 1 else None].strip() for i, (a, b) in enumerate(spans)]
        if len(cells) >= 6:
            out.append(
                FontInfo(
                    cells[0], cells[1], cells[2], cells[3] == "yes", cells[4] == "yes", cells[5] == "yes"
                )
            )
    return out


def info(path: str | Path) -> dict[str, str]:
    """The document information as ``pdfinfo`` prints it (Title, Author, Pages, ...)."""
    out: dict[str, str] = {}
    for line in _run("pdfinfo", "-enc", "UTF-8", str(path)).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


def printed_hash(path: str | Path) -> str | None:
    """The SHA-256 printed on the last page, if any: what the reader compares with the QR code."""
    text = pages(path, diagonal=False)
    if not text:
        return None
    found = _HASH.findall(text[-1])
    return found[-1] if found else None
