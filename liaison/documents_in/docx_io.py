"""DOCX in and out with python-docx, keeping the document's own structure.

Every paragraph of every story is a block: the body (tables and text boxes included, in document
order), then each header and footer part, then the footnotes, endnotes and comments (python-docx
models comments but not notes: a notes part is parsed here with python-docx's own parser, entity
resolution off, and written back). The writer walks the same stories in the same order and puts
each translation into the paragraph's first text run, emptying the others: run properties
(bold, font, colour), paragraph styles and numbering (lists), tables, sections, headers and footers
stay exactly as they were. A paragraph mixing several formats takes the first run's format, the
usual compromise of translation tools when word order changes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph

from liaison.documents_in.limits import DEFAULT, Limits, check_xml_parts, checked_zip
from liaison.documents_in.model import Format, Location, ReadDocument
from liaison.documents_in.paragraph_walk import put_back, read_blocks, saved

_W_P, _W_TC, _W_R, _W_T = qn("w:p"), qn("w:tc"), qn("w:r"), qn("w:t")
_W_HYPERLINK, _W_BR, _W_CR, _W_TAB, _W_TYPE = (
    qn("w:hyperlink"),
    qn("w:br"),
    qn("w:cr"),
    qn("w:tab"),
    qn("w:type"),
)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


_NOTES = {"/footnotes": "footnote", "/endnotes": "endnote", "/comments": "comment"}


def _open(name: str, data: bytes, limits: Limits) -> Any:
    archive = checked_zip(name, data, limits)
    check_xml_parts(name, archive, limits)
    return Document(io.BytesIO(data))


def _root(part: Any) -> Any:
    """The part's XML tree: python-docx's own for the parts it models, else parsed once from the
    part's bytes and kept on it, so edits can be written back (``_store_notes``)."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    root = getattr(part, "_liaison_root", None)
    if root is None:
        root = parse_xml(part.blob)  # entities are not resolved (and were refused before)
        part._liaison_root = root
    return root


def _store_notes(document: Any) -> None:
    for part in _note_parts(document):
        root = getattr(part, "_liaison_root", None)
        if root is not None:
            part._blob = serialize_part_xml(root)


def _note_parts(document: Any) -> list[Any]:
    return [
        rel.target_part
        for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype.endswith(tuple(_NOTES))
    ]


def _stories(document: Any) -> Iterator[tuple[str, Any]]:
    yield "body", document.element.body
    parts = [
        rel.target_part
        for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype.endswith(("/header", "/footer"))
    ]
    for part in sorted(parts, key=lambda p: ("/footer" in str(p.partname), str(p.partname))):
        yield ("header" if "/header" in str(part.partname) else "footer"), part.element
    for rel in sorted(document.part.rels.values(), key=lambda r: r.reltype):
        kind = next((k for suffix, k in _NOTES.items() if rel.reltype.endswith(suffix)), None)
        if kind is not None and not rel.is_external:
            yield kind, _root(rel.target_part)


def _in_table(element: Any) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == _W_TC:
            return True
        parent = parent.getparent()
    return False


def _paragraphs(document: Any) -> Iterator[tuple[Any, Location]]:
    for story, root in _stories(document):
        for index, p in enumerate(root.iter(_W_P)):
            part = "table" if story == "body" and _in_table(p) else story
            yield p, Location(0, part, index)


def _text(p: Any) -> str:
    return " ".join(Paragraph(p, None).text.split())  # type: ignore[arg-type]


def _heading(p: Any) -> bool:
    style = p.style or ""
    return bool(style.lower().startswith(("heading", "title")))


def read_docx(name: str, data: bytes, limits: Limits = DEFAULT) -> ReadDocument:
    document = _open(name, data, limits)
    blocks = read_blocks(_paragraphs(document), _text, _heading)
    return ReadDocument(Format.DOCX, blocks, title=document.core_properties.title or "")


def _direct_runs(p: Any) -> list[Any]:
    return [child for child in p.iterchildren() if child.tag == _W_R] + [
        run
        for link in p.iterchildren()
        if link.tag == _W_HYPERLINK
        for run in link.iterchildren()
        if run.tag == _W_R
    ]


def _replace(p: Any, translation: str) -> None:
    texts = [t for run in _direct_runs(p) for t in run.iterchildren() if t.tag == _W_T]
    if not texts:
        return
    texts[0].text = translation
    texts[0].set(_XML_SPACE, "preserve")
    for t in texts[1:]:
        t.text = ""
    for run in _direct_runs(p):
        for child in list(run.iterchildren()):
            soft_break = child.tag == _W_BR and child.get(_W_TYPE) in (None, "textWrapping")
            if soft_break or child.tag in (_W_CR, _W_TAB):
                run.remove(child)


def write_docx(name: str, data: bytes, translations: dict[Location, str], limits: Limits = DEFAULT) -> bytes:
    """The original document with each located paragraph's text replaced by its translation."""
    document = _open(name, data, limits)
    put_back(_paragraphs(document), translations, _replace)
    _store_notes(document)
    return saved(document.save)
