"""The translate page with real fixture packs: detection, exact training outputs, memory, missing packs."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from liaison.crypto.kdf import KdfProfile
from liaison.services import demo
from liaison.services import translation as translation_service
from liaison.store.vault import Vault, create_vault
from liaison.translation import packs
from ui.session import Session
from ui.tasks import TaskRunner
from ui.views import translate_view
from ui.views.fuzzy_match_dialog import FuzzyMatchDialog
from ui.views.translate_view import TranslateView

FIXTURE_PACKS = Path(__file__).resolve().parents[2] / "fixtures" / "packs"
WAIT_MS = 120_000


@pytest.fixture
def translation_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "translation"
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(path))
    monkeypatch.delenv("LIAISON_PACK_INDEX_URL", raising=False)
    monkeypatch.setattr(translate_view._Shared, "engine", None)
    return path


@pytest.fixture
def session(qtbot: QtBot, tmp_path: Path, translation_dir: Path) -> Iterator[Session]:
    runner = TaskRunner()
    session = Session(runner, tmp_path / "demo.db")

    def create() -> Vault:
        vault, _code = create_vault(session.vault_path, "demo passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
        demo.populate(vault)
        return vault

    session.attach(runner.run_store(create).result(timeout=120))
    packs.install(next(FIXTURE_PACKS.glob("translate-en_fr-*.argosmodel")))
    yield session
    session.lock()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    runner.shutdown()


@pytest.fixture
def view(qtbot: QtBot, session: Session) -> TranslateView:
    page = TranslateView(session)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def training_pair() -> tuple[str, str]:
    """A training sentence without digits (so protection leaves it whole) and its exact French."""
    with (FIXTURE_PACKS / "en_fr.train-sample.tsv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle, delimiter="\t") if len(row) == 2]
    return next((src, tgt) for src, tgt in rows if not any(ch.isdigit() for ch in src))


def translate(qtbot: QtBot, view: TranslateView) -> None:
    before = view.result
    view.translate()
    qtbot.waitUntil(lambda: view.result is not before and view.translate_button.isEnabled(), timeout=WAIT_MS)


def test_detects_translates_exactly_and_reuses_memory(qtbot: QtBot, view: TranslateView) -> None:
    source, expected = training_pair()
    view.input.setPlainText(source)
    qtbot.waitUntil(lambda: view.detection is not None, timeout=WAIT_MS)
    assert view.detection is not None and view.detection.language == "en"
    assert view.source.currentData() == "en"
    assert "%" in view.detected.text()
    view.target.setCurrentIndex(view.target.findData("fr"))
    translate(qtbot, view)
    assert view.result is not None
    assert view.result.text == expected
    assert view.output.toPlainText() == expected
    assert view.result.route == ("en", "fr")
    assert [s.origin for s in view.result.segments] == ["machine"]
    assert view.approve_button.isEnabled()
    assert view.mt_mark.isVisibleTo(view) and view.mt_mark.text().startswith("Unofficial machine translation")

    with qtbot.waitSignal(view.session.records_changed, timeout=WAIT_MS):
        view.approve()
    qtbot.waitUntil(lambda: "approved" in view.message.text())
    memory = view.session.runner.run_store(
        lambda: translation_service.list_memory(view.session.vault(), "en", "fr")
    ).result(timeout=60)
    assert [(e.source, e.target) for e in memory] == [(source, expected)]

    translate(qtbot, view)
    assert view.result.text == expected
    assert [s.origin for s in view.result.segments] == ["memory"]
    assert [s.kind for s in view.output.spans] == ["memory"]
    assert view.output.tooltip_at(1)
    assert not view.approve_button.isEnabled()  # nothing machine-made left to approve
    assert "translation memory" in view.mt_mark.text()  # no longer marked as machine-made


def test_source_language_can_be_overridden(qtbot: QtBot, view: TranslateView) -> None:
    view.input.setPlainText("Le suspect a été arrêté à Rotterdam hier soir.")
    qtbot.waitUntil(lambda: view.detection is not None, timeout=WAIT_MS)
    assert view.source.currentData() == "fr"
    view.set_source("es")
    view._show_detection()
    assert view.source.currentData() == "es"
    view.input.setPlainText("The suspect was arrested yesterday evening in Rotterdam.")
    qtbot.waitUntil(lambda: view.detection is not None and view.detection.language == "en", timeout=WAIT_MS)
    assert view.source.currentData() == "es"  # the officer's choice stays
    assert "overridden" in view.detected.text()


def test_missing_pair_names_the_pack_to_install(qtbot: QtBot, view: TranslateView) -> None:
    view.input.setPlainText("Le suspect a été arrêté.")
    view.set_source("fr")
    view.target.setCurrentIndex(view.target.findData("es"))
    view.translate()
    qtbot.waitUntil(lambda: "fr-es" in view.message.text(), timeout=WAIT_MS)
    assert "Language packs" in view.message.text()
    assert view.result is None
    assert not view.mt_mark.isVisibleTo(view)
    assert view.translate_button.isEnabled()


def test_glossary_hits_are_highlighted(qtbot: QtBot, view: TranslateView) -> None:
    from liaison.domain import GlossaryTerm

    source, expected = training_pair()
    word = source.split()[1].strip(".,")
    french = expected.split()[1].strip(".,")

    def add_terms(vault: Vault) -> None:
        translation_service.glossary_terms.add(
            vault, GlossaryTerm(source_lang="en", target_lang="fr", term=word, translation=french)
        )
        translation_service.glossary_terms.add(
            vault,
            GlossaryTerm(
                source_lang="en", target_lang="fr", term=source.split()[-1].strip("."), translation="zzzz"
            ),
        )

    view.session.runner.run_store(lambda: add_terms(view.session.vault())).result(timeout=60)
    view.input.setPlainText(source)
    view.set_source("en")
    view.target.setCurrentIndex(view.target.findData("fr"))
    translate(qtbot, view)
    kinds = sorted(s.kind for s in view.output.spans)
    assert kinds == ["applied", "applied"]  # the second term's approved translation was enforced
    assert "zzzz" in view.output.toPlainText()
    assert any("put in by the glossary" in s.tooltip for s in view.output.spans)


def test_clear_on_lock(qtbot: QtBot, view: TranslateView) -> None:
    view.mt_mark.show()
    view.input.setPlainText("The suspect was arrested.")
    view.session.lock()
    assert view.input.toPlainText() == ""
    assert view.result is None
    assert not view.mt_mark.isVisibleTo(view)


def test_invented_numbers_are_shown_and_block_approval(qtbot: QtBot, view: TranslateView) -> None:
    """An approved translation that carries a number its source lacks: the page names the number and
    does not offer to approve the result."""

    def add(vault: Vault) -> None:
        translation_service.approve(
            vault, "en", "fr", "Please reply within the week.", "Veuillez répondre dans 7 jours."
        )

    view.session.runner.run_store(lambda: add(view.session.vault())).result(timeout=60)
    source, _expected = training_pair()
    view.input.setPlainText(f"Please reply within the week. {source}")
    view.set_source("en")
    view.target.setCurrentIndex(view.target.findData("fr"))
    translate(qtbot, view)
    assert view.result is not None and view.result.invented == ("7",)
    assert "Numbers not in the source, check them: 7" in view.glossary.text()
    assert not view.approve_button.isEnabled()
    view.grab().save(str(Path(view.session.vault_path).parent / "invented.png"))


def test_memory_matches_show_what_differs(qtbot: QtBot, view: TranslateView) -> None:
    source, _expected = training_pair()
    words = source.split()
    stored = " ".join([*words[:-1], "Brussels."])

    def add(vault: Vault) -> None:
        translation_service.approve(vault, "en", "fr", stored, "Traduction approuvée.")

    view.session.runner.run_store(lambda: add(view.session.vault())).result(timeout=60)
    view.input.setPlainText(source)
    view.set_source("en")
    view.target.setCurrentIndex(view.target.findData("fr"))
    translate(qtbot, view)
    assert view.result is not None and view.result.segments[0].suggestions
    text = view.suggestions.text()
    assert "<s" in text and "Brussels." in text and "<u" in text and "Traduction approuvée." in text
    assert "% match for sentence 1" in text


def test_a_memory_match_can_be_taken_edited_and_approved(qtbot: QtBot, view: TranslateView) -> None:
    """The CAT-tool gesture: take the close match, correct what differs, use it, approve it; the
    next translation of the sentence comes from the memory with the officer's wording."""
    stored_source = "Please send the bank records of account 4471 before Friday."
    wanted = "Please send the phone records of account 9902 before Friday."

    def add(vault: Vault) -> None:
        translation_service.approve(
            vault,
            "en",
            "fr",
            stored_source,
            "Veuillez envoyer les relevés bancaires du compte 4471 avant vendredi.",
        )

    view.session.runner.run_store(lambda: add(view.session.vault())).result(timeout=60)
    view.input.setPlainText(wanted)
    view.set_source("en")
    view.target.setCurrentIndex(view.target.findData("fr"))
    translate(qtbot, view)
    assert view.use_match_button.isEnabled()
    view.use_match_button.click()
    dialog = view.match_dialog
    assert isinstance(dialog, FuzzyMatchDialog)
    qtbot.waitExposed(dialog)
    assert dialog.matches.count() == 1 and "Sentence 1" in dialog.matches.item(0).text()
    # Prefilled with the stored translation, this sentence's account number already put in.
    assert (
        dialog.editor.toPlainText() == "Veuillez envoyer les relevés bancaires du compte 9902 avant vendredi."
    )
    assert "<s" in dialog.diff.text() and "bank" in dialog.diff.text()
    dialog.grab().save(str(Path(view.session.vault_path).parent / "fuzzy-dialog.png"))
    edited = "Veuillez envoyer les relevés téléphoniques du compte 9902 avant vendredi."
    dialog.editor.setPlainText(edited)
    dialog.use_button.click()
    assert view.result is not None and view.result.text == edited
    assert view.output.toPlainText() == edited and view.result.segments[0].origin == "edited"
    assert view.approve_button.isEnabled()
    with qtbot.waitSignal(view.session.records_changed, timeout=WAIT_MS):
        view.approve()
    translate(qtbot, view)
    assert view.result.text == edited and view.result.segments[0].origin == "memory"


def test_an_edited_match_that_drops_an_identifier_cannot_be_approved(
    qtbot: QtBot, view: TranslateView
) -> None:
    def add(vault: Vault) -> None:
        translation_service.approve(
            vault, "en", "fr", "Call me on 2024-05-03 at noon.", "Appelez-moi le 2024-05-03 à midi."
        )

    view.session.runner.run_store(lambda: add(view.session.vault())).result(timeout=60)
    view.input.setPlainText("Call me on 2025-01-31 at noon please.")
    view.set_source("en")
    view.target.setCurrentIndex(view.target.findData("fr"))
    translate(qtbot, view)
    view.use_match_button.click()
    dialog = view.match_dialog
    assert isinstance(dialog, FuzzyMatchDialog)
    dialog.editor.setPlainText("Appelez-moi à midi.")  # the date is gone
    dialog.use_button.click()
    assert view.result is not None and view.result.lost == ("2025-01-31",)
    assert not view.approve_button.isEnabled()
    assert "2025-01-31" in view.glossary.text()
