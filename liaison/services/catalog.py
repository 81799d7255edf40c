"""The services for agencies, contacts, agreements and their parties, cases and links."""

from __future__ import annotations

from liaison.domain import Agency, Agreement, Case, Contact, Link, Note, Party
from liaison.errors import N_, NC_, ConflictError, Term, ValidationError
from liaison.services import validation as check
from liaison.services.records import RecordService, require_reference
from liaison.store import notes as store_notes
from liaison.store import records
from liaison.store.registry import ENTITIES
from liaison.store.vault import Vault


def _validate_agency(vault: Vault, a: Agency) -> None:
    check.require_text(N_("name"), a.name)
    check.country(N_("country"), a.country)
    require_reference(vault, agencies, NC_("field name", "parent agency"), a.parent_id)
    if a.parent_id and a.parent_id == a.id:
        raise ValidationError.of(N_("an agency cannot be its own parent"))
    _refuse_hierarchy_loop(vault, a)


def _refuse_hierarchy_loop(vault: Vault, a: Agency) -> None:
    """Walk up from the new parent: meeting the agency itself means it would sit under its own unit."""
    seen: set[str] = set()
    current = a.parent_id
    while current and a.id and current not in seen:
        if current == a.id:
            raise ValidationError.of(
                N_("parent agency is one of this agency's own units: that would make a loop")
            )
        seen.add(current)
        row = vault.conn.execute("SELECT parent_id FROM agencies WHERE id = ?", (current,)).fetchone()
        current = row[0] if row else None


def _before_agency_delete(vault: Vault, a: Agency) -> None:
    users = [
        ("contacts", "agency_id", N_("contacts")),
        ("parties", "central_authority_id", N_("parties")),
        ("agencies", "parent_id", N_("agencies")),
    ]
    for table, column, what in users:
        count = vault.conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (a.id,)).fetchone()[0]
        if count:
            raise ConflictError.of(
                N_("agency {name} is still used by {count} of {table}: reassign them first"),
                name=repr(a.name),
                count=count,
                table=Term(what),
            )


def _validate_contact(vault: Vault, c: Contact) -> None:
    check.require_text(N_("full name"), c.full_name)
    check.country(N_("country"), c.country)
    check.timezone(N_("timezone"), c.timezone)
    check.language(N_("preferred language"), c.preferred_language)
    for skill in c.languages:
        check.language(N_("language"), skill.code, optional=False)
        if skill.level not in ("working", "spoken", "reads"):
            raise ValidationError.of(
                N_("language level must be working, spoken or reads, got {level}"), level=repr(skill.level)
            )
    for channel in c.channels:
        check.require_text(N_("channel value"), channel.value)
        if channel.kind in ("email", "pgp-email"):
            check.email(
                N_("email channel") if channel.kind == "email" else N_("pgp-email channel"), channel.value
            )
    require_reference(vault, agencies, NC_("field name", "agency"), c.agency_id)
    require_reference(vault, contacts, NC_("field name", "successor"), c.successor_id)


def _before_contact_delete(vault: Vault, c: Contact) -> None:
    for other in contacts.list(vault, "successor_id = ?", (c.id,)):
        records.update(vault, Contact, other.id, {"successor_id": None})
    _delete_links(vault, c.id)


def _validate_agreement(vault: Vault, a: Agreement) -> None:
    check.require_text(N_("title"), a.title)
    for title in a.titles:
        check.language(N_("title language"), title.lang, optional=False)


def _before_agreement_delete(vault: Vault, a: Agreement) -> None:
    for party in parties.list(vault, "agreement_id = ?", (a.id,)):
        records.delete(vault, Party, party.id)
    _delete_links(vault, a.id)


def _validate_party(vault: Vault, p: Party) -> None:
    check.country(N_("country"), p.country, optional=False)
    for code in p.accepted_languages:
        check.language(N_("accepted language"), code, optional=False)
    require_reference(vault, agreements, NC_("field name", "agreement"), p.agreement_id)
    require_reference(vault, agencies, NC_("field name", "central authority"), p.central_authority_id)
    if not p.agreement_id:
        raise ValidationError.of(N_("a party must belong to an agreement"))


def _validate_case(vault: Vault, c: Case) -> None:
    check.require_text(N_("reference"), c.reference)
    check.require_text(N_("title"), c.title)
    check.unique_reference(vault, "cases", "reference", c.reference, c.id, N_("case"))
    for code in c.countries:
        check.country(N_("country"), code, optional=False)
    if c.opened_on and c.closed_on and c.closed_on < c.opened_on:
        raise ValidationError.of(N_("a case cannot close before it opens"))


def _before_case_delete(vault: Vault, c: Case) -> None:
    for note in records.find(vault, Note, "case_id = ?", (c.id,)):
        store_notes.delete(vault, note.id)
    _delete_links(vault, c.id)


def _validate_link(vault: Vault, link: Link) -> None:
    for kind, record_id in ((link.a_kind, link.a_id), (link.b_kind, link.b_id)):
        if kind not in ENTITIES or kind == "link":
            raise ValidationError(f"cannot link a record of kind {kind!r}")
        table = ENTITIES[kind].table
        if vault.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is None:
            raise ValidationError(f"link points to no existing {kind} ({record_id})")


def _delete_links(vault: Vault, record_id: str) -> None:
    for link in links.list(vault, "a_id = ? OR b_id = ?", (record_id, record_id)):
        records.delete(vault, Link, link.id)


def _no_rule(vault: Vault, record: object) -> None:
    return None


agencies = RecordService(Agency, _validate_agency, _before_agency_delete, "country, name")
contacts = RecordService(Contact, _validate_contact, _before_contact_delete, "full_name")
agreements = RecordService(Agreement, _validate_agreement, _before_agreement_delete, "short_name, title")
parties = RecordService(Party, _validate_party, None, "country")
cases = RecordService(Case, _validate_case, _before_case_delete, "opened_on DESC, reference", "reference")
links = RecordService(Link, _validate_link, None, "created_at")


def link(vault: Vault, a_kind: str, a_id: str, b_kind: str, b_id: str, relation: str = "related") -> Link:
    return links.add(vault, Link(a_kind=a_kind, a_id=a_id, b_kind=b_kind, b_id=b_id, relation=relation))


def linked(vault: Vault, record_id: str) -> list[Link]:
    return links.list(vault, "a_id = ? OR b_id = ?", (record_id, record_id))
