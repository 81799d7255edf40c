"""Which reader a file needs, decided from its bytes (an extension can lie: a "DOCX" that is a zip of
photos, a PDF renamed .txt). The extension only breaks ties between text formats."""

from __future__ import annotations

import io
import zipfile

from liaison.documents_in.limits import UnsupportedDocument
from liaison.documents_in.model import Format

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a", b"BM")
_MAIL_HEADERS = (
    b"from:",
    b"received:",
    b"return-path:",
    b"mime-version:",
    b"subject:",
    b"message-id:",
    b"date:",
    b"to:",
    b"delivered-to:",
    b"x-",
)
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def _zip_format(name: str, data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return Format.DOCX
            if "mimetype" in names and archive.read("mimetype")[:100].strip() == _ODT_MIME:
                return Format.ODT
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as error:
        raise UnsupportedDocument(f"{name}: damaged zip archive ({error})") from None
    raise UnsupportedDocument(f"{name}: a ZIP archive, but not a DOCX or ODT document")


def _looks_like_mail(head: bytes) -> bool:
    lines = [line.strip().lower() for line in head.splitlines()[:5] if line.strip()]
    return bool(lines) and sum(line.startswith(_MAIL_HEADERS) for line in lines) >= min(2, len(lines))


def detect(name: str, data: bytes) -> Format:
    head = data[:2048]
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if b"%PDF-" in head[:1024]:
        return Format.PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(name, data)
    if head.startswith(_IMAGE_MAGIC) or head[8:12] == b"WEBP":
        return Format.IMAGE
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        if suffix in ("docx", "odt"):
            raise UnsupportedDocument(f"{name}: not a {suffix.upper()} document (not a ZIP archive)")
        raise UnsupportedDocument(
            f"{name}: unsupported binary file (not DOCX, ODT, PDF, image, mail or text)"
        )
    if suffix in ("docx", "odt", "pdf"):
        raise UnsupportedDocument(f"{name}: not a {suffix.upper()} document (the content is plain text)")
    if suffix == "eml" or _looks_like_mail(head):
        return Format.EML
    lowered = head.lstrip().lower()
    if suffix in ("html", "htm", "xhtml") or lowered.startswith((b"<!doctype html", b"<html")):
        return Format.HTML
    return Format.TEXT


def is_mail(name: str, head: bytes) -> bool:
    """From the first bytes only: whether the file is a mail (which has a size limit of its own)."""
    if head.startswith(b"PK\x03\x04"):
        return False
    try:
        return detect(name, head[:2048]) is Format.EML
    except UnsupportedDocument:
        return False
