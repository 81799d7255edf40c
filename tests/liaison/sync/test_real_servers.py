"""Against real ``liaison-server`` processes on loopback: concurrent pushes never make a puller
skip a late commit, two server processes share one PostgreSQL, and faults (a connection cut after
N bytes, SIGKILL of the server mid-push) end in the same state as a run without faults."""

from __future__ import annotations

import contextlib
import random
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.domain import Case, Contact
from liaison.errors import SyncUnavailable
from liaison.services.sync import service
from liaison.store import records
from liaison.store.vault import Vault
from liaison.sync.transport import HttpTransport
from tests.liaison.sync.inprocess import new_vault
from tests.liaison.sync.servers import ADMIN, PostgresCluster, ServerProcess, free_port

pytestmark = pytest.mark.loopback


def enrol(
    url: str, tmp: Path, count: int, factory: service.TransportFactory = service.http_transport
) -> list[Vault]:
    vaults = [new_vault(tmp / f"r{i}.db") for i in range(count)]
    service.setup(vaults[0], url, ADMIN, name="desk", factory=factory)
    for i, vault in enumerate(vaults[1:], start=1):
        code = service.invite(vaults[0], factory=factory)["code"]
        joined = service.join(vault, url, code, name=f"laptop{i}", factory=factory)
        service.approve(vaults[0], joined.id, factory=factory)
    return vaults


def snapshot(vault: Vault) -> tuple[object, ...]:
    return (
        sorted((c.id, c.full_name, c.unit) for c in records.find(vault, Contact)),
        sorted((c.id, c.reference) for c in records.find(vault, Case)),
        sorted((c.id, c.value) for c in service.conflicts(vault)),
    )


@pytest.fixture
def pg_url(postgres: PostgresCluster) -> str:
    return postgres.new_database()


def test_concurrent_pushes_through_two_servers_on_one_postgresql(pg_url: str, tmp_path: Path) -> None:
    first, second = ServerProcess(pg_url).start(), ServerProcess(pg_url).start()
    try:
        urls = [first.url, second.url]

        def alternating(_url: str, pin: str) -> HttpTransport:
            return HttpTransport(random.choice(urls), pin)

        a, b, c = enrol(first.url, tmp_path, 3, factory=alternating)
        for vault in (a, b, c):
            service.now(vault, factory=alternating)
        errors: list[BaseException] = []
        done = threading.Event()

        def writer(vault: Vault, tag: str) -> None:
            try:
                for n in range(12):
                    for k in range(3):
                        records.insert(vault, Contact(full_name=f"{tag}-{n}-{k}"))
                    service.now(vault, factory=alternating)
            except BaseException as error:  # reported below
                errors.append(error)

        def reader() -> None:
            try:
                while not done.is_set():
                    service.now(c, factory=alternating)
            except BaseException as error:
                errors.append(error)

        threads = [
            threading.Thread(target=writer, args=(a, "a")),
            threading.Thread(target=writer, args=(b, "b")),
        ]
        pull = threading.Thread(target=reader)
        for t in (*threads, pull):
            t.start()
        for t in threads:
            t.join()
        done.set()
        pull.join()
        assert errors == []
        for vault in (a, b, c):
            service.now(vault, factory=alternating)
        assert len(records.find(c, Contact)) == 2 * 12 * 3
        assert snapshot(a) == snapshot(b) == snapshot(c)
    finally:
        first.stop()
        second.stop()


