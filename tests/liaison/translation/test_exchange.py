"""TMX, TBX and CSV exchange: round trips, files as CAT tools write them, and hostile or broken
files refused with a one-line message naming the file and the problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from translate.storage import tbx, tmx

from liaison.domain import GlossaryTerm, TmEntry
from liaison.errors import ValidationError
from liaison.translation import exchange

SECRET = "S3CRET-PASSWORD-FROM-LOCAL-FILE"


def _file(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _error(call: object, *args: object) -> str:
    """Run ``call`` expecting a ValidationError; return its message, checked to be one line."""
    assert callable(call)
    with pytest.raises(ValidationError) as caught:
        call(*args)
    message = str(caught.value)
    assert "\n" not in message
    return message


def _secret_file(folder: Path) -> Path:
    return _file(folder, "secret.txt", SECRET)


# ---------------------------------------------------------------------------------------- TMX

TM_ENTRIES = [
    TmEntry(
        source_lang="en",
        target_lang="fr",
        source='The suspect said: "I was at <home> & asleep".',
        target="Le suspect a déclaré : « J'étais à <la maison> & endormi ».",
        note="Quote from the hearing & the <original> transcript",
    ),
    TmEntry(source_lang="en", target_lang="fr", source="Rogatory letter", target="Commission rogatoire"),
    TmEntry(source_lang="en", target_lang="fr", source="Police station", target="مركز الشرطة"),
    TmEntry(source_lang="en", target_lang="fr", source="Mutual legal assistance", target="司法协助"),
    TmEntry(source_lang="en", target_lang="fr", source="It's 'quoted'", target="C'est « cité »"),
]


def _tm_view(entries: list[TmEntry]) -> list[tuple[str, str, str, str, str]]:
    return [(e.source_lang, e.target_lang, e.source, e.target, e.note) for e in entries]


def test_tmx_round_trip_keeps_non_ascii_text_special_characters_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    exchange.write_tmx(TM_ENTRIES, path, "en", "fr")

    read = exchange.read_tmx(path)

    assert _tm_view(read) == _tm_view(TM_ENTRIES)
    assert {e.origin for e in read} == {"import:memory.tmx"}
    assert {(e.id, e.created_at, e.updated_at, e.approved_by) for e in read} == {("", "", "", "")}


def test_written_tmx_is_tmx_1_4_that_translate_toolkit_reads(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    exchange.write_tmx(TM_ENTRIES, path, "en", "fr")

    store = tmx.tmxfile.parsestring(path.read_bytes())
    root = store.document.getroot()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert header.get("creationtool") == "Liaison"
    assert header.get("srclang") == "en"
    assert header.get("datatype") == "plaintext"
    assert header.get("segtype") == "sentence"
    assert [(u.source, u.gettarget("fr")) for u in store.units] == [(e.source, e.target) for e in TM_ENTRIES]
    assert store.units[0].getnotes() == TM_ENTRIES[0].note
    assert b"&lt;home&gt; &amp; asleep" in path.read_bytes()


def test_write_tmx_replaces_atomically_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, "memory.tmx", "previous export")

    def fail(_source: object, _destination: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        exchange.write_tmx(TM_ENTRIES, path, "en", "fr")

    assert path.read_text() == "previous export"
    assert os.listdir(tmp_path) == ["memory.tmx"]


def test_write_tmx_refuses_an_entry_of_another_pair_or_unwritable_text(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    swapped = TmEntry(source_lang="fr", target_lang="en", source="Bonjour", target="Hello")
    control = TmEntry(source_lang="en", target_lang="fr", source="bell\x07", target="cloche")
    empty = TmEntry(source_lang="en", target_lang="fr", source="Hello", target="  ")

    assert _error(exchange.write_tmx, [TM_ENTRIES[1], swapped], path, "en", "fr") == (
        "cannot write memory.tmx: entry 2 is fr→en, not en→fr"
    )
    assert _error(exchange.write_tmx, [control], path, "en", "fr") == (
        "cannot write memory.tmx: entry 1 source contains the character U+0007, which XML cannot hold"
    )
    assert _error(exchange.write_tmx, [empty], path, "en", "fr") == (
        "cannot write memory.tmx: entry 1 target is empty"
    )
    assert _error(exchange.write_tmx, [], path, "en", "EN-GB") == (
        "memory.tmx: source and target language are both en"
    )
    assert not path.exists()


CAT_TOOL_TMX = """\ufeff<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.0" o-tmf="SDL TM8 Format"
          datatype="xml" segtype="sentence" adminlang="EN-US" srclang="EN-GB">
    <prop type="x-Domain:SinglePicklist">Police</prop>
  </header>
  <body>
    <!-- exported 2024-03-01 -->
    <tu creationdate="20240301T101500Z" creationid="AGENCY\\jdoe" changeid="AGENCY\\jdoe">
      <prop type="x-Domain:SinglePicklist">Police</prop>
      <note>Approved by the liaison desk</note>
      <tuv xml:lang="en-GB">
        <seg>Press <bpt i="1" x="1">&lt;b&gt;</bpt>Submit<ept i="1">&lt;/b&gt;</ept>\
 to file <ph x="2">{1}</ph>.</seg>
      </tuv>
      <tuv xml:lang="fr-FR">
        <prop type="x-Context">ui</prop>
        <note>Keep the placeholder</note>
        <seg>Appuyez sur <bpt i="1" x="1">&lt;b&gt;</bpt>Envoyer<ept i="1">&lt;/b&gt;</ept>\
 pour déposer <ph x="2">{1}</ph>.</seg>
      </tuv>
    </tu>
    <tu>
      <tuv xml:lang="EN-GB"><seg>Custody <hi type="b">record</hi></seg></tuv>
      <tuv xml:lang="FR-fr"><seg>Registre de <hi type="b">garde à vue</hi></seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-GB"><seg>Untranslated</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>   </seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-GB"><seg>English only</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-GB"><seg>  Padded segment  </seg></tuv>
      <tuv lang="fr_FR"><seg>Segment avec espaces</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_tmx_from_a_cat_tool_normalises_languages_and_keeps_inline_tag_text(tmp_path: Path) -> None:
    """Inline tags are flattened to their text content: the native codes stay in the segment."""
    entries = exchange.read_tmx(_file(tmp_path, "export.tmx", CAT_TOOL_TMX))

    assert [(e.source_lang, e.target_lang) for e in entries] == [("en", "fr")] * 3
    assert [(e.source, e.target) for e in entries] == [
        ("Press <b>Submit</b> to file {1}.", "Appuyez sur <b>Envoyer</b> pour déposer {1}."),
        ("Custody record", "Registre de garde à vue"),
        ("Padded segment", "Segment avec espaces"),
    ]
    assert entries[0].note == "Approved by the liaison desk\nKeep the placeholder"
    assert entries[1].note == ""
    assert entries[0].origin == "import:export.tmx"


