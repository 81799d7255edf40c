"""Moving change sets: seal and push what is pending, pull and apply what others pushed.

Applying a pulled change set and advancing the cursor is one vault transaction, and a pushed
change set keeps its sealed bytes until the server acknowledged it: a sync cut at any point
resumes where it stopped, and nothing is applied twice or skipped.

Mixed releases: a change set is written in the lowest format that holds it, and never in one an
active device of the space does not read (``sync_log.Audience``, from the devices list): what
would need a newer format waits on this device, flagged with the device that holds it back. A
change set in a format newer than this release reads stops the pull there (``SyncFormatTooNew``),
after applying everything before it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from liaison.errors import N_, SyncFormatTooNew, SyncIntegrityError
from liaison.services.sync import transfer
from liaison.store import sync_apply, sync_log, sync_state, write_turn
from liaison.store.vault import Vault, utc_now
from liaison.sync import blobs, changeset, envelope, keys, protocol
from liaison.sync.client import ApiClient, RemoteDevice

PUSH_BATCH = 200
PUSH_BYTES = 8 * 1024 * 1024
PULL_PAGE = protocol.MAX_PAGE
# Remote change sets applied under one commit: ops plus one per change set. Small change sets
# (an incremental sync) share a commit; a big one (a first sync's thousands of ops) has its own.
GROUP_WEIGHT = 5000


@dataclass(frozen=True)
class Grouping:
    """How many pulled change sets share one commit: up to ``weight`` (ops plus one per change
    set), and no longer than ``seconds`` of applying once the group holds one change set.

    Every commit writes each index page it dirtied, encrypted, once: on a first sync of a large
    space the random-key indexes (record ids, full-text terms) dirty a page per row, so fewer,
    larger commits write far fewer pages. But a group holds the vault's write lock until it
    commits, and anything else that writes (a save in the app's window) waits behind it."""

    weight: int = GROUP_WEIGHT
    seconds: float = float("inf")


# The app: a save in the window waits for the group being applied (bench/sync_ui.py; turns in
# ``liaison.store.write_turn`` let it in as soon as the group ends), so a group stops after 0.1 s of
# applying, or after one big change set (a first sync's thousand notes): without the time bound,
# 2,000 one-note change sets went in groups of ~550 and a save waited 0.6-1.4 s.
SHARED = Grouping(seconds=0.1)
# The command line (``liaison sync now``): nothing of this process writes meanwhile, so groups grow
# to many change sets; the time bound keeps another process that opened the vault (the desktop app)
# from waiting longer than about that, far below its 5 s busy timeout.
ALONE = Grouping(weight=200_000, seconds=1.5)


@dataclass(frozen=True)
class Progress:
    phase: str  # "push" or "pull"
    done: int
    total: int | None  # None when unknown (pushes; a pull from a server that does not count)
    # a document (or an oversized change set) moving through the blob store, in chunks: its bytes
    # done so far and its size; 0 and 0 between blobs
    blob_done: int = 0
    blob_size: int = 0


ProgressCallback = Callable[[Progress], None]


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    applied_ops: int = 0
    replayed: int = 0
    future_flagged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "device: why" per change set not applied
    changed_kinds: set[str] = field(default_factory=set)  # what the applied change sets wrote


def _nothing(_p: Progress) -> None:
    return None


def refresh_keys(vault: Vault, client: ApiClient, space_id: str) -> str:
    """Fetch and unwrap this device's space keys; returns the device's status on the server."""
    data = client.my_keys()
    own = sync_state.device_keys(vault)
    for item in data.get("keys", []):
        wrapped = keys.unb64(item["wrapped"])
        key = keys.unwrap_space_key(wrapped, own, space_id, int(item["epoch"]), vault.device_id)
        sync_state.save_epoch_key(vault, int(item["epoch"]), key)
    return str(data.get("status", ""))


def audience(remote: list[RemoteDevice], this_device: str) -> sync_log.Audience:
    """The lowest change-set format the space's other active (or pending) devices read, and the
    name of one that reads only that; a server of the previous release reports none (format 1)."""
    others = [d for d in remote if d.status != "revoked" and d.id != this_device]
    if not others:
        return sync_log.Audience()
    oldest = min(others, key=lambda d: d.reads or 1)
    reads = min(oldest.reads or 1, changeset.READS)
    named = reads < changeset.READS and oldest.reads is not None  # else: the server did not say
    return sync_log.Audience(reads, oldest.name if named else "")


def _seal(
    vault: Vault,
    item: sync_log.Pending,
    header: envelope.Header,
    key: bytes,
    own: keys.DeviceKeys,
    who: sync_log.Audience,
) -> tuple[changeset.ChangeSet, bytes]:
    """Build and seal a pending change set in the format its audience reads. Documents its ops
    leave no room for go by reference (format 3), or wait while a device cannot read that."""
    change = sync_log.build(vault, item, who)
    sealed = envelope.seal(changeset.encode(change), header, key, own).to_bytes()
    inline = [f for f in change.files if f.blob is None]
    if len(sealed) <= envelope.MAX_ENVELOPE or not inline:
        return change, sealed
    if who.reads >= 3:
        files = tuple(
            f
            if f.blob is not None
            else dataclasses.replace(
                f, data=b"", blob=blobs.make_ref(key, item.change_id, f.id, len(f.data), f.sha256)
            )
            for f in change.files
        )
    else:
        for f in inline:
            sync_log.hold(
                vault,
                item.change_id,
                f.id,
                len(f.data),
                3,
                who,
                "cannot receive a document whose change set's other content fills the 16 MiB envelope",
            )
        files = tuple(f for f in change.files if f.blob is not None)
    change = dataclasses.replace(change, files=files)
    return change, envelope.seal(changeset.encode(change), header, key, own).to_bytes()


def push(
    vault: Vault,
    client: ApiClient,
    space_id: str,
    progress: ProgressCallback = _nothing,
    who: sync_log.Audience | None = None,
) -> int:
    """Seal and push what is pending, oldest first. ``who`` says which format every device reads
    (``audience``); without it every device is taken to run this release."""
    own = sync_state.device_keys(vault)
    epoch, key = sync_state.current_epoch(vault)
    who = dataclasses.replace(who or sync_log.Audience(), space_key=key)
    sync_log.share_unshared(vault)
    sync_log.release_held(vault, who.reads)
    total_sent = 0
    while True:
        pending = sync_log.pending(vault, PUSH_BATCH)
        if not pending:
            return total_sent
        batch: list[tuple[str, bytes, changeset.ChangeSet]] = []
        size = 0
        blocked = False
        # Sealed envelopes are stored before they are sent, a batch in one transaction: a retry
        # after any cut resends the same bytes under the same sequence numbers.
        with vault.transaction():
            for item in pending:
                sealed = item.envelope
                if sealed is None:
                    seq = sync_log.next_device_seq(vault)
                    header = envelope.Header(
                        envelope.FORMAT, space_id, vault.device_id, seq, epoch, item.change_id
                    )
                    change, sealed = _seal(vault, item, header, key, own, who)
                    if not (change.ops or change.files or change.erased_files):
                        sync_log.skip_empty(vault, item.row_id)
                        continue
                    sync_log.store_envelope(vault, item.row_id, seq, epoch, sealed)
                else:
                    change = _own(vault, sealed, own)
                if _oversized(sealed, change) and who.reads < 3:
                    blocked = _too_large(vault, item.change_id, len(sealed), who)
                    break
                batch.append((item.change_id, sealed, change))
                size += min(len(sealed), envelope.MAX_ENVELOPE)
                if size > PUSH_BYTES:
                    break
        if batch:
            chunk = functools.partial(_chunk_pushed, progress, total_sent)
            wired = [_wire(vault, client, sealed, change, own, chunk) for _, sealed, change in batch]
            refs = {cid: ids for (cid, _, _), (_, ids) in zip(batch, wired, strict=True) if ids}
            client.push([wire for wire, _ in wired], refs)
            sync_log.mark_pushed(vault, [cid for cid, _, _ in batch])  # and clears their held_back flags
            total_sent += len(batch)
            progress(Progress("push", total_sent, None))
        if blocked:
            return total_sent


def _chunk_pushed(progress: ProgressCallback, sent: int, done: int, size: int) -> None:
    progress(Progress("push", sent, None, done, size))


def _too_large(vault: Vault, change_id: str, size: int, who: sync_log.Audience) -> bool:
    """A change set over the envelope limit while a device cannot take one in parts: it and the
    change sets after it wait (order matters), flagged once with the device that holds them."""
    seen = vault.conn.execute(
        "SELECT 1 FROM sync_flags WHERE change_id = ? AND what = 'held_back'", (change_id,)
    ).fetchone()
    if seen is None:
        who_ = f"device {who.older}" if who.older else "the sync server or a device of this space"
        with vault.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_flags(at, device_id, change_id, what, detail) VALUES (?, ?, ?, ?, ?)",
                (
                    utc_now(),
                    vault.device_id,
                    change_id,
                    "held_back",
                    f"change set {change_id} ({size} bytes) and those after it wait: it is over the "
                    f"{envelope.MAX_ENVELOPE // (1024 * 1024)} MiB envelope (or {changeset.MAX_OPS} "
                    f"changes) and {who_} runs an older Liaison that cannot receive it in parts; they "
                    "go out once every device is updated",
                ),
            )
    return True