class CuttingProxy:
    """Forwards a loopback TCP port to the server, cutting the first ``cuts`` connections after
    ``limit`` bytes (both directions counted)."""

    def __init__(self, target_port: int, limit: int, cuts: int) -> None:
        self.target, self.limit, self.cuts = target_port, limit, cuts
        self.port = free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.cut_done = 0
        self.cut_made = 0  # connections actually cut (the limit fell inside their traffic)
        self.largest = 0  # the most bytes one connection moved
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            cut = self.cut_done < self.cuts
            self.cut_done += cut
            threading.Thread(target=self._pipe, args=(client, cut), daemon=True).start()

    def _pipe(self, client: socket.socket, cut: bool) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.target))
        moved = [0]
        lock = threading.Lock()

        def pump(src: socket.socket, dst: socket.socket) -> None:
            with contextlib.suppress(OSError):
                while True:
                    data = src.recv(4096)
                    if not data:
                        break
                    with lock:
                        if cut and moved[0] + len(data) > self.limit:
                            dst.sendall(data[: max(0, self.limit - moved[0])])
                            self.cut_made += 1
                            break
                        moved[0] += len(data)
                        self.largest = max(self.largest, moved[0])
                    dst.sendall(data)
            for s in (client, upstream):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

        back = threading.Thread(target=pump, args=(upstream, client), daemon=True)
        back.start()
        pump(client, upstream)
        back.join()
        client.close()
        upstream.close()

    def close(self) -> None:
        self.listener.close()


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server for the module: every test sets up a space of its own on it."""
    proc = ServerProcess(f"sqlite:///{tmp_path_factory.mktemp('server') / 'server.db'}").start()
    yield proc
    proc.stop()


def _work(a: Vault, b: Vault) -> None:
    for n in range(5):
        records.insert(a, Contact(full_name=f"from a {n}", unit="x"))
        records.insert(b, Contact(full_name=f"from b {n}", unit="y"))


@pytest.fixture(scope="module")
def sync_bytes(sqlite_server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many bytes the longest connection of the faultless run moves: the cut points below
    are spread over all of it, so every step (keys, devices, push, pull pages) gets cut."""
    a, b = enrol(sqlite_server.url, tmp_path_factory.mktemp("nofault"), 2)
    for vault in (a, b):
        service.now(vault)
    _work(a, b)
    proxy = CuttingProxy(sqlite_server.port, 1 << 40, cuts=0)
    try:
        for vault in (a, b, a):
            service.now(vault, factory=lambda _u, pin: HttpTransport(f"http://127.0.0.1:{proxy.port}", pin))
    finally:
        proxy.close()
    return proxy.largest


CUT_POINTS = 16


@pytest.mark.parametrize("point", range(CUT_POINTS))
def test_a_sync_cut_at_any_byte_resumes_to_the_same_state(
    sqlite_server: ServerProcess, tmp_path: Path, sync_bytes: int, point: int
) -> None:
    """Each of the first three connections (a's push and pull, b's, a's again) is cut after the
    same number of bytes: a point in 0..the whole sync, a sixteenth further at each run."""
    limit = sync_bytes * point // CUT_POINTS + point  # never a round boundary twice
    a, b = enrol(sqlite_server.url, tmp_path, 2)
    for vault in (a, b):
        service.now(vault)
    _work(a, b)
    proxy = CuttingProxy(sqlite_server.port, limit, cuts=3)
    try:

        def through_proxy(_url: str, pin: str) -> HttpTransport:
            return HttpTransport(f"http://127.0.0.1:{proxy.port}", pin)

        for vault in (a, b, a):
            for _attempt in range(5):
                try:
                    service.now(vault, factory=through_proxy)
                    break
                except SyncUnavailable:
                    continue
    finally:
        proxy.close()
    assert proxy.cut_made >= 1
    assert snapshot(a) == snapshot(b)
    assert len(records.find(a, Contact)) == 10


def test_server_killed_mid_push_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'server.db'}"
    port = free_port()
    server = ServerProcess(db, port=port).start()
    a, b = enrol(server.url, tmp_path, 2)
    for vault in (a, b):
        service.now(vault)
    with a.transaction():
        for n in range(3000):
            records.insert(a, Contact(full_name=f"bulk {n}", unit="u"))
    for n in range(300):
        records.insert(a, Contact(full_name=f"single {n}"))
    killer = threading.Timer(0.5, server.kill)
    killer.start()
    with contextlib.suppress(SyncUnavailable):
        service.now(a)
    killer.join()
    server = ServerProcess(db, port=port).start()
    try:
        service.now(a)
        service.now(b)
        assert snapshot(a) == snapshot(b)
        assert len(records.find(b, Contact)) == 3300
    finally:
        server.stop()


