"""Sync benchmark: initial sync of a large vault to a new device, incremental sync, server ingest
under 50 concurrent devices against raw INSERT throughput of the same database, bytes on the wire.

    .venv/bin/python bench/sync.py                      # full size: 100,000 notes, SQLite and PostgreSQL
    .venv/bin/python bench/sync.py --notes 5000 --quick # smoke run
    .venv/bin/python bench/sync.py --db sqlite          # one server database only
    .venv/bin/python bench/sync.py --db postgresql --ingest-only --servers 2  # ingest, 1 then 2 servers

A script that prints figures (no assertion): run at full size once, on an otherwise idle machine if
you can. PostgreSQL runs in a throwaway cluster, as in the tests.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import msgpack
import sqlalchemy as sa

from liaison.crypto import kdf
from liaison.crypto.kdf import KdfProfile
from liaison.domain import Case, Note
from liaison.server.storage import Storage, make_engine
from liaison.services.sync import engine, service
from liaison.store import notes, records
from liaison.store.vault import Vault, create_vault
from liaison.sync import changeset, envelope, keys, protocol
from liaison.sync.client import ApiClient
from liaison.sync.transport import HttpTransport, RawResponse
from tests.liaison.sync.servers import ADMIN, PostgresCluster, ServerProcess

# The fast key derivation of the tests (unreachable from the real program): vault unlocks are not
# what this benchmark measures.
kdf.allow_insecure_test_profile()

WORDS = (
    "letters rogatory preservation request bank records witness hearing extradition Europol Eurojust "
    "Interpol seizure freezing order subscriber data telecommunications prosecutor investigating judge"
).split()


class Counting:
    """An HTTP transport that counts request and response bytes."""

    def __init__(self, inner: HttpTransport) -> None:
        self.inner, self.sent, self.received = inner, 0, 0

    def send(self, method: str, path: str, query: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        self.sent += (
            len(body) + sum(len(k) + len(v) + 4 for k, v in headers.items()) + len(path) + len(query) + 16
        )
        response = self.inner.send(method, path, query, body, headers)
        self.received += len(response.body)
        return response

    def close(self) -> None:
        self.inner.close()


def text(n: int) -> str:
    return " ".join(WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(60 + n % 120))


def fill(vault: Vault, count: int) -> list[str]:
    case = records.insert(vault, Case(reference="BENCH-1", title="bench case"))
    ids = []
    for start in range(0, count, 1000):
        with vault.transaction():
            for n in range(start, min(count, start + 1000)):
                ids.append(notes.add(vault, Note(case_id=case.id, title=f"note {n}", body=text(n))).id)
    return ids


def run_vaults(url: str, folder: Path, count: int) -> dict[str, float]:
    counters: list[Counting] = []

    def factory(u: str, pin: str) -> Counting:
        c = Counting(HttpTransport(u, pin, timeout=300))
        counters.append(c)
        return c

    a, _ = create_vault(folder / "a.db", "bench passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    b, _ = create_vault(folder / "b.db", "bench passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    t = time.perf_counter()
    ids = fill(a, count)
    filled = time.perf_counter() - t
    service.setup(a, url, ADMIN, name="desk", factory=factory)
    t = time.perf_counter()
    service.now(a, factory=factory)
    first_push = time.perf_counter() - t
    code = service.invite(a, factory=factory)["code"]
    joined = service.join(b, url, code, name="laptop", factory=factory)
    service.approve(a, joined.id, factory=factory)
    # The first sync as the command line runs it (large commit groups: engine.ALONE), then the
    # same on a third device as the desktop app runs it (one big change set per commit, so a save
    # in the window never waits long: engine.SHARED).
    t = time.perf_counter()
    service.now(b, factory=factory, grouping=engine.ALONE)
    initial = time.perf_counter() - t
    assert len(records.find(b, Note)) == count
    c, _ = create_vault(folder / "c.db", "bench passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    code = service.invite(a, factory=factory)["code"]
    service.approve(a, service.join(c, url, code, name="app", factory=factory).id, factory=factory)
    t = time.perf_counter()
    service.now(c, factory=factory, grouping=engine.SHARED)
    initial_app = time.perf_counter() - t
    assert len(records.find(c, Note)) == count
    c.close()
    t = time.perf_counter()
    for n in range(100):
        notes.edit(a, ids[n], body=f"edited {n} " + text(n + 1))
    edit100 = time.perf_counter() - t
    t = time.perf_counter()
    service.now(a, factory=factory)
    push100 = time.perf_counter() - t
    t = time.perf_counter()
    service.now(b, factory=factory)
    pull100 = time.perf_counter() - t
    # wire bytes for one changed field: one contact-style field edit, pushed alone
    records.update(a, Case, records.find(a, Case)[0].id, {"title": "renamed case"})
    counter = Counting(HttpTransport(url, ""))
    with ApiClient(
        counter, a.device_id, __import__("liaison.store.sync_state", fromlist=["x"]).device_keys(a)
    ) as c:
        engine.push(a, c, __import__("liaison.store.sync_state", fromlist=["x"]).require(a).space_id)
    a.close()
    b.close()
    return {
        "fill_s": filled,
        "first_push_s": first_push,
        "initial_sync_s": initial,
        "initial_sync_app_s": initial_app,
        "incremental_push_100_s": push100,
        "incremental_pull_100_s": pull100,
        "edit_100_s": edit100,
        "wire_bytes_one_field": float(counter.sent),
    }


def _simulated_space(storage: Storage, devices: int) -> tuple[str, bytes, list[str], list[keys.DeviceKeys]]:
    """A space with ``devices`` approved devices, registered straight in the server's storage."""
    space_id, space_key = uuid.uuid4().hex, keys.new_space_key()
    device_keys = [keys.DeviceKeys.generate() for _ in range(devices)]
    ids = [uuid.uuid4().hex for _ in range(devices)]

    def identity(i: int) -> dict[str, object]:
        return {
            "id": ids[i],
            "name": f"d{i}",
            "signing_public": device_keys[i].signing_public,
            "exchange_public": device_keys[i].exchange_public,
        }

    storage.create_space(space_id, identity(0), b"c" * 64, b"w")
    first = storage.device(ids[0])
    assert first is not None
    for i in range(1, devices):
        code, _ = storage.create_invitation(space_id, ids[0])
        storage.join(code, identity(i))
        storage.approve(first, ids[i], b"c" * 64, {1: b"w"})
    return space_id, space_key, ids, device_keys


