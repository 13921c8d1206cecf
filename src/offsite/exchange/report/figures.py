"""The report's figures, worked out once from a ``ReportInput``: every metric at the period's end,
every objective's score, the funnel by period, sales beside marketing, and the alignment trend.

The rules are the review cadence's, from one place each: the rollups (``services/rollups``) give
each metric's last actual, expected value and status at the period's end, read on the report's
day; the Progress page's rollup (``services/progress_read.ProgressRollup``, as of the report's
day) gives each metric's chart week by week, sales beside marketing and the funnel against the
work-back plan; the objectives are scored as the Quarter end page scores them
(``services/quarter``: each metric by its last actual within the quarter, an objective by the mean
of its metrics' scores or the leaders' override with its reason). So the report, the Progress page
and the Quarter end page read alike. Only check-ins dated up to the report's day are in the input,
so nothing later counts.

Each hand-off and joint practice is read through the metric it names, as the weekly review reads it:
that metric's figure, and for a practice whether its cadence was kept in each of its periods within
the report's span (``domain/practices``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from offsite.domain.agreements import AgreementKind, AgreementView
from offsite.domain.checkins import CheckInView
from offsite.domain.language import translate
from offsite.domain.practices import CadenceTally, cadence_tally, is_tracked_kind
from offsite.domain.progress import (
    FUNNEL_RATES,
    Grain,
    Period,
    Status,
    Trend,
    confidence_trend,
    conversion_rate,
    plan_start,
)
from offsite.domain.series import FunnelSeries, MetricSeries, PairSeries, TrendSeries
from offsite.domain.tracking import PeriodReading, find_sales_and_marketing
from offsite.domain.values import MetricView, ObjectiveView
from offsite.exchange.pdf.input import objective_groups
from offsite.exchange.report.input import ReportInput
from offsite.services.progress_read import ProgressRollup
from offsite.services.quarter import ObjectiveScore, ReviewView
from offsite.services.rollups import planned_rates


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
    """The funnel by period as the Progress page rolls it up: the chart's series (actual and planned
    counts per stage), the latest period in a sentence, and the work-back funnel's planned rates."""

    series: FunnelSeries
    sentence: str
    #: The planned conversion rates (percent) by name ("mql_to_sql"); None: not planned.
    planned_rates: Mapping[str, float | None]

    def rate(self, name: str, period: int) -> float | None:
        """The actual conversion ``name`` in the ``period``-th period, from the stages' counts."""
        earlier, later = next((a, b) for a, b, n in FUNNEL_RATES if n == name)
        counts = {stage.stage: stage.actual[period] for stage in self.series.stages}
        return conversion_rate(counts.get(earlier), counts.get(later))


@dataclass(frozen=True, slots=True)
class SalesAndMarketingFigure:
    """The pairs of a sales metric beside a marketing metric, and the metrics both teams answer for."""

    names: tuple[str, str]
    pairs: tuple[PairSeries, ...]
    shared: tuple[MetricFigure, ...]


