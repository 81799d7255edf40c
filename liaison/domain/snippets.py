"""Search snippets: the words around the first match in a record's text, the matched words marked.

FTS5's own ``snippet()`` marks tokens as its tokenizer cut them: a vocalised Arabic word is cut at
each vowel mark (the marks then shredded the word), and words found through the folded column
(``Weiß`` for "weiss", ``يوسف`` for "Youssef") were not marked at all. Here the words are those of
``folding.words`` and a word is marked when it matches a query word the way the index matched it
(folded, transliterated or by its Arabic skeleton). The result is a list of parts, so nothing in the
text itself can be taken for a mark; ``plain`` gives the ``[word]`` form the command line prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from liaison.domain import folding

Part = tuple[str, bool]  # text, matched
BEFORE, AFTER = 4, 8  # words shown around the first match
ELLIPSIS = "…"


def word_matches(word: str, terms: Sequence[folding.QueryWord]) -> bool:
    """``word`` (from the record) starts with one of the query words, in any of the indexed forms."""
    if not terms:
        return False
    forms = (folding.fold(word), folding.transliterate(word))
    skeleton = folding.skeleton_term(word)
    for term in terms:
        if any(form and form.startswith(term.word) for form in forms):
            return True
        if term.skeleton_matches(skeleton):
            return True
    return False


def snippet(text: str, query: str) -> tuple[Part, ...]:
    """The words around the first word of ``text`` matching ``query`` (the start when none does)."""
    text = " ".join(text.split())  # one line
    spans = [m.span() for m in folding.WORD.finditer(text)]
    if not spans:
        return ((text, False),) if text else ()
    terms = folding.query_terms(query)
    first = next((i for i, (start, end) in enumerate(spans) if word_matches(text[start:end], terms)), 0)
    low, high = max(0, first - BEFORE), min(len(spans), first + AFTER + 1)
    hits = [i for i in range(low, high) if word_matches(text[spans[i][0] : spans[i][1]], terms)]
    begin = 0 if low == 0 else spans[low][0]
    finish = len(text) if high == len(spans) else spans[high - 1][1]
    parts: list[Part] = [(ELLIPSIS, False)] if begin > 0 else []
    cursor = begin
    for i in hits:
        start, end = spans[i]
        if start > cursor:
            parts.append((text[cursor:start], False))
        parts.append((text[start:end], True))
        cursor = end
    if finish > cursor:
        parts.append((text[cursor:finish], False))
    if finish < len(text):
        parts.append((ELLIPSIS, False))
    return tuple(parts)


def plain(parts: Sequence[Part]) -> str:
    """The snippet as one line, matched words in brackets (``[bank] records of…``)."""
    return "".join(f"[{text}]" if matched else text for text, matched in parts)
