"""Translation memory entries and glossary terms: the agency's approved language resources."""

from __future__ import annotations

from dataclasses import dataclass

from liaison.domain.base import Record


@dataclass(frozen=True, kw_only=True)
class TmEntry(Record):
    """An approved translation of one segment (usually a sentence). ``source`` is stored with
    whitespace normalised, so an exact lookup is an indexed equality."""

    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: str = ""
    approved_by: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class GlossaryTerm(Record):
    """A term with its approved translation for one language pair, and the alternatives a
    translator must not use (e.g. "commission rogatoire" must not become "rogatory commission")."""

    source_lang: str
    target_lang: str
    term: str
    translation: str
    note: str = ""
    forbidden: tuple[str, ...] = ()
    subject: str = ""
