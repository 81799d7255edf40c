"""Hybrid logical clock: wall-clock milliseconds plus a counter, so ordering survives clock skew.

Timestamps are fixed-width strings ``"<ms:15>.<counter:06>"`` so text order is time order, in SQL too.
Ties between devices are broken by device id where the ops are compared.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def format_hlc(millis: int, counter: int) -> str:
    return f"{millis:015d}.{counter:06d}"


def parse_hlc(stamp: str) -> tuple[int, int]:
    millis, counter = stamp.split(".")
    return int(millis), int(counter)


class HybridClock:
    def __init__(self, last: str | None = None, wall: Callable[[], int] | None = None) -> None:
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._millis, self._counter = parse_hlc(last) if last else (0, 0)

    def now(self) -> str:
        """A stamp greater than every stamp issued or observed before."""
        wall = self._wall()
        if wall > self._millis:
            self._millis, self._counter = wall, 0
        else:
            self._counter += 1
        return format_hlc(self._millis, self._counter)

    @property
    def millis(self) -> int:
        """The wall-clock part of the highest stamp issued or observed so far."""
        return self._millis

    def observe(self, remote: str) -> None:
        """Move past a stamp seen from another device (used when sync applies remote ops)."""
        millis, counter = parse_hlc(remote)
        self._millis, self._counter = max((self._millis, self._counter), (millis, counter))
