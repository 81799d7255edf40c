"""``mla import FILE.pdf``: a request received as a Liaison PDF becomes a request in this vault.

The partner's Liaison embeds the request's structured data in every export (``documents.embedded``);
importing it lets the receiving officer render the same request in their own language, with every
fixed text from the vetted catalogs and only the free text machine-translated (and marked so). The
imported request is a new record here (new id, status draft): its content, translations and any
translator certification travel with it, and a certification still holds only while the content
hash it names matches. The links to the sender's records are dropped; a certification of an earlier
release that hashed them too is checked against the request as received and recorded again without
them (``certification.without_vault_links``), and the audit entry names its language.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from liaison.documents import certification, embedded
from liaison.domain.mla import MlaRequest
from liaison.errors import N_, ValidationError
from liaison.services import mla as requests_service
from liaison.store import audit, records
from liaison.store.vault import Vault


def request_from(data: embedded.EmbeddedRequest, name: str = "the PDF") -> tuple[MlaRequest, tuple[str, ...]]:
    """The embedded request as an (unsaved) record, and the languages whose certification of an
    earlier release was recorded again under the current hash; refused if its data do not match
    their hash."""
    if data.recomputed_hash != data.content_hash:
        raise embedded.DamagedEmbeddedRequest.of(
            N_("{name}: the embedded request does not match its content hash (altered after export)"),
            name=name,
        )
    fields = requests_service.fields_from_json(data.request)
    try:
        received = MlaRequest(**fields)
    except TypeError as exc:
        raise ValidationError.of(
            N_("{name}: the embedded request has an invalid field ({problem})"), name=name, problem=str(exc)
        ) from None
    # Links to records of the sender's vault mean nothing here.
    return certification.without_vault_links(received)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _free_reference(vault: Vault, request: MlaRequest) -> MlaRequest:
    """References are unique in a vault: a request whose reference is already here (the same PDF
    imported twice, or our own export read back) is kept under "REF (imported)", "REF (imported 2)"...
    rather than refused or made unreachable by reference."""
    reference = request.our_reference
    taken = {
        str(row[0])
        for row in vault.conn.execute(
            "SELECT our_reference FROM mla_requests WHERE our_reference = ? "
            "OR our_reference LIKE ? ESCAPE '\\'",
            (reference, _escape_like(reference) + " (imported%"),
        )
    }
    if not reference or reference not in taken:
        return request
    n = 1
    while (candidate := f"{reference} (imported{'' if n == 1 else f' {n}'})") in taken:
        n += 1
    return dataclasses.replace(request, our_reference=candidate)


def import_pdf(vault: Vault, source: Path | bytes, name: str = "") -> MlaRequest:
    """The request a Liaison PDF carries, added to the vault. ``source`` is the file, or its bytes
    with its ``name`` (a PDF that came attached to a mail exists nowhere on disk)."""
    name = name or (source.name if isinstance(source, Path) else "the PDF")
    data = embedded.read(source, name)
    candidate, recertified = request_from(data, name)
    with vault.transaction():
        candidate = _free_reference(vault, candidate)
        request = requests_service.requests.add(vault, candidate)
        audit.append(
            vault,
            "import",
            "mla_request",
            request.id,
            {
                "format": "pdf",
                "file": name,
                "content_hash": data.content_hash,
                # certifications of an earlier release, checked with the sender's links and recorded
                # again without them (certification.without_vault_links)
                **({"certifications_rehashed": list(recertified)} if recertified else {}),
            },
        )
    return records.get(vault, MlaRequest, request.id)
