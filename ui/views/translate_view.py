"""Translate a message: detect its language, translate offline with memory and glossary, review
where each part came from, approve the result into the translation memory.

One ``Engine`` is shared by the whole app (:func:`shared_engine`): it keeps the loaded packs, so the
requests export and this page do not load a model twice. The packs page calls ``forget_packs()`` on it
after an install or removal. Detection runs on the io pool; translation reads the vault's memory and
glossary, so it runs on the store thread.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from liaison.errors import LiaisonError
from liaison.services import translation
from liaison.store.vault import Vault
from liaison.translation import detect, editing
from liaison.translation.engine import LOW_CONFIDENCE, Engine, PackMissing, TranslationResult
from liaison.translation.glossary import GlossaryCheck, TermStatus
from ui.dialogs import error_message
from ui.i18n import _, error_text
from ui.models import QueryGuard
from ui.models.packs_model import language_label
from ui.session import Session

MEMORY_COLOR = QColor("#dbeafe")
APPLIED_COLOR = QColor("#c8f0d2")
VIOLATION_COLOR = QColor("#f9c9cc")
UNCERTAIN_COLOR = QColor("#fff3c4")
_PLACEHOLDER = re.compile(r"⟦\d+⟧")
T = TypeVar("T")


class _Shared:
    lock = threading.Lock()
    engine: Engine | None = None


def shared_engine() -> Engine:
    """The app's one translation engine (thread-safe; packs load lazily and stay loaded)."""
    with _Shared.lock:
        if _Shared.engine is None:
            _Shared.engine = Engine()
        return _Shared.engine


def when_alive(owner: QObject, callback: Callable[[T], None]) -> Callable[[T], None]:
    """``callback`` for an io-pool task, skipped if ``owner`` (a widget) was deleted meanwhile."""

    def run(value: T) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return run


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str  # "memory", "applied", "violation"
    tooltip: str


def segment_spans(result: TranslationResult) -> list[tuple[int, int] | None]:
    """Where each segment's target sits in ``result.text`` (placeholders match their restored token)."""
    spans: list[tuple[int, int] | None] = []
    position = 0
    for seg in result.segments:
        pattern = _PLACEHOLDER.sub(".+?", re.escape(seg.target.strip()))
        match = re.compile(pattern, re.DOTALL).search(result.text, position) if pattern else None
        if match is None:
            spans.append(None)
            continue
        spans.append((match.start(), match.end()))
        position = match.end()
    return spans


def _find(text: str, phrase: str, span: tuple[int, int]) -> tuple[int, int] | None:
    found = re.search(re.escape(phrase), text[span[0] : span[1]], re.IGNORECASE) if phrase else None
    return (span[0] + found.start(), span[0] + found.end()) if found else None


def _glossary_highlight(check: GlossaryCheck, text: str, span: tuple[int, int]) -> Highlight:
    if check.status is TermStatus.ENFORCED:
        where = _find(text, check.translation, span) or span
        tip = _("Glossary: “{term}” → “{translation}” (put in by the glossary)").format(
            term=check.term, translation=check.translation
        )
        return Highlight(*where, "applied", tip)
    if check.status is TermStatus.APPLIED:
        where = _find(text, check.translation, span) or span
        tip = _("Glossary: “{term}” → “{translation}”").format(term=check.term, translation=check.translation)
        return Highlight(*where, "applied", tip)
    if check.status is TermStatus.FORBIDDEN:
        where = _find(text, check.found, span) or span
        tip = _("Glossary: use “{translation}” for “{term}”, not “{found}”").format(
            translation=check.translation, term=check.term, found=check.found
        )
        return Highlight(*where, "violation", tip)
    tip = _("Glossary: “{term}” should be translated as “{translation}”").format(
        term=check.term, translation=check.translation
    )
    return Highlight(*span, "violation", tip)


def highlights(result: TranslationResult) -> list[Highlight]:
    spans = segment_spans(result)
    found: list[Highlight] = []
    for seg, span in zip(result.segments, spans, strict=True):
        if span is not None and seg.origin == "memory":
            found.append(Highlight(*span, "memory", _("From the translation memory (approved earlier)")))
    for seg, span in zip(result.segments, spans, strict=True):
        if span is not None and seg.confidence is not None and seg.confidence < LOW_CONFIDENCE:
            tip = _("Low confidence ({percent}%). Other possible translations:\n{alternatives}").format(
                percent=round(seg.confidence * 100), alternatives="\n".join(seg.alternatives) or "—"
            )
            found.append(Highlight(*span, "uncertain", tip))
    for check in result.glossary:
        span = spans[check.segment] if check.segment < len(spans) else None
        if span is not None:
            found.append(_glossary_highlight(check, result.text, span))
    return found


