"""The report's figures, worked out once from a ``ReportInput``: every metric at the period's end,
every objective's score, the funnel by period, sales beside marketing, and the alignment trend.

The rules are the review cadence's, from one place each: the rollups (``services/rollups``) give
each metric's last actual, expected value and status at the period's end, read on the report's
day, and the funnel by period; the objectives are scored as the Quarter end page scores them
(``services/quarter``: each metric by its last actual within the quarter, an objective by the mean
of its metrics' scores or the leaders' override with its reason); ``domain/tracking`` pairs sales
with marketing; the charts draw the plain series of ``domain/series``. Only check-ins dated up to
the report's day are in the input, so nothing later counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from offsite.domain.checkins import CheckInView
from offsite.domain.exercises import FunnelView
from offsite.domain.funnel import FunnelInputs, funnel_table
from offsite.domain.progress import (
    FUNNEL_RATES,
    FUNNEL_STAGES,
    Grain,
    Period,
    Status,
    Trend,
    confidence_trend,
    parse_period,
    plan_start,
    window_end,
)
from offsite.domain.series import FunnelSeries, FunnelStage, MetricSeries, PairSeries, TrendSeries
from offsite.domain.tracking import (
    FunnelPeriod,
    PeriodReading,
    find_sales_and_marketing,
    funnel_stage,
    metric_teams,
    pair_metrics,
)
from offsite.domain.values import MetricView, ObjectiveView, PlanView
from offsite.exchange.pdf.input import objective_groups
from offsite.exchange.report.input import ReportInput
from offsite.services.quarter import ObjectiveScore, ReadingView, ReviewView

#: The most periods the funnel shows, the report's own the last: more would crowd a page's width.
FUNNEL_PERIODS = 4
#: The most quarters the alignment trend shows.
TREND_QUARTERS = 8


@dataclass(frozen=True, slots=True)
class MetricFigure:
    """One metric at the period's end: its reading, the chart's series, its confidence and who last
    checked in."""

    metric: MetricView
    #: The rollup's reading of the period (None when the period is before tracking started).
    reading: PeriodReading | None
    series: MetricSeries
    #: The last confidence given within the period, and where the last three given are heading.
    confidence: float | None
    trend: Trend | None
    #: Who gave the last check-in up to the report's day ("" for nobody yet).
    last_by: str
    #: Its score from its last actual in the quarter scored (None: no target, or no actual there).
    score: float | None = None

    @property
    def status(self) -> Status:
        return Status.NO_DATA if self.reading is None else self.reading.status


@dataclass(frozen=True, slots=True)
class ObjectiveFigure:
    """One objective at the period's end: its metrics, and its score as the Quarter end page gives it
    (the mean of its metrics' scores, or the leaders' override) with the quarter's review."""

    objective: ObjectiveView
    number: str
    metrics: tuple[MetricFigure, ...]
    scored: ObjectiveScore

    @property
    def computed(self) -> float | None:
        """The mean of its metrics' scores (None: none scored)."""
        return self.scored.from_metrics

    @property
    def review(self) -> ReviewView | None:
        return self.scored.review

    @property
    def overridden(self) -> bool:
        return self.scored.override is not None

    @property
    def score(self) -> float | None:
        """The score shown: the leaders' override when they gave one, else the metrics'."""
        return self.scored.score

    @property
    def words(self) -> str:
        return self.scored.words


@dataclass(frozen=True, slots=True)
class ObjectiveGroup:
    heading: str
    objectives: tuple[ObjectiveFigure, ...]


@dataclass(frozen=True, slots=True)
class FunnelFigure:
    """The funnel by period: the chart's series and the table's rows (actuals, rates, plan)."""

    series: FunnelSeries
    rows: tuple[FunnelPeriod, ...]


