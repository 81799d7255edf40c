"""README sentences about the command line that no other test held to: the five actions of every
record command, the plain export and its audit entry, ``info``, where the vault is by default, the
terminal prompt for the passphrase, exit code 130, and the quick start's demo script."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from liaison.cli import main as cli_main
from liaison.store import audit
from liaison.store.vault import unlock
from tests.cli_inprocess import run_cli
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def _env(vault: Path | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "LIAISON_VAULT"}
    if vault is not None:
        env["LIAISON_VAULT"] = str(vault)
    env["LIAISON_PASSPHRASE"] = PASSPHRASE
    env.update(extra)
    return env


def _ok(env: dict[str, str], *args: str) -> str:
    result = run_cli(args, env=env, cwd=ROOT)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def test_agencies_agreements_parties_cases_and_links_have_the_same_five_actions(tmp_path: Path) -> None:
    """README: "`agencies ...`, `agreements ...`, `parties ...`, `cases ...`, `links ...` | the
    same five actions" (add, list, show, edit, delete), and `--handling TLP:RED`."""
    env = _env(tmp_path / "v.db")
    _ok(env, "init")
    agency = _ok(env, "agencies", "add", "--name", "Police judiciaire", "--country", "FR").strip()
    agreement = _ok(env, "agreements", "add", "--title", "Treaty X", "--kind", "bilateral_mlat").strip()
    party = _ok(env, "parties", "add", "--agreement-id", agreement[:8], "--country", "FR").strip()
    case = _ok(env, "cases", "add", "--reference", "OP-1", "--title", "T", "--handling", "TLP:RED").strip()
    ends = ("--a-kind", "case", "--a-id", case, "--b-kind", "agreement", "--b-id", agreement)
    link = _ok(env, "links", "add", *ends).strip()
    records = {"agencies": agency, "agreements": agreement, "parties": party, "cases": case, "links": link}
    for command, record_id in records.items():
        listed = json.loads(_ok(env, command, "list", "--json"))
        assert [r["id"] for r in listed] == [record_id], command
        shown = json.loads(_ok(env, command, "show", record_id[:8], "--json"))
        assert shown["id"] == record_id
        _ok(env, command, "edit", record_id[:8], "--handling", "TLP:GREEN")
        assert json.loads(_ok(env, command, "show", record_id, "--json"))["handling"] == "TLP:GREEN"
    assert json.loads(_ok(env, "cases", "show", case, "--json"))["handling"] == "TLP:GREEN"
    for command in ("links", "parties", "cases", "agreements", "agencies"):
        _ok(env, command, "delete", records[command][:8])
        assert json.loads(_ok(env, command, "list", "--json")) == []


def test_export_writes_every_record_kind_as_plain_json_and_audits_its_sha256(tmp_path: Path) -> None:
    """README: "`export -o FILE` | plain JSON export of everything (audited with the file's SHA-256)"."""
    vault_path = tmp_path / "v.db"
    env = _env(vault_path)
    _ok(env, "init")
    _ok(env, "contacts", "add", "--full-name", "Jürgen Weiß", "--country", "DE")
    out = tmp_path / "out.json"
    exported = run_cli(["export", "-o", str(out)], env=env, cwd=ROOT)
    assert exported.returncode == 0, exported.stderr
    said = exported.stdout + exported.stderr
    data = json.loads(out.read_text(encoding="utf-8"))  # plain: no key needed
    for kind in ("agencies", "contacts", "agreements", "parties", "cases", "notes", "links", "mla_requests"):
        assert kind in data
    assert [c["full_name"] for c in data["contacts"]] == ["Jürgen Weiß"]
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert digest in said and "NOT encrypted" in said
    vault = unlock(vault_path, PASSPHRASE)
    try:
        details = [e.detail for e in audit.entries(vault) if e.action.endswith("export")]
    finally:
        vault.close()
    assert any(digest in json.dumps(d) for d in details), details


def test_info_shows_the_vault_location_and_its_key_derivation(tmp_path: Path) -> None:
    env = _env(tmp_path / "v.db")
    _ok(env, "init")
    info = _ok(env, "info")
    assert str(tmp_path / "v.db") in info and "argon2id" in info


