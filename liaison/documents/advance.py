"""The short advance message an urgent request sends first through a police channel (INTERPOL
I-24/7 through the NCB, or SIENA), built from the same request data as the formal document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel import Locale
from babel.dates import format_date

from liaison.documents import catalogs, texts
from liaison.domain.mla import MlaRequest

# The particulars that identify what is to be preserved or secured (accounts, data, items, people).
_PRESERVE = (
    texts.DetailKey.BANK,
    texts.DetailKey.ACCOUNT,
    texts.DetailKey.PERIOD,
    texts.DetailKey.PROVIDER,
    texts.DetailKey.IDENTIFIER,
    texts.DetailKey.DATETIME,
    texts.DetailKey.DATA,
    texts.DetailKey.PREMISES,
    texts.DetailKey.ITEMS,
    texts.DetailKey.ASSETS,
    texts.DetailKey.TARGET,
)


def _particulars(request: MlaRequest, _: Callable[[str], str]) -> list[str]:
    """One line per item to preserve: the measure, then its account, bank, identifier... (the message
    says "described below", so they must be there)."""
    lines = []
    for n, measure in enumerate(request.measures, start=1):
        found = [
            f"   {_(texts.DETAIL_LABELS[texts.DetailKey(d.key)])}: {d.value}"
            for d in measure.details
            if d.key in _PRESERVE and d.value.strip()
        ]
        if measure.place:
            found.append(f"   {_(texts.MEASURE_LABELS['place'])}: {measure.place}")
        if found:
            lines += [f"{n}. {_(texts.MEASURE_KIND_LABELS[measure.kind])}", *found]
    return lines


def advance_message(
    request: MlaRequest, lang: str, channel: str, formal_channel: str, formal_by: dt.date
) -> str:
    _ = catalogs.gettext_for(lang)
    locale = Locale.parse(lang)

    def t(msgid: str, **values: object) -> str:
        return catalogs.translate(lang, msgid, **values)

    reasons = ", ".join(_(texts.URGENCY_REASON_LABELS[r]) for r in request.urgency_reasons)
    measures = "; ".join(_(texts.MEASURE_KIND_LABELS[m.kind]) for m in request.measures)
    officer = request.contact_officer
    contact = ", ".join(x for x in (officer.name, officer.phone, officer.email) if x)
    lines = [
        f"{_(texts.URGENT_MARKER)} — {_(texts.ADVANCE_TITLE)}",
        t(texts.ADVANCE_SENT_VIA, channel=channel),
        "",
        f"{_(texts.ADVANCE_FROM)}: {request.requesting_authority.name}",
        f"{_(texts.ADVANCE_TO)}: {locale.territories.get(request.requested_state, request.requested_state)}",
        f"{_(texts.ADVANCE_CASE_REFERENCE)}: {request.our_reference}",
        "",
        _(texts.ADVANCE_INTRO),
        t(
            texts.ADVANCE_FORMAL_TO_FOLLOW,
            channel=formal_channel,
            date=format_date(formal_by, "long", locale=locale),
        ),
        "",
        f"{_(texts.ADVANCE_REASON)}: {reasons}" if reasons else "",
        f"{_(texts.ADVANCE_MEASURES)}: {measures}" if measures else "",
        _(texts.ADVANCE_PRESERVATION),
        *_particulars(request, _),
        _(texts.ADVANCE_EVIDENCE_USE),
        "",
        _(texts.ADVANCE_ACKNOWLEDGE),
        f"{_(texts.ADVANCE_CONTACT)}: {contact}" if contact else "",
    ]
    return "\n".join(line for i, line in enumerate(lines) if line or (i and lines[i - 1]))
