"""Server storage through SQLAlchemy Core: SQLite by default, PostgreSQL for agencies.

Commit order: a push takes the space row's lock (``UPDATE spaces SET head = head + n``) and hands
its change sets positions ``head-n+1..head``; the lock is held until the transaction commits, so
no position becomes visible before every smaller one has committed. A reader paging by position
therefore never skips a change set that commits late, unlike a plain sequence, whose values
commit out of order on PostgreSQL. Several server processes can share one PostgreSQL: the lock is
in the database, not in a process.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from liaison.server.schema import changes, devices, epoch_keys, invitations, nonces, spaces
from liaison.sync import protocol

log = logging.getLogger("liaison.server")
INVITATION_TTL_S = 15 * 60
PAGE_BYTES = 24 * 1024 * 1024


class StorageError(Exception):
    """A request the data does not allow; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class ClockOff(StorageError):
    """A signed request stamped too far from the server's time. The answer carries the offset
    (``clock_off_s``, the request's time minus the server's) so the client can say, in the
    officer's language, by how many minutes the computer's clock is wrong."""

    def __init__(self, offset_s: int) -> None:
        minutes = max(1, round(abs(offset_s) / 60))
        super().__init__(401, f"this computer's clock is {minutes} minutes off the server's")
        self.offset_s = offset_s


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


@dataclass
class _PushJob:
    device: Device
    batch: list[Incoming]
    nonce: tuple[str, float, float] | None
    result: tuple[int, int] = (0, 0)
    error: StorageError | None = None
    done: threading.Event = field(default_factory=threading.Event)


