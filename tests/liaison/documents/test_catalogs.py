"""The ``documents`` gettext catalogs: complete, consistent with ``texts.py``, and safe to format."""

from __future__ import annotations

import dataclasses
import enum
import inspect
import io
import re
import shutil
import subprocess
import sys
import threading
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from liaison.documents import catalogs, texts, texts_eio, texts_values
from liaison.domain import mla

ROOT = Path(__file__).resolve().parents[3]
LOCALES = ROOT / "locales"
POT = LOCALES / "documents.pot"
LANGUAGES = ["ar", "de", "en", "es", "fr", "pt", "ru", "zh"]
NON_ENGLISH = [lang for lang in LANGUAGES if lang != "en"]
EXPECTED_NPLURALS = {"en": 2, "de": 2, "fr": 3, "es": 3, "pt": 3, "ru": 3, "ar": 6, "zh": 1}

# Translations that are rightly the same word as the English message id.
SAME_AS_ENGLISH: Mapping[str, frozenset[str]] = {
    "fr": frozenset(
        {"URGENT", "Annexes", "Section {letter}", "Instrument", "Date", "Expert", "Signature"}
        | {"Question {number}", "corruption", "sabotage", "Police"}
    ),
    "es": frozenset({"No"}),
    "de": frozenset({"Name", "Person {number}", "Sabotage"}),
}

SCRIPTS = {
    "ar": re.compile("[\u0600-\u06ff]"),
    "zh": re.compile("[\u4e00-\u9fff]"),
    "ru": re.compile("[\u0400-\u04ff]"),
}
PRINTF_STYLE = re.compile(r"%(\(\w+\))?[-+ #0]*\d*(\.\d+)?[sdifxXeEgGcr%]")

# Module-level constants of texts.py that are data, not message ids.
NOT_MESSAGES = {"DOMAIN", "SOURCE_LANGUAGE", "MACHINE_MARKER", "UNTRANSLATED_MARKER", "TICKED", "UNTICKED"}


@pytest.fixture(autouse=True)
def _real_catalogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(catalogs.LOCALES_DIR_ENV, raising=False)
    catalogs.clear_cache()
    yield
    catalogs.clear_cache()


def _read(lang: str) -> Catalog:
    with (LOCALES / lang / "LC_MESSAGES" / "documents.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _entries(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def _forms(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    assert isinstance(value, tuple | list)
    return tuple(str(form) for form in value)


def _pot_ids() -> set[str | tuple[str, ...]]:
    with POT.open("rb") as fh:
        return {_key(message.id) for message in read_po(fh) if message.id}


def _key(msgid: object) -> str | tuple[str, ...]:
    return msgid if isinstance(msgid, str) else tuple(_forms(msgid))


# --------------------------------------------------------------------------------------------
# completeness
# --------------------------------------------------------------------------------------------


def test_the_eight_languages_have_catalogs() -> None:
    assert catalogs.languages() == LANGUAGES


def test_pybabel_compile_reports_every_catalog_complete(tmp_path: Path) -> None:
    work = tmp_path / "locales"
    for lang in LANGUAGES:
        folder = work / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(LOCALES / lang / "LC_MESSAGES" / "documents.po", folder)
    command = ["compile", "-d", str(work), "-D", "documents", "--statistics"]
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *command],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "fuzzy" not in output.lower(), output
    total = len(_pot_ids())
    for lang in LANGUAGES:
        po = str(Path(lang) / "LC_MESSAGES" / "documents.po")
        line = next((line for line in output.splitlines() if "translated in" in line and po in line), "")
        assert f"{total} of {total} messages (100%) translated" in line, output
        assert (work / lang / "LC_MESSAGES" / "documents.mo").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete_without_fuzzy_or_obsolete_entries(lang: str) -> None:
    catalog = _read(lang)
    assert not catalog.fuzzy, f"{lang}: header marked fuzzy"
    assert not catalog.obsolete, f"{lang}: obsolete entries {list(catalog.obsolete)}"
    assert {_key(message.id) for message in _entries(catalog)} == _pot_ids(), f"{lang}: run pybabel update"
    for message in _entries(catalog):
        assert not message.fuzzy, f"{lang}: fuzzy {message.id!r}"
        forms = _forms(message.string)
        assert all(form.strip() for form in forms), f"{lang}: untranslated {message.id!r}"
        if message.pluralizable:
            assert len(forms) == catalog.num_plurals, f"{lang}: plural forms of {message.id!r}"
        assert all(form == form.strip() for form in forms), f"{lang}: stray whitespace in {message.id!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_forms_header(lang: str) -> None:
    catalog = _read(lang)
    assert catalog.num_plurals == EXPECTED_NPLURALS[lang]
    assert f"nplurals={EXPECTED_NPLURALS[lang]};" in catalog.plural_forms