def fuzzy_html(result: TranslationResult) -> str:
    """Close matches from the memory, as CAT tools show them: what differs struck out (stored
    sentence) or underlined (this sentence), then the stored approved translation."""
    marks = {"=": "{}", "-": "<s style='color:#b3261e'>{}</s>", "+": "<u style='color:#1d6b35'>{}</u>"}
    lines = []
    for number, seg in enumerate(result.segments, start=1):
        for match in seg.suggestions:
            diff = " ".join(marks[op].format(html.escape(words)) for op, words in match.diff())
            lines.append(
                _("Translation memory, {score}% match for sentence {number}: {diff} → {translation}").format(
                    score=round(match.score), number=number, diff=diff, translation=html.escape(match.target)
                )
            )
    return "<br>".join(lines)


def _rich_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ResultView(QTextEdit):
    """Read-only translation with coloured spans whose tooltips explain them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.spans: list[Highlight] = []

    def show_result(self, result: TranslationResult | None) -> None:
        self.clear()
        self.spans = []
        if result is None:
            return
        self.setPlainText(result.text)
        colors = {
            "memory": MEMORY_COLOR,
            "applied": APPLIED_COLOR,
            "violation": VIOLATION_COLOR,
            "uncertain": UNCERTAIN_COLOR,
        }
        for span in highlights(result):
            cursor = QTextCursor(self.document())
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(colors[span.kind])
            fmt.setToolTip(span.tooltip)
            if span.kind == "violation":
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor("#b3261e"))
            cursor.mergeCharFormat(fmt)
            self.spans.append(span)

    def tooltip_at(self, position: int) -> str:
        return "\n".join(s.tooltip for s in self.spans if s.start <= position < s.end)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event = event
            cursor = self.cursorForPosition(help_event.pos())  # type: ignore[attr-defined]
            tip = self.tooltip_at(cursor.position())
            if tip:
                QToolTip.showText(help_event.globalPos(), tip, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


def _mark_label() -> QLabel:
    """Always shown above a machine translation: a draft for understanding, not a translation anyone
    certified (exported documents carry the same mark until a translator signs them off)."""
    mark = QLabel()
    mark.setWordWrap(True)
    mark.setStyleSheet(
        "background: #fff4e5; color: #663c00; border: 1px solid #f0c36d; padding: 4px; border-radius: 3px;"
    )
    mark.hide()
    return mark


class TranslateView(QWidget):
    """Page of the main window: paste a message, translate it, approve it."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.result: TranslationResult | None = None
        self.detection: detect.Detection | None = None
        self._source_overridden = False
        self._detect_generation = 0
        self._detect_timer = QTimer(self)
        self._detect_timer.setSingleShot(True)
        self._detect_timer.setInterval(350)
        self._detect_timer.timeout.connect(self.detect_now)
        self.match_dialog: QDialog | None = None  # "Use a memory match…", while open (tests read it)
        self._build()
        self.retranslate_ui()
        session.locked.connect(self.clear)
        from ui.views import document_drop  # noqa: PLC0415  (its dialog imports this module)

        self.documents = document_drop.install(self, session)

    def _build(self) -> None:
        self.input = QPlainTextEdit()
        self.input.textChanged.connect(self._input_changed)
        self.source = QComboBox()
        self.target = QComboBox()
        for code in detect.DEFAULT_LANGUAGES:
            self.source.addItem(language_label(code), code)
            self.target.addItem(language_label(code), code)
        self.source.activated.connect(self._source_chosen)
        self.target.setCurrentIndex(max(self.target.findData("en"), 0))
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        self.translate_button = QPushButton()
        self.translate_button.clicked.connect(self.translate)
        self.approve_button = QPushButton()
        self.approve_button.clicked.connect(self.approve)
        self.approve_button.setEnabled(False)
        self.use_match_button = QPushButton(enabled=False)
        self.use_match_button.clicked.connect(self.use_match)
        self.output = ResultView()
        self.mt_mark = _mark_label()
        self.route = QLabel()
        self.glossary = QLabel()
        self.glossary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.suggestions = _rich_label()
        self._labels = {key: QLabel() for key in ("message", "from", "to", "translation")}
        languages = self._languages_grid()
        buttons = QHBoxLayout()
        buttons.addWidget(self.translate_button)
        buttons.addStretch(1)
        buttons.addWidget(self.use_match_button)
        buttons.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._labels["message"])
        layout.addWidget(self.input, 2)
        layout.addLayout(languages)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self._labels["translation"])
        layout.addWidget(self.mt_mark)
        layout.addWidget(self.output, 2)
        layout.addWidget(self.route)
        layout.addWidget(self.glossary)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.legend)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.translate)

    def _languages_grid(self) -> QGridLayout:
        languages = QGridLayout()
        languages.addWidget(self._labels["from"], 0, 0)
        languages.addWidget(self.source, 0, 1)
        languages.addWidget(self.detected, 0, 2)
        languages.addWidget(self._labels["to"], 1, 0)
        languages.addWidget(self.target, 1, 1)
        languages.setColumnStretch(2, 1)
        return languages

    def retranslate_ui(self) -> None:
        self._labels["message"].setText(_("Message to translate"))
        self._labels["from"].setText(_("From"))
        self._labels["to"].setText(_("Into"))
        self._labels["translation"].setText(_("Translation"))
        self.input.setPlaceholderText(_("Paste or type the message here"))
        self.translate_button.setText(_("Translate"))
        self.translate_button.setToolTip(_("Translate offline (Ctrl+Enter)"))
        self.approve_button.setText(_("Approve into translation memory"))
        self.approve_button.setToolTip(_("Reuse these sentences as they are the next time"))
        self.use_match_button.setText(_("Use a memory match…"))
        self.use_match_button.setToolTip(_("Start from a close match in the translation memory and edit it"))
        self.legend.setText(
            _("Blue: from the translation memory. Green: glossary term applied. Red: glossary problem.")
        )
        for combo in (self.source, self.target):
            for i in range(combo.count()):
                combo.setItemText(i, language_label(str(combo.itemData(i))))
        self._show_detection()
        self._show_result_details()

    # --- page interface -------------------------------------------------------------------------

    def new_item(self) -> None:
        self.clear()
        self.input.setFocus()

    def open_record(self, record_id: str) -> None:
        """Nothing is stored by this page; records open elsewhere."""

    def clear(self) -> None:
        self.guard.invalidate()
        self._detect_generation += 1
        self.input.blockSignals(True)
        self.input.clear()
        self.input.blockSignals(False)
        self.result = self.detection = None
        self._source_overridden = False
        self.output.show_result(None)
        self.mt_mark.hide()
        for label in (self.detected, self.message, self.route, self.glossary, self.suggestions):
            label.clear()
        self.approve_button.setEnabled(False)
        self.use_match_button.setEnabled(False)
        engine = shared_engine()
        self.session.runner.run_store(lambda: setattr(engine, "resources", None))  # drop cached memory

    # --- detection ------------------------------------------------------------------------------

    def _input_changed(self) -> None:
        self.approve_button.setEnabled(False)
        self._detect_timer.start()

    def _source_chosen(self, _index: int) -> None:
        self._source_overridden = True
        self._show_detection()

    def detect_now(self) -> None:
        text = self.input.toPlainText()
        self._detect_generation += 1
        generation = self._detect_generation
        if not text.strip():
            self.detection = None
            self._show_detection()
            return

        def done(found: detect.Detection) -> None:
            if generation != self._detect_generation:
                return
            self.detection = found
            if not self._source_overridden:
                self.set_source(found.language, overridden=False)
            self._show_detection()

        def failed(err: BaseException) -> None:
            if generation == self._detect_generation:
                self.detection = None
                self.detected.setText(
                    error_message(err) if isinstance(err, LiaisonError) else _("Not detected")
                )

        self.session.runner.run_io(
            lambda: detect.detect(text), when_alive(self, done), when_alive(self, failed)
        )

    def set_source(self, code: str, overridden: bool = True) -> None:
        index = self.source.findData(code)
        if index < 0:
            self.source.addItem(language_label(code), code)
            index = self.source.count() - 1
        self.source.setCurrentIndex(index)
        self._source_overridden = overridden
        if self.target.currentData() == code:
            self.target.setCurrentIndex(max(self.target.findData("fr" if code == "en" else "en"), 0))

    def _show_detection(self) -> None:
        found = self.detection
        if found is None:
            self.detected.setText("")
            return
        text = _("Detected: {language}, {confidence}% sure").format(
            language=language_label(found.language), confidence=round(found.confidence * 100)
        )
        if not found.reliable:
            text += " — " + _("please check the language")
        if self._source_overridden and self.source.currentData() != found.language:
            text += " — " + _("overridden")
        self.detected.setText(text)

    # --- translation ----------------------------------------------------------------------------

    def translate(self) -> None:
        text = self.input.toPlainText()
        source, target = str(self.source.currentData()), str(self.target.currentData())
        if not text.strip():
            self.message.setText(_("Type or paste a message first."))
            return
        if source == target:
            self.message.setText(_("Choose a target language different from the source language."))
            return
        self.translate_button.setEnabled(False)
        self.approve_button.setEnabled(False)
        self.message.setText(_("Translating…"))
        engine = shared_engine()

        def work(vault: Vault) -> TranslationResult:
            return translation.translate(vault, engine, text, source, target)

        self.guard.query(work, self._translated, lambda err: self._failed(err, source, target))

    def _translated(self, result: TranslationResult) -> None:
        self.result = result
        self.translate_button.setEnabled(True)
        self.approve_button.setEnabled(
            result.faithful and any(s.origin in ("machine", editing.EDITED) for s in result.segments)
        )
        self.use_match_button.setEnabled(any(s.suggestions for s in result.segments))
        self.message.clear()
        self.output.show_result(result)
        self._show_result_details()

    def _show_result_details(self) -> None:
        result = self.result
        if result is None:
            self.mt_mark.hide()
            return
        self._show_mark(result)
        route = " → ".join(language_label(code) for code in result.route)
        if result.pivot:
            route += " " + _("(through {pivot})").format(pivot=", ".join(map(language_label, result.pivot)))
        memory = _("{count} of {total} sentence(s) from the translation memory").format(
            count=result.from_memory, total=len(result.segments)
        )
        self.route.setText(_("Route: {route}. {memory}.").format(route=route, memory=memory))
        problems = [
            _glossary_highlight(c, result.text, (0, len(result.text))).tooltip for c in result.violations
        ]
        if result.lost:
            problems.append(_("Tokens the model dropped: {tokens}").format(tokens=" ".join(result.lost)))
        if result.invented:
            problems.append(
                _("Numbers not in the source, check them: {numbers}").format(
                    numbers=" ".join(result.invented)
                )
            )
        self.glossary.setText("\n".join(problems))
        self.glossary.setStyleSheet("color: #b3261e;" if problems else "")
        self.suggestions.setText(fuzzy_html(result))

    def _show_mark(self, result: TranslationResult) -> None:
        machine = sum(1 for s in result.segments if s.origin == "machine")
        if machine:
            self.mt_mark.setText(
                _(
                    "Unofficial machine translation: for understanding only, not a certified translation. "
                    "Check names, numbers and legal terms against the original before relying on it."
                )
            )
            self.mt_mark.setAccessibleName(_("Unofficial machine translation"))
        else:
            self.mt_mark.setText(_("Every sentence comes from the translation memory (approved earlier)."))
            self.mt_mark.setAccessibleName(_("From the translation memory"))
        self.mt_mark.setProperty("machine", bool(machine))
        self.mt_mark.show()

    def _failed(self, err: BaseException, source: str, target: str) -> None:
        self.translate_button.setEnabled(True)
        if isinstance(err, PackMissing):
            self.message.setText(
                _(
                    "No language pack translates {source} into {target}. Install the “{pair}” pack "
                    "under Language packs (Install from file… or Download…)."
                ).format(
                    source=language_label(source), target=language_label(target), pair=f"{source}-{target}"
                )
            )
            self.message.setToolTip(error_message(err))
        elif isinstance(err, LiaisonError):
            self.message.setText(_("Cannot translate: {reason}").format(reason=error_text(err)))
        else:
            raise err

    def use_match(self) -> None:
        """Take a fuzzy match and edit it (``FuzzyMatchDialog``); the edited sentence replaces
        the machine's and is checked the same way."""
        result = self.result
        if result is None or not any(s.suggestions for s in result.segments):
            return
        from ui.views.fuzzy_match_dialog import FuzzyMatchDialog  # noqa: PLC0415  (built on demand)

        dialog = FuzzyMatchDialog(result, self)
        dialog.accepted.connect(lambda: self._match_taken(result, dialog.chosen))
        self.match_dialog = dialog
        dialog.open()

    def _match_taken(self, result: TranslationResult, chosen: tuple[int, str] | None) -> None:
        if chosen is None or result is not self.result:
            return
        index, text = chosen
        span = segment_spans(result)[index]
        self._translated(editing.replace_segment(result, index, text, span))

    def approve(self) -> None:
        result = self.result
        if result is None:
            return
        self.approve_button.setEnabled(False)

        def done(count: int) -> None:
            self.message.setText(
                _("{count} sentence(s) approved into the translation memory.").format(count=count)
            )

        def failed(err: BaseException) -> None:
            self.approve_button.setEnabled(True)
            self.message.setText(_("Not approved: {reason}").format(reason=error_text(err)))

        self.guard.command("tm_entry", lambda vault: translation.approve_result(vault, result), done, failed)
