"""Which fields of a request are free text (translated at export), addressed by path.

Free text is whatever the officer writes as prose: it is machine-translated at export and marked
until a translator certifies it. Names, numbers, dates, codes and addresses are data and print as
typed. A prose field left out of this list would print in the drafting language, unmarked, inside
a document in the partner's language (an offence's legal classification, a bank measure's period,
an annex title did), and a certification would not cover it.
"""

from __future__ import annotations

from liaison.documents.texts import DetailKey
from liaison.domain.mla import FieldTranslation, MlaRequest

_TOP_LEVEL = (
    "facts",
    "purpose",
    "urgency_detail",
    "confidentiality_reasons",
    "procedures_detail",
    "parallel_requests",
    "remedies_sought",
)

# Particulars of a measure that are prose; the others are names, identifiers, dates or amounts.
PROSE_DETAILS = frozenset(
    {
        DetailKey.PERIOD,
        DetailKey.RECORD_TYPES,
        DetailKey.DOCUMENTS,
        DetailKey.DATA,
        DetailKey.RIGHTS,
        DetailKey.PROOF_OF_SERVICE,
        DetailKey.ITEMS,
        DetailKey.GROUNDS,
        DetailKey.ASSETS,
        DetailKey.ORDER,
        DetailKey.CONSENT,
        DetailKey.DURATION,
        DetailKey.TECHNICAL_DETAILS,
        DetailKey.BANK_IN_REQUESTED_STATE,
        DetailKey.REMOTE_REASONS,
        DetailKey.HEARING_CONSENT,
        DetailKey.ROUTE,
        DetailKey.PROCEEDS_GROUNDS,
        DetailKey.REGISTERS,
        DetailKey.MEASURES_IF_FOUND,
    }
)


def detail_path(index: int, key: str) -> str:
    """The path of a measure's particular, e.g. ``measures.0.details.period``."""
    return f"measures.{index}.details.{key}"


def free_text_fields(request: MlaRequest) -> list[tuple[str, str]]:
    """(path, text) for every non-empty free-text field, in document order."""
    found = [(name, getattr(request, name)) for name in _TOP_LEVEL]
    for who in ("requesting_authority", "investigating_authority"):
        found.append((f"{who}.functions", getattr(request, who).functions))
    for i, offence in enumerate(request.offences):
        found.append((f"offences.{i}.classification", offence.classification))
        found.append((f"offences.{i}.provisions", offence.provisions))
        found.append((f"offences.{i}.dual_criminality", offence.dual_criminality))
    for i, measure in enumerate(request.measures):
        found.append((f"measures.{i}.description", measure.description))
        found.append((f"measures.{i}.purpose", measure.purpose))
        found += [(detail_path(i, d.key), d.value) for d in measure.details if d.key in PROSE_DETAILS]
    for i, question in enumerate(request.questions):
        found.append((f"questions.{i}", question))
    found += [(f"earlier_requests.{i}.note", e.note) for i, e in enumerate(request.earlier_requests)]
    found += [(f"annexes.{i}.title", a.title) for i, a in enumerate(request.annexes)]
    return [(path, text) for path, text in found if text.strip()]


def translation_of(request: MlaRequest, path: str, lang: str, source: str) -> FieldTranslation | None:
    """The stored translation of a field, if it was made from the field's current text."""
    for item in request.translations:
        if item.field == path and item.lang == lang and item.source == source:
            return item
    return None
