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
- A measure's ``details`` compare as ``"key=value"``: ``{"item": "details", "in": ["hearing_mode=video"]}``.

Checks (``check``: a name or ``{"kind": name, ...parameters}``; default ``non_empty``):

- ``non_empty``: text not blank, list not empty, flag true, value present.
- ``present``: not None (dates and optional sections); an empty list counts as absent. The field
  ``translator`` of release 1 reads as ``certifications``.
- ``date_after`` (``other``: date path): both dates set and this one strictly later.
- ``one_of`` (``values``): the value (each element of a list) is one of the values.
- ``any_non_empty`` (``fields``): at least one of the paths is filled; a ``[]`` path counts when the list
  has elements and all of them are filled.
- ``has_detail`` (``key``): a ``measures[].details`` entry with that key and a value.
- ``after_request_date``: the date (each element's, for a ``[]`` path) lies after the request date, or
  after today when the request is not dated (a limitation period that has not run out).
- ``names_persons``: a ``measures[].persons`` list names at least one of the request's persons, by number.
- ``authority_type``: an authority's ``kind`` is a type Liaison recognises (``texts_values.AuthorityKind``
  or an alias such as "prosecutor"); unset fails too.
- ``eio_states`` (``expect``: true/false): whether the EIO applies between the two States.
- ``language_accepted``: the drafting language or a translation's language is accepted by the requested
  State for this rule set's instrument (country profiles); silent when no profile is known.

Messages may use ``{n}`` (element number, from 1), ``{value}``, ``{requesting_state}``,
``{requested_state}``, ``{requesting_state_name}``, ``{requested_state_name}``, ``{language}`` and
``{accepted}``.

Messages and notes are English, as the command line prints them. An ``Issue`` also carries the
unformatted message (``msgid``) and its values (``params``): the desktop app translates the msgid
through its own catalog (``rule_messages`` extracts every built-in message and note into it) and
then fills in the values, so a built-in rule (or a copy keeping its wording) reads in the interface
language; a message written for a user's own rule set stays as written.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from liaison.crypto.atomic import atomic_write_bytes
from liaison.documents.data_fields import decode
from liaison.documents.rule_conditions import CheckFn, evaluate
from liaison.documents.rule_parsing import FORMAT_VERSION, RULE_ID, parse_path, parse_set
from liaison.documents.rule_types import (
    Check,
    Combine,
    Condition,
    FieldPath,
    Issue,
    IssueLevel,
    Requirement,
    RuleSet,
    Test,
)
from liaison.domain.mla import MlaRequest
from liaison.errors import ValidationError

__all__ = [
    "FORMAT_VERSION",
    "RULES_ENV",
    "Check",
    "CheckFn",
    "Combine",
    "Condition",
    "FieldPath",
    "Issue",
    "IssueLevel",
    "Requirement",
    "RuleSet",
    "Test",
    "add_requirement",
    "copy_rule_set",
    "get",
    "list_rule_sets",
    "parse_path",
    "user_rules_dir",
    "validate",
]

RULES_ENV = "LIAISON_RULES_DIR"


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
    if RULE_ID.fullmatch(rule_set_id):
        path = user_rules_dir() / f"{rule_set_id}.json"
        if path.is_file():
            return _load_user(path)
    known = sorted(_builtins()) + sorted(p.stem for p in _user_files())
    raise ValidationError(f"unknown rule set {rule_set_id!r}; available: {', '.join(known)}")


def copy_rule_set(source_id: str, new_id: str, title: str) -> Path:
    """Copy a set into the user folder under a new id, e.g. to add a bilateral treaty's requirements."""
    if not RULE_ID.fullmatch(new_id):
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
    parse_set(data, f"rule file {target}", builtin=False, path=target)
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
    updated = parse_set(data, f"rule file {rule_set.path}", builtin=False, path=rule_set.path)
    _write(rule_set.path, data)
    return updated


def validate(request: MlaRequest, rule_set_id: str | None = None) -> list[Issue]:
    """Every missing or inconsistent field under the rule set (default: the request's own)."""
    rule_set = get(rule_set_id or request.rule_set)
    issues: list[Issue] = []
    for requirement in rule_set.requirements:
        issues.extend(evaluate(rule_set, requirement, request))
    return issues


# --- loading and saving ----------------------------------------------------------------------------------


@functools.cache
def _builtins() -> dict[str, RuleSet]:
    folder = resources.files("liaison") / "resources" / "rules"
    loaded: dict[str, RuleSet] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            label = f"built-in rule file {entry.name}"
            rule_set = parse_set(decode(entry.read_text(encoding="utf-8"), label), label, builtin=True)
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
    rule_set = parse_set(decode(text, label), label, builtin=False, path=path)
    _check_file_name(rule_set, path.name, label)
    if rule_set.id.casefold() in {i.casefold() for i in _builtins()}:
        raise ValidationError(f"{label} reuses the built-in id {rule_set.id!r}; copy the set under a new id")
    return rule_set


def _check_file_name(rule_set: RuleSet, file_name: str, label: str) -> None:
    if file_name != f"{rule_set.id}.json":
        raise ValidationError(f"{label} holds rule set {rule_set.id!r}; name the file {rule_set.id}.json")


def _raw(rule_set: RuleSet) -> dict[str, Any]:
    if rule_set.path is not None:
        return decode(rule_set.path.read_text(encoding="utf-8"), f"rule file {rule_set.path}")
    entry = resources.files("liaison") / "resources" / "rules" / f"{rule_set.id}.json"
    return decode(entry.read_text(encoding="utf-8"), f"built-in rule file {rule_set.id}.json")


def _write(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write_bytes(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
