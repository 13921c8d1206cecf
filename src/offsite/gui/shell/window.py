"""The main window: navigation by phase, the File and Edit menus, the status bar, and the plan's lock.

Opening a plan builds only the page on screen; the others are built the first time they are
shown. A signed plan shows a banner over every page, and the pages that edit content are built
again read-only (and editable again when the plan is re-opened).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTime, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QResizeEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import QLabel, QListWidgetItem, QMessageBox, QSizePolicy, QVBoxLayout, QWidget

from offsite import __version__
from offsite.domain.language import translate
from offsite.domain.values import Change, Kind
from offsite.gui.crash import contained
from offsite.gui.cycle import NextCycle
from offsite.gui.drafts import DraftActions
from offsite.gui.host import PHASES, VIEW_NAMES, MainWindowForm, phase_title
from offsite.gui.import_actuals import ImportActuals
from offsite.gui.notify import Notifier
from offsite.gui.page import Page
from offsite.gui.room_dialogs import RoomActions
from offsite.gui.shell.drop import FileDrops
from offsite.gui.shell.files import FileFlows
from offsite.gui.shell.jobs import Jobs
from offsite.gui.shell.languages import LanguageMenu
from offsite.gui.shell.room import Room
from offsite.gui.shell.stack import COMPACT_WIDTH, NAVIGATION_WIDTH, PhasePages, scroll_pages
from offsite.resources import resource_path

if TYPE_CHECKING:
    from offsite.gui.document import PlanDocument
    from offsite.gui.room_link import RoomLink


class MainWindow(FileFlows, Jobs, Room):
    """One window, one plan: the phases down the left, the page of the current phase beside them."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.ui = ui = MainWindowForm.setup(self)
        self.settings = settings or QSettings()
        self.document: PlanDocument | None = None
        self._lock = None
        self.integrity = None
        self._job = None
        self._progress = None
        self._cancelled_text = translate("MainWindow", "Export cancelled; nothing was written.")
        self.phase_pages = PhasePages(lambda key: QWidget())
        self._placeholders: dict[str, QWidget] = {}
        self._locked: int | None = None  # the number of the version that locks the plan

        self.undo_group = QUndoGroup(self)
        undo = self.undo_group.createUndoAction(self, translate("MainWindow", "&Undo"))
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, translate("MainWindow", "&Redo"))
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
        self.import_action = QAction(translate("MainWindow", "&Import Plan…"), self)
        self.import_action.setObjectName("actionImport")
        self.import_action.setToolTip(
            translate("MainWindow", "Create a plan from an Offsite JSON file (File ▸ Export JSON writes one)")
        )
        self.import_action.triggered.connect(self.import_plan)
        ui.menuFile.insertAction(ui.actionSaveAs, self.import_action)
        ui.actionExportPdf.triggered.connect(self.export_pdf)
        ui.actionExportJson.triggered.connect(self.export_json)
        self.report_action = QAction(translate("MainWindow", "Export Res&ults Report…"), self)
        self.report_action.setObjectName("actionExportReport")
        self.report_action.setToolTip(
            translate(
                "MainWindow",
                "The results of a quarter, a month or a week as a PDF: scores, metrics, charts, wins",
            )
        )
        self.report_action.triggered.connect(self.export_report)
        ui.menuFile.insertAction(ui.actionExportJson, self.report_action)
        self.export_check_ins_action = QAction(translate("MainWindow", "Export &Check-ins (CSV/XLSX)…"), self)
        self.export_check_ins_action.setObjectName("actionExportCheckIns")
        self.export_check_ins_action.setToolTip(
            translate("MainWindow", "The check-ins as a spreadsheet: one row per check-in")
        )
        self.export_check_ins_action.triggered.connect(self.export_check_ins)
        after_json = ui.menuFile.actions()[ui.menuFile.actions().index(ui.actionExportJson) + 1]
        ui.menuFile.insertAction(after_json, self.export_check_ins_action)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAbout.triggered.connect(self._about)
        ui.menuRecent.aboutToShow.connect(self._fill_recent)

        for number, (key, _title, icon) in enumerate(PHASES, start=1):
            title = phase_title(key)
            item = QListWidgetItem(QIcon(str(resource_path("icons", icon))), title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{title} (Ctrl+{number})")
            ui.navigation.addItem(item)
            action = QAction(f"&{number}  {title}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, k=key: self.show_view(k))
            ui.menuView.addAction(action)
        ui.navigation.currentRowChanged.connect(self._show_row)
        self.pages_scroll = scroll_pages(ui.pages)
        self.setup_room()
        self.setup_parking()
        self._setup_lock_banner()
        self._setup_damage_banner()
        self.drafts = DraftActions(self)  # File ▸ New Draft, Export Draft Pack, Merge Drafts
        self._banners.insertWidget(0, self.drafts.banner)
        self.next_cycle = NextCycle(self)  # File ▸ Start the Next Cycle
        self.import_actuals = ImportActuals(self)  # File ▸ Import Actuals
        self.file_drops = FileDrops(self)  # plans, drafts, JSON and check-ins dropped on the window
        self.room_actions = RoomActions(self)  # File ▸ Host a Room, Join a Room, Bring the Room Home
        ui.menuView.addSeparator()
        self.language_menu = LanguageMenu(self)  # View ▸ Language: spoken from the next start
        ui.menuView.addMenu(self.language_menu)

        self._saved_label = QLabel()
        self._path_label = QLabel()
        # The path may be long: it gives way (the window never grows for it), and its tooltip is whole.
        self._path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._path_label.setMinimumWidth(80)
        #: The room this plan is shared in, when it came from one (``offsite room join``).
        self.room_link: RoomLink | None = None
        self._room_label = QLabel()
        self._room_label.setObjectName("roomStatus")
        # A pill as wide as its words, even where the saved time and the path give it their room.
        self._room_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._room_label.hide()
        ui.statusbar.addPermanentWidget(self._room_label)
        ui.statusbar.addPermanentWidget(self._saved_label)
        ui.statusbar.addPermanentWidget(self._path_label, 1)
        self.setWindowIcon(QIcon(str(resource_path("icons", "offsite.svg"))))
        self._set_actions_enabled(False)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # -- a plan in the window -----------------------------------------------------------------
    def install(self, document: PlanDocument) -> None:
        self.document = document
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.failed.connect(self._show_failure)
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
        self._on_changed(Change(frozenset({Kind.PLAN})))
        self._path_label.setText(str(document.plan.path))
        self._path_label.setToolTip(str(document.plan.path))
        self._saved_label.setText(
            translate("MainWindow", "Read-only: this plan is open for editing elsewhere")
            if document.readonly
            else translate("MainWindow", "All changes saved")
        )
        self._follow_room(document)

    def _follow_room(self, document: PlanDocument) -> None:
        """A room's plan: other laptops' changes patch the pages, and the status bar says whether the room is live."""
        if not document.plan.is_room:
            return
        from offsite.gui.room_link import RoomLink

        self.room_link = link = RoomLink(document, self)
        link.status_changed.connect(lambda _online: self._show_room_status())
        self._show_room_status()
        # The listener may have said the server is away before that connection was made (a server
        # that refuses says so at once): look again once what it said has been taken in.
        QTimer.singleShot(0, self._show_room_status)

    def _show_room_status(self) -> None:
        link = self.room_link
        if link is None:
            self._room_label.hide()
            self._saved_label.show()
            self._path_label.show()
            return
        # The room's label stands for both: saved (or kept), and where the plan is (its tooltip).
        self._saved_label.hide()
        self._path_label.hide()
        self._room_label.setText(link.description)
        self._room_label.setToolTip(link.details)
        self._room_label.setProperty("offline", link.online is False)
        self._room_label.style().unpolish(self._room_label)
        self._room_label.style().polish(self._room_label)
        # Measured as styled now, and from nothing: a label's size hint is never below its minimum,
        # so a longer text before ("Room: live · saved 10:02:11") would keep the pill that wide.
        self._room_label.setMinimumWidth(0)
        self._room_label.setMinimumWidth(
            self._room_label.sizeHint().width()
        )  # never clipped: the path gives way
        self._room_label.show()

    def close_document(self) -> None:
        self.cancel_job(wait=True)
        if self.document is None:
            return
        self.damage_banner.hide()
        for page in [*self.phase_pages.values(), *self._placeholders.values()]:
            self.ui.pages.removeWidget(page)
            page.deleteLater()
        self.phase_pages = PhasePages(lambda key: QWidget())
        self._placeholders = {}
        self._locked = None
        self.lock_banner.hide()
        self.drafts.follow(None)
        if self.room_link is not None:
            self.room_link.stop()
            self.room_link.deleteLater()
            self.room_link = None
            self._show_room_status()
        self.undo_group.removeStack(self.document.undo_stack)
        self.document.close()  # interrupts an integrity check under way
        if self.integrity is not None:
            self.integrity.wait()
            self.integrity.finished.disconnect(self.plan_checked)
            self.integrity.deleteLater()
            self.integrity = None
        self.document.deleteLater()
        self.document = None
        self.release_lock()

    def plan_checked(self, problem: str) -> None:
        """The plan's pages were all read: if some are damaged (``problem`` says how), say so over every
        page and change nothing more.

        The plan stays on screen, read-only (as far as it could be read), so the room can still see
        it and copy from it; every edit is refused, so nothing more is written into a damaged file.
        """
        if not problem or self.document is None or self.sender() is not self.integrity:
            return
        self.document.plan.readonly = True
        for page in self.phase_pages.values():
            if isinstance(page, Page):
                page.make_read_only()
        self.damage_banner.setText(
            translate(
                "MainWindow",
                "“{plan}” is damaged: some of its pages cannot be read. It is shown "
                "read-only, as far as it can be read; open an earlier copy to keep working.",
            ).format(plan=self.document.plan.name)
        )
        self.damage_banner.show()
        self._saved_label.setText(translate("MainWindow", "Read-only: this plan is damaged"))
        title = self.windowTitle()
        read_only = translate("MainWindow", "[read-only]")
        if read_only not in title:
            self.setWindowTitle(title.replace(" — Offsite", f" {read_only} — Offsite"))

    def _build_pages(self, document: PlanDocument, keys: Sequence[str]) -> dict[str, QWidget]:
        from offsite.gui.shell.compose import build_pages

        return build_pages(
            document,
            keys,
            settings=self.settings,
            show_objective=self.show_objective,
            import_actuals=self.import_actuals.start,
        )

    def _make_page(self, document: PlanDocument, key: str) -> QWidget:
        """Build the page ``key`` in place of its placeholder in the stack."""
        page = self._build_pages(document, [key])[key]
        holder = self._placeholders.pop(key)
        current = self.ui.pages.currentWidget()
        self.ui.pages.insertWidget(self.ui.pages.indexOf(holder), page)
        self.ui.pages.removeWidget(holder)
        holder.deleteLater()
        self._prepare_page(page)
        self.ui.pages.setCurrentWidget(page if current is holder or current is None else current)
        return page

    def _prepare_page(self, page: QWidget) -> None:
        """Read-only when the file is (every page) or the plan is signed (the pages that edit content);
        the page's requests and messages wired to the window."""
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

    # -- phase switching ------------------------------------------------------------------------
    def _show_row(self, row: int) -> None:
        if self.document is not None and 0 <= row < len(VIEW_NAMES):
            self.phase_pages[VIEW_NAMES[row]]  # built on first sight
        self.ui.pages.setCurrentIndex(row)

    def show_view(self, key: str) -> None:
        self.ui.navigation.setCurrentRow(VIEW_NAMES.index(key))

    def current_view(self) -> str:
        return VIEW_NAMES[self.ui.navigation.currentRow()]

    def show_objective(self, objective_id: int) -> None:
        """Go to the Plan page with ``objective_id`` in its editor (Buy-in ▸ Overlaps: adjust it there)."""
        self.show_view("plan")
        plan = self.phase_pages.get("plan")
        select = getattr(plan, "select_objective", None)
        if callable(select):
            select(objective_id)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # On a small or scaled screen the phases show as icons (names in their tooltips), so a page gets the room.
        compact = self.width() < COMPACT_WIDTH
        if compact != bool(self.ui.navigation.property("compact")):
            self.ui.navigation.setProperty("compact", compact)
            self.ui.navigation.setFixedWidth(NAVIGATION_WIDTH[compact])
            for row, (key, _title, _icon) in enumerate(PHASES):
                self.ui.navigation.item(row).setText("" if compact else phase_title(key))

    # -- the lock of a signed plan ------------------------------------------------------------
    def _setup_lock_banner(self) -> None:
        """A bar over every page while the plan is signed, with a link to the Sign-off screen."""
        self.lock_banner = QLabel(self)
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.setWordWrap(True)
        self.lock_banner.setAccessibleName(translate("MainWindow", "The plan is signed and read-only"))
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

    def _setup_damage_banner(self) -> None:
        """A bar over every page when the integrity check finds the plan damaged."""
        self.damage_banner = QLabel(self)
        self.damage_banner.setObjectName("damageBanner")
        self.damage_banner.setWordWrap(True)
        self.damage_banner.setAccessibleName(translate("MainWindow", "The plan is damaged and read-only"))
        self.damage_banner.hide()
        self._banners.insertWidget(0, self.damage_banner)

    def _follow_lock(self) -> None:
        """Freezing locks the plan and re-opening unlocks it: the banner says so, and the pages
        that edit content are built again, read-only or editable (make_read_only has no way back,
        and a fresh page cannot keep a control enabled by mistake). Sign-off and Review stay.
        """
        assert self.document is not None
        locked = self.document.plan.locked_version()
        text = None
        if locked is not None:  # the Sign-off page's modules load when the banner has something to say
            from offsite.gui.signoff import lock_banner_text

            text = lock_banner_text(self.document)
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

    # -- the status bar and the title -----------------------------------------------------------
    def _set_actions_enabled(self, enabled: bool) -> None:
        exports = (
            self.ui.actionExportPdf,
            self.ui.actionExportJson,
            self.export_check_ins_action,
            self.report_action,
        )
        for action in (self.ui.actionSaveAs, *exports):
            action.setEnabled(enabled)

    def _on_changed(self, change: Change) -> None:
        kinds = change.kinds
        if self.document is not None and kinds & {Kind.PLAN, Kind.VERSION, Kind.SIGNATURE, Kind.REOPENING}:
            self._follow_lock()
        if kinds & {Kind.PLAN, Kind.VERSION, Kind.REOPENING} and self.document is not None:
            title = self.document.outline().details.title or self.document.plan.path.stem
            if self.drafts.info is not None:  # whose draft, not the plan it will be merged into
                title = self.drafts.info.label
            read_only = self.document.readonly or self._locked is not None
            suffix = " " + translate("MainWindow", "[read-only]") if read_only else ""
            self.setWindowTitle(f"{title}{suffix} — Offsite")

    def _show_saved(self) -> None:
        if (
            self.room_link is not None
        ):  # in a room, one label says both: saved (or kept), and the room's state
            self.room_link.last_saved = QTime.currentTime().toString("HH:mm:ss")
            self._show_room_status()
            return
        self._saved_label.setText(
            translate("MainWindow", "All changes saved · {time}").format(
                time=QTime.currentTime().toString("HH:mm:ss")
            )
        )

    def _show_failure(self, text: str) -> None:
        from offsite.gui import dialogs

        dialogs.show_error(self, text)

    # -- the rest -------------------------------------------------------------------------------
    def _about(self) -> None:
        QMessageBox.about(
            self,
            translate("MainWindow", "About Offsite"),
            translate(
                "MainWindow",
                "<h3>Offsite {version}</h3><p>Plan a sales and marketing leadership offsite: objectives, "
                "methods and metrics, every leader's buy-in, and a plan the CEO can sign.</p>"
                "<p>Every change is saved in the plan file as you make it.</p>",
            ).format(version=__version__),
        )

    # Files dragged over the window go where their File menu item would take them (gui.shell.drop).
    @contained
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.file_drops.enter(event)

    @contained
    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.file_drops.move(event)

    @contained
    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.file_drops.leave(event)

    @contained
    def dropEvent(self, event: QDropEvent) -> None:
        self.file_drops.drop(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.projector is not None:
            self.projector.close()
        self.close_document()
        super().closeEvent(event)
