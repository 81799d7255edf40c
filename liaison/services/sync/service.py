"""The user's sync actions. Each opens a client from the vault's stored server and keys.

``transport_factory(url, pin)`` makes the transport (HTTP by default); the app and tests pass
their own. ``progress`` callbacks receive ``engine.Progress`` values from the calling thread.
"""

from __future__ import annotations

import contextlib
import io
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from liaison.errors import (
    N_,
    DeviceRevoked,
    RecordNotFound,
    SyncNotConfigured,
    SyncRejected,
    ValidationError,
)
from liaison.services.sync import engine, invitation_code, transfer, trust
from liaison.store import audit, sync_apply, sync_log, sync_state
from liaison.store.registry import ENTITIES
from liaison.store.vault import Vault, header_path, wipe_mark_path
from liaison.sync import keys
from liaison.sync.client import ApiClient
from liaison.sync.transport import HttpTransport, Transport, normalise_pin

TransportFactory = Callable[[str, str], Transport]


def http_transport(url: str, pin: str) -> Transport:
    return HttpTransport(url, pin)


@dataclass(frozen=True)
class DeviceView:
    id: str
    name: str
    status: str
    safety_number: str
    last_seen: str
    this_device: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "safety_number": self.safety_number,
            "last_seen": self.last_seen,
        }


@dataclass(frozen=True)
class Status:
    space_id: str
    server: str
    device_id: str
    device_status: str
    last_sync: str
    pending_change_sets: int
    conflicts: int
    devices: list[DeviceView]
    flags: list[dict[str, str]]

    def as_json(self) -> dict[str, Any]:
        return {
            "space_id": self.space_id,
            "server": self.server,
            "device_id": self.device_id,
            "device_status": self.device_status,
            "last_sync": self.last_sync,
            "pending_change_sets": self.pending_change_sets,
            "conflicts": self.conflicts,
            "devices": [d.as_json() for d in self.devices],
            "flags": self.flags,
        }


def _check_url(url: str) -> str:
    """The server URL as stored and shown, or the one thing wrong with it. Checked here, before a
    request: a port out of range or a bad host otherwise came back as 'unexpected InvalidURL' or
    as 'connection refused', and a password in the URL would be stored and shown in messages."""
    if not url.startswith(("https://", "http://")):
        raise ValidationError(
            f"server URL must start with https:// (or http:// on a trusted network): {url!r}"
        )
    parts = urllib.parse.urlsplit(url)
    if "@" in parts.netloc:
        raise ValidationError(
            "server URL must not hold a user name or password (devices sign in with their own keys)"
        )
    try:
        port = parts.port
    except ValueError:
        port = 0
    if not parts.hostname:
        raise ValidationError(f"server URL names no host: {url!r} (e.g. https://sync.agency.example)")
    if port == 0 or (port is not None and not 0 < port < 65536):
        raise ValidationError(f"server URL has no valid port (a number from 1 to 65535): {url!r}")
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise ValidationError(f"server URL must not end with a '?' query or a '#' part: {url!r}")
    return url.rstrip("/")


def _check_pin(pin: str) -> str:
    try:
        return normalise_pin(pin) if pin else ""
    except ValueError as error:
        raise ValidationError(str(error)) from None


def _client(vault: Vault, factory: TransportFactory) -> tuple[ApiClient, sync_state.SyncConfig]:
    """A client for the vault's server; callers close it (``with closing(client)``)."""
    cfg = sync_state.require(vault)
    if cfg.status == "revoked":
        raise DeviceRevoked.of(N_("this device was revoked from the space: it no longer syncs"))
    if cfg.status == "left":
        raise SyncNotConfigured.of(N_("this vault left its sync space: it no longer syncs"))
    return ApiClient(factory(cfg.server, cfg.pin), vault.device_id, sync_state.device_keys(vault)), cfg


def _require_not_configured(vault: Vault) -> None:
    cfg = sync_state.config(vault)
    if cfg is not None and cfg.status == "left":
        raise SyncNotConfigured.of(
            N_("this vault left a sync space and cannot join another: start a new vault to join")
        )
    if cfg is not None:
        raise SyncNotConfigured.of(
            N_(
                "this vault is already in sync space {space} on {server}: a vault belongs to one "
                "space (see 'liaison sync status')"
            ),
            space=cfg.space_id,
            server=cfg.server,
        )


