"""The single write path: op log completeness, note history, search, delete rules."""

from __future__ import annotations

import datetime as dt

import pytest

from liaison.domain import (
    Agency,
    AgencyKind,
    Agreement,
    Case,
    Channel,
    Contact,
    ContactRole,
    Handling,
    LanguageSkill,
    Link,
    LocalizedText,
    Note,
    Party,
    TrustLevel,
)
from liaison.errors import ConflictError, RecordNotFound, ValidationError
from liaison.services import catalog, notes
from liaison.services import search as search_service
from liaison.store import records, search
from liaison.store.vault import Vault


def _sample(vault: Vault) -> dict[str, object]:
    agency = catalog.agencies.add(vault, Agency(name="Guardia Civil", country="ES", kind=AgencyKind.POLICE))
    contact = catalog.contacts.add(
        vault,
        Contact(
            full_name="Lucía Fernández",
            agency_id=agency.id,
            country="ES",
            role=ContactRole.POLICE_INVESTIGATOR,
            competences=("money laundering",),
            languages=(LanguageSkill("es"), LanguageSkill("en", "spoken")),
            channels=(Channel("email", "lucia@example.org"), Channel("siena", "ES-UCO", True)),
            timezone="Europe/Madrid",
            trust_level=TrustLevel.MET_IN_PERSON,
            verified_on=dt.date(2025, 3, 14),
            handling=Handling.RED,
        ),
    )
    agreement = catalog.agreements.add(
        vault,
        Agreement(
            title="Convention on Mutual Assistance in Criminal Matters",
            short_name="ETS 30",
            titles=(LocalizedText("fr", "Convention européenne d'entraide judiciaire"),),
        ),
    )
    party = catalog.parties.add(
        vault, Party(agreement_id=agreement.id, country="ES", accepted_languages=("es", "en"))
    )
    case = catalog.cases.add(
        vault,
        Case(reference="OP-ATLAS 2025/014", title="Port of Algeciras shipments", countries=("ES", "MA")),
    )
    note = notes.add(vault, case.id, "Requested bank records from the Spanish FIU.", "First call")
    link = catalog.link(vault, "case", case.id, "contact", contact.id, "counterpart")
    return {
        "agency": agency,
        "contact": contact,
        "agreement": agreement,
        "party": party,
        "case": case,
        "note": note,
        "link": link,
    }


def test_every_record_rebuilds_exactly_from_its_ops(vault: Vault) -> None:
    created = _sample(vault)
    catalog.contacts.edit(
        vault, created["contact"].id, {"unit": "UCO", "competences": ("cybercrime", "fraud")}
    )  # type: ignore[attr-defined]
    catalog.contacts.edit(vault, created["contact"].id, {"handling": Handling.AMBER})  # type: ignore[attr-defined]
    notes.edit(vault, created["note"].id, body="Bank records received on 2 April.")  # type: ignore[attr-defined]
    catalog.cases.edit(vault, created["case"].id, {"closed_on": dt.date(2026, 1, 1), "opened_on": None})  # type: ignore[attr-defined]
    for record in created.values():
        cls = type(record)
        stored = records.get(vault, cls, record.id)  # type: ignore[attr-defined]
        assert records.rebuild_from_ops(vault, cls, stored.id) == stored


def test_ops_carry_identity_clock_and_device(vault: Vault) -> None:
    contact = catalog.contacts.add(vault, Contact(full_name="Ana Lima"))
    catalog.contacts.edit(vault, contact.id, {"country": "PT"})
    rows = vault.conn.execute(
        "SELECT op_id, hlc, device_id, kind, field, value FROM ops WHERE record_id = ? ORDER BY seq",
        (contact.id,),
    ).fetchall()
    assert len({r[0] for r in rows}) == len(rows)
    stamps = [r[1] for r in rows]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert {r[2] for r in rows} == {vault.device_id}
    assert {r[3] for r in rows} == {"contact"}
    last_two = [(r[4], r[5]) for r in rows[-2:]]
    assert last_two[0] == ("country", '"PT"') and last_two[1][0] == "updated_at"


