"""The MLA requests page: the list (with an overdue filter) and, for the chosen request, the guided
editor with its validation panel, status and deadlines, translation review and PDF export.

All vault work runs on the store thread through the session; rule validation of the form as it is
being edited runs on the io pool (it reads no vault), debounced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QItemSelection, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from liaison.documents import catalogs, countries, deadlines, rules
from liaison.domain.entities import PartyStatus
from liaison.domain.mla import MlaRequest, RequestStatus
from liaison.services import catalog, mla, mla_export
from liaison.store.vault import Vault
from ui import i18n
from ui.dialogs import error_message
from ui.i18n import _, error_text
from ui.models import QueryGuard, country_name, isolated, language_name
from ui.models.packs_model import language_label
from ui.models.requests_model import (
    RequestsFilter,
    RequestsModel,
    country_text,
    load_rows,
    qualified_field_text,
    status_text,
)
from ui.session import Session
from ui.views.pdf_preview import ExportPanel
from ui.views.request_editor import KIND, EditorChoices, RequestEditor
from ui.views.translate_view import when_alive
from ui.views.translation_review import TranslationReview
from ui.widgets.date_field import DateField
from ui.widgets.empty_state import EmptyState
from ui.widgets.form_fields import read_date
from ui.widgets.lazy_widget import LazyWidget
from ui.widgets.splitter_memory import remember_splitter, save_splitter

ERROR_COLOR = QColor("#b3261e")
WARNING_COLOR = QColor("#8a5a00")
_CHOICE_KINDS = frozenset({"contact", "agency", "agreement", "party", "case"})


def rule_set_choices() -> tuple[tuple[str, str], ...]:
    """The rule sets by id, each named by its title in the interface language (a user's own set
    keeps its title as written)."""
    return tuple((r.id, f"{r.id} – {_(r.title)}") for r in rules.list_rule_sets())


def load_choices(vault: Vault) -> EditorChoices:
    """Store thread: what the editor's pickers offer."""
    agency_names = {a.id: a.name for a in catalog.agencies.list(vault)}
    parties: dict[str, set[str]] = {}
    for party in catalog.parties.list(vault):
        if party.status is not PartyStatus.DENOUNCED:
            parties.setdefault(party.agreement_id, set()).add(party.country)
    return EditorChoices(
        countries=tuple((c, country_text(c)) for c in countries.codes()),
        languages=tuple((code, language_label(code)) for code in catalogs.languages()),
        rule_sets=rule_set_choices(),
        cases=tuple((c.id, f"{c.reference} – {c.title}") for c in catalog.cases.list(vault)),
        agencies=tuple((a.id, f"{a.name} ({a.country})") for a in catalog.agencies.list(vault)),
        contacts=tuple(
            (c.id, f"{c.full_name} – {agency_names.get(c.agency_id or '', '')} ({c.country})")
            for c in catalog.contacts.list(vault)
        ),
        agreements=tuple((a.id, a.short_name or a.title) for a in catalog.agreements.list(vault)),
        parties={k: frozenset(v) for k, v in parties.items()},
    )


def issue_text(issue: rules.Issue) -> str:
    """The problem in the interface language: the rule's message template translated through the
    UI catalog (it is extracted from the rule files), then filled with the issue's values, with
    country and language names in the interface language. In English it is the core's message, as
    the command line prints it; a template the catalog does not know (a user's own rule set) stays
    in English."""
    if i18n.current_language() == "en":
        return issue.message
    params = dict(issue.params)
    names: dict[str, str] = {}
    for key in ("requesting_state_name", "requested_state_name"):
        if key in params and params.get(f"{key}_code"):
            names[key] = country_name(params[f"{key}_code"])
    if "language" in params and params.get("language_code"):
        names["language"] = language_name(params["language_code"])
    if params.get("accepted"):
        separator = "، " if i18n.is_rtl() else ", "
        names["accepted"] = separator.join(
            f"{language_name(code)} ({code})" for code in params["accepted"].split(", ")
        )
    try:
        return issue.format_with(_(issue.msgid), **names)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return issue.message


