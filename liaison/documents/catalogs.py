"""The translation catalogs of the fixed document texts (gettext domain ``documents``).

The catalogs are ``locales/<lang>/LC_MESSAGES/documents.po`` at the project root, or under
``$LIAISON_LOCALES_DIR`` when that is set (a packaged build puts the ``locales`` folder wherever it
likes and points the variable at it). The message ids are defined in :mod:`liaison.documents.texts`.

How ``.mo`` compilation works: it happens at run time, in memory. The first time a language is
asked for, its ``.po`` is parsed with babel, every translation is checked (below), and the result
is compiled to ``.mo`` bytes in a buffer and loaded as :class:`babel.support.Translations`; the
object is then kept for the life of the process. We chose this over committing ``.mo`` files or
compiling into a cache folder because:

- a fresh checkout, CI or a new laptop needs no build step, and nothing can go stale: a ``.mo``
  older than its ``.po`` would silently print superseded wording in a legal document;
- no writable folder is needed (read-only installs; no stray files beside an encrypted vault);
- it is cheap: about 5 ms per language once babel is imported, and only for languages used.

A build that ships only compiled catalogs (``documents.mo`` without the ``.po``) still works: the
``.mo`` is read and goes through the same checks.

The placeholder guard (as Electrum does it): a translation whose ``{placeholders}`` differ from
its message id's, or whose braces do not parse, is dropped when the catalog is loaded and logged,
so the English message id is used instead and ``.format`` cannot fail on a translator's typo.
:func:`translate` adds a second net at format time: if formatting the translation fails, the
English text is formatted instead.
"""

from __future__ import annotations

import io
import logging
import os
import string
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from liaison.documents.texts import DOMAIN
from liaison.errors import LiaisonError

LOCALES_DIR_ENV: Final = "LIAISON_LOCALES_DIR"

log = logging.getLogger(__name__)

_FORMATTER: Final = string.Formatter()
_FORMAT_ERRORS: Final = (KeyError, IndexError, ValueError, AttributeError, TypeError)


class CatalogNotFound(LiaisonError, LookupError):
    """No ``documents`` catalog exists for the language asked for."""


@dataclass(frozen=True)
class LoadedCatalog:
    translations: Translations
    source: Path  # the .po (or .mo) file it was compiled from
    rejected: tuple[str, ...]  # message ids whose translation failed the placeholder guard


_lock = threading.Lock()
_cache: dict[tuple[Path, str], LoadedCatalog] = {}


