"""The rendered PDFs, checked with the tools a reader has: poppler's pdftotext, pdffonts, pdfinfo, pdftoppm.

Text is compared after NFKC (Arabic comes back as presentation forms), with bidi marks and whitespace
removed: what matters is that every character comes back, in logical order, on the right page.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

from liaison.documents import fonts, pdfcheck, postprocess
from liaison.documents.fonts import FontMissing, FontRegistry, Script, covers, script_for_lang
from liaison.documents.layout import Document, TextKind
from liaison.documents.pdf import MACHINE_MARK, UNTRANSLATED_MARK, isolate_codes, prepare, render, render_to
from liaison.documents.rlbidi_shim import log2vis

from .conftest import CREATED, LANGS, REFERENCE, all_strings, sample_document

STANDARD_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_HARAKAT = re.compile("[\u064b-\u065f\u0670]")  # arabic_reshaper drops the short-vowel marks (by design)


def squash(text: str) -> str:
    """NFKC, no bidi controls or harakat, no whitespace: the characters and their order, nothing else."""
    return re.sub(r"\s+", "", _HARAKAT.sub("", unicodedata.normalize("NFKC", text).translate(_CONTROLS)))


def squash_rtl(text: str) -> str:
    """Letters and digits only, in order: for right-to-left pages.

    poppler rebuilds logical order from the drawn glyphs with its own heuristics and puts neutral
    characters that sit where an Arabic run meets a number or a Latin run on the wrong side ("2024،"
    comes back as "،2024", "(Hélène Lefèvre)" as ")(Hélène Lefèvre"), although the page shows them right
    (checked on the rendered images). Words and the letters inside them must still come back in order.
    """
    return "".join(c for c in squash(text) if unicodedata.category(c)[0] in "LNM")


def text_pages(path: Path, *, layout: bool = True) -> list[str]:
    return [squash(p) for p in pdfcheck.pages(path, layout=layout, diagonal=False)]


@pytest.mark.parametrize("lang", LANGS)
def test_text_comes_back_with_reference_and_page_line_on_every_page(
    lang: str, samples: dict[str, Document], rendered: dict[str, Path]
) -> None:
    doc, pages = samples[lang], text_pages(rendered[lang])
    assert len(pages) >= 2, "the sample should run over a page break"
    whole = "".join(pages)
    # In RTL the visual "… .2" of "2. heading" is ambiguous to pdftotext, which returns ".2": skip the number.
    heading = doc.sections[1].heading if doc.rtl else f"{doc.sections[1].number}.{doc.sections[1].heading}"
    norm = squash_rtl if doc.rtl else squash
    whole = norm(whole)
    for expected in (
        doc.title,
        doc.subtitle,
        heading,
        doc.sections[0].entries[1].value,
        doc.sections[4].entries[0].value,
        doc.date_line,
    ):
        assert norm(expected) in whole, expected
    for number, page in enumerate(pages, start=1):
        assert squash(REFERENCE) in page
        assert squash(doc.page_format.format(page=number, pages=len(pages))) in page, (number, page[-80:])


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_rtl_and_cjk_paragraphs_extract_in_logical_order(
    lang: str, samples: dict[str, Document], rendered: dict[str, Path]
) -> None:
    norm = squash_rtl if lang == "ar" else squash
    whole = norm("".join(pdfcheck.pages(rendered[lang], diagonal=False)))
    facts = samples[lang].sections[1].entries
    assert norm(facts[0].value) in whole  # three wrapped lines, joined back in reading order
    assert norm(facts[1].value) in whole
    for row in samples[lang].sections[2].tables[0].rows:
        assert all(norm(cell) in whole for cell in row)


def test_arabic_layout_is_mirrored(samples: dict[str, Document], rendered: dict[str, Path]) -> None:
    """Labels sit right of their values, and codes keep their left-to-right order."""
    lines = pdfcheck.extract_text(rendered["ar"], diagonal=False).splitlines()
    label, value = samples["ar"].sections[3].entries[0].label, "MA64 0115 1900 0001 2050 0053 4921"
    line = next(squash(x) for x in lines if squash(label) in squash(x))
    assert line.index(squash(value)) < line.index(squash(label))
    assert "24/0371/OC" in "".join(text_pages(rendered["ar"]))  # not "OC/24/0371" (isolated code)


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded_subset_truetype(lang: str, rendered: dict[str, Path]) -> None:
    found = pdfcheck.fonts(rendered[lang])
    assert found
    for font in found:
        assert (font.embedded, font.subset, font.unicode, font.type) == (True, True, True, "TrueType"), font
        assert not any(std in font.name for std in STANDARD_14), font


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_is_clean(lang: str, samples: dict[str, Document], rendered: dict[str, Path]) -> None:
    doc, path = samples[lang], rendered[lang]
    info = pdfcheck.info(path)
    assert info["Title"] == doc.metadata["title"]
    assert info["Subject"] == doc.metadata["subject"]
    assert info["Creator"] == "Liaison"
    assert "Author" not in info
    assert info["CreationDate"].endswith("2024 UTC")
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == lang
        assert len(pdf.Root.OutputIntents) == 1
        xmp = str(pdf.open_metadata())
        assert lang in pdf.open_metadata()["dc:language"]
        assert "pdfaid" not in xmp  # no unproven PDF/A claim
        assert doc.watermark not in xmp and doc.watermark not in str(pdf.docinfo)
    assert postprocess.scrub_check(path.read_bytes()) == []


def test_scrub_check_reports_user_host_home_and_temp_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "gethostname", lambda: "field-laptop-07.example")  # the real one may be "vm"
    raw = render(sample_document("en"), created=CREATED)
    assert postprocess.scrub_check(raw) == []
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        pdf.docinfo["/Author"] = f"{os.environ['HOME']}/cases/x.pdf"
        pdf.docinfo["/Producer"] = "built on field-laptop-07"
        pdf.docinfo["/Subject"] = f"{os.environ['TMPDIR']}/tmpab12cd.pdf"
        out = io.BytesIO()
        pdf.save(out)
    leaks = postprocess.scrub_check(out.getvalue())
    assert any(x.startswith("home folder") for x in leaks)
    assert any(x.startswith("host name") for x in leaks)
    assert any(x.startswith("temporary folder") for x in leaks)


def test_watermark_is_the_only_diagonal_text_and_absent_when_unset(
    samples: dict[str, Document], rendered: dict[str, Path], unwatermarked: Path
) -> None:
    for lang in ("fr", "ar", "zh"):
        path = rendered[lang]
        diagonal = Counter(squash(pdfcheck.extract_text(path))) - Counter(
            squash(pdfcheck.extract_text(path, diagonal=False))
        )
        pages = len(pdfcheck.pages(path))
        assert diagonal == Counter(
            {c: n * pages for c, n in Counter(squash(samples[lang].watermark)).items()}
        )
        assert diagonal.total() > 0
    plain = unwatermarked
    assert pdfcheck.extract_text(plain) == pdfcheck.extract_text(plain, diagonal=False)


def test_machine_and_untranslated_values_are_marked(
    samples: dict[str, Document], rendered: dict[str, Path]
) -> None:
    for lang in ("en", "ar"):
        lines = [squash(x) for x in pdfcheck.extract_text(rendered[lang], diagonal=False).splitlines()]
        entries = [e for s in samples[lang].sections for e in s.entries]
        machine = next(e for e in entries if e.kind is TextKind.MACHINE and e.label)
        untranslated = next(e for e in entries if e.kind is TextKind.UNTRANSLATED)
        # the mark ends the value: on the value's (last) line, right after its last word
        last_word = squash(machine.value.split()[-1]).strip(".")
        assert any(last_word in x and MACHINE_MARK in x for x in lines), last_word
        # (in an RTL line poppler may put the mark of a left-to-right value before it: same line suffices)
        assert any(squash(untranslated.value) in x and UNTRANSLATED_MARK in x for x in lines)


@pytest.mark.parametrize("lang", LANGS)
def test_hash_printed_on_last_page_only(
    lang: str, samples: dict[str, Document], rendered: dict[str, Path]
) -> None:
    assert pdfcheck.printed_hash(rendered[lang]) == samples[lang].content_hash
    assert all(samples[lang].content_hash not in p for p in text_pages(rendered[lang])[:-1])
    assert squash(samples[lang].hash_label) in text_pages(rendered[lang])[-1]


def test_qr_code_is_drawn_on_the_last_page_only(rendered: dict[str, Path]) -> None:
    """The QR code is a few hundred filled rectangles; other pages have a handful (boxes, tints)."""
    with pikepdf.open(rendered["fr"]) as pdf:
        counts = [
            sum(1 for operands, op in pikepdf.parse_content_stream(page) if str(op) == "re")
            for page in pdf.pages
        ]
    assert counts[-1] > 200 > max(counts[:-1]), counts


@pytest.mark.parametrize(("partner", "officer"), [("ar", "fr"), ("zh", "en"), ("de", "ru")])
def test_bilingual_layout_has_both_languages(partner: str, officer: str, tmp_path: Path) -> None:
    first, second = sample_document(partner), sample_document(officer)
    path = render_to(tmp_path / "bi.pdf", first, second=second, created=CREATED)
    # Without -layout poppler keeps each column together. On a page that mixes an Arabic and a Latin
    # column it may take an Arabic line for a left-to-right one and list its runs in visual order
    # (the page itself is right: see the rendered images), so Arabic is checked word by word.
    pages = text_pages(path, layout=False)
    whole = squash_rtl("".join(pages))
    for doc in (first, second):
        for text in (doc.title, doc.sections[0].heading, doc.sections[3].entries[1].value, doc.annexes[1]):
            parts = text.split() if doc.rtl else [text]
            assert all(squash_rtl(part) in whole for part in parts), text
    for number, page in enumerate(text_pages(path), start=1):  # footer in the partner's language
        footer = first.page_format.format(page=number, pages=len(pages))
        assert all(
            squash_rtl(part) in squash_rtl(page) for part in (footer.split() if first.rtl else [footer])
        )
    assert {f.embedded for f in pdfcheck.fonts(path)} == {True}


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_has_glyphs_in_its_font(lang: str) -> None:
    doc = sample_document(lang)
    preferred = script_for_lang(lang)
    for text in all_strings(doc):
        for bold in (False, True):
            ready = prepare(text, preferred, bold=bold)
            assert covers(ready.font, ready.text) == [], (text, ready.font)
    for entry in (e for s in doc.sections for e in s.entries if e.value_lang):
        ready = prepare(entry.value, script_for_lang(entry.value_lang))
        assert covers(ready.font, ready.text) == []


def test_font_choice_per_script() -> None:
    assert fonts.font_for("fr") == fonts.font_for("ru") == "NotoSans"
    assert fonts.font_for("ar") == "DejaVuSans"
    assert fonts.font_for("zh_Hans_CN") == "WenQuanYiZenHei"
    assert prepare("Jürgen Groß", Script.ARABIC).font == "DejaVuSans"  # Latin stays in the document's font
    assert prepare("„Anlagebetrug“", Script.CJK).font == "NotoSans"  # WenQuanYi has no „
    assert covers("NotoSans", "abc ✓ é ■") == ["✓", "■"]
    assert set(fonts.registration_times()) >= {"NotoSans", "DejaVuSans", "WenQuanYiZenHei"}


def test_missing_font_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fonts.FONT_DIR_ENV, str(tmp_path))
    monkeypatch.setenv(fonts.SYSTEM_FONTS_ENV, "0")
    assert fonts.search_dirs(bundled=False) == [tmp_path]
    with pytest.raises(FontMissing, match=r"^no TrueType font for Arabic: .*install fonts-dejavu-core"):
        FontRegistry([tmp_path]).faces(Script.ARABIC)
    with pytest.raises(FontMissing, match="fonts-wqy-zenhei"):
        fonts.locate(Script.CJK, [tmp_path])


def test_font_dir_override_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system_file, _bold = fonts.locate(Script.LATIN, fonts.search_dirs(system=True))
    (tmp_path / "nested").mkdir()
    own = tmp_path / "nested" / "NotoSans-Regular.ttf"
    shutil.copyfile(system_file, own)
    monkeypatch.setenv(fonts.FONT_DIR_ENV, str(tmp_path))
    assert fonts.locate(Script.LATIN)[0] == own


def test_render_to_replaces_atomically_with_one_fresh_revision(tmp_path: Path) -> None:
    target = tmp_path / "request.pdf"
    target.write_bytes(b"old export")
    doc = sample_document("de")
    render_to(target, doc, created=CREATED)
    data = target.read_bytes()
    assert data == render(doc, created=CREATED)  # same input and date: same bytes
    assert data.count(b"%%EOF") == 1 and data.count(b"startxref") == 1  # no incremental update
    assert sorted(p.name for p in tmp_path.iterdir()) == ["request.pdf"]  # no temp file left


def test_page_images_render(tmp_path: Path, rendered: dict[str, Path]) -> None:
    """One page per language as PNG (what was looked at by eye during development)."""
    for lang, path in rendered.items():
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / lang)],
            check=True,
            capture_output=True,
            timeout=60,
        )
    images = sorted(tmp_path.glob("*.png"))
    assert len(images) == len(LANGS)
    assert all(p.stat().st_size > 10_000 for p in images)


def test_bidi_shim_keeps_brackets_and_codes() -> None:
    positions: list[int] = []
    visual = log2vis(
        "رقم (Hélène Lefèvre) \u206624/0371/OC\u2069", "RTL", clean=True, positions_V_to_L=positions
    )
    assert visual == "24/0371/OC (Hélène Lefèvre) مقر"
    assert sorted(positions) == [i for i in range(len(visual) + 2) if i not in (21, 32)]


def test_only_codes_are_isolated_in_rtl_text() -> None:
    text = "هيلين (Hélène Lefèvre) MLA-2024/117، هاتف +33 1 44 77 61 00، 24/0371/OC و 214 شخصا"
    assert isolate_codes(text) == (
        "هيلين (Hélène Lefèvre) \u2066MLA-2024/117\u2069، هاتف "
        "\u2066+33\u00a01\u00a044\u00a077\u00a061\u00a000\u2069، "
        "\u206624/0371/OC\u2069 و 214 شخصا"
    )
    assert isolate_codes("رقم The witness is here") == "رقم \u2066The witness is here\u2069"


def test_poppler_missing_is_clear(monkeypatch: pytest.MonkeyPatch, rendered: dict[str, Path]) -> None:
    monkeypatch.setattr(shutil, "which", lambda _tool: None)
    with pytest.raises(pdfcheck.PopplerMissing, match="install poppler-utils"):
        pdfcheck.extract_text(rendered["en"])


def test_empty_document_still_renders() -> None:
    doc = replace(
        sample_document("en", watermark=False),
        sections=(),
        signatures=(),
        annexes=(),
        notices=(),
        content_hash="",
        letterhead=(),
        addressee=(),
    )
    assert render(doc, created=CREATED).startswith(b"%PDF-")
