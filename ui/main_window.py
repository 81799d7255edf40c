"""The main window: navigation on the side, one page at a time, global search, lock, status bar.

Pages are imported lazily by name; a page whose module is missing or broken becomes a placeholder,
so the window always opens. Search results are a page of their own (``SearchView``), shown while the
search box holds text; Enter opens the chosen record on its page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from liaison.services import notes as notes_service
from liaison.services import search as search_service
from liaison.services.search import SearchHit
from ui.app_menus import AppMenus
from ui.dialogs import error_message
from ui.i18n import N_, _
from ui.page_loader import PageSpec, PlaceholderPage, build_page, call_page
from ui.resources import icon
from ui.session import Session
from ui.sync.install import SyncHooks
from ui.vault_menu import VaultMenu
from ui.views.search_view import SearchView
from ui.widgets.network_indicator import NetworkIndicator
from ui.widgets.search_bar import SearchBar

__all__ = [
    "GEOMETRY_KEY",
    "KIND_PAGES",
    "PAGES",
    "MainWindow",
    "NetworkIndicator",
    "PageSpec",
    "PlaceholderPage",
    "build_page",
]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("contacts", N_("Contacts"), "ui.views.contacts_view", "ContactsView"),
    PageSpec("agencies", N_("Agencies"), "ui.views.agencies_view", "AgenciesView"),
    PageSpec("agreements", N_("Agreements"), "ui.views.agreements_view", "AgreementsView"),
    PageSpec("cases", N_("Cases"), "ui.views.cases_view", "CasesView"),
    PageSpec("requests", N_("Requests"), "ui.views.requests_view", "RequestsView"),
    PageSpec("translate", N_("Translate"), "ui.views.translate_view", "TranslateView"),
    PageSpec("packs", N_("Language packs"), "ui.views.packs_view", "PacksView"),
    PageSpec("conflicts", N_("Conflicts"), "ui.views.conflicts_view", "ConflictsView"),
    PageSpec("settings", N_("Settings"), "ui.views.settings_view", "SettingsView"),
)
# Which page opens a search hit of each kind.
KIND_PAGES = {
    "contact": "contacts",
    "agency": "agencies",
    "agreement": "agreements",
    "case": "cases",
    "note": "cases",
    "mla_request": "requests",
}
GEOMETRY_KEY = "window/geometry"


class MainWindow(QMainWindow):
    lock_requested = Signal()
    closing = Signal()
    auto_lock_changed = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None, *, defer_pages: bool = False) -> None:
        """``defer_pages``: build the pages later, one per ``build_next_page()`` call, so that
        preparing the window behind the unlock dialog never freezes it for long."""
        super().__init__(parent)
        self.session = session
        self.runner = session.runner
        self.specs = PAGES
        self._search_generation = 0
        self._searching = False
        self._open_when_ready = False
        self._before_search: QWidget | None = None
        self._build_layout()
        self._build_actions()
        self.app_menus = AppMenus(self)
        self.vault_menu = VaultMenu(self)
        self._build_status_bar()
        self.sync_hooks = SyncHooks(self)
        self.pages: dict[str, QWidget] = {}
        self._pending = list(self.specs)
        self._unfinished: QWidget | None = None  # a page built in parts, not finished yet
        for _spec in self.specs:
            self.nav.addItem(QListWidgetItem())
        if not defer_pages:
            self.finish_pages()
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.itemClicked.connect(lambda _item: self._nav_changed(self.nav.currentRow()))
        self.session.locked.connect(self.clear_pages)
        self.setTabOrder(self.nav, self.search_bar)
        self.setTabOrder(self.search_bar, self.stack)
        self.retranslate_ui()
        self.nav.setCurrentRow(0)
        self._restore_geometry()

    # -- building -----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.nav = QListWidget(self)
        self.nav.setMaximumWidth(190)
        self.nav.setMinimumWidth(140)
        self.nav.setStyleSheet("QListWidget::item { padding: 5px 8px; }")
        self.stack = QStackedWidget(self)
        self.search_view = SearchView(self.stack)
        self.stack.addWidget(self.search_view)
        self.search_view.open_requested.connect(self.open_record)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.search_bar = SearchBar(self)
        self.search_bar.search_requested.connect(self.search)
        self.search_bar.down_pressed.connect(self.search_view.focus_results)
        self.search_bar.enter_pressed.connect(self._search_enter)
        self.search_bar.escape_pressed.connect(self._leave_search)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addWidget(self.search_bar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.resize(1120, 720)

    def _action(
        self, shortcut: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[..., object]
    ) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(QKeySequence.StandardKey.New, self.new_item)
        self.lock_action = self._action("Ctrl+L", self._request_lock)
        self.lock_action.setIcon(icon("lock"))
        self.quit_action = self._action(QKeySequence.StandardKey.Quit, self.close)
        self.find_action = self._action(QKeySequence.StandardKey.Find, self.focus_search)
        self.page_actions = [
            self._action(f"Ctrl+{n}", lambda _checked=False, key=spec.key: self.show_page(key))
            for n, spec in enumerate(self.specs, start=1)
        ]
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addActions([self.new_action, self.lock_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu("")
        self.go_menu.addAction(self.find_action)
        self.go_menu.addSeparator()
        self.go_menu.addActions(self.page_actions)
        self.toolbar.addAction(self.lock_action)

    def _build_status_bar(self) -> None:
        self.network = NetworkIndicator(self)
        self.busy_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setTextVisible(False)
        status = self.statusBar()
        status.addPermanentWidget(self.busy_label)
        status.addPermanentWidget(self.busy_bar)
        status.addPermanentWidget(self.network)
        # Connected before the pages exist: a page that starts loading in __init__ shows as busy.
        self.runner.busy_changed.connect(self._set_busy)
        self.runner.failed.connect(self._task_failed)
        self._set_busy(self.runner.busy)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Liaison"))
        for row, spec in enumerate(self.specs):
            item = self.nav.item(row)
            if item is not None:
                item.setText(_(spec.title))
                item.setToolTip(_("{page} (Ctrl+{n})").format(page=_(spec.title), n=row + 1))
        self.nav.setAccessibleName(_("Sections"))
        self.file_menu.setTitle(_("&File"))
        self.go_menu.setTitle(_("&Go"))
        self.new_action.setText(_("&New item"))
        self.lock_action.setText(_("&Lock"))
        self.lock_action.setToolTip(_("Lock the vault now (Ctrl+L)"))
        self.quit_action.setText(_("&Quit"))
        self.find_action.setText(_("&Find…"))
        for action, spec in zip(self.page_actions, self.specs, strict=True):
            action.setText(_(spec.title))
        self.app_menus.retranslate_ui()
        self.vault_menu.retranslate_ui()
        self.busy_label.setText(_("Working…"))
        self.toolbar.setWindowTitle(_("Search and lock"))
        self.sync_hooks.retranslate_ui()

    def _request_lock(self) -> None:
        self.lock_requested.emit()

    # -- pages --------------------------------------------------------------------------------
    @property
    def pending_modules(self) -> list[str]:
        return [spec.module for spec in self._pending]

    @property
    def pages_ready(self) -> bool:
        return not self._pending and self._unfinished is None

    def build_next_page(self) -> bool:
        """Build one more page, or one more part of a page built in parts (a page with
        ``build_more()``, which returns True while parts are left); True while some are left."""
        if self._unfinished is not None:
            if not self._unfinished.build_more():  # type: ignore[attr-defined]
                self._unfinished = None
        elif self._pending:
            spec = self._pending.pop(0)
            page = build_page(spec, self.session, self.stack)
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            if hasattr(page, "auto_lock_changed"):
                page.auto_lock_changed.connect(self.auto_lock_changed)
            if hasattr(page, "open_requested"):  # a page showing a record that lives on another page
                page.open_requested.connect(self.open_record)
            if spec.key == self.current_page_key():
                self._nav_changed(self.nav.currentRow())
            if hasattr(page, "build_more"):
                self._unfinished = page
        return not self.pages_ready

    def finish_pages(self) -> None:
        while self.build_next_page():
            pass

    def page(self, key: str) -> QWidget:
        self.finish_pages()
        return self.pages[key]

    def current_page_key(self) -> str:
        row = self.nav.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else self.specs[0].key

    def show_page(self, key: str) -> QWidget:
        self.finish_pages()
        row = next(i for i, spec in enumerate(self.specs) if spec.key == key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # _nav_changed switches the stack
        else:
            self._nav_changed(row)
        return self.pages[key]

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            page = self.pages.get(self.specs[row].key)
            if page is not None:
                self.stack.setCurrentWidget(page)

    def new_item(self) -> None:
        key = self.current_page_key()
        page = self.show_page(key)
        call_page(page, "new_item")

    def place(self) -> tuple[str, str | None]:
        """Where the officer is: the page and the record open on it (ids only, nothing decrypted)."""
        key = self.current_page_key()
        page = self.pages.get(key)
        record = None
        current = getattr(page, "current", None)
        if callable(current):
            record = current()
        editor = getattr(page, "editor", None)
        if record is None and editor is not None and hasattr(editor, "request"):
            record = editor.request  # the request editor's open request
        record_id = getattr(record, "id", None)
        return key, record_id if isinstance(record_id, str) and record_id else None

    def restore_place(self, place: tuple[str, str | None]) -> None:
        """After an unlock: the same page, the same record (reloaded from the vault)."""
        key, record_id = place
        if key not in self.pages and not any(spec.key == key for spec in self.specs):
            return
        page = self.show_page(key)
        if record_id:
            call_page(page, "open_record", record_id)

    def clear_pages(self) -> None:
        """On lock: every page drops its decrypted data, open sub-dialogs close, search empties."""
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        for page in self.pages.values():
            call_page(page, "clear")
        self._search_generation += 1
        self._searching = False
        self._open_when_ready = False
        self.search_bar.blockSignals(True)
        self.search_bar.clear()
        self.search_bar.blockSignals(False)
        self.search_view.clear()
        self._leave_search()

    # -- search -------------------------------------------------------------------------------
    @property
    def searching(self) -> bool:
        """A search is on its way to the store thread or back."""
        return self._searching

    def focus_search(self) -> None:
        self.search_bar.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.selectAll()

    def search(self, text: str) -> None:
        self._search_generation += 1
        if not text:
            self._searching = False
            self.search_view.clear()
            self._leave_search()
            return
        if not self.session.is_unlocked:
            return
        if self.stack.currentWidget() is not self.search_view:
            self._before_search = self.stack.currentWidget()
            self.stack.setCurrentWidget(self.search_view)
        generation = self._search_generation
        self._searching = True
        self.search_view.set_searching(text)
        self.session.query(
            lambda vault: search_service.search(vault, text),
            lambda hits: self._search_done(generation, text, hits),
            lambda error: self._search_failed(generation, error),
        )

    def _search_done(self, generation: int, text: str, hits: list[SearchHit]) -> None:
        if generation != self._search_generation:
            return  # an older search, or the vault was locked meanwhile
        self._searching = False
        self.search_view.set_results(text, hits)
        if self._open_when_ready:
            self._open_when_ready = False
            self.search_view.open_current()

    def _search_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._search_generation:
            self._searching = False
            self._open_when_ready = False
            self.statusBar().showMessage(error_message(error), 8000)

    def _search_enter(self) -> None:
        if self._searching:
            self._open_when_ready = True
        else:
            self.search_view.open_current()

    def _leave_search(self) -> None:
        if self.stack.currentWidget() is self.search_view:
            back = self._before_search or self.pages.get(self.current_page_key())
            if back is not None:
                self.stack.setCurrentWidget(back)
        self._before_search = None

    def open_record(self, kind: str, record_id: str) -> None:
        """Show a record on its page (notes open their case)."""
        if kind == "note":
            self.session.query(
                lambda vault: notes_service.get(vault, record_id).case_id,
                lambda case_id: self._open_on_page("cases", case_id),
            )
            return
        key = KIND_PAGES.get(kind)
        if key is not None:
            self._open_on_page(key, record_id)

    def _open_on_page(self, key: str, record_id: str) -> None:
        page = self.show_page(key)
        call_page(page, "open_record", record_id)
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- status -------------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _task_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    # -- window -------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = QSettings().value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.restoreGeometry(saved)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self.closing.emit()
        super().closeEvent(event)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        QTimer.singleShot(0, self._focus_current)

    def _focus_current(self) -> None:
        if self.isVisible() and self.focusWidget() is None:
            self.nav.setFocus(Qt.FocusReason.OtherFocusReason)