def setup(
    vault: Vault,
    server: str,
    admin_token: str,
    name: str = "",
    pin: str = "",
    factory: TransportFactory = http_transport,
) -> str:
    """Create a space on the server with this vault as its first device; returns the space id."""
    _require_not_configured(vault)
    server, pin = _check_url(server), _check_pin(pin)
    if not admin_token:
        raise ValidationError("the server's admin token is required to create a space")
    name = name or "first device"
    own = keys.DeviceKeys.generate()
    space_id = uuid.uuid4().hex
    space_key = keys.new_space_key()
    cert = own.sign(
        keys.cert_message(space_id, vault.device_id, name, own.signing_public, own.exchange_public)
    )
    wrapped = keys.wrap_space_key(space_key, own.exchange_public, space_id, 1, vault.device_id)
    with ApiClient(factory(server, pin), vault.device_id, own) as client:
        client.create_space(admin_token, space_id, name, cert, wrapped)
    sync_state.save_config(vault, sync_state.SyncConfig(space_id, server, pin, "active", name), own)
    sync_state.save_epoch_key(vault, 1, space_key)
    sync_state.upsert_device(
        vault,
        sync_state.KnownDevice(
            vault.device_id, name, own.signing_public, own.exchange_public, "active", 0, ""
        ),
    )
    sync_state.set_founder(vault, vault.device_id)
    sync_log.backfill(vault)
    audit.append(vault, "sync.setup", detail={"space": space_id})
    return space_id


def _founder(vault: Vault) -> sync_state.KnownDevice:
    known = sync_state.devices(vault)
    founder_id = sync_state.founder(vault)
    if founder_id is None or founder_id not in known:
        raise SyncNotConfigured.of(
            N_("this vault does not know its space's founding device: it cannot write an invitation")
        )
    return known[founder_id]


def join(
    vault: Vault,
    server: str,
    code: str,
    name: str = "",
    pin: str = "",
    factory: TransportFactory = http_transport,
) -> DeviceView:
    """Register this vault with an invitation code; it waits for approval by a member device.

    The code names the space's founder by fingerprint: before anything is stored, the founder
    the server shows must match it, so a server cannot make this device trust its own keys."""
    _require_not_configured(vault)
    server, pin = _check_url(server), _check_pin(pin)
    one_time, fingerprint = invitation_code.split(code)
    name = name or "new device"
    own = keys.DeviceKeys.generate()
    with ApiClient(factory(server, pin), vault.device_id, own) as client:
        space_id = client.join(one_time, name)
        remote, _epoch = client.devices()
        founder = trust.find_founder(remote, space_id, fingerprint)
    sync_state.save_config(vault, sync_state.SyncConfig(space_id, server, pin, "pending", name), own)
    sync_state.upsert_device(vault, trust.known_device(founder))
    sync_state.set_founder(vault, founder.id)
    sync_state.upsert_device(
        vault,
        sync_state.KnownDevice(
            vault.device_id, name, own.signing_public, own.exchange_public, "pending", 0, ""
        ),
    )
    sync_log.backfill(vault)
    audit.append(vault, "sync.join", detail={"space": space_id})
    number = keys.safety_number(vault.device_id, own.signing_public, own.exchange_public)
    return DeviceView(vault.device_id, name, "pending", number, "", True)


def invite(vault: Vault, factory: TransportFactory = http_transport) -> dict[str, Any]:
    """A one-time code from the server, followed by the founder's fingerprint (see ``join``)."""
    client, _cfg = _client(vault, factory)
    with client:
        remote, _epoch = client.devices()
        trust.refresh(vault, _cfg.space_id, remote)
        founder = _founder(vault)
        fingerprint = keys.founder_fingerprint(
            founder.device_id, founder.signing_public, founder.exchange_public
        )
        data = client.invite()
        audit.append(vault, "sync.invite")
        groups = [fingerprint[i : i + 4] for i in range(0, len(fingerprint), 4)]
        return {"code": "-".join([data["code"], *groups]), "expires_at": data["expires_at"]}


def devices(vault: Vault, factory: TransportFactory = http_transport) -> list[DeviceView]:
    """Every device of the space as the server lists it, with safety numbers computed here."""
    client, cfg = _client(vault, factory)
    with client:
        remote, _epoch = client.devices()
        trusted = trust.refresh(vault, cfg.space_id, remote)
        return [
            DeviceView(
                d.id,
                d.name,
                d.status if d.id in trusted or d.status == "pending" else "untrusted",
                keys.safety_number(d.id, d.signing_public, d.exchange_public),
                trust.seen_text(d.last_seen),
                d.id == vault.device_id,
            )
            for d in remote
        ]


