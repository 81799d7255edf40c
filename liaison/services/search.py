"""Search across the vault; every search is audited (who looked for what is itself sensitive)."""

from __future__ import annotations

from liaison.store import audit
from liaison.store import search as store_search
from liaison.store.search import SearchHit
from liaison.store.vault import Vault

__all__ = ["SearchHit", "search"]


def search(vault: Vault, query: str, kinds: tuple[str, ...] = (), limit: int = 50) -> list[SearchHit]:
    hits = store_search.search(vault, query, kinds, limit)
    audit.append(vault, "search", detail={"query": query, "kinds": list(kinds), "hits": len(hits)})
    return hits
