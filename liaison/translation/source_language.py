"""Choosing the source language for ``--from auto``: detection, weighed against what the
installed packs can translate, and an honest "I cannot tell" instead of a silent guess.

A message that reaches the engine with a wrong source language comes back as confident-looking
nonsense, so a guess is used only when it is reliable: either the detector is sure of a language
the packs can translate into the target, or, restricted to those languages, it is sure and that
language was already a serious candidate without the restriction ("Merci": Polish at 29 % among
all languages, French among the installed ones). Otherwise the officer is asked for ``--from``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from liaison.errors import LiaisonError, ValidationError
from liaison.translation import detect

SERIOUS_CANDIDATE = 0.05  # unrestricted probability a restricted guess must already have had
SURE_AMONG_INSTALLED = 0.8  # confidence a guess restricted to the installed languages needs


class UnclearLanguage(ValidationError):
    """The language of the message cannot be told reliably: the officer must say it."""


class NoPackForLanguage(LiaisonError):
    """The language is clear, but no installed pack translates from it."""

    exit_code = 3


@dataclass(frozen=True)
class SourceChoice:
    language: str
    confidence: float
    restricted: bool  # chosen among the languages of the installed packs only
    note: str  # one line for the officer


def _describe(found: detect.Detection) -> str:
    ranked = [(found.language, found.confidence), *found.alternatives]
    return ", ".join(f"{code} {p:.0%}" for code, p in ranked)


def choose(text: str, translatable: Sequence[str], target: str) -> SourceChoice:
    """``translatable``: source languages from which the installed packs reach the target."""
    found = detect.detect(text)
    if found.language in translatable and found.reliable:
        return SourceChoice(
            found.language,
            found.confidence,
            False,
            f"detected language: {found.language} ({found.confidence:.0%})",
        )
    languages = sorted(set(translatable) & detect.supported_languages())
    if languages:
        narrowed = detect.detect(text, languages)
        prior = dict([(found.language, found.confidence), *found.alternatives]).get(narrowed.language, 0.0)
        if narrowed.confidence >= SURE_AMONG_INSTALLED and prior >= SERIOUS_CANDIDATE:
            return SourceChoice(
                narrowed.language,
                narrowed.confidence,
                True,
                f"detected language: {narrowed.language} ({narrowed.confidence:.0%} among the installed "
                f"packs' languages; {prior:.0%} among all)",
            )
    installed = ", ".join(languages) or "none"
    if found.reliable:
        raise NoPackForLanguage(
            f"the message looks {found.language} ({found.confidence:.0%}), and no installed pack translates "
            f"from {found.language} into {target}: install one, or give the language with --from "
            f"(installed packs translate from: {installed})"
        )
    raise UnclearLanguage(
        f"cannot tell the language of this message reliably (best guesses: {_describe(found)}); "
        f"give it with --from (installed packs translate from: {installed})"
    )
