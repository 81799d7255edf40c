"""Rule sets and country profiles: the data loads, complete requests pass, gaps name field and article."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from liaison.documents import countries, rules
from liaison.documents.rules import Issue, IssueLevel
from liaison.domain.mla import (
    Authority,
    ContactOfficer,
    EarlierRequest,
    FieldTranslation,
    InstrumentKind,
    LegalBasis,
    Measure,
    MeasureDetail,
    MeasureKind,
    MlaRequest,
    Offence,
    Person,
    PersonRole,
    TranslatorCertification,
    UrgencyReason,
)
from liaison.errors import ValidationError

BUILTIN = ("COE-1959-14", "EIO-ANNEX-A", "HARARE-14", "MODEL-TREATY-5", "UNCAC-46-15", "UNTOC-18-15")


@pytest.fixture(autouse=True)
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(rules.RULES_ENV, str(tmp_path / "rules"))
    monkeypatch.setenv(countries.COUNTRIES_ENV, str(tmp_path / "countries"))
    return tmp_path


def _measure(kind: MeasureKind, description: str, purpose: str, *details: MeasureDetail) -> Measure:
    return Measure(kind, description, details=details, place="Berlin", purpose=purpose)


def complete_request(rule_set: str = "UNTOC-18-15", **changes: object) -> MlaRequest:
    """A request with every section filled, France to Germany, with a German translation attached."""
    eio = rule_set == "EIO-ANNEX-A"
    request = MlaRequest(
        rule_set=rule_set,
        instrument_kind=InstrumentKind.EIO if eio else InstrumentKind.MLA_LETTER,
        requesting_state="FR",
        requested_state="DE",
        our_reference="PNF-2024-0117",
        request_date=dt.date(2024, 3, 1),
        place="Paris",
        transmission_channel="direct_judicial",
        language="fr",
        legal_bases=(LegalBasis(instrument="UNTOC", articles="art. 18"),),
        requesting_authority=Authority(
            name="Parquet national financier",
            kind="public prosecutor",
            address="Tribunal judiciaire, 75017 Paris",
            phone="+33 1 00 00 00 00",
            email="pnf@justice.example.org",
            representative="Claire Martin",
            post="Vice-procureure",
            file_number="PNF-2024-0117",
            languages=("fr", "en"),
            functions="Directs the investigation",
        ),
        investigating_authority=Authority(
            name="OCRGDF", kind="police", functions="Judicial police investigation"
        ),
        contact_officer=ContactOfficer(
            name="Claire Martin",
            post="Vice-procureure",
            email="c.martin@justice.example.org",
            languages=("fr", "en"),
        ),
        urgent=True,
        urgency_reasons=(UrgencyReason.EVIDENCE_AT_RISK, UrgencyReason.OTHER),
        urgency_detail="Accounts may be closed within weeks.",
        requested_by=dt.date(2024, 4, 15),
        advance_copy_via="interpol",
        advance_copy_sent_on=dt.date(2024, 2, 28),
        confidential=True,
        confidentiality_reasons="Suspects unaware of the investigation.",
        proceedings_instituted=True,
        court="Tribunal judiciaire de Paris",
        court_case_number="24/0371",
        next_hearing=dt.date(2024, 9, 10),
        facts="Between January and February 2024 the suspects moved EUR 1.2 million through Berlin accounts.",
        offences=(
            Offence(
                classification="Money laundering",
                provisions="Code pénal art. 324-1: « Le blanchiment est ... »",
                max_penalty="5 years",
                eio_category="laundering_of_proceeds",
                punishable_three_years=True,
                dual_criminality="StGB § 261 (Geldwäsche)",
            ),
        ),
        persons=(
            Person(
                role=PersonRole.ACCUSED,
                surname="Lefèvre",
                given_names="François",
                nationality="FR",
                birth_date=dt.date(1975, 11, 19),
                address="Berlin",
                languages=("fr",),
            ),
            Person(role=PersonRole.COMPANY, legal_person=True, legal_name="Alpha GmbH", address="Berlin"),
        ),
        measures=(
            _measure(
                MeasureKind.BANK_RECORDS,
                "Statements of account DE89 3704",
                "Trace the funds",
                MeasureDetail("bank", "Berliner Bank"),
                MeasureDetail("account", "DE89 3704 0044 0532 0130 00"),
            ),
            replace(
                _measure(MeasureKind.HEARING, "Hear the account manager as a witness", "Explain why"),
                persons=(1,),
            ),
            _measure(MeasureKind.SEARCH_AND_SEIZURE, "Search the office of Alpha GmbH", "Seize the ledgers"),
            _measure(
                MeasureKind.COVERT_INTERCEPTION,
                "Intercept the suspect's phone",
                "Identify accomplices",
                MeasureDetail("target", "+49 30 000000"),
                MeasureDetail("duration", "30 days"),
            ),
        ),
        purpose="Evidence for the trial of the laundering network.",
        procedures=("caution",),
        procedures_detail="Caution the witness under French law before the hearing.",
        questions=("When was the account opened?",),
        earlier_requests=(EarlierRequest(dt.date(2023, 11, 2), "PNF-2023-0990", "StA Berlin"),),
        remedies_information="Parquet national financier, Paris",
        practical_contact="Claire Martin",
        signatory_name="Claire Martin",
        signatory_post="Vice-procureure",
        translations=(FieldTranslation("facts", "de", "fr", "Zwischen Januar ...", "human"),),
        certifications=(TranslatorCertification("Anna Weber", "sworn translator", dt.date(2024, 2, 29)),),
    )
    return replace(request, **changes)  # type: ignore[arg-type]


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.level is IssueLevel.ERROR]


def by_requirement(issues: list[Issue], requirement: str) -> list[Issue]:
    return [i for i in issues if i.requirement == requirement]


# --- built-in rule sets ---------------------------------------------------------------------------------


def test_every_builtin_rule_set_loads_with_citations() -> None:
    loaded = {rs.id: rs for rs in rules.list_rule_sets()}
    assert tuple(sorted(loaded)) == BUILTIN
    for rule_set in loaded.values():
        assert rule_set.builtin and rule_set.title and rule_set.source and rule_set.instrument
        assert rule_set.requirements
        for requirement in rule_set.requirements:
            assert requirement.article and requirement.message and requirement.level in ("M", "C")


@pytest.mark.parametrize("rule_set_id", BUILTIN)
def test_complete_request_has_no_issues(rule_set_id: str) -> None:
    issues = rules.validate(complete_request(rule_set_id), rule_set_id)
    if rule_set_id == "COE-1959-14":  # France to Germany: the only remark is that the EIO applies instead
        assert [(i.requirement, i.level) for i in issues] == [("coe-eio-instead", IssueLevel.WARNING)]
    else:
        assert issues == []


@pytest.mark.parametrize(
    ("rule_set_id", "field", "article"),
    [
        ("UNTOC-18-15", "facts", "UNTOC art. 18(15)(c)"),
        ("UNCAC-46-15", "facts", "UNCAC art. 46(15)(c)"),
        ("MODEL-TREATY-5", "offences", "UN Model Treaty art. 5(1)(c)"),
        ("COE-1959-14", "requesting_authority.name", "ETS 30 art. 14(1)(a)"),
        ("HARARE-14", "measures", "Harare Scheme para. 14(a)"),
        ("EIO-ANNEX-A", "remedies_information", "Directive 2014/41/EU art. 14; Annex A section J"),
    ],
)
def test_empty_request_errors_name_field_and_article(rule_set_id: str, field: str, article: str) -> None:
    issues = rules.validate(MlaRequest(), rule_set_id)
    found = errors(issues)
    assert len(found) >= 5
    assert all(i.rule_set == rule_set_id and i.article and i.message for i in found)
    assert any(i.field == field and i.article == article for i in found), [
        (i.field, i.article) for i in found
    ]
    assert {"requesting_state", "requested_state", "measures"} <= {i.field for i in found}


def test_validate_defaults_to_the_requests_rule_set() -> None:
    request = MlaRequest(rule_set="HARARE-14")
    assert {i.rule_set for i in rules.validate(request)} == {"HARARE-14"}


def test_unknown_rule_set_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match=r"unknown rule set 'NOPE'.*UNTOC-18-15"):
        rules.validate(MlaRequest(), "NOPE")


# --- conditional and consistency rules ------------------------------------------------------------------


def test_urgent_without_reasons() -> None:
    request = complete_request(urgency_reasons=(), urgency_detail="")
    [issue] = by_requirement(rules.validate(request), "untoc-24-urgent-reasons")
    assert (issue.field, issue.level, issue.article) == (
        "urgency_reasons",
        IssueLevel.ERROR,
        "UNTOC art. 18(24)",
    )
    calm = replace(request, urgent=False)
    assert by_requirement(rules.validate(calm), "untoc-24-urgent-reasons") == []


def test_other_urgency_reason_needs_detail() -> None:
    request = complete_request("EIO-ANNEX-A", urgency_reasons=(UrgencyReason.OTHER,), urgency_detail="")
    fields = {i.field for i in errors(rules.validate(request))}
    assert "urgency_detail" in fields


def test_eio_from_police_needs_a_validating_judicial_authority() -> None:
    police = Authority(
        name="OCRGDF", kind="Police", address="Nanterre", phone="1", email="o@example.org", languages=("fr",)
    )
    request = complete_request("EIO-ANNEX-A", requesting_authority=police)
    [issue] = by_requirement(rules.validate(request), "eio-l-validation")
    assert issue.field == "validating_authority.name"
    assert issue.level is IssueLevel.ERROR
    assert "2(c)(ii)" in issue.article and "section L" in issue.article
    validated = replace(
        request,
        validating_authority=Authority(
            name="Juge d'instruction, Paris", kind="judge", validated_on=dt.date(2026, 2, 9)
        ),
    )
    assert rules.validate(validated) == []
    prosecutor = replace(request, requesting_authority=replace(police, kind="Public Prosecutor"))
    assert by_requirement(rules.validate(prosecutor), "eio-l-validation") == []


def test_eio_between_france_and_ireland_is_flagged() -> None:
    request = complete_request("EIO-ANNEX-A", requested_state="IE")
    [issue] = by_requirement(rules.validate(request), "eio-scope")
    assert issue.level is IssueLevel.ERROR and issue.field == "requested_state"
    assert "France to Ireland" in issue.message
    assert "34(1)" in issue.article


def test_eio_rule_set_needs_the_eio_instrument_type() -> None:
    request = complete_request("EIO-ANNEX-A", instrument_kind=InstrumentKind.MLA_LETTER)
    assert [i.field for i in errors(rules.validate(request))] == ["instrument_kind"]


@pytest.mark.parametrize("rule_set_id", [r for r in BUILTIN if r != "EIO-ANNEX-A"])
def test_a_letter_is_never_asked_for_an_annex_d_category(rule_set_id: str) -> None:
    # Annex D is the EIO's list (Directive 2014/41/EU); a letter of request does not print it, so no
    # rule set for letters may ask for it, even for an offence punishable by three years or more.
    offence = replace(complete_request().offences[0], eio_category="", punishable_three_years=True)
    letter = complete_request(rule_set_id, offences=(offence,))
    assert [i for i in rules.validate(letter) if "eio_category" in i.field] == []
    eio = complete_request("EIO-ANNEX-A", offences=(offence,))
    assert [(i.field, i.level) for i in by_requirement(rules.validate(eio), "eio-g3-category")] == [
        ("offences.0.eio_category", IssueLevel.WARNING)
    ]


def test_1959_convention_between_eio_states_suggests_the_eio() -> None:
    issues = rules.validate(complete_request("COE-1959-14", requested_state="IE"))
    assert by_requirement(issues, "coe-eio-instead") == []
    assert by_requirement(rules.validate(complete_request("COE-1959-14")), "coe-eio-instead")


def test_list_elements_are_checked_one_by_one() -> None:
    offences = (Offence("Fraud", "Code pénal art. 313-1"), Offence("Money laundering"))
    issues = rules.validate(complete_request("EIO-ANNEX-A", offences=offences))
    [issue] = errors(issues)
    assert issue.field == "offences.1.provisions"
    assert issue.message.startswith("Offence 2:")


def test_requested_completion_date_must_follow_the_request_date() -> None:
    request = complete_request(requested_by=dt.date(2024, 2, 1))
    [issue] = errors(rules.validate(request))
    assert (issue.field, issue.requirement) == ("requested_by", "untoc-24-deadline-after")


def test_reciprocity_is_an_alternative_legal_basis() -> None:
    no_basis = complete_request(legal_bases=())
    assert [i.field for i in errors(rules.validate(no_basis))] == ["legal_bases"]
    assert errors(rules.validate(replace(no_basis, reciprocity=True))) == []


def test_facts_not_required_for_service_only_requests() -> None:
    service = (_measure(MeasureKind.SERVICE_OF_DOCUMENTS, "Serve the summons", "Trial summons"),)
    request = complete_request(facts="", measures=service)
    assert by_requirement(rules.validate(request), "untoc-c-facts") == []
    assert by_requirement(rules.validate(replace(request, measures=())), "untoc-c-facts")


def test_harare_requires_court_details_once_proceedings_are_instituted() -> None:
    request = complete_request("HARARE-14", court="", persons=())
    fields = {i.field for i in errors(rules.validate(request))}
    assert {"court", "persons"} <= fields
    left = errors(rules.validate(replace(request, proceedings_instituted=False)))
    assert [i.requirement for i in left] == ["har-measure-persons"]  # the hearing's witness was removed too


def test_interception_details_are_measure_details() -> None:
    measure = _measure(MeasureKind.COVERT_INTERCEPTION, "Intercept", "Identify accomplices")
    issues = rules.validate(complete_request("EIO-ANNEX-A", measures=(measure,)))
    warned = {i.requirement: i.field for i in issues if i.level is IssueLevel.WARNING}
    assert warned["eio-h-interception-target"] == "measures.0.details"
    assert "eio-h-interception-duration" in warned


def test_language_not_accepted_is_a_warning() -> None:
    request = complete_request("EIO-ANNEX-A", translations=())
    [issue] = rules.validate(request)
    assert issue.level is IssueLevel.WARNING and issue.field == "language"
    assert issue.message.startswith("Germany accepts EIOs in: de; the order is drafted in French")


# --- user rule sets -------------------------------------------------------------------------------------

BILATERAL: dict[str, object] = {
    "id": "frus-translation-certified",
    "field": "translator",
    "level": "M",
    "check": "present",
    "article": "FR-US MLAT art. 4 (verify)",
    "message": "Attach the certification of the English translation.",
}


def test_copy_and_add_a_bilateral_requirement(user_folders: Path) -> None:
    path = rules.copy_rule_set("MODEL-TREATY-5", "FR-US-MLAT", "France-United States MLAT")
    assert path == user_folders / "rules" / "FR-US-MLAT.json"
    copy = rules.get("FR-US-MLAT")
    assert (copy.builtin, copy.based_on, copy.instrument) == (False, "MODEL-TREATY-5", "MODEL-TREATY")
    assert [r.id for r in copy.requirements] == [r.id for r in rules.get("MODEL-TREATY-5").requirements]

    updated = rules.add_requirement("FR-US-MLAT", BILATERAL)
    assert updated.requirements[-1].id == "frus-translation-certified"
    assert "FR-US-MLAT" in [rs.id for rs in rules.list_rule_sets()]

    request = complete_request("FR-US-MLAT", requested_state="US", certifications=())
    [issue] = errors(rules.validate(request))
    assert (issue.field, issue.rule_set, issue.article) == (
        "certifications",
        "FR-US-MLAT",
        "FR-US MLAT art. 4 (verify)",
    )
    certified = replace(request, certifications=complete_request().certifications)
    assert errors(rules.validate(certified)) == []


def test_copy_refuses_builtin_and_existing_ids() -> None:
    with pytest.raises(ValidationError, match="built-in"):
        rules.copy_rule_set("UNTOC-18-15", "untoc-18-15", "Mine")
    rules.copy_rule_set("UNTOC-18-15", "MY-UNTOC", "Mine")
    with pytest.raises(ValidationError, match="existing"):
        rules.copy_rule_set("UNTOC-18-15", "MY-UNTOC", "Again")
    with pytest.raises(ValidationError, match="letters, digits"):
        rules.copy_rule_set("UNTOC-18-15", "../escape", "Bad")


def test_builtin_sets_are_read_only() -> None:
    with pytest.raises(ValidationError, match="read-only; copy it"):
        rules.add_requirement("UNTOC-18-15", BILATERAL)


def test_bad_requirement_is_rejected_and_the_file_left_unchanged(user_folders: Path) -> None:
    path = rules.copy_rule_set("UNTOC-18-15", "MY-UNTOC", "Mine")
    before = path.read_bytes()
    with pytest.raises(ValidationError, match=r"requirement \d+ \('typo'\): field path 'facs': unknown"):
        rules.add_requirement("MY-UNTOC", {**BILATERAL, "id": "typo", "field": "facs"})
    with pytest.raises(ValidationError, match="'untoc-c-facts' is used twice"):
        rules.add_requirement("MY-UNTOC", {**BILATERAL, "id": "untoc-c-facts"})
    assert path.read_bytes() == before


# --- malformed files ------------------------------------------------------------------------------------


def _write_rule_file(folder: Path, name: str, content: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def _rule_set(requirement: Mapping[str, object], rule_set_id: str = "BAD") -> dict[str, object]:
    return {
        "id": rule_set_id,
        "title": "Bad",
        "instrument": "UNTOC",
        "source": "test",
        "requirements": [requirement],
    }


def test_invalid_json_names_the_file(user_folders: Path) -> None:
    _write_rule_file(user_folders / "rules", "BROKEN.json", '{"id": "BROKEN",')
    with pytest.raises(ValidationError, match=r"BROKEN\.json is not valid JSON"):
        rules.list_rule_sets()
    with pytest.raises(ValidationError, match=r"BROKEN\.json"):
        rules.get("BROKEN")


@pytest.mark.parametrize(
    ("requirement", "problem"),
    [
        ({**BILATERAL, "field": "facs"}, "unknown field 'facs'"),
        ({**BILATERAL, "level": "X"}, "level must be 'M' or 'C'"),
        ({**BILATERAL, "condtion": {}}, "unknown key"),
        ({**BILATERAL, "check": "exists"}, "check 'exists' unknown"),
        ({**BILATERAL, "when": {"item": "kind", "in": ["bank_records"]}}, "only apply to requirements whose"),
        (
            {**BILATERAL, "field": "measures[].place", "when": {"item": "kind", "in": ["bank_record"]}},
            "unknown value",
        ),
        ({**BILATERAL, "when": {"field": "urgent", "is": True}}, "needs exactly one of"),
        ({**BILATERAL, "message": "See {article}"}, "placeholder {article} unknown"),
        ({**BILATERAL, "field": "facts[]"}, "only after a list field"),
    ],
)
def test_malformed_requirement_is_rejected(
    user_folders: Path, requirement: dict[str, object], problem: str
) -> None:
    _write_rule_file(user_folders / "rules", "BAD.json", _rule_set(requirement))
    with pytest.raises(ValidationError) as caught:
        rules.get("BAD")
    message = str(caught.value)
    assert "BAD.json" in message and "requirement 1" in message and problem in message


def test_file_name_must_match_the_id(user_folders: Path) -> None:
    _write_rule_file(user_folders / "rules", "OTHER.json", _rule_set(BILATERAL, "BAD"))
    with pytest.raises(ValidationError, match=r"OTHER\.json holds rule set 'BAD'; name the file BAD\.json"):
        rules.list_rule_sets()


def test_user_file_cannot_shadow_a_builtin(user_folders: Path) -> None:
    _write_rule_file(user_folders / "rules", "untoc-18-15.json", _rule_set(BILATERAL, "untoc-18-15"))
    with pytest.raises(ValidationError, match="reuses the built-in id"):
        rules.list_rule_sets()


# --- country profiles -----------------------------------------------------------------------------------


def test_demo_and_eu_countries_have_profiles() -> None:
    demo = {"FR", "DE", "ES", "IT", "NL", "PL", "PT", "MA", "TR", "BR", "CN", "UA", "US", "GB", "CO"}
    assert demo | {"IE", "DK", "BE", "AT", "LU", "SE"} <= set(countries.codes())
    assert countries.profile("de").name == "Germany"
    assert countries.profile("EL").code == "GR"
    assert "languages.EIO" in countries.profile("FR").unverified()
    with pytest.raises(ValidationError, match="no country profile for 'ZZ'"):
        countries.profile("ZZ")


def test_accepted_languages_by_instrument_or_rule_set() -> None:
    assert countries.accepted_languages("FR", "EIO") == ("fr",)
    assert countries.accepted_languages("NL", "EIO-ANNEX-A") == ("nl", "en")
    assert countries.accepted_languages("NL", "COE-1959-14") == ("nl", "en", "fr", "de")
    assert countries.accepted_languages("US", "MODEL-TREATY-5") == ("en",)  # official languages fallback
    assert countries.accepted_languages("ZZ", "EIO") == ()


def test_language_warning() -> None:
    assert (
        countries.language_warning("DE", "EIO-ANNEX-A", "fr")
        == "Germany does not declare French as accepted for EIO requests (accepts: de)"
    )
    assert countries.language_warning("NL", "EIO-ANNEX-A", "en") is None
    assert countries.language_warning("ZZ", "EIO-ANNEX-A", "fr") is None
    assert "1959 Convention" in (countries.language_warning("TR", "COE-1959-14", "fr") or "")


def test_language_warning_for_a_user_rule_set_uses_its_instrument() -> None:
    rules.copy_rule_set("EIO-ANNEX-A", "EIO-AGENCY", "EIO with agency checks")
    assert countries.language_warning("ES", "EIO-AGENCY", "es") is None
    assert countries.language_warning("ES", "EIO-AGENCY", "fr") is not None


def test_eio_applies() -> None:
    assert countries.eio_applies("FR", "DE")
    assert countries.eio_applies("EL", "FR")
    assert not countries.eio_applies("FR", "IE")
    assert not countries.eio_applies("DK", "FR")
    assert not countries.eio_applies("FR", "US")
    assert not countries.eio_applies("FR", "FR")


def test_user_country_file_replaces_the_builtin(user_folders: Path) -> None:
    folder = user_folders / "countries"
    folder.mkdir()
    data = json.loads((Path(rules.__file__).parent.parent / "resources/countries/DE.json").read_text())
    data["languages"]["EIO"] = {"accepted": ["de", "en"], "basis": "EJN table 2025", "verify": False}
    (folder / "DE.json").write_text(json.dumps(data), encoding="utf-8")
    assert countries.accepted_languages("DE", "EIO") == ("de", "en")
    assert "languages.EIO" not in countries.profile("DE").unverified()
    assert countries.language_warning("DE", "EIO-ANNEX-A", "en") is None


def test_malformed_country_file_names_the_file(user_folders: Path) -> None:
    folder = user_folders / "countries"
    folder.mkdir()
    (folder / "FR.json").write_text(json.dumps({"code": "FR", "name": "France", "eu_member": "yes"}))
    with pytest.raises(ValidationError, match=r"FR\.json: 'eu_member' must be true or false"):
        countries.profile("FR")


def test_issues_keep_their_template_and_values_apart_for_translation() -> None:
    """``message`` stays the English sentence the CLI prints; ``msgid`` is the rule's template and
    ``params`` its values, so an interface translates the template and formats it itself."""
    request = MlaRequest(
        requesting_state="NL",
        requested_state="MA",
        language="nl",
        measures=(Measure(kind=MeasureKind.BANK_RECORDS),),
    )
    issues = rules.validate(request, "UNTOC-18-15")
    by_field = {i.field: i for i in issues}
    measure = by_field["measures.0.description"]
    assert measure.message == "Measure 1: describe the assistance sought."
    assert measure.msgid == "Measure {n}: describe the assistance sought."
    assert dict(measure.params) == {"n": "1"}
    language = by_field["language"]
    assert dict(language.params)["requested_state_name_code"] == "MA"
    assert dict(language.params)["language_code"] == "nl"
    assert language.format_with(language.msgid, requested_state_name="Maroc").startswith("Maroc accepts")
    plain = by_field["our_reference"]
    assert plain.params == () and plain.msgid == plain.message == "Give our reference for the request."
    requirements = {r.id: r for r in rules.get("UNTOC-18-15").requirements}
    for issue in issues:
        assert issue.format_with(issue.msgid) == issue.message
        assert issue.msgid == requirements[issue.requirement].message