def _find(views: list[DeviceView], ref: str) -> DeviceView:
    matches = [d for d in views if d.id == ref or d.id.startswith(ref) or d.name == ref]
    if len(matches) != 1:
        raise RecordNotFound(f"no single device matches {ref!r}: see 'liaison sync devices'")
    return matches[0]


def approve(vault: Vault, device_ref: str, factory: TransportFactory = http_transport) -> DeviceView:
    """Certify a pending device and wrap every space key to it. Compare the safety number first."""
    client, cfg = _client(vault, factory)
    with client:
        remote, _epoch = client.devices()
        trust.refresh(vault, cfg.space_id, remote)
        target = _find(devices_from(remote, vault), device_ref)
        device = next(d for d in remote if d.id == target.id)
        if device.status != "pending":
            raise SyncRejected(f"device {device.name} is {device.status}, not waiting for approval", 409)
        own = sync_state.device_keys(vault)
        cert = own.sign(
            keys.cert_message(
                cfg.space_id, device.id, device.name, device.signing_public, device.exchange_public
            )
        )
        wrapped = {
            epoch: keys.wrap_space_key(key, device.exchange_public, cfg.space_id, epoch, device.id)
            for epoch, key in sync_state.epoch_keys(vault).items()
        }
        client.approve(device.id, cert, wrapped)
        audit.append(vault, "sync.approve", detail={"device": device.id})
        remote, _epoch = client.devices()
        trust.refresh(vault, cfg.space_id, remote)
        return target


def devices_from(remote: list[Any], vault: Vault) -> list[DeviceView]:
    return [
        DeviceView(
            d.id,
            d.name,
            d.status,
            keys.safety_number(d.id, d.signing_public, d.exchange_public),
            "",
            d.id == vault.device_id,
        )
        for d in remote
    ]


def revoke(
    vault: Vault, device_ref: str, wipe: bool = False, factory: TransportFactory = http_transport
) -> DeviceView:
    """Refuse the device at once and start a new epoch whose key only the remaining devices get."""
    client, cfg = _client(vault, factory)
    with client:
        engine.refresh_keys(vault, client, cfg.space_id)
        remote, epoch = client.devices()
        trusted = trust.refresh(vault, cfg.space_id, remote)
        target = _find(devices_from(remote, vault), device_ref)
        if target.id == vault.device_id:
            raise ValidationError("a device cannot revoke itself: revoke it from another device")
        remaining = [d for d in remote if d.status == "active" and d.id != target.id]
        untrusted = [d.name for d in remaining if d.id not in trusted]
        if untrusted:
            raise SyncRejected(f"cannot hand the new key to uncertified devices: {', '.join(untrusted)}", 409)
        new_key = keys.new_space_key()
        wrapped = {
            d.id: keys.wrap_space_key(new_key, d.exchange_public, cfg.space_id, epoch + 1, d.id)
            for d in remaining
        }
        client.revoke(target.id, wipe, epoch + 1, wrapped)
        sync_state.save_epoch_key(vault, epoch + 1, new_key)
        audit.append(vault, "sync.revoke", detail={"device": target.id, "wipe": wipe})
        return target


def leave(vault: Vault) -> None:
    """Leave the space from this device: forget its sync keys and stop syncing; the records stay.

    The server still lists the device until a member device revokes it (a device cannot revoke
    itself). A vault that left cannot join again: its change sets are numbered for the old space.
    """
    cfg = sync_state.require(vault)
    if cfg.status == "left":
        raise SyncNotConfigured.of(N_("this vault already left its sync space"))
    sync_state.wipe_secrets(vault)
    transfer.forget_downloads(vault)
    sync_state.set_status(vault, "left")
    audit.append(vault, "sync.leave", detail={"space": cfg.space_id})


def lock_revoked(vault: Vault, wipe: bool) -> None:
    """What a revoked device does to itself: forget its sync keys; with wipe, destroy the key slots
    too, so the vault cannot be opened again (the revoking officer chose remote wipe)."""
    sync_state.wipe_secrets(vault)
    transfer.forget_downloads(vault)
    audit.append(vault, "sync.revoked", detail={"wipe": wipe})
    if wipe:
        header = header_path(vault.path)
        vault.close()
        with contextlib.suppress(FileNotFoundError):
            size = header.stat().st_size
            with header.open("r+b") as handle:
                handle.write(b"\0" * size)
                handle.flush()
            header.unlink()
        # No secret in it: only that the keys went by a remote wipe, for the next unlock to say so.
        wipe_mark_path(vault.path).write_text("remote wipe\n", encoding="utf-8")
    else:
        vault.close()


