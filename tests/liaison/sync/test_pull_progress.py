"""A pull reports determinate progress: the server counts, on the first page only, the change sets of
the other devices still to come; a server that does not count (older) leaves progress open-ended."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgpack
import pytest

from liaison.domain import Contact
from liaison.services.sync import engine, service
from liaison.store import records
from liaison.sync.transport import RawResponse
from tests.liaison.sync.inprocess import AppTransport, Server, space_of


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(f"sqlite:///{tmp_path / 'server.db'}")
    yield srv
    srv.close()


class _Counting(AppTransport):
    """Records the pull queries; ``old`` strips the count from the server's answer, as a server from
    before it would send (msgpack re-encoded without the key)."""

    def __init__(self, server: Server, old: bool = False) -> None:
        super().__init__(server.client)
        self.old = old
        self.pulls: list[str] = []

    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        response = super().send(method, path, query, body, headers)
        if path.endswith("/changes") and method == "GET":
            self.pulls.append(query)
            if self.old:
                data = msgpack.unpackb(response.body, raw=False)
                data.pop("remaining", None)
                return RawResponse(
                    response.status, response.content_type, msgpack.packb(data, use_bin_type=True)
                )
        return response


@pytest.mark.parametrize("old", [False, True])
def test_first_pull_counts_what_is_coming(server: Server, tmp_path: Path, old: bool) -> None:
    a, b = space_of(server, tmp_path, 2)
    for n in range(7):
        records.insert(a, Contact(full_name=f"Contact {n}"))  # seven change sets
    records.insert(b, Contact(full_name="Own"))  # b's own change: pushed, never counted for b
    service.now(a, factory=server.factory)
    transport = _Counting(server, old=old)
    seen: list[engine.Progress] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("liaison.services.sync.engine.PULL_PAGE", 3)
        report = service.now(b, factory=lambda _u, _p: transport, progress=seen.append)
    assert report.pulled == 7
    pulls = [p for p in seen if p.phase == "pull"]
    assert [p.done for p in pulls] == list(range(1, 8))
    assert {p.total for p in pulls} == ({None} if old else {7})
    assert "count=1" in transport.pulls[0] and not any("count=1" in q for q in transport.pulls[1:])
    assert len(transport.pulls) == 3  # pages of 3, 3 and 1 (+ b's own change set, skipped)
