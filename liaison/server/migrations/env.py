"""Alembic environment: the connection comes from ``liaison.server.storage.migrate``."""

from __future__ import annotations

from alembic import context

from liaison.server.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
