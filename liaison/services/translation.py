"""Translation with the vault's memory and glossary: translate, approve, and manage both.

The vault implements the engine's ``LanguageResources``; approved segments and glossary terms are
ordinary records, so they are audited and recorded in the op log for sync like everything else.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from liaison.domain import GlossaryTerm, TmEntry
from liaison.errors import N_, ValidationError
from liaison.services import validation as check
from liaison.services.records import RecordService
from liaison.store import audit, records, tm_keys
from liaison.store.vault import Vault
from liaison.translation import memory
from liaison.translation.editing import EDITED
from liaison.translation.engine import Engine, TranslationResult
from liaison.translation.glossary import fold
from liaison.translation.memory import FuzzyMatch, normalize_segment

if TYPE_CHECKING:  # the index needs numpy: it loads with the first memory index, not with every command
    from liaison.translation.tm_index import Entry, MemoryIndex

R = TypeVar("R", TmEntry, GlossaryTerm)


_PLACEHOLDER = re.compile(r"⟦\s*\d+\s*⟧")


def _validate_tm(vault: Vault, entry: TmEntry) -> None:
    """The memory holds real text only: a ``⟦n⟧`` placeholder is an engine artefact, and one stored
    would come back in every later translation of the sentence (and in every TMX export)."""
    check.language(N_("source language"), entry.source_lang, optional=False)
    check.language(N_("target language"), entry.target_lang, optional=False)
    check.require_text(N_("source segment"), entry.source)
    check.require_text(N_("target segment"), entry.target)
    if entry.source_lang == entry.target_lang:
        raise ValidationError("source and target language must differ")
    for side, text in (("source", entry.source), ("target", entry.target)):
        if _PLACEHOLDER.search(text):
            raise ValidationError(
                f"the {side} segment holds a translation placeholder (⟦n⟧): store real text"
            )


def _validate_term(vault: Vault, term: GlossaryTerm) -> None:
    check.language(N_("source language"), term.source_lang, optional=False)
    check.language(N_("target language"), term.target_lang, optional=False)
    check.require_text(N_("term"), term.term)
    check.require_text(N_("translation"), term.translation)
    if any(alt.strip().lower() == term.translation.strip().lower() for alt in term.forbidden):
        raise ValidationError(f"the approved translation of {term.term!r} cannot also be forbidden")


memory_entries = RecordService(TmEntry, _validate_tm, None, "source_lang, target_lang, source")
glossary_terms = RecordService(GlossaryTerm, _validate_term, None, "source_lang, target_lang, term")


class _PairIndex:
    def __init__(self) -> None:
        from liaison.translation.tm_index import MemoryIndex  # noqa: PLC0415  (see the imports)

        self.index = MemoryIndex()
        self.latest = ""
        self.seen: dict[str, str] = {}  # entry id -> updated_at read
        self.made: list[tuple[str, str, str]] = []  # match forms computed, not stored yet

    def read(self, conn: Any, pair: tuple[str, str], since: str) -> None:
        """Index the pair's entries changed since ``since``, from their stored match forms; those
        missing (new entries, or recognisers changed) are computed into ``made``, to be stored."""
        from liaison.translation.tm_index import Entry  # noqa: PLC0415  (see the imports)

        version = memory.MATCH_FORM_VERSION
        seen, made = self.seen, self.made

        def entries() -> Iterator[Entry]:
            for record_id, updated_at, source, target, stored in tm_keys.rows(conn, *pair, since, version):
                self.latest = max(self.latest, updated_at)
                if seen.get(record_id) == updated_at:
                    continue
                seen[record_id] = updated_at
                key = stored or memory.match_key(source, pair[0]).key
                if stored is None:
                    made.append((record_id, updated_at, key))
                yield Entry(key, normalize_segment(source), target)

        self.index.extend(entries())

    def store_keys(self, vault: Vault) -> None:
        made, self.made = self.made, []
        tm_keys.remember(vault, made, memory.MATCH_FORM_VERSION)


class VaultResources:
    """The vault's memory and glossary as the engine sees them: an index per language pair
    (``MemoryIndex``, keyed by match form), kept in step with the vault. When the connection has
    written anything (``total_changes`` moves), the pair's row count and latest update are compared
    and only newer rows are read; a count that still differs (a deletion) rebuilds the pair.
    The app builds the indexes ahead, off the store thread (``memory_prebuilder``/``adopt``)."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._indexes: dict[tuple[str, str], _PairIndex] = {}
        self._changes = -1

    def index(self, source_lang: str, target_lang: str) -> MemoryIndex:
        key = (source_lang, target_lang)
        changes = self.vault.conn.total_changes
        cached = self._indexes.get(key)
        if cached is not None and changes == self._changes:
            return cached.index
        count, latest = self.vault.conn.execute(
            "SELECT count(*), coalesce(max(updated_at), '') FROM tm_entries "
            "WHERE source_lang = ? AND target_lang = ?",
            key,
        ).fetchone()
        pair = cached or _PairIndex()
        if str(latest) != pair.latest or len(pair.seen) != count:
            pair.read(self.vault.conn, key, since=pair.latest)
            if len(pair.seen) != count:  # an entry was deleted: start again
                pair = _PairIndex()
                pair.read(self.vault.conn, key, since="")
        pair.latest = str(latest)
        pair.store_keys(self.vault)
        self._indexes[key] = pair
        self._changes = self.vault.conn.total_changes
        return pair.index

    def adopt(self, built: dict[tuple[str, str], _PairIndex]) -> int:
        """Take indexes built on another thread (pairs not indexed here meanwhile); they are
        brought up to date with later changes at their next use. Returns the entries adopted."""
        count = 0
        for key, pair in built.items():
            if key not in self._indexes:
                self._indexes[key] = pair
                count += len(pair.index)
            pair.store_keys(self.vault)
        self._changes = -1
        return count

    def exact(self, source_lang: str, target_lang: str, segment: str) -> str | None:
        return memory.lookup_exact(self.index(source_lang, target_lang), segment, source_lang)

    def fuzzy(
        self, source_lang: str, target_lang: str, segment: str, threshold: float, limit: int
    ) -> list[FuzzyMatch]:
        index = self.index(source_lang, target_lang)
        return memory.lookup_fuzzy(index, segment, source_lang, threshold, limit)

    def glossary(self, source_lang: str, target_lang: str) -> Sequence[GlossaryTerm]:
        return records.find(
            self.vault, GlossaryTerm, "source_lang = ? AND target_lang = ?", (source_lang, target_lang)
        )


