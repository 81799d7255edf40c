"""Property-based fuzzing of the command line with the classes of bad input seen in the field.

Random argument vectors and file contents (control and escape characters, bidi overrides, invalid
UTF-8, deeply nested JSON, unknown codes, empty and folder paths, unknown options) are run through
the real ``liaison`` command line (``main(argv)``, in this process: starting an interpreter per
example cost 0.8 s of CPU each, see ``tests/cli_inprocess.py``) against one vault. Every run must
exit with a documented code and print at most one line on stderr (never a traceback), and at the
end every record that existed or was reported created is still there and the audit chain
verifies. The number of examples follows the Hypothesis profile (tests/conftest.py): 50 by
default, 1,000 with LIAISON_HYPOTHESIS_PROFILE=thorough.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liaison.cli.main import EXIT_CODES
from liaison.domain import Case, Contact
from liaison.services import catalog
from liaison.store import audit
from liaison.store.vault import unlock
from tests.cli_inprocess import run_cli_bytes
from tests.conftest import PASSPHRASE
from tests.liaison.test_cli import run

pytestmark = pytest.mark.slow

NASTY = [
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "\x9b31m",
    "\u202egnp.exe",
    "\u2066x\u2069",
    "\r\n",
    "\t",
    "\x7f",
    "-",
    "--",
    "",
    " ",
    "%s%n",
    "../../etc/passwd",
    "é" * 300,
    "QQ",
    "xx",
    "FR",
    "de",
    "0" * 40,
]
# Text an argument can hold: anything but NUL (the OS refuses it in argv) and lone surrogates.
ARG_TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40),
)
FILE_BYTES = st.one_of(
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"\xff\xfe\x00bad",
            "Müller".encode("latin-1"),
            b"[" * 50_000 + b"]" * 50_000,
            b'{"persons": ' + b"[" * 100 + b"]" * 100 + b"}",
            b'{"facts": "\x1b]0;x\x07", "persons": [{"surname": "Doe\x1b[31m"}]}',
            b'{"requested_state": "QQ", "language": "xx"}',
            b'{"unknown_field": 1}',
            b"term,translation\ncommission rogatoire,letter\x1b[0m\n",
            b"",
        ]
    ),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@st.composite
def argv_and_file(draw: st.DrawFn) -> tuple[list[str], bytes | None]:
    """One command line from a family of commands, its free parts drawn from the bad classes."""
    t = lambda: draw(ARG_TEXT)  # noqa: E731
    code = lambda: draw(st.one_of(st.sampled_from(["FR", "de", "QQ", "xx", "und", "ZZ"]), ARG_TEXT))  # noqa: E731
    out = lambda: draw(st.sampled_from(["", " ", "OUTDIR", "OUTDIR/", "OUTDIR/out.bin"]))  # noqa: E731
    family = draw(st.integers(0, 13))
    commands: list[list[str]] = [
        ["contacts", "add", "--full-name", t(), "--country", code(), "--languages", code()],
        ["cases", "add", "--reference", t(), "--title", t(), "--countries", code()],
        ["notes", "add", "CASE", "--file", "FILE", "--title", t()],
        ["mla", "new", "--json", "FILE"],
        ["translate", "--from", code(), "--to", code(), "--no-memory", "--file", "FILE"],
        ["search", t()],
        ["export", "-o", out()],
        ["audit", "list", "--json", "--limit", t()],
        ["mla", "export", t(), "--lang", code(), "-o", out()],
        ["contacts", "show", t()],
        ["glossary", "import", "FILE", "--from", code(), "--to", code()],
        ["contacts", "list", "--country", code(), "--json"],
        ["contacts", "edit", "CONTACT", "--unit", t(), "--full-name", t()],
        draw(
            st.lists(
                st.one_of(st.sampled_from(["contacts", "add", "--json", "-o", "mla", "notes"]), ARG_TEXT)
            )
        ),
    ]
    argv = commands[family]
    content = draw(FILE_BYTES) if "FILE" in argv else None
    return argv, content


@pytest.fixture(scope="module")
def fuzz_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    assert run(path, "init").returncode == 0
    vault = unlock(path, PASSPHRASE)
    try:
        case = catalog.cases.add(vault, Case(reference="FUZZ-1", title="Fuzzed case"))
        contact = catalog.contacts.add(vault, Contact(full_name="Kept Contact", country="FR"))
    finally:
        vault.close()
    yield path, {"CASE": case.id, "CONTACT": contact.id}


CREATED: list[str] = []
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@settings(
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(case=argv_and_file())
def test_cli_fuzz(
    fuzz_vault: tuple[Path, dict[str, str]], tmp_path: Path, case: tuple[list[str], bytes | None]
) -> None:
    path, ids = fuzz_vault
    argv, content = case
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    (work / "OUTDIR").mkdir(exist_ok=True)
    data_file = work / "input.dat"
    if content is not None:
        data_file.write_bytes(content)
    resolved = [
        str(data_file) if a == "FILE" else ids.get(a, str(work / a) if a.startswith("OUTDIR") else a)
        for a in argv
    ]
    result = run_cli_bytes(
        ["--vault", str(path), *resolved],
        env={**os.environ, "LIAISON_PASSPHRASE": PASSPHRASE},
        cwd=work,
    )
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode in EXIT_CODES, (argv, result.returncode, stderr)
    assert "Traceback" not in stderr, (argv, stderr)
    assert len(stderr.splitlines()) <= 1, (argv, stderr)
    assert "\x1b" not in stderr, (argv, stderr)
    if result.returncode != 0:
        assert stderr.startswith("liaison: error: ") or stderr == "liaison: interrupted\n", (argv, stderr)
    printed = result.stdout.decode("utf-8", "replace").strip()
    if result.returncode == 0 and _ID.match(printed) and argv[1:2] in (["add"], ["new"]):
        CREATED.append(printed)


def test_no_record_lost(fuzz_vault: tuple[Path, dict[str, str]]) -> None:
    """Runs after the fuzzing (file order): every seeded or created record is still there."""
    path, ids = fuzz_vault
    vault = unlock(path, PASSPHRASE)
    try:
        assert catalog.cases.get(vault, ids["CASE"]).reference == "FUZZ-1"
        assert catalog.contacts.get(vault, ids["CONTACT"]).id == ids["CONTACT"]
        tables = ("cases", "contacts", "notes", "mla_requests", "glossary_terms")
        present = {row[0] for table in tables for row in vault.conn.execute(f"SELECT id FROM {table}")}
        assert set(CREATED) <= present
        assert audit.verify(vault) > 0
    finally:
        vault.close()
