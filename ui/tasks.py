"""Keeping slow work off the GUI thread.

One single-thread executor owns every vault access (the SQLCipher connection is used from that one
thread only, so store calls are serialised, Anki style); a small second pool runs translation, PDF
rendering and downloads; a third, single thread runs sync, which holds a connection of its own
(``ui.sync.worker``) so that a long sync never queues the window's reads and writes behind it.
Results come back on the GUI thread through a queued signal. Views never create threads
themselves: they call ``runner.run_store(...)`` or ``runner.run_io(...)``.

Shutting down waits (a bounded time) for the work already running on every pool, and from then on
a task that still ends delivers nothing: a worker thread must never post to a dispatcher, or run a
callback on a widget, that the GUI thread is tearing down (that crashed the test process, and could
crash the app closed during a sync, at interpreter exit). Likewise a result whose receiver (a
method of a widget) was deleted meanwhile is dropped; an error for it is reported as unhandled.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from liaison.errors import LiaisonError
from ui.i18n import error_text

T = TypeVar("T")

# How long ``shutdown`` waits for running work: a sync stops at its next change set once the vault
# is locked, and one HTTP request is bounded by the transport's 30 s timeout.
SHUTDOWN_WAIT_S = 45.0


class Cancelled(Exception):
    """Raised inside a task when its cancel event is set and it checks ``token.check()``."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    @property
    def event(self) -> threading.Event:
        return self._event

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class _Dispatcher(QObject):
    """Lives on the GUI thread; worker threads emit, the queued connection runs the slot there."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run, type=_queued())

    @Slot(object)
    def _run(self, func: Callable[[], None]) -> None:
        func()


def _receiver_gone(callback: Callable[..., object]) -> bool:
    """Whether ``callback`` is a method of a Qt object already deleted: a dialog closed (and
    deleted) while its query ran. Calling it raised "Internal C++ object already deleted", or
    crashed the process when the object was being torn down at that moment."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


def _queued() -> Any:
    from PySide6.QtCore import Qt  # noqa: PLC0415

    return Qt.ConnectionType.QueuedConnection


def _message(error: BaseException) -> str:
    """A failed task's message for the status bar: the core's, in the interface language when it
    marked it for translation (``LiaisonError.of``)."""
    if isinstance(error, LiaisonError):
        return error_text(error)
    return str(error) or type(error).__name__


class TaskRunner(QObject):
    """``busy_changed(bool)`` drives the progress indicator; ``failed(str)`` reports task errors
    that the caller did not handle (the message only: never a passphrase or note text)."""

    busy_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, io_workers: int = 2) -> None:
        super().__init__()
        self._store = ThreadPoolExecutor(max_workers=1, thread_name_prefix="liaison-store")
        self._io = ThreadPoolExecutor(max_workers=io_workers, thread_name_prefix="liaison-io")
        self._sync = ThreadPoolExecutor(max_workers=1, thread_name_prefix="liaison-sync")
        self._dispatcher = _Dispatcher()
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False  # set by shutdown, under _lock: on_main then drops what it is given
        self._running: set[Future[Any]] = set()  # submitted and not yet finished (under _lock)

    def on_main(self, func: Callable[[], None]) -> None:
        """Run ``func`` on the GUI thread (safe to call from any thread). After ``shutdown`` it is
        dropped: the dispatcher may be gone, and the page the callback would update with it."""
        with self._lock:  # shutdown cannot close between the check and the post
            if not self._closed:
                self._dispatcher.call.emit(func)

    @property
    def closed(self) -> bool:
        return self._closed

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        work: Callable[[], T],
        done: Callable[[T], None] | None,
        error: Callable[[BaseException], None] | None,
    ) -> Future[T]:
        with self._lock:
            if self._closed:
                raise RuntimeError("the task runner is shut down: the app is closing")
        self._change_pending(+1)
        future = pool.submit(work)
        with self._lock:
            self._running.add(future)

        def finished(f: Future[T]) -> None:
            with self._lock:
                self._running.discard(f)

            def deliver() -> None:
                self._change_pending(-1)
                if f.cancelled():  # dropped at shutdown: nobody is waiting for it any more
                    return
                exc = f.exception()
                if exc is None:
                    if done is not None and not _receiver_gone(done):
                        done(f.result())
                elif error is not None and not _receiver_gone(error):
                    error(exc)
                elif not isinstance(exc, Cancelled):  # also when its page is gone: reported here
                    # Where it failed, not the message: a message may quote vault data.
                    frames = "".join(traceback.format_tb(exc.__traceback__))
                    print(f"liaison: task failed ({type(exc).__name__})\n{frames}", file=sys.stderr)
                    self.failed.emit(_message(exc))

            self.on_main(deliver)

        future.add_done_callback(finished)
        return future

    def run_store(
        self,
        work: Callable[[], T],
        done: Callable[[T], None] | None = None,
        error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        """Vault work, serialised on the one store thread."""
        return self._submit(self._store, work, done, error)

    def run_io(
        self,
        work: Callable[[], T],
        done: Callable[[T], None] | None = None,
        error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        """CPU or network work that does not touch the vault (translation, rendering, downloads)."""
        return self._submit(self._io, work, done, error)

    def run_sync(
        self,
        work: Callable[[], T],
        done: Callable[[T], None] | None = None,
        error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        """Sync work, serialised on the sync thread, beside the store thread (never behind it)."""
        return self._submit(self._sync, work, done, error)

    def _change_pending(self, delta: int) -> None:
        with self._lock:
            before = self._pending
            self._pending += delta
            after = self._pending
        if (before == 0) != (after == 0):
            self.busy_changed.emit(after > 0)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def shutdown(self, timeout: float = SHUTDOWN_WAIT_S) -> bool:
        """Stop the pools: queued io and store work is dropped (the app's shutdown let the store's
        queue, and the vault's close, finish first), the sync's queue is let finish (a lock already
        cancelled the run; the close of its connection still runs); running work is waited for, up
        to ``timeout`` seconds in all. Returns whether everything finished in time; what did not
        finishes on its own thread and delivers nothing (``on_main`` is closed first)."""
        with self._lock:
            self._closed = True
            running = set(self._running)
        self._io.shutdown(wait=False, cancel_futures=True)
        self._sync.shutdown(wait=False)
        self._store.shutdown(wait=False, cancel_futures=True)
        _done, left = wait(running, timeout=timeout)
        return not left
