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

from liaison import jsonio
from liaison.crypto.atomic import atomic_write_bytes
from liaison.documents import certification
from liaison.domain import Contact
from liaison.domain.mla import ContactOfficer, MlaRequest, TranslatorCertification
from liaison.errors import N_, ValidationError
from liaison.services import catalog
from liaison.services import validation as check
from liaison.services.records import RecordService
from liaison.store import audit, codec
from liaison.store.vault import Vault

JSON_FORMAT = certification.JSON_FORMAT
JSON_VERSION = certification.JSON_VERSION
_SYSTEM_FIELDS = frozenset({"id", "created_at", "updated_at", "status", "history"})


def _validate(vault: Vault, request: MlaRequest) -> None:
    """Only what makes a draft unusable; completeness is the rule sets' job (``mla validate``)."""
    check.country(N_("requesting State"), request.requesting_state)
    check.country(N_("requested State"), request.requested_state)
    check.language(N_("drafting language"), request.language, optional=False)
    if request.our_reference:
        check.unique_reference(
            vault, "mla_requests", "our_reference", request.our_reference, request.id, N_("request")
        )
    if request.case_id and not catalog.cases.exists(vault, request.case_id):
        raise ValidationError.of(N_("the request's case does not exist ({case})"), case=request.case_id)
    if request.addressee_id and not catalog.agencies.exists(vault, request.addressee_id):
        raise ValidationError.of(
            N_("the addressee agency does not exist ({agency})"), agency=request.addressee_id
        )
    if request.request_date and request.requested_by and request.requested_by < request.request_date:
        raise ValidationError.of(N_("the requested completion date is before the date of the request"))


requests = RecordService(MlaRequest, _validate, None, "created_at DESC", "our_reference")


def fields_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
    """Decode a (partial) request in the export-json format into typed field values."""
    data = certification.legacy_certifications(dict(data))
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
        data = jsonio.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"{path.name} is not a readable JSON request: {exc}") from None
    if not isinstance(data, dict):
        raise ValidationError(f"{path.name} must hold a JSON object of request fields")
    return fields_from_json(data)


def create(vault: Vault, **fields: Any) -> MlaRequest:
    """A new draft. The request date is left unset until the officer gives it: a silent "today" would
    date the request the day it was started, and hide the rule asking for a date."""
    return requests.add(vault, MlaRequest(**fields))


def update(vault: Vault, ref: str, changes: Mapping[str, Any]) -> MlaRequest:
    forbidden = _SYSTEM_FIELDS & set(changes)
    if forbidden:
        raise ValidationError(f"use 'mla status' to change {', '.join(sorted(forbidden))}")
    return requests.edit(vault, ref, changes)


def certify_translation(
    vault: Vault, ref: str, lang: str, name: str, qualification: str, on: dt.date
) -> MlaRequest:
    """A translator vouches for the ``lang`` version exactly as it stands now (replacing an earlier
    certification of ``lang``; those of other languages stay, each covering its own language).

    Refused while a free-text field has no translation into ``lang`` (a certificate over text still
    in the drafting language would be false). The certification records the hash of what it covers,
    so any later edit voids it; exports in other languages stay marked unofficial.
    """
    check.require_text(N_("translator name"), name)
    check.require_text(N_("translator qualification"), qualification)
    check.language(N_("certified language"), lang, optional=False)
    request = requests.get(vault, ref)
    if lang == request.language:
        raise ValidationError.of(
            N_("the request is drafted in {lang}: only a translation into another language is certified"),
            lang=lang,
        )
    if on > dt.date.today():
        raise ValidationError.of(N_("the certification date {date} is in the future"), date=on.isoformat())
    missing = certification.untranslated_fields(request, lang)
    if missing:
        raise ValidationError.of(
            N_(
                "cannot certify {lang}: {count} field(s) have no {lang} translation yet (first: "
                "{first}); export in {lang} first or translate them"
            ),
            lang=lang,
            count=len(missing),
            first=missing[0],
        )
    covered = certification.covered_hash(request, lang)
    cert = TranslatorCertification(name.strip(), qualification.strip(), on, lang, covered)
    # One per language: a new certification of ``lang`` replaces the earlier one, the others stay.
    return requests.edit(
        vault, request.id, {"certifications": certification.with_certification(request, cert)}
    )


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


to_json = certification.to_json
content_hash = certification.content_hash


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
