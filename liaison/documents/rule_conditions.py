"""Evaluating rule sets: the condition language (``when``), the check kinds and message placeholders.

The semantics are documented in ``liaison.documents.rules``; parsing and load-time validation of the
same constructs live in ``rule_parsing``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator

from liaison.documents import countries, texts_values
from liaison.documents.rule_types import (
    Check,
    Combine,
    Condition,
    FieldPath,
    Issue,
    Requirement,
    RuleSet,
    Test,
)
from liaison.domain.mla import MeasureDetail, MlaRequest

PLACEHOLDER_NAMES = frozenset(
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


def evaluate(rule_set: RuleSet, req: Requirement, request: MlaRequest) -> Iterator[Issue]:
    assert req.path is not None
    for where, value, item, number in _targets(req.path, request):
        if req.when is not None and not _holds(req.when, request, item):
            continue
        if CHECKS[req.check.kind](req.check, value, request, rule_set):
            continue
        params = _params(req, rule_set, request, number, value)
        message = req.message.format(**dict(params)) if params else req.message
        yield Issue(
            where, req.severity, message, rule_set.id, req.article, req.id, req.note, req.message, params
        )


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


def norm(value: object) -> object:
    """Comparable form of a value; a measure particular reads "key=value" (``"hearing_mode=video"``)."""
    if isinstance(value, MeasureDetail):
        value = f"{value.key}={value.value}"
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
    flat = [norm(e) for v in values for e in (v if isinstance(v, tuple) else (v,))]
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
    return value is not None and value != ()  # an empty list (no certification yet) is absent


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
    return all(norm(item) in check.values for item in items)


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


def _after_request_date(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    """A date that must still lie ahead when the request is made (a limitation period not yet run)."""
    if not isinstance(value, dt.date):
        return True
    return value > (request.request_date or dt.date.today())


def _names_persons(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    """A measure that concerns people (a hearing, a transfer) names at least one of the request's persons."""
    numbers = value if isinstance(value, tuple) else ()
    return bool(numbers) and all(isinstance(n, int) and 1 <= n <= len(request.persons) for n in numbers)


def _authority_type(check: Check, value: object, request: MlaRequest, rule_set: RuleSet) -> bool:
    """An authority's kind is one Liaison recognises (it prints in the partner's language, and the EIO's
    section K ticks its box and decides section L from it); unset fails too."""
    return isinstance(value, str) and texts_values.authority_kind(value) is not None


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


CHECKS: dict[str, CheckFn] = {
    "non_empty": _non_empty,
    "present": _present,
    "date_after": _date_after,
    "one_of": _one_of,
    "any_non_empty": _any_non_empty,
    "has_detail": _has_detail,
    "after_request_date": _after_request_date,
    "names_persons": _names_persons,
    "eio_states": _eio_states,
    "authority_type": _authority_type,
    "language_accepted": _language_accepted,
}
REQUEST_LEVEL_CHECKS = frozenset({"date_after", "any_non_empty", "eio_states", "language_accepted"})

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


def _params(
    req: Requirement, rule_set: RuleSet, request: MlaRequest, n: int, value: object
) -> tuple[tuple[str, str], ...]:
    """The message's placeholder values, apart from its template so a UI can translate the latter.

    A country or language *name* is English here; the code behind it comes along (``*_code``) so
    that an interface can show the name in its own language.
    """
    values = [(name, _PLACEHOLDERS[name](request, rule_set, n, value)) for name in req.placeholders]
    for name in req.placeholders:
        if name in _NAME_CODES:
            values.append((f"{name}_code", _NAME_CODES[name](request)))
    return tuple(values)


_NAME_CODES: dict[str, Callable[[MlaRequest], str]] = {
    "requesting_state_name": lambda request: request.requesting_state,
    "requested_state_name": lambda request: request.requested_state,
    "language": lambda request: request.language,
}
