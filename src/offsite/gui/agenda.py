"""The agenda: built in Prepare (``AgendaPanel``), run in the room (``AgendaBar`` and View ▸ Next Agenda Item).

The panel is a table of the day's items: title, minutes, screen and the computed start–end.
Ctrl+Shift+N (or Insert) adds an item, Delete removes it, Alt+Up / Alt+Down move it, F2 edits a
cell. The bar sits in the status bar beside the timer: "Now: Ask why · 12:30 left", amber in the
last two minutes, red with "Over by 4:10" once the time box is spent. F6 starts the agenda, or
moves to the next item, and shows that item's screen. Nothing here opens a dialog.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTime, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from offsite.domain.agenda import VIEWS, format_day_start, progress, schedule, view_label
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.rules import MAX_MINUTES
from offsite.domain.values import Change, Kind
from offsite.gui.commands import CreateCommand, RemoveCommand, ReorderCommand, UpdateCommand, VerbCommand
from offsite.gui.delegates import edit_new_row
from offsite.gui.fit import show_rows
from offsite.gui.keys import shortcut
from offsite.gui.page import TabbedPage
from offsite.services import agenda_view  # read before the first paint; the verbs load on first use

if TYPE_CHECKING:
    from offsite.gui.document import PlanDocument
    from offsite.gui.host import Host

AGENDA_KINDS = frozenset({Kind.AGENDA_ITEM, Kind.AGENDA_DAY})
#: From this much time left the bar turns amber; past the time box it turns red.
WARNING = dt.timedelta(minutes=2)
NEXT_ITEM_KEY = "F6"
ADD_KEYS = ("Ctrl+Shift+N", "Ins")

#: The panel's keys, for Help ▸ Keyboard shortcuts (the window's F6 is listed from its menu); the
#: list translates each description in the "Shortcuts" context when it shows it.
KEYS = (
    (f"{ADD_KEYS[0]} / Insert", QT_TRANSLATE_NOOP("Shortcuts", "Add an agenda item")),
    ("F2", QT_TRANSLATE_NOOP("Shortcuts", "Edit the selected cell: title, minutes or screen")),
    ("Delete", QT_TRANSLATE_NOOP("Shortcuts", "Remove the selected agenda item")),
    ("Alt+↑ / Alt+↓", QT_TRANSLATE_NOOP("Shortcuts", "Move the selected agenda item earlier or later")),
)

TITLE, MINUTES, SCREEN, TIMES = range(4)
_UID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The value a cell edits (minutes as a number, the screen's key); a table item's edit role is its text.
_VALUE_ROLE = Qt.ItemDataRole.UserRole + 2


class _CellDelegate(QStyledItemDelegate):
    """A spin box for minutes, a list of screens for the screen, plain text for the title."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        if index.column() == MINUTES:
            spin = QSpinBox(parent)
            spin.setRange(1, MAX_MINUTES)
            spin.setSuffix(translate("Agenda", " min"))
            return spin
        if index.column() == SCREEN:
            combo = QComboBox(parent)
            for view in VIEWS:
                combo.addItem(view_label(view), view)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(_VALUE_ROLE)
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value or 1))
        elif isinstance(editor, QComboBox):
            found = editor.findData(value)
            if found < 0:
                editor.addItem(view_label(str(value)), value)
                found = editor.count() - 1
            editor.setCurrentIndex(found)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), _VALUE_ROLE)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), _VALUE_ROLE)
        else:
            super().setModelData(editor, model, index)


#: Rows of the day's agenda always in view (a day has six to ten items; the page scrolls for more).
AGENDA_ROWS = 3


