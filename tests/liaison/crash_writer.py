"""Writes notes in a loop and prints each id once its transaction has committed.

Run by test_crash.py, which kills this process with SIGKILL at a random moment.
"""

from __future__ import annotations

import sys
from pathlib import Path

from liaison.crypto import kdf

kdf.allow_insecure_test_profile()  # the test's vault uses the fast KDF: no re-wrap to production

from liaison.domain import Case, Note  # noqa: E402
from liaison.store import notes, records  # noqa: E402
from liaison.store.vault import unlock  # noqa: E402


def main() -> None:
    path, passphrase = Path(sys.argv[1]), sys.argv[2]
    vault = unlock(path, passphrase)
    case = records.find(vault, Case)[0]
    print("ready", flush=True)
    counter = 0
    while True:
        counter += 1
        batch = 1 if counter % 3 else 5
        with vault.transaction():
            ids = [
                notes.add(vault, Note(case_id=case.id, body=f"note {counter}.{i} " * 40)).id
                for i in range(batch)
            ]
        for note_id in ids:
            print(note_id, flush=True)


if __name__ == "__main__":
    main()
