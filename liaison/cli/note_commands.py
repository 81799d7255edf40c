"""notes add | list | show | edit | history | delete, and search."""

from __future__ import annotations

import argparse

from liaison.cli import inputs, output
from liaison.cli.context import opened
from liaison.domain import Handling
from liaison.services import notes
from liaison.services import search as search_service


def _body(args: argparse.Namespace) -> str | None:
    if args.file is not None:
        return inputs.read_text(args.file)
    text: str | None = args.text
    return text


def _run_notes(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        if args.action == "add":
            body = _body(args) or ""
            note = notes.add(
                vault, args.case, body, args.title or "", args.language or "", Handling(args.handling)
            )
            print(note.id)
        elif args.action == "list":
            rows = [output.to_dict(n) for n in notes.list_for_case(vault, args.case)]
            if args.json:
                output.print_json(rows)
            else:
                output.print_table(
                    [{**r, "id": r["id"][:8]} for r in rows],
                    ["id", "title", "revision", "updated_at", "handling", "body"],
                )
        elif args.action == "show":
            note = notes.get(vault, args.ref)
            output.print_json(output.to_dict(note)) if args.json else output.print_record(note)
        elif args.action == "edit":
            note = notes.edit(vault, args.ref, title=args.title, body=_body(args))
            print(f"{note.id} revision {note.revision}")
        elif args.action == "history":
            revisions = notes.history(vault, args.ref)
            output.print_json([output.to_dict(r) for r in revisions]) if args.json else output.print_table(
                [output.to_dict(r) for r in revisions], ["revision", "edited_at", "title", "body"]
            )
        else:
            notes.delete(vault, args.ref)
            print(f"Deleted note {args.ref} and its history")
    return 0


def _run_search(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        hits = search_service.search(vault, args.query, tuple(args.kind or ()), args.limit)
    if args.json:
        output.print_json([output.to_dict(h) for h in hits])
    else:
        output.print_table(
            [{**output.to_dict(h), "record_id": h.record_id[:8]} for h in hits],
            ["kind", "record_id", "title", "snippet"],
        )
    return 0


def _text_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--text", help="the note text")
    source.add_argument("--file", help="read the text from a file ('-' for standard input)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("notes", help="case notes (every edit keeps the earlier text)")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="add a note to a case")
    add.add_argument("case", help="case id or unique id prefix")
    _text_options(add)
    add.add_argument("--language", help="ISO 639 code of the text")
    add.add_argument("--handling", choices=[h.value for h in Handling], default=Handling.AMBER.value)
    listing = actions.add_parser("list", help="notes of a case")
    listing.add_argument("case")
    listing.add_argument("--json", action="store_true")
    for name, text in (
        ("show", "show a note"),
        ("history", "every revision of a note"),
        ("delete", "delete a note and its history"),
        ("edit", "change a note"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("ref", help="note id or unique id prefix")
        if name == "edit":
            _text_options(action)
        if name in ("show", "history"):
            action.add_argument("--json", action="store_true")
    parser.set_defaults(func=_run_notes)

    search = sub.add_parser("search", help="full-text search across the vault")
    search.add_argument("query")
    search.add_argument("--kind", action="append", choices=["contact", "agency", "agreement", "case", "note"])
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=_run_search)
