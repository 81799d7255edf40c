"""Unsaved editor text, kept inside the encrypted vault so a crash or flat battery loses nothing.

A draft is not a record: no op log, no audit, no search. It is replaced on every autosave and
removed when the edit is saved (which then makes a real note revision) or discarded.
"""

from __future__ import annotations

from liaison.store.vault import Vault, utc_now


def save(vault: Vault, key: str, body: str) -> None:
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO drafts(key, body, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            (key, body, utc_now()),
        )


def load(vault: Vault, key: str) -> tuple[str, str] | None:
    """(body, saved at) of the draft, if one was left behind."""
    row = vault.conn.execute("SELECT body, updated_at FROM drafts WHERE key = ?", (key,)).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))


def discard(vault: Vault, key: str) -> None:
    with vault.transaction() as conn:
        conn.execute("DELETE FROM drafts WHERE key = ?", (key,))


def keys(vault: Vault) -> list[str]:
    return [str(r[0]) for r in vault.conn.execute("SELECT key FROM drafts ORDER BY updated_at DESC")]
