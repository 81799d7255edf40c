"""attachments list|add|export|delete: files kept encrypted with a case."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from liaison.cli import output
from liaison.cli.context import opened
from liaison.services import attachments as service


def cmd_attachments(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        if args.action == "list":
            rows = [dataclasses.asdict(a) for a in service.list_for(vault, args.case)]
            if args.json:
                output.print_json(rows)
            else:
                output.print_table(rows, ["id", "name", "role", "language", "size", "created_at"])
        elif args.action == "add":
            item = service.add_file(
                vault, args.case, Path(args.file), language=args.lang or "", request_ref=args.request
            )
            print(item.id)
        elif args.action == "export":
            item = service.export(vault, args.ref, Path(args.output))
            print(f"exported {item.name} ({item.size} bytes) to {args.output}")
        else:
            service.delete(vault, args.ref)
            print(f"erased attachment {args.ref}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("attachments", help="documents stored encrypted with a case")
    actions = cmd.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="attachments of a case, or of every case")
    listing.add_argument("--case", help="case reference or id")
    listing.add_argument("--json", action="store_true")
    add = actions.add_parser("add", help="store a file with a case")
    add.add_argument("file")
    add.add_argument("--case", required=True, help="case reference or id")
    add.add_argument("--request", help="MLA request it belongs to")
    add.add_argument("--lang", help="language of the document")
    export = actions.add_parser("export", help="write an attachment to a file")
    export.add_argument("ref", help="attachment id (or a unique prefix of six characters)")
    export.add_argument("-o", "--output", required=True)
    delete = actions.add_parser("delete", help="erase an attachment and the translations made from it")
    delete.add_argument("ref")
    for parser in (export, delete):
        parser.set_defaults(case=None)
    cmd.set_defaults(func=cmd_attachments)
