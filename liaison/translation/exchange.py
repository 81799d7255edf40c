"""Read and write the files translators' tools exchange: TMX (translation memory), TBX and CSV
(glossaries).

Pure functions, files in and domain records out (and back): nothing here touches the vault, so the
services decide what is stored, audited and synced, and every format can be tested on its own.

Why translate-toolkit: it is the maintained implementation of these formats (used by Pootle and
Weblate), so the TMX units, segment text, headers and the TBX skeleton come from it rather than from
a parser of our own. What it cannot do is done on the lxml tree it parsed: normalising language
tags (``fr-FR`` and ``FR_fr`` are both French to us), choosing a pair in a multilingual file, the
newer TBX dialect (``conceptEntry``/``langSec``/``termSec``), administrative status as *forbidden*
alternatives, and subject fields. CSV uses the standard library: the toolkit's CSV store has
location/source/target columns, not a glossary's.

Why the expat pass first: import files come from outside (another agency, a freelance translator),
so every XML file is read once by a streaming expat parser, the technique defusedxml uses, that
refuses any DTD entity declaration and any external entity reference before a tree is built. An
entity-expansion bomb ("billion laughs") or an entity pointing at a local file (XXE) is therefore
rejected outright, never expanded; the toolkit's own lxml parser, used next, additionally resolves
no entities and reads nothing from the network. A plain ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, as
CAT tools write, is accepted: the DTD is never loaded.

Inline markup in TMX segments (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<hi>``, ``<sub>``,
``<ut>``) is flattened to its text content, as translate-toolkit does: ``Press <ph>&lt;b&gt;</ph>OK``
becomes ``Press <b>OK``. Liaison stores plain text, and keeping the native codes verbatim loses
nothing silently and still matches a source that carries the same placeholder. Written files are
plain text (datatype ``plaintext``), so ``<`` and ``&`` are escaped and come back as themselves.

Limits: files over ``MAX_FILE_BYTES`` or with more than ``MAX_ENTRIES`` entries are refused, since
a file is held in memory while it is read. Every error is a ``ValidationError`` whose message is one
line naming the file (and the line when there is one) and what is wrong.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO
from xml.parsers import expat

from translate.lang import data as lang_data
from translate.misc.xml_helpers import parse_xml
from translate.storage import tbx, tmx

from liaison.domain import GlossaryTerm, TmEntry
from liaison.errors import ValidationError

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 1_000_000
CSV_COLUMNS = ("term", "translation", "note", "forbidden", "subject")
FORBIDDEN_SEPARATOR = "|"

_Element = Any  # an lxml element: lxml ships no type information
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LANG_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TRUNCATION_ERRORS = {
    expat.errors.codes[message]
    for message in (
        expat.errors.XML_ERROR_NO_ELEMENTS,
        expat.errors.XML_ERROR_UNCLOSED_TOKEN,
        expat.errors.XML_ERROR_PARTIAL_CHAR,
        expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
    )
}

# TBX: TBX-Basic/TBX-Default (ISO 30042:2008, root <martif>) and TBX v3 (ISO 30042:2019, root <tbx>).
_TBX_ROOTS = ("martif", "tbx")
_TBX_ENTRIES = {"termEntry", "conceptEntry"}
_TBX_LANGUAGES = {"langSet", "langSec"}
_TBX_TERMS = {"tig", "ntig", "termSec"}
_TBX_STATUS_TYPES = {"administrativeStatus", "normativeAuthorization"}
_TBX_FORBIDDEN = {"deprecated", "superseded", "notrecommended", "obsolete"}
_TBX_PREFERRED = "preferredTerm-admn-sts"
_TBX_DEPRECATED = "deprecatedTerm-admn-sts"

# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection"): written
# cells get a leading apostrophe, which spreadsheets hide and the reader removes again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------------------------------- TMX


def read_tmx(path: Path, source_lang: str | None = None, target_lang: str | None = None) -> list[TmEntry]:
    """Translation units of a TMX 1.4 file for one language pair, as unsaved ``TmEntry`` records.

    The source language defaults to the header's ``srclang`` and the target to the file's only other
    language, so a two-language TMX needs no arguments; a multilingual one needs the pair. Units
    with an empty segment on either side are skipped (CAT tools export untranslated units). Notes
    of the unit and of the two chosen variants are joined into ``note``.
    """
    path = Path(path)
    name = path.name
    data = _read_limited(path)
    root_name = _scan_xml(data, name)
    if root_name != "tmx":
        raise ValidationError(f"{name}: not a TMX file (root element is <{root_name}>, expected <tmx>)")
    store = _parse(tmx.tmxfile.parsestring, data, name)
    if store.body is None:
        raise ValidationError(f"{name}: TMX file has no <body>")
    units = store.units
    if not units:
        raise ValidationError(f"{name}: TMX file contains no translation units (<tu>)")
    _check_count(name, len(units), "translation units")

    languages: dict[str, None] = {}  # in order of first appearance
    rows: list[tuple[Any, dict[str, list[_Element]]]] = []
    for unit in units:
        variants: dict[str, list[_Element]] = {}
        for tuv in unit.getlanguageNodes():
            raw = tuv.get(_XML_LANG) or tuv.get("lang")  # "lang" is TMX 1.1
            if not raw:
                raise ValidationError(f"{name} line {tuv.sourceline}: <tuv> has no xml:lang attribute")
            code = _lang(raw, f"{name} line {tuv.sourceline}")
            variants.setdefault(code, []).append(tuv)
            languages.setdefault(code)
        rows.append((unit, variants))

    header = store.document.getroot().find(store.namespaced("header"))
    header_lang = header.get("srclang") if header is not None else None
    source, target = _tmx_pair(name, list(languages), header_lang, source_lang, target_lang)

    note_tag = store.namespaced("note")
    entries: list[TmEntry] = []
    for unit, variants in rows:
        source_tuv, source_text = _first_segment(unit, variants.get(source, []))
        target_tuv, target_text = _first_segment(unit, variants.get(target, []))
        if not source_text or not target_text:
            continue
        notes = [
            _text(note).strip()
            for element in (unit.xmlelement, source_tuv, target_tuv)  # the unit's and its variants'
            for note in element.iterchildren(note_tag)
        ]
        entries.append(
            TmEntry(
                source_lang=source,
                target_lang=target,
                source=source_text,
                target=target_text,
                origin=f"import:{name}",
                note="\n".join(dict.fromkeys(note for note in notes if note)),
            )
        )
    if not entries:
        raise ValidationError(f"{name}: no translation unit has both {source} and {target} text")
    return entries


def write_tmx(entries: Iterable[TmEntry], path: Path, source_lang: str, target_lang: str) -> None:
    """Write ``entries`` as a TMX 1.4 file any CAT tool can import, atomically (a crash leaves the
    previous file, never half of one). Every entry must be of the given pair, so an export never
    mixes directions silently."""
    path = Path(path)
    name = path.name
    source = _lang(source_lang, f"{name}: source language")
    target = _lang(target_lang, f"{name}: target language")
    if source == target:
        raise ValidationError(f"{name}: source and target language are both {source}")
    store: Any = tmx.tmxfile(sourcelanguage=source, targetlanguage=target)  # toolkit API is unannotated
    header = store.document.getroot().find(store.namespaced("header"))
    for key, value in (
        ("creationtool", "Liaison"),
        ("creationtoolversion", _liaison_version()),
        ("segtype", "sentence"),
        ("o-tmf", "Liaison"),
        ("adminlang", "en"),
        ("srclang", source),
        ("datatype", "plaintext"),
    ):
        header.set(key, value)
    for number, entry in enumerate(entries, 1):
        what = f"cannot write {name}: entry {number}"
        pair = (_lang(entry.source_lang, what), _lang(entry.target_lang, what))
        if pair != (source, target):
            raise ValidationError(f"{what} is {pair[0]}→{pair[1]}, not {source}→{target}")
        for field, text in (("source", entry.source), ("target", entry.target), ("note", entry.note)):
            _check_xml_text(text, f"{what} {field}", required=field != "note")
        store.addtranslation(entry.source, source, entry.target, target, comment=entry.note.strip() or None)
    _write_atomic(path, store.serialize)


def _tmx_pair(
    name: str, languages: list[str], header_lang: str | None, source_lang: str | None, target_lang: str | None
) -> tuple[str, str]:
    """The pair to read: the one asked for, else the header's source and the only other language."""
    found = ", ".join(languages)
    source = _lang(source_lang, f"{name}: source language") if source_lang else None
    target = _lang(target_lang, f"{name}: target language") if target_lang else None
    if source is None and header_lang and header_lang.strip() != "*all*":
        source = _lang(header_lang, f"{name}: header srclang")
    if source is None:
        others = [code for code in languages if code != target]
        if target is None or len(others) != 1:
            raise ValidationError(
                f"{name}: cannot tell the source language (the header has no srclang); choose one of {found}"
            )
        source = others[0]
    if source not in languages:
        raise ValidationError(
            f"{name}: has no {_lang_name(source)} segments (languages in the file: {found})"
        )
    if target is None:
        others = [code for code in languages if code != source]
        if not others:
            raise ValidationError(
                f"{name}: has only {_lang_name(source)} segments, nothing to pair them with"
            )
        if len(others) > 1:
            raise ValidationError(
                f"{name}: has several target languages ({', '.join(others)}); choose one to import"
            )
        target = others[0]
    if target == source:
        raise ValidationError(f"{name}: source and target language are both {source}")
    if target not in languages:
        raise ValidationError(
            f"{name}: has no {_lang_name(target)} segments (languages in the file: {found})"
        )
    return source, target


