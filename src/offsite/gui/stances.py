"""The stance matrix the Buy-in objectives and Definitions tabs share: one key records a stance
on the selected cell, Enter goes to the comment, the cell's history beside it; leaders across, each
name over its team, never cut. And ``esc``, the escaping of plan text shown as rich text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
)

from offsite.domain.formatting import format_moment
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.domain.values import LeaderView, Stance
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.models import StanceMatrixModel
from offsite.gui.rich_text import literal as esc

#: One key records a stance on the selected cell: fast capture while the room talks.
STANCE_KEYS = {
    Qt.Key.Key_A: Stance.AGREED,
    Qt.Key.Key_D: Stance.DISCUSSING,
    Qt.Key.Key_C: Stance.CHANGES_REQUESTED,
    Qt.Key.Key_X: Stance.DECLINED,
    Qt.Key.Key_P: Stance.PENDING,
}

#: Made at import: ``translate("StanceMatrix", MATRIX_HINT)`` where it is shown.
MATRIX_HINT = QT_TRANSLATE_NOOP(
    "StanceMatrix",
    "Keys in the matrix: A agreed · D discussing · C changes requested · X declined · P pending · "
    "Enter to add a comment first",
)
#: The same keys where the line already says it is about the matrix (the Definitions tab).
MATRIX_HINT_SHORT = QT_TRANSLATE_NOOP(
    "StanceMatrix",
    "Matrix: A agreed · D discussing · C changes requested · X declined · P pending · "
    "Enter to add a comment first",
)


def moment_text(at: dt.datetime, *, year: bool = False) -> str:
    """When something was recorded, short: ``06 Jan 10:42`` in English, the language's own form otherwise."""
    if language() == "en":
        return at.strftime("%d %b %Y %H:%M" if year else "%d %b %H:%M")
    return format_moment(at, year=year)


#: Centred and word-wrapped: the style draws a header title with its alignment, wrap flag included.
WRAPPED_CENTER = Qt.AlignmentFlag(Qt.AlignmentFlag.AlignCenter.value | Qt.TextFlag.TextWordWrap.value)


class LeaderHeader(QHeaderView):
    """The leaders across a stance matrix: each name over its team, never cut.

    A facilitator glancing at the laptop beside the projector reads whole names, not initials
    to look up in a legend. Each column is as wide as its own title needs with the name on one
    line and the team on the next, and the room left over is shared out. When that does not
    fit the screen, titles wrap between words (the longest word still fits) and the header
    grows as tall as the most-wrapped title; when even that does not fit, the matrix scrolls
    sideways with the titles on two lines. The tooltip gives the name, title and team in full.
    """

    #: The section's padding and rule in style.qss (``padding: 4px 6px; border-bottom: 1px``).
    PAD_X, PAD_Y = 6, 4
    #: A title's line (a name, a team) wider than this wraps between its words.
    LINE = 200

    def __init__(self, parent: QTableView, floor: int = 96) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.floor = floor
        self._height = 0
        self._laying_out = False
        # As the header QTableView makes for itself: a click selects, the current column shows.
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(WRAPPED_CENTER)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # this header shares the width out
        self.sectionResized.connect(lambda *_: self.fit_height())
        # The table places its header when told the header's geometry changed; told from inside
        # its own layout pass (the columns resizing with the window) it would not listen, so after it.
        self._relayout = QTimer(self, singleShot=True, interval=0)
        self._relayout.timeout.connect(self.geometriesChanged.emit)

    def set_floor(self, floor: int) -> None:
        """The narrowest a column gets, however short its title (room for the stances in it)."""
        self.floor = floor
        self.lay_out()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.lay_out)
            model.headerDataChanged.connect(lambda *_: self.lay_out())
        self.lay_out()

    def title_metrics(self) -> QFontMetrics:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)  # style.qss draws the titles at weight 600
        return QFontMetrics(font)

    def titles(self) -> list[str]:
        model = self.model()
        if model is None:
            return []
        return [str(model.headerData(s, self.orientation()) or "") for s in range(self.count())]

    def wrapped(self, title: str, width: int) -> QRect:
        """The box ``title`` takes word-wrapped in a section ``width`` wide (padding excluded)."""
        room = max(1, width - 2 * self.PAD_X)
        return self.title_metrics().boundingRect(QRect(0, 0, room, 10_000), WRAPPED_CENTER.value, title)

    def needs(self, title: str) -> tuple[int, int]:
        """The width ``title`` needs on its own lines (long lines wrapped), and wrapped word by word."""
        metrics = self.title_metrics()
        lines = title.splitlines() or [""]
        words = max((metrics.horizontalAdvance(w) for w in title.split()), default=0)
        whole = max(min(metrics.horizontalAdvance(line), max(self.LINE, words)) for line in lines)
        pad = 2 * self.PAD_X + 2  # and a pixel each side: advances are rounded, the text is not
        return max(self.floor, whole + pad), max(self.floor, words + pad)

    def lay_out(self) -> None:
        """Share the header's width out among the columns (see the class docstring)."""
        if self._laying_out or not self.count():
            self.fit_height()
            return
        needs = [self.needs(title) for title in self.titles()]
        room = self.width()
        widths = [whole for whole, _words in needs]
        if sum(widths) > room and sum(words for _whole, words in needs) <= room:
            widths = [words for _whole, words in needs]
        extra = max(0, room - sum(widths))
        self._laying_out = True
        try:
            self.setMinimumSectionSize(min(widths))
            for section, width in enumerate(widths):
                share = extra // len(widths) + (1 if section < extra % len(widths) else 0)
                if self.sectionSize(section) != width + share:
                    self.resizeSection(section, width + share)
        finally:
            self._laying_out = False
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as the title that wraps onto the most lines at its column's width."""
        shown = [
            self.wrapped(title, self.sectionSize(s)).height()
            for s, title in enumerate(self.titles())
            if not self.isSectionHidden(s) and self.sectionSize(s) > 0
        ]
        height = max(shown, default=self.title_metrics().height()) + 2 * self.PAD_Y + 1
        if height != self._height:
            self._height = height
            self.updateGeometry()
            self._relayout.start()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self._height))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.lay_out()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.lay_out()