def test_template_matches_texts_module() -> None:
    """Every N_()/NP_() in texts.py is in the .pot and nothing else is: re-extract and compare."""
    keywords = {"N_": None, "NP_": (1, 2)}
    extracted = {
        msgid if isinstance(msgid, str) else tuple(msgid)
        for module in (texts, texts_eio, texts_values)
        for _line, msgid, _comments, _context in extract_from_file(
            "python", inspect.getfile(module), keywords=keywords, comment_tags=()
        )
    }
    assert extracted == _pot_ids(), "re-run pybabel extract and update (see texts.py docstring)"


def test_every_text_constant_is_a_marked_message() -> None:
    """A label written without N_() would never be extracted: every text value must be in the .pot."""
    ids = _pot_ids()
    missing: list[str] = []
    for name, value in [*vars(texts).items(), *vars(texts_eio).items(), *vars(texts_values).items()]:
        if not name.isupper() or name in NOT_MESSAGES:
            continue
        if isinstance(value, str):
            values: list[object] = [value]
        elif isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
            values = [value]
        elif isinstance(value, Mapping):
            values = [v for v in value.values() if isinstance(v, str) and not isinstance(v, enum.Enum)]
        else:
            continue
        missing += [f"{name}: {v!r}" for v in values if v not in ids]
    assert not missing


# --------------------------------------------------------------------------------------------
# placeholders and the guard
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_identical_in_every_translation(lang: str) -> None:
    for message in _entries(_read(lang)):
        ids = _forms(message.id)
        expected = {catalogs.placeholders(text) for text in ids}
        assert None not in expected, f"unparsable message id {ids[0]!r}"
        for form in _forms(message.string):
            assert catalogs.placeholders(form) in expected, f"{lang}: {ids[0]!r} -> {form!r}"
        assert catalogs.placeholders_match(message.id, message.string)
    assert catalogs.rejected(lang) == ()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_printf_style_placeholders(lang: str) -> None:
    for message in _entries(_read(lang)):
        for text in (*_forms(message.id), *_forms(message.string)):
            assert not PRINTF_STYLE.search(text), f"{lang}: {text!r}"
            assert catalogs.placeholders(text) is not None, f"{lang}: unbalanced braces in {text!r}"
            assert all(re.fullmatch(r"\{[a-z_]+\}", field) for field in catalogs.placeholders(text) or ()), (
                f"{lang}: only named placeholders without format spec: {text!r}"
            )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_formats_in_every_language(lang: str) -> None:
    for message in _entries(_read(lang)):
        ids = _forms(message.id)
        names = {field.strip("{}") for field in catalogs.placeholders(ids[-1]) or ()}
        values = {name: f"<{name}>" for name in names}
        if message.pluralizable:
            for count in (0, 1, 2, 3, 5, 11, 21, 100, 1_000_000):
                out = catalogs.translate_plural(lang, (ids[0], ids[1]), count)
                assert str(count) in out
        else:
            out = catalogs.translate(lang, ids[0], **values)
            assert all(value in out for value in values.values()), f"{lang}: {out!r}"


