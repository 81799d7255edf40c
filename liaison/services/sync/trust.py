"""Which devices' keys to believe: those whose certificate chains to a device this vault trusts.

A vault trusts itself; a vault that joined trusts the space's founder (its certificate is
self-signed) when its keys match the fingerprint in the invitation code, and from then on only
devices certified by trusted devices. A server that invents a device cannot certify it, and one
that presents its own founder does not match the code: either way its change sets are refused.
"""

from __future__ import annotations

import datetime as dt

from liaison.errors import N_, SyncIntegrityError, ValidationError
from liaison.services.sync import invitation_code
from liaison.store import sync_state
from liaison.store.vault import Vault
from liaison.sync import keys
from liaison.sync.client import RemoteDevice


def _certified(d: RemoteDevice, by: RemoteDevice | sync_state.KnownDevice, space_id: str) -> bool:
    if d.cert is None:
        return False
    message = keys.cert_message(space_id, d.id, d.name, d.signing_public, d.exchange_public)
    return keys.verify(by.signing_public, d.cert, message)


def seen_text(stamp: float) -> str:
    """When a device was last seen, as the devices list shows it (ISO 8601, UTC; "" for never)."""
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat(timespec="seconds") if stamp else ""


# A typed fingerprint this close to the founder's is a typing slip, not a server's forgery: keys
# whose fingerprint falls within two characters of a given one take about 2^63 hashes to find.
_SLIP_CHARS = 2
# By how many groups the slip shows: one, or two.
SLIP = (
    N_(
        "the invitation code does not match the space's founding device in group {group}: it was "
        "mistyped. Nothing was stored, but the server counts the invitation as used: ask for a new "
        "one and copy it exactly (or paste the whole invitation line)"
    ),
    N_(
        "the invitation code does not match the space's founding device in groups {group} and "
        "{other_group}: it was mistyped. Nothing was stored, but the server counts the invitation "
        "as used: ask for a new one and copy it exactly (or paste the whole invitation line)"
    ),
)


def find_founder(remote: list[RemoteDevice], space_id: str, fingerprint: str) -> RemoteDevice:
    """The self-certified device whose keys match the invitation's fingerprint.

    When none does but one comes within ``_SLIP_CHARS`` characters, the code was mistyped, and
    the officer is told which group to check rather than warned of an impersonating server."""
    founders = [d for d in remote if d.certified_by == d.id and _certified(d, d, space_id)]
    for d in founders:
        if _fingerprint(d) == fingerprint:
            return d
    for d in founders:
        actual = _fingerprint(d)
        if sum(a != b for a, b in zip(fingerprint, actual, strict=True)) <= _SLIP_CHARS:
            groups = invitation_code.differing_groups(fingerprint, actual)
            raise ValidationError.of(SLIP[len(groups) - 1], group=groups[0], other_group=groups[-1])
    raise SyncIntegrityError.of(
        N_(
            "the server does not show the founding device named in the invitation code: it may be "
            "impersonating it; do not use this server, and ask the inviting officer"
        )
    )


def _fingerprint(d: RemoteDevice) -> str:
    return keys.founder_fingerprint(d.id, d.signing_public, d.exchange_public)


def refresh(vault: Vault, space_id: str, remote: list[RemoteDevice]) -> dict[str, sync_state.KnownDevice]:
    """Record every remote device whose certificate verifies; returns the trusted set."""
    trusted = sync_state.devices(vault)
    by_id = {d.id: d for d in remote}
    if sync_state.founder(vault) is None:
        _legacy_first_use(vault, space_id, remote, trusted)
    changed = True
    while changed:
        changed = False
        for d in remote:
            certifier = trusted.get(d.certified_by or "")
            if d.id in trusted or certifier is None:
                continue
            if _certified(d, certifier, space_id):
                trusted[d.id] = known_device(d)
                changed = True
    for device_id, known in trusted.items():
        current = by_id.get(device_id)
        if current is None:
            continue
        if current.signing_public != known.signing_public:
            continue  # a server cannot swap a trusted device's key
        sync_state.upsert_device(vault, known_device(current))
    return sync_state.devices(vault)


def _legacy_first_use(
    vault: Vault, space_id: str, remote: list[RemoteDevice], trusted: dict[str, sync_state.KnownDevice]
) -> None:
    """A vault that joined before invitations named the founder trusts it on first use, as it
    did then; and every such vault learns which trusted device is the founder (for invitations)."""
    if not any(d.status != "pending" for d in trusted.values() if d.device_id != vault.device_id):
        for d in remote:
            if d.certified_by == d.id and _certified(d, d, space_id) and d.id not in trusted:
                trusted[d.id] = known_device(d)
    for d in remote:
        known = trusted.get(d.id)
        if (
            d.certified_by == d.id
            and known is not None
            and known.signing_public == d.signing_public
            and _certified(d, d, space_id)
        ):
            sync_state.set_founder(vault, d.id)


def known_device(d: RemoteDevice) -> sync_state.KnownDevice:
    """What this vault stores of a device it trusts: call only once its certificate verified
    (``refresh``) or its keys matched the invitation's fingerprint (``find_founder``)."""
    return sync_state.KnownDevice(
        d.id, d.name, d.signing_public, d.exchange_public, d.status, 0, seen_text(d.last_seen)
    )
