"""translate-doc: translate a received document offline, write the translation and the review PDF."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from liaison.cli import output
from liaison.cli.context import opened, opened_for_memory
from liaison.crypto.atomic import atomic_write_bytes
from liaison.errors import ValidationError
from liaison.services import attachments as attachment_service

# The readers, writers and the model load when a document is translated, not for every liaison
# command (each ``liaison`` run parses the whole command line, so this module is always imported).
if TYPE_CHECKING:
    from liaison.services import documents_in as service


def read_input(path: Path) -> bytes:
    """The file's bytes, refusing an oversized one before reading it into memory."""
    if not path.exists():
        raise ValidationError(f"{path}: no such file")
    if not path.is_file():
        raise ValidationError(f"{path}: not a regular file")
    from liaison.documents_in.limits import DEFAULT  # noqa: PLC0415  (see the imports)
    from liaison.documents_in.read import check_input_size  # noqa: PLC0415

    with path.open("rb") as stream:
        head = stream.read(2048)
    check_input_size(path.name, path.stat().st_size, head, DEFAULT)
    return path.read_bytes()


def _progress(stage: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{stage}: {done}/{total or '?'}", end="", file=sys.stderr, flush=True)


def _check_output_folders(args: argparse.Namespace) -> None:
    """Before any work: an output in a missing folder would fail only after translating."""
    for value in (args.output, args.bilingual_pdf, args.tmx):
        if value and not Path(value).resolve().parent.is_dir():
            raise ValidationError(f"{value}: the folder {Path(value).parent} does not exist")


def _outputs(args: argparse.Namespace, result: service.DocumentTranslation) -> None:
    if args.output:
        rebuilt = result.translated_document()
        out = Path(args.output)
        if rebuilt is None:
            if out.suffix.lower() != ".pdf":
                raise ValidationError(
                    f"a {result.document.format.value} document is translated as a bilingual review PDF: "
                    "give an output name ending in .pdf"
                )
            atomic_write_bytes(out, result.bilingual_pdf())
        else:
            atomic_write_bytes(out, rebuilt[0])
        print(f"wrote {out}", file=sys.stderr)
    if args.bilingual_pdf:
        atomic_write_bytes(Path(args.bilingual_pdf), result.bilingual_pdf())
        print(f"wrote {args.bilingual_pdf}", file=sys.stderr)
    if args.tmx:
        from liaison.documents_in import output as doc_output  # noqa: PLC0415  (see the imports)

        count = doc_output.write_tmx(result.items, Path(args.tmx), result.source_lang, result.target_lang)
        print(f"wrote {count} approved segments to {args.tmx}", file=sys.stderr)


def _summary(result: service.DocumentTranslation) -> None:
    counts = ", ".join(f"{n} {origin}" for origin, n in result.counts().items() if n)
    print(
        f"{result.name}: {result.document.format.value}, {len(result.items)} segments "
        f"({counts}), {result.source_lang} → {result.target_lang}",
        file=sys.stderr,
    )
    for note in result.document.notes:
        print(f"  {note}", file=sys.stderr)


def _as_json(result: service.DocumentTranslation) -> dict[str, object]:
    return {
        "file": result.name,
        "format": result.document.format.value,
        "source_lang": result.source_lang,
        "target_lang": result.target_lang,
        "route": list(result.route),
        "notes": result.document.notes,
        "segments": [
            {
                "location": dataclasses.asdict(item.block.location),
                "source": item.source,
                "target": item.target,
                "origin": item.origin.value,
                "ocr_confidence": item.block.confidence,
                "approved": item.approved,
            }
            for item in result.items
        ],
    }


def _import_request(args: argparse.Namespace, path: Path, data: bytes) -> int:
    from liaison.services import documents_in as service  # noqa: PLC0415  (see the imports)

    if args.no_memory:
        raise ValidationError(f"{path.name} is a Liaison request PDF: importing it needs the vault")
    with opened(args) as vault:
        request = service.import_request(vault, path.name, data)
        if args.attach:
            attachment_service.add(vault, args.attach, path.name, data, request_ref=request.id)
    print(
        f"{path.name} is a Liaison request PDF: imported as request {request.our_reference or request.id} "
        f"({request.id[:8]}); render it with: liaison mla export {request.id[:8]} "
        f"--lang {args.target} -o FILE.pdf",
        file=sys.stderr,
    )
    if args.json:
        output.print_json({"file": path.name, "imported_request": request.id})
    return 0


def _mail_attachment(path: Path, data: bytes, wanted: str) -> tuple[Path, bytes]:
    """The named attachment of a received mail, to translate in place of the mail."""
    from liaison.documents_in.eml_io import read_eml  # noqa: PLC0415

    found = [a for a in read_eml(path.name, data).attachments if a.name == wanted]
    if not found:
        raise ValidationError(f"{path.name} has no attachment named {wanted!r}")
    return Path(found[0].name), found[0].data


def cmd_translate_doc(args: argparse.Namespace) -> int:
    from liaison.services import documents_in as service  # noqa: PLC0415  (see the imports)
    from liaison.translation.engine import Engine  # noqa: PLC0415

    path = Path(args.file)
    _check_output_folders(args)
    data = read_input(path)
    if args.attach:  # refused now rather than after the translation
        attachment_service.check_size(path.name, len(data))
    if args.attachment:
        path, data = _mail_attachment(path, data, args.attachment)
    if service.is_liaison_request(path.name, data):
        return _import_request(args, path, data)
    with opened_for_memory(args) as vault:
        result = service.translate(
            vault, Engine(), path.name, data, args.source, args.target, service.Run(progress=_progress)
        )
        if sys.stderr.isatty():
            print(file=sys.stderr)
        if args.approve:
            if vault is None:
                raise ValidationError("--approve needs the vault (drop --no-memory)")
            print(
                f"approved {service.approve(vault, result)} segments into translation memory", file=sys.stderr
            )
        _outputs(args, result)
        if args.attach:
            if vault is None:
                raise ValidationError("--attach needs the vault (drop --no-memory)")
            stored = attachment_service.attach_translation(vault, args.attach, result, args.request)
            print(f"attached {len(stored)} files to case {args.attach}", file=sys.stderr)
    if args.json:
        output.print_json(_as_json(result))
    else:
        _summary(result)
        if not (args.output or args.bilingual_pdf or args.tmx):
            for item in result.items:
                print(item.target)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser(
        "translate-doc",
        help="translate a received document (DOCX, ODT, PDF, scan, image, .eml, HTML, text) offline",
    )
    cmd.add_argument("file", help="the received document")
    cmd.add_argument("--from", dest="source", default="auto", help="document language, or auto (default)")
    cmd.add_argument("--to", dest="target", required=True, help="language to translate into")
    cmd.add_argument(
        "-o", "--output", help="translated document (same format; .pdf review for PDFs and scans)"
    )
    cmd.add_argument("--bilingual-pdf", help="review PDF: source and translation side by side")
    cmd.add_argument("--tmx", help="write the approved segments as TMX (with --approve)")
    cmd.add_argument("--approve", action="store_true", help="approve the machine segments into the memory")
    cmd.add_argument("--attach", metavar="CASE", help="store the document and its translation with this case")
    cmd.add_argument("--request", metavar="REF", help="with --attach: its MLA request")
    cmd.add_argument("--attachment", metavar="NAME", help="for a mail: translate this attachment of it")
    cmd.add_argument("--json", action="store_true", help="every segment with its origin, as JSON")
    cmd.add_argument("--no-memory", action="store_true", help="do not open the vault (no memory, glossary)")
    cmd.set_defaults(func=cmd_translate_doc)
