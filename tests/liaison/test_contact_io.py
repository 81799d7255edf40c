"""Contacts in and out: vCard 3.0/4.0 and CSV round trips, the dry-run plan, merging, and files
that must be refused whole (bad rows, control characters, broken encodings, oversized cards)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.crypto.kdf import KdfProfile
from liaison.domain import Agency, Channel, Contact, ContactRole, LanguageSkill
from liaison.interchange.cards import ImportRejected
from liaison.services import catalog, contact_io, demo
from liaison.services.contact_io import Status
from liaison.store.vault import Vault, create_vault

COMPARED = (
    "full_name",
    "name_native",
    "honorific",
    "unit",
    "role",
    "country",
    "timezone",
    "notes",
    "preferred_language",
)


@pytest.fixture
def demo_vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _code = create_vault(tmp_path / "demo.db", "demo passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    demo.populate(vault)
    yield vault
    vault.close()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Vault]:
    vault, _code = create_vault(tmp_path / "empty.db", "demo passphrase", KdfProfile.INSECURE_FAST_FOR_TESTS)
    yield vault
    vault.close()


def _snapshot(vault: Vault) -> dict[str, tuple[object, ...]]:
    agencies = {a.id: a.name for a in catalog.agencies.list(vault)}
    return {
        c.full_name: (
            *(getattr(c, f) for f in COMPARED),
            frozenset(c.channels),
            frozenset(s.code for s in c.languages),
            agencies.get(c.agency_id or ""),
        )
        for c in catalog.contacts.list(vault)
    }


def _counts(vault: Vault) -> tuple[int, ...]:
    return tuple(
        vault.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("contacts", "agencies", "audit_log")
    )


@pytest.mark.parametrize(("fmt", "version"), [("vcard", "3.0"), ("vcard", "4.0"), ("csv", "")])
def test_export_then_import_into_an_empty_vault_keeps_every_field(
    demo_vault: Vault, empty: Vault, tmp_path: Path, fmt: str, version: str
) -> None:
    path = tmp_path / ("contacts.vcf" if fmt == "vcard" else "contacts.csv")
    count = contact_io.export_to(demo_vault, path, None, fmt, version or "3.0")
    assert count == len(catalog.contacts.list(demo_vault)) > 30
    assert path.stat().st_mode & 0o077 == 0
    plan = contact_io.plan(empty, path)
    assert plan.count(Status.NEW) == count and not plan.warnings
    result = contact_io.apply(empty, plan)
    assert result.created == count
    expected = _snapshot(demo_vault)
    got = _snapshot(empty)
    if fmt == "csv":  # the CSV columns hold one phone, one mobile, two e-mails and one address
        expected = {k: v[:-3] for k, v in expected.items()}
        got = {k: v[:-3] for k, v in got.items()}
    assert got == expected
    again = contact_io.plan(empty, path)
    assert again.count(Status.MATCHING) == count and again.count(Status.NEW) == 0


def test_vcard_4_from_a_phone(empty: Vault, tmp_path: Path) -> None:
    path = tmp_path / "phone.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN;ALTID=1:Ivan Petrov\r\nFN;ALTID=1;LANGUAGE=ru:Иван Петров\r\n"
        "N:Petrov;Ivan;;Col.;\r\nORG:MVD of Russia;NCB Interpol\r\nTITLE:NCB officer\r\n"
        "TEL;VALUE=uri;TYPE=cell:tel:+7-495-1234567\r\nEMAIL;PREF=1:ivan@mvd.example\r\n"
        "ADR;TYPE=work:;;Zhitnaya 16;Moscow;;119049;Russia\r\nLANG;PREF=2:en\r\nLANG;PREF=1:ru\r\n"
        "TZ:Europe/Moscow\r\nPHOTO;ENCODING=b;TYPE=JPEG:" + "QUJD" * 4000 + "\r\n NOTICE\r\n"
        "NOTE:Met at the 2025 Interpol meeting\\, Lyon.\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    plan = contact_io.plan(empty, path)
    assert plan.summary() == "1 contacts in phone.vcf: 1 new, 0 matching, 0 conflicting; 1 new agencies"
    contact_io.apply(empty, plan)
    (ivan,) = catalog.contacts.list(empty)
    assert (ivan.full_name, ivan.name_native, ivan.honorific, ivan.unit) == (
        "Ivan Petrov",
        "Иван Петров",
        "Col.",
        "NCB Interpol",
    )
    assert ivan.role is ContactRole.NCB_OFFICER and ivan.country == "RU"
    assert ivan.preferred_language == "ru" and [s.code for s in ivan.languages] == ["ru", "en"]
    assert set(ivan.channels) == {
        Channel("mobile", "+7-495-1234567"),
        Channel("email", "ivan@mvd.example"),
        Channel("postal", "Zhitnaya 16, Moscow, 119049, Russia"),
    }
    assert ivan.notes == "Met at the 2025 Interpol meeting, Lyon." and ivan.timezone == "Europe/Moscow"
    (agency,) = catalog.agencies.list(empty)
    assert agency.name == "MVD of Russia" and agency.country == "RU" and ivan.agency_id == agency.id


OUTLOOK = (
    "First Name,Middle Name,Last Name,Title,Company,Department,Job Title,Business Street,Business City,"
    "Business Postal Code,Business Country/Region,Business Phone,Mobile Phone,E-mail Address,"
    "E-mail 2 Address,Notes\r\n"
    "Jürgen,,Groß,Dr.,Bundeskriminalamt,SO 1,Prosecutor,Thaerstr. 11,Wiesbaden,65193,Germany,"
    '+49 611 55 0,,j.gross@bka.example,,"two\r\nlines"\r\n'
    "Ana,,Ruiz,,Guardia Civil,,Liaison officer,,,,Spain,,+34 600 000 000,ana@gc.example,,\r\n"
)
GOOGLE = (
    "First Name,Last Name,Name Prefix,Organization Name,Organization Title,E-mail 1 - Label,"
    "E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Formatted,Address 1 - Country,Labels\r\n"
    "Ana,Ruiz,,Guardia Civil,Liaison officer,Work,ana@gc.example,Mobile,+34 600 000 001,,ES,* myContacts\r\n"
)


def test_outlook_and_google_csv(empty: Vault, tmp_path: Path) -> None:
    outlook = tmp_path / "outlook.csv"
    outlook.write_bytes(OUTLOOK.encode("cp1252"))
    with pytest.raises(ImportRejected, match=r"outlook\.csv: line 2 is not valid utf-8 .*--encoding cp1252"):
        contact_io.plan(empty, outlook)
    plan = contact_io.plan(empty, outlook, encoding="cp1252")
    assert [c.card.line for c in plan.items] == [2, 4]
    contact_io.apply(empty, plan)
    gross = next(c for c in catalog.contacts.list(empty) if c.full_name == "Jürgen Groß")
    assert gross.honorific == "Dr." and gross.role is ContactRole.PROSECUTOR and gross.country == "DE"
    assert Channel("postal", "Thaerstr. 11, Wiesbaden, 65193") in gross.channels
    assert gross.notes == "two\nlines"
    google = tmp_path / "google.csv"
    google.write_text(GOOGLE, encoding="utf-8")
    plan = contact_io.plan(empty, google)
    assert plan.unknown_columns == ("E-mail 1 - Label", "Phone 1 - Label", "Labels")
    (item,) = plan.items
    assert item.status is Status.MATCHING and item.conflicts == ()  # same e-mail, nothing disagrees
    result = contact_io.apply(empty, plan)
    assert (result.created, result.merged) == (0, 1)
    ana = next(c for c in catalog.contacts.list(empty) if c.full_name == "Ana Ruiz")
    assert {c.value for c in ana.channels} == {"+34 600 000 000", "ana@gc.example", "+34 600 000 001"}


def test_dry_run_names_conflicts_and_writes_nothing(demo_vault: Vault, tmp_path: Path) -> None:
    contact = catalog.contacts.list(demo_vault)[0]
    email = next(c.value for c in contact.channels if c.kind == "email")
    path = tmp_path / "changed.csv"
    path.write_text(
        "Name,E-mail,Country,Time Zone,Phone\r\n"
        f"{contact.full_name},{email},JP,Asia/Tokyo,+81 3 0000 0000\r\n"
        "Someone New,new@example.org,FR,,\r\n",
        encoding="utf-8",
    )
    before = _counts(demo_vault)
    plan = contact_io.plan(demo_vault, path)
    assert _counts(demo_vault) == before
    first, second = plan.items
    assert first.status is Status.CONFLICTING and first.existing_id == contact.id
    assert set(first.conflicts) == {"country", "timezone"}
    assert second.status is Status.NEW
    contact_io.apply(demo_vault, plan)
    kept = catalog.contacts.get(demo_vault, contact.id)
    assert (kept.country, kept.timezone) == (contact.country, contact.timezone)  # the vault wins
    assert Channel("phone", "+81 3 0000 0000") in kept.channels  # what it lacked is merged in
    contact_io.apply(demo_vault, contact_io.plan(demo_vault, path), replace_conflicts=True)
    replaced = catalog.contacts.get(demo_vault, contact.id)
    assert (replaced.country, replaced.timezone) == ("JP", "Asia/Tokyo")
    actions = [r[0] for r in demo_vault.conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    assert actions.count("contacts.import") == 2


def test_bad_rows_are_listed_with_line_numbers_and_nothing_is_imported(empty: Vault, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "Name,E-mail,Notes\r\n"
        "Good One,good@example.org,fine\r\n"
        "Bad Mail,not-an-address,\r\n"
        ",nobody@example.org,no name\r\n"
        "Esc\x1b[31mape,esc@example.org,\r\n"
        "Tab\tName,tab@example.org,\r\n"
        "C1 Control,c1\x85@example.org,\r\n"
        'Notes Ok,notes@example.org,"tab\tand\nnewline are fine in notes"\r\n',
        encoding="utf-8",
    )
    before = _counts(empty)
    with pytest.raises(ImportRejected) as caught:
        contact_io.plan(empty, path)
    assert caught.value.problems == (
        "line 3: e-mail is not an e-mail address: 'not-an-address'",
        "line 4: the row has no name",
        "line 5: name contains the control character U+001B",
        "line 6: name contains the control character U+0009",
        "line 7: e-mail contains the control character U+0085",
    )
    assert str(caught.value).startswith("bad.csv: 5 rejected row(s), nothing imported; first: line 3:")
    assert _counts(empty) == before


def test_hostile_files(empty: Vault, tmp_path: Path) -> None:
    huge = tmp_path / "huge.vcf"
    huge.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nNOTE:" + b"A" * (50 * 2**20) + b"\r\nEND:VCARD\r\n"
    )
    with pytest.raises(ImportRejected, match=r"line 1: the card is larger than 2 MB"):
        contact_io.plan(empty, huge)
    latin1 = tmp_path / "latin1.vcf"
    latin1.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Müller\r\nEND:VCARD\r\n".encode("latin-1"))
    with pytest.raises(ImportRejected, match=r"line 3 is not valid utf-8 \(byte 0xFC\)"):
        contact_io.plan(empty, latin1)
    cases = {
        "garbage.vcf": (b"\x00\x01PK\x03\x04 not a card", "no vCard in the file|text outside a vCard"),
        "open.vcf": (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Open\r\n", "not closed"),
        "noname.vcf": (b"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:x@example.org\r\nEND:VCARD\r\n", "no name"),
        "empty.csv": (b"", "the file is empty"),
        "nonames.csv": (b"Company,Phone\r\nACME,1\r\n", "no name column"),
    }
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ImportRejected, match=message):
            contact_io.plan(empty, tmp_path / name)
    assert _counts(empty)[:2] == (0, 0)


def test_ten_thousand_contacts_in_one_transaction(empty: Vault, tmp_path: Path) -> None:
    path = tmp_path / "many.vcf"
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i:05d}\r\nORG:Agency {i % 50}\r\n"
            f"EMAIL:p{i}@example.org\r\nTEL:+33 1 00 00 {i:05d}\r\nEND:VCARD\r\n"
            for i in range(10_000)
        ),
        encoding="utf-8",
    )
    plan = contact_io.plan(empty, path)
    assert plan.count(Status.NEW) == 10_000 and len(plan.agencies_to_create) == 50
    result = contact_io.apply(empty, plan)
    assert (result.created, result.agencies_created) == (10_000, 50)
    assert _counts(empty)[:2] == (10_000, 50)


def test_export_one_a_selection_or_all_and_the_qr_payload(demo_vault: Vault, tmp_path: Path) -> None:
    contacts = catalog.contacts.list(demo_vault)
    one, _n = contact_io.export_text(demo_vault, [contacts[0].id[:8]], "vcard")
    assert one.count("BEGIN:VCARD") == 1 and contacts[0].full_name in one
    some, n = contact_io.export_text(demo_vault, [c.id for c in contacts[:3]], "csv")
    assert n == 3 and len(some.strip().splitlines()) == 4
    qr = contact_io.vcard_of(demo_vault, contacts[0].id)
    assert "NOTE" not in qr and qr.startswith("BEGIN:VCARD\r\nVERSION:3.0")
    contact_io.export_to(demo_vault, tmp_path / "all.vcf", None, "vcard")
    (row,) = demo_vault.conn.execute(
        "SELECT detail FROM audit_log WHERE action = 'contacts.export'"
    ).fetchall()
    assert json.loads(row[0])["count"] == len(contacts)


def test_csv_export_defuses_spreadsheet_formulas(empty: Vault, tmp_path: Path) -> None:
    agency = catalog.agencies.add(empty, Agency(name='=HYPERLINK("http://x")'))
    catalog.contacts.add(
        empty,
        Contact(
            full_name="@SUM(A1)",
            agency_id=agency.id,
            channels=(Channel("phone", "+33 1 00"),),
            languages=(LanguageSkill("fr"),),
        ),
    )
    text, _n = contact_io.export_text(empty, None, "csv")
    row = text.splitlines()[1]
    assert row.startswith("'@SUM(A1),") and "'=HYPERLINK" in row and ",+33 1 00," in row
    path = tmp_path / "back.csv"
    path.write_text(text, encoding="utf-8")
    (item,) = contact_io.plan(empty, path).items
    assert item.card.full_name == "@SUM(A1)" and item.status is Status.MATCHING
    assert dataclasses.replace(item.card, line=0).organisation == '=HYPERLINK("http://x")'


def test_imports_refuse_exactly_what_records_refuse() -> None:
    """One core check of control characters and bidi overrides (``liaison.domain.text``) for
    record writes and file imports: the same characters are refused by both, said the same way."""
    from liaison.domain import text
    from liaison.interchange import cards

    for code in [*range(0xA1), 0x200B, 0x202A, 0x202E, 0x2066, 0x2069, 0xFEFF]:
        value = f"Ana{chr(code)}Silva"
        record = text.value_problem("full_name", value)
        try:
            cards.check_text(3, "name", value, name=True)
            imported = None
        except cards.ImportRejected as exc:
            imported = str(exc)
        assert (record is None) == (imported is None), hex(code)
        if record is not None and imported is not None:
            said = record.split("holds ")[1].split(",")[0]  # "the control character U+001B" / "a line break"
            assert said in imported, (record, imported)


VCARD_21 = (
    # As an older Android phone or a SIM export writes it: bare types, quoted-printable UTF-8 with
    # soft line breaks, an unescaped comma, a base64 photo ended by a blank line.
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;Dr.;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
    "ORG:Bundeskriminalamt;SO 11\r\nTITLE:Liaison officer, Europol desk\r\n"
    "TEL;CELL;PREF:+49 170 1234567\r\nTEL;WORK;VOICE:+49 611 55 0\r\n"
    "EMAIL;INTERNET:j.mueller@bka.example\r\n"
    "ADR;WORK;ENCODING=QUOTED-PRINTABLE:;;Thaerstra=C3=9Fe 11;Wiesbaden;;65193;Germany\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Met in Lyon=0D=0ASpeaks French; prefers e-mail, =\r\n"
    "not phone.\r\n"
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n QUJDRA==\r\n\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ruiz;Ana\r\nTEL;HOME:+34 600 000 000\r\nEND:VCARD\r\n"
)


def test_vcard_2_1_from_an_older_phone(empty: Vault, tmp_path: Path) -> None:
    path = tmp_path / "sim.vcf"
    path.write_bytes(VCARD_21.encode("utf-8"))
    plan = contact_io.plan(empty, path)
    assert plan.summary() == "2 contacts in sim.vcf: 2 new, 0 matching, 0 conflicting; 1 new agencies"
    contact_io.apply(empty, plan)
    ana, juergen = sorted(catalog.contacts.list(empty), key=lambda c: c.full_name)
    assert (juergen.full_name, juergen.honorific, juergen.unit) == ("Jürgen Müller", "Dr.", "SO 11")
    assert set(juergen.channels) == {
        Channel("mobile", "+49 170 1234567"),
        Channel("phone", "+49 611 55 0"),
        Channel("email", "j.mueller@bka.example"),
        Channel("postal", "Thaerstraße 11, Wiesbaden, 65193, Germany"),
    }
    assert juergen.notes == "Met in Lyon\nSpeaks French; prefers e-mail, not phone."
    assert juergen.country == "DE"
    assert ana.full_name == "Ana Ruiz" and ana.channels == (Channel("phone", "+34 600 000 000"),)


def test_vcard_2_1_that_does_not_decode_names_its_line(empty: Vault, tmp_path: Path) -> None:
    path = tmp_path / "broken.vcf"
    card = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=FCller\r\n"
    card += b"END:VCARD\r\n"
    path.write_bytes(card)
    with pytest.raises(ImportRejected) as raised:
        contact_io.plan(empty, path)
    assert raised.value.problems == ("line 3: FN is not valid quoted-printable UTF-8 text",)
