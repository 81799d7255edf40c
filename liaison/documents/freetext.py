"""Which fields of a request are free text (translated at export), addressed by path."""

from __future__ import annotations

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


def free_text_fields(request: MlaRequest) -> list[tuple[str, str]]:
    """(path, text) for every non-empty free-text field, in document order."""
    found = [(name, getattr(request, name)) for name in _TOP_LEVEL]
    for who in ("requesting_authority", "investigating_authority"):
        found.append((f"{who}.functions", getattr(request, who).functions))
    for i, offence in enumerate(request.offences):
        found.append((f"offences.{i}.provisions", offence.provisions))
        found.append((f"offences.{i}.dual_criminality", offence.dual_criminality))
    for i, measure in enumerate(request.measures):
        found.append((f"measures.{i}.description", measure.description))
        found.append((f"measures.{i}.purpose", measure.purpose))
    for i, question in enumerate(request.questions):
        found.append((f"questions.{i}", question))
    return [(path, text) for path, text in found if text.strip()]


def translation_of(request: MlaRequest, path: str, lang: str, source: str) -> FieldTranslation | None:
    """The stored translation of a field, if it was made from the field's current text."""
    for item in request.translations:
        if item.field == path and item.lang == lang and item.source == source:
            return item
    return None
