"""A conflicting field's value as the officer reads it: dates in the interface language's format,
choices by their translated names, yes/no, lists joined, a channel as "kind: address".

The Conflicts page receives each value as the sync core keeps it (JSON-shaped: ISO dates, enum
values, lists of dicts); this turns it back into the field's type (``codec.from_jsonable``) and
formats it at display time, so a change of interface language re-renders it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable
from typing import Any

from babel.dates import format_date

from liaison.store import codec
from liaison.store.registry import ENTITIES
from ui.i18n import _
from ui.models import label
from ui.sync import when


def _typed(kind: str, field: str, raw: Any) -> Any:
    spec = ENTITIES.get(kind)
    types = codec.field_types(spec.cls) if spec is not None else {}
    if raw is None or field not in types:
        return raw
    try:
        return codec.from_jsonable(types[field], raw)
    except (ValueError, KeyError, TypeError, AttributeError):
        return raw


def _structured(value: Any) -> str:
    """A channel, a language skill, a title...: its non-empty parts joined ("email: a@b.org")."""
    values = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
    return ": ".join(_part(name, v) for name, v in values if _shown(v))


# First match wins: bool before int-like checks, datetime before date (a datetime is a date).
_FORMATS: tuple[tuple[type | tuple[type, ...], Callable[[Any], str]], ...] = (
    (bool, lambda v: _("Yes") if v else _("No")),
    (enum.Enum, label),
    (dt.datetime, when.date_time),
    (dt.date, lambda v: str(format_date(v, "medium", locale=when.ui_locale()))),
    ((list, tuple), lambda v: ", ".join(t for t in (_one(x) for x in v) if t)),
    (dict, lambda v: ", ".join(f"{k}: {_one(x)}" for k, x in v.items() if _shown(x))),
)


def _one(value: Any) -> str:
    if value is None:
        return ""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _structured(value)
    for kinds, format_value in _FORMATS:
        if isinstance(value, kinds):
            return format_value(value)
    return str(value)


def _shown(value: Any) -> bool:
    return value not in (None, False, "", [], ())


def _part(name: str, value: Any) -> str:
    """A part of a structured value (a channel's kind, address, "secure")."""
    return name.replace("_", " ") if value is True else _one(value)


def value_text(kind: str, field: str, raw: Any) -> str:
    """``raw`` (a value of ``kind``'s ``field``, JSON-shaped) for the page, "" for none."""
    if field in ("created_at", "updated_at") and isinstance(raw, str):
        return when.date_time(raw)
    return _one(_typed(kind, field, raw))
