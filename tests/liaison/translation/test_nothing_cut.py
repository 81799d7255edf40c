"""Nothing cut, nothing guessed: over-long sentences are split at clause boundaries instead of being
truncated by the model, and ``--from auto`` asks instead of translating a guess."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from liaison.translation import detect, packs, segment
from liaison.translation.engine import Engine, nothing_to_translate, sources_for
from liaison.translation.models import PackRef, decoding_limit
from liaison.translation.source_language import NoPackForLanguage, UnclearLanguage, choose

CLAUSES = [
    "the suspect was arrested in Lyon",
    "the victim was questioned by the police on Thursday",
    "the witness was arrested in Nice",
    "please send the record to the prosecutor",
]


@pytest.fixture
def installed(fixture_pack: Callable[[str], Path]) -> None:
    for pair in ("en_fr", "fr_en", "es_en"):
        packs.install(fixture_pack(pair))


def test_a_5000_character_sentence_comes_back_whole(installed: None) -> None:
    parts = [f"{CLAUSES[i % len(CLAUSES)]} (file REF_2024_{i:03d})" for i in range(120)]
    text = "The facts are these: " + ", ".join(parts) + "."
    assert len(text) > 5000
    result = Engine().translate(text, "en", "fr")
    [seg] = result.segments
    assert seg.pieces > 10 and not seg.truncated
    assert len(result.text) > len(text) * 0.4  # before the fix: 52 characters came back
    for i in range(120):
        assert f"REF_2024_{i:03d}" in result.text
    assert result.lost == ()


def test_clause_splitting_loses_nothing() -> None:
    text = "alpha, beta; gamma: delta and epsilon — zeta " * 40
    pieces = segment.split_clauses(text.strip(), lambda t: len(t) > 60)
    assert all(len(p) <= 60 for p in pieces)
    assert " ".join(pieces).split() == text.split()
    unbroken = "x" * 500
    assert "".join(segment.split_clauses(unbroken, lambda t: len(t) > 60)) == unbroken


def test_output_allowance_follows_the_input() -> None:
    assert decoding_limit(10) < decoding_limit(100) <= 1024


def _ref(a: str, b: str) -> PackRef:
    return PackRef(a, b, "1.0", Path(f"/nonexistent/{a}_{b}"))


def test_languages_that_reach_the_target() -> None:
    installed_refs = [_ref("es", "en"), _ref("en", "fr"), _ref("fr", "en")]
    assert sources_for(installed_refs, "fr") == ["en", "es"]
    assert sources_for(installed_refs, "en") == ["es", "fr"]


def test_auto_detection_uses_the_installed_languages() -> None:
    choice = choose("Le suspect a été arrêté à Lyon hier soir.", ["es", "fr"], "en")
    assert choice.language == "fr" and not choice.restricted
    with pytest.raises(UnclearLanguage, match="give it with --from"):
        choose("Merci", ["es", "fr"], "en")
    with pytest.raises(NoPackForLanguage, match="no installed pack translates from de"):
        choose("Guten Tag, wir brauchen die Akten bis Freitag.", ["es", "fr"], "en")
    assert detect.RELIABLE_CONFIDENCE <= 0.8


@pytest.mark.parametrize(
    ("text", "kept"),
    [("👍", True), ("+33 1 23 45 67 89", True), ("Ivan Petrov, Maria García", True), ("Merci", False)],
)
def test_what_needs_no_translation(text: str, kept: bool) -> None:
    assert nothing_to_translate(text) is kept
