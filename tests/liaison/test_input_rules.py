"""What stored text may hold, on every way in: the CLI, request JSON files, glossary imports.

Before: ANSI/OSC escapes in names were stored and printed raw, "QQ" passed as a country, and two
cases could share a reference (after which neither could be found by it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liaison.domain import Case, Contact
from liaison.errors import ConflictError, ValidationError
from liaison.services import catalog
from liaison.store import migrations, references
from liaison.store.vault import Vault, unlock
from tests.conftest import PASSPHRASE
from tests.liaison.test_cli import _error_line, cli_vault, run

__all__ = ["cli_vault"]

ESCAPES = ["\x1b]0;owned\x07", "\x1b[31mred", "tab\there", "line\nbreak", "c1\x9bcsi", "del\x7f", "nul\x00"]


@pytest.mark.parametrize("bad", ESCAPES)
def test_single_line_fields_refuse_controls(vault: Vault, bad: str) -> None:
    with pytest.raises(ValidationError, match="one line of text without control characters"):
        catalog.contacts.add(vault, Contact(full_name=f"Anna {bad}"))
    with pytest.raises(ValidationError, match="control"):
        catalog.cases.add(vault, Case(reference=f"R-{bad}", title="t"))
    assert catalog.contacts.list(vault) == []


def test_nested_single_line_fields_and_edits(vault: Vault) -> None:
    from liaison.domain import Channel

    with pytest.raises(ValidationError, match="value must be one line"):
        catalog.contacts.add(vault, Contact(full_name="A", channels=(Channel("phone", "+33\x1b[8m1"),)))
    contact = catalog.contacts.add(vault, Contact(full_name="Anna"))
    with pytest.raises(ValidationError, match="unit must be one line"):
        catalog.contacts.edit(vault, contact.id, {"unit": "Unit\x1b[2J"})
    assert catalog.contacts.get(vault, contact.id).unit == ""


def test_free_text_keeps_what_was_pasted(vault: Vault) -> None:
    text = "First line\nSecond\tcolumn\x0bWord line break\x0cnext page"
    contact = catalog.contacts.add(vault, Contact(full_name="Anna", notes=text))
    assert catalog.contacts.get(vault, contact.id).notes == text


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2066", "\u2069", "\u202a"])
def test_bidi_overrides_in_names_are_flagged(vault: Vault, control: str) -> None:
    with pytest.raises(ValidationError, match=f"bidirectional control U\\+{ord(control):04X}"):
        catalog.contacts.add(vault, Contact(full_name=f"Ahmed {control}fdp.exe"))
    arabic = catalog.contacts.add(vault, Contact(full_name="أحمد بن علي", name_native="أحمد \u200fبن علي"))
    assert arabic.full_name == "أحمد بن علي"  # implicit bidi and marks are fine


def test_cli_and_json_import_paths(cli_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = cli_vault
    result = run(path, "contacts", "add", "--full-name", "Evil\x1b]2;title\x07")
    assert result.returncode == 6
    assert "full name must be one line" in _error_line(result)
    assert "\x1b" not in result.stderr
    request = tmp_path / "request.json"
    request.write_text(json.dumps({"persons": [{"surname": "Doe\x1b[31m", "role": "suspect"}]}))
    result = run(path, "mla", "new", "--json", str(request))
    assert result.returncode == 6
    assert "surname must be one line" in _error_line(result)
    glossary = tmp_path / "terms.csv"
    glossary.write_text("term,translation\ncommission rogatoire,letter of request\x1b[0m\n")
    result = run(path, "glossary", "import", str(glossary), "--from", "fr", "--to", "en")
    assert result.returncode == 6
    assert "translation must be one line" in _error_line(result)
    assert run(path, "glossary", "list", "--json").stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["contacts", "add", "--full-name", "A", "--country", "QQ"], "'QQ' is not an ISO 3166 country code"),
        (["contacts", "add", "--full-name", "A", "--country", "ZZ"], "'ZZ' is not an ISO 3166"),
        (["contacts", "add", "--full-name", "A", "--languages", "xq"], "'xq' is not an ISO 639"),
        (["contacts", "add", "--full-name", "A", "--preferred-language", "und"], "'und' is not an ISO 639"),
        (
            ["cases", "add", "--reference", "R", "--title", "t", "--countries", "UK"],
            "'UK' is not an ISO 3166",
        ),
        (["mla", "new", "--requested-state", "XY"], "'XY' is not an ISO 3166"),
    ],
)
def test_country_and_language_codes_are_real(
    cli_vault: tuple[Path, str], argv: list[str], message: str
) -> None:
    path, _ = cli_vault
    result = run(path, *argv)
    assert result.returncode == 6
    assert message in _error_line(result)


def test_real_codes_pass(vault: Vault) -> None:
    for country in ("FR", "DE", "GB", "MA", "CN", "XK", "EU"):
        catalog.contacts.add(vault, Contact(full_name=f"In {country}", country=country))
    from liaison.domain import LanguageSkill

    for code in ("fr", "de", "ar", "zh", "pt", "ru", "es", "nl", "uk", "yue"):
        catalog.contacts.add(vault, Contact(full_name=f"Speaks {code}", languages=(LanguageSkill(code),)))


def test_case_references_are_unique(cli_vault: tuple[Path, str]) -> None:
    path, _ = cli_vault
    assert run(path, "cases", "add", "--reference", "NL-2026/7", "--title", "first").returncode == 0
    again = run(path, "cases", "add", "--reference", "NL-2026/7", "--title", "second")
    assert again.returncode == 7
    assert "already has the reference 'NL-2026/7'" in _error_line(again)
    other = run(path, "cases", "add", "--reference", "NL-2026/8", "--title", "other").stdout.strip()
    edit = run(path, "cases", "edit", other, "--reference", "NL-2026/7")
    assert edit.returncode == 7
    shown = run(path, "cases", "show", "NL-2026/7", "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["title"] == "first"


def test_request_references_are_unique(cli_vault: tuple[Path, str]) -> None:
    path, _ = cli_vault
    assert run(path, "mla", "new", "--our-reference", "MLA-1").returncode == 0
    assert run(path, "mla", "new").returncode == 0  # drafts without a reference yet are fine
    assert run(path, "mla", "new").returncode == 0
    again = run(path, "mla", "new", "--our-reference", "MLA-1")
    assert again.returncode == 7
    assert "another request already has the reference 'MLA-1'" in _error_line(again)


def _back_to_before_0008(conn: object) -> None:
    """The schema as a vault written before migration 0008 had it (and the later ones undone)."""
    statements = ["DROP INDEX cases_reference", "DROP INDEX mla_requests_our_reference"]
    statements += ["DROP TRIGGER tm_match_keys_deleted", "DROP TRIGGER tm_match_keys_changed"]
    statements.append("DROP TABLE tm_match_keys")
    for table, column, _kind in references.SCOPED:
        statements += [f"DROP INDEX {table}_{column}_unique", f"DROP TRIGGER {table}_scope_insert"]
        statements += [f"DROP TRIGGER {table}_scope_update", f"DROP TRIGGER {table}_scope_op"]
        statements.append(f"ALTER TABLE {table} DROP COLUMN reference_scope")
    for statement in statements:
        conn.execute(statement)  # type: ignore[attr-defined]
    names = [m.name for m in migrations.MIGRATIONS[7:]]
    marks = ", ".join("?" for _ in names)
    conn.execute(f"DELETE FROM schema_migrations WHERE name IN ({marks})", names)  # type: ignore[attr-defined]
    conn.execute("PRAGMA user_version = 7")  # type: ignore[attr-defined]


def test_migration_renames_existing_duplicates(vault: Vault, vault_path: Path) -> None:
    catalog.cases.add(vault, Case(reference="DUP-1", title="oldest"))
    conn = vault.conn
    _back_to_before_0008(conn)
    oldest = catalog.cases.get(vault, "DUP-1")
    for title in ("second", "third"):
        conn.execute(
            "INSERT INTO cases SELECT ?, created_at || ?, updated_at, handling, reference, ?, summary, "
            "status, opened_on, closed_on, countries, offences FROM cases WHERE id = ?",
            (f"id-{title}-000000", title, title, oldest.id),
        )
    vault.close()
    reopened = unlock(vault_path, PASSPHRASE)
    try:
        references = {c.title: c.reference for c in catalog.cases.list(reopened)}
        assert references == {
            "oldest": "DUP-1",
            "second": "DUP-1 (duplicate 2)",
            "third": "DUP-1 (duplicate 3)",
        }
        assert catalog.cases.get(reopened, "DUP-1").title == "oldest"
        ops = reopened.conn.execute(
            "SELECT value FROM ops WHERE record_id = 'id-third-000000' AND field = 'reference'"
        ).fetchall()
        assert ops == [('"DUP-1 (duplicate 3)"',)]
        with pytest.raises(ConflictError):
            catalog.cases.add(reopened, Case(reference="DUP-1", title="fourth"))
    finally:
        reopened.close()


def test_same_reference_from_two_devices_is_kept_and_named(vault: Vault) -> None:
    """Sync may bring a second case with a reference already here (both made offline): both are
    kept (no UNIQUE index to break sync), and a lookup by that reference says what to do."""
    from liaison.errors import RecordNotFound

    first = catalog.cases.add(vault, Case(reference="NL-9", title="ours"))
    vault.conn.execute(  # as sync writes it: the other device's op first, then the row
        "INSERT INTO ops(op_id, hlc, device_id, kind, record_id, field, value) VALUES "
        "('op-remote-1', '0000000000001-0000', 'other-device', 'case', 'remote-case-0000000001', "
        "'reference', '\"NL-9\"')"
    )
    vault.conn.execute(
        "INSERT INTO cases SELECT 'remote-case-0000000001', created_at, updated_at, handling, reference, "
        "'theirs', summary, status, opened_on, closed_on, countries, offences, '' FROM cases WHERE id = ?",
        (first.id,),
    )
    with pytest.raises(RecordNotFound, match=r"several case records have the reference 'NL-9'.*give the id"):
        catalog.cases.get(vault, "NL-9")
    assert catalog.cases.get(vault, "remote-case-0000000001").title == "theirs"
