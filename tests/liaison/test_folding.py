"""Search folding per script: the same table drives the core function, the full-text index and (in
tests/ui) the list filters, so the three can never disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.domain import Agency, Contact, folding
from liaison.services import catalog
from liaison.store import reindex, search
from liaison.store.vault import Vault, unlock

# (script, stored name, spellings an officer may type that must find it)
CASES: list[tuple[str, str, tuple[str, ...]]] = [
    ("latin accents", "Hans Müller", ("muller", "MÜLLER", "Muller")),
    ("german sharp s", "Jürgen Weiß", ("weiss", "WEISS", "Weiß")),
    ("polish", "Łódź Police", ("lodz", "ŁÓDŹ")),
    ("greek", "Γιώργος Παπαδόπουλος", ("παπαδοπουλος", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "Παπαδόπουλος", "γιωργος")),
    ("russian yo", "Пётр Фёдоров", ("Федоров", "федоров", "ФЁДОРОВ", "Петр")),
    ("russian short i", "Сергей Бойко", ("бойко", "СЕРГЕЙ")),
    ("arabic vowel marks", "أَحْمَد يُوسُف", ("احمد", "يوسف", "أحمد")),
    ("arabic alef variants", "إبراهيم آل سعود", ("ابراهيم", "ال", "سعود")),
    ("arabic tatweel", "مـحـمـد", ("محمد",)),
    ("arabic ta marbuta and alef maksura", "مصطفى حمزة", ("مصطفي", "حمزه")),
    ("turkish dotted capital", "İsmail Işık", ("ismail", "ISIK", "ışık", "isik", "İSMAİL")),
    ("transliteration cyrillic", "Иван Иванов", ("Ivanov", "ivan ivanov")),
    ("transliteration greek", "Νίκος Παππάς", ("Nikos", "Pappas")),
    ("transliteration arabic skeleton", "يوسف", ("ywsf",)),
    # Latin spellings of Arabic names: vowels the script does not write, every common variant.
    ("arabic name mohammed", "محمد", ("Mohammed", "Muhammad", "Mohamed", "MOHAMMAD")),
    ("arabic name youssef", "يوسف", ("Youssef", "Yusuf", "Yousef", "yous")),
    ("arabic name ahmed", "أحمد", ("Ahmed", "Ahmad")),
    ("arabic name khaled", "خالد", ("Khaled", "Khalid")),
    ("arabic name fatima", "فاطمة", ("Fatima", "Fatimah", "Fatma")),
    ("arabic name abdullah", "عبدالله", ("Abdullah", "Abdallah")),
    ("arabic name hicham", "هشام", ("Hisham", "Hicham")),
    ("arabic name tariq", "طارق", ("Tariq", "Tarek")),
    ("arabic full name", "محمد بن يوسف", ("Muhammad Yusuf", "yusuf mohamed")),
]
# Spellings that must NOT be taken for the stored name.
MISSES: list[tuple[str, str]] = [
    ("Сергей Бойко", "боико"),  # й is a letter of its own, not и with an accent
    ("Hans Müller", "mueller x"),
    ("يوسف", "Youssef Khaled"),  # every word must be found
    ("محمد", "Ahmed"),
    ("Hans Müller", "Mlr"),  # skeletons are for Arabic-script names only
]


@pytest.mark.parametrize(
    ("latin", "key"),
    [("Mohammed", "mhmd"), ("Youssef", "ysf"), ("Ahmed", "hmd"), ("Cherif", "1rf"), ("Fatimah", "ftm")],
)
def test_latin_skeleton(latin: str, key: str) -> None:
    assert folding.skeleton(latin) == key


@pytest.mark.parametrize(("script", "stored", "queries"), CASES, ids=[c[0] for c in CASES])
def test_fold_makes_spellings_equal(script: str, stored: str, queries: tuple[str, ...]) -> None:
    for query in queries:
        assert folding.matches(query, stored), (script, query)


@pytest.mark.parametrize(("stored", "query"), MISSES)
def test_fold_keeps_different_words_apart(stored: str, query: str) -> None:
    assert not folding.matches(query, stored)


@pytest.mark.parametrize(("script", "stored", "queries"), CASES, ids=[c[0] for c in CASES])
def test_full_text_search_finds_every_spelling(
    vault: Vault, script: str, stored: str, queries: tuple[str, ...]
) -> None:
    catalog.contacts.add(vault, Contact(full_name=stored))
    catalog.contacts.add(vault, Contact(full_name="Unrelated Person"))
    for query in queries:
        assert [h.title for h in search.search(vault, query)] == [stored], (script, query)


def test_native_name_of_an_agency_is_found_in_latin(vault: Vault) -> None:
    catalog.agencies.add(vault, Agency(name="Prosecutor General", name_native="Генеральная прокуратура"))
    assert [h.title for h in search.search(vault, "prokuratura")] == ["Prosecutor General"]
    assert [h.title for h in search.search(vault, "генеральная")] == ["Prosecutor General"]


def test_plain_latin_text_adds_nothing_to_the_index() -> None:
    assert search.folded_terms("Hans Muller", "Café in Lyon") == ""
    assert search.folded_terms("Weiß") == "weiss"


def test_vault_indexed_with_older_folding_is_rebuilt_on_open(vault: Vault, vault_path: Path) -> None:
    from tests.conftest import PASSPHRASE

    catalog.contacts.add(vault, Contact(full_name="Пётр Фёдоров"))
    # What an earlier release left: no folded Cyrillic terms and no folding version.
    vault.conn.execute("UPDATE search_index SET folded = ''")
    vault.conn.execute("DELETE FROM meta WHERE key = ?", (reindex.META_KEY,))
    assert search.search(vault, "Федоров") == []
    vault.close()
    reopened = unlock(vault_path, PASSPHRASE)
    try:
        assert reindex.is_current(reopened)
        assert [h.title for h in search.search(reopened, "Федоров")] == ["Пётр Фёдоров"]
        assert not reindex.ensure_current(reopened)  # only once
    finally:
        reopened.close()
