"""Store-thread reading for the Conflicts page: each open conflict with the record's title, both
values (formatted on the GUI thread by ``value_text``) and the names of the devices that wrote
them (nothing Qt here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from liaison.errors import LiaisonError
from liaison.store import records, sync_apply, sync_state
from liaison.store.registry import ENTITIES
from liaison.store.vault import Vault
from liaison.sync import merge


@dataclass(frozen=True)
class ConflictRow:
    id: str
    kind: str
    record_id: str
    title: str
    field: str
    reason: str  # "field", "note" or "deleted"
    value: Any  # the edit that lost (or that a delete did not see), JSON-shaped (``value_text``)
    by: str
    at: dt.datetime | None  # UTC; the page shows it in the interface language's format
    current: Any  # None when deleted
    current_by: str
    current_at: dt.datetime | None


def _when(hlc: str) -> dt.datetime | None:
    if not hlc:
        return None
    return dt.datetime.fromtimestamp(merge.millis_of(hlc) / 1000, dt.UTC)


def _title(vault: Vault, kind: str, record_id: str) -> str:
    spec = ENTITIES.get(kind)
    if spec is None or spec.search is None:
        return ""
    try:
        record = records.get(vault, spec.cls, record_id)
    except LiaisonError:
        return ""  # deleted: the page says so
    return spec.search(record)[0]


def load(vault: Vault) -> list[ConflictRow]:
    names = {d.device_id: d.name for d in sync_state.devices(vault).values()}

    def who(device_id: str) -> str:
        return names.get(device_id, device_id[:8])

    return [
        ConflictRow(
            c.id,
            c.kind,
            c.record_id,
            _title(vault, c.kind, c.record_id),
            c.field,
            c.reason,
            c.value,
            who(c.device_id),
            _when(c.hlc),
            c.current,
            who(c.current_device) if c.current_device else "",
            _when(c.current_hlc),
        )
        for c in sync_apply.conflicts(vault)
    ]


def keep(vault: Vault, conflict_id: str, edit: bool) -> str | None:
    """``edit``: keep the conflicting edit (restore a deleted record); else keep what is current."""
    return sync_apply.resolve(vault, conflict_id, edit)
