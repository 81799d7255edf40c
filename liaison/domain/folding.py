"""Search folding: the one definition of "these two spellings are the same word" for every script.

Officers type names the way their keyboard and memory allow: without Greek accents or in capitals,
``е`` for Russian ``ё``, Arabic without vowel marks, with or without the hamza on an alef, Turkish
dotted and dotless i mixed up, ``ss`` for German ``ß``. ``fold`` maps all those spellings to one key;
the full-text index (``liaison.store.search``) and the interface's list filters both use it, so a
name found by the global search is also found by every list filter.

``transliterate`` gives the Latin spelling of native-script words (``Иванов`` → ``ivanov``) through
anyascii, a maintained transliteration table, so officers who only know the Latin spelling still
find the record. Arabic script is written without short vowels, so its transliteration is a
consonant skeleton (``يوسف`` → ``ywsf``); ``skeleton`` reduces the Latin spellings officers know
(``Youssef``, ``Yusuf``) to the same key, so they find it too (see the section at the end).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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
    """``text`` folded, followed by the Latin spelling of its native-script words and the skeletons
    of its Arabic words: what a list filter compares the query words with (``matches``)."""
    extra = [t for w in words(text) for t in (transliterate(w), skeleton_term(w)) if t]
    return f"{fold(text)} {' '.join(extra)}" if extra else fold(text)


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of what the officer typed (empty words dropped)."""
    return tuple(w for w in (fold(word) for word in words(query)) if w)


def matches(query: str, text: str) -> bool:
    """Every word of ``query`` appears in ``text`` once both are folded (what a list filter shows)."""
    folded = haystack(text)
    return all(term.found_in(folded) for term in query_terms(query))


# -- Latin spellings of Arabic names ----------------------------------------------------------
# Arabic is written without short vowels, and the Latin spellings officers know add them in many
# ways: محمد is Mohammed, Muhammad or Mohamed, يوسف is Youssef or Yusuf. Both sides are reduced to a
# consonant skeleton (vowels and the semivowels w/y dropped except at the start, doubled letters
# merged, a final h dropped, common spelling variants made one) and compared: every Arabic-script
# word is indexed with its skeleton, and a Latin query word also matches by its skeleton.
# A skeleton ignores what the script does not write, so it matches more than the exact spelling
# (Mahmoud's skeleton is Mohammed's): it widens a search, never narrows it.
SKELETON_MARK = "0s"  # skeleton terms in the index start with it, so they never equal a real word
_SPELLINGS = (
    ("ch", "sh"),  # French transliteration: Cherif, Rachid, Hicham
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("dj", "j"),  # Djamel
    ("ph", "f"),
    # One symbol per digraph, so a final h is never taken for half of one.
    ("sh", "1"),
    ("kh", "2"),
    ("gh", "3"),
    ("th", "4"),
    ("dh", "5"),
)
_SKELETON_LETTERS = str.maketrans({"q": "k", "c": "k", "g": "j", "p": "b", "v": "f", "x": "ks"})
_SKELETON_VOWELS = re.compile(r"[aeiouwy]")
_NOT_LETTER = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def skeleton(latin: str) -> str:
    """The consonant skeleton of a Latin spelling (``Youssef`` → ``ysf``, ``Mohammed`` → ``mhmd``)."""
    text = latin.lower()
    head = text[:1] if text[:1] in ("w", "y") else ""  # a leading w/y is a consonant (Walid, Youssef)
    text = _NOT_LETTER.sub("", text)
    for spelling, key in _SPELLINGS:
        text = text.replace(spelling, key)
    text = text.translate(_SKELETON_LETTERS)
    text = _DOUBLED.sub(r"\1", head + _SKELETON_VOWELS.sub("", text[1:] if head else text))
    return text[:-1] if len(text) > 1 and text.endswith("h") else text  # ta marbuta, -ah, -eh


def is_arabic(word: str) -> bool:
    return _ARABIC.search(word) is not None


def skeleton_term(word: str) -> str:
    """The index term of an Arabic-script word's skeleton ("" for other words)."""
    if not is_arabic(word):
        return ""
    key = skeleton(anyascii(fold(word)))
    return SKELETON_MARK + key if key else ""


@dataclass(frozen=True)
class QueryWord:
    """A folded query word and, for a Latin word, its skeleton (matched against Arabic names)."""

    word: str
    skeleton: str = ""

    @property
    def skeleton_term(self) -> str:
        return SKELETON_MARK + self.skeleton if self.skeleton else ""

    @property
    def skeleton_prefix_ok(self) -> bool:
        """A skeleton of one letter matches only whole (a prefix would match half the names)."""
        return len(self.skeleton) >= 2

    def skeleton_matches(self, term: str) -> bool:
        """``term`` (an indexed skeleton term) is this word's skeleton, or (2+ letters) extends it."""
        if not self.skeleton or not term:
            return False
        return term == self.skeleton_term or (self.skeleton_prefix_ok and term.startswith(self.skeleton_term))

    def found_in(self, folded: str) -> bool:
        """In a ``haystack``: the word anywhere, or the skeleton at the start of a skeleton term."""
        if self.word in folded:
            return True
        if not self.skeleton:
            return False
        tail = "" if self.skeleton_prefix_ok else " "
        return f" {self.skeleton_term}{tail}" in f" {folded} "


def query_terms(query: str) -> tuple[QueryWord, ...]:
    """What the officer typed, as folded words with their skeletons (Latin words only)."""
    return tuple(
        QueryWord(word, skeleton(word) if word.isascii() and word.isalpha() else "")
        for word in query_words(query)
    )
