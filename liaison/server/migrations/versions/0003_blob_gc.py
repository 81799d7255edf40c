"""Blob garbage collection: when each blob was last touched, and whether a change set references it.

Blobs stored before this migration are marked referenced (their change sets never listed them),
so collection never removes them: the safe side, at the cost of keeping what a release candidate
may have left behind.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_blob_gc"
down_revision = "0002_blobs"


def upgrade() -> None:
    with op.batch_alter_table("blobs") as batch:
        batch.add_column(sa.Column("touched_at", sa.Float, nullable=False, server_default="0"))
        batch.add_column(sa.Column("referenced", sa.Boolean, nullable=False, server_default=sa.true()))
    op.execute("UPDATE blobs SET touched_at = created_at")


def downgrade() -> None:
    with op.batch_alter_table("blobs") as batch:
        batch.drop_column("referenced")
        batch.drop_column("touched_at")
