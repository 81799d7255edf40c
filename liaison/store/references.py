"""Case and request references, unique by a database index that sync can live with.

A reference is how officers look records up, so two alike were refused by a service check (issue
8). A plain UNIQUE index cannot hold with sync: two laptops offline may each create case "2026/17",
and both must arrive everywhere (the lookup then asks which one). What one device can never do is
write the same reference on two records: its own check sees every record it holds. So the index is
unique per *writer*: ``reference_scope`` is the device whose write of the reference is the current
one (the winning op: highest HLC, then device id, as sync merges). Merging keeps that invariant: a
device's superseded write never wins again, because its later write to the same field outranks it.

``reference_scope`` is kept by triggers whichever way a row is written (a local insert or update,
a sync apply that writes ops then rows, a migration): from the winning op of the reference field,
or this device when there is no op yet (a local insert writes its row before its ops). Nothing in
sync needed to change: it writes ops, then rows, and the triggers follow.
"""

from __future__ import annotations

from typing import Any

from liaison.errors import ConflictError
from liaison.store import migrations

Connection = Any

# (table, reference column, record kind)
SCOPED = (("cases", "reference", "case"), ("mla_requests", "our_reference", "mla_request"))


def _winner(table: str, column: str, kind: str, record: str) -> str:
    return (
        f"coalesce((SELECT device_id FROM ops WHERE record_id = {record} AND kind = '{kind}' "
        f"AND field = '{column}' ORDER BY hlc DESC, device_id DESC LIMIT 1), "
        "(SELECT value FROM meta WHERE key = 'device_id'), '')"
    )


def _schema(table: str, column: str, kind: str) -> list[str]:
    scope = _winner(table, column, kind, "new.id")
    row_scope = _winner(table, column, kind, "new.record_id")
    return [
        f"ALTER TABLE {table} ADD COLUMN reference_scope TEXT NOT NULL DEFAULT ''",
        f"CREATE TRIGGER {table}_scope_insert AFTER INSERT ON {table} "
        f"BEGIN UPDATE {table} SET reference_scope = {scope} WHERE id = new.id; END",
        f"CREATE TRIGGER {table}_scope_update AFTER UPDATE OF {column} ON {table} "
        f"BEGIN UPDATE {table} SET reference_scope = {scope} WHERE id = new.id; END",
        # A local edit writes the row, then its op: the op names the writer. Only when the row
        # already holds the op's value: sync writes ops first, and moving the scope of a row that
        # still has its old reference could collide with another row for a moment.
        f"CREATE TRIGGER {table}_scope_op AFTER INSERT ON ops "
        f"WHEN new.kind = '{kind}' AND new.field = '{column}' "
        f"BEGIN UPDATE {table} SET reference_scope = {row_scope} "
        f"WHERE id = new.record_id AND {column} = json_extract(new.value, '$'); END",
    ]


def migrate(conn: Connection) -> None:
    """The scope column and its triggers, every existing row's scope, the unique indexes."""
    for table, column, kind in SCOPED:
        for statement in _schema(table, column, kind):
            conn.execute(statement)
        conn.execute(f"UPDATE {table} SET reference_scope = {_winner(table, column, kind, f'{table}.id')}")
        # Duplicates written by one device (possible only through an older release's sync): all
        # but the oldest are renamed, as migration 0008 did, before the index is made.
        migrations.rename_duplicates(conn, table, column, kind, scope="reference_scope")
        conn.execute(
            f"CREATE UNIQUE INDEX {table}_{column}_unique ON {table}({column}, reference_scope) "
            f"WHERE {column} != ''"
        )


def conflict(exc: BaseException) -> ConflictError | None:
    """The one-line error for a write the unique index refused (two processes of this device
    writing the same reference at once, past the services' check), or None for another error."""
    text = str(exc)
    for table, column, kind in SCOPED:
        if f"UNIQUE constraint failed: {table}.{column}" in text:
            return ConflictError(f"another {kind} already has this reference: choose another")
    return None
