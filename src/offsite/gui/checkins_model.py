"""The weekly review's table: one row per metric, in plan order under its objective, with what the
room reads (owner, target, last actual, expected value, status, confidence trend) and the two cells
it types into (the new actual and its confidence) until Enter saves them as a check-in.

The rows are built once from the plan view; each metric's latest check-ins are held beside them
and replaced one metric at a time as check-ins are saved or undone (``patch``), so a keystroke
repaints one row whatever the plan's size. A large plan's rows are handed to the view a batch at a
time as it scrolls (``fetchMore``). The expected value and the status are
``offsite.domain.progress``'s, as on every screen and in the report.

Under a metric that a hand-off or a joint practice names, a line names that agreement (its check-ins
are the metric's); a practice's line says whether its cadence is kept in the period holding the
day, or still due (``offsite.domain.practices``). These lines are read, never landed on: the
keyboard passes over them as over the objectives' headings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from offsite.domain.agreements import AgreementKind, AgreementView
from offsite.domain.checkins import CheckInView, LatestCheckIns
from offsite.domain.formatting import MONTHS, format_number, format_short_date
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.domain.practices import (
    PracticeState,
    agreement_line,
    cadence_grain,
    cadence_period,
    practice_state,
    tracked_by_metric,
)
from offsite.domain.progress import (
    CONFIDENCE_HINT,
    Status,
    Trend,
    confidence_trend,
    expected_value,
    horizon_end,
    metric_status,
    plan_start,
    tracking_window,
)
from offsite.domain.values import Direction, MetricView, PlanDetails, PlanView
from offsite.gui.theme import tone

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

# --- How progress reads on this screen (its rules are offsite.domain.progress's) ---------------------

ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NO_DATA
#: How a status reads, never by its colour alone: a shape and a word.
STATUS_SHAPES = {ON_TRACK: "●", AT_RISK: "▲", OFF_TRACK: "■", NO_DATA: "○"}
#: A joint practice's cadence in the Status column, in the same shapes and colours.
PRACTICE_SHAPES = {PracticeState.KEPT: "●", PracticeState.DUE: "▲", PracticeState.MISSED: "■"}


def status_label(status: Status) -> str:
    """ "● On track": the shape and the word, in the leader's language (made when shown)."""
    return f"{STATUS_SHAPES[status]} {status.label}"


def practice_label(state: PracticeState) -> str:
    """ "▲ Due": a joint practice's cadence, as the Status column says it."""
    return f"{PRACTICE_SHAPES[state]} {state.label}"


def status_labels() -> list[str]:
    """Every label the Status column can show, to size it for the longest."""
    return [*(status_label(s) for s in STATUS_SHAPES), *(practice_label(p) for p in PRACTICE_SHAPES)]


#: A cadence's grain as a sentence says it ("each week"), marked for the catalogue.
GRAIN_WORDS = {
    "day": QT_TRANSLATE_NOOP("CheckInsTab", "day"),
    "week": QT_TRANSLATE_NOOP("CheckInsTab", "week"),
    "month": QT_TRANSLATE_NOOP("CheckInsTab", "month"),
    "quarter": QT_TRANSLATE_NOOP("CheckInsTab", "quarter"),
    "half": QT_TRANSLATE_NOOP("CheckInsTab", "half"),
    "year": QT_TRANSLATE_NOOP("CheckInsTab", "year"),
}
#: Where the confidence is heading, after its last three values.
TREND_MARKS = {Trend.RISING: "↑", Trend.FALLING: "↓", Trend.STEADY: "="}


def trend_text(recent: Sequence[CheckInView]) -> str:
    """The last three confidences given, oldest first, with where they head: "5 → 6 → 8 ↑"."""
    given = [c.confidence for c in reversed(recent) if c.confidence is not None]
    if not given:
        return ""
    trend = confidence_trend(given)
    text = " → ".join(str(c) for c in given)
    return text if trend is None else f"{text} {TREND_MARKS[trend]}"