def _own(vault: Vault, sealed: bytes, own: keys.DeviceKeys) -> changeset.ChangeSet:
    """A change set this device sealed before a cut, opened again to see what it carries."""
    parsed = envelope.parse(sealed, limit=changeset.MAX_BLOB)
    key = sync_state.epoch_keys(vault)[parsed.header.epoch]
    plain = envelope.open_(parsed, own.signing_public, key, limit=transfer.MAX_OUTER_PLAIN)
    return changeset.decode(plain, max_ops=changeset.MAX_OPS_OUTER)


def _oversized(sealed: bytes, change: changeset.ChangeSet) -> bool:
    """Too large for an envelope, or more ops than a receiver takes inline: the blob path."""
    return len(sealed) > envelope.MAX_ENVELOPE or max(len(change.ops), len(change.audit)) > changeset.MAX_OPS


def _wire(
    vault: Vault,
    client: ApiClient,
    sealed: bytes,
    change: changeset.ChangeSet,
    own: keys.DeviceKeys,
    on_chunk: transfer.OnChunk,
) -> tuple[bytes, list[str]]:
    """What goes to ``/changes`` for a stored envelope, its documents uploaded first: the envelope
    itself, or a pointer to it when it is oversized; and the ids of the blobs it references, which
    the push lists so the server never collects them. A document erased here since the change set
    was sealed (it never reached the server whole) leaves it: sealed again, under the same header."""
    header = envelope.parse(sealed, limit=changeset.MAX_BLOB).header
    key = sync_state.epoch_keys(vault)[header.epoch]
    gone = transfer.upload_documents(vault, client, change, on_chunk)
    if gone:
        change = dataclasses.replace(change, files=tuple(f for f in change.files if f.id not in gone))
        sealed = envelope.seal(changeset.encode(change), header, key, own).to_bytes()
        sync_log.replace_envelope(vault, header.change_id, sealed)
    referenced = [f.blob.id for f in change.files if f.blob is not None]
    if not _oversized(sealed, change):
        return sealed, referenced
    small, outer = transfer.pointer(client, sealed, key, own, on_chunk)
    return small, [*referenced, outer]


