"""``liaison sync ...``: set up a space, enrol and revoke devices, sync, review conflicts."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from liaison.cli import context, output
from liaison.errors import ValidationError
from liaison.services.sync import engine, service
from liaison.store import sync_state

ADMIN_ENV = "LIAISON_SERVER_ADMIN_TOKEN"
MIB = 1024 * 1024


def _progress(args: argparse.Namespace) -> engine.ProgressCallback:
    def show(p: engine.Progress) -> None:
        if not args.json and sys.stderr.isatty():
            line = f"\r{p.phase}: {p.done} change sets"
            if p.blob_size:  # a large document moving in chunks: its MiB so far
                line += f", document {p.blob_done / MIB:.0f} of {p.blob_size / MIB:.0f} MiB"
            print(line + "\033[K", end="", file=sys.stderr, flush=True)

    return show


def cmd_setup(args: argparse.Namespace) -> int:
    token = args.admin_token or os.environ.get(ADMIN_ENV, "")
    with context.opened(args) as vault:
        space = service.setup(vault, args.server, token, name=args.name or "", pin=args.pin or "")
    if args.json:
        output.print_json({"space_id": space})
    else:
        print(f"space {space} created on {args.server}; this vault is its first device")
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        invitation = service.invite(vault)
        server = sync_state.require(vault).server
    if args.json:
        output.print_json({"code": invitation["code"]})
    else:
        print(f"invitation code (one use, 15 minutes): {invitation['code']}")
        print(f"on the new device: liaison sync join {server} {invitation['code']}")
        if not args.no_qr:
            print(service.invitation_qr(server, invitation["code"]), end="")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        device = service.join(vault, args.url, args.code, name=args.name or "", pin=args.pin or "")
    if args.json:
        output.print_json({"device_id": device.id, "safety_number": device.safety_number})
    else:
        print(f"joined; this device is {device.id}, waiting for approval")
        print(f"safety number: {device.safety_number}")
        print("compare it with what the approving device shows before it approves")
    return 0


def cmd_local_only(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        service.set_local_only(vault, args.kind, args.id, local=not args.off)
    print(f"{args.kind} {args.id} " + ("is shared again" if args.off else "stays on this device only"))
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        views = service.devices(vault)
        target = service._find(views, args.device)
        if not args.yes:
            print(f"device {target.name} ({target.id})\nsafety number: {target.safety_number}")
            if not sys.stdin.isatty():
                raise ValidationError("compare the safety number, then run again with --yes to approve")
            if input("same number on the new device? [y/N] ").strip().lower() not in ("y", "yes"):
                print("not approved")
                return 1
        service.approve(vault, target.id)
    if args.json:
        output.print_json({"approved": target.id, "safety_number": target.safety_number})
    else:
        print(f"approved {target.name}; safety number {target.safety_number}")
    return 0


def _device_labels(vault: Any) -> dict[str, str]:
    """How a table or a warning names a device: by the name its owner gave it, with this device
    marked, so `--keep mine|theirs` and a flag can be read without matching ids by hand."""
    labels = {d.device_id: d.name or d.device_id[:8] for d in sync_state.devices(vault).values()}
    if vault.device_id in labels:
        labels[vault.device_id] += " (this device)"
    return labels


def _label(labels: dict[str, str], device_id: str | None) -> str:
    if not device_id:
        return ""
    return labels.get(device_id, device_id)


def cmd_now(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        # this command is the only writer of its vault: large commit groups (engine.ALONE)
        report = service.now(vault, progress=_progress(args), grouping=engine.ALONE)
        open_conflicts = len(service.conflicts(vault))
        labels = _device_labels(vault)
    result = {
        "pushed": report.pushed,
        "pulled": report.pulled,
        "applied_ops": report.applied_ops,
        "replayed_ignored": report.replayed,
        "conflicts": open_conflicts,
        "future_stamps_from": sorted(set(report.future_flagged)),
        "refused": report.refused,
    }
    if args.json:
        output.print_json(result)
    else:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        conflicts = f"{open_conflicts} open conflict" + ("" if open_conflicts == 1 else "s")
        print(f"pushed {report.pushed}, pulled {report.pulled} change sets; {conflicts}")
        for device in sorted(set(report.future_flagged)):
            print(
                f"warning: device {_label(labels, device)} ({device}) sent stamps more than 24 h "
                "in the future (its clock is wrong)"
            )
        for refusal in report.refused:
            print(f"warning: change set refused, not applied (device {refusal})")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        status = service.status(vault)
    if args.json:
        output.print_json(status.as_json())
        return 0
    print(f"space:     {status.space_id} on {status.server}")
    print(f"device:    {status.device_id} ({status.device_status})")
    print(f"last sync: {status.last_sync or 'never'}")
    print(f"pending:   {status.pending_change_sets} change sets")
    print(f"conflicts: {status.conflicts}")
    output.print_table([d.as_json() for d in status.devices], ["id", "name", "status", "last_seen"])
    for flag in status.flags:
        shown = ("refused", "kept_local", "held_back", "update_needed")
        extra = f": {flag['detail']}" if flag["what"] in shown else ""
        print(f"flag: {flag['what']} from device {flag['device']} at {flag['at']}{extra}")
    return 0


def _conflict_row(c: Any) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "record_id": c.record_id,
        "field": c.field,
        "reason": c.reason,
        "value": c.value,
        "device": c.device_id,
        "stamp": c.hlc,
        "current": c.current,
        "current_device": c.current_device,
        "current_stamp": c.current_hlc,
    }


def cmd_conflicts(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        rows = [_conflict_row(c) for c in service.conflicts(vault)]
        labels = _device_labels(vault)
    if args.json:
        output.print_json(rows)
        return 0
    # Who wrote each side: '--keep mine' keeps the side written on this device.
    for row in rows:
        row["by"], row["current_by"] = _label(labels, row["device"]), _label(labels, row["current_device"])
    output.print_table(rows, ["id", "kind", "field", "reason", "value", "by", "current", "current_by"])
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        restored = service.resolve(vault, args.conflict, args.keep)
    if args.json:
        output.print_json({"resolved": args.conflict, "kept": args.keep, "restored_id": restored})
    else:
        print(f"resolved; kept {args.keep}" + (f"; restored as {restored}" if restored else ""))
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        views = service.devices(vault)
    rows = [d.as_json() for d in views]
    if args.json:
        output.print_json(rows)
    else:
        output.print_table(
            rows, ["id", "name", "status", "safety_number", "last_seen"], whole={"safety_number"}
        )
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    with context.opened(args) as vault:
        target = service.revoke(vault, args.device, wipe=args.wipe)
    if args.json:
        output.print_json({"revoked": target.id, "wipe": args.wipe})
    else:
        print(f"revoked {target.name}; a new space key was sent to the remaining devices")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = sub.add_parser("sync", help="sync with the home agency's server (end-to-end encrypted)")
    actions = sync.add_subparsers(dest="sync_command", required=True)

    def add(name: str, func: Any, text: str, json_flag: bool = True) -> argparse.ArgumentParser:
        parser = actions.add_parser(name, help=text, description=text)
        if json_flag:
            parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.set_defaults(func=func)
        return parser

    setup = add("setup", cmd_setup, "create a space on a server; this vault becomes its first device")
    setup.add_argument("--server", required=True, help="server URL, e.g. https://sync.agency.example")
    setup.add_argument("--admin-token", help=f"the server's admin token (default: ${ADMIN_ENV})")
    setup.add_argument("--name", help="a name for this device (e.g. 'desk Lisbon')")
    setup.add_argument("--pin", help="SHA-256 fingerprint of a self-hosted server's certificate")
    invite = add("invite", cmd_invite, "make a one-time invitation code for a new device (also as a QR code)")
    invite.add_argument("--no-qr", action="store_true", help="do not draw the QR code")
    local = add("local-only", cmd_local_only, "keep a record on this device only, or share it again", False)
    local.add_argument("kind", help="record kind: contact, case, note, ...")
    local.add_argument("id", help="record id")
    local.add_argument("--off", action="store_true", help="share the record again")
    join = add("join", cmd_join, "join a space with the server URL and an invitation code")
    join.add_argument("url")
    join.add_argument("code")
    join.add_argument("--name", help="a name for this device")
    join.add_argument("--pin", help="SHA-256 fingerprint of a self-hosted server's certificate")
    approve = add("approve", cmd_approve, "approve a waiting device after comparing safety numbers")
    approve.add_argument("device", help="device id (or its start) or name")
    approve.add_argument("--yes", action="store_true", help="the safety numbers were compared and match")
    add("now", cmd_now, "push local changes and pull the team's")
    add("status", cmd_status, "last sync, pending change sets, conflicts, devices")
    add("conflicts", cmd_conflicts, "values that lost a concurrent edit (kept for review)")
    resolve = add("resolve", cmd_resolve, "settle a conflict on every device")
    resolve.add_argument("conflict", help="conflict id (or its start)")
    resolve.add_argument("--keep", required=True, choices=["mine", "theirs"])
    add("devices", cmd_devices, "list the space's devices with their safety numbers")
    revoke = add("revoke", cmd_revoke, "refuse a device and move the space to a new key")
    revoke.add_argument("device", help="device id (or its start) or name")
    revoke.add_argument("--wipe", action="store_true", help="the device also destroys its vault key slots")