def test_guard_falls_back_to_english_on_broken_placeholders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    catalog = Catalog(locale="fr", domain="documents")
    catalog.add(texts.PAGE_FORMAT, "Page {page} sur {total}")  # renamed placeholder
    catalog.add(texts.CLAUSES[texts.Clause.REQUESTED_BY], "Avant le {date")  # unbalanced brace
    catalog.add(texts.ANNEX_NUMBER, "Annexe {}")  # positional
    catalog.add(texts.MEASURE_NUMBER, "Mesure {number:d}")  # format spec the id does not have
    catalog.add(texts.PAGE_COUNT, ("{count} page", "{compte} pages", "{count} pages"))  # one bad form
    catalog.add(texts.ANNEX_COUNT, ("{count} annexe", "{count} d'annexes", "{count} annexes"))
    catalog.add(texts.PERSON_NUMBER, "Personne {number}")  # correct
    catalog.add(texts.SIGNATURE, "Signature du représentant")  # correct, no placeholder
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "documents.po").open("wb") as fh:
        write_po(fh, catalog)
    monkeypatch.setenv(catalogs.LOCALES_DIR_ENV, str(tmp_path))
    catalogs.clear_cache()

    with caplog.at_level("WARNING", logger=catalogs.__name__):
        _ = catalogs.gettext_for("fr")
    assert set(catalogs.rejected("fr")) == {
        texts.PAGE_FORMAT,
        texts.CLAUSES[texts.Clause.REQUESTED_BY],
        texts.ANNEX_NUMBER,
        texts.MEASURE_NUMBER,
        texts.PAGE_COUNT[0],
    }
    assert "other placeholders" in caplog.text

    assert catalogs.translate("fr", texts.PAGE_FORMAT, page=2, pages=5) == "Page 2 of 5"
    assert catalogs.translate("fr", texts.CLAUSES[texts.Clause.REQUESTED_BY], date="1 mai") == (
        "Execution of this request is requested by 1 mai at the latest."
    )
    assert catalogs.translate("fr", texts.ANNEX_NUMBER, number=3) == "Annex 3"
    assert catalogs.translate("fr", texts.MEASURE_NUMBER, number="2") == "Measure 2"
    assert catalogs.translate_plural("fr", texts.PAGE_COUNT, 4) == "4 pages"
    assert catalogs.translate_plural("fr", texts.PAGE_COUNT, 1) == "1 page"
    assert catalogs.translate_plural("fr", texts.ANNEX_COUNT, 1) == "1 annexe"
    assert catalogs.translate("fr", texts.PERSON_NUMBER, number=1) == "Personne 1"
    assert catalogs.gettext_for("fr")(texts.SIGNATURE) == "Signature du représentant"
    assert catalogs.gettext_for("fr")(texts.OFFICIAL_STAMP) == texts.OFFICIAL_STAMP  # not in the catalog


def test_guard_applies_to_compiled_only_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = Catalog(locale="de", domain="documents")
    catalog.add(texts.PAGE_FORMAT, "Seite {seite} von {pages}")
    catalog.add(texts.SIGNATURE, "Unterschrift")
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    (folder / "documents.mo").write_bytes(buffer.getvalue())
    monkeypatch.setenv(catalogs.LOCALES_DIR_ENV, str(tmp_path))
    catalogs.clear_cache()

    assert catalogs.languages() == ["de"]
    assert catalogs.translate("de", texts.PAGE_FORMAT, page=1, pages=2) == "Page 1 of 2"
    assert catalogs.gettext_for("de")(texts.SIGNATURE) == "Unterschrift"


def test_safe_format_never_raises_on_a_bad_translation() -> None:
    assert catalogs.safe_format("{nom}", "{name}", name="X") == "X"
    assert catalogs.safe_format("{name", "{name}", name="X") == "X"
    assert catalogs.safe_format("{0}", "{name}", name="X") == "X"
    with pytest.raises(KeyError):
        catalogs.safe_format("{name}", "{name}", other="X")  # the caller's bug is not hidden


def test_fuzzy_translations_are_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = Catalog(locale="es", domain="documents")
    catalog.add(texts.SIGNATURE, "Firma", flags=("fuzzy",))
    catalog.add(texts.OFFICIAL_STAMP, "Sello oficial")
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "documents.po").open("wb") as fh:
        write_po(fh, catalog)
    monkeypatch.setenv(catalogs.LOCALES_DIR_ENV, str(tmp_path))
    catalogs.clear_cache()
    gettext = catalogs.gettext_for("es")
    assert gettext(texts.SIGNATURE) == texts.SIGNATURE
    assert gettext(texts.OFFICIAL_STAMP) == "Sello oficial"


# --------------------------------------------------------------------------------------------
# coverage of the request model
# --------------------------------------------------------------------------------------------


def _nested_dataclasses(annotation: object) -> list[type]:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return [annotation]
    return [cls for arg in typing.get_args(annotation) for cls in _nested_dataclasses(arg)]


def _field_paths(cls: type, prefix: str = "") -> Iterator[str]:
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        path = f"{prefix}{field.name}"
        yield path
        for nested in _nested_dataclasses(hints[field.name]):
            yield from _field_paths(nested, f"{path}.")


