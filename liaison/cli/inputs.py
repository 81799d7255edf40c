"""Reading what the user hands a command: text files or standard input, and output file names.

Every failure is a ``ValidationError`` naming the file and the problem, never a decoding traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from liaison.errors import ValidationError

STDIN = "-"


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
            "convert it to UTF-8 first"
        ) from None


def read_text(source: str) -> str:
    """The UTF-8 text of a file, or of standard input for ``-``."""
    if source == STDIN:
        return _decode(sys.stdin.buffer.read(), "standard input")
    if not source:
        raise ValidationError("give a file name to read from (or - for standard input)")
    return _decode(Path(source).read_bytes(), source)


def output_file(text: str) -> str:
    """argparse type for ``-o FILE``: a file name, not nothing and not a folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the output file name is empty")
    path = Path(text).expanduser()
    if path.is_dir() or text.endswith(("/", "\\")):
        raise argparse.ArgumentTypeError(f"{text!r} is a folder: give a file name")
    return text
