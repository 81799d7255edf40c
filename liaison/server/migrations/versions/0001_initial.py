"""Initial server schema: spaces, devices, invitations, wrapped epoch keys, change sets, nonces."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "spaces",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("epoch", sa.Integer, nullable=False),
        sa.Column("head", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("space_id", sa.String(64), sa.ForeignKey("spaces.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("signing_public", sa.LargeBinary, nullable=False),
        sa.Column("exchange_public", sa.LargeBinary, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("cert", sa.LargeBinary, nullable=True),
        sa.Column("certified_by", sa.String(64), nullable=True),
        sa.Column("wipe", sa.Boolean, nullable=False),
        sa.Column("max_seq", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_seen", sa.Float, nullable=False),
    )
    op.create_index("ix_devices_space_id", "devices", ["space_id"])
    op.create_table(
        "invitations",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("space_id", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("used_by", sa.String(64), nullable=True),
    )
    op.create_table(
        "epoch_keys",
        sa.Column("space_id", sa.String(64), primary_key=True),
        sa.Column("epoch", sa.Integer, primary_key=True),
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("wrapped", sa.LargeBinary, nullable=False),
        sa.Column("wrapped_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "changes",
        sa.Column("space_id", sa.String(64), primary_key=True),
        sa.Column("pos", sa.BigInteger, primary_key=True),
        sa.Column("change_id", sa.String(64), nullable=False, unique=True),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("epoch", sa.Integer, nullable=False),
        sa.Column("envelope", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.UniqueConstraint("device_id", "seq", name="changes_device_seq"),
    )
    op.create_table(
        "nonces",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("nonce", sa.String(64), primary_key=True),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_nonces_at", "nonces", ["at"])


def downgrade() -> None:
    for table in ("nonces", "changes", "epoch_keys", "invitations", "devices", "spaces"):
        op.drop_table(table)
