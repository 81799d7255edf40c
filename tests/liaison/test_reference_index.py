"""Case and request references unique by a database index scoped to the device that wrote them:
one device can never hold two alike (even past the services), while duplicates made offline on two
devices still sync, and sync's own order of writes (ops, then rows) never trips the index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.domain import Case
from liaison.errors import ConflictError
from liaison.services import vault as vault_service
from liaison.services.sync import service
from liaison.store import records
from liaison.store.vault import Vault
from tests.liaison.sync.inprocess import Server, space_of


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(f"sqlite:///{tmp_path / 'server.db'}")
    yield srv
    srv.close()


def _sync(server: Server, vaults: list[Vault], rounds: int = 2) -> None:
    for _ in range(rounds):
        for vault in vaults:
            service.now(vault, factory=server.factory)


def _references(vault: Vault) -> list[tuple[str, str]]:
    rows = vault.conn.execute("SELECT reference, reference_scope FROM cases ORDER BY 1, 2")
    return [(str(r), str(s)) for r, s in rows]


def test_one_device_cannot_hold_two_alike_even_past_the_services(vault: Vault) -> None:
    records.insert(vault, Case(reference="2026/17", title="First"))
    with pytest.raises(ConflictError, match="already has this reference"):
        records.insert(vault, Case(reference="2026/17", title="Written below the services"))
    other = records.insert(vault, Case(reference="2026/18", title="Second"))
    with pytest.raises(ConflictError):
        records.update(vault, Case, other.id, {"reference": "2026/17"})
    records.insert(vault, Case(reference="", title="No reference yet"))
    records.insert(vault, Case(reference="", title="Nor this one"))  # empty references may repeat
    assert [title for (title,) in vault.conn.execute("SELECT title FROM cases ORDER BY title")] == [
        "First", "No reference yet", "Nor this one", "Second",
    ]  # fmt: skip


def test_duplicates_made_offline_on_two_devices_both_sync(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    records.insert(a, Case(reference="2026/17", title="Made on A"))
    records.insert(b, Case(reference="2026/17", title="Made on B"))
    _sync(server, [a, b])
    for vault in (a, b):
        assert _references(vault) == sorted([("2026/17", a.device_id), ("2026/17", b.device_id)])
        assert vault_service.check(vault) == []


def test_a_rename_arriving_before_its_row_never_trips_the_index(server: Server, tmp_path: Path) -> None:
    """C receives B's rename of A's case while B also holds its own case with the old reference:
    the op arrives before the row is rewritten, and the row keeps A's scope until it is."""
    a, b, c = space_of(server, tmp_path, 3)
    first = records.insert(a, Case(reference="R-1", title="A's"))
    records.insert(b, Case(reference="R-1", title="B's"))
    _sync(server, [a, b, c])
    records.update(b, Case, first.id, {"reference": "R-2"})
    _sync(server, [b, c, a])
    for vault in (a, b, c):
        assert records.get(vault, Case, first.id).reference == "R-2"
        assert _references(vault) == [("R-1", b.device_id), ("R-2", b.device_id)]
        assert vault_service.check(vault) == []


def test_a_local_edit_moves_the_scope_to_this_device(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    made = records.insert(b, Case(reference="B-1", title="B's"))
    _sync(server, [b, a])
    assert _references(a) == [("B-1", b.device_id)]
    records.update(a, Case, made.id, {"reference": "A-1"})
    assert _references(a) == [("A-1", a.device_id)]
    _sync(server, [a, b])
    assert _references(b) == [("A-1", a.device_id)]
