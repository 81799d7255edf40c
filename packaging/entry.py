"""PyInstaller's entry script: the bundled ``liaison`` executable is the same launcher as the
installed command (the desktop app with no arguments, the CLI with a command)."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
