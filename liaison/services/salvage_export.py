"""Writing what salvage read from a damaged vault: plain JSON, owner-only, every table raw."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from liaison.crypto.atomic import atomic_write_bytes
from liaison.errors import ValidationError


def write(found: Any, destination: Path) -> int:
    """Write the salvage document; returns the number of rows saved."""
    if not destination.name:
        raise ValidationError("give a file name for the salvaged data")
    document = {
        "format": "liaison-salvage",
        "version": 1,
        "unreadable_pages": found.unreadable_pages,
        "lost_rows": found.lost,
        "tables": found.tables,
    }
    atomic_write_bytes(destination, json.dumps(document, ensure_ascii=False, indent=1).encode())
    return sum(len(rows) for rows in found.tables.values())
