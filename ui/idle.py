"""Auto-lock: after a delay without keyboard, mouse or touch input anywhere in the application.

An application-wide event filter notes the time of the last input (cheap: no timer restart per mouse
move); one single-shot timer wakes up when the delay could have run out and either fires ``idle`` or
sleeps again for the remainder. The watcher runs only while the vault is unlocked.

Idle time is counted on a clock that keeps running while the computer sleeps (``CLOCK_BOOTTIME``;
the wall clock elsewhere): the monotonic clock and Qt's timers stop during a suspend, so a laptop
that slept overnight would otherwise wake up unlocked. The timer never sleeps longer than
``MAX_NAP_MS``, so the lock comes within seconds of waking up.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

DEFAULT_MINUTES = 5
MAX_NAP_MS = 10_000


def suspend_aware_clock() -> float:
    """Seconds on a clock that counts the time spent suspended."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.time()


_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
        QEvent.Type.Shortcut,
    }
)


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(
        self,
        delay_ms: int = DEFAULT_MINUTES * 60_000,
        parent: QObject | None = None,
        clock: Callable[[], float] = suspend_aware_clock,
    ) -> None:
        super().__init__(parent)
        self._delay_ms = delay_ms
        self._clock = clock
        self._last_input = clock()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._running = False

    @property
    def delay_ms(self) -> int:
        return self._delay_ms

    @property
    def running(self) -> bool:
        return self._running

    def set_delay_ms(self, delay_ms: int) -> None:
        self._delay_ms = max(1, delay_ms)
        if self._running:
            self._arm(self._delay_ms)

    def set_delay_minutes(self, minutes: int) -> None:
        self.set_delay_ms(minutes * 60_000)

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is None or self._running:
            return
        self._running = True
        self._last_input = self._clock()
        app.installEventFilter(self)
        self._arm(self._delay_ms)

    def stop(self) -> None:
        self._timer.stop()
        if not self._running:
            return
        self._running = False
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def poke(self) -> None:
        """Count as user activity (e.g. a long task the user is watching)."""
        self._last_input = self._clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = self._clock()
        return False

    @property
    def idle_minutes(self) -> int:
        """Whole minutes since the last input (what the unlock dialog reports)."""
        return max(1, round((self._clock() - self._last_input) / 60))

    def _arm(self, ms: int) -> None:
        self._timer.start(max(1, min(ms, MAX_NAP_MS)))

    def check_now(self) -> None:
        """Compare the idle time with the delay now (e.g. when the system says it woke up)."""
        self._check()

    def _check(self) -> None:
        if not self._running:
            return
        idle_ms = (self._clock() - self._last_input) * 1000
        remaining = self._delay_ms - idle_ms
        if remaining > 0:
            self._arm(round(remaining) + 1)
            return
        self.stop()
        self.idle.emit()