# --- Rows --------------------------------------------------------------------------------------------

#: The columns' titles, marked for the catalogue: shown through ``translate("CheckInsTab", ...)``.
COLUMNS = (
    QT_TRANSLATE_NOOP("CheckInsTab", "Objective / metric"),
    QT_TRANSLATE_NOOP("CheckInsTab", "Owner"),
    QT_TRANSLATE_NOOP("CheckInsTab", "Target"),
    QT_TRANSLATE_NOOP("CheckInsTab", "Last actual"),
    QT_TRANSLATE_NOOP("CheckInsTab", "Expected\ntoday"),
    QT_TRANSLATE_NOOP("CheckInsTab", "Status"),
    QT_TRANSLATE_NOOP("CheckInsTab", "Confidence\ntrend"),
    QT_TRANSLATE_NOOP("CheckInsTab", "New\nactual"),
    QT_TRANSLATE_NOOP("CheckInsTab", "Confidence"),
)
NAME, OWNER, TARGET, LAST, EXPECTED, STATUS, TREND, NEW_ACTUAL, CONFIDENCE = range(len(COLUMNS))
#: The two cells a leader types into; Enter saves them as one check-in.
ENTRY_COLUMNS = (NEW_ACTUAL, CONFIDENCE)
HEADER_TIPS = {
    TARGET: QT_TRANSLATE_NOOP("CheckInsTab", "The metric's target, in its unit, and when it is due"),
    LAST: QT_TRANSLATE_NOOP("CheckInsTab", "The metric's latest actual value and the day it is as of"),
    EXPECTED: QT_TRANSLATE_NOOP(
        "CheckInsTab",
        "Where the metric should stand on the day chosen above: on the straight line from "
        "its baseline at the offsite to its target on its due date (or at the end of the horizon)",
    ),
    STATUS: QT_TRANSLATE_NOOP(
        "CheckInsTab",
        "The last actual against the expected value: at least 90% of the progress expected is "
        "on track, at least 70% at risk, less off track",
    ),
    TREND: QT_TRANSLATE_NOOP(
        "CheckInsTab",
        "The confidence of the last three check-ins, oldest first: ↑ rising, ↓ falling, = steady",
    ),
    NEW_ACTUAL: QT_TRANSLATE_NOOP(
        "CheckInsTab",
        "Type the metric's actual value as of the day chosen above; Tab goes to its "
        "confidence, Enter saves the check-in",
    ),
}


def column_title(column: int) -> str:
    """A column's title in the leader's language ("New\nactual")."""
    return translate("CheckInsTab", COLUMNS[column])


def header_tip(column: int) -> str | None:
    """What a column's header (and its cells) explain on hover, in the leader's language."""
    if column == CONFIDENCE:
        return translate("Tracking", CONFIDENCE_HINT) + translate("CheckInsTab", " Enter saves the check-in.")
    tip = HEADER_TIPS.get(column)
    return None if tip is None else translate("CheckInsTab", tip)


#: Rows handed to the view at a time: a few screenfuls, whatever the plan's size.
FETCH_BATCH = 200


@dataclass(frozen=True, slots=True)
class Heading:
    """An objective's row: its statement and teams, over its metrics."""

    objective_id: int
    text: str


@dataclass(frozen=True, slots=True)
class Line:
    """A metric's row, with what it shows of its objective and owner."""

    metric: MetricView
    objective: str
    owner: str
    #: The owner shown is the objective's (the metric has none of its own).
    owner_derived: bool
    #: The leader who answers for the metric (its own owner, else the objective's), or None.
    owner_id: int | None


@dataclass(frozen=True, slots=True)
class Tracked:
    """A hand-off's or joint practice's line under the metric it names: read, never typed into."""

    agreement: AgreementView
    metric_id: int
    text: str


Row = Heading | Line | Tracked


