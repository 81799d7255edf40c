"""The QR code of a short text (a contact's vCard) as a matrix of modules, for a screen to draw.

reportlab's encoder is already a dependency (the PDFs use it) and needs no network or image
library. Error correction L keeps the code readable on a phone screen for a vCard of up to about
2,900 bytes; a longer one is refused with a clear message rather than cut.
"""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder

from liaison.errors import ValidationError

MAX_BYTES = 2_900


def matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ValidationError(f"too long for a QR code ({len(data)} bytes, at most {MAX_BYTES})")
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.L)
    code.addData(text)
    code.make()
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)
