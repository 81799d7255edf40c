"""Contacts as a table, their local time now, and the filter bar's proxy."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, QTime
from PySide6.QtGui import QColor

from liaison.domain import Channel, Contact, TrustLevel
from ui.i18n import N_, _
from ui.models import RecordFilterProxy, RecordTableModel, label, language_name

LEVELS: dict[str, str] = {"working": N_("working"), "spoken": N_("spoken"), "reads": N_("reads only")}
CHANNEL_KINDS: dict[str, str] = {
    "email": N_("E-mail"),
    "pgp-email": N_("PGP e-mail"),
    "phone": N_("Phone"),
    "mobile": N_("Mobile"),
    "siena": "SIENA",
    "i24-7": "I-24/7",
    "fiu-net": "FIU.net",
    "postal": N_("Post"),
    "fax": N_("Fax"),
    "other": N_("Other"),
}
EMAIL_KINDS = ("email", "pgp-email")
PHONE_KINDS = ("phone", "mobile")
IN_HOURS_COLOR = QColor("#2e7d32")
OVERDUE_COLOR = QColor("#b3261e")
OFF_HOURS_COLOR = QColor("#9e9e9e")

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOURS = re.compile(
    r"\s*(\d{1,2})[:h.](\d{2})\s*[-–]\s*(\d{1,2})[:h.](\d{2})"
    r"(?:\s+([A-Za-z]{3})[a-z]*(?:\s*[-–]\s*([A-Za-z]{3})[a-z]*)?)?"
)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def channel_kind_label(kind: str) -> str:
    text = CHANNEL_KINDS.get(kind)
    return _(text) if text else kind


def level_label(level: str) -> str:
    text = LEVELS.get(level)
    return _(text) if text else level


def languages_text(contact: Contact) -> str:
    parts = [
        skill.code if skill.level == "working" else f"{skill.code} ({level_label(skill.level)})"
        for skill in contact.languages
    ]
    return ", ".join(parts)


def first_channel(contact: Contact, kinds: Iterable[str]) -> Channel | None:
    wanted = tuple(kinds)
    preferred = [c for c in contact.channels if c.kind in wanted and c.kind == contact.preferred_channel]
    others = [c for c in contact.channels if c.kind in wanted]
    found = preferred or others
    return found[0] if found else None


def local_now(contact: Contact, now: dt.datetime) -> dt.datetime | None:
    """``now`` (aware) in the contact's time zone, or None when it has none or an unknown one."""
    if not contact.timezone:
        return None
    try:
        return now.astimezone(zoneinfo.ZoneInfo(contact.timezone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _day(name: str | None) -> int | None:
    return _DAYS.index(name.lower()) if name and name.lower() in _DAYS else None


def within_working_hours(working_hours: str, local: dt.datetime) -> bool | None:
    """Whether ``local`` falls in hours written like "09:00-18:00 Mon-Fri" (None: cannot tell)."""
    match = _HOURS.match(working_hours)
    if match is None:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups()[:4])
    first, last = _day(match.group(5)), _day(match.group(6))
    if match.group(5) and first is None:
        return None
    if first is not None:
        last = first if last is None else last
        span = (last - first) % 7
        if (local.weekday() - first) % 7 > span:
            return False
    start, end, minute = h1 * 60 + m1, h2 * 60 + m2, local.hour * 60 + local.minute
    if start <= end:
        return start <= minute <= end
    return minute >= start or minute <= end  # a night shift across midnight


def local_time_text(local: dt.datetime) -> str:
    locale = QLocale()
    day = locale.dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{day} {locale.toString(QTime(local.hour, local.minute), 'HH:mm')}"


def availability_text(contact: Contact, now: dt.datetime) -> str:
    """ "Tue 14:05, within working hours" for the detail pane and tooltips."""
    local = local_now(contact, now)
    if local is None:
        return (
            _("Time zone unknown")
            if not contact.timezone
            else _("Unknown time zone {tz}").format(tz=contact.timezone)
        )
    state = within_working_hours(contact.working_hours, local)
    time_text = local_time_text(local)
    if state is None:
        return time_text
    if state:
        return _("{time}, within working hours").format(time=time_text)
    return _("{time}, outside working hours").format(time=time_text)


def language_names(contact: Contact) -> str:
    """ "French, English, German (reads only)": names in the interface language, levels when not
    working languages."""
    parts = [
        language_name(s.code) if s.level == "working" else f"{language_name(s.code)} ({level_label(s.level)})"
        for s in contact.languages
    ]
    return ", ".join(parts)


def due_date(contact: Contact) -> tuple[dt.date, str] | None:
    """The earliest of the next follow-up and the review date, and which one it is."""
    candidates = ((contact.next_follow_up, "follow_up"), (contact.review_on, "review"))
    dates = [(day, kind) for day, kind in candidates if day]
    return min(dates) if dates else None


def is_overdue(contact: Contact, today: dt.date) -> bool:
    due = due_date(contact)
    return due is not None and due[0] < today


class ContactsModel(RecordTableModel[Contact]):
    NAME, COUNTRY, AGENCY, ROLE, LANGUAGES, TRUST, HANDLING, LOCAL_TIME, NATIVE, DUE = range(10)
    COLUMNS = (
        N_("Name"),
        N_("Country"),
        N_("Agency"),
        N_("Role"),
        N_("Languages"),
        N_("Trust"),
        N_("Handling"),
        N_("Local time"),
        N_("Native name"),
        N_("Follow-up"),
    )

    def __init__(self, parent: QObject | None = None, clock: Callable[[], dt.datetime] = utc_now) -> None:
        super().__init__(parent)
        self._agency_names: dict[str, str] = {}
        self._clock = clock

    def set_contacts(self, contacts: Iterable[Contact], agency_names: Mapping[str, str]) -> None:
        self._agency_names = dict(agency_names)
        self.set_records(contacts)

    def clear(self) -> None:
        self._agency_names = {}
        super().clear()

    def agency_name(self, contact: Contact) -> str:
        return self._agency_names.get(contact.agency_id or "", "")

    def agency_names(self) -> dict[str, str]:
        return dict(self._agency_names)

    def now(self) -> dt.datetime:
        return self._clock()

    def refresh_local_times(self) -> None:
        """Called every minute: only the local-time column changes."""
        self.refresh_column(self.LOCAL_TIME)

    def cell(self, record: Contact, column: int) -> str:
        if column == self.LOCAL_TIME:
            local = local_now(record, self._clock())
            return local_time_text(local) if local else ""
        values: dict[int, Callable[[Contact], str]] = {
            self.NAME: lambda c: c.full_name,
            self.COUNTRY: lambda c: c.country,
            self.AGENCY: self.agency_name,
            self.ROLE: lambda c: label(c.role),
            self.LANGUAGES: language_names,
            self.NATIVE: lambda c: c.name_native,
            self.DUE: self.due_text,
            self.TRUST: lambda c: label(c.trust_level),
            self.HANDLING: lambda c: c.handling.value,
        }
        return values[column](record)

    def today(self) -> dt.date:
        return self._clock().astimezone().date()

    def due_text(self, contact: Contact) -> str:
        due = due_date(contact)
        if due is None:
            return ""
        day, kind = due
        what = _("follow-up") if kind == "follow_up" else _("review")
        text = f"{day.isoformat()} · {what}"
        return f"{text} ({_('overdue')})" if day < self.today() else text

    def sort_value(self, record: Contact, column: int) -> Any:
        if column == self.DUE:
            due = due_date(record)
            return due[0].isoformat() if due else "9999"
        if column == self.LOCAL_TIME:
            local = local_now(record, self._clock())
            offset = local.utcoffset() if local else None
            return int(offset.total_seconds()) if offset is not None else -(10**6)
        if column == self.TRUST:
            return list(TrustLevel).index(record.trust_level)
        if column == self.HANDLING:
            return list(type(record.handling)).index(record.handling)
        return super().sort_value(record, column)

    def tooltip(self, record: Contact, column: int) -> str | None:
        if column == self.LOCAL_TIME:
            hours = record.working_hours or _("not recorded")
            return _("{zone}: {availability}\nWorking hours: {hours}").format(
                zone=record.timezone or "?",
                availability=availability_text(record, self._clock()),
                hours=hours,
            )
        if column == self.LANGUAGES:
            return languages_text(record) or None
        if column == self.NAME and record.name_native:
            return record.name_native
        return super().tooltip(record, column)

    def extra(self, record: Contact, column: int, role: int) -> Any:
        if column == self.DUE and role == Qt.ItemDataRole.ForegroundRole and is_overdue(record, self.today()):
            return OVERDUE_COLOR
        if column == self.LOCAL_TIME and role == Qt.ItemDataRole.DecorationRole:
            local = local_now(record, self._clock())
            state = within_working_hours(record.working_hours, local) if local else None
            if state is not None:
                return IN_HOURS_COLOR if state else OFF_HOURS_COLOR
        return None


class ContactFilterProxy(RecordFilterProxy):
    """Free text plus country, agency, language and trust level (empty/None: any)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.country = ""
        self.agency_id = ""
        self.language = ""
        self.trust: TrustLevel | None = None
        self.overdue_only = False

    def set_overdue_only(self, on: bool) -> None:
        self.update_filter(lambda: setattr(self, "overdue_only", on))

    def set_country(self, code: str) -> None:
        self.update_filter(lambda: setattr(self, "country", code))

    def set_agency(self, agency_id: str) -> None:
        self.update_filter(lambda: setattr(self, "agency_id", agency_id))

    def set_language(self, code: str) -> None:
        self.update_filter(lambda: setattr(self, "language", code))

    def set_trust(self, trust: TrustLevel | None) -> None:
        self.update_filter(lambda: setattr(self, "trust", trust))

    def reset(self) -> None:
        def change() -> None:
            self._words = ()
            self.country = self.agency_id = self.language = ""
            self.trust = None
            self.overdue_only = False

        self.update_filter(change)

    def haystack(self, record: Contact) -> str:
        model = self.record_model()
        assert isinstance(model, ContactsModel)
        parts = (
            record.full_name,
            record.name_native,
            record.honorific,
            record.unit,
            record.country,
            model.agency_name(record),
            label(record.role),
            " ".join(record.competences),
            " ".join(s.code for s in record.languages),
            language_names(record),
            " ".join(c.value for c in record.channels),
            record.timezone,
        )
        return " ".join(parts)

    def accepts(self, record: Contact) -> bool:
        return (
            (not self.country or record.country == self.country)
            and (not self.agency_id or record.agency_id == self.agency_id)
            and (not self.language or any(s.code == self.language for s in record.languages))
            and (self.trust is None or record.trust_level == self.trust)
            and (not self.overdue_only or self._overdue(record))
        )

    def _overdue(self, record: Contact) -> bool:
        model = self.record_model()
        return isinstance(model, ContactsModel) and is_overdue(record, model.today())
