"""The two layouts share their blocks: an offence, an earlier request and the validating authority's
signature print the same way in a letter of request (``compose_letter``) and in the EIO form
(``compose_eio``); ``compose`` only frames either one."""

from __future__ import annotations

import dataclasses
import datetime as dt

from liaison.documents import compose_base, compose_eio, compose_letter
from liaison.documents.compose import Context, compose
from liaison.documents.layout import Entry
from liaison.domain.mla import Authority, EarlierRequest, InstrumentKind, MlaRequest
from liaison.services import demo_requests


def _eio(**changes: object) -> MlaRequest:
    return dataclasses.replace(demo_requests.eio_to_france("case", None, None), **changes)  # type: ignore[arg-type]


def _entries(request: MlaRequest, lang: str) -> list[Entry]:
    return [e for s in compose(request, lang, Context()).sections for e in s.entries]


def test_offences_and_earlier_requests_print_alike_in_both_layouts() -> None:
    eio = _eio(
        earlier_requests=(EarlierRequest(dt.date(2026, 1, 5), "EIO-2026/3", "Parquet de Paris", "bank"),),
        validating_authority=Authority(
            name="Rechtbank Rotterdam", representative="Mr J. de Vries", post="Judge"
        ),
    )
    letter = dataclasses.replace(eio, instrument_kind=InstrumentKind.MLA_LETTER, rule_set="UNTOC-18-15")
    for lang in ("fr", "ar"):
        in_eio, in_letter = _entries(eio, lang), _entries(letter, lang)
        w = compose_base.Writer(eio, lang)
        shared = [e for i, o in enumerate(eio.offences) for e in compose_base.offence(w, i, o) if e]
        shared += [e for e in compose_base.earlier_requests(w) if e]
        assert shared
        for entry in shared:
            assert entry in in_eio and entry in in_letter, (lang, entry)
        block = compose_base.validating_signature(w, eio.validating_authority or Authority())
        assert block in compose(eio, lang, Context()).signatures
        assert block in compose(letter, lang, Context()).signatures


def test_each_layout_is_its_own_module() -> None:
    w = compose_base.Writer(_eio(), "en")
    eio_sections, _ = compose_eio.sections(w, Context())
    letter_sections, _ = compose_letter.sections(compose_base.Writer(_eio(), "en"), Context())
    assert [s.number for s in letter_sections][:3] == ["1", "2", "3"]
    assert eio_sections[0].number != letter_sections[0].number
