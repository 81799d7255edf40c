"""Deadlines as an iCalendar file (RFC 5545), so they land in the officer's calendar.

Why all-day events with a stable UID: a deadline is a date, not a time (the law counts days), and
re-exporting after a status change must update the same event in the calendar rather than add a
duplicate; the UID is the request id with the deadline key. Each event carries a reminder the day
before. Only references, labels and legal bases are written: no names or facts, since a calendar
leaves the vault (and often syncs to a phone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event

from liaison.documents.deadlines import Deadline
from liaison.domain.mla import MlaRequest

PRODID = "-//Liaison//MLA deadlines//EN"


def to_ics(items: Iterable[tuple[MlaRequest, Deadline]], *, now: dt.datetime | None = None) -> bytes:
    """The calendar of ``items`` (request, deadline); done deadlines are left out."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Liaison MLA deadlines")
    for request, deadline in items:
        if deadline.done:
            continue
        reference = request.our_reference or request.id[:8]
        event = Event()
        event.add("uid", f"{request.id}-{deadline.key}@liaison")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))
        event.add("summary", f"{reference}: {deadline.label}" + (" (OVERDUE)" if deadline.overdue else ""))
        event.add("description", f"{deadline.label}\nBasis: {deadline.basis}\nRequest: {reference}")
        event.add("categories", ["MLA"])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{reference}: {deadline.label}")
        alarm.add("trigger", dt.timedelta(days=-1))
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
