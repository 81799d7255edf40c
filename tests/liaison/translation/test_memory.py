"""Translation memory that matches: real text stored and shown, matching on the match form with
identifiers renumbered per segment, the new segment's identifiers put into the stored translation,
fuzzy matches with a diff, and an index whose answers equal a full scan's."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from liaison.crypto.kdf import KdfProfile
from liaison.errors import ValidationError
from liaison.services import translation as service
from liaison.store.vault import Vault, create_vault
from liaison.translation import exchange, memory
from liaison.translation.engine import Engine
from liaison.translation.memory import FuzzyMatch, InMemoryResources
from liaison.translation.tm_index import SCAN_ALL_BELOW, Entry, MemoryIndex


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    opened, _ = create_vault(tmp_path / "v.db", "a long passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    return opened


def test_match_form_renumbers_identifiers_per_segment() -> None:
    one = memory.match_key("Our  reference is MLA-2024/117, received 12/03/2024.", "en")
    other = memory.match_key("Our reference is EIO-FR-7/25, received 01/01/2025.", "en")
    assert one.key == other.key == "Our reference is ⟦1⟧, received ⟦2⟧."
    assert one.tokens == ("MLA-2024/117", "12/03/2024")


def test_identifiers_of_the_new_segment_go_into_the_stored_translation() -> None:
    stored = memory.substitute(
        "The hearing in case 2 Js 1234/25 is scheduled for 12/03/2024.",
        "L'audience dans l'affaire 2 Js 1234/25 est prévue le 12/03/2024.",
        ("RG 24/01234", "05/06/2026"),
        "en",
    )
    assert stored == "L'audience dans l'affaire RG 24/01234 est prévue le 05/06/2026."


def test_a_stored_translation_without_its_identifiers_is_not_adapted() -> None:
    assert memory.substitute("See A-1.", "Voir le dossier.", ("B-2",), "en") is None


def test_tm_add_entries_match_sentences_with_other_dates_and_references(vault: Vault) -> None:
    service.approve(vault, "en", "fr", "Our reference is MLA-2024/117.", "Notre référence est MLA-2024/117.")
    result = service.translate(vault, Engine(), "Our reference is PV n° 2026/123456.", "en", "fr")
    assert result.text == "Notre référence est PV n° 2026/123456."
    assert [s.origin for s in result.segments] == ["memory"]
    assert result.faithful


def test_imported_tmx_entries_match(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "in.tmx"
    entries = [
        service.TmEntry(
            source_lang="en",
            target_lang="fr",
            source="The suspect made 3 calls on Monday.",
            target="Le suspect a passé 3 appels lundi.",
        )
    ]
    exchange.write_tmx(entries, path, "en", "fr")
    assert service.import_memory(vault, path) == 1
    result = service.translate(vault, Engine(), "The suspect made 12 calls on Monday.", "en", "fr")
    assert result.text == "Le suspect a passé 12 appels lundi."


def test_approved_segments_are_stored_as_real_text(vault: Vault, tmp_path: Path) -> None:
    memory_only = InMemoryResources()
    memory_only.add(
        "en", "fr", "Please reply to j.doe@example.org.", "Veuillez répondre à j.doe@example.org."
    )
    memory_only.add("en", "fr", "See MLA-2024/117.", "Voir MLA-2024/117.")
    text = "Please reply to a.b@example.eu. See EIO-7/25."
    result = Engine(memory_only).translate(text, "en", "fr")
    assert result.text == "Veuillez répondre à a.b@example.eu. Voir EIO-7/25."
    machine = [s.__class__(s.source, s.target, "machine") for s in result.segments]
    approved = result.__class__("en", "fr", result.text, result.route, tuple(machine), ())
    assert service.approve_result(vault, approved) == 2
    stored = {(e.source, e.target) for e in service.list_memory(vault)}
    assert stored == {
        ("Please reply to a.b@example.eu.", "Veuillez répondre à a.b@example.eu."),
        ("See EIO-7/25.", "Voir EIO-7/25."),
    }
    exported = tmp_path / "out.tmx"
    service.export_memory(vault, exported, "en", "fr")
    assert "⟦" not in exported.read_text(encoding="utf-8")


def test_placeholders_are_refused_in_the_memory(vault: Vault) -> None:
    with pytest.raises(ValidationError, match="placeholder"):
        service.approve(vault, "en", "fr", "See ⟦1⟧.", "Voir ⟦1⟧.")


def test_fuzzy_match_shows_what_differs() -> None:
    match = FuzzyMatch(
        "Please send the bank records to the prosecutor.",
        "Veuillez envoyer les relevés bancaires au procureur.",
        88.0,
        "Please send the phone records to the prosecutor.",
    )
    assert match.diff_text() == "Please send the [-bank-] {+phone+} records to the prosecutor."
    assert ("-", "bank") in match.diff() and ("+", "phone") in match.diff()


def test_the_index_finds_what_a_full_scan_finds() -> None:
    rng = random.Random(3)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        for _ in range(400)
    ]
    index = MemoryIndex()
    sentences = set()
    while len(sentences) < SCAN_ALL_BELOW * 3:
        sentences.add(" ".join(rng.choice(words) for _ in range(rng.randint(4, 9))) + ".")
    for text in sorted(sentences):
        index.add(Entry(text, text, text.upper()))
    assert len(index) > SCAN_ALL_BELOW
    target = sorted(sentences)[77].split()
    target[1] = "changed"
    query = " ".join(target)
    found = index.fuzzy(query, 60.0, 3)
    from rapidfuzz import fuzz

    best = max(fuzz.ratio(query, s) for s in sentences)
    assert found and found[0][1] == pytest.approx(best)
    exact = sorted(sentences)[5]
    assert index.exact(exact) == Entry(exact, exact, exact.upper())
