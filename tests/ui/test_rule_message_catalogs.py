"""Every validation message of every built-in rule set is translated in each interface catalog.

The core's rule issues are English; the requests page translates ``Issue.msgid`` (the rule's message
template) through the UI catalog and then formats it. A rule message the catalog lacks would show
up in English in a French or Arabic window, and a translation that drops or renames a placeholder
would show a raw "{n}" or fail to format, so both are checked here, with the article and section
numbers the message cites.
"""

from __future__ import annotations

import io
import re
import string

import pytest
from babel.messages.pofile import read_po

from liaison.documents import rule_messages, rules
from ui import i18n


def _placeholders(text: str) -> list[str]:
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None)


def _rule_messages(key: str = "message") -> dict[str, list[str]]:
    """Each built-in requirement's message (or note, shown in the problem's tooltip) -> its ids."""
    found: dict[str, list[str]] = {}
    for rule_set in rules.list_rule_sets():
        if rule_set.builtin:
            for requirement in rule_set.requirements:
                text = getattr(requirement, key)
                if text:
                    found.setdefault(text, []).append(f"{rule_set.id}/{requirement.id}")
    return found


def test_the_extractor_lists_exactly_the_rule_sets_messages_and_notes() -> None:
    messages, notes = _rule_messages(), _rule_messages("note")
    assert len(messages) > 100 and len(notes) > 20
    assert rule_messages.builtin_messages().keys() == messages.keys()
    assert rule_messages.builtin_messages("note").keys() == notes.keys()


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_every_rule_message_is_translated_with_the_same_placeholders(lang: str) -> None:
    with (i18n.locales_dir() / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    problems = []
    for message, where in sorted((_rule_messages() | _rule_messages("note")).items()):
        entry = catalog.get(message)
        if entry is None or not entry.string or entry.fuzzy:
            problems.append(f"untranslated ({where[0]}): {message}")
            continue
        translation = str(entry.string)
        if translation == message:
            problems.append(f"left in English ({where[0]}): {message}")
        if _placeholders(translation) != _placeholders(message):
            problems.append(f"placeholders differ ({where[0]}): {message!r} -> {translation!r}")
        if sorted(re.findall(r"\d+", translation)) != sorted(re.findall(r"\d+", message)):
            problems.append(f"numbers differ ({where[0]}): {message!r} -> {translation!r}")
        # Detail keys ("detail 'bank'") are what the officer types in the measure's details, and a
        # rule set id (EIO-ANNEX-A) is what the picker shows: both stay as they are.
        for token in re.findall(r"detail(?: key)? '([a-z_]+)'|\b([A-Z]+-[A-Z0-9-]+)\b", message):
            key = "".join(token)
            if key not in translation:
                problems.append(f"{key} missing ({where[0]}): {translation!r}")
    assert not problems, "\n".join(problems)


def test_the_extractor_gives_each_message_its_line_and_rule_id() -> None:
    """pybabel calls ``extract`` on each rule file: the message, its own line (for the translator's
    reference) and the requirement id with a reminder to keep placeholders."""
    text = (
        '{\n  "requirements": [\n    {"id": "a", "message": "Give the {n} thing."},\n'
        '    {"id": "b", "note": "no message"},\n'
        '    {\n      "id": "c",\n      "message": "Date the request."\n    }\n  ]\n}\n'
    )
    found = list(rule_messages.extract(io.BytesIO(text.encode()), {}, [], {}))
    assert [(line, message) for line, _func, message, _comments in found] == [
        (3, "Give the {n} thing."),
        (7, "Date the request."),
        (4, "no message"),  # notes come after the messages
    ]
    assert "rule a" in found[0][3][0] and "placeholders" in found[0][3][0]


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_every_rule_set_title_is_translated_and_shown_in_the_picker(lang: str) -> None:
    """The request editor's rule-set picker names each built-in set in the interface language."""
    from ui.views.requests_view import rule_set_choices

    with (i18n.locales_dir() / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    builtin = [r for r in rules.list_rule_sets() if r.builtin]
    assert len(builtin) == 6
    translated = {}
    for rule_set in builtin:
        entry = catalog.get(rule_set.title)
        assert entry is not None and entry.string and not entry.fuzzy, rule_set.title
        assert str(entry.string) != rule_set.title
        assert re.findall(r"\d+", str(entry.string)) == re.findall(r"\d+", rule_set.title)
        translated[rule_set.id] = f"{rule_set.id} – {entry.string}"
    i18n.set_language(lang)
    try:
        shown = dict(rule_set_choices())
    finally:
        i18n.set_language("en")
    assert {k: shown[k] for k in translated} == translated
