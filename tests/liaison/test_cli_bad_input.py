"""Bad input to the command line: one specific line on stderr, a documented exit code, no traceback.

Each case here was seen to print a traceback (or 26 lines of usage) before the fix.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from liaison.cli.main import main
from liaison.crypto import keyslots
from liaison.store.vault import header_path
from tests.conftest import PASSPHRASE
from tests.liaison.test_cli import _error_line, cli_vault, run

__all__ = ["cli_vault"]  # the fixture, imported for use here


@pytest.mark.parametrize(
    "argv",
    [
        ["contacts", "add"],  # a required option missing: argparse printed the whole usage
        ["bogus-command"],
        ["contacts", "list", "--json", "--no-such-option"],
        ["search", "x", "--limit", "many"],
        ["contacts", "add", "--full-name", "A", "--verified-on", "yesterday"],
        ["notes", "add", "case", "--text", "a", "--file", "f"],
        ["contacts", "add", "--full-name", "A", "line\nbreak\x1b]0;title\x07"],
    ],
)
def test_usage_errors_are_one_line(tmp_path: Path, argv: list[str]) -> None:
    result = run(tmp_path / "none.db", *argv)
    assert result.returncode == 2
    line = _error_line(result)
    assert line.startswith("liaison: error: ") and "--help" in line
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_invalid_utf8_in_note_file_and_stdin(cli_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = cli_vault
    case = run(path, "cases", "add", "--reference", "C-1", "--title", "t").stdout.strip()
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Müller à Paris".encode("latin-1"))
    result = run(path, "notes", "add", case, "--file", str(bad))
    assert result.returncode == 6
    assert "not UTF-8 text" in _error_line(result)
    import subprocess
    import sys

    piped = subprocess.run(
        [sys.executable, "-m", "tests.fast_cli", "notes", "add", case, "--file", "-"],
        input=b"\xff\xfe\x00bad",
        capture_output=True,
        env={**os.environ, "LIAISON_VAULT": str(path), "LIAISON_PASSPHRASE": PASSPHRASE},
        timeout=120,
        check=False,
    )
    assert piped.returncode == 6
    assert piped.stderr.decode().count("\n") == 1 and b"standard input is not UTF-8" in piped.stderr
    assert run(path, "notes", "list", case, "--json").stdout.strip() == "[]"  # nothing half-written


def test_invalid_utf8_in_translate_file(tmp_path: Path) -> None:
    bad = tmp_path / "text.txt"
    bad.write_bytes(b"caf\xe9")
    result = run(
        tmp_path / "v.db", "translate", "--from", "fr", "--to", "en", "--no-memory", "--file", str(bad)
    )
    assert result.returncode == 6
    assert "not UTF-8 text (byte 0xe9 at offset 3)" in _error_line(result)


def test_deeply_nested_request_json(cli_vault: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = cli_vault
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result = run(path, "mla", "new", "--json", str(deep))
    assert result.returncode == 6
    assert "nested more than" in _error_line(result)
    nested = tmp_path / "nested.json"
    nested.write_text('{"facts": "x", "persons": ' + "[" * 80 + "]" * 80 + "}")  # parses, too deep
    assert run(path, "mla", "new", "--json", str(nested)).returncode == 6


def _rewrite_header(db: Path, change: object) -> None:
    """Edit the key header as an attacker or a broken tool would, with a valid checksum."""
    path = header_path(db)
    document = json.loads(path.read_text())
    document.pop("checksum")
    change(document)  # type: ignore[operator]
    body = json.dumps({**document, "checksum": keyslots._checksum(document)})
    path.write_text(body.replace("Infinity", "1e999"))  # json reads 1e999 as inf


def _slot(document: dict[str, object]) -> dict[str, object]:
    slots = document["slots"]
    assert isinstance(slots, list)
    return next(s for s in slots if s["kind"] == "passphrase")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: _slot(d).update(nonce="AAAA"), "3-byte nonce"),
        (lambda d: _slot(d)["kdf"].pop("salt"), "no salt"),
        (lambda d: _slot(d)["kdf"].update(time_cost=float("inf")), "not a whole number"),
        (lambda d: _slot(d)["kdf"].update(time_cost=3.0), "not a whole number"),
        (lambda d: _slot(d)["kdf"].pop("memory_kib"), "lacks the key-derivation parameter"),
        (lambda d: _slot(d).update(wrapped_key="AAAA"), "wrapped key"),
    ],
)
def test_malformed_key_header_fields(cli_vault: tuple[Path, str], change: object, expected: str) -> None:
    path, _ = cli_vault
    _rewrite_header(path, change)
    result = run(path, "contacts", "list")
    assert result.returncode == 5
    assert expected in _error_line(result)


def test_deeply_nested_key_header(cli_vault: tuple[Path, str]) -> None:
    path, _ = cli_vault
    header_path(path).write_text("[" * 100_000 + "]" * 100_000)
    result = run(path, "contacts", "list")
    assert result.returncode == 5
    assert "damaged (not valid JSON)" in _error_line(result)


def test_unknown_document_language(tmp_path: Path) -> None:
    for argv in (
        ["mla", "export", "REF", "--lang", "xx", "-o", str(tmp_path / "r.pdf")],
        ["mla", "export", "REF", "--lang", "fr", "--bilingual", "tlh", "-o", str(tmp_path / "r.pdf")],
    ):
        result = run(tmp_path / "v.db", *argv)
        assert result.returncode == 2
        assert "no document language" in _error_line(result)


@pytest.mark.parametrize("target", ["", "   ", "DIR"])
def test_export_to_no_file_name(cli_vault: tuple[Path, str], tmp_path: Path, target: str) -> None:
    path, _ = cli_vault
    target = str(tmp_path) if target == "DIR" else target
    result = run(path, "export", "-o", target)
    assert result.returncode == 2
    assert "--output" in _error_line(result)


def test_audit_list_json(cli_vault: tuple[Path, str]) -> None:
    path, _ = cli_vault
    result = run(path, "audit", "list", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert [e["action"] for e in entries][-2:] == ["vault.unlock", "vault.open"]
    assert isinstance(entries[0]["detail"], dict)


def test_sqlcipher_prints_nothing_of_its_own(cli_vault: tuple[Path, str]) -> None:
    path, _ = cli_vault
    with path.open("r+b") as handle:  # damage the first page: SQLCipher logged 3 ERROR CORE lines
        handle.seek(200)
        handle.write(os.urandom(64))
    result = run(path, "contacts", "list")
    assert result.returncode == 5
    assert "ERROR CORE" not in result.stderr
    assert "cannot be decrypted" in _error_line(result)


def test_last_resort_handler(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from liaison.cli import vault_commands

    def broken(_args: object) -> int:
        raise RuntimeError("Jürgen Weiß, informant (secret)")

    monkeypatch.setattr(vault_commands, "cmd_info", broken)
    monkeypatch.delenv("LIAISON_DEBUG", raising=False)
    assert main(["--vault", str(tmp_path / "v.db"), "info"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unexpected RuntimeError" in err and "LIAISON_DEBUG=1" in err and "Jürgen" not in err
    monkeypatch.setenv("LIAISON_DEBUG", "1")
    assert main(["--vault", str(tmp_path / "v.db"), "info"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "Jürgen" in err


def test_passphrase_leaves_the_environment(
    vault: object, vault_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LIAISON_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("LIAISON_NEW_PASSPHRASE", "another passphrase")
    vault.close()  # type: ignore[attr-defined]
    assert main(["--vault", str(vault_path), "info"]) == 0
    assert "LIAISON_PASSPHRASE" not in os.environ and "LIAISON_NEW_PASSPHRASE" not in os.environ
    assert vault_path.name in capsys.readouterr().out


def test_child_tools_get_a_minimal_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pdftotext is run as a real process; a stand-in of the same name records what it was given."""
    from liaison.documents import pdfcheck

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    dump = tmp_path / "env.txt"
    tool = bin_dir / "pdftotext"
    tool.write_text(f"#!/bin/sh\nenv > {dump}\n")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("LIAISON_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SOME_TOKEN", "s3cr3t")
    pdfcheck.extract_text(tmp_path / "any.pdf")
    seen = dump.read_text()
    assert "LIAISON_PASSPHRASE" not in seen and "s3cr3t" not in seen and PASSPHRASE not in seen
    assert "PATH=" in seen and "LC_ALL=C.UTF-8" in seen


