"""Fidelity of translations with the real fixture packs: identifiers kept, invented numbers
reported, approvals of unfaithful results refused, nothing-to-translate input left alone."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from liaison.crypto.kdf import KdfProfile
from liaison.services import translation as service
from liaison.store.vault import Vault, create_vault
from liaison.translation import fidelity, packs
from liaison.translation.engine import Engine, Segment, TranslationResult

MESSAGES = Path(__file__).resolve().parents[2] / "fixtures" / "fidelity" / "messages.jsonl"


@pytest.fixture
def installed(fixture_pack: Callable[[str], Path]) -> None:
    for pair in ("en_fr", "fr_en", "es_en"):
        packs.install(fixture_pack(pair))


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    opened, _ = create_vault(tmp_path / "v.db", "a long passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    return opened


def test_identifiers_survive_in_every_direction(installed: None) -> None:
    """The test set of the repository (seed 11 of bench/fidelity_messages.py); bench/fidelity.py
    measures the same on a fresh held-back set."""
    messages = [json.loads(line) for line in MESSAGES.read_text(encoding="utf-8").splitlines()]
    engine = Engine()
    kept: dict[str, list[bool]] = {}
    for message in messages:
        source, target = message["direction"].split("_")
        result = engine.translate(message["source"], source, target)
        for ident in message["identifiers"]:
            value = ident["value"]
            in_place = not any(value in lost or lost in value for lost in result.lost)  # not in "[…]"
            same = result.text.count(value) == message["source"].count(value)
            kept.setdefault(message["direction"], []).append(in_place and same)
        known = set(re.findall(r"\d+", message["source"]))
        invented = {d for d in re.findall(r"\d+", result.text) if d not in known}
        assert invented <= set(result.invented), message["source"]  # never silent
    assert set(kept) == {"en_fr", "fr_en", "es_en", "es_fr"}
    for direction, flags in kept.items():
        assert sum(flags) / len(flags) >= 0.95, direction


def test_numbers_the_model_invents_are_reported(installed: None) -> None:
    """Out-of-domain input makes the tiny models produce digits; whatever they produce, every digit
    run of the output is in the source or named in ``invented``."""
    engine = Engine()
    for text in (
        "Quantum chromodynamics explains gluons.",
        "My grandmother knits purple socks for elephants.",
        "The weather in Lyon was strange and the dog ate a sandwich.",
    ):
        result = engine.translate(text, "en", "fr")
        assert set(re.findall(r"\d+", result.text)) <= set(result.invented)
        assert result.segments[0].confidence is not None


def test_low_confidence_segments_offer_alternatives(installed: None) -> None:
    engine = Engine()
    sure = engine.translate("The suspect was arrested in Lyon.", "en", "fr").segments[0]
    unsure = engine.translate("My grandmother knits purple socks for elephants.", "en", "fr").segments[0]
    assert sure.confidence is not None and unsure.confidence is not None
    assert sure.confidence > unsure.confidence
    assert sure.alternatives == ()
    assert unsure.alternatives and all(a != unsure.target for a in unsure.alternatives)


@pytest.mark.parametrize(
    "text", ["👍🙏", "!!! ???", "+33 1 23 45 67 89", "→ ✓ ★", "Jean DUPONT, Maria García y Pérez"]
)
def test_nothing_to_translate_passes_through_unchanged(text: str) -> None:
    result = Engine().translate(text, "en", "fr")  # no pack installed: no model is needed
    assert result.text == text
    assert [s.origin for s in result.segments] == ["kept"]


def test_a_single_word_is_not_taken_for_a_name() -> None:
    assert not fidelity.names_only("Merci")
    assert not fidelity.names_only("Best Regards")
    assert fidelity.names_only("Ivan Petrov")


def _result(**segment: object) -> TranslationResult:
    seg = Segment("See A-1 on 12 May.", "Voir le 13 mai.", "machine", **segment)  # type: ignore[arg-type]
    return TranslationResult("en", "fr", seg.target, ("en", "fr"), (seg,), (), seg.lost, seg.invented)


def test_an_unfaithful_result_is_not_approved(vault: Vault) -> None:
    for bad in (_result(lost=("A-1",)), _result(invented=("13",)), _result(truncated=True)):
        with pytest.raises(service.UnfaithfulTranslation, match="not approved"):
            service.approve_result(vault, bad)
    assert service.list_memory(vault) == []
    assert service.approve_result(vault, _result()) == 1
