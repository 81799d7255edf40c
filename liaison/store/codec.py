"""Turns domain field values into JSON-able values and back, driven by the dataclass type hints.

One encoding serves the table columns and the op log, so a record rebuilt from its operations
compares equal to the stored one by construction of the same codec, not by coincidence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import json
import types
import typing
from typing import Any, Union, get_args, get_origin, get_type_hints

Jsonable = None | bool | int | float | str | list[Any] | dict[str, Any]


_FIELD_TYPES: dict[type, dict[str, Any]] = {}


def field_types(cls: type) -> dict[str, Any]:
    """Resolved type hints of a dataclass's fields, in declaration order (cached)."""
    cached = _FIELD_TYPES.get(cls)
    if cached is None:
        hints = get_type_hints(cls)
        cached = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
        _FIELD_TYPES[cls] = cached
    return cached


@functools.lru_cache(maxsize=1024)
def _strip_optional(tp: Any) -> tuple[Any, bool]:
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def to_jsonable(value: Any) -> Jsonable:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return typing.cast(Jsonable, value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot encode {type(value).__name__}")


_PLAIN = (str, int, float)


def from_jsonable(tp: Any, raw: Any) -> Any:  # noqa: PLR0911 - one return per kind of type
    base, optional = _strip_optional(tp)
    if raw is None:
        if optional:
            return None
        raise ValueError("missing value")
    if base in _PLAIN:
        return raw  # the common case (a sync applies hundreds of thousands): nothing to convert
    if base is dt.date:
        return dt.date.fromisoformat(raw)
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return base(raw)
    if get_origin(base) is tuple:
        (item_type, _ellipsis) = get_args(base)
        return tuple(from_jsonable(item_type, item) for item in raw)
    if isinstance(base, type) and dataclasses.is_dataclass(base):
        hints = field_types(base)
        return base(**{name: from_jsonable(hints[name], raw[name]) for name in hints if name in raw})
    return bool(raw) if base is bool else raw


@functools.lru_cache(maxsize=512)
def is_structured(tp: Any) -> bool:
    base, _ = _strip_optional(tp)
    return get_origin(base) is tuple or dataclasses.is_dataclass(base)


def to_column(tp: Any, value: Any) -> Any:
    encoded = to_jsonable(value)
    if is_structured(tp):
        return json.dumps(encoded, ensure_ascii=False, sort_keys=True)
    if isinstance(encoded, bool):
        return int(encoded)
    return encoded


def from_column(tp: Any, raw: Any) -> Any:
    if raw is not None and is_structured(tp):
        raw = json.loads(raw)
    return from_jsonable(tp, raw)


def encode_op_value(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True)


def decode_op_value(tp: Any, text: str) -> Any:
    return from_jsonable(tp, json.loads(text))
