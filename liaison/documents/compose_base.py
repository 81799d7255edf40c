"""What the letter of request and the EIO form share: the writer that turns request values into
document entries in one language (catalog texts, babel formatting, free text with its translation
state), the vault context, and the blocks both layouts print the same way (an authority, a person).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_date

from liaison.documents import catalogs, certification, texts, texts_values
from liaison.documents import texts_eio as eio
from liaison.documents.freetext import PROSE_DETAILS, detail_path, free_text_fields, translation_of
from liaison.documents.layout import Entry, Section, SignatureBlock, TextKind
from liaison.domain.mla import Authority, Measure, MlaRequest, Offence, Person

Gettext = Callable[[str], str]


@dataclass(frozen=True)
class Context:
    """What the request points to, resolved from the vault by the caller."""

    addressee: tuple[str, ...] = ()
    legal_bases: tuple[str, ...] = ()  # instrument names, aligned with request.legal_bases
    case_reference: str = ""
    content_hash: str = ""
    # the same titles in other languages, where the agreement registry has them (official titles)
    legal_bases_by_lang: dict[str, tuple[str, ...]] = field(default_factory=dict)
    draft: bool = False  # exported although the request fails validation: DRAFT on every page
    extra_metadata: dict[str, str] = field(default_factory=dict)


class Writer:
    def __init__(self, request: MlaRequest, lang: str) -> None:
        self.request = request
        self.lang = lang
        self.locale = Locale.parse(lang.replace("-", "_"))
        self._ = catalogs.gettext_for(lang)
        self.untranslated: list[str] = []
        self.machine = False
        self.free = dict(free_text_fields(request))
        # Only a certification of this very language, over the content as it is now, counts.
        self.certification = certification.certification_for(request, lang)

    def text(self, msgid: str, **values: object) -> str:
        return catalogs.translate(self.lang, msgid, **values) if values else self._(msgid)

    def clause(self, msgid: str, **values: object) -> Entry:
        """A fixed sentence of the catalogs, in this language, as an unlabelled boilerplate entry."""
        return Entry("", self.text(msgid, **values), TextKind.BOILERPLATE)

    def date(self, value: dt.date | None) -> str:
        return format_date(value, "long", locale=self.locale) if value else ""

    def legal_bases(self, ctx: Context) -> tuple[str, ...]:
        """The instrument titles in this document's language when the registry has them."""
        return ctx.legal_bases_by_lang.get(self.lang, ctx.legal_bases)

    def place_and_date(self) -> str:
        """ "Rotterdam, 12 February 2026". Right to left: the Arabic comma, and an RLM first so the line
        runs right to left although it starts with a Latin name (else the bidi algorithm takes the line
        as left-to-right and prints "Rotterdam, 12 2026 فبراير")."""
        parts = [x for x in (self.request.place, self.date(self.request.request_date)) if x]
        if self.locale.character_order != "right-to-left":
            return ", ".join(parts)
        if self.request.place:  # isolated (FSI...PDI), so the day is not read as part of the name
            parts[0] = f"\u2068{self.request.place}\u2069"
        return "\u200f" + "\u060c ".join(parts) if parts else ""

    def country(self, code: str) -> str:
        return self.locale.territories.get(code.upper(), code) if code else ""

    def language(self, code: str) -> str:
        return self.locale.languages.get(code, code) if code else ""

    def label(self, path: str) -> str:
        return self._(texts.field_label(path))

    def data(self, path: str, value: object) -> Entry | None:
        text = value if isinstance(value, str) else str(value)
        return Entry(self.label(path), text) if text else None

    def free_value(self, path: str) -> tuple[str, TextKind]:
        """A free-text field in this language and how to mark it: the drafting language's text (FREE),
        its translation (FREE once certified or typed by a person, else MACHINE), or, with no
        translation, the original (UNTRANSLATED). Records what the notices must explain."""
        source = self.free.get(path, "")
        if not source or self.lang == self.request.language:
            return source, TextKind.FREE
        found = translation_of(self.request, path, self.lang, source)
        if found is None:
            self.untranslated.append(self.label(path))
            return source, TextKind.UNTRANSLATED
        # A translation the officer typed is not machine-made, but only a certification makes it official.
        if self.certification is not None or found.origin == "human":
            return found.text, TextKind.FREE
        self.machine = True
        return found.text, TextKind.MACHINE

    def free_entry(self, path: str, label: str | None = None, *, prefix: str = "") -> Entry | None:
        text, kind = self.free_value(path)
        if not text:
            return None
        language = self.request.language if kind is TextKind.UNTRANSLATED else ""
        return Entry(self.label(path) if label is None else label, prefix + text, kind, language)

    def details(self, index: int, m: Measure) -> list[Entry | None]:
        """The particulars of measure ``index``: prose translated like any free text, enumerated
        values through the catalogs, names and codes as typed."""
        return [self.detail(index, d.key, d.value) for d in m.details]

    def detail(self, index: int, key: str, value: str) -> Entry | None:
        if not value:
            return None
        if key == "mode":  # the key of earlier releases
            key = texts.DetailKey.HEARING_MODE
        label = texts.DETAIL_LABELS.get(texts.DetailKey(key)) if key in set(texts.DetailKey) else None
        shown = self._(label) if label else key
        if key in PROSE_DETAILS:
            return self.free_entry(detail_path(index, key), shown)
        if key == texts.DetailKey.HEARING_MODE and value in set(texts.HearingMode):
            value = self._(texts.HEARING_MODE_LABELS[texts.HearingMode(value)])
        return Entry(shown, value)

    def authority_kind(self, kind: str) -> str:
        known = texts_values.authority_kind(kind)
        return self._(texts_values.AUTHORITY_KIND_LABELS[known]) if known else kind

    def penalty(self, text: str) -> str:
        """A maximum penalty in this language when it is one we recognise ("12 years' imprisonment")."""
        found = texts_values.penalty(text)
        if found is None:
            return text
        unit, count = found
        if unit == "life":
            return self._(texts_values.LIFE_IMPRISONMENT)
        msgids = texts_values.PENALTY_YEARS if unit == "years" else texts_values.PENALTY_MONTHS
        return catalogs.translate_plural(self.lang, msgids, count)

    def persons_of(self, numbers: tuple[int, ...]) -> Entry | None:
        """The persons a measure concerns, by number and name, as section "Persons" lists them."""
        names = []
        for n in numbers:
            if 1 <= n <= len(self.request.persons):
                p = self.request.persons[n - 1]
                names.append(
                    f"{n}. "
                    + (p.legal_name if p.legal_person else f"{p.surname.upper()} {p.given_names}".strip())
                )
        return Entry(self.label("measures.persons"), "; ".join(names)) if names else None

    def flag(self, value: bool) -> str:
        return self._(texts.YES) if value else self._(texts.NO)


