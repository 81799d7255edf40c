"""The demo vault data: well formed, internally consistent and loadable by key."""

from __future__ import annotations

import re
import zoneinfo
from pathlib import Path

import pytest

from liaison.domain import AgreementKind, Handling
from liaison.services.demo_data import AGENCIES, AGREEMENTS, CASES, CONTACTS, DemoAgreement

LANGUAGE = re.compile(r"[a-z]{2}")
COUNTRY = re.compile(r"[A-Z]{2}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
AGENCY_KEYS = {a.key for a in AGENCIES}
CONTACT_KEYS = {c.key for c in CONTACTS}
AGREEMENT_KEYS = {a.key for a in AGREEMENTS}
PARTIES = [p for a in AGREEMENTS for p in a.parties]
NOTES = [n.note for c in CASES for n in c.notes]


def _by_short_name(short_name: str) -> DemoAgreement:
    matches = [a for a in AGREEMENTS if a.agreement.short_name == short_name]
    assert len(matches) == 1, short_name
    return matches[0]


def test_enough_contacts_across_enough_countries() -> None:
    assert len(CONTACTS) >= 30
    assert len({c.contact.country for c in CONTACTS}) >= 10
    assert len(AGENCIES) >= 15


def test_keys_are_unique() -> None:
    for keys in (
        [a.key for a in AGENCIES],
        [c.key for c in CONTACTS],
        [a.key for a in AGREEMENTS],
        [c.key for c in CASES],
    ):
        assert len(keys) == len(set(keys))
    all_keys = [*AGENCY_KEYS, *CONTACT_KEYS, *AGREEMENT_KEYS, *(c.key for c in CASES)]
    assert len(all_keys) == len(set(all_keys))


def test_every_key_reference_resolves() -> None:
    seen: set[str] = set()
    for a in AGENCIES:
        if a.parent_key is not None:
            assert a.parent_key in seen, f"{a.key}: parent must be defined earlier"
        seen.add(a.key)
    for c in CONTACTS:
        assert c.agency_key is None or c.agency_key in AGENCY_KEYS, c.key
    for p in PARTIES:
        key = p.central_authority_key
        assert key is None or key in AGENCY_KEYS, key
    for case in CASES:
        assert set(case.contact_keys) <= CONTACT_KEYS, case.key
        assert set(case.agreement_keys) <= AGREEMENT_KEYS, case.key


def test_foreign_keys_and_ids_are_left_for_the_loader() -> None:
    records = [
        *(a.agency for a in AGENCIES),
        *(c.contact for c in CONTACTS),
        *(a.agreement for a in AGREEMENTS),
        *(p.party for p in PARTIES),
        *(c.case for c in CASES),
        *NOTES,
    ]
    for record in records:
        assert (record.id, record.created_at, record.updated_at) == ("", "", "")
    assert all(a.agency.parent_id is None for a in AGENCIES)
    assert all(c.contact.agency_id is None and c.contact.successor_id is None for c in CONTACTS)
    assert all(p.party.agreement_id == "" and p.party.central_authority_id is None for p in PARTIES)
    assert all(n.case_id == "" for n in NOTES)


def test_timezones_are_valid_iana_names() -> None:
    for c in CONTACTS:
        assert c.contact.timezone, c.key
        zoneinfo.ZoneInfo(c.contact.timezone)


def test_language_codes_are_two_letter_lowercase() -> None:
    codes: list[str] = []
    for c in CONTACTS:
        codes.append(c.contact.preferred_language)
        codes.extend(skill.code for skill in c.contact.languages)
        assert {skill.level for skill in c.contact.languages} <= {"working", "spoken", "reads"}
    for a in AGREEMENTS:
        codes.extend(t.lang for t in a.agreement.titles)
    for p in PARTIES:
        codes.extend(p.party.accepted_languages)
    codes.extend(n.language for n in NOTES)
    bad = [code for code in codes if not LANGUAGE.fullmatch(code)]
    assert not bad


def test_country_codes_are_two_letter_uppercase() -> None:
    codes = [a.agency.country for a in AGENCIES] + [c.contact.country for c in CONTACTS]
    codes += [p.party.country for p in PARTIES]
    codes += [code for case in CASES for code in case.case.countries]
    bad = [code for code in codes if not COUNTRY.fullmatch(code)]
    assert not bad


def test_contact_channels_are_usable() -> None:
    for c in CONTACTS:
        kinds = {ch.kind for ch in c.contact.channels}
        assert c.contact.preferred_channel in kinds, c.key
        assert c.contact.preferred_channel not in c.contact.avoid_channels, c.key
        for ch in c.contact.channels:
            assert ch.value.strip()
            if ch.kind in ("email", "pgp-email"):
                assert EMAIL.fullmatch(ch.value), ch.value
                assert ".example." in ch.value, ch.value


@pytest.mark.parametrize(
    ("short_name", "rule_set"),
    [
        ("UNTOC", "UNTOC-18-15"),
        ("ETS 30", "COE-1959-14"),
        ("ETS 99", "COE-1959-14"),
        ("ETS 182", "COE-1959-14"),
        ("EIO", "EIO-ANNEX-A"),
        ("UNCAC", "UNCAC-46-15"),
        ("Harare Scheme", "HARARE-14"),
    ],
)
def test_main_instruments_are_present(short_name: str, rule_set: str) -> None:
    assert _by_short_name(short_name).agreement.rule_set == rule_set


def test_bilateral_treaties_follow_the_model_treaty() -> None:
    bilaterals = [a for a in AGREEMENTS if a.agreement.kind is AgreementKind.BILATERAL_MLAT]
    assert len(bilaterals) >= 2
    for b in bilaterals:
        assert b.agreement.rule_set == "MODEL-TREATY-5"
        assert len(b.parties) == 2


def test_multilateral_instruments_have_enough_parties() -> None:
    assert len(_by_short_name("UNTOC").parties) >= 8
    assert len(_by_short_name("ETS 30").parties) >= 8


def test_eio_has_no_irish_or_danish_party() -> None:
    eio = _by_short_name("EIO")
    countries = {p.party.country for p in eio.parties}
    assert countries
    assert not countries & {"IE", "DK"}
    assert "Ireland and Denmark" in eio.agreement.relationship


def test_party_countries_are_unique_per_agreement() -> None:
    for a in AGREEMENTS:
        countries = [p.party.country for p in a.parties]
        assert len(countries) == len(set(countries)), a.key


def test_cases_have_notes_contacts_and_agreements() -> None:
    assert len(CASES) >= 3
    for case in CASES:
        assert len(case.notes) >= 3, case.key
        assert case.contact_keys and case.agreement_keys
        assert len(case.contact_keys) == len(set(case.contact_keys))


def test_notes_cover_languages_handling_and_search() -> None:
    languages = [n.language for n in NOTES]
    assert languages.count("fr") >= 1
    assert languages.count("es") >= 1
    assert languages.count("en") > len(NOTES) // 2
    assert any(n.handling is Handling.RED for n in NOTES)
    assert any("bank records" in n.body for n in NOTES)
    assert all(n.title.strip() and n.body.strip() for n in NOTES)


def test_native_scripts_are_represented() -> None:
    natives = [a.agency.name_native for a in AGENCIES] + [c.contact.name_native for c in CONTACTS]
    text = "".join(natives)
    assert re.search(r"[\u0600-\u06ff]", text)  # Arabic
    assert re.search(r"[\u4e00-\u9fff]", text)  # Chinese
    assert re.search(r"[\u0400-\u04ff]", text)  # Cyrillic


def test_demo_vault_loads_and_is_searchable(tmp_path: Path) -> None:
    """The loader resolves every key and the sample data passes the services' validation."""
    from liaison.crypto.kdf import KdfProfile
    from liaison.services import catalog, demo
    from liaison.store import audit, search
    from liaison.store.vault import create_vault

    vault, _code = create_vault(tmp_path / "demo.db", "demo passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    with vault:
        counts = demo.populate(vault)
        assert counts["contacts"] >= 30 and counts["cases"] == 3 and counts["notes"] >= 9
        assert len({c.country for c in catalog.contacts.list(vault)}) >= 10
        assert any(h.kind == "note" for h in search.search(vault, "bank records"))
        case = catalog.cases.list(vault)[0]
        assert catalog.linked(vault, case.id)
        audit.verify(vault)
