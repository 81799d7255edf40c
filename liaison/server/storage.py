"""Server storage through SQLAlchemy Core: SQLite by default, PostgreSQL for agencies.

Commit order: a push takes the space row's lock (``UPDATE spaces SET head = head + n``) and hands
its change sets positions ``head-n+1..head``; the lock is held until the transaction commits, so
no position becomes visible before every smaller one has committed. A reader paging by position
therefore never skips a change set that commits late, unlike a plain sequence, whose values
commit out of order on PostgreSQL. Several server processes can share one PostgreSQL: the lock is
in the database, not in a process.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from importlib import resources
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from liaison.server.schema import changes, devices, epoch_keys, invitations, nonces, spaces

INVITATION_TTL_S = 15 * 60
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class StorageError(Exception):
    """A request the data does not allow; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Device:
    id: str
    space_id: str
    name: str
    signing_public: bytes
    exchange_public: bytes
    status: str
    cert: bytes | None
    certified_by: str | None
    wipe: bool
    max_seq: int
    last_seen: float


@dataclass(frozen=True)
class Incoming:
    change_id: str
    device_id: str
    seq: int
    epoch: int
    envelope: bytes


def normalise_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 60})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(resources.files("liaison.server") / "migrations"))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # two processes starting at once migrate one at a time
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(4242001)"))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _device(row: Any) -> Device:
    return Device(
        row.id,
        row.space_id,
        row.name,
        bytes(row.signing_public),
        bytes(row.exchange_public),
        row.status,
        bytes(row.cert) if row.cert is not None else None,
        row.certified_by,
        bool(row.wipe),
        int(row.max_seq),
        float(row.last_seen),
    )


def code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().replace("-", "").encode()).hexdigest()


