"""Which devices' keys to believe: those whose certificate chains to a device this vault trusts.

A vault trusts itself; a vault that joined trusts the space's founder on first use (its
certificate is self-signed) and from then on only devices certified by trusted devices. A server
that invents a device cannot certify it, so its change sets are refused.
"""

from __future__ import annotations

import datetime as dt

from liaison.store import sync_state
from liaison.store.vault import Vault
from liaison.sync import keys
from liaison.sync.client import RemoteDevice


def _certified(d: RemoteDevice, by: RemoteDevice | sync_state.KnownDevice, space_id: str) -> bool:
    if d.cert is None:
        return False
    message = keys.cert_message(space_id, d.id, d.name, d.signing_public, d.exchange_public)
    return keys.verify(by.signing_public, d.cert, message)


def _seen(stamp: float) -> str:
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat(timespec="seconds") if stamp else ""


def refresh(vault: Vault, space_id: str, remote: list[RemoteDevice]) -> dict[str, sync_state.KnownDevice]:
    """Record every remote device whose certificate verifies; returns the trusted set."""
    trusted = sync_state.devices(vault)
    by_id = {d.id: d for d in remote}
    if not any(d.status != "pending" for d in trusted.values() if d.device_id != vault.device_id):
        for d in remote:  # trust on first use: the founder, self-certified
            if d.certified_by == d.id and _certified(d, d, space_id) and d.id not in trusted:
                trusted[d.id] = _known(d)
    changed = True
    while changed:
        changed = False
        for d in remote:
            certifier = trusted.get(d.certified_by or "")
            if d.id in trusted or certifier is None:
                continue
            if _certified(d, certifier, space_id):
                trusted[d.id] = _known(d)
                changed = True
    for device_id, known in trusted.items():
        current = by_id.get(device_id)
        if current is None:
            continue
        if current.signing_public != known.signing_public:
            continue  # a server cannot swap a trusted device's key
        sync_state.upsert_device(vault, _known(current))
    return sync_state.devices(vault)


def _known(d: RemoteDevice) -> sync_state.KnownDevice:
    return sync_state.KnownDevice(
        d.id, d.name, d.signing_public, d.exchange_public, d.status, 0, _seen(d.last_seen)
    )
