"""Vault lifecycle commands: init, passwd, recover, info, audit, export, demo."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from liaison.cli import inputs, output, secrets
from liaison.cli.context import opened, vault_path
from liaison.crypto.kdf import KdfProfile
from liaison.services import export
from liaison.services import vault as vault_service

RECOVERY_NOTICE = (
    "Recovery code (shown only this once; write it down and keep it apart from the laptop):\n\n    {code}\n"
)


def _profile(args: argparse.Namespace) -> KdfProfile:
    return KdfProfile(args.kdf_profile) if args.kdf_profile else KdfProfile.from_env()


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    passphrase = secrets.new_passphrase(secrets.PASSPHRASE_ENV)
    vault, code = vault_service.create(path, passphrase, _profile(args))
    vault.close()
    print(f"Created vault {path}")
    print(RECOVERY_NOTICE.format(code=code))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    path = vault_path(args)
    old = secrets.passphrase("Current passphrase: ")
    vault_service.change_passphrase(path, old, secrets.new_passphrase(), _profile(args))
    print("Passphrase changed.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    path = vault_path(args)
    code = secrets.recovery_code()
    vault = vault_service.recover(path, code, secrets.new_passphrase(), _profile(args))
    vault.close()
    print("Vault recovered: the new passphrase is set. The recovery code stays valid.")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    path = vault_path(args)
    params = vault_service.kdf_parameters(path)
    with opened(args) as vault:
        info = {
            "vault": str(path),
            "vault_id": vault.vault_id,
            "device_id": vault.device_id,
            "kdf": f"argon2id t={params.time_cost} m={params.memory_kib // 1024} MiB p={params.parallelism}",
        }
    if args.json:
        output.print_json(info)
    else:
        for key, value in info.items():
            print(f"{key:>10}: {value}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        problems = vault_service.check(vault)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"liaison: error: the vault has {len(problems)} problem(s)", file=sys.stderr)
        return 5
    print("Vault intact: every page authenticated, structure and indexes consistent, audit chain verified.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        count = vault_service.verify_audit(vault)
    print(f"Audit log intact: {count} entries, hash chain verified.")
    return 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        entries = vault_service.audit_entries(vault, args.limit)
    rows = [
        {"seq": e.seq, "at": e.at, "action": e.action, "kind": e.kind, "record": e.record_id[:8]}
        for e in entries
    ]
    if args.json:
        output.print_json([dataclasses.asdict(e) for e in entries])
    else:
        output.print_table(rows, ["seq", "at", "action", "kind", "record"])
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with opened(args) as vault:
        digest = export.export_json(vault, Path(args.output))
    print(f"Exported to {args.output} (sha256 {digest}). This file is NOT encrypted.", file=sys.stderr)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from liaison.services import demo  # noqa: PLC0415  (sample data loads only when asked for)

    path = vault_path(args)
    passphrase = secrets.new_passphrase(secrets.PASSPHRASE_ENV)
    vault, code = vault_service.create(path, passphrase, _profile(args))
    with vault:
        counts = demo.populate(vault)
    print(f"Created demo vault {path}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    print(RECOVERY_NOTICE.format(code=code))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    profiles = [p.value for p in KdfProfile]
    for name, func, text in (
        ("init", cmd_init, "create a new vault and print its recovery code once"),
        ("demo", cmd_demo, "create a vault filled with invented sample data"),
        ("passwd", cmd_passwd, "change the passphrase (the database is not rewritten)"),
        ("recover", cmd_recover, "set a new passphrase using the recovery code"),
    ):
        parser = sub.add_parser(name, help=text, description=text)
        parser.add_argument(
            "--kdf-profile", choices=profiles, help="key derivation cost (default: production)"
        )
        parser.set_defaults(func=func)
    info = sub.add_parser("info", help="show where the vault is and how its key is protected")
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=cmd_info)
    check = sub.add_parser("check", help="full integrity check of the vault (reads every page)")
    check.set_defaults(func=cmd_check)
    audit = sub.add_parser("audit", help="inspect and verify the tamper-evident audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_sub.add_parser("verify", help="check the hash chain; names any tampered entry")
    verify.set_defaults(func=cmd_audit_verify)
    listing = audit_sub.add_parser("list", help="show audit entries")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_audit_list)
    exporter = sub.add_parser("export", help="write every record to a plain JSON file (audited)")
    exporter.add_argument("-o", "--output", required=True, type=inputs.output_file)
    exporter.set_defaults(func=cmd_export)