MULTILINGUAL_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" o-tmf="x" datatype="plaintext" segtype="sentence"
          adminlang="en" srclang="{srclang}"/>
  <body>
    <tu>
      <tuv xml:lang="en-US"><seg>Warrant</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Mandat</seg></tuv>
      <tuv xml:lang="de-DE"><seg>Haftbefehl</seg></tuv>
      <tuv xml:lang="ar"><seg>مذكرة توقيف</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-US"><seg>Witness</seg></tuv>
      <tuv xml:lang="de-DE"><seg>Zeuge</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_multilingual_tmx_reads_the_requested_pair(tmp_path: Path) -> None:
    path = _file(tmp_path, "multi.tmx", MULTILINGUAL_TMX.format(srclang="en-US"))

    to_german = exchange.read_tmx(path, target_lang="de")
    french_to_arabic = exchange.read_tmx(path, "FR", "ar-MA")

    assert [(e.source_lang, e.target_lang, e.source, e.target) for e in to_german] == [
        ("en", "de", "Warrant", "Haftbefehl"),
        ("en", "de", "Witness", "Zeuge"),
    ]
    assert [(e.source_lang, e.target_lang, e.source, e.target) for e in french_to_arabic] == [
        ("fr", "ar", "Mandat", "مذكرة توقيف")
    ]
    assert _error(exchange.read_tmx, path) == (
        "multi.tmx: has several target languages (fr, de, ar); choose one to import"
    )
    assert _error(exchange.read_tmx, path, "en", "it") == (
        "multi.tmx: has no Italian (it) segments (languages in the file: en, fr, de, ar)"
    )
    assert (
        _error(exchange.read_tmx, path, "fr", "fr-CA") == "multi.tmx: source and target language are both fr"
    )
    assert _error(exchange.read_tmx, path, "en", "fr 1") == (
        "multi.tmx: target language: 'fr 1' is not a language code such as fr or fr-FR"
    )


