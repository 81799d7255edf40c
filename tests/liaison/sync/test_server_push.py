"""The server's grouped push on real SQLite and PostgreSQL: pushes that arrive together share one
transaction, yet each is refused or stored on its own; a replayed push stores nothing; a device
revoked while its push was on the way stores nothing."""

from __future__ import annotations

import threading
import uuid

import pytest

from liaison.server.storage import Device, Incoming, Storage, StorageError, _PushJob
from liaison.sync import keys


def _space(storage: Storage, count: int) -> list[Device]:
    space_id, ids = uuid.uuid4().hex, [uuid.uuid4().hex for _ in range(count)]

    def identity(i: int) -> dict[str, object]:
        k = keys.DeviceKeys.generate()
        return {
            "id": ids[i],
            "name": f"d{i}",
            "signing_public": k.signing_public,
            "exchange_public": k.exchange_public,
        }

    storage.create_space(space_id, identity(0), b"c" * 64, b"w")
    first = storage.device(ids[0])
    assert first is not None
    for i in range(1, count):
        code, _ = storage.create_invitation(space_id, ids[0])
        storage.join(code, identity(i))
        storage.approve(first, ids[i], b"c" * 64, {1: b"w"})
    found = [storage.device(i) for i in ids]
    assert all(found)
    return found  # type: ignore[return-value]


def _batch(device: Device, first_seq: int, count: int) -> list[Incoming]:
    return [
        Incoming(uuid.uuid4().hex, device.id, seq, 1, b"sealed-%d" % seq)
        for seq in range(first_seq, first_seq + count)
    ]


def _nonce() -> tuple[str, float, float]:
    import time

    return uuid.uuid4().hex, time.time(), 300.0


def test_one_group_stores_the_good_pushes_and_refuses_the_bad_ones(storage: Storage) -> None:
    a, b, c = _space(storage, 3)
    reused = _nonce()
    storage.push(c, _batch(c, 1, 1), reused)
    jobs = [
        _PushJob(a, _batch(a, 1, 3), _nonce()),
        _PushJob(b, _batch(b, 2, 1), _nonce()),  # skips sequence 1: refused
        _PushJob(a, _batch(a, 4, 2), _nonce()),  # follows a's first push in the same group
        _PushJob(c, _batch(c, 2, 1), reused),  # a replayed request: refused
    ]
    storage._queue = list(jobs)
    storage._write_group()
    assert [j.error.status if j.error else j.result for j in jobs] == [(3, 0), 409, (2, 0), 401]
    rows, heads, more = storage.pull(a.space_id, 0, 100)
    assert [(d, s) for _p, d, s, _b in rows] == [(c.id, 1)] + [(a.id, s) for s in range(1, 6)]
    assert [p for p, *_ in rows] == list(range(1, 7)) and not more
    assert heads == {a.id: 5, b.id: 0, c.id: 1}


def test_a_retried_push_is_answered_as_a_duplicate(storage: Storage) -> None:
    (a,) = _space(storage, 1)
    batch = _batch(a, 1, 4)
    assert storage.push(a, batch, _nonce()) == (4, 0)
    assert storage.push(a, batch, _nonce()) == (0, 4)
    assert len(storage.pull(a.space_id, 0, 100)[0]) == 4


def test_a_device_revoked_while_its_push_was_on_the_way_stores_nothing(storage: Storage) -> None:
    a, b = _space(storage, 2)
    stale = storage.device_keys_of(b.id)  # what the push's signature check used
    storage.revoke(a, b.id, False, 2, {a.id: b"w2"})
    assert stale is not None
    with pytest.raises(StorageError) as refused:
        storage.push(stale, _batch(b, 1, 2), _nonce())
    assert (refused.value.status, str(refused.value)) == (403, "revoked")
    assert storage.pull(a.space_id, 0, 100)[0] == []


def test_concurrent_pushes_all_land_once_in_commit_order(storage: Storage) -> None:
    devices = _space(storage, 8)
    errors: list[BaseException] = []

    def push(device: Device) -> None:
        try:
            for start in range(1, 31, 5):
                storage.push(device, _batch(device, start, 5), _nonce())
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=push, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows, heads, _more = storage.pull(devices[0].space_id, 0, 1000)
    assert [p for p, *_ in rows] == list(range(1, 241))
    for d in devices:
        assert [s for _p, dev, s, _b in rows if dev == d.id] == list(range(1, 31))
    assert set(heads.values()) == {30}


def test_a_change_id_another_device_used_is_refused_without_losing_the_group(storage: Storage) -> None:
    """The group's reads do not look for change ids new sequence numbers carry: a reused one fails
    the unique constraint in the group's insert (COPY on PostgreSQL), and the group is written
    again push by push: that push alone is refused, the others are stored."""
    a, b = _space(storage, 2)
    first = _batch(a, 1, 2)
    assert storage.push(a, first, _nonce()) == (2, 0)
    stolen = [Incoming(first[0].change_id, b.id, 1, 1, b"sealed-stolen")]
    jobs = [
        _PushJob(a, _batch(a, 3, 2), _nonce()),
        _PushJob(b, stolen, _nonce()),
        _PushJob(a, _batch(a, 5, 1), _nonce()),
    ]
    storage._queue = list(jobs)
    storage._write_group()
    assert [j.error.status if j.error else j.result for j in jobs] == [(2, 0), 409, (1, 0)]
    rows, heads, _more = storage.pull(a.space_id, 0, 100)
    assert [(d, s) for _p, d, s, _b in rows] == [(a.id, s) for s in range(1, 6)]
    assert [p for p, *_ in rows] == list(range(1, 6))
    assert heads == {a.id: 5, b.id: 0}
