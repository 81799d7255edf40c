"""Saving what a damaged vault still holds: read-only, no integrity gate, row by row.

Opening normally refuses a damaged vault (and should). Salvage opens the file read-only with the
key, lists the pages that fail their HMAC, and reads every table in small rowid ranges, jumping
over ranges that hit a damaged page, so one bad page costs the rows on it and not the vault.
Nothing is written to the vault or beside it.
"""

from __future__ import annotations

import base64
import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from liaison.errors import CorruptDatabase
from liaison.store import connection

Connection = Any
_BATCH = 200
_MAX_SKIP = 1 << 40


@dataclass
class Salvaged:
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    unreadable_pages: list[str] = field(default_factory=list)
    lost: dict[str, list[str]] = field(default_factory=dict)  # table -> rowid ranges not read


def _value(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


class _Reader:
    """A read-only connection that is opened afresh after every damaged page: SQLCipher keeps the
    error of a failed page on the connection, which would fail every later read."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path, self.key = path, key
        self.conn: Connection = connection.open_read_only(path, key)

    def run(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[tuple[str, ...], list[Any]] | None:
        try:
            cursor = self.conn.execute(sql, params)
            return tuple(d[0] for d in cursor.description or ()), cursor.fetchall()
        except connection.DatabaseError:
            self.conn.close()
            self.conn = connection.open_read_only(self.path, self.key)
            return None

    def close(self) -> None:
        self.conn.close()


def _readable_from(reader: _Reader, table: str, x: int) -> bool:
    return (
        reader.run(f'SELECT rowid FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1', (x,)) is not None
    )


def _skip_damage(reader: _Reader, table: str, after: int) -> int | None:
    """The smallest x > after from which reading works again: the rows in between sit on a damaged
    page. Exponential search for a readable point, then binary search back to the page's end."""
    failing, step = after + 1, 1
    while not _readable_from(reader, table, failing + step):
        step *= 2
        if step > _MAX_SKIP:
            return None
    low, high = failing + step // 2 if step > 1 else failing, failing + step
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if _readable_from(reader, table, middle) else (middle, high)
    return high


def _read_table(reader: _Reader, table: str, out: Salvaged) -> None:
    rows: list[dict[str, Any]] = []
    last, limit = -(1 << 62), _BATCH
    sql = f'SELECT rowid, * FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT ?'
    while True:
        batch = reader.run(sql, (last, limit))
        if batch is None and limit > 1:
            limit = 1  # read up to the damaged page one row at a time
            continue
        if batch is None:
            resume = _skip_damage(reader, table, last)
            out.lost.setdefault(table, []).append(
                f"rowid > {last}" if resume is None else f"rowid {last + 1}..{resume - 1}"
            )
            if resume is None:
                break
            last, limit = resume - 1, _BATCH
            continue
        names, found = batch
        if not found:
            break
        rows += [{n: _value(v) for n, v in zip(names[1:], row[1:], strict=True)} for row in found]
        last = found[-1][0]
    out.tables[table] = rows


def salvage(path: Path, key: bytes) -> Salvaged:
    """Every readable row of every table, and the list of unreadable pages."""
    out = Salvaged()
    existed = {p for p in connection.sidecars(path) if p.exists()}
    reader = _Reader(path, key)
    try:
        listed = reader.run(
            "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM sqlite_master "
            "WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
        if listed is None:
            raise CorruptDatabase(f"{path.name}: even the list of tables is unreadable")
        checked = reader.run("PRAGMA cipher_integrity_check")
        out.unreadable_pages = (
            [str(r[0]) for r in checked[1]] if checked is not None else ["the page check itself failed"]
        )
        for table, without_rowid in listed[1]:
            if without_rowid:  # small FTS bookkeeping tables: all or nothing
                found = reader.run(f'SELECT * FROM "{table}"')
                out.tables[str(table)] = (
                    []
                    if found is None
                    else [{n: _value(v) for n, v in zip(found[0], row, strict=True)} for row in found[1]]
                )
                if found is None:
                    out.lost[str(table)] = ["every row"]
            else:
                _read_table(reader, str(table), out)
    finally:
        reader.close()
        for created in set(connection.sidecars(path)) - existed:  # a read-only open leaves them
            with contextlib.suppress(FileNotFoundError):
                created.unlink()
    return out
