"""Turns between a long background writer (a sync applying groups of change sets) and the short
writes of other threads of the same process (a save in the app's window), on one vault file.

SQLite lets one connection write at a time; one that finds the file locked waits in SQLite's busy
handler, which sleeps between its tries (up to 100 ms at a time). A sync that starts its next group
microseconds after each commit therefore kept a save waiting for about a second
(``bench/sync_ui.py``): the save's tries kept missing the moment the lock was free. With turns, a
writer that would wait says so and sleeps on a condition the group's end wakes at once, and the
background writer lets such waiting writers begin before its next group. Every wait is bounded, so
a writer never waits here longer than it would have waited in SQLite (it then goes on to SQLite's
own busy handling, exactly as without turns).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path


class WriteTurn:
    """The turn state of one vault file in this process."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._group = False  # a background writer's group is being applied
        self._owner = 0  # the thread applying it (its own BEGIN does not wait for itself)
        self._waiting = 0  # short writers waiting for that group to end

    @contextlib.contextmanager
    def group(self) -> Iterator[None]:
        """Around one group of the background writer (its transaction, commit included)."""
        with self._cond:
            self._group, self._owner = True, threading.get_ident()
        try:
            yield
        finally:
            with self._cond:
                self._group, self._owner = False, 0
                self._cond.notify_all()

    @contextlib.contextmanager
    def short_write(self, timeout: float) -> Iterator[None]:
        """Around a short writer's BEGIN: waits (at most ``timeout``) for a group in progress."""
        if self._owner == threading.get_ident():
            yield
            return
        with self._cond:
            self._waiting += 1
            self._cond.wait_for(lambda: not self._group, timeout)
        try:
            yield
        finally:
            with self._cond:
                self._waiting -= 1
                self._cond.notify_all()

    def let_others_in(self, timeout: float) -> None:
        """Between two groups: until every waiting short writer has begun (at most ``timeout``)."""
        with self._cond:
            self._cond.wait_for(lambda: self._waiting == 0, timeout)


_turns: dict[str, WriteTurn] = {}
_turns_lock = threading.Lock()


def of(path: Path) -> WriteTurn:
    """The turn state of the vault file at ``path`` (one per file per process)."""
    key = os.path.realpath(path)
    with _turns_lock:
        turn = _turns.get(key)
        if turn is None:
            turn = _turns[key] = WriteTurn()
        return turn