def test_unchanged_edit_records_no_op(vault: Vault) -> None:
    contact = catalog.contacts.add(vault, Contact(full_name="Same"))
    count = vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
    catalog.contacts.edit(vault, contact.id, {"full_name": "Same"})
    assert vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0] == count


def test_failed_write_leaves_no_op_behind(vault: Vault) -> None:
    count = vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
    with pytest.raises(ValidationError):
        catalog.contacts.add(vault, Contact(full_name="Bad", agency_id="no-such-agency"))
    with pytest.raises(RuntimeError), vault.transaction():
        records.insert(vault, Contact(full_name="Rolled back"))
        raise RuntimeError("crash in the middle")
    assert vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0] == count
    assert catalog.contacts.list(vault) == []


def test_deleted_record_rebuilds_as_deleted(vault: Vault) -> None:
    contact = catalog.contacts.add(vault, Contact(full_name="Gone Soon"))
    catalog.contacts.delete(vault, contact.id)
    assert records.rebuild_from_ops(vault, Contact, contact.id) is None
    with pytest.raises(RecordNotFound):
        catalog.contacts.get(vault, contact.id)


def test_note_edits_keep_every_earlier_text(vault: Vault) -> None:
    case = catalog.cases.add(vault, Case(reference="C-1", title="t"))
    note = notes.add(vault, case.id, "first text", "Call")
    notes.edit(vault, note.id, body="second text")
    notes.edit(vault, note.id, title="Call with prosecutor")
    history = notes.history(vault, note.id)
    assert [(r.revision, r.title, r.body) for r in history] == [
        (1, "Call", "first text"),
        (2, "Call", "second text"),
        (3, "Call with prosecutor", "second text"),
    ]
    assert notes.get(vault, note.id).revision == 3


def test_search_folds_accents_and_case(vault: Vault) -> None:
    catalog.contacts.add(vault, Contact(full_name="Hans Müller"))
    catalog.contacts.add(vault, Contact(full_name="José Pérez Gómez"))
    assert [h.title for h in search.search(vault, "muller")] == ["Hans Müller"]
    assert [h.title for h in search.search(vault, "MÜLLER")] == ["Hans Müller"]
    assert [h.title for h in search.search(vault, "perez gomez")] == ["José Pérez Gómez"]
    assert [h.title for h in search.search(vault, "jos")] == ["José Pérez Gómez"]  # prefix


def test_search_folds_letters_unicode61_keeps(vault: Vault) -> None:
    catalog.contacts.add(vault, Contact(full_name="Jürgen Weiß", notes="Based in Łódź"))
    for query in ("weiss", "Weiß", "WEISS", "lodz", "Łódź"):
        assert [h.title for h in search.search(vault, query)] == ["Jürgen Weiß"], query


def test_search_ranks_snippets_and_spans_kinds(vault: Vault) -> None:
    created = _sample(vault)
    hits = search.search(vault, "bank records")
    assert hits[0].kind == "note" and "[bank]" in hits[0].snippet.lower()
    kinds = {h.kind for h in search.search(vault, "es")}
    assert {"contact", "agency", "case"} <= kinds
    assert search.search(vault, "entraide")[0].record_id == created["agreement"].id  # type: ignore[attr-defined]
    assert [h.kind for h in search.search(vault, "fernandez", kinds=("contact",))] == ["contact"]


def test_title_hits_rank_above_body_hits(vault: Vault) -> None:
    case = catalog.cases.add(vault, Case(reference="C-2", title="t"))
    notes.add(vault, case.id, "mentions extradition once in the text", "Weekly call")
    notes.add(vault, case.id, "about the hearing", "Extradition hearing")
    assert search.search(vault, "extradition")[0].title == "Extradition hearing"


@pytest.mark.parametrize(
    "query", ['"', "AND OR NOT", "*", "NEAR(a b)", "a:b", "'; DROP TABLE notes; --", "(("]
)
def test_search_syntax_in_user_input_is_harmless(vault: Vault, query: str) -> None:
    catalog.contacts.add(vault, Contact(full_name="Somebody"))
    search.search(vault, query)  # no exception


