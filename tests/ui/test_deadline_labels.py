"""Every deadline label the core computes is in the interface catalogs (shown through ``_()``)."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison.documents import deadlines
from liaison.documents.deadlines import TrackingEvent
from liaison.domain.mla import InstrumentKind, Measure, MeasureKind, MlaRequest, RequestStatus
from ui import i18n
from ui.models.requests_model import CORE_DEADLINE_LABELS

D = dt.date


def _labels() -> set[str]:
    eio = MlaRequest(
        rule_set="EIO-ANNEX-A",
        instrument_kind=InstrumentKind.EIO,
        request_date=D(2026, 1, 5),
        requested_by=D(2026, 6, 1),
        urgent=True,
        advance_copy_via="SIENA",
        advance_copy_sent_on=D(2026, 1, 2),
        measures=(Measure(MeasureKind.PRESERVATION),),
    )
    sent = deadlines.transition(
        deadlines.transition(eio, RequestStatus.READY, D(2026, 1, 5)),
        RequestStatus.SENT,
        D(2026, 1, 6),
        channel="e-EDES",
    )
    extended = deadlines.record_event(sent, TrackingEvent.EXTENSION, D(2026, 2, 1))
    decided = deadlines.record_event(extended, TrackingEvent.DECISION, D(2026, 2, 20))
    letter = MlaRequest(rule_set="UNTOC-18-15", request_date=D(2026, 1, 5))
    letter_sent = deadlines.transition(
        deadlines.transition(letter, RequestStatus.READY, D(2026, 1, 5)),
        RequestStatus.SENT,
        D(2026, 1, 6),
        channel="central authority",
    )
    acknowledged = deadlines.transition(
        letter_sent, RequestStatus.ACKNOWLEDGED, D(2026, 2, 1), reference="X-1"
    )
    found: set[str] = set()
    for request in (eio, sent, extended, decided, letter_sent, acknowledged):
        found |= {d.label for d in deadlines.deadlines(request, D(2026, 12, 1))}
    return found


def test_every_core_deadline_label_is_listed_for_translation() -> None:
    produced = _labels()
    assert len(produced) >= 8
    assert produced <= set(CORE_DEADLINE_LABELS)


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_deadline_labels_are_translated(lang: str) -> None:
    i18n.set_language(lang)
    try:
        assert all(i18n._(label) != label for label in CORE_DEADLINE_LABELS)
    finally:
        i18n.set_language("en")
