"""What a translator's certification covers, and whether it still holds.

Why a hash: a certification is a statement about one exact text. It names the target language and
the SHA-256 of the request's content together with every translated free-text field in that
language, as they stood when the translator signed. Editing the source, or any translation in that
language, changes the hash, so the certification stops applying and the export is marked unofficial
again; exports in any other language were never covered.

Also the request's canonical JSON and content hash (printed on the PDF, embedded in it, checked by
``mla verify``): kept here, beside the certification hash, because both must be computed the same
way by the exporter, the verifier and a partner's importer, none of which needs the vault.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from liaison.documents.freetext import free_text_fields, translation_of
from liaison.domain.mla import MlaRequest, TranslatorCertification
from liaison.store import codec

JSON_FORMAT = "liaison-mla-request"
JSON_VERSION = 1
# Bookkeeping, not content: changing a status or a timestamp does not change what the document says.
_NOT_CONTENT = frozenset({"id", "created_at", "updated_at", "history", "status", "format", "version"})


def to_json(request: MlaRequest) -> dict[str, Any]:
    """The ``export-json`` form: format name, schema version, then every field."""
    encoded = codec.to_jsonable(request)
    assert isinstance(encoded, dict)
    return {"format": JSON_FORMAT, "version": JSON_VERSION, **encoded}


def canonical(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


# Fields added to the model after hashes were first written, hashed only when set: a new optional
# field must not change the hash of a request that does not use it, or every certification and
# every kept export of an upgraded vault, and every file from a partner on an earlier release,
# would read as changed. Add a new optional field here with its unset value.
_LATER_FIELDS: dict[str, object] = {"validated_on": None, "main_contact": False}


def _without_unset_later_fields(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_unset_later_fields(v)
            for k, v in value.items()
            if not (k in _LATER_FIELDS and v == _LATER_FIELDS[k])
        }
    if isinstance(value, list):
        return [_without_unset_later_fields(v) for v in value]
    return value


def content_of(data: dict[str, Any]) -> dict[str, Any]:
    """The content part of a request in the export-json form (what the content hash covers)."""
    content = {k: v for k, v in data.items() if k not in _NOT_CONTENT}
    return dict(_without_unset_later_fields(content))


def content_hash_of_json(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(content_of(data))).hexdigest()


def content_hash(request: MlaRequest) -> str:
    """SHA-256 of the request's content: printed on the PDF, embedded in it, checked by verify."""
    return content_hash_of_json(to_json(request))


# Links to records of the exporting vault: ``mla import`` drops them (they mean nothing in another
# vault) and no document prints them, so a certification does not cover them and travels with the
# request to a partner's vault.
VAULT_LINKS = ("case_id", "addressee_id", "addressee_contact_id", "advance_of")


def covered_hash(request: MlaRequest, lang: str, *, with_vault_links: bool = False) -> str:
    """SHA-256 of what a certification of ``lang`` covers: the source content (without any
    translation or certification, nor the links to records of this vault) and the current
    translation of every free-text field. ``with_vault_links`` gives the hash certifications of
    earlier releases recorded, which still hold where they were made."""
    dropped = {"translations", "certifications", *(() if with_vault_links else VAULT_LINKS)}
    source = {k: v for k, v in content_of(to_json(request)).items() if k not in dropped}
    translated = []
    for path, text in free_text_fields(request):
        found = translation_of(request, path, lang, text)
        translated.append([path, text, found.text if found else None])
    return hashlib.sha256(
        canonical({"lang": lang, "request": source, "translations": translated})
    ).hexdigest()


def _covers(request: MlaRequest, cert: TranslatorCertification) -> bool:
    if not (cert.lang and cert.content_hash):
        return False
    return cert.content_hash in (
        covered_hash(request, cert.lang),
        covered_hash(request, cert.lang, with_vault_links=True),
    )


def without_vault_links(request: MlaRequest) -> tuple[MlaRequest, tuple[str, ...]]:
    """``request`` without its links to records of the vault that sent it (what ``mla import`` keeps),
    and the languages whose certification was recorded again under the current hash.

    Why: a certification of an earlier release hashed those links too, so dropping them would void
    it in the partner's vault although nothing the translator saw has changed. A certification that
    holds on the request as received, links included (so it is checked against exactly what was
    certified), is recorded again under the hash that leaves the links out. One that does not hold
    there stays as it was, and so stays void.
    """
    certifications: list[TranslatorCertification] = []
    moved: list[str] = []
    for cert in request.certifications:
        kept = cert
        if cert.lang and cert.content_hash:
            current = covered_hash(request, cert.lang)
            earlier = covered_hash(request, cert.lang, with_vault_links=True)
            if cert.content_hash != current and cert.content_hash == earlier:
                kept = dataclasses.replace(cert, content_hash=current)
                moved.append(cert.lang)
        certifications.append(kept)
    unlinked = dataclasses.replace(  # every field of VAULT_LINKS
        request,
        certifications=tuple(certifications),
        case_id=None,
        addressee_id=None,
        addressee_contact_id=None,
        advance_of=None,
    )
    return unlinked, tuple(moved)


def untranslated_fields(request: MlaRequest, lang: str) -> list[str]:
    """Free-text fields with no translation into ``lang`` made from their current text."""
    return [
        path for path, text in free_text_fields(request) if translation_of(request, path, lang, text) is None
    ]


def certification_for(request: MlaRequest, lang: str) -> TranslatorCertification | None:
    """The request's certification of ``lang`` if it covers the content as it is now, else None."""
    if not lang or lang == request.language:
        return None
    for cert in request.certifications:
        if cert.lang == lang and _covers(request, cert):
            return cert
    return None


def holds(request: MlaRequest, cert: TranslatorCertification) -> bool:
    """Whether ``cert`` still covers the request as it is now."""
    return _covers(request, cert)


def with_certification(
    request: MlaRequest, cert: TranslatorCertification
) -> tuple[TranslatorCertification, ...]:
    """The request's certifications with ``cert`` in place of any earlier one of its language."""
    kept = [c for c in request.certifications if c.lang != cert.lang]
    return tuple(sorted([*kept, cert], key=lambda c: c.lang))


def describe(request: MlaRequest, cert: TranslatorCertification) -> str:
    """One line for the officer: what this certification covers, or why it lapsed."""
    if not cert.lang or not cert.content_hash:
        return f"certification by {cert.name} names no language or content: it certifies nothing"
    if not holds(request, cert):
        return (
            f"{cert.lang}: certification by {cert.name} is void: what it covered has changed (an edit of "
            f"the request or of its {cert.lang} translation, or text this Liaison translates that it did "
            "not cover); certify again"
        )
    return (
        f"{cert.lang} certified by {cert.name} on {cert.certified_on.isoformat()} ({cert.content_hash[:16]}…)"
    )


def status(request: MlaRequest) -> list[str]:
    """A line per certification (see ``describe``), or one saying there is none."""
    return [describe(request, c) for c in request.certifications] or ["no translator certification"]


def legacy_certifications(data: dict[str, Any]) -> dict[str, Any]:
    """A request in the export-json form of release 1 had one ``translator``: it becomes the list."""
    if "translator" not in data:
        return data
    upgraded = {k: v for k, v in data.items() if k != "translator"}
    if "certifications" not in upgraded:
        upgraded["certifications"] = [data["translator"]] if data["translator"] else []
    return upgraded