def test_tmx_without_a_header_source_language_needs_one(tmp_path: Path) -> None:
    path = _file(tmp_path, "all.tmx", MULTILINGUAL_TMX.format(srclang="*all*"))
    pair = _file(tmp_path, "pair.tmx", CAT_TOOL_TMX.replace(' srclang="EN-GB"', ' srclang="*all*"'))

    assert _error(exchange.read_tmx, path) == (
        "all.tmx: cannot tell the source language (the header has no srclang); choose one of en, fr, de, ar"
    )
    assert [e.source_lang for e in exchange.read_tmx(path, "de", "en")] == ["de", "de"]
    # With only two languages, naming the target is enough.
    assert {(e.source_lang, e.target_lang) for e in exchange.read_tmx(pair, target_lang="fr")} == {
        ("en", "fr")
    }


_TMX_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_TU = '<tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu>'
_BILLION_LAUGHS = (
    _TMX_HEAD
    + '<!DOCTYPE tmx [\n  <!ENTITY lol "lol">\n'
    + "".join(
        f'  <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + ']>\n<tmx version="1.4"><header srclang="en"/><body>'
    + '<tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv><tuv xml:lang="fr"><seg>x</seg></tuv></tu>'
    + "</body></tmx>"
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("", "broken.tmx: file is empty", id="empty"),
        pytest.param("This is a plain text note.\n", "broken.tmx line 1: not an XML file", id="text"),
        pytest.param(b"%PDF-1.7\n\x00\x01\x02", "broken.tmx line 1: not an XML file", id="binary"),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4">\n<header srclang="en"/>\n<body>\n' + _TU + "\n<tu><tuv xml:la",
            "broken.tmx line 6: XML ends early, the file is truncated",
            id="truncated-in-tag",
        ),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4">\n<header srclang="en"/>\n<body>\n' + _TU + "\n",
            "broken.tmx line 6: XML ends early, the file is truncated",
            id="truncated-after-unit",
        ),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4">\n<body>\n<tu></tuv></tu>\n</body></tmx>',
            "broken.tmx line 4 column 7: malformed XML (mismatched tag)",
            id="mismatched-tag",
        ),
        pytest.param(
            _TMX_HEAD + "<html><body><p>Not a memory</p></body></html>",
            "broken.tmx: not a TMX file (root element is <html>, expected <tmx>)",
            id="wrong-root",
        ),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4"><header srclang="en"/></tmx>',
            "broken.tmx: TMX file has no <body>",
            id="no-body",
        ),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4"><header srclang="en"/><body/></tmx>',
            "broken.tmx: TMX file contains no translation units (<tu>)",
            id="no-units",
        ),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4">\n<header srclang="en"/>\n<body>\n<tu>\n'
            '<tuv xml:lang="en"><seg>Hi</seg></tuv>\n<tuv><seg>Salut</seg></tuv>\n</tu></body></tmx>',
            "broken.tmx line 7: <tuv> has no xml:lang attribute",
            id="missing-language",
        ),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4"><header srclang="en"/><body>\n'
            '<tu><tuv xml:lang="en"><seg>Hi</seg></tuv><tuv xml:lang="12"><seg>x</seg></tuv></tu>'
            "</body></tmx>",
            "broken.tmx line 3: '12' is not a language code such as fr or fr-FR",
            id="bad-language",
        ),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4"><header srclang="en"/><body>'
            '<tu><tuv xml:lang="en"><seg>Hi</seg></tuv><tuv xml:lang="fr"><seg/></tuv></tu></body></tmx>',
            "broken.tmx: no translation unit has both en and fr text",
            id="only-empty-segments",
        ),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4"><header srclang="en"/><body>'
            '<tu><tuv xml:lang="en"><seg>Hi</seg></tuv></tu></body></tmx>',
            "broken.tmx: has only English (en) segments, nothing to pair them with",
            id="one-language",
        ),
        pytest.param(
            _BILLION_LAUGHS,
            "broken.tmx line 3: declares the entity 'lol'; entity declarations are refused "
            "(they can expand without limit or read local files)",
            id="billion-laughs",
        ),
    ],
)
def test_malformed_tmx_is_refused_with_a_specific_message(
    tmp_path: Path, content: str | bytes, message: str
) -> None:
    assert _error(exchange.read_tmx, _file(tmp_path, "broken.tmx", content)) == message


