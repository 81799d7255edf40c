"""``python -m tests.fast_cli ARGS``: the ``liaison`` command line with the fast test KDF.

The insecure profile cannot be reached from the real command line or the environment (a leftover
variable must never create a weak production vault); the test suite's subprocesses enable it here,
in code that ships only with the tests.
"""

import sys

from liaison.crypto import kdf

kdf.allow_insecure_test_profile()

from liaison.cli.main import main  # noqa: E402 - after the switch, like the real entry point

if __name__ == "__main__":  # a PDF reader worker imports this module again: it must not run the CLI
    sys.exit(main())
