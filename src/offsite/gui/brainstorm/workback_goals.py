"""The team goals of the "Work back" tab: a tree under one company goal, visited like a table."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem, QTreeView

from offsite.domain.exercises import TeamGoalView
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.gui.brainstorm.common import ROOT, Index, wrapped_row_hint
from offsite.gui.brainstorm.tree import DepthFirstTree
from offsite.gui.delegates import FieldDelegate
from offsite.gui.models import FIELD_ROLE, ID_ROLE, Field, FieldType
from offsite.gui.theme import tone

NO_TEAM = "—"
GOAL_FIELDS = (
    Field(QT_TRANSLATE_NOOP("WorkBackTab", "Team goal"), "statement"),
    Field(QT_TRANSLATE_NOOP("WorkBackTab", "Team"), "team_id", FieldType.TEAM),
    Field(QT_TRANSLATE_NOOP("WorkBackTab", "Target"), "target", FieldType.NUMBER),
    Field(QT_TRANSLATE_NOOP("WorkBackTab", "Unit"), "unit"),
)

# -- the team goals ---------------------------------------------------------------------------------


class GoalModel(DepthFirstTree[TeamGoalView]):
    """The team goals of one company goal as a tree: statement, team, target, unit."""

    def __init__(self, on_edit: Callable[[int, str, Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_edit = on_edit
        self._team_names: dict[int, str] = {}

    def set_goals(self, goals: Sequence[TeamGoalView], team_names: Mapping[int, str]) -> list[int]:
        """``goals`` in display (depth-first) order, all of one company goal; returns the ids inserted."""
        self._team_names = dict(team_names)
        return self.set_items(goals)

    @property
    def goals(self) -> list[TeamGoalView]:
        return self.items

    def goal_at(self, index: Index) -> TeamGoalView | None:
        return self.item_at(index)

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(GOAL_FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(GOAL_FIELDS):
            if role == Qt.ItemDataRole.DisplayRole:
                return translate("WorkBackTab", GOAL_FIELDS[section].header)
            if role == Qt.ItemDataRole.TextAlignmentRole and section == 2:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def team_name(self, goal: TeamGoalView) -> str:
        return self._team_names.get(goal.team_id, "") if goal.team_id is not None else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        goal = self.goal_at(index)
        if goal is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [goal.statement, self.team_name(goal) or NO_TEAM, format_number(goal.target), goal.unit][
                column
            ]
        if role == Qt.ItemDataRole.EditRole:
            return [goal.statement, goal.team_id, goal.target, goal.unit][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            team = self.team_name(goal)
            target = " ".join(p for p in (format_number(goal.target), goal.unit) if p)
            shown = (f"{team}: " if team else "") + goal.statement
            if target:
                shown += "\n" + translate("WorkBackTab", "Target: {target}").format(target=target)
            return shown
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and goal.team_id is None:
            return QBrush(QColor(tone("muted")))
        if role == Qt.ItemDataRole.FontRole and column == 0 and goal.depth == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == FIELD_ROLE:
            return GOAL_FIELDS[column]
        if role == ID_ROLE:
            return goal.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        goal = self.goal_at(index)
        if goal is None or role != Qt.ItemDataRole.EditRole:
            return False
        name = GOAL_FIELDS[index.column()].name
        if name in ("statement", "unit"):
            value = str(value or "").strip()
            if name == "statement" and not value:
                return False
        if value == getattr(goal, name):
            return False
        self._on_edit(goal.id, name, value)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class GoalTreeView(QTreeView):
    """A tree whose cells are visited like a table's: Left / Right and Tab (while editing) move by column."""

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = self.currentIndex()
        if current.isValid():
            step = {
                QAbstractItemView.CursorAction.MoveNext: 1,
                QAbstractItemView.CursorAction.MoveRight: 1,
                QAbstractItemView.CursorAction.MovePrevious: -1,
                QAbstractItemView.CursorAction.MoveLeft: -1,
            }.get(action)
            if step is not None:
                column = current.column() + step
                if 0 <= column < self.model().columnCount(current.parent()):
                    return current.siblingAtColumn(column)
                if action in (
                    QAbstractItemView.CursorAction.MoveNext,
                    QAbstractItemView.CursorAction.MovePrevious,
                ):
                    return current  # Tab past the last cell stays on the row
        return super().moveCursor(action, modifiers)


class GoalDelegate(FieldDelegate):
    """The house editors per column, with goal statements wrapped to the column's width."""

    def __init__(self, view: QTreeView, team_choices: Callable[[], list[tuple[int, str]]]) -> None:
        super().__init__(team_choices, view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != 0:
            return hint
        return wrapped_row_hint(hint, option, index, self._view, self._view.columnWidth(0))
