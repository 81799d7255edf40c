"""Exporting an MLA request: translate its free text, compose it in the partner's language, render
the PDF (optionally bilingual and signed), keep every exported version in the vault, audit it.

Also status changes, deadlines, validation and verification of a printed PDF, because they all
read the same request and its vault context.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from liaison.crypto.atomic import atomic_write_bytes
from liaison.documents import countries, deadlines, embedded, rules
from liaison.documents.compose import Context, compose
from liaison.documents.freetext import free_text_fields, translation_of
from liaison.documents.layout import Document
from liaison.domain import Agency, Agreement
from liaison.domain.mla import FieldTranslation, MlaRequest, RequestStatus
from liaison.errors import LiaisonError, ValidationError
from liaison.services import catalog
from liaison.services import mla as requests_service
from liaison.services import translation as translation_service
from liaison.store import audit, records
from liaison.store.vault import Vault, utc_now
from liaison.translation.engine import Engine, PackMissing

Progress = Callable[[str], None]
# Lays out (document, second document or None, attachment) as the PDF's bytes.
Renderer = Callable[[Document, Document | None, bytes], bytes]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    content_hash: str
    version: int
    warnings: tuple[str, ...]
    untranslated: tuple[str, ...]
    draft: bool = False


class ExportRefused(LiaisonError):
    """The request fails validation (export it as a draft), or a draft was to be signed."""

    exit_code = 12


def check_exportable(request: MlaRequest, *, draft: bool, sign: bool) -> list[rules.Issue]:
    """Raise ExportRefused unless this export may go ahead; returns the validation errors (a draft
    may have some). A signature vouches for a finished request, so it is refused on any draft."""
    errors = [i for i in rules.validate(request) if i.level == "error"]
    name = request.our_reference or request.id[:8]
    if sign and draft:
        raise ExportRefused(
            f"{name}: a draft export cannot be signed; fix the request and export it without --draft"
        )
    if errors and not draft:
        first = errors[0]
        raise ExportRefused(
            f"{name} fails validation with {len(errors)} error(s) (first: {first.field}: {first.message}); "
            "fix them (see 'mla validate') or export with --draft"
            + ("; a signed export needs a valid request" if sign else "")
        )
    return errors


def _context(vault: Vault, request: MlaRequest, *, draft: bool = False) -> Context:
    addressee: tuple[str, ...] = ()
    if request.addressee_id:
        agency = records.get(vault, Agency, request.addressee_id)
        addressee = tuple(x for x in (agency.name, agency.name_native, agency.address) if x)
    names: list[str] = []
    localized: list[dict[str, str]] = []  # per basis: its official title in each language known
    for basis in request.legal_bases:
        if basis.agreement_id and catalog.agreements.exists(vault, basis.agreement_id):
            agreement = records.get(vault, Agreement, basis.agreement_id)
            names.append(agreement.title)
            localized.append({t.lang: t.text for t in agreement.titles if t.text.strip()})
        else:
            names.append(basis.instrument)
            localized.append({})
    langs = {lang for titles in localized for lang in titles}
    by_lang = {lang: [t.get(lang, n) for t, n in zip(localized, names, strict=True)] for lang in langs}
    return Context(
        addressee=addressee,
        legal_bases=tuple(names),
        legal_bases_by_lang={lang: tuple(items) for lang, items in by_lang.items()},
        content_hash=requests_service.content_hash(request),
        draft=draft,
    )


def translate_free_text(
    vault: Vault, request: MlaRequest, lang: str, engine: Engine, progress: Progress | None = None
) -> tuple[MlaRequest, list[str]]:
    """Machine-translate every free-text field that has no translation into ``lang`` yet.

    Returns the updated request (saved) and the fields left untranslated because no pack covers
    the pair. Translation memory and glossary apply through the vault's resources.
    """
    if lang == request.language:
        return request, []
    new: list[FieldTranslation] = []
    missing: list[str] = []
    for path, source in free_text_fields(request):
        if translation_of(request, path, lang, source) is not None:
            continue
        if progress:
            progress(path)
        try:
            result = translation_service.translate(vault, engine, source, request.language, lang)
        except PackMissing:
            missing.append(path)
            continue
        origin = "memory" if result.from_memory == len(result.segments) else "machine"
        new.append(FieldTranslation(path, lang, source, result.text, origin))
    if not new:
        return request, missing
    kept = tuple(
        t for t in request.translations if not any(t.field == n.field and t.lang == n.lang for n in new)
    )
    updated = requests_service.update(vault, request.id, {"translations": kept + tuple(new)})
    return updated, missing


def documents(
    vault: Vault, request: MlaRequest, lang: str, bilingual: str | None, *, draft: bool = False
) -> tuple[Document, Document | None, Context]:
    ctx = _context(vault, request, draft=draft)
    second = compose(request, bilingual, ctx) if bilingual else None
    return compose(request, lang, ctx), second, ctx


def attachment_for(request: MlaRequest, ctx: Context, lang: str, bilingual: str | None) -> bytes:
    """The structured data embedded in the PDF (``documents.embedded``)."""
    return embedded.payload(
        requests_service.to_json(request),
        lang=lang,
        bilingual=bilingual,
        draft=ctx.draft,
        addressee=ctx.addressee,
        legal_bases=ctx.legal_bases,
        legal_bases_by_lang=ctx.legal_bases_by_lang,
    )


def _store_version(
    vault: Vault, request: MlaRequest, lang: str, name: str, data: bytes, content: str, kind: str
) -> int:
    row = vault.conn.execute(
        "SELECT max(version) FROM mla_exports WHERE request_id = ?", (request.id,)
    ).fetchone()
    version = (row[0] or 0) + 1
    digest = hashlib.sha256(data).hexdigest()
    vault.conn.execute(
        "INSERT INTO mla_exports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (request.id, version, utc_now(), kind, lang, name, digest, content, data),
    )
    return version


def export_pdf(  # noqa: PLR0913  (independent export choices the CLI and UI pass through)
    vault: Vault,
    ref: str,
    lang: str,
    output: Path,
    *,
    bilingual: str | None = None,
    engine: Engine | None = None,
    sign_with: tuple[Path, str] | None = None,
    progress: Progress | None = None,
    draft: bool = False,
    renderer: Renderer | None = None,
) -> ExportResult:
    """Export the request; refused (ExportRefused) when it fails validation unless ``draft``, and
    whenever a draft is to be signed. A draft carries DRAFT on every page.

    ``renderer`` lays the composed document out (the app passes a worker process's, so the
    window never waits for reportlab); by default it runs here."""
    request = requests_service.requests.get(vault, ref)
    check_exportable(request, draft=draft, sign=sign_with is not None)
    engine = engine or Engine()
    warnings = []
    for target in filter(None, (lang, bilingual)):
        request, _missing = translate_free_text(vault, request, target, engine, progress)
    accepted = (
        countries.language_warning(request.requested_state, request.rule_set, lang)
        if request.requested_state
        else None
    )
    if accepted:
        warnings.append(accepted)
    doc, second, ctx = documents(vault, request, lang, bilingual, draft=draft)
    attachment = attachment_for(request, ctx, lang, bilingual)
    if renderer is None:
        from liaison.documents import pdf  # noqa: PLC0415  (reportlab and fonts load only for exports)

        data = pdf.render(doc, second=second, attachment=attachment)
    else:
        data = renderer(doc, second, attachment)
    if sign_with is not None:
        from liaison.documents import signing  # noqa: PLC0415

        data = signing.sign(data, sign_with[0], sign_with[1], reason=doc.title)
    with vault.transaction():
        kind = "pdf-draft" if draft else "pdf"
        version = _store_version(vault, request, lang, output.name, data, doc.content_hash, kind)
        atomic_write_bytes(output, data)
        digest = hashlib.sha256(data).hexdigest()
        audit.append(
            vault,
            "export",
            "mla_request",
            request.id,
            {
                "format": "pdf",
                "lang": lang,
                "bilingual": bilingual or "",
                "file": output.name,
                "sha256": digest,
                "version": version,
                "signed": sign_with is not None,
                "draft": draft,
            },
        )
    untranslated = tuple(
        path
        for path, source in free_text_fields(request)
        if lang != request.language and translation_of(request, path, lang, source) is None
    )
    return ExportResult(output, digest, doc.content_hash, version, tuple(warnings), untranslated, draft)


def versions(vault: Vault, ref: str) -> list[tuple[int, str, str, str, str]]:
    """(version, exported_at, lang, file name, sha256) of every export of a request."""
    request_id = requests_service.requests.resolve(vault, ref)
    rows = vault.conn.execute(
        "SELECT version, exported_at, lang, file_name, sha256 FROM mla_exports WHERE request_id = ? "
        "ORDER BY version",
        (request_id,),
    )
    return [(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]


def validate(vault: Vault, ref: str) -> list[rules.Issue]:
    return rules.validate(requests_service.requests.get(vault, ref))


def set_status(
    vault: Vault,
    ref: str,
    status: RequestStatus,
    on: dt.date,
    channel: str = "",
    reference: str = "",
    note: str = "",
) -> MlaRequest:
    request = requests_service.requests.get(vault, ref)
    if status is RequestStatus.READY:
        errors = [i for i in rules.validate(request) if i.level == "error"]
        if errors:
            raise ValidationError(
                f"not ready: {len(errors)} required field(s) missing, first: {errors[0].message}"
            )
    if on > dt.date.today():
        raise ValidationError(f"{on} is in the future: record a status change once it has happened")
    if status is RequestStatus.SENT:
        _check_sent_after_export(vault, request, on)
    changed = deadlines.transition(request, status, on, channel, reference, note)
    return records.update(
        vault,
        MlaRequest,
        request.id,
        {
            "status": changed.status,
            "history": changed.history,
            "foreign_reference": changed.foreign_reference,
            "transmission_channel": changed.transmission_channel,
        },
    )


def _check_sent_after_export(vault: Vault, request: MlaRequest, on: dt.date) -> None:
    """A request cannot have been sent before the document that was sent existed."""
    row = vault.conn.execute(
        "SELECT min(exported_at) FROM mla_exports WHERE request_id = ? AND kind = 'pdf'", (request.id,)
    ).fetchone()
    if row is None or row[0] is None:
        return  # sent by other means (an e-EDES form, a paper original): nothing to compare with
    first = dt.date.fromisoformat(str(row[0])[:10])
    if on < first:
        raise ValidationError(
            f"the request cannot have been sent on {on}: its first final PDF was exported on {first}"
        )


def request_deadlines(vault: Vault, ref: str, today: dt.date) -> list[deadlines.Deadline]:
    return deadlines.deadlines(requests_service.requests.get(vault, ref), today)


def open_deadlines(vault: Vault, today: dt.date) -> list[tuple[MlaRequest, deadlines.Deadline]]:
    """Every deadline still running, across all requests (what a calendar should show)."""
    return [
        (r, d)
        for r in requests_service.requests.list(vault)
        for d in deadlines.deadlines(r, today)
        if not d.done
    ]


def overdue(vault: Vault, today: dt.date) -> list[tuple[MlaRequest, deadlines.Deadline]]:
    return deadlines.overdue(requests_service.requests.list(vault), today)


def advance(
    vault: Vault, ref: str, channel: str, lang: str, formal_channel: str, on: dt.date, output: Path
) -> tuple[str, dt.date]:
    """Write the advance message, record it on the request; returns the text and when the formal
    request is due (the written confirmation deadline)."""
    from liaison.documents.advance import advance_message  # noqa: PLC0415

    request = requests_service.requests.get(vault, ref)
    if not request.urgent:
        raise ValidationError("only an urgent request is announced by an advance message: mark it --urgent")
    if request.status not in (RequestStatus.DRAFT, RequestStatus.READY):
        raise ValidationError(
            f"{request.our_reference or ref} is already {request.status.value.replace('_', ' ')}: "
            "an advance message announces a formal request that has not been sent yet"
        )
    due = deadlines.add_working_days(on, deadlines.DEFAULT_POLICY.confirmation_working_days)
    text = advance_message(request, lang, channel, formal_channel or request.transmission_channel or "—", due)
    with vault.transaction():
        records.update(
            vault, MlaRequest, request.id, {"advance_copy_via": channel, "advance_copy_sent_on": on}
        )
        atomic_write_bytes(output, text.encode())
        audit.append(
            vault,
            "export",
            "mla_request",
            request.id,
            {
                "format": "advance",
                "channel": channel,
                "file": output.name,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            },
        )
    return text, due
