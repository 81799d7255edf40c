"""The interface catalogs (domain ``messages``): complete, consistent with the code, and loadable.

No widget is built here. ``messages.pot`` is re-extracted from ``ui/`` and the rule sets with the
same pybabel command as ``scripts/update-ui-catalogs.sh`` (keywords and inputs read from the script),
so a string added to the code or a rule file without running the script fails
``test_template_is_up_to_date_with_the_code``.
"""

from __future__ import annotations

import re
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update-ui-catalogs.sh"
LANGUAGES = ("fr", "es", "ar")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
# Nothing to translate into Arabic script: the product name, a pure format, an input mask.
LATIN_IN_ARABIC = frozenset({"Liaison", "{page} (Ctrl+{n})", "YYYY-MM-DD"})


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _template_path() -> Path:
    return i18n.locales_dir() / "messages.pot"


def _catalog_path(lang: str) -> Path:
    return i18n.locales_dir() / lang / "LC_MESSAGES" / "messages.po"


def _messages(catalog: Catalog) -> Iterator[Message]:
    return (m for m in catalog if m.id)


def _ids(message: Message) -> tuple[str, ...]:
    """``(msgid,)``, or ``(msgid, msgid_plural)``."""
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def _strings(message: Message) -> tuple[str, ...]:
    """The msgstr, or every plural form of it (an empty one stays ``""``)."""
    text = message.string
    return (text or "",) if text is None or isinstance(text, str) else tuple(text)


def _msgids(catalog: Catalog) -> set[tuple[str, ...]]:
    return {_ids(m) for m in _messages(catalog)}


def _placeholders(text: str) -> set[str]:
    """``{name}``, ``{name!r}``, ``{name:>4}`` … as written (``{{`` / ``}}`` are not placeholders)."""
    found = set()
    for _literal, field, spec, conversion in string.Formatter().parse(text):
        if field is not None:
            found.add(field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return found


def _script_keywords() -> list[str]:
    keywords = re.findall(r"(?:^|\s)-k\s+(\S+)", SCRIPT.read_text(encoding="utf-8"))
    assert keywords, f"no -k keyword found in {SCRIPT}"
    return keywords


def _script_inputs() -> list[str]:
    """The folders the script extracts from (``ui`` and the rule sets' JSON), after its ``-o`` file."""
    found = re.search(r"-o\s+locales/messages\.pot\s+([^\n\\]+)", SCRIPT.read_text(encoding="utf-8"))
    assert found, f"no extraction input found in {SCRIPT}"
    inputs = found.group(1).split()
    assert "ui" in inputs
    return inputs


@pytest.fixture(scope="module", params=LANGUAGES)
def catalog(request: pytest.FixtureRequest) -> Catalog:
    return _read(_catalog_path(request.param), locale=request.param)


def test_every_message_is_translated(catalog: Catalog) -> None:
    untranslated = [m.id for m in _messages(catalog) if not all(_strings(m))]
    assert untranslated == []


def test_no_fuzzy_entry_is_left(catalog: Catalog) -> None:
    assert [m.id for m in _messages(catalog) if m.fuzzy] == []
    # The header is fuzzy after a bare ``pybabel init``; a reviewed catalog clears it too.
    assert not catalog.fuzzy


def test_plural_forms_match_the_language(catalog: Catalog) -> None:
    expected_count, _expression = get_plural(catalog.locale)
    assert catalog.num_plurals == expected_count
    plurals = [m for m in _messages(catalog) if m.pluralizable]
    assert plurals
    assert [m.id for m in plurals if len(_strings(m)) != catalog.num_plurals] == []


def test_placeholders_are_kept(catalog: Catalog) -> None:
    wrong = []
    for message in _messages(catalog):
        expected = set().union(*(_placeholders(text) for text in _ids(message)))
        for index, text in enumerate(_strings(message)):
            if _placeholders(text) != expected:
                wrong.append((message.id, index, text))
    assert wrong == []


def test_catalog_holds_exactly_the_template_messages(catalog: Catalog) -> None:
    assert _msgids(catalog) == _msgids(_read(_template_path()))


def test_template_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    keywords = [arg for keyword in _script_keywords() for arg in ("-k", keyword)]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "locales/babel-ui.cfg",
            *keywords,
            "-o",
            str(fresh),
            *_script_inputs(),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    in_code, in_template = _msgids(_read(fresh)), _msgids(_read(_template_path()))
    assert in_code, "the extraction found no message"
    missing, stale = in_code - in_template, in_template - in_code
    assert (missing, stale) == (set(), set()), "run scripts/update-ui-catalogs.sh"


def test_arabic_strings_are_in_arabic_script() -> None:
    catalog_ = _read(_catalog_path("ar"), locale="ar")
    latin = [
        (m.id, text)
        for m in _messages(catalog_)
        if m.id not in LATIN_IN_ARABIC
        for text in _strings(m)
        if not ARABIC_SCRIPT.search(text)
    ]
    assert latin == []


def test_switching_to_french_translates_at_once() -> None:
    try:
        i18n.set_language("fr")
        assert i18n._("The vault is locked.") == "Le coffre-fort est verrouillé."
        assert i18n._("&Lock") == "&Verrouiller"
        assert i18n.ngettext("{count} party", "{count} parties", 1) == "{count} partie"
        assert i18n.ngettext("{count} party", "{count} parties", 3) == "{count} parties"
    finally:
        i18n.set_language("en")
    assert i18n._("The vault is locked.") == "The vault is locked."
