"""ODT in and out with odfpy.

Blocks are the paragraphs and headings (``text:p``, ``text:h``) of the body (lists and tables
included, in document order), then of the master pages' headers and footers in styles.xml. The
writer puts each translation into the paragraph's first text node and empties the others, so the
paragraph and span styles, list structure and tables are kept. Every XML part is checked by
defusedxml first: odfpy's SAX parser is not the place to meet an entity attack.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from odf import teletype
from odf.element import Node
from odf.opendocument import load

from liaison.documents_in.limits import DEFAULT, Limits, UnsupportedDocument, check_xml_parts, checked_zip
from liaison.documents_in.model import Format, Location, ReadDocument
from liaison.documents_in.paragraph_walk import put_back, read_blocks, saved

_TABLE_CELL = "table-cell"
_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_PARAGRAPHS = frozenset(((_TEXT_NS, "p"), (_TEXT_NS, "h")))
_HEADER_TAGS = ("header", "header-left", "header-first")


def _open(name: str, data: bytes, limits: Limits) -> Any:
    archive = checked_zip(name, data, limits)
    check_xml_parts(name, archive, limits)
    try:
        return load(io.BytesIO(data))
    except (KeyError, ValueError, AttributeError, IndexError) as error:
        raise UnsupportedDocument(f"{name}: damaged ODT document ({type(error).__name__})") from None


def _is_paragraph(node: Any) -> bool:
    return node.nodeType == Node.ELEMENT_NODE and node.qname in _PARAGRAPHS


def _walk(node: Any) -> Iterator[Any]:
    for child in node.childNodes:
        if _is_paragraph(child):
            yield child
        if child.nodeType == Node.ELEMENT_NODE:
            yield from _walk(child)


def _ancestor(node: Any, names: tuple[str, ...]) -> str | None:
    parent = node.parentNode
    while parent is not None and getattr(parent, "qname", None) is not None:
        if parent.qname[1] in names:
            return str(parent.qname[1])
        parent = parent.parentNode
    return None


def _paragraphs(document: Any) -> Iterator[tuple[Any, Location]]:
    for index, p in enumerate(_walk(document.text)):
        yield p, Location(0, "table" if _ancestor(p, (_TABLE_CELL,)) else "body", index)
    for index, p in enumerate(_walk(document.masterstyles)):
        kind = _ancestor(p, (*_HEADER_TAGS, "footer", "footer-left", "footer-first"))
        yield p, Location(0, "header" if kind in _HEADER_TAGS else "footer", index)


def _text(p: Any) -> str:
    return " ".join(teletype.extractText(p).split())


def read_odt(name: str, data: bytes, limits: Limits = DEFAULT) -> ReadDocument:
    document = _open(name, data, limits)
    return ReadDocument(Format.ODT, read_blocks(_paragraphs(document), _text, lambda p: p.qname[1] == "h"))


def _text_nodes(node: Any) -> Iterator[Any]:
    for child in node.childNodes:
        if child.nodeType == Node.TEXT_NODE:
            yield child
        elif child.nodeType == Node.ELEMENT_NODE and not _is_paragraph(child):
            yield from _text_nodes(child)


def _spacing(node: Any) -> Iterator[Any]:
    for child in node.childNodes:
        if child.nodeType == Node.ELEMENT_NODE and not _is_paragraph(child):
            if child.qname[1] in ("s", "tab", "line-break"):
                yield child
            else:
                yield from _spacing(child)


def _replace(p: Any, translation: str) -> None:
    nodes = list(_text_nodes(p))
    if not nodes:
        return
    nodes[0].data = translation
    for node in nodes[1:]:
        node.data = ""
    for element in list(_spacing(p)):
        element.parentNode.removeChild(element)


def write_odt(name: str, data: bytes, translations: dict[Location, str], limits: Limits = DEFAULT) -> bytes:
    document = _open(name, data, limits)
    put_back(_paragraphs(document), translations, _replace)
    return saved(document.write)
