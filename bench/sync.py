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
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from liaison.crypto import kdf
from liaison.crypto.kdf import KdfProfile
from liaison.domain import Case, Note
from liaison.server.storage import Storage, make_engine
from liaison.services.sync import service
from liaison.store import notes, records
from liaison.store.vault import Vault, create_vault
from liaison.sync import changeset, envelope, keys
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
    t = time.perf_counter()
    service.now(b, factory=factory)
    initial = time.perf_counter() - t
    assert len(records.find(b, Note)) == count
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
        from liaison.services.sync import engine

        engine.push(a, c, __import__("liaison.store.sync_state", fromlist=["x"]).require(a).space_id)
    a.close()
    b.close()
    return {
        "fill_s": filled,
        "first_push_s": first_push,
        "initial_sync_s": initial,
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


def ingest(urls: list[str], db_url: str, devices: int, per_device: int, batch: int) -> dict[str, float]:
    """Simulated devices push small sealed change sets concurrently over HTTP (device i to server
    ``urls[i % len(urls)]``: several server processes share one PostgreSQL); then the same rows
    go into a plain table of the same database with bare INSERTs, from as many threads."""
    engine = make_engine(db_url)
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

    def push(i: int) -> None:
        for start in range(0, per_device, batch):
            clients[i].push(prepared[i][start : start + batch])

    elapsed = _in_threads(devices, push)
    for client in clients:
        client.close()
    _RAW.metadata.drop_all(engine)
    _RAW.metadata.create_all(engine)
    counter = [0]
    lock = threading.Lock()

    def raw(i: int) -> None:
        for start in range(0, per_device, batch):
            with lock:
                base = counter[0]
                counter[0] += batch
            rows = [
                {
                    "space_id": space_id,
                    "pos": base + n,
                    "change_id": uuid.uuid4().hex,
                    "device_id": ids[i],
                    "seq": start + n + 1,
                    "epoch": 1,
                    "envelope": blob,
                    "created_at": time.time(),
                }
                for n, blob in enumerate(prepared[i][start : start + batch])
            ]
            with engine.begin() as conn:
                conn.execute(_RAW.insert(), rows)

    raw_elapsed = _in_threads(devices, raw)
    engine.dispose()
    total = devices * per_device
    return {
        "ingest_change_sets_per_s": total / elapsed,
        "raw_inserts_per_s": total / raw_elapsed,
        "ratio": raw_elapsed / elapsed,
        "envelope_bytes": float(statistics.mean(len(e) for e in prepared[0])),
    }


def report_ingest(kind: str, ing: dict[str, float], args: argparse.Namespace, servers: int) -> None:
    print(
        f"[{kind}] ingest through {servers} server process(es), {args.devices} devices x "
        f"{args.per_device} in batches of {args.batch}: {ing['ingest_change_sets_per_s']:.0f} change sets/s; "
        f"raw INSERT {ing['raw_inserts_per_s']:.0f} rows/s; ratio {ing['ratio']:.2f}",
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
        f"ratio to filling the same notes locally: {f['initial_sync_s'] / f['fill_s']:.2f}"
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
        f"ratio {ing['ratio']:.2f} (target >= 0.5); envelope {ing['envelope_bytes']:.0f} bytes"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--per-device", type=int, default=200)
    parser.add_argument("--batch", type=int, default=20)
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
                ing = ingest([servers[0].url], db_url, args.devices, args.per_device, args.batch)
                if args.ingest_only:
                    report_ingest(kind, ing, args, 1)
                else:
                    report(kind, args.notes, figures, ing, args)
                if count > 1:
                    many = ingest([s.url for s in servers], db_url, args.devices, args.per_device, args.batch)
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
