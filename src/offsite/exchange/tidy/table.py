"""The plan's check-ins as one tidy table, with the metrics and objectives beside it: read once, then written.

``read_table`` reads the plan (its view, metric uids, check-ins and sign-off) into plain rows of
typed values (text, numbers, dates, moments, None for a blank); the CSV and XLSX writers only lay
those rows out. Rows come in the plan's order: objectives and their metrics as the Plan page lists
them, then each metric's check-ins by day, then by source (typed first), so the same plan gives
the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from offsite.domain.checkins import CheckInView
from offsite.domain.errors import CancelledError
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.progress import (
    Status,
    confidence_status,
    expected_value,
    metric_status,
    tracking_window,
)
from offsite.domain.signoff import SignoffView
from offsite.domain.values import MetricView, ObjectiveView, PlanDetails, PlanView
from offsite.store.planfile import PlanFile

#: A cell's value as read: text, a number, a day, a moment (naive UTC), or None for a blank cell.
Cell = str | float | int | dt.date | dt.datetime | None
Row = tuple[Cell, ...]
IsCancelled = Callable[[], bool]

#: The columns of the check-ins, in order: the CSV's header and the “Check-ins” sheet's.
CHECK_IN_COLUMNS: Final = (
    "objective",
    "metric",
    "metric_uid",
    "unit",
    "direction",
    "baseline",
    "target",
    "due",
    "funnel_stage",
    "as_of",
    "value",
    "confidence",
    "confidence_word",
    "note",
    "who",
    "source",
    "recorded_at",
)
#: The “Metrics” sheet: one row per metric, with its last actual and where it stands on that day.
METRIC_COLUMNS: Final = (
    "objective",
    "metric",
    "metric_uid",
    "unit",
    "direction",
    "owner",
    "baseline",
    "target",
    "due",
    "funnel_stage",
    "last_actual",
    "last_as_of",
    "status",
)
#: The “Objectives” sheet: one row per objective.
OBJECTIVE_COLUMNS: Final = ("objective", "period", "method", "owner", "teams")

#: Translated where it is raised: the language is chosen after this module is imported.
CANCELLED_MESSAGE = QT_TRANSLATE_NOOP("TidyExport", "Export cancelled; nothing was written.")
#: How many rows pass between two looks at ``is_cancelled``.
CHECK_EVERY = 2_000


@dataclass(frozen=True, slots=True)
class Signing:
    """The version that locks the plan, as the “About” sheet says it; None fields for a draft."""

    number: int | None = None
    fingerprint: str = ""
    signed: int = 0
    required: int = 0

    @property
    def words(self) -> str:
        if self.number is None:
            return "Not signed: a draft plan"
        if self.signed >= self.required:
            return f"Version {self.number}, signed by all {self.required} leaders"
        return f"Version {self.number}, awaiting signatures ({self.signed} of {self.required})"

    @classmethod
    def of(cls, signoff: SignoffView) -> Signing:
        current = signoff.current
        if current is None:
            return cls()
        signed = len(current.signatures)
        return cls(current.number, current.fingerprint, signed, signed + len(signoff.unsigned_leader_ids))


@dataclass(frozen=True, slots=True)
class TidyTable:
    """What an export writes: the plan's title and signing, and the rows of each sheet."""

    title: str
    signing: Signing
    check_ins: tuple[Row, ...]
    metrics: tuple[Row, ...]
    objectives: tuple[Row, ...]


def read_table(plan: PlanFile, is_cancelled: IsCancelled | None = None) -> TidyTable:
    """Read ``plan`` into the rows of an export (the caller's thread; a command wraps it in a snapshot).

    Raises CancelledError when ``is_cancelled`` says so (checked every few thousand rows).
    """
    from sqlalchemy import select

    from offsite.services.checkins import read_check_ins
    from offsite.services.plans import read_plan
    from offsite.services.signoff import read_signoff
    from offsite.store.models import Metric

    view = read_plan(plan)
    with plan.read() as session:
        uids = {row.id: row.uid for row in session.execute(select(Metric.id, Metric.uid))}
    check_ins = read_check_ins(plan)
    signing = Signing.of(read_signoff(plan))
    return build_table(view, uids, check_ins, signing, is_cancelled)


