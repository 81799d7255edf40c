"""The status bar's network indicator: offline unless something asked to go online."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from ui.i18n import _


class NetworkIndicator(QLabel):
    """ "Offline mode" unless something asked to go online; never probes the network itself.

    A page about to download (a language pack) calls ``set_online_requested(True)``; only then is
    the system's own network status (``QNetworkInformation``, when a backend exists) shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._requested = False
        self._info: object | None = None
        self.retranslate_ui()

    @property
    def online_requested(self) -> bool:
        return self._requested

    def set_online_requested(self, requested: bool) -> None:
        self._requested = requested
        if requested and self._info is None:
            self._info = self._load_information()
        self.retranslate_ui()

    def _load_information(self) -> object | None:
        try:
            from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415
        except ImportError:
            return None
        if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
            return None
        info = QNetworkInformation.instance()
        if info is not None:
            info.reachabilityChanged.connect(lambda _r: self.retranslate_ui())
        return info

    def retranslate_ui(self) -> None:
        if not self._requested:
            self.setText(_("Offline mode"))
            self.setToolTip(_("Liaison uses no network unless you ask for something online."))
            return
        reachability = getattr(self._info, "reachability", None)
        if reachability is None:
            self.setText(_("Online use requested"))
            return
        from PySide6.QtNetwork import QNetworkInformation  # noqa: PLC0415

        online = reachability() == QNetworkInformation.Reachability.Online
        self.setText(_("Online") if online else _("No network"))