def _pid(server: ServerProcess) -> int:
    assert server.proc is not None
    return server.proc.pid


def _cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) the given processes used so far, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _in_threads(count: int, work: object) -> float:
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            work(i)  # type: ignore[operator]
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - t


_RAW = sa.Table(
    "bench_raw",
    sa.MetaData(),
    sa.Column("space_id", sa.String(64), primary_key=True),
    sa.Column("pos", sa.BigInteger, primary_key=True),
    sa.Column("change_id", sa.String(64), unique=True),
    sa.Column("device_id", sa.String(64)),
    sa.Column("seq", sa.BigInteger),
    sa.Column("epoch", sa.Integer),
    sa.Column("envelope", sa.LargeBinary),
    sa.Column("created_at", sa.Float),
)


class _Wire:
    """One simulated device's keep-alive HTTP/1.1 connection that sends requests built and signed
    before the timed window: the devices then cost the two shared cores almost nothing while the
    server is measured (``--httpx-devices`` measures the real client signing inside the window)."""

    def __init__(self, url: str) -> None:
        host, port = url.split("://", 1)[1].rsplit(":", 1)
        self.host = f"{host}:{port}"
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.reader = self.sock.makefile("rb")

    def request(self, path: str, body: bytes, headers: dict[str, str]) -> bytes:
        lines = [f"POST {path} HTTP/1.1", f"host: {self.host}", f"content-length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    def send(self, request: bytes) -> None:
        self.sock.sendall(request)
        status = self.reader.readline()
        length = 0
        while (line := self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        answer = self.reader.read(length)
        if not status.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(f"push refused: {status!r} {answer[:200]!r}")

    def close(self) -> None:
        self.reader.close()
        self.sock.close()


def _ingest_round(
    urls: list[str], server_pids: list[int], engine: sa.Engine, args: argparse.Namespace
) -> dict[str, float]:
    """One round: the simulated devices push, then the same rows go in with bare INSERTs. Both
    sides' inputs are built before their timed window (sealed envelopes, and signed requests or
    row dictionaries), so the window times the database side and the server, not the generator."""
    devices, per_device, batch = args.devices, args.per_device, args.batch
    space_id, space_key, ids, device_keys = _simulated_space(Storage(engine), devices)
    op = changeset.Op("0" * 32, "000001700000000.000000", "note", str(uuid.uuid4()), "body", '"x"', ())
    plain = changeset.encode(changeset.ChangeSet("c", (op,)))
    prepared = [
        [
            envelope.seal(
                plain,
                envelope.Header(1, space_id, ids[i], seq, 1, uuid.uuid4().hex),
                space_key,
                device_keys[i],
            ).to_bytes()
            for seq in range(1, per_device + 1)
        ]
        for i in range(devices)
    ]
    clients = [
        ApiClient(HttpTransport(urls[i % len(urls)], "", timeout=300), ids[i], device_keys[i])
        for i in range(devices)
    ]
    if args.httpx_devices:

        def push(i: int) -> None:
            for start in range(0, per_device, batch):
                clients[i].push(prepared[i][start : start + batch])

    else:
        wires = [_Wire(urls[i % len(urls)]) for i in range(devices)]
        path = protocol.API + "/changes"
        requests = []
        for i in range(devices):
            mine = []
            for start in range(0, per_device, batch):
                body = msgpack.packb(prepared[i][start : start + batch], use_bin_type=True)
                headers = clients[i]._headers("POST", path, "", body)  # signed now: within the 5 min window
                headers["content-type"] = protocol.MSGPACK
                mine.append(wires[i].request(path, body, headers))
            requests.append(mine)

        def push(i: int) -> None:
            for request in requests[i]:
                wires[i].send(request)

    server_cpu0, own_cpu0 = _cpu(server_pids), time.process_time()
    elapsed = _in_threads(devices, push)
    server_cpu, own_cpu = _cpu(server_pids) - server_cpu0, time.process_time() - own_cpu0
    for client in clients:
        client.close()
    if not args.httpx_devices:
        for wire in wires:
            wire.close()

    _RAW.metadata.drop_all(engine)
    _RAW.metadata.create_all(engine)
    now = time.time()
    rows = [
        [
            [
                {
                    "space_id": space_id,
                    "pos": i * per_device + start + n + 1,
                    "change_id": uuid.uuid4().hex,
                    "device_id": ids[i],
                    "seq": start + n + 1,
                    "epoch": 1,
                    "envelope": blob,
                    "created_at": now,
                }
                for n, blob in enumerate(prepared[i][start : start + batch])
            ]
            for start in range(0, per_device, batch)
        ]
        for i in range(devices)
    ]

    def raw(i: int) -> None:
        for chunk in rows[i]:
            with engine.begin() as conn:
                conn.execute(_RAW.insert(), chunk)

    raw_cpu0 = time.process_time()
    raw_elapsed = _in_threads(devices, raw)
    raw_cpu = time.process_time() - raw_cpu0
    total = devices * per_device
    return {
        "ingest_change_sets_per_s": total / elapsed,
        "raw_inserts_per_s": total / raw_elapsed,
        "ratio": raw_elapsed / elapsed,
        "envelope_bytes": float(statistics.mean(len(e) for e in prepared[0])),
        "server_cpu_us": server_cpu / total * 1e6,
        "devices_cpu_us": own_cpu / total * 1e6,
        "raw_cpu_us": raw_cpu / total * 1e6,
    }


def ingest(
    urls: list[str], server_pids: list[int], db_url: str, args: argparse.Namespace
) -> dict[str, float]:
    """Simulated devices push small sealed change sets concurrently over HTTP (device i to server
    ``urls[i % len(urls)]``: several server processes share one PostgreSQL); then the same rows
    go into a plain table of the same database with bare INSERTs, from as many threads.

    ``args.rounds`` rounds alternate the two, each in a new space, and the figures are the medians
    of the rounds (the ratio: the median of each round's ratio): on a shared machine the load moves
    within seconds, and measuring the two sides back to back, several times, keeps that out of
    the ratio."""
    engine = make_engine(db_url)
    results = []
    for n in range(args.rounds):
        result = _ingest_round(urls, server_pids, engine, args)
        results.append(result)
        print(
            f"  round {n + 1}: ingest {result['ingest_change_sets_per_s']:.0f} change sets/s, raw INSERT "
            f"{result['raw_inserts_per_s']:.0f} rows/s, ratio {result['ratio']:.2f}; CPU per change set: "
            f"server {result['server_cpu_us']:.0f} us, devices {result['devices_cpu_us']:.0f} us, "
            f"bare INSERT client {result['raw_cpu_us']:.0f} us",
            flush=True,
        )
    engine.dispose()
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def _devices_mode(args: argparse.Namespace) -> str:
    if args.httpx_devices:
        return "sign and send with httpx in the window"
    return "send requests signed beforehand"


def report_ingest(kind: str, ing: dict[str, float], args: argparse.Namespace, servers: int) -> None:
    print(
        f"[{kind}] ingest through {servers} server process(es), {args.devices} devices x "
        f"{args.per_device} in batches of {args.batch}: {ing['ingest_change_sets_per_s']:.0f} change sets/s; "
        f"raw INSERT {ing['raw_inserts_per_s']:.0f} rows/s; ratio {ing['ratio']:.2f} "
        f"(medians of {args.rounds} rounds; devices {_devices_mode(args)})",
        flush=True,
    )


def uptime() -> str:
    """The machine's load, printed with the figures: this machine is shared."""
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def report(
    kind: str, notes_count: int, f: dict[str, float], ing: dict[str, float], args: argparse.Namespace
) -> None:
    print(
        f"[{kind}] {notes_count} notes: filled in {f['fill_s']:.1f} s, first push {f['first_push_s']:.1f} s"
    )
    print(
        f"[{kind}] initial sync to a new device: {f['initial_sync_s']:.1f} s (target <= 60 s); "
        f"ratio to filling the same notes locally: {f['initial_sync_s'] / f['fill_s']:.2f} "
        "(as `liaison sync now` groups commits)"
    )
    print(
        f"[{kind}] the same initial sync with the app's commit groups: {f['initial_sync_app_s']:.1f} s; "
        f"ratio to filling: {f['initial_sync_app_s'] / f['fill_s']:.2f}"
    )
    print(
        f"[{kind}] 100 changes: push {f['incremental_push_100_s']:.2f} s, "
        f"pull and apply {f['incremental_pull_100_s']:.2f} s (target <= 0.5 s); "
        f"making them locally took {f['edit_100_s']:.2f} s"
    )
    print(f"[{kind}] one changed field, whole push request: {f['wire_bytes_one_field']:.0f} bytes")
    print(
        f"[{kind}] ingest, {args.devices} devices x {args.per_device} change sets in batches of "
        f"{args.batch}: {ing['ingest_change_sets_per_s']:.0f} change sets/s (target >= 2000)"
    )
    print(
        f"[{kind}] raw INSERT of the same rows: {ing['raw_inserts_per_s']:.0f} rows/s; "
        f"ratio {ing['ratio']:.2f} (target >= 0.5); envelope {ing['envelope_bytes']:.0f} bytes "
        f"(medians of {args.rounds} rounds; devices {_devices_mode(args)})"
    )
    print(
        f"[{kind}] CPU per change set in the windows: server {ing['server_cpu_us']:.0f} us, "
        f"devices {ing['devices_cpu_us']:.0f} us; bare INSERT client {ing['raw_cpu_us']:.0f} us per row"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--per-device", type=int, default=200)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="ingest rounds (push, then bare INSERTs)")
    parser.add_argument(
        "--httpx-devices",
        action="store_true",
        help="ingest: the devices sign and send through the real client (httpx) inside the window",
    )
    parser.add_argument("--quick", action="store_true", help="5,000 notes, 40 change sets per device")
    parser.add_argument("--ingest-only", action="store_true", help="only the ingest figures (no vaults)")
    parser.add_argument(
        "--servers",
        type=int,
        default=1,
        help="PostgreSQL: also measure ingest through this many server processes on one database",
    )
    args = parser.parse_args()
    if args.quick:
        args.notes, args.per_device = min(args.notes, 5000), 40
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    cluster = PostgresCluster().start() if "postgresql" in kinds else None
    try:
        for kind in kinds:
            folder = Path(tempfile.mkdtemp(prefix=f"liaison-bench-{kind}-"))
            db_url = f"sqlite:///{folder / 'server.db'}" if kind == "sqlite" else cluster.new_database()  # type: ignore[union-attr]
            count = args.servers if kind == "postgresql" else 1
            servers = [ServerProcess(db_url, extra=["--rate-limit", "0"]).start() for _ in range(count)]
            try:
                print(f"[{kind}] start: {uptime()}", flush=True)
                if not args.ingest_only:
                    figures = run_vaults(servers[0].url, folder, args.notes)
                ing = ingest([servers[0].url], [_pid(servers[0])], db_url, args)
                if args.ingest_only:
                    report_ingest(kind, ing, args, 1)
                else:
                    report(kind, args.notes, figures, ing, args)
                if count > 1:
                    many = ingest([s.url for s in servers], [_pid(s) for s in servers], db_url, args)
                    report_ingest(kind, many, args, count)
                print(f"[{kind}] end: {uptime()}", flush=True)
            finally:
                for server in servers:
                    server.stop()
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
