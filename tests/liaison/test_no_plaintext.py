"""Canary strings written through every entity never appear outside the encrypted database:
not in the database, WAL or SHM files as plaintext, the key header, the temp folder or the data folder."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest

from liaison.domain import (
    Agency,
    Agreement,
    Case,
    Channel,
    Contact,
    LanguageSkill,
    LocalizedText,
    Party,
)
from liaison.services import catalog, notes
from liaison.services import search as search_service
from liaison.services import vault as vault_service
from liaison.store.vault import Vault
from tests.conftest import PASSPHRASE

FIXTURES = Path(__file__).parents[1] / "fixtures" / "packs"


def _canary(label: str) -> str:
    return f"Canary{label}{uuid.uuid4().hex[:12]}Zq"


def _write_everything(vault: Vault) -> list[str]:
    c = {
        k: _canary(k)
        for k in (
            "agency",
            "native",
            "contact",
            "unit",
            "email",
            "note",
            "title",
            "agreement",
            "reserv",
            "case",
            "summary",
            "edit",
            "query",
            "link",
        )
    }
    agency = catalog.agencies.add(vault, Agency(name=c["agency"], name_native=c["native"], country="FR"))
    contact = catalog.contacts.add(
        vault,
        Contact(
            full_name=c["contact"],
            unit=c["unit"],
            agency_id=agency.id,
            languages=(LanguageSkill("fr"),),
            channels=(Channel("email", f"{c['email']}@example.org"),),
            notes=c["contact"] + " private remark",
            verified_on=dt.date(2025, 1, 2),
        ),
    )
    agreement = catalog.agreements.add(
        vault, Agreement(title=c["agreement"], titles=(LocalizedText("fr", c["agreement"] + " fr"),))
    )
    catalog.parties.add(vault, Party(agreement_id=agreement.id, country="FR", reservations=c["reserv"]))
    case = catalog.cases.add(vault, Case(reference=c["case"], title=c["case"], summary=c["summary"]))
    note = notes.add(vault, case.id, c["note"] + " body text", c["title"])
    notes.edit(vault, note.id, body=c["edit"] + " replaced text")
    link = catalog.link(vault, "case", case.id, "contact", contact.id, "counterpart")
    catalog.links.edit(vault, link.id, {"note": c["link"]})
    search_service.search(vault, c["query"])
    _write_language_and_requests(vault, c, case.id)
    return list(c.values())


def _write_language_and_requests(vault: Vault, c: dict[str, str], case_id: str) -> None:
    from liaison.domain import GlossaryTerm
    from liaison.services import drafts, mla
    from liaison.services import translation as translation_service

    for key in ("tm", "term", "facts", "draft", "person"):
        c[key] = _canary(key)
    translation_service.approve(vault, "en", "fr", c["tm"] + " source", c["tm"] + " cible")
    translation_service.glossary_terms.add(
        vault, GlossaryTerm(source_lang="en", target_lang="fr", term=c["term"], translation=c["term"] + "fr")
    )
    request = mla.create(vault, case_id=case_id, facts=c["facts"], our_reference="MLA-CANARY-1")
    from liaison.domain.mla import Person

    mla.update(vault, request.id, {"persons": (Person(surname=c["person"]),)})
    drafts.save(vault, "note:new", c["draft"])


def _leaks(root: Path, canaries: list[str]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for canary in canaries:
            for needle in {canary, canary.lower()}:
                if needle.encode() in data or needle.encode("utf-16-le") in data:
                    found.append(f"{canary} in {path}")
    return found


def test_translation_leaves_no_plaintext_in_pack_or_model_folders(
    private_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liaison.translation import packs
    from liaison.translation.engine import Engine

    translation_dir = private_dirs / "translation"
    monkeypatch.setenv("LIAISON_TRANSLATION_DIR", str(translation_dir))
    packs.install(next(FIXTURES.glob("translate-en_fr-*.argosmodel")))
    canary = _canary("message")
    Engine().translate(f"The suspect {canary} was arrested in Lyon.", "en", "fr")
    assert _leaks(translation_dir, [canary]) == []
    assert _leaks(Path(os.environ["TMPDIR"]), [canary]) == []


def test_no_plaintext_outside_the_vault(private_dirs: Path) -> None:
    path = vault_service.default_vault_path()
    assert private_dirs in path.parents
    vault, _code = vault_service.create(path, PASSPHRASE)
    canaries = _write_everything(vault)
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # checked while the WAL holds the writes
    tmp = Path(os.environ["TMPDIR"])
    assert _leaks(private_dirs, canaries) == []
    vault.close()
    assert _leaks(private_dirs, canaries) == []
    assert _leaks(tmp, canaries) == []
    reopened = vault_service.unlock(path, PASSPHRASE)
    assert catalog.contacts.list(reopened)[0].full_name == canaries[2]
    reopened.close()
    assert _leaks(private_dirs, [*canaries, PASSPHRASE]) == []
