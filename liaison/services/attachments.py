"""Attachments of a case: add, list, export, delete, and keep a translated document with its case.

Every file is checked against the size limit before anything is written, and a document with its
translation and review PDF is stored in one transaction: all of it or nothing.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from liaison.crypto.atomic import atomic_write_bytes
from liaison.errors import N_, ValidationError
from liaison.services.catalog import cases
from liaison.services.mla import requests
from liaison.store import attachments as store
from liaison.store import audit
from liaison.store.attachments import Attachment
from liaison.store.vault import Vault

if TYPE_CHECKING:  # the document readers and writers (reportlab, pdfminer) load only to translate
    from liaison.services.documents_in import DocumentTranslation

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
ROLES = ("received", "translation", "review")


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(name: str, size: int) -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError.of(
            N_("{name}: {size} is over the {limit} limit for an attachment"),
            name=name,
            size=_mib(size),
            limit=_mib(MAX_ATTACHMENT_BYTES),
        )
    if size == 0:
        raise ValidationError.of(N_("{name}: the file is empty"), name=name)


def media_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def add(
    vault: Vault,
    case_ref: str,
    name: str,
    data: bytes,
    *,
    role: str = "received",
    language: str = "",
    request_ref: str | None = None,
    derived_from: str | None = None,
) -> Attachment:
    if role not in ROLES:
        raise ValidationError(f"attachment role must be one of {', '.join(ROLES)}")
    check_size(name, len(data))
    clean = Path(name).name.strip() or "attachment"
    with vault.transaction():
        case_id = cases.resolve(vault, case_ref)
        request_id = requests.resolve(vault, request_ref) if request_ref else None
        new = store.NewAttachment(case_id, clean, media_type(clean), role, language, request_id, derived_from)
        return store.insert(vault, new, data)


def add_file(
    vault: Vault, case_ref: str, path: Path, *, language: str = "", request_ref: str | None = None
) -> Attachment:
    """Size checked from the file system before the file is read into memory."""
    if not path.is_file():
        raise ValidationError.of(N_("{path}: no such file"), path=str(path))
    check_size(path.name, path.stat().st_size)
    return add(vault, case_ref, path.name, path.read_bytes(), language=language, request_ref=request_ref)


def list_for_request(vault: Vault, request_ref: str) -> list[Attachment]:
    return store.find(vault, "request_id = ?", (requests.resolve(vault, request_ref),))


def list_for(vault: Vault, case_ref: str | None = None) -> list[Attachment]:
    if case_ref is None:
        return store.find(vault)
    return store.find(vault, "case_id = ?", (cases.resolve(vault, case_ref),))


def export(vault: Vault, ref: str, path: Path) -> Attachment:
    item = store.get(vault, store.resolve(vault, ref))
    data = store.data(vault, item.id)
    atomic_write_bytes(path, data)
    audit.append(vault, "export", "attachment", item.id, {"sha256": item.sha256, "size": item.size})
    return item


def read(vault: Vault, ref: str) -> tuple[Attachment, bytes]:
    item = store.get(vault, store.resolve(vault, ref))
    return item, store.data(vault, item.id)


def delete(vault: Vault, ref: str) -> None:
    store.delete(vault, store.resolve(vault, ref))


def _stem(name: str) -> str:
    return Path(name).stem or "document"


def attach_translation(
    vault: Vault,
    case_ref: str,
    result: DocumentTranslation,
    request_ref: str | None = None,
    *,
    original_id: str | None = None,
) -> Sequence[Attachment]:
    """The received file, its translation in its own format (when it has one) and the bilingual
    review PDF, stored together. Everything is produced first, so a failure stores nothing.

    ``original_id``: the received file is already kept (it was opened from the case): only the
    translation and the review are added, derived from it and with its request."""
    stem, target = _stem(result.name), result.target_lang
    files: list[tuple[str, bytes, str, str]] = []
    rebuilt = result.translated_document()
    if rebuilt is not None:
        files.append((f"{stem}.{target}{rebuilt[1]}", rebuilt[0], "translation", target))
    files.append(
        (f"{stem}.{result.source_lang}-{target}.review.pdf", result.bilingual_pdf(), "review", target)
    )
    for name, data, _role, _lang in files:
        check_size(name, len(data))
    check_size(result.name, len(result.original))
    with vault.transaction():
        if original_id is not None:
            original = store.get(vault, store.resolve(vault, original_id))
            request_ref = request_ref or original.request_id
            stored = []
        else:
            original = add(
                vault,
                case_ref,
                result.name,
                result.original,
                language=result.source_lang,
                request_ref=request_ref,
            )
            stored = [original]
        for name, data, role, lang in files:
            stored.append(
                add(
                    vault,
                    case_ref,
                    name,
                    data,
                    role=role,
                    language=lang,
                    request_ref=request_ref,
                    derived_from=original.id,
                )
            )
    return stored
