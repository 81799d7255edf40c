"""Printing records as aligned tables, key/value blocks or JSON (``--json``)."""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from liaison.store import codec

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates
# that can make a terminal show text in another order than it is stored (spoofed names, hidden text).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_C1 = re.compile("[\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character a terminal would act on shown as an escape instead:
    stored text cannot move the cursor, retitle the window, hide itself or reorder a line."""
    return _UNSAFE.sub(_escape, text)


class _EscapingStream(io.TextIOWrapper):
    def write(self, text: str) -> int:
        return super().write(printable(text))


@contextlib.contextmanager
def terminal_safe_stdout() -> Iterator[None]:
    """While a command runs, what it prints to a terminal goes through ``printable``. Pipes and
    files get the text exactly as stored (a script may want it)."""
    original = sys.stdout
    buffer = getattr(original, "buffer", None)
    if buffer is None or not original.isatty():
        yield
        return
    original.flush()
    wrapper = _EscapingStream(buffer, encoding=original.encoding, errors="replace", line_buffering=True)
    sys.stdout = wrapper
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            wrapper.flush()
        wrapper.detach()
        sys.stdout = original


def to_dict(record: Any) -> dict[str, Any]:
    encoded = codec.to_jsonable(record)
    assert isinstance(encoded, dict)
    return encoded


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return codec.to_jsonable(value)


def print_json(value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2, default=_json_default)
    # JSON escapes C0 controls itself but passes C1 ones (U+009B is a CSI to some terminals) raw;
    # they can only occur inside strings, where \u escapes mean the same.
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def _item(item: dict[str, Any]) -> str:
    """A nested value such as a channel: its text parts, and the names of its true flags."""
    parts = [k if v is True else str(v) for k, v in item.items() if v not in (False, None, "")]
    return ":".join(parts)


def _cell(value: Any, whole: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_item(v) if isinstance(v, dict) else _cell(v) for v in value)
    text = str(value).replace("\n", " ")
    return text if whole or len(text) <= 48 else text[:47] + "…"


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], whole: Collection[str] = ()) -> None:
    """Long cells are cut at 48 characters, except in the ``whole`` columns: values a person must
    read to the end, such as a safety number compared digit by digit with another screen."""
    if not rows:
        print("(none)")
        return
    cells = [[_cell(row.get(c), c in whole) for c in columns] for row in rows]
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