def plan_rows(view: PlanView, agreements: Sequence[AgreementView] = ()) -> list[Row]:
    """Every metric of the plan, in plan order, each objective's under a heading naming its teams,
    and under each metric the hand-offs and joint practices that name it."""
    teams = {t.id: t.name for t in view.teams}
    leaders = {p.id: p.name for p in view.leaders}
    named = tracked_by_metric(agreements)
    rows: list[Row] = []
    for objective in view.objectives:
        if not objective.metrics:
            continue
        statement = " ".join(objective.statement.split()) or translate("CheckInsTab", "(untitled objective)")
        owned_by = " + ".join(teams[t] for t in objective.team_ids if t in teams) or translate(
            "CheckInsTab", "No team"
        )
        rows.append(Heading(objective.id, f"{statement}  ·  {owned_by}"))
        for metric in objective.metrics:
            own = leaders.get(metric.owner_id) if metric.owner_id is not None else None
            theirs = leaders.get(objective.owner_id) if objective.owner_id is not None else None
            rows.append(
                Line(
                    metric,
                    statement,
                    own or theirs or "—",
                    own is None and theirs is not None,
                    metric.owner_id if own else objective.owner_id if theirs else None,
                )
            )
            rows += [Tracked(a, metric.id, agreement_line(a)) for a in named.get(metric.id, ())]
    return rows


def _readable(value: float) -> float:
    """A value on the line rounded as people read it: 124, 20.7, 2.48."""
    size = abs(value)
    return round(value, 0 if size >= 100 else 1 if size >= 10 else 2)


def short_day(day: dt.date, reference: dt.date) -> str:
    """“1 Mar”, with the year only when it is not ``reference``'s (“01.03.”, “01.03.2026”: a
    table's narrow columns read German dates in figures)."""
    if language() != "en":
        from babel.dates import format_skeleton

        if day.year != reference.year:
            return format_short_date(day)
        return str(format_skeleton("ddMM", day, locale=language()))
    text = f"{day.day} {MONTHS[day.month - 1][:3]}"
    return text if day.year == reference.year else f"{text} {day.year}"


def amount(value: float, unit: str, *, short: bool = False) -> str:
    """A value with its unit as people say it: “28%”, “4.2 M USD”, “180 meetings”; ``short``
    leaves out a unit of words (the Target column says it once per row)."""
    unit = unit.strip()
    if unit == "%":
        return f"{format_number(value)}%"
    return format_number(value) if short else f"{format_number(value)} {unit}".strip()


