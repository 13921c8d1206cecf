"""What the next cycle reads of this plan: each objective's outcome, and the plan a next cycle continues.

``read_outcomes`` gives every objective with its quarter reviews (score: the leaders' override,
else its metrics' score from the last check-in of that quarter), its metrics with their last
actual, and so whether it is unfinished (``offsite.domain.cycle``): what File ▸ Start the Next
Cycle lists and pre-ticks, and what ``offsite.exchange.cycle`` writes into the new plan.
``read_previous_cycle`` reads the link back a next-cycle plan keeps (the Prepare page shows it).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from offsite.domain.cycle import (
    CarriedMetric,
    ObjectiveOutcome,
    QuarterReview,
    quarter_bounds,
)
from offsite.domain.progress import metric_score, objective_score
from offsite.store.models import CheckIn, Metric, Objective, ObjectiveReview, ObjectiveTeam, Team
from offsite.store.planfile import PlanFile


def read_outcomes(plan: PlanFile) -> list[ObjectiveOutcome]:
    """Every objective of the plan, in plan order, with its reviews and metrics (one read)."""
    with plan.read() as session:
        return outcomes_of(session)


def outcomes_of(session: Session) -> list[ObjectiveOutcome]:
    """``read_outcomes`` inside a transaction the caller holds."""
    team_names: dict[int, list[str]] = defaultdict(list)
    for objective_id, name in session.execute(
        select(ObjectiveTeam.objective_id, Team.name)
        .join(Team, Team.id == ObjectiveTeam.team_id)
        .order_by(Team.position, Team.id)
    ):
        team_names[objective_id].append(name)

    metrics: dict[int, list[Any]] = defaultdict(list)
    for metric in session.execute(
        select(
            Metric.id,
            Metric.objective_id,
            Metric.name,
            Metric.unit,
            Metric.baseline,
            Metric.target,
            Metric.direction,
            Metric.due,
        ).order_by(Metric.position, Metric.id)
    ):
        metrics[metric.objective_id].append(metric)

    # Each metric's check-ins, oldest first (a day's later recording after an earlier one): the
    # last actual overall is the next baseline, the last of a quarter what that quarter scored.
    readings: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    for metric_id, as_of, value in session.execute(
        select(CheckIn.metric_id, CheckIn.as_of, CheckIn.value).order_by(
            CheckIn.metric_id, CheckIn.as_of, CheckIn.recorded_at, CheckIn.id
        )
    ):
        readings[metric_id].append((as_of, value))

    reviews: dict[int, list[Any]] = defaultdict(list)
    for review in session.execute(
        select(
            ObjectiveReview.objective_id,
            ObjectiveReview.period,
            ObjectiveReview.score,
            ObjectiveReview.decision,
            ObjectiveReview.worked,
            ObjectiveReview.did_not_work,
        ).order_by(ObjectiveReview.period, ObjectiveReview.id)
    ):
        reviews[review.objective_id].append(review)

    outcomes: list[ObjectiveOutcome] = []
    for objective in session.execute(
        select(Objective.id, Objective.uid, Objective.statement, Objective.period).order_by(
            Objective.position, Objective.id
        )
    ):
        own = metrics[objective.id]
        carried = tuple(_carried(m, readings.get(m.id, ())) for m in own)
        outcomes.append(
            ObjectiveOutcome(
                id=objective.id,
                uid=objective.uid,
                statement=objective.statement,
                period=objective.period,
                teams=tuple(team_names[objective.id]),
                reviews=tuple(_review(r, own, readings) for r in reviews[objective.id]),
                metrics=carried,
            )
        )
    return outcomes


def _carried(metric: Any, readings: Any) -> CarriedMetric:
    last = readings[-1] if readings else None
    return CarriedMetric(
        name=metric.name,
        unit=metric.unit,
        baseline=metric.baseline,
        target=metric.target,
        due=metric.due,
        last_actual=None if last is None else last[1],
        last_on=None if last is None else last[0],
    )


def _review(row: Any, metrics: list[Any], readings: dict[int, list[tuple[dt.date, float]]]) -> QuarterReview:
    score = row.score
    bounds = quarter_bounds(row.period)
    if score is None and bounds is not None:
        first, last = bounds
        scores = []
        for m in metrics:
            within = [value for day, value in readings.get(m.id, ()) if first <= day <= last]
            actual = within[-1] if within else None
            scores.append(metric_score(m.baseline, m.target, actual, m.direction))
        score = objective_score(scores)
    return QuarterReview(
        period=row.period,
        score=score,
        decision=row.decision,
        worked=row.worked,
        did_not_work=row.did_not_work,
    )


# --- The link back ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PreviousCycleView:
    """The plan a next-cycle plan continues, as its Prepare page names it."""

    title: str
    #: The fingerprint of the version its leaders signed, or None when it was never signed.
    fingerprint: str | None
    file_name: str
    started_at: dt.datetime | None


def read_previous_cycle(plan: PlanFile) -> PreviousCycleView | None:
    """The plan this one continues, or None for a first plan (or a file older than the cadence).

    Plain ``sqlite3``, one row: the Prepare page may be the first screen, which loads no ORM.
    """
    try:
        with plan.read_rows() as rows:
            found = rows.execute(
                "SELECT title, fingerprint, file_name, started_at FROM previous_cycle ORDER BY id LIMIT 1"
            ).fetchone()
    except sqlite3.OperationalError:  # a plan older than the review cadence has no such table
        return None
    if found is None:
        return None
    title, fingerprint, file_name, started_at = found
    # A file from elsewhere may hold anything in a column: what is not text is shown as nothing.
    try:
        started = dt.datetime.fromisoformat(started_at) if isinstance(started_at, str) else None
    except ValueError:
        started = None
    return PreviousCycleView(
        title=title if isinstance(title, str) else "",
        fingerprint=fingerprint if isinstance(fingerprint, str) else None,
        file_name=file_name if isinstance(file_name, str) else "",
        started_at=started,
    )
