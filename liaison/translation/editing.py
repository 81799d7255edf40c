"""Taking a fuzzy memory match and editing it, as in a CAT tool: the officer starts from the stored
translation of a similar sentence, corrects what differs, and the corrected sentence replaces the
machine's in the result (and can be approved into the memory like a reviewed machine sentence).

The same fidelity check as for machine output runs on the edited sentence: an identifier of the
source missing from it, or a number the source does not have, is reported and blocks approval.
"""

from __future__ import annotations

import dataclasses

from liaison.translation import fidelity
from liaison.translation.engine import Segment, TranslationResult
from liaison.translation.memory import FuzzyMatch, match_key, normalize_segment, substitute

EDITED = "edited"  # the origin of a sentence the officer wrote or corrected


def prefill(match: FuzzyMatch, segment: str, language: str) -> str:
    """The match's stored translation with this sentence's identifiers put in where they can be
    placed safely (one for one, in order), else as stored: the officer edits from there."""
    tokens = match_key(segment, language).tokens
    return substitute(match.source, match.target, tokens, language) or match.target


def edited_segment(segment: Segment, target: str, language: str) -> Segment:
    """``segment`` with the officer's translation, checked like machine output."""
    text = normalize_segment(target)
    tokens = match_key(segment.source, language).tokens
    return dataclasses.replace(
        segment,
        target=text,
        origin=EDITED,
        confidence=None,
        alternatives=(),
        lost=fidelity.lost_tokens(text, tokens),
        invented=fidelity.invented_numbers(segment.source, text),
        truncated=False,
        enforced=(),
    )


def replace_segment(
    result: TranslationResult, index: int, target: str, span: tuple[int, int] | None
) -> TranslationResult:
    """``result`` with sentence ``index`` translated as ``target``. ``span`` is where the old
    translation sits in ``result.text`` (the window knows it); without one the text is rebuilt
    from the sentences, one per line."""
    segments = list(result.segments)
    segments[index] = edited_segment(segments[index], target, result.source_lang)
    new = segments[index].target
    if span is not None:
        text = result.text[: span[0]] + new + result.text[span[1] :]
    else:
        text = "\n".join(s.target for s in segments)
    lost = tuple(t for s in segments for t in s.lost)
    invented = tuple(n for s in segments for n in s.invented)
    return dataclasses.replace(result, text=text, segments=tuple(segments), lost=lost, invented=invented)
