"""Passphrase entry: a field with show/hide, a strength meter, and the "new passphrase twice" form.

The strength estimate is deliberately simple and dependency-free: character classes give the size of
the alphabet, repeated or sequential characters count for less, and a short list of notorious
passwords caps the score. It guides the user; the real protection is Argon2id and the minimum length.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from liaison.services.validation import MIN_PASSPHRASE_CHARS
from ui.i18n import N_, _

# The most used passwords and passphrase stems (lower case, letters only where they matter).
COMMON_PASSWORDS = frozenset(
    """
    password passw0rd password1 123456 1234567 12345678 123456789 1234567890 qwerty qwertyuiop azerty
    abc123 111111 000000 letmein welcome monkey dragon football baseball iloveyou admin administrator
    login master sunshine princess shadow superman trustno1 secret starwars whatever freedom
    hello charlie donald michael jennifer jordan hunter ranger buster soccer batman
    police justice liaison changeme default motdepasse contrasena contraseña
    correcthorsebatterystaple passphrase mypassword
    """.split()
)
_SYMBOLS = re.compile(r"[^\w\s]", re.UNICODE)

# (minimum bits, label) from weakest to strongest.
STRENGTH_LEVELS: tuple[tuple[float, str], ...] = (
    (0.0, N_("Very weak")),
    (28.0, N_("Weak")),
    (40.0, N_("Fair")),
    (60.0, N_("Strong")),
    (80.0, N_("Very strong")),
)
_FULL_SCALE_BITS = 100


def _alphabet_size(text: str) -> int:
    size = 0
    if any(c.islower() and c.isascii() for c in text):
        size += 26
    if any(c.isupper() and c.isascii() for c in text):
        size += 26
    if any(c.isdigit() and c.isascii() for c in text):
        size += 10
    if any(c.isspace() for c in text):
        size += 1
    if _SYMBOLS.search(text):
        size += 33
    if any(not c.isascii() for c in text):
        size += 100
    return max(size, 1)


def _effective_length(text: str) -> float:
    """Length where a character repeating or continuing the previous one counts for less."""
    total = 0.0
    prev = ""
    for ch in text:
        if ch == prev:
            total += 0.25
        elif prev and abs(ord(ch) - ord(prev)) == 1:
            total += 0.5
        else:
            total += 1.0
        prev = ch
    distinct = len(set(text))
    # "abababab": few distinct characters cap the length that counts.
    return min(total, distinct * 2.0)


def estimate_bits(passphrase: str) -> float:
    """Rough entropy estimate in bits (0 for an empty passphrase)."""
    if not passphrase:
        return 0.0
    bits_per_char = math.log2(_alphabet_size(passphrase))
    bits = _effective_length(passphrase) * bits_per_char
    lowered = passphrase.lower()
    letters = re.sub(r"[\W\d_]", "", lowered)
    compact = re.sub(r"\s", "", lowered)
    if lowered in COMMON_PASSWORDS or compact in COMMON_PASSWORDS or letters in COMMON_PASSWORDS:
        return min(bits, 10.0)
    for word in COMMON_PASSWORDS:
        if len(word) >= 5 and word in compact:
            # The word is one guess among a small list, not len(word) random characters.
            bits -= len(word) * bits_per_char - math.log2(len(COMMON_PASSWORDS))
    return max(bits, 0.0)


def strength_level(bits: float) -> int:
    level = 0
    for index, (threshold, _label) in enumerate(STRENGTH_LEVELS):
        if bits >= threshold:
            level = index
    return level


class PasswordField(QWidget):
    """A password line edit with a show/hide toggle; ``text()`` and ``returnPressed`` pass through."""

    textChanged = Signal(str)
    returnPressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhSensitiveData
        )
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.toggle.toggled.connect(self._set_visible)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.toggle)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.returnPressed.connect(self.returnPressed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        shown = self.toggle.isChecked()
        self.toggle.setText(_("Hide") if shown else _("Show"))
        self.toggle.setToolTip(_("Hide the passphrase") if shown else _("Show the passphrase"))

    def _set_visible(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.retranslate_ui()

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def clear(self) -> None:
        self.edit.clear()
        self.toggle.setChecked(False)

    def setPlaceholderText(self, text: str) -> None:
        self.edit.setPlaceholderText(text)


class StrengthMeter(QWidget):
    """A bar plus a word ("Weak", "Strong"...) following a passphrase field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, _FULL_SCALE_BITS)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.label)
        self.bits = 0.0
        self.update_for("")

    def update_for(self, passphrase: str) -> None:
        self.bits = estimate_bits(passphrase)
        self.bar.setValue(min(round(self.bits), _FULL_SCALE_BITS))
        self.retranslate_ui()

    @property
    def level(self) -> int:
        return strength_level(self.bits)

    def retranslate_ui(self) -> None:
        text = _(STRENGTH_LEVELS[self.level][1])
        self.label.setText(text)
        self.bar.setAccessibleName(_("Passphrase strength: {level}").format(level=text))


class NewPassphraseForm(QWidget):
    """New passphrase, its confirmation and the strength meter; ``problem()`` explains what is wrong."""

    changed = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passphrase = PasswordField(self)
        self.confirm = PasswordField(self)
        self.meter = StrengthMeter(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.passphrase_label = QLabel(self)
        self.confirm_label = QLabel(self)
        self.passphrase_label.setBuddy(self.passphrase.edit)
        self.confirm_label.setBuddy(self.confirm.edit)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        self._form = form
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow("", self.meter)
        form.addRow(self.confirm_label, self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        self.passphrase.textChanged.connect(self._on_changed)
        self.confirm.textChanged.connect(self._on_changed)
        self.confirm.returnPressed.connect(self.submitted)
        self.passphrase.returnPressed.connect(self.confirm.setFocus)
        self.setFocusProxy(self.passphrase)
        self.retranslate_ui()

    def add_leading_row(self, label: QLabel, field: QWidget) -> None:
        """A row above the new passphrase (current passphrase, recovery code), aligned with it."""
        self._form.insertRow(0, label, field)
        self.setFocusProxy(field)

    def retranslate_ui(self) -> None:
        self.passphrase_label.setText(_("New &passphrase:"))
        self.confirm_label.setText(_("&Repeat it:"))
        self.passphrase.edit.setAccessibleName(_("New passphrase"))
        self.confirm.edit.setAccessibleName(_("Repeat the new passphrase"))
        self._update_hint()

    def _on_changed(self) -> None:
        self.meter.update_for(self.passphrase.text())
        self._update_hint()
        self.changed.emit()

    def _update_hint(self) -> None:
        self.hint.setText(
            self.problem() or _("Several unrelated words make a passphrase that is strong and easy to type.")
        )

    def problem(self) -> str | None:
        text, again = self.passphrase.text(), self.confirm.text()
        if len(text) < MIN_PASSPHRASE_CHARS:
            return _("Use at least {count} characters.").format(count=MIN_PASSPHRASE_CHARS)
        if not text.strip():
            return _("The passphrase must not be only spaces.")
        if again != text:
            return _("The two passphrases differ.") if again else _("Type the passphrase again.")
        return None

    def is_acceptable(self) -> bool:
        return self.problem() is None

    def value(self) -> str:
        return self.passphrase.text()

    def clear(self) -> None:
        self.passphrase.clear()
        self.confirm.clear()
