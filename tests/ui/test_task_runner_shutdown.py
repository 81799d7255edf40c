"""``TaskRunner.shutdown`` waits for the work already running and, from then on, delivers nothing
to the GUI thread. It used to return at once while the io and sync threads ran on: their results
were then posted to a dispatcher the GUI thread was deleting, which crashed the test process at
exit under load, and could crash the app closed during a sync."""

from __future__ import annotations

import gc
import logging
import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui.tasks import TaskRunner


def test_shutdown_waits_for_running_sync_and_io_work(qtbot: QtBot) -> None:
    runner = TaskRunner()
    ended: list[str] = []
    started = threading.Barrier(3, timeout=30)

    def slow(name: str) -> str:
        started.wait()
        time.sleep(0.5)
        ended.append(name)
        return name

    runner.run_sync(lambda: slow("sync"))
    runner.run_io(lambda: slow("io"))
    started.wait()  # both are running, not merely queued
    assert runner.shutdown(timeout=30) is True
    assert sorted(ended) == ["io", "sync"]  # returned only once both had ended


def test_work_ending_after_shutdown_delivers_nothing(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    """The runner is shut down (with a wait too short) and deleted while a sync still runs; when it
    ends, nothing reaches the GUI thread and nothing touches the deleted dispatcher."""
    runner = TaskRunner()
    gate, delivered = threading.Event(), []
    future = runner.run_sync(lambda: gate.wait(30), delivered.append, delivered.append)
    assert runner.shutdown(timeout=0.2) is False  # still running: said so, not waited forever
    assert runner.closed
    del runner
    gc.collect()
    with caplog.at_level(logging.ERROR, logger="concurrent.futures"):
        gate.set()
        assert future.result(timeout=30) is True
        qtbot.wait(200)  # a queued delivery would run here
    assert delivered == []
    assert not [r for r in caplog.records if "exception calling callback" in r.getMessage()]


def test_nothing_is_accepted_after_shutdown(qtbot: QtBot) -> None:
    runner = TaskRunner()
    runner.shutdown()
    with pytest.raises(RuntimeError, match="shut down"):
        runner.run_store(lambda: None)
    runner.on_main(lambda: pytest.fail("ran after shutdown"))
    qtbot.wait(100)


class _Page(QObject):
    """Stands in for a dialog whose query is still running when it is closed and deleted."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []

    def loaded(self, value: object) -> None:
        self.results.append(value)


def test_a_result_for_a_deleted_widget_is_dropped(qtbot: QtBot) -> None:
    """Seen under load: the settings dialog closed by the test's end while its overview loaded;
    the result then reached a deleted widget ("Internal C++ object (JoinBox) already deleted")."""
    runner = TaskRunner()
    gate = threading.Event()
    page = _Page()
    future = runner.run_store(lambda: gate.wait(30), page.loaded)
    shiboken6.delete(page)  # as deleteLater does once the closed dialog's events are processed
    gate.set()
    future.result(timeout=30)
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)  # delivered (and dropped) here
    assert page.results == []
    assert runner.shutdown()


def test_an_error_for_a_deleted_widget_is_still_reported(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    page = _Page()

    def fail() -> None:
        gate.wait(30)
        raise ValueError("disk full")

    runner.run_store(fail, page.loaded, page.loaded)
    shiboken6.delete(page)
    with qtbot.waitSignal(runner.failed, timeout=30_000) as failed:
        gate.set()
    assert failed.args == ["disk full"]
    assert runner.shutdown()
