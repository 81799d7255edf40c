from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.liaison.sync.servers import PostgresCluster


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster().start()
    yield cluster
    cluster.stop()
