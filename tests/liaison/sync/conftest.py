from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.liaison.sync import servers
from tests.liaison.sync.servers import PostgresCluster


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session", autouse=True)
def no_server_left_running() -> Iterator[None]:
    """Every ``liaison-server`` a test started is stopped by the end (leaked servers are a bug:
    they kept ports and files, and outlived a crashed run): any left is stopped, then named."""
    yield
    left = servers.stop_all()
    if left:
        raise AssertionError(f"liaison-server processes left running by the tests: {left}")