_resources: weakref.WeakKeyDictionary[Vault, VaultResources] = weakref.WeakKeyDictionary()

PrebuiltMemory = dict[tuple[str, str], _PairIndex]


def memory_prebuilder(vault: Vault) -> Callable[[], PrebuiltMemory]:
    """A function, for a worker thread, that builds the fuzzy index of every language pair of the
    memory on a read-only connection of its own, so that the first translation after unlocking
    does not wait for it; hand its result to ``adopt_memory`` on the store thread."""
    open_reader = vault.reader()

    def build() -> PrebuiltMemory:
        conn = open_reader()
        try:
            pairs = conn.execute("SELECT DISTINCT source_lang, target_lang FROM tm_entries").fetchall()
            built: PrebuiltMemory = {}
            for source_lang, target_lang in pairs:
                pair = built[(str(source_lang), str(target_lang))] = _PairIndex()
                pair.read(conn, (str(source_lang), str(target_lang)), since="")
            return built
        finally:
            conn.close()

    return build


def adopt_memory(vault: Vault, built: PrebuiltMemory) -> int:
    """Store thread: use the indexes ``memory_prebuilder`` made (and store the match forms it
    computed). Returns the number of entries indexed."""
    return resources_for(vault).adopt(built)


def resources_for(vault: Vault) -> VaultResources:
    """One resources object per open vault, so its fuzzy cache outlives a single call."""
    found = _resources.get(vault)
    if found is None:
        found = _resources[vault] = VaultResources(vault)
    return found


def translate(vault: Vault, engine: Engine, text: str, source: str, target: str) -> TranslationResult:
    """Translate with this vault's memory and glossary (the engine itself stays vault-free, so
    one engine and its loaded models serve every caller)."""
    check.language(N_("source language"), source, optional=False)
    check.language(N_("target language"), target, optional=False)
    return engine.translate(text, source, target, resources=resources_for(vault))


def approve(
    vault: Vault,
    source_lang: str,
    target_lang: str,
    source: str,
    target: str,
    approved_by: str = "",
    origin: str = "approved",
) -> TmEntry:
    """Store (or replace) the approved translation of one segment."""
    normalized = normalize_segment(source)
    existing = records.find(
        vault,
        TmEntry,
        "source_lang = ? AND target_lang = ? AND source = ?",
        (source_lang, target_lang, normalized),
    )
    if existing:
        return memory_entries.edit(
            vault, existing[0].id, {"target": target.strip(), "approved_by": approved_by}
        )
    entry = TmEntry(
        source_lang=source_lang,
        target_lang=target_lang,
        source=normalized,
        target=target.strip(),
        origin=origin,
        approved_by=approved_by,
    )
    return memory_entries.add(vault, entry)


def approve_result(vault: Vault, result: TranslationResult, approved_by: str = "") -> int:
    """Approve every machine-translated (or officer-edited) segment of a reviewed result; returns
    how many.

    Refused while the result lost an identifier, invented a number or was cut: the memory would
    hand that mistake back as an approved translation every time the sentence comes again."""
    unfaithful(result)
    count = 0
    with vault.transaction():
        for seg in result.segments:
            if seg.origin in ("machine", EDITED) and seg.target.strip():
                approve(vault, result.source_lang, result.target_lang, seg.source, seg.target, approved_by)
                count += 1
    return count