def test_readme_lists_every_exit_code() -> None:
    import re

    from liaison import errors
    from liaison.cli.main import EXIT_CODES

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    listed = readme[readme.index("Exit codes:") :].split("Every error")[0]
    assert {int(n) for n in re.findall(r"(\d+) [`a-zA-Z]", listed)} == set(EXIT_CODES)
    declared = {
        cls.exit_code for cls in vars(errors).values() if isinstance(cls, type) and hasattr(cls, "exit_code")
    }
    assert declared <= set(EXIT_CODES)


def test_terminal_gets_escapes_not_control_sequences(cli_vault: tuple[Path, str]) -> None:
    """Stored text printed to a real terminal (a pty) cannot retitle it, recolour it or reorder it."""
    import pty
    import subprocess
    import sys

    path, _ = cli_vault
    case = run(path, "cases", "add", "--reference", "C-9", "--title", "t").stdout.strip()
    body = "line one\n\x1b]0;pwned\x07\x1b[2J\u202etxt.exe\x9b31m"
    note = run(path, "notes", "add", case, "--text", body).stdout.strip()
    assert run(path, "notes", "show", note, "--json").stdout.count("\\u001b") == 2  # stored as given
    master, slave = pty.openpty()
    env = {**os.environ, "LIAISON_VAULT": str(path), "LIAISON_PASSPHRASE": PASSPHRASE}
    proc = subprocess.run(
        [sys.executable, "-m", "tests.fast_cli", "notes", "show", note],
        stdout=slave,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=120,
        check=False,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    shown = b"".join(chunks).decode()
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown and "\x9b" not in shown
    assert "\\x1b]0;pwned\\x07" in shown and "\\u202etxt.exe" in shown and "\\x9b31m" in shown


def test_every_error_class_exit_code_has_one_documented_meaning() -> None:
    """A script must tell a refused export from a revoked device by the exit code alone."""
    import importlib
    import pkgutil

    import liaison
    from liaison.cli.main import EXIT_CODES
    from liaison.errors import LiaisonError

    for module in pkgutil.walk_packages(liaison.__path__, "liaison."):
        # __main__ runs the CLI; Alembic's env scripts only run inside Alembic.
        if not module.name.endswith("__main__") and ".migrations." not in module.name:
            importlib.import_module(module.name)

    def subclasses(cls: type) -> set[type]:
        found = set(cls.__subclasses__())
        for sub in list(found):
            found |= subclasses(sub)
        return found

    families: dict[int, set[str]] = {}
    for cls in subclasses(LiaisonError):
        code = getattr(cls, "exit_code", None)
        assert code in EXIT_CODES, f"{cls.__module__}.{cls.__name__} exits {code}, not documented"
        families.setdefault(code, set()).add(cls.__module__.split(".")[1])
    assert all(";" not in meaning for meaning in EXIT_CODES.values())
    from liaison import errors
    from liaison.services import mla_export
    from liaison.translation import index

    sync_codes = {
        errors.SyncUnavailable.exit_code,
        errors.DeviceRevoked.exit_code,
        errors.SyncIntegrityError.exit_code,
        errors.SyncError.exit_code,
    }
    others = {mla_export.ExportRefused.exit_code, index.OfflineError.exit_code, 11}
    assert sync_codes.isdisjoint(others) and len(sync_codes) == 4
