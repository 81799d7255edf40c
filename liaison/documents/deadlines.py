"""Request lifecycle and the clocks that run once a request leaves: rules as code over dates.

Why code and not data (unlike the field rules): these are a handful of date computations whose inputs are
the request's own history, and the statutory ones (EIO Directive 2014/41/EU arts. 12, 16 and 32) are
fixed by law. What an agency may want to tune (chase intervals, the written-confirmation delay) lives in
:class:`Policy`, passed in by the caller.

Everything is computed from ``request.history`` (``StatusChange`` entries): the first ``sent`` entry starts
the clocks, ``acknowledged`` and the final statuses stop them. Events that are not status changes (the
executing authority's recognition decision, an art. 12(5) extension notice, a chase we sent) are recorded
by :func:`record_event` as an entry with the unchanged status and a note starting ``[decision]``,
``[extension]`` or ``[chase]``, so the timeline stays one list.

Receipt: the EIO clocks run from receipt by the executing authority (art. 12(3)); the issuer only knows
when it sent the order, so the tracker counts from the ``sent`` date. Electronic transmission makes the
two the same day in most cases; for post, record the sent date as the expected receipt date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from liaison.domain.mla import InstrumentKind, MeasureKind, MlaRequest, RequestStatus, StatusChange
from liaison.errors import ValidationError

S = RequestStatus

EIO_ACKNOWLEDGEMENT_DAYS = 7
"""Art. 16(1): acknowledge receipt (Annex B) without delay and in any case within a week."""
EIO_DECISION_DAYS = 30
"""Art. 12(3): decide on recognition or execution no later than 30 days after receipt."""
EIO_DECISION_EXTENSION_DAYS = 30
"""Art. 12(5): the 30-day limit may be extended once, by at most 30 days, with notice and reasons."""
EIO_EXECUTION_DAYS = 90
"""Art. 12(4): carry out the measure no later than 90 days after the recognition decision."""
EIO_PROVISIONAL_DAYS = 1
"""Art. 32(2): decide on provisional measures within 24 hours of receipt wherever practicable."""

EIO_PROVISIONAL_KINDS = frozenset({MeasureKind.PRESERVATION, MeasureKind.FREEZING_CONFISCATION})
"""Measures that prevent destruction or removal of evidence (art. 32), so start the 24-hour clock."""

FINAL_STATUSES = frozenset({S.EXECUTED, S.REFUSED, S.WITHDRAWN})
"""Nothing more is expected: every clock counts as done. ``partially_executed`` stays open."""

_ALLOWED: dict[RequestStatus, frozenset[RequestStatus]] = {
    S.DRAFT: frozenset({S.READY, S.WITHDRAWN}),
    S.READY: frozenset({S.DRAFT, S.SENT, S.WITHDRAWN}),
    # A refusal may arrive without a prior acknowledgement; it answers the request all the same.
    S.SENT: frozenset({S.ACKNOWLEDGED, S.REFUSED, S.WITHDRAWN}),
    S.ACKNOWLEDGED: frozenset({S.EXECUTED, S.PARTIALLY_EXECUTED, S.REFUSED, S.WITHDRAWN}),
    # The rest of a partially executed request may still come.
    S.PARTIALLY_EXECUTED: frozenset({S.EXECUTED, S.WITHDRAWN}),
    S.EXECUTED: frozenset(),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

_ANSWERED = frozenset({S.ACKNOWLEDGED, S.EXECUTED, S.PARTIALLY_EXECUTED, S.REFUSED})
_RESULT = frozenset({S.EXECUTED, S.PARTIALLY_EXECUTED, S.REFUSED})

_REQUESTED_BY_BASIS = {
    "UNTOC-18-15": "UNTOC art. 18(24)",
    "UNCAC-46-15": "UNCAC art. 46(24)",
    "EIO-ANNEX-A": "Directive 2014/41/EU art. 12(2)",
    "MODEL-TREATY-5": "UN Model Treaty art. 5(1)(f)",
    "HARARE-14": "Harare Scheme para. 14(c)",
}
_CONFIRMATION_BASIS = {
    "UNTOC-18-15": "UNTOC art. 18(14) ('confirmed in writing forthwith')",
    "UNCAC-46-15": "UNCAC art. 46(14) ('confirmed in writing forthwith')",
    "COE-1959-14": "ETS 30 art. 15(2), 15(5)",
}


class TrackingEvent(enum.StrEnum):
    DECISION = "decision"  # the executing authority decided to recognise the EIO (art. 12(3))
    EXTENSION = "extension"  # notice that the decision limit is extended (art. 12(5))
    CHASE = "chase"  # we asked for news; restarts the chase interval


@dataclass(frozen=True)
class Policy:
    """Agency defaults for the clocks the law does not fix; pass a changed copy to :func:`deadlines`."""

    confirmation_working_days: int = 3
    """After an urgent advance copy (oral, INTERPOL, SIENA, e-mail), the formal written request is due
    within this many working days (Mon-Fri; public holidays are not known offline). UNTOC 18(14) says
    "forthwith"; three working days is a common liaison-office practice, not a legal limit."""
    acknowledgement_chase_days: int = 30
    """Non-EIO request without acknowledgement: chase this many days after sending (or the last chase)."""
    status_chase_days: int = 60
    """Non-EIO request acknowledged but not executed: ask for news this many days after the last contact."""


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class Deadline:
    key: str  # stable id, e.g. "eio_decision"
    label: str  # English; the UI and CLI translate by key
    due: dt.date
    basis: str  # article or "Liaison default" with the policy value
    overdue: bool
    done: bool


# --- lifecycle ------------------------------------------------------------------------------------------


def allowed_transitions(status: RequestStatus) -> set[RequestStatus]:
    return set(_ALLOWED[RequestStatus(status)])


def transition(
    request: MlaRequest,
    new_status: RequestStatus,
    on: dt.date,
    channel: str = "",
    reference: str = "",
    note: str = "",
) -> MlaRequest:
    """The request with its new status and one more history entry; raises when the move makes no sense."""
    current, new = RequestStatus(request.status), RequestStatus(new_status)
    if new not in _ALLOWED[current]:
        allowed = ", ".join(_label(s) for s in RequestStatus if s in _ALLOWED[current]) or "none, it is final"
        what = f"{_article(current)} {_label(current)} request"
        raise ValidationError(f"{what} cannot be marked {_label(new)} (allowed next: {allowed})")
    if new is S.SENT and not channel.strip():
        raise ValidationError("give the channel the request was sent through (e.g. central_authority)")
    if new is S.ACKNOWLEDGED and not reference.strip():
        raise ValidationError("give the foreign reference from the acknowledgement")
    if new is S.SENT and request.request_date and on < request.request_date:
        raise ValidationError(f"the request cannot be sent ({on}) before its date ({request.request_date})")
    _check_chronology(request, on)
    entry = StatusChange(new, on, channel.strip(), reference.strip(), note.strip())
    if _event_of(entry) is not None:
        raise ValidationError("notes starting with [decision], [extension] or [chase] are for record_event")
    updated = dataclasses.replace(request, status=new, history=(*request.history, entry))
    if new is S.ACKNOWLEDGED:
        updated = dataclasses.replace(updated, foreign_reference=reference.strip())
    if new is S.SENT and not request.transmission_channel:
        updated = dataclasses.replace(updated, transmission_channel=channel.strip())
    return updated


def record_event(request: MlaRequest, event: TrackingEvent, on: dt.date, note: str = "") -> MlaRequest:
    """Log a decision, extension or chase in the history without changing the status."""
    event = TrackingEvent(event)
    if request.status not in (S.SENT, S.ACKNOWLEDGED, S.PARTIALLY_EXECUTED):
        raise ValidationError(f"a {_label(request.status)} request has no running clock to record {event} on")
    _check_chronology(request, on)
    entry = StatusChange(request.status, on, note=f"[{event}] {note.strip()}".strip())
    return dataclasses.replace(request, history=(*request.history, entry))


def _check_chronology(request: MlaRequest, on: dt.date) -> None:
    if request.history and on < request.history[-1].on:
        raise ValidationError(f"{on} is before the last recorded change ({request.history[-1].on})")


def _label(status: RequestStatus) -> str:
    return status.value.replace("_", " ")


def _article(status: RequestStatus) -> str:
    return "an" if _label(status)[0] in "aeiou" else "a"


# --- deadlines ------------------------------------------------------------------------------------------


def deadlines(request: MlaRequest, today: dt.date, policy: Policy = DEFAULT_POLICY) -> list[Deadline]:
    """Every clock that applies to the request, overdue or not, sorted by due date."""
    found: list[Deadline] = []
    closed = request.status in FINAL_STATUSES
    sent = _first(request.history, {S.SENT})
    if request.requested_by is not None:
        basis = _REQUESTED_BY_BASIS.get(request.rule_set, "requested completion date in the request")
        wanted = _make(
            "requested_by", "Requested completion date", request.requested_by, basis, closed, today
        )
        # The partner cannot be late on a request it has not received: an unsent draft is not overdue.
        found.append(wanted if sent is not None else dataclasses.replace(wanted, overdue=False))
    if request.advance_copy_sent_on is not None:
        found.append(_confirmation(request, today, policy, closed))
    if sent is not None:
        if _is_eio(request):
            found.extend(_eio_clocks(request, sent, today, closed))
        else:
            found.extend(_chase_clocks(request, sent, today, policy, closed))
    return sorted(found, key=lambda d: (d.due, d.key))


def overdue(
    requests: Iterable[MlaRequest], today: dt.date, policy: Policy = DEFAULT_POLICY
) -> list[tuple[MlaRequest, Deadline]]:
    """Open deadlines past their date across requests, oldest first: the reminder list."""
    late = [(r, d) for r in requests for d in deadlines(r, today, policy) if d.overdue]
    return sorted(late, key=lambda pair: (pair[1].due, pair[0].id, pair[1].key))


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``days`` Monday-to-Friday days after ``start`` (public holidays are not known offline)."""
    current = start
    while days > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:  # Saturday is 5, Sunday 6
            days -= 1
    return current


