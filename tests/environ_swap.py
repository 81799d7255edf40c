"""Giving an in-process command its own environment and putting ours back, touching only the
variables that differ.

The helpers used to empty ``os.environ`` and fill it again around every command. Each ``setenv``
may reallocate the C ``environ`` array while another thread of the process reads it (``getenv`` in
Qt, SQLCipher, OpenSSL, a sync thread an app test left running): under load that crashed the test
process ("Fatal Python error: Segmentation fault"). Changing only what differs makes no call at
all for the variables both sides share.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping


def apply(wanted: Mapping[str, str | None]) -> None:
    """Set each variable to its value (``None``: unset), skipping those already right."""
    for name, value in wanted.items():
        if value is None:
            if name in os.environ:
                del os.environ[name]
        elif os.environ.get(name) != value:
            os.environ[name] = value


@contextlib.contextmanager
def swapped(env: Mapping[str, str], *, only: bool = False) -> Iterator[None]:
    """``env`` added to the environment (``only``: and nothing else in it) for the block."""
    saved = dict(os.environ)
    wanted: dict[str, str | None] = dict(env)
    if only:
        wanted.update({name: None for name in saved if name not in env})
    apply(wanted)
    try:
        yield
    finally:
        back: dict[str, str | None] = {name: None for name in os.environ if name not in saved}
        back.update(saved)
        apply(back)
