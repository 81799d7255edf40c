"""Moving change sets: seal and push what is pending, pull and apply what others pushed.

Applying a pulled change set and advancing the cursor is one vault transaction, and a pushed
change set keeps its sealed bytes until the server acknowledged it: a sync cut at any point
resumes where it stopped, and nothing is applied twice or skipped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from liaison.errors import SyncIntegrityError
from liaison.store import sync_apply, sync_log, sync_state, write_turn
from liaison.store.vault import Vault
from liaison.sync import changeset, envelope, keys, protocol
from liaison.sync.client import ApiClient

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


ProgressCallback = Callable[[Progress], None]


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    applied_ops: int = 0
    replayed: int = 0
    future_flagged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "device: why" per change set not applied


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


def push(vault: Vault, client: ApiClient, space_id: str, progress: ProgressCallback = _nothing) -> int:
    own = sync_state.device_keys(vault)
    epoch, key = sync_state.current_epoch(vault)
    sync_log.share_unshared(vault)
    total_sent = 0
    while True:
        pending = sync_log.pending(vault, PUSH_BATCH)
        if not pending:
            return total_sent
        batch: list[tuple[str, bytes]] = []
        size = 0
        # Sealed envelopes are stored before they are sent, a batch in one transaction: a retry
        # after any cut resends the same bytes under the same sequence numbers.
        with vault.transaction():
            for item in pending:
                sealed = item.envelope
                if sealed is None:
                    change = sync_log.build(vault, item)
                    if not (change.ops or change.files or change.erased_files):
                        sync_log.skip_empty(vault, item.row_id)
                        continue
                    seq = sync_log.next_device_seq(vault)
                    header = envelope.Header(
                        envelope.FORMAT, space_id, vault.device_id, seq, epoch, item.change_id
                    )
                    sealed = envelope.seal(changeset.encode(change), header, key, own).to_bytes()
                    if len(sealed) > envelope.MAX_ENVELOPE and change.files:
                        # its ops leave no room for its documents: those stay here, flagged
                        for file in change.files:
                            sync_log.keep_local(vault, item.change_id, file.id, len(file.data))
                        change = dataclasses.replace(change, files=())
                        sealed = envelope.seal(changeset.encode(change), header, key, own).to_bytes()
                    sync_log.store_envelope(vault, item.row_id, seq, epoch, sealed)
                batch.append((item.change_id, sealed))
                size += len(sealed)
                if size > PUSH_BYTES:
                    break
        if batch:
            client.push([blob for _, blob in batch])
            sync_log.mark_pushed(vault, [cid for cid, _ in batch])
            total_sent += len(batch)
            progress(Progress("push", total_sent, None))


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
    space_id: str,
    item: tuple[int, str, int, bytes],
    known: dict[str, sync_state.KnownDevice],
    epochs: dict[int, bytes],
    report: SyncReport,
) -> changeset.ChangeSet | None:
    """Check, verify and decrypt one pulled change set; None when it is ours or already applied."""
    pos, device_id, seq, blob = item
    sealed = envelope.parse(blob)
    h = sealed.header
    if h.space_id != space_id or h.device_id != device_id or h.seq != seq:
        raise SyncIntegrityError(f"change set at position {pos} claims another space, device or sequence")
    if device_id == vault.device_id:
        return None
    device = known.get(device_id)
    if device is None:
        raise SyncIntegrityError(
            f"change set {h.change_id} comes from device {device_id}, which no trusted device certified"
        )
    if seq <= device.last_seq:
        report.replayed += 1
        return None
    if seq != device.last_seq + 1:
        raise SyncIntegrityError(
            f"change sets {device.last_seq + 1}..{seq - 1} of device {device.name} are missing: "
            "the server withheld or reordered them"
        )
    key = epochs.get(h.epoch)
    if key is None:
        raise SyncIntegrityError(
            f"no key for epoch {h.epoch}: this device cannot read change set {h.change_id}"
        )
    change = changeset.decode(envelope.open_(sealed, device.signing_public, key))
    if change.change_id != h.change_id:
        raise SyncIntegrityError(f"change set {h.change_id} carries another change id inside")
    return change


@dataclass
class _Pulling:
    """What one pull carries from page to page."""

    known: dict[str, sync_state.KnownDevice]
    epochs: dict[int, bytes]
    report: SyncReport
    progress: ProgressCallback
    total: int | None
    grouping: Grouping


def _apply_page(
    vault: Vault, space_id: str, page_changes: list[tuple[int, str, int, bytes]], run: _Pulling
) -> None:
    """Apply a page's change sets in groups sharing one commit (``sync_apply.batch``). A change set
    that fails its checks stops the pull; those before it are kept, none of it is written."""
    known, report, progress, total = run.known, run.report, run.progress, run.total
    turn = write_turn.of(vault.path)
    group: contextlib.ExitStack | None = None
    weight, started = 0, 0.0
    try:
        for item in page_changes:
            replayed = report.replayed
            change = _open(vault, space_id, item, known, run.epochs, report)
            if change is None:
                if report.replayed > replayed:  # counted by the server; our own are not
                    progress(Progress("pull", report.pulled + report.replayed, total))
                continue
            pos, device_id, seq, _blob = item
            if group is None:
                group = contextlib.ExitStack()
                group.enter_context(turn.group())  # a save waiting meanwhile wakes at its end
                group.enter_context(sync_apply.batch(vault))
                started = time.monotonic()
            result = sync_apply.apply(vault, device_id, seq, change, pos)
            known[device_id] = dataclasses.replace(known[device_id], last_seq=seq)
            report.pulled += 1
            report.applied_ops += result.applied_ops
            if result.future_flagged:
                report.future_flagged.append(device_id)
            if result.refused:
                report.refused.append(f"{known[device_id].name}: {result.refused}")
            weight += 1 + len(change.ops)
            if weight >= run.grouping.weight or time.monotonic() - started >= run.grouping.seconds:
                group.close()
                group, weight = None, 0
                turn.let_others_in(1.0)  # else the next group starts before a waiting save
            progress(Progress("pull", report.pulled + report.replayed, total))
    except BaseException as error:
        if group is not None:
            if isinstance(error, SyncIntegrityError):
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
    run = _Pulling(known, sync_state.epoch_keys(vault), report, progress, page.remaining, grouping)
    while True:
        _apply_page(vault, space_id, page.changes, run)
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
            raise SyncIntegrityError(
                f"the server counts {head} change sets from device {device.name} but sent only "
                f"{device.last_seq}: change sets were withheld"
            )