def test_the_vault_defaults_to_liaison_vault_else_the_user_data_folder(tmp_path: Path) -> None:
    """README: "The vault defaults to `$LIAISON_VAULT`, else `vault.db` in the user data folder
    (`~/.local/share/Liaison/` on Linux)"."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in _env(None, HOME=str(home)).items() if k != "XDG_DATA_HOME"}
    _ok(env, "init")
    assert (home / ".local" / "share" / "Liaison" / "vault.db").is_file()
    chosen = tmp_path / "chosen.db"
    _ok({**env, "LIAISON_VAULT": str(chosen)}, "init")
    assert chosen.is_file()
    assert str(chosen) in _ok({**env, "LIAISON_VAULT": str(chosen)}, "info")


def test_the_passphrase_is_asked_on_the_terminal(tmp_path: Path) -> None:
    """README: "The passphrase is asked on the terminal" (no LIAISON_PASSPHRASE): a real process
    on a pseudo-terminal, which reads the prompt and types the passphrase."""
    vault = tmp_path / "v.db"
    _ok(_env(vault), "init")
    env = {k: v for k, v in _env(vault).items() if k != "LIAISON_PASSPHRASE"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the CLI with the pty as its controlling terminal
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "tests.fast_cli", "info"], env)
    seen = b""
    typed = False
    deadline = time.monotonic() + 120  # a hang guard, not a timing assertion
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
        if not typed and b"Vault passphrase: " in seen:
            os.write(fd, PASSPHRASE.encode("utf-8") + b"\n")
            typed = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert typed, seen
    assert os.waitstatus_to_exitcode(status) == 0, seen
    assert PASSPHRASE.encode("utf-8") not in seen  # not echoed
    assert str(vault).encode() in seen


def test_an_interrupted_command_exits_130_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """README: "130 interrupted" (Ctrl+C during a command)."""
    from liaison.cli import vault_commands

    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(vault_commands, "cmd_info", interrupted)
    assert cli_main.main(["--vault", str(tmp_path / "v.db"), "info"]) == 130
    assert capsys.readouterr().err == "liaison: interrupted\n"


def test_make_run_and_make_test_run_the_two_readme_scripts() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "run:\n\t./scripts/run.sh" in makefile and "test:\n\t./scripts/test.sh" in makefile
    assert "./scripts/run-demo.sh" in (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")


def test_the_demo_script_without_a_display_shows_the_vault_with_the_command_line(tmp_path: Path) -> None:
    """README quick start: the demo vault (passphrase `demo passphrase`, invented data) with the
    small test packs installed beside it (`demo/translation`); headless, the command line shows
    it. (`scripts/run.sh` is bootstrap + this script; its default vault is `demo/vault.db`.)"""
    assert 'vault="${1:-demo/vault.db}"' in (ROOT / "scripts" / "run-demo.sh").read_text(encoding="utf-8")
    vault = tmp_path / "demo" / "vault.db"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LIAISON_PASSPHRASE", "LIAISON_VAULT")
        and not k.startswith("LIAISON_TRANSLATION")
    }
    done = subprocess.run(
        [str(ROOT / "scripts" / "run-demo.sh"), str(vault)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "FULL_NAME" in done.stdout and "TITLE" in done.stdout  # contacts, agreements, cases tables
    packs = sorted(p.name for p in (tmp_path / "demo" / "translation").iterdir())
    assert packs, "the test packs are installed beside the demo vault"
    unlock(vault, "demo passphrase").close()


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def _options(parser: argparse.ArgumentParser) -> set[str]:
    names = set(parser._option_string_actions)
    for sub in _subparsers(parser).values():
        names |= _options(sub)
    return names


def test_every_command_and_option_in_the_readme_table_exists() -> None:
    """The README's command table (first column) names only commands, subcommands and options
    that the real parser has."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| command | what it does |", 1)[1].split("\n\n", 1)[0]
    commands = _subparsers(cli_main.build_parser())
    checked = 0
    for row in table.splitlines()[2:]:
        first_cell = re.split(r"(?<!\\)\|", row.strip("|"))[0]
        for usage in re.findall(r"`([^`]+)`", first_cell):
            tokens = usage.replace("\\|", "|").replace("[", " ").replace("]", " ").split()
            top = commands.get(tokens[0])
            assert top is not None, f"README names a command the CLI lacks: {tokens[0]}"
            subs = _subparsers(top)
            options = _options(top)
            for position, token in enumerate(tokens[1:], start=1):
                for index, piece in enumerate(token.split("|")):
                    if piece.startswith("-"):
                        assert piece in options, f"{usage}: no option {piece}"
                        checked += 1
                    elif subs and (position == 1 or index > 0) and re.fullmatch(r"[a-z][a-z0-9-]*", piece):
                        assert piece in subs, f"{usage}: no subcommand {piece}"
                        checked += 1
    assert checked > 60


def test_every_list_and_search_prints_json_on_request() -> None:
    """README: "Lists and search print `--json` on request" (every `list` subcommand and `search`)."""
    commands = _subparsers(cli_main.build_parser())
    lists = {name: sub["list"] for name, top in commands.items() if "list" in (sub := _subparsers(top))}
    assert {"contacts", "agencies", "agreements", "parties", "cases", "links", "notes", "packs"} <= set(lists)
    for name, parser in {**lists, "search": commands["search"]}.items():
        assert "--json" in parser._option_string_actions, name
