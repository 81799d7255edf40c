"""Field-rule sets: which request fields each instrument requires, kept as data an agency can correct.

Why data: the legal texts (UNTOC art. 18(15), UNCAC art. 46(15), UN Model Treaty art. 5, ETS 30 art. 14,
Harare Scheme para. 14, EIO Annex A) were encoded from memory where marked "verify", and bilateral treaties
add their own items. Built-in sets ship in ``liaison/resources/rules/<ID>.json``; an agency copies one into
the user folder (``LIAISON_RULES_DIR``, else the platformdirs user data folder / "rules") and adds items
there. Built-ins are never modified in place, so an upgrade cannot silently overwrite an agency's changes.

Rule set file::

    {"version": 1, "id": "UNTOC-18-15", "title": "...", "instrument": "UNTOC", "source": "citation",
     "note": "...", "based_on": "(copies only)", "requirements": [<requirement>, ...]}

Requirement::

    {"id": "untoc-c-facts", "field": "facts", "level": "M" | "C", "severity": "error" | "warning",
     "when": <condition>, "check": <check>, "article": "UNTOC art. 18(15)(c)", "message": "...",
     "note": "verify against the official text"}

``field`` is a dotted path into ``MlaRequest`` (``requesting_authority.name``); one segment may end in
``[]`` to apply the requirement to every element of a list (``offences[].provisions``). Issues name the
concrete element as ``offences.0.provisions``, the same path style as ``FieldTranslation.field``. Paths
are checked against the request model when the file loads, so a typo is reported, not ignored.

``level`` is the instrument's word: M = "shall contain", C = "where applicable / where possible";
``severity`` (default "error") says whether a breach blocks the request or only advises.

Condition language (``when``; absent = always applies):

- ``{"field": path, "equals": v}`` / ``{"field": path, "in": [..]}`` / ``{"field": path, "all_in": [..]}``
  / ``{"field": path, "filled": true|false}``. A list value (a tuple field or a ``[]`` path) matches
  ``equals``/``in`` when any element matches; ``all_in`` needs at least one element and all in the list.
  Strings compare case-insensitively; enums by value.
- ``{"item": path, ...same operators}``: tests the current list element (only in ``[]`` requirements).
- ``{"instrument_kind": "eio"}`` and ``{"measure_kind_in": [..]}``: shorthands for the two most used tests.
- ``{"any_of": [..]}``, ``{"all_of": [..]}``, ``{"not": condition}``.

Checks (``check``: a name or ``{"kind": name, ...parameters}``; default ``non_empty``):

- ``non_empty``: text not blank, list not empty, flag true, value present.
- ``present``: not None (dates and optional sections).
- ``date_after`` (``other``: date path): both dates set and this one strictly later.
- ``one_of`` (``values``): the value (each element of a list) is one of the values.
- ``any_non_empty`` (``fields``): at least one of the paths is filled; a ``[]`` path counts when the list
  has elements and all of them are filled.
- ``has_detail`` (``key``): a ``measures[].details`` entry with that key and a value.
- ``eio_states`` (``expect``: true/false): whether the EIO applies between the two States.
- ``language_accepted``: the drafting language or a translation's language is accepted by the requested
  State for this rule set's instrument (country profiles); silent when no profile is known.

Messages may use ``{n}`` (element number, from 1), ``{value}``, ``{requesting_state}``,
``{requested_state}``, ``{requesting_state_name}``, ``{requested_state_name}``, ``{language}`` and
``{accepted}``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import json
import os
import re
import string
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from liaison.crypto.atomic import atomic_write_bytes
from liaison.documents import countries
from liaison.domain.mla import MeasureDetail, MlaRequest
from liaison.errors import ValidationError

RULES_ENV = "LIAISON_RULES_DIR"
FORMAT_VERSION = 1

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_SEGMENT = re.compile(r"([a-z_][a-z0-9_]*)(\[\])?")
_SET_KEYS = frozenset({"version", "id", "title", "instrument", "source", "note", "based_on", "requirements"})
_REQ_KEYS = frozenset({"id", "field", "level", "severity", "when", "check", "article", "message", "note"})
_OPS = frozenset({"equals", "in", "all_in", "filled"})
_PLACEHOLDER_NAMES = frozenset(
    {
        "n",
        "value",
        "requesting_state",
        "requested_state",
        "requesting_state_name",
        "requested_state_name",
        "language",
        "accepted",
    }
)


class IssueLevel(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One missing or inconsistent field, with the rule and article that require it."""

    field: str  # concrete path, e.g. "offences.0.provisions"
    level: IssueLevel
    message: str
    rule_set: str
    article: str
    requirement: str = ""  # the requirement id, stable for UI translation and filtering
    note: str = ""  # e.g. "verify against the official text"


