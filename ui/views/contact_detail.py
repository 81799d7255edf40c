"""The contact detail pane (read-only, with copy buttons) and the clipboard copy it uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from liaison.domain import Channel, Contact
from ui import clipboard
from ui.i18n import N_, _
from ui.models import country_name, details_html, format_date, label
from ui.models.contacts_model import (
    availability_text,
    channel_kind_label,
    language_names,
)
from ui.widgets.handling_badge import SENSITIVE, HandlingBadge


def copy_to_clipboard(text: str, sensitive: bool) -> None:
    """Sensitive text goes through ``ui.clipboard.copy_sensitive``: marked secret for clipboard
    managers and cleared after the delay chosen in the settings."""
    if sensitive:
        clipboard.copy_sensitive(text)
    else:
        QGuiApplication.clipboard().setText(text)


class ContactDetail(QWidget):
    """Everything about the selected contact, read-only, with copy buttons for its channels."""

    FIELDS = (
        ("role", N_("Role")),
        ("agency", N_("Agency")),
        ("unit", N_("Unit")),
        ("country", N_("Country")),
        ("local_time", N_("Local time")),
        ("hours", N_("Working hours")),
        ("languages", N_("Languages")),
        ("preferred", N_("Preferred channel")),
        ("trust", N_("Trust")),
        ("verified", N_("Verified")),
        ("review", N_("Review on")),
        ("notes", N_("Notes")),
    )

    def __init__(self, copy: Callable[[str, bool], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._copy = copy
        self.contact: Contact | None = None
        self._agency = ""
        self._now: dt.datetime | None = None
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name.setFont(font)
        self.badge = HandlingBadge()
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.channels_title = QLabel()
        self.channels_title.setStyleSheet("font-weight: bold;")
        self.channels_box = QVBoxLayout()
        self.copy_buttons: list[QToolButton] = []  # one per channel, beside it (and no other)
        self._layout()
        self.retranslate_ui()
        self.show_contact(None, "", None)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.name)
        header.addWidget(self.subtitle, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        channels = QVBoxLayout()
        channels.addWidget(self.channels_title)
        channels.addLayout(self.channels_box)
        channels.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.text, 3)
        body.addLayout(channels, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addLayout(body, 1)

    def is_sensitive(self, channel: Channel) -> bool:
        return channel.secure or (self.contact is not None and self.contact.handling in SENSITIVE)

    def copy_button_for(self, value: str) -> QToolButton:
        """The Copy button of the channel showing ``value``."""
        return next(b for b in self.copy_buttons if b.property("channel_value") == value)

    def _clear_channels(self) -> None:
        self.copy_buttons = []
        while self.channels_box.count():
            item = self.channels_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _channel_row(self, channel: Channel) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        kind = QLabel(channel_kind_label(channel.kind) + (" 🔒" if channel.secure else ""))
        kind.setMinimumWidth(80)
        kind.setTextFormat(Qt.TextFormat.PlainText)
        value = QLabel(channel.value)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        button = QToolButton()
        button.setText(_("Copy"))
        button.setToolTip(
            _("Copy; cleared from the clipboard after {seconds} s").format(seconds=clipboard.clear_delay())
            if self.is_sensitive(channel)
            else _("Copy to the clipboard")
        )
        button.clicked.connect(lambda: self._copy(channel.value, self.is_sensitive(channel)))
        button.setProperty("channel_value", channel.value)
        button.setAccessibleName(_("Copy {kind}").format(kind=channel_kind_label(channel.kind)))
        self.copy_buttons.append(button)
        line.addWidget(kind)
        line.addWidget(value, 1)
        line.addWidget(button)
        return row

    def show_contact(self, contact: Contact | None, agency: str, now: dt.datetime | None) -> None:
        self.contact, self._agency, self._now = contact, agency, now
        self._clear_channels()
        self.badge.set_handling(contact.handling if contact else None)
        self.name.setText(contact.full_name if contact else _("No contact selected"))
        parts = (contact.honorific, contact.name_native) if contact else ()
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self.channels_title.setVisible(contact is not None)
        for channel in contact.channels if contact else ():
            self.channels_box.addWidget(self._channel_row(channel))
        self._render()

    def refresh_time(self, now: dt.datetime | None) -> None:
        self._now = now
        self._render()

    def values(self) -> dict[str, str]:
        """Field key to the text shown (empty when the contact has no value)."""
        c = self.contact
        if c is None:
            return {}
        zone = f" ({c.timezone})" if c.timezone else ""
        local = availability_text(c, self._now) + zone if self._now else ""
        verified = " – ".join(p for p in (format_date(c.verified_on), c.verification_method) if p)
        return {
            "role": label(c.role),
            "agency": self._agency,
            "unit": c.unit,
            "country": f"{c.country} – {country_name(c.country)}" if c.country else "",
            "local_time": local,
            "hours": c.working_hours,
            "languages": language_names(c),
            "preferred": channel_kind_label(c.preferred_channel) if c.preferred_channel else "",
            "trust": label(c.trust_level),
            "verified": verified,
            "review": format_date(c.review_on),
            "notes": c.notes,
        }

    def _render(self) -> None:
        values = self.values()
        self.text.setHtml(details_html((_(caption), values.get(key, "")) for key, caption in self.FIELDS))

    def retranslate_ui(self) -> None:
        self.channels_title.setText(_("Channels"))
        self.show_contact(self.contact, self._agency, self._now)
