"""The "Work back" tab: a company goal broken into team goals, and the reverse funnel per quarter.

Keyboard first, in the team goals: Enter works back (a goal under the selected one), Shift+Enter
adds a goal beside it, Ctrl+Enter a goal right under the company goal; F2 (or typing) edits the
selected cell, Tab moves to the next cell while editing, Delete removes. In the funnel, every input
is saved as it is typed (one undo step per typing burst) and the table is recomputed at once.
Ctrl+Shift+K makes a candidate of the selected goal or figure. The table is plain Python
(``offsite.domain.funnel``): typing into the funnel loads no data-frame library.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

from offsite.domain.exercises import BrainstormView, Exercise, FunnelView, TeamGoalView
from offsite.domain.formatting import format_date, format_number, parse_number
from offsite.domain.funnel import (
    FIELD_LABELS,
    ROUNDING_RULE,
    STAGE_LABELS,
    STAGES,
    TOTAL_LABEL,
    FunnelInputs,
    FunnelMessage,
)
from offsite.domain.values import CompanyGoalView, TeamView
from offsite.gui.commands import CreateCommand, RemoveCommand, UpdateCommand
from offsite.gui.delegates import FieldDelegate, reveal_row, take_back_on_escape
from offsite.gui.document import EditCommand, PlanDocument
from offsite.gui.fit import keep_wrapped_text_whole, stack_when_narrow
from offsite.gui.forms import Form
from offsite.gui.keys import shortcut
from offsite.gui.models import FIELD_ROLE, ID_ROLE, Field, FieldType
from offsite.gui.page import Page
from offsite.gui.projection import Projection, funnel_projection
from offsite.gui.theme import INK_ON_TINT, tone
from offsite.services import brainstorm, changes
from offsite.services.changes import Created, Kind, Removed

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

GOAL_PLACEHOLDER = "New team goal"
NO_TEAM = "—"
BLOCKING_COLOR = "#b42318"
ADVICE_COLOR = "#9a5b00"
TOTAL_BACKGROUND = "#f3f5f8"

KEYS_HINT = (
    "Keys in the team goals: Enter work back (a goal under the selected one) · Shift+Enter a goal "
    "beside it · Ctrl+Enter a goal under the company goal · F2 or typing edits a cell · Tab next cell "
    "(editing) · Delete remove · Ctrl+Z undo · Ctrl+Shift+K make a candidate of the selected goal or figure"
)
#: The same keys for Help ▸ Keyboard shortcuts: (keys, what they do).
KEYS = (
    ("Enter", "Work back: a goal under the selected one"),
    ("Shift+Enter", "A goal beside the selected one"),
    ("Ctrl+Enter", "A goal right under the company goal"),
    ("F2", "Edit the selected cell (or just start typing)"),
    ("Tab", "Next cell, while editing"),
    ("Delete", "Remove the selected goal"),
    ("Ctrl+Shift+K", "Make a candidate of the selected goal or funnel figure"),
)

#: Which team a funnel figure is a goal for, by default, when the plan has a team of that name.
STAGE_TEAMS = {
    "revenue": "sales",
    "deals": "sales",
    "opportunities": "sales",
    "sqls": "sales",
    "mqls": "marketing",
    "leads": "marketing",
}

GOAL_FIELDS = (
    Field("Team goal", "statement"),
    Field("Team", "team_id", FieldType.TEAM),
    Field("Target", "target", FieldType.NUMBER),
    Field("Unit", "unit"),
)

_bursts = itertools.count(1)
_FUNNEL_MERGE_ID = 0x0F6


class WorkBackForm(Form):
    ui_file = "brainstorm_workback.ui"
    workBackIntro: QLabel
    goalCombo: QComboBox
    goalSummary: QLabel
    splitter: QSplitter
    goalsArea: QWidget
    newGoalButton: QPushButton
    subGoalButton: QPushButton
    removeGoalButton: QPushButton
    goalCandidateButton: QPushButton
    keysHint: QLabel
    revenueEdit: QLineEdit
    dealSizeEdit: QLineEdit
    winRateEdit: QLineEdit
    sqlRateEdit: QLineEdit
    mqlRateEdit: QLineEdit
    leadRateEdit: QLineEdit
    quartersEdit: QLineEdit
    evenRadio: QRadioButton
    weightsRadio: QRadioButton
    weightsEdit: QLineEdit
    messagesLabel: QLabel
    funnelTable: QTableView
    figureLabel: QLabel
    figureTeamCombo: QComboBox
    figureCandidateButton: QPushButton
    ruleLabel: QLabel
    statusLabel: QLabel


# -- the funnel's inputs as typed ------------------------------------------------------------------


def parse_quarters(text: str) -> tuple[str, ...]:
    """Quarter labels as typed, separated by commas or semicolons; empty pieces are skipped."""
    return tuple(piece.strip() for piece in re.split(r"[,;]", text) if piece.strip())


def parse_weights(text: str) -> tuple[float, ...]:
    """Weights separated by commas, semicolons, slashes or spaces; a piece that is no number is NaN."""
    weights: list[float] = []
    for piece in re.split(r"[,;/\s]+", text.strip()):
        if not piece:
            continue
        try:
            weights.append(float(piece.rstrip("%")))
        except ValueError:
            weights.append(math.nan)
    return tuple(weights)


def parse_input(text: str) -> float | None:
    """A typed figure: None when blank, NaN when it is not a number (the checks then say so)."""
    try:
        return parse_number(text)
    except ValueError:
        return math.nan


def storable(value: float | None, rate: bool) -> bool:
    """Whether the plan file takes ``value`` as it is: blank, or a finite amount ≥ 0 / rate 0–100."""
    if value is None:
        return True
    if not math.isfinite(value) or value < 0:
        return False
    return not rate or value <= 100


def split_storable(quarters: Sequence[str], weights: Sequence[float] | None) -> bool:
    """Whether the plan file takes these quarters and weights together."""
    if weights is None:
        return True
    return (
        len(weights) == len(quarters)
        and all(math.isfinite(w) and w >= 0 for w in weights)
        and (not weights or sum(weights) > 0)
    )


def _format_weights(weights: Sequence[float]) -> str:
    return ", ".join(format_number(w) for w in weights)


def _even_weights(count: int) -> tuple[float, ...]:
    if count <= 0:
        return ()
    share = 100 / count
    return tuple(round(share, 2) for _ in range(count))


# -- undo ----------------------------------------------------------------------------------------


class FunnelCommand(EditCommand):
    """Set funnel inputs of a company goal; edits of one typing burst (same ``merge_key``) merge."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        company_goal_id: int,
        values: Mapping[str, Any],
        *,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(document, text, {Kind.FUNNEL})
        self.company_goal_id = company_goal_id
        self.values = dict(values)
        self.previous: dict[str, Any] = {}
        self.merge_key = merge_key
        self.created_id: int | None = None
        self._removed: Removed | None = None

    def first(self) -> None:
        result = brainstorm.set_funnel(self.document.plan, self.company_goal_id, **self.values)
        if isinstance(result, Created):
            self.created_id = result.id
        else:
            self.previous = dict(result.previous)

    def again(self) -> None:
        if self.created_id is not None:
            assert self._removed is not None
            changes.restore(self.document.plan, self._removed)
        else:
            brainstorm.set_funnel(self.document.plan, self.company_goal_id, **self.values)

    def revert(self) -> None:
        if self.created_id is not None:
            self._removed = changes.remove(self.document.plan, Kind.FUNNEL, self.created_id)
        else:
            brainstorm.set_funnel(self.document.plan, self.company_goal_id, **self.previous)

    def id(self) -> int:
        return _FUNNEL_MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: Any) -> bool:
        if (
            not isinstance(other, FunnelCommand)
            or other.merge_key != self.merge_key
            or self.created_id is not None
            or other.created_id is not None
        ):
            return False
        self.values.update(other.values)
        for name, value in other.previous.items():
            self.previous.setdefault(name, value)
        return True


