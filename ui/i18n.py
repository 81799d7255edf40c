"""UI strings through gettext (domain ``messages``, catalogs in ``locales/<lang>/LC_MESSAGES``),
compiled in memory from the .po files like the document catalogs. Widgets call ``_()`` at display
time inside their ``retranslate_ui()``, so switching language needs no restart.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from liaison.errors import LiaisonError, Term

UI_LANGUAGES = ("en", "fr", "es", "ar")
RTL_LANGUAGES = frozenset({"ar"})
DOMAIN = "messages"

_lock = threading.Lock()
_current: NullTranslations = NullTranslations()
_current_lang = "en"
_listeners: list[Callable[[str], None]] = []


def locales_dir() -> Path:
    env = os.environ.get("LIAISON_LOCALES_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[1] / "locales"


def N_(message: str) -> str:
    return message


def _(message: str) -> str:
    return str(_current.gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    return str(_current.ngettext(singular, plural, n))


def error_text(error: BaseException) -> str:
    """The core's message in the interface language. The core has no catalogs: an error it made
    from a marked template (``LiaisonError.of``) keeps the template and its values, and here the
    template is translated and filled, names among the values (``Term``) translated as well. Any
    other error, or a translation whose placeholders do not fit, says the core's English (an
    error with no message, its type: a bug report's first clue)."""
    if not isinstance(error, LiaisonError):
        return str(error) or type(error).__name__
    if not error.template or _current_lang == "en":
        return str(error)
    values = {key: _term(value) if isinstance(value, Term) else value for key, value in error.params.items()}
    try:
        return _(error.template).format(**values)
    except (KeyError, IndexError, ValueError):
        return str(error)


def _term(term: Term) -> str:
    """A name in the interface language, in the sense its context gives (``NC_``) if it has one."""
    return str(_current.pgettext(term.context, term)) if term.context else _(term)


def _load(lang: str) -> NullTranslations:
    po_path = locales_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def current_language() -> str:
    return _current_lang


def is_rtl(lang: str | None = None) -> bool:
    return (lang or _current_lang) in RTL_LANGUAGES


def set_language(lang: str) -> None:
    """Switch every ``_()`` to ``lang`` and tell listeners (the app retranslates its widgets)."""
    global _current, _current_lang
    if lang not in UI_LANGUAGES:
        raise ValueError(f"unsupported interface language {lang!r}")
    with _lock:
        _current, _current_lang = _load(lang), lang
        listeners = list(_listeners)
    for listener in listeners:
        listener(lang)


def on_language_changed(listener: Callable[[str], None]) -> None:
    with _lock:
        _listeners.append(listener)
