"""Search folding: the one definition of "these two spellings are the same word" for every script.

Officers type names the way their keyboard and memory allow: without Greek accents or in capitals,
``е`` for Russian ``ё``, Arabic without vowel marks, with or without the hamza on an alef, Turkish
dotted and dotless i mixed up, ``ss`` for German ``ß``. ``fold`` maps all those spellings to one key;
the full-text index (``liaison.store.search``) and the interface's list filters both use it, so a
name found by the global search is also found by every list filter.

``transliterate`` gives the Latin spelling of native-script words (``Иванов`` → ``ivanov``) through
anyascii, a maintained transliteration table, so officers who only know the Latin spelling still
find the record. Arabic script is written without short vowels, so its transliteration is a
consonant skeleton (``يوسف`` → ``ywsf``): a Latin query finds it only when spelled that way.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# Letters with no Unicode decomposition that still have a plain equivalent in search.
_LETTERS = str.maketrans(
    {
        "ı": "i",  # Turkish dotless i (casefold leaves it)
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "ø": "o",
        "œ": "oe",
        "ё": "е",  # Russian yo is written as ye in most texts
        "ς": "σ",  # Greek final sigma (casefold already does it; kept for lower() input)
        "ٱ": "ا",  # alef wasla
        "ى": "ي",  # alef maksura, often typed for final ya
        "ة": "ه",  # ta marbuta, often typed as ha
        "ـ": None,  # tatweel: stretches a word, never part of it
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
    }
)
# Combining marks kept: they make a different letter in the language that uses them (Cyrillic
# short i ``й`` = и + breve). Everything else (accents, Greek tonos, Arabic harakat, the hamza above
# or below an alef) is dropped.
_KEPT_MARKS = {("и", "\u0306"), ("у", "\u0306"), ("і", "\u0308")}

# A word: letters, digits and the combining marks inside it (Python's \w stops at marks, which would
# cut a vocalised Arabic word into letters).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
WORD = re.compile(rf"(?:\w|[{_MARKS}])+")


def _strip_marks(text: str) -> str:
    out: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.category(char) == "Mn" and not (out and (out[-1], char) in _KEPT_MARKS):
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str) -> str:
    """The search key of ``text``: case, accents and script-specific variants removed.

    Any text can be folded (a name, a whole note); two spellings that an officer would call the same
    word give the same key.
    """
    return _strip_marks(text.casefold().translate(_LETTERS))


def words(text: str) -> list[str]:
    """The words of ``text``, vowel marks kept inside them."""
    return WORD.findall(text)


def is_latin(word: str) -> bool:
    """Every letter of ``word`` is ASCII or from the Latin blocks (which FTS5 folds itself)."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in word)


def transliterate(word: str) -> str:
    """The folded Latin spelling of a native-script word ("" when it is already Latin)."""
    if is_latin(word):
        return ""
    latin = fold(anyascii(word))
    return "".join(WORD.findall(latin))


def haystack(text: str) -> str:
    """``text`` folded, followed by the Latin spelling of its native-script words: what a list
    filter compares the folded query words with (``matches``)."""
    latin = " ".join(t for t in (transliterate(w) for w in words(text)) if t)
    return f"{fold(text)} {latin}" if latin else fold(text)


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of what the officer typed (empty words dropped)."""
    return tuple(w for w in (fold(word) for word in words(query)) if w)


def matches(query: str, text: str) -> bool:
    """Every word of ``query`` appears in ``text`` once both are folded (what a list filter shows)."""
    folded = haystack(text)
    return all(word in folded for word in query_words(query))
