"""Reading rule-set JSON: structure and key checks, and field paths type-checked against ``MlaRequest``.

Everything is validated when the file loads, so a typo in an agency's copy is reported with the file,
requirement and field instead of being silently ignored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import re
import string
import types
import typing
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from liaison.documents import data_fields
from liaison.documents.rule_conditions import CHECKS, PLACEHOLDER_NAMES, REQUEST_LEVEL_CHECKS, norm
from liaison.documents.rule_types import (
    Check,
    Combine,
    Condition,
    FieldPath,
    IssueLevel,
    Requirement,
    RuleSet,
    Test,
)
from liaison.domain.mla import MeasureDetail, MlaRequest
from liaison.errors import ValidationError

FORMAT_VERSION = 1

RULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_SEGMENT = re.compile(r"([a-z_][a-z0-9_]*)(\[\])?")
_SET_KEYS = frozenset({"version", "id", "title", "instrument", "source", "note", "based_on", "requirements"})
_REQ_KEYS = frozenset({"id", "field", "level", "severity", "when", "check", "article", "message", "note"})
_OPS = frozenset({"equals", "in", "all_in", "filled"})


def parse_set(data: dict[str, Any], label: str, *, builtin: bool, path: Path | None = None) -> RuleSet:
    try:
        _known_keys(data, _SET_KEYS, "rule set")
        version = data.get("version", FORMAT_VERSION)
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ValueError(f"format version {version!r} is not supported (this Liaison reads 1)")
        rule_set_id = data_fields.text(data, "id")
        if not RULE_ID.fullmatch(rule_set_id):
            raise ValueError(f"id {rule_set_id!r} must be letters, digits, '.', '_' or '-'")
        raw_requirements = data.get("requirements")
        if not isinstance(raw_requirements, list):
            raise ValueError("'requirements' must be a list")
    except ValueError as exc:
        raise ValidationError(f"{label}: {exc}") from None
    requirements = tuple(_parse_requirement_at(raw, i, label) for i, raw in enumerate(raw_requirements))
    seen: set[str] = set()
    for req in requirements:
        if req.id in seen:
            raise ValidationError(f"{label}: requirement id {req.id!r} is used twice")
        seen.add(req.id)
    try:
        return RuleSet(
            id=rule_set_id,
            title=data_fields.text(data, "title"),
            instrument=data_fields.text(data, "instrument"),
            source=data_fields.text(data, "source"),
            requirements=requirements,
            note=data_fields.optional_text(data, "note"),
            based_on=data_fields.optional_text(data, "based_on"),
            builtin=builtin,
            path=path,
        )
    except ValueError as exc:
        raise ValidationError(f"{label}: {exc}") from None


def _parse_requirement_at(raw: object, index: int, label: str) -> Requirement:
    name = raw.get("id") if isinstance(raw, dict) else None
    where = f"requirement {index + 1}" + (f" ({name!r})" if isinstance(name, str) else "")
    try:
        if not isinstance(raw, dict):
            raise ValueError("must be a JSON object")
        return _parse_requirement(raw)
    except ValueError as exc:
        raise ValidationError(f"{label}: {where}: {exc}") from None


def _parse_requirement(raw: dict[str, Any]) -> Requirement:
    _known_keys(raw, _REQ_KEYS, "requirement")
    req_id = data_fields.text(raw, "id")
    if not RULE_ID.fullmatch(req_id):
        raise ValueError(f"id {req_id!r} must be letters, digits, '.', '_' or '-'")
    path = parse_path(data_fields.text(raw, "field"))
    level = data_fields.text(raw, "level")
    if level not in ("M", "C"):
        raise ValueError(f"level must be 'M' or 'C', got {level!r}")
    severity = raw.get("severity", "error")
    if severity not in ("error", "warning"):
        raise ValueError(f"severity must be 'error' or 'warning', got {severity!r}")
    check = _parse_check(raw.get("check", "non_empty"), path)
    when = _parse_condition(raw["when"], path.item) if "when" in raw else None
    message = data_fields.text(raw, "message")
    return Requirement(
        id=req_id,
        field=path.text,
        level=level,
        severity=IssueLevel(severity),
        check=check,
        article=data_fields.text(raw, "article"),
        message=message,
        when=when,
        note=data_fields.optional_text(raw, "note"),
        path=path,
        placeholders=_placeholders(message),
    )


def _placeholders(message: str) -> tuple[str, ...]:
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise ValueError(f"message has a stray brace: {exc}") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDER_NAMES or spec or conversion:
            known = ", ".join(sorted(PLACEHOLDER_NAMES))
            raise ValueError(f"message placeholder {{{name}}} unknown; use {known}")
        names.append(name)
    return tuple(dict.fromkeys(names))


def _parse_check(raw: object, path: FieldPath) -> Check:
    spec: dict[str, Any] = {"kind": raw} if isinstance(raw, str) else raw if isinstance(raw, dict) else {}
    kind = spec.get("kind")
    if kind not in CHECKS:
        raise ValueError(f"check {raw!r} unknown; use one of {', '.join(CHECKS)}")
    allowed = {"kind", *_CHECK_PARAMS.get(kind, ())}
    _known_keys(spec, frozenset(allowed), f"check {kind!r}")
    if kind in REQUEST_LEVEL_CHECKS and path.is_list:
        raise ValueError(f"check {kind!r} applies to the whole request; its field cannot contain []")
    builder = _CHECK_BUILDERS.get(kind)
    return builder(spec, path) if builder else Check(kind)


def _build_date_after(spec: dict[str, Any], path: FieldPath) -> Check:
    other = parse_path(data_fields.text(spec, "other"))
    if path.leaf is not dt.date or other.leaf is not dt.date or other.is_list:
        raise ValueError("date_after compares two date fields of the request")
    return Check("date_after", other=other)


def _build_one_of(spec: dict[str, Any], path: FieldPath) -> Check:
    values = spec.get("values")
    if not isinstance(values, list) or not values:
        raise ValueError("one_of needs a non-empty 'values' list")
    _check_enum_values(path, values)
    return Check("one_of", values=tuple(norm(v) for v in values))


def _build_any_non_empty(spec: dict[str, Any], path: FieldPath) -> Check:
    fields = spec.get("fields")
    if not isinstance(fields, list) or not fields or not all(isinstance(f, str) for f in fields):
        raise ValueError("any_non_empty needs a non-empty 'fields' list of paths")
    return Check("any_non_empty", fields=tuple(parse_path(f) for f in fields))


def _build_has_detail(spec: dict[str, Any], path: FieldPath) -> Check:
    if path.leaf != tuple[MeasureDetail, ...]:
        raise ValueError("has_detail applies to measures[].details")
    return Check("has_detail", key=data_fields.text(spec, "key"))


def _build_eio_states(spec: dict[str, Any], path: FieldPath) -> Check:
    expect = spec.get("expect", True)
    if not isinstance(expect, bool):
        raise ValueError("eio_states 'expect' must be true or false")
    return Check("eio_states", expect=expect)


_CHECK_PARAMS: dict[str, tuple[str, ...]] = {
    "date_after": ("other",),
    "one_of": ("values",),
    "any_non_empty": ("fields",),
    "has_detail": ("key",),
    "eio_states": ("expect",),
}
_CHECK_BUILDERS: dict[str, Callable[[dict[str, Any], FieldPath], Check]] = {
    "date_after": _build_date_after,
    "one_of": _build_one_of,
    "any_non_empty": _build_any_non_empty,
    "has_detail": _build_has_detail,
    "eio_states": _build_eio_states,
}


def _parse_condition(raw: object, item_type: Any) -> Condition:
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"a condition must be a non-empty JSON object, got {raw!r}")
    key = next((k for k in _CONDITION_FORMS if k in raw), None)
    if key is None:
        raise ValueError(f"condition {raw!r} unknown; start it with one of {', '.join(_CONDITION_FORMS)}")
    return _CONDITION_FORMS[key](raw, item_type)


def _combine(raw: dict[str, Any], item_type: Any) -> Condition:
    op = next(k for k in ("any_of", "all_of", "not") if k in raw)
    _known_keys(raw, frozenset({op}), "condition")
    if op == "not":
        return Combine("not", (_parse_condition(raw[op], item_type),))
    parts = raw[op]
    if not isinstance(parts, list) or not parts:
        raise ValueError(f"{op} needs a non-empty list of conditions")
    return Combine(op, tuple(_parse_condition(part, item_type) for part in parts))


def _shorthand(raw: dict[str, Any], item_type: Any) -> Condition:
    if "instrument_kind" in raw:
        _known_keys(raw, frozenset({"instrument_kind"}), "condition")
        return _test({"field": "instrument_kind", "equals": raw["instrument_kind"]}, item_type)
    _known_keys(raw, frozenset({"measure_kind_in"}), "condition")
    return _test({"field": "measures[].kind", "in": raw["measure_kind_in"]}, item_type)


def _test(raw: dict[str, Any], item_type: Any) -> Condition:
    on_item = "item" in raw
    subject = "item" if on_item else "field"
    ops = [k for k in raw if k != subject]
    if len(ops) != 1 or ops[0] not in _OPS:
        raise ValueError(f"condition on {raw.get(subject)!r} needs exactly one of {', '.join(sorted(_OPS))}")
    op, operand = ops[0], raw[ops[0]]
    if on_item and item_type is None:
        raise ValueError("'item' conditions only apply to requirements whose field contains []")
    path = parse_path(data_fields.text(raw, subject), item_type if on_item else MlaRequest)
    if on_item and path.is_list:
        raise ValueError("an 'item' path cannot contain []")
    if op == "filled":
        if not isinstance(operand, bool):
            raise ValueError("'filled' takes true or false")
        return Test(path, on_item, op, operand)
    if op == "equals":
        _check_enum_values(path, [operand])
        return Test(path, on_item, op, norm(operand))
    if not isinstance(operand, list) or not operand:
        raise ValueError(f"{op!r} takes a non-empty list")
    _check_enum_values(path, operand)
    return Test(path, on_item, op, frozenset(norm(v) for v in operand))


_CONDITION_FORMS: dict[str, Callable[[dict[str, Any], Any], Condition]] = {
    "any_of": _combine,
    "all_of": _combine,
    "not": _combine,
    "instrument_kind": _shorthand,
    "measure_kind_in": _shorthand,
    "field": _test,
    "item": _test,
}


def _check_enum_values(path: FieldPath, values: list[Any]) -> None:
    """Catch typos such as "bank_record" against the request model's enums when the file loads."""
    leaf = path.leaf
    element = _element_type(leaf)
    leaf = element if element is not None else leaf
    if isinstance(leaf, type) and issubclass(leaf, enum.Enum):
        allowed = {str(member.value) for member in leaf}
        bad = [v for v in values if str(v) not in allowed]
        if bad:
            raise ValueError(f"{path.text}: unknown value(s) {bad}; use {', '.join(sorted(allowed))}")