def _first_segment(unit: Any, variants: list[_Element]) -> tuple[_Element, str]:
    """The first non-empty segment among a unit's variants of one language (``fr-FR``, ``fr-CA``…),
    with its ``<tuv>``; ``(None, "")`` when there is none."""
    for tuv in variants:
        text = (unit.getNodeText(tuv) or "").strip()
        if text:
            return tuv, text
    return None, ""


# ---------------------------------------------------------------------------------------- TBX


@dataclass(frozen=True)
class _Term:
    text: str
    forbidden: bool
    element: _Element


def read_tbx(path: Path, source_lang: str, target_lang: str) -> list[GlossaryTerm]:
    """Glossary terms of a TBX file for one language pair, as unsaved ``GlossaryTerm`` records.

    Each source-language term of a concept (preferred, admitted or deprecated: a deprecated source
    term still has to be recognised in incoming text) gives one record whose translation is the
    first target term not marked deprecated, superseded or not recommended; the marked target terms
    become ``forbidden``. Other admitted target synonyms are not kept: a record has one translation.
    Definitions and notes of the concept, of the two languages and of the chosen terms become
    ``note``; the concept's subject field becomes ``subject``. Concepts with neither language are
    skipped; a concept with only one of them is an error naming its line.
    """
    path = Path(path)
    name = path.name
    source = _lang(source_lang, f"{name}: source language")
    target = _lang(target_lang, f"{name}: target language")
    if source == target:
        raise ValidationError(f"{name}: source and target language are both {source}")
    data = _read_limited(path)
    root_name = _scan_xml(data, name)
    if root_name not in _TBX_ROOTS:
        raise ValidationError(
            f"{name}: not a TBX file (root element is <{root_name}>, expected <martif> or <tbx>)"
        )
    root = _parse(parse_xml, data, name)
    body = next((el for el in root.iter() if _local(el) == "body"), None)
    if body is None:
        raise ValidationError(f"{name}: TBX file has no <body>")
    concepts = [el for el in body if _local(el) in _TBX_ENTRIES]
    if not concepts:
        raise ValidationError(f"{name}: TBX file contains no term entries (<termEntry>)")
    _check_count(name, len(concepts), "term entries")

    sections = [_tbx_languages(name, concept) for concept in concepts]
    languages = dict.fromkeys(code for by_language in sections for code in by_language)
    for code in (source, target):
        if code not in languages:
            raise ValidationError(
                f"{name}: has no {_lang_name(code)} terms (languages in the file: {', '.join(languages)})"
            )
    result: list[GlossaryTerm] = []
    for concept, by_language in zip(concepts, sections, strict=True):
        result += _tbx_concept(f"{name} line {concept.sourceline}", concept, by_language, source, target)
    return result


