"""Turns between a background writer applying groups (the app's sync thread) and a short write of
another thread on the same vault file (a save in the window): the save goes in between two groups,
instead of starving in SQLite's busy handler while the groups follow each other (bench/sync_ui.py
measured saves of about a second before)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from liaison.domain import Contact
from liaison.services import catalog
from liaison.store import write_turn
from liaison.store.vault import Vault, unlock
from tests.conftest import PASSPHRASE


def test_a_save_goes_in_between_two_groups_of_a_background_writer(vault: Vault, vault_path: Path) -> None:
    background = unlock(vault_path, PASSPHRASE)
    turn = write_turn.of(vault_path)
    started = threading.Event()
    group_spans: list[tuple[float, float]] = []
    errors: list[BaseException] = []

    def groups() -> None:  # as the sync engine applies pulled change sets
        try:
            for n in range(4):
                with turn.group():
                    with background.transaction():
                        begun = time.monotonic()
                        catalog.contacts.add(background, Contact(full_name=f"synced {n}"))
                        started.set()
                        time.sleep(0.3)
                    group_spans.append((begun, time.monotonic()))
                turn.let_others_in(1.0)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    worker = threading.Thread(target=groups)
    t0 = time.monotonic()
    worker.start()
    try:
        assert started.wait(10)
        catalog.contacts.add(vault, Contact(full_name="saved in the window"))
        saved = time.monotonic()
    finally:
        worker.join()
        background.close()
    assert errors == []
    # in right after the first group (its commit came before the second group's BEGIN)
    first_end, second_end = group_spans[0][1], group_spans[1][1]
    assert first_end <= saved < second_end, (saved - t0, group_spans)
    assert saved - first_end < 0.2, (saved - t0, group_spans)
    assert time.monotonic() - t0 < 4  # the groups' own transactions never waited for themselves
    names = {c.full_name for c in catalog.contacts.list(vault)}
    assert {"saved in the window", "synced 0", "synced 3"} <= names


def test_waits_are_bounded_when_a_group_never_ends(tmp_path: Path) -> None:
    """A short writer waits at most its timeout for a group, then goes on (to SQLite's own busy
    handling, as without turns); the background writer waits at most its timeout for it."""
    turn = write_turn.WriteTurn()
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with turn.group():
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(10)
    t = time.monotonic()
    with turn.short_write(0.2):
        waited = time.monotonic() - t
    release.set()
    holder.join()
    assert 0.15 <= waited < 2
    t = time.monotonic()
    turn.let_others_in(0.2)  # nobody waits: returns at once
    assert time.monotonic() - t < 0.1
    assert write_turn.of(tmp_path / "v.db") is write_turn.of(tmp_path / "." / "v.db")
