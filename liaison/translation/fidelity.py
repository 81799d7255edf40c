"""Checks that a translation kept what it must keep: every protected identifier exactly once, and
no number the source does not have (small models invent digits). Used to choose among the model's
n-best hypotheses and to report what is still wrong on the result (``lost``, ``invented``)."""

from __future__ import annotations

import re

from liaison.translation import protect

_DIGITS = re.compile(r"\d+")
_PLACEHOLDERS = re.compile(r"⟦\s*\d+\s*⟧?|\d+\s*⟧")
_LETTER = re.compile(r"[^\W\d_]")
# Words that are not names even when capitalised (greetings and closings of the packs' languages).
_NOT_NAMES = frozenset(
    "dear regards best kind thanks thank hello hi sir madam yours sincerely cordialement merci bonjour "
    "monsieur madame salutations bonsoir gracias saludos atentamente hola señor señora estimado estimada "
    "buenos buenas urgent urgente police policía the le la el los las des une un guten tag morgen abend "
    "hallo danke grüße gruß herr frau sehr geehrte buongiorno grazie saluti bom dia obrigado obrigada "
    "boa tarde happy new year christmas noël feliz navidad".split()
)
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?")
_PARTICLES = frozenset(
    "de del della di da van von der den le la du dos das bin ben al el y and et und".split()
)


def invented_numbers(source: str, target: str) -> tuple[str, ...]:
    """Digit runs in ``target`` that occur nowhere in ``source``, in order of appearance."""
    known = set(_DIGITS.findall(source))
    return tuple(dict.fromkeys(d for d in _DIGITS.findall(target) if d not in known))


def problems(hypothesis: str, placeholder_count: int) -> int:
    """How far a model output (placeholder form) is from keeping everything: placeholders missing
    or repeated, plus digits outside placeholders (all source digits were placeholders)."""
    counts = protect.placeholder_counts(hypothesis, placeholder_count)
    wrong = sum(1 for c in counts if c != 1)
    return wrong + len(_DIGITS.findall(_PLACEHOLDERS.sub(" ", hypothesis)))


def lost_tokens(target: str, tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens that do not occur exactly once in a real-text ``target``."""
    out = []
    for token in tokens:
        found = len(re.findall(r"(?<!\w)" + re.escape(token) + r"(?!\w)", target))
        if found != 1 and tokens.count(token) != found:
            out.append(token)
    return tuple(out)


def nothing_to_translate(protected_text: str) -> bool:
    """Only identifiers, emoji, symbols and punctuation: there is no word for a model to translate."""
    return _LETTER.search(_PLACEHOLDERS.sub(" ", protected_text)) is None


def names_only(text: str) -> bool:
    """A list of personal names ("Jean DUPONT, Maria García y Pérez"): every word capitalised (or a
    name particle), at least two names' worth of words, no sentence punctuation, no greeting word."""
    stripped = text.strip()
    if not stripped or re.search(r"[.!?;:]\s|[.!?]$", stripped):
        return False
    words = _NAME_WORD.findall(re.sub(r"[,\n/&]+", " ", stripped))
    if len(words) < 2 or len(words) != len(stripped.replace(",", " ").replace("&", " ").split()):
        return False
    if any(w.lower().strip(".") in _NOT_NAMES for w in words):
        return False
    proper = [w for w in words if w.lower() not in _PARTICLES]
    return len(proper) >= 2 and all(w[0].isupper() for w in proper)