def write_tbx(terms: Iterable[GlossaryTerm], path: Path) -> None:
    """Write ``terms`` as a TBX-Basic file (``<martif>``, one ``termEntry`` per term), atomically.

    The translation is the target's preferred term and each forbidden alternative a further target
    term marked ``deprecatedTerm-admn-sts``, which CAT tools (and ``read_tbx``) show as do-not-use;
    the note is a concept ``<note>`` and the subject a ``<descrip type="subjectField">``.
    """
    path = Path(path)
    name = path.name
    store: Any = tbx.tbxfile()  # the toolkit's API is unannotated
    for paragraph in store.document.getroot().iter(store.namespaced("p")):
        paragraph.text = "Liaison"
    first = True
    for number, entry in enumerate(terms, 1):
        what = f"cannot write {name}: term {number}"
        source = _lang(entry.source_lang, what)
        target = _lang(entry.target_lang, what)
        if source == target:
            raise ValidationError(f"{what} has the same source and target language {source}")
        _check_xml_text(entry.term, f"{what} term", required=True)
        _check_xml_text(entry.translation, f"{what} translation", required=True)
        _check_xml_text(entry.note, f"{what} note")
        _check_xml_text(entry.subject, f"{what} subject")
        forbidden = [alt for alt in dict.fromkeys(a.strip() for a in entry.forbidden) if alt]
        for alt in forbidden:
            _check_xml_text(alt, f"{what} forbidden alternative")
        forbidden = [alt for alt in forbidden if alt != entry.translation]
        if first:
            store.setsourcelanguage(source)
            store.document.getroot().set(_XML_LANG, source)
            first = False
        unit: Any = tbx.tbxunit(None)
        store.addunit(unit)
        unit.set_source_terms([entry.term], lang=source)
        unit.set_target_terms([entry.translation, *forbidden], lang=target)
        target_section = unit.get_target_dom(target)
        for index, tig in enumerate(target_section.findall(store.namespaced("tig"))):
            status = tig.makeelement(store.namespaced("termNote"), {"type": "administrativeStatus"})
            status.text = _TBX_PREFERRED if index == 0 else _TBX_DEPRECATED
            tig.append(status)
        first_section = unit.getlanguageNodes()[0]
        if entry.subject.strip():
            descrip = unit.xmlelement.makeelement(store.namespaced("descrip"), {"type": "subjectField"})
            descrip.text = entry.subject.strip()
            first_section.addprevious(descrip)
        if entry.note.strip():
            note = unit.xmlelement.makeelement(store.namespaced("note"), {})
            note.text = entry.note.strip()
            first_section.addprevious(note)
    _write_atomic(path, store.serialize)


