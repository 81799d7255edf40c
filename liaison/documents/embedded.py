"""The request's structured data, carried inside its PDF as an attachment.

Why: a partner who also runs Liaison imports the request from the PDF (``mla import``) and renders
it in their own language with the fixed texts exact, and ``mla verify`` recomputes the content hash
and re-renders the document from it to compare with what the pages say. The attachment is the
``export-json`` form of the request (with its schema version), plus what the document was rendered
from that is not in the request itself: the language(s), the draft flag, and the names the vault
resolved (addressee, legal-basis titles).

This module has no vault and no reportlab: ``read`` works on any PDF, and other features (importing
a request from a translated PDF) can call it directly.

Format (``liaison-mla-document`` version 1), UTF-8 JSON::

    {"format": "liaison-mla-document", "version": 1, "lang": "fr", "bilingual": "en" | null,
     "draft": false, "layout": 3, "content_hash": "<sha256 of the request content>",
     "context": {"addressee": [...], "legal_bases": [...]},
     "request": {<export-json form: "format": "liaison-mla-request", "version": 1, fields...>}}
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pikepdf

from liaison.documents import certification
from liaison.errors import N_, LiaisonError

ATTACHMENT_NAME: Final = "liaison-request.json"
FORMAT: Final = "liaison-mla-document"
VERSION: Final = 1
# The page layout the document was rendered with: bump it whenever a change to composing or
# rendering changes the text of the pages made from the same request, so ``mla verify`` can tell a
# file made by another release (whose pages it cannot reproduce word for word) from a forged one.
# Files written before the number existed read as layout 1. Layout 2: prose fields machine-translated
# and marked; layout 3: a letter of request no longer prints an offence's EIO Annex D category.
LAYOUT: Final = 3


class NoEmbeddedRequest(LiaisonError):
    """The PDF carries no Liaison request data (not a Liaison export, or it was stripped)."""

    exit_code = 20


class DamagedEmbeddedRequest(LiaisonError):
    """The attachment is there but is not a readable request of a version we know."""

    exit_code = 24


@dataclass(frozen=True)
class EmbeddedRequest:
    """What a Liaison PDF says about itself."""

    request: dict[str, Any]  # the export-json form; decode with services.mla.fields_from_json
    lang: str
    bilingual: str | None
    draft: bool
    content_hash: str  # as written by the exporter
    addressee: tuple[str, ...]
    legal_bases: tuple[str, ...]
    legal_bases_by_lang: dict[str, tuple[str, ...]]
    layout: int = 1  # see LAYOUT

    @property
    def recomputed_hash(self) -> str:
        """The content hash of the embedded request, computed here (not trusted from the file)."""
        return certification.content_hash_of_json(self.request)


def payload(
    request_json: dict[str, Any],
    *,
    lang: str,
    bilingual: str | None,
    draft: bool,
    addressee: tuple[str, ...],
    legal_bases: tuple[str, ...],
    legal_bases_by_lang: dict[str, tuple[str, ...]] | None = None,
) -> bytes:
    """The attachment's bytes (canonical JSON: same request, same bytes)."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "lang": lang,
        "bilingual": bilingual,
        "draft": draft,
        "layout": LAYOUT,
        "content_hash": certification.content_hash_of_json(request_json),
        "context": {
            "addressee": list(addressee),
            "legal_bases": list(legal_bases),
            "legal_bases_by_lang": {k: list(v) for k, v in (legal_bases_by_lang or {}).items()},
        },
        "request": request_json,
    }
    return certification.canonical(data)


def attach(pdf: pikepdf.Pdf, data: bytes) -> None:
    """Add ``data`` as the document's associated file (``/AF`` with relationship ``Data``)."""
    spec = pikepdf.AttachedFileSpec(
        pdf,
        data,
        description="Liaison MLA request (structured data of this document)",
        filename=ATTACHMENT_NAME,
        mime_type="application/json",
        relationship=pikepdf.Name.Data,
    )
    pdf.attachments[ATTACHMENT_NAME] = spec
    pdf.Root.AF = pikepdf.Array([spec.obj])


def _decode(data: bytes, name: str) -> EmbeddedRequest:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedEmbeddedRequest.of(
            N_("{name}: the embedded request is not valid JSON ({problem})"), name=name, problem=str(exc)
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DamagedEmbeddedRequest.of(
            N_("{name}: the embedded data is not a Liaison request document"), name=name
        )
    if doc.get("version") != VERSION:
        raise DamagedEmbeddedRequest.of(
            N_(
                "{name}: embedded request format version {version} is not supported (this Liaison "
                "reads version {reads}); update Liaison"
            ),
            name=name,
            version=repr(doc.get("version")),
            reads=VERSION,
        )
    request, context = doc.get("request"), doc.get("context") or {}
    if not isinstance(request, dict) or request.get("format") != certification.JSON_FORMAT:
        raise DamagedEmbeddedRequest.of(N_("{name}: the embedded request has no request fields"), name=name)
    try:
        return EmbeddedRequest(
            request=request,
            lang=str(doc["lang"]),
            bilingual=str(doc["bilingual"]) if doc.get("bilingual") else None,
            draft=bool(doc.get("draft")),
            layout=int(doc.get("layout", 1)),
            content_hash=str(doc["content_hash"]),
            addressee=tuple(str(x) for x in context.get("addressee", ())),
            legal_bases=tuple(str(x) for x in context.get("legal_bases", ())),
            legal_bases_by_lang={
                str(k): tuple(str(x) for x in v)
                for k, v in dict(context.get("legal_bases_by_lang", {})).items()
            },
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DamagedEmbeddedRequest.of(
            N_("{name}: the embedded request lacks {missing}"), name=name, missing=str(exc)
        ) from None


def read(source: Path | bytes, name: str = "") -> EmbeddedRequest:
    """The request data embedded in a PDF file (or its bytes); raises NoEmbeddedRequest if none."""
    label = name or (source.name if isinstance(source, Path) else "the PDF")
    try:
        raw = source.read_bytes() if isinstance(source, Path) else source
    except OSError as exc:
        raise LiaisonError.of(
            N_("cannot read {name}: {reason}"), name=label, reason=exc.strerror or ""
        ) from None
    try:
        with pikepdf.open(io.BytesIO(raw)) as pdf:
            spec = pdf.attachments.get(ATTACHMENT_NAME)
            if spec is None:
                raise NoEmbeddedRequest.of(
                    N_("{name} carries no Liaison request data (not a Liaison export)"), name=label
                )
            data = spec.get_file().read_bytes()
    except pikepdf.PdfError as exc:
        raise DamagedEmbeddedRequest.of(
            N_("{name} is not a readable PDF: {problem}"), name=label, problem=str(exc)
        ) from None
    return _decode(data, label)
