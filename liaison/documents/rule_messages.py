"""The message templates (and notes) of the built-in rule sets, for interface catalogs to translate.

The core speaks English (the CLI prints ``Issue.message``); an interface looks up
``Issue.msgid`` in its own catalog and formats the translation with ``Issue.params``. This module
lists those msgids and is a Babel extractor (named in ``locales/babel-ui.cfg``) so that
``scripts/update-ui-catalogs.sh`` puts every rule message into ``messages.pot``, straight from the
JSON: no hand-kept copy can fall behind the rule files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import IO, Any


def _messages_with_lines(text: str, key: str = "message") -> Iterator[tuple[int, str, str]]:
    """(line, requirement id, text) of each requirement's ``key`` in one rule file, in file order."""
    data = json.loads(text)
    lines = text.splitlines()
    cursor = 0
    for requirement in data.get("requirements", ()):
        message = requirement.get(key)
        if not isinstance(message, str) or not message:
            continue
        # The line of this key: the first one at or after the previous hit.
        encoded = json.dumps(message, ensure_ascii=False)
        line = cursor
        for number in range(cursor, len(lines)):
            if f'"{key}"' in lines[number] and (encoded in lines[number] or message[:30] in lines[number]):
                line = number
                break
        cursor = line + 1
        yield line + 1, str(requirement.get("id", "")), message


def builtin_messages(key: str = "message") -> dict[str, list[str]]:
    """Every message template (``key="note"``: every note) of every built-in rule set, mapped to
    the requirement ids using it."""
    found: dict[str, list[str]] = {}
    folder = resources.files("liaison") / "resources" / "rules"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            for _line, req_id, message in _messages_with_lines(entry.read_text(encoding="utf-8"), key):
                found.setdefault(message, []).append(f"{entry.name[:-5]}/{req_id}")
    return found


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method for rule JSON files: the rule set's title, and each requirement's
    message and note (shown in the problem's tooltip), commented with the requirement id."""
    del keywords, comment_tags, options
    text = fileobj.read().decode("utf-8")
    title = json.loads(text).get("title")
    if isinstance(title, str) and title:
        line = next((n for n, row in enumerate(text.splitlines(), 1) if '"title"' in row), 1)
        yield line, "", title, ["the rule set's title, in the request editor's picker"]
    for line, req_id, message in _messages_with_lines(text):
        yield line, "", message, [f"rule {req_id}; keep {{placeholders}} and article numbers as they are"]
    for line, req_id, note in _messages_with_lines(text, "note"):
        yield line, "", note, [f"note of rule {req_id}; keep article and paragraph numbers as they are"]