@dataclass(frozen=True, slots=True)
class AgreementFigure:
    """A hand-off or joint practice over the period: the figure of the metric it names (None: it
    names none, so nothing tracks it) and, for a practice with a cadence, whether it was kept in
    each period of its cadence within the report's span (None: no cadence, or none begun yet)."""

    agreement: AgreementView
    metric: MetricFigure | None
    tally: CadenceTally | None = None


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
    #: Check-ins dated within the period (up to the report's day), and the metrics they cover.
    check_ins: int
    metrics_checked_in: int
    #: The hand-offs and joint practices, in the plan's order (empty: "Agreements in practice" is left out).
    agreements: tuple[AgreementFigure, ...] = ()

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
    """The figures of ``report``: the rollups as of its day, the Quarter end page's scores."""
    from offsite.services.quarter import score_objectives
    from offsite.services.rollups import PlanTiming, metric_periods, metric_tracks

    view, period, as_of = report.view, report.period, report.as_of
    metrics = [m for o in view.objectives for m in o.metrics]
    rollup = ProgressRollup(report.table, view, report.funnels, report.trend, period.grain, as_of)
    # A metric's chart draws its check-ins week by week, whatever the period reported on.
    weekly = rollup.regrained(Grain.WEEK)
    # Each metric as it stood at the period's end, read on the report's day.
    timing = PlanTiming(view.details.starts_on, view.details.ends_on, view.details.horizon)
    periods = metric_periods(report.table, metrics, timing, period.grain, today=as_of, through=period.end)
    tracks = metric_tracks(periods)
    by_metric: dict[int, list[CheckInView]] = {}
    for check_in in report.check_ins:
        by_metric.setdefault(check_in.metric_id, []).append(check_in)
    names = {leader.id: leader.name for leader in view.leaders}

    figures: dict[int, MetricFigure] = {}
    for metric in metrics:
        track = tracks.get(metric.id)
        reading = track.reading(period.label) if track is not None else None
        check_ins = by_metric.get(metric.id, [])
        confidence = None if reading is None else reading.confidence
        given = [c.confidence for c in check_ins if c.confidence is not None]
        figures[metric.id] = MetricFigure(
            metric,
            reading,
            weekly.series(metric.id),
            confidence,
            confidence_trend(given) if confidence is not None else None,
            _who(check_ins[-1] if check_ins else None, names),
        )

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
    return ReportFigures(
        report,
        tuple(groups),
        _funnel(rollup),
        _sales_and_marketing(rollup, weekly, figures),
        rollup.trend,
        len(in_period),
        len({c.metric_id for c in in_period}),
        _agreements(report, figures, by_metric),
    )


def _agreements(
    report: ReportInput, figures: Mapping[int, MetricFigure], by_metric: Mapping[int, list[CheckInView]]
) -> tuple[AgreementFigure, ...]:
    """Each hand-off and joint practice, read through the metric it names."""
    details = report.view.details
    starts = plan_start(details.starts_on, details.ends_on, None)
    found = []
    for agreement in report.agreements:
        if not is_tracked_kind(agreement):
            continue
        metric = figures.get(agreement.metric_id) if agreement.metric_id is not None else None
        tally = None
        if metric is not None and agreement.kind == AgreementKind.PRACTICE:
            days = [c.as_of for c in by_metric.get(metric.metric.id, ())]
            tally = cadence_tally(agreement.cadence, days, report.period, report.as_of, starts=starts)
        found.append(AgreementFigure(agreement, metric, tally))
    return tuple(found)


def _who(check_in: CheckInView | None, names: Mapping[int, str]) -> str:
    """Who gave a check-in: the plan's leader, else the name an import gave, else where it came from."""
    if check_in is None:
        return ""
    if check_in.leader_id is not None and check_in.leader_id in names:
        return names[check_in.leader_id]
    return (
        check_in.by_name.strip() or check_in.source.strip() or translate("ReportObjectives", "Not recorded")
    )


# --- The funnel ---------------------------------------------------------------------------------------


def _funnel(rollup: ProgressRollup) -> FunnelFigure | None:
    """The funnel up to the report's period, as the Progress page rolls it up; None when no metric
    counts a funnel stage."""
    if not rollup.staged:
        return None
    series, sentence = rollup.funnel()
    planned = rollup.planned.funnel if rollup.planned is not None else None
    return FunnelFigure(series, sentence, planned_rates(planned))


# --- Sales beside marketing, and the alignment trend ---------------------------------------------------


def _sales_and_marketing(
    rollup: ProgressRollup, weekly: ProgressRollup, figures: Mapping[int, MetricFigure]
) -> SalesAndMarketingFigure | None:
    teams = find_sales_and_marketing(rollup.view.teams)
    if teams is None:
        return None
    pairs = rollup.pairs()
    side_by_side = tuple(weekly.pair_series(p) for p in pairs if not p.shared)
    shared = tuple(figures[p.sales_metric] for p in pairs if p.shared)
    return SalesAndMarketingFigure(teams.names, side_by_side, shared)
