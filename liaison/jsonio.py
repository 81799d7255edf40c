"""Parsing JSON that comes from outside (request files, key headers, pack manifests, rule files).

``json.loads`` recurses once per nesting level: a file of 100,000 ``[`` raises ``RecursionError``,
which no caller expects, and a merely deep document can still exhaust the stack in the code that
walks it afterwards. Here both become a ``json.JSONDecodeError`` (a ``ValueError``) that callers
already turn into their one-line message.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64  # far deeper than any file Liaison reads or writes


class TooDeep(json.JSONDecodeError):
    def __init__(self, max_depth: int) -> None:
        super().__init__(f"nested more than {max_depth} levels deep", "", 0)
        self.max_depth = max_depth

    def __str__(self) -> str:
        return f"nested more than {self.max_depth} levels deep"


def _depth_exceeds(value: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def loads(data: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """Like ``json.loads``, but nesting beyond ``max_depth`` is a decoding error, never a crash."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise TooDeep(max_depth) from None
    if _depth_exceeds(value, max_depth):
        raise TooDeep(max_depth)
    return value
