"""MLA requests: drafting, filling from contacts, structured JSON in and out, status and deadlines.

Export to PDF lives in ``liaison.services.mla_export``; this module keeps the request itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from liaison.crypto.atomic import atomic_write_bytes
from liaison.domain import Contact
from liaison.domain.mla import ContactOfficer, MlaRequest, TranslatorCertification
from liaison.errors import ValidationError
from liaison.services import catalog
from liaison.services import validation as check
from liaison.services.records import RecordService
from liaison.store import audit, codec
from liaison.store.vault import Vault

JSON_FORMAT = "liaison-mla-request"
JSON_VERSION = 1
_SYSTEM_FIELDS = frozenset({"id", "created_at", "updated_at", "status", "history"})


def _validate(vault: Vault, request: MlaRequest) -> None:
    """Only what makes a draft unusable; completeness is the rule sets' job (``mla validate``)."""
    check.country("requesting State", request.requesting_state)
    check.country("requested State", request.requested_state)
    check.language("drafting language", request.language, optional=False)
    if request.case_id and not catalog.cases.exists(vault, request.case_id):
        raise ValidationError(f"the request's case does not exist ({request.case_id})")
    if request.addressee_id and not catalog.agencies.exists(vault, request.addressee_id):
        raise ValidationError(f"the addressee agency does not exist ({request.addressee_id})")
    if request.request_date and request.requested_by and request.requested_by < request.request_date:
        raise ValidationError("the requested completion date is before the date of the request")


requests = RecordService(MlaRequest, _validate, None, "created_at DESC", "our_reference")


def fields_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """Decode a (partial) request in the export-json format into typed field values."""
    types = codec.field_types(MlaRequest)
    unknown = sorted(set(data) - set(types) - {"format", "version"})
    if unknown:
        raise ValidationError(f"unknown request field(s): {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, raw in data.items():
        if name in ("format", "version") or name in _SYSTEM_FIELDS:
            continue
        try:
            values[name] = codec.from_jsonable(types[name], raw)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise ValidationError(f"request field {name!r} has an invalid value: {exc}") from None
    return values


def read_json_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"{path.name} is not a readable JSON request: {exc}") from None
    if not isinstance(data, dict):
        raise ValidationError(f"{path.name} must hold a JSON object of request fields")
    return fields_from_json(data)


def create(vault: Vault, **fields: Any) -> MlaRequest:
    fields.setdefault("request_date", dt.date.today())
    return requests.add(vault, MlaRequest(**fields))


def update(vault: Vault, ref: str, changes: Mapping[str, Any]) -> MlaRequest:
    forbidden = _SYSTEM_FIELDS & set(changes)
    if forbidden:
        raise ValidationError(f"use 'mla status' to change {', '.join(sorted(forbidden))}")
    return requests.edit(vault, ref, changes)


def certify_translation(vault: Vault, ref: str, name: str, qualification: str, on: dt.date) -> MlaRequest:
    """A translator vouches for the translations: exports stop marking them as machine-made."""
    check.require_text("translator name", name)
    check.require_text("translator qualification", qualification)
    certification = TranslatorCertification(name.strip(), qualification.strip(), on)
    return requests.edit(vault, ref, {"translator": certification})


def contact_officer_from(contact: Contact) -> ContactOfficer:
    email = next((c.value for c in contact.channels if c.kind in ("email", "pgp-email")), "")
    phone = next((c.value for c in contact.channels if c.kind in ("phone", "mobile")), "")
    name = f"{contact.honorific} {contact.full_name}".strip()
    return ContactOfficer(
        name=name,
        post=contact.unit or contact.role.value.replace("_", " "),
        phone=phone,
        email=email,
        languages=tuple(s.code for s in contact.languages),
        timezone=contact.timezone,
        contact_id=contact.id,
    )


def set_addressee(vault: Vault, ref: str, contact_ref: str) -> MlaRequest:
    """The foreign counterpart's agency becomes the addressee, the person its contact."""
    contact = catalog.contacts.get(vault, contact_ref)
    if not contact.agency_id:
        raise ValidationError(f"{contact.full_name} has no agency to address the request to")
    return update(vault, ref, {"addressee_id": contact.agency_id, "addressee_contact_id": contact.id})


def set_contact_officer(vault: Vault, ref: str, contact_ref: str) -> MlaRequest:
    contact = catalog.contacts.get(vault, contact_ref)
    return update(vault, ref, {"contact_officer": contact_officer_from(contact)})


def to_json(request: MlaRequest) -> dict[str, Any]:
    encoded = codec.to_jsonable(request)
    assert isinstance(encoded, dict)
    return {"format": JSON_FORMAT, "version": JSON_VERSION, **encoded}


def content_hash(request: MlaRequest) -> str:
    """SHA-256 of the request's content (not bookkeeping): printed on the PDF, checked by verify."""
    data = {
        k: v
        for k, v in to_json(request).items()
        if k not in ("created_at", "updated_at", "history", "status", "format", "version")
    }
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def export_json(vault: Vault, ref: str, destination: Path) -> str:
    request = requests.get(vault, ref)
    data = json.dumps(to_json(request), ensure_ascii=False, indent=2).encode()
    atomic_write_bytes(destination, data)
    digest = hashlib.sha256(data).hexdigest()
    audit.append(
        vault,
        "export",
        "mla_request",
        request.id,
        {"format": "json", "file": destination.name, "sha256": digest},
    )
    return digest
