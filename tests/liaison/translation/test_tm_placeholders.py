"""Old memory entries holding ``⟦n⟧`` placeholders (stored before issue 11) are put right once, when
the vault is opened: restored to real text where the source tells what they stood for, removed
(with erasure) where nothing does, and the user is told how many of each."""

from __future__ import annotations

from pathlib import Path

from liaison.domain import TmEntry
from liaison.services import translation as service
from liaison.services import vault as vault_service
from liaison.store import audit, records, tm_cleanup
from liaison.store.vault import Vault, unlock
from tests.conftest import PASSPHRASE


def _old_entry(vault: Vault, source: str, target: str) -> str:
    """Written below the services (which now refuse placeholders), as an older release did."""
    return records.insert(vault, TmEntry(source_lang="en", target_lang="fr", source=source, target=target)).id


def test_placeholders_are_restored_or_removed_once_and_reported(vault_path: Path, vault: Vault) -> None:
    restorable = _old_entry(
        vault,
        "Transfer to IBAN DE89 3704 0044 0532 0130 00 on 2024-05-03.",
        "Virement vers l'IBAN ⟦14⟧ le ⟦15⟧.",  # numbered by position in the old document
    )
    lost = _old_entry(vault, "Our reference is ⟦2⟧ canaryword.", "Notre référence est ⟦2⟧ canaryword.")
    uneven = _old_entry(vault, "Call +33 1 23 45 67 89 today.", "Appelez ⟦3⟧ ou ⟦4⟧ aujourd'hui.")
    fine = _old_entry(vault, "Good morning.", "Bonjour.")
    assert vault.meta(tm_cleanup.META_KEY) == "1"  # a new vault has nothing to clean
    vault.set_meta(tm_cleanup.META_KEY, "0")  # as a vault of an older release
    vault.close()

    with unlock(vault_path, PASSPHRASE) as opened:
        assert opened.notices == [
            "translation memory: 1 old entry holding placeholders (⟦n⟧) restored to real text, "
            "2 that could not be restored removed"
        ]
        entries = {e.id: e for e in service.list_memory(opened)}
        assert entries[restorable].target == "Virement vers l'IBAN DE89 3704 0044 0532 0130 00 le 2024-05-03."
        assert lost not in entries and uneven not in entries and entries[fine].target == "Bonjour."
        assert not any("⟦" in e.source + e.target for e in entries.values())
        # Removed like any deletion: no value left in the op log, and the vault checks clean.
        values = [row[0] for row in opened.conn.execute("SELECT value FROM ops WHERE record_id = ?", (lost,))]
        assert not any("canaryword" in v for v in values)
        assert vault_service.check(opened) == []
        actions = [e.action for e in audit.entries(opened)]
        assert actions.count("tm.placeholders_cleaned") == 1
        # The restored entry is found again by its sentence, with other identifiers put in.
        assert (
            service.resources_for(opened).exact(
                "en", "fr", "Transfer to IBAN GB82 WEST 1234 5698 7654 32 on 2025-01-31."
            )
            == "Virement vers l'IBAN GB82 WEST 1234 5698 7654 32 le 2025-01-31."
        )
    with unlock(vault_path, PASSPHRASE) as again:
        assert again.notices == [] and again.meta(tm_cleanup.META_KEY) == "1"


def test_the_restoring_rule() -> None:
    rule = tm_cleanup.restored_target
    assert rule("Send it on 2024-05-03.", "Envoyez-le le ⟦7⟧.", "en") == "Envoyez-le le 2024-05-03."
    assert rule("Send it on ⟦7⟧.", "Envoyez-le le ⟦7⟧.", "en") is None  # the source lost its words too
    assert rule("Send it today.", "Envoyez-le le ⟦7⟧.", "en") is None  # nothing it could stand for
