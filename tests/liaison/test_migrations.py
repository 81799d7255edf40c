"""Migrations are named, ordered and atomic; the schema version follows them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

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


def test_secure_erasure_migration_redacts_records_deleted_before_it(tmp_path: Path) -> None:
    conn = _blank(tmp_path)
    names = [m.name for m in migrations.MIGRATIONS]
    position = next(i for i, name in enumerate(names) if name.endswith("_secure_erasure"))
    migrations.migrate(conn, migrations.MIGRATIONS[:position])
    rows = [
        ("a1", "1", "d", "contact", "gone", "full_name", '"Old Secret Name"'),
        ("a2", "2", "d", "contact", "gone", "_deleted", "true"),
        ("a3", "3", "d", "contact", "kept", "full_name", '"Still Here"'),
    ]
    conn.executemany(  # type: ignore[attr-defined]
        "INSERT INTO ops(op_id, hlc, device_id, kind, record_id, field, value) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("INSERT INTO search_index(rowid, title, body, folded) VALUES (1, 'x', 'y', '')")  # type: ignore[attr-defined]
    conn.execute("DELETE FROM search_index WHERE rowid = 1")  # type: ignore[attr-defined]
    assert migrations.migrate(conn) == names[position:]
    values = dict(conn.execute("SELECT op_id, value FROM ops").fetchall())  # type: ignore[attr-defined]
    assert values == {"a1": "null", "a2": "true", "a3": '"Still Here"'}
    config = dict(conn.execute("SELECT k, v FROM search_index_config").fetchall())  # type: ignore[attr-defined]
    assert config.get("secure-delete") == 1


def test_the_single_translator_certification_becomes_a_list_with_its_operation(tmp_path: Path) -> None:
    import json

    from liaison.domain.mla import MlaRequest, TranslatorCertification
    from liaison.store import codec

    conn: Any = _blank(tmp_path)
    names = [m.name for m in migrations.MIGRATIONS]
    position = names.index("0009_certifications_per_language")
    migrations.migrate(conn, migrations.MIGRATIONS[:position])
    cert = TranslatorCertification("Anna Weber", "sworn", dt.date(2026, 2, 9), "fr", "a" * 64)
    old = json.dumps(codec.to_jsonable(cert), ensure_ascii=False, sort_keys=True)
    for record_id, translator in (("r1", old), ("r2", None)):
        conn.execute(
            "INSERT INTO mla_requests(id, created_at, updated_at, handling, translator) "
            "VALUES (?, '', '', 'H1', ?)",
            (record_id, translator),
        )
    assert migrations.migrate(conn) == names[position:]
    rows = dict(conn.execute("SELECT id, certifications FROM mla_requests").fetchall())
    types = codec.field_types(MlaRequest)
    assert codec.from_column(types["certifications"], rows["r1"]) == (cert,)
    assert codec.from_column(types["certifications"], rows["r2"]) == ()
    ops = conn.execute("SELECT record_id, field, value FROM ops WHERE kind = 'mla_request'").fetchall()
    assert [(r, f) for r, f, _v in ops] == [("r1", "certifications")]
    assert codec.decode_op_value(types["certifications"], ops[0][2]) == (cert,)
    assert conn.execute("SELECT count(*) FROM mla_requests WHERE translator IS NOT NULL").fetchone()[0] == 0
    # Run again (a vault rolled back past it): nothing changes, no second operation.
    conn.execute(f"PRAGMA user_version = {position}")
    conn.execute("DELETE FROM schema_migrations WHERE name = ?", (names[position],))
    assert migrations.migrate(conn, migrations.MIGRATIONS[: position + 1]) == [names[position]]
    again = dict(conn.execute("SELECT id, certifications FROM mla_requests").fetchall())
    assert again == rows
    assert conn.execute("SELECT count(*) FROM ops WHERE kind = 'mla_request'").fetchone()[0] == 1
