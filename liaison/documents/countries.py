"""Country profiles as data: EU status, languages accepted per instrument, central authority, channels.

Why data and not code: these are declarations States make and change (EIO art. 5(2) notifications, ETS 30
art. 16(2) declarations, UNTOC art. 18(14) and UNCAC art. 46(14) notifications). An agency must be able to
correct them without a new release, so each country is one JSON file under ``liaison/resources/countries``,
and a file of the same name in the user folder (``LIAISON_COUNTRIES_DIR``, else the platformdirs user data
folder / "countries") replaces the built-in profile. Most values were entered from memory: every language
rule, central authority and channel list carries a ``verify`` flag until someone checks it against the
official source (EJN table, Council of Europe treaty office, UNODC directory).

File format (one object per country)::

    {"version": 1, "code": "NL", "name": "Netherlands", "eu_member": true, "eio_bound": true,
     "official_languages": ["nl"],
     "languages": {"EIO": {"accepted": ["nl", "en"], "basis": "...", "verify": true, "note": "..."}, ...},
     "central_authority": {"name": "...", "verify": true},
     "channels": {"allowed": ["direct_judicial", ...], "urgent": "...", "verify": true},
     "notes": "..."}

Instrument keys are those of :data:`INSTRUMENTS`; a rule set names its instrument in its ``instrument`` field,
so callers may pass either.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs
from babel import Locale, UnknownLocaleError

from liaison.documents import data_fields
from liaison.errors import ValidationError

COUNTRIES_ENV = "LIAISON_COUNTRIES_DIR"
FORMAT_VERSION = 1

INSTRUMENTS: Mapping[str, str] = {
    "EIO": "European Investigation Order (Directive 2014/41/EU)",
    "COE-1959": "European Convention on Mutual Assistance in Criminal Matters (ETS 30)",
    "UNTOC": "UN Convention against Transnational Organized Crime",
    "UNCAC": "UN Convention against Corruption",
    "MODEL-TREATY": "UN Model Treaty on Mutual Assistance in Criminal Matters",
    "HARARE": "Harare Scheme (Commonwealth)",
}
"""Instrument keys used in country files and in the ``instrument`` field of rule sets."""

CHANNELS = frozenset(
    {"diplomatic", "central_authority", "direct_judicial", "interpol", "europol", "eurojust", "ejn"}
)
"""Channel vocabulary of the profiles; the UI labels them, the data stays stable across languages."""

_SHORT_LABELS = {
    "EIO": "EIO",
    "COE-1959": "1959 Convention",
    "UNTOC": "UNTOC",
    "UNCAC": "UNCAC",
    "MODEL-TREATY": "Model Treaty",
    "HARARE": "Harare Scheme",
}
_ALIASES = {"EL": "GR", "UK": "GB"}  # EU and colloquial codes for ISO 3166 GR and GB
_CODE = re.compile(r"[A-Z]{2}")
_LANG = re.compile(r"[a-z]{2,3}")
_KEYS = frozenset(
    {
        "version",
        "code",
        "name",
        "eu_member",
        "eio_bound",
        "official_languages",
        "languages",
        "central_authority",
        "channels",
        "notes",
    }
)


@dataclass(frozen=True)
class LanguageRule:
    """Languages a country accepts for requests under one instrument, with where that comes from."""

    instrument: str
    accepted: tuple[str, ...]
    basis: str
    verify: bool
    note: str = ""


@dataclass(frozen=True)
class CountryProfile:
    code: str
    name: str
    eu_member: bool
    eio_bound: bool  # False for non-EU States and for Ireland and Denmark
    official_languages: tuple[str, ...]
    languages: tuple[LanguageRule, ...]
    central_authority: str
    central_authority_verify: bool
    channels: tuple[str, ...]
    urgent: str
    channels_verify: bool
    notes: str = ""
    source: str = "built-in"  # or the path of the user file that replaced it

    def language_rule(self, instrument: str) -> LanguageRule | None:
        return next((rule for rule in self.languages if rule.instrument == instrument), None)

    def unverified(self) -> tuple[str, ...]:
        """What still needs checking against an official source, for a "verify" badge in the UI."""
        items = [f"languages.{rule.instrument}" for rule in self.languages if rule.verify]
        if self.central_authority_verify:
            items.append("central_authority")
        if self.channels_verify:
            items.append("channels")
        return tuple(items)


def user_countries_dir() -> Path:
    """Agency corrections: a file here replaces the built-in profile of the same country code."""
    env = os.environ.get(COUNTRIES_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("Liaison", appauthor=False)) / "countries"


def normalise(country: str) -> str:
    code = country.strip().upper()
    return _ALIASES.get(code, code)


def find(country: str) -> CountryProfile | None:
    """The profile, or None when Liaison has no data for the country (callers then skip warnings)."""
    code = normalise(country)
    if not _CODE.fullmatch(code):
        return None
    user_file = user_countries_dir() / f"{code}.json"
    if user_file.is_file():
        return _load(user_file, str(user_file))
    return _builtin().get(code)


def profile(country: str) -> CountryProfile:
    """The profile, or a ValidationError listing the known codes (for commands that need one)."""
    found = find(country)
    if found is None:
        raise ValidationError(f"no country profile for {country!r}; known: {', '.join(codes())}")
    return found


def codes() -> tuple[str, ...]:
    """Every country with a profile, built-in or user-supplied."""
    found = set(_builtin())
    folder = user_countries_dir()
    if folder.is_dir():
        found.update(p.stem for p in folder.glob("*.json") if _CODE.fullmatch(p.stem))
    return tuple(sorted(found))


def instrument_of(instrument_or_rule_set: str) -> str:
    """Map a rule set id (built-in or user copy) or an instrument key to the instrument key."""
    key = instrument_or_rule_set.strip().upper()
    if key in INSTRUMENTS:
        return key
    # Imported here: rules imports this module at load time, and only this lookup needs the rule sets.
    from liaison.documents import rules  # noqa: PLC0415

    return rules.get(instrument_or_rule_set).instrument


def accepted_languages(country: str, instrument_or_rule_set: str) -> tuple[str, ...]:
    """Languages the country accepts for this instrument; its official languages when nothing is declared.

    Empty when Liaison has no profile for the country: callers must then not warn, since silence is not
    refusal.
    """
    found = find(country)
    if found is None:
        return ()
    rule = found.language_rule(instrument_of(instrument_or_rule_set))
    return rule.accepted if rule else found.official_languages


def language_warning(country: str, rule_set_id: str, lang: str) -> str | None:
    """One English sentence when ``lang`` is not accepted, e.g. before exporting the PDF in that language."""
    found = find(country)
    if found is None:
        return None
    instrument = instrument_of(rule_set_id)
    accepted = accepted_languages(country, instrument)
    if not accepted or lang.lower() in accepted:
        return None
    label = _SHORT_LABELS.get(instrument, instrument)
    declared = found.language_rule(instrument) is not None
    verb = "does not declare" if declared else "has no declaration on record accepting"
    return (
        f"{found.name} {verb} {language_name(lang)} as accepted for {label} requests "
        f"(accepts: {', '.join(accepted)})"
    )


def eio_applies(requesting: str, requested: str) -> bool:
    """Both States EU Member States bound by Directive 2014/41/EU (so neither Ireland nor Denmark)."""
    if normalise(requesting) == normalise(requested):
        return False  # an EIO is always cross-border
    first, second = find(requesting), find(requested)
    return bool(first and second and first.eio_bound and second.eio_bound)


def language_name(code: str) -> str:
    """English name of a language code for messages ("French"), the code itself when babel has none."""
    try:
        return str(Locale("en").languages.get(code, code))
    except UnknownLocaleError:  # pragma: no cover - the English locale ships with babel
        return code


def country_name(code: str) -> str:
    found = find(code)
    return found.name if found else code


@functools.cache
def _builtin() -> dict[str, CountryProfile]:
    folder = resources.files("liaison") / "resources" / "countries"
    profiles: dict[str, CountryProfile] = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            loaded = _parse(entry.read_text(encoding="utf-8"), f"built-in country file {entry.name}")
            profiles[loaded.code] = loaded
    return profiles


def _load(path: Path, label: str) -> CountryProfile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"country file {label} cannot be read: {exc}") from None
    loaded = _parse(text, f"country file {label}", source=label)
    if loaded.code != path.stem.upper():
        raise ValidationError(f"country file {label} holds {loaded.code!r}; name the file {loaded.code}.json")
    return loaded


def _parse(text: str, label: str, source: str = "built-in") -> CountryProfile:
    data = data_fields.decode(text, label)
    try:
        return _profile_from(data, source)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(f"{label}: {exc}") from None


def _profile_from(data: dict[str, Any], source: str) -> CountryProfile:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)}")
    if data.get("version", FORMAT_VERSION) > FORMAT_VERSION:
        raise ValueError("written by a newer Liaison (format version too new)")
    code = data_fields.text(data, "code")
    if not _CODE.fullmatch(code):
        raise ValueError(f"code must be an ISO 3166 alpha-2 code such as FR, got {code!r}")
    authority = data_fields.mapping(data, "central_authority")
    channels = data_fields.mapping(data, "channels")
    allowed = _languages_or_words(channels.get("allowed", []), "channels.allowed")
    bad = sorted(set(allowed) - CHANNELS)
    if bad:
        raise ValueError(f"unknown channel(s) {', '.join(bad)}; use {', '.join(sorted(CHANNELS))}")
    return CountryProfile(
        code=code,
        name=data_fields.text(data, "name"),
        eu_member=data_fields.flag(data, "eu_member"),
        eio_bound=data_fields.flag(data, "eio_bound"),
        official_languages=_languages(data.get("official_languages"), "official_languages"),
        languages=tuple(
            _language_rule(key, value) for key, value in data_fields.mapping(data, "languages").items()
        ),
        central_authority=str(authority.get("name", "")),
        central_authority_verify=bool(authority.get("verify", True)),
        channels=allowed,
        urgent=str(channels.get("urgent", "")),
        channels_verify=bool(channels.get("verify", True)),
        notes=str(data.get("notes", "")),
        source=source,
    )


def _language_rule(instrument: str, value: object) -> LanguageRule:
    if instrument not in INSTRUMENTS:
        raise ValueError(f"languages: unknown instrument {instrument!r}; use {', '.join(INSTRUMENTS)}")
    if not isinstance(value, dict):
        raise ValueError(f"languages.{instrument} must be an object")
    return LanguageRule(
        instrument=instrument,
        accepted=_languages(value.get("accepted"), f"languages.{instrument}.accepted"),
        basis=str(value.get("basis", "")),
        verify=bool(value.get("verify", True)),
        note=str(value.get("note", "")),
    )


def _languages(value: object, where: str) -> tuple[str, ...]:
    codes_ = _languages_or_words(value, where)
    bad = [c for c in codes_ if not _LANG.fullmatch(c)]
    if bad or not codes_:
        raise ValueError(f"{where} must be a non-empty list of ISO 639 codes such as fr, got {value!r}")
    return codes_


def _languages_or_words(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where} must be a list of strings")
    return tuple(value)