def pull(
    vault: Vault,
    client: ApiClient,
    space_id: str,
    progress: ProgressCallback = _nothing,
    grouping: Grouping = SHARED,
) -> SyncReport:
    with sync_apply.relaxed_durability(vault):
        return _pull(vault, client, space_id, progress, grouping)


def _open(
    vault: Vault,
    client: ApiClient,
    space_id: str,
    item: tuple[int, str, int, bytes],
    known: dict[str, sync_state.KnownDevice],
    epochs: dict[int, bytes],
    report: SyncReport,
    on_chunk: transfer.OnChunk,
) -> changeset.ChangeSet | None:
    """Check, verify and decrypt one pulled change set; None when it is ours or already applied."""
    pos, device_id, seq, blob = item
    sealed = envelope.parse(blob)
    h = sealed.header
    if h.space_id != space_id or h.device_id != device_id or h.seq != seq:
        raise SyncIntegrityError.of(
            N_("change set at position {position} claims another space, device or sequence"), position=pos
        )
    if device_id == vault.device_id:
        return None
    device = known.get(device_id)
    if device is None:
        raise SyncIntegrityError.of(
            N_("change set {change} comes from device {device}, which no trusted device certified"),
            change=h.change_id,
            device=device_id,
        )
    if seq <= device.last_seq:
        report.replayed += 1
        return None
    if seq != device.last_seq + 1:
        raise SyncIntegrityError.of(
            N_(
                "change sets {first}..{last} of device {device} are missing: the server withheld or "
                "reordered them"
            ),
            first=device.last_seq + 1,
            last=seq - 1,
            device=device.name,
        )
    key = epochs.get(h.epoch)
    if key is None:
        raise SyncIntegrityError.of(
            N_("no key for epoch {epoch}: this device cannot read change set {change}"),
            epoch=h.epoch,
            change=h.change_id,
        )
    try:
        change = changeset.decode(envelope.open_(sealed, device.signing_public, key))
    except changeset.ChangeSetTooNew as too_new:
        raise _too_new(vault, h, device.name, too_new.version) from None
    if change.change_id != h.change_id:
        raise SyncIntegrityError.of(
            N_("change set {change} carries another change id inside"), change=h.change_id
        )
    if change.outer is not None:
        try:
            change = transfer.unwrap(
                client, h, change.outer, device.signing_public, key, transfer.cache_of(vault), on_chunk
            )
        except changeset.ChangeSetTooNew as too_new:
            raise _too_new(vault, h, device.name, too_new.version) from None
    return change


