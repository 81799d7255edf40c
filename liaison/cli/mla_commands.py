"""mla new | edit | show | list | validate | status | deadlines | export | export-json | verify | advance."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from liaison.cli import output
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
    export_json.add_argument("-o", "--output", required=True)
    export_json.set_defaults(func=cmd_export_json)
