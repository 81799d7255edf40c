"""The blob store, and the change-set format each device reads.

Blobs hold what does not fit an envelope (documents over 12 MiB, change sets whose ops alone
are over 16 MiB): chunks of ciphertext whose key only the space's devices have. A blob belongs to
a space; the device that uploaded its first chunk is the only one that may add chunks, every
active device of the space may read them. Chunk sizes follow from the declared size (4 MiB each
plus the 16-byte tag; the last one shorter), so the server refuses a wrong one at once; a device's
blobs together stay under its quota. A re-sent chunk is kept as it was: uploads are idempotent and
a cut upload resumes with the chunks the server does not have (``GET /blobs/{id}``).

Kept apart from ``storage`` (change sets, devices, keys): this is the only module that knows the
blob tables.
"""

from __future__ import annotations

import time

import sqlalchemy as sa

from liaison.server.schema import blob_chunks, blobs, device_formats
from liaison.server.storage import Device, Storage, StorageError
from liaison.sync import blobs as blob_format
from liaison.sync import changeset

DEFAULT_QUOTA = 4 * 1024 * 1024 * 1024  # bytes of chunks per device


class BlobStore:
    def __init__(self, storage: Storage, quota: int = DEFAULT_QUOTA) -> None:
        self.storage, self.quota = storage, quota

    # -- formats ---------------------------------------------------------------------------------

    def set_reads(self, device_id: str, reads: int) -> None:
        """Remember the highest change-set format a device announced (writers respect it)."""
        with self.storage.engine.connect() as conn:
            known = conn.execute(
                sa.select(device_formats.c.reads).where(device_formats.c.device_id == device_id)
            ).scalar()
        if known == reads:
            return
        with self.storage._writing() as conn:
            if known is None:
                try:
                    with conn.begin_nested():
                        conn.execute(device_formats.insert().values(device_id=device_id, reads=reads))
                    return
                except sa.exc.IntegrityError:
                    pass  # announced concurrently: update below
            conn.execute(
                device_formats.update().where(device_formats.c.device_id == device_id).values(reads=reads)
            )

    def reads(self, device_ids: list[str]) -> dict[str, int]:
        with self.storage.engine.connect() as conn:
            rows = conn.execute(
                sa.select(device_formats.c.device_id, device_formats.c.reads).where(
                    device_formats.c.device_id.in_(device_ids)
                )
            )
            return {str(d): int(r) for d, r in rows}

    # -- blobs -----------------------------------------------------------------------------------

    def put_chunk(self, device: Device, blob_id: str, index: int, size: int, data: bytes) -> bool:
        """Store one chunk; False when it was stored before (kept as it was)."""
        if not 0 <= size <= changeset.MAX_BLOB:
            raise StorageError(413, f"a blob is at most {changeset.MAX_BLOB // (1024 * 1024)} MiB")
        count = blob_format.chunk_count(size)
        if not 0 <= index < count:
            raise StorageError(400, f"chunk {index} is outside a blob of {count} chunks")
        expected = min(blob_format.CHUNK, size - index * blob_format.CHUNK) + blob_format.TAG
        if len(data) != expected:
            raise StorageError(400, f"chunk {index} must be {expected} bytes for a blob of {size} bytes")
        key = (blobs.c.space_id == device.space_id) & (blobs.c.id == blob_id)
        now = time.time()
        try:
            with self.storage._writing() as conn:
                row = conn.execute(sa.select(blobs.c.device_id, blobs.c.size).where(key)).first()
                if row is None:
                    self._check_quota(conn, device, len(data))
                    conn.execute(
                        blobs.insert().values(
                            space_id=device.space_id,
                            id=blob_id,
                            device_id=device.id,
                            size=size,
                            chunks=count,
                            created_at=now,
                            touched_at=now,
                            referenced=False,
                        )
                    )
                elif row.device_id != device.id or int(row.size) != size:
                    raise StorageError(409, "that blob id belongs to another upload")
                elif not conn.execute(blobs.update().where(key).values(touched_at=now)).rowcount:
                    # removed by ``collect`` since the select: the upload starts over
                    raise StorageError(409, "that blob was just removed as abandoned: try again")
                chunk_key = (
                    (blob_chunks.c.space_id == device.space_id)
                    & (blob_chunks.c.blob_id == blob_id)
                    & (blob_chunks.c.idx == index)
                )
                if conn.execute(sa.select(blob_chunks.c.idx).where(chunk_key)).first() is not None:
                    return False
                if row is not None:
                    self._check_quota(conn, device, len(data))
                conn.execute(
                    blob_chunks.insert().values(
                        space_id=device.space_id,
                        blob_id=blob_id,
                        idx=index,
                        device_id=device.id,
                        length=len(data),
                        data=data,
                    )
                )
        except sa.exc.IntegrityError:
            raise StorageError(409, "that chunk is being stored by another request: try again") from None
        return True

    def _check_quota(self, conn: sa.Connection, device: Device, adding: int) -> None:
        used = conn.execute(
            sa.select(sa.func.coalesce(sa.func.sum(blob_chunks.c.length), 0)).where(
                blob_chunks.c.device_id == device.id
            )
        ).scalar_one()
        if int(used) + adding > self.quota:
            raise StorageError(
                413, f"this device's blobs would exceed its quota of {self.quota // (1024 * 1024)} MiB"
            )

    def status(self, space_id: str, blob_id: str, asker: str | None = None) -> dict[str, object] | None:
        """Size, chunk count and the chunks held. The uploader asking (``asker``) touches the blob:
        a resumed upload announces itself before it sends, so collection leaves it alone."""
        if asker is not None:
            with self.storage._writing() as conn:
                conn.execute(
                    blobs.update()
                    .where(
                        (blobs.c.space_id == space_id)
                        & (blobs.c.id == blob_id)
                        & (blobs.c.device_id == asker)
                    )
                    .values(touched_at=time.time())
                )
        with self.storage.engine.connect() as conn:
            row = conn.execute(
                sa.select(blobs.c.size, blobs.c.chunks).where(
                    (blobs.c.space_id == space_id) & (blobs.c.id == blob_id)
                )
            ).first()
            if row is None:
                return None
            have = conn.execute(
                sa.select(blob_chunks.c.idx)
                .where((blob_chunks.c.space_id == space_id) & (blob_chunks.c.blob_id == blob_id))
                .order_by(blob_chunks.c.idx)
            )
            return {"size": int(row.size), "chunks": int(row.chunks), "have": [int(i) for (i,) in have]}

    def get_chunk(self, space_id: str, blob_id: str, index: int) -> bytes | None:
        with self.storage.engine.connect() as conn:
            data = conn.execute(
                sa.select(blob_chunks.c.data).where(
                    (blob_chunks.c.space_id == space_id)
                    & (blob_chunks.c.blob_id == blob_id)
                    & (blob_chunks.c.idx == index)
                )
            ).scalar()
        return None if data is None else bytes(data)

    # -- references and collection --------------------------------------------------------------

    def mark_referenced(self, device: Device, blob_ids: list[str]) -> None:
        """Record that a change set this device pushes references these blobs; called before the
        change set is stored, so a stored change set never names a blob collection may remove.

        Each blob must be this device's and whole: a push naming a blob that is missing (never
        uploaded, or removed as abandoned) or incomplete is refused with 409, nothing stored, and
        the client uploads what the server lacks on its next sync. The update takes the blob's
        row lock, so it and ``collect`` cannot both win: either the blob is marked (and kept), or
        it is gone and the push is refused."""
        now = time.time()
        with self.storage._writing() as conn:
            for blob_id in dict.fromkeys(blob_ids):
                key = (blobs.c.space_id == device.space_id) & (blobs.c.id == blob_id)
                mine = key & (blobs.c.device_id == device.id)
                updated = conn.execute(blobs.update().where(mine).values(referenced=True, touched_at=now))
                marked = (
                    conn.execute(sa.select(blobs.c.chunks).where(mine)).first() if updated.rowcount else None
                )
                if marked is None:
                    raise StorageError(
                        409,
                        f"blob {blob_id} is not on the server (never uploaded or removed): upload it again",
                    )
                held = conn.execute(
                    sa.select(sa.func.count())
                    .select_from(blob_chunks)
                    .where((blob_chunks.c.space_id == device.space_id) & (blob_chunks.c.blob_id == blob_id))
                ).scalar_one()
                if int(held) != int(marked.chunks):
                    raise StorageError(
                        409, f"blob {blob_id} has {held} of its {marked.chunks} chunks: upload the rest"
                    )

    def collect(self, older_than: float, now: float | None = None) -> tuple[int, int]:
        """Remove blobs no stored change set references and untouched for ``older_than`` seconds
        (abandoned uploads: a device revoked, a document erased before its change set went out).
        Returns (blobs removed, chunk bytes freed). One short transaction per blob, and each
        delete checks its conditions again under the row lock, so a push marking the blob or an
        upload touching it meanwhile keeps it."""
        cutoff = (time.time() if now is None else now) - older_than
        stale = (blobs.c.referenced == sa.false()) & (blobs.c.touched_at < cutoff)
        with self.storage.engine.connect() as conn:
            candidates = conn.execute(sa.select(blobs.c.space_id, blobs.c.id).where(stale)).all()
        removed = freed = 0
        for space_id, blob_id in candidates:
            with self.storage._writing() as conn:
                key = (blobs.c.space_id == space_id) & (blobs.c.id == blob_id)
                if not conn.execute(blobs.delete().where(key & stale)).rowcount:
                    continue  # marked or touched since the select
                of_blob = (blob_chunks.c.space_id == space_id) & (blob_chunks.c.blob_id == blob_id)
                freed += int(
                    conn.execute(
                        sa.select(sa.func.coalesce(sa.func.sum(blob_chunks.c.length), 0)).where(of_blob)
                    ).scalar_one()
                )
                conn.execute(blob_chunks.delete().where(of_blob))
                removed += 1
        return removed, freed
