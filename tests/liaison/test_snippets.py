"""Search snippets: whole words marked, found the way the index found them, never shredded."""

from __future__ import annotations

from liaison.domain import Contact, snippets
from liaison.services import catalog
from liaison.store import search
from liaison.store.vault import Vault


def marked(text: str, query: str) -> list[str]:
    return [part for part, matched in snippets.snippet(text, query) if matched]


def test_matched_words_are_marked_whole() -> None:
    assert marked("Funds moved to the bank in Lyon", "bank") == ["bank"]
    assert marked("وصل أَحْمَد إلى المطار", "احمد") == ["أَحْمَد"]  # vowel marks kept inside the word
    assert marked("Jürgen Weiß called", "weiss") == ["Weiß"]
    assert marked("التقى يوسف في المطار", "Youssef") == ["يوسف"]  # found through its skeleton
    assert marked("Иван Иванов", "ivanov") == ["Иванов"]


def test_long_text_is_cut_around_the_first_match() -> None:
    text = " ".join(f"word{i}" for i in range(100)) + " bank " + " ".join(f"tail{i}" for i in range(100))
    parts = snippets.snippet(text, "bank")
    line = snippets.plain(parts)
    assert line.startswith("…") and line.endswith("…")
    assert "[bank]" in line and len(line) < 160


def test_no_match_shows_the_start() -> None:
    assert snippets.plain(snippets.snippet("first words\nof the text", "zzz")) == "first words of the text"


def test_search_hits_carry_parts_and_plain_brackets(vault: Vault) -> None:
    catalog.contacts.add(vault, Contact(full_name="Person", notes="met يوسف at the airport"))
    [hit] = search.search(vault, "Yusuf")
    assert ("يوسف", True) in hit.parts
    assert "[يوسف]" in hit.snippet


def test_snippet_comes_from_the_body(vault: Vault) -> None:
    catalog.contacts.add(vault, Contact(full_name="Someone", notes="asked for the bank records of 2025"))
    [hit] = search.search(vault, "bank records")
    assert [p for p, m in hit.parts if m] == ["bank", "records"]
