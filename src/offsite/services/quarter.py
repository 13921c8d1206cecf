"""The quarter's end, read for its screen: each objective's score from its metrics' last actuals
in a quarter beside the leaders' review of it, the wins of the quarter and the alignment readings.

The rules of a score are the review cadence's (CADENCE: "metric score", "objective score"):

- a metric's score is how far from its baseline to its target the last actual of the quarter
  got, 0.0–1.0, clipped; a missing baseline counts as 0; a metric going down scores by
  decreasing; no target or no actual in the quarter: no score;
- an objective's score is the mean of the scores its metrics have, shown to one decimal;
- a leader may override it (``ObjectiveReview.score``, with a reason); the score shown is the
  override when there is one;
- the words: 0.7–1.0 delivered, 0.4–0.6 progress, below missed (on the figure shown).

Each rule is ``offsite.domain.progress``'s: the screen, the results report and the next cycle read
one definition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from offsite.domain.progress import (
    Grain,
    Period,
    horizon_end,
    metric_score,
    objective_score,
    parse_period,
    quarter_of,
    score_words,
)
from offsite.domain.values import MetricView, ObjectiveView, PlanDetails, PlanView
from offsite.store.models import AlignmentReading, CheckIn, ObjectiveReview, Win
from offsite.store.planfile import PlanFile

#: The most quarters the chooser lists: a horizon of “2027–2099” is a typo, not ninety years.
MOST_QUARTERS = 40
#: A quarter this close to its end (in days) is the one being reviewed, over the last finished one.
ENDING_SOON = 31

# --- Quarters -------------------------------------------------------------------------------------


#: A calendar quarter (``Period`` of the quarter grain): ``label`` as the plan stores it (“2027-Q1”).
Quarter = Period


def quarter_labelled(label: str) -> Quarter | None:
    """The quarter a stored label (“2027-Q1”) names; None for anything else."""
    try:
        period = parse_period(label)
    except ValueError:
        return None
    return period if period.grain is Grain.QUARTER else None


def _horizon_span(horizon: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the period a plan's horizon names (“H1 2027” → 1 January to 30
    June 2027); a span in words (“Q1–Q2 2027”) from the start of its last year; None when the
    horizon names nothing Offsite reads."""
    end = horizon_end(horizon)
    if end is None:
        return None
    try:
        return parse_period(horizon).start, end
    except ValueError:
        return dt.date(end.year, 1, 1), end


def plan_quarters(details: PlanDetails, *, also: Iterable[str] = (), today: dt.date) -> tuple[Quarter, ...]:
    """The quarters the plan's horizon spans, from the plan's start (the offsite's last day, else
    its first) to the horizon's end, in order; with the quarters ``also`` names (those already
    reviewed or closed, so none is hidden). With no dates and no horizon to read: ``today``'s."""
    span = _horizon_span(details.horizon)
    start = details.ends_on or details.starts_on or (span[0] if span else None)
    end = span[1] if span else None
    if start is None:
        start = end or today
    if end is None or end < start:
        end = dt.date(start.year, 12, 31)
    quarters = {quarter_of(start)}
    quarter = quarter_of(start)
    while quarter.end < end and len(quarters) < MOST_QUARTERS:
        quarter = quarter_of(quarter.end + dt.timedelta(days=1))
        quarters.add(quarter)
    quarters.update(q for q in (quarter_labelled(label) for label in also) if q is not None)
    return tuple(sorted(quarters))


def default_quarter(quarters: Sequence[Quarter], today: dt.date) -> Quarter:
    """The quarter a leader most likely reviews ``today``: the current one in its last month (or
    when none has finished yet), else the last one finished; the first before the plan's quarters
    begin, the last after they end."""
    if not quarters:
        return quarter_of(today)
    current = next((q for q in quarters if today in q), None)
    finished = [q for q in quarters if q.end < today]
    if current is not None and ((current.end - today).days < ENDING_SOON or not finished):
        return current
    if finished:
        return finished[-1]
    return quarters[0]


# --- Scores ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actual:
    """A metric's last actual in a quarter: its value and the day it was as of."""

    value: float
    as_of: dt.date


@dataclass(frozen=True, slots=True)
class MetricScore:
    """One metric at a quarter's end: its last actual there (or none) and the score it makes."""

    metric: MetricView
    actual: Actual | None
    score: float | None


@dataclass(frozen=True, slots=True)
class ReviewView:
    """The leaders' review of an objective for a quarter (``ObjectiveReview``)."""

    id: int
    objective_id: int
    period: str
    score: float | None
    reason: str
    worked: str
    did_not_work: str
    decision: str


@dataclass(frozen=True, slots=True)
class ObjectiveScore:
    """An objective at a quarter's end: its metrics' scores, theirs together, and its review."""

    #: The objective's id (the table's rows are keyed by it).
    id: int
    statement: str
    teams: str
    metrics: tuple[MetricScore, ...]
    #: The mean of its metrics' scores; None when no metric has one.
    from_metrics: float | None
    review: ReviewView | None

    @property
    def override(self) -> float | None:
        return self.review.score if self.review is not None else None

    @property
    def score(self) -> float | None:
        """The score that stands: the leaders' override, else the metrics'."""
        return self.override if self.override is not None else self.from_metrics

    @property
    def needs_reason(self) -> bool:
        """An override says why: True while one is given without a reason."""
        return self.override is not None and not (self.review and self.review.reason.strip())

    @property
    def words(self) -> str:
        return score_words(self.score)

    @property
    def decision(self) -> str:
        return self.review.decision if self.review is not None else ""