def _tbx_languages(name: str, concept: _Element) -> dict[str, list[_Element]]:
    """A concept's language sections by normalised language (``fr-FR`` and ``fr-CA`` are both fr)."""
    by_language: dict[str, list[_Element]] = {}
    for section in concept:
        if _local(section) not in _TBX_LANGUAGES:
            continue
        raw = section.get(_XML_LANG) or section.get("lang")
        if not raw:
            raise ValidationError(
                f"{name} line {section.sourceline}: <{_local(section)}> has no xml:lang attribute"
            )
        by_language.setdefault(_lang(raw, f"{name} line {section.sourceline}"), []).append(section)
    return by_language


def _tbx_concept(
    where: str, concept: _Element, by_language: dict[str, list[_Element]], source: str, target: str
) -> list[GlossaryTerm]:
    """The records one concept gives for the pair (none if it has neither language)."""
    source_terms = [term for section in by_language.get(source, []) for term in _tbx_terms(section)]
    target_terms = [term for section in by_language.get(target, []) for term in _tbx_terms(section)]
    if not source_terms and not target_terms:
        return []
    for code, found in ((source, source_terms), (target, target_terms)):
        if not found:
            raise ValidationError(f"{where}: term entry has no {_lang_name(code)} term")
    approved = [term for term in target_terms if not term.forbidden]
    if not approved:
        raise ValidationError(f"{where}: term entry has only forbidden {_lang_name(target)} terms")
    translation = approved[0].text
    forbidden = dict.fromkeys(term.text for term in target_terms if term.forbidden)
    forbidden.pop(translation, None)
    scopes = [concept, *by_language[source], *by_language[target]]
    subject = next((text for scope in scopes for text in _tbx_meta(scope, subject=True)), "")
    notes = [text for scope in scopes for text in _tbx_meta(scope)] + _tbx_meta(approved[0].element)
    records = []
    for text in dict.fromkeys(term.text for term in source_terms):
        own = [note for term in source_terms if term.text == text for note in _tbx_meta(term.element)]
        records.append(
            GlossaryTerm(
                source_lang=source,
                target_lang=target,
                term=text,
                translation=translation,
                note="\n".join(dict.fromkeys([*notes, *own])),
                forbidden=tuple(forbidden),
                subject=subject,
            )
        )
    return records