@dataclass(frozen=True)
class FieldPath:
    """A parsed, type-checked path; ``head`` ends at the ``[]`` list, ``tail`` runs inside its elements."""

    text: str
    head: tuple[str, ...]
    tail: tuple[str, ...]
    is_list: bool
    leaf: Any  # the type at the end of the path
    item: Any = None  # element type of the ``[]`` list


@dataclass(frozen=True)
class Test:
    path: FieldPath
    on_item: bool
    op: str
    operand: object


@dataclass(frozen=True)
class Combine:
    op: str  # "any_of", "all_of" or "not"
    parts: tuple[Test | Combine, ...]


Condition = Test | Combine


@dataclass(frozen=True)
class Check:
    kind: str
    other: FieldPath | None = None
    values: tuple[object, ...] = ()
    fields: tuple[FieldPath, ...] = ()
    key: str = ""
    expect: bool = True


@dataclass(frozen=True)
class Requirement:
    id: str
    field: str
    level: str  # "M" or "C"
    severity: IssueLevel
    check: Check
    article: str
    message: str
    when: Condition | None = None
    note: str = ""
    path: FieldPath | None = dataclasses.field(default=None, compare=False, repr=False)
    placeholders: tuple[str, ...] = dataclasses.field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    instrument: str
    source: str
    requirements: tuple[Requirement, ...]
    note: str = ""
    based_on: str = ""
    builtin: bool = True
    path: Path | None = None  # the user file; None for built-ins


# --- public API -----------------------------------------------------------------------------------------


def user_rules_dir() -> Path:
    """Where agency rule sets live: outside the package, so upgrades never touch them."""
    env = os.environ.get(RULES_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("Liaison", appauthor=False)) / "rules"


def list_rule_sets() -> list[RuleSet]:
    """Built-in sets, then the user's; a malformed user file raises rather than silently disappearing."""
    user = [_load_user(path) for path in sorted(_user_files())]
    return sorted(_builtins().values(), key=lambda s: s.id) + user


def get(rule_set_id: str) -> RuleSet:
    """One rule set by id; reads only that user file, so one broken copy does not block the others."""
    builtin = _builtins().get(rule_set_id)
    if builtin is not None:
        return builtin
    if _ID.fullmatch(rule_set_id):
        path = user_rules_dir() / f"{rule_set_id}.json"
        if path.is_file():
            return _load_user(path)
    known = sorted(_builtins()) + sorted(p.stem for p in _user_files())
    raise ValidationError(f"unknown rule set {rule_set_id!r}; available: {', '.join(known)}")


def copy_rule_set(source_id: str, new_id: str, title: str) -> Path:
    """Copy a set into the user folder under a new id, e.g. to add a bilateral treaty's requirements."""
    if not _ID.fullmatch(new_id):
        raise ValidationError(f"rule set id {new_id!r} must be letters, digits, '.', '_' or '-' (max 64)")
    if not title.strip():
        raise ValidationError("the copied rule set needs a title")
    taken = {i.casefold() for i in _builtins()} | {p.stem.casefold() for p in _user_files()}
    if new_id.casefold() in taken:
        kind = "a built-in" if new_id.casefold() in {i.casefold() for i in _builtins()} else "an existing"
        raise ValidationError(f"rule set {new_id!r} would replace {kind} rule set; choose another id")
    source = get(source_id)
    data = _raw(source)
    data.update({"version": FORMAT_VERSION, "id": new_id, "title": title.strip(), "based_on": source.id})
    target = user_rules_dir() / f"{new_id}.json"
    _parse_set(data, f"rule file {target}", builtin=False, path=target)
    _write(target, data)
    return target


