"""Qt table models over vault records (Vorta style) and what they share.

Every list is a ``RecordTableModel``: column constants, ``SortRole`` (a plain comparable value per
cell), ``ObjectRole`` (the record itself) and a ``RecordFilterProxy`` on top. Models hold decrypted
data only while the vault is open: ``clear()`` drops it on lock. Models never read the vault; views
load records through a ``QueryGuard`` (session queries whose late results are dropped after a
``clear()`` or once the view is gone) and hand them to ``set_records``.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

import shiboken6
from babel import Locale, UnknownLocaleError
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication

from liaison.domain import (
    AgencyKind,
    AgreementKind,
    AgreementStatus,
    CaseStatus,
    ContactRole,
    ContactStatus,
    PartyStatus,
    TrustLevel,
    folding,
)
from liaison.errors import VaultLocked
from ui.dialogs import error_message
from ui.i18n import N_, _, current_language
from ui.models import local_marks
from ui.session import Session

T = TypeVar("T")
R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex

SortRole = int(Qt.ItemDataRole.UserRole) + 1
ObjectRole = int(Qt.ItemDataRole.UserRole) + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)


def isolated(text: str) -> str:
    """A cell's text as its own bidi paragraph in a right-to-left interface (U+2068 … U+2069):
    a Latin name with brackets or digits is not reordered by the Arabic around it ("(DE) Müller"
    for "Müller (DE)"). Left-to-right interfaces get the text unchanged."""
    if not text or QCoreApplication.instance() is None:
        return text
    if QGuiApplication.layoutDirection() != Qt.LayoutDirection.RightToLeft:
        return text
    return f"\u2068{text}\u2069"


_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)

_LABELS: dict[type[enum.Enum], dict[str, str]] = {
    TrustLevel: {
        TrustLevel.MET_IN_PERSON: N_("Met in person"),
        TrustLevel.VERIFIED_DIRECTORY: N_("Verified in a directory"),
        TrustLevel.INTRODUCED: N_("Introduced"),
        TrustLevel.UNVERIFIED: N_("Unverified"),
    },
    ContactRole: {
        ContactRole.CENTRAL_AUTHORITY_CASEWORKER: N_("Central authority caseworker"),
        ContactRole.PROSECUTOR: N_("Prosecutor"),
        ContactRole.INVESTIGATING_JUDGE: N_("Investigating judge"),
        ContactRole.POLICE_INVESTIGATOR: N_("Police investigator"),
        ContactRole.NCB_OFFICER: N_("NCB officer"),
        ContactRole.LIAISON_OFFICER: N_("Liaison officer"),
        ContactRole.EJN_CONTACT_POINT: N_("EJN contact point"),
        ContactRole.EUROJUST_NATIONAL_MEMBER: N_("Eurojust national member"),
        ContactRole.LEGAL_ATTACHE: N_("Legal attaché"),
        ContactRole.OTHER: N_("Other"),
    },
    AgencyKind: {
        AgencyKind.POLICE: N_("Police"),
        AgencyKind.PROSECUTION: N_("Prosecution"),
        AgencyKind.JUDICIARY: N_("Judiciary"),
        AgencyKind.CENTRAL_AUTHORITY: N_("Central authority"),
        AgencyKind.MINISTRY: N_("Ministry"),
        AgencyKind.CUSTOMS: N_("Customs"),
        AgencyKind.FIU: N_("Financial intelligence unit"),
        AgencyKind.INTERNATIONAL: N_("International organisation"),
        AgencyKind.OTHER: N_("Other"),
    },
    ContactStatus: {
        ContactStatus.ACTIVE: N_("Active"),
        ContactStatus.MOVED: N_("Moved"),
        ContactStatus.RETIRED: N_("Retired"),
    },
    AgreementKind: {
        AgreementKind.MULTILATERAL: N_("Multilateral convention"),
        AgreementKind.PROTOCOL: N_("Protocol"),
        AgreementKind.BILATERAL_MLAT: N_("Bilateral MLA treaty"),
        AgreementKind.EU_INSTRUMENT: N_("EU instrument"),
        AgreementKind.NON_BINDING_SCHEME: N_("Non-binding scheme"),
        AgreementKind.MOU: N_("Memorandum of understanding"),
        AgreementKind.RECIPROCITY: N_("Reciprocity"),
    },
    AgreementStatus: {
        AgreementStatus.OPEN_FOR_SIGNATURE: N_("Open for signature"),
        AgreementStatus.IN_FORCE: N_("In force"),
        AgreementStatus.NOT_IN_FORCE: N_("Not in force"),
        AgreementStatus.SUPERSEDED: N_("Superseded"),
        AgreementStatus.TERMINATED: N_("Terminated"),
    },
    PartyStatus: {
        PartyStatus.SIGNED: N_("Signed"),
        PartyStatus.IN_FORCE: N_("In force"),
        PartyStatus.DENOUNCED: N_("Denounced"),
    },
    CaseStatus: {
        CaseStatus.OPEN: N_("Open"),
        CaseStatus.DORMANT: N_("Dormant"),
        CaseStatus.CLOSED: N_("Closed"),
    },
}


def label(value: enum.Enum) -> str:
    """The translated display name of an enum member (the raw value if none is declared)."""
    text = _LABELS.get(type(value), {}).get(value.value)
    return _(text) if text else str(value.value).replace("_", " ")


def interface_locale() -> Locale | None:
    """The interface language as a babel locale (None if babel does not know it)."""
    try:
        return Locale.parse(current_language())
    except (UnknownLocaleError, ValueError):
        return None


def country_name(code: str) -> str:
    """Country name in the interface language (the code itself when unknown)."""
    locale = interface_locale()
    return str(locale.territories.get(code, code)) if locale and code else code


def language_name(code: str) -> str:
    locale = interface_locale()
    return str(locale.languages.get(code, code)) if locale and code else code


def format_date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def format_timestamp(value: str) -> str:
    """An ISO 8601 UTC store timestamp as local date and time (minutes)."""
    if not value:
        return ""
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M")


def details_html(rows: Iterable[tuple[str, str]]) -> str:
    """Caption/value rows as a small HTML table for a read-only ``QTextBrowser`` (wraps properly).

    Values are record data: always escaped, so a note or a name can never inject markup. Every
    cell keeps its own direction (a Latin name stays left to right in Arabic) but is aligned to
    the interface's start side, so Latin and Arabic values line up in one column.
    """
    rtl = QCoreApplication.instance() is not None and (
        QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    )
    start, gap = ("right", "padding-left") if rtl else ("left", "padding-right")
    cells = "".join(
        f'<tr><td align="{start}" valign="top" style="color:#666666; {gap}:10px; white-space:nowrap">'
        f"{html.escape(caption)}</td>"
        f'<td align="{start}" valign="top">{html.escape(value).replace(chr(10), "<br>")}</td></tr>'
        for caption, value in rows
        if value
    )
    return f'<table cellspacing="0" cellpadding="2">{cells}</table>'


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows of records; subclasses declare ``COLUMNS`` (``N_()`` titles) and ``cell()``."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[R] = []
        local_marks.marks().changed.connect(self._marks_changed)

    def _marks_changed(self) -> None:
        if shiboken6.isValid(self):
            self.refresh_column(0)

    # -- content --------------------------------------------------------------------------------
    def set_records(self, records: Iterable[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def clear(self) -> None:
        self.set_records([])

    def records(self) -> Sequence[R]:
        return tuple(self._records)

    def record(self, row: int) -> R:
        return self._records[row]

    def row_of(self, record_id: str) -> int:
        for row, record in enumerate(self._records):
            if getattr(record, "id", None) == record_id:
                return row
        return -1

    def retranslate(self) -> None:
        """Headers and translated cell labels changed language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        self.refresh_column(0, len(self.COLUMNS) - 1)

    def refresh_column(self, first: int, last: int | None = None) -> None:
        if self._records:
            last = first if last is None else last
            self.dataChanged.emit(self.index(0, first), self.index(len(self._records) - 1, last))

    # -- what subclasses fill in ------------------------------------------------------------------
    def cell(self, record: R, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, record: R, column: int) -> Any:
        return self.cell(record, column).casefold()

    def tooltip(self, record: R, column: int) -> str | None:
        text = self.cell(record, column)
        return text if len(text) > 40 else None

    def extra(self, record: R, column: int, role: int) -> Any:
        return None

    # -- Qt interface -----------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and 0 <= section < len(self.COLUMNS):
            return _(self.COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record, column = self._records[index.row()], index.column()
        handlers: dict[int, Callable[[R, int], Any]] = {
            _DISPLAY: lambda r, c: isolated(self.cell(r, c)),
            SortRole: self.sort_value,
            ObjectRole: lambda r, _c: r,
            _TOOLTIP: self.tooltip,
        }
        marked = column == 0 and role in (_DECORATION, _TOOLTIP)
        if marked and local_marks.is_local_only(getattr(record, "id", None)):
            return self._local_only_mark(record, role)
        handler = handlers.get(role)
        return handler(record, column) if handler else self.extra(record, column, role)

    def _local_only_mark(self, record: R, role: int) -> Any:
        """The first column of a record kept on this device only: an icon, and the tooltip says so."""
        if role == _DECORATION:
            return local_marks.marker_icon()
        tip = self.tooltip(record, 0)
        return local_marks.marker_tip() + (f"\n{tip}" if tip else "")

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts on ``SortRole`` and keeps the rows whose record passes ``accepts()``.

    The free-text filter matches every word against ``haystack()``, both folded by the core's
    ``folding`` (the global search's rules: accents, case, Greek, Cyrillic, Arabic, Turkish, ß, and the
    Latin spelling of native-script names). Folded haystacks are cached per record until the model
    is reset or the language changes (some cells are translated labels).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setSortLocaleAware(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)
        self._words: tuple[folding.QueryWord, ...] = ()
        self._folded: dict[int, tuple[Any, str, str]] = {}
        self.modelReset.connect(self._folded.clear)

    def set_text(self, text: str) -> None:
        self.update_filter(lambda: setattr(self, "_words", folding.query_terms(text)))

    def folded_haystack(self, record: Any) -> str:
        lang = current_language()
        cached = self._folded.get(id(record))
        if cached is None or cached[0] is not record or cached[1] != lang:
            cached = (record, lang, folding.haystack(self.haystack(record)))
            self._folded[id(record)] = cached
        return cached[2]

    def update_filter(self, change: Callable[[], None]) -> None:
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def record_model(self) -> RecordTableModel[Any]:
        source = self.sourceModel()
        assert isinstance(source, RecordTableModel)
        return source

    def record_at(self, proxy_row: int) -> Any:
        return self.index(proxy_row, 0).data(ObjectRole)

    def proxy_row_of(self, record_id: str) -> int:
        row = self.record_model().row_of(record_id)
        if row < 0:
            return -1
        return self.mapFromSource(self.record_model().index(row, 0)).row()

    def haystack(self, record: Any) -> str:
        model = self.record_model()
        return " ".join(model.cell(record, column) for column in range(len(model.COLUMNS)))

    def accepts(self, record: Any) -> bool:
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        record = self.record_model().record(source_row)
        if self._words:
            text = self.folded_haystack(record)
            if not all(word.found_in(text) for word in self._words):
                return False
        return self.accepts(record)


class QueryGuard(QObject):
    """Runs session reads and writes for one view, dropping results nobody should see any more.

    Results are delivered only while this object is alive (it dies with its parent view) and no
    ``invalidate()`` (called by ``clear()`` on lock) happened since the request. Reads that fail
    because the vault was locked meanwhile are ignored; other errors go to ``error`` or, if none,
    to the runner's ``failed`` signal (which the main window reports).
    """

    def __init__(self, session: Session, parent: QObject) -> None:
        super().__init__(parent)
        self._session = session
        self._generation = 0

    def invalidate(self) -> None:
        self._generation += 1

    def _current(self, generation: int) -> bool:
        return shiboken6.isValid(self) and generation == self._generation

    def _deliver(self, done: Callable[[T], None] | None) -> Callable[[T], None]:
        generation = self._generation

        def run(value: T) -> None:
            if done is not None and self._current(generation):
                done(value)

        return run

    def _fail(self, error: Callable[[BaseException], None] | None) -> Callable[[BaseException], None]:
        generation = self._generation
        session = self._session

        def run(exc: BaseException) -> None:
            if isinstance(exc, VaultLocked) or not self._current(generation):
                return
            if error is not None:
                error(exc)
            else:
                session.runner.failed.emit(error_message(exc))

        return run

    def query(
        self,
        work: Callable[[Any], T],
        done: Callable[[T], None] | None,
        error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if self._session.is_unlocked:
            self._session.query(work, self._deliver(done), self._fail(error))

    def command(
        self,
        kind: str,
        work: Callable[[Any], T],
        done: Callable[[T], None] | None = None,
        error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if self._session.is_unlocked:
            self._session.command(kind, work, self._deliver(done), self._fail(error))
        elif error is not None:
            error(VaultLocked(_("The vault is locked.")))
