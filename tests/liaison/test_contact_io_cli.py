"""``liaison contacts import|export`` as an officer types them."""

from __future__ import annotations

from pathlib import Path

from tests.liaison.test_cli import cli_vault, run

__all__ = ["cli_vault"]


def test_import_dry_run_then_import_then_export(cli_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _code = cli_vault
    card = tmp_path / "colleague.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Claire Vautrin\r\nORG:OFAC\r\nEMAIL:claire@ofac.example\r\n"
        "X-LIAISON-COUNTRY:FR\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    dry = run(path, "contacts", "import", str(card), "--dry-run", "-v")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "1 contacts in colleague.vcf: 1 new, 0 matching, 0 conflicting; 1 new agencies",
        "  new agency: OFAC",
        "  line 1: new: Claire Vautrin",
        "dry run: nothing imported",
    ]
    assert run(path, "contacts", "list").stdout.count("\n") <= 1
    done = run(path, "contacts", "import", str(card))
    assert done.stdout.splitlines()[-1] == "imported: 1 new, 0 merged, 0 unchanged, 1 agencies created"
    again = run(path, "contacts", "import", str(card))
    assert again.stdout.splitlines()[-1] == "imported: 0 new, 0 merged, 1 unchanged, 0 agencies created"
    exported = run(path, "contacts", "export", "--vcard", "--version", "4.0")
    assert (
        exported.returncode == 0
        and "VERSION:4.0" in exported.stdout
        and "FN:Claire Vautrin" in exported.stdout
    )
    out = tmp_path / "out.csv"
    written = run(path, "contacts", "export", "--csv", "-o", str(out))
    assert written.stdout.strip() == f"exported 1 contacts to {out}"
    assert "Claire Vautrin,,,OFAC," in out.read_text(encoding="utf-8")


def test_rejected_file_lists_rows_then_one_error_line(cli_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _code = cli_vault
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Name,Email\r\nOk,ok@example.org\r\nBell\x07,b@example.org\r\nX,nope\r\n", encoding="utf-8"
    )
    result = run(path, "contacts", "import", str(bad))
    assert result.returncode == 6
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "bad.csv: line 3: name contains the control character U+0007",
        "bad.csv: line 4: e-mail is not an e-mail address: 'nope'",
        "liaison: error: bad.csv: 2 rejected row(s), nothing imported; first: line 3: name contains the "
        "control character U+0007",
    ]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Name\r\nMüller\r\n".encode("latin-1"))
    broken = run(path, "contacts", "import", str(latin))
    assert broken.returncode == 6
    assert broken.stderr.strip() == (
        "liaison: error: latin.csv: line 2 is not valid utf-8 (byte 0xFC) "
        "(Outlook writes Windows-1252: try --encoding cp1252)"
    )
    assert run(path, "contacts", "import", str(latin), "--encoding", "cp1252").returncode == 0
