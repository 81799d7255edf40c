"""Canary strings written through every entity never appear outside the encrypted database:
not in the database, WAL or SHM files as plaintext, the key header, the temp folder or the data folder."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

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
    return list(c.values())


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
