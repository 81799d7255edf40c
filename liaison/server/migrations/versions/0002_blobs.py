"""Formats each device reads, and the blob store for documents and change sets over 16 MiB."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_blobs"
down_revision = "0001_initial"


def upgrade() -> None:
    op.create_table(
        "device_formats",
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("reads", sa.Integer, nullable=False),
    )
    op.create_table(
        "blobs",
        sa.Column("space_id", sa.String(64), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("chunks", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("ix_blobs_device_id", "blobs", ["device_id"])
    op.create_table(
        "blob_chunks",
        sa.Column("space_id", sa.String(64), primary_key=True),
        sa.Column("blob_id", sa.String(64), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("length", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_blob_chunks_device_id", "blob_chunks", ["device_id"])


def downgrade() -> None:
    op.drop_index("ix_blob_chunks_device_id", "blob_chunks")
    op.drop_table("blob_chunks")
    op.drop_index("ix_blobs_device_id", "blobs")
    op.drop_table("blobs")
    op.drop_table("device_formats")