def add_requirement(rule_set_id: str, requirement: Mapping[str, Any]) -> RuleSet:
    """Append a requirement (same JSON shape as in the files) to a user rule set and save it."""
    rule_set = get(rule_set_id)
    if rule_set.builtin or rule_set.path is None:
        raise ValidationError(
            f"built-in rule set {rule_set_id!r} is read-only; copy it with copy_rule_set and edit the copy"
        )
    data = _raw(rule_set)
    data["requirements"] = [*data.get("requirements", []), dict(requirement)]
    updated = _parse_set(data, f"rule file {rule_set.path}", builtin=False, path=rule_set.path)
    _write(rule_set.path, data)
    return updated


def validate(request: MlaRequest, rule_set_id: str | None = None) -> list[Issue]:
    """Every missing or inconsistent field under the rule set (default: the request's own)."""
    rule_set = get(rule_set_id or request.rule_set)
    issues: list[Issue] = []
    for requirement in rule_set.requirements:
        issues.extend(_evaluate(rule_set, requirement, request))
    return issues


# --- evaluation ------------------------------------------------------------------------------------------


def _evaluate(rule_set: RuleSet, req: Requirement, request: MlaRequest) -> Iterator[Issue]:
    assert req.path is not None
    for where, value, item, number in _targets(req.path, request):
        if req.when is not None and not _holds(req.when, request, item):
            continue
        if _CHECKS[req.check.kind](req.check, value, request, rule_set):
            continue
        message = _message(req, rule_set, request, number, value)
        yield Issue(where, req.severity, message, rule_set.id, req.article, req.id, req.note)


def _targets(path: FieldPath, root: object) -> Iterator[tuple[str, object, object, int]]:
    """(concrete path, value, list element or None, element number from 1 or 0) for each place checked."""
    container = _get(root, path.head)
    if not path.is_list:
        yield path.text, container, None, 0
        return
    head = ".".join(path.head)
    for index, element in enumerate(container if isinstance(container, tuple) else ()):
        where = ".".join([head, str(index), *path.tail]) if path.tail else f"{head}.{index}"
        yield where, _get(element, path.tail), element, index + 1


def _get(obj: object, segments: tuple[str, ...]) -> object:
    for name in segments:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _filled(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, tuple | list):
        return bool(value)
    return True


def _norm(value: object) -> object:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        return value.strip().casefold()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _holds(cond: Condition, request: MlaRequest, item: object) -> bool:
    if isinstance(cond, Combine):
        results = (_holds(part, request, item) for part in cond.parts)
        if cond.op == "any_of":
            return any(results)
        if cond.op == "all_of":
            return all(results)
        return not next(results)
    if cond.on_item:
        values = [_get(item, cond.path.head)]
    else:
        values = [value for _, value, _, _ in _targets(cond.path, request)]
    return _test_holds(cond, values)


def _test_holds(test: Test, values: list[object]) -> bool:
    if test.op == "filled":
        return any(_filled(v) for v in values) == test.operand
    flat = [_norm(e) for v in values for e in (v if isinstance(v, tuple) else (v,))]
    if test.op == "equals":
        return test.operand in flat
    assert isinstance(test.operand, frozenset)
    if test.op == "in":
        return any(v in test.operand for v in flat)
    return bool(flat) and all(v in test.operand for v in flat)  # all_in


CheckFn = Callable[[Check, object, MlaRequest, RuleSet], bool]