def score_objectives(
    view: PlanView, actuals: Mapping[int, Actual], reviews: Mapping[int, ReviewView]
) -> list[ObjectiveScore]:
    """Every objective of ``view`` scored from ``actuals`` (by metric id), with its review, in plan order."""
    team_names = {t.id: t.name for t in view.teams}
    return [_scored(o, team_names, actuals, reviews.get(o.id)) for o in view.objectives]


def _scored(
    objective: ObjectiveView,
    team_names: Mapping[int, str],
    actuals: Mapping[int, Actual],
    review: ReviewView | None,
) -> ObjectiveScore:
    metrics = []
    for metric in objective.metrics:
        actual = actuals.get(metric.id)
        value = actual.value if actual is not None else None
        metrics.append(
            MetricScore(metric, actual, metric_score(metric.baseline, metric.target, value, metric.direction))
        )
    teams = ", ".join(team_names[t] for t in objective.team_ids if t in team_names)
    return ObjectiveScore(
        objective.id,
        objective.statement,
        teams,
        tuple(metrics),
        objective_score(m.score for m in metrics),
        review,
    )


# --- Reading the plan -----------------------------------------------------------------------------


def last_actuals(plan: PlanFile, quarter: Quarter) -> dict[int, Actual]:
    """Each metric's last actual as of a day in ``quarter``, by metric id (a metric without one is
    absent): the latest day's, and of two sources on that day the one recorded last.

    One indexed query, however many check-ins the plan holds."""
    ranked = (
        select(
            CheckIn.metric_id,
            CheckIn.as_of,
            CheckIn.value,
            func.row_number()
            .over(
                partition_by=CheckIn.metric_id,
                order_by=(CheckIn.as_of.desc(), CheckIn.recorded_at.desc(), CheckIn.id.desc()),
            )
            .label("rank"),
        )
        .where(CheckIn.as_of >= quarter.start, CheckIn.as_of <= quarter.end)
        .subquery()
    )
    statement = select(ranked.c.metric_id, ranked.c.as_of, ranked.c.value).where(ranked.c.rank == 1)
    with plan.read() as session:
        return {row.metric_id: Actual(row.value, row.as_of) for row in session.execute(statement)}


def read_reviews(plan: PlanFile, quarter: Quarter) -> dict[int, ReviewView]:
    """The objectives' reviews for ``quarter``, by objective id."""
    statement = select(ObjectiveReview.__table__).where(ObjectiveReview.period == quarter.label)
    with plan.read() as session:
        return {
            row.objective_id: ReviewView(
                row.id,
                row.objective_id,
                row.period,
                row.score,
                row.reason,
                row.worked,
                row.did_not_work,
                row.decision,
            )
            for row in session.execute(statement)
        }


def quarter_scores(plan: PlanFile, view: PlanView, quarter: Quarter) -> list[ObjectiveScore]:
    """Every objective of ``view`` at ``quarter``'s end: scored, with its review."""
    return score_objectives(view, last_actuals(plan, quarter), read_reviews(plan, quarter))


def reviewed_periods(plan: PlanFile) -> set[str]:
    """The quarters some objective was reviewed for or that were closed (their stored labels)."""
    with plan.read() as session:
        reviewed = set(session.scalars(select(ObjectiveReview.period).distinct()))
        closed = set(session.scalars(select(AlignmentReading.period)))
    return reviewed | closed


@dataclass(frozen=True, slots=True)
class WinView:
    """A win to celebrate: the day, what was won, whom to thank, and the objective it serves."""

    id: int
    on: dt.date
    text: str
    thanks: str
    objective_id: int | None


def read_wins(plan: PlanFile, quarter: Quarter) -> list[WinView]:
    """The wins of days in ``quarter``, by day, then as logged."""
    statement = (
        select(Win.id, Win.on, Win.text, Win.thanks, Win.objective_id)
        .where(Win.on >= quarter.start, Win.on <= quarter.end)
        .order_by(Win.on, Win.id)
    )
    with plan.read() as session:
        return [
            WinView(row.id, row.on, row.text, row.thanks, row.objective_id)
            for row in session.execute(statement)
        ]


@dataclass(frozen=True, slots=True)
class ReadingView:
    """The alignment index a closed quarter kept, and the leaders' mean rating then."""

    id: int
    period: str
    evidence: int
    self_rating: float | None
    taken_at: dt.datetime


def read_alignment_readings(plan: PlanFile) -> list[ReadingView]:
    """The readings of every closed quarter, by quarter: the alignment index's trend."""
    statement = select(AlignmentReading.__table__).order_by(AlignmentReading.period)
    with plan.read() as session:
        return [
            ReadingView(row.id, row.period, row.evidence, row.self_rating, row.taken_at)
            for row in session.execute(statement)
        ]