def _too_new(vault: Vault, h: envelope.Header, device: str, version: int) -> SyncFormatTooNew:
    """The error that stops a pull at a change set this release cannot read, flagged once for
    ``sync status`` (in the pull's transaction: kept with what was applied before it)."""
    error = SyncFormatTooNew.of(
        N_(
            "change set {change} from device {device} is in change-set format {version}, newer than "
            "this Liaison reads ({reads}): update Liaison. Everything before it is applied; it and "
            "what follows wait until then"
        ),
        change=h.change_id,
        device=device,
        version=version,
        reads=changeset.READS,
    )
    message = str(error)
    seen = vault.conn.execute(
        "SELECT 1 FROM sync_flags WHERE change_id = ? AND what = 'update_needed'", (h.change_id,)
    ).fetchone()
    if seen is None:
        with vault.transaction() as conn:
            conn.execute(
                "INSERT INTO sync_flags(at, device_id, change_id, what, detail) VALUES (?, ?, ?, ?, ?)",
                (utc_now(), h.device_id, h.change_id, "update_needed", message),
            )
    return error


def _count(
    report: SyncReport,
    known: dict[str, sync_state.KnownDevice],
    device_id: str,
    seq: int,
    result: sync_apply.ApplyResult,
) -> None:
    known[device_id] = dataclasses.replace(known[device_id], last_seq=seq)
    report.pulled += 1
    report.applied_ops += result.applied_ops
    report.changed_kinds |= result.kinds
    if result.future_flagged:
        report.future_flagged.append(device_id)
    if result.refused:
        report.refused.append(f"{known[device_id].name}: {result.refused}")