class ValidationPanel(QWidget):
    """Every missing or inconsistent field with its rule and article; activating one focuses it."""

    field_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        # The problem takes the width left and wraps: no sideways scrolling to read a sentence
        # (in Arabic its beginning was cut off on the left).
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        # After the resize is done (during the signal the tree still reports the old widths).
        header.sectionResized.connect(lambda *_args: QTimer.singleShot(0, self._fit_rows))
        self.tree.itemClicked.connect(self._activated)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.issues: list[rules.Issue] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Missing or inconsistent information"))
        self.tree.setHeaderLabels([_("Field"), _("Problem"), _("Required by")])
        self.set_issues(self.issues)

    def set_issues(self, issues: Sequence[rules.Issue]) -> None:
        self.issues = list(issues)
        self.tree.clear()
        for issue in self.issues:
            message = issue_text(issue)
            item = QTreeWidgetItem(
                [
                    qualified_field_text(issue.field),
                    isolated(message),
                    isolated(f"{issue.rule_set}: {issue.article}"),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, issue.field)
            color = ERROR_COLOR if issue.level == rules.IssueLevel.ERROR else WARNING_COLOR
            item.setForeground(0, QBrush(color))
            tip = message + (f"\n{_(issue.note)}" if issue.note else "")
            for column in range(3):
                item.setToolTip(column, tip)
            self.tree.addTopLevelItem(item)
        self.tree.setColumnWidth(0, 170)
        self.tree.setColumnWidth(2, 150)
        self._fit_rows()
        errors = sum(1 for i in self.issues if i.level == rules.IssueLevel.ERROR)
        warnings = len(self.issues) - errors
        if not self.issues:
            self.summary.setText(_("Nothing missing for this rule set."))
        else:
            self.summary.setText(
                _("{errors} required, {warnings} advisory. Click one to go to the field.").format(
                    errors=errors, warnings=warnings
                )
            )

    def _fit_rows(self) -> None:
        """Each row as high as its longest wrapped cell (the tree does not measure wrapped text)."""
        metrics = self.tree.fontMetrics()
        widths = [max(self.tree.columnWidth(c) - 8, 40) for c in range(self.tree.columnCount())]
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            wrap = Qt.TextFlag.TextWordWrap
            height = max(
                metrics.boundingRect(QRect(0, 0, width, 10_000), wrap, item.text(c)).height()
                for c, width in enumerate(widths)
            )
            item.setSizeHint(0, QSize(widths[0], height + 6))
        self.tree.doItemsLayout()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.field_activated.emit(str(item.data(0, Qt.ItemDataRole.UserRole)))


class StatusPanel(QWidget):
    """Lifecycle (with channel and foreign reference), history and the running clocks."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.request: MlaRequest | None = None
        self.current = QLabel()
        self.current.setStyleSheet("font-weight: bold;")
        self.change_box = QGroupBox()
        form = QFormLayout(self.change_box)
        self.new_status = QComboBox()
        self.on = DateField()  # the interface's date format, or a calendar
        self.on.setMaximumWidth(170)
        self.channel = QLineEdit()
        self.reference = QLineEdit()
        self.note = QLineEdit()
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self.apply)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._labels = [QLabel() for _i in range(5)]
        for label, widget in zip(
            self._labels, (self.new_status, self.on, self.channel, self.reference, self.note), strict=True
        ):
            form.addRow(label, widget)
        form.addRow("", self.apply_button)
        form.addRow(self.message)
        self.deadlines = QTreeWidget()
        self.deadlines.setRootIsDecorated(False)
        self.history = QTreeWidget()
        self.history.setRootIsDecorated(False)
        self.deadlines_label, self.history_label = QLabel(), QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(self.change_box)
        layout.addWidget(self.deadlines_label)
        layout.addWidget(self.deadlines, 1)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.change_box.setTitle(_("Change the status"))
        for label, text in zip(
            self._labels,
            (_("New status"), _("On"), _("Channel"), _("Foreign reference"), _("Note")),
            strict=True,
        ):
            label.setText(text)
        self.on.retranslate_ui()
        self.channel.setPlaceholderText(_("e.g. e-EDES, SIENA, diplomatic post"))
        self.reference.setPlaceholderText(_("their reference, once they acknowledge"))
        self.apply_button.setText(_("Apply"))
        self.deadlines_label.setText(_("Deadlines"))
        self.history_label.setText(_("History"))
        self.deadlines.setHeaderLabels([_("Due"), _("Deadline"), _("Basis"), _("State")])
        self.history.setHeaderLabels([_("Date"), _("Status"), _("Channel"), _("Reference"), _("Note")])
        if self.request is not None:
            self.set_request(self.request, self._clocks)

    def set_request(self, request: MlaRequest | None, clocks: Sequence[deadlines.Deadline] = ()) -> None:
        self.request, self._clocks = request, list(clocks)
        self.deadlines.clear()
        self.history.clear()
        self.new_status.clear()
        self.message.clear()
        self.setEnabled(request is not None)
        if request is None:
            self.current.setText(_("Save the request to track its status."))
            return
        self.current.setText(_("Status: {status}").format(status=status_text(request.status)))
        for status in RequestStatus:
            if status in deadlines.allowed_transitions(request.status):
                self.new_status.addItem(status_text(status), status.value)
        self.apply_button.setEnabled(self.new_status.count() > 0)
        self.on.set_date(dt.date.today())
        for clock in self._clocks:
            state = _("done") if clock.done else (_("overdue") if clock.overdue else _("running"))
            item = QTreeWidgetItem([clock.due.isoformat(), _(clock.label), clock.basis, state])
            if clock.overdue and not clock.done:
                item.setForeground(3, QBrush(ERROR_COLOR))
            self.deadlines.addTopLevelItem(item)
        for change in request.history:
            row = [
                change.on.isoformat(),
                status_text(change.status),
                change.channel,
                change.reference,
                change.note,
            ]
            self.history.addTopLevelItem(QTreeWidgetItem(row))
        for tree in (self.deadlines, self.history):
            for column in range(tree.columnCount() - 1):
                tree.resizeColumnToContents(column)

    def apply(self) -> None:
        if self.request is None or self.new_status.currentData() is None:
            return
        on = read_date(self.on, self.message)
        if on is None:
            return
        status = RequestStatus(self.new_status.currentData())
        args = (self.channel.text().strip(), self.reference.text().strip(), self.note.text().strip())
        request_id = self.request.id

        def work(vault: Vault) -> MlaRequest:
            return mla_export.set_status(vault, request_id, status, on, *args)

        def failed(err: BaseException) -> None:
            self.message.setText(_("Not changed: {reason}").format(reason=error_text(err)))

        self.guard.command(KIND, work, None, failed)


class RequestsView(QWidget):
    """Page of the main window: ``new_item`` (Ctrl+N), ``open_record``, ``clear`` on lock."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.guard = QueryGuard(session, self)
        self.model = RequestsModel(self)
        self.proxy = RequestsFilter(self)
        self.proxy.setSourceModel(self.model)
        self._validation_timer = QTimer(self)
        self._validation_timer.setSingleShot(True)
        self._validation_timer.setInterval(400)
        self._validation_timer.timeout.connect(self.validate_now)
        self._validation_generation = 0
        self._build()
        self.retranslate_ui()
        session.unlocked.connect(self.reload)
        session.locked.connect(self.clear)
        session.records_changed.connect(self._records_changed)
        if session.is_unlocked:
            self.reload()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.overdue_only = QCheckBox()
        self.overdue_only.toggled.connect(self.proxy.set_overdue_only)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_item)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.overdue_only)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.new_button)
        self.right = QStackedWidget()
        self.right.addWidget(self._build_empty_state())
        self.right.addWidget(self._build_tabs())
        # The list folds away (button or drag) to give the editor the whole width on a small screen.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, True)
        self.splitter.setCollapsible(1, False)
        remember_splitter(self.splitter, "requests/list", (280, 820))
        self.splitter.splitterMoved.connect(lambda _pos, _index: self._update_list_toggle())
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.editor.save)

    def _build_empty_state(self) -> QWidget:
        self.empty_state = EmptyState()  # the same guidance widget as the other record pages
        self.empty_state.action.connect(self.new_item)
        self.empty_label = self.empty_state.label
        return self.empty_state

    def _build_tabs(self) -> QTabWidget:
        self.editor = RequestEditor(self.session, gradual=True)  # its sections: ``build_more``
        self.editor.saved.connect(self._saved)
        self.editor.edited.connect(self._validation_timer.start)
        self.validation = ValidationPanel()
        self.validation.field_activated.connect(self.editor.focus_field)
        self.editor_split = QSplitter(Qt.Orientation.Vertical)
        self.editor_split.addWidget(self.editor)
        self.editor_split.addWidget(self.validation)
        self.editor_split.setStretchFactor(0, 3)
        self.editor_split.setStretchFactor(1, 1)
        self.editor_split.setCollapsible(0, False)
        remember_splitter(self.editor_split, "requests/validation", (520, 200))
        # Built one per event-loop turn by ``build_more``, or when first needed.
        self._panels: tuple[LazyWidget[Any], ...] = (
            LazyWidget(lambda: StatusPanel(self.session)),
            LazyWidget(lambda: TranslationReview(self.session)),
            LazyWidget(lambda: ExportPanel(self.session)),
        )
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.editor_split, "")
        for panel in self._panels:
            self.tabs.addTab(panel, "")
        self.list_toggle = QToolButton()
        self.list_toggle.setAutoRaise(True)
        self.list_toggle.clicked.connect(self.toggle_list)
        self.tabs.setCornerWidget(self.list_toggle, Qt.Corner.TopLeftCorner)
        return self.tabs

    @property
    def status_panel(self) -> StatusPanel:
        return cast(StatusPanel, self._panels[0].widget())

    @property
    def review(self) -> TranslationReview:
        return cast(TranslationReview, self._panels[1].widget())

    @property
    def export(self) -> ExportPanel:
        return cast(ExportPanel, self._panels[2].widget())

    def build_more(self) -> bool:
        """Build the next part not built yet: a few of the editor's sections, then one panel (the
        main window calls it between event-loop turns while it prepares the pages); True while
        some are left."""
        if not self.editor.built:
            self.editor.build_more()
            return True
        left = [panel for panel in self._panels if not panel.built]
        if left:
            left[0].widget()
        return len(left) > 1

    def _update_empty_text(self) -> None:
        self.empty_state.set_texts(
            _("Choose a request in the list, or draft a new one: the form follows the instrument's rules.")
            if self.model.rowCount()
            else _("No request yet. Draft the first one: the form asks for what the instrument requires."),
            _("New request"),
        )

    # --- the list folds away ----------------------------------------------------------------------

    @property
    def list_visible(self) -> bool:
        return self.splitter.sizes()[0] > 0

    def toggle_list(self) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if sizes[0] > 0:
            self._list_width = sizes[0]
            self.splitter.setSizes([0, total])
        else:
            width = max(getattr(self, "_list_width", 280), 200)
            self.splitter.setSizes([width, max(total - width, 0)])
        save_splitter(self.splitter)
        self._update_list_toggle()

    def _update_list_toggle(self) -> None:
        shown = self.list_visible
        self.list_toggle.setText("◀" if shown else "▶")
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            self.list_toggle.setText("▶" if shown else "◀")
        tip = _("Hide the list of requests") if shown else _("Show the list of requests")
        self.list_toggle.setToolTip(tip)

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Filter requests"))
        self.overdue_only.setText(_("Overdue only"))
        self.new_button.setText(_("New request"))
        self.new_button.setToolTip(_("Draft a new request (Ctrl+N)"))
        self._update_empty_text()
        self._update_list_toggle()
        for index, text in enumerate((_("Draft"), _("Status and deadlines"), _("Translations"), _("Export"))):
            self.tabs.setTabText(index, text)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, RequestsModel.COLUMN_COUNT - 1)
        built = [panel.widget() for panel in self._panels if panel.built]  # the others build translated
        for widget in (self.editor, self.validation, *built):
            widget.retranslate_ui()  # type: ignore[attr-defined]
        if self.session.is_unlocked:  # the pickers' country and language names
            self.guard.query(load_choices, self.editor.set_choices)

    # --- page interface -------------------------------------------------------------------------

    def new_item(self) -> None:
        if not self._may_leave():
            return
        self.table.clearSelection()
        self._show(None, ())
        self.tabs.setCurrentIndex(0)
        self.editor.focus_field("our_reference")

    def open_record(self, record_id: str) -> None:
        if not self._may_leave():
            return

        def work(vault: Vault) -> tuple[MlaRequest, list[deadlines.Deadline]]:
            request = mla.requests.get(vault, record_id)
            return request, mla_export.request_deadlines(vault, request.id, dt.date.today())

        self.guard.query(work, lambda result: self._show(*result), self._open_failed)

    def clear(self) -> None:
        self.guard.invalidate()
        self._validation_generation += 1
        self.model.clear()
        self.editor.clear()
        self.validation.set_issues([])
        self.status_panel.set_request(None)
        self.review.set_request(None)
        self.export.set_request(None)
        self.right.setCurrentIndex(0)

    def reload(self) -> None:
        self.guard.query(load_rows, self._rows_loaded)
        self.guard.query(load_choices, self.editor.set_choices)

    # --- internals ------------------------------------------------------------------------------

    def _records_changed(self, kind: str) -> None:
        if not self.session.is_unlocked:
            return
        if kind == KIND:
            self.guard.query(load_rows, self._rows_loaded)
            current = self.editor.request
            if current is not None and not self.editor.dirty:
                self.open_record(current.id)
        elif kind in _CHOICE_KINDS:
            self.guard.query(load_choices, self.editor.set_choices)

    def _rows_loaded(self, rows: list[object]) -> None:
        current = self.editor.request
        self.model.set_rows(rows)  # type: ignore[arg-type]
        self._update_empty_text()
        if current is not None:
            self._select(current.id)

    def _select(self, request_id: str) -> None:
        row = self.model.row_of(request_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(index.row())
            self.table.selectionModel().blockSignals(False)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        request = self.proxy.data(indexes[0], RequestsModel.ObjectRole)
        current = self.editor.request
        if isinstance(request, MlaRequest) and (current is None or current.id != request.id):
            self.open_record(request.id)

    def _show(self, request: MlaRequest | None, clocks: Sequence[deadlines.Deadline]) -> None:
        self.right.setCurrentWidget(self.tabs)
        if request is None or self.editor.dirty or self.editor.request != request:
            # Not when the very request shown comes back unchanged (an export reloads it): loading
            # ~110 fields and their blocks froze the window 100+ ms for nothing.
            self.editor.load(request)
        self.status_panel.set_request(request, clocks)
        self.review.set_request(request)
        self.export.set_request(request)
        for index in (1, 2, 3):
            self.tabs.setTabEnabled(index, request is not None)
        if request is not None:
            self._select(request.id)
        self.validate_now()

    def _open_failed(self, err: BaseException) -> None:
        QMessageBox.warning(
            self, _("Request"), _("Cannot open the request: {reason}").format(reason=error_text(err))
        )

    def _saved(self, request: MlaRequest) -> None:
        self._reopen(request.id)

    def _reopen(self, request_id: str) -> None:
        self.open_record(request_id)

    def _may_leave(self) -> bool:
        if not self.editor.dirty:
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            _("The request has unsaved changes. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def validate_now(self) -> None:
        """Check the form as it is now against its rule set (io pool); stale answers are dropped."""
        self._validation_generation += 1
        generation = self._validation_generation
        try:
            candidate = self.editor.candidate()
        except ValueError as err:
            self.editor.show_error(error_message(err))
            return

        def done(issues: list[rules.Issue]) -> None:
            if generation == self._validation_generation:
                self.validation.set_issues([i for i in issues if self.editor.shows_field(i.field)])

        def failed(err: BaseException) -> None:
            if generation == self._validation_generation:
                self.validation.summary.setText(
                    _("Cannot check the request: {reason}").format(reason=error_text(err))
                )

        self.session.runner.run_io(
            lambda: rules.validate(candidate), when_alive(self, done), when_alive(self, failed)
        )