def test_every_request_field_has_a_label() -> None:
    paths = list(_field_paths(mla.MlaRequest))
    assert "requesting_authority.name" in paths and "measures.details.key" in paths  # the walk recurses
    assert "validating_authority.file_number" in paths and "certifications.certified_on" in paths
    missing = [path for path in paths if path not in texts.FIELD_LABELS]
    assert not missing
    stale = sorted(set(texts.FIELD_LABELS) - set(paths))
    assert not stale, "labels for fields that no longer exist"


def test_field_label_ignores_list_indices() -> None:
    assert texts.field_label("measures.0.purpose") == texts.FIELD_LABELS["measures.purpose"]
    assert texts.field_label("persons.12.languages") == "Languages the person understands"
    assert texts.field_label("requesting_authority.name") == "Name"
    with pytest.raises(KeyError):
        texts.field_label("no_such_field")


LABELLED_ENUMS: list[tuple[type[enum.Enum], Mapping[typing.Any, str]]] = [
    (mla.InstrumentKind, texts.INSTRUMENT_KIND_LABELS),
    (mla.RequestStatus, texts.REQUEST_STATUS_LABELS),
    (mla.ProceedingsType, texts.PROCEEDINGS_TYPE_LABELS),
    (mla.UrgencyReason, texts.URGENCY_REASON_LABELS),
    (mla.PersonRole, texts.PERSON_ROLE_LABELS),
    (mla.MeasureKind, texts.MEASURE_KIND_LABELS),
    (mla.Undertaking, texts.UNDERTAKING_LABELS),
    (mla.ResultsForm, texts.RESULTS_FORM_LABELS),
    (mla.InstrumentKind, texts.DOCUMENT_TITLES),
    (mla.InstrumentKind, texts.DOCUMENT_SUBTITLES),
    (texts.SectionKey, texts.SECTION_HEADINGS),
    (texts.EioSection, texts.EIO_SECTION_HEADINGS),
    (texts.DetailKey, texts.DETAIL_LABELS),
    (texts.HearingMode, texts.HEARING_MODE_LABELS),
    (texts.Clause, texts.CLAUSES),
]