# -- the team goals ---------------------------------------------------------------------------------


class GoalModel(QAbstractItemModel):
    """The team goals of one company goal as a tree: statement, team, target, unit."""

    def __init__(self, on_edit: Callable[[int, str, Any], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_edit = on_edit
        self._goals: dict[int, TeamGoalView] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._row: dict[int, int] = {}
        self._team_names: dict[int, str] = {}

    def set_goals(self, goals: Sequence[TeamGoalView], team_names: Mapping[int, str]) -> None:
        """``goals`` in display (depth-first) order, all of one company goal."""
        same_shape = [(g.id, g.parent_id) for g in goals] == [
            (g.id, g.parent_id) for g in self._goals.values()
        ]
        self._team_names = dict(team_names)
        if same_shape:
            self._goals = {g.id: g for g in goals}
            for goal in goals:
                self.dataChanged.emit(self.index_of(goal.id), self.index_of(goal.id, len(GOAL_FIELDS) - 1))
            return
        children: dict[int | None, list[int]] = {None: []}
        known = {g.id for g in goals}
        for goal in goals:
            parent = goal.parent_id if goal.parent_id in known else None
            children.setdefault(parent, []).append(goal.id)
        self.beginResetModel()
        self._goals = {g.id: g for g in goals}
        self._children = children
        self._row = {i: row for ids in children.values() for row, i in enumerate(ids)}
        self.endResetModel()

    @property
    def goals(self) -> list[TeamGoalView]:
        return list(self._goals.values())

    def goal_at(self, index: Index) -> TeamGoalView | None:
        if not index.isValid():
            return None
        return self._goals.get(int(index.internalId()))

    def index_of(self, goal_id: int, column: int = 0) -> QModelIndex:
        if goal_id not in self._goals:
            return QModelIndex()
        return self.createIndex(self._row[goal_id], column, goal_id)

    def _parent_id(self, goal: TeamGoalView) -> int | None:
        return goal.parent_id if goal.parent_id in self._goals else None

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        parent_id = int(parent.internalId()) if parent.isValid() else None
        return self.createIndex(row, column, self._children[parent_id][row])

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        goal = self.goal_at(index)
        parent_id = self._parent_id(goal) if goal is not None else None
        if parent_id is None:
            return QModelIndex()
        return self.createIndex(self._row[parent_id], 0, parent_id)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if not parent.isValid():
            return len(self._children.get(None, []))
        if parent.column() != 0:
            return 0
        return len(self._children.get(int(parent.internalId()), []))

    def columnCount(self, parent: Index = _ROOT) -> int:
        return len(GOAL_FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(GOAL_FIELDS):
            if role == Qt.ItemDataRole.DisplayRole:
                return GOAL_FIELDS[section].header
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
            return (f"{team}: " if team else "") + goal.statement + (f"\nTarget: {target}" if target else "")
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
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self._view.columnWidth(0) - self._view.indentation() * (depth + 1) - 12
        if width <= 40:
            return hint
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else option.font)
        height = (
            metrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text).height() + 8
        )
        return QSize(hint.width(), max(hint.height(), height))


# -- the funnel table ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One figure of the funnel table: a stage in a quarter (or the total)."""

    stage: str
    quarter: str
    value: float


class FunnelModel(QAbstractTableModel):
    """The reverse funnel per quarter: a row per quarter and the total, a column per stage."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, list[float]]] = []

    def set_rows(self, rows: Sequence[tuple[str, Sequence[float]]]) -> None:
        rows = [(label, [float(v) for v in values]) for label, values in rows]
        if [label for label, _ in rows] == [label for label, _ in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(STAGES) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(STAGES)

    def figure(self, index: Index) -> Figure | None:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        label, values = self._rows[index.row()]
        return Figure(STAGES[index.column()], label, values[index.column()])

    def text(self, row: int, column: int) -> str:
        value = self._rows[row][1][column]
        return format_number(round(value, 2)) if column == 0 else format_number(int(value))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(STAGES):
                return STAGE_LABELS[STAGES[section]]
            if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
                return self._rows[section][0]
        if (
            role == Qt.ItemDataRole.FontRole
            and orientation == Qt.Orientation.Vertical
            and 0 <= section < len(self._rows)
            and self._rows[section][0] == TOTAL_LABEL
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        total = self._rows[index.row()][0] == TOTAL_LABEL
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            figure = self.figure(index)
            if figure is not None:
                from offsite.services.funnel import candidate_text

                return candidate_text("", figure.stage, figure.quarter, _candidate_value(figure))
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and total:
            return QBrush(QColor(TOTAL_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and total:
            return QBrush(QColor(INK_ON_TINT))  # the tint is light on any desktop
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _candidate_value(figure: Figure) -> float:
    return round(figure.value, 2) if figure.stage == "revenue" else float(int(figure.value))


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1].rstrip() + '…'}”"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def goal_summary(goal: CompanyGoalView) -> str:
    """“From 20 to 30 M USD (+50%) by 31 December 2027”, as much of it as the goal says."""
    unit = f" {goal.unit}" if goal.unit.strip() else ""
    parts = []
    if goal.baseline is not None and goal.target is not None:
        parts.append(f"From {format_number(goal.baseline)} to {format_number(goal.target)}{unit}")
        if goal.baseline > 0:
            change = (goal.target - goal.baseline) / goal.baseline * 100
            parts.append(f"({'+' if change >= 0 else '−'}{format_number(round(abs(change), 1))}%)")
    elif goal.target is not None:
        parts.append(f"Target {format_number(goal.target)}{unit}")
    if goal.due is not None:
        parts.append(f"by {format_date(goal.due)}")
    return " ".join(parts)


# -- the tab ----------------------------------------------------------------------------------------

_AMOUNTS = ("revenue_target", "average_deal_size")
_RATES = ("win_rate", "sql_to_opportunity", "mql_to_sql", "lead_to_mql")
#: The narrowest the tab shows the team goals and the funnel side by side (each about 440 px).
SIDE_BY_SIDE = 880


class WorkBackTab(Page):
    shows = frozenset({Kind.TEAM_GOAL, Kind.FUNNEL, Kind.TEAM, Kind.GOAL})

    def __init__(self, document: PlanDocument) -> None:
        super().__init__(document)
        self.ui = ui = WorkBackForm.setup(self)
        self.brainstorm = BrainstormView()
        self.teams: tuple[TeamView, ...] = ()
        self.company_goals: tuple[CompanyGoalView, ...] = ()
        self.goal_id: int | None = None
        self.selected_goal_id: int | None = None
        self._shown: dict[str, Any] = {}  # what each funnel input showed last from the plan file
        self._burst = next(_bursts)
        self._loading = False
        self._active = "goals"  # where Ctrl+Shift+K takes its candidate from: "goals" or "funnel"
        self.messages: tuple[FunnelMessage, ...] = ()

        self.inputs: dict[str, QLineEdit] = {
            "revenue_target": ui.revenueEdit,
            "average_deal_size": ui.dealSizeEdit,
            "win_rate": ui.winRateEdit,
            "sql_to_opportunity": ui.sqlRateEdit,
            "mql_to_sql": ui.mqlRateEdit,
            "lead_to_mql": ui.leadRateEdit,
        }

        edits = {**self.inputs, "quarters": ui.quartersEdit, "weights": ui.weightsEdit}
        self._base_tips = {name: edit.toolTip() for name, edit in edits.items()}
        ui.keysHint.setText(KEYS_HINT)
        ui.ruleLabel.setText(f"How the figures are rounded: {ROUNDING_RULE}")
        ui.splitter.setStretchFactor(0, 1)
        ui.splitter.setStretchFactor(1, 1)
        ui.splitter.setSizes([530, 520])
        keep_wrapped_text_whole(self)
        for money in (ui.revenueEdit, ui.dealSizeEdit):  # a narrow pane never cuts a figure's first digits
            money.setMinimumWidth(money.fontMetrics().horizontalAdvance("10,000,000") + 16)

        # The team goals, in a tree built here (it visits cells like a table).
        self.tree = tree = GoalTreeView(ui.goalsArea)
        tree.setObjectName("goalsTree")
        tree.setAccessibleName("Team goals worked back from the company goal")
        self.model = GoalModel(self._edit_goal, tree)
        tree.setModel(self.model)
        self.delegate = GoalDelegate(tree, self._team_choices)
        self.delegate.rejected.connect(ui.statusLabel.setText)
        tree.setItemDelegate(self.delegate)
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setAllColumnsShowFocus(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tree.setIndentation(18)
        tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 124), (2, 64), (3, 80)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            tree.setColumnWidth(column, width)
        header.sectionResized.connect(lambda *_: tree.doItemsLayout())
        ui.goalsArea.layout().addWidget(tree)
        # Side by side the goals need their team, target and unit columns and room for the goal
        # beside the funnel's fields; on a narrower (or scaled) screen the funnel goes below.
        stack_when_narrow(ui.splitter, SIDE_BY_SIDE, {tree: 200, ui.funnelTable: 190})
        tree.installEventFilter(self)
        tree.viewport().installEventFilter(self)
        tree.selectionModel().currentChanged.connect(self._on_current_goal)

        # The funnel table.
        self.funnel_model = FunnelModel(ui.funnelTable)
        table = ui.funnelTable
        table.setModel(self.funnel_model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        columns = table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for wide in (STAGES.index("revenue"), STAGES.index("opportunities")):
            columns.setSectionResizeMode(wide, QHeaderView.ResizeMode.ResizeToContents)
        columns.setMinimumSectionSize(56)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(26)
        table.installEventFilter(self)
        table.selectionModel().currentChanged.connect(lambda *_: self._on_current_figure())

        for name, edit in self.inputs.items():
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.textEdited.connect(lambda _text, n=name: self._input_edited(n))
        for edit in (*self.inputs.values(), ui.quartersEdit, ui.weightsEdit):
            edit.editingFinished.connect(self._end_burst)
            edit.installEventFilter(self)
        ui.quartersEdit.textEdited.connect(lambda _text: self._split_edited())
        ui.weightsEdit.textEdited.connect(lambda _text: self._split_edited())
        ui.weightsRadio.toggled.connect(self._split_toggled)

        ui.goalCombo.currentIndexChanged.connect(lambda _row: self._goal_chosen())
        ui.newGoalButton.clicked.connect(lambda: self.add_goal("top"))
        ui.subGoalButton.clicked.connect(lambda: self.add_goal("child"))
        ui.removeGoalButton.clicked.connect(lambda: self.remove_goal())
        ui.goalCandidateButton.clicked.connect(lambda: self.make_goal_candidate())
        ui.figureCandidateButton.clicked.connect(lambda: self.make_figure_candidate())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut(QKeySequence("Ctrl+Shift+K"), self, self.make_candidate, context)

    @property
    def readonly(self) -> bool:
        """Read-only when the plan is, whether or not the page holding this tab passed that on."""
        return self.document.readonly or bool(self.property("readOnly"))

    def make_read_only(self) -> None:
        super().make_read_only()
        self.ui.goalCombo.setEnabled(True)  # choosing which goal to see changes nothing

    # -- loading ---------------------------------------------------------------------------------
    def load(self, document: PlanDocument) -> None:
        if document.readonly and not self.property("readOnly"):
            self.make_read_only()
        view = document.view()
        self.teams = view.teams
        self.company_goals = view.goals
        self.brainstorm = brainstorm.read_brainstorm(document.plan)
        changed_goal = self._fill_goal_combo()
        self._fill_goals()
        self._fill_figure_teams()
        self._show_funnel(force=changed_goal)
        self._enable_buttons()

    def _fill_goal_combo(self) -> bool:
        """Fill the company-goal chooser, keeping the chosen goal; True when the goal shown changed."""
        combo = self.ui.goalCombo
        wanted = [(g.id, g.statement) for g in self.company_goals]
        shown = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
        previous = self.goal_id
        combo.blockSignals(True)
        try:
            if wanted != shown:
                combo.clear()
                for goal_id, statement in wanted:
                    combo.addItem(statement, goal_id)
            ids = [goal_id for goal_id, _ in wanted]
            if self.goal_id not in ids:
                with_work = [g.company_goal_id for g in self.brainstorm.team_goals] + [
                    f.company_goal_id for f in self.brainstorm.funnels
                ]
                self.goal_id = next((i for i in ids if i in with_work), ids[0] if ids else None)
            combo.setCurrentIndex(ids.index(self.goal_id) if self.goal_id in ids else -1)
        finally:
            combo.blockSignals(False)
        goal = self.company_goal()
        self.ui.goalSummary.setText(
            goal_summary(goal) if goal else "No company goal yet: add one in Prepare, then work back from it."
        )
        return self.goal_id != previous

    def company_goal(self) -> CompanyGoalView | None:
        return next((g for g in self.company_goals if g.id == self.goal_id), None)

    def funnel(self) -> FunnelView | None:
        return self.brainstorm.funnel(self.goal_id) if self.goal_id is not None else None

    def _goal_chosen(self) -> None:
        goal_id = self.ui.goalCombo.currentData()
        if goal_id == self.goal_id:
            return
        self.goal_id = goal_id
        self.selected_goal_id = None
        self._shown = {}
        self._end_burst()
        self.ui.statusLabel.clear()
        self.reload()
        self._show_funnel(force=True)

    def _fill_goals(self) -> None:
        names = {t.id: t.name for t in self.teams}
        goals = [g for g in self.brainstorm.team_goals if g.company_goal_id == self.goal_id]
        self.model.set_goals(goals, names)
        self.tree.expandAll()
        if self.selected_goal_id is not None:
            index = self.model.index_of(self.selected_goal_id, max(self.tree.currentIndex().column(), 0))
            if not index.isValid():
                self.selected_goal_id = None
            elif self.tree.currentIndex() != index:
                self.tree.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _team_choices(self) -> list[tuple[int, str]]:
        return [(t.id, t.name) for t in self.teams]

    def _fill_figure_teams(self) -> None:
        combo = self.ui.figureTeamCombo
        wanted = [(t.id, t.name) for t in self.teams] + [(None, "No team")]
        shown = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
        if wanted != shown:
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for team_id, name in wanted:
                combo.addItem(name, team_id)
            combo.setCurrentIndex(max(combo.findData(keep), 0))
            combo.blockSignals(False)

    # -- the funnel's inputs ----------------------------------------------------------------------
    def _show_funnel(self, *, force: bool = False) -> None:
        """Show the stored inputs, leaving alone what the user is typing that the file already holds."""
        funnel = self.funnel()
        self._loading = True
        try:
            for name, edit in self.inputs.items():
                stored = getattr(funnel, name) if funnel is not None else None
                if force or name not in self._shown or self._shown[name] != stored:
                    edit.setText(format_number(stored))
                    self._shown[name] = stored
            split = (funnel.quarters, funnel.weights) if funnel is not None else ((), None)
            if force or "split" not in self._shown or self._shown["split"] != split:
                quarters, weights = split
                self.ui.quartersEdit.setText(", ".join(quarters))
                self.ui.weightsRadio.setChecked(weights is not None)
                self.ui.evenRadio.setChecked(weights is None)
                if weights is not None:
                    self.ui.weightsEdit.setText(_format_weights(weights))
                elif force:
                    self.ui.weightsEdit.clear()
                self._shown["split"] = split
        finally:
            self._loading = False
        self.ui.weightsEdit.setEnabled(self.ui.weightsRadio.isChecked() and not self.readonly)
        self.recompute()

    def screen_inputs(self) -> FunnelInputs:
        """The inputs as they read on screen (a blank is None, text that is no number NaN)."""
        values = {name: parse_input(edit.text()) for name, edit in self.inputs.items()}
        quarters = parse_quarters(self.ui.quartersEdit.text())
        weights = parse_weights(self.ui.weightsEdit.text()) if self.ui.weightsRadio.isChecked() else None
        return FunnelInputs(quarters=quarters, weights=weights, **values)

    def _end_burst(self) -> None:
        self._burst = next(_bursts)

    def _input_edited(self, name: str) -> None:
        self.recompute()
        if self._loading or self.goal_id is None or self.readonly:
            return
        value = parse_input(self.inputs[name].text())
        if not storable(value, rate=name in _RATES) or self._shown.get(name) == value:
            return  # the message beside the table says what is wrong; the file keeps the last good value
        self._shown[name] = value
        self._save({name: value}, f"Edit {FIELD_LABELS[name]}", name)

    def _split_edited(self) -> None:
        self.recompute()
        if self._loading or self.goal_id is None or self.readonly:
            return
        inputs = self.screen_inputs()
        quarters, weights = inputs.quarters, inputs.weights
        if not split_storable(quarters, weights):
            return
        old_quarters, old_weights = self._shown.get("split", ((), None))
        values: dict[str, Any] = {}
        if quarters != tuple(old_quarters):
            values["quarters"] = list(quarters)
        if weights != old_weights:
            values["weights"] = None if weights is None else list(weights)
        if not values:
            return
        self._shown["split"] = (quarters, weights)
        self._save(values, "Edit quarters" if "quarters" in values else "Edit quarter weights", "split")

    def _split_toggled(self, by_weights: bool) -> None:
        if self._loading:
            return
        self.ui.weightsEdit.setEnabled(by_weights and not self.readonly)
        if by_weights and not parse_weights(self.ui.weightsEdit.text()):
            count = len(parse_quarters(self.ui.quartersEdit.text()))
            self.ui.weightsEdit.setText(_format_weights(_even_weights(count)))
        self._end_burst()
        self._split_edited()
        self._end_burst()

    def _save(self, values: dict[str, Any], label: str, field: str) -> None:
        assert self.goal_id is not None
        self.document.execute(
            FunnelCommand(
                self.document, label, self.goal_id, values, merge_key=(self.goal_id, field, self._burst)
            )
        )

    # -- the funnel table -----------------------------------------------------------------------
    def recompute(self) -> None:
        """Recompute the table from what the inputs show, with a message for whatever blocks it."""
        if self.goal_id is None:
            self.messages = ()
            self.funnel_model.set_rows([])
            self._show_messages()
            return
        inputs = self.screen_inputs()
        try:
            from offsite.services.funnel import funnel_table

            result = funnel_table(inputs)
            rows = []
            if result.table is not None:
                for row in result.table.rows:
                    rows.append((row.label, list(row.figures)))
            if any(not math.isfinite(v) for _, values in rows for v in values):
                raise ValueError("a figure is not finite")
            self.messages = result.messages
        except Exception:  # the table must never take the window down, whatever the inputs
            log.exception("the reverse funnel could not be computed")
            rows = []
            self.messages = (
                FunnelMessage(None, "These figures cannot be computed; check the inputs.", True),
            )
        self.funnel_model.set_rows(rows)
        self._fit_table()
        self._show_messages()
        self._on_current_figure()
        self.projectionChanged.emit()  # the room sees the table recomputed as the facilitator types

    def first_view(self) -> QWidget | None:
        """Where Alt+2 puts the keyboard: the team goals."""
        return self.tree

    def projection(self) -> Projection | None:
        """The funnel of the chosen company goal: its inputs as typed, the table as recomputed."""
        goal = self.company_goal()
        inputs = []
        for name, edit in self.inputs.items():
            value = parse_input(edit.text())
            if value is None:
                shown = ""
            elif math.isfinite(value):
                shown = format_number(value) + (" %" if name in _RATES else "")
            else:  # the room sees that a figure is missing, not the typo
                shown = "—"
            inputs.append((FIELD_LABELS[name][:1].upper() + FIELD_LABELS[name][1:], shown))
        model = self.funnel_model
        rows = [
            (
                str(model.headerData(row, Qt.Orientation.Vertical)),
                [model.text(row, column) for column in range(model.columnCount())],
            )
            for row in range(model.rowCount())
        ]
        headers = [STAGE_LABELS[stage] for stage in STAGES]
        summary = goal_summary(goal) if goal is not None else ""
        return funnel_projection(goal, summary, inputs, headers, rows, total_label=TOTAL_LABEL)

    def _fit_table(self) -> None:
        """As tall as its rows (at least a year's four quarters and the total): no empty band below."""
        table = self.ui.funnelTable
        rows = max(self.funnel_model.rowCount(), 5)
        height = (
            table.horizontalHeader().sizeHint().height()
            + rows * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
            + 2
        )
        table.setMinimumHeight(min(height, 5 * table.verticalHeader().defaultSectionSize() + 40))
        table.setMaximumHeight(height)

    def _show_messages(self) -> None:
        by_field: dict[str, str] = {}
        lines = []
        for message in self.messages:
            color = tone("problem" if message.blocking else "advice")
            lines.append(
                f'<span style="color:{color}">{"⚠" if message.blocking else "?"} {_esc(message.text)}</span>'
            )
            if message.field and by_field.get(message.field) != "blocking":
                by_field[message.field] = "blocking" if message.blocking else "advice"
        unsaved = []
        for name, edit in self.inputs.items():
            value = parse_input(edit.text())
            if not storable(value, rate=name in _RATES) and name in self._shown:
                kept = format_number(self._shown[name]) or "blank"
                unsaved.append(f"the {FIELD_LABELS[name]} (the plan keeps {kept})")
        if unsaved:
            lines.append(
                f'<span style="color:{tone("muted")}">Not saved until fixed: {_esc("; ".join(unsaved))}.</span>'
            )
        if self.goal_id is None:
            lines = ["Choose a company goal to work back from."]
        elif not any(m.blocking for m in self.messages) and self.funnel_model.rowCount():
            lines.append(
                f'<span style="color:{tone("ok")}">✓ Recomputed as you type; select a figure to make it a candidate.</span>'
            )
        self.ui.messagesLabel.setText("<br>".join(lines))
        edits = {**self.inputs, "quarters": self.ui.quartersEdit, "weights": self.ui.weightsEdit}
        for name, edit in edits.items():
            problem = by_field.get(name, "")
            if edit.property("problem") != problem:
                edit.setProperty("problem", problem)
                edit.style().unpolish(edit)
                edit.style().polish(edit)
            tip = next((m.text for m in self.messages if m.field == name), "")
            edit.setToolTip(tip or self._base_tips.get(name, ""))

    def current_figure(self) -> Figure | None:
        return self.funnel_model.figure(self.ui.funnelTable.currentIndex())

    def _on_current_figure(self) -> None:
        figure = self.current_figure()
        if figure is None:
            self.ui.figureLabel.setText("Select a figure to make it a candidate")
        else:
            from offsite.services.funnel import candidate_text

            self.ui.figureLabel.setText(
                "Selected: " + candidate_text("", figure.stage, figure.quarter, _candidate_value(figure))
            )
            self._default_figure_team(figure)
        self._enable_buttons()

    def _default_figure_team(self, figure: Figure) -> None:
        wanted = STAGE_TEAMS.get(figure.stage, "")
        team = next((t for t in self.teams if t.name.strip().casefold() == wanted), None)
        if team is None:
            goal = self.current_goal()
            team_id = goal.team_id if goal is not None else None
        else:
            team_id = team.id
        combo = self.ui.figureTeamCombo
        index = combo.findData(team_id)
        if index >= 0 and team_id is not None:
            combo.setCurrentIndex(index)

    # -- what is selected -----------------------------------------------------------------------
    def current_goal(self) -> TeamGoalView | None:
        return self.model.goal_at(self.tree.currentIndex())

    def _on_current_goal(self, current: QModelIndex, _previous: QModelIndex) -> None:
        goal = self.model.goal_at(current)
        if goal is not None:
            self.selected_goal_id = goal.id
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        if self.readonly:
            return
        has_goal = self.goal_id is not None
        selected = self.current_goal() is not None
        self.ui.newGoalButton.setEnabled(has_goal)
        self.ui.subGoalButton.setEnabled(has_goal)
        self.ui.removeGoalButton.setEnabled(selected)
        self.ui.goalCandidateButton.setEnabled(selected)
        has_figure = self.current_figure() is not None and self.funnel() is not None
        self.ui.figureCandidateButton.setEnabled(has_figure)
        self.ui.figureTeamCombo.setEnabled(has_figure)
        self.tree.setEnabled(has_goal)
        for edit in (*self.inputs.values(), self.ui.quartersEdit):
            edit.setEnabled(has_goal)
        self.ui.evenRadio.setEnabled(has_goal)
        self.ui.weightsRadio.setEnabled(has_goal)
        self.ui.weightsEdit.setEnabled(has_goal and self.ui.weightsRadio.isChecked())

    def select_goal(self, goal_id: int, *, column: int = 0, edit: bool = False) -> None:
        """Make ``goal_id`` the selected goal (opening the editor of ``column`` when asked)."""
        if self._stale:
            self.reload()
        self.selected_goal_id = goal_id
        index = self.model.index_of(goal_id, column)
        if not index.isValid():
            return
        tree = self.tree
        tree.setFocus()
        tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        reveal_row(tree, index)  # the reload that just ran lays rows out late
        if edit:
            tree.edit(index)
            editor = tree.indexWidget(index)
            if isinstance(editor, QLineEdit):
                editor.selectAll()

    # -- keyboard ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.tree.viewport():
            self.tree.doItemsLayout()  # statements re-wrap at the new width
            return False
        if isinstance(watched, QLineEdit) and watched in (
            *self.inputs.values(),
            self.ui.quartersEdit,
            self.ui.weightsEdit,
        ):
            if (
                kind == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent)
                and (
                    event.matches(QKeySequence.StandardKey.Undo)
                    or event.matches(QKeySequence.StandardKey.Redo)
                )
            ):
                event.ignore()  # Ctrl+Z undoes in the plan, not only in this field
                return True
            if kind == QEvent.Type.FocusIn:
                self._active = "funnel"
            if kind == QEvent.Type.FocusOut:
                self._end_burst()
            return False
        if watched is self.ui.funnelTable and kind == QEvent.Type.FocusIn:
            self._active = "funnel"
            return False
        if watched is not self.tree:
            return super().eventFilter(watched, event)
        if kind == QEvent.Type.FocusIn:
            self._active = "goals"
        if (
            kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and isinstance(event, QKeyEvent)
            and not self.readonly
            and self.tree.state() != QAbstractItemView.State.EditingState
        ):
            action = self._key_action(event)
            if action is not None:
                if kind == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key is ours: no window shortcut takes it
                else:
                    action()
                return True
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent) -> Callable[[], None] | None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if modifiers == Qt.KeyboardModifier.NoModifier:
                return lambda: self.add_goal("child")
            if modifiers == Qt.KeyboardModifier.ShiftModifier:
                return lambda: self.add_goal("sibling")
            if modifiers == Qt.KeyboardModifier.ControlModifier:
                return lambda: self.add_goal("top")
        if key == Qt.Key.Key_Delete and modifiers == Qt.KeyboardModifier.NoModifier:
            return self.remove_goal
        return None

    # -- team goal edits ------------------------------------------------------------------------
    def add_goal(self, where: str) -> None:
        """Add a goal: "top" right under the company goal, "child" under the selected, "sibling" beside it."""
        if self.goal_id is None:
            self.document.failed.emit("Add a company goal in Prepare first, then work back from it.")
            return
        selected = self.current_goal()
        parent_id: int | None = None
        team_id: int | None = None
        if selected is not None and where == "child":
            parent_id, team_id = selected.id, selected.team_id
        elif selected is not None and where == "sibling":
            parent_id, team_id = self.model._parent_id(selected), selected.team_id
        doc, company_goal_id = self.document, self.goal_id
        label = {"top": "Add team goal", "child": "Work back", "sibling": "Add team goal"}[where]
        command = CreateCommand(
            doc,
            label,
            Kind.TEAM_GOAL,
            lambda: brainstorm.add_team_goal(
                doc.plan, company_goal_id, GOAL_PLACEHOLDER, team_id=team_id, parent_id=parent_id
            ),
        )
        if doc.execute(command) and command.created_id is not None:
            self.select_goal(command.created_id, edit=True)
            before = selected.id if selected is not None else None
            take_back_on_escape(
                self.tree, command, None if before is None else (lambda: self.select_goal(before))
            )

    def _edit_goal(self, goal_id: int, field: str, value: Any) -> None:
        label = {"statement": "Edit team goal", "team_id": "Change goal's team"}.get(
            field, f"Edit goal {field}"
        )
        if self.document.execute(
            UpdateCommand(self.document, label, Kind.TEAM_GOAL, goal_id, {field: value})
        ):
            self.ui.statusLabel.clear()  # an earlier refusal no longer applies

    def remove_goal(self) -> None:
        """Remove the selected goal with the goals under it; the one above it is selected next."""
        goal = self.current_goal()
        if goal is None:
            return
        ordered = self.model.goals
        position = next(i for i, g in enumerate(ordered) if g.id == goal.id)
        subtree = {goal.id}
        for other in ordered[position + 1 :]:
            if other.parent_id in subtree:
                subtree.add(other.id)
        after = [g.id for g in ordered[position + 1 :] if g.id not in subtree]
        following = ordered[position - 1].id if position > 0 else (after[0] if after else None)
        if self.document.execute(RemoveCommand(self.document, "Remove team goal", Kind.TEAM_GOAL, goal.id)):
            self.selected_goal_id = following
            if following is not None:
                self.select_goal(following)
            count = len(subtree)
            self.ui.statusLabel.setText(
                f"Removed {_quote(goal.statement)}"
                + (f" and the {count - 1} goal{'s' if count > 2 else ''} under it" if count > 1 else "")
                + " · Ctrl+Z puts it back"
            )

    # -- candidates ---------------------------------------------------------------------------
    def make_candidate(self) -> None:
        """Ctrl+Shift+K: a candidate of the selected figure when the funnel has the focus, else of the goal."""
        if self.readonly:
            return
        if self._active == "funnel":
            self.make_figure_candidate()
        else:
            self.make_goal_candidate()

    def make_goal_candidate(self) -> None:
        goal = self.current_goal()
        if goal is None:
            self.document.failed.emit("Select a team goal to make it a candidate.")
            return
        doc = self.document
        command = CreateCommand(
            doc,
            "Make candidate",
            Kind.CANDIDATE,
            lambda: brainstorm.add_candidate(
                doc.plan, goal.statement, goal.team_id, Exercise.WORK_BACK, goal.uid
            ),
        )
        if doc.execute(command):
            team = self.model.team_name(goal)
            self.ui.statusLabel.setText(
                f"Added to the candidates for {team}: {_quote(goal.statement)}"
                if team
                else f"Added to the candidates (no team yet): {_quote(goal.statement)}"
            )

    def make_figure_candidate(self) -> None:
        figure = self.current_figure()
        funnel = self.funnel()
        if figure is None or funnel is None:
            self.document.failed.emit("Select a figure in the funnel table to make it a candidate.")
            return
        from offsite.services.funnel import candidate_text

        team_id = self.ui.figureTeamCombo.currentData()
        names = {t.id: t.name for t in self.teams}
        team = names.get(team_id, "") if team_id is not None else ""
        value = _candidate_value(figure)
        text = candidate_text(team, figure.stage, figure.quarter, value)
        detail = candidate_text("", figure.stage, figure.quarter, value)
        doc, funnel_uid = self.document, funnel.uid
        command = CreateCommand(
            doc,
            "Make candidate",
            Kind.CANDIDATE,
            lambda: brainstorm.add_candidate(
                doc.plan, text, team_id, Exercise.FUNNEL, funnel_uid, detail=detail
            ),
        )
        if doc.execute(command):
            self.ui.statusLabel.setText(
                f"Added to the candidates for {team}: {_quote(text)}"
                if team
                else f"Added to the candidates: {_quote(text)}"
            )
