"""Contact import speed: a 10,000-contact vCard (and CSV) through ``liaison contacts import``'s
code path, against the same contacts inserted directly with ``records.insert``.

Both sides write the same records into a fresh vault (fast test KDF) in one transaction: the import
also parses the file, checks every field, matches cards against the vault, creates the agencies and
audits the file. The ratio is what that costs over the bare write path.

Run: .venv/bin/python bench/contacts_import.py [--contacts 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from liaison.crypto.kdf import KdfProfile
from liaison.domain import Agency, AgencyKind, Channel, Contact, LanguageSkill
from liaison.services import contact_io
from liaison.store import records
from liaison.store.vault import Vault, create_vault

AGENCIES = 50


def _vault(folder: Path, name: str) -> Vault:
    vault, _code = create_vault(folder / f"{name}.db", "bench passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    return vault


def _vcard(count: int) -> str:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i:05d} Müller\r\nN:Müller;Person {i:05d};;Dr.;\r\n"
        f"ORG:Agency {i % AGENCIES};Unit {i % 7}\r\nEMAIL:p{i}@example.org\r\n"
        f"TEL;TYPE=CELL:+33 6 00 {i:06d}\r\nX-LIAISON-COUNTRY:FR\r\nX-LIAISON-LANG;PREF=1:fr\r\n"
        "TZ:Europe/Paris\r\nNOTE:Met in Lyon\\, 2025.\r\n"
        "END:VCARD\r\n"
        for i in range(count)
    )


def _direct(vault: Vault, count: int) -> None:
    with vault.transaction():
        agencies = [
            records.insert(vault, Agency(name=f"Agency {n}", kind=AgencyKind.OTHER, country="FR"))
            for n in range(AGENCIES)
        ]
        for i in range(count):
            records.insert(
                vault,
                Contact(
                    full_name=f"Person {i:05d} Müller",
                    honorific="Dr.",
                    agency_id=agencies[i % AGENCIES].id,
                    unit=f"Unit {i % 7}",
                    country="FR",
                    languages=(LanguageSkill("fr"),),
                    preferred_language="fr",
                    channels=(Channel("email", f"p{i}@example.org"), Channel("mobile", f"+33 6 00 {i:06d}")),
                    timezone="Europe/Paris",
                    notes="Met in Lyon, 2025.",
                    source="import",
                ),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"direct": [], "vcard": [], "csv": [], "vcard plan only": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        card_file = folder / "contacts.vcf"
        card_file.write_text(_vcard(args.contacts), encoding="utf-8")
        size = card_file.stat().st_size
        for run in range(args.runs):
            vault = _vault(folder, f"direct{run}")
            started = time.perf_counter()
            _direct(vault, args.contacts)
            times["direct"].append(time.perf_counter() - started)
            vault.close()
            csv_file = folder / "contacts.csv"
            vault = _vault(folder, f"vcard{run}")
            started = time.perf_counter()
            plan = contact_io.plan(vault, card_file)
            times["vcard plan only"].append(time.perf_counter() - started)
            contact_io.apply(vault, plan)
            times["vcard"].append(time.perf_counter() - started)
            if run == 0:
                contact_io.export_to(vault, csv_file, None, "csv")
            vault.close()
            vault = _vault(folder, f"csv{run}")
            started = time.perf_counter()
            contact_io.apply(vault, contact_io.plan(vault, csv_file))
            times["csv"].append(time.perf_counter() - started)
            vault.close()
    direct = statistics.median(times["direct"])
    megabytes = size / 2**20
    print(f"{args.contacts} contacts, {AGENCIES} agencies, vCard {megabytes:.1f} MB, median of {args.runs}")
    for name, values in times.items():
        median = statistics.median(values)
        rate = args.contacts / median
        print(f"  {name:<16} {median:6.2f} s  ({rate:7.0f} contacts/s)  ratio {median / direct:.2f}")


if __name__ == "__main__":
    main()
