"""The Quarter end page's two tables: the objectives scored (with the leaders' override, reason and
decision, edited in place) and the wins of the quarter; and the cell editor both use.

Each model shows rows the page read from the plan and hands an edit to the page's ``on_edit``,
which pushes an undo command; the model shows the change when the page reloads it, so the screen
never runs ahead of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget

from offsite.domain.formatting import format_number, format_short_date
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.progress import DELIVERED, MISSED, NO_SCORE, PROGRESS, format_score
from offsite.gui.delegates import FieldDelegate
from offsite.gui.models import FIELD_ROLE, Field, FieldType, RowsModel
from offsite.gui.theme import tone
from offsite.services.quarter import (
    MetricScore,
    ObjectiveScore,
)

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: A cell edited by choosing (a decision, the objective a win serves): ``[(value, text), …]``.
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 40
#: The id of the row's objective or win.
ID_ROLE = Qt.ItemDataRole.UserRole + 41

#: What the objectives table's Reason cell says while an override has none.
REASON_NEEDED = QT_TRANSLATE_NOOP("QuarterPage", "Reason needed")
DECISIONS = (
    ("", QT_TRANSLATE_NOOP("QuarterPage", "Undecided")),
    ("keep", QT_TRANSLATE_NOOP("QuarterPage", "Keep")),
    ("drop", QT_TRANSLATE_NOOP("QuarterPage", "Drop")),
    ("change", QT_TRANSLATE_NOOP("QuarterPage", "Change")),
)
#: The colour role of each reading of a score (words first: the colour only repeats them).
WORD_TONES = {DELIVERED: "ok", PROGRESS: "advice", MISSED: "problem", NO_SCORE: "muted"}

OBJECTIVE, TEAMS, METRICS, SCORE, OVERRIDE, REASON, READS, DECISION = range(8)
OBJECTIVE_HEADERS = (
    QT_TRANSLATE_NOOP("QuarterPage", "Objective"),
    QT_TRANSLATE_NOOP("QuarterPage", "Teams"),
    QT_TRANSLATE_NOOP("QuarterPage", "Metrics"),
    QT_TRANSLATE_NOOP("QuarterPage", "Score"),
    QT_TRANSLATE_NOOP("QuarterPage", "Override"),
    QT_TRANSLATE_NOOP("QuarterPage", "Reason"),
    QT_TRANSLATE_NOOP("QuarterPage", "Reads"),
    QT_TRANSLATE_NOOP("QuarterPage", "Decision"),
)
OBJECTIVE_TIPS = {
    METRICS: QT_TRANSLATE_NOOP(
        "QuarterPage",
        "Each metric's score: how far from baseline to target its last actual in the quarter got.",
    ),
    SCORE: QT_TRANSLATE_NOOP("QuarterPage", "The mean of the metrics' scores, to one decimal."),
    OVERRIDE: QT_TRANSLATE_NOOP(
        "QuarterPage",
        "Type a score from 0.0 to 1.0 to override the metrics' (blank: theirs stands); say why under Reason.",
    ),
    REASON: QT_TRANSLATE_NOOP("QuarterPage", "Why the score was overridden: an override needs one."),
    READS: QT_TRANSLATE_NOOP(
        "QuarterPage", "0.7–1.0 delivered · 0.4–0.6 progress · below 0.4 missed (the override, when given)."
    ),
    DECISION: QT_TRANSLATE_NOOP(
        "QuarterPage", "What happens to the objective next cycle: keep, drop or change."
    ),
}
#: The editable cells and the review field each sets (made with the model: their headers, which
#: the cell editor's messages name, are in the language Offsite speaks by then).
EDITED = (OVERRIDE, REASON, DECISION)


def edited_fields() -> dict[int, Field]:
    """What the delegate edits in each editable cell."""
    return {
        OVERRIDE: Field(translate("QuarterPage", "Override"), "score", FieldType.NUMBER),
        REASON: Field(translate("QuarterPage", "Reason"), "reason"),
        DECISION: Field(translate("QuarterPage", "Decision"), "decision"),
    }


def decisions() -> list[tuple[str, str]]:
    """The decisions to choose from, each with its word: ``[("keep", "Keep"), …]``."""
    return [(value, translate("QuarterPage", text)) for value, text in DECISIONS]


def metric_line(scored: MetricScore) -> str:
    """One metric's line in its objective's row: its name and score, or why it has none."""
    metric = scored.metric
    # The score first: a name that wraps never pushes it onto a line of its own.
    if metric.target is None:
        return translate("QuarterPage", "— · {metric} (no target)").format(metric=metric.name)
    if scored.actual is None:
        return translate("QuarterPage", "— · {metric} (no actual)").format(metric=metric.name)
    return f"{format_score(scored.score)} · {metric.name}"


def metric_tip(scored: MetricScore) -> str:
    """What a metric's score was made from: its last actual, baseline and target."""
    metric = scored.metric
    unit = f" {metric.unit}" if metric.unit else ""
    line = translate("QuarterPage", "{metric}: baseline {baseline}, target {target}{unit}").format(
        metric=metric.name,
        baseline=format_number(metric.baseline) or format_number(0),
        target=format_number(metric.target) or translate("QuarterPage", "none"),
        unit=unit,
    )
    if scored.actual is not None:
        line += translate("QuarterPage", "; last actual {value}{unit} on {day}").format(
            value=format_number(scored.actual.value), unit=unit, day=format_short_date(scored.actual.as_of)
        )
    else:
        line += translate("QuarterPage", "; no actual in the quarter")
    return line


