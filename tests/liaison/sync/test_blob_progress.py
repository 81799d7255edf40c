"""Progress moves while a large document goes through the blob store, chunk by chunk, on a real
``liaison-server`` on loopback: a 250 MiB document is one change set, and a bar counting change
sets alone would stand still for the whole transfer. The command line shows the MiB done."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from liaison.cli import sync_commands
from liaison.errors import SyncUnavailable
from liaison.services.sync import engine, service
from liaison.store import attachments, sync_log
from liaison.sync import blobs
from tests.liaison.sync.servers import ServerProcess
from tests.liaison.sync.test_blob_gc import add_document
from tests.liaison.sync.test_large_sync import Flaky, no_back_off  # noqa: F401
from tests.liaison.sync.test_real_servers import enrol

pytestmark = pytest.mark.loopback


def blob_steps(seen: list[engine.Progress], phase: str) -> list[tuple[int, int]]:
    return [(p.blob_done, p.blob_size) for p in seen if p.phase == phase and p.blob_size]


def test_chunk_progress_is_reported_while_a_document_uploads_and_downloads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proc = ServerProcess(f"sqlite:///{tmp_path / 'server.db'}").start()
    try:
        a, b = enrol(proc.url, tmp_path, 2)
        monkeypatch.setattr(sync_log, "MAX_FILE", 1024)  # this writer's inline limit
        size = 2 * blobs.CHUNK + 1000  # three chunks
        doc = add_document(a, "PROG-1", size)
        # cut after the first chunk: the resumed upload counts the chunk the server holds as done
        cut = Flaky(proc.url, lambda method, _path: method == "PUT" and cut.puts >= 1)
        first: list[engine.Progress] = []
        with pytest.raises(SyncUnavailable, match="cut by the test"):
            service.now(a, factory=lambda _u, _p: cut, progress=first.append)
        assert blob_steps(first, "push") == [(blobs.CHUNK, size)]
        pushed: list[engine.Progress] = []
        service.now(a, progress=pushed.append)
        assert blob_steps(pushed, "push") == [(2 * blobs.CHUNK, size), (size, size)]
        assert pushed[-1] == engine.Progress("push", 1, None)  # one change set (case and document)

        pulled: list[engine.Progress] = []
        service.now(b, progress=pulled.append)
        assert blob_steps(pulled, "pull") == [(blobs.CHUNK, size), (2 * blobs.CHUNK, size), (size, size)]
        assert attachments.get(b, doc.id).sha256 == doc.sha256
    finally:
        proc.stop()


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_sync_now_shows_the_mib_of_a_document_in_transfer(monkeypatch: pytest.MonkeyPatch) -> None:
    err = _Tty()
    monkeypatch.setattr(sync_commands.sys, "stderr", err)
    show = sync_commands._progress(argparse.Namespace(json=False))
    show(engine.Progress("push", 3, None, 40 * 1024 * 1024, 250 * 1024 * 1024))
    show(engine.Progress("push", 4, None))
    shown = err.getvalue().split("\r")
    assert shown[1].startswith("push: 3 change sets, document 40 of 250 MiB")
    assert shown[2].startswith("push: 4 change sets") and "MiB" not in shown[2]
