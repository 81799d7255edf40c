"""Search across the vault; every search is audited (who looked for what is itself sensitive)."""

from __future__ import annotations

from liaison.store import audit
from liaison.store import search as store_search
from liaison.store.search import SearchHit
from liaison.store.vault import Vault

__all__ = ["SearchHit", "search"]


def search(vault: Vault, query: str, kinds: tuple[str, ...] = (), limit: int = 50) -> list[SearchHit]:
    hits = store_search.search(vault, query, kinds, limit)
    # The audit says that a search happened and lets an auditor confirm a suspected query (same
    # keyed hash), but never keeps the searched words: they are often the name of a person whose
    # record may later be erased, and the audit log is append-only.
    detail = {"query_hash": audit.keyed_hash(vault, query), "kinds": list(kinds), "hits": len(hits)}
    vault.audit_read("search", detail)  # a search works while another program writes
    return hits
