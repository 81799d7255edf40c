"""Passphrase entry: a field with show/hide, a strength meter, and the "new passphrase twice" form.

The strength comes from the core (``liaison.services.passphrase``: zxcvbn, which knows common
passwords, words, keyboard patterns, repeats and dates); a new passphrase must reach its minimum
score, and the form says in the interface language what makes a weak one weak.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
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

from liaison.services import passphrase as strength_service
from liaison.services.passphrase import Strength
from liaison.services.validation import MIN_PASSPHRASE_CHARS
from ui.i18n import N_, _

# zxcvbn's score (0..4) → what the meter says.
STRENGTH_LEVELS: tuple[str, ...] = (N_("Very weak"), N_("Weak"), N_("Fair"), N_("Strong"), N_("Very strong"))
# Why a passphrase is weak, per zxcvbn pattern (``Strength.weaknesses``): the core's own texts,
# marked there for this interface's catalogs, so the meter and a refused save say the same.
WEAKNESS_TEXTS = strength_service.EXPLANATIONS
_FULL_SCALE = 20  # guesses_log10 at which the bar is full (10^20 guesses)


def assess(passphrase: str) -> Strength:
    return strength_service.strength(passphrase)


def weakness_text(strength: Strength) -> str:
    """ "Too easy to guess: <reason>." in the interface language."""
    reasons = [_(WEAKNESS_TEXTS[w]) for w in strength.weaknesses if w in WEAKNESS_TEXTS][:2]
    if not reasons:
        return _("Too easy to guess. Add another unrelated word.")
    return _("Too easy to guess: {reasons}. Add another unrelated word.").format(reasons="; ".join(reasons))


def caps_lock_from_key(event: QKeyEvent) -> bool | None:
    """Whether Caps Lock looks on, from one typed letter: a capital without Shift, or a small
    letter with Shift (Qt has no portable way to ask the keyboard). None when the key says nothing
    (not a letter, or a letter without case)."""
    text = event.text()
    if len(text) != 1 or not text.isalpha() or text.lower() == text.upper():
        return None
    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    return text.isupper() != shift


class PasswordField(QWidget):
    """A password line edit with a show/hide toggle; ``text()`` and ``returnPressed`` pass through.
    A line under it warns while Caps Lock seems on (a passphrase typed in capitals is wrong)."""

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
        self.caps_warning = QLabel(self)
        self.caps_warning.setStyleSheet("color: #8a5a00;")
        self.caps_warning.hide()
        self.edit.installEventFilter(self)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.caps_warning)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.returnPressed.connect(self.returnPressed)
        self.retranslate_ui()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            caps = caps_lock_from_key(event)  # type: ignore[arg-type]
            if caps is not None:
                self.caps_warning.setVisible(caps)
        elif watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.caps_warning.hide()
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        self.caps_warning.setText(_("Caps Lock is on."))
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
        self.bar.setRange(0, _FULL_SCALE * 10)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.label)
        self.strength = assess("")
        self.retranslate_ui()

    def show_strength(self, strength: Strength) -> None:
        self.strength = strength
        self.bar.setValue(min(round(strength.guesses_log10 * 10), _FULL_SCALE * 10))
        self.retranslate_ui()

    def update_for(self, passphrase: str) -> None:
        self.show_strength(assess(passphrase))

    @property
    def level(self) -> int:
        return self.strength.score

    def retranslate_ui(self) -> None:
        text = _(STRENGTH_LEVELS[self.level])
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
        self.meter.update_for(self.passphrase.text())  # the form reads it back: one estimate per edit
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
        if not self.meter.strength.acceptable:
            return weakness_text(self.meter.strength)
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
        self.meter.show_strength(assess(""))
