"""What every stored record shares: identity, timestamps and a handling label."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Handling(enum.StrEnum):
    """Traffic Light Protocol 2.0: how far information from or about a record may travel."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"


@dataclass(frozen=True, kw_only=True)
class Record:
    id: str = ""
    created_at: str = ""
    updated_at: str = ""
    handling: Handling = Handling.AMBER
