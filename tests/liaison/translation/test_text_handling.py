"""Token protection, segmentation, glossary checks and routing: the engine's parts without a model."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.domain import GlossaryTerm
from liaison.translation import protect, segment
from liaison.translation.engine import Engine, PackMissing, find_route
from liaison.translation.glossary import TermStatus, check_segment
from liaison.translation.memory import InMemoryResources, normalize_segment
from liaison.translation.models import PackRef

TOKENS = [
    "REF_2024_001",
    "MLA-2024/117",
    "EIO-FR-2025-0042",
    "j.doe@example.org",
    "https://e-justice.europa.eu/x?a=1",
    "+33 1 23 45 67 89",
    "12/03/2024",
    "2024-03-12",
    "14:30",
    "1,250.50",
    "2024",
]


@pytest.mark.parametrize("token", TOKENS)
def test_tokens_are_protected_and_restored(token: str) -> None:
    text = f"Please check {token} before Monday."
    guarded = protect.protect(text)
    assert token not in guarded.text and "⟦1⟧" in guarded.text
    assert guarded.tokens == (token,)
    assert protect.restore(guarded.text, guarded.tokens).text == text


def test_restore_tolerates_spacing_and_reports_lost_tokens() -> None:
    guarded = protect.protect("See MLA-2024/117 and REF_2024_001.")
    restored = protect.restore("Voir ⟦ 1 ⟧ .", guarded.tokens)
    assert restored.text == "Voir MLA-2024/117 . [REF_2024_001]"
    assert restored.lost == ("REF_2024_001",)


def test_placeholders_invented_by_a_model_are_dropped() -> None:
    assert protect.restore("Voir ⟦7⟧.", ("A-1",)).text == "Voir . [A-1]"


def test_segmentation_keeps_layout() -> None:
    text = (
        "Dear colleague,\n\nThe suspect was arrested. See art. 18 of the Convention! "
        "Mr. Smith agrees.\n  Regards"
    )
    shape = segment.layout(text)
    assert shape.sentences() == [
        "Dear colleague,",
        "The suspect was arrested.",
        "See art. 18 of the Convention!",
        "Mr. Smith agrees.",
        "Regards",
    ]
    assert shape.join(shape.sentences()) == text


def test_segmentation_of_other_scripts() -> None:
    assert segment.layout("嫌疑人已被逮捕。请尽快回复。").sentences() == ["嫌疑人已被逮捕。", "请尽快回复。"]
    assert len(segment.layout("Задержан подозреваемый. Просим ответить.").sentences()) == 2
    assert len(segment.layout("¿Puede confirmar? ¡Gracias!").sentences()) == 2


def test_glossary_statuses() -> None:
    term = GlossaryTerm(
        source_lang="fr",
        target_lang="en",
        term="commission rogatoire",
        translation="letter of request",
        forbidden=("rogatory commission",),
    )
    ok = check_segment(0, "Une commission rogatoire a été émise.", "A letter of request was issued.", [term])
    bad = check_segment(1, "La Commission Rogatoire", "The rogatory commission", [term])
    missing = check_segment(2, "la commission rogatoire", "the request", [term])
    unrelated = check_segment(3, "Bonjour", "Hello", [term])
    assert [c.status for c in ok + bad + missing] == [
        TermStatus.APPLIED,
        TermStatus.FORBIDDEN,
        TermStatus.MISSING,
    ]
    assert bad[0].found == "rogatory commission" and unrelated == []


def _ref(a: str, b: str) -> PackRef:
    return PackRef(a, b, "1.0", Path(f"/nonexistent/{a}_{b}"))


def test_route_prefers_direct_then_pivots() -> None:
    packs = [_ref("es", "en"), _ref("en", "fr"), _ref("fr", "en"), _ref("es", "fr")]
    assert [p.pair for p in find_route(packs, "es", "fr")] == ["es-fr"]
    assert [p.pair for p in find_route(packs[:3], "es", "fr")] == ["es-en", "en-fr"]


def test_missing_pair_names_the_pack_needed() -> None:
    with pytest.raises(PackMissing, match="install the de-fr pack") as caught:
        find_route([_ref("en", "fr")], "de", "fr")
    assert "installed: en-fr" in str(caught.value)


def test_memory_hits_need_no_model() -> None:
    memory = InMemoryResources()
    memory.add("en", "fr", "Please  acknowledge receipt.", "Veuillez accuser réception.")
    memory.add("en", "fr", "Best regards.", "Cordialement.")
    engine = Engine(memory)  # no pack installed at all
    result = engine.translate("Please acknowledge receipt. Best regards.", "en", "fr")
    assert result.text == "Veuillez accuser réception. Cordialement."
    assert result.from_memory == 2
    with pytest.raises(PackMissing):
        engine.translate("Something new.", "en", "fr")


def test_fuzzy_suggestions_carry_scores() -> None:
    memory = InMemoryResources()
    memory.add("en", "fr", "Please send the bank records.", "Veuillez envoyer les relevés bancaires.")
    matches = memory.fuzzy("en", "fr", "Please send the bank record.", 75.0, 3)
    assert matches and matches[0].score > 90
    assert memory.fuzzy("en", "fr", "Completely unrelated words here.", 75.0, 3) == []


def test_normalisation() -> None:
    assert normalize_segment("  a\u0301  b\n c ") == "\u00e1 b c"
