"""Fixed text of known forms, with its exact translations.

Liaison's own request templates (the ``documents`` catalogs, 8 languages) hold the vetted wording
of every fixed text a Liaison request prints, including the EIO Annex A title and section headings.
A received form in one of those languages repeats that wording word for word, so such a block is
rendered from the target language's catalog (origin *form*) instead of by the model. Message ids
with placeholders are only used when the placeholder is the EIO section letter.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from liaison.documents.catalogs import locales_dir
from liaison.translation.memory import normalize_segment

_SECTION_LETTERS = "ABCDEFGHIJKL"
_FORMATTER = string.Formatter()
_TRAILING = re.compile(r"[\s:.]+$")


def _key(text: str) -> str:
    return _TRAILING.sub("", normalize_segment(text)).casefold()


def _fields(text: str) -> list[str]:
    try:
        return [name for _lit, name, _spec, _conv in _FORMATTER.parse(text) if name is not None]
    except ValueError:
        return ["?"]


def _expand(msgid: str, msgstr: str) -> Iterator[tuple[str, str]]:
    names = _fields(msgid)
    if not names:
        yield msgid, msgstr
    elif names == ["letter"] and _fields(msgstr) == ["letter"]:
        for letter in _SECTION_LETTERS:
            yield msgid.format(letter=letter), msgstr.format(letter=letter)


@cache
def _catalog(lang: str, root: Path) -> dict[str, str]:
    """msgid → this language's text (English is the msgid itself)."""
    path = root / lang / "LC_MESSAGES" / "documents.po"
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang if lang != "en" else None)
    texts: dict[str, str] = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.fuzzy:
            continue
        translated = message.string if isinstance(message.string, str) and message.string else ""
        value = message.id if lang == "en" else translated
        if value:
            for mid, text in _expand(message.id, value):
                texts[mid] = text
    return texts


@dataclass
class FormTexts:
    """Exact fixed-text translations for one language pair."""

    source_lang: str
    target_lang: str
    pairs: dict[str, str] = field(default_factory=dict)

    def lookup(self, text: str) -> str | None:
        return self.pairs.get(_key(text))

    def __len__(self) -> int:
        return len(self.pairs)


def form_texts(source_lang: str, target_lang: str, root: Path | None = None) -> FormTexts:
    return _form_texts(source_lang, target_lang, (root or locales_dir()).resolve())


@cache
def _form_texts(source_lang: str, target_lang: str, base: Path) -> FormTexts:
    source = _catalog(source_lang, base) if source_lang != "en" else {}
    target = _catalog(target_lang, base) if target_lang != "en" else {}
    ids = set(_catalog("en", base)) | set(source) | set(target)
    pairs: dict[str, str] = {}
    for msgid in ids:
        src = msgid if source_lang == "en" else source.get(msgid)
        tgt = msgid if target_lang == "en" else target.get(msgid)
        if src and tgt and (len(src) > 3) and (source_lang == "en" or src != msgid or tgt == msgid):
            pairs.setdefault(_key(src), tgt)
    return FormTexts(source_lang, target_lang, pairs)
