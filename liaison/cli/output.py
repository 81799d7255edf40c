"""Printing records as aligned tables, key/value blocks or JSON (``--json``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from liaison.store import codec


def to_dict(record: Any) -> dict[str, Any]:
    encoded = codec.to_jsonable(record)
    assert isinstance(encoded, dict)
    return encoded


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return codec.to_jsonable(value)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
    sys.stdout.write("\n")


def _item(item: dict[str, Any]) -> str:
    """A nested value such as a channel: its text parts, and the names of its true flags."""
    parts = [k if v is True else str(v) for k, v in item.items() if v not in (False, None, "")]
    return ":".join(parts)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_item(v) if isinstance(v, dict) else _cell(v) for v in value)
    text = str(value).replace("\n", " ")
    return text if len(text) <= 48 else text[:47] + "…"


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    if not rows:
        print("(none)")
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def print_record(record: Any) -> None:
    for key, value in to_dict(record).items():
        if value in ("", None, []):
            continue
        text = value
        if isinstance(value, dict):
            parts = [f"{k}={v}" for k, v in value.items() if v not in ("", None, [], False)]
            if not parts:
                continue
            text = ", ".join(parts)
        elif isinstance(value, list):
            text = "; ".join(_item(item) if isinstance(item, dict) else str(item) for item in value)
        print(f"{key:>22}: {text}")