class UnfaithfulTranslation(ValidationError):
    """The translation is not what its source says (identifiers lost, numbers invented, text cut)."""


def unfaithful(result: TranslationResult) -> None:
    """Raise ``UnfaithfulTranslation`` naming what is wrong, if anything is."""
    problems = []
    if result.lost:
        problems.append(f"identifiers lost: {', '.join(result.lost)}")
    if result.invented:
        problems.append(f"numbers not in the source: {', '.join(result.invented)}")
    if result.truncated:
        problems.append("the model stopped before the end of a sentence")
    if problems:
        raise UnfaithfulTranslation(f"not approved ({'; '.join(problems)}): correct the translation first")


def list_memory(
    vault: Vault, source_lang: str | None = None, target_lang: str | None = None
) -> list[TmEntry]:
    return _by_pair(memory_entries, vault, source_lang, target_lang)


def list_glossary(
    vault: Vault, source_lang: str | None = None, target_lang: str | None = None
) -> list[GlossaryTerm]:
    return _by_pair(glossary_terms, vault, source_lang, target_lang)


def _by_pair(
    service: RecordService[R], vault: Vault, source_lang: str | None, target_lang: str | None
) -> list[R]:
    clauses, params = [], []
    for column, value in (("source_lang", source_lang), ("target_lang", target_lang)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    return service.list(vault, " AND ".join(clauses), tuple(params))


def import_memory(
    vault: Vault, path: Path, source_lang: str | None = None, target_lang: str | None = None
) -> int:
    from liaison.translation import exchange  # noqa: PLC0415  (translate-toolkit loads on demand)

    entries = exchange.read_tmx(path, source_lang, target_lang)
    with vault.transaction():
        for entry in entries:
            approve(
                vault,
                entry.source_lang,
                entry.target_lang,
                entry.source,
                entry.target,
                origin=entry.origin or f"import:{path.name}",
            )
        audit.append(vault, "import", "tm_entry", detail={"file": path.name, "entries": len(entries)})
    return len(entries)


def export_memory(vault: Vault, path: Path, source_lang: str, target_lang: str) -> int:
    from liaison.translation import exchange  # noqa: PLC0415

    entries = list_memory(vault, source_lang, target_lang)
    exchange.write_tmx(entries, path, source_lang, target_lang)
    audit.append(vault, "export", "tm_entry", detail={"file": path.name, "entries": len(entries)})
    return len(entries)


@dataclass(frozen=True)
class GlossaryImport:
    added: int
    updated: int
    unchanged: int


def _term_key(term: GlossaryTerm) -> tuple[str, str, str]:
    return (term.source_lang, term.target_lang, " ".join(fold(term.term).casefold().split()))


def import_glossary(vault: Vault, path: Path, source_lang: str, target_lang: str) -> GlossaryImport:
    """Import a TBX or CSV glossary. Idempotent: a term already in the glossary (same pair, same
    term up to case, spacing and typographic punctuation) is updated, never duplicated, and left
    alone when nothing changed, so importing the same file twice changes nothing."""
    from liaison.translation import exchange  # noqa: PLC0415

    reader = exchange.read_glossary_csv if path.suffix.lower() == ".csv" else exchange.read_tbx
    terms = reader(path, source_lang, target_lang)
    existing = {_term_key(t): t for t in list_glossary(vault, source_lang, target_lang)}
    added = updated = unchanged = 0
    with vault.transaction():
        for term in terms:
            old = existing.get(_term_key(term))
            if old is None:
                existing[_term_key(term)] = glossary_terms.add(vault, term)
                added += 1
                continue
            changes = {
                name: getattr(term, name)
                for name in ("translation", "note", "forbidden", "subject")
                if getattr(term, name) != getattr(old, name)
            }
            if changes:
                existing[_term_key(term)] = glossary_terms.edit(vault, old.id, changes)
                updated += 1
            else:
                unchanged += 1
        audit.append(
            vault,
            "import",
            "glossary_term",
            detail={"file": path.name, "terms": len(terms), "added": added, "updated": updated},
        )
    return GlossaryImport(added, updated, unchanged)


def export_glossary(vault: Vault, path: Path, source_lang: str, target_lang: str) -> int:
    from liaison.translation import exchange  # noqa: PLC0415

    terms = list_glossary(vault, source_lang, target_lang)
    writer = exchange.write_glossary_csv if path.suffix.lower() == ".csv" else exchange.write_tbx
    writer(terms, path)
    audit.append(vault, "export", "glossary_term", detail={"file": path.name, "terms": len(terms)})
    return len(terms)
