"""Rebuilding the search index when what it stores changes (``search.FOLDING_VERSION``).

A vault written by an earlier release indexed words with an older folding: searching it with the new
query folding would miss records. On open, a vault whose index was built with another folding
version is re-indexed once, in one transaction, from its records (a few seconds for a very large
vault, then never again).
"""

from __future__ import annotations

from liaison.store import records, search
from liaison.store.registry import ENTITIES
from liaison.store.vault import Vault

META_KEY = "search_folding"


def is_current(vault: Vault) -> bool:
    return vault.meta(META_KEY) == search.FOLDING_VERSION


def rebuild(vault: Vault) -> int:
    """Index every searchable record again; returns how many were indexed."""
    count = 0
    with vault.transaction() as conn:
        conn.execute("DELETE FROM search_index")
        conn.execute("DELETE FROM search_docs")
        for spec in ENTITIES.values():
            if spec.search is None:
                continue
            for record in records.find(vault, spec.cls):
                search.index_record(vault, spec, record)
                count += 1
        vault.set_meta(META_KEY, search.FOLDING_VERSION)
    return count


def ensure_current(vault: Vault) -> bool:
    """Rebuild the index if it was built with another folding; True if it was rebuilt."""
    if is_current(vault):
        return False
    rebuild(vault)
    return True