def _confirmation(request: MlaRequest, today: dt.date, policy: Policy, closed: bool) -> Deadline:
    assert request.advance_copy_sent_on is not None
    due = add_working_days(request.advance_copy_sent_on, policy.confirmation_working_days)
    article = _CONFIRMATION_BASIS.get(request.rule_set, "formal request after an urgent advance copy")
    basis = f"{article}; Liaison default of {policy.confirmation_working_days} working days"
    done = closed or _first(request.history, {S.SENT}) is not None
    return _make(
        "written_confirmation", "Written confirmation of the urgent advance copy", due, basis, done, today
    )


def _eio_clocks(request: MlaRequest, sent: dt.date, today: dt.date, closed: bool) -> list[Deadline]:
    history = request.history
    answered = closed or _first(history, _ANSWERED) is not None
    result = _first(history, _RESULT)
    decision = _first_event(history, TrackingEvent.DECISION) or result
    extended = _first_event(history, TrackingEvent.EXTENSION) is not None
    decision_due = sent + dt.timedelta(
        days=EIO_DECISION_DAYS + (EIO_DECISION_EXTENSION_DAYS if extended else 0)
    )
    execution_base = decision or decision_due
    clocks = [
        _make(
            "eio_acknowledgement",
            "Acknowledgement of receipt (Annex B)",
            sent + dt.timedelta(days=EIO_ACKNOWLEDGEMENT_DAYS),
            "Directive 2014/41/EU art. 16(1)",
            answered,
            today,
        ),
        _make(
            "eio_decision",
            "Decision on recognition" + (" (extended)" if extended else ""),
            decision_due,
            "Directive 2014/41/EU art. 12(3)" + (", 12(5)" if extended else ""),
            closed or decision is not None,
            today,
        ),
        _make(
            "eio_execution",
            "Execution of the measure" + ("" if decision else " (estimated from the decision deadline)"),
            execution_base + dt.timedelta(days=EIO_EXECUTION_DAYS),
            "Directive 2014/41/EU art. 12(4)",
            closed or result is not None,
            today,
        ),
    ]
    if any(m.kind in EIO_PROVISIONAL_KINDS for m in request.measures):
        clocks.append(
            _make(
                "eio_provisional_measures",
                "Decision on provisional measures (24 hours where practicable)",
                sent + dt.timedelta(days=EIO_PROVISIONAL_DAYS),
                "Directive 2014/41/EU art. 32(2)",
                closed or decision is not None,
                today,
            )
        )
    return clocks


