"""Read a PDF's text layer in a separate process that is killed when a page takes too long.

Why a process: pdfminer is pure Python and cannot be interrupted from outside; a crafted page
(millions of glyphs, deeply nested forms) would hold the reader for as long as it likes, and a
deadline checked *after* the page is parsed fires too late. The worker counts the pages, then sends
each page's blocks as soon as it is read; the caller waits at most ``Limits.page_seconds`` for each
message and kills the worker when one does not come. Nothing was stored at that point: the caller
only stores after the whole document is translated.

Why it is also faster: the worker reads the next pages on the other core while the caller is
translating the first ones (the pipe holds a few pages; the worker waits when it is full, so memory
stays bounded however long the document is).

Workers are fresh interpreters (``spawn``: forking the caller is not safe, the desktop and the
translation engine run threads) and are kept for the next document: starting one costs a few
hundred milliseconds (multiprocessing imports the caller's main script in it, once), serving a
document costs nothing more. A worker that was killed is simply replaced. As with any use of
multiprocessing, a script that reads PDFs must guard its main code with
``if __name__ == "__main__":``.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from liaison.documents_in import pdf_io
from liaison.documents_in.limits import (
    DEFAULT,
    DocumentError,
    HostileDocument,
    Limits,
    UnsupportedDocument,
)

STARTUP_SECONDS = 120.0  # a new worker's interpreter start, separate from the page budget
_ERRORS: dict[str, type[DocumentError]] = {
    cls.__name__: cls for cls in (DocumentError, HostileDocument, UnsupportedDocument)
}
_IDLE: list[_Worker] = []
_IDLE_LOCK = threading.Lock()


def _work(conn: Connection, name: str, data: bytes, limits: Limits) -> None:
    """In the worker: the page count, then each page, then "end"; or one error line."""
    try:
        conn.send(("count", pdf_io.count_pages(name, data, limits)))
        for page in pdf_io.pages(name, data, limits):
            conn.send(("page", page))
        conn.send(("end", None))
    except DocumentError as error:
        kind = type(error).__name__ if type(error).__name__ in _ERRORS else "DocumentError"
        conn.send(("error", (kind, str(error))))
    except Exception as error:  # whatever pdfminer raises: one line, never a traceback
        conn.send(("error", ("UnsupportedDocument", f"{name}: damaged PDF ({type(error).__name__})")))


def _serve(conn: Connection) -> None:
    """The worker's loop: one document after another until the caller goes away."""
    conn.send(("ready", None))
    while True:
        try:
            name, data, limits = conn.recv()
        except (EOFError, OSError):
            return
        _work(conn, name, data, limits)


class _Worker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), name="liaison-pdf-reader", daemon=True)
        try:
            self.process.start()
        finally:
            child.close()
        try:
            ready = self.conn.poll(STARTUP_SECONDS) and self.conn.recv()[0] == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise UnsupportedDocument(
                f"the PDF reader process did not start (exit code {self.process.exitcode})"
            )

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _take() -> _Worker:
    with _IDLE_LOCK:
        while _IDLE:
            worker = _IDLE.pop()
            if worker.process.is_alive():
                return worker
            worker.kill()
    return _Worker()


def _give_back(worker: _Worker) -> None:
    with _IDLE_LOCK:
        _IDLE.append(worker)


class PdfReader:
    """The page count first (``count``), then the pages in order (``pages()``); ``close()`` kills
    the worker if the document was not read to the end (use it as a context manager)."""

    def __init__(self, name: str, data: bytes, limits: Limits = DEFAULT) -> None:
        self.name, self.limits = name, limits
        self._worker: _Worker | None = _take()
        self._read = 0
        try:
            self._worker.conn.send((name, data, limits))
            self.count: int = self._next("count")
        except BaseException:
            self.close()
            raise

    def _next(self, expected: str) -> Any:
        worker = self._worker
        if worker is None:
            return None
        what = "opening the document" if expected == "count" else "reading the text layer"
        if not worker.conn.poll(self.limits.page_seconds):
            page = f" page {self._read + 1}" if expected != "count" else ""
            self.close()
            raise HostileDocument(
                f"{self.name}{page}: {what} took over {self.limits.page_seconds:g} s: refused"
            )
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            self.close()
            raise UnsupportedDocument(
                f"{self.name}: the PDF reader stopped while {what} (exit code {worker.process.exitcode})"
            ) from None
        if kind in ("end", "error"):
            self._worker = None
            _give_back(worker)
        if kind == "error":
            error_name, message = payload
            raise _ERRORS.get(error_name, DocumentError)(message)
        if kind not in (expected, "end"):
            self.close()
            raise UnsupportedDocument(f"{self.name}: the PDF reader answered out of order")
        return payload if kind == expected else None

    def pages(self) -> Iterator[pdf_io.PdfPage]:
        try:
            while (page := self._next("page")) is not None:
                self._read += 1
                yield page
        finally:
            self.close()

    def close(self) -> None:
        """Kill the worker if it is still busy with this document (a page over its budget, or the
        caller stopped early): it cannot be told to stop, and its pages would come next."""
        if self._worker is not None:
            self._worker.kill()
            self._worker = None

    def __enter__(self) -> PdfReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