class Storage:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._nonce_purge = 0.0

    # -- devices and spaces -------------------------------------------------------------------

    def device(self, device_id: str) -> Device | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(devices).where(devices.c.id == device_id)).first()
        return _device(row) if row else None

    def devices(self, space_id: str) -> list[Device]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(devices).where(devices.c.space_id == space_id).order_by(devices.c.created_at)
            )
            return [_device(r) for r in rows]

    def space_epoch(self, space_id: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(spaces.c.epoch).where(spaces.c.id == space_id)).scalar_one())

    def create_space(self, space_id: str, device: dict[str, Any], cert: bytes, wrapped: bytes) -> None:
        now = time.time()
        try:
            with self.engine.begin() as conn:
                conn.execute(spaces.insert().values(id=space_id, epoch=1, head=0, created_at=now))
                conn.execute(
                    devices.insert().values(
                        id=device["id"],
                        space_id=space_id,
                        name=device["name"],
                        signing_public=device["signing_public"],
                        exchange_public=device["exchange_public"],
                        status="active",
                        cert=cert,
                        certified_by=device["id"],
                        wipe=False,
                        max_seq=0,
                        created_at=now,
                        last_seen=now,
                    )
                )
                conn.execute(
                    epoch_keys.insert().values(
                        space_id=space_id,
                        epoch=1,
                        device_id=device["id"],
                        wrapped=wrapped,
                        wrapped_by=device["id"],
                    )
                )
        except sa.exc.IntegrityError:
            raise StorageError(409, "that space or device id already exists") from None

    def count_after(self, space_id: str, after: int, requester: str) -> int:
        """How many change sets after ``after`` come from devices other than ``requester``: what a
        client about to pull from ``after`` will apply, for a determinate progress bar."""
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    sa.select(sa.func.count())
                    .select_from(changes)
                    .where(
                        changes.c.space_id == space_id,
                        changes.c.pos > after,
                        changes.c.device_id != requester,
                    )
                ).scalar_one()
            )

    def touch(self, device_id: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(devices.update().where(devices.c.id == device_id).values(last_seen=time.time()))

    def use_nonce(self, device_id: str, nonce: str, now: float, window: float) -> bool:
        """Record a request nonce; False when it was seen before (a replay)."""
        try:
            with self.engine.begin() as conn:
                conn.execute(nonces.insert().values(device_id=device_id, nonce=nonce, at=now))
                if now - self._nonce_purge > window:
                    self._nonce_purge = now
                    conn.execute(nonces.delete().where(nonces.c.at < now - 2 * window))
        except sa.exc.IntegrityError:
            return False
        return True

    # -- enrolment ------------------------------------------------------------------------------

    def create_invitation(self, space_id: str, created_by: str) -> tuple[str, float]:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
        expires = time.time() + INVITATION_TTL_S
        with self.engine.begin() as conn:
            conn.execute(
                invitations.insert().values(
                    code_hash=code_hash(code), space_id=space_id, created_by=created_by, expires_at=expires
                )
            )
        return f"{code[:4]}-{code[4:8]}-{code[8:]}", expires

    def join(self, code: str, device: dict[str, Any]) -> str:
        now = time.time()
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.select(invitations).where(invitations.c.code_hash == code_hash(code)).with_for_update()
            ).first()
            if row is None or row.used_by is not None or row.expires_at < now:
                raise StorageError(403, "invitation code unknown, used or expired")
            if conn.execute(sa.select(devices.c.id).where(devices.c.id == device["id"])).first():
                raise StorageError(409, "that device id is already registered")
            conn.execute(
                invitations.update()
                .where(invitations.c.code_hash == row.code_hash)
                .values(used_by=device["id"])
            )
            conn.execute(
                devices.insert().values(
                    id=device["id"],
                    space_id=row.space_id,
                    name=device["name"],
                    signing_public=device["signing_public"],
                    exchange_public=device["exchange_public"],
                    status="pending",
                    cert=None,
                    certified_by=None,
                    wipe=False,
                    max_seq=0,
                    created_at=now,
                    last_seen=now,
                )
            )
        return str(row.space_id)

    def approve(self, approver: Device, device_id: str, cert: bytes, wrapped: dict[int, bytes]) -> None:
        with self.engine.begin() as conn:
            target = conn.execute(
                sa.select(devices).where(devices.c.id == device_id).with_for_update()
            ).first()
            if target is None or target.space_id != approver.space_id:
                raise StorageError(404, "no such device in this space")
            if target.status != "pending":
                raise StorageError(409, f"device is {target.status}, not pending")
            epoch = conn.execute(
                sa.select(spaces.c.epoch).where(spaces.c.id == approver.space_id)
            ).scalar_one()
            if epoch not in wrapped or any(not 1 <= e <= epoch for e in wrapped):
                raise StorageError(
                    400, f"wrapped keys must include the current epoch {epoch} and no later one"
                )
            conn.execute(
                devices.update()
                .where(devices.c.id == device_id)
                .values(status="active", cert=cert, certified_by=approver.id)
            )
            for e, key in wrapped.items():
                conn.execute(
                    epoch_keys.insert().values(
                        space_id=approver.space_id,
                        epoch=e,
                        device_id=device_id,
                        wrapped=key,
                        wrapped_by=approver.id,
                    )
                )

    def revoke(
        self, revoker: Device, device_id: str, wipe: bool, epoch: int, wrapped: dict[str, bytes]
    ) -> None:
        with self.engine.begin() as conn:
            current = conn.execute(
                sa.select(spaces.c.epoch).where(spaces.c.id == revoker.space_id).with_for_update()
            ).scalar_one()
            target = conn.execute(sa.select(devices).where(devices.c.id == device_id)).first()
            if target is None or target.space_id != revoker.space_id:
                raise StorageError(404, "no such device in this space")
            if target.status == "revoked":
                raise StorageError(409, "device already revoked")
            if epoch != current + 1:
                raise StorageError(409, f"the new epoch must be {current + 1}: fetch keys and retry")
            remaining = {
                r.id
                for r in conn.execute(
                    sa.select(devices.c.id).where(
                        devices.c.space_id == revoker.space_id,
                        devices.c.status == "active",
                        devices.c.id != device_id,
                    )
                )
            }
            if set(wrapped) != remaining:
                raise StorageError(
                    409, "the new epoch key must be wrapped to exactly the remaining active devices"
                )
            conn.execute(
                devices.update().where(devices.c.id == device_id).values(status="revoked", wipe=wipe)
            )
            conn.execute(spaces.update().where(spaces.c.id == revoker.space_id).values(epoch=epoch))
            for dev, key in wrapped.items():
                conn.execute(
                    epoch_keys.insert().values(
                        space_id=revoker.space_id,
                        epoch=epoch,
                        device_id=dev,
                        wrapped=key,
                        wrapped_by=revoker.id,
                    )
                )

    def wrapped_keys(self, device_id: str) -> list[tuple[int, bytes, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(epoch_keys.c.epoch, epoch_keys.c.wrapped, epoch_keys.c.wrapped_by)
                .where(epoch_keys.c.device_id == device_id)
                .order_by(epoch_keys.c.epoch)
            )
            return [(int(r[0]), bytes(r[1]), str(r[2])) for r in rows]

    # -- change sets ----------------------------------------------------------------------------

    def push(self, device: Device, batch: list[Incoming]) -> tuple[int, int]:
        """Store change sets in the device's sequence order; returns (stored, duplicates).

        Idempotent by change id: a retried push answers as if it had just succeeded."""
        with self.engine.begin() as conn:
            ids = [i.change_id for i in batch]
            known = {
                r.change_id: (r.device_id, r.seq)
                for r in conn.execute(
                    sa.select(changes.c.change_id, changes.c.device_id, changes.c.seq).where(
                        changes.c.change_id.in_(ids)
                    )
                )
            }
            epoch = conn.execute(sa.select(spaces.c.epoch).where(spaces.c.id == device.space_id)).scalar_one()
            max_seq = conn.execute(
                sa.select(devices.c.max_seq).where(devices.c.id == device.id).with_for_update()
            ).scalar_one()
            fresh = []
            for item in batch:
                if item.change_id in known:
                    if known[item.change_id] != (device.id, item.seq):
                        raise StorageError(
                            409, f"change id {item.change_id} already used with another sequence"
                        )
                    continue
                if item.epoch > epoch:
                    raise StorageError(400, f"epoch {item.epoch} does not exist yet")
                if item.seq != max_seq + 1:
                    raise StorageError(409, f"sequence {item.seq} does not follow {max_seq}: push in order")
                max_seq = item.seq
                fresh.append(item)
            if not fresh:
                return 0, len(batch)
            head = conn.execute(
                spaces.update()
                .where(spaces.c.id == device.space_id)
                .values(head=spaces.c.head + len(fresh))
                .returning(spaces.c.head)
            ).scalar_one()
            now = time.time()
            first = head - len(fresh) + 1
            conn.execute(
                changes.insert(),
                [
                    {
                        "space_id": device.space_id,
                        "pos": first + n,
                        "change_id": i.change_id,
                        "device_id": device.id,
                        "seq": i.seq,
                        "epoch": i.epoch,
                        "envelope": i.envelope,
                        "created_at": now,
                    }
                    for n, i in enumerate(fresh)
                ],
            )
            conn.execute(devices.update().where(devices.c.id == device.id).values(max_seq=max_seq))
        return len(fresh), len(batch) - len(fresh)

    def pull(
        self, space_id: str, after: int, limit: int
    ) -> tuple[list[tuple[int, str, int, bytes]], dict[str, int], bool]:
        """A page of change sets after a position, and each device's highest sequence number.

        The heads are read first: everything they count had committed, so it is on this page or an
        earlier one by the time the last page is read, and a client comparing them never sees a
        false gap."""
        with self.engine.connect() as conn:
            heads = {
                r.id: int(r.max_seq)
                for r in conn.execute(
                    sa.select(devices.c.id, devices.c.max_seq).where(devices.c.space_id == space_id)
                )
            }
            rows = conn.execute(
                sa.select(changes.c.pos, changes.c.device_id, changes.c.seq, changes.c.envelope)
                .where(changes.c.space_id == space_id, changes.c.pos > after)
                .order_by(changes.c.pos)
                .limit(limit + 1)
            ).all()
        more = len(rows) > limit
        return [(int(r[0]), str(r[1]), int(r[2]), bytes(r[3])) for r in rows[:limit]], heads, more