@dataclass(frozen=True, slots=True)
class SalesAndMarketingFigure:
    """The pairs of a sales metric beside a marketing metric, and the metrics both teams answer for."""

    names: tuple[str, str]
    pairs: tuple[PairSeries, ...]
    shared: tuple[MetricFigure, ...]


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """Everything the report's sections print, worked out once."""

    input: ReportInput
    groups: tuple[ObjectiveGroup, ...]
    #: None when no metric counts a funnel stage.
    funnel: FunnelFigure | None
    #: None when the plan has no sales team beside a marketing team.
    sales_and_marketing: SalesAndMarketingFigure | None
    trend: TrendSeries
    readings: tuple[ReadingView, ...]
    #: Check-ins dated within the period (up to the report's day), and the metrics they cover.
    check_ins: int
    metrics_checked_in: int

    @property
    def objectives(self) -> tuple[ObjectiveFigure, ...]:
        return tuple(o for g in self.groups for o in g.objectives)

    @property
    def metrics(self) -> tuple[MetricFigure, ...]:
        return tuple(m for o in self.objectives for m in o.metrics)

    @property
    def period(self) -> Period:
        return self.input.period

    @property
    def as_of(self) -> dt.date:
        return self.input.as_of


def work_out(report: ReportInput) -> ReportFigures:
    """The figures of ``report``, from the rollups and the plain rules."""
    from offsite.services.quarter import score_objectives
    from offsite.services.rollups import (
        PlanTiming,
        funnel_periods,
        funnel_rows,
        metric_periods,
        metric_tracks,
    )

    view, period, as_of = report.view, report.period, report.as_of
    metrics = [m for o in view.objectives for m in o.metrics]
    rows = [(c.metric_id, c.as_of, c.value, c.confidence) for c in report.check_ins]
    timing = PlanTiming(view.details.starts_on, view.details.ends_on, view.details.horizon)
    periods = metric_periods(rows, metrics, timing, period.grain, today=as_of, through=period.end)
    tracks = metric_tracks(periods)
    by_metric: dict[int, list[CheckInView]] = {}
    for check_in in report.check_ins:
        by_metric.setdefault(check_in.metric_id, []).append(check_in)
    first = min((c.as_of for c in report.check_ins), default=None)
    start = plan_start(view.details.starts_on, view.details.ends_on, first)
    names = {leader.id: leader.name for leader in view.leaders}

    figures: dict[int, MetricFigure] = {}
    for metric in metrics:
        track = tracks.get(metric.id)
        reading = track.reading(period.label) if track is not None else None
        figures[metric.id] = _metric(metric, reading, by_metric.get(metric.id, []), start, view, names)

    scores = {s.id: s for s in score_objectives(view, report.actuals, report.reviews)}
    groups: list[ObjectiveGroup] = []
    number = 0
    for group in objective_groups(view):
        made = []
        for objective in group.objectives:
            number += 1
            scored = scores[objective.id]
            shown = tuple(replace(figures[m.metric.id], score=m.score) for m in scored.metrics)
            made.append(ObjectiveFigure(objective, f"O{number}", shown, scored))
        groups.append(ObjectiveGroup(group.heading, tuple(made)))

    in_period = [c for c in report.check_ins if c.as_of >= period.start]
    funnel = None
    if any(funnel_stage(m) is not None for m in metrics):
        planned = _planned_rates(report.funnels)
        funnel_all = funnel_rows(funnel_periods(periods, planned))
        upto = [row for row in funnel_all if row.start <= period.start][-FUNNEL_PERIODS:]
        funnel = _funnel(upto, metrics, report.funnels, period.grain)
    return ReportFigures(
        report,
        tuple(groups),
        funnel,
        _sales_and_marketing(view, metrics, figures),
        _trend(report.readings),
        report.readings[-TREND_QUARTERS:],
        len(in_period),
        len({c.metric_id for c in in_period}),
    )


def _metric(
    metric: MetricView,
    reading: PeriodReading | None,
    check_ins: Sequence[CheckInView],
    start: dt.date | None,
    view: PlanView,
    names: Mapping[int, str],
) -> MetricFigure:
    # The last given of a day counts, as in the rollups: the check-ins come by day, then source.
    actuals = {c.as_of: c.value for c in check_ins}
    confidences = {c.as_of: c.confidence for c in check_ins if c.confidence is not None}
    end = None
    if start is not None:
        end = max(start, window_end(metric.due, view.details.horizon, start))
    status = Status.NO_DATA if reading is None else reading.status
    series = MetricSeries(
        metric.name,
        metric.unit,
        metric.direction,
        baseline=metric.baseline,
        target=metric.target,
        start=start,
        end=end,
        actuals=tuple(actuals.items()),
        confidences=tuple(confidences.items()),
        status=status.words,
    )
    last = check_ins[-1] if check_ins else None
    confidence = None if reading is None else reading.confidence
    trend = confidence_trend(confidences.values()) if confidence is not None else None
    return MetricFigure(
        metric,
        reading,
        series,
        confidence,
        trend,
        _who(last, names),
    )