def _tbx_terms(section: _Element) -> Iterator[_Term]:
    """The terms of one language section, whichever TBX dialect wraps them (tig, ntig, termSec)."""
    for holder in section:
        if _local(holder) not in _TBX_TERMS:
            continue
        term = next((el for el in holder.iter() if _local(el) == "term"), None)
        text = " ".join(_text(term).split()) if term is not None else ""
        if not text:
            continue
        statuses = (
            el for el in holder.iter() if _local(el) == "termNote" and el.get("type") in _TBX_STATUS_TYPES
        )
        forbidden = any(_status_forbids(_text(el)) for el in statuses)
        yield _Term(text, forbidden, holder)


def _status_forbids(value: str) -> bool:
    """``deprecatedTerm-admn-sts``, ``supersededTerm``, ``notRecommended``… all mean do not use."""
    word = "".join(value.split()).lower().removesuffix("-admn-sts").removesuffix("term")
    return word in _TBX_FORBIDDEN


def _tbx_meta(scope: _Element, *, subject: bool = False) -> list[str]:
    """Notes and definitions (or, with ``subject``, subject fields) that belong to ``scope`` itself,
    not to a language or term nested inside it."""
    found: list[str] = []
    for el in scope:
        local = _local(el)
        if local in _TBX_LANGUAGES or local in _TBX_TERMS or local == "term":
            continue
        kind = el.get("type")
        if subject:
            wanted = local == "descrip" and kind == "subjectField"
        else:
            wanted = local == "note" or (local == "descrip" and kind == "definition")
        text = _text(el).strip() if wanted else ""
        if text:
            found.append(text)
        if local in {"descripGrp", "termGrp", "adminGrp", "transacGrp"}:
            found += _tbx_meta(el, subject=subject)
    return found


# ---------------------------------------------------------------------------------------- CSV


def read_glossary_csv(path: Path, source_lang: str, target_lang: str) -> list[GlossaryTerm]:
    """Glossary terms from a UTF-8 CSV (with or without the BOM Excel writes) with the header
    ``term,translation,note,forbidden,subject``; only term and translation are required, columns may
    come in any order, and ``;`` works as the delimiter too (what Excel writes in French locales).
    Forbidden alternatives are separated by ``|``. Blank lines are skipped."""
    path = Path(path)
    name = path.name
    source = _lang(source_lang, f"{name}: source language")
    target = _lang(target_lang, f"{name}: target language")
    if source == target:
        raise ValidationError(f"{name}: source and target language are both {source}")
    raw = _read_limited(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{name}: not UTF-8 text (byte {exc.start + 1} cannot be decoded); save it as CSV UTF-8"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text), strict=True)
    try:
        columns = [cell.strip().lower() for cell in next(reader)]
        index = _csv_columns(name, columns)
        result: list[GlossaryTerm] = []
        line = reader.line_num + 1
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns):
                raise ValidationError(
                    f"{name} line {start}: {len(row)} fields but the header has {len(columns)}"
                )
            cells = {col: _from_cell(row[i]).strip() if i < len(row) else "" for col, i in index.items()}
            result.append(_csv_term(cells, source, target, f"{name} line {start}"))
            _check_count(name, len(result), "terms")
    except csv.Error as exc:
        raise ValidationError(f"{name} line {reader.line_num}: malformed CSV ({exc})") from None
    if not result:
        raise ValidationError(f"{name}: has a header but no terms")
    return result