class ObjectivesModel(QAbstractTableModel):
    """The objectives at a quarter's end; Override, Reason and Decision edit through ``on_edit``.

    ``on_edit(objective_id, field, value)`` with the review's field name (score, reason, decision).
    """

    def __init__(self, on_edit: Callable[[int, str, Any], None], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ObjectiveScore] = []
        self._on_edit = on_edit
        self._edited = edited_fields()

    def set_rows(self, rows: Sequence[ObjectiveScore]) -> None:
        """Show ``rows``; with the same objectives in the same order only the rows that changed repaint."""
        rows = list(rows)
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        for number, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
            if old != new:
                self._rows[number] = new
                self.dataChanged.emit(self.index(number, 0), self.index(number, len(OBJECTIVE_HEADERS) - 1))

    def rows(self) -> list[ObjectiveScore]:
        return list(self._rows)

    def row_of(self, objective_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == objective_id), -1)

    def objective(self, row: int) -> ObjectiveScore | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(OBJECTIVE_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(OBJECTIVE_HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("QuarterPage", OBJECTIVE_HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = OBJECTIVE_TIPS.get(section)
            return translate("QuarterPage", tip) if tip else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in EDITED else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == ID_ROLE:
            return row.id
        if role == FIELD_ROLE:
            return self._edited.get(column)
        if role == CHOICES_ROLE:
            return decisions() if column == DECISION else None
        if role == Qt.ItemDataRole.EditRole:
            return {
                OVERRIDE: row.override,
                REASON: row.review.reason if row.review else "",
                DECISION: row.decision,
            }.get(column, self.data(index))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._ink(row, column)
        if role == Qt.ItemDataRole.FontRole and (column == REASON and row.needs_reason):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SCORE, OVERRIDE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def _display(self, row: ObjectiveScore, column: int) -> str:
        if column == OBJECTIVE:
            return row.statement
        if column == TEAMS:
            return row.teams
        if column == METRICS:
            return "\n".join(metric_line(m) for m in row.metrics) or translate("QuarterPage", "No metrics")
        if column == SCORE:
            return format_score(row.from_metrics) or "—"
        if column == OVERRIDE:
            return format_score(row.override)
        if column == REASON:
            return (
                translate("QuarterPage", REASON_NEEDED)
                if row.needs_reason
                else (row.review.reason if row.review else "")
            )
        if column == READS:
            return row.words
        return translate("QuarterPage", dict(DECISIONS)[row.decision]) if row.decision else "—"

    def _tip(self, row: ObjectiveScore, column: int) -> str | None:
        if column == METRICS:
            return "\n".join(metric_tip(m) for m in row.metrics) or None
        if column == REASON and row.needs_reason:
            return translate(
                "QuarterPage", "The score is overridden: type why, so the room and the next cycle know."
            )
        if column in (OBJECTIVE, REASON):
            return self._display(row, column) or None
        tip = OBJECTIVE_TIPS.get(column)
        return translate("QuarterPage", tip) if tip else None

    def _ink(self, row: ObjectiveScore, column: int) -> QBrush | None:
        if column == REASON and row.needs_reason:
            return QBrush(QColor(tone("advice")))
        if column == READS:
            return QBrush(QColor(tone(WORD_TONES[row.words])))
        if (column == SCORE and row.from_metrics is None) or (column == DECISION and not row.decision):
            return QBrush(QColor(tone("muted")))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITED:
            return False
        if value == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        self._on_edit(self._rows[index.row()].id, self._edited[index.column()].name, value)
        return True


def win_fields() -> tuple[Field, ...]:
    """The wins table's columns, headed in the language Offsite speaks."""
    return (
        Field(translate("QuarterPage", "Day"), "on", FieldType.DATE),
        Field(translate("QuarterPage", "What was won"), "text"),
        Field(translate("QuarterPage", "People to thank"), "thanks"),
        Field(translate("QuarterPage", "Objective"), "objective_id"),
    )


WIN_OBJECTIVE = 3
NO_OBJECTIVE = QT_TRANSLATE_NOOP("QuarterPage", "No objective")


class WinsModel(RowsModel):
    """The wins of the quarter, edited in place; the objective a win serves is chosen from the plan's."""

    def __init__(
        self,
        on_edit: Callable[[int, str, Any], None],
        objectives: Callable[[], list[tuple[int, str]]],
        parent: Any = None,
    ) -> None:
        super().__init__(win_fields(), on_edit, parent=parent)
        self._objectives = objectives

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == WIN_OBJECTIVE and 0 <= index.row() < self.rowCount():
            value = self.data(index, Qt.ItemDataRole.EditRole) if role != Qt.ItemDataRole.EditRole else None
            if role == CHOICES_ROLE:
                return [(None, translate("QuarterPage", NO_OBJECTIVE)), *self._objectives()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                none = translate("QuarterPage", NO_OBJECTIVE)
                return dict(self._objectives()).get(value, none) if value is not None else none
            if role == Qt.ItemDataRole.ForegroundRole and value is None:
                return QBrush(QColor(tone("muted")))
        elif role == CHOICES_ROLE:
            return None
        return super().data(index, role)


class ChoiceDelegate(FieldDelegate):
    """The house cell editors (``FieldDelegate``), and a list to choose from where a cell offers one."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        choices = index.data(CHOICES_ROLE)
        if choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for value, text in choices:
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if index.data(CHOICES_ROLE) is not None and isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if index.data(CHOICES_ROLE) is not None and isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
            return
        super().setModelData(editor, model, index)