def parse_path(text: str, root: Any = MlaRequest) -> FieldPath:
    """Parse and type-check a dotted path such as ``persons[].surname`` against the request model."""
    if root is MlaRequest and text.split(".", maxsplit=1)[0] == "translator":
        # Release 1 had a single ``translator``: an agency's rule file naming it still loads.
        rest = text.partition(".")[2]
        text = f"certifications[].{rest}" if rest else "certifications"
    head: list[str] = []
    tail: list[str] = []
    current: Any = root
    item: Any = None
    for segment in text.split("."):
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            raise ValueError(f"field path {text!r}: bad segment {segment!r}")
        if not (isinstance(current, type) and dataclasses.is_dataclass(current)):
            raise ValueError(f"field path {text!r}: {segment!r} follows a field without sub-fields")
        hints = _hints(current)
        if match[1] not in hints:
            raise ValueError(f"field path {text!r}: unknown field {match[1]!r}")
        (tail if item is not None else head).append(match[1])
        current = _unwrap_optional(hints[match[1]])
        if match[2]:
            element = _element_type(current)
            if item is not None or element is None:
                raise ValueError(f"field path {text!r}: [] only once, and only after a list field")
            current = item = element
    return FieldPath(text, tuple(head), tuple(tail), item is not None, current, item)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _unwrap_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _element_type(tp: Any) -> Any:
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
    return None


def _known_keys(data: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        known = ", ".join(sorted(allowed))
        raise ValueError(f"{what} has unknown key(s) {', '.join(unknown)}; allowed: {known}")