def present(*items: Entry | None) -> tuple[Entry, ...]:
    return tuple(item for item in items if item is not None)


def authority(w: Writer, prefix: str, who: Authority, *, functions: bool = True) -> list[Entry | None]:
    """An authority's particulars; ``functions`` (free text) only where the form asks for them
    (not in Annex B or C, whose boxes are the authority's particulars alone)."""
    return [
        w.data(f"{prefix}.name", who.name),
        w.data(f"{prefix}.kind", w.authority_kind(who.kind)),
        w.data(f"{prefix}.address", who.address),
        w.data(f"{prefix}.representative", who.representative),
        w.data(f"{prefix}.post", who.post),
        w.data(f"{prefix}.file_number", who.file_number),
        w.data(f"{prefix}.phone", who.phone),
        w.data(f"{prefix}.email", who.email),
        w.data(f"{prefix}.languages", ", ".join(w.language(c) for c in who.languages)),
        w.free_entry(f"{prefix}.functions") if functions else None,
    ]


def person(w: Writer, index: int, p: Person) -> list[Entry | None]:
    name = p.legal_name if p.legal_person else f"{p.surname.upper()} {p.given_names}".strip()
    return [
        w.data("persons.role", f"{index + 1}. {w._(texts.PERSON_ROLE_LABELS[p.role])} — {name}"),
        w.data("persons.aliases", ", ".join(p.aliases)),
        w.data("persons.sex", p.sex),
        w.data("persons.nationality", w.country(p.nationality)),
        w.data("persons.birth_date", w.date(p.birth_date)),
        w.data("persons.birth_place", p.birth_place),
        w.data("persons.id_documents", "; ".join(p.id_documents)),
        w.data("persons.address", p.address),
        w.data("persons.languages", ", ".join(w.language(c) for c in p.languages)),
        w.data("persons.legal_form", p.legal_form),
        w.data("persons.registration_number", p.registration_number),
        w.data("persons.seat", p.seat),
        w.data("persons.representative", p.representative),
        w.data("persons.identifiers", "; ".join(p.identifiers)),
    ]


