"""Server tables (SQLAlchemy Core). Alembic migrations in ``migrations/`` create them."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

spaces = sa.Table(
    "spaces",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("epoch", sa.Integer, nullable=False),
    sa.Column("head", sa.BigInteger, nullable=False),  # last commit position handed out
    sa.Column("created_at", sa.Float, nullable=False),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("space_id", sa.String(64), sa.ForeignKey("spaces.id"), nullable=False, index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("signing_public", sa.LargeBinary, nullable=False),
    sa.Column("exchange_public", sa.LargeBinary, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # pending, active, revoked
    sa.Column("cert", sa.LargeBinary, nullable=True),
    sa.Column("certified_by", sa.String(64), nullable=True),
    sa.Column("wipe", sa.Boolean, nullable=False, default=False),
    sa.Column("max_seq", sa.BigInteger, nullable=False, default=0),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("last_seen", sa.Float, nullable=False),
)

invitations = sa.Table(
    "invitations",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),
    sa.Column("space_id", sa.String(64), nullable=False),
    sa.Column("created_by", sa.String(64), nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("used_by", sa.String(64), nullable=True),
)

epoch_keys = sa.Table(
    "epoch_keys",
    metadata,
    sa.Column("space_id", sa.String(64), primary_key=True),
    sa.Column("epoch", sa.Integer, primary_key=True),
    sa.Column("device_id", sa.String(64), primary_key=True),
    sa.Column("wrapped", sa.LargeBinary, nullable=False),
    sa.Column("wrapped_by", sa.String(64), nullable=False),
)

changes = sa.Table(
    "changes",
    metadata,
    sa.Column("space_id", sa.String(64), primary_key=True),
    sa.Column("pos", sa.BigInteger, primary_key=True),  # commit order, assigned under the space row lock
    sa.Column("change_id", sa.String(64), nullable=False, unique=True),
    sa.Column("device_id", sa.String(64), nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("epoch", sa.Integer, nullable=False),
    sa.Column("envelope", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.UniqueConstraint("device_id", "seq", name="changes_device_seq"),
)

nonces = sa.Table(
    "nonces",
    metadata,
    sa.Column("device_id", sa.String(64), primary_key=True),
    sa.Column("nonce", sa.String(64), primary_key=True),
    sa.Column("at", sa.Float, nullable=False, index=True),
)

# Migration 0002: what each device reads, and the blob store (chunks of ciphertext the server
# cannot open: documents and change sets too large for one envelope).
device_formats = sa.Table(
    "device_formats",
    metadata,
    sa.Column("device_id", sa.String(64), primary_key=True),
    sa.Column("reads", sa.Integer, nullable=False),  # highest change-set format it announced
)

blobs = sa.Table(
    "blobs",
    metadata,
    sa.Column("space_id", sa.String(64), primary_key=True),
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("device_id", sa.String(64), nullable=False, index=True),  # the uploader
    sa.Column("size", sa.BigInteger, nullable=False),  # plaintext bytes, as the uploader declared
    sa.Column("chunks", sa.Integer, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    # Migration 0003, for garbage collection: when its uploader last wrote or asked about it, and
    # whether a stored change set references it (the client lists the blobs of each change set it
    # pushes; the server cannot read change sets). Only an unreferenced blob untouched for the
    # configured age is ever removed (``BlobStore.collect``).
    sa.Column("touched_at", sa.Float, nullable=False, server_default="0"),
    sa.Column("referenced", sa.Boolean, nullable=False, server_default=sa.true()),
)

blob_chunks = sa.Table(
    "blob_chunks",
    metadata,
    sa.Column("space_id", sa.String(64), primary_key=True),
    sa.Column("blob_id", sa.String(64), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("device_id", sa.String(64), nullable=False, index=True),  # for its quota
    sa.Column("length", sa.Integer, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)