def _non_empty(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    return _filled(value)


def _present(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    return value is not None


def _date_after(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    assert check.other is not None
    other = _get(request, check.other.head)
    if not isinstance(value, dt.date) or not isinstance(other, dt.date):
        return True  # a missing date is the job of a "present" requirement
    return value > other


def _one_of(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    if not _filled(value):
        return True
    items = value if isinstance(value, tuple) else (value,)
    return all(_norm(item) in check.values for item in items)


def _any_non_empty(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    for path in check.fields:
        values = [v for _, v, _, _ in _targets(path, request)]
        if path.is_list and values and all(_filled(v) for v in values):
            return True
        if not path.is_list and _filled(values[0]):
            return True
    return False


def _has_detail(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    details = value if isinstance(value, tuple) else ()
    return any(isinstance(d, MeasureDetail) and d.key == check.key and d.value.strip() for d in details)


def _eio_states(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    if not request.requesting_state or not request.requested_state:
        return True  # the missing State is reported by its own requirement
    return countries.eio_applies(request.requesting_state, request.requested_state) == check.expect


def _language_accepted(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    accepted = _accepted(request, rule_set)
    if not accepted:
        return True
    languages = {request.language.lower()} | {t.lang.lower() for t in request.translations}
    return bool(languages & set(accepted))


def _accepted(request: MlaRequest, rule_set: RuleSet) -> tuple[str, ...]:
    found = countries.find(request.requested_state) if request.requested_state else None
    if found is None:
        return ()
    rule = found.language_rule(rule_set.instrument)
    return rule.accepted if rule else found.official_languages


_CHECKS: dict[str, CheckFn] = {
    "non_empty": _non_empty,
    "present": _present,
    "date_after": _date_after,
    "one_of": _one_of,
    "any_non_empty": _any_non_empty,
    "has_detail": _has_detail,
    "eio_states": _eio_states,
    "language_accepted": _language_accepted,
}
_REQUEST_LEVEL_CHECKS = frozenset({"date_after", "any_non_empty", "eio_states", "language_accepted"})

_Placeholder = Callable[[MlaRequest, RuleSet, int, object], str]
_PLACEHOLDERS: dict[str, _Placeholder] = {
    "n": lambda request, rule_set, n, value: str(n),
    "value": lambda request, rule_set, n, value: _display(value),
    "requesting_state": lambda request, rule_set, n, value: request.requesting_state,
    "requested_state": lambda request, rule_set, n, value: request.requested_state,
    "requesting_state_name": lambda request, *_: countries.country_name(request.requesting_state),
    "requested_state_name": lambda request, *_: countries.country_name(request.requested_state),
    "language": lambda request, *_: countries.language_name(request.language),
    "accepted": lambda request, rule_set, *_: ", ".join(_accepted(request, rule_set)),
}


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ", ".join(_display(v) for v in value)
    return str(value)


def _message(req: Requirement, rule_set: RuleSet, request: MlaRequest, n: int, value: object) -> str:
    if not req.placeholders:
        return req.message
    values = {name: _PLACEHOLDERS[name](request, rule_set, n, value) for name in req.placeholders}
    return req.message.format(**values)


# --- loading and parsing ---------------------------------------------------------------------------------


@functools.cache
def _builtins() -> dict[str, RuleSet]:
    folder = resources.files("liaison") / "resources" / "rules"
    loaded: dict[str, RuleSet] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            label = f"built-in rule file {entry.name}"
            rule_set = _parse_set(_decode(entry.read_text(encoding="utf-8"), label), label, builtin=True)
            _check_file_name(rule_set, entry.name, label)
            loaded[rule_set.id] = rule_set
    return loaded


def _user_files() -> list[Path]:
    folder = user_rules_dir()
    return [p for p in folder.glob("*.json") if p.is_file()] if folder.is_dir() else []


def _load_user(path: Path) -> RuleSet:
    label = f"rule file {path}"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"{label} cannot be read: {exc}") from None
    rule_set = _parse_set(_decode(text, label), label, builtin=False, path=path)
    _check_file_name(rule_set, path.name, label)
    if rule_set.id.casefold() in {i.casefold() for i in _builtins()}:
        raise ValidationError(f"{label} reuses the built-in id {rule_set.id!r}; copy the set under a new id")
    return rule_set


def _check_file_name(rule_set: RuleSet, file_name: str, label: str) -> None:
    if file_name != f"{rule_set.id}.json":
        raise ValidationError(f"{label} holds rule set {rule_set.id!r}; name the file {rule_set.id}.json")


def _decode(text: str, label: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{label} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValidationError(f"{label} must hold a JSON object")
    return data


def _raw(rule_set: RuleSet) -> dict[str, Any]:
    if rule_set.path is not None:
        return _decode(rule_set.path.read_text(encoding="utf-8"), f"rule file {rule_set.path}")
    entry = resources.files("liaison") / "resources" / "rules" / f"{rule_set.id}.json"
    return _decode(entry.read_text(encoding="utf-8"), f"built-in rule file {rule_set.id}.json")


def _write(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write_bytes(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _parse_set(data: dict[str, Any], label: str, *, builtin: bool, path: Path | None = None) -> RuleSet:
    try:
        _known_keys(data, _SET_KEYS, "rule set")
        version = data.get("version", FORMAT_VERSION)
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ValueError(f"format version {version!r} is not supported (this Liaison reads 1)")
        rule_set_id = _text(data, "id")
        if not _ID.fullmatch(rule_set_id):
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
            title=_text(data, "title"),
            instrument=_text(data, "instrument"),
            source=_text(data, "source"),
            requirements=requirements,
            note=_optional_text(data, "note"),
            based_on=_optional_text(data, "based_on"),
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
    req_id = _text(raw, "id")
    if not _ID.fullmatch(req_id):
        raise ValueError(f"id {req_id!r} must be letters, digits, '.', '_' or '-'")
    path = parse_path(_text(raw, "field"))
    level = _text(raw, "level")
    if level not in ("M", "C"):
        raise ValueError(f"level must be 'M' or 'C', got {level!r}")
    severity = raw.get("severity", "error")
    if severity not in ("error", "warning"):
        raise ValueError(f"severity must be 'error' or 'warning', got {severity!r}")
    check = _parse_check(raw.get("check", "non_empty"), path)
    when = _parse_condition(raw["when"], path.item) if "when" in raw else None
    message = _text(raw, "message")
    return Requirement(
        id=req_id,
        field=path.text,
        level=level,
        severity=IssueLevel(severity),
        check=check,
        article=_text(raw, "article"),
        message=message,
        when=when,
        note=_optional_text(raw, "note"),
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
        if name not in _PLACEHOLDER_NAMES or spec or conversion:
            known = ", ".join(sorted(_PLACEHOLDER_NAMES))
            raise ValueError(f"message placeholder {{{name}}} unknown; use {known}")
        names.append(name)
    return tuple(dict.fromkeys(names))


def _parse_check(raw: object, path: FieldPath) -> Check:
    spec: dict[str, Any] = {"kind": raw} if isinstance(raw, str) else raw if isinstance(raw, dict) else {}
    kind = spec.get("kind")
    if kind not in _CHECKS:
        raise ValueError(f"check {raw!r} unknown; use one of {', '.join(_CHECKS)}")
    allowed = {"kind", *_CHECK_PARAMS.get(kind, ())}
    _known_keys(spec, frozenset(allowed), f"check {kind!r}")
    if kind in _REQUEST_LEVEL_CHECKS and path.is_list:
        raise ValueError(f"check {kind!r} applies to the whole request; its field cannot contain []")
    builder = _CHECK_BUILDERS.get(kind)
    return builder(spec, path) if builder else Check(kind)


def _build_date_after(spec: dict[str, Any], path: FieldPath) -> Check:
    other = parse_path(_text(spec, "other"))
    if path.leaf is not dt.date or other.leaf is not dt.date or other.is_list:
        raise ValueError("date_after compares two date fields of the request")
    return Check("date_after", other=other)


def _build_one_of(spec: dict[str, Any], path: FieldPath) -> Check:
    values = spec.get("values")
    if not isinstance(values, list) or not values:
        raise ValueError("one_of needs a non-empty 'values' list")
    _check_enum_values(path, values)
    return Check("one_of", values=tuple(_norm(v) for v in values))


def _build_any_non_empty(spec: dict[str, Any], path: FieldPath) -> Check:
    fields = spec.get("fields")
    if not isinstance(fields, list) or not fields or not all(isinstance(f, str) for f in fields):
        raise ValueError("any_non_empty needs a non-empty 'fields' list of paths")
    return Check("any_non_empty", fields=tuple(parse_path(f) for f in fields))


def _build_has_detail(spec: dict[str, Any], path: FieldPath) -> Check:
    if path.leaf != tuple[MeasureDetail, ...]:
        raise ValueError("has_detail applies to measures[].details")
    return Check("has_detail", key=_text(spec, "key"))


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
    path = parse_path(_text(raw, subject), item_type if on_item else MlaRequest)
    if on_item and path.is_list:
        raise ValueError("an 'item' path cannot contain []")
    if op == "filled":
        if not isinstance(operand, bool):
            raise ValueError("'filled' takes true or false")
        return Test(path, on_item, op, operand)
    if op == "equals":
        _check_enum_values(path, [operand])
        return Test(path, on_item, op, _norm(operand))
    if not isinstance(operand, list) or not operand:
        raise ValueError(f"{op!r} takes a non-empty list")
    _check_enum_values(path, operand)
    return Test(path, on_item, op, frozenset(_norm(v) for v in operand))


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


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{key}' must be a non-empty string")
    return value


def _optional_text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value
