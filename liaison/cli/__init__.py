"""The ``liaison`` command line: every core capability, scriptable, with one-line errors."""