def setup_matrix_view(view: QTableView, model: StanceMatrixModel[Any]) -> None:
    """The house look of a stance matrix: one cell selected, leaders across, items on the left."""
    view.setModel(model)
    view.setHorizontalHeader(LeaderHeader(view))
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setMaximumWidth(210)
    view.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(30)
    view.setWordWrap(True)


class StanceMatrix(QObject):
    """Records stances from a matrix view: a stance key on a cell, or the stance box's form.

    ``command(item_id, leader_id, stance, comment)`` builds the undoable edit; ``history(item)``
    gives the item's stance events in the order recorded; ``noun`` names a row in messages.
    """

    def __init__(
        self,
        document: PlanDocument,
        view: QTableView,
        model: StanceMatrixModel[Any],
        *,
        combo: QComboBox,
        comment: QLineEdit,
        button: QPushButton,
        cell_label: QLabel,
        history_list: QListWidget,
        command: Callable[[int, int, Stance, str], EditCommand],
        history: Callable[[Any], Sequence[Any]],
        leaders: Callable[[], Sequence[LeaderView]],
    ) -> None:
        super().__init__(view)
        self.document, self.view, self.model = document, view, model
        self.combo, self.comment, self.button = combo, comment, button
        self.cell_label, self.history_list = cell_label, history_list
        self._command, self._history, self._leaders = command, history, leaders
        self.read_only = False
        #: The cell the form speaks for, as (item id, leader id), and the stance it showed there.
        #: The form is a draft for that cell only: choosing another cell drops it (see ``show_cell``).
        self._form_cell: tuple[int, int] | None = None
        self._form_stance: Stance | None = None
        setup_matrix_view(view, model)
        view.selectionModel().currentChanged.connect(lambda current, _previous: self.show_cell(current))
        view.installEventFilter(self)
        for stance in Stance:
            combo.addItem(stance.label, stance.value)
        button.clicked.connect(self.record_from_form)
        comment.returnPressed.connect(self.record_from_form)

    def refresh(self) -> None:
        """After the model reloaded: keep a cell selected and show it."""
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.show_cell(self.view.currentIndex())

    def cell(self) -> tuple[Any, int] | None:
        index = self.view.currentIndex()
        item = self.model.item(index.row()) if index.isValid() else None
        leader_id = self.model.leader_id(index.column()) if index.isValid() else None
        if item is None or leader_id is None:
            return None
        return item, leader_id

    def show_cell(self, index: QModelIndex) -> None:
        item = self.model.item(index.row()) if index.isValid() else None
        leader_id = self.model.leader_id(index.column()) if index.isValid() else None
        leaders = {p.id: p for p in self._leaders()}
        leader = leaders.get(leader_id) if leader_id is not None else None
        self._follow_cell(index, (item.id, leader.id) if item is not None and leader is not None else None)
        why_not = self.not_theirs(leader) if leader is not None else ""
        enabled = item is not None and leader is not None and not self.read_only and not why_not
        for widget in (self.combo, self.comment, self.button):
            widget.setEnabled(enabled)
        if item is not None and leader is not None:
            label = self.model.headerData(index.row(), Qt.Orientation.Vertical)
            said = translate("StanceMatrix", "<b>{leader}</b> on <b>“{item}”</b>").format(
                leader=esc(leader.name), item=esc(str(label))
            )
            self.cell_label.setText(said + (f"<br><i>{esc(why_not)}</i>" if why_not else ""))
        else:
            self.cell_label.setText(translate("StanceMatrix", "Select a leader's cell in the matrix."))
        self.history_list.clear()
        if item is None:
            return
        events = list(self._history(item))
        for event in reversed(events):
            when = moment_text(event.recorded_at)
            name = leaders[event.leader_id].name if event.leader_id in leaders else "?"
            if event.comment:
                line = translate("StanceMatrix", "{when} · {leader}: {stance} — “{comment}”").format(
                    when=when, leader=name, stance=event.stance.label, comment=event.comment
                )
            else:
                line = translate("StanceMatrix", "{when} · {leader}: {stance}").format(
                    when=when, leader=name, stance=event.stance.label
                )
            self.history_list.addItem(line)
        if not events:
            self.history_list.addItem(translate("StanceMatrix", "No stance recorded yet."))

    def not_theirs(self, leader: LeaderView) -> str:
        """Why this window may not record ``leader``'s stance; "" when it may.

        In a room each leader records their own stance on their own laptop (the server holds every
        role to it): the facilitator's window and the other leaders' columns only show stances.
        """
        state = getattr(self.document.plan, "state", None) if self.document.plan.is_room else None
        if state is None:
            return ""
        if state.facilitator:
            return translate(
                "StanceMatrix", "In the room, {leader} records their stance on their own laptop."
            ).format(leader=leader.name)
        if leader.uid != state.leader_uid:
            return translate(
                "StanceMatrix",
                "In the room, {leader} records their own stance; yours is in the {you} column.",
            ).format(leader=leader.name, you=state.leader_name)
        return ""

    def _follow_cell(self, index: QModelIndex, cell: tuple[int, int] | None) -> None:
        """Make the stance box and comment speak for ``cell``, the one selected.

        Another cell: what was typed or chosen for the previous one is dropped, never carried
        over (a comment meant for one leader must not be recorded against another) and never
        recorded behind the facilitator's back; the box shows the new cell's stance. The same
        cell again (a reload after an edit or an undo): a draft being typed is kept, and an
        untouched stance box follows the cell's stance.
        """
        shown = self.model.stance_at(index) if cell is not None else None
        untouched = not self.comment.text() and self.combo.currentData() == (
            self._form_stance.value if self._form_stance else None
        )
        another_cell = cell != self._form_cell
        if another_cell:
            self.comment.clear()
        if another_cell or untouched:
            self._show_stance(shown)
            self._form_stance = shown
        self._form_cell = cell

    def _show_stance(self, stance: Stance | None) -> None:
        self.combo.setCurrentIndex(self.combo.findData(stance.value) if stance is not None else -1)

    def record(self, stance: Stance, comment: str = "") -> bool:
        """Record ``stance`` for the selected cell; True when it reached the plan.

        The comment box is then emptied and the stance box shows the cell's stance as it now
        stands, ready for the next word on this cell.
        """
        if self.read_only:
            return False
        cell = self.cell()
        if cell is None:
            self.document.failed.emit(
                translate("StanceMatrix", "Select a leader's cell in the matrix first.")
            )
            return False
        item, leader_id = cell
        leader = next((p for p in self._leaders() if p.id == leader_id), None)
        why_not = self.not_theirs(leader) if leader is not None else ""
        if why_not:
            self.document.failed.emit(why_not)
            return False
        if not self.document.execute(self._command(item.id, leader_id, stance, comment)):
            return False
        self.comment.clear()
        self._form_stance = self.model.stance_at(self.view.currentIndex())
        self._show_stance(self._form_stance)
        return True

    def record_from_form(self) -> None:
        """Record the stance box's choice with the comment, on the selected cell (Enter or the button)."""
        if self.combo.currentIndex() >= 0:
            self.record(Stance(self.combo.currentData()), self.comment.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            stance = STANCE_KEYS.get(Qt.Key(event.key()))
            if stance is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.record(stance, self.comment.text())
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.read_only:
                self.comment.setFocus()
                return True
        return super().eventFilter(watched, event)
