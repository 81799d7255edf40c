"""A crash (SIGKILL at a random moment) never loses a write that was reported committed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from liaison.domain import Case, Note
from liaison.store import audit, records
from liaison.store.vault import Vault, unlock
from tests.conftest import PASSPHRASE

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = 25


def _kill_writer_at_random(vault_path: Path, rng: random.Random) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(vault_path), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.strip() == "ready", proc.stderr.read() if proc.stderr else first
    time.sleep(rng.uniform(0.0, 0.25))
    proc.send_signal(signal.SIGKILL)
    out, _err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # A line cut by the kill is incomplete and was never "reported"; drop it.
    return [line for line in out.split("\n")[:-1] if line]


def test_sigkill_never_loses_committed_writes(vault_path: Path, vault: Vault) -> None:
    records.insert(vault, Case(reference="CRASH-1", title="crash test"))
    vault.close()
    rng = random.Random(20261129)
    reported: set[str] = set()
    for _ in range(ROUNDS):
        reported.update(_kill_writer_at_random(vault_path, rng))
        with unlock(vault_path, PASSPHRASE) as reopened:  # runs the integrity checks
            stored = {n.id for n in records.find(reopened, Note)}
            missing = reported - stored
            assert not missing, f"{len(missing)} committed notes lost"
            audit.verify(reopened)
    assert len(reported) > ROUNDS  # the writer really wrote between kills
