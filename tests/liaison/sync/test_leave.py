"""Leaving a space from the device itself: keys forgotten, records kept, no more sync, no rejoin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.domain import Contact
from liaison.errors import SyncNotConfigured
from liaison.services.sync import service
from liaison.store import records, sync_state
from tests.liaison.sync.inprocess import URL, Server, space_of


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(f"sqlite:///{tmp_path / 'server.db'}")
    yield srv
    srv.close()


def test_a_device_that_leaves_keeps_its_records_and_stops_syncing(server: Server, tmp_path: Path) -> None:
    a, b = space_of(server, tmp_path, 2)
    records.insert(b, Contact(full_name="Kept here"))
    service.leave(b)
    assert [c.full_name for c in records.find(b, Contact)] == ["Kept here"]
    assert sync_state.epoch_keys(b) == {}
    with pytest.raises(SyncNotConfigured, match="left its sync space"):
        service.now(b, factory=server.factory)
    with pytest.raises(SyncNotConfigured, match="cannot join another"):
        service.join(b, URL, "any-code", factory=server.factory)
    with pytest.raises(SyncNotConfigured, match="already left"):
        service.leave(b)
    service.now(a, factory=server.factory)  # the others carry on
    assert records.find(a, Contact) == []
