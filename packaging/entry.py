"""PyInstaller's entry script: the bundled ``liaison`` executable is the same launcher as the
installed command (the desktop app with no arguments, the CLI with a command)."""

import multiprocessing
import sys

from ui.launcher import main

if __name__ == "__main__":
    # PDF pages are read in worker processes (liaison.documents_in.pdf_worker): a frozen executable
    # must answer as the worker when started as one.
    multiprocessing.freeze_support()
    sys.exit(main())
