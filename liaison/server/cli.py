"""``liaison-server serve --db URL --host --port [--tls-cert --tls-key]`` and ``migrate``."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

ADMIN_ENV = "LIAISON_SERVER_ADMIN_TOKEN"


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
    migrate = sub.add_parser("migrate", help="create or upgrade the database schema, then exit")
    migrate.add_argument("--db", default="sqlite:///liaison-server.db")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        import uvicorn  # noqa: PLC0415

        from liaison.server.app import create_app  # noqa: PLC0415
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
    try:
        token = _admin_token(args)
    except OSError as error:
        print(f"liaison-server: error: cannot read admin token file: {error.strerror}", file=sys.stderr)
        return 2
    if bool(args.tls_cert) != bool(args.tls_key):
        print("liaison-server: error: --tls-cert and --tls-key go together", file=sys.stderr)
        return 2
    app = create_app(
        Storage(engine),
        token,
        rate_per_second=args.rate_limit,
        burst=max(10, int(args.rate_limit * 2)),
        blob_quota=args.blob_quota_mib * 1024 * 1024,
    )
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
