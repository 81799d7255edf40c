"""A mistyped invitation code is caught before the server is asked: a character that cannot
appear in a code is named with its group (it used to pass, be spent on the server, and be reported
as a server impersonating the founder), letters people take for digits are read as those digits
where the fingerprint's alphabet allows it, and the invitation still works once retyped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from liaison.errors import ValidationError
from liaison.services.sync import invitation_code, service
from liaison.store import sync_state
from liaison.sync import keys, protocol
from tests.liaison.sync.cli import in_process
from tests.liaison.sync.inprocess import URL, Server, new_vault, space_of
from tests.liaison.sync.servers import ServerProcess

VALID = "ABCD-EFGH-JKMN-0123-4567-89AB-CDEF"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(f"sqlite:///{tmp_path / 'server.db'}")
    yield srv
    srv.close()


def test_the_layout_is_derived_from_the_two_alphabets() -> None:
    assert invitation_code.GROUPS == 7 == (protocol.INVITATION_CHARS + keys.FINGERPRINT_CHARS) // 4
    assert invitation_code.split(VALID) == ("ABCDEFGHJKMN", "0123456789ABCDEF")


@pytest.mark.parametrize(
    ("typo", "position", "char", "group", "hint"),
    [
        ("U", 20, "U", 5, "(groups 4–7 hold only letters and digits, and none of U)"),
        ("u", 33, "u", 7, "none of U)"),
        ("O", 5, "O", 2, "(groups 1–3 hold only letters and digits, and none of 0, 1, I, L, O)"),
        ("0", 0, "0", 1, "none of 0, 1, I, L, O)"),
        ("l", 12, "l", 3, "none of 0, 1, I, L, O)"),
        ("é", 15, "é", 4, "hold only letters and digits"),
        ("!", 31, "!", 7, "hold only letters and digits"),
    ],
)
def test_a_character_outside_the_alphabet_is_named_with_its_group(
    typo: str, position: int, char: str, group: int, hint: str
) -> None:
    code = VALID[:position] + typo + VALID[position + 1 :]
    assert VALID[position] != "-"
    with pytest.raises(ValidationError) as caught:
        invitation_code.split(code)
    message = str(caught.value)
    assert message.startswith(
        f"this code has a character that cannot appear in an invitation code: {char!r} in group {group} ("
    )
    assert hint in message


def test_letters_taken_for_digits_are_read_as_digits_in_the_fingerprint() -> None:
    typed = "abcd efgh jkmn O123 4567 89ab cdef".replace("1", "l")
    assert invitation_code.split(typed) == ("ABCDEFGHJKMN", "0123456789ABCDEF")
    assert invitation_code.split(VALID.replace("0123", "OI23")) == ("ABCDEFGHJKMN", "0123456789ABCDEF")


def test_a_mistyped_code_is_not_spent_and_works_once_retyped(server: Server, tmp_path: Path) -> None:
    (a,) = space_of(server, tmp_path, 1)
    code = service.invite(a, factory=server.factory)["code"]
    laptop = new_vault(tmp_path / "laptop.db")
    mistyped = code[:20] + "U" + code[21:]
    with pytest.raises(ValidationError, match="'U' in group 5"):
        service.join(laptop, URL, mistyped, factory=server.factory)
    assert sync_state.config(laptop) is None
    joined = service.join(laptop, URL, code, name="laptop", factory=server.factory)
    assert joined.status == "pending"


@pytest.mark.loopback
def test_sync_join_on_the_command_line_names_the_bad_character(tmp_path: Path) -> None:
    server = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    try:
        desk, laptop = tmp_path / "desk.db", tmp_path / "laptop.db"
        for vault in (desk, laptop):
            assert in_process(vault, "init").returncode == 0
        assert in_process(desk, "sync", "setup", "--server", server.url, "--name", "desk").returncode == 0
        code = json.loads(in_process(desk, "sync", "invite", "--json").stdout)["code"]
        mistyped = code[:5] + "0" + code[6:]  # a zero where the one-time code has none
        result = in_process(laptop, "sync", "join", server.url, mistyped)
        assert result.returncode == ValidationError.exit_code
        assert result.stderr.count("\n") == 1
        assert "cannot appear in an invitation code: '0' in group 2" in result.stderr
        assert "impersonat" not in result.stderr
        retyped = in_process(laptop, "sync", "join", server.url, code.lower(), "--json")
        assert retyped.returncode == 0, retyped.stderr
        assert json.loads(retyped.stdout)["device_id"]
    finally:
        server.stop()
