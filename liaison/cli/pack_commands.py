"""packs install | list | remove | verify | index | download: language packs, never touching the
network except ``index`` and ``download``, which the user runs on purpose."""

from __future__ import annotations

import argparse
import sys
import threading

from liaison.cli import output
from liaison.translation import index, packs


def _progress() -> index.Progress:
    state = {"last": -1}

    def report(done: int, total: int | None) -> None:
        if total:
            percent = done * 100 // total
            if percent != state["last"]:
                state["last"] = percent
                print(f"\rdownloading… {percent:3d}% of {total / 1e6:.1f} MB", end="", file=sys.stderr)
        else:
            print(f"\rdownloading… {done / 1e6:.1f} MB", end="", file=sys.stderr)

    return report


def cmd_packs(args: argparse.Namespace) -> int:
    action = args.action
    if action == "install":
        pack = packs.install(args.file)
        print(f"installed {pack}")
    elif action == "list":
        installed = packs.list_installed()
        rows = [
            {
                "pair": p.pair,
                "version": p.version,
                "size": f"{p.size_bytes / 1e6:.1f} MB",
                "languages": f"{p.from_name} → {p.to_name}",
                "installed_at": p.installed_at or "",
            }
            for p in installed
        ]
        output.print_json(rows) if args.json else output.print_table(
            rows, ["pair", "version", "size", "languages", "installed_at"]
        )
    elif action == "remove":
        print(f"removed {packs.remove(args.pair)}")
    elif action == "verify":
        problems = packs.verify()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            return 10
        print(f"{len(packs.list_installed())} packs verified")
    elif action == "index":
        entries = index.fetch_index(args.url)
        rows = [
            {
                "pair": e.pair,
                "version": e.version,
                "languages": f"{e.from_name} → {e.to_name}",
                "size": f"{e.size / 1e6:.0f} MB" if e.size else "",
            }
            for e in entries
        ]
        output.print_json(rows) if args.json else output.print_table(
            rows, ["pair", "version", "languages", "size"]
        )
    else:
        cancel = threading.Event()
        try:
            pack = index.download_and_install(args.pair, _progress(), cancel, url=args.url)
        except KeyboardInterrupt:
            cancel.set()
            raise
        print(f"\ninstalled {pack}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("packs", help="offline translation language packs")
    actions = parser.add_subparsers(dest="action", required=True)
    install = actions.add_parser("install", help="install a .argosmodel file (validated first)")
    install.add_argument("file")
    listing = actions.add_parser("list", help="installed packs")
    listing.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", help="remove the pack of a pair, e.g. en-fr")
    remove.add_argument("pair")
    actions.add_parser("verify", help="check installed packs against their manifests")
    idx = actions.add_parser("index", help="list packs available online (uses the network)")
    idx.add_argument("--url", help="index address (default: the public Argos index)")
    idx.add_argument("--json", action="store_true")
    download = actions.add_parser("download", help="download and install a pack (uses the network)")
    download.add_argument("pair")
    download.add_argument("--url", help="index address (default: the public Argos index)")
    parser.set_defaults(func=cmd_packs)
