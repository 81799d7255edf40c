"""Times on the sync screens (who wrote a value when, a device's last contact, the last sync) in the
interface language's own format and this computer's time zone, through babel's CLDR data.

The core hands out UTC: an ISO 8601 string or an aware ``datetime``. Something unreadable is shown
as it came rather than dropped.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date, format_time

from ui.models import interface_locale


def ui_locale() -> Locale:
    return interface_locale() or Locale("en")


def _local(value: dt.datetime | str) -> dt.datetime | None:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone()


def date_time(value: dt.datetime | str | None) -> str:
    """Date and time to the minute ("Dec 4, 2026, 10:05 PM" in English, "4 déc. 2026, 21:05" in French)."""
    if not value:
        return ""
    stamp = _local(value)
    if stamp is None:
        return str(value)
    locale = ui_locale()
    day = format_date(stamp.date(), "medium", locale=locale)
    hour = format_time(stamp.time(), "short", locale=locale)
    pattern = str(locale.datetime_formats.get("medium", "{1} {0}"))  # the locale's own joining
    return pattern.replace("'", "").format(hour, day)


def time_of_day(value: dt.datetime | str | None) -> str:
    """The time only ("10:05 PM"), for "Synced at …"."""
    if not value:
        return ""
    stamp = _local(value)
    return "" if stamp is None else format_time(stamp.time(), "short", locale=ui_locale())
