"""Plain text and HTML: paragraphs in, paragraphs out.

Plain text paragraphs are runs of non-empty lines (hard-wrapped lines are joined, since a sentence
cut in two translates badly); the writer separates translated paragraphs by blank lines. HTML is
read with the standard library's tolerant parser: the text of block elements, scripts and styles
skipped; the writer emits a clean HTML page with the same block elements in order.
"""

from __future__ import annotations

import codecs
import html
from html.parser import HTMLParser

from liaison.documents_in.model import Block, Format, Location, ReadDocument

_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li td th div title caption blockquote pre dt dd address figcaption".split()
)
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template"))


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; otherwise Windows-1252, which maps every byte."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def paragraphs(text: str) -> list[str]:
    found, current = [], []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            found.append(" ".join(current))
            current = []
    if current:
        found.append(" ".join(current))
    return found


def read_text(data: bytes, part: str = "body") -> ReadDocument:
    blocks = [Block(p, Location(0, part, i)) for i, p in enumerate(paragraphs(decode(data)))]
    return ReadDocument(Format.TEXT, blocks)


def write_text(translations: list[str]) -> bytes:
    return ("\n\n".join(t.strip() for t in translations) + "\n").encode("utf-8")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str]] = []  # (tag, text)
        self._stack: list[str] = []
        self._skip = 0
        self._text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            tag = next((t for t in reversed(self._stack) if t in _BLOCK_TAGS), "p")
            self.items.append((tag, text))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS or tag == "br":
            self._flush()
        if tag not in ("br", "img", "hr", "meta", "link", "input"):
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()
        if tag in self._stack:
            while self._stack and self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text.append(data)


def html_items(text: str) -> list[tuple[str, str]]:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    collector._flush()
    return collector.items


def read_html(data: bytes) -> ReadDocument:
    items = html_items(decode(data))
    title = next((text for tag, text in items if tag == "title"), "")
    blocks = [
        Block(text, Location(0, tag, i), heading=tag[0] == "h" and tag[1:].isdigit())
        for i, (tag, text) in enumerate(items)
    ]
    return ReadDocument(Format.HTML, blocks, title=title)


def write_html(blocks: list[Block], translations: list[str], lang: str) -> bytes:
    body = []
    for block, target in zip(blocks, translations, strict=True):
        tag = block.location.part if block.location.part in _BLOCK_TAGS else "p"
        if tag == "title":
            continue
        tag = "p" if tag in ("td", "th", "li", "dt", "dd") else tag
        body.append(f"<{tag}>{html.escape(target)}</{tag}>")
    title = next(
        (html.escape(t) for b, t in zip(blocks, translations, strict=True) if b.location.part == "title"), ""
    )
    page = (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
