"""Fills a vault with the invented sample data of ``demo_data`` (resolving its keys to ids)."""

from __future__ import annotations

import dataclasses

from liaison.domain import Agency
from liaison.services import catalog, demo_data, demo_requests, mla
from liaison.store import notes as store_notes
from liaison.store.vault import Vault


def _add_agencies(vault: Vault) -> dict[str, str]:
    ids: dict[str, str] = {}
    pending = list(demo_data.AGENCIES)
    while pending:  # parents before children, whatever the order in the data
        ready = [a for a in pending if a.parent_key is None or a.parent_key in ids]
        if not ready:
            raise ValueError("demo agencies have an unknown or circular parent")
        for item in ready:
            parent = ids[item.parent_key] if item.parent_key else None
            agency: Agency = dataclasses.replace(item.agency, parent_id=parent)
            ids[item.key] = catalog.agencies.add(vault, agency).id
            pending.remove(item)
    return ids


def populate(vault: Vault) -> dict[str, int]:
    """Add every demo record in one transaction; returns how many of each kind."""
    with vault.transaction():
        agency_ids = _add_agencies(vault)
        contact_ids = {
            c.key: catalog.contacts.add(
                vault,
                dataclasses.replace(c.contact, agency_id=agency_ids[c.agency_key] if c.agency_key else None),
            ).id
            for c in demo_data.CONTACTS
        }
        agreement_ids: dict[str, str] = {}
        party_count = 0
        for item in demo_data.AGREEMENTS:
            agreement = catalog.agreements.add(vault, item.agreement)
            agreement_ids[item.key] = agreement.id
            for p in item.parties:
                authority = agency_ids[p.central_authority_key] if p.central_authority_key else None
                party = dataclasses.replace(
                    p.party, agreement_id=agreement.id, central_authority_id=authority
                )
                catalog.parties.add(vault, party)
                party_count += 1
        note_count = 0
        case_ids: dict[str, str] = {}
        for demo_case in demo_data.CASES:
            case = catalog.cases.add(vault, demo_case.case)
            case_ids[demo_case.key] = case.id
            for n in demo_case.notes:
                store_notes.add(vault, dataclasses.replace(n.note, case_id=case.id))
                note_count += 1
            for key in demo_case.contact_keys:
                catalog.link(vault, "case", case.id, "contact", contact_ids[key], "counterpart")
            for key in demo_case.agreement_keys:
                catalog.link(vault, "case", case.id, "agreement", agreement_ids[key], "legal basis")
        meridian = case_ids["case-meridian"]
        mla.requests.add(
            vault, demo_requests.eio_to_france(meridian, agency_ids["fr-bepi"], agreement_ids["eio"])
        )
        mla.requests.add(
            vault, demo_requests.untoc_to_morocco(meridian, agency_ids["ma-mjus"], agreement_ids["untoc"])
        )
    return {
        "agencies": len(agency_ids),
        "contacts": len(contact_ids),
        "agreements": len(agreement_ids),
        "parties": party_count,
        "cases": len(demo_data.CASES),
        "notes": note_count,
        "requests": 2,
    }
