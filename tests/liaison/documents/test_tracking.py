"""Tracking fixes: unsent drafts are not overdue, a sending date cannot precede the document sent or lie
in the future, the advance message lists what to preserve and is refused once the request is answered,
and deadlines export to iCalendar."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar

from liaison.crypto.kdf import KdfProfile
from liaison.documents import deadlines
from liaison.documents.calendar_export import to_ics
from liaison.domain.mla import RequestStatus
from liaison.errors import ValidationError
from liaison.services import demo, demo_requests, mla, mla_export
from liaison.store.vault import Vault, create_vault

EIO = "EIO-NL-2026/0042"
UNTOC = "MLA-NL-2026/0117"


@pytest.fixture
def demo_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Vault]:
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(tmp_path / "translation"))
    vault, _code = create_vault(tmp_path / "demo.db", "demo passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    demo.populate(vault)
    yield vault
    vault.close()


def test_an_unsent_draft_is_not_overdue() -> None:
    draft = demo_requests.eio_to_france("c", None, None)  # requested by 31 March 2026, never sent
    found = {d.key: d for d in deadlines.deadlines(draft, dt.date(2026, 9, 1))}
    assert not found["requested_by"].overdue
    assert deadlines.overdue([draft], dt.date(2026, 9, 1)) == []
    sent = deadlines.transition(
        deadlines.transition(draft, RequestStatus.READY, dt.date(2026, 2, 10)),
        RequestStatus.SENT,
        dt.date(2026, 2, 11),
        channel="e-EDES",
    )
    assert {d.key for _r, d in deadlines.overdue([sent], dt.date(2026, 9, 1))} >= {"requested_by"}


def test_sending_date_cannot_precede_the_export_or_lie_ahead(demo_vault: Vault, tmp_path: Path) -> None:
    mla_export.export_pdf(demo_vault, UNTOC, "en", tmp_path / "untoc.pdf")  # exported today
    mla_export.set_status(demo_vault, UNTOC, RequestStatus.READY, dt.date.today())
    with pytest.raises(ValidationError, match="first final PDF was exported"):
        mla_export.set_status(demo_vault, UNTOC, RequestStatus.SENT, dt.date(2026, 2, 13), channel="post")
    with pytest.raises(ValidationError, match="in the future"):
        tomorrow = dt.date.today() + dt.timedelta(days=1)
        mla_export.set_status(demo_vault, UNTOC, RequestStatus.SENT, tomorrow, channel="post")
    sent = mla_export.set_status(demo_vault, UNTOC, RequestStatus.SENT, dt.date.today(), channel="post")
    assert sent.status is RequestStatus.SENT


def test_advance_message_lists_what_to_preserve(demo_vault: Vault, tmp_path: Path) -> None:
    text, _due = mla_export.advance(
        demo_vault, EIO, "SIENA", "en", "e-EDES", dt.date(2026, 2, 6), tmp_path / "advance.txt"
    )
    below = text[text.index("described below") :]
    assert "Banque Exemple SA, Paris" in below and "FR76 0000 0000 0000 0000 0000 000" in below
    assert "1 January 2025 to 31 January 2026" in below


def test_no_advance_message_once_the_request_is_answered(demo_vault: Vault, tmp_path: Path) -> None:
    request = mla.requests.get(demo_vault, EIO)
    answered = dataclasses.replace(request, status=RequestStatus.ACKNOWLEDGED)
    mla.requests.edit(demo_vault, EIO, {"status": answered.status})
    with pytest.raises(ValidationError, match="already acknowledged"):
        mla_export.advance(demo_vault, EIO, "SIENA", "en", "e-EDES", dt.date(2026, 2, 6), tmp_path / "a.txt")


def test_deadlines_as_icalendar() -> None:
    request = demo_requests.eio_to_france("c", None, None)
    request = dataclasses.replace(request, id="0f" * 16)
    sent = deadlines.transition(
        deadlines.transition(request, RequestStatus.READY, dt.date(2026, 2, 10)),
        RequestStatus.SENT,
        dt.date(2026, 2, 11),
        channel="e-EDES",
    )
    items = [(sent, d) for d in deadlines.deadlines(sent, dt.date(2026, 2, 12))]
    calendar = Calendar.from_ical(to_ics(items, now=dt.datetime(2026, 2, 12, tzinfo=dt.UTC)))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == sum(1 for _r, d in items if not d.done) >= 3
    by_uid = {str(e["uid"]): e for e in events}
    ack = by_uid[f"{sent.id}-eio_acknowledgement@liaison"]
    assert ack.decoded("dtstart") == dt.date(2026, 2, 18)
    assert "EIO-NL-2026/0042" in str(ack["summary"]) and "16(1)" in str(ack["description"])
    assert list(ack.walk("VALARM"))
    assert "Van Dalen" not in to_ics(items).decode()  # no personal data leaves in a calendar
