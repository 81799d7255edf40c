"""Lock the vault when the desktop locks or the computer goes to sleep (lid closed, suspend).

On Linux these come from D-Bus (QtDBus, no extra dependency):

* systemd-logind on the system bus: ``PrepareForSleep(true)`` before a suspend or hibernation, and
  ``Lock`` on this login session (``loginctl lock-session``, most screen lockers);
* the screen saver on the session bus (``org.freedesktop.ScreenSaver`` and GNOME's
  ``org.gnome.ScreenSaver``): ``ActiveChanged(true)`` when the screen locks.

Where no bus answers (a container, another platform) nothing is watched and the idle timer, which
counts suspended time, still locks after the delay.
"""

from __future__ import annotations

import os

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

LOGIN1 = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
SESSION = "org.freedesktop.login1.Session"
SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
SLEEP, SESSION_LOCKED = "sleep", "session"


class SystemLockWatcher(QObject):
    """Emits ``lock_requested(reason)`` (``SLEEP`` or ``SESSION_LOCKED``) from the system's signals."""

    lock_requested = Signal(str)

    def __init__(
        self,
        system_bus: QDBusConnection | None = None,
        session_bus: QDBusConnection | None = None,
        parent: QObject | None = None,
        *,
        login1_service: str = LOGIN1,
    ) -> None:
        super().__init__(parent)
        self._system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        self._session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        self._login1 = login1_service
        self.watching: list[str] = []  # what was connected, for the About/self-test and the tests

    def start(self) -> None:
        system, session = self._system, self._session
        if system.isConnected():
            sleep = SLOT("_prepare_for_sleep(bool)")
            if system.connect(self._login1, LOGIN1_PATH, MANAGER, "PrepareForSleep", self, sleep):
                self.watching.append("logind sleep")
            path = self.session_path()
            if path and system.connect(self._login1, path, SESSION, "Lock", self, SLOT("_session_lock()")):
                self.watching.append("logind session lock")
        if session.isConnected():
            active = SLOT("_screensaver(bool)")
            for service, path, interface in SCREENSAVERS:
                if session.connect(service, path, interface, "ActiveChanged", self, active):
                    self.watching.append(service)

    def session_path(self) -> str:
        """This process's logind session object path ("" when it is in none)."""
        manager = QDBusInterface(self._login1, LOGIN1_PATH, MANAGER, self._system)
        if not manager.isValid():
            return ""
        reply = manager.call("GetSessionByPID", os.getpid())
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            session_id = os.environ.get("XDG_SESSION_ID", "")
            if not session_id:
                return ""
            reply = manager.call("GetSession", session_id)
            if reply.type() != QDBusMessage.MessageType.ReplyMessage:
                return ""
        arguments = reply.arguments()
        path = arguments[0] if arguments else ""
        return str(getattr(path, "path", lambda: path)())

    @Slot(bool)
    def _prepare_for_sleep(self, starting: bool) -> None:
        if starting:
            self.lock_requested.emit(SLEEP)

    @Slot()
    def _session_lock(self) -> None:
        self.lock_requested.emit(SESSION_LOCKED)

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        if active:
            self.lock_requested.emit(SESSION_LOCKED)