def build_table(
    view: PlanView,
    uids: dict[int, str],
    check_ins: Sequence[CheckInView],
    signing: Signing,
    is_cancelled: IsCancelled | None = None,
) -> TidyTable:
    """The export's rows from plain values (``read_table`` reads them from the plan)."""
    leaders = {leader.id: leader.name for leader in view.leaders}
    teams = {team.id: team.name for team in view.teams}
    by_metric: dict[int, list[CheckInView]] = {}
    for check_in in check_ins:
        by_metric.setdefault(check_in.metric_id, []).append(check_in)
    for held in by_metric.values():
        # By day, then source (typed first, as stored: ""), then as recorded: a stable order.
        held.sort(key=lambda c: (c.as_of, c.source, c.id))
    first_check_in = min((c.as_of for c in check_ins), default=None)

    rows: list[Row] = []
    metric_rows: list[Row] = []
    objective_rows: list[Row] = []
    for objective in view.objectives:
        objective_rows.append(_objective_row(objective, leaders, teams))
        for metric in objective.metrics:
            held = by_metric.get(metric.id, [])
            describe = _describe(objective, metric, uids.get(metric.id, ""))
            for check_in in held:
                if is_cancelled is not None and len(rows) % CHECK_EVERY == 0 and is_cancelled():
                    raise CancelledError(translate("TidyExport", CANCELLED_MESSAGE))
                rows.append(describe + _reading(check_in, leaders))
            metric_rows.append(
                _metric_row(view.details, objective, metric, describe, held, leaders, first_check_in)
            )
    return TidyTable(view.details.title, signing, tuple(rows), tuple(metric_rows), tuple(objective_rows))


def _describe(objective: ObjectiveView, metric: MetricView, uid: str) -> Row:
    """The columns every check-in of ``metric`` repeats: its objective and its definition."""
    return (
        objective.statement,
        metric.name,
        uid,
        metric.unit,
        metric.direction.value,
        metric.baseline,
        metric.target,
        metric.due,
        metric.funnel_stage,
    )


def confidence_word(confidence: int | None) -> str:
    """“on track”, “at risk” or “off track” for a confidence (``domain/progress``'s bands); "" for none."""
    return "" if confidence is None else confidence_status(confidence).words


def _reading(check_in: CheckInView, leaders: dict[int, str]) -> Row:
    who = leaders.get(check_in.leader_id, "") if check_in.leader_id is not None else check_in.by_name
    return (
        check_in.as_of,
        check_in.value,
        check_in.confidence,
        confidence_word(check_in.confidence),
        check_in.note,
        who,
        check_in.source,
        check_in.recorded_at.replace(microsecond=0),
    )


def _metric_row(
    details: PlanDetails,
    objective: ObjectiveView,
    metric: MetricView,
    describe: Row,
    held: Sequence[CheckInView],
    leaders: dict[int, str],
    first_check_in: dt.date | None,
) -> Row:
    # The last actual is the latest day's, and of that day the last recorded: as the weekly
    # screen reads it (``latest_check_ins``: newest day, then highest id).
    last = max(held, key=lambda c: (c.as_of, c.id), default=None)
    status = Status.NO_DATA
    if last is not None:
        window = tracking_window(
            starts_on=details.starts_on,
            ends_on=details.ends_on,
            horizon=details.horizon,
            due=metric.due,
            first_check_in=first_check_in,
        )
        if window is not None:
            expected = expected_value(metric.baseline, metric.target, window.start, window.end, last.as_of)
            status = metric_status(
                last.value,
                expected=expected,
                baseline=metric.baseline,
                target=metric.target,
                direction=metric.direction,
            )
    owner = leaders.get(metric.owner_id, "") if metric.owner_id is not None else ""
    objective_text, name, uid, unit, direction, baseline, target, due, stage = describe
    return (
        objective_text,
        name,
        uid,
        unit,
        direction,
        owner,
        baseline,
        target,
        due,
        stage,
        None if last is None else last.value,
        None if last is None else last.as_of,
        status.label,
    )


def _objective_row(objective: ObjectiveView, leaders: dict[int, str], teams: dict[int, str]) -> Row:
    owner = leaders.get(objective.owner_id, "") if objective.owner_id is not None else ""
    names = ", ".join(teams[i] for i in objective.team_ids if i in teams)
    return (objective.statement, objective.period, objective.method, owner, names)
