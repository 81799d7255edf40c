"""Full-text search over every searchable record (FTS5, accents and case folded, bm25-ranked)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from liaison.store.registry import EntitySpec
    from liaison.store.vault import Vault

_WORD = re.compile(r"\w+", re.UNICODE)
# Letters FTS5's unicode61 tokenizer does not fold to ASCII (ß stays ß, ł stays ł...). Words holding
# them are also indexed in a third column in folded form, and query words are folded the same way,
# so "Weiss" finds "Weiß" and "Lodz" finds "Łódź" without doubling the index.
_UNFOLDED = re.compile(r"\w*[ßẞłŁæÆøØœŒđĐıþÞðÐ]\w*")
_FOLD = str.maketrans({"ł": "l", "æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ı": "i", "þ": "th", "ð": "d"})
# bm25 must read every match before sorting; for words found in tens of thousands of notes that is
# tens of milliseconds. Ranking only the newest matches keeps search instant, and on a field kit the
# newest records are the ones wanted.
RANK_WINDOW = 2000
# Title hits weigh more than body hits.
_RANK = "bm25(search_index, 5.0, 1.0, 1.0)"


def fold_word(word: str) -> str:
    return word.casefold().translate(_FOLD)


_UNFOLDED_LETTER = re.compile(r"[ßẞłŁæÆøØœŒđĐıþÞðÐ]")


def folded_terms(*texts: str) -> str:
    # The letter test is cheap; the word regex runs only on the rare texts that need it.
    return " ".join(
        fold_word(w) for text in texts if _UNFOLDED_LETTER.search(text) for w in _UNFOLDED.findall(text)
    )


@dataclass(frozen=True)
class SearchHit:
    kind: str
    record_id: str
    title: str
    snippet: str
    score: float


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
    words = _WORD.findall(query)
    if not words:
        return None
    quoted = [f'"{fold_word(w)}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(vault: Vault, query: str, kinds: tuple[str, ...] = (), limit: int = 50) -> list[SearchHit]:
    expression = match_expression(query)
    if expression is None:
        return []
    sql = (
        "SELECT d.kind, d.record_id, s.title, "
        "snippet(search_index, -1, '[', ']', '…', 12), " + _RANK + " AS rank "
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
    return [
        SearchHit(k, rid, title, snip, -score)
        for k, rid, title, snip, score in vault.conn.execute(sql, params)
    ]
