"""Render request PDFs in a worker process of their own, so that the app's window never waits.

reportlab lays a request out in pure Python: about 0.7 s of work, plus its import and the fonts'.
On the store thread that work held the interpreter lock, and the GUI thread stalled 200+ ms at a
time on a loaded two-core machine (bench/startup.py). In a separate process it has its own
interpreter: the store thread only waits for the answer, releasing the lock meanwhile.

What crosses to the worker is the composed ``Document`` (the request's text, already translated and
formatted) and the structured attachment, through the pool's pipe; the PDF's bytes come back the
same way. Neither the passphrase nor any key ever reaches the worker, nothing is written to a
temporary file, and the vault is only touched by the store thread that called :meth:`render`.

The worker is started with ``spawn`` (forking a process that runs Qt and worker threads is unsafe)
and imports reportlab and the fonts at once (:meth:`RenderProcess.start`), so that the first
export does not pay for that either. As with the PDF reader's workers
(``liaison.documents_in.pdf_worker``), multiprocessing imports the caller's main script in it: a
script that renders this way guards its main code with ``if __name__ == "__main__":``, and a frozen
executable calls ``multiprocessing.freeze_support()`` (``packaging/entry.py`` does).
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from liaison.documents.layout import Document

__all__ = ["RenderProcess", "shared"]


def _warm_up() -> None:
    """Worker: load reportlab, the layout code and the font registry before the first export."""
    from liaison.documents import fonts, pdf  # noqa: F401, PLC0415  (the point: importing them)


def _render(doc: Document, second: Document | None, attachment: bytes | None) -> bytes:
    """Worker: the finished PDF of ``doc`` (``pdf.render``, postprocessing included)."""
    from liaison.documents import pdf  # noqa: PLC0415

    return pdf.render(doc, second=second, attachment=attachment)


class RenderProcess:
    """One long-lived worker process rendering PDFs, one at a time; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._warm: Future[None] | None = None

    def start(self) -> None:
        """Start the worker (if it is not running) and have it load reportlab; returns at once."""
        self._executor()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
                self._warm = self._pool.submit(_warm_up)
            return self._pool

    @property
    def running(self) -> bool:
        return self._pool is not None

    def render(self, doc: Document, second: Document | None = None, attachment: bytes | None = None) -> bytes:
        """The PDF's bytes, rendered in the worker; the calling thread waits without the GIL.

        A worker that died (killed, out of memory) is replaced once; errors raised by the
        rendering itself come back as they are."""
        for attempt in (1, 2):
            pool = self._executor()
            try:
                return pool.submit(_render, doc, second, attachment).result()
            except BrokenProcessPool:
                self._discard(pool)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        """Stop the worker (the app quits); the next ``render`` would start a new one."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_SHARED = RenderProcess()


def shared() -> RenderProcess:
    """The app's one rendering worker (started on first need, stopped when the app quits)."""
    return _SHARED
