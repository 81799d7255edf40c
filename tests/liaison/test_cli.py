"""The command line end to end, as a script would drive it: output, JSON, exit codes, errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from liaison.cli.main import build_parser
from tests.cli_inprocess import run_cli
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).parents[2]


def _environment(vault: Path, passphrase: str | None, env: dict[str, str]) -> dict[str, str]:
    environment = {**os.environ, "LIAISON_VAULT": str(vault)}
    if passphrase is not None:
        environment["LIAISON_PASSPHRASE"] = passphrase
    environment.update(env)
    return environment


def run(
    vault: Path, *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess[str]:
    """``liaison ARGS`` on ``vault``, run in this process (``tests.cli_inprocess``)."""
    return run_cli(args, env=_environment(vault, passphrase, env), cwd=ROOT)


def run_process(
    vault: Path, *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess[str]:
    """``liaison ARGS`` as a real child process: for tests about processes (locks held by another
    program, what a child's environment holds)."""
    environment = _environment(vault, passphrase, env)
    return subprocess.run(
        [sys.executable, "-m", "tests.fast_cli", *args],
        capture_output=True,
        check=False,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def cli_vault(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "cli.db"
    result = run(path, "init")
    assert result.returncode == 0, result.stderr
    code = re.search(r"([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})", result.stdout)
    assert code, result.stdout
    return path, code.group(1)


def _error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_contact_lifecycle(cli_vault: tuple[Path, str]) -> None:
    path, _ = cli_vault
    agency = run(path, "agencies", "add", "--name", "Bundeskriminalamt", "--country", "DE").stdout.strip()
    added = run(
        path,
        "contacts",
        "add",
        "--full-name",
        "Jürgen Weiß",
        "--agency",
        agency[:8],
        "--country",
        "DE",
        "--languages",
        "de",
        "--languages",
        "en:spoken",
        "--channels",
        "email:jw@example.org",
        "--channels",
        "siena:DE-BKA-SO:secure",
        "--timezone",
        "Europe/Berlin",
        "--trust-level",
        "met_in_person",
        "--verified-on",
        "2025-06-01",
    )
    assert added.returncode == 0, added.stderr
    contact_id = added.stdout.strip()
    listed = json.loads(run(path, "contacts", "list", "--json", "--language", "en").stdout)
    assert [c["full_name"] for c in listed] == ["Jürgen Weiß"]
    assert listed[0]["channels"][1] == {"kind": "siena", "value": "DE-BKA-SO", "secure": True}
    assert run(path, "contacts", "edit", contact_id[:8], "--unit", "SO 41").returncode == 0
    shown = json.loads(run(path, "contacts", "show", contact_id, "--json").stdout)
    assert shown["unit"] == "SO 41" and shown["agency_id"] == agency
    table = run(path, "contacts", "list").stdout
    assert "Jürgen Weiß" in table and "FULL_NAME" in table
    hits = json.loads(run(path, "search", "weiss", "--json").stdout)
    assert hits and hits[0]["record_id"] == contact_id
    assert "still used" in _error_line(run(path, "agencies", "delete", agency))
    assert run(path, "contacts", "delete", contact_id[:8]).returncode == 0
    assert json.loads(run(path, "contacts", "list", "--json").stdout) == []


def test_cases_and_notes(cli_vault: tuple[Path, str]) -> None:
    path, _ = cli_vault
    case = run(
        path,
        "cases",
        "add",
        "--reference",
        "OP-TEST 2026/001",
        "--title",
        "Test case",
        "--countries",
        "FR",
        "--countries",
        "ES",
    ).stdout.strip()
    note = run(
        path, "notes", "add", case[:8], "--title", "Call", "--text", "Asked for bank records"
    ).stdout.strip()
    assert run(path, "notes", "edit", note[:8], "--text", "Bank records promised").returncode == 0
    history = json.loads(run(path, "notes", "history", note, "--json").stdout)
    assert [h["body"] for h in history] == ["Asked for bank records", "Bank records promised"]
    listed = json.loads(run(path, "notes", "list", case, "--json").stdout)
    assert listed[0]["revision"] == 2
    assert run(path, "audit", "verify").stdout.startswith("Audit log intact")


def test_passwd_and_recover(cli_vault: tuple[Path, str]) -> None:
    path, code = cli_vault
    assert run(path, "passwd", LIAISON_NEW_PASSPHRASE="second passphrase!").returncode == 0
    assert run(path, "contacts", "list", passphrase="second passphrase!").returncode == 0
    recovered = run(
        path,
        "recover",
        passphrase=None,
        LIAISON_RECOVERY_CODE=code,
        LIAISON_NEW_PASSPHRASE="third passphrase!!",
    )
    assert recovered.returncode == 0, recovered.stderr
    assert "no longer works" in recovered.stdout
    assert run(path, "contacts", "list", passphrase="third passphrase!!").returncode == 0
    reused = run(
        path,
        "recover",
        passphrase=None,
        LIAISON_RECOVERY_CODE=code,
        LIAISON_NEW_PASSPHRASE="fourth passphrase",
    )
    assert "wrong recovery code" in _error_line(reused) and reused.returncode == 4
    new_code = re.search(r"([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})", recovered.stdout)
    assert new_code and new_code.group(1) != code
    again = run(
        path,
        "recover",
        passphrase=None,
        LIAISON_RECOVERY_CODE=new_code.group(1),
        LIAISON_NEW_PASSPHRASE="fourth passphrase",
    )
    assert again.returncode == 0, again.stderr


def test_plain_passwd_says_what_it_does_not_protect(cli_vault: tuple[Path, str]) -> None:
    path, _ = cli_vault
    result = run(path, "passwd", LIAISON_NEW_PASSPHRASE="second passphrase!")
    assert result.returncode == 0, result.stderr
    assert "database key is unchanged" in result.stdout and "passwd --rekey" in result.stdout


def test_passwd_rekey_and_recovery_code_rotation(cli_vault: tuple[Path, str]) -> None:
    path, code = cli_vault
    old_keys = path.with_name(path.name + ".keys").read_bytes()
    rekeyed = run(path, "passwd", "--rekey", LIAISON_NEW_PASSPHRASE="second passphrase!")
    assert rekeyed.returncode == 0, rekeyed.stderr
    assert "new key" in rekeyed.stdout
    rotated = run(path, "recovery-code", "rotate", passphrase="second passphrase!")
    assert rotated.returncode == 0, rotated.stderr
    codes = re.findall(r"([0-9A-Z]{4}(?:-[0-9A-Z]{4}){7})", rekeyed.stdout + rotated.stdout)
    assert len(codes) == 2 and code not in codes
    for stale in (code, codes[0]):
        result = run(
            path,
            "recover",
            passphrase=None,
            LIAISON_RECOVERY_CODE=stale,
            LIAISON_NEW_PASSPHRASE="fresh granite lantern",
        )
        assert result.returncode == 4, result.stderr
    path.with_name(path.name + ".keys").write_bytes(old_keys)  # an old copy of the key file
    stolen = run(path, "contacts", "list")
    assert stolen.returncode == 5 and "cannot be decrypted" in stolen.stderr.strip().splitlines()[-1]


def test_the_fast_test_kdf_is_out_of_reach_of_users(tmp_path: Path) -> None:
    """Neither an option nor a leftover environment variable makes ``liaison`` write a weak slot."""
    import json as json_module

    path = tmp_path / "real.db"
    environment = {
        **os.environ,
        "LIAISON_VAULT": str(path),
        "LIAISON_PASSPHRASE": PASSPHRASE,
        "LIAISON_KDF_PROFILE": "insecure-fast-for-tests",
    }
    option = subprocess.run(
        [sys.executable, "-m", "liaison", "init", "--kdf-profile", "insecure-fast-for-tests"],
        capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120, check=False,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert option.returncode == 2 and not path.exists()
    created = subprocess.run(
        [sys.executable, "-m", "liaison", "init"],
        capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120, check=False,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    header = json_module.loads(path.with_name(path.name + ".keys").read_text())
    slot = next(s for s in header["slots"] if s["kind"] == "passphrase")
    assert slot["kdf"]["memory_kib"] >= 64 * 1024 and slot["kdf"]["time_cost"] >= 3


@pytest.mark.parametrize(
    ("args", "env", "code", "message"),
    [
        (("contacts", "list"), {"LIAISON_PASSPHRASE": "wrong passphrase"}, 4, "wrong passphrase"),
        (("contacts", "show", "deadbeef"), {}, 3, "no contact"),
        (("contacts", "add", "--full-name", "X", "--country", "France"), {}, 6, "country"),
        (
            ("recover",),
            {
                "LIAISON_RECOVERY_CODE": "0000-0000-0000-0000-0000-0000-0000-0000",
                "LIAISON_NEW_PASSPHRASE": "whatever long enough",
            },
            4,
            "wrong recovery code",
        ),
        (("init",), {}, 1, "already exists"),
        (("passwd",), {"LIAISON_NEW_PASSPHRASE": "short"}, 6, "at least 10"),
        (("passwd",), {"LIAISON_NEW_PASSPHRASE": "password12"}, 6, "too easy to guess"),
        (("passwd",), {"LIAISON_NEW_PASSPHRASE": "abcabcabcabcabc"}, 6, "repeats such as aaa"),
    ],
)
def test_user_errors_are_one_line(
    cli_vault: tuple[Path, str], args: tuple[str, ...], env: dict[str, str], code: int, message: str
) -> None:
    path, _ = cli_vault
    result = run(path, *args, **env)
    assert message in _error_line(result)
    assert result.returncode == code


def test_missing_vault_and_no_terminal(tmp_path: Path) -> None:
    missing = run(tmp_path / "none.db", "contacts", "list")
    assert "liaison init" in _error_line(missing) and missing.returncode == 3
    no_tty = run(tmp_path / "none.db", "init", passphrase=None)
    assert "LIAISON_PASSPHRASE" in _error_line(no_tty)


def test_corrupt_vault_is_a_one_line_error(cli_vault: tuple[Path, str]) -> None:
    path, _ = cli_vault
    path.write_bytes(path.read_bytes()[:-10])
    result = run(path, "contacts", "list")
    assert "damaged" in _error_line(result) and result.returncode == 5


def _subcommand_paths() -> list[list[str]]:
    import argparse

    paths: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, prefix: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    paths.append([*prefix, name])
                    walk(sub, [*prefix, name])

    walk(build_parser(), [])
    return paths


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    from liaison.cli.main import main

    paths = _subcommand_paths()
    assert ["contacts", "add"] in paths and ["audit", "verify"] in paths and ["demo"] in paths
    with pytest.raises(SystemExit) as done:
        main(["contacts", "add", "--help"])
    assert done.value.code == 0
    assert "usage: liaison contacts add" in capsys.readouterr().out
    parser = build_parser()  # what main() builds for each command; once here, not once per path
    for path in paths:
        with pytest.raises(SystemExit) as done:
            parser.parse_args([*path, "--help"])
        assert done.value.code == 0
        assert f"usage: liaison {' '.join(path)}" in capsys.readouterr().out


def test_init_refuses_a_weak_passphrase_with_the_reason(tmp_path: Path) -> None:
    """The desktop app's rule (zxcvbn score 3 or more), applied by the core for the CLI too."""
    path = tmp_path / "weak.db"
    result = run(path, "init", passphrase="password12")
    assert result.returncode == 6
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "too easy to guess" in result.stderr and "most used passwords" in result.stderr
    assert not path.exists()
    assert run(path, "init", passphrase="granite lantern orbit 1987").returncode == 0