class AgendaPanel(QGroupBox):
    """The day's agenda in Prepare: a table, add/remove/move, and when the day starts."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(translate("Agenda", "Agenda of the day"), parent)
        self.setObjectName("agendaBox")
        self.document = document
        self._loading = False
        self._ids: list[int] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        start_label = QLabel(translate("Agenda", "Day &starts at"), self)
        self.start_edit = QTimeEdit(self)
        self.start_edit.setObjectName("agendaStartEdit")
        self.start_edit.setDisplayFormat("HH:mm")
        self.start_edit.setAccessibleName(translate("Agenda", "Day starts at"))
        start_label.setBuddy(self.start_edit)
        self.start_edit.editingFinished.connect(self._start_edited)
        self.summary = QLabel(self)
        self.summary.setObjectName("agendaSummary")
        top.addWidget(start_label)
        top.addWidget(self.start_edit)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("agendaView")
        self.table.setAccessibleName(translate("Agenda", "Agenda items"))
        self.table.setHorizontalHeaderLabels(
            [
                translate("Agenda", "Item"),
                translate("Agenda", "Minutes"),
                translate("Agenda", "Screen"),
                translate("Agenda", "Time"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setItemDelegate(_CellDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # The item and its screen share the room: on a narrow screen neither is cut to a word.
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SCREEN, QHeaderView.ResizeMode.Stretch)
        for column, width in ((MINUTES, 80), (TIMES, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.itemChanged.connect(self._item_changed)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(translate("Agenda", "Add item"), self)
        self.add_button.setToolTip(
            translate("Agenda", "Add an agenda item ({keys})").format(keys=ADD_KEYS[0])
        )
        self.remove_button = QPushButton(translate("Agenda", "Remove"), self)
        self.remove_button.setToolTip(translate("Agenda", "Remove the selected item (Delete)"))
        self.up_button = QPushButton(translate("Agenda", "Move up"), self)
        self.up_button.setToolTip(translate("Agenda", "Move the selected item earlier (Alt+Up)"))
        self.down_button = QPushButton(translate("Agenda", "Move down"), self)
        self.down_button.setToolTip(translate("Agenda", "Move the selected item later (Alt+Down)"))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # Under the buttons, not beside them: on a narrow (or scaled) screen the row keeps to its width.
        hint = QLabel(
            translate("Agenda", "{key} in the room: start the agenda, then the next item").format(
                key=NEXT_ITEM_KEY
            ),
            self,
        )
        hint.setObjectName("agendaHint")
        layout.addWidget(hint)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(+1))
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (ADD_KEYS, self.add_item),
            (("Alt+Up",), lambda: self.move_item(-1)),
            (("Alt+Down",), lambda: self.move_item(+1)),
        ):
            for key in keys:
                shortcut(QKeySequence(key), self, slot, context)
        shortcut(
            QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_item, Qt.ShortcutContext.WidgetShortcut
        )
        document.changed.connect(self._on_changed)
        self.reload()
        # The day's items read at a glance: the page scrolls down rather than shrink them to a row.
        show_rows(self.table, AGENDA_ROWS)

    # -- showing ------------------------------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        if change.kinds & AGENDA_KINDS:
            self.reload()

    def reload(self) -> None:
        view = agenda_view.read_agenda(self.document.plan)
        self._loading = True
        try:
            if not self.start_edit.hasFocus():
                self.start_edit.setTime(QTime(view.day_start.hour, view.day_start.minute))
            self._ids = [item.id for item in view.items]
            self.table.setRowCount(len(view.items))
            current_uid = view.current.uid if view.current is not None else None
            for row, (item, start, end) in enumerate(schedule(view.items, view.day_start)):
                cells = (
                    (item.title, item.title),
                    (translate("Agenda", "{minutes} min").format(minutes=item.minutes), item.minutes),
                    (view_label(item.view), item.view),
                    (f"{format_day_start(start)}–{format_day_start(end)}", None),
                )
                for column, (text, value) in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    cell.setData(_VALUE_ROLE, value)
                    cell.setData(_UID_ROLE, item.id)
                    flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                    if column != TIMES:
                        flags |= Qt.ItemFlag.ItemIsEditable
                    cell.setFlags(flags)
                    if item.uid == current_uid:
                        font = QFont(cell.font())
                        font.setBold(True)
                        cell.setFont(font)
                        if column == TIMES:
                            cell.setText(f"▶ {text}")  # the running item
                    self.table.setItem(row, column, cell)
            total = sum(item.minutes for item in view.items)
            if view.items:
                end = schedule(view.items, view.day_start)[-1][2]
                count = len(view.items)
                summary = plural(
                    count,
                    translate("Agenda", "{count} item · {hours} h {minutes} min · ends {end}"),
                    translate("Agenda", "{count} items · {hours} h {minutes} min · ends {end}"),
                )
                self.summary.setText(
                    summary.format(
                        count=format_number(count),
                        hours=total // 60,
                        minutes=f"{total % 60:02d}",
                        end=format_day_start(end),
                    )
                )
            else:
                self.summary.setText(
                    translate("Agenda", "No items yet: add one with {keys}.").format(keys=ADD_KEYS[0])
                )
        finally:
            self._loading = False

    def current_id(self) -> int | None:
        row = self.table.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def select(self, item_id: int, column: int = TITLE) -> None:
        if item_id in self._ids:
            self.table.setCurrentCell(self._ids.index(item_id), column)

    # -- editing --------------------------------------------------------------------------------
    def _item_changed(self, cell: QTableWidgetItem) -> None:
        if self._loading:
            return
        item_id = cell.data(_UID_ROLE)
        name = {TITLE: "title", MINUTES: "minutes", SCREEN: "view"}.get(cell.column())
        if name is None or not isinstance(item_id, int):
            return
        column = cell.column()
        value = cell.text() if column == TITLE else cell.data(_VALUE_ROLE)
        # The reload that follows replaces the cells: do it after this signal returns.
        QTimer.singleShot(0, lambda: self._edit(item_id, name, value, column))

    def _edit(self, item_id: int, name: str, value: Any, column: int) -> None:
        self.document.execute(
            UpdateCommand(
                self.document,
                translate("Agenda", "Edit agenda item"),
                Kind.AGENDA_ITEM,
                item_id,
                {name: value},
            )
        )
        self.select(item_id, column)

    def add_item(self) -> None:
        from offsite.services import agenda

        doc = self.document
        command = CreateCommand(
            doc,
            translate("Agenda", "Add agenda item"),
            Kind.AGENDA_ITEM,
            lambda: agenda.add_agenda_item(doc.plan, translate("Agenda", "New item"), 30),
        )
        if doc.execute(command) and command.created_id in self._ids:
            row = self._ids.index(command.created_id)
            edit_new_row(self.table, self.table.model().index(row, TITLE))

    def remove_item(self) -> None:
        item_id = self.current_id()
        if item_id is None:
            self.document.failed.emit(translate("Agenda", "Select an agenda item to remove first."))
            return
        row = self.table.currentRow()
        self.document.execute(
            RemoveCommand(self.document, translate("Agenda", "Remove agenda item"), Kind.AGENDA_ITEM, item_id)
        )
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), TITLE)

    def move_item(self, step: int) -> None:
        item_id = self.current_id()
        if item_id is None:
            return
        ids = list(self._ids)
        row = ids.index(item_id)
        target = row + step
        if not 0 <= target < len(ids):
            return
        ids[row], ids[target] = ids[target], ids[row]
        column = max(self.table.currentColumn(), 0)
        self.document.execute(
            ReorderCommand(self.document, translate("Agenda", "Move agenda item"), Kind.AGENDA_ITEM, ids)
        )
        self.select(item_id, column)

    def _start_edited(self) -> None:
        from offsite.services import agenda

        if self._loading:
            return
        time = self.start_edit.time()
        text = f"{time.hour():02d}:{time.minute():02d}"
        if format_day_start(agenda_view.read_agenda(self.document.plan).day_start) == text:
            return
        plan = self.document.plan
        self.document.execute(
            VerbCommand(
                self.document,
                translate("Agenda", "Change the day's start"),
                [Kind.AGENDA_DAY],
                lambda: agenda.set_day_start(plan, text),
                lambda previous: agenda.restore_day(plan, previous),
            )
        )


class _FittingLabel(QLabel):
    """A one-line label that gives way on a narrow (or scaled) screen, ending in "…" rather than cut.

    ``text()`` stays the whole line; the bar's tooltip has the item's whole title too.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._whole = ""

    def setText(self, text: str) -> None:
        self._whole = text
        self._fit()
        self.updateGeometry()

    def text(self) -> str:
        return self._whole

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        shown = self.fontMetrics().horizontalAdvance(super().text())
        return QSize(hint.width() - shown + self.fontMetrics().horizontalAdvance(self._whole), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), 16 * self.fontMetrics().averageCharWidth()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width()
        whole = self._whole
        fits = self.fontMetrics().horizontalAdvance(whole) <= room
        QLabel.setText(
            self, whole if fits else self.fontMetrics().elidedText(whole, Qt.TextElideMode.ElideRight, room)
        )