def annex_d(value: str) -> eio.AnnexD | None:
    """The Annex D category recorded for an offence: its key, or its English label."""
    wanted = value.strip().lower()
    for category, label in eio.ANNEX_D_LABELS.items():
        if wanted in (category.value, label.lower()):
            return category
    return None


def offence(w: Writer, index: int, o: Offence) -> list[Entry | None]:
    """An offence as both layouts print it: classification, provisions, dual criminality, penalty and
    limitation date."""
    return [
        w.free_entry(f"offences.{index}.classification", prefix=f"{index + 1}. ")
        or w.data("offences.classification", f"{index + 1}."),
        w.free_entry(f"offences.{index}.provisions", w.label("offences.provisions")),
        w.free_entry(f"offences.{index}.dual_criminality", w.label("offences.dual_criminality")),
        w.data("offences.max_penalty", w.penalty(o.max_penalty)),
        w.data("offences.limitation_date", w.date(o.limitation_date)),
    ]


def measure_kind(w: Writer, index: int, m: Measure) -> Entry:
    """The numbered heading line of a measure ("1. Hearing of a witness or suspect")."""
    return Entry(w.label("measures.kind"), f"{index + 1}. {w._(texts.MEASURE_KIND_LABELS[m.kind])}")


def earlier_requests(w: Writer) -> list[Entry | None]:
    """Each earlier request: date, reference and authority as data, its remarks as free text."""
    entries: list[Entry | None] = []
    for i, e in enumerate(w.request.earlier_requests):
        line = " — ".join(x for x in (w.date(e.date), e.reference, e.authority) if x)
        entries += [w.data("earlier_requests.reference", line), w.free_entry(f"earlier_requests.{i}.note")]
    return entries


def validating_signature(w: Writer, v: Authority) -> SignatureBlock:
    """The validating judicial authority's signature block (EIO section L; a letter that names one)."""
    return SignatureBlock(
        w._(texts.VALIDATING_AUTHORITY),
        (
            (w._(texts.NAME), v.representative or v.name),
            (w._(texts.POST_HELD), v.post),
            (w._(texts.PLACE_AND_DATE), w.date(v.validated_on)),  # blank to be written by hand
        ),
        w._(texts.SIGNATURE),
        w._(texts.OFFICIAL_STAMP),
    )


def translation_section(w: Writer, number: str) -> Section:
    r = w.request
    entries: list[Entry | None] = [
        w.data("language", w.language(r.language)),
        Entry(w.label("translations.lang"), w.language(w.lang)),
    ]
    if w.certification is not None:
        t = w.certification
        entries.append(
            w.clause(
                texts.CLAUSES[texts.Clause.TRANSLATION_CERTIFICATE],
                name=t.name,
                qualification=t.qualification,
                source_language=w.language(r.language),
                target_language=w.language(w.lang),
            )
        )
        entries.append(
            w.clause(texts.CLAUSES[texts.Clause.TRANSLATION_CERTIFICATE_DATE], date=w.date(t.certified_on))
        )
        entries.append(Entry(w._(texts.CERTIFIED_CONTENT), t.content_hash))
    return Section(number, w._(texts.SECTION_HEADINGS[texts.SectionKey.TRANSLATION]), present(*entries))


def annex_lines(w: Writer) -> tuple[str, ...]:
    """The numbered annex list; a title is free text, so a machine-translated or untranslated one
    carries its mark as the entries do."""
    lines = []
    for i, a in enumerate(w.request.annexes):
        title, kind = w.free_value(f"annexes.{i}.title")
        mark = {TextKind.MACHINE: texts.MACHINE_MARKER, TextKind.UNTRANSLATED: texts.UNTRANSLATED_MARKER}
        lines.append(
            f"{i + 1}. {title}"
            + (f" {mark[kind]}" if kind in mark else "")
            + (f" — {a.file_name}" if a.file_name else "")
            + (f" (SHA-256 {a.sha256})" if a.sha256 else "")
        )
    return tuple(lines)
