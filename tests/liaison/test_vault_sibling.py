"""A vault's sibling connection (the desktop app's sync works on one): each sees the other's
commits, their writes interleave without breaking the audit chain or the clock, and it needs no
key derivation."""

from __future__ import annotations

import pytest

from liaison.domain import Contact
from liaison.errors import VaultLocked
from liaison.store import audit, records
from liaison.store.vault import Vault


def test_the_sibling_and_the_vault_share_one_history(vault: Vault) -> None:
    twin = vault.sibling()
    try:
        first = records.insert(twin, Contact(full_name="From the sync"))
        assert records.get(vault, Contact, first.id).full_name == "From the sync"
        second = records.insert(vault, Contact(full_name="From the window"))
        third = records.insert(twin, Contact(full_name="From the sync again"))
        assert {c.full_name for c in records.find(twin, Contact)} == {
            "From the sync",
            "From the window",
            "From the sync again",
        }
        stamps = [
            vault.conn.execute("SELECT max(hlc) FROM ops WHERE record_id = ?", (r.id,)).fetchone()[0]
            for r in (first, second, third)
        ]
        assert stamps == sorted(stamps)  # each connection's clock caught up with the other's
        assert audit.verify(vault) > 0  # one unbroken chain across both connections
    finally:
        twin.close()
    assert vault.is_open  # closing the sibling leaves the vault open


def test_a_closed_vault_has_no_sibling(vault: Vault) -> None:
    vault.close()
    with pytest.raises(VaultLocked):
        vault.sibling()
