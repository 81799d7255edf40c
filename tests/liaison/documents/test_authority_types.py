"""An unset or unknown authority type is reported by validation (issuing, validating and conducting
authorities), and section L follows the same recognised types as the rule that asks for it."""

from __future__ import annotations

import dataclasses

import pytest

from liaison.documents import compose_eio, rules, texts_values
from liaison.documents import texts_eio as eio
from liaison.documents.compose import Context, compose
from liaison.domain.mla import Authority, MlaRequest
from liaison.services import demo_requests

LETTER_SETS = ("UNTOC-18-15", "UNCAC-46-15", "COE-1959-14", "MODEL-TREATY-5", "HARARE-14")


def _eio(**changes: object) -> MlaRequest:
    return dataclasses.replace(demo_requests.eio_to_france("case", None, None), **changes)  # type: ignore[arg-type]


def _untoc(**changes: object) -> MlaRequest:
    return dataclasses.replace(demo_requests.untoc_to_morocco("c", None, None), **changes)  # type: ignore[arg-type]


def _found(request: MlaRequest, requirement: str) -> list[rules.Issue]:
    return [i for i in rules.validate(request) if i.requirement == requirement]


@pytest.mark.parametrize("kind", ["", "   ", "Staatsanwaltschaft", "unknown"])
def test_eio_issuer_type_unset_or_unknown_is_an_error(kind: str) -> None:
    request = _eio(requesting_authority=dataclasses.replace(_eio().requesting_authority, kind=kind))
    [issue] = _found(request, "eio-k-kind")
    assert issue.level == "error" and issue.field == "requesting_authority.kind"
    assert "section K" in issue.article
    # Section L still prints: an issuer of no known type is not a judicial one.
    doc = compose(request, "en", Context())
    assert any(s.number.endswith("L") for s in doc.sections)


@pytest.mark.parametrize("kind", ["public prosecutor", "Public_Prosecutor", "prosecutor", "police", "Court"])
def test_known_issuer_types_pass(kind: str) -> None:
    request = _eio(requesting_authority=dataclasses.replace(_eio().requesting_authority, kind=kind))
    assert _found(request, "eio-k-kind") == []


def test_validating_authority_of_unknown_type_is_flagged() -> None:
    police = dataclasses.replace(_eio().requesting_authority, kind="police")
    request = _eio(requesting_authority=police, validating_authority=Authority(name="Juge X", kind="juge"))
    [issue] = _found(request, "eio-l-kind")
    assert issue.field == "validating_authority.kind" and '"juge"' in issue.message
    judge = Authority(name="Juge X", kind="investigating judge")
    fixed = dataclasses.replace(request, validating_authority=judge)
    assert _found(fixed, "eio-l-kind") == []
    assert _found(_eio(validating_authority=None), "eio-l-kind") == []  # nothing to check


@pytest.mark.parametrize("rule_set", LETTER_SETS)
def test_letter_authorities_of_unknown_type_are_warned(rule_set: str) -> None:
    prefix = rules.get(rule_set).requirements[0].id.split("-")[0]
    base = _untoc(rule_set=rule_set)
    request = dataclasses.replace(
        base,
        requesting_authority=dataclasses.replace(base.requesting_authority, kind=""),
        investigating_authority=Authority(name="Brigade financière", kind="brigade"),
    )
    [issuing] = _found(request, f"{prefix}-requesting-authority-kind")
    [conducting] = _found(request, f"{prefix}-investigating-authority-kind")
    assert issuing.level == conducting.level == "warning"
    assert conducting.field == "investigating_authority.kind" and '"brigade"' in conducting.message
    good = dataclasses.replace(
        request,
        requesting_authority=dataclasses.replace(base.requesting_authority, kind="central authority"),
        investigating_authority=Authority(name="Brigade financière", kind="police"),
    )
    assert _found(good, f"{prefix}-requesting-authority-kind") == []
    assert _found(good, f"{prefix}-investigating-authority-kind") == []


_SPELLINGS = [
    "judge",
    "court",
    "investigating judge",
    "investigating_judge",
    "public prosecutor",
    "public_prosecutor",
    "prosecutor",
    "prosecution",
    "magistrate",
    "examining magistrate",
    "judiciary",
    "juge d'instruction",
    "procureur",
    "procureur de la république",
    "judge or court",
    "police",
    "customs",
    "central authority",
    "ministry of justice",
]


@pytest.mark.parametrize("kind", _SPELLINGS)
def test_section_l_and_its_rule_agree_on_every_recognised_spelling(kind: str) -> None:
    """The form prints section L exactly when the rule asks for a validating authority."""
    assert texts_values.authority_kind(kind) is not None
    issuer = dataclasses.replace(_eio().requesting_authority, kind=kind)
    request = _eio(requesting_authority=issuer, validating_authority=None)
    printed = compose_eio.needs_validation(issuer)
    assert bool(_found(request, "eio-l-validation")) == printed
    judicial = texts_values.authority_kind(kind) in texts_values.JUDICIAL
    assert printed is not judicial
    assert (compose_eio.issuer_type(kind) is eio.IssuerType.OTHER) is not judicial
