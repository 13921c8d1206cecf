"""Cell editors chosen by the column's field type: text, number, date, team, direction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QWidget,
)

from offsite.domain.formatting import format_number, parse_number
from offsite.domain.funnel import STAGE_LABELS
from offsite.domain.language import language, translate
from offsite.domain.rules import FUNNEL_STAGES
from offsite.domain.values import Direction
from offsite.gui.dates import DateLineEdit
from offsite.gui.models import FIELD_ROLE, NO_OWNER, NO_STAGE, NO_TEAM, Field, FieldType

if TYPE_CHECKING:
    from offsite.gui.document import EditCommand


def read_only_table(table: QTableWidget, columns: Sequence[str]) -> QHeaderView:
    """A table the page fills and a reader only reads: its columns as wide as their contents, the
    last taking the rest, each row as tall as its wrapped text. Returns its header."""
    table.setColumnCount(len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
    return header


def setup_editable_table(view: QAbstractItemView, delegate: QStyledItemDelegate) -> None:
    """The house behaviour of an editable table: whole rows selected, typing starts an edit."""
    view.setItemDelegate(delegate)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    if isinstance(view, QTableView):
        view.verticalHeader().setVisible(False)
        view.setWordWrap(False)


def reveal_row(view: QAbstractItemView, index: QModelIndex) -> None:
    """Scroll ``view`` so the just-added ``index`` is whole on screen, now and once the view settles.

    The add reset the model and the view lays its rows out later: without laying them out now,
    the scroll range still ends at the old last row and the new one stays below the fold. The
    layout can still change on the next turn of the event loop (a scroll bar appears and the
    viewport shrinks), so the row is made whole once more then.
    """
    view.doItemsLayout()
    _scroll_whole(view, QPersistentModelIndex(index))
    target = QPersistentModelIndex(index)
    QTimer.singleShot(0, view, lambda: _scroll_whole(view, target))


def _scroll_whole(view: QAbstractItemView, target: QPersistentModelIndex) -> None:
    if not target.isValid():
        return
    index = view.model().index(target.row(), target.column(), target.parent())
    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
    # Scrolling by whole items, a tree whose rows wrap (and so differ in height) can stop with
    # the row's bottom under the edge: step on until it is whole, or its top would go.
    bar, area = view.verticalScrollBar(), view.viewport().rect()
    rect = view.visualRect(index)
    while rect.bottom() > area.bottom() and rect.top() > area.top() and bar.value() < bar.maximum():
        bar.setValue(bar.value() + max(bar.singleStep(), 1))
        rect = view.visualRect(index)


def edit_new_row(view: QAbstractItemView, index: QModelIndex) -> bool:
    """Show a just-added row ready for typing: scrolled into view, selected, its first editable cell open.

    ``index`` is the new row's cell to start from (its column, or the first editable one after it).
    Every page's Add ends here, so a new row never lands out of sight or waits for a double-click.
    Returns whether the editor is open.
    """
    model = view.model()
    if not index.isValid() or model is None:
        return False
    columns = range(index.column(), model.columnCount(index.parent()))
    target = next(
        (
            cell
            for cell in (model.index(index.row(), column, index.parent()) for column in columns)
            if cell.flags() & Qt.ItemFlag.ItemIsEditable
        ),
        index,
    )
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    view.setCurrentIndex(target)
    reveal_row(view, target)
    if target.flags() & Qt.ItemFlag.ItemIsEditable:
        view.edit(target)
    return view.state() == QAbstractItemView.State.EditingState


class FieldDelegate(QStyledItemDelegate):
    """Edits a RowsModel cell with the editor its field type calls for."""

    #: A sentence saying why typed text was not taken (e.g. not a number).
    rejected = Signal(str)

    def __init__(
        self,
        team_choices: Any,
        parent: Any = None,
        plan_year: Callable[[], int] | None = None,
        leader_choices: Callable[[], list[tuple[int, str]]] = list,
    ) -> None:
        super().__init__(parent)
        self._team_choices = team_choices  # () -> list[(id, name)]
        self._plan_year = plan_year  # the year of a date typed without one
        self._leader_choices = leader_choices  # () -> list[(id, name)]: who may own a row

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        field = index.data(FIELD_ROLE)
        kind = field.type if field else FieldType.TEXT
        if kind is FieldType.DATE:
            edit = DateLineEdit(parent)
            if self._plan_year is not None:
                edit.set_plan_year(self._plan_year)
            return edit
        if kind is FieldType.TEAM:
            combo = QComboBox(parent)
            combo.addItem(translate("Models", NO_TEAM), None)
            for team_id, name in self._team_choices():
                combo.addItem(name, team_id)
            return combo
        if kind is FieldType.LEADER:
            combo = QComboBox(parent)
            combo.addItem(translate("Models", NO_OWNER), None)
            for leader_id, name in self._leader_choices():
                combo.addItem(name, leader_id)
            return combo
        if kind is FieldType.DIRECTION:
            combo = QComboBox(parent)
            combo.addItem(translate("Models", "↑ up"), Direction.UP.value)
            combo.addItem(translate("Models", "↓ down"), Direction.DOWN.value)
            return combo
        if kind is FieldType.FUNNEL_STAGE:
            combo = QComboBox(parent)
            combo.addItem(NO_STAGE, "")
            for stage in FUNNEL_STAGES:
                combo.addItem(translate("Funnel", STAGE_LABELS[stage]), stage)
            return combo
        line = QLineEdit(parent)
        if kind is FieldType.NUMBER:
            line.setPlaceholderText(translate("Delegates", "a number, or blank"))
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        return line

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DateLineEdit):
            editor.setDate(value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            field = index.data(FIELD_ROLE)
            editor.setText(
                format_number(value) if field and field.type is FieldType.NUMBER else str(value or "")
            )

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, DateLineEdit):
            try:
                model.setData(index, editor.typed_date())
            except ValueError as error:
                field = index.data(FIELD_ROLE)
                noun = _in_sentence(field) if field else translate("Delegates", "the date")
                self.rejected.emit(
                    translate("Delegates", "{error} The {field} date was left as it was.").format(
                        error=error, field=noun
                    )
                )
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            field = index.data(FIELD_ROLE)
            if field and field.type is FieldType.NUMBER:
                try:
                    model.setData(index, parse_number(editor.text()))
                except ValueError:
                    self.rejected.emit(
                        translate(
                            "Delegates", "“{text}” is not a number, so {field} was left as it was."
                        ).format(text=editor.text(), field=_in_sentence(field))
                    )
                return
            model.setData(index, editor.text())


def _in_sentence(field: Field) -> str:
    """A column's title inside a sentence: lower case in English; German keeps its nouns capitalised."""
    header = field.shown_header
    return header.lower() if language() == "en" else header


def take_back_on_escape(
    view: QAbstractItemView, command: EditCommand, after: Callable[[], None] | None = None
) -> None:
    """Escape in the editor just opened on the row ``command`` created takes the row back.

    A new answer, goal or item opens with its placeholder selected for typing; escaping that
    editor means "never mind", so the row goes and leaves no undo step (``EditCommand.take_back``).
    ``after`` runs once it is gone (to select what was selected before). Any other way of closing
    the editor keeps the row. Call it only once the editor is open.
    """
    if view.state() != QAbstractItemView.State.EditingState:
        return
    delegate = view.itemDelegate()

    def closed(_editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        delegate.closeEditor.disconnect(closed)
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache and command.take_back() and after:
            after()

    delegate.closeEditor.connect(closed)
