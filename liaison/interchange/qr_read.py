"""Reading the QR codes in a picture (a photo or screenshot of a sync invitation), offline.

zbar does the decoding (``pyzbar`` over Debian's ``libzbar0``); Pillow, already needed for the
PDFs, opens the picture and hands zbar its grey pixels. Every way this can fail ends in one
``ValidationError`` line that says what to do: not a picture, no QR code in it, zbar missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from liaison.errors import ValidationError

MAX_PIXELS = 40_000_000  # a phone photo is ~12 MP; refuse a decompression bomb before decoding


def _decoder() -> Any:
    try:
        from pyzbar import pyzbar  # noqa: PLC0415 - only when a picture is read
    except ImportError as error:  # pyzbar absent, or libzbar0 not installed
        raise ValidationError(
            f"cannot read QR codes here: the zbar library is missing (install libzbar0) ({error})"
        ) from None
    return pyzbar


def _grey(path: Path) -> tuple[bytes, int, int]:
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(f"{path.name}: the picture is too large to read a QR code from")
            grey = image.convert("L")
            return grey.tobytes(), grey.width, grey.height
    except FileNotFoundError:
        raise ValidationError(f"{path.name}: no such file") from None
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(f"{path.name} is not a picture this program can read (PNG, JPEG…)") from None


def read_texts(path: Path) -> list[str]:
    """The text of every QR code found in the picture at ``path``, top to bottom."""
    pyzbar = _decoder()
    pixels, width, height = _grey(path)
    found = pyzbar.decode((pixels, width, height), symbols=[pyzbar.ZBarSymbol.QRCODE])
    texts = []
    for symbol in sorted(found, key=lambda s: (s.rect.top, s.rect.left)):
        try:
            texts.append(symbol.data.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    if not texts:
        raise ValidationError(f"{path.name}: no QR code found in the picture")
    return texts
