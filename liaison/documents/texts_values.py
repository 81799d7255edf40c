"""Enumerated values printed inside documents that are stored as plain strings: authority types and
maximum penalties. Recognised values print in the document's language; anything else is the
officer's own wording and prints as written (``mla validate`` warns about an unknown authority type).

Extracted into the ``documents`` catalogs with ``texts`` and ``texts_eio`` (``locales/babel.cfg``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from liaison.documents.texts import N_, NP_, _frozen


class AuthorityKind(enum.StrEnum):
    """Recognised values of ``Authority.kind`` (spaces, hyphens and case do not matter)."""

    JUDGE = "judge"
    COURT = "court"
    INVESTIGATING_JUDGE = "investigating_judge"
    PUBLIC_PROSECUTOR = "public_prosecutor"
    POLICE = "police"
    CUSTOMS = "customs"
    CENTRAL_AUTHORITY = "central_authority"
    MINISTRY_OF_JUSTICE = "ministry_of_justice"


AUTHORITY_KIND_LABELS: Final[Mapping[AuthorityKind, str]] = _frozen(
    {
        AuthorityKind.JUDGE: N_("Judge"),
        AuthorityKind.COURT: N_("Court"),
        AuthorityKind.INVESTIGATING_JUDGE: N_("Investigating judge"),
        AuthorityKind.PUBLIC_PROSECUTOR: N_("Public prosecutor"),
        AuthorityKind.POLICE: N_("Police"),
        AuthorityKind.CUSTOMS: N_("Customs"),
        AuthorityKind.CENTRAL_AUTHORITY: N_("Central authority"),
        AuthorityKind.MINISTRY_OF_JUSTICE: N_("Ministry of Justice"),
    }
)


# Other words officers use for the same types (English, and the French terms the EIO rule set named).
_ALIASES: Final[Mapping[str, AuthorityKind]] = MappingProxyType(
    {
        "judge_or_court": AuthorityKind.JUDGE,
        "magistrate": AuthorityKind.JUDGE,
        "judiciary": AuthorityKind.COURT,
        "examining_magistrate": AuthorityKind.INVESTIGATING_JUDGE,
        "juge_d'instruction": AuthorityKind.INVESTIGATING_JUDGE,
        "prosecutor": AuthorityKind.PUBLIC_PROSECUTOR,
        "prosecution": AuthorityKind.PUBLIC_PROSECUTOR,
        "procureur": AuthorityKind.PUBLIC_PROSECUTOR,
        "procureur_de_la_république": AuthorityKind.PUBLIC_PROSECUTOR,
    }
)
JUDICIAL: Final = frozenset(
    {
        AuthorityKind.JUDGE,
        AuthorityKind.COURT,
        AuthorityKind.INVESTIGATING_JUDGE,
        AuthorityKind.PUBLIC_PROSECUTOR,
    }
)  # Directive 2014/41/EU art. 2(c)(i): may issue an EIO without validation


def authority_kind(text: str) -> AuthorityKind | None:
    """The recognised type of an authority from its recorded kind; None when unset or not one we know
    (validation reports both: an EIO's section K/L and a letter's authority line depend on it)."""
    key = "_".join(text.lower().replace("-", " ").replace("_", " ").split())
    if key in set(AuthorityKind):
        return AuthorityKind(key)
    return _ALIASES.get(key)


# TRANSLATORS: A maximum penalty; {count} is a number of years.
PENALTY_YEARS: Final = NP_("{count} year of imprisonment", "{count} years of imprisonment")
# TRANSLATORS: A maximum penalty; {count} is a number of months.
PENALTY_MONTHS: Final = NP_("{count} month of imprisonment", "{count} months of imprisonment")
LIFE_IMPRISONMENT: Final = N_("Life imprisonment")

_PENALTY = re.compile(
    r"^\s*(?:(?P<life>life(?:\s+imprisonment)?)|(?P<count>\d{1,3})\s*(?P<unit>years?|months?)"
    r"(?:'|’)?\s*(?:of\s+)?(?:imprisonment|prison)?)\s*\.?\s*$",
    re.IGNORECASE,
)


def penalty(text: str) -> tuple[str, int] | None:
    """("years"|"months"|"life", count) when ``text`` is a penalty we can print in any language."""
    found = _PENALTY.match(text)
    if found is None:
        return None
    if found.group("life"):
        return ("life", 0)
    unit = "years" if found.group("unit").lower().startswith("year") else "months"
    return (unit, int(found.group("count")))
