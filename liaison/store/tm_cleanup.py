"""Old translation-memory entries that still hold ``⟦n⟧`` placeholders, put right once per vault.

Before issue 11, approving a translation could store the engine's placeholder form: ``⟦n⟧`` numbered
by position in the whole document, in the source, the target or both. Such an entry hands the
placeholder back in every later translation of the sentence (and in TMX exports); the services now
refuse them, and this data migration repairs what older releases stored:

- the source is real text and the target holds placeholders: the source's identifiers (in order)
  are the ones the placeholders stood for (numbered in document order, so ascending), and they
  are put back when the counts agree: the entry is *restored*;
- otherwise the real words are lost (they are in no column and no op): the entry is *removed*,
  with the usual erasure (op values redacted, tombstone kept for sync).

Edits and deletions go through the record layer, so they are audited and reach other devices like
any edit; one transaction for all, one audit entry with the counts, and a notice for the user.
It runs when a vault is opened until it has run once (meta ``tm_placeholders_checked``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liaison.domain import TmEntry
from liaison.errors import VaultBusy
from liaison.store import audit, connection, records
from liaison.store.vault import TM_PLACEHOLDERS_CHECKED, Vault
from liaison.translation import memory

META_KEY = TM_PLACEHOLDERS_CHECKED
PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")


@dataclass(frozen=True)
class Cleanup:
    restored: int = 0
    removed: int = 0

    def notice(self) -> str:
        return (
            f"translation memory: {self.restored} old entr{'y' if self.restored == 1 else 'ies'} holding "
            f"placeholders (⟦n⟧) restored to real text, {self.removed} that could not be restored removed"
        )


def restored_target(source: str, target: str, source_lang: str) -> str | None:
    """``target`` with real identifiers in place of its placeholders, or None if they cannot be
    known (the source has placeholders itself, or the counts differ)."""
    if PLACEHOLDER.search(source):
        return None
    numbers = sorted({int(n) for n in PLACEHOLDER.findall(target)})
    tokens = memory.match_key(source, source_lang).tokens
    if len(numbers) != len(tokens):
        return None
    real = dict(zip(numbers, tokens, strict=True))
    return PLACEHOLDER.sub(lambda m: real[int(m.group(1))], target)


def clean(vault: Vault) -> Cleanup:
    """Restore or remove every entry holding a placeholder; returns the counts (also audited)."""
    restored = removed = 0
    with vault.transaction():
        rows = vault.conn.execute(
            "SELECT id, source_lang, source, target FROM tm_entries "
            "WHERE instr(source, '⟦') > 0 OR instr(target, '⟦') > 0"
        ).fetchall()
        for record_id, source_lang, source, target in rows:
            if not PLACEHOLDER.search(source) and not PLACEHOLDER.search(target):
                continue
            fixed = restored_target(str(source), str(target), str(source_lang))
            if fixed is None:
                records.delete(vault, TmEntry, str(record_id))
                removed += 1
            else:
                records.update(vault, TmEntry, str(record_id), {"target": fixed})
                restored += 1
        if restored or removed:
            audit.append(vault, "tm.placeholders_cleaned", detail={"restored": restored, "removed": removed})
        vault.set_meta(META_KEY, "1")
    return Cleanup(restored, removed)


def ensure_clean(vault: Vault) -> Cleanup | None:
    """Run ``clean`` once per vault; tells the user (``vault.notices``) when it changed anything.
    Skipped, to be tried at the next open, while another process holds the write lock."""
    if vault.meta(META_KEY) == "1":
        return None
    vault.conn.execute("PRAGMA busy_timeout = 0")
    try:
        done = clean(vault)
    except VaultBusy:
        return None
    finally:
        vault.conn.execute(f"PRAGMA busy_timeout = {connection.BUSY_TIMEOUT_MS}")
    if done.restored or done.removed:
        vault.notices.append(done.notice())
    return done
