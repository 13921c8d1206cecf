"""The main window: navigation by phase, the File and Edit menus, exports and the plan's lock."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLockFile, QObject, QSettings, Qt, QTime, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QResizeEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStatusBar,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from offsite import __version__
from offsite.domain.errors import OffsiteError
from offsite.domain.values import Kind
from offsite.gui import dialogs
from offsite.gui.drafts import DraftActions
from offsite.gui.forms import Form
from offsite.gui.notify import Notifier
from offsite.gui.page import Page
from offsite.gui.workers import Job, JobThread
from offsite.resources import resource_path

if TYPE_CHECKING:
    from offsite.gui.document import PlanDocument
    from offsite.gui.projection import Projection
    from offsite.gui.projector import ProjectorWindow

log = logging.getLogger(__name__)

#: The phases in the order of an offsite; the key is what ``--view`` takes.
PHASES = (
    ("prepare", "Prepare", "prepare.svg"),
    ("brainstorm", "Brainstorm", "brainstorm.svg"),
    ("plan", "Plan", "plan.svg"),
    ("buyin", "Buy-in", "buyin.svg"),
    ("signoff", "Sign-off", "signoff.svg"),
    ("review", "Review", "review.svg"),
)
VIEW_NAMES = tuple(key for key, _, _ in PHASES)
MAX_RECENT = 8
JSON_FILTER = "Offsite interchange (*.json)"


class PhasePages(dict[str, QWidget]):
    """The phase pages by view name, each built by ``build`` the first time it is looked up.

    Iterating gives only the pages built so far; looking one up (``[key]`` or ``get``) builds it.
    """

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> QWidget:
        if key not in VIEW_NAMES:
            raise KeyError(key)
        page = self._build(key)
        self[key] = page
        return page

    def get(self, key: str, default: QWidget | None = None) -> QWidget | None:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default


class MainWindowForm(Form):
    ui_file = "main_window.ui"
    navigation: QListWidget
    pages: QStackedWidget
    statusbar: QStatusBar
    menuFile: QMenu
    menuRecent: QMenu
    menuEdit: QMenu
    menuView: QMenu
    menuTimer: QMenu
    menuHelp: QMenu
    actionNew: QAction
    actionOpen: QAction
    actionSaveAs: QAction
    actionNewDraft: QAction
    actionExportDraftPack: QAction
    actionMergeDrafts: QAction
    actionMergeHistory: QAction
    actionExportPdf: QAction
    actionExportJson: QAction
    actionQuit: QAction
    actionAbout: QAction
    actionProjector: QAction
    actionTimerStart: QAction
    actionTimerAddMinute: QAction
    actionTimerReset: QAction
    actionShortcuts: QAction


#: Below this window width (1280×800 at 125% scale is 1024 wide, at 150% 853) the phases show as icons only.
COMPACT_WIDTH = 1100
NAVIGATION_WIDTH = {False: 190, True: 64}


def size_for_current(stack: QStackedWidget | QTabWidget) -> None:
    """``stack`` asks for the room of its current page only: the others are ignored in its size."""
    current = stack.currentWidget()
    for index in range(stack.count()):
        page = stack.widget(index)
        policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
        page.setSizePolicy(policy, policy)
    stack.updateGeometry()


class _PagesScroll(QScrollArea):
    """Holds the phase pages: they fill the room there is, and scroll when they need more.

    QScrollArea's own resizing would size word-wrapped pages by their height for the width,
    which overestimates and scrolls a page that fits; the minimum size is what a page needs.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("pagesScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        widget = self.widget()
        if widget is None:
            return
        need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        room = self.maximumViewportSize()
        # A scroll bar for one direction takes room from the other.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        if need.width() > room.width():
            room.setHeight(room.height() - bar)
        if need.height() > room.height():
            room.setWidth(room.width() - bar)
        widget.resize(need.expandedTo(room))


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.ui = ui = MainWindowForm.setup(self)
        self.settings = settings or QSettings()
        self.document: PlanDocument | None = None
        self._lock: QLockFile | None = None
        self._job: JobThread | None = None
        self._progress: QProgressDialog | None = None
        self._cancelled_text = "Export cancelled; nothing was written."
        self.phase_pages = PhasePages(lambda key: QWidget())
        self._placeholders: dict[str, QWidget] = {}
        self._locked: int | None = None  # the number of the version that locks the plan

        self.undo_group = QUndoGroup(self)
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.StandardKey.Redo)  # Ctrl+Y and Ctrl+Shift+Z alike
        ui.menuEdit.addAction(undo)
        ui.menuEdit.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        #: Every confirmation goes here: the status bar has no room left for temporary messages.
        self.notifier = Notifier(self)

        ui.actionNew.setShortcut(QKeySequence.StandardKey.New)
        ui.actionOpen.setShortcut(QKeySequence.StandardKey.Open)
        ui.actionSaveAs.setShortcut(QKeySequence.StandardKey.SaveAs)
        ui.actionExportPdf.setShortcut(QKeySequence("Ctrl+E"))
        ui.actionQuit.setShortcut(QKeySequence.StandardKey.Quit)
        ui.actionNew.triggered.connect(self.new_plan)
        ui.actionOpen.triggered.connect(self.choose_plan)
        ui.actionSaveAs.triggered.connect(self.save_as)
        self.import_action = QAction("&Import Plan…", self)
        self.import_action.setObjectName("actionImport")
        self.import_action.setToolTip(
            "Create a plan from an Offsite JSON file (File ▸ Export JSON writes one)"
        )
        self.import_action.triggered.connect(self.import_plan)
        ui.menuFile.insertAction(ui.actionSaveAs, self.import_action)
        ui.actionExportPdf.triggered.connect(self.export_pdf)
        ui.actionExportJson.triggered.connect(self.export_json)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAbout.triggered.connect(self._about)
        ui.menuRecent.aboutToShow.connect(self._fill_recent)

        for number, (key, title, icon) in enumerate(PHASES, start=1):
            item = QListWidgetItem(QIcon(str(resource_path("icons", icon))), f"{title}")
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{title} (Ctrl+{number})")
            ui.navigation.addItem(item)
            action = QAction(f"&{number}  {title}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, k=key: self.show_view(k))
            ui.menuView.addAction(action)
        ui.navigation.currentRowChanged.connect(self._show_row)
        self._scroll_pages()
        self._setup_room()
        self._setup_parking()
        self._setup_lock_banner()
        self.drafts = DraftActions(self)  # File ▸ New Draft, Export Draft Pack, Merge Drafts
        self._banners.insertWidget(0, self.drafts.banner)

        self._saved_label = QLabel()
        self._path_label = QLabel()
        # The path may be long: it gives way (the window never grows for it), and its tooltip is whole.
        self._path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._path_label.setMinimumWidth(80)
        ui.statusbar.addPermanentWidget(self._saved_label)
        ui.statusbar.addPermanentWidget(self._path_label, 1)
        self.setWindowIcon(QIcon(str(resource_path("icons", "offsite.svg"))))
        self._set_actions_enabled(False)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)  # type: ignore[arg-type]

    # -- opening and closing plans ---------------------------------------------------------
    def open_path(self, path: Path, *, readonly: bool = False, ask: bool = True) -> bool:
        """Open ``path`` in this window; False (with a message shown) when it cannot be opened.

        A plan another Offsite has open is offered read-only (``ask=False`` takes that without asking).
        """
        path = Path(path).resolve()
        lock: QLockFile | None = None
        if not readonly:
            lock = QLockFile(str(path) + ".lock")
            lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
            if not lock.tryLock(0):
                if ask and lock.error() == QLockFile.LockError.LockFailedError:
                    pid, host, _app = lock.getLockInfo()[-3:]
                    where = f"process {pid}" + (f" on {host}" if host else "")
                    if not dialogs.ask_yes_no(
                        self,
                        f"“{path.name}” is already open in another Offsite window ({where}).\n\n"
                        "Two windows editing one plan could confuse each other. Open it read-only instead?",
                    ):
                        return False
                readonly, lock = True, None
        from offsite.gui.document import PlanDocument
        from offsite.services.plans import open_plan

        try:
            plan = open_plan(path, readonly=readonly)
        except OffsiteError as error:
            if lock is not None:
                lock.unlock()
            dialogs.show_error(self, str(error))
            return False
        self._close_document()
        self._lock = lock
        self._install(PlanDocument(plan, self))
        self._remember(path)
        return True

    def _install(self, document: PlanDocument) -> None:
        self.document = document
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.failed.connect(lambda text: dialogs.show_error(self, text))
        document.saved.connect(self._show_saved)
        document.changed.connect(self._on_changed)
        current = self.ui.navigation.currentRow()
        self._locked = document.plan.locked_version()
        # Each phase page is built the first time it is shown (or asked for): opening a plan
        # builds only the page on screen, so the plan appears sooner.
        self._placeholders = {key: QWidget() for key in VIEW_NAMES}
        for holder in self._placeholders.values():
            self.ui.pages.addWidget(holder)
        self.phase_pages = PhasePages(lambda key: self._make_page(document, key))
        self.ui.navigation.setCurrentRow(max(current, 0))
        self._show_row(max(current, 0))
        self._set_actions_enabled(True)
        self.ui.actionSaveAs.setEnabled(True)
        self.drafts.follow(document)
        self._on_changed(frozenset({Kind.PLAN}))
        self._path_label.setText(str(document.plan.path))
        self._path_label.setToolTip(str(document.plan.path))
        self._saved_label.setText(
            "Read-only: this plan is open for editing elsewhere" if document.readonly else "All changes saved"
        )

    def _build_pages(self, document: PlanDocument, keys: Sequence[str]) -> dict[str, QWidget]:
        # The phases (and the storage stack under them) load with the first plan, after the
        # window has painted: start-up shows a window as fast as a bare one.
        from offsite.gui.brainstorm import BrainstormPage
        from offsite.gui.brainstorm.candidates import CandidatesTab
        from offsite.gui.brainstorm.chains import ChainsTab
        from offsite.gui.brainstorm.switch import SwitchTab
        from offsite.gui.brainstorm.workback import WorkBackTab
        from offsite.gui.buyin import BuyInPage
        from offsite.gui.plan import PlanPage
        from offsite.gui.prepare import PreparePage
        from offsite.gui.review import ReviewPage
        from offsite.gui.signoff import SignoffPage

        makers: dict[str, Callable[[], QWidget]] = {
            "prepare": lambda: PreparePage(document),
            "brainstorm": lambda: BrainstormPage(
                document,
                [
                    ("Ask why", ChainsTab(document)),
                    ("Work back", WorkBackTab(document)),
                    ("Team switch", SwitchTab(document)),
                    ("Candidates", CandidatesTab(document)),
                ],
            ),
            "plan": lambda: PlanPage(document),
            "buyin": lambda: BuyInPage(document),
            "signoff": lambda: SignoffPage(document, self.settings),
            "review": lambda: ReviewPage(document),
        }
        return {key: makers[key]() for key in keys}

    def _make_page(self, document: PlanDocument, key: str) -> QWidget:
        """Build the page ``key`` in place of its placeholder in the stack."""
        page = self._build_pages(document, [key])[key]
        holder = self._placeholders.pop(key)
        current = self.ui.pages.currentWidget()
        self.ui.pages.insertWidget(self.ui.pages.indexOf(holder), page)
        self.ui.pages.removeWidget(holder)
        holder.deleteLater()
        self._prepare_page(page)
        self.ui.pages.setCurrentWidget(page if current is holder else current)
        return page

    def _show_row(self, row: int) -> None:
        if self.document is not None and 0 <= row < len(VIEW_NAMES):
            self.phase_pages[VIEW_NAMES[row]]  # built on first sight
        self.ui.pages.setCurrentIndex(row)

    def _prepare_page(self, page: QWidget) -> None:
        """Read-only when the file is (every page) or the plan is signed (the pages that edit content)."""
        assert self.document is not None
        locked = self._locked is not None and getattr(page, "edits_content", True)
        if isinstance(page, Page) and (self.document.readonly or locked):
            page.make_read_only()
        onboarding = getattr(page, "onboarding", None)
        if onboarding is not None:
            onboarding.demoRequested.connect(self.open_demo)
            onboarding.importRequested.connect(self.import_plan)
        for name in ("rejected", "message"):
            signal = getattr(page, name, None)
            if signal is not None:
                signal.connect(self.notifier.problem if name == "rejected" else self.notifier.say)

    def _scroll_pages(self) -> None:
        """Pages scroll rather than force the window wider or taller than a small or scaled screen.

        At 1280×800 every page fits as it is; at 125% or 150% scale (1024×640 or 853×533 in
        layout pixels) the page scrolls instead of being clipped or pushing the window off-screen.
        """
        central = self.ui.pages.parentWidget()
        layout = central.layout()
        scroll = _PagesScroll(central)
        layout.replaceWidget(self.ui.pages, scroll)
        scroll.setWidget(self.ui.pages)
        self.pages_scroll = scroll
        self.ui.pages.currentChanged.connect(self._size_for_current_page)

    def _size_for_current_page(self) -> None:
        """The stack asks for the room of the page on screen only, not of the largest page built
        (and a page with tabs for the room of its tab on screen)."""
        size_for_current(self.ui.pages)
        page = self.ui.pages.currentWidget()
        for tabs in page.findChildren(QTabWidget) if page is not None else ():
            if not tabs.property("offsiteSizedForCurrent"):
                tabs.setProperty("offsiteSizedForCurrent", True)
                tabs.currentChanged.connect(lambda _i, t=tabs: size_for_current(t))
            size_for_current(tabs)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # On a small or scaled screen the phases show as icons (names in their tooltips), so a page gets the room.
        compact = self.width() < COMPACT_WIDTH
        if compact != bool(self.ui.navigation.property("compact")):
            self.ui.navigation.setProperty("compact", compact)
            self.ui.navigation.setFixedWidth(NAVIGATION_WIDTH[compact])
            for row, (_key, title, _icon) in enumerate(PHASES):
                self.ui.navigation.item(row).setText("" if compact else title)

    # -- the lock of a signed plan ------------------------------------------------------------
    def _setup_lock_banner(self) -> None:
        """A bar over every page while the plan is signed, with a link to the Sign-off screen."""
        self.lock_banner = QLabel(self)
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.setWordWrap(True)
        self.lock_banner.setAccessibleName("The plan is signed and read-only")
        self.lock_banner.linkActivated.connect(self.show_view)
        self.lock_banner.hide()
        frame = QWidget(self)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        central = self.takeCentralWidget()
        assert central is not None
        layout.addWidget(self.lock_banner)
        layout.addWidget(central)
        self.setCentralWidget(frame)
        self._banners = layout  # the draft's banner goes over it too

    def _follow_lock(self) -> None:
        """Freezing locks the plan and re-opening unlocks it: the banner says so, and the pages
        that edit content are built again, read-only or editable (make_read_only has no way back,
        and a fresh page cannot keep a control enabled by mistake). Sign-off and Review stay.
        """
        from offsite.gui.signoff import lock_banner_text

        assert self.document is not None
        locked = self.document.plan.locked_version()
        text = lock_banner_text(self.document) if locked is not None else None
        self.lock_banner.setText(text or "")
        self.lock_banner.setVisible(text is not None)
        was_locked, self._locked = self._locked is not None, locked
        if (locked is not None) == was_locked:
            return
        keys = [key for key, page in self.phase_pages.items() if getattr(page, "edits_content", True)]
        row = self.ui.navigation.currentRow()
        for key, page in self._build_pages(self.document, keys).items():
            old = self.phase_pages[key]
            self.ui.pages.insertWidget(self.ui.pages.indexOf(old), page)
            self.ui.pages.removeWidget(old)
            old.deleteLater()
            self.phase_pages[key] = page
            self._prepare_page(page)
        self.ui.pages.setCurrentIndex(max(row, 0))

    def _close_document(self) -> None:
        self._cancel_job(wait=True)
        if self.document is None:
            return
        for page in [*self.phase_pages.values(), *self._placeholders.values()]:
            self.ui.pages.removeWidget(page)
            page.deleteLater()
        self.phase_pages = PhasePages(lambda key: QWidget())
        self._placeholders = {}
        self._locked = None
        self.lock_banner.hide()
        self.drafts.follow(None)
        self.undo_group.removeStack(self.document.undo_stack)
        self.document.close()
        self.document.deleteLater()
        self.document = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _set_actions_enabled(self, enabled: bool) -> None:
        for action in (self.ui.actionSaveAs, self.ui.actionExportPdf, self.ui.actionExportJson):
            action.setEnabled(enabled)

    def _on_changed(self, kinds: frozenset[Kind]) -> None:
        if self.document is not None and kinds & {Kind.PLAN, Kind.VERSION, Kind.SIGNATURE, Kind.REOPENING}:
            self._follow_lock()
        if kinds & {Kind.PLAN, Kind.VERSION, Kind.REOPENING} and self.document is not None:
            title = self.document.view().details.title or self.document.plan.path.stem
            if self.drafts.info is not None:  # whose draft, not the plan it will be merged into
                title = self.drafts.info.label
            suffix = " [read-only]" if self.document.readonly or self._locked is not None else ""
            self.setWindowTitle(f"{title}{suffix} — Offsite")

    def _show_saved(self) -> None:
        self._saved_label.setText(f"All changes saved · {QTime.currentTime().toString('HH:mm:ss')}")

    def show_view(self, key: str) -> None:
        self.ui.navigation.setCurrentRow(VIEW_NAMES.index(key))

    def current_view(self) -> str:
        return VIEW_NAMES[self.ui.navigation.currentRow()]

    # -- File menu ------------------------------------------------------------------------
    def _folder(self) -> str:
        return str(dialogs.start_folder(self.document.plan.path if self.document else None))

    def new_plan(self) -> None:
        path = dialogs.ask_save_path(
            self,
            "New plan",
            str(Path(self._folder()) / "Offsite plan.offsite"),
            dialogs.PLAN_FILTER,
            ".offsite",
        )
        if path is None:
            return
        if path.exists():
            dialogs.show_error(
                self, f"“{path.name}” already exists. Choose another name, or open it with File ▸ Open."
            )
            return
        from offsite.services.plans import create_plan

        try:
            create_plan(path, path.stem).close()
        except OffsiteError as error:
            dialogs.show_error(self, str(error))
            return
        self.open_path(path)
        self.show_view("prepare")

    def choose_plan(self) -> None:
        path = dialogs.ask_open_path(self, "Open plan", self._folder())
        if path is not None:
            self.open_path(path)

    def save_as(self) -> None:
        """Write a safe copy (SQLite backup API) to a new file and continue editing there."""
        if self.document is None:
            return
        suggested = Path(self._folder()) / f"{self.document.plan.path.stem} copy.offsite"
        path = dialogs.ask_save_path(self, "Save plan as", str(suggested), dialogs.PLAN_FILTER, ".offsite")
        if path is None:
            return
        if path.resolve() == self.document.plan.path.resolve():
            self.notifier.say("That is this plan's own file: every change is already saved there.")
            return
        from offsite.store.snapshot import save_copy

        try:
            save_copy(self.document.plan, path)
        except OffsiteError as error:
            dialogs.show_error(self, str(error))
            return
        if self.open_path(path):
            self.notifier.wrote("Saved a copy of the plan; you are now working in it:", path)

    def open_demo(self) -> None:
        """Open the demo plan, a finished offsite to look around in (written first if need be)."""
        from offsite.gui.app import ensure_demo_plan

        try:
            demo = ensure_demo_plan()
        except (OffsiteError, OSError) as error:
            dialogs.show_error(self, f"The demo plan could not be written: {error}")
            return
        if self.open_path(demo):
            self.notifier.say(
                "This is the demo plan: a finished offsite to look around in. Your own plan is in File ▸ Open Recent."
            )

    def import_plan(self) -> None:
        """File ▸ Import Plan: a new plan file made from an Offsite JSON file, then opened."""
        source = dialogs.ask_open_path(self, "Import a plan", self._folder(), JSON_FILTER)
        if source is None:
            return
        suggested = dialogs.start_folder(source) / f"{source.stem}.offsite"
        path = dialogs.ask_save_path(
            self, "Save the imported plan as", str(suggested), dialogs.PLAN_FILTER, ".offsite"
        )
        if path is None:
            return
        from offsite.exchange.interchange import import_json

        try:
            import_json(source, path).close()
        except OffsiteError as error:
            dialogs.show_error(self, str(error))
            return
        if self.open_path(path):
            self.notifier.wrote(f"Imported {source.name} into a new plan:", path)

    def _fill_recent(self) -> None:
        menu = self.ui.menuRecent
        menu.clear()
        paths = self.recent_files()
        for path in paths:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not paths:
            menu.addAction("No recent plans").setEnabled(False)

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self._forget(path)
            dialogs.show_error(
                self,
                f"“{Path(path).name}” is no longer at {Path(path).parent}; it was removed from the list.",
            )
            return
        self.open_path(Path(path))

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _remember(self, path: Path) -> None:
        paths = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self.settings.setValue("recentFiles", paths[:MAX_RECENT])

    def _forget(self, path: str) -> None:
        self.settings.setValue("recentFiles", [p for p in self.recent_files() if p != path])

    # -- exports on a worker ------------------------------------------------------------------
    def export_pdf(self) -> None:
        self._export("PDF", "PDF documents (*.pdf)", ".pdf")

    def export_json(self) -> None:
        self._export("JSON", JSON_FILTER, ".json")

    def _export(self, name: str, file_filter: str, suffix: str) -> None:
        """Ask where, then write the export on a worker; the exchange modules load on first use."""
        if self.document is None:
            return
        plan = self.document.plan
        suggested = dialogs.suggested_path(plan.path, self.document.view().details.title, suffix)
        path = dialogs.ask_save_path(self, f"Export {name}", str(suggested), file_filter, suffix)
        if path is None:
            return

        def job(progress, is_cancelled):  # type: ignore[no-untyped-def]
            if suffix == ".pdf":
                from offsite.exchange.pdf import export_plan_pdf

                return export_plan_pdf(plan, path, progress=progress, is_cancelled=is_cancelled)
            from offsite.exchange.interchange import write_json

            return write_json(plan, path)

        self.run_job(f"Exporting the plan to {name}…", job)

    def run_job(
        self,
        label: str,
        job: Job,
        succeeded: Callable[[str], None] | None = None,
        *,
        cancelled: str = "Export cancelled; nothing was written.",
    ) -> JobThread | None:
        """Run ``job`` on a worker thread with a cancellable progress dialog.

        ``succeeded`` (a bound slot of a QObject, never a lambda) takes the job's result in
        place of the export's “Exported …” message; ``cancelled`` is what the status bar says
        when the user cancels.
        """
        if self._job is not None and self._job.isRunning():
            self.notifier.say("An export is still running; wait for it or cancel it.")
            return None
        thread = JobThread(job, self)
        progress = QProgressDialog(label, "Cancel", 0, 0, self)
        progress.setWindowTitle("Offsite")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(thread.cancel)
        # Bound slots of this window, never lambdas: a slot with a receiver runs queued on the UI
        # thread, whereas a bare callable may be called on the worker or dropped.
        thread.progressed.connect(self._job_progressed)
        thread.succeeded.connect(succeeded or self._job_succeeded)
        thread.failed.connect(self._job_failed)
        thread.cancelled.connect(self._job_cancelled)
        thread.finished.connect(self._job_finished)
        self._job, self._progress = thread, progress
        self._cancelled_text = cancelled
        thread.start()
        return thread

    @Slot(int, int)
    def _job_progressed(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(total)
            self._progress.setValue(done)

    @Slot(str)
    def _job_succeeded(self, out: str) -> None:
        path = Path(out)
        what = {".pdf": "PDF", ".json": "JSON"}.get(path.suffix.lower(), "a file")
        self.notifier.wrote(f"Exported the plan to {what}:", path)

    @Slot(str)
    def _job_failed(self, text: str) -> None:
        dialogs.show_error(self, text)

    @Slot()
    def _job_cancelled(self) -> None:
        self.notifier.say(self._cancelled_text)

    @Slot()
    def _job_finished(self) -> None:
        thread, progress = self._job, self._progress
        self._job, self._progress = None, None
        if progress is not None:
            progress.close()
            progress.deleteLater()
        if thread is not None:
            thread.wait()  # already past run(); returns at once
            thread.deleteLater()

    def _cancel_job(self, *, wait: bool) -> None:
        if self._job is not None and self._job.isRunning():
            self._job.cancel()
            if wait:
                self._job.wait()

    # -- in the room: the projector, the timer, the list of keys --------------------------------
    def _setup_room(self) -> None:
        """View ▸ Projector (F5), the Timer menu and bar, Help ▸ Keyboard shortcuts (F1, Ctrl+/)."""
        from offsite.gui.timers import WHY_ROUND_MINUTES, SessionTimer, TimerBar

        ui = self.ui
        self.projector: ProjectorWindow | None = None
        self._shortcuts_dialog: QDialog | None = None
        self.timer = SessionTimer(self)
        self.timer.set_duration(WHY_ROUND_MINUTES, "Why round")
        self.timer_bar = TimerBar(self.timer, self)
        ui.statusbar.insertPermanentWidget(0, self.timer_bar)
        from offsite.gui.agenda import install_agenda  # the agenda bar beside the timer, View ▸ Next (F6)

        self.agenda_bar = install_agenda(self)
        ui.menuView.addSeparator()
        ui.menuView.addAction(ui.actionProjector)
        ui.actionProjector.setShortcut(QKeySequence(Qt.Key.Key_F5))
        ui.actionProjector.toggled.connect(self.show_projector)
        ui.actionTimerStart.setShortcut(QKeySequence("Ctrl+Shift+Space"))
        ui.actionTimerAddMinute.setShortcut(QKeySequence("Ctrl+Shift+A"))
        ui.actionTimerReset.setShortcut(QKeySequence("Ctrl+Shift+R"))
        ui.actionTimerStart.triggered.connect(self.timer.toggle)
        ui.actionTimerAddMinute.triggered.connect(self.timer.add_minute)
        ui.actionTimerReset.triggered.connect(self.timer.reset)
        self.timer_bar.set_shortcut_tips("Ctrl+Shift+Space", "Ctrl+Shift+A", "Ctrl+Shift+R")
        self.presets_menu = QMenu("Set the &Time", self)
        self.presets_menu.aboutToShow.connect(self._fill_presets)
        self._fill_presets()
        ui.menuTimer.addMenu(self.presets_menu)
        self.timer_bar.presets.setMenu(self.presets_menu)
        ui.actionShortcuts.setShortcuts([QKeySequence(Qt.Key.Key_F1), QKeySequence("Ctrl+/")])
        ui.actionShortcuts.triggered.connect(self.show_shortcuts)
        from offsite.gui.shortcuts import FocusRing

        self.focus_ring = FocusRing(self)
        self._projection_due = QTimer(self)
        self._projection_due.setSingleShot(True)
        self._projection_due.setInterval(0)  # every change of one event-loop turn, shown once
        self._projection_due.timeout.connect(self._update_projector)
        ui.pages.currentChanged.connect(lambda _index: self._projection_changed())

    # -- the parking lot ------------------------------------------------------------------------
    def _setup_parking(self) -> None:
        """View ▸ Park an Item (Ctrl+Shift+L) from any screen, and View ▸ Parking Lot, a panel on the right."""
        from offsite.gui.parking import ParkingLot

        self.parking = ParkingLot(self)

    def _fill_presets(self) -> None:
        from offsite.gui.timers import WHY_ROUND_MINUTES

        menu = self.presets_menu
        menu.clear()
        presets: list[tuple[str, int, str]] = [("Why round", WHY_ROUND_MINUTES, "a round of “why?”")]
        switch_tab = getattr(self.phase_pages.get("brainstorm"), "tabs", {}).get("Team switch")
        switch = switch_tab.current_switch() if switch_tab is not None else None
        if switch is not None:
            pair = switch_tab.pair_name(switch)
            presets.append(("Prepare the switch", switch.prepare_minutes, pair))
            presets.append(("Present the switch", switch.present_minutes, pair))
        for label, minutes, about in presets:
            action = menu.addAction(f"{label}: {minutes} min — {about}")
            action.triggered.connect(lambda _=False, m=minutes, t=label: self.set_timer(m, t))
        menu.addSeparator()
        menu.addAction("&Custom Time…").triggered.connect(self._custom_timer)

    def set_timer(self, minutes: float, label: str) -> None:
        self.timer.set_duration(minutes, label)
        self.notifier.say(f"{label}: {minutes:g} min. Start it with Ctrl+Shift+Space.")

    def _custom_timer(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        minutes, ok = QInputDialog.getInt(
            self, "Timer", "Minutes:", max(1, round(self.timer.duration_ms / 60000)), 1, 240
        )
        if ok:
            self.set_timer(minutes, "Timer")

    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard shortcuts: a non-modal list, raised again if already open."""
        from offsite.gui.shortcuts import ShortcutsDialog

        dialog = self._shortcuts_dialog
        if dialog is None:
            dialog = self._shortcuts_dialog = ShortcutsDialog(self)
        elif dialog.isVisible():
            dialog.raise_()
        dialog.show()
        dialog.activateWindow()

    def current_projection(self) -> Projection:
        """What the room should see of this window's current view (the phase's card by default)."""
        from offsite.gui.projection import phase_projection

        row = self.ui.navigation.currentRow()
        key = VIEW_NAMES[row] if 0 <= row < len(VIEW_NAMES) else VIEW_NAMES[0]
        page = self.phase_pages.get(key)
        if isinstance(page, Page):
            page.ensure_loaded()
            projection = page.projection()
            if projection is not None:
                return projection
        title = next(title for k, title, _ in PHASES if k == key)
        return phase_projection(title, self.document.view() if self.document is not None else None)

    def show_projector(self, on: bool = True) -> None:
        """Open (or close) the projector: full screen on a chosen screen when there are two or more."""
        from offsite.gui.projector import ProjectorWindow, choose_screen

        if not on:
            if self.projector is not None:
                self.projector.close()
            return
        if self.projector is not None and self.projector.isVisible():
            return
        try:
            screen = choose_screen(self, self.settings)
        except LookupError:
            self.ui.actionProjector.setChecked(False)
            return
        if self.projector is None:
            self.projector = ProjectorWindow(self, self.timer)
            self.projector.closed.connect(self._projector_closed)
        self.projector.set_projection(self.current_projection())
        self.projector.present(screen)
        self.activateWindow()  # the facilitator keeps typing here
        self._projection_changed()

    def _projector_closed(self) -> None:
        self.ui.actionProjector.setChecked(False)
        self.activateWindow()

    def _projection_changed(self) -> None:
        """Something the room sees may have changed: follow the current page and the plan, then redraw."""
        page = self.ui.pages.currentWidget()
        for source in (page, self.document):
            if source is not None and not source.property("projected"):
                source.setProperty("projected", True)
                signal = (
                    source.projectionChanged if isinstance(source, Page) else getattr(source, "changed", None)
                )
                if signal is not None:
                    signal.connect(self._projection_changed)
        if self.projector is not None and self.projector.isVisible():
            self._projection_due.start()

    def _update_projector(self) -> None:
        if self.projector is not None and self.projector.isVisible():
            self.projector.set_projection(self.current_projection())

    # -- the rest -------------------------------------------------------------------------------
    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Offsite",
            f"<h3>Offsite {__version__}</h3><p>Plan a sales and marketing leadership offsite: objectives, "
            "methods and metrics, every leader's buy-in, and a plan the CEO can sign.</p>"
            "<p>Every change is saved in the plan file as you make it.</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.projector is not None:
            self.projector.close()
        self._close_document()
        super().closeEvent(event)