@pytest.mark.parametrize(
    ("template", "message"),
    [
        pytest.param(
            '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{url}">]>\n<tmx version="1.4">'
            '<header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a&xxe;</seg></tuv>'
            '<tuv xml:lang="fr"><seg>b</seg></tuv></tu></body></tmx>',
            "hostile.tmx line 2: declares the entity 'xxe'; entity declarations are refused "
            "(they can expand without limit or read local files)",
            id="external-entity",
        ),
        pytest.param(
            '<!DOCTYPE tmx [<!ENTITY % leak SYSTEM "{url}"> %leak;]>\n<tmx version="1.4">'
            '<header srclang="en"/><body/></tmx>',
            "hostile.tmx line 2: declares the entity 'leak'; entity declarations are refused "
            "(they can expand without limit or read local files)",
            id="parameter-entity",
        ),
        pytest.param(
            '<!DOCTYPE tmx SYSTEM "{url}">\n<tmx version="1.4">'
            '<header srclang="en"/><body><tu><tuv xml:lang="en"><seg>a&secret;</seg></tuv>'
            '<tuv xml:lang="fr"><seg>b</seg></tuv></tu></body></tmx>',
            "hostile.tmx line 3: uses the undeclared entity &secret;",
            id="external-dtd",
        ),
    ],
)
def test_xxe_never_reads_a_local_file(tmp_path: Path, template: str, message: str) -> None:
    url = _secret_file(tmp_path).as_uri()
    path = _file(tmp_path, "hostile.tmx", _TMX_HEAD + template.replace("{url}", url))

    assert _error(exchange.read_tmx, path) == message
    assert SECRET not in message


def test_a_dtd_reference_without_entities_is_accepted_but_never_loaded(tmp_path: Path) -> None:
    """CAT tools write <!DOCTYPE tmx SYSTEM "tmx14.dtd">; a DTD pointing at a local file is ignored."""
    url = _secret_file(tmp_path).as_uri()
    path = _file(
        tmp_path,
        "doctype.tmx",
        _TMX_HEAD + f'<!DOCTYPE tmx SYSTEM "{url}">\n'
        f'<tmx version="1.4"><header srclang="en"/><body>{_TU}</body></tmx>',
    )

    entries = exchange.read_tmx(path)

    assert [(e.source, e.target) for e in entries] == [("Hello", "Bonjour")]
    assert SECRET not in repr(entries)