@pytest.mark.parametrize(("kind", "labels"), LABELLED_ENUMS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_enum_value_has_a_label(kind: type[enum.Enum], labels: Mapping[typing.Any, str]) -> None:
    assert set(labels) == set(kind)
    assert all(isinstance(label, str) and label for label in labels.values())


def test_every_enum_of_the_request_model_is_labelled() -> None:
    model_enums = {
        obj
        for obj in vars(mla).values()
        if isinstance(obj, type) and issubclass(obj, enum.Enum) and obj.__module__ == mla.__name__
    }
    assert model_enums <= {kind for kind, _ in LABELLED_ENUMS}


def test_structure_of_sections_measures_and_clauses() -> None:
    assert len(texts.SECTION_ORDER) == 18
    assert [section.value for section in texts.EioSection] == list("ABCDEFGHIJKL")
    assert set(texts.MEASURE_DETAIL_KEYS) == set(mla.MeasureKind)
    used = {key for keys in texts.MEASURE_DETAIL_KEYS.values() for key in keys}
    assert used == set(texts.DetailKey)
    assert set(texts.UNDERTAKING_CLAUSES) == set(mla.Undertaking)
    assert set(texts.MARKER_LEGENDS) == {texts.MACHINE_MARKER, texts.UNTRANSLATED_MARKER}
    assert set(texts.TRANSLATION_ORIGIN_LABELS) == {"machine", "memory", "human"}
    certificate = texts.CLAUSES[texts.Clause.TRANSLATION_CERTIFICATE]
    assert catalogs.placeholders(certificate) == frozenset(
        {"{name}", "{qualification}", "{source_language}", "{target_language}"}
    )
    assert catalogs.placeholders(texts.CLAUSES[texts.Clause.RECIPROCITY]) == frozenset({"{state}"})
    assert texts.CLAUSES[texts.Clause.LEGAL_BASIS] == "This request is made under {instrument}, {articles}."


# --------------------------------------------------------------------------------------------
# the translations themselves
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", NON_ENGLISH)
def test_translations_differ_from_english(lang: str) -> None:
    allowed = SAME_AS_ENGLISH.get(lang, frozenset())
    same = [
        _forms(message.id)[0]
        for message in _entries(_read(lang))
        if _forms(message.string) == _forms(message.id)
    ]
    assert set(same) <= allowed, f"{lang}: untranslated copies of the English {sorted(set(same) - allowed)}"


def test_english_catalog_is_the_identity() -> None:
    for message in _entries(_read("en")):
        assert _forms(message.string) == _forms(message.id)


@pytest.mark.parametrize("lang", sorted(SCRIPTS))
def test_translations_are_in_the_right_script(lang: str) -> None:
    script = SCRIPTS[lang]
    for message in _entries(_read(lang)):
        for form in _forms(message.string):
            assert script.search(form), f"{lang}: {form!r} has no {lang} script"


@pytest.mark.parametrize("lang", NON_ENGLISH)
def test_sentences_keep_their_final_stop(lang: str) -> None:
    for message in _entries(_read(lang)):
        msgid = _forms(message.id)[0]
        for form in _forms(message.string):
            assert msgid.endswith(".") == form.endswith((".", "。")), f"{lang}: {form!r}"


def test_key_legal_terms() -> None:
    title = texts.DOCUMENT_TITLES[mla.InstrumentKind.MLA_LETTER]
    expected = {
        "fr": "Demande d'entraide judiciaire en matière pénale",
        "de": "Ersuchen um Rechtshilfe in Strafsachen",
        "es": "Solicitud de asistencia judicial en materia penal",
        "pt": "Pedido de auxílio judiciário mútuo em matéria penal",
        "ru": "Запрос о взаимной правовой помощи по уголовным делам",
        "ar": "طلب المساعدة القانونية المتبادلة في المسائل الجنائية",
        "zh": "刑事司法协助请求",
        "en": title,
    }
    for lang, wanted in expected.items():
        assert catalogs.gettext_for(lang)(title) == wanted
    eio = texts.DOCUMENT_TITLES[mla.InstrumentKind.EIO]
    assert catalogs.gettext_for("fr")(eio) == "Décision d'enquête européenne"
    assert catalogs.gettext_for("de")(eio) == "Europäische Ermittlungsanordnung"
    assert catalogs.gettext_for("es")(eio) == "Orden europea de investigación"
    assert catalogs.gettext_for("pt")(eio) == "Decisão europeia de investigação"
    watermark = texts.WATERMARK_MACHINE_TRANSLATION
    assert catalogs.gettext_for("fr")(watermark) == "TRADUCTION AUTOMATIQUE NON OFFICIELLE"


# --------------------------------------------------------------------------------------------
# runtime behaviour
# --------------------------------------------------------------------------------------------


def test_plural_rules() -> None:
    def pages(lang: str, n: int) -> str:
        return catalogs.translate_plural(lang, texts.PAGE_COUNT, n)

    assert [pages("ru", n) for n in (1, 3, 5, 21, 112)] == [
        "1 страница",
        "3 страницы",
        "5 страниц",
        "21 страница",
        "112 страниц",
    ]
    assert [pages("ar", n) for n in (2, 3, 11)] == ["2 صفحتان", "3 صفحات", "11 صفحة"]
    assert [pages("zh", n) for n in (1, 7)] == ["1页", "7页"]
    assert [pages("fr", n) for n in (0, 1, 2)] == ["0 page", "1 page", "2 pages"]
    assert [pages("pt", n) for n in (0, 1, 2)] == ["0 páginas", "1 página", "2 páginas"]
    assert [pages("en", n) for n in (0, 1, 2)] == ["0 pages", "1 page", "2 pages"]


def test_language_tags_fall_back_to_the_base_language() -> None:
    assert catalogs.translations("fr_BE") is catalogs.translations("fr")
    assert catalogs.translations("pt-PT") is catalogs.translations("pt")
    assert catalogs.translations("zh_Hans_CN") is catalogs.translations("zh")
    assert catalogs.translations("DE") is catalogs.translations("de")
    with pytest.raises(catalogs.CatalogNotFound):
        catalogs.translations("tlh")
    with pytest.raises(LookupError):
        catalogs.gettext_for("")


def test_cache_is_shared_between_threads() -> None:
    results: list[object] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        results.append(catalogs.translations("ar"))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 8
    assert all(result is results[0] for result in results)
    assert catalogs.load("ar").source == LOCALES / "ar" / "LC_MESSAGES" / "documents.po"