def write_glossary_csv(terms: Iterable[GlossaryTerm], path: Path) -> None:
    """Write ``terms`` as UTF-8 CSV with a BOM (so Excel shows Arabic and Chinese correctly) and the
    header ``term,translation,note,forbidden,subject``, atomically. The language pair is not in the
    file: it is chosen again on import, as translators' CSV glossaries expect."""
    path = Path(path)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for number, term in enumerate(terms, 1):
        for alt in term.forbidden:
            if FORBIDDEN_SEPARATOR in alt:
                raise ValidationError(
                    f"cannot write {path.name}: term {number} has a forbidden alternative containing "
                    f"{FORBIDDEN_SEPARATOR!r}, the CSV separator: {alt!r}"
                )
        forbidden = FORBIDDEN_SEPARATOR.join(alt.strip() for alt in term.forbidden if alt.strip())
        row = (term.term, term.translation, term.note, forbidden, term.subject)
        writer.writerow([_to_cell(cell) for cell in row])
    encoded = buffer.getvalue().encode("utf-8-sig")
    _write_atomic(path, lambda out: out.write(encoded))


def _sniff_delimiter(text: str) -> str:
    """``,`` or ``;`` (or tab), whichever the header line uses; header names never contain one."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_columns(name: str, columns: list[str]) -> dict[str, int]:
    """Where each known column is; unknown columns are ignored so extra spreadsheet columns pass."""
    index: dict[str, int] = {}
    for position, column in enumerate(columns):
        if column in CSV_COLUMNS:
            if column in index:
                raise ValidationError(f"{name} line 1: column {column!r} appears twice")
            index[column] = position
    missing = [column for column in ("term", "translation") if column not in index]
    if missing:
        raise ValidationError(
            f"{name} line 1: missing required column {' and '.join(map(repr, missing))} "
            f"(the header must be {','.join(CSV_COLUMNS)})"
        )
    return index


def _csv_term(cells: dict[str, str], source: str, target: str, where: str) -> GlossaryTerm:
    term, translation = cells["term"], cells["translation"]
    if not term:
        raise ValidationError(f"{where}: empty term")
    if not translation:
        raise ValidationError(f"{where}: term {term!r} has no translation")
    forbidden = tuple(
        dict.fromkeys(
            alt.strip() for alt in cells.get("forbidden", "").split(FORBIDDEN_SEPARATOR) if alt.strip()
        )
    )
    if translation in forbidden:
        raise ValidationError(f"{where}: {translation!r} is both the translation and forbidden")
    return GlossaryTerm(
        source_lang=source,
        target_lang=target,
        term=term,
        translation=translation,
        note=cells.get("note", ""),
        forbidden=forbidden,
        subject=cells.get("subject", ""),
    )


def _to_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _from_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


# ------------------------------------------------------------------------------------ shared


def _read_limited(path: Path) -> bytes:
    """The file's bytes, refusing what is too big to hold in memory while it is parsed."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                f"{name}: file is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit; "
                "split it"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ValidationError(f"{name}: file not found") from None
    except OSError as exc:
        raise ValidationError(f"{name}: cannot read the file ({exc.strerror})") from None
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(f"{name}: file is over the {MAX_FILE_BYTES // 2**20} MB limit; split it")
    if not data.strip():
        raise ValidationError(f"{name}: file is empty")
    return data


