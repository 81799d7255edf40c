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