def test_size_and_entry_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(
        tmp_path,
        "big.tmx",
        _TMX_HEAD + f'<tmx version="1.4"><header srclang="en"/><body>{_TU * 3}</body></tmx>',
    )
    monkeypatch.setattr(exchange, "MAX_ENTRIES", 2)
    assert _error(exchange.read_tmx, path) == "big.tmx: more than 2 translation units; split the file"

    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 100)
    assert _error(exchange.read_tmx, path).startswith("big.tmx: file is 0 MB, over the 0 MB limit")
    assert _error(exchange.read_tmx, tmp_path / "missing.tmx") == "missing.tmx: file not found"


# ---------------------------------------------------------------------------------------- TBX

GLOSSARY = [
    GlossaryTerm(
        source_lang="en",
        target_lang="fr",
        term="rogatory letter",
        translation="commission rogatoire",
        note='Used in "MLA" requests & <formal> letters',
        forbidden=("lettre rogatoire", "commission d'enquête"),
        subject="Criminal procedure",
    ),
    GlossaryTerm(source_lang="en", target_lang="fr", term="R&D <unit>", translation="unité « R&D »"),
    GlossaryTerm(source_lang="en", target_lang="fr", term="police", translation="police"),
    GlossaryTerm(
        source_lang="ar",
        target_lang="zh",
        term="مذكرة توقيف",
        translation="逮捕令",
        note="ملاحظة\n第二行",
        forbidden=("拘捕证",),
        subject="法律",
    ),
]


def _term_view(terms: list[GlossaryTerm]) -> list[tuple[object, ...]]:
    return [
        (t.source_lang, t.target_lang, t.term, t.translation, t.note, t.forbidden, t.subject) for t in terms
    ]