def _scan_xml(data: bytes, name: str) -> str:
    """Check that ``data`` is well-formed XML without entity declarations or external entities, and
    return its root element's local name. Expat streams and never expands what it refuses, so a
    bomb or an XXE payload is rejected before any tree exists."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    roots: list[str] = []

    def start(tag: str, _attributes: object) -> None:
        if not roots:
            roots.append(tag.rsplit(" ", 1)[-1])

    def refuse_declaration(entity: str, *_details: object) -> None:
        raise ValidationError(
            f"{name} line {parser.CurrentLineNumber}: declares the entity {entity!r}; entity declarations "
            "are refused (they can expand without limit or read local files)"
        )

    def refuse_external(*_details: object) -> int:
        raise ValidationError(
            f"{name} line {parser.CurrentLineNumber}: refers to an external entity; refused"
        )

    def refuse_skipped(entity: str, _is_parameter: object) -> None:
        raise ValidationError(
            f"{name} line {parser.CurrentLineNumber}: uses the undeclared entity &{entity};"
        )

    parser.StartElementHandler = start
    parser.EntityDeclHandler = refuse_declaration
    parser.UnparsedEntityDeclHandler = refuse_declaration
    parser.ExternalEntityRefHandler = refuse_external
    parser.SkippedEntityHandler = refuse_skipped
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        reason = expat.errors.messages[exc.code]
        if not roots:
            raise ValidationError(f"{name} line {exc.lineno}: not an XML file") from None
        if exc.code in _TRUNCATION_ERRORS:
            raise ValidationError(
                f"{name} line {exc.lineno}: XML ends early, the file is truncated"
            ) from None
        raise ValidationError(
            f"{name} line {exc.lineno} column {exc.offset + 1}: malformed XML ({reason})"
        ) from None
    return roots[0]


def _parse(parse: Callable[[bytes], Any], data: bytes, name: str) -> Any:
    """Parse with translate-toolkit (its lxml parser resolves no entities, loads nothing). The expat
    pass has accepted the file, so a failure here is rare: report it the same way."""
    try:
        return parse(data)
    except SyntaxError as exc:  # lxml's XMLSyntaxError is a SyntaxError
        raise ValidationError(f"{name} line {exc.lineno}: malformed XML ({exc.msg})") from None


def _write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write to a temporary file beside ``path`` and rename it over ``path``: readers see the old
    file or the new one, never a torn one. The file is created owner-only (mkstemp), fitting
    material that may be sensitive."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ValidationError(f"cannot write {path.name}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _lang(code: str, where: str) -> str:
    """ISO 639 code from a language tag: ``fr-FR``, ``FR``, ``fr_CA`` → ``fr``; ``EN-GB`` → ``en``."""
    primary = _primary_subtag(code)
    if primary is None:
        raise ValidationError(f"{where}: {code!r} is not a language code such as fr or fr-FR")
    return primary


@functools.lru_cache(maxsize=256)
def _primary_subtag(code: str) -> str | None:
    """Cached: a memory repeats the same few tags on every one of its units."""
    match = _LANG_TAG.fullmatch(code.strip())
    return match.group(1).lower() if match else None


def _lang_name(code: str) -> str:
    known = lang_data.languages.get(code)
    return f"{known[0]} ({code})" if known else code


def _check_xml_text(text: str, what: str, *, required: bool = False) -> None:
    """XML 1.0 cannot hold most control characters: refuse them rather than drop them silently."""
    if required and not text.strip():
        raise ValidationError(f"{what} is empty")
    bad = _NOT_IN_XML.search(text)
    if bad is not None:
        raise ValidationError(
            f"{what} contains the character U+{ord(bad.group()):04X}, which XML cannot hold"
        )


def _check_count(name: str, count: int, what: str) -> None:
    if count > MAX_ENTRIES:
        raise ValidationError(f"{name}: more than {MAX_ENTRIES:,} {what}; split the file")


def _text(element: _Element) -> str:
    """All text inside ``element``, inline markup flattened (what the toolkit's getText does)."""
    return "".join(element.itertext())


def _local(element: _Element) -> str:
    """Tag without namespace; comments and processing instructions have none."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _liaison_version() -> str:
    try:
        return metadata.version("liaison")
    except metadata.PackageNotFoundError:
        return "0"
