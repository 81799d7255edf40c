"""add / list / show / edit / delete for contacts, agencies, agreements, parties, cases and links."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from liaison.cli import contact_io_commands, fields, output
from liaison.cli.context import opened
from liaison.services import catalog
from liaison.services.records import RecordService
from liaison.store.vault import Vault

Filter = Callable[[Vault, argparse.Namespace], tuple[str, tuple[Any, ...]]]


@dataclass(frozen=True)
class Group:
    name: str
    service: RecordService[Any]
    columns: tuple[str, ...]
    help: str
    filters: tuple[tuple[str, str], ...] = ()
    build_filter: Filter | None = None
    references: tuple[tuple[str, RecordService[Any]], ...] = ()


def _contact_filter(vault: Vault, args: argparse.Namespace) -> tuple[str, tuple[Any, ...]]:
    clauses, params = [], []
    if args.country:
        clauses.append("country = ?")
        params.append(args.country.upper())
    if args.agency:
        clauses.append("agency_id = ?")
        params.append(catalog.agencies.resolve(vault, args.agency))
    if args.language:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(contacts.languages) WHERE json_extract(value, '$.code') = ?)"
        )
        params.append(args.language.lower())
    if args.trust:
        clauses.append("trust_level = ?")
        params.append(args.trust)
    return " AND ".join(clauses), tuple(params)


def _single(column: str, resolve: RecordService[Any] | None = None) -> Filter:
    def build(vault: Vault, args: argparse.Namespace) -> tuple[str, tuple[Any, ...]]:
        value = getattr(args, column.removesuffix("_id"))
        if not value:
            return "", ()
        return f"{column} = ?", (resolve.resolve(vault, value) if resolve else value,)

    return build


GROUPS = (
    Group(
        "agencies",
        catalog.agencies,
        ("id", "name", "kind", "country"),
        "foreign and home agencies",
        (("--country", "ISO country code"),),
        _single("country"),
        (("parent_id", catalog.agencies),),
    ),
    Group(
        "contacts",
        catalog.contacts,
        ("id", "full_name", "country", "role", "preferred_language", "trust_level", "handling"),
        "foreign counterparts",
        (
            ("--country", "ISO country code"),
            ("--agency", "agency id"),
            ("--language", "language code"),
            ("--trust", "trust level"),
        ),
        _contact_filter,
        (("agency_id", catalog.agencies), ("successor_id", catalog.contacts)),
    ),
    Group(
        "agreements",
        catalog.agreements,
        ("id", "short_name", "title", "kind", "status"),
        "treaties, conventions, MLA agreements and MoUs",
    ),
    Group(
        "parties",
        catalog.parties,
        ("id", "country", "status", "in_force_on", "accepted_languages"),
        "the States party to an agreement",
        (("--agreement", "agreement id"),),
        _single("agreement_id", catalog.agreements),
        (("agreement_id", catalog.agreements), ("central_authority_id", catalog.agencies)),
    ),
    Group(
        "cases",
        catalog.cases,
        ("id", "reference", "title", "status", "opened_on"),
        "cases",
        (("--status", "open, dormant or closed"),),
        _single("status"),
    ),
    Group(
        "links",
        catalog.links,
        ("id", "a_kind", "a_id", "relation", "b_kind", "b_id"),
        "relations between records",
    ),
)


def _resolve_references(vault: Vault, group: Group, values: dict[str, Any]) -> dict[str, Any]:
    for name, service in group.references:
        if values.get(name):
            values[name] = service.resolve(vault, values[name])
    return values


def _short(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v[:8] if v and (k == "id" or k.endswith("_id")) else v) for k, v in row.items()}


def _run(group: Group, args: argparse.Namespace) -> int:
    with opened(args) as vault:
        action = args.action
        if action == "add":
            values = _resolve_references(vault, group, fields.collect_fields(args, group.service.cls))
            record = group.service.add(vault, group.service.cls(**values))
            print(record.id)
        elif action == "list":
            where, params = group.build_filter(vault, args) if group.build_filter else ("", ())
            rows = [output.to_dict(r) for r in group.service.list(vault, where, params)]
            if args.json:
                output.print_json(rows)
            else:
                output.print_table([_short(r) for r in rows], group.columns)
        elif action == "show":
            record = group.service.get(vault, args.ref)
            output.print_json(output.to_dict(record)) if args.json else output.print_record(record)
        elif action == "edit":
            values = fields.collect_fields(args, group.service.cls)
            fields.check_no_unknown(values)
            values = _resolve_references(vault, group, values)
            print(group.service.edit(vault, args.ref, values).id)
        else:
            group.service.delete(vault, args.ref)
            print(f"Deleted {group.service.kind} {args.ref}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for group in GROUPS:
        parser = sub.add_parser(group.name, help=group.help, description=f"Manage {group.help}.")
        actions = parser.add_subparsers(dest="action", required=True)
        cls = group.service.cls
        add = actions.add_parser("add", help=f"add a {group.service.kind}")
        fields.add_field_options(add, cls, editing=False)
        listing = actions.add_parser("list", help=f"list {group.name}")
        for flag, text in group.filters:
            listing.add_argument(flag, help=text)
        listing.add_argument("--json", action="store_true", help="machine-readable output")
        show = actions.add_parser("show", help=f"show one {group.service.kind}")
        show.add_argument("ref", help="id or unique id prefix")
        show.add_argument("--json", action="store_true")
        edit = actions.add_parser("edit", help=f"change fields of a {group.service.kind}")
        edit.add_argument("ref", help="id or unique id prefix")
        fields.add_field_options(edit, cls, editing=True)
        delete = actions.add_parser("delete", help=f"delete a {group.service.kind}")
        delete.add_argument("ref", help="id or unique id prefix")
        parser.set_defaults(func=lambda args, group=group: _run(group, args))
        if group.name == "contacts":
            contact_io_commands.register(actions)