def test_tbx_round_trip_keeps_forbidden_terms_notes_subjects_and_pairs(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tbx"
    exchange.write_tbx(GLOSSARY, path)

    en_fr = exchange.read_tbx(path, "en", "fr")
    ar_zh = exchange.read_tbx(path, "ar", "zh")

    assert _term_view(en_fr) == _term_view(GLOSSARY[:3])
    assert _term_view(ar_zh) == _term_view(GLOSSARY[3:])
    assert {(t.id, t.created_at, t.updated_at) for t in en_fr + ar_zh} == {("", "", "")}


def test_written_tbx_is_read_by_translate_toolkit_with_deprecated_terms(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tbx"
    exchange.write_tbx(GLOSSARY[:1], path)

    store = tbx.tbxfile.parsestring(path.read_bytes(), sourcelanguage="en", targetlanguage="fr")
    (unit,) = store.units
    targets = unit.get_target_terms()

    assert store.document.getroot().tag == "martif"
    assert unit.source == "rogatory letter"
    assert [(t.text, t.deprecated) for t in targets] == [
        ("commission rogatoire", False),
        ("lettre rogatoire", True),
        ("commission d'enquête", True),
    ]
    assert GLOSSARY[0].note in unit.getnotes()


def test_write_tbx_refuses_what_xml_cannot_hold(tmp_path: Path) -> None:
    bad = GlossaryTerm(source_lang="en", target_lang="fr", term="a", translation="b", forbidden=("c\x00",))
    assert _error(exchange.write_tbx, [bad], tmp_path / "g.tbx") == (
        "cannot write g.tbx: term 1 forbidden alternative contains the character U+0000, "
        "which XML cannot hold"
    )


TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>Agency termbase</p></sourceDesc></fileDesc></martifHeader>
  <text>
    <body>
      <termEntry id="c1">
        <descrip type="subjectField">Mutual legal assistance</descrip>
        <descripGrp>
          <descrip type="definition">A request from a judge to a foreign court.</descrip>
        </descripGrp>
        <langSet xml:lang="en-GB">
          <note>British usage</note>
          <ntig>
            <termGrp>
              <term>letter of request</term>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            </termGrp>
          </ntig>
          <tig>
            <term>rogatory letter</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            <note>Seen in older treaties</note>
          </tig>
        </langSet>
        <langSet xml:lang="fr-FR">
          <tig>
            <term>lettre rogatoire</term>
            <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
            <note>Only for this term, not copied</note>
          </tig>
          <tig>
            <term>commission   rogatoire</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <descrip type="context">La commission rogatoire a été délivrée.</descrip>
          </tig>
          <tig><term>demande d'entraide</term></tig>
          <tig>
            <term>rogatoire</term>
            <termNote type="normativeAuthorization">notRecommended</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="de-DE"><tig><term>Rechtshilfeersuchen</term></tig></langSet>
      </termEntry>
      <!-- a concept in other languages only: skipped -->
      <termEntry id="c2">
        <langSet xml:lang="de"><tig><term>Haftbefehl</term></tig></langSet>
        <langSet xml:lang="es"><tig><term>orden de detención</term></tig></langSet>
      </termEntry>
      <termEntry id="c3">
        <langSet xml:lang="EN"><tig><term>custody &amp; &lt;detention&gt;</term></tig></langSet>
        <langSet xml:lang="fr"><tig><term>garde à vue</term></tig></langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def test_tbx_basic_from_a_termbase(tmp_path: Path) -> None:
    terms = exchange.read_tbx(_file(tmp_path, "termbase.tbx", TBX_BASIC), "en", "fr")

    shared = "A request from a judge to a foreign court.\nBritish usage"
    assert _term_view(terms) == [
        (
            "en",
            "fr",
            "letter of request",
            "commission rogatoire",
            shared,
            ("lettre rogatoire", "rogatoire"),
            "Mutual legal assistance",
        ),
        (
            "en",
            "fr",
            "rogatory letter",
            "commission rogatoire",
            shared + "\nSeen in older treaties",
            ("lettre rogatoire", "rogatoire"),
            "Mutual legal assistance",
        ),
        ("en", "fr", "custody & <detention>", "garde à vue", "", (), ""),
    ]


TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="TBXcoreStructV03.rng" type="application/xml"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dct" xml:lang="en">
  <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="c1">
        <descrip type="subjectField">Police</descrip>
        <langSec xml:lang="en">
          <termSec><term>arrest warrant</term></termSec>
        </langSec>
        <langSec xml:lang="ar">
          <termSec>
            <term>أمر القبض</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>مذكرة توقيف</term>
            <note>المصطلح المعتمد</note>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""


def test_tbx_v3_concept_entries_and_term_sections(tmp_path: Path) -> None:
    terms = exchange.read_tbx(_file(tmp_path, "v3.tbx", TBX_V3), "en-US", "ar")

    assert _term_view(terms) == [
        ("en", "ar", "arrest warrant", "مذكرة توقيف", "المصطلح المعتمد", ("أمر القبض",), "Police"),
    ]


_TBX_HEAD = '<?xml version="1.0"?>\n<martif type="TBX">\n<text>\n<body>\n'
_TBX_TAIL = "</body>\n</text>\n</martif>\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            _TBX_HEAD
            + '<termEntry>\n<langSet xml:lang="en"><tig><term>warrant</term></tig></langSet>\n'
            + '<langSet xml:lang="fr"><tig><term>mandat</term></tig></langSet>\n</termEntry>\n'
            + '<termEntry>\n<langSet xml:lang="de"><tig><term>Kaution</term></tig></langSet>\n</termEntry>\n'
            + '<termEntry>\n<langSet xml:lang="en"><tig><term>bail</term></tig></langSet>\n</termEntry>\n'
            + _TBX_TAIL,
            "glossary.tbx line 12: term entry has no French (fr) term",
            id="no-target-term",
        ),
        pytest.param(
            _TBX_HEAD
            + '<termEntry>\n<langSet xml:lang="fr"><tig><term>mandat</term></tig></langSet>\n</termEntry>\n'
            + '<termEntry>\n<langSet xml:lang="en"><tig><term>warrant</term></tig></langSet>\n</termEntry>\n'
            + _TBX_TAIL,
            "glossary.tbx line 5: term entry has no English (en) term",
            id="no-source-term",
        ),
        pytest.param(
            _TBX_HEAD
            + '<termEntry>\n<langSet xml:lang="en"><tig><term>warrant</term></tig></langSet>\n'
            + '<langSet xml:lang="fr"><tig><term>mandat</term><termNote type="administrativeStatus">'
            + "deprecatedTerm-admn-sts</termNote></tig></langSet>\n</termEntry>\n"
            + _TBX_TAIL,
            "glossary.tbx line 5: term entry has only forbidden French (fr) terms",
            id="only-forbidden",
        ),
        pytest.param(
            _TBX_HEAD
            + '<termEntry>\n<langSet xml:lang="en"><tig><term>warrant</term></tig></langSet>\n'
            + '<langSet xml:lang="de"><tig><term>Haftbefehl</term></tig></langSet>\n</termEntry>\n'
            + _TBX_TAIL,
            "glossary.tbx: has no French (fr) terms (languages in the file: en, de)",
            id="unknown-pair",
        ),
        pytest.param(
            _TBX_HEAD
            + "<termEntry>\n<langSet><tig><term>warrant</term></tig></langSet>\n</termEntry>\n"
            + _TBX_TAIL,
            "glossary.tbx line 6: <langSet> has no xml:lang attribute",
            id="missing-language",
        ),
        pytest.param(
            _TBX_HEAD + _TBX_TAIL, "glossary.tbx: TBX file contains no term entries (<termEntry>)", id="empty"
        ),
        pytest.param(
            '<martif type="TBX"><text/></martif>', "glossary.tbx: TBX file has no <body>", id="no-body"
        ),
        pytest.param(
            _TMX_HEAD + '<tmx version="1.4"><body/></tmx>',
            "glossary.tbx: not a TBX file (root element is <tmx>, expected <martif> or <tbx>)",
            id="wrong-root",
        ),
        pytest.param(
            _TBX_HEAD + "<termEntry>", "glossary.tbx line 5: XML ends early, the file is truncated", id="cut"
        ),
        pytest.param(
            _BILLION_LAUGHS,
            "glossary.tbx line 3: declares the entity 'lol'; entity declarations are refused "
            "(they can expand without limit or read local files)",
            id="billion-laughs",
        ),
    ],
)
def test_malformed_tbx_is_refused_with_a_specific_message(tmp_path: Path, content: str, message: str) -> None:
    assert _error(exchange.read_tbx, _file(tmp_path, "glossary.tbx", content), "en", "fr") == message


