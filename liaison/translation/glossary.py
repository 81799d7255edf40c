"""The legal glossary applied to translations: terms found in their singular and plural forms,
whatever the apostrophes and dashes, approved translations enforced in the output, and forbidden
alternatives flagged.

Matching works on text with typographic punctuation folded one character for one (’ → ', – → -,
no-break spaces → space), so positions stay valid, and on the plural forms of each word by the
rules of the language (``plural_forms``): rule-based inflection, not a lexicon, which covers the
regular plurals of legal terms ("commission rogatoire" / "commissions rogatoires", "letter of
request" / "letters of request", "orden europea" / "órdenes europeas" is not covered: accents that
move are irregular).

Enforcement (``Engine``): each source occurrence of a term is protected like an identifier, and the
placeholder is restored as the approved translation (plural when the source was plural), so the
model cannot render it otherwise; such terms are reported ``ENFORCED``.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from liaison.domain import GlossaryTerm
from liaison.translation import protect


class TermStatus(enum.StrEnum):
    APPLIED = "applied"  # the approved translation is in the target
    ENFORCED = "enforced"  # the engine put the approved translation in (the model never saw the term)
    MISSING = "missing"  # the source has the term, the target lacks the approved translation
    FORBIDDEN = "forbidden"  # the target uses an alternative the glossary forbids


@dataclass(frozen=True)
class GlossaryCheck:
    segment: int
    term: str
    translation: str
    status: TermStatus
    found: str = ""  # the forbidden alternative found, if any


_FOLD = str.maketrans(
    {
        **dict.fromkeys("’‘ʼ´`", "'"),
        **dict.fromkeys("–—‑", "-"),
        **dict.fromkeys("\u00a0\u202f\u2009", " "),
        **dict.fromkeys("“”«»", '"'),
    }
)


def fold(text: str) -> str:
    """Typographic punctuation as plain ASCII, one character for one (positions are kept)."""
    return text.translate(_FOLD)


# Regular plural rules per language: (ending, [(characters to drop, suffix to add)…]); the first
# ending that matches decides ("" matches every word). Irregular plurals are not covered.
_RULES: dict[str, tuple[tuple[str, tuple[tuple[int, str], ...]], ...]] = {
    "en": (
        *((v + "y", ((0, "s"),)) for v in "aeiou"),
        ("y", ((1, "ies"),)),
        *((e, ((0, "es"),)) for e in ("s", "x", "z", "ch", "sh")),
        ("", ((0, "s"),)),
    ),
    "fr": (
        *((e, ()) for e in ("s", "x", "z")),
        ("al", ((2, "aux"), (0, "s"))),
        ("au", ((0, "x"),)),
        ("eu", ((0, "x"),)),
        ("", ((0, "s"),)),
    ),
    "es": (
        ("z", ((1, "ces"),)),
        ("ión", ((3, "iones"),)),
        *((v, ((0, "s"),)) for v in "aeiouáéíóú"),
        ("", ((0, "es"),)),
    ),
    "pt": (
        ("ão", ((2, "ões"),)),
        ("l", ((1, "is"),)),
        *((v, ((0, "s"),)) for v in "aeiou"),
        ("", ((0, "es"),)),
    ),
    "it": (("o", ((1, "i"),)), ("e", ((1, "i"),)), ("a", ((1, "e"),)), ("", ())),
    "de": (("", ((0, "e"), (0, "en"), (0, "n"), (0, "er"), (0, "s"))),),
}
_DEFAULT_RULES = (("", ((0, "s"),)),)


def _plural(word: str, language: str) -> list[str]:
    """Regular plural forms of one word (lowercase), by the rules of its language."""
    if not word or not word[-1].isalpha():
        return []
    for ending, changes in _RULES.get(language, _DEFAULT_RULES):
        if word.endswith(ending):
            return [word[: len(word) - drop] + suffix for drop, suffix in changes]
    return []


_LINKS = frozenset("of de du des del della di da von der den la le el los las and et y e und".split())


def plural_forms(phrase: str, language: str) -> list[list[str]]:
    """For each word of ``phrase``, its accepted forms (itself first). Linking words stay as they
    are; in English only the head noun (the last word before "of", else the last word) takes the
    plural, elsewhere every content word may agree."""
    words = fold(phrase).lower().split()
    forms = [[w] for w in words]
    if language == "en":
        head = next((i - 1 for i, w in enumerate(words) if w == "of" and i > 0), len(words) - 1)
        forms[head] += _plural(words[head], language)
        return forms
    for i, w in enumerate(words):
        if w not in _LINKS and "'" not in w:
            forms[i] += _plural(w, language)
    return forms


def pluralise(phrase: str, language: str) -> str:
    """The plural of ``phrase`` by the same rules (first form of each word that has one)."""
    out = []
    for word, forms in zip(phrase.split(), plural_forms(phrase, language), strict=True):
        plural = forms[1] if len(forms) > 1 else word.lower()
        out.append(plural if word.islower() else plural.capitalize() if word[:1].isupper() else plural)
    return " ".join(out)


@functools.lru_cache(maxsize=2048)
def pattern(phrase: str, language: str) -> re.Pattern[str] | None:
    """Matches ``phrase`` in folded text, in any case, singular or plural."""
    if not phrase.strip():
        return None
    parts = ["(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"
             for forms in plural_forms(phrase, language)]  # fmt: skip
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def find(text: str, phrase: str, language: str) -> re.Match[str] | None:
    found = pattern(phrase, language)
    return found.search(fold(text)) if found else None


def is_plural(matched: str, phrase: str) -> bool:
    return fold(matched).lower().split() != fold(phrase).lower().split()


def check_segment(
    index: int,
    source: str,
    target: str,
    terms: Sequence[GlossaryTerm],
    source_lang: str = "",
    target_lang: str = "",
    enforced: Sequence[str] = (),
) -> list[GlossaryCheck]:
    results = []
    for term in terms:
        if find(source, term.term, source_lang) is None:
            continue
        forbidden = next((alt for alt in term.forbidden if find(target, alt, target_lang)), "")
        if forbidden:
            status = TermStatus.FORBIDDEN
        elif find(target, term.translation, target_lang):
            status = TermStatus.ENFORCED if term.term in enforced else TermStatus.APPLIED
        else:
            status = TermStatus.MISSING
        results.append(GlossaryCheck(index, term.term, term.translation, status, forbidden))
    return results


def enforce(
    guarded: protect.Protected, terms: Sequence[GlossaryTerm], source_lang: str, target_lang: str
) -> tuple[protect.Protected, dict[int, str]]:
    """``guarded`` with every occurrence of a glossary term protected too, restored as the term's
    approved translation (plural when the source was); and which placeholder (0-based) is which
    term. Longer terms first; a term never spans an identifier."""
    text = guarded.text
    tokens = list(guarded.tokens)
    renderings = list(guarded.output)
    which: dict[int, str] = {}
    for term in sorted(terms, key=lambda t: -len(t.term)):
        found = pattern(term.term, source_lang)
        if found is None or not term.translation.strip():
            continue
        out, position = [], 0
        for match in found.finditer(fold(text)):
            original = text[match.start() : match.end()]
            if "⟦" in original or "⟧" in original:
                continue
            tokens.append(original)
            rendering = (
                pluralise(term.translation, target_lang)
                if is_plural(original, term.term)
                else term.translation
            )
            renderings.append(rendering)
            which[len(tokens) - 1] = term.term
            out.append(f"{text[position : match.start()]}⟦{len(tokens)}⟧")
            position = match.end()
        text = "".join(out) + text[position:]
    return protect.Protected(text, tuple(tokens), tuple(renderings)), which
