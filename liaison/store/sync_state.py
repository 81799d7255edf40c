"""What a vault knows about its space: server, keys, epochs, known devices, cursor.

Everything lives inside the encrypted vault: the device's private keys and the space keys never
touch another file.
"""

from __future__ import annotations

from dataclasses import dataclass

from liaison.errors import SyncNotConfigured
from liaison.store.vault import Vault, utc_now
from liaison.sync.keys import DeviceKeys

SPACE, SERVER, PIN, CURSOR, STATUS, LAST_SYNC, NAME = (
    "sync_space",
    "sync_server",
    "sync_pin",
    "sync_cursor",
    "sync_status",
    "sync_last",
    "sync_device_name",
)
_SIGNING, _EXCHANGE = "sync_signing_key", "sync_exchange_key"
FOUNDER = "sync_founder"  # the founding device's id, once trusted


@dataclass(frozen=True)
class SyncConfig:
    space_id: str
    server: str
    pin: str  # sha256 fingerprint of the server certificate, or "" to rely on CA verification
    status: str  # "pending" (joined, waiting for approval), "active", "revoked"
    device_name: str


@dataclass(frozen=True)
class KnownDevice:
    device_id: str
    name: str
    signing_public: bytes
    exchange_public: bytes
    status: str
    last_seq: int
    last_seen: str


def config(vault: Vault) -> SyncConfig | None:
    space = vault.meta(SPACE)
    if not space:
        return None
    return SyncConfig(
        space,
        vault.meta(SERVER) or "",
        vault.meta(PIN) or "",
        vault.meta(STATUS) or "",
        vault.meta(NAME) or "",
    )


def require(vault: Vault) -> SyncConfig:
    found = config(vault)
    if found is None:
        raise SyncNotConfigured("this vault is not in a sync space: run 'liaison sync setup' or 'sync join'")
    return found


def save_config(vault: Vault, cfg: SyncConfig, keys: DeviceKeys) -> None:
    with vault.transaction():
        for key, value in (
            (SPACE, cfg.space_id),
            (SERVER, cfg.server),
            (PIN, cfg.pin),
            (STATUS, cfg.status),
            (NAME, cfg.device_name),
            (_SIGNING, keys.signing.hex()),
            (_EXCHANGE, keys.exchange.hex()),
            (CURSOR, "0"),
        ):
            vault.set_meta(key, value)


def set_status(vault: Vault, status: str) -> None:
    with vault.transaction():
        vault.set_meta(STATUS, status)


def device_keys(vault: Vault) -> DeviceKeys:
    signing, exchange = vault.meta(_SIGNING), vault.meta(_EXCHANGE)
    if not signing or not exchange:
        raise SyncNotConfigured("this vault has no device keys: run 'liaison sync setup' or 'sync join'")
    return DeviceKeys(bytes.fromhex(signing), bytes.fromhex(exchange))


def cursor(vault: Vault) -> int:
    return int(vault.meta(CURSOR) or 0)


def mark_synced(vault: Vault) -> None:
    with vault.transaction():
        vault.set_meta(LAST_SYNC, utc_now())


def last_sync(vault: Vault) -> str:
    return vault.meta(LAST_SYNC) or ""


def save_epoch_key(vault: Vault, epoch: int, key: bytes) -> None:
    with vault.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO sync_epochs(epoch, key) VALUES (?, ?)", (epoch, key))


def epoch_keys(vault: Vault) -> dict[int, bytes]:
    return {int(e): bytes(k) for e, k in vault.conn.execute("SELECT epoch, key FROM sync_epochs")}


def current_epoch(vault: Vault) -> tuple[int, bytes]:
    row = vault.conn.execute("SELECT epoch, key FROM sync_epochs ORDER BY epoch DESC LIMIT 1").fetchone()
    if row is None:
        raise SyncNotConfigured("this device holds no space key yet: it must be approved first")
    return int(row[0]), bytes(row[1])


def upsert_device(vault: Vault, device: KnownDevice) -> None:
    """Record a device whose certificate verified; keeps the sequence number already applied."""
    with vault.transaction() as conn:
        conn.execute(
            "INSERT INTO sync_devices(device_id, name, signing_public, exchange_public, status, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET name = excluded.name, "
            "status = excluded.status, last_seen = excluded.last_seen",
            (
                device.device_id,
                device.name,
                device.signing_public,
                device.exchange_public,
                device.status,
                device.last_seen,
            ),
        )


def devices(vault: Vault) -> dict[str, KnownDevice]:
    rows = vault.conn.execute(
        "SELECT device_id, name, signing_public, exchange_public, status, last_seq, last_seen "
        "FROM sync_devices"
    )
    return {r[0]: KnownDevice(r[0], r[1], bytes(r[2]), bytes(r[3]), r[4], r[5], r[6]) for r in rows}


def founder(vault: Vault) -> str | None:
    return vault.meta(FOUNDER)


def set_founder(vault: Vault, device_id: str) -> None:
    with vault.transaction():
        vault.set_meta(FOUNDER, device_id)


def wipe_secrets(vault: Vault) -> None:
    """Forget every sync secret (device keys, space keys): what a revoked device does to itself."""
    with vault.transaction() as conn:
        conn.execute("DELETE FROM sync_epochs")
        conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (_SIGNING, _EXCHANGE))
        vault.set_meta(STATUS, "revoked")
