"""The glossary applied: plural forms per language, typographic punctuation, enforced approved
translations (marked), forbidden alternatives flagged, idempotent import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from liaison.crypto.kdf import KdfProfile
from liaison.domain import GlossaryTerm
from liaison.services import translation as service
from liaison.store.vault import Vault, create_vault
from liaison.translation import glossary, packs
from liaison.translation.engine import Engine
from liaison.translation.glossary import TermStatus, check_segment
from liaison.translation.memory import InMemoryResources


def _term(
    term: str, translation: str, source: str = "fr", target: str = "en", forbidden: tuple[str, ...] = ()
) -> GlossaryTerm:
    return GlossaryTerm(
        source_lang=source, target_lang=target, term=term, translation=translation, forbidden=forbidden
    )


@pytest.mark.parametrize(
    ("phrase", "language", "text"),
    [
        ("commission rogatoire", "fr", "Les commissions rogatoires ont été émises."),
        ("letter of request", "en", "Two letters of request were sent."),
        ("mandat d'arrêt", "fr", "Les mandats d’arrêt sont exécutoires."),
        ("autoridad judicial", "es", "Las autoridades judiciales"),
        ("Mandado de detenção", "pt", "Os mandados de detenção"),
        ("victim", "en", "The victims were heard."),
        ("bureau", "fr", "Les bureaux sont fermés."),
        ("tribunal", "fr", "Les tribunaux ont statué."),
    ],
)
def test_plural_and_punctuation_forms_are_found(phrase: str, language: str, text: str) -> None:
    assert glossary.find(text, phrase, language) is not None


def test_typographic_apostrophe_is_not_a_missing_term() -> None:
    term = _term("mandat d'arrêt", "arrest warrant")
    [check] = check_segment(
        0, "Le mandat d’arrêt a été émis.", "The arrest warrant was issued.", [term], "fr", "en"
    )
    assert check.status is TermStatus.APPLIED


def test_plural_translation_counts_as_applied() -> None:
    term = _term("commission rogatoire", "letter of request", forbidden=("rogatory commission",))
    [ok] = check_segment(0, "Les commissions rogatoires", "The letters of request", [term], "fr", "en")
    [bad] = check_segment(0, "Les commissions rogatoires", "The rogatory commissions", [term], "fr", "en")
    assert ok.status is TermStatus.APPLIED
    assert bad.status is TermStatus.FORBIDDEN and bad.found == "rogatory commission"


def test_pluralise_follows_the_language() -> None:
    assert glossary.pluralise("letter of request", "en") == "letters of request"
    assert glossary.pluralise("commission rogatoire", "fr") == "commissions rogatoires"


@pytest.fixture
def installed(fixture_pack: Callable[[str], Path]) -> None:
    packs.install(fixture_pack("en_fr"))


def test_preferred_terms_are_enforced_and_marked(installed: None) -> None:
    resources = InMemoryResources(terms=[_term("arrest warrant", "mandat d'arrêt européen", "en", "fr")])
    result = Engine(resources).translate("Please send the arrest warrant to the prosecutor.", "en", "fr")
    assert "mandat d'arrêt européen" in result.text
    [check] = result.glossary
    assert check.status is TermStatus.ENFORCED and check.term == "arrest warrant"
    assert result.segments[0].enforced == ("arrest warrant",)
    assert result.violations == () and result.lost == ()


def test_plural_source_gets_the_plural_translation(installed: None) -> None:
    resources = InMemoryResources(terms=[_term("judgment", "décision de justice", "en", "fr")])
    result = Engine(resources).translate("The judgments were sent to Poland.", "en", "fr")
    assert "décisions de justice" in result.text


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    opened, _ = create_vault(tmp_path / "v.db", "a long passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    return opened


def test_import_is_idempotent(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "term,translation,note,forbidden,subject\n"
        "commission rogatoire,letter of request,,rogatory commission,\n"
        "mandat d’arrêt,arrest warrant,,,\n",
        encoding="utf-8",
    )
    first = service.import_glossary(vault, path, "fr", "en")
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    again = service.import_glossary(vault, path, "fr", "en")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    path.write_text(
        "term,translation,note,forbidden,subject\nMandat d'arrêt,European arrest warrant,,,\n",
        encoding="utf-8",
    )
    changed = service.import_glossary(vault, path, "fr", "en")
    assert (changed.added, changed.updated) == (0, 1)
    terms = {t.term: t.translation for t in service.list_glossary(vault, "fr", "en")}
    assert terms == {"commission rogatoire": "letter of request", "mandat d’arrêt": "European arrest warrant"}
