"""Field checks shared by every service: one clear message naming the field and the rule."""

from __future__ import annotations

import re
import zoneinfo

from liaison.errors import ValidationError

_COUNTRY = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MIN_PASSPHRASE_CHARS = 10


def require_text(field: str, value: str) -> None:
    if not value.strip():
        raise ValidationError(f"{field} must not be empty")


def country(field: str, value: str, *, optional: bool = True) -> None:
    if optional and not value:
        return
    if not _COUNTRY.fullmatch(value):
        raise ValidationError(f"{field} must be a two-letter ISO 3166 country code such as FR, got {value!r}")


def language(field: str, value: str, *, optional: bool = True) -> None:
    if optional and not value:
        return
    if not _LANGUAGE.fullmatch(value):
        raise ValidationError(f"{field} must be an ISO 639 language code such as fr, got {value!r}")


def timezone(field: str, value: str) -> None:
    if not value:
        return
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"{field} must be an IANA time zone such as Europe/Paris, got {value!r}"
        ) from None


def email(field: str, value: str) -> None:
    if not _EMAIL.fullmatch(value):
        raise ValidationError(f"{field} is not an e-mail address: {value!r}")


def new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise ValidationError(f"the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters")
    if not passphrase.strip():
        raise ValidationError("the passphrase must not be only spaces")
