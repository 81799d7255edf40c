"""Bounds for untrusted files, and the errors a hostile or broken one gets.

A received document is attacker-controlled. Every reader checks its input against these bounds
before the heavy library sees it: zip archives by their central directory (entry count, declared
and actual uncompressed size, compression ratio), XML parts through defusedxml (no DTD, so no entity
expansion), PDFs by page count and time, images by pixel count. Each failure is one clear line.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from defusedxml import DTDForbidden

from liaison.errors import LiaisonError


class DocumentError(LiaisonError):
    """A document that cannot be read: unsupported, broken, encrypted or hostile."""

    exit_code = 6


class UnsupportedDocument(DocumentError):
    pass


class HostileDocument(DocumentError):
    """The file exceeds a safety bound (zip bomb, entity expansion, absurd size)."""


class Cancelled(LiaisonError):
    exit_code = 130


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024  # one document, and each attachment of a mail
    # A mail carries its attachments base64-encoded (4/3 of their size) next to its body: the whole
    # message may be bigger than one document, so that a 50 MB attachment is refused by its own
    # check, naming it, rather than by the mail's.
    max_mail_bytes: int = 100 * 1024 * 1024
    max_zip_entries: int = 2000
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_ratio: float = 100.0
    max_part_bytes: int = 64 * 1024 * 1024
    max_pages: int = 2000
    max_image_pixels: int = 60_000_000  # ~ an A4 page at 600 dpi in colour is 35 Mpx
    max_blocks: int = 200_000
    page_seconds: float = 30.0  # reading one PDF page's text layer (the worker is killed after)


DEFAULT = Limits()


def mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(name: str, size: int, limits: Limits = DEFAULT) -> None:
    if size > limits.max_file_bytes:
        raise HostileDocument(
            f"{name}: {mib(size)} is over the {mib(limits.max_file_bytes)} limit for a received document"
        )


def check_mail_size(name: str, size: int, limits: Limits = DEFAULT) -> None:
    if size > limits.max_mail_bytes:
        raise HostileDocument(
            f"{name}: {mib(size)} is over the {mib(limits.max_mail_bytes)} limit for a received mail"
        )


def check_attachment_size(name: str, attachment: str, size: int, limits: Limits = DEFAULT) -> None:
    if size > limits.max_file_bytes:
        raise HostileDocument(
            f"{name}: attachment {attachment!r} is {mib(size)}, over the {mib(limits.max_file_bytes)} "
            "limit for a received document"
        )


def checked_zip(name: str, data: bytes, limits: Limits = DEFAULT) -> zipfile.ZipFile:
    """Open an OOXML/ODF container after checking its directory against the bounds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnsupportedDocument(f"{name}: not a valid document archive ({error})") from None
    infos = archive.infolist()
    if len(infos) > limits.max_zip_entries:
        raise HostileDocument(f"{name}: {len(infos)} entries in the archive (limit {limits.max_zip_entries})")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_unzipped_bytes:
        raise HostileDocument(
            f"{name}: expands to {mib(declared)} (limit {mib(limits.max_unzipped_bytes)}): "
            "refused as a zip bomb"
        )
    for info in infos:
        if (
            info.compress_size
            and info.file_size / info.compress_size > limits.max_ratio
            and info.file_size > 1 << 20
        ):
            raise HostileDocument(
                f"{name}: {info.filename} compresses {info.file_size // max(info.compress_size, 1)}:1: "
                "refused as a zip bomb"
            )
    return archive


def read_part(archive: zipfile.ZipFile, name: str, part: str, limits: Limits = DEFAULT) -> bytes:
    """Read one member, never more than its bound (a lying directory cannot make it bigger)."""
    try:
        with archive.open(part) as stream:
            data = stream.read(limits.max_part_bytes + 1)
    except KeyError:
        raise UnsupportedDocument(f"{name}: {part} is missing from the archive") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise UnsupportedDocument(f"{name}: damaged archive member {part} ({error})") from None
    if len(data) > limits.max_part_bytes:
        raise HostileDocument(f"{name}: {part} is over {mib(limits.max_part_bytes)}: refused as a zip bomb")
    return data


class _RootReached(Exception):
    pass


def _refuse_dtd(*_args: object) -> None:
    raise DTDForbidden("", "", "")


def _root(*_args: object) -> None:
    raise _RootReached()


def check_xml(name: str, part: str, data: bytes) -> None:
    """Refuse DTDs and entities (billion laughs, external entities) before any library parses.

    Entities can only be declared in a DTD, and a DTD can only come before the root element, so the
    prolog is all that needs reading: expat stops at the root's start tag, refusing a doctype or an
    entity declaration on the way (defusedxml's rule, without building a tree of the whole part).
    The document libraries then parse with entity resolution off and find nothing to expand.
    """
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = _root
    try:
        parser.Parse(data, True)
    except _RootReached:
        return
    except DTDForbidden:
        raise HostileDocument(
            f"{name}: {part} declares a DTD or entities: refused (XML entity attack)"
        ) from None
    except expat.ExpatError as error:
        raise UnsupportedDocument(f"{name}: {part} is not well-formed XML ({error})") from None
    raise UnsupportedDocument(f"{name}: {part} has no root element")


def check_xml_parts(name: str, archive: zipfile.ZipFile, limits: Limits = DEFAULT) -> None:
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels")):
            check_xml(name, info.filename, read_part(archive, name, info.filename, limits))
