"""Annex B (confirmation of receipt of an EIO) and Annex C (notification of an interception) as PDFs.

Both are written from a request in the vault: Annex B from an EIO received (usually imported with
``mla import``), Annex C from the officer's own request. Each file is written atomically and audited
with its SHA-256, like every export.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from liaison.crypto.atomic import atomic_write_bytes
from liaison.documents.compose_annexes import Interception, Receipt, annex_b, annex_c
from liaison.documents.compose_base import Context
from liaison.domain.mla import InstrumentKind
from liaison.errors import ValidationError
from liaison.services import mla as requests_service
from liaison.store import audit
from liaison.store.vault import Vault


def _write(vault: Vault, request_id: str, kind: str, lang: str, output: Path, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    with vault.transaction():
        atomic_write_bytes(output, data)
        audit.append(
            vault,
            "export",
            "mla_request",
            request_id,
            {"format": kind, "lang": lang, "file": output.name, "sha256": digest},
        )
    return digest


def confirmation_of_receipt(vault: Vault, ref: str, lang: str, receipt: Receipt, output: Path) -> str:
    from liaison.documents import pdf  # noqa: PLC0415  (reportlab loads only for exports)

    request = requests_service.requests.get(vault, ref)
    if request.instrument_kind is not InstrumentKind.EIO:
        raise ValidationError(f"{request.our_reference or ref}: Annex B confirms the receipt of an EIO only")
    if not receipt.receiving_authority.strip():
        raise ValidationError("give the authority which received the EIO (--authority)")
    data = pdf.render(annex_b(request, lang, receipt, Context()))
    return _write(vault, request.id, "annex-b", lang, output, data)


def interception_notice(vault: Vault, ref: str, lang: str, interception: Interception, output: Path) -> str:
    from liaison.documents import pdf  # noqa: PLC0415

    request = requests_service.requests.get(vault, ref)
    if not interception.target.strip() or not interception.period.strip():
        raise ValidationError("give the subject of the interception (--target) and its period (--period)")
    data = pdf.render(annex_c(request, lang, interception, Context()))
    return _write(vault, request.id, "annex-c", lang, output, data)
