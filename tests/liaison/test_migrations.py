"""Migrations are named, ordered and atomic; the schema version follows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from liaison.store import connection, migrations
from liaison.store.vault import Vault


def _blank(tmp_path: Path) -> object:
    return connection._connect(tmp_path / "m.db", bytes(range(32)))


def test_fresh_vault_is_at_latest_version(vault: Vault) -> None:
    assert migrations.current_version(vault.conn) == migrations.latest_version()
    names = [r[0] for r in vault.conn.execute("SELECT name FROM schema_migrations")]
    assert names == [m.name for m in migrations.MIGRATIONS]


def test_names_are_unique_and_ordered() -> None:
    names = [m.name for m in migrations.MIGRATIONS]
    assert names == sorted(names) and len(set(names)) == len(names)


def test_failing_migration_rolls_back_completely(tmp_path: Path) -> None:
    conn = _blank(tmp_path)

    def broken(c: object) -> None:
        c.execute("CREATE TABLE half_done (x)")  # type: ignore[attr-defined]
        raise RuntimeError("migration bug")

    steps = (
        migrations.Migration("0001_ok", lambda c: c.execute("CREATE TABLE ok (x)")),
        migrations.Migration("0002_broken", broken),
    )
    with pytest.raises(RuntimeError):
        migrations.migrate(conn, steps)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}  # type: ignore[attr-defined]
    assert "ok" in tables and "half_done" not in tables
    assert migrations.current_version(conn) == 1


def test_migrate_is_idempotent(tmp_path: Path) -> None:
    conn = _blank(tmp_path)
    assert migrations.migrate(conn) == [m.name for m in migrations.MIGRATIONS]
    assert migrations.migrate(conn) == []
