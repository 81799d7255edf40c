"""Stored match forms (migration 0009): a later session builds the fuzzy index without running the
identifier recognisers again, finds the same matches, and a changed or deleted entry leaves no
stale key (nor its words) behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.domain import TmEntry
from liaison.services import translation as service
from liaison.store import tm_keys
from liaison.store.vault import Vault, unlock
from liaison.translation import memory
from tests.conftest import PASSPHRASE

_THINGS = ["records", "statements", "invoices", "contracts", "photographs", "messages", "receipts", "minutes"]
_PLACES = ["Lyon", "Porto", "Vienna", "Cork", "Ghent", "Turin", "Bergen", "Split", "Leipzig", "Seville"]
SENTENCES = [f"Please send the {t} kept in {p} before Monday 4 May." for t in _THINGS for p in _PLACES] + [
    f"The suspect travelled from {a} to {b} by train." for a in _PLACES[:4] for b in _PLACES if a != b
]

TRAIN = "The suspect travelled from Lyon to Cork by train."


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every match form the services compute (the recognisers run), by text."""
    calls: list[str] = []
    real = memory.match_key

    def counting(text: str, language: str = "") -> memory.MatchKey:
        calls.append(text)
        return real(text, language)

    monkeypatch.setattr(memory, "match_key", counting)
    yield calls


def _fill(vault: Vault) -> None:
    with vault.transaction():
        for n, text in enumerate(SENTENCES):
            service.memory_entries.add(
                vault, TmEntry(source_lang="en", target_lang="fr", source=text, target=f"Traduction {n}.")
            )


def _stored(vault: Vault) -> int:
    return int(vault.conn.execute("SELECT count(*) FROM tm_match_keys").fetchone()[0])


def test_a_later_session_builds_the_index_from_stored_keys(
    vault_path: Path, vault: Vault, counted: list[str]
) -> None:
    _fill(vault)
    query = "Please send the records kept in Lyon before Friday 8 May."
    first = service.resources_for(vault).fuzzy("en", "fr", query, 75.0, 3)
    assert len(counted) >= len(SENTENCES) and _stored(vault) == len(SENTENCES)
    vault.close()
    counted.clear()
    with unlock(vault_path, PASSPHRASE) as later:
        again = service.resources_for(later).fuzzy("en", "fr", query, 75.0, 3)
        exact = service.resources_for(later).exact("en", "fr", TRAIN)
    assert set(counted) <= {query, TRAIN}  # the queries only
    assert [(m.source, m.score) for m in again] == [(m.source, m.score) for m in first] and first
    assert exact == f"Traduction {SENTENCES.index(TRAIN)}."


def test_changed_and_deleted_entries_drop_their_keys(vault: Vault, counted: list[str]) -> None:
    _fill(vault)
    resources = service.resources_for(vault)
    resources.index("en", "fr")
    entry = service.memory_entries.list(vault)[0]
    service.memory_entries.edit(vault, entry.id, {"source": "A wholly different canary sentence here."})
    assert _stored(vault) == len(SENTENCES) - 1  # the trigger dropped the old key
    counted.clear()
    assert resources.exact("en", "fr", "A wholly different canary sentence here.") == entry.target
    assert "A wholly different canary sentence here." in counted  # made again from the new text
    assert _stored(vault) == len(SENTENCES)
    service.memory_entries.delete(vault, entry.id)
    assert _stored(vault) == len(SENTENCES) - 1
    keys = [row[0] for row in vault.conn.execute("SELECT match_key FROM tm_match_keys")]
    assert not any("canary" in key for key in keys)


def test_new_recognisers_make_every_key_again(
    vault: Vault, counted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(vault)
    service.resources_for(vault).index("en", "fr")
    monkeypatch.setattr(memory, "MATCH_FORM_VERSION", "a later release")
    counted.clear()
    service.VaultResources(vault).index("en", "fr")
    assert len(counted) == len(SENTENCES)
    assert vault.meta(tm_keys.META_KEY) == "a later release" and _stored(vault) == len(SENTENCES)


def test_the_index_built_on_a_worker_is_adopted_and_keeps_no_key_of_a_deleted_entry(
    vault: Vault, counted: list[str]
) -> None:
    """The app builds every pair's index on a worker with a read-only connection of its own right
    after unlocking; the store thread then adopts it, catching up with what changed meanwhile."""
    _fill(vault)
    service.memory_entries.add(
        vault, TmEntry(source_lang="fr", target_lang="en", source="Bonjour.", target="Hello.")
    )
    build = service.memory_prebuilder(vault)
    built: list[service.PrebuiltMemory] = []
    worker = threading.Thread(target=lambda: built.append(build()))
    worker.start()
    worker.join()
    assert set(built[0]) == {("en", "fr"), ("fr", "en")} and _stored(vault) == 0  # the worker only reads
    gone = service.memory_entries.list(vault)[0]
    service.memory_entries.delete(vault, gone.id)  # while the worker's result waits
    added = service.memory_entries.add(
        vault, TmEntry(source_lang="en", target_lang="fr", source="A late arrival today.", target="Tard.")
    )
    assert service.adopt_memory(vault, built[0]) == len(SENTENCES) + 1
    assert _stored(vault) == len(SENTENCES)  # every entry but the deleted one (the late one: not yet)
    stored_ids = {row[0] for row in vault.conn.execute("SELECT entry_id FROM tm_match_keys")}
    assert gone.id not in stored_ids
    counted.clear()
    resources = service.resources_for(vault)
    assert resources.exact("en", "fr", "A late arrival today.") == "Tard."
    assert resources.exact("en", "fr", gone.source) is None
    assert resources.exact("fr", "en", "Bonjour.") == "Hello."
    assert len(counted) < 20  # the queries and the late entry: no index built again
    assert added.id in {row[0] for row in vault.conn.execute("SELECT entry_id FROM tm_match_keys")}
