"""Stored match forms of translation-memory entries (table ``tm_match_keys``, migration 0009).

Computing an entry's match form runs every identifier recogniser over it (~0.2 ms); a session's
fuzzy index over 100,000 entries spent most of its 17-27 s doing that again. Keys are stored beside
the entries, tagged with the entry version they were made from, and dropped by triggers when the
entry changes or is deleted. A change to the recognisers (``memory.MATCH_FORM_VERSION``) drops them
all once, and they are made again as the index reads the entries.

Writing keys is a cache write: it is skipped, not waited for, while another process holds the
vault's write lock (the keys are simply made again next time).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from liaison.errors import VaultBusy
from liaison.store import connection
from liaison.store.vault import Vault

META_KEY = "tm_match_form"
Connection = Any
Row = tuple[str, str, str, str, str | None]  # id, updated_at, source, target, stored key or None


def rows(conn: Connection, source_lang: str, target_lang: str, since: str, version: str) -> Iterator[Row]:
    """The pair's entries updated at or after ``since``, oldest first, with their stored match
    form when it was made from this version of the entry by recognisers of ``version``. ``conn``
    is the vault's, or a read-only one of its own on another thread (``Vault.reader``)."""
    stored = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    current = stored is not None and stored[0] == version
    sql = (
        "SELECT t.id, t.updated_at, t.source, t.target, k.match_key FROM tm_entries t "
        "LEFT JOIN tm_match_keys k ON k.entry_id = t.id AND k.updated_at = t.updated_at "
        "WHERE t.source_lang = ? AND t.target_lang = ? AND t.updated_at >= ? ORDER BY t.updated_at"
    )
    for record_id, updated_at, source, target, key in conn.execute(sql, (source_lang, target_lang, since)):
        yield str(record_id), str(updated_at), str(source), str(target), str(key) if current and key else None


def remember(vault: Vault, made: Sequence[tuple[str, str, str]], version: str) -> None:
    """Store ``(entry id, updated_at, match key)`` triples made by recognisers of ``version``,
    for entries still at that version (one deleted or changed since keeps no key: its words must
    not outlive it here)."""
    if not made:
        return
    vault.conn.execute("PRAGMA busy_timeout = 0")
    try:
        with contextlib.suppress(VaultBusy), vault.transaction() as conn:
            if vault.meta(META_KEY) != version:
                conn.execute("DELETE FROM tm_match_keys")
                vault.set_meta(META_KEY, version)
            conn.executemany(
                "INSERT OR REPLACE INTO tm_match_keys(entry_id, updated_at, match_key) SELECT ?1, ?2, ?3 "
                "WHERE EXISTS (SELECT 1 FROM tm_entries WHERE id = ?1 AND updated_at = ?2)",
                made,
            )
    finally:
        vault.conn.execute(f"PRAGMA busy_timeout = {connection.BUSY_TIMEOUT_MS}")