def _apply_page(  # noqa: PLR0913, PLR0917 - the pull's state, passed down from _pull only
    vault: Vault,
    client: ApiClient,
    space_id: str,
    page_changes: list[tuple[int, str, int, bytes]],
    known: dict[str, sync_state.KnownDevice],
    epochs: dict[int, bytes],
    report: SyncReport,
    progress: ProgressCallback,
    total: int | None,
    grouping: Grouping,
) -> None:
    """Apply a page's change sets in groups sharing one commit (``sync_apply.batch``). A change set
    that fails its checks stops the pull; those before it are kept, none of it is written."""
    turn = write_turn.of(vault.path)
    group: contextlib.ExitStack | None = None
    weight, started = 0, 0.0

    def chunk(done: int, size: int) -> None:  # a document or oversized change set coming in
        progress(Progress("pull", report.pulled + report.replayed, total, done, size))

    fetch = transfer.fetcher(client, transfer.cache_of(vault), chunk)  # documents in the blob store
    unsafe = False
    try:
        for item in page_changes:
            replayed = report.replayed
            change = _open(vault, client, space_id, item, known, epochs, report, chunk)
            if change is None:
                if report.replayed > replayed:  # counted by the server; our own are not
                    progress(Progress("pull", report.pulled + report.replayed, total))
                continue
            pos, device_id, seq, _blob = item
            if transfer.has_documents(change) and group is not None:
                group.close()  # what came before is kept even if a download is cut
                group, weight = None, 0
            if group is None:
                group = contextlib.ExitStack()
                group.enter_context(turn.group())  # a save waiting meanwhile wakes at its end
                group.enter_context(sync_apply.batch(vault))
                started = time.monotonic()
            # a change set with documents in the blob store is alone in its group: a download
            # that fails while it is being applied takes back what it wrote, and only that
            unsafe = transfer.has_documents(change)
            _count(
                report,
                known,
                device_id,
                seq,
                sync_apply.apply(vault, device_id, seq, change, pos, fetch=fetch),
            )
            unsafe = False
            weight += 1 + len(change.ops)
            if (
                transfer.has_documents(change)
                or weight >= grouping.weight
                or time.monotonic() - started >= grouping.seconds
            ):
                group.close()
                group, weight = None, 0
                turn.let_others_in(1.0)  # else the next group starts before a waiting save
            progress(Progress("pull", report.pulled + report.replayed, total))
    except BaseException as error:
        if group is not None:
            if isinstance(error, SyncIntegrityError) and not unsafe:
                group.close()  # the failing change set wrote nothing: keep what came before it
            else:
                group.__exit__(type(error), error, error.__traceback__)  # rolls the group back
        raise
    if group is not None:
        group.close()


def _pull(
    vault: Vault, client: ApiClient, space_id: str, progress: ProgressCallback, grouping: Grouping
) -> SyncReport:
    cursor = sync_state.cursor(vault)
    known = sync_state.devices(vault)
    page = client.pull(cursor, PULL_PAGE, count=True)  # the first page also says how many are coming
    report = SyncReport()
    epochs = sync_state.epoch_keys(vault)
    total = page.remaining
    while True:
        _apply_page(vault, client, space_id, page.changes, known, epochs, report, progress, total, grouping)
        if page.changes:
            cursor = page.changes[-1][0]
            sync_apply.advance_cursor(vault, cursor)
        if not page.more:
            _check_heads(vault, page.heads, known)
            return report
        page = client.pull(cursor, PULL_PAGE)


def _check_heads(vault: Vault, heads: dict[str, int], known: dict[str, sync_state.KnownDevice]) -> None:
    for device_id, head in heads.items():
        device = known.get(device_id)
        if device_id == vault.device_id or device is None:
            continue
        if device.last_seq < head:
            raise SyncIntegrityError.of(
                N_(
                    "the server counts {head} change sets from device {device} but sent only {sent}: "
                    "change sets were withheld"
                ),
                head=head,
                device=device.name,
                sent=device.last_seq,
            )