def test_tbx_external_entity_never_reads_a_local_file(tmp_path: Path) -> None:
    url = _secret_file(tmp_path).as_uri()
    content = (
        f'<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "{url}">]>\n<martif><text><body>'
        '<termEntry><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet>'
        '<langSet xml:lang="fr"><tig><term>x</term></tig></langSet></termEntry></body></text></martif>'
    )

    message = _error(exchange.read_tbx, _file(tmp_path, "hostile.tbx", content), "en", "fr")

    assert message.startswith("hostile.tbx line 2: declares the entity 'xxe'")
    assert SECRET not in message


# ---------------------------------------------------------------------------------------- CSV

CSV_GLOSSARY = [
    *GLOSSARY[:3],
    GlossaryTerm(
        source_lang="en",
        target_lang="fr",
        term='=HYPERLINK("http://x")',
        translation="-ment, suffixe",
        note='Line one\nline two; with "quotes", commas',
        forbidden=("@mention", "+33"),
        subject="Spreadsheet, hostile",
    ),
    GlossaryTerm(source_lang="en", target_lang="fr", term="police station", translation="مركز الشرطة 警察局"),
]


def test_csv_round_trip_keeps_text_and_defuses_formulas(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    exchange.write_glossary_csv(CSV_GLOSSARY, path)

    raw = path.read_bytes()
    read = exchange.read_glossary_csv(path, "en", "fr")

    assert raw.startswith(b"\xef\xbb\xbfterm,translation,note,forbidden,subject\r\n")
    assert "'=HYPERLINK" in raw.decode("utf-8-sig")
    assert "'-ment" in raw.decode("utf-8-sig")
    assert _term_view(read) == _term_view(CSV_GLOSSARY)


def test_csv_with_semicolons_no_bom_any_column_order_and_blank_lines(tmp_path: Path) -> None:
    content = (
        "Translation;Term;Forbidden;Extra\n"
        "mandat d'arrêt;arrest warrant;mandat de dépôt | mandat;ignored\n"
        "\n"
        'garde à vue;"custody; police";;\n'
    )

    terms = exchange.read_glossary_csv(_file(tmp_path, "semi.csv", content), "en", "fr-FR")

    assert _term_view(terms) == [
        ("en", "fr", "arrest warrant", "mandat d'arrêt", "", ("mandat de dépôt", "mandat"), ""),
        ("en", "fr", "custody; police", "garde à vue", "", (), ""),
    ]


def test_csv_with_bom_from_excel(tmp_path: Path) -> None:
    content = "\ufeffterm,translation,note,forbidden,subject\r\nwitness,témoin,,,Procédure\r\n"

    terms = exchange.read_glossary_csv(_file(tmp_path, "excel.csv", content), "en", "fr")

    assert _term_view(terms) == [("en", "fr", "witness", "témoin", "", (), "Procédure")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            "term,note\nwarrant,x\n",
            "bad.csv line 1: missing required column 'translation' "
            "(the header must be term,translation,note,forbidden,subject)",
            id="missing-column",
        ),
        pytest.param(
            "source;target\nwarrant;mandat\n",
            "bad.csv line 1: missing required column 'term' and 'translation' "
            "(the header must be term,translation,note,forbidden,subject)",
            id="wrong-header",
        ),
        pytest.param(
            'term,translation,note\nwarrant,mandat,"two\nlines"\n,témoin,\n',
            "bad.csv line 4: empty term",
            id="empty-term",
        ),
        pytest.param(
            "term,translation\nwarrant,mandat\nwitness,  \n",
            "bad.csv line 3: term 'witness' has no translation",
            id="empty-translation",
        ),
        pytest.param(
            "term,translation,forbidden\nwarrant,mandat,mandat|ordre\n",
            "bad.csv line 2: 'mandat' is both the translation and forbidden",
            id="translation-forbidden",
        ),
        pytest.param(
            "term,translation\nwarrant,mandat,extra\n",
            "bad.csv line 2: 3 fields but the header has 2",
            id="too-many-fields",
        ),
        pytest.param(
            'term,translation\n"warrant"x,mandat\n',
            "bad.csv line 2: malformed CSV (',' expected after '\"')",
            id="bad-quoting",
        ),
        pytest.param(
            "term,translation\nwarrant,mandat\nterm,translation,term\n",
            "bad.csv line 3: 3 fields but the header has 2",
            id="repeated-header",
        ),
        pytest.param(
            "term,translation,term\n", "bad.csv line 1: column 'term' appears twice", id="duplicate"
        ),
        pytest.param("term,translation\n\n", "bad.csv: has a header but no terms", id="no-terms"),
        pytest.param(
            "term,translation\nt\xe9moin,witness\n".encode("latin-1"),
            "bad.csv: not UTF-8 text (byte 19 cannot be decoded); save it as CSV UTF-8",
            id="latin-1",
        ),
        pytest.param("  \n", "bad.csv: file is empty", id="empty"),
    ],
)
def test_malformed_csv_is_refused_with_the_line(tmp_path: Path, content: str | bytes, message: str) -> None:
    assert _error(exchange.read_glossary_csv, _file(tmp_path, "bad.csv", content), "en", "fr") == message


def test_write_csv_refuses_the_separator_in_a_forbidden_alternative(tmp_path: Path) -> None:
    term = GlossaryTerm(source_lang="en", target_lang="fr", term="a", translation="b", forbidden=("c|d",))

    assert _error(exchange.write_glossary_csv, [term], tmp_path / "out.csv") == (
        "cannot write out.csv: term 1 has a forbidden alternative containing '|', the CSV separator: 'c|d'"
    )
    assert not (tmp_path / "out.csv").exists()