def normalise_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        # As many connections as request threads: readers never queue for one (WAL lets them
        # read while a write commits); writers take turns through ``Storage._writing``.
        engine = sa.create_engine(url, connect_args={"timeout": 60}, pool_size=40, max_overflow=10)

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            # The driver's own transaction handling breaks savepoints (used by grouped pushes):
            # let SQLAlchemy say BEGIN itself (SQLAlchemy's documented recipe for pysqlite).
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN")

        return engine
    return sa.create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)


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
        # SQLite has one writer at a time; left to itself, a blocked writer polls with sleeps of
        # up to 100 ms (its busy handler), which under 50 pushing devices costs more than the
        # writes. Writers of this process queue on a lock instead and never meet a busy file.
        # PostgreSQL locks rows, and several server processes share it: no process lock there.
        self._write_lock: contextlib.AbstractContextManager[Any] = (
            threading.Lock() if engine.dialect.name == "sqlite" else contextlib.nullcontext()
        )
        self._push_lock = threading.Lock()  # the thread holding it writes every queued push
        self._queue_lock = threading.Lock()
        self._queue: list[_PushJob] = []
        self._identities: dict[str, Device] = {}
        # A statement run on the driver's own connection (COPY) raises the driver's error
        driver = engine.dialect.loaded_dbapi
        self._driver_integrity_error: type[Exception] = driver.IntegrityError

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        """A write transaction (committed on exit, rolled back on error)."""
        with self._write_lock, self.engine.begin() as conn:
            yield conn

    # -- devices and spaces -------------------------------------------------------------------

    def device(self, device_id: str) -> Device | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(devices).where(devices.c.id == device_id)).first()
        return _device(row) if row else None

    def device_keys_of(self, device_id: str) -> Device | None:
        """A device as registered, from this process's cache when seen before: once approved, its
        id, space and keys never change (status does: callers that need it read it in their
        transaction). A pending device is not cached: joining again replaces its keys (``join``)."""
        cached = self._identities.get(device_id)
        if cached is None:
            cached = self.device(device_id)
            if cached is not None and cached.status != "pending":
                self._identities[device_id] = cached
        return cached

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
            with self._writing() as conn:
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
        with self._writing() as conn:
            conn.execute(devices.update().where(devices.c.id == device_id).values(last_seen=time.time()))

    def _record_nonce(
        self, conn: sa.Connection, device_id: str, nonce: str, now: float, window: float
    ) -> None:
        """Store a request nonce in the caller's transaction; a replay raises 401 (and rolls back)."""
        try:
            conn.execute(nonces.insert().values(device_id=device_id, nonce=nonce, at=now))
        except sa.exc.IntegrityError:
            raise StorageError(401, "request replayed: nonce already used") from None
        if now - self._nonce_purge > window:
            self._nonce_purge = now
            conn.execute(nonces.delete().where(nonces.c.at < now - 2 * window))

    def use_nonce(self, device_id: str, nonce: str, now: float, window: float) -> bool:
        """Record a request nonce; False when it was seen before (a replay)."""
        try:
            with self._writing() as conn:
                self._record_nonce(conn, device_id, nonce, now, window)
        except StorageError:
            return False
        return True

    # -- enrolment ------------------------------------------------------------------------------

    def create_invitation(self, space_id: str, created_by: str) -> tuple[str, float]:
        code = "".join(secrets.choice(protocol.INVITATION_ALPHABET) for _ in range(protocol.INVITATION_CHARS))
        expires = time.time() + INVITATION_TTL_S
        with self._writing() as conn:
            conn.execute(
                invitations.insert().values(
                    code_hash=code_hash(code), space_id=space_id, created_by=created_by, expires_at=expires
                )
            )
        return f"{code[:4]}-{code[4:8]}-{code[8:]}", expires

    def join(self, code: str, device: dict[str, Any]) -> str:
        """Register a device with an invitation code, pending a member's approval.

        A device still pending in the same space, never certified, may join again with a new
        invitation, with new keys: a joining device that refused what it was shown (a mistyped
        code, a founder that did not match) stored nothing and tries again under the same id. The
        member approving it compares the safety number of the keys registered last."""
        now = time.time()
        with self._writing() as conn:
            row = conn.execute(
                sa.select(invitations).where(invitations.c.code_hash == code_hash(code)).with_for_update()
            ).first()
            if row is None or row.used_by is not None or row.expires_at < now:
                raise StorageError(403, "invitation code unknown, used or expired")
            known = conn.execute(sa.select(devices).where(devices.c.id == device["id"])).first()
            if known is not None and not (
                known.status == "pending" and known.cert is None and known.space_id == row.space_id
            ):
                raise StorageError(409, "that device id is already registered")
            conn.execute(
                invitations.update()
                .where(invitations.c.code_hash == row.code_hash)
                .values(used_by=device["id"])
            )
            keys = {
                "name": device["name"],
                "signing_public": device["signing_public"],
                "exchange_public": device["exchange_public"],
                "last_seen": now,
            }
            if known is not None:
                conn.execute(devices.update().where(devices.c.id == device["id"]).values(**keys))
                return str(row.space_id)
            conn.execute(
                devices.insert().values(
                    id=device["id"],
                    space_id=row.space_id,
                    status="pending",
                    cert=None,
                    certified_by=None,
                    wipe=False,
                    max_seq=0,
                    created_at=now,
                    **keys,
                )
            )
        return str(row.space_id)

    def approve(self, approver: Device, device_id: str, cert: bytes, wrapped: dict[int, bytes]) -> None:
        with self._writing() as conn:
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
        with self._writing() as conn:
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

    def push(
        self, device: Device, batch: list[Incoming], nonce: tuple[str, float, float] | None = None
    ) -> tuple[int, int]:
        """Store change sets in the device's sequence order; returns (stored, duplicates).

        Idempotent by change id: a retried push answers as if it had just succeeded. ``nonce``
        (nonce, time, window): the request's nonce, recorded in the same transaction. The
        device's status is read again under its row lock, so a device revoked while its request
        was on the way stores nothing.

        Group commit: pushes arriving together are written in one transaction, each under its own
        savepoint (a refused push undoes only itself), and answered once it commits. Under many
        devices one commit (one fsync, one hold of the space row lock) then serves many pushes."""
        job = _PushJob(device, batch, nonce)
        with self._queue_lock:
            self._queue.append(job)
        with self._push_lock:
            if not job.done.is_set():
                self._write_group()
        job.done.wait()
        if job.error is not None:
            raise job.error
        return job.result

    def _write_group(self) -> None:
        with self._queue_lock:
            jobs, self._queue = self._queue, []
        try:
            try:
                with self._writing() as conn:
                    self._push_group(conn, jobs)
            except (sa.exc.IntegrityError, self._driver_integrity_error):
                # What the reads do not look for (a replayed nonce, a change id another device
                # used): every push again, each under its own savepoint.
                for job in jobs:
                    job.error = None
                with self._writing() as conn:
                    for job in jobs:
                        try:
                            with conn.begin_nested():
                                job.result = self._push_one(conn, job)
                        except StorageError as error:
                            job.error = error
                        except sa.exc.IntegrityError:
                            job.error = StorageError(409, "a change id in this push is already used")
        except Exception as error:  # the database failed: nothing of the group was stored
            log.warning("grouped push failed: %s", type(error).__name__)
            for job in jobs:
                job.error = StorageError(503, "the server database failed: retry")
        finally:
            for job in jobs:
                job.done.set()

    def _push_group(self, conn: sa.Connection, jobs: list[_PushJob]) -> None:
        """Every queued push in a few statements: locks and reads for all, checks per push in
        arrival order (a refused push changes nothing), then one insert per table. Spaces are
        locked before devices, as revocation does."""
        space_ids = sorted({j.device.space_id for j in jobs})
        device_ids = sorted({j.device.id for j in jobs})
        space_rows = {
            r.id: [int(r.head), int(r.epoch)]
            for r in conn.execute(
                sa.select(spaces.c.id, spaces.c.head, spaces.c.epoch)
                .where(spaces.c.id.in_(space_ids))
                .order_by(spaces.c.id)
                .with_for_update()
            )
        }
        device_rows: dict[str, list[Any]] = {
            r.id: [int(r.max_seq), str(r.status)]
            for r in conn.execute(
                sa.select(devices.c.id, devices.c.max_seq, devices.c.status)
                .where(devices.c.id.in_(device_ids))
                .order_by(devices.c.id)
                .with_for_update()
            )
        }
        # Only a retried push can carry change ids the table already holds, and its sequence
        # numbers are then at most the device's highest: look up those alone (usually none, and
        # one round trip less per group). Anything the reads skip (a replayed nonce, a change id
        # another device used) fails the unique constraints below, and the group is written
        # again push by push (``_write_group``), each answered as it deserves.
        retried = [
            i.change_id
            for j in jobs
            if j.device.id in device_rows
            for i in j.batch
            if i.seq <= device_rows[j.device.id][0]
        ]
        known = (
            {
                r.change_id: (r.device_id, r.seq)
                for r in conn.execute(
                    sa.select(changes.c.change_id, changes.c.device_id, changes.c.seq).where(
                        changes.c.change_id.in_(retried)
                    )
                )
            }
            if retried
            else {}
        )
        used: set[tuple[str, str]] = set()  # nonces of this group (the table refuses older ones)
        new_nonces: list[dict[str, Any]] = []
        rows: list[dict[str, Any]] = []
        now = time.time()
        for job in jobs:
            try:
                fresh = self._check_push(job, device_rows, space_rows, used, known)
            except StorageError as error:
                job.error = error
                continue
            if job.nonce is not None:
                used.add((job.device.id, job.nonce[0]))
                new_nonces.append({"device_id": job.device.id, "nonce": job.nonce[0], "at": job.nonce[1]})
            space = space_rows[job.device.space_id]
            for item in fresh:
                space[0] += 1
                rows.append(
                    {
                        "space_id": job.device.space_id,
                        "pos": space[0],
                        "change_id": item.change_id,
                        "device_id": job.device.id,
                        "seq": item.seq,
                        "epoch": item.epoch,
                        "envelope": item.envelope,
                        "created_at": now,
                    }
                )
                known[item.change_id] = (job.device.id, item.seq)
            job.result = (len(fresh), len(job.batch) - len(fresh))
        if new_nonces:
            conn.execute(nonces.insert(), new_nonces)
        if rows:
            self._insert_changes(conn, rows)
            conn.execute(
                spaces.update().where(spaces.c.id == sa.bindparam("sid")).values(head=sa.bindparam("h")),
                [{"sid": sid, "h": head} for sid, (head, _epoch) in space_rows.items()],
            )
            conn.execute(
                devices.update().where(devices.c.id == sa.bindparam("did")).values(max_seq=sa.bindparam("m")),
                [{"did": did, "m": seq} for did, (seq, _status) in device_rows.items()],
            )
        windows = [j.nonce for j in jobs if j.nonce is not None]
        if windows and now - self._nonce_purge > windows[0][2]:
            self._nonce_purge = now
            conn.execute(nonces.delete().where(nonces.c.at < now - 2 * windows[0][2]))

    def _insert_changes(self, conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
        """The group's change sets in one statement; on PostgreSQL through COPY, which takes rows
        several times faster than a multi-row INSERT (measured: a group of ~240 change sets
        spent 18 ms in the INSERT, the largest part of the time a group holds the space lock).
        A duplicate fails the unique constraints either way (the driver's IntegrityError)."""
        if conn.dialect.name != "postgresql":
            conn.execute(changes.insert(), rows)
            return
        columns = ("space_id", "pos", "change_id", "device_id", "seq", "epoch", "envelope", "created_at")
        import psycopg  # noqa: PLC0415  (the driver of postgresql URLs: make_engine)

        raw = cast("psycopg.Connection[Any]", conn.connection.dbapi_connection)
        with raw.cursor() as cursor, cursor.copy(f"COPY changes ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(tuple(row[c] for c in columns))

    @staticmethod
    def _check_push(
        job: _PushJob,
        device_rows: dict[str, list[Any]],
        space_rows: dict[str, list[int]],
        used: set[tuple[str, str]],
        known: dict[str, tuple[str, int]],
    ) -> list[Incoming]:
        """The change sets of one push that are new; raises (changing nothing) when it is refused."""
        device = job.device
        if job.nonce is not None and (device.id, job.nonce[0]) in used:
            raise StorageError(401, "request replayed: nonce already used")
        state = device_rows.get(device.id)
        if state is None or state[1] != "active":
            status = state[1] if state else "revoked"
            raise StorageError(403, "revoked" if status == "revoked" else "device not approved yet")
        max_seq, epoch = state[0], space_rows[device.space_id][1]
        fresh = []
        for item in job.batch:
            if item.change_id in known:
                if known[item.change_id] != (device.id, item.seq):
                    raise StorageError(409, f"change id {item.change_id} already used with another sequence")
                continue
            if item.epoch > epoch:
                raise StorageError(400, f"epoch {item.epoch} does not exist yet")
            if item.seq != max_seq + 1:
                raise StorageError(409, f"sequence {item.seq} does not follow {max_seq}: push in order")
            max_seq = item.seq
            fresh.append(item)
        state[0] = max_seq
        return fresh

    def _push_one(self, conn: sa.Connection, job: _PushJob) -> tuple[int, int]:
        device, batch = job.device, job.batch
        if job.nonce is not None:
            self._record_nonce(conn, device.id, *job.nonce)
        ids = [i.change_id for i in batch]
        known = {
            r.change_id: (r.device_id, r.seq)
            for r in conn.execute(
                sa.select(changes.c.change_id, changes.c.device_id, changes.c.seq).where(
                    changes.c.change_id.in_(ids)
                )
            )
        }
        max_seq, status = conn.execute(
            sa.select(devices.c.max_seq, devices.c.status).where(devices.c.id == device.id).with_for_update()
        ).one()
        if status != "active":
            raise StorageError(403, "revoked" if status == "revoked" else "device not approved yet")
        fresh = []
        for item in batch:
            if item.change_id in known:
                if known[item.change_id] != (device.id, item.seq):
                    raise StorageError(409, f"change id {item.change_id} already used with another sequence")
                continue
            if item.seq != max_seq + 1:
                raise StorageError(409, f"sequence {item.seq} does not follow {max_seq}: push in order")
            max_seq = item.seq
            fresh.append(item)
        if not fresh:
            return 0, len(batch)
        head, epoch = conn.execute(
            spaces.update()
            .where(spaces.c.id == device.space_id)
            .values(head=spaces.c.head + len(fresh))
            .returning(spaces.c.head, spaces.c.epoch)
        ).one()
        for item in fresh:
            if item.epoch > epoch:
                raise StorageError(400, f"epoch {item.epoch} does not exist yet")
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
            sizes = conn.execute(
                sa.select(changes.c.pos, sa.func.length(changes.c.envelope))
                .where(changes.c.space_id == space_id, changes.c.pos > after)
                .order_by(changes.c.pos)
                .limit(limit + 1)
            ).all()
            # A page stops at PAGE_BYTES (never below one change set): change sets carrying
            # attachments weigh megabytes, and a page is one response held in memory.
            taken, total = 0, 0
            for _pos, size in sizes[:limit]:
                if taken and total + int(size) > PAGE_BYTES:
                    break
                taken, total = taken + 1, total + int(size)
            rows = (
                conn.execute(
                    sa.select(changes.c.pos, changes.c.device_id, changes.c.seq, changes.c.envelope)
                    .where(
                        changes.c.space_id == space_id,
                        changes.c.pos > after,
                        changes.c.pos <= sizes[taken - 1][0],
                    )
                    .order_by(changes.c.pos)
                ).all()
                if taken
                else []
            )
        more = len(sizes) > taken
        return [(int(r[0]), str(r[1]), int(r[2]), bytes(r[3])) for r in rows], heads, more