def locales_dir() -> Path:
    """The folder holding ``<lang>/LC_MESSAGES/documents.po``."""
    override = os.environ.get(LOCALES_DIR_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "locales"


def _catalog_file(root: Path, lang: str) -> Path | None:
    folder = root / lang / "LC_MESSAGES"
    for suffix in (".po", ".mo"):
        candidate = folder / f"{DOMAIN}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def languages() -> list[str]:
    """The languages that have a ``documents`` catalog, sorted."""
    root = locales_dir()
    if not root.is_dir():
        return []
    return sorted(entry.name for entry in root.iterdir() if _catalog_file(root, entry.name) is not None)


def _candidates(lang: str) -> list[str]:
    """``"pt-BR"`` → ``["pt_BR", "pt"]``; ``"zh_Hans_CN"`` → ``[..., "zh_Hans", "zh"]``."""
    parts = [part for part in lang.replace("-", "_").split("_") if part]
    if not parts:
        return []
    parts[0] = parts[0].lower()
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def placeholders(text: str) -> frozenset[str] | None:
    """The ``str.format`` fields of ``text`` (name, conversion and spec), or None if it does not parse.

    A positional field (``{}`` or ``{0}``) counts as a field named by its position, so it never
    matches the named fields the message ids use.
    """
    fields: set[str] = set()
    try:
        for _literal, name, spec, conversion in _FORMATTER.parse(text):
            if name is None:
                continue
            fields.add(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
    except ValueError:
        return None
    return frozenset(fields)


def _texts(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def placeholders_match(msgid: str | Sequence[str], msgstr: str | Sequence[str] | None) -> bool:
    """Whether every form of ``msgstr`` has exactly the placeholders of its message id.

    For a plural entry each form may follow either the singular or the plural message id; an empty
    form (untranslated) matches.
    """
    ids = _texts(msgid)
    forms = _texts(msgstr)
    expected = {placeholders(text) for text in ids}
    return all(form == "" or placeholders(form) in expected for form in forms)


def _guard(catalog: Catalog, lang: str, path: Path) -> tuple[str, ...]:
    """Blank out translations that fail the placeholder check; return their message ids."""
    rejected: list[str] = []
    for message in catalog:
        if not message.id or not _translated(message):
            continue
        if not placeholders_match(message.id, message.string):
            msgid = _texts(message.id)[0]
            log.warning("%s: translation of %r has other placeholders; English used (%s)", lang, msgid, path)
            rejected.append(msgid)
            forms = _texts(message.string)
            message.string = "" if isinstance(message.string, str) else ("",) * len(forms)
    return tuple(rejected)


def _translated(message: Message) -> bool:
    return any(_texts(message.string))


def _load(path: Path, lang: str) -> LoadedCatalog:
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN) if path.suffix == ".po" else read_mo(fh)
    rejected = _guard(catalog, lang, path)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return LoadedCatalog(Translations(fp=buffer, domain=DOMAIN), path, rejected)


def load(lang: str) -> LoadedCatalog:
    """The checked, compiled catalog of ``lang`` (or of its base language: ``fr_BE`` → ``fr``).

    Cached per process and safe to call from several threads. Raises :class:`CatalogNotFound`.
    """
    root = locales_dir().resolve()
    for candidate in _candidates(lang):
        key = (root, candidate)
        cached = _cache.get(key)
        if cached is not None:
            return cached
        path = _catalog_file(root, candidate)
        if path is None:
            continue
        with _lock:
            cached = _cache.get(key)
            if cached is None:
                cached = _cache[key] = _load(path, candidate)
            return cached
    raise CatalogNotFound(f"no document catalog for language {lang!r} in {root}")


def translations(lang: str) -> Translations:
    """The ``documents`` translations of ``lang``: ``.gettext(msgid)``, ``.ngettext(s, p, n)``."""
    return load(lang).translations


def gettext_for(lang: str) -> Callable[[str], str]:
    """A ``gettext`` function for ``lang``; untranslated or rejected ids come back in English."""
    return translations(lang).gettext


def ngettext_for(lang: str) -> Callable[[str, str, int], str]:
    """An ``ngettext`` function for ``lang`` (plural rule from the catalog's Plural-Forms)."""
    return translations(lang).ngettext


def safe_format(translated: str, msgid: str, /, **values: object) -> str:
    """``translated.format(**values)``, or the English ``msgid`` formatted if that fails.

    An error in ``msgid`` itself (a caller passing the wrong names) is a bug and is raised.
    """
    try:
        return translated.format(**values)
    except _FORMAT_ERRORS as exc:
        log.warning("formatting %r failed (%s); English used", translated, exc)
        return msgid.format(**values)


def translate(lang: str, msgid: str, /, **values: object) -> str:
    """The translation of ``msgid`` in ``lang``, with its placeholders filled from ``values``."""
    translated = gettext_for(lang)(msgid)
    return safe_format(translated, msgid, **values) if values else translated


def translate_plural(lang: str, msgids: tuple[str, str], count: int, /, **values: object) -> str:
    """The plural form of ``msgids`` for ``count`` in ``lang``; ``{count}`` is filled in too."""
    singular, plural = msgids
    translated = ngettext_for(lang)(singular, plural, count)
    english = singular if count == 1 else plural
    return safe_format(translated, english, count=count, **values)


def rejected(lang: str) -> tuple[str, ...]:
    """Message ids of ``lang`` whose translation the placeholder guard dropped (English is used)."""
    return load(lang).rejected


def clear_cache(langs: Iterable[str] | None = None) -> None:
    """Forget loaded catalogs (all, or those of ``langs``), e.g. after editing a ``.po``."""
    with _lock:
        if langs is None:
            _cache.clear()
            return
        wanted = set(langs)
        for key in [key for key in _cache if key[1] in wanted]:
            del _cache[key]


__all__ = [
    "LOCALES_DIR_ENV",
    "CatalogNotFound",
    "LoadedCatalog",
    "clear_cache",
    "gettext_for",
    "languages",
    "load",
    "locales_dir",
    "ngettext_for",
    "placeholders",
    "placeholders_match",
    "rejected",
    "safe_format",
    "translate",
    "translate_plural",
    "translations",
]