class AgendaBar(QWidget):
    """The running item in the status bar: "Now: Ask why · 12:30 left", or red "Over by 4:10"."""

    def __init__(self, window: Host) -> None:
        super().__init__(window)
        self.setObjectName("agendaBar")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.window_ = window
        self._document: PlanDocument | None = None
        self._view: agenda_view.AgendaView | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 0)
        self.label = _FittingLabel(self)
        self.label.setObjectName("agendaNow")
        self.label.setAccessibleName(translate("Agenda", "Agenda: the current item"))
        layout.addWidget(self.label)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.refresh)
        self.ticker.start()
        # A plan opened or closed makes its undo stack the active one: follow it at once.
        window.undo_group.activeStackChanged.connect(lambda _stack: self.refresh())
        self.refresh()

    def _follow(self) -> PlanDocument | None:
        document = getattr(self.window_, "document", None)
        if document is not self._document:
            if self._document is not None:
                with contextlib.suppress(RuntimeError, TypeError):  # the old document is gone already
                    self._document.changed.disconnect(self._on_changed)
            self._document, self._view = document, None
            if document is not None:
                document.changed.connect(self._on_changed)
        return document

    def _on_changed(self, change: Change) -> None:
        if change.kinds & AGENDA_KINDS:
            self._view = None
            self.refresh()

    def agenda(self) -> agenda_view.AgendaView | None:
        document = self._follow()
        if document is None:
            return None
        if self._view is None:
            self._view = agenda_view.read_agenda(document.plan)
        return self._view

    def refresh(self, now: dt.datetime | None = None) -> None:
        view = self.agenda()
        state = "idle"
        full = ""
        if view is None or not view.items:
            text = ""
        elif view.current is None or view.started_at is None:
            first = view.items[0]
            waiting = translate("Agenda", "Agenda: {item} first · {key} starts it")
            text = waiting.format(item=_short(first.title), key=NEXT_ITEM_KEY)
            full = waiting.format(item=first.title, key=NEXT_ITEM_KEY)
        else:
            from offsite.services.buyin import utc_now

            shown = progress(now or utc_now(), view.started_at, view.current.minutes)
            state = "over" if shown.over else ("soon" if shown.remaining <= WARNING else "")
            running = translate("Agenda", "Now: {item} · {left} · {elapsed}")
            text = running.format(
                item=_short(view.current.title), left=shown.text, elapsed=shown.elapsed_text
            )
            full = running.format(item=view.current.title, left=shown.text, elapsed=shown.elapsed_text)
        self.label.setText(text)
        self.setToolTip(full)
        self.setVisible(bool(text))
        if self.label.property("state") != state:
            self.label.setProperty("state", state)
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)


