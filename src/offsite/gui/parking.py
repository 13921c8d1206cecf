"""The parking lot in the room: park an off-topic item from any screen with one key, then deal with it.

View ▸ Park an Item (Ctrl+Shift+L) opens a small capture field over the top of the window;
Enter parks what was typed, Escape cancels, and the keyboard goes back where it was. View ▸
Parking Lot is a panel on the right listing the open items first, then the resolved ones greyed:
Enter resolves the selected item (with an optional note) or re-opens a resolved one, C makes it
a candidate of a team, Delete removes it, Ctrl+Z undoes. Every edit is an undo command.

A parked item is a record of the room, not of the plan: a signed plan still takes it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from offsite.domain.formatting import format_number
from offsite.domain.labels import quote
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.gui.notify import claims_escape

if TYPE_CHECKING:
    from offsite.domain.parking import ParkedView
    from offsite.domain.values import Change
    from offsite.gui.document import PlanDocument
    from offsite.gui.host import Host

CAPTURE_KEY = "Ctrl+Shift+L"
KEYS_HINT = QT_TRANSLATE_NOOP(
    "ParkingLot", "Enter resolve (or re-open) · C make a candidate · Delete remove · Ctrl+Z undo"
)
#: The panel's keys for Help ▸ Keyboard shortcuts: (keys, what they do); the list translates each
#: description in the "Shortcuts" context when it shows it.
KEYS = (
    (
        CAPTURE_KEY,
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Park an off-topic item, from any screen (Enter parks, Escape cancels)"
        ),
    ),
    (
        "Enter",
        QT_TRANSLATE_NOOP(
            "Shortcuts",
            "In the parking lot: resolve the selected item, with an optional note; re-open a resolved one",
        ),
    ),
    ("C", QT_TRANSLATE_NOOP("Shortcuts", "In the parking lot: make the selected item a candidate of a team")),
    ("Delete", QT_TRANSLATE_NOOP("Shortcuts", "In the parking lot: remove the selected item")),
)
_QUOTE = 50


def quoted(text: str) -> str:
    return quote(text, _QUOTE)


def _local_time(moment: dt.datetime) -> str:
    return moment.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")


def _is_enter(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
        Qt.KeyboardModifier.KeypadModifier
    )


class CaptureBar(QFrame):
    """The one-line capture field over the top of the window: Enter parks, Escape cancels."""

    def __init__(self, lot: ParkingLot, parent: QWidget) -> None:
        super().__init__(parent)
        self.lot = lot
        self.setObjectName("parkingCapture")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#parkingCapture { border: 2px solid palette(highlight); border-radius: 6px;"
            " background: palette(base); }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        label = QLabel(translate("ParkingLot", "<b>Park:</b>"))
        self.edit = QLineEdit()
        self.edit.setObjectName("parkingCaptureEdit")
        self.edit.setPlaceholderText(
            translate("ParkingLot", "An off-topic item — Enter parks it, Escape cancels")
        )
        self.edit.setAccessibleName(translate("ParkingLot", "Park an off-topic item"))
        self.edit.setFrame(False)
        label.setBuddy(self.edit)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        self.edit.returnPressed.connect(self._park)
        self.edit.installEventFilter(self)
        self._back_to: QWidget | None = None
        self.hide()

    def open(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self.edit:
            self._back_to = focus
        window = self.parentWidget()
        assert window is not None
        width = min(640, max(360, window.width() - 80))
        menu = window.menuWidget() if isinstance(window, QMainWindow) else None
        top = (menu.height() if menu is not None else 0) + 8
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((window.width() - width) // 2, top)
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.edit.clear()
        self.hide()
        back, self._back_to = self._back_to, None
        if back is not None and isValid(back) and back.isVisible():
            back.setFocus(Qt.FocusReason.OtherFocusReason)

    def _park(self) -> None:
        if self.lot.park(self.edit.text()):
            self.close_bar()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and claims_escape(event):  # Esc closes the bar before it dismisses a toast
            return True
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.close_bar()
            return True
        if watched is self.edit and event.type() == QEvent.Type.FocusOut and self.isVisible():
            # Clicking elsewhere leaves the field open with its text: it is non-modal, not lost.
            return False
        return super().eventFilter(watched, event)


class ParkingPanel(QWidget):
    """The contents of the Parking lot dock: the list, a hint line, and a prompt row for notes and teams."""

    def __init__(self, lot: ParkingLot) -> None:
        super().__init__()
        self.lot = lot
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.list = QListWidget()
        self.list.setObjectName("parkingList")
        self.list.setAccessibleName(translate("ParkingLot", "Parked items"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.installEventFilter(self)
        self.empty = QLabel(
            translate(
                "ParkingLot",
                "Nothing parked yet. Press Ctrl+Shift+L on any screen to park an off-topic item.",
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.prompt = QWidget()
        row = QHBoxLayout(self.prompt)
        row.setContentsMargins(0, 0, 0, 0)
        self.prompt_label = QLabel()
        self.note = QLineEdit()
        self.note.setObjectName("parkingNote")
        self.note.setPlaceholderText(translate("ParkingLot", "How was it resolved? (optional)"))
        self.team = QComboBox()
        self.team.setObjectName("parkingTeam")
        self.team.setAccessibleName(translate("ParkingLot", "Team of the new candidate"))
        row.addWidget(self.prompt_label)
        row.addWidget(self.note, 1)
        row.addWidget(self.team, 1)
        self.prompt.hide()
        self.note.installEventFilter(self)
        self.team.installEventFilter(self)
        hint = QLabel(translate("ParkingLot", KEYS_HINT))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.prompt)
        layout.addWidget(hint)
        self._prompt_for: int | None = None

    # -- showing the lot --------------------------------------------------------------------
    def show_items(self, items: tuple[ParkedView, ...]) -> None:
        selected = self.selected_id()
        self.list.clear()
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for parked in items:
            if parked.resolved:
                if parked.candidate_uid:
                    how = translate("ParkingLot", "made a candidate")
                else:
                    how = parked.resolution or translate("ParkingLot", "resolved")
                text = f"✓ {parked.text}\n    {how}"
            elif parked.raised_in:
                text = translate("ParkingLot", "{item}\n    {screen} · parked {time}").format(
                    item=parked.text, screen=parked.raised_in, time=_local_time(parked.raised_at)
                )
            else:
                text = translate("ParkingLot", "{item}\n    parked {time}").format(
                    item=parked.text, time=_local_time(parked.raised_at)
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, parked.id)
            item.setToolTip(parked.text)
            if parked.resolved:
                item.setForeground(muted)
            self.list.addItem(item)
            if parked.id == selected:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(not items)
        self.list.setVisible(bool(items))

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    # -- the prompt row -----------------------------------------------------------------------
    def ask_note(self, item_id: int) -> None:
        self._prompt_for = item_id
        self.prompt_label.setText(translate("ParkingLot", "Resolved:"))
        self.team.hide()
        self.note.show()
        self.note.clear()
        self.prompt.show()
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def ask_team(self, item_id: int, teams: list[tuple[int, str]]) -> None:
        self._prompt_for = item_id
        self.prompt_label.setText(translate("ParkingLot", "Candidate for:"))
        self.note.hide()
        self.team.clear()
        for team_id, name in teams:
            self.team.addItem(name, team_id)
        self.team.show()
        self.prompt.show()
        self.team.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_prompt(self) -> None:
        self._prompt_for = None
        self.prompt.hide()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.note, self.team) and claims_escape(event):  # Esc closes the prompt first
            return True
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, plain = event.key(), not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if watched is self.list:
            item_id = self.selected_id()
            if item_id is None:
                return False
            if _is_enter(event):
                self.lot.enter(item_id)
                return True
            if key == Qt.Key.Key_C and plain:
                self.lot.ask_team(item_id)
                return True
            if key == Qt.Key.Key_Delete and plain:
                self.lot.remove(item_id)
                return True
            return False
        if watched in (self.note, self.team):
            if key == Qt.Key.Key_Escape:
                self.close_prompt()
                return True
            if _is_enter(event) and self._prompt_for is not None:
                item_id = self._prompt_for
                self.close_prompt()
                if watched is self.note:
                    self.lot.resolve(item_id, self.note.text())
                else:
                    self.lot.make_candidate(item_id, self.team.currentData())
                return True
        return super().eventFilter(watched, event)


class ParkingLot(QObject):
    """The capture action and bar, and the Parking lot dock, for one main window.

    The capture bar and the panel are built the first time they are needed (Ctrl+Shift+L, or the
    dock shown): most sessions open a plan without touching the lot, and the window paints sooner
    without them.
    """

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.window = window
        self.document: PlanDocument | None = None
        self._capture: CaptureBar | None = None
        self._panel: ParkingPanel | None = None
        self.dock = QDockWidget(translate("ParkingLot", "Parking lot"), window)
        self.dock.setObjectName("parkingDock")
        self.dock.setMinimumWidth(240)  # room for the pages at 1280×800 and at 125% scale
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(self._on_dock_shown)

        self.capture_action = QAction(translate("ParkingLot", "P&ark an Item…"), window)
        self.capture_action.setObjectName("actionPark")
        self.capture_action.setShortcut(QKeySequence(CAPTURE_KEY))
        self.capture_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.capture_action.setToolTip(
            translate("ParkingLot", "Park an off-topic item from any screen, to deal with later")
        )
        self.capture_action.triggered.connect(self.open_capture)
        self.panel_action = self.dock.toggleViewAction()
        self.panel_action.setText(translate("ParkingLot", "Parking &Lot"))
        self.panel_action.setToolTip(
            translate("ParkingLot", "The parked items: resolve them, or make them candidates")
        )
        window.ui.menuView.addSeparator()
        window.ui.menuView.addAction(self.capture_action)
        window.ui.menuView.addAction(self.panel_action)
        window.addAction(self.capture_action)  # the key works with the menu bar hidden too
        self.capture_action.setEnabled(False)
        window.undo_group.activeStackChanged.connect(self._follow_document)

    @property
    def capture(self) -> CaptureBar:
        """The capture field over the top of the window, built on first use."""
        if self._capture is None:
            self._capture = CaptureBar(self, self.window)
        return self._capture

    @property
    def panel(self) -> ParkingPanel:
        """The dock's list of parked items, built on first use."""
        if self._panel is None:
            self._panel = ParkingPanel(self)
            self.dock.setWidget(self._panel)
        return self._panel

    # -- the open plan ----------------------------------------------------------------------
    def _follow_document(self, stack: QUndoStack | None) -> None:
        document = self.window.document if stack is not None else None
        if document is self.document:
            return
        if self.document is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # already gone with its document
                self.document.changed.disconnect(self._on_changed)
        self.document = document
        if self._capture is not None:
            self._capture.close_bar()
        if self._panel is not None:
            self._panel.close_prompt()
        if document is not None:
            document.changed.connect(self._on_changed)
        self.capture_action.setEnabled(document is not None)
        # Hidden, the lot catches up on showing (not at first paint); a built one never shows a closed plan.
        if self.dock.isVisible() or (document is None and self._panel is not None):
            self.reload()

    def _on_changed(self, change: Change) -> None:
        from offsite.domain.values import Kind

        if Kind.PARKED in change.kinds and self.dock.isVisible():
            self.reload()

    def _on_dock_shown(self, visible: bool) -> None:
        if visible:  # hidden, the lot is not kept up to date: catch up on showing
            self.reload()

    def reload(self) -> None:
        if self.document is None:
            self.panel.show_items(())
            self.dock.setWindowTitle(translate("ParkingLot", "Parking lot"))
            return
        from offsite.services.parking import read_parking_lot

        items = read_parking_lot(self.document.plan)
        self.panel.show_items(items)
        open_count = sum(not p.resolved for p in items)
        self.dock.setWindowTitle(
            translate("ParkingLot", "Parking lot — {count} open").format(count=format_number(open_count))
            if items
            else translate("ParkingLot", "Parking lot")
        )

    def _status(self, text: str) -> None:
        self.window.notifier.say(text)

    def _editable(self) -> PlanDocument | None:
        if self.document is None:
            return None
        if self.document.readonly:
            self._status(
                translate(
                    "ParkingLot",
                    "This plan is open read-only here, so nothing can be parked or changed in it.",
                )
            )
            return None
        return self.document

    def screen_name(self) -> str:
        """Where the facilitator is: the phase, and for Brainstorm the exercise (“Brainstorm ▸ Ask why”)."""
        from offsite.gui.host import phase_title

        key = self.window.current_view()
        title = phase_title(key)
        page = self.window.phase_pages.get(key)
        tabs = getattr(getattr(page, "ui", None), "exercises", None)
        if tabs is not None and hasattr(tabs, "tabText") and tabs.currentIndex() >= 0:
            return f"{title} ▸ {tabs.tabText(tabs.currentIndex())}"
        return title

    # -- the verbs, each an undo command ------------------------------------------------------
    def open_capture(self) -> None:
        if self._editable() is not None:
            self.capture.open()

    def park(self, text: str) -> bool:
        """Park ``text`` from the current screen; True when it was parked (blank is refused, quietly)."""
        document = self._editable()
        if document is None:
            return False
        if not text.strip():
            self._status(translate("ParkingLot", "Type what to park first, or press Escape."))
            return False
        from offsite.domain.values import Kind
        from offsite.gui.commands import CreateCommand
        from offsite.services.parking import park

        where = self.screen_name()
        command = CreateCommand(
            document,
            translate("ParkingLot", "Park {item}").format(item=quoted(text)),
            Kind.PARKED,
            lambda: park(document.plan, text, where),
        )
        if not document.execute(command):
            return False
        self.dock.show()
        self.reload()
        self._show_new(command.created_id)
        self._status(translate("ParkingLot", "Parked: {item}").format(item=quoted(text)))
        return True

    def _show_new(self, item_id: int | None) -> None:
        """Select the item just parked and scroll it into the panel's view (the keys stay where they are)."""
        from offsite.gui.delegates import reveal_row

        listing = self.panel.list
        for row in range(listing.count()):
            if listing.item(row).data(Qt.ItemDataRole.UserRole) == item_id:
                listing.setCurrentRow(row)
                reveal_row(listing, listing.model().index(row, 0))
                return

    def _item(self, item_id: int) -> ParkedView | None:
        from offsite.services.parking import read_parking_lot

        assert self.document is not None
        return next((p for p in read_parking_lot(self.document.plan) if p.id == item_id), None)

    def enter(self, item_id: int) -> None:
        """Enter on an item: ask how an open one was resolved; re-open a resolved one."""
        if self._editable() is None or (parked := self._item(item_id)) is None:
            return
        if not parked.resolved:
            self.panel.ask_note(item_id)
            return
        from offsite.domain.values import Kind
        from offsite.gui.commands import VerbCommand
        from offsite.services.parking import reopen_parked, restore_parked

        document = self.document
        assert document is not None
        document.execute(
            VerbCommand(
                document,
                translate("ParkingLot", "Re-open {item}").format(item=quoted(parked.text)),
                [Kind.PARKED],
                lambda: reopen_parked(document.plan, item_id),
                lambda previous: restore_parked(document.plan, item_id, previous),
            )
        )

    def resolve(self, item_id: int, note: str) -> None:
        document = self._editable()
        if document is None or (parked := self._item(item_id)) is None:
            return
        from offsite.domain.values import Kind
        from offsite.gui.commands import VerbCommand
        from offsite.services.parking import resolve_parked, restore_parked

        if document.execute(
            VerbCommand(
                document,
                translate("ParkingLot", "Resolve {item}").format(item=quoted(parked.text)),
                [Kind.PARKED],
                lambda: resolve_parked(document.plan, item_id, note),
                lambda previous: restore_parked(document.plan, item_id, previous),
            )
        ):
            self._status(translate("ParkingLot", "Resolved: {item}").format(item=quoted(parked.text)))

    def ask_team(self, item_id: int) -> None:
        document = self._editable()
        if document is None or (parked := self._item(item_id)) is None:
            return
        if parked.candidate_uid is not None:
            self._status(translate("ParkingLot", "That item is a candidate already."))
            return
        if document.plan.locked_version() is not None:
            self._status(
                translate(
                    "ParkingLot", "The plan is signed: re-open it on the Sign-off screen to add candidates."
                )
            )
            return
        teams = [(t.id, t.name) for t in document.view().teams]
        if not teams:
            self._status(
                translate(
                    "ParkingLot", "Add a team on the Prepare screen first: a candidate belongs to a team."
                )
            )
            return
        self.panel.ask_team(item_id, teams)

    def make_candidate(self, item_id: int, team_id: int) -> None:
        document = self._editable()
        if document is None or (parked := self._item(item_id)) is None:
            return
        from offsite.gui.commands import ParkToCandidateCommand

        command = ParkToCandidateCommand(document, parked, team_id)
        if document.execute(command):
            self._status(
                translate(
                    "ParkingLot", "{item} is a candidate now, on the Brainstorm ▸ Candidates tab."
                ).format(item=quoted(parked.text))
            )

    def remove(self, item_id: int) -> None:
        document = self._editable()
        if document is None or (parked := self._item(item_id)) is None:
            return
        from offsite.domain.values import Kind
        from offsite.gui.commands import RemoveCommand

        document.execute(
            RemoveCommand(
                document,
                translate("ParkingLot", "Remove {item}").format(item=quoted(parked.text)),
                Kind.PARKED,
                item_id,
            )
        )
