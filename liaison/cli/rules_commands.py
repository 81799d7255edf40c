"""rules list | show | copy | add: the MLA rule sets (built-in ones are read-only; an agency copies
one to add a bilateral treaty's requirements)."""

from __future__ import annotations

import argparse
import json

from liaison import jsonio
from liaison.cli import inputs, output
from liaison.documents import rules
from liaison.errors import ValidationError


def cmd_rules(args: argparse.Namespace) -> int:
    if args.action == "list":
        rows = [
            {
                "id": r.id,
                "title": r.title,
                "requirements": len(r.requirements),
                "kind": "built-in" if r.builtin else f"agency (from {r.based_on or '-'})",
            }
            for r in rules.list_rule_sets()
        ]
        output.print_json(rows) if args.json else output.print_table(
            rows, ["id", "title", "requirements", "kind"]
        )
    elif args.action == "show":
        rule_set = rules.get(args.id)
        print(f"{rule_set.id}: {rule_set.title} ({rule_set.source})")
        for req in rule_set.requirements:
            print(f"  {req.level} {req.field}: {req.message} [{req.article}]")
    elif args.action == "copy":
        path = rules.copy_rule_set(args.source, args.new_id, args.title)
        print(f"created {args.new_id} in {path}")
    else:
        try:
            requirement = jsonio.loads(inputs.read_text(args.file))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValidationError(f"{args.file} is not a readable JSON requirement: {exc}") from None
        rule_set = rules.add_requirement(args.id, requirement)
        print(f"{rule_set.id} now has {len(rule_set.requirements)} requirements")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("rules", help="MLA rule sets (what each instrument requires)")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="built-in and agency rule sets")
    listing.add_argument("--json", action="store_true")
    show = actions.add_parser("show", help="requirements of a rule set")
    show.add_argument("id")
    copy = actions.add_parser("copy", help="copy a rule set to extend it (e.g. for a bilateral treaty)")
    copy.add_argument("source")
    copy.add_argument("new_id")
    copy.add_argument("--title", required=True)
    add = actions.add_parser("add", help="add a requirement (JSON file, same shape as the rule files)")
    add.add_argument("id")
    add.add_argument("file")
    parser.set_defaults(func=cmd_rules)