def _show_screen(window: Host, view: str) -> None:
    phase, _, tab = view.partition(":")
    window.show_view(phase)
    if tab:
        page = window.phase_pages.get(phase)
        if isinstance(page, TabbedPage) and (widget := page.tabs.get(tab)) is not None:
            page.go_to_tab(widget)


def next_agenda_item(window: Host) -> None:
    """Start the agenda, or move to its next item, and show that item's screen (never a dialog)."""
    from offsite.services import agenda
    from offsite.services.buyin import utc_now

    document = window.document
    if document is None:
        return
    view = agenda_view.read_agenda(document.plan)
    say = window.notifier.say
    if not view.items:
        say(translate("Agenda", "The agenda is empty: add its items in Prepare."))
        return
    target = view.next
    if target is None:
        say(translate("Agenda", "That was the last agenda item: the day's agenda is done."))
        return
    plan, at = document.plan, utc_now()
    done = document.execute(
        VerbCommand(
            document,
            translate("Agenda", "Agenda: {item}").format(item=target.title),
            [Kind.AGENDA_DAY],
            lambda: agenda.start_item(plan, target.id, at=at),
            lambda previous: agenda.restore_day(plan, previous),
        )
    )
    if done:
        _show_screen(window, target.view)
        say(
            translate("Agenda", "Now: {item} ({minutes} min)").format(
                item=target.title, minutes=target.minutes
            )
        )


def install_agenda(window: Host) -> AgendaBar:
    """The agenda bar beside the timer, and View ▸ Next Agenda Item (F6)."""
    bar = AgendaBar(window)
    window.ui.statusbar.insertPermanentWidget(0, bar)
    action = QAction(translate("Agenda", "Next &Agenda Item"), window)
    action.setObjectName("actionNextAgendaItem")
    action.setShortcut(QKeySequence(NEXT_ITEM_KEY))
    action.setToolTip(
        translate("Agenda", "Start the agenda, or move to its next item, and show that item's screen")
    )
    action.triggered.connect(lambda: next_agenda_item(window))
    window.ui.menuView.addAction(action)
    return bar


def _short(title: str, limit: int = 36) -> str:
    """An item's title as the status bar has room for it (the tooltip has it whole)."""
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
