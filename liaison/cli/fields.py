"""Command-line options generated from the domain dataclasses, so every field is settable.

``--languages de:working`` builds a LanguageSkill, ``--channels email:x@example.org[:secure]`` a
Channel, ``--titles fr:Titre`` a LocalizedText; repeat an option for several values. Dates are
ISO (2025-03-14). References to other records take an id or a unique id prefix.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import enum
import types
from collections.abc import Callable
from typing import Any, Union, get_args, get_origin

from liaison.domain import Channel, LanguageSkill, LocalizedText, Record
from liaison.errors import ValidationError
from liaison.store import codec

SKIPPED = frozenset({"id", "created_at", "updated_at", "revision"})


def _base(tp: Any) -> Any:
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return args[0]
    return tp


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (use YYYY-MM-DD): {text!r}") from None


def _parse_item(item_type: Any, text: str) -> Any:
    if item_type is LanguageSkill:
        code, _, level = text.partition(":")
        return LanguageSkill(code.strip(), level.strip() or "working")
    if item_type is Channel:
        kind, sep, rest = text.partition(":")
        if not sep or not rest:
            raise argparse.ArgumentTypeError(f"channel must be KIND:VALUE[:secure], got {text!r}")
        secure = rest.endswith(":secure")
        return Channel(kind.strip(), rest.removesuffix(":secure").strip(), secure)
    if item_type is LocalizedText:
        lang, sep, value = text.partition(":")
        if not sep:
            raise argparse.ArgumentTypeError(f"expected LANG:TEXT, got {text!r}")
        return LocalizedText(lang.strip(), value.strip())
    return text


def _item_parser(item_type: Any) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        return _parse_item(item_type, text)

    return parse


def option_name(field: str) -> str:
    return "--" + field.replace("_", "-")


def add_field_options(parser: argparse.ArgumentParser, cls: type[Record], *, editing: bool) -> None:
    """One option per settable field; required text fields are required when adding."""
    group = parser.add_argument_group(f"{cls.__name__.lower()} fields")
    for field in dataclasses.fields(cls):
        if field.name in SKIPPED:
            continue
        tp = _base(codec.field_types(cls)[field.name])
        required = not editing and field.default is dataclasses.MISSING
        name = option_name(field.name)
        if tp is bool:
            group.add_argument(name, action=argparse.BooleanOptionalAction, default=None)
        elif get_origin(tp) is tuple:
            group.add_argument(
                name,
                action="append",
                default=None,
                metavar="VALUE",
                type=_item_parser(get_args(tp)[0]),
                help="repeat for several; on edit, replaces the list",
            )
        elif isinstance(tp, type) and issubclass(tp, enum.Enum):
            group.add_argument(name, choices=[m.value for m in tp], default=None, required=required)
        elif tp is dt.date:
            group.add_argument(name, type=_parse_date, default=None, metavar="YYYY-MM-DD")
        else:
            group.add_argument(name, default=None, required=required)


def collect_fields(args: argparse.Namespace, cls: type[Record]) -> dict[str, Any]:
    """The fields given on the command line, converted to their domain types."""
    values: dict[str, Any] = {}
    hints = codec.field_types(cls)
    for field in dataclasses.fields(cls):
        raw = getattr(args, field.name, None)
        if field.name in SKIPPED or raw is None:
            continue
        tp = _base(hints[field.name])
        if get_origin(tp) is tuple:
            raw = tuple(raw)
        elif isinstance(tp, type) and issubclass(tp, enum.Enum):
            raw = tp(raw)
        elif tp is str and raw == "" and field.name.endswith("_id"):
            raw = None
        values[field.name] = raw
    return values


def check_no_unknown(values: dict[str, Any]) -> None:
    if not values:
        raise ValidationError("nothing to change: give at least one field option")
