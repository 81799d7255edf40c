"""``mla import FILE.pdf``: a request received as a Liaison PDF becomes a request in this vault.

The partner's Liaison embeds the request's structured data in every export (``documents.embedded``);
importing it lets the receiving officer render the same request in their own language, with every
fixed text from the vetted catalogs and only the free text machine-translated (and marked so). The
imported request is a new record here (new id, status draft): its content, translations and any
translator certification travel with it, and a certification still holds only while the content
hash it names matches.
"""

from __future__ import annotations

from pathlib import Path

from liaison.documents import embedded
from liaison.domain.mla import MlaRequest
from liaison.errors import ValidationError
from liaison.services import mla as requests_service
from liaison.store import audit, records
from liaison.store.vault import Vault


def request_from(data: embedded.EmbeddedRequest, name: str = "the PDF") -> MlaRequest:
    """The embedded request as an (unsaved) record; refused if its data do not match their hash."""
    if data.recomputed_hash != data.content_hash:
        raise embedded.DamagedEmbeddedRequest(
            f"{name}: the embedded request does not match its content hash (altered after export)"
        )
    fields = requests_service.fields_from_json(data.request)
    # Links to records of the sender's vault mean nothing here.
    for link in ("case_id", "addressee_id", "addressee_contact_id", "advance_of"):
        fields.pop(link, None)
    try:
        return MlaRequest(**fields)
    except TypeError as exc:
        raise ValidationError(f"{name}: the embedded request has an invalid field ({exc})") from None


def import_pdf(vault: Vault, path: Path) -> MlaRequest:
    data = embedded.read(path)
    candidate = request_from(data, path.name)
    with vault.transaction():
        request = requests_service.requests.add(vault, candidate)
        audit.append(
            vault,
            "import",
            "mla_request",
            request.id,
            {"format": "pdf", "file": path.name, "content_hash": data.content_hash},
        )
    return records.get(vault, MlaRequest, request.id)