def _chase_clocks(
    request: MlaRequest, sent: dt.date, today: dt.date, policy: Policy, closed: bool
) -> list[Deadline]:
    acknowledged = _first(request.history, _ANSWERED)
    chases = [c.on for c in request.history if _event_of(c) is TrackingEvent.CHASE]
    last_contact = max([sent, *chases] + ([acknowledged] if acknowledged else []))
    ack_basis = f"Liaison default: chase after {policy.acknowledgement_chase_days} days"
    ack_due = max([sent, *chases]) if acknowledged is None else sent
    clocks = [
        _make(
            "acknowledgement_chase",
            "Chase the acknowledgement",
            ack_due + dt.timedelta(days=policy.acknowledgement_chase_days),
            ack_basis,
            closed or acknowledged is not None,
            today,
        )
    ]
    if acknowledged is not None:
        clocks.append(
            _make(
                "status_chase",
                "Ask for news on execution",
                last_contact + dt.timedelta(days=policy.status_chase_days),
                f"Liaison default: every {policy.status_chase_days} days after the last contact",
                closed,
                today,
            )
        )
    return clocks


def _make(key: str, label: str, due: dt.date, basis: str, done: bool, today: dt.date) -> Deadline:
    return Deadline(key, label, due, basis, overdue=not done and today > due, done=done)


def _is_eio(request: MlaRequest) -> bool:
    return request.instrument_kind is InstrumentKind.EIO or request.rule_set == "EIO-ANNEX-A"


def _first(
    history: Iterable[StatusChange], statuses: set[RequestStatus] | frozenset[RequestStatus]
) -> dt.date | None:
    """Date of the first real status change into one of ``statuses`` (event entries are skipped)."""
    dates = [c.on for c in history if c.status in statuses and _event_of(c) is None]
    return min(dates) if dates else None


def _first_event(history: Iterable[StatusChange], event: TrackingEvent) -> dt.date | None:
    dates = [c.on for c in history if _event_of(c) is event]
    return min(dates) if dates else None


def _event_of(change: StatusChange) -> TrackingEvent | None:
    note = change.note
    if not note.startswith("["):
        return None
    tag = note[1 : note.find("]")] if "]" in note else ""
    try:
        return TrackingEvent(tag)
    except ValueError:
        return None
