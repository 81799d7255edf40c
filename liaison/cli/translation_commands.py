"""translate, tm and glossary commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liaison.cli import inputs, output
from liaison.cli.context import opened, opened_for_memory
from liaison.domain import GlossaryTerm
from liaison.errors import ValidationError
from liaison.services import translation as service
from liaison.translation.engine import (
    LOW_CONFIDENCE,
    Engine,
    Segment,
    TranslationResult,
    installed_packs,
    nothing_to_translate,
    sources_for,
)
from liaison.translation.glossary import TermStatus


def _read_text(args: argparse.Namespace) -> str:
    if args.file is not None:
        return inputs.read_text(args.file)
    if args.text is None:
        raise ValidationError("give the text to translate, or --file FILE")
    text: str = args.text
    return text


def _source_language(args: argparse.Namespace, text: str) -> str:
    if args.source != "auto":
        source: str = args.source
        return source
    from liaison.translation import source_language  # noqa: PLC0415  (detector loads only when asked)

    choice = source_language.choose(text, sources_for(installed_packs(), args.target), args.target)
    print(choice.note, file=sys.stderr)
    return choice.language


def _report(result: TranslationResult) -> None:
    if result.pivot:
        print(f"route: {' → '.join(result.route)} (pivot through {', '.join(result.pivot)})", file=sys.stderr)
    print(f"{result.from_memory} of {len(result.segments)} segments from translation memory", file=sys.stderr)
    for check in result.glossary:
        if check.status is TermStatus.ENFORCED:
            print(f"glossary enforced: {check.term!r} → {check.translation!r}", file=sys.stderr)
    for check in result.violations:
        detail = f" (found forbidden {check.found!r})" if check.found else ""
        print(
            f"glossary {check.status.value}: {check.term!r} should be {check.translation!r}{detail}",
            file=sys.stderr,
        )
    for index, seg in enumerate(result.segments, start=1):
        _report_segment(index, seg)
    if result.lost:
        print(
            f"warning: identifiers lost by the model: {', '.join(result.lost)} (appended in brackets)",
            file=sys.stderr,
        )
    if result.invented:
        print(
            f"warning: numbers not in the source: {', '.join(result.invented)} (check the translation)",
            file=sys.stderr,
        )


def _report_segment(index: int, seg: Segment) -> None:
    if seg.pieces > 1:
        print(f"segment {index}: too long for the model, translated in {seg.pieces} parts", file=sys.stderr)
    if seg.truncated:
        print(f"warning: segment {index} was cut by the model's length limit", file=sys.stderr)
    if seg.confidence is not None and seg.confidence < LOW_CONFIDENCE:
        print(f"segment {index}: low confidence ({seg.confidence:.0%})", file=sys.stderr)
        for alternative in seg.alternatives:
            print(f"  alternative: {alternative}", file=sys.stderr)
    for match in seg.suggestions:
        print(f"segment {index}: memory has a {match.score:.0f}% match: {match.diff_text()}", file=sys.stderr)
        print(f"  its approved translation: {match.target}", file=sys.stderr)


def cmd_translate(args: argparse.Namespace) -> int:
    text = _read_text(args)
    if args.source == "auto" and nothing_to_translate(text):
        print(text.rstrip("\n"))  # emoji, symbols, identifiers or names only: nothing to translate
        print("nothing to translate (no words, or names only): kept as it is", file=sys.stderr)
        return 0
    source = _source_language(args, text)
    with opened_for_memory(args) as vault:
        engine = Engine()
        if vault is None:
            result = engine.translate(text, source, args.target)
        else:
            result = service.translate(vault, engine, text, source, args.target)
        if args.json:
            output.print_json(output.to_dict(result) | {"pivot": list(result.pivot)})
        else:
            print(result.text)
            _report(result)
        if vault is not None and args.approve:
            approved = service.approve_result(vault, result)
            print(f"approved {approved} segments into translation memory", file=sys.stderr)
    return 0


def cmd_tm(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        if args.action == "add":
            entry = service.approve(vault, args.source_lang, args.target_lang, args.source, args.target)
            print(entry.id)
        elif args.action == "list":
            rows = [output.to_dict(e) for e in service.list_memory(vault, args.source_lang, args.target_lang)]
            output.print_json(rows) if args.json else output.print_table(
                rows, ["source_lang", "target_lang", "source", "target", "origin"]
            )
        elif args.action == "import":
            count = service.import_memory(vault, Path(args.file), args.source_lang, args.target_lang)
            print(f"imported {count} segments from {args.file}")
        else:
            count = service.export_memory(vault, Path(args.file), args.source_lang, args.target_lang)
            print(f"exported {count} segments to {args.file}")
    return 0


def cmd_glossary(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        if args.action == "add":
            term = GlossaryTerm(
                source_lang=args.source_lang,
                target_lang=args.target_lang,
                term=args.term,
                translation=args.translation,
                note=args.note or "",
                forbidden=tuple(args.forbidden or ()),
                subject=args.subject or "",
            )
            print(service.glossary_terms.add(vault, term).id)
        elif args.action == "list":
            rows = [
                output.to_dict(t) for t in service.list_glossary(vault, args.source_lang, args.target_lang)
            ]
            output.print_json(rows) if args.json else output.print_table(
                rows, ["source_lang", "target_lang", "term", "translation", "forbidden"]
            )
        elif args.action == "import":
            done = service.import_glossary(vault, Path(args.file), args.source_lang, args.target_lang)
            print(
                f"imported {args.file}: {done.added} new terms, {done.updated} updated, "
                f"{done.unchanged} already in the glossary"
            )
        else:
            count = service.export_glossary(vault, Path(args.file), args.source_lang, args.target_lang)
            print(f"exported {count} terms to {args.file}")
    return 0


def _pair(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--from", dest="source_lang", required=required, help="source language code")
    parser.add_argument("--to", dest="target_lang", required=required, help="target language code")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    translate = sub.add_parser("translate", help="translate text offline with the installed packs")
    translate.add_argument("text", nargs="?", help="the text (or use --file)")
    translate.add_argument("--file", help="read the text from a file ('-' for standard input)")
    translate.add_argument("--from", dest="source", default="auto", help="source language code, or auto")
    translate.add_argument("--to", dest="target", required=True, help="target language code")
    translate.add_argument("--json", action="store_true", help="structured result")
    translate.add_argument("--approve", action="store_true", help="approve the result into the memory")
    translate.add_argument(
        "--no-memory", action="store_true", help="do not open the vault: no translation memory or glossary"
    )
    translate.set_defaults(func=cmd_translate)

    tm = sub.add_parser("tm", help="translation memory (approved segment pairs)")
    tm_actions = tm.add_subparsers(dest="action", required=True)
    add = tm_actions.add_parser("add", help="approve one segment translation")
    add.add_argument("source")
    add.add_argument("target")
    _pair(add, True)
    listing = tm_actions.add_parser("list", help="list approved segments")
    _pair(listing, False)
    listing.add_argument("--json", action="store_true")
    importer = tm_actions.add_parser("import", help="import a TMX file")
    importer.add_argument("file")
    _pair(importer, False)
    exporter = tm_actions.add_parser("export", help="export a language pair as TMX")
    exporter.add_argument("file", type=inputs.output_file)
    _pair(exporter, True)
    tm.set_defaults(func=cmd_tm)

    glossary = sub.add_parser("glossary", help="legal glossary per language pair")
    g_actions = glossary.add_subparsers(dest="action", required=True)
    g_add = g_actions.add_parser("add", help="add a term")
    g_add.add_argument("term")
    g_add.add_argument("translation")
    _pair(g_add, True)
    g_add.add_argument("--note")
    g_add.add_argument("--subject")
    g_add.add_argument("--forbidden", action="append", help="a translation not to use (repeatable)")
    g_list = g_actions.add_parser("list", help="list terms")
    _pair(g_list, False)
    g_list.add_argument("--json", action="store_true")
    g_import = g_actions.add_parser("import", help="import a TBX or CSV glossary")
    g_import.add_argument("file")
    _pair(g_import, True)
    g_export = g_actions.add_parser("export", help="export a pair as TBX (or CSV by extension)")
    g_export.add_argument("file", type=inputs.output_file)
    _pair(g_export, True)
    glossary.set_defaults(func=cmd_glossary)
