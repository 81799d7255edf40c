"""Case, note-timeline, revision and agreement registry models, with no view."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from liaison.domain import (
    Agreement,
    AgreementKind,
    Case,
    CaseStatus,
    Handling,
    Note,
    NoteRevision,
    Party,
)
from ui.models import ObjectRole, RecordFilterProxy, SortRole
from ui.models.agreements_model import AgreementFilterProxy, AgreementsModel, PartiesModel
from ui.models.cases_model import CaseFilterProxy, CasesModel
from ui.models.notes_model import NotesModel, NotesProxy, RevisionsModel, excerpt


def cases() -> list[Case]:
    return [
        Case(
            id="k-atlas",
            reference="OP-ATLAS 2025/014",
            title="ATLAS – laundering network",
            opened_on=dt.date(2025, 2, 17),
            countries=("FR", "BE"),
        ),
        Case(
            id="k-meridian",
            reference="OP-MERIDIAN 2026/007",
            title="MERIDIAN – cocaine in reefer containers",
            summary="Rotterdam to Le Havre",
            opened_on=dt.date(2026, 1, 22),
            countries=("NL", "CO"),
            handling=Handling.AMBER_STRICT,
        ),
        Case(
            id="k-kestrel",
            reference="OP-KESTREL 2025/031",
            title="KESTREL – ransomware",
            status=CaseStatus.DORMANT,
            opened_on=dt.date(2025, 4, 3),
        ),
    ]


def case_notes() -> list[Note]:
    return [
        Note(
            id="n1",
            case_id="k-meridian",
            title="First",
            body="one\n\ntwo\nthree",
            created_at="2026-01-22T09:00:00Z",
        ),
        Note(
            id="n3",
            case_id="k-meridian",
            title="",
            body="latest",
            created_at="2026-03-01T09:00:00Z",
            handling=Handling.RED,
            revision=2,
            updated_at="2026-03-02T09:00:00Z",
        ),
        Note(id="n2", case_id="k-meridian", title="Second", body="middle", created_at="2026-02-01T09:00:00Z"),
    ]


@pytest.fixture
def model() -> CasesModel:
    model = CasesModel()
    model.set_records(cases())
    return model


@pytest.fixture
def proxy(model: CasesModel) -> CaseFilterProxy:
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    return proxy


def refs(proxy: RecordFilterProxy) -> list[str]:
    return [proxy.record_at(row).reference for row in range(proxy.rowCount())]


def test_cases_model_tester(qtmodeltester: ModelTester, model: CasesModel) -> None:
    qtmodeltester.check(model)


def test_cases_rows_display_and_object_role(model: CasesModel) -> None:
    assert model.rowCount() == 3
    assert model.columnCount() == 5
    assert model.index(1, CasesModel.REFERENCE).data() == "OP-MERIDIAN 2026/007"
    assert model.index(2, CasesModel.STATUS).data() == "Dormant"
    assert model.index(1, CasesModel.OPENED).data() == "2026-01-22"
    assert model.index(1, CasesModel.HANDLING).data() == "TLP:AMBER+STRICT"
    assert model.index(1, CasesModel.TITLE).data(Qt.ItemDataRole.ToolTipRole) == "Rotterdam to Le Havre"
    record = model.index(1, CasesModel.TITLE).data(ObjectRole)
    assert isinstance(record, Case) and record.id == "k-meridian"


def test_cases_sorted_newest_opened_first(proxy: CaseFilterProxy, model: CasesModel) -> None:
    assert model.index(0, CasesModel.OPENED).data(SortRole) == "2025-02-17"
    proxy.sort(CasesModel.OPENED, Qt.SortOrder.DescendingOrder)
    assert refs(proxy) == ["OP-MERIDIAN 2026/007", "OP-KESTREL 2025/031", "OP-ATLAS 2025/014"]


def test_cases_text_filter_matches_summary_and_countries(proxy: CaseFilterProxy) -> None:
    proxy.set_text("havre")
    assert refs(proxy) == ["OP-MERIDIAN 2026/007"]
    proxy.set_text("be")  # a country of ATLAS
    assert "OP-ATLAS 2025/014" in refs(proxy)
    proxy.set_text("")
    assert proxy.rowCount() == 3


def test_cases_with_drafts_are_bold(model: CasesModel) -> None:
    model.set_draft_cases(frozenset({"k-kestrel"}))
    assert model.has_draft("k-kestrel")
    font = model.index(2, CasesModel.TITLE).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()
    assert "draft" in model.index(2, CasesModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, CasesModel.TITLE).data(Qt.ItemDataRole.FontRole) is None


def test_cases_clear(model: CasesModel, proxy: CaseFilterProxy) -> None:
    model.set_draft_cases(frozenset({"k-kestrel"}))
    model.clear()
    assert model.rowCount() == 0 and proxy.rowCount() == 0
    assert not model.has_draft("k-kestrel")


def test_notes_timeline_newest_first(qtmodeltester: ModelTester) -> None:
    model = NotesModel()
    model.set_records(case_notes())
    qtmodeltester.check(model)
    timeline = NotesProxy()
    timeline.setSourceModel(model)
    assert [timeline.record_at(r).id for r in range(3)] == ["n3", "n2", "n1"]
    top = timeline.index(0, NotesModel.TITLE)
    assert top.data() == "latest"  # no title: its first line, not "(untitled)"
    assert timeline.index(0, NotesModel.HANDLING).data() == "TLP:RED"
    assert "Revision 2" in timeline.index(0, NotesModel.WHEN).data(Qt.ItemDataRole.ToolTipRole)
    assert timeline.index(2, NotesModel.TEXT).data() == "one ⏎ two"  # the first lines only
    timeline.set_text("middle")
    assert timeline.rowCount() == 1
    model.clear()
    assert timeline.rowCount() == 0


def test_note_title_falls_back_to_the_first_line() -> None:
    from liaison.domain import Note
    from ui.models.notes_model import note_title

    assert note_title(Note(case_id="k", title="Call", body="x")) == "Call"
    assert note_title(Note(case_id="k", title="", body="\n  Met the BKA liaison at the port\nmore")) == (
        "Met the BKA liaison at the port"
    )
    assert note_title(Note(case_id="k", title="", body="")) == "(empty note)"


def test_excerpt_is_cut() -> None:
    assert excerpt("a" * 500).endswith("…")
    assert len(excerpt("a" * 500)) == 160
    assert excerpt("\n\n  \n") == ""


def test_revisions_model(qtmodeltester: ModelTester) -> None:
    model = RevisionsModel()
    model.set_records(
        [
            NoteRevision("n1", 1, "First", "one", "2026-01-22T09:00:00Z", "dev"),
            NoteRevision("n1", 2, "First", "one and a half", "2026-01-23T09:00:00Z", "dev"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, RevisionsModel.REVISION).data(SortRole) == 2
    assert isinstance(model.index(1, 0).data(ObjectRole), NoteRevision)


def test_agreements_and_parties_models(qtmodeltester: ModelTester) -> None:
    agreements = AgreementsModel()
    agreements.set_records(
        [
            Agreement(
                id="g1",
                title="Convention on Cybercrime",
                short_name="ETS 185",
                in_force_on=dt.date(2004, 7, 1),
            ),
            Agreement(id="g2", title="Harare Scheme", kind=AgreementKind.NON_BINDING_SCHEME),
        ]
    )
    qtmodeltester.check(agreements)
    assert agreements.index(0, AgreementsModel.IN_FORCE).data() == "2004-07-01"
    assert agreements.index(1, AgreementsModel.KIND).data() == "Non-binding scheme"
    proxy = AgreementFilterProxy()
    proxy.setSourceModel(agreements)
    proxy.set_text("cyber")
    assert proxy.rowCount() == 1 and proxy.record_at(0).id == "g1"

    parties = PartiesModel()
    parties.set_parties(
        [
            Party(
                id="p1",
                agreement_id="g1",
                country="FR",
                accepted_languages=("fr", "en"),
                central_authority_id="x",
            )
        ],
        {"x": "Ministry of Justice"},
    )
    qtmodeltester.check(parties)
    assert parties.index(0, PartiesModel.LANGUAGES).data() == "French, English"  # names, not codes
    assert parties.index(0, PartiesModel.LANGUAGES).data(Qt.ItemDataRole.ToolTipRole) == "fr, en"
    assert parties.index(0, PartiesModel.AUTHORITY).data() == "Ministry of Justice"
    assert parties.index(0, PartiesModel.COUNTRY).data(Qt.ItemDataRole.ToolTipRole) == "France"
    parties.clear()
    assert parties.rowCount() == 0 and parties.authority_name(Party(agreement_id="g1", country="FR")) == ""
