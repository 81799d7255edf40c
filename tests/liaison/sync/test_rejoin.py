"""A device still pending may join again under its id with a new invitation (it refused what it
was shown the first time: a mistyped code, a founder that did not match, and stored nothing), its
new keys replacing the old; an approved device, or one pending in another space, may not. On real
SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.server.storage import Storage, StorageError, make_engine, migrate
from liaison.sync import keys
from tests.liaison.sync.servers import PostgresCluster


@pytest.fixture(params=["sqlite", "postgresql"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.db'}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    engine = make_engine(url)
    migrate(engine)
    yield Storage(engine)
    engine.dispose()


def identity(device_id: str, name: str) -> dict[str, object]:
    k = keys.DeviceKeys.generate()
    return {
        "id": device_id,
        "name": name,
        "signing_public": k.signing_public,
        "exchange_public": k.exchange_public,
    }


def space(storage: Storage) -> tuple[str, str]:
    space_id, founder = uuid.uuid4().hex, uuid.uuid4().hex
    storage.create_space(space_id, identity(founder, "desk"), b"c" * 64, b"w")
    return space_id, founder


def test_a_pending_device_joins_again_with_new_keys(storage: Storage) -> None:
    space_id, founder = space(storage)
    laptop = uuid.uuid4().hex
    first, second = identity(laptop, "laptop"), identity(laptop, "laptop, second try")
    storage.join(storage.create_invitation(space_id, founder)[0], first)
    assert storage.device_keys_of(laptop).signing_public == first["signing_public"]  # type: ignore[union-attr]
    code, _ = storage.create_invitation(space_id, founder)
    assert storage.join(code, second) == space_id
    again = storage.device(laptop)
    assert again is not None and again.status == "pending" and again.cert is None
    assert (again.name, again.signing_public) == ("laptop, second try", second["signing_public"])
    assert storage.device_keys_of(laptop).signing_public == second["signing_public"]  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="unknown, used or expired"):
        storage.join(code, identity(laptop, "third"))  # that invitation is spent
    assert len([d for d in storage.devices(space_id) if d.id == laptop]) == 1


def test_an_approved_device_or_one_of_another_space_cannot_join_again(storage: Storage) -> None:
    space_id, founder = space(storage)
    laptop = uuid.uuid4().hex
    storage.join(storage.create_invitation(space_id, founder)[0], identity(laptop, "laptop"))
    other_space, other_founder = space(storage)
    with pytest.raises(StorageError, match="already registered") as elsewhere:
        storage.join(storage.create_invitation(other_space, other_founder)[0], identity(laptop, "x"))
    assert elsewhere.value.status == 409
    desk = storage.device(founder)
    assert desk is not None
    storage.approve(desk, laptop, b"c" * 64, {1: b"w"})
    with pytest.raises(StorageError, match="already registered"):
        storage.join(storage.create_invitation(space_id, founder)[0], identity(laptop, "hijack"))
    kept = storage.device(laptop)
    assert kept is not None and kept.status == "active" and kept.name == "laptop"