def _who(check_in: CheckInView | None, names: Mapping[int, str]) -> str:
    """Who gave a check-in: the plan's leader, else the name an import gave, else where it came from."""
    if check_in is None:
        return ""
    if check_in.leader_id is not None and check_in.leader_id in names:
        return names[check_in.leader_id]
    return check_in.by_name.strip() or check_in.source.strip() or "Not recorded"


# --- The funnel ---------------------------------------------------------------------------------------


def _computable(funnels: Iterable[FunnelView]) -> list[FunnelView]:
    return [f for f in funnels if f.quarters]


def _planned_rates(funnels: Sequence[FunnelView]) -> FunnelView | None:
    """The work-back funnel whose rates stand beside the actual conversion: the first one with any."""
    return next((f for f in funnels if any(getattr(f, n) is not None for _a, _b, n in FUNNEL_RATES)), None)


def _planned_counts(funnels: Sequence[FunnelView]) -> dict[str, dict[str, float]]:
    """Period label ("2027-Q1") → stage → the count the work-back funnels plan for that quarter
    (summed over the company goals' funnels)."""
    planned: dict[str, dict[str, float]] = {}
    for funnel in _computable(funnels):
        inputs = FunnelInputs(
            funnel.revenue_target,
            funnel.average_deal_size,
            funnel.win_rate,
            funnel.sql_to_opportunity,
            funnel.mql_to_sql,
            funnel.lead_to_mql,
            funnel.quarters,
            funnel.weights,
        )
        table = funnel_table(inputs).table
        if table is None:
            continue
        for row in table.rows:
            try:
                label = parse_period(row.label).label
            except ValueError:
                continue  # the total row, or a quarter written as no period
            counts = planned.setdefault(label, {})
            for stage in FUNNEL_STAGES:
                counts[stage] = counts.get(stage, 0.0) + float(row[stage])
    return planned


def _funnel(
    rows: Sequence[FunnelPeriod], metrics: Sequence[MetricView], funnels: Sequence[FunnelView], grain: Grain
) -> FunnelFigure:
    counted = {funnel_stage(m) for m in metrics} - {None}
    planned = _planned_counts(funnels) if grain is Grain.QUARTER else {}
    stages = tuple(
        FunnelStage(
            stage,
            tuple(row.counts.get(stage) for row in rows),
            tuple(planned.get(row.period, {}).get(stage) for row in rows),
        )
        for stage in FUNNEL_STAGES
        if stage in counted
    )
    return FunnelFigure(FunnelSeries(tuple(row.period for row in rows), stages), tuple(rows))


# --- Sales beside marketing, and the alignment trend ---------------------------------------------------


def _sales_and_marketing(
    view: PlanView, metrics: Sequence[MetricView], figures: Mapping[int, MetricFigure]
) -> SalesAndMarketingFigure | None:
    teams = find_sales_and_marketing(view.teams)
    if teams is None:
        return None
    pairs = pair_metrics(metrics, metric_teams(view), teams)
    side_by_side = tuple(
        PairSeries(
            figures[p.sales_metric].series, figures[p.marketing_metric].series, teams.names[0], teams.names[1]
        )
        for p in pairs
        if not p.shared
    )
    shared = tuple(figures[p.sales_metric] for p in pairs if p.shared)
    return SalesAndMarketingFigure(teams.names, side_by_side, shared)


def _trend(readings: Sequence[ReadingView]) -> TrendSeries:
    shown = list(readings)[-TREND_QUARTERS:]
    ratings = [
        r.self_rating if r.self_rating is not None and 1 <= r.self_rating <= 5 else None for r in shown
    ]
    return TrendSeries(
        tuple(r.period for r in shown),
        tuple(float(r.evidence) for r in shown),
        tuple(ratings),
    )
