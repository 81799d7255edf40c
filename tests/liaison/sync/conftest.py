from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.server.storage import Storage, make_engine, migrate
from tests.liaison.sync.servers import PostgresCluster


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh server database on each of the two the server supports: a SQLite file, or a new
    database in the session's PostgreSQL cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    cluster: PostgresCluster = request.getfixturevalue("postgres")
    return cluster.new_database()


@pytest.fixture
def storage(db_url: str) -> Iterator[Storage]:
    """The server's storage layer on a migrated database, without HTTP in front of it."""
    engine = make_engine(db_url)
    migrate(engine)
    yield Storage(engine)
    engine.dispose()
