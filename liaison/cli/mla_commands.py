"""mla new | edit | show | list | validate | status | deadlines | export | export-json | verify | import |
advance | certify | versions."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from liaison.cli import inputs, output
from liaison.cli.context import opened
from liaison.domain.mla import InstrumentKind, RequestStatus
from liaison.errors import ValidationError
from liaison.services import catalog
from liaison.services import mla as service
from liaison.store.vault import Vault

_SIMPLE = (
    "requesting_state",
    "requested_state",
    "our_reference",
    "foreign_reference",
    "place",
    "transmission_channel",
    "language",
    "rule_set",
    "facts",
    "purpose",
    "signatory_name",
    "signatory_post",
    "urgency_detail",
    "confidentiality_reasons",
    "court",
    "court_case_number",
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text!r}") from None


def document_language(text: str) -> str:
    """argparse type for ``--lang``/``--bilingual``: a language the documents have a catalog for."""
    from liaison.documents import catalogs  # noqa: PLC0415  (babel loads only when asked for)

    known = catalogs.languages()
    if text.replace("-", "_").split("_")[0].lower() not in known:
        raise argparse.ArgumentTypeError(f"no document language {text!r}: choose from {', '.join(known)}")
    return text


def _changes(vault: Vault, args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = service.read_json_file(Path(args.json)) if args.json else {}
    for name in _SIMPLE:
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = value.upper() if name.endswith("_state") else value
    if args.instrument:
        changes["instrument_kind"] = InstrumentKind(args.instrument)
    if args.case:
        changes["case_id"] = catalog.cases.resolve(vault, args.case)
    if args.request_date:
        changes["request_date"] = args.request_date
    if args.requested_by:
        changes["requested_by"] = args.requested_by
    if args.urgent is not None:
        changes["urgent"] = args.urgent
    if args.confidential is not None:
        changes["confidential"] = args.confidential
    return changes


def _apply_contacts(vault: Vault, request_id: str, args: argparse.Namespace) -> None:
    if args.addressee_contact:
        service.set_addressee(vault, request_id, args.addressee_contact)
    if args.contact_officer:
        service.set_contact_officer(vault, request_id, args.contact_officer)


def cmd_new(args: argparse.Namespace) -> int:
    with opened(args) as vault, vault.transaction():
        request = service.create(vault, **_changes(vault, args))
        _apply_contacts(vault, request.id, args)
    print(request.id)
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    with opened(args) as vault, vault.transaction():
        request = service.requests.get(vault, args.ref)
        changes = _changes(vault, args)
        if changes:
            service.update(vault, request.id, changes)
        _apply_contacts(vault, request.id, args)
        if not changes and not (args.addressee_contact or args.contact_officer):
            raise ValidationError("nothing to change: give field options or --json FILE")
    print(request.id)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        request = service.requests.get(vault, args.ref)
    if args.json:
        output.print_json(service.to_json(request))
    else:
        output.print_record(request)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        where, params = ("status = ?", (args.status,)) if args.status else ("", ())
        found = service.requests.list(vault, where, params)
    rows = [
        {
            "id": r.id[:8],
            "reference": r.our_reference,
            "to": r.requested_state,
            "rule_set": r.rule_set,
            "status": r.status.value,
            "urgent": "yes" if r.urgent else "",
            "date": r.request_date,
        }
        for r in found
    ]
    if args.json:
        output.print_json([service.to_json(r) for r in found])
    else:
        output.print_table(rows, ["id", "reference", "to", "rule_set", "status", "urgent", "date"])
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        digest = service.export_json(vault, args.ref, Path(args.output))
    print(f"wrote {args.output} (sha256 {digest})", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from liaison.services import mla_export  # noqa: PLC0415

    with opened(args) as vault:
        issues = mla_export.validate(vault, args.ref)
    if args.json:
        output.print_json([output.to_dict(i) for i in issues])
    else:
        for issue in issues:
            print(f"{issue.level:7} {issue.field}: {issue.message} [{issue.rule_set} {issue.article}]")
        errors = sum(1 for i in issues if i.level == "error")
        print(f"{errors} error(s), {len(issues) - errors} warning(s)", file=sys.stderr)
    return 11 if any(i.level == "error" for i in issues) else 0


def cmd_status(args: argparse.Namespace) -> int:
    from liaison.services import mla_export  # noqa: PLC0415

    with opened(args) as vault:
        request = mla_export.set_status(
            vault,
            args.ref,
            RequestStatus(args.state),
            args.date or dt.date.today(),
            args.channel or "",
            args.ref_foreign or "",
            args.note or "",
        )
    print(f"{request.our_reference or request.id[:8]}: {request.status.value}")
    return 0


def cmd_deadlines(args: argparse.Namespace) -> int:
    from liaison.services import mla_export  # noqa: PLC0415

    today = args.today or dt.date.today()
    with opened(args) as vault:
        if args.ref:
            found = [
                (service.requests.get(vault, args.ref), d)
                for d in mla_export.request_deadlines(vault, args.ref, today)
            ]
        else:
            found = mla_export.open_deadlines(vault, today) if args.ics else mla_export.overdue(vault, today)
    if args.ics:
        from liaison.crypto.atomic import atomic_write_bytes  # noqa: PLC0415
        from liaison.documents.calendar_export import to_ics  # noqa: PLC0415

        atomic_write_bytes(Path(args.ics), to_ics(found))
        events = sum(1 for _r, d in found if not d.done)
        print(f"wrote {args.ics} ({events} deadline(s))", file=sys.stderr)
    rows = [
        {
            "request": r.our_reference or r.id[:8],
            "deadline": d.label,
            "due": d.due,
            "basis": d.basis,
            "state": "done" if d.done else ("OVERDUE" if d.overdue else "open"),
        }
        for r, d in found
    ]
    if args.json:
        output.print_json(rows)
    else:
        output.print_table(rows, ["request", "deadline", "due", "state", "basis"])
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from liaison.services import mla_export  # noqa: PLC0415

    sign = None
    if args.sign and args.draft:
        raise mla_export.ExportRefused("a draft export cannot be signed: drop --draft or --sign")
    if args.sign:
        sign = (
            Path(args.sign),
            os.environ.get("LIAISON_CERT_PASSWORD") or getpass.getpass("Certificate password: "),
        )
    with opened(args) as vault:
        result = mla_export.export_pdf(
            vault,
            args.ref,
            args.lang,
            Path(args.output),
            bilingual=args.bilingual,
            sign_with=sign,
            progress=lambda f: print(f"translating {f}…", file=sys.stderr),
            draft=args.draft,
        )
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if result.untranslated:
        print(f"untranslated (no language pack): {', '.join(result.untranslated)}", file=sys.stderr)
    draft = " DRAFT (fails validation)" if result.draft else ""
    print(f"wrote {result.path}{draft} (version {result.version}, sha256 {result.sha256})")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from liaison.services import mla_verify  # noqa: PLC0415

    path = Path(args.file)
    if args.no_vault:
        report = mla_verify.verify(
            path, vault=None, trust=args.trust, require_signature=args.require_signature
        )
    else:
        with opened(args) as vault:
            report = mla_verify.verify(
                path, vault=vault, trust=args.trust, require_signature=args.require_signature
            )
    for line in report.lines():
        print(line)
    code = report.exit_code
    print(f"{path.name}: " + ("verified" if code == 0 else f"NOT verified (exit {code})"))
    return code


def cmd_import(args: argparse.Namespace) -> int:
    from liaison.services import mla_import  # noqa: PLC0415

    with opened(args) as vault:
        request = mla_import.import_pdf(vault, Path(args.file))
    print(request.id)
    print(f"imported {request.our_reference or request.id[:8]} from {Path(args.file).name}", file=sys.stderr)
    return 0


def cmd_annex_b(args: argparse.Namespace) -> int:
    from liaison.documents.compose_annexes import Receipt  # noqa: PLC0415
    from liaison.services import mla_annexes  # noqa: PLC0415

    receipt = Receipt(args.received_on, args.authority, args.executing_ref or "", args.transmitted_to or "")
    with opened(args) as vault:
        digest = mla_annexes.confirmation_of_receipt(vault, args.ref, args.lang, receipt, Path(args.output))
    print(f"wrote {args.output} (Annex B, sha256 {digest})")
    return 0


def cmd_annex_c(args: argparse.Namespace) -> int:
    from liaison.documents.compose_annexes import Interception  # noqa: PLC0415
    from liaison.services import mla_annexes  # noqa: PLC0415

    notice = Interception(args.target, args.period, args.date or dt.date.today())
    with opened(args) as vault:
        digest = mla_annexes.interception_notice(vault, args.ref, args.lang, notice, Path(args.output))
    print(f"wrote {args.output} (Annex C, sha256 {digest})")
    return 0


def cmd_certify(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        request = service.certify_translation(
            vault, args.ref, args.lang, args.name, args.qualification, args.date or dt.date.today()
        )
    cert = next(c for c in request.certifications if c.lang == args.lang)
    others = [c.lang for c in request.certifications if c.lang != args.lang]
    print(
        f"{request.our_reference or request.id[:8]}: {args.lang} translation certified by {args.name} "
        f"(content {cert.content_hash[:16]}…; any later edit of it voids it)"
        + (f"; also certified: {', '.join(others)}" if others else "")
    )
    return 0


def cmd_certifications(args: argparse.Namespace) -> int:
    from liaison.documents import certification  # noqa: PLC0415

    with opened(args) as vault:
        request = service.requests.get(vault, args.ref)
    rows = [
        {
            "lang": c.lang or "?",
            "translator": c.name,
            "qualification": c.qualification,
            "certified_on": c.certified_on.isoformat(),
            "content": (c.content_hash[:16] + "…") if c.content_hash else "",
            "state": "valid" if certification.holds(request, c) else "void (changed since)",
        }
        for c in request.certifications
    ]
    if not rows:
        print("no translator certification")
        return 0
    output.print_table(rows, ["lang", "translator", "qualification", "certified_on", "content", "state"])
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from liaison.services import mla_export  # noqa: PLC0415

    with opened(args) as vault:
        rows = [
            {"version": v, "exported_at": at, "lang": lang, "file": name, "sha256": digest[:16] + "…"}
            for v, at, lang, name, digest in mla_export.versions(vault, args.ref)
        ]
    output.print_table(rows, ["version", "exported_at", "lang", "file", "sha256"])
    return 0


def cmd_advance(args: argparse.Namespace) -> int:
    from liaison.services import mla_export  # noqa: PLC0415

    with opened(args) as vault:
        text, due = mla_export.advance(
            vault,
            args.ref,
            args.channel,
            args.lang,
            args.formal_channel or "",
            args.date or dt.date.today(),
            Path(args.output),
        )
    print(text)
    print(f"formal request due by {due.isoformat()}", file=sys.stderr)
    return 0


def _field_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", help="a JSON file of request fields (the export-json format, partial ok)")
    parser.add_argument("--case", help="case id or prefix")
    parser.add_argument("--instrument", choices=[k.value for k in InstrumentKind])
    parser.add_argument("--rule-set", dest="rule_set", help="e.g. UNTOC-18-15, EIO-ANNEX-A")
    for name in _SIMPLE:
        if name != "rule_set":
            parser.add_argument("--" + name.replace("_", "-"), dest=name)
    parser.add_argument("--request-date", type=_date)
    parser.add_argument("--requested-by", type=_date, help="requested completion date")
    parser.add_argument("--urgent", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument("--confidential", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument("--addressee-contact", help="contact whose agency is the addressee")
    parser.add_argument("--contact-officer", help="contact to name as the contact officer")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("mla", help="mutual legal assistance requests")
    actions = parser.add_subparsers(dest="action", required=True)
    new = actions.add_parser("new", help="start a request")
    _field_options(new)
    new.set_defaults(func=cmd_new)
    edit = actions.add_parser("edit", help="change a request")
    edit.add_argument("ref")
    _field_options(edit)
    edit.set_defaults(func=cmd_edit)
    show = actions.add_parser("show", help="show a request")
    show.add_argument("ref")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)
    listing = actions.add_parser("list", help="list requests")
    listing.add_argument("--status", choices=[s.value for s in RequestStatus])
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)
    export_json = actions.add_parser("export-json", help="write the request as structured JSON")
    export_json.add_argument("ref")
    export_json.add_argument("-o", "--output", required=True, type=inputs.output_file)
    export_json.set_defaults(func=cmd_export_json)
    _register_tracking(actions)
    _register_exports(actions)
    _register_annexes(actions)


def _register_tracking(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    validate = actions.add_parser(
        "validate", help="list missing or inconsistent fields and the rule requiring them"
    )
    validate.add_argument("ref")
    validate.add_argument("--json", action="store_true")
    validate.set_defaults(func=cmd_validate)
    status = actions.add_parser("status", help="record a status change (sent, acknowledged, executed...)")
    status.add_argument("ref")
    status.add_argument("state", choices=[s.value for s in RequestStatus])
    status.add_argument("--date", type=_date)
    status.add_argument("--channel", help="transmission channel (required for sent)")
    status.add_argument("--ref", dest="ref_foreign", help="foreign reference (required for acknowledged)")
    status.add_argument("--note")
    status.set_defaults(func=cmd_status)
    dl = actions.add_parser("deadlines", help="deadlines of a request, or every overdue deadline")
    dl.add_argument("ref", nargs="?")
    dl.add_argument("--today", type=_date, help="compute as of this date")
    dl.add_argument("--json", action="store_true")
    dl.add_argument(
        "--ics",
        metavar="FILE",
        help="also write the open deadlines as an iCalendar file (all requests without REF)",
    )
    dl.set_defaults(func=cmd_deadlines)


def _register_annexes(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    annex_b = actions.add_parser("annex-b", help="EIO Annex B: confirm the receipt of an EIO received")
    annex_b.add_argument("ref")
    annex_b.add_argument("--received-on", type=_date, required=True)
    annex_b.add_argument("--authority", required=True, help="the authority which received the EIO")
    annex_b.add_argument("--executing-ref", help="the executing authority's reference")
    annex_b.add_argument("--transmitted-to", help="authority the EIO was passed to, if another")
    annex_b.add_argument("--lang", default="en")
    annex_b.add_argument("-o", "--output", required=True)
    annex_b.set_defaults(func=cmd_annex_b)
    annex_c = actions.add_parser("annex-c", help="EIO Annex C: notify an interception (art. 31)")
    annex_c.add_argument("ref")
    annex_c.add_argument("--target", required=True, help="person and identifiers intercepted")
    annex_c.add_argument("--period", required=True)
    annex_c.add_argument("--date", type=_date, help="date of the notification (default today)")
    annex_c.add_argument("--lang", default="en")
    annex_c.add_argument("-o", "--output", required=True)
    annex_c.set_defaults(func=cmd_annex_c)


def _register_exports(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = actions.add_parser("export", help="export the request as PDF in a partner language")
    export.add_argument("ref")
    export.add_argument("--lang", required=True, type=document_language, help="document language, e.g. fr")
    export.add_argument(
        "--bilingual", type=document_language, help="second language shown beside it, e.g. en"
    )
    export.add_argument(
        "--sign",
        metavar="CERT.p12",
        help="PAdES-sign with this PKCS#12 (password asked, or LIAISON_CERT_PASSWORD)",
    )
    export.add_argument(
        "--draft",
        action="store_true",
        help="export although the request fails validation; every page is marked DRAFT (cannot be signed)",
    )
    export.add_argument("-o", "--output", required=True, type=inputs.output_file)
    export.set_defaults(func=cmd_export)
    verify = actions.add_parser(
        "verify",
        help="check a PDF: signatures, embedded request, page text, vault version",
        description="Exit codes: 0 verified; 20 not a Liaison export; 21 signature broken; 22 changed "
        "after signing; 23 signer not trusted; 24 content altered; 25 not in this vault or changed since; "
        "26 unsigned (with --require-signature).",
    )
    verify.add_argument("file")
    verify.add_argument(
        "--trust",
        action="append",
        metavar="CERT",
        help="trust root certificate (PEM/DER file or folder; repeatable; also $LIAISON_TRUST_ROOTS)",
    )
    verify.add_argument("--no-vault", action="store_true", help="check the file alone (no vault lookup)")
    verify.add_argument("--require-signature", action="store_true", help="an unsigned file fails")
    verify.set_defaults(func=cmd_verify)
    imp = actions.add_parser("import", help="import the request embedded in a Liaison PDF")
    imp.add_argument("file")
    imp.set_defaults(func=cmd_import)
    adv = actions.add_parser("advance", help="write the urgent advance message for a police channel")
    adv.add_argument("ref")
    adv.add_argument("--channel", required=True, help="e.g. 'INTERPOL I-24/7' or SIENA")
    adv.add_argument("--formal-channel", help="channel of the formal request to follow")
    adv.add_argument("--lang", default="en", type=document_language)
    adv.add_argument("--date", type=_date, help="date the advance message is sent (default today)")
    adv.add_argument("-o", "--output", required=True, type=inputs.output_file)
    adv.set_defaults(func=cmd_advance)
    certify = actions.add_parser(
        "certify",
        help="record a translator's certification of one language version as it stands now "
        "(replaces an earlier one of that language; other languages keep theirs)",
    )
    certify.add_argument("ref")
    certify.add_argument("--lang", required=True, help="the language of the translation certified, e.g. fr")
    certify.add_argument("--name", required=True)
    certify.add_argument(
        "--qualification", required=True, help="e.g. 'sworn translator, Court of Appeal of Paris'"
    )
    certify.add_argument("--date", type=_date)
    certify.set_defaults(func=cmd_certify)
    certs = actions.add_parser(
        "certifications", help="every translator certification of a request (one per language), valid or void"
    )
    certs.add_argument("ref")
    certs.set_defaults(func=cmd_certifications)
    vers = actions.add_parser("versions", help="every exported version of a request (kept in the vault)")
    vers.add_argument("ref")
    vers.set_defaults(func=cmd_versions)