def test_client_killed_mid_apply_resumes_to_the_same_state(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from liaison.store.vault import unlock

    a, b = enrol(sqlite_server.url, tmp_path, 2)
    for vault in (a, b):
        service.now(vault)
    for n in range(300):
        with a.transaction():
            for k in range(4):
                records.insert(a, Contact(full_name=f"batch {n} {k}", unit="u"))
    service.now(a)
    b_path = b.path
    b.close()
    env = dict(
        os.environ,
        LIAISON_VAULT=str(b_path),
        LIAISON_PASSPHRASE="pass phrase for tests",
        LIAISON_KDF_PROFILE="insecure-fast-for-tests",
    )
    liaison = str(Path(sys.executable).parent / "liaison")
    child = subprocess.Popen(
        [liaison, "sync", "now"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wal = b_path.with_name(b_path.name + "-wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:  # kill once applying has begun
        if wal.exists() and wal.stat().st_size > 400_000:
            break
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    b = unlock(b_path, "pass phrase for tests")
    partial = len(records.find(b, Contact))
    print(f"applied before the kill: {partial} of 1200")
    assert partial % 4 == 0  # change sets are applied whole or not at all
    service.now(b)
    assert snapshot(b) == snapshot(a)
    assert len(records.find(b, Contact)) == 1200


_GROUPED_CHILD = """
import sys
from pathlib import Path
from liaison.crypto import kdf
from liaison.services.sync import engine, service
from liaison.store.vault import unlock

kdf.allow_insecure_test_profile()
vault = unlock(Path(sys.argv[1]), "pass phrase for tests")
service.now(vault, grouping=engine.Grouping(weight=10**9, seconds=float(sys.argv[2])))
"""


def test_first_sync_in_large_groups_killed_mid_group_resumes_to_the_same_state(
    sqlite_server: ServerProcess, tmp_path: Path
) -> None:
    """The command line's first sync commits many change sets at once (``engine.ALONE``). A kill
    in the middle of such a group loses the whole uncommitted group and nothing else: every
    change set is in or out whole, the cursor matches, and the next sync ends where a sync
    without the kill ends."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from liaison.store.vault import unlock

    a, b = enrol(sqlite_server.url, tmp_path, 2)
    for vault in (a, b):
        service.now(vault)
    for n in range(600):
        with a.transaction():
            for k in range(4):
                records.insert(a, Contact(full_name=f"grouped {n} {k}", unit="u"))
    service.now(a)
    b_path = b.path
    b.close()
    wal = b_path.with_name(b_path.name + "-wal")
    start = wal.stat().st_size if wal.exists() else 0
    errors = tmp_path / "child.err"
    with errors.open("wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-c", _GROUPED_CHILD, str(b_path), "0.3"],
            env=dict(os.environ),
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:  # a first group has committed
        if wal.exists() and wal.stat().st_size > start + 200_000:
            break
        time.sleep(0.01)
    time.sleep(0.15)  # into the next group
    assert child.poll() is None, errors.read_text()
    child.send_signal(signal.SIGKILL)
    child.wait()
    b = unlock(b_path, "pass phrase for tests")
    partial = len(records.find(b, Contact))
    print(f"applied before the kill: {partial} of 2400")
    assert 0 < partial < 2400
    assert partial % 4 == 0  # change sets are applied whole or not at all
    cursor = int(b.meta("sync_cursor") or 0)
    service.now(b)
    assert int(b.meta("sync_cursor") or 0) > cursor
    assert snapshot(b) == snapshot(a)
    assert len(records.find(b, Contact)) == 2400
