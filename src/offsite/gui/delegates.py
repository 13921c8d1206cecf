"""Cell editors chosen by the column's field type: text, number, date, team, direction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from offsite.domain.formatting import format_number, parse_number
from offsite.domain.values import Direction
from offsite.gui.dates import DateLineEdit
from offsite.gui.models import FIELD_ROLE, FieldType

if TYPE_CHECKING:
    from offsite.gui.document import EditCommand


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


class FieldDelegate(QStyledItemDelegate):
    """Edits a RowsModel cell with the editor its field type calls for."""

    #: A sentence saying why typed text was not taken (e.g. not a number).
    rejected = Signal(str)

    def __init__(
        self, team_choices: Any, parent: Any = None, plan_year: Callable[[], int] | None = None
    ) -> None:
        super().__init__(parent)
        self._team_choices = team_choices  # () -> list[(id, name)]
        self._plan_year = plan_year  # the year of a date typed without one

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
            combo.addItem("No team", None)
            for team_id, name in self._team_choices():
                combo.addItem(name, team_id)
            return combo
        if kind is FieldType.DIRECTION:
            combo = QComboBox(parent)
            combo.addItem("↑ up", Direction.UP.value)
            combo.addItem("↓ down", Direction.DOWN.value)
            return combo
        line = QLineEdit(parent)
        if kind is FieldType.NUMBER:
            line.setPlaceholderText("a number, or blank")
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
                noun = field.header.lower() if field else "the date"
                self.rejected.emit(f"{error} The {noun} date was left as it was.")
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            field = index.data(FIELD_ROLE)
            if field and field.type is FieldType.NUMBER:
                try:
                    model.setData(index, parse_number(editor.text()))
                except ValueError:
                    self.rejected.emit(
                        f"“{editor.text()}” is not a number, so {field.header.lower()} was left as it was."
                    )
                return
            model.setData(index, editor.text())


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
