"""What a central authority would catch: a hearing with nobody to hear, measures without a place, a bank
measure without a bank or account, a limitation period already run, remote hearings without their
particulars, coercive measures without a dual-criminality statement, freezing without assets, electronic
evidence without provider, identifier or time, and an undated request."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from liaison.documents import rules
from liaison.domain.mla import Measure, MeasureDetail, MeasureKind, MlaRequest, Offence
from liaison.services import demo_requests

SETS = ("UNTOC-18-15", "UNCAC-46-15", "COE-1959-14", "MODEL-TREATY-5", "HARARE-14", "EIO-ANNEX-A")


def _untoc(**changes: object) -> MlaRequest:
    return dataclasses.replace(demo_requests.untoc_to_morocco("c", None, None), **changes)  # type: ignore[arg-type]


def _issues(request: MlaRequest, rule_set: str = "UNTOC-18-15") -> dict[str, rules.Issue]:
    found = rules.validate(dataclasses.replace(request, rule_set=rule_set))
    return {i.requirement: i for i in found}


def _errors(request: MlaRequest, rule_set: str = "UNTOC-18-15") -> set[str]:
    return {
        i.requirement
        for i in rules.validate(dataclasses.replace(request, rule_set=rule_set))
        if i.level == "error"
    }


def test_the_demo_requests_are_complete() -> None:
    assert _errors(demo_requests.untoc_to_morocco("c", None, None)) == set()
    assert _errors(demo_requests.eio_to_france("c", None, None), "EIO-ANNEX-A") == set()


@pytest.mark.parametrize("rule_set", SETS)
def test_a_hearing_with_nobody_to_hear(rule_set: str) -> None:
    request = _untoc()
    unnamed = dataclasses.replace(request.measures[0], persons=())
    prefix = rules.get(rule_set).requirements[0].id.split("-")[0]
    assert f"{prefix}-measure-persons" in _errors(dataclasses.replace(request, measures=(unnamed,)), rule_set)
    wrong = dataclasses.replace(request.measures[0], persons=(7,))
    assert f"{prefix}-measure-persons" in _errors(dataclasses.replace(request, measures=(wrong,)), rule_set)


def test_places_banks_and_accounts() -> None:
    bank = Measure(
        MeasureKind.BANK_RECORDS, description="Records.", details=(MeasureDetail("period", "2025"),)
    )
    found = _errors(_untoc(measures=(bank,)))
    assert {"untoc-bank-name", "untoc-bank-account"} <= found
    search = Measure(MeasureKind.SEARCH_AND_SEIZURE, description="Search the warehouse.")
    assert "untoc-measure-place-given" in _errors(_untoc(measures=(search,)))


def test_a_limitation_period_already_run() -> None:
    past = dataclasses.replace(_untoc().offences[0], limitation_date=dt.date(2025, 12, 31))
    issues = _issues(_untoc(offences=(past,)))
    assert issues["untoc-limitation-not-past"].level == "error"
    assert "2025" in issues["untoc-limitation-not-past"].message


def test_untoc_18_18_video_hearing_particulars() -> None:
    bare = dataclasses.replace(_untoc().measures[0], details=())
    found = _issues(_untoc(measures=(bare,)))
    assert {"untoc-remote-authority", "untoc-remote-datetime"} <= set(found)
    assert "18(18)" in found["untoc-remote-authority"].article
    assert found["untoc-remote-reasons"].level == "warning"


def test_dual_criminality_statement_for_coercive_measures() -> None:
    search = Measure(MeasureKind.SEARCH_AND_SEIZURE, description="Search.", place="Tangier")
    request = _untoc(measures=(search,))
    assert _issues(request)["untoc-dual-criminality"].level == "warning"
    assert "coe-dual-criminality" in _errors(request, "COE-1959-14")
    stated = dataclasses.replace(request.offences[0], dual_criminality="Moroccan Penal Code art. 2 (verify)")
    assert "coe-dual-criminality" not in _errors(
        dataclasses.replace(request, offences=(stated,)), "COE-1959-14"
    )


def test_freezing_and_electronic_evidence_modules() -> None:
    freeze = Measure(MeasureKind.FREEZING_CONFISCATION, description="Freeze.")
    assert "untoc-freezing-assets" in _errors(_untoc(measures=(freeze,)))
    subscriber = Measure(MeasureKind.SUBSCRIBER_IDENTIFICATION, description="Who used the IP?")
    found = _issues(_untoc(measures=(subscriber,)))
    assert {"untoc-eevidence-provider", "untoc-eevidence-identifier", "untoc-eevidence-datetime"} <= set(
        found
    )
    assert "Budapest" in found["untoc-eevidence-provider"].article
    preserve = Measure(
        MeasureKind.PRESERVATION, description="Preserve.", details=(MeasureDetail("provider", "X"),)
    )
    assert "untoc-eevidence-preserved-data" in _errors(_untoc(measures=(preserve,)))


def test_an_undated_request_is_reported() -> None:
    assert "untoc-request-date" in _errors(_untoc(request_date=None))


def test_offence_dual_criminality_is_free_text() -> None:
    from liaison.documents.freetext import free_text_fields

    request = _untoc(offences=(Offence(classification="x", dual_criminality="Code pénal, art. 1"),))
    assert ("offences.0.dual_criminality", "Code pénal, art. 1") in free_text_fields(request)


def test_a_hearing_by_video_needs_the_remote_particulars_too() -> None:
    video = Measure(
        MeasureKind.HEARING,
        description="Hear the witness.",
        place="Tangier",
        persons=(2,),
        details=(MeasureDetail("hearing_mode", "video"),),
    )
    found = _issues(_untoc(measures=(video,)))
    assert {"untoc-remote-authority", "untoc-remote-datetime"} <= set(found)
    in_person = dataclasses.replace(video, details=(MeasureDetail("hearing_mode", "in_person"),))
    assert "untoc-remote-authority" not in _issues(_untoc(measures=(in_person,)))
