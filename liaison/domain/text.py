"""Which characters a stored text field may hold.

Single-line fields (names, references, codes, e-mail addresses, titles...) are printed in tables,
PDF headers and terminals, so they reject every C0 and C1 control character (ESC, BEL, CSI...):
an ANSI or OSC escape in a name could recolour a terminal, retitle its window or hide text.
Free-text fields (``MULTILINE``) keep what was pasted, line breaks, form feeds and Word's vertical
tabs included; the command line escapes what remains when it prints to a terminal.
Names also refuse bidirectional embeddings, overrides and isolates (U+202A–E, U+2066–9), which make
a name display as another one ("Trojan Source"); the implicit bidi of Arabic or Hebrew needs none.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from typing import Any

MULTILINE = frozenset(
    """
    notes note body summary address reservations declarations facts purpose procedures_detail
    officials_present questions parallel_requests remedies_sought remedies_information
    results_recipient practical_contact functions provisions description urgency_detail
    confidentiality_reasons text source target working_hours verification_method
    data_protection_basis competences scope
    """.split()
)
NAMES = frozenset(
    "name full_name name_native surname given_names aliases legal_name representative signatory_name".split()
)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _label(field: str) -> str:
    return field.replace("_", " ")


def control_character(value: str, allowed: str = "") -> str | None:
    """The first C0/C1 control character of ``value`` that is not in ``allowed``, said for the
    user ("a line break", "the control character U+001B"), or None. The one check of control
    characters: record writes and file imports (``liaison.interchange.cards``) both use it."""
    for found in _CONTROL.finditer(value):
        char = found.group()
        if char not in allowed:
            return "a line break" if char in "\r\n" else f"the control character U+{ord(char):04X}"
    return None


def bidi_control(value: str) -> str | None:
    """The first bidirectional embedding, override or isolate in ``value`` ("U+202E"), or None."""
    found = _BIDI.search(value)
    return None if found is None else f"U+{ord(found.group()):04X}"


def value_problem(field: str, value: str) -> str | None:
    """Why ``value`` may not be stored in a field of this name (one line), or None."""
    if field not in MULTILINE:
        what = control_character(value)
        if what:
            return f"{_label(field)} must be one line of text without control characters: it holds {what}"
    if field in NAMES:
        bidi = bidi_control(value)
        if bidi:
            return (
                f"{_label(field)} holds the bidirectional control {bidi}, which can make "
                "a name display as another: remove it"
            )
    return None


def _walk(field: str, value: Any) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _walk(field, item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for inner in dataclasses.fields(value):
            yield from _walk(inner.name, getattr(value, inner.name))


def fields_problem(values: Mapping[str, Any]) -> str | None:
    """The first problem in these field values, nested items (persons, channels...) included."""
    for name, value in values.items():
        for field, text in _walk(name, value):
            problem = value_problem(field, text)
            if problem:
                return problem
    return None


def record_problem(record: Any) -> str | None:
    return fields_problem({f.name: getattr(record, f.name) for f in dataclasses.fields(record)})
