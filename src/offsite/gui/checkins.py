"""Review ▸ Check-ins: the weekly review, where the leadership team checks in on every metric.

One row per metric, in plan order under its objective, with its owner, target, last actual, the
value expected on the day, its status and confidence trend, and two cells to type into: the new
actual and its confidence. The keyboard does it all, as in the room: typing a number starts the
new actual, Tab goes to its confidence (0–10, or "on track", "at risk", "off track"), Enter saves
the check-in for the day chosen above the table (Alt+D) and goes to the next metric, Escape
cancels what was typed, Ctrl+Z takes the last check-in back. Alt+N writes a note with it.

A check-in is a process record, never part of what the leaders signed: a signed plan still takes
check-ins, so this tab lives on the Review page, which the lock leaves writable.

Saving one check-in re-reads that metric's latest check-ins alone and repaints its row: a plan
of thousands of metrics and years of check-ins costs the same per keystroke as the demo plan.

The agreements beyond goals are tracked here too: under a metric a hand-off or joint practice names,
a line names it, and a practice whose cadence is not kept yet in the period holding the day reads
"▲ Due" (a check-in of its metric keeps it). A hand-off or practice naming no metric is listed in a
note over the table, so the weekly review walks every agreement.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from offsite.domain.agreements import AgreementView
from offsite.domain.errors import EditRefusedError
from offsite.domain.formatting import parse_number
from offsite.domain.language import QT_TRANSLATE_NOOP, language, plural, translate
from offsite.domain.practices import PracticeState, untracked_note
from offsite.domain.progress import confidence_text, parse_confidence
from offsite.domain.values import Change, Kind
from offsite.gui.checkins_model import (
    AT_RISK,
    COLUMNS,
    CONFIDENCE,
    ENTRY_COLUMNS,
    EXPECTED,
    LAST,
    NAME,
    NEW_ACTUAL,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    OWNER,
    STATUS,
    TARGET,
    TREND,
    CheckInsModel,
    Line,
    amount,
    column_title,
    practice_label,
    short_day,
    status_label,
    status_labels,
)
from offsite.gui.commands import VerbCommand
from offsite.gui.dates import DateLineEdit, document_year
from offsite.gui.document import PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, show_rows, watch_resize
from offsite.gui.forms import Form
from offsite.gui.notify import claims_escape
from offsite.gui.page import Page
from offsite.gui.theme import tone

if TYPE_CHECKING:
    from offsite.gui.projection import Projection
    from offsite.services.changes import Created, Updated

#: The keys of this tab for Help ▸ Keyboard shortcuts: (keys, what they do).
#: The list translates each description (and a key said in words) in the "Shortcuts" context.
KEYS = (
    (
        QT_TRANSLATE_NOOP("Shortcuts", "0–9 (or just start typing)"),
        QT_TRANSLATE_NOOP("Shortcuts", "Type the selected metric's new actual"),
    ),
    (
        "Tab",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "From the new actual to its confidence: 0–10, or on track, at risk, off track"
        ),
    ),
    (
        "Enter",
        QT_TRANSLATE_NOOP(
            "Shortcuts", "Save the check-in for the day and go to the next metric's new actual"
        ),
    ),
    ("Escape", QT_TRANSLATE_NOOP("Shortcuts", "Cancel what was typed for the metric")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("Shortcuts", "Take the last check-in back")),
    (
        QT_TRANSLATE_NOOP("Shortcuts", "Alt+D"),
        QT_TRANSLATE_NOOP("Shortcuts", "The day the check-ins are for (today unless changed)"),
    ),
    ("Alt+N", QT_TRANSLATE_NOOP("Shortcuts", "A note for the selected metric's check-in")),
)
KEYS_HINT = QT_TRANSLATE_NOOP(
    "CheckInsTab",
    "0–9 types the new actual · Tab its confidence (0–10 or on track / at risk / off track) · Enter saves "
    "and goes to the next metric · Escape cancels · Ctrl+Z takes the last check-in back · "
    "Alt+D the day · Alt+N a note",
)
#: Metrics the table keeps in view on any screen (the page scrolls down to make room).
VISIBLE_ROWS = 6
#: The narrowest the metric column gets: a narrower screen leaves out other columns first.
NAME_WIDTH = 200
#: The widest it gets: on a wide screen the other columns share the rest.
NAME_MOST = 420
#: The columns a narrow screen leaves out, in this order, to keep the metric's name in view
#: beside its status and the cells typed into.
NARROW_HIDES = (OWNER, TREND, TARGET, EXPECTED, LAST)
#: The longest a cell of these columns reads, measured to size them once (plus the cell's margins).
WIDEST_LAST_VALUE, WIDEST_LAST_DAY = 12345, dt.date(2027, 9, 30)
WIDEST_NUMBER = "12,345.6"
WIDEST_TREND = "5 → 10 → 8 ↑"
CELL_PADDING = 14
#: Keys that go to the new actual from anywhere in a metric's row: typing a number.
_NUMBER_KEYS = frozenset("0123456789-.,")


class CheckInsForm(Form):
    ui_file = "checkins_tab.ui"
    introLabel: QLabel
    agreementsNote: QLabel
    dayLabel: QLabel
    dayEdit: DateLineEdit
    summaryLabel: QLabel
    importButton: QPushButton
    checkInsView: QTableView
    noteLabel: QLabel
    noteEdit: QLineEdit
    messageLabel: QLabel
    keysHint: QLabel


def _actual(text: str, metric: str) -> float:
    """The typed actual as a number; EditRefusedError with the sentence to show when it is none."""
    try:
        value = parse_number(text)
    except ValueError:
        value = None
    if value is None:
        raise EditRefusedError(
            translate(
                "CheckInsTab",
                "“{typed}” is not a number: type the actual value of {metric} (e.g. 340 or 12.5).",
            ).format(typed=text, metric=metric)
        )
    return value


class CheckInCommand(VerbCommand):
    """One check-in, undoable: its change names the metric, so a screen re-reads that metric alone.

    The metric is named under ``Kind.METRIC`` in the change's rows without ``Kind.METRIC`` among
    its kinds: the metric itself did not change, only what was checked in on it.
    """

    def __init__(
        self, document: PlanDocument, text: str, metric_id: int, do: Callable[[], Created | Updated]
    ) -> None:
        from offsite.services.checkins import restore_check_in

        super().__init__(
            document, text, [Kind.CHECK_IN], do, lambda previous: restore_check_in(document.plan, previous)
        )
        self.metric_id = metric_id

    def rows(self) -> dict[Kind, frozenset[int]]:
        made = frozenset() if self.result is None else frozenset({self.result.id})
        return {Kind.CHECK_IN: made, Kind.METRIC: frozenset({self.metric_id})}


class EntryDelegate(QStyledItemDelegate):
    """The new actual's and confidence's editor: Tab, Enter and Escape go to the tab, which decides
    where the keyboard goes next (and whether to save)."""

    #: (the cell, the key) once what was typed is in the model and the editor closed.
    left = Signal(QPersistentModelIndex, int)
    #: The cell whose editor Escape closed, with nothing kept.
    cancelled = Signal(QPersistentModelIndex)

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Any) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() == NEW_ACTUAL:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            editor.setAccessibleName(translate("CheckInsTab", "New actual"))
        else:
            editor.setAccessibleName(
                translate("CheckInsTab", "Confidence: 0 to 10, or on track, at risk, off track")
            )
        return editor

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Any) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            cell = QPersistentModelIndex(self.view.currentIndex())  # a cell is edited where it is current
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                self.left.emit(cell, int(key))
                return True
            if key == Qt.Key.Key_Escape:
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                self.cancelled.emit(cell)
                return True
        return super().eventFilter(watched, event)


class CheckInsTab(Page):
    """The weekly review's table of metrics, typed into from the keyboard."""

    shows = frozenset(
        {Kind.PLAN, Kind.TEAM, Kind.LEADER, Kind.OBJECTIVE, Kind.METRIC, Kind.CHECK_IN, Kind.AGREEMENT}
    )
    #: A check-in is a process record: the tab stays writable while the plan is signed.
    edits_content = False

    #: A confirmation to show the user (the window's toast).
    message = Signal(str)
    #: A sentence saying why a check-in was not taken.
    rejected = Signal(str)
    #: Import Actuals…: the window opens its dialog (File ▸ Import Actuals…, Ctrl+Shift+I).
    importRequested = Signal()

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = CheckInsForm.setup(self)
        self.read_only = False
        #: Notes typed for metrics' next check-ins, by metric.
        self._notes: dict[int, str] = {}
        self._focused_once = False
        #: Each column's width (the name's aside), hidden or not, and the columns a narrow screen hides.
        self._widths: dict[int, int] = {}
        self._hidden: set[int] = set()
        #: The plan's agreements as last read: the hand-offs and practices are shown under their metrics.
        self._agreements: tuple[AgreementView, ...] = ()
        self.model = CheckInsModel(self)
        view = ui.checkInsView
        view.setModel(self.model)
        self.delegate = EntryDelegate(view)
        view.setItemDelegate(self.delegate)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.verticalHeader().hide()
        # Every row one line high: a plan of thousands of metrics lays out without measuring each.
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(view.fontMetrics().height() + 14)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        show_rows(view, VISIBLE_ROWS, sideways=True)
        watch_resize(view.viewport(), self._fit_name_column)
        self.model.modelReset.connect(self._span_headings)
        self.model.rowsInserted.connect(lambda _parent, first, last: self._span_headings(first, last))
        view.selectionModel().currentRowChanged.connect(lambda *_: self._show_metric())
        view.installEventFilter(self)
        self.delegate.left.connect(self._left_cell)
        self.delegate.cancelled.connect(lambda cell: self.cancel(cell.row()))

        ui.dayEdit.set_plan_year(document_year(document))
        from offsite.services.checkins import review_day

        ui.dayEdit.setDate(review_day(document.plan))
        ui.dayEdit.dateEdited.connect(self._day_edited)
        ui.dayEdit.rejected.connect(lambda text: self._say(text, problem=True))
        # Enter on the day takes the keyboard back to the metric being typed for.
        # (once the day is read: Enter announces itself before the field reads the text)
        ui.dayEdit.returnPressed.connect(lambda: QTimer.singleShot(0, self, self._back_to_table))
        ui.noteEdit.textEdited.connect(self._note_edited)
        ui.noteEdit.returnPressed.connect(self._note_entered)
        ui.noteEdit.installEventFilter(self)
        ui.importButton.clicked.connect(self.importRequested)
        self._show_hint()
        keep_wrapped_text_whole(self)

    # -- loading ---------------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        from offsite.services.agreements import read_agreements
        from offsite.services.checkins import latest_check_ins

        view = document.view()
        current = self._current_metric()
        day = self.day()
        self._agreements = read_agreements(document.plan)
        self.model.set_plan(view, latest_check_ins(document.plan, on_or_before=day), self._agreements)
        self.model.set_day(day)
        self._show_untracked()
        self._fit_columns()
        self._show_summary()
        row = self.model.row_of(current) if current is not None else -1
        if row < 0:
            row = self.model.metric_row_after(-1)
        if row >= 0 and self._current_row() != row:
            self._go_to(row, NEW_ACTUAL)
        if row < 0:
            self._say(
                translate(
                    "CheckInsTab", "The plan has no metrics yet: add them to its objectives on the Plan page."
                )
            )
        self._show_metric()

    def update_to(self, change: Change) -> None:
        """A check-in of known metrics repaints their rows; anything else reads the table again."""
        if change.kinds - {Kind.CHECK_IN}:
            self.reload()
            return
        from offsite.services.checkins import latest_check_ins

        metrics = (change.rows or {}).get(Kind.METRIC)
        day = self.day()
        if metrics is None:  # an import, or a refused edit: which metrics is not known
            self.model.set_plan(
                self.document.view(), latest_check_ins(self.document.plan, on_or_before=day), self._agreements
            )
        else:
            self.model.patch(latest_check_ins(self.document.plan, metrics, on_or_before=day), metrics)
        self._show_summary()
        self._show_metric()
        self.projectionChanged.emit()

    def _span_headings(self, first: int = 0, last: int | None = None) -> None:
        """Each objective's heading across the whole table (its statement reads whole)."""
        view = self.ui.checkInsView
        if last is None:
            view.clearSpans()
            last = self.model.rowCount() - 1
        for row in range(first, last + 1):
            if self.model.heading(row) is not None:
                view.setSpan(row, 0, 1, len(COLUMNS))
            elif self.model.tracked(row) is not None:
                # An agreement's line reads whole up to the Status column, where a practice says "Due".
                view.setSpan(row, 0, 1, STATUS)

    def _fit_columns(self) -> None:
        """Each column as wide as what it shows on screen now and its title; the metric's name takes the rest."""
        view = self.ui.checkInsView
        header = view.horizontalHeader()
        plain = view.fontMetrics()
        bold = QFont(view.font())
        bold.setBold(True)
        strong = QFontMetrics(bold)
        # What a column may come to hold, so a check-in never leaves its cell cut short.
        widest = {
            LAST: plain.horizontalAdvance(
                translate("CheckInsTab", "{value} as of {day}").format(
                    value=amount(WIDEST_LAST_VALUE, "", short=True),
                    day=short_day(WIDEST_LAST_DAY, WIDEST_LAST_DAY),
                )
            ),
            EXPECTED: plain.horizontalAdvance(WIDEST_NUMBER),
            STATUS: max(strong.horizontalAdvance(label) for label in status_labels()),
            TREND: plain.horizontalAdvance(WIDEST_TREND),
            NEW_ACTUAL: strong.horizontalAdvance(WIDEST_NUMBER),
            CONFIDENCE: strong.horizontalAdvance(translate("Tracking", "off track")),
        }
        for column in range(1, len(COLUMNS)):
            view.resizeColumnToContents(column)  # its title and the rows on screen
            room = widest.get(column, 0) + CELL_PADDING
            self._widths[column] = max(view.sizeHintForColumn(column), header.sectionSizeHint(column), room)
            header.resizeSection(column, self._widths[column])
        self._fit_name_column()

    def _fit_name_column(self) -> None:
        """The metric's name takes the width the other columns leave; on a narrow (or scaled)
        screen the columns a leader can do without go first, so the table never scrolls sideways
        away from the name of the metric being typed for."""
        view = self.ui.checkInsView
        header = view.horizontalHeader()
        room = view.viewport().width()
        need = NAME_WIDTH + sum(self._widths.get(c, 0) for c in range(1, len(COLUMNS)))
        hidden = set()
        for column in NARROW_HIDES:
            if need <= room:
                break
            hidden.add(column)
            need -= self._widths.get(column, 0)
        for column in range(1, len(COLUMNS)):
            if view.isColumnHidden(column) != (column in hidden):
                view.setColumnHidden(column, column in hidden)
        if hidden != self._hidden:
            self._hidden = hidden
            self._show_hint()
        shown = [c for c in range(1, len(COLUMNS)) if c not in hidden]
        others = sum(self._widths.get(c, 0) for c in shown)
        name = min(max(NAME_WIDTH, room - others), NAME_MOST)
        # On a wide screen the name stops growing and the other columns share the rest, so a
        # row's figures stay near the metric they belong to.
        extra = max(0, room - name - others) // max(1, len(shown))
        for column in shown:
            header.resizeSection(column, self._widths.get(column, 0) + extra)
        header.resizeSection(NAME, name)
        if view.currentIndex().isValid():  # a smaller window keeps the metric being typed for in view
            view.scrollTo(view.currentIndex())

    def _show_hint(self) -> None:
        hint = translate("CheckInsTab", KEYS_HINT)
        if self._hidden:
            # Lower case in an English sentence; a German noun keeps its capital.
            names = [column_title(c).replace("\n", " ") for c in sorted(self._hidden)]
            names = [name.lower() for name in names] if language() == "en" else names
            hint += translate(
                "CheckInsTab", ". The window is narrow, so these columns are left out: {columns}."
            ).format(columns=", ".join(names))
        self.ui.keysHint.setText(hint)

    def _show_summary(self) -> None:
        counts = self.model.counts()
        parts = []
        for status in (ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA):
            parts.append(
                f"<span style='color:{tone(status.role)}'><b>{counts[status]}</b> {status.said}</span>"
            )
        due = self.model.practices_due()
        if due:
            role = PracticeState.DUE.role
            said = plural(
                due,
                translate("CheckInsTab", "<b>{count}</b> joint practice due"),
                translate("CheckInsTab", "<b>{count}</b> joint practices due"),
            ).format(count=due)
            parts.append(f"<span style='color:{tone(role)}'>{said}</span>")
        text = " · ".join(parts)
        if text != self.ui.summaryLabel.text():  # a new text lays the page out again
            self.ui.summaryLabel.setText(text)

    def _show_untracked(self) -> None:
        """The note over the table naming the hand-offs and practices no metric tracks (hidden when none)."""
        note = html.escape(untracked_note(self._agreements), quote=False)
        label = self.ui.agreementsNote
        label.setVisible(bool(note))
        # Set once shown: a wrapped label measured while hidden keeps asking for a dozen lines.
        label.setText(note)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._show_summary()  # its colours follow a light or dark desktop

    # -- where the keyboard is -------------------------------------------------------------------
    def first_focus(self) -> QWidget:
        return self.ui.checkInsView

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:
            # The table opens with the keyboard on the first metric's new actual, ready to type.
            self._focused_once = True
            self.ui.checkInsView.setFocus(Qt.FocusReason.OtherFocusReason)

    def _current_row(self) -> int:
        return self.ui.checkInsView.currentIndex().row()

    def _current_metric(self) -> int | None:
        line = self.model.line(self._current_row())
        return line.metric.id if line else None

    def _go_to(self, row: int, column: int, *, edit: bool = False) -> None:
        view = self.ui.checkInsView
        index = self.model.index(row, column)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        if edit and index.flags() & Qt.ItemFlag.ItemIsEditable:
            view.edit(index)

    def _left_cell(self, cell: QPersistentModelIndex, key: int) -> None:
        """An editor closed on Tab, Shift+Tab or Enter: go on from its cell."""
        self._advance(cell.row(), cell.column(), Qt.Key(key), editing=True)

    def _advance(self, row: int, column: int, key: Qt.Key, *, editing: bool) -> None:
        if key == Qt.Key.Key_Tab and column == NEW_ACTUAL:
            self._go_to(row, CONFIDENCE, edit=editing)
        elif key == Qt.Key.Key_Backtab and column == CONFIDENCE:
            self._go_to(row, NEW_ACTUAL, edit=editing)
        elif key == Qt.Key.Key_Backtab:
            before = self.model.metric_row_after(row, -1)
            self._go_to(before if before >= 0 else row, CONFIDENCE if before >= 0 else NEW_ACTUAL)
        elif key == Qt.Key.Key_Tab and column not in ENTRY_COLUMNS:
            self._go_to(row, NEW_ACTUAL, edit=editing)
        else:  # Enter, or Tab on the confidence: the check-in is done
            self.save(row)

    def cancel(self, row: int) -> None:
        """Escape: forget what was typed for the metric at ``row`` (nothing was saved)."""
        line = self.model.line(row)
        if line is None:
            return
        typed = self._has_typed(row)
        self.model.clear_pending(line.metric.id)
        self._notes.pop(line.metric.id, None)
        self._show_metric()
        self._go_to(row, NEW_ACTUAL)
        if typed:
            self._say(
                translate("CheckInsTab", "Nothing checked in for {metric}.").format(metric=line.metric.name)
            )

    def _has_typed(self, row: int) -> bool:
        line = self.model.line(row)
        return line is not None and (
            self.model.pending(line.metric.id) != ("", "") or line.metric.id in self._notes
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self.ui.checkInsView
        # Esc cancels what was typed (or leaves the note) before it dismisses a toast.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and (watched is self.ui.noteEdit or (watched is view and self._has_typed(self._current_row())))
            and claims_escape(event)
        ):
            return True
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = Qt.Key(event.key())
        if watched is self.ui.noteEdit and key == Qt.Key.Key_Escape:
            self.ui.noteEdit.clear()
            self._note_edited("")
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        if watched is not view or view.state() == QAbstractItemView.State.EditingState:
            return super().eventFilter(watched, event)
        current = view.currentIndex()
        if not current.isValid():
            return super().eventFilter(watched, event)
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.save(current.row())
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and plain:
            self._advance(current.row(), current.column(), key, editing=False)
            return True
        if key == Qt.Key.Key_Escape and plain:
            self.cancel(current.row())
            return True
        if plain and event.text() and event.text() in _NUMBER_KEYS and current.column() not in ENTRY_COLUMNS:
            # A number typed anywhere in a metric's row is its new actual.
            self._go_to(current.row(), NEW_ACTUAL)
        return super().eventFilter(watched, event)

    # -- the day and the note --------------------------------------------------------------------
    def day(self) -> dt.date:
        from offsite.services.checkins import review_day

        return self.ui.dayEdit.date() or review_day(self.document.plan)

    def _day_edited(self, day: dt.date | None) -> None:
        if day is None:
            from offsite.services.checkins import review_day

            day = review_day(self.document.plan)
            self.ui.dayEdit.setDate(day)
        from offsite.services.checkins import latest_check_ins

        # The last actual, its status and trend as they stood on that day: what came after is no
        # part of a past week's review.
        self.model.set_plan(
            self.document.view(), latest_check_ins(self.document.plan, on_or_before=day), self._agreements
        )
        self.model.set_day(day)
        self._fit_columns()  # the Expected column's title names the day
        self._show_summary()
        self._say(
            translate("CheckInsTab", "Check-ins are now recorded as of {day}.").format(
                day=short_day(day, dt.date.min)
            )
        )
        self.projectionChanged.emit()

    def _back_to_table(self) -> None:
        if self.ui.dayEdit.hasFocus() and not self.ui.dayEdit.property("problem"):
            self.ui.checkInsView.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _note_edited(self, text: str) -> None:
        metric_id = self._current_metric()
        if metric_id is None:
            return
        if text.strip():
            self._notes[metric_id] = text
        else:
            self._notes.pop(metric_id, None)

    def _note_entered(self) -> None:
        """Enter in the note: save the check-in when its actual is typed, else go back to type it."""
        row = self._current_row()
        line = self.model.line(row)
        if line is None:
            return
        self.ui.checkInsView.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.model.pending(line.metric.id)[0] or self._day_check_in(line.metric.id) is not None:
            self.save(row)
        else:
            self._go_to(row, NEW_ACTUAL)
            self._say(
                translate(
                    "CheckInsTab", "Now type the actual of {metric}; Enter saves it with the note."
                ).format(metric=line.metric.name)
            )

    def _show_metric(self) -> None:
        """The note field speaks of the selected metric (and says its last note)."""
        line = self.model.line(self._current_row())
        note = self.ui.noteEdit
        if line is None:
            note.clear()
            note.setPlaceholderText(
                translate("CheckInsTab", "Select a metric to write a note with its check-in")
            )
            return
        note.setText(self._notes.get(line.metric.id, ""))
        last = self.model.last(line.metric.id)
        if last is not None and last.note:
            said = translate(
                "CheckInsTab", "A note with {metric}'s check-in (optional) — last time: “{note}”"
            ).format(metric=line.metric.name, note=last.note)
        else:
            said = translate("CheckInsTab", "A note with {metric}'s check-in (optional)").format(
                metric=line.metric.name
            )
        note.setPlaceholderText(said)
        self.projectionChanged.emit()

    # -- saving ----------------------------------------------------------------------------------
    def _day_check_in(self, metric_id: int) -> Any:
        """The check-in typed for ``metric_id`` on the chosen day, if any (a new actual replaces it)."""
        last = self.model.last(metric_id)
        return last if last is not None and last.as_of == self.day() and not last.source else None

    def save(self, row: int) -> bool:
        """Enter: save what was typed for the metric at ``row`` as a check-in for the day, then go to
        the next metric's new actual. Nothing typed: go on. True when a check-in reached the plan."""
        line = self.model.line(row)
        if line is None:
            return False
        metric = line.metric
        actual, confidence = self.model.pending(metric.id)
        note = self._notes.get(metric.id)
        if self.read_only:
            self._go_on(row)
            return False
        if not actual and not confidence and note is None:
            self._go_on(row)
            return False
        same_day = self._day_check_in(metric.id)
        if not actual and same_day is None:
            self._go_to(row, NEW_ACTUAL)
            self._say(
                translate(
                    "CheckInsTab",
                    "Type the actual of {metric} first: a check-in is its value as of the day, "
                    "with a confidence and a note.",
                ).format(metric=metric.name),
                problem=True,
            )
            return False
        done = self._check_in(line, actual, confidence, note, same_day)
        if done:
            self.model.clear_pending(metric.id)
            self._notes.pop(metric.id, None)
            self._show_metric()
            self._go_on(row)
        else:
            self.model.clear_pending(metric.id)  # the screen shows what the plan holds
            self._go_to(row, NEW_ACTUAL)
        return done

    def _check_in(self, line: Line, actual: str, confidence: str, note: str | None, same_day: Any) -> bool:
        from offsite.services.checkins import check_in

        document, metric, day = self.document, line.metric, self.day()

        def do() -> Created | Updated:
            # Read here, so a refusal (not a number, out of range) comes back as the app's sentence.
            value = _actual(actual, metric.name) if actual else same_day.value
            said = parse_confidence(confidence) if confidence else None
            if said is None and same_day is not None and not confidence:
                said = same_day.confidence  # a corrected actual keeps the confidence given that day
            kept = note if note is not None else (same_day.note if same_day is not None else "")
            return check_in(
                document.plan,
                metric.id,
                value,
                as_of=day,
                confidence=said,
                note=kept,
                leader_id=line.owner_id,
            )

        shown = actual or amount(same_day.value, "")
        text = translate("CheckInsTab", "Check in {actual} for {metric}").format(
            actual=shown, metric=metric.name
        )
        command = CheckInCommand(document, text, metric.id, do)
        if not document.execute(command, refused=lambda text: self._say(text, problem=True)):
            return False
        self._say(self._confirmation(line, day))
        return True

    def _confirmation(self, line: Line, day: dt.date) -> str:
        metric = line.metric
        last = self.model.last(metric.id)
        if last is None:
            return translate("CheckInsTab", "{metric} checked in.").format(metric=metric.name)
        status = self.model.status(metric.id).said
        value, as_of = amount(last.value, metric.unit), short_day(last.as_of, dt.date.min)
        if last.confidence is not None:
            return translate(
                "CheckInsTab",
                "{metric}: {value} as of {day}, confidence {confidence} — {status}. Ctrl+Z takes it back.",
            ).format(
                metric=metric.name,
                value=value,
                day=as_of,
                confidence=confidence_text(last.confidence),
                status=status,
            )
        return translate(
            "CheckInsTab", "{metric}: {value} as of {day} — {status}. Ctrl+Z takes it back."
        ).format(metric=metric.name, value=value, day=as_of, status=status)

    def _go_on(self, row: int) -> None:
        after = self.model.metric_row_after(row)
        self._go_to(after if after >= 0 else row, NEW_ACTUAL)

    def _say(self, text: str, *, problem: bool = False) -> None:
        label = self.ui.messageLabel
        label.setText(text)
        if bool(label.property("problem")) != problem:
            label.setProperty("problem", problem)
            label.style().unpolish(label)
            label.style().polish(label)
        (self.rejected if problem else self.message).emit(text)

    # -- the room --------------------------------------------------------------------------------
    def projection(self) -> Projection | None:
        """The selected metric's objective with each of its metrics' check-in, for the room."""
        from offsite.gui.projection import Line as Said
        from offsite.gui.projection import Projection, Table

        row = self._current_row()
        if self.model.line(row) is None:
            return Projection(
                "objective",
                translate("CheckInsTab", "Check-ins"),
                lines=(Said(translate("CheckInsTab", "No metric yet"), style="muted"),),
            )
        heading_row = self.model.heading_row(row)
        heading = self.model.heading(heading_row)
        current, day = self._current_metric(), self.day()
        styles = {ON_TRACK: "good", AT_RISK: "", OFF_TRACK: "bad", NO_DATA: "muted"}
        practice_styles = {PracticeState.KEPT: "good", PracticeState.DUE: "", PracticeState.MISSED: "bad"}
        rows, row_styles = [], []
        for line in self.model.lines_of(heading_row):
            metric = line.metric
            last = self.model.last(metric.id)
            status = self.model.status(metric.id)
            actual = "—"
            if last is not None:
                actual = amount(last.value, metric.unit, short=True)
                if last.as_of != day:  # an older reading says when it was
                    actual += f" · {short_day(last.as_of, day)}"
            rows.append(
                (
                    translate("CheckInsTab", "{metric} — target {target}").format(
                        metric=metric.name, target=self.model.text(line, TARGET)
                    ),
                    actual,
                    self.model.text(line, EXPECTED) or "—",
                    status_label(status),
                    self.model.text(line, TREND),
                )
            )
            row_styles.append("current" if metric.id == current else styles[status])
            for agreement_row, tracked in self.model.agreements_of(metric.id):
                # The hand-offs and practices the metric tracks, under it as on screen.
                state = self.model.practice(agreement_row)
                said = practice_label(state) if state is not None else ""
                rows.append((f"↳ {tracked.text}", "", "", said, ""))
                row_styles.append(practice_styles[state] if state is not None else "muted")
        table = Table(
            (
                translate("CheckInsTab", "Metric"),
                translate("CheckInsTab", "Actual"),
                translate("CheckInsTab", "Expected"),
                translate("CheckInsTab", "Status"),
                translate("CheckInsTab", "Confidence"),
            ),
            tuple(rows),
            tuple(row_styles),
            numeric=frozenset({1, 2}),
            stretch=0,
        )
        title = (
            heading.text.split("  ·  ")[0] if heading is not None else translate("CheckInsTab", "Check-ins")
        )
        subtitle = translate("CheckInsTab", "Check-ins as of {day}").format(day=short_day(day, dt.date.min))
        return Projection("objective", title, subtitle, table=table)

    def make_read_only(self) -> None:
        super().make_read_only()
        self.read_only = self.model.read_only = True
