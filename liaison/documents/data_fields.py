"""Typed reads of the JSON data files agencies may edit (rule sets, country profiles).

Why one module: both loaders check each field the same way and must word a wrong value the same
way, so an agency editing either file reads the same kind of message ("'x' must be ...").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from liaison import jsonio
from liaison.errors import ValidationError


def decode(text: str, label: str) -> dict[str, Any]:
    """The JSON object a data file holds; a file that is not one is a ValidationError naming it."""
    try:
        data = jsonio.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{label} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValidationError(f"{label} must hold a JSON object")
    return data


def text(data: Mapping[str, Any], key: str) -> str:
    """A required, non-blank string."""
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{key}' must be a non-empty string")
    return value


def optional_text(data: Mapping[str, Any], key: str) -> str:
    """A string that may be absent (read as "")."""
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a string")
    return value


def mapping(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    """An object that may be absent (read as {})."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ValueError(f"'{key}' must be an object")
    return value


def flag(data: Mapping[str, Any], key: str) -> bool:
    """A required true or false (not 0/1, not "yes")."""
    value = data.get(key)
    if not isinstance(value, bool):
        raise ValueError(f"'{key}' must be true or false")
    return value