def test_search_follows_edits_and_deletes(vault: Vault) -> None:
    contact = catalog.contacts.add(vault, Contact(full_name="Old Name"))
    catalog.contacts.edit(vault, contact.id, {"full_name": "New Name"})
    assert search.search(vault, "old") == []
    assert len(search.search(vault, "new")) == 1
    catalog.contacts.delete(vault, contact.id)
    assert search.search(vault, "new") == []


def test_searches_are_audited(vault: Vault) -> None:
    search_service.search(vault, "money laundering")
    row = vault.conn.execute("SELECT action, detail FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    assert row[0] == "search" and "query_hash" in row[1] and "money laundering" not in row[1]


def test_agency_in_use_cannot_be_deleted(vault: Vault) -> None:
    created = _sample(vault)
    with pytest.raises(ConflictError, match="still used"):
        catalog.agencies.delete(vault, created["agency"].id)  # type: ignore[attr-defined]


def test_deleting_a_case_deletes_its_notes_history_and_links(vault: Vault) -> None:
    created = _sample(vault)
    case_id = created["case"].id  # type: ignore[attr-defined]
    catalog.cases.delete(vault, case_id)
    assert records.find(vault, Note, "case_id = ?", (case_id,)) == []
    assert vault.conn.execute("SELECT count(*) FROM note_revisions").fetchone()[0] == 0
    assert records.find(vault, Link) == []
    assert search.search(vault, "bank records") == []


def test_deleting_an_agreement_deletes_its_parties(vault: Vault) -> None:
    created = _sample(vault)
    catalog.agreements.delete(vault, created["agreement"].id)  # type: ignore[attr-defined]
    assert records.find(vault, Party) == []


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (Contact(full_name=" "), "full name"),
        (Contact(full_name="x", country="France"), "country"),
        (Contact(full_name="x", timezone="Europe/Atlantis"), "time zone"),
        (Contact(full_name="x", languages=(LanguageSkill("french"),)), "language"),
        (Contact(full_name="x", channels=(Channel("email", "not-an-address"),)), "e-mail"),
    ],
)
def test_contact_validation_names_the_field(vault: Vault, record: Contact, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        catalog.contacts.add(vault, record)


def test_ids_resolve_from_unique_prefix(vault: Vault) -> None:
    contact = catalog.contacts.add(vault, Contact(full_name="Prefix"))
    assert catalog.contacts.get(vault, contact.id[:8]).id == contact.id
    with pytest.raises(RecordNotFound, match="at least 6"):
        catalog.contacts.get(vault, contact.id[:3])
    with pytest.raises(RecordNotFound):
        catalog.contacts.get(vault, "ffffffff-0000")


def test_link_requires_existing_records(vault: Vault) -> None:
    with pytest.raises(ValidationError, match="no existing"):
        catalog.link(vault, "case", "missing", "contact", "missing")


def test_drafts_survive_reopen_and_stay_out_of_the_op_log(vault_path: object, vault: Vault) -> None:
    from liaison.services import drafts
    from liaison.store.vault import unlock
    from tests.conftest import PASSPHRASE

    ops = vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0]
    drafts.save(vault, "note:new:case-1", "half-written text")
    drafts.save(vault, "note:new:case-1", "half-written text, more")
    assert vault.conn.execute("SELECT count(*) FROM ops").fetchone()[0] == ops
    vault.close()
    with unlock(vault_path, PASSPHRASE) as reopened:  # type: ignore[arg-type]
        assert drafts.load(reopened, "note:new:case-1")[0] == "half-written text, more"  # type: ignore[index]
        drafts.discard(reopened, "note:new:case-1")
        assert drafts.load(reopened, "note:new:case-1") is None


def test_agency_hierarchy_refuses_a_loop(vault: Vault) -> None:
    ministry = catalog.agencies.add(vault, Agency(name="Ministry"))
    police = catalog.agencies.add(vault, Agency(name="Police", parent_id=ministry.id))
    unit = catalog.agencies.add(vault, Agency(name="Cyber unit", parent_id=police.id))
    with pytest.raises(ValidationError, match="loop"):
        catalog.agencies.edit(vault, ministry.id, {"parent_id": unit.id})
    assert catalog.agencies.get(vault, ministry.id).parent_id is None
