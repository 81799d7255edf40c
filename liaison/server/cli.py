"""``liaison-server serve --db URL --host --port [--tls-cert --tls-key]``, ``migrate`` and ``gc``."""

from __future__ import annotations

import argparse
import logging
import math
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from liaison.server.blobstore import BlobStore
    from liaison.server.storage import Storage

ADMIN_ENV = "LIAISON_SERVER_ADMIN_TOKEN"
DEFAULT_GC_DAYS = 7.0  # an upload paused longer than this starts over; abandoned ones go
GC_EVERY = 6 * 3600.0  # seconds between collections while serving

log = logging.getLogger("liaison.server.gc")


def _admin_token(args: argparse.Namespace) -> str | None:
    if args.admin_token_file:
        token = Path(args.admin_token_file).read_text(encoding="utf-8").strip()
        return token or None
    return os.environ.get(ADMIN_ENV) or None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liaison-server", description="Liaison sync server (ciphertext only)."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the server")
    serve.add_argument(
        "--db", default="sqlite:///liaison-server.db", help="SQLAlchemy URL (sqlite:///F or postgresql://...)"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470)
    serve.add_argument("--tls-cert")
    serve.add_argument("--tls-key")
    serve.add_argument("--admin-token-file", help=f"file holding the admin token (default: ${ADMIN_ENV})")
    serve.add_argument(
        "--rate-limit", type=float, default=200, help="requests per second per device (0: off)"
    )
    serve.add_argument(
        "--blob-quota-mib",
        type=int,
        default=4096,
        help="blob store bytes per device, in MiB (large documents)",
    )
    serve.add_argument(
        "--gc-days",
        type=lambda text: _days(text, zero=True),
        default=DEFAULT_GC_DAYS,
        help="every 6 hours, remove blobs no change set references untouched for this many days (0: never)",
    )
    migrate = sub.add_parser("migrate", help="create or upgrade the database schema, then exit")
    migrate.add_argument("--db", default="sqlite:///liaison-server.db")
    gc = sub.add_parser(
        "gc", help="remove abandoned blobs (no change set references them, untouched for --older-than-days)"
    )
    gc.add_argument("--db", default="sqlite:///liaison-server.db")
    gc.add_argument("--older-than-days", type=_days, default=DEFAULT_GC_DAYS)
    return parser


def _days(text: str, zero: bool = False) -> float:
    """A number of days for collection: positive and finite (``zero``: 0 too, for "never")."""
    try:
        days = float(text)
    except ValueError:
        days = float("nan")
    if not (math.isfinite(days) and (days > 0 or (zero and days == 0))):
        raise argparse.ArgumentTypeError(
            f"must be a positive number of days{', or 0 for never' if zero else ''}, not {text!r}"
        )
    return days


def _gc(store: BlobStore, days: float) -> int:
    removed, freed = store.collect(days * 86400)
    print(
        f"removed {removed} abandoned blob(s), {freed} bytes (unreferenced and untouched for {days:g} days)"
    )
    return 0


def _collect_every(store: BlobStore, days: float, every: float = GC_EVERY) -> None:
    """Collect abandoned blobs now and then every ``every`` seconds, in a daemon thread (a failed
    round is logged and retried next time; the server keeps serving)."""

    def loop() -> None:
        while True:
            try:
                removed, freed = store.collect(days * 86400)
                if removed:
                    log.info("gc removed %d abandoned blobs (%d bytes)", removed, freed)
            except Exception as error:  # the database is away: next round
                log.warning("gc failed: %s", type(error).__name__)
            time.sleep(every)

    threading.Thread(target=loop, name="liaison-blob-gc", daemon=True).start()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:  # every server dependency, so that a missing one is one clear line whatever the command
        import uvicorn  # noqa: PLC0415, F401

        from liaison.server.app import create_app  # noqa: PLC0415, F401
        from liaison.server.blobstore import BlobStore  # noqa: PLC0415
        from liaison.server.storage import Storage, make_engine, migrate  # noqa: PLC0415
    except ImportError as error:
        print(
            f"liaison-server: error: missing server dependency ({error.name}): pip install 'liaison[server]'",
            file=sys.stderr,
        )
        return 2
    try:
        engine = make_engine(args.db)
        migrate(engine)
    except Exception as error:  # a wrong URL or an unreachable database: one line, no traceback
        print(
            "liaison-server: error: cannot open database: "
            f"{type(error).__name__}: {str(error).splitlines()[0]}",
            file=sys.stderr,
        )
        return 3
    if args.command == "migrate":
        return 0
    if args.command == "gc":
        return _gc(BlobStore(Storage(engine)), args.older_than_days)
    return _serve(args, Storage(engine))


def _serve(args: argparse.Namespace, storage: Storage) -> int:
    import uvicorn  # noqa: PLC0415

    from liaison.server.app import create_app  # noqa: PLC0415
    from liaison.server.blobstore import BlobStore  # noqa: PLC0415

    try:
        token = _admin_token(args)
    except OSError as error:
        print(f"liaison-server: error: cannot read admin token file: {error.strerror}", file=sys.stderr)
        return 2
    if bool(args.tls_cert) != bool(args.tls_key):
        print("liaison-server: error: --tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    app = create_app(
        storage,
        token,
        rate_per_second=args.rate_limit,
        burst=max(10, int(args.rate_limit * 2)),
        blob_quota=args.blob_quota_mib * 1024 * 1024,
    )
    if args.gc_days:
        _collect_every(BlobStore(storage), args.gc_days)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        log_level="info",
        access_log=False,  # access lines would carry query strings; ours log ids and sizes only
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