def now(
    vault: Vault,
    factory: TransportFactory = http_transport,
    progress: engine.ProgressCallback = engine._nothing,
    grouping: engine.Grouping = engine.SHARED,
) -> engine.SyncReport:
    """Push what is pending, pull and apply what others pushed. Safe to run again after any cut.

    ``grouping``: how many pulled change sets share a commit (``engine.ALONE`` when nothing else
    of this process writes to the vault meanwhile, as in the command line)."""
    client, cfg = _client(vault, factory)
    with client:
        try:
            status = engine.refresh_keys(vault, client, cfg.space_id)
            if status == "pending":
                raise SyncNotConfigured.of(
                    N_("this device waits for approval: run 'liaison sync approve' on a member device")
                )
            if cfg.status != "active":
                sync_state.set_status(vault, "active")
            remote, _epoch = client.devices()
            trust.refresh(vault, cfg.space_id, remote)
            pushed = engine.push(
                vault, client, cfg.space_id, progress, engine.audience(remote, vault.device_id)
            )
            report = engine.pull(vault, client, cfg.space_id, progress, grouping)
        except DeviceRevoked as revoked:
            lock_revoked(vault, revoked.wipe)
            raise
        report.pushed = pushed
        sync_state.mark_synced(vault)
        return report


def status(vault: Vault) -> Status:
    cfg = sync_state.require(vault)
    own = sync_state.devices(vault)
    # The list is the last one the server gave; this device's own line follows what it was told
    # since (a revoked device listed itself as active).
    views = [
        DeviceView(
            d.device_id,
            d.name,
            cfg.status if d.device_id == vault.device_id else d.status,
            keys.safety_number(d.device_id, d.signing_public, d.exchange_public),
            d.last_seen,
            d.device_id == vault.device_id,
        )
        for d in own.values()
    ]
    flags = [
        {"at": at, "device": dev, "what": what, "detail": detail}
        for at, dev, what, detail in sync_apply.flags(vault)
    ]
    return Status(
        cfg.space_id,
        cfg.server,
        vault.device_id,
        cfg.status,
        sync_state.last_sync(vault),
        sync_log.pending_count(vault),
        len(sync_apply.conflicts(vault)),
        views,
        flags,
    )


def conflicts(vault: Vault) -> list[sync_apply.ConflictView]:
    return sync_apply.conflicts(vault)


def resolve(vault: Vault, conflict_ref: str, keep: str) -> str | None:
    """``keep`` is "mine" or "theirs": mine is this device's value when one side is ours, else the
    current value; theirs is the other side. Returns a restored record's new id, if any."""
    if keep not in ("mine", "theirs"):
        raise ValidationError("--keep must be 'mine' or 'theirs'")
    found = [c for c in sync_apply.conflicts(vault) if c.id == conflict_ref or c.id.startswith(conflict_ref)]
    if len(found) != 1:
        raise RecordNotFound(
            f"no single open conflict matches {conflict_ref!r}: see 'liaison sync conflicts'"
        )
    conflict = found[0]
    loser_is_mine = conflict.device_id == vault.device_id
    keep_loser = loser_is_mine if keep == "mine" else not loser_is_mine
    return sync_apply.resolve(vault, conflict.id, keep_loser)


def set_local_only(vault: Vault, kind: str, record_id: str, local: bool = True) -> None:
    """Keep a record on this device only (a personal note): its changes never leave the vault."""
    if kind not in ENTITIES:
        raise ValidationError(f"unknown record kind {kind!r}")
    sync_log.set_local_only(vault, kind, record_id, local)


def invitation_qr(server: str, code: str) -> str:
    """The invitation as a QR code for a terminal (the app draws the same payload): scanning it
    gives the new device both the server URL and the code."""
    import segno  # noqa: PLC0415 - only when a code is shown

    buffer = io.StringIO()
    segno.make(f"liaison-join:{server} {code}", error="m").terminal(out=buffer, compact=True)
    return buffer.getvalue()


def wiped(path: Path) -> bool:
    return not header_path(path).exists()
