"""Records kept on this device only (``liaison sync local-only``): the marks in every list, and the
check box in every editor that shows and changes it.

``track(session)`` keeps ``ui.models.local_marks`` current: loaded on the store thread at unlock and
after every change, emptied at lock. ``LocalOnlyBox`` is the editors' check box. A dialog with
Save/Cancel applies it with the save, in the same vault transaction (``wrap``): a new record marked
local only is never part of a change set that could be sent, not even for a moment. An editor
embedded in a page (notes, requests) applies a change to a saved record at once (``immediate``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QCheckBox, QWidget

from liaison.services.sync import service
from liaison.store import sync_log
from liaison.store.vault import Vault
from ui.i18n import _
from ui.models import QueryGuard, local_marks
from ui.session import Session

T = TypeVar("T")


class _Tracker(QObject):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session
        session.unlocked.connect(self.reload)
        session.records_changed.connect(lambda _kind: self.reload())
        session.locked.connect(lambda: local_marks.marks().set_ids(frozenset()))
        if session.is_unlocked:
            self.reload()

    def reload(self) -> None:
        if self.session.is_unlocked:
            self.session.query(sync_log.local_only_ids, self._loaded, lambda _e: None)

    def _loaded(self, ids: frozenset[str]) -> None:
        if self.session.is_unlocked:
            local_marks.marks().set_ids(ids)


def track(session: Session) -> None:
    """Keep the list marks current for ``session`` (once per session; later calls do nothing)."""
    if not isinstance(getattr(session, "_local_only_tracker", None), _Tracker):
        session._local_only_tracker = _Tracker(session)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Marked:
    """What a toggle-only save returns: the record's id, as the editors' ``saved`` signal wants."""

    id: str


class LocalOnlyBox(QCheckBox):
    """Checked: the record stays on this device. ``show_record(id)`` loads its state (None: new)."""

    def __init__(
        self,
        guard: QueryGuard,
        session: Session,
        kind: str,
        immediate: bool,
        parent: QWidget,
        *,
        compact: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("local-only")
        # Compact: "Local only", the rest in the tooltip, where a row of buttons leaves no room
        # (beside the note editor's buttons the long caption made the case pane 530 px wide).
        self.compact = compact
        self.guard = guard
        self.session = session
        self.kind = kind
        self.immediate = immediate
        self.record_id: str | None = None
        self.stored = False
        self.clicked.connect(self._clicked)
        track(session)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        why = _(
            "A record kept on this device only never leaves it, not even to the agency's "
            "server. Uncheck to share it again: the other devices then receive it whole."
        )
        if self.compact:
            self.setText(_("&Local only"))
            self.setToolTip(_("Keep on this device, never sync.") + " " + why)
        else:
            self.setText(_("&Local only: keep on this device, never sync"))
            self.setToolTip(why)

    def show_record(self, record_id: str | None) -> None:
        self.record_id = record_id
        self.stored = record_id is not None and local_marks.is_local_only(record_id)  # at once
        self.setChecked(self.stored)
        if record_id is not None:  # then the vault's word
            self.guard.query(lambda v: sync_log.is_local_only(v, record_id), self._loaded(record_id))

    def _loaded(self, record_id: str) -> Callable[[bool], None]:
        def done(local: bool) -> None:
            if record_id != self.record_id:
                return
            if self.isChecked() == self.stored:  # not changed by the officer meanwhile
                self.setChecked(local)
            self.stored = local

        return done

    @property
    def changed(self) -> bool:
        return self.isChecked() != self.stored

    def wrap(self, work: Callable[[Vault], T]) -> Callable[[Vault], T]:
        """``work`` and, when the box changed, the mark of the record it returns, in one transaction."""
        want, changed, kind = self.isChecked(), self.changed, self.kind

        def both(vault: Vault) -> T:
            with vault.transaction():
                result = work(vault)
                record_id = str(getattr(result, "id", "") or "")
                if record_id and changed:
                    service.set_local_only(vault, kind, record_id, want)
            return result

        return both

    def toggle_only(self) -> Callable[[Vault], Any] | None:
        """The write for a form whose fields did not change but whose box did (None: neither)."""
        if not self.changed or self.record_id is None:
            return None
        record_id, want, kind = self.record_id, self.isChecked(), self.kind

        def mark(vault: Vault) -> Marked:
            service.set_local_only(vault, kind, record_id, want)
            return Marked(record_id)

        return mark

    def saved(self, record_id: str) -> None:
        """After a save: the box now shows what the vault holds."""
        self.record_id, self.stored = record_id, self.isChecked()

    def _clicked(self, checked: bool) -> None:
        if not self.immediate or self.record_id is None:
            return
        record_id, kind = self.record_id, self.kind

        def done(_result: object) -> None:
            if record_id == self.record_id:
                self.stored = checked

        def failed(_error: BaseException) -> None:
            if record_id == self.record_id:
                self.setChecked(self.stored)

        self.guard.command(kind, lambda v: service.set_local_only(v, kind, record_id, checked), done, failed)