class CheckInsModel(QAbstractTableModel):
    """Metrics under their objectives, with their latest check-ins and what is being typed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        #: How many rows the view has been handed (a large plan's come a batch at a time).
        self._shown = 0
        self._row_of: dict[int, int] = {}
        self._latest: dict[int, LatestCheckIns] = {}
        self._status: dict[int, Status] = {}
        self._counts: dict[Status, int] = dict.fromkeys(Status, 0)
        #: The rows of the agreements that name each metric, by metric.
        self._agreements_of: dict[int, list[int]] = {}
        #: Where each joint practice with a cadence stands on the day, by its row; and how many are due.
        self._practice: dict[int, PracticeState] = {}
        self._due = 0
        #: Where tracking starts (the offsite's last day): no practice is due before it.
        self._starts: dt.date | None = None
        #: What is typed and not saved yet, by metric: [new actual, confidence].
        self._pending: dict[int, list[str]] = {}
        self._details: PlanDetails | None = None
        #: The last day of the plan's horizon, if it names one.
        self._plan_end: dt.date | None = None
        self._day = dt.date.today()
        self._today = dt.date.today()
        self.read_only = False
        bold = QFont()
        bold.setBold(True)
        self._bold = bold
        italic = QFont()
        italic.setItalic(True)
        self._italic = italic

    # -- what is shown ---------------------------------------------------------------------------
    def set_plan(
        self,
        view: PlanView,
        latest: Mapping[int, LatestCheckIns],
        agreements: Sequence[AgreementView] = (),
    ) -> None:
        """Show every metric of ``view`` with its ``latest`` check-ins, and the hand-offs and joint
        practices of ``agreements`` under the metrics they name; the same rows in the same order
        repaint in place (the selection and what is typed stay)."""
        rows = plan_rows(view, agreements)
        same = [_key(r) for r in rows] == [_key(r) for r in self._rows]
        if not same:
            self.beginResetModel()
        self._rows, self._details, self._latest = rows, view.details, dict(latest)
        self._plan_end = horizon_end(view.details.horizon)
        self._row_of = {r.metric.id: n for n, r in enumerate(rows) if isinstance(r, Line)}
        self._agreements_of = {}
        for n, row in enumerate(rows):
            if isinstance(row, Tracked):
                self._agreements_of.setdefault(row.metric_id, []).append(n)
        self._starts = plan_start(view.details.starts_on, view.details.ends_on, None)
        self._pending = {m: p for m, p in self._pending.items() if m in self._row_of}
        self._status, self._counts = {}, dict.fromkeys(Status, 0)
        self._practice, self._due = {}, 0
        self._judge(self._row_of)
        if not same:
            self._shown = min(len(rows), FETCH_BATCH)
            self.endResetModel()
        elif self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, len(COLUMNS) - 1))

    def patch(self, latest: Mapping[int, LatestCheckIns], metric_ids: Iterable[int]) -> None:
        """The latest check-ins of ``metric_ids`` (absent: none left) as just read: their rows alone repaint."""
        for metric_id in metric_ids:
            row = self._row_of.get(metric_id)
            if row is None:
                continue
            found = latest.get(metric_id)
            if found is None:
                self._latest.pop(metric_id, None)
            else:
                self._latest[metric_id] = found
            self._judge([metric_id])
            if row < self._shown:
                self._repaint_row(row)
            for practice in self._agreements_of.get(metric_id, ()):
                # A check-in may keep the practice of its metric: that line's status alone repaints.
                if practice in self._practice and practice < self._shown:
                    index = self.index(practice, STATUS)
                    self.dataChanged.emit(index, index)

    def _repaint_row(self, row: int) -> None:
        """Say each cell of ``row`` changed, one by one: a table with spans (the objectives'
        headings) repaints its whole viewport for a range of cells, but one cell's rectangle for a
        cell, so a keystroke repaints one row, not the screen."""
        for column in range(len(COLUMNS)):
            index = self.index(row, column)
            self.dataChanged.emit(index, index)

    def set_day(self, day: dt.date, today: dt.date | None = None) -> None:
        """Judge every metric on ``day`` (the day check-ins are typed for)."""
        self._day, self._today = day, today or dt.date.today()
        self._judge(self._row_of)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, EXPECTED, EXPECTED)
        if self._shown:
            self.dataChanged.emit(self.index(0, LAST), self.index(self._shown - 1, STATUS))

    @property
    def day(self) -> dt.date:
        return self._day

    def _judge(self, metric_ids: Iterable[int]) -> None:
        for metric_id in metric_ids:
            line = self._rows[self._row_of[metric_id]]
            assert isinstance(line, Line)
            before = self._status.get(metric_id)
            if before is not None:
                self._counts[before] -= 1
            self._status[metric_id] = now = self._status_of(line.metric)
            self._counts[now] += 1
            for row in self._agreements_of.get(metric_id, ()):
                self._judge_practice(row)

    def _judge_practice(self, row: int) -> None:
        """Whether the joint practice at ``row`` is kept in the period of its cadence holding the day."""
        tracked = self._rows[row]
        assert isinstance(tracked, Tracked)
        if self._practice.pop(row, None) is PracticeState.DUE:
            self._due -= 1
        if tracked.agreement.kind != AgreementKind.PRACTICE:
            return
        last = self.last(tracked.metric_id)
        state = practice_state(
            tracked.agreement.cadence, [last.as_of] if last else [], self._day, starts=self._starts
        )
        if state is not None:
            self._practice[row] = state
            self._due += state is PracticeState.DUE

    def _expected(self, metric: MetricView) -> float | None:
        details = self._details
        if details is None:
            return None
        recent = self._latest.get(metric.id)
        window = tracking_window(
            starts_on=details.starts_on,
            ends_on=details.ends_on,
            horizon=details.horizon,
            due=metric.due,
            # A plan without dates starts at the first check-in (of those read: the last three).
            first_check_in=recent.recent[-1].as_of if recent and recent.recent else None,
        )
        if window is None:
            return None
        return expected_value(metric.baseline, metric.target, window.start, window.end, self._day)

    def _status_of(self, metric: MetricView) -> Status:
        last = self.last(metric.id)
        return metric_status(
            last.value if last else None,
            expected=self._expected(metric),
            baseline=metric.baseline,
            target=metric.target,
            direction=metric.direction,
        )

    def counts(self) -> dict[Status, int]:
        """How many metrics stand at each status (kept as metrics are judged, never recounted)."""
        return dict(self._counts)

    def practices_due(self) -> int:
        """How many joint practices are due on the day: no check-in of their metric in the period yet."""
        return self._due

    # -- rows ------------------------------------------------------------------------------------
    def line(self, row: int) -> Line | None:
        found = self._rows[row] if 0 <= row < self._shown else None
        return found if isinstance(found, Line) else None

    def heading(self, row: int) -> Heading | None:
        found = self._rows[row] if 0 <= row < self._shown else None
        return found if isinstance(found, Heading) else None

    def tracked(self, row: int) -> Tracked | None:
        """The hand-off's or joint practice's line at ``row``, if that is what it is."""
        found = self._rows[row] if 0 <= row < self._shown else None
        return found if isinstance(found, Tracked) else None

    def practice(self, row: int) -> PracticeState | None:
        """Where the joint practice at ``row`` stands on the day (None: not a practice with a cadence)."""
        return self._practice.get(row)

    def agreements_of(self, metric_id: int) -> list[tuple[int, Tracked]]:
        """The lines of the agreements that name ``metric_id``, with their rows (shown or not)."""
        found = []
        for row in self._agreements_of.get(metric_id, ()):
            tracked = self._rows[row]
            assert isinstance(tracked, Tracked)
            found.append((row, tracked))
        return found

    def row_of(self, metric_id: int) -> int:
        """The row of ``metric_id`` (handing the view the rows up to it first); -1 if not shown."""
        row = self._row_of.get(metric_id, -1)
        if row >= self._shown:
            self._show_up_to(row + 1)
        return row

    def metric_row_after(self, row: int, step: int = 1) -> int:
        """The next metric's row after ``row`` (before it, for ``step`` -1); -1 when there is none."""
        row += step
        while 0 <= row < len(self._rows):
            if isinstance(self._rows[row], Line):
                if row >= self._shown:
                    self._show_up_to(row + 1)
                return row
            row += step
        return -1

    def lines_of(self, objective_row: int) -> list[Line]:
        """The metrics under the heading at ``objective_row`` (all of them, shown or not)."""
        found = []
        for row in self._rows[objective_row + 1 :]:
            if isinstance(row, Heading):
                break
            if isinstance(row, Line):
                found.append(row)
        return found

    def heading_row(self, row: int) -> int:
        """The row of the heading ``row`` sits under."""
        while row > 0 and not isinstance(self._rows[row], Heading):
            row -= 1
        return row

    def last(self, metric_id: int) -> CheckInView | None:
        recent = self._latest.get(metric_id)
        return recent.last if recent else None

    def recent(self, metric_id: int) -> tuple[CheckInView, ...]:
        recent = self._latest.get(metric_id)
        return recent.recent if recent else ()

    def status(self, metric_id: int) -> Status:
        return self._status.get(metric_id, NO_DATA)

    # -- what is typed ---------------------------------------------------------------------------
    def pending(self, metric_id: int) -> tuple[str, str]:
        typed = self._pending.get(metric_id, ["", ""])
        return typed[0], typed[1]

    def clear_pending(self, metric_id: int) -> None:
        if self._pending.pop(metric_id, None) is not None:
            row = self._row_of[metric_id]
            if row < self._shown:
                for column in ENTRY_COLUMNS:
                    self.dataChanged.emit(self.index(row, column), self.index(row, column))

    # -- the table -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._show_up_to(self._shown + FETCH_BATCH)

    def _show_up_to(self, count: int) -> None:
        count = min(count, len(self._rows))
        if count <= self._shown:
            return
        self.beginInsertRows(_ROOT, self._shown, count - 1)
        self._shown = count
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == EXPECTED and self._day != self._today:
                return translate("CheckInsTab", "Expected\n{day}").format(day=short_day(self._day, self._day))
            return column_title(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tip(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.line(index.row()) is None:
            # A heading: read, never landed on (arrow keys and Enter pass over it).
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in ENTRY_COLUMNS and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        line = self.line(index.row()) if index.isValid() else None
        if line is None or index.column() not in ENTRY_COLUMNS or role != Qt.ItemDataRole.EditRole:
            return False
        typed = self._pending.setdefault(line.metric.id, ["", ""])
        typed[index.column() - NEW_ACTUAL] = str(value).strip()
        if typed == ["", ""]:
            del self._pending[line.metric.id]
        self.dataChanged.emit(index, index)
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        row = self._rows[index.row()]
        if isinstance(row, Heading):
            return self._heading_data(row, index.column(), role)
        if isinstance(row, Tracked):
            return self._tracked_data(index.row(), row, index.column(), role)
        return self._line_data(row, index.column(), role)

    def _heading_data(self, heading: Heading, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and column == NAME:
            return heading.text
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(tone("header")))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(tone("ink")))
        return None

    def _tracked_data(self, row: int, tracked: Tracked, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tracked_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and (
            column == NAME or (row in self._practice and column == STATUS)
        ):
            return self._tracked_tip(row, tracked, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            # Always given: the line is not enabled (never landed on), and would read greyed out.
            state = self._practice.get(row)
            if column == STATUS and state is not None:
                return QBrush(QColor(tone(state.role)))
            return QBrush(QColor(tone("origin")))
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if column == STATUS else self._italic
        return None

    def tracked_text(self, row: int, column: int) -> str:
        """What the cell of the agreement's line at ``row`` in ``column`` reads."""
        tracked = self._rows[row]
        if not isinstance(tracked, Tracked):
            return ""
        if column == NAME:
            return f"↳ {tracked.text}"
        state = self._practice.get(row)
        return practice_label(state) if column == STATUS and state is not None else ""

    def _tracked_tip(self, row: int, tracked: Tracked, column: int) -> str:
        line = self._rows[self._row_of[tracked.metric_id]]
        assert isinstance(line, Line)
        metric = line.metric.name or translate("CheckInsTab", "the metric")
        agreement = tracked.agreement
        state = self._practice.get(row)
        if column == STATUS and state is not None:
            period = cadence_period(agreement.cadence, self._day)
            assert period is not None
            last = self.last(tracked.metric_id)
            if state is PracticeState.KEPT and last is not None:
                return translate("CheckInsTab", "Kept in {period}: {metric} was checked in on {day}").format(
                    period=period.words, metric=metric, day=short_day(last.as_of, self._day)
                )
            return translate(
                "CheckInsTab",
                "Due in {period}: no check-in of {metric} yet. A check-in of {metric} "
                "keeps the practice ({cadence}, at the least).",
            ).format(period=period.words, metric=metric, cadence=agreement.cadence)
        if agreement.kind == AgreementKind.HAND_OFF:
            parts = [
                translate("CheckInsTab", "Route: {route}").format(route=agreement.route)
                if agreement.route.strip()
                else ""
            ]
            parts.append(
                translate("CheckInsTab", "On a miss: {on_miss}").format(on_miss=agreement.on_miss)
                if agreement.on_miss.strip()
                else ""
            )
            said = "\n".join(p for p in parts if p)
            tracked_by = translate(
                "CheckInsTab", "The hand-off's response time is tracked by {metric}'s check-ins."
            ).format(metric=metric)
            return f"{tracked.text}\n{tracked_by}" + (f"\n{said}" if said else "")
        grain = cadence_grain(agreement.cadence)
        if grain is not None:
            keeps = translate(
                "CheckInsTab", "A check-in of {metric} in each {grain} keeps the practice."
            ).format(metric=metric, grain=translate("CheckInsTab", GRAIN_WORDS.get(grain.value, grain.value)))
        else:
            keeps = translate(
                "CheckInsTab",
                "A check-in of {metric} in each period of its cadence, once agreed, keeps the practice.",
            ).format(metric=metric)
        return f"{tracked.text}\n{keeps}"

    def _line_data(self, line: Line, column: int, role: int) -> Any:
        metric = line.metric
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS:
                return QBrush(QColor(tone(self.status(metric.id).role)))
            if column == OWNER and line.owner_derived:
                return QBrush(QColor(tone("muted")))
            return None
        if role == Qt.ItemDataRole.FontRole and column in (STATUS, NEW_ACTUAL, CONFIDENCE):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (EXPECTED, NEW_ACTUAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def text(self, line: Line, column: int) -> str:
        """What the cell of ``line`` in ``column`` reads (shown as a row or not)."""
        metric = line.metric
        if column == NAME:
            return metric.name or translate("CheckInsTab", "(untitled metric)")
        if column == OWNER:
            return line.owner
        if column == TARGET:
            if metric.target is None:
                return translate("CheckInsTab", "no target")
            arrow = "↓ " if metric.direction is Direction.DOWN else ""
            target = f"{arrow}{amount(metric.target, metric.unit)}"
            if not metric.due:
                return target
            # The year only when it is not the plan's: "by 31 Mar" in a plan for H1 2027.
            return translate("CheckInsTab", "{target} by {due}").format(
                target=target, due=short_day(metric.due, self._plan_end or self._day)
            )
        if column == LAST:
            last = self.last(metric.id)
            if last is None:
                return translate("CheckInsTab", "none yet")
            return translate("CheckInsTab", "{value} as of {day}").format(
                value=amount(last.value, metric.unit, short=True), day=short_day(last.as_of, self._day)
            )
        if column == EXPECTED:
            expected = self._expected(metric)
            return "" if expected is None else amount(_readable(expected), metric.unit, short=True)
        if column == STATUS:
            return status_label(self.status(metric.id))
        if column == TREND:
            return trend_text(self.recent(metric.id))
        return self.pending(metric.id)[column - NEW_ACTUAL]

    def _tooltip(self, line: Line, column: int) -> str | None:
        metric = line.metric
        if column == NAME:
            return f"{metric.name} — {line.objective}"
        if column == OWNER and line.owner_derived:
            return translate(
                "CheckInsTab", "{owner} owns the objective; the metric has no owner of its own"
            ).format(owner=line.owner)
        if column == LAST:
            last = self.last(metric.id)
            if last is None:
                return translate("CheckInsTab", "No check-in yet")
            value, day = amount(last.value, metric.unit), short_day(last.as_of, dt.date.min)
            if last.source:
                tip = translate("CheckInsTab", "{value} as of {day}, imported from {source}").format(
                    value=value, day=day, source=last.source
                )
            else:
                tip = translate("CheckInsTab", "{value} as of {day}, typed in the weekly review").format(
                    value=value, day=day
                )
            if last.note:
                tip += "\n" + translate("CheckInsTab", "Note: {note}").format(note=last.note)
            return tip
        if column in (STATUS, EXPECTED, TREND, NEW_ACTUAL, CONFIDENCE):
            return header_tip(column)
        return None


def _key(row: Row) -> tuple[str, int]:
    if isinstance(row, Tracked):
        return ("a", row.agreement.id)
    return ("o", row.objective_id) if isinstance(row, Heading) else ("m", row.metric.id)
