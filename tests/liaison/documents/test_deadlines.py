"""Lifecycle transitions and deadline clocks, with exact due dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from liaison.documents import deadlines as dl
from liaison.documents.deadlines import Deadline, Policy, TrackingEvent
from liaison.domain.mla import InstrumentKind, Measure, MeasureKind, MlaRequest, RequestStatus
from liaison.errors import ValidationError

S = RequestStatus
D = dt.date


def by_key(items: list[Deadline]) -> dict[str, Deadline]:
    return {d.key: d for d in items}


FRIDAY = D(2024, 3, 1)


def sent_request(on: D = FRIDAY, /, **changes: object) -> MlaRequest:
    """Dated, made ready and sent on ``on`` (Friday 1 March 2024 by default)."""
    request = replace(MlaRequest(id="r1", request_date=on), **changes)  # type: ignore[arg-type]
    request = dl.transition(request, S.READY, on)
    return dl.transition(request, S.SENT, on, channel="direct_judicial")


def eio(**changes: object) -> MlaRequest:
    return sent_request(instrument_kind=InstrumentKind.EIO, rule_set="EIO-ANNEX-A", **changes)


# --- EIO clocks -----------------------------------------------------------------------------------------


def test_eio_sent_and_acknowledged() -> None:
    request = dl.transition(eio(), S.ACKNOWLEDGED, D(2024, 3, 5), reference="StA-Berlin-24/117")
    found = by_key(dl.deadlines(request, D(2024, 3, 10)))
    assert set(found) == {"eio_acknowledgement", "eio_decision", "eio_execution"}
    ack, decision, execution = found["eio_acknowledgement"], found["eio_decision"], found["eio_execution"]
    assert (ack.due, ack.done, ack.overdue, ack.basis) == (
        D(2024, 3, 8),
        True,
        False,
        "Directive 2014/41/EU art. 16(1)",
    )
    assert (decision.due, decision.done, decision.overdue) == (D(2024, 3, 31), False, False)
    assert decision.basis == "Directive 2014/41/EU art. 12(3)"
    assert (execution.due, execution.done) == (
        D(2024, 6, 29),
        False,
    )  # 90 days after the latest decision date
    assert "estimated" in execution.label


def test_eio_acknowledgement_overdue_after_a_week() -> None:
    found = by_key(dl.deadlines(eio(), D(2024, 3, 9)))
    assert found["eio_acknowledgement"].overdue
    assert not by_key(dl.deadlines(eio(), D(2024, 3, 8)))["eio_acknowledgement"].overdue  # due day is on time


def test_eio_decision_recorded_starts_the_90_days() -> None:
    request = dl.transition(eio(), S.ACKNOWLEDGED, D(2024, 3, 5), reference="StA-117")
    request = dl.record_event(request, TrackingEvent.DECISION, D(2024, 3, 20), "recognised")
    found = by_key(dl.deadlines(request, D(2024, 4, 10)))
    assert found["eio_decision"].done and not found["eio_decision"].overdue
    assert found["eio_execution"].due == D(2024, 6, 18)
    assert "estimated" not in found["eio_execution"].label
    assert request.status is S.ACKNOWLEDGED and request.history[-1].note == "[decision] recognised"


def test_eio_decision_extension_adds_30_days() -> None:
    request = dl.transition(eio(), S.ACKNOWLEDGED, D(2024, 3, 5), reference="StA-117")
    request = dl.record_event(request, TrackingEvent.EXTENSION, D(2024, 3, 28))
    decision = by_key(dl.deadlines(request, D(2024, 4, 10)))["eio_decision"]
    assert (decision.due, decision.overdue, decision.basis) == (
        D(2024, 4, 30),
        False,
        "Directive 2014/41/EU art. 12(3), 12(5)",
    )


def test_eio_provisional_measures_24_hours() -> None:
    preservation = (Measure(MeasureKind.PRESERVATION, "Preserve the mailbox"),)
    provisional = by_key(dl.deadlines(eio(measures=preservation), D(2024, 3, 3)))["eio_provisional_measures"]
    assert (provisional.due, provisional.overdue, provisional.basis) == (
        D(2024, 3, 2),
        True,
        "Directive 2014/41/EU art. 32(2)",
    )
    assert "eio_provisional_measures" not in by_key(dl.deadlines(eio(), D(2024, 3, 3)))


def test_executed_eio_has_nothing_open() -> None:
    request = dl.transition(eio(), S.ACKNOWLEDGED, D(2024, 3, 5), reference="StA-117")
    request = dl.transition(request, S.EXECUTED, D(2024, 5, 2))
    assert all(d.done and not d.overdue for d in dl.deadlines(request, D(2025, 1, 1)))


# --- urgent advance copy and requested date -------------------------------------------------------------


def test_written_confirmation_after_an_urgent_advance_copy() -> None:
    draft = MlaRequest(id="u1", urgent=True, advance_copy_via="interpol", advance_copy_sent_on=D(2024, 3, 1))
    confirmation = by_key(dl.deadlines(draft, D(2024, 3, 6)))["written_confirmation"]
    assert confirmation.due == D(2024, 3, 6)  # Friday + 3 working days = Wednesday
    assert (confirmation.done, confirmation.overdue) == (False, False)
    assert "UNTOC art. 18(14)" in confirmation.basis and "3 working days" in confirmation.basis
    assert by_key(dl.deadlines(draft, D(2024, 3, 7)))["written_confirmation"].overdue

    ready = dl.transition(draft, S.READY, D(2024, 3, 4))
    sent = dl.transition(ready, S.SENT, D(2024, 3, 5), channel="central_authority")
    assert by_key(dl.deadlines(sent, D(2024, 3, 7)))["written_confirmation"].done


def test_confirmation_delay_is_an_agency_policy() -> None:
    draft = MlaRequest(advance_copy_via="siena", advance_copy_sent_on=D(2024, 3, 1))
    quick = by_key(dl.deadlines(draft, D(2024, 3, 1), Policy(confirmation_working_days=1)))
    assert quick["written_confirmation"].due == D(2024, 3, 4)  # Friday + 1 working day = Monday


def test_requested_completion_date_from_the_request() -> None:
    request = sent_request(requested_by=D(2024, 4, 15))
    requested = by_key(dl.deadlines(request, D(2024, 4, 16)))["requested_by"]
    assert (requested.due, requested.overdue, requested.basis) == (D(2024, 4, 15), True, "UNTOC art. 18(24)")
    assert not by_key(dl.deadlines(request, D(2024, 4, 15)))["requested_by"].overdue


# --- chase reminders for non-EIO requests ---------------------------------------------------------------


def test_chase_acknowledgement_then_status() -> None:
    request = sent_request(D(2024, 1, 10))
    chase = by_key(dl.deadlines(request, D(2024, 2, 15)))["acknowledgement_chase"]
    assert (chase.due, chase.overdue) == (D(2024, 2, 9), True)

    chased = dl.record_event(request, TrackingEvent.CHASE, D(2024, 2, 12), "e-mail to the central authority")
    assert by_key(dl.deadlines(chased, D(2024, 2, 15)))["acknowledgement_chase"].due == D(2024, 3, 13)

    acknowledged = dl.transition(chased, S.ACKNOWLEDGED, D(2024, 3, 1), reference="OIA 182-12345")
    found = by_key(dl.deadlines(acknowledged, D(2024, 3, 2)))
    assert found["acknowledgement_chase"].done
    assert (found["status_chase"].due, found["status_chase"].overdue) == (D(2024, 4, 30), False)


def test_chase_interval_is_an_agency_policy() -> None:
    found = by_key(
        dl.deadlines(sent_request(D(2024, 1, 10)), D(2024, 1, 20), Policy(acknowledgement_chase_days=14))
    )
    assert found["acknowledgement_chase"].due == D(2024, 1, 24)


def test_overdue_across_requests() -> None:
    late = replace(sent_request(D(2024, 1, 10)), id="late")
    fresh = replace(sent_request(D(2024, 3, 1)), id="fresh")
    draft = MlaRequest(id="draft")
    found = dl.overdue([fresh, draft, late], D(2024, 3, 5))
    assert [(r.id, d.key, d.due) for r, d in found] == [("late", "acknowledgement_chase", D(2024, 2, 9))]


def test_withdrawn_request_closes_every_clock() -> None:
    request = dl.transition(sent_request(D(2024, 1, 10)), S.WITHDRAWN, D(2024, 1, 12), note="case closed")
    assert dl.overdue([request], D(2025, 1, 1)) == []


# --- transitions ----------------------------------------------------------------------------------------


def test_allowed_transitions() -> None:
    assert dl.allowed_transitions(S.DRAFT) == {S.READY, S.WITHDRAWN}
    assert dl.allowed_transitions(S.READY) == {S.DRAFT, S.SENT, S.WITHDRAWN}
    assert dl.allowed_transitions(S.ACKNOWLEDGED) == {
        S.EXECUTED,
        S.PARTIALLY_EXECUTED,
        S.REFUSED,
        S.WITHDRAWN,
    }
    for final in (S.EXECUTED, S.REFUSED, S.WITHDRAWN):
        assert dl.allowed_transitions(final) == set()


def test_invalid_transitions_are_rejected() -> None:
    draft = MlaRequest()
    with pytest.raises(ValidationError, match=r"^a draft request cannot be marked executed"):
        dl.transition(draft, S.EXECUTED, D(2024, 3, 1))
    with pytest.raises(ValidationError, match=r"^an acknowledged request cannot be marked sent"):
        dl.transition(replace(draft, status=S.ACKNOWLEDGED), S.SENT, D(2024, 3, 1), channel="x")
    with pytest.raises(ValidationError, match="allowed next: none, it is final"):
        dl.transition(replace(draft, status=S.EXECUTED), S.WITHDRAWN, D(2024, 3, 1))


def test_sent_needs_a_channel_and_acknowledged_a_foreign_reference() -> None:
    ready = dl.transition(MlaRequest(), S.READY, D(2024, 3, 1))
    with pytest.raises(ValidationError, match="channel"):
        dl.transition(ready, S.SENT, D(2024, 3, 1), channel="  ")
    sent = dl.transition(ready, S.SENT, D(2024, 3, 1), channel="central_authority")
    with pytest.raises(ValidationError, match="foreign reference"):
        dl.transition(sent, S.ACKNOWLEDGED, D(2024, 3, 5))


def test_history_must_stay_in_order() -> None:
    ready = dl.transition(MlaRequest(), S.READY, D(2024, 3, 5))
    with pytest.raises(ValidationError, match="before the last recorded change"):
        dl.transition(ready, S.SENT, D(2024, 3, 4), channel="central_authority")
    with pytest.raises(ValidationError, match="before its date"):
        dl.transition(replace(ready, request_date=D(2024, 3, 10)), S.SENT, D(2024, 3, 6), channel="email")


def test_full_lifecycle_appends_history_and_leaves_the_original_alone() -> None:
    draft = MlaRequest(id="r9")
    ready = dl.transition(draft, S.READY, D(2024, 3, 1), note="checked")
    back = dl.transition(ready, S.DRAFT, D(2024, 3, 1), note="one more annex")
    ready = dl.transition(back, S.READY, D(2024, 3, 2))
    sent = dl.transition(ready, S.SENT, D(2024, 3, 4), channel="central_authority", reference="PNF-117")
    acknowledged = dl.transition(sent, S.ACKNOWLEDGED, D(2024, 3, 8), reference="DOJ-OIA-182-555")
    partly = dl.transition(acknowledged, S.PARTIALLY_EXECUTED, D(2024, 5, 2), note="bank records only")
    done = dl.transition(partly, S.EXECUTED, D(2024, 6, 20))

    assert draft.status is S.DRAFT and draft.history == ()
    assert done.status is S.EXECUTED
    assert [c.status for c in done.history] == [
        S.READY, S.DRAFT, S.READY, S.SENT, S.ACKNOWLEDGED, S.PARTIALLY_EXECUTED, S.EXECUTED,
    ]  # fmt: skip
    assert done.history[3].channel == "central_authority" and done.history[1].note == "one more annex"
    assert done.foreign_reference == "DOJ-OIA-182-555"
    assert done.transmission_channel == "central_authority"


def test_events_only_while_a_clock_runs() -> None:
    with pytest.raises(ValidationError, match="no running clock"):
        dl.record_event(MlaRequest(), TrackingEvent.CHASE, D(2024, 3, 1))


def test_event_tags_are_reserved_for_record_event() -> None:
    with pytest.raises(ValidationError, match="record_event"):
        dl.transition(MlaRequest(), S.READY, D(2024, 3, 1), note="[chase] not a chase")
