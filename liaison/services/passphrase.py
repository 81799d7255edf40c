"""How hard a passphrase is to guess, with zxcvbn (dictionaries of common passwords, names and
words; keyboard patterns, repeats, sequences, dates), and the minimum a new vault passphrase must
reach.

A character-class count rates ``abcabcabcabcabc`` or ``Password2026!`` as strong; zxcvbn estimates the
number of guesses an attacker who knows these patterns needs. ``MIN_SCORE`` (3: about 10^8 guesses
or more) on top of Argon2id's one second per guess puts an offline attack at years. The reasons are
pattern names, not English sentences, so the interface can say them in its own language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zxcvbn import zxcvbn

from liaison.errors import N_, Term, ValidationError

MIN_SCORE = 3
MAX_SCORED_CHARS = 100  # zxcvbn's time grows with the length; beyond this nothing changes the verdict
# Words an attacker would try first against this application's vaults.
CONTEXT_WORDS = ("liaison", "police", "justice", "interpol", "europol", "eurojust", "vault", "officer")
# zxcvbn's pattern names that explain a low score (``bruteforce`` and ``regex`` explain nothing).
WEAKNESSES = ("common", "dictionary", "spatial", "repeat", "sequence", "date", "short")


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (guessed at once) .. 4 (very hard)
    guesses_log10: float
    weaknesses: tuple[str, ...]  # from WEAKNESSES, most telling first

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE


def _is_common_password(match: dict[str, object], passphrase: str) -> bool:
    """A match in zxcvbn's list of leaked passwords, among its first ten thousand, covering most of it."""
    token = str(match.get("token", ""))
    rank = match.get("rank")
    return (
        match.get("dictionary_name") == "passwords"
        and isinstance(rank, int)
        and rank <= 10_000
        and len(token) * 5 >= len(passphrase) * 3
    )


def strength(passphrase: str, user_inputs: Sequence[str] = ()) -> Strength:
    """zxcvbn's verdict on ``passphrase``; ``user_inputs`` are words of this vault (path, names)."""
    if not passphrase:
        return Strength(0, 0.0, ("short",))
    result = zxcvbn(passphrase[:MAX_SCORED_CHARS], user_inputs=[*CONTEXT_WORDS, *user_inputs])
    found: list[str] = []
    for match in result["sequence"]:
        pattern = str(match.get("pattern", ""))
        if pattern == "dictionary" and _is_common_password(match, passphrase):
            pattern = "common"
        if pattern in WEAKNESSES and pattern not in found:
            found.append(pattern)
    if len(passphrase) < 12 and result["score"] < MIN_SCORE:
        found.append("short")
    found.sort(key=WEAKNESSES.index)
    return Strength(int(result["score"]), float(result["guesses_log10"]), tuple(found))


# Why a passphrase is weak, in the command line's words; marked for the desktop app's catalogs,
# which say them in the interface language (the strength meter's texts are the same).
EXPLANATIONS = {
    "common": N_("it is one of the most used passwords"),
    "dictionary": N_("common words, names or passwords are tried first"),
    "spatial": N_("keyboard patterns such as qwerty are tried first"),
    "repeat": N_("repeats such as aaa or abcabc add almost nothing"),
    "sequence": N_("sequences such as abc or 1234 are tried first"),
    "date": N_("dates and years are tried first"),
    "short": N_("it is short"),
}
# One template per number of reasons given (none, one, two), so that each is a whole sentence to
# translate.
TOO_EASY = (
    N_(
        "the passphrase is too easy to guess (strength {score} of 4, at least {minimum} needed). Add "
        "another unrelated word or two: a few random words are easy to remember and hard to guess"
    ),
    N_(
        "the passphrase is too easy to guess (strength {score} of 4, at least {minimum} needed): "
        "{reason}. Add another unrelated word or two: a few random words are easy to remember and "
        "hard to guess"
    ),
    N_(
        "the passphrase is too easy to guess (strength {score} of 4, at least {minimum} needed): "
        "{reason}; {other_reason}. Add another unrelated word or two: a few random words are easy "
        "to remember and hard to guess"
    ),
)


def too_easy(verdict: Strength) -> ValidationError:
    """The error saying why ``verdict`` is too weak and what to do about it."""
    reasons = [Term(EXPLANATIONS[w]) for w in verdict.weaknesses[:2]]
    named = dict(zip(("reason", "other_reason"), reasons, strict=False))
    return ValidationError.of(TOO_EASY[len(reasons)], score=verdict.score, minimum=MIN_SCORE, **named)


def require_strong(passphrase: str, user_inputs: Sequence[str] = ()) -> None:
    """Refuse (``ValidationError``, explained) a new passphrase below ``MIN_SCORE``: the same rule
    for ``liaison init``/``passwd``/``recover`` and the desktop app."""
    verdict = strength(passphrase, user_inputs)
    if not verdict.acceptable:
        raise too_easy(verdict)
