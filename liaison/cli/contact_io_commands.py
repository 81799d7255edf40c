"""``contacts import FILE [--dry-run]`` and ``contacts export [REF...] --vcard|--csv``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from liaison.cli.context import opened
from liaison.interchange.cards import ImportRejected
from liaison.services import contact_io


def register(actions: Any) -> None:
    imp = actions.add_parser(
        "import",
        help="import contacts from a vCard (.vcf) or CSV file (Outlook, Google)",
        description="Checks every row first; imports all of them in one transaction or none.",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="only say what would be imported")
    imp.add_argument("--format", choices=("vcard", "csv"), default="", help="default: from the file")
    imp.add_argument("--encoding", default="utf-8", help="text encoding (e.g. cp1252 for Outlook CSV)")
    imp.add_argument(
        "--replace-conflicts", action="store_true", help="the file's values win where it disagrees"
    )
    imp.add_argument("--verbose", "-v", action="store_true", help="one line per contact")
    imp.set_defaults(func=run_import)
    exp = actions.add_parser("export", help="export contacts (all, or those given) as vCard or CSV")
    exp.add_argument("refs", nargs="*", help="contact ids or prefixes (default: every contact)")
    kind = exp.add_mutually_exclusive_group(required=True)
    kind.add_argument("--vcard", action="store_const", const="vcard", dest="fmt")
    kind.add_argument("--csv", action="store_const", const="csv", dest="fmt")
    exp.add_argument("--version", dest="vcard_version", choices=("3.0", "4.0"), default="3.0")
    exp.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    exp.set_defaults(func=run_export)


def _print_plan(plan: contact_io.ImportPlan, verbose: bool) -> None:
    print(plan.summary())
    for name in plan.agencies_to_create if verbose else ():
        print(f"  new agency: {name}")
    for item in plan.items:
        if verbose or item.status is contact_io.Status.CONFLICTING:
            extra = f" (differs: {', '.join(item.conflicts)})" if item.conflicts else ""
            print(f"  line {item.card.line}: {item.status.value}: {item.card.full_name}{extra}")
    for warning in plan.warnings:
        print(f"  warning: {warning}")
    if plan.unknown_columns:
        print(f"  columns not imported: {', '.join(plan.unknown_columns)}")


def run_import(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        try:
            plan = contact_io.plan(vault, args.file, encoding=args.encoding, fmt=args.format)
            _print_plan(plan, args.verbose)
            if args.dry_run:
                print("dry run: nothing imported")
                return 0
            result = contact_io.apply(vault, plan, replace_conflicts=args.replace_conflicts)
        except ImportRejected as error:
            for line in contact_io.problems_of(error):
                print(f"{args.file.name}: {line}", file=sys.stderr)
            raise
    print(
        f"imported: {result.created} new, {result.merged} merged, {result.unchanged} unchanged, "
        f"{result.agencies_created} agencies created"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        if args.output is None:
            text, _count = contact_io.export_text(vault, args.refs, args.fmt, args.vcard_version)
            sys.stdout.write(text)
            return 0
        count = contact_io.export_to(vault, args.output, args.refs, args.fmt, args.vcard_version)
    print(f"exported {count} contacts to {args.output}")
    return 0
