from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.server.storage import Storage, make_engine, migrate
from tests.liaison.sync import servers
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


@pytest.fixture(scope="session", autouse=True)
def no_server_left_running() -> Iterator[None]:
    """Every ``liaison-server`` a test started is stopped by the end (leaked servers are a bug:
    they kept ports and files, and outlived a crashed run): any left is stopped, then named."""
    yield
    left = servers.stop_all()
    if left:
        raise AssertionError(f"liaison-server processes left running by the tests: {left}")
