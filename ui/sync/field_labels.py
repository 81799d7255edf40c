"""The Conflicts page's names for record fields, in the interface language.

A conflict names the field by its column ("preferred_channel"); the officer reads "Preferred
channel". Requests reuse the document labels of their fields (``field_text``). A field no label
covers yet (a newer version's) shows its column name with spaces, never nothing;
tests/ui/sync/test_conflict_page.py checks every field of every synced kind has a label.
"""

from __future__ import annotations

from ui.i18n import N_, _

COMMON = {
    "created_at": N_("Created"),
    "updated_at": N_("Last changed"),
    "handling": N_("Handling"),
    "notes": N_("Notes"),
    "note": N_("Note"),
    "title": N_("Title"),
    "name": N_("Name"),
    "name_native": N_("Native name"),
    "kind": N_("Kind"),
    "country": N_("Country"),
    "status": N_("Status"),
    "channels": N_("Channels"),
    "rule_set": N_("Rule set"),
    "in_force_on": N_("In force on"),
    "source_lang": N_("Source language"),
    "target_lang": N_("Target language"),
    "source": N_("Source"),
}

BY_KIND = {
    "agency": {"region": N_("Region"), "parent_id": N_("Parent agency"), "address": N_("Address")},
    "contact": {
        "full_name": N_("Full name"),
        "honorific": N_("Honorific"),
        "gender": N_("Gender"),
        "agency_id": N_("Agency"),
        "unit": N_("Unit"),
        "role": N_("Role"),
        "competences": N_("Competences"),
        "urgent_contact": N_("Urgent contact"),
        "languages": N_("Languages"),
        "preferred_language": N_("Preferred language"),
        "preferred_channel": N_("Preferred channel"),
        "avoid_channels": N_("Channels to avoid"),
        "timezone": N_("Time zone"),
        "working_hours": N_("Working hours"),
        "trust_level": N_("Trust level"),
        "verified_on": N_("Verified on"),
        "verification_method": N_("Verification method"),
        "last_contact_on": N_("Last contact on"),
        "last_contact_channel": N_("Last contact channel"),
        "next_follow_up": N_("Next follow-up"),
        "successor_id": N_("Successor"),
        "data_protection_basis": N_("Data protection basis"),
        "review_on": N_("Review on"),
    },
    "agreement": {
        "short_name": N_("Short name"),
        "titles": N_("Titles in other languages"),
        "scope": N_("Scope"),
        "adopted_on": N_("Adopted on"),
        "relationship": N_("Relationship"),
        "source_url": N_("Source URL"),
    },
    "party": {
        "agreement_id": N_("Agreement"),
        "signed_on": N_("Signed on"),
        "ratified_on": N_("Ratified on"),
        "accepted_languages": N_("Accepted languages"),
        "central_authority_id": N_("Central authority"),
        "reservations": N_("Reservations"),
        "declarations": N_("Declarations"),
    },
    "case": {
        "reference": N_("Reference"),
        "summary": N_("Summary"),
        "opened_on": N_("Opened on"),
        "closed_on": N_("Closed on"),
        "countries": N_("Countries"),
        "offences": N_("Offences"),
    },
    "note": {
        "case_id": N_("Case"),
        "body": N_("Text"),
        "language": N_("Language"),
        "revision": N_("Revision"),
    },
    "link": {
        "a_kind": N_("Type"),
        "a_id": N_("Linked record"),
        "b_kind": N_("Type"),
        "b_id": N_("Linked record"),
        "relation": N_("Relation"),
    },
    "tm_entry": {
        "source": N_("Source text"),
        "target": N_("Translation"),
        "origin": N_("Origin"),
        "approved_by": N_("Approved by"),
    },
    "glossary_term": {
        "term": N_("Term"),
        "translation": N_("Translation"),
        "forbidden": N_("Forbidden"),
        "subject": N_("Subject"),
    },
}


def has_label(kind: str, field: str) -> bool:
    if kind == "mla_request":
        from liaison.documents import texts  # noqa: PLC0415

        return field in texts.FIELD_LABELS
    return field in BY_KIND.get(kind, {}) or field in COMMON


def field_label(kind: str, field: str) -> str:
    """``field`` of a ``kind`` record as the officer reads it, in the interface language."""
    if kind == "mla_request":
        from ui.models.requests_model import field_text  # noqa: PLC0415 - the request pages' module

        return field_text(field)
    text = BY_KIND.get(kind, {}).get(field) or COMMON.get(field)
    return _(text) if text else field.replace("_", " ")
