"""Field checks shared by every service: one clear message naming the field and the rule.

Each message is a template marked for the desktop app's catalogs (``N_``) with the field's name as
a ``Term``: callers mark the names they pass (``check.require_text(N_("full name"), ...)``), so
the app says "Le champ « nom complet » ne doit pas être vide" where the CLI says "full name must
not be empty".
"""

from __future__ import annotations

import functools
import re
import zoneinfo

from liaison.errors import N_, ConflictError, Term, ValidationError
from liaison.store.vault import Vault

_COUNTRY = re.compile(r"[A-Z]{2}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MIN_PASSPHRASE_CHARS = 10


EMPTY = N_("{field} must not be empty")
NOT_COUNTRY_FORM = N_("{field} must be a two-letter ISO 3166 country code such as FR, got {value}")
NOT_COUNTRY = N_("{field} {value} is not an ISO 3166 country code")
NOT_LANGUAGE_FORM = N_("{field} must be an ISO 639 language code such as fr, got {value}")
NOT_LANGUAGE = N_("{field} {value} is not an ISO 639 language code")
NOT_TIMEZONE = N_("{field} must be an IANA time zone such as Europe/Paris, got {value}")
NOT_EMAIL = N_("{field} is not an e-mail address: {value}")
SHORT_PASSPHRASE = N_("the passphrase must have at least {count} characters")
BLANK_PASSPHRASE = N_("the passphrase must not be only spaces")
TAKEN_REFERENCE = N_("another {kind} already has the reference {reference}: choose another")


def require_text(field: str, value: str) -> None:
    if not value.strip():
        raise ValidationError.of(EMPTY, field=Term(field))


# Babel's territory list (CLDR) holds ISO 3166-1 alpha-2 plus CLDR's own regions; these are not
# countries. EU (exceptionally reserved in ISO 3166) and XK (Kosovo, as the EU and Interpol use it)
# stay: liaison work names both.
_NOT_COUNTRIES = frozenset("AC CP CQ DG EA EZ IC QO TA UN XA XB ZZ".split())
# Not languages: undetermined, no linguistic content, multiple. "zt" is Argos Translate's code for
# Chinese in traditional script, which translation packs and memories use.
_NOT_LANGUAGES = frozenset({"und", "zxx", "mul"})
_EXTRA_LANGUAGES = frozenset({"zt"})


@functools.cache
def _countries() -> frozenset[str]:
    from babel import Locale  # noqa: PLC0415  (CLDR data loads on first check)

    return frozenset(c for c in map(str, Locale("en").territories) if _COUNTRY.fullmatch(c)) - _NOT_COUNTRIES


@functools.cache
def _languages() -> frozenset[str]:
    from babel import Locale  # noqa: PLC0415

    known = frozenset(c for c in map(str, Locale("en").languages) if _LANGUAGE.fullmatch(c))
    return (known - _NOT_LANGUAGES) | _EXTRA_LANGUAGES


def country(field: str, value: str, *, optional: bool = True) -> None:
    if optional and not value:
        return
    if not _COUNTRY.fullmatch(value):
        raise ValidationError.of(NOT_COUNTRY_FORM, field=Term(field), value=repr(value))
    if value not in _countries():
        raise ValidationError.of(NOT_COUNTRY, field=Term(field), value=repr(value))


def language(field: str, value: str, *, optional: bool = True) -> None:
    if optional and not value:
        return
    if not _LANGUAGE.fullmatch(value):
        raise ValidationError.of(NOT_LANGUAGE_FORM, field=Term(field), value=repr(value))
    if value not in _languages():
        raise ValidationError.of(NOT_LANGUAGE, field=Term(field), value=repr(value))


def timezone(field: str, value: str) -> None:
    if not value:
        return
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError.of(NOT_TIMEZONE, field=Term(field), value=repr(value)) from None


def email(field: str, value: str) -> None:
    if not _EMAIL.fullmatch(value):
        raise ValidationError.of(NOT_EMAIL, field=Term(field), value=repr(value))


def new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise ValidationError.of(SHORT_PASSPHRASE, count=MIN_PASSPHRASE_CHARS)
    if not passphrase.strip():
        raise ValidationError.of(BLANK_PASSPHRASE)
    from liaison.services import passphrase as strength  # noqa: PLC0415  (zxcvbn's lists load on first use)

    strength.require_strong(passphrase)


def unique_reference(
    vault: Vault, table: str, column: str, reference: str, record_id: str, kind: str
) -> None:
    """References are how records are looked up: a second one alike would make both unreachable."""
    row = vault.conn.execute(
        f"SELECT 1 FROM {table} WHERE {column} = ? AND id != ? LIMIT 1", (reference, record_id)
    ).fetchone()
    if row is not None:
        raise ConflictError.of(TAKEN_REFERENCE, kind=Term(kind), reference=repr(reference))
