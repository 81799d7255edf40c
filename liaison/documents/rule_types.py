"""The rule-set data model: rule sets, requirements, parsed paths, conditions, checks and issues.

Plain frozen values shared by ``rule_parsing`` (which builds them from JSON) and ``rule_conditions``
(which evaluates them); the file format is described in ``liaison.documents.rules``.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class IssueLevel(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One missing or inconsistent field, with the rule and article that require it.

    ``message`` is the English sentence (what the CLI prints). ``template`` is the rule's message
    before formatting and ``params`` its placeholder values, kept apart so that an interface can
    translate the template (its msgid) and then format it with the same values.
    """

    field: str  # concrete path, e.g. "offences.0.provisions"
    level: IssueLevel
    message: str
    rule_set: str
    article: str
    requirement: str = ""  # the requirement id, stable for UI translation and filtering
    note: str = ""  # e.g. "verify against the official text"
    template: str = ""  # the unformatted message; "" means ``message`` itself
    # (placeholder, value) pairs for ``template``, plus "<name>_code" for a country or language name
    params: tuple[tuple[str, str], ...] = ()

    @property
    def msgid(self) -> str:
        """The English template, the key under which interface catalogs translate this problem."""
        return self.template or self.message

    def format_with(self, translated_template: str, **overrides: str) -> str:
        """``translated_template`` (a translation of ``msgid``) filled with this issue's values;
        ``overrides`` replace some of them, e.g. a country name in the interface language."""
        if not self.params:
            return translated_template
        return translated_template.format(**(dict(self.params) | overrides))


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
