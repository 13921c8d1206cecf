"""In the room: the projector (F5), the session timer and its menu, the agenda bar, the parking
lot and Help ▸ Keyboard shortcuts (F1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from offsite.domain.formatting import format_number
from offsite.domain.language import translate
from offsite.gui.host import VIEW_NAMES, phase_title
from offsite.gui.page import Page
from offsite.gui.shell.base import ShellBase

if TYPE_CHECKING:
    from offsite.gui.agenda import AgendaBar
    from offsite.gui.parking import ParkingLot
    from offsite.gui.projection import Projection
    from offsite.gui.projector import ProjectorWindow
    from offsite.gui.shortcuts import FocusRing
    from offsite.gui.timers import SessionTimer, TimerBar


class Room(ShellBase):
    """What the facilitator runs the room with, beside the plan."""

    projector: ProjectorWindow | None
    timer: SessionTimer
    timer_bar: TimerBar
    agenda_bar: AgendaBar
    presets_menu: QMenu
    focus_ring: FocusRing
    parking: ParkingLot
    _shortcuts_dialog: QDialog | None
    _projection_due: QTimer

    def setup_room(self) -> None:
        """View ▸ Projector (F5), the Timer menu and bar, Help ▸ Keyboard shortcuts (F1, Ctrl+/)."""
        from offsite.gui.timers import WHY_ROUND_MINUTES, SessionTimer, TimerBar

        ui = self.ui
        self.projector = None
        self._shortcuts_dialog = None
        self.timer = SessionTimer(self)
        self.timer.set_duration(WHY_ROUND_MINUTES, translate("MainWindow", "Why round"))
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
        self.presets_menu = QMenu(translate("MainWindow", "Set the &Time"), self)
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

    def setup_parking(self) -> None:
        """View ▸ Park an Item (Ctrl+Shift+L) from any screen, and View ▸ Parking Lot, a panel on the right."""
        from offsite.gui.parking import ParkingLot

        self.parking = ParkingLot(self)

    # -- the timer --------------------------------------------------------------------------------
    def _fill_presets(self) -> None:
        from offsite.gui.timers import WHY_ROUND_MINUTES

        menu = self.presets_menu
        menu.clear()
        presets: list[tuple[str, int, str]] = [
            (
                translate("MainWindow", "Why round"),
                WHY_ROUND_MINUTES,
                translate("MainWindow", "a round of “why?”"),
            )
        ]
        # The Team switch exercise on screen, if any, offers its own times (the tabs keep English keys).
        switch_tab: Any = getattr(self.phase_pages.get("brainstorm"), "tabs", {}).get("Team switch")
        switch = switch_tab.current_switch() if switch_tab is not None else None
        if switch is not None:
            pair = switch_tab.pair_name(switch)
            presets.append((translate("MainWindow", "Prepare the switch"), switch.prepare_minutes, pair))
            presets.append((translate("MainWindow", "Present the switch"), switch.present_minutes, pair))
        for label, minutes, about in presets:
            action = menu.addAction(
                translate("MainWindow", "{timer}: {minutes} min — {about}").format(
                    timer=label, minutes=format_number(minutes), about=about
                )
            )
            action.triggered.connect(lambda _=False, m=minutes, t=label: self.set_timer(m, t))
        menu.addSeparator()
        menu.addAction(translate("MainWindow", "&Custom Time…")).triggered.connect(self._custom_timer)

    def set_timer(self, minutes: float, label: str) -> None:
        self.timer.set_duration(minutes, label)
        self.notifier.say(
            translate("MainWindow", "{timer}: {minutes} min. Start it with Ctrl+Shift+Space.").format(
                timer=label, minutes=format_number(minutes)
            )
        )

    def _custom_timer(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        minutes, ok = QInputDialog.getInt(
            self,
            translate("MainWindow", "Timer"),
            translate("MainWindow", "Minutes:"),
            max(1, round(self.timer.duration_ms / 60000)),
            1,
            240,
        )
        if ok:
            self.set_timer(minutes, translate("MainWindow", "Timer"))

    # -- Help ▸ Keyboard shortcuts ------------------------------------------------------------------
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

    # -- the projector ------------------------------------------------------------------------------
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
        return phase_projection(
            phase_title(key), self.document.outline() if self.document is not None else None
        )

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
