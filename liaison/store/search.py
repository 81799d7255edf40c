"""Full-text search over every searchable record (FTS5, accents and case folded, bm25-ranked)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from liaison.domain import folding, snippets

if TYPE_CHECKING:
    from liaison.store.registry import EntitySpec
    from liaison.store.vault import Vault

# FTS5's unicode61 tokenizer folds case in every script and accents in the Latin blocks only. It
# leaves Greek accents, Russian ё, Arabic hamza/alef variants, and a few Latin letters (ß, ł, æ, ø,
# ı...) as they are, and cuts a vocalised Arabic word at each vowel mark. Words it would not fold
# like ``folding.fold`` are also indexed, folded, in the third column, with the Latin spelling of
# every native-script word; query words are folded the same way. So "weiss" finds "Weiß",
# "ΠΑΠΑΔΟΠΟΥΛΟΣ" finds "Παπαδόπουλος", "احمد" finds "أَحْمَد" and "ivanov" finds "Иванов",
# while plain Latin text (most of a vault) is not doubled in the index. Arabic-script words also get
# their consonant skeleton (``folding.skeleton_term``), which a Latin query word's skeleton matches:
# "Youssef" and "Yusuf" find "يوسف".
_UNFOLDED_LETTER = re.compile(r"[ßẞłŁæÆøØœŒđĐıþÞðÐ]")
# Bumped whenever what goes in the folded column changes: open vaults rebuild their index once
# (``liaison.store.reindex``).
FOLDING_VERSION = "3"
# bm25 must read every match before sorting; for words found in tens of thousands of notes that is
# tens of milliseconds. Ranking only the newest matches keeps search instant, and on a field kit the
# newest records are the ones wanted.
RANK_WINDOW = 2000
# Title hits weigh more than body hits.
_RANK = "bm25(search_index, 5.0, 1.0, 1.0)"


def fold_word(word: str) -> str:
    return folding.fold(word)


def _extra_terms(word: str) -> tuple[str, ...]:
    if folding.is_latin(word):
        return (folding.fold(word),) if _UNFOLDED_LETTER.search(word) else ()
    key = folding.fold(word)
    latin = folding.transliterate(word)
    terms = (key,) if key != word.casefold() else ()
    terms = (*terms, latin) if latin and latin != key else terms
    skeleton = folding.skeleton_term(word)
    return (*terms, skeleton) if skeleton else terms


def folded_terms(*texts: str) -> str:
    """The folded column: the folded forms FTS5 would not produce itself, and transliterations."""
    terms: dict[str, None] = {}
    for text in texts:
        if text.isascii():
            continue  # the common case: nothing unicode61 does not fold already
        for word in folding.words(text):
            for term in _extra_terms(word):
                terms[term] = None
    return " ".join(terms)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    record_id: str
    title: str
    snippet: str  # one line, matched words in [brackets] (the command line's form)
    score: float
    parts: tuple[snippets.Part, ...] = ()  # the same snippet as (text, matched) parts, for display


def index_record(vault: Vault, spec: EntitySpec, record: Any) -> None:
    if spec.search is None:
        return
    title, body = spec.search(record)
    conn = vault.conn
    row = conn.execute("SELECT rowid FROM search_docs WHERE record_id = ?", (record.id,)).fetchone()
    if row is None:
        cursor = conn.execute(
            "INSERT INTO search_docs(kind, record_id) VALUES (?, ?)", (spec.kind, record.id)
        )
        rowid = cursor.lastrowid
    else:
        rowid = row[0]
        conn.execute("DELETE FROM search_index WHERE rowid = ?", (rowid,))
    conn.execute(
        "INSERT INTO search_index(rowid, title, body, folded) VALUES (?, ?, ?, ?)",
        (rowid, title, body, folded_terms(title, body)),
    )


def index_records(vault: Vault, spec: EntitySpec, records: list[Any]) -> None:
    """Index many records in two statements (a first sync writes thousands at once); a record
    already indexed is re-indexed one by one."""
    if spec.search is None or not records:
        return
    conn = vault.conn
    ids = [r.id for r in records]
    indexed: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        indexed.update(
            row[0]
            for row in conn.execute(f"SELECT record_id FROM search_docs WHERE record_id IN ({marks})", chunk)
        )
    fresh = [r for r in records if r.id not in indexed]
    for record in records:
        if record.id in indexed:
            index_record(vault, spec, record)
    conn.executemany(
        "INSERT INTO search_docs(kind, record_id) VALUES (?, ?)", [(spec.kind, r.id) for r in fresh]
    )
    rows = []
    for record in fresh:
        title, body = spec.search(record)
        rows.append((title, body, folded_terms(title, body), record.id))
    conn.executemany(
        "INSERT INTO search_index(rowid, title, body, folded) "
        "SELECT rowid, ?, ?, ? FROM search_docs WHERE record_id = ?",
        rows,
    )


def unindex_record(vault: Vault, record_id: str) -> None:
    conn = vault.conn
    row = conn.execute("SELECT rowid FROM search_docs WHERE record_id = ?", (record_id,)).fetchone()
    if row is not None:
        conn.execute("DELETE FROM search_index WHERE rowid = ?", (row[0],))
        conn.execute("DELETE FROM search_docs WHERE rowid = ?", (row[0],))


def match_expression(query: str) -> str | None:
    """User text to an FTS5 query: every word must appear; the last one may be a prefix.

    Words are quoted, so FTS syntax in user input (quotes, AND, NEAR, *) is taken literally.
    """
    terms = folding.query_terms(query)
    if not terms:
        return None
    return " AND ".join(_term_expression(term, last=i == len(terms) - 1) for i, term in enumerate(terms))


def _term_expression(term: folding.QueryWord, *, last: bool) -> str:
    """One query word: the word itself or (a Latin word) its skeleton in an Arabic name."""
    star = "*" if last else ""
    word = f'"{term.word}"{star}'
    if not term.skeleton:
        return word
    skeleton_star = star if term.skeleton_prefix_ok else ""
    return f'({word} OR "{term.skeleton_term}"{skeleton_star})'


def search(vault: Vault, query: str, kinds: tuple[str, ...] = (), limit: int = 50) -> list[SearchHit]:
    expression = match_expression(query)
    if expression is None:
        return []
    sql = (
        "SELECT d.kind, d.record_id, s.title, s.body, " + _RANK + " AS rank "
        "FROM search_index s JOIN search_docs d ON d.rowid = s.rowid "
        "WHERE search_index MATCH ?"
    )
    params: list[Any] = [expression]
    floor = vault.conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (expression, RANK_WINDOW - 1),
    ).fetchone()
    if floor is not None:
        sql += " AND s.rowid >= ?"
        params.append(floor[0])
    if kinds:
        sql += f" AND d.kind IN ({', '.join('?' for _ in kinds)})"
        params += kinds
    sql += " ORDER BY rank LIMIT ?"
    params.append(limit)
    hits = []
    for kind, record_id, title, body, score in vault.conn.execute(sql, params):
        parts = snippets.snippet(body or title, query)
        hits.append(SearchHit(kind, record_id, title, snippets.plain(parts), -score, parts))
    return hits
