"""The short advance message an urgent request sends first through a police channel (INTERPOL
I-24/7 through the NCB, or SIENA), built from the same request data as the formal document."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date

from liaison.documents import catalogs, texts
from liaison.domain.mla import MlaRequest


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
        _(texts.ADVANCE_EVIDENCE_USE),
        "",
        _(texts.ADVANCE_ACKNOWLEDGE),
        f"{_(texts.ADVANCE_CONTACT)}: {contact}" if contact else "",
    ]
    return "\n".join(line for i, line in enumerate(lines) if line or (i and lines[i - 1]))
