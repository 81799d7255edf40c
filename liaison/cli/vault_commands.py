"""Vault lifecycle commands: init, passwd, recover, info, audit, export, demo."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from liaison.cli import inputs, output, secrets
from liaison.cli.context import opened, vault_path
from liaison.errors import DAMAGE_WAY_FORWARD
from liaison.services import export
from liaison.services import vault as vault_service

RECOVERY_NOTICE = (
    "Recovery code (shown only this once; write it down and keep it apart from the laptop):\n\n    {code}\n"
)


def cmd_init(args: argparse.Namespace) -> int:
    path = vault_path(args)
    passphrase = secrets.new_passphrase(secrets.PASSPHRASE_ENV)
    vault, code = vault_service.create(path, passphrase)
    vault.close()
    print(f"Created vault {path}")
    print(RECOVERY_NOTICE.format(code=code))
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    path = vault_path(args)
    old = secrets.passphrase("Current passphrase: ")
    new = secrets.new_passphrase()
    if args.rekey:
        code = vault_service.change_passphrase_and_rekey(path, old, new)
        print(
            "Passphrase changed and the vault re-encrypted under a new key: old copies of the key "
            "file, the old passphrase and the old recovery code open nothing written from now on."
        )
        print(RECOVERY_NOTICE.format(code=code))
        return 0
    vault_service.change_passphrase(path, old, new)
    print("Passphrase changed.")
    keys = path.with_name(path.name + ".keys").name
    print(vault_service.PLAIN_CHANGE_NOTICE.format(keys=keys))
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    path = vault_path(args)
    code = secrets.recovery_code()
    vault, new_code = vault_service.recover(path, code, secrets.new_passphrase(), rekey=not args.keep_key)
    vault.close()
    if new_code is None:
        print("Vault recovered: the new passphrase is set. The recovery code stays valid.")
        return 0
    print(
        "Vault recovered: the new passphrase is set and the vault re-encrypted under a new key. "
        "The recovery code you used no longer works."
    )
    print(RECOVERY_NOTICE.format(code=new_code))
    return 0


def cmd_recovery_code_rotate(args: argparse.Namespace) -> int:
    path = vault_path(args)
    code = vault_service.rotate_recovery_code(path, secrets.passphrase())
    print("New recovery code issued; the previous one no longer works.")
    print(RECOVERY_NOTICE.format(code=code))
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
        print(
            f"liaison: error: the vault has {len(problems)} problem(s): {DAMAGE_WAY_FORWARD}", file=sys.stderr
        )
        return 5
    print(
        "Vault intact: every page authenticated, structure and indexes consistent, every record "
        "matches its operations, audit chain verified."
    )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    target = Path(args.output).expanduser()
    keys = vault_service.backup(vault_path(args), secrets.passphrase(), target)
    print(
        f"Backup written and verified: {target} and {keys.name} (encrypted; it opens with the current "
        "passphrase and recovery code). Keep both files together."
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = vault_path(args)
    kept = vault_service.restore(path, Path(args.backup).expanduser(), secrets.passphrase())
    print(f"Restored {path} from {args.backup}.")
    if kept is not None:
        print(f"The vault it replaced is kept as {kept} (with its key file).")
    return 0


def cmd_salvage(args: argparse.Namespace) -> int:
    from liaison.services import salvage_export  # noqa: PLC0415

    found = vault_service.salvage(vault_path(args), secrets.passphrase())
    rows = salvage_export.write(found, Path(args.output).expanduser())
    for page in found.unreadable_pages:
        print(f"unreadable: {page}", file=sys.stderr)
    for table, ranges in found.lost.items():
        print(f"lost in {table}: {', '.join(ranges)}", file=sys.stderr)
    print(
        f"Salvaged {rows} rows to {args.output} ({len(found.unreadable_pages)} unreadable page(s)). "
        "This file is NOT encrypted.",
        file=sys.stderr,
    )
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
    vault, code = vault_service.create(path, passphrase)
    with vault:
        counts = demo.populate(vault)
    print(f"Created demo vault {path}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    print(RECOVERY_NOTICE.format(code=code))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, func, text in (
        ("init", cmd_init, "create a new vault and print its recovery code once"),
        ("demo", cmd_demo, "create a vault filled with invented sample data"),
    ):
        sub.add_parser(name, help=text, description=text).set_defaults(func=func)
    passwd = sub.add_parser(
        "passwd", help="change the passphrase", description="change the passphrase (re-wraps the key)"
    )
    passwd.add_argument(
        "--rekey",
        action="store_true",
        help="also re-encrypt the vault under a new key and issue a new recovery code",
    )
    passwd.set_defaults(func=cmd_passwd)
    recover = sub.add_parser("recover", help="set a new passphrase using the recovery code")
    recover.add_argument(
        "--keep-key",
        action="store_true",
        help="only re-wrap the key: the used recovery code stays valid (default: re-key, new code)",
    )
    recover.set_defaults(func=cmd_recover)
    code = sub.add_parser("recovery-code", help="manage the recovery code")
    code_sub = code.add_subparsers(dest="code_command", required=True)
    rotate = code_sub.add_parser("rotate", help="issue a new recovery code; the old one stops working")
    rotate.set_defaults(func=cmd_recovery_code_rotate)
    info = sub.add_parser("info", help="show where the vault is and how its key is protected")
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=cmd_info)
    check = sub.add_parser("check", help="full integrity check of the vault (reads every page)")
    check.set_defaults(func=cmd_check)
    backup = sub.add_parser(
        "backup", help="write an encrypted, verified copy of the vault (FILE and FILE.keys)"
    )
    backup.add_argument("-o", "--output", required=True, metavar="FILE")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="put a backup in place of the vault (the old one is kept aside)")
    restore.add_argument(
        "backup", metavar="FILE", help="a file written by 'liaison backup' (FILE.keys beside it)"
    )
    restore.set_defaults(func=cmd_restore)
    salvage = sub.add_parser(
        "salvage", help="export every readable row of a damaged vault to plain JSON, read-only"
    )
    salvage.add_argument("-o", "--output", required=True, metavar="FILE")
    salvage.set_defaults(func=cmd_salvage)
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
