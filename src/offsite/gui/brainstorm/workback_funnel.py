"""The reverse funnel of the "Work back" tab: its inputs as typed, their undo step, the table.

The inputs are read as typed (a blank is None, text that is no number NaN, so the checks can say
what is wrong) and saved only when the plan file takes them; one typing burst is one undo step.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from offsite.domain.formatting import format_date, format_number, parse_number
from offsite.domain.funnel import STAGE_LABELS, STAGES, TOTAL_LABEL
from offsite.domain.language import translate
from offsite.domain.values import CompanyGoalView, Kind
from offsite.gui.brainstorm.common import ROOT, Index
from offsite.gui.document import EditCommand, PlanDocument, Rows
from offsite.gui.theme import INK_ON_TINT
from offsite.services import brainstorm, changes
from offsite.services.changes import Created, Removed

TOTAL_BACKGROUND = "#f3f5f8"
_FUNNEL_MERGE_ID = 0x0F6

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


def format_weights(weights: Sequence[float]) -> str:
    return ", ".join(format_number(w) for w in weights)


def even_weights(count: int) -> tuple[float, ...]:
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

    def rows(self) -> Rows:
        return {Kind.FUNNEL: frozenset() if self.created_id is None else frozenset({self.created_id})}

    def reordered(self) -> frozenset[Kind]:
        return frozenset({Kind.FUNNEL}) if self.created_id is not None else frozenset()

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

    def set_rows(self, given: Sequence[tuple[str, Sequence[float]]]) -> None:
        rows = [(label, [float(v) for v in values]) for label, values in given]
        if [label for label, _ in rows] == [label for label, _ in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(STAGES) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
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
                return translate("Funnel", STAGE_LABELS[STAGES[section]])
            if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
                label = self._rows[section][0]
                return translate("Funnel", TOTAL_LABEL) if label == TOTAL_LABEL else label
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

                return candidate_text("", figure.stage, figure.quarter, candidate_value(figure))
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


def candidate_value(figure: Figure) -> float:
    return round(figure.value, 2) if figure.stage == "revenue" else float(int(figure.value))


def goal_summary(goal: CompanyGoalView) -> str:
    """“From 20 to 30 M USD (+50%) by 31 December 2027”, as much of it as the goal says."""
    unit = f" {goal.unit}" if goal.unit.strip() else ""
    parts = []
    if goal.baseline is not None and goal.target is not None:
        parts.append(
            translate("WorkBackTab", "From {baseline} to {target}{unit}").format(
                baseline=format_number(goal.baseline), target=format_number(goal.target), unit=unit
            )
        )
        if goal.baseline > 0:
            change = (goal.target - goal.baseline) / goal.baseline * 100
            parts.append(f"({'+' if change >= 0 else '−'}{format_number(round(abs(change), 1))}%)")
    elif goal.target is not None:
        parts.append(
            translate("WorkBackTab", "Target {target}{unit}").format(
                target=format_number(goal.target), unit=unit
            )
        )
    if goal.due is not None:
        parts.append(translate("WorkBackTab", "by {date}").format(date=format_date(goal.due)))
    return " ".join(parts)
