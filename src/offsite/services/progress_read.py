"""What the Progress page reads and draws: every check-in as one table, rolled up into chart series.

``ProgressRollup`` holds a plan's check-ins as a pandas table (read straight from the rows: 200,000
check-ins read in well under a second) and hands out the plain values the charts draw
(``domain/series``): one metric's ``MetricSeries`` per week, month or quarter, the sales-and-marketing
``PairSeries``, the ``FunnelSeries`` beside the work-back funnel's plan, and the alignment
``TrendSeries``. The rules are ``domain/progress``'s, applied by ``services/rollups``; nothing here
judges a metric a second way.

It works the way the page does: every metric's status today is worked out at once (the list shows
them all); a metric's series only when it is drawn, then kept; an edit of some check-ins
(``refresh``) reads those metrics' check-ins again and forgets only what they touch.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from offsite.domain.errors import NotAPlanError
from offsite.domain.exercises import FunnelView
from offsite.domain.formatting import format_number
from offsite.domain.funnel import STAGE_NOUNS, FunnelInputs, FunnelTable, funnel_table
from offsite.domain.language import QT_TRANSLATE_NOOP, translate
from offsite.domain.progress import (
    FUNNEL_RATES,
    FUNNEL_STAGES,
    MISSING_BASELINE,
    Grain,
    Status,
    parse_period,
    plan_start,
    window_end,
)
from offsite.domain.series import FunnelSeries, FunnelStage, MetricSeries, PairSeries, TrendSeries
from offsite.domain.tracking import (
    FunnelPeriod,
    MetricPair,
    find_sales_and_marketing,
    funnel_stage,
    metric_teams,
    pair_metrics,
)
from offsite.domain.values import MetricView, PlanView
from offsite.services.quarter import read_alignment_readings
from offsite.services.rollups import (
    PlanTiming,
    check_in_frame,
    funnel_periods,
    funnel_rows,
    metric_periods,
    metric_tracks,
)
from offsite.store.planfile import PlanFile

#: The funnel chart shows this many periods at most, the latest: more groups of ten bars each
#: would be too thin to read (26 weeks of a half year), and the latest are what a review asks about.
MOST_FUNNEL_PERIODS = 6
#: How a conversion reads in the funnel's sentence, by the rate's name.
RATE_WORDS = {
    "lead_to_mql": QT_TRANSLATE_NOOP("ProgressRead", "Lead→MQL"),
    "mql_to_sql": QT_TRANSLATE_NOOP("ProgressRead", "MQL→SQL"),
    "sql_to_opportunity": QT_TRANSLATE_NOOP("ProgressRead", "SQL→opportunity"),
    "win_rate": QT_TRANSLATE_NOOP("ProgressRead", "Win rate"),
}
#: SQLite takes at most this many values in one ``IN (…)``: larger lists are read in parts.
_CHUNK = 500

_CHECK_INS = "SELECT id, metric_id, as_of, value, confidence FROM check_in"
_ORDER = " ORDER BY metric_id, as_of, source, id"  # the last given of a day counts, as read_check_ins orders


# --- Reading -----------------------------------------------------------------------------------------


def count_check_ins(plan: PlanFile) -> int:
    """How many check-ins the plan holds (one indexed count: the page decides whether to read them
    on a worker before reading them)."""
    with plan.read_rows() as rows:
        found = rows.execute("SELECT count(*) FROM check_in").fetchone()
    return int(found[0]) if found else 0


def _chunks(ids: Collection[int]) -> Iterable[tuple[int, ...]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), _CHUNK):
        yield tuple(ordered[start : start + _CHUNK])


def read_check_in_table(plan: PlanFile, metric_ids: Collection[int] | None = None) -> pd.DataFrame:
    """The check-ins (of ``metric_ids`` only, if given) as a table: id, metric, as_of (datetime64),
    value, confidence (NaN: none), by metric, then day, then source, as the rollups take them."""
    found: list[tuple[object, ...]] = []
    with plan.read_rows() as rows:
        if metric_ids is None:
            found = rows.execute(_CHECK_INS + _ORDER).fetchall()
        else:
            for part in _chunks(metric_ids):
                marks = ", ".join("?" * len(part))
                found += rows.execute(f"{_CHECK_INS} WHERE metric_id IN ({marks}){_ORDER}", part).fetchall()
    frame = pd.DataFrame.from_records(found, columns=["id", "metric", "as_of", "value", "confidence"])
    days = pd.to_datetime(frame["as_of"], format="%Y-%m-%d", errors="coerce")
    if days.isna().any():
        bad = frame.loc[days.isna(), "as_of"].iloc[0]
        raise NotAPlanError(
            translate(
                "ProgressRead",
                "“{file}” holds a check-in date Offsite cannot read (“{day}”), so it may be damaged. "
                "Run “offsite check {file}” to list its problems.",
            ).format(file=plan.name, day=str(bad)[:40])
        )
    try:
        return frame.assign(
            as_of=days.astype("datetime64[s]"),
            value=pd.to_numeric(frame["value"]).astype(np.float64),
            confidence=pd.to_numeric(frame["confidence"]).astype(np.float64),
        ).astype({"id": np.int64, "metric": np.int64})
    except (TypeError, ValueError):
        raise NotAPlanError(
            translate(
                "ProgressRead",
                "“{file}” holds a check-in value Offsite cannot read, so it may be damaged. "
                "Run “offsite check {file}” to list its problems.",
            ).format(file=plan.name)
        ) from None


def metrics_of_check_ins(plan: PlanFile, ids: Collection[int]) -> dict[int, int]:
    """The metric of each check-in of ``ids`` still in the plan, by check-in id."""
    found: dict[int, int] = {}
    with plan.read_rows() as rows:
        for part in _chunks(ids):
            marks = ", ".join("?" * len(part))
            for check_in, metric in rows.execute(
                f"SELECT id, metric_id FROM check_in WHERE id IN ({marks})", part
            ):
                found[int(check_in)] = int(metric)
    return found


def read_alignment_trend(plan: PlanFile) -> TrendSeries:
    """The alignment index of each closed quarter and the leaders' mean self-rating then, in time
    order (``services/quarter.read_alignment_readings``, as the trend chart takes them).

    A self-rating outside 1–5 (none is typed so; a file from elsewhere might hold one) is left out
    rather than drawn off its scale.
    """
    readings = []
    for reading in read_alignment_readings(plan):
        try:
            label = parse_period(reading.period).label
        except ValueError:
            label = reading.period
        evidence = float(reading.evidence) if 0 <= reading.evidence <= 100 else None
        rating = reading.self_rating
        readings.append((label, evidence, rating if rating is not None and 1 <= rating <= 5 else None))
    readings.sort()
    return TrendSeries(
        tuple(r[0] for r in readings), tuple(r[1] for r in readings), tuple(r[2] for r in readings)
    )


# --- The work-back funnel's plan ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedFunnel:
    """The work-back funnel the actuals are set against: its rates, and its counts per quarter."""

    funnel: FunnelView
    table: FunnelTable

    def count(self, stage: str, period: str) -> float | None:
        """The planned count of ``stage`` ("mqls") in the quarter labelled ``period`` ("2027-Q1"); None
        when the funnel plans no such quarter (or ``period`` is a week or a month)."""
        for row in self.table.rows:
            try:
                quarter = parse_period(row.label).label
            except ValueError:
                continue  # the total row, or a quarter typed in words Offsite cannot place
            if quarter == period:
                return float(row[stage])
        return None


def planned_funnel(funnels: Sequence[FunnelView]) -> PlannedFunnel | None:
    """The first work-back funnel whose table can be computed (a plan usually has one)."""
    for funnel in funnels:
        inputs = FunnelInputs(
            revenue_target=funnel.revenue_target,
            average_deal_size=funnel.average_deal_size,
            win_rate=funnel.win_rate,
            sql_to_opportunity=funnel.sql_to_opportunity,
            mql_to_sql=funnel.mql_to_sql,
            lead_to_mql=funnel.lead_to_mql,
            quarters=funnel.quarters,
            weights=funnel.weights,
        )
        table = funnel_table(inputs).table
        if table is not None:
            return PlannedFunnel(funnel, table)
    return None


def _percent(value: float) -> str:
    return translate("ProgressRead", "{percent}%").format(percent=format_number(round(value)))


def funnel_sentence(period: FunnelPeriod, planned: PlannedFunnel | None, stages: Sequence[str]) -> str:
    """The funnel of one period in a line: "Q1 2027: 1,240 MQLs against 1,200 planned; MQL→SQL 31%
    against 35% planned." Stages without an actual, and rates that cannot be worked out, are left out."""
    counts = []
    for stage in stages:
        actual = period.counts.get(stage)
        if actual is None:
            continue
        plural, singular = STAGE_NOUNS[stage]
        count, noun = format_number(actual), singular if actual == 1 else plural
        plan = planned.count(stage, period.period) if planned is not None else None
        if plan is None:
            counts.append(translate("ProgressRead", "{count} {stage}").format(count=count, stage=noun))
        else:
            counts.append(
                translate("ProgressRead", "{count} {stage} against {planned} planned").format(
                    count=count, stage=noun, planned=format_number(plan)
                )
            )
    rates = []
    for _earlier, _later, name in FUNNEL_RATES:
        rate = period.rates.get(name)
        if rate is None or not math.isfinite(rate):
            continue
        wanted = period.planned.get(name)
        words = translate("ProgressRead", RATE_WORDS[name])
        if wanted is None:
            rates.append(
                translate("ProgressRead", "{rate} {percent}").format(rate=words, percent=_percent(rate))
            )
        else:
            rates.append(
                translate("ProgressRead", "{rate} {percent} against {planned} planned").format(
                    rate=words, percent=_percent(rate), planned=_percent(wanted)
                )
            )
    try:
        when = parse_period(period.period).words
    except ValueError:
        when = period.period
    said = "; ".join(part for part in (", ".join(counts), ", ".join(rates)) if part)
    if said:
        return translate("ProgressRead", "{period}: {figures}.").format(period=when, figures=said)
    return translate("ProgressRead", "{period}: no funnel figure checked in yet.").format(period=when)


# --- The rollup --------------------------------------------------------------------------------------


class ProgressRollup:
    """A plan's check-ins rolled up per ``grain`` as of ``today``, for the Progress page's charts.

    Built on any thread (``read``); used on one afterwards. ``view`` is the plan as the screens see
    it, ``funnels`` its work-back funnels, ``trend`` its alignment readings.
    """

    def __init__(
        self,
        rows: pd.DataFrame,
        view: PlanView,
        funnels: Sequence[FunnelView],
        trend: TrendSeries,
        grain: Grain | str,
        today: dt.date,
        *,
        now: tuple[dict[int, Status], dict[int, float | None]] | None = None,
    ) -> None:
        """``now``: each metric's status and latest actual today, when already worked out."""
        self.view, self.funnels, self.trend = view, tuple(funnels), trend
        self.grain, self.today = Grain(grain), today
        self.metrics: dict[int, MetricView] = {m.id: m for o in view.objectives for m in o.metrics}
        details = view.details
        self.timing = PlanTiming(details.starts_on, details.ends_on, details.horizon)
        self.planned = planned_funnel(self.funnels)
        self._rows = rows
        self._checks = check_in_frame(rows)
        self._series: dict[int, MetricSeries] = {}
        self._funnel: tuple[FunnelSeries, str] | None = None
        self._pairs: tuple[MetricPair, ...] | None = None
        self._teams = find_sales_and_marketing(view.teams)
        #: Each metric's status today, and its latest actual (None: none yet), by id.
        self.statuses, self.latest = now or self._now(self.metrics.values())

    @classmethod
    def read(
        cls,
        plan: PlanFile,
        view: PlanView,
        funnels: Sequence[FunnelView],
        trend: TrendSeries,
        grain: Grain | str,
        today: dt.date,
    ) -> ProgressRollup:
        """Read every check-in of ``plan`` and roll them up (safe on a worker: plain reads of its own)."""
        return cls(read_check_in_table(plan), view, funnels, trend, grain, today)

    def regrained(self, grain: Grain | str) -> ProgressRollup:
        """The same check-ins rolled up per another ``grain`` (nothing read again)."""
        now = (dict(self.statuses), dict(self.latest))  # today is today in every grain
        return ProgressRollup(self._rows, self.view, self.funnels, self.trend, grain, self.today, now=now)

    # -- what is known at once --------------------------------------------------------------------
    @property
    def check_ins(self) -> int:
        return len(self._rows)

    @property
    def first_check_in(self) -> dt.date | None:
        if not len(self._checks):
            return None
        first: dt.date = pd.Timestamp(self._checks["as_of"].min()).date()
        return first

    def _now(self, metrics: Iterable[MetricView]) -> tuple[dict[int, Status], dict[int, float | None]]:
        """Each metric's status today and its latest actual (the same in every grain: the period
        holding today is judged on today; the quarter has the fewest rows)."""
        wanted = list(metrics)
        statuses = {m.id: Status.NO_DATA for m in wanted}
        latest: dict[int, float | None] = {m.id: None for m in wanted}
        periods = metric_periods(self._checks, wanted, self.timing, Grain.QUARTER, today=self.today)
        if len(periods):
            last = periods.drop_duplicates("metric", keep="last")
            ids = [int(m) for m in last["metric"]]
            statuses.update(zip(ids, (Status(str(s)) for s in last["status"]), strict=True))
            latest.update(zip(ids, (None if pd.isna(v) else float(v) for v in last["actual"]), strict=True))
        return statuses, latest

    # -- one metric ---------------------------------------------------------------------------------
    def series(self, metric_id: int) -> MetricSeries:
        """The metric's series: its actual and confidence per period (the last of each period, on
        the day it was given), its straight line from baseline to target, its status today."""
        found = self._series.get(metric_id)
        if found is None:
            found = self._series[metric_id] = self._metric_series(self.metrics[metric_id])
        return found

    def _metric_series(self, metric: MetricView) -> MetricSeries:
        periods = metric_periods(self._checks, [metric], self.timing, self.grain, today=self.today)
        track = metric_tracks(periods).get(metric.id)
        readings = track.readings if track is not None else ()
        actuals = tuple(
            (r.as_of, r.actual)
            for r in readings
            if r.checked_in and r.as_of is not None and r.actual is not None
        )
        confidences = tuple(
            (r.as_of, max(0, min(10, round(r.confidence))))
            for r in readings
            if r.confidence is not None and r.as_of is not None
        )
        start = plan_start(self.timing.starts_on, self.timing.ends_on, self.first_check_in)
        end = None if start is None else window_end(metric.due, self.timing.horizon, start)
        # The line the status is judged against: a metric without a baseline counts from nothing.
        baseline = metric.baseline
        if baseline is None and metric.target is not None:
            baseline = MISSING_BASELINE
        return MetricSeries(
            metric.name,
            metric.unit,
            metric.direction,
            baseline=baseline,
            target=metric.target,
            start=start,
            end=end if start is not None and end is not None and end >= start else start,
            actuals=actuals,
            confidences=confidences,
            status=self.statuses.get(metric.id, Status.NO_DATA).words,
        )

    # -- sales and marketing --------------------------------------------------------------------------
    def pairs(self) -> tuple[MetricPair, ...]:
        """The sales-and-marketing pairs (``domain/tracking.pair_metrics``); none when the plan has
        no team named for sales and one for marketing."""
        if self._pairs is None:
            teams = self._teams
            if teams is None:
                self._pairs = ()
            else:
                metrics = list(self.metrics.values())
                self._pairs = pair_metrics(metrics, metric_teams(self.view), teams)
        return self._pairs

    def pair_series(self, pair: MetricPair) -> PairSeries:
        """``pair``'s two metrics side by side, named by the plan's sales and marketing teams."""
        names = (
            self._teams.names
            if self._teams is not None
            else (translate("ProgressRead", "Sales"), translate("ProgressRead", "Marketing"))
        )
        return PairSeries(self.series(pair.sales_metric), self.series(pair.marketing_metric), *names)

    # -- the funnel ---------------------------------------------------------------------------------
    @property
    def staged(self) -> list[MetricView]:
        """The metrics that count a funnel stage."""
        return [m for m in self.metrics.values() if funnel_stage(m) is not None]

    def funnel(self) -> tuple[FunnelSeries, str]:
        """Leads → MQLs → SQLs → opportunities → deals in the latest periods (at most
        ``MOST_FUNNEL_PERIODS``), the work-back funnel's counts in outline beside them (per quarter:
        the work-back funnel plans quarters), and the latest period's funnel in a sentence."""
        if self._funnel is None:
            self._funnel = self._read_funnel()
        return self._funnel

    def _read_funnel(self) -> tuple[FunnelSeries, str]:
        staged = self.staged
        stages = [s for s in FUNNEL_STAGES if any(funnel_stage(m) == s for m in staged)]
        if not staged:
            return FunnelSeries((), ()), ""
        periods = metric_periods(self._checks, staged, self.timing, self.grain, today=self.today)
        planned = self.planned.funnel if self.planned is not None else None
        rows = funnel_rows(funnel_periods(periods, planned))[-MOST_FUNNEL_PERIODS:]
        series = FunnelSeries(
            tuple(row.period for row in rows),
            tuple(
                FunnelStage(
                    stage,
                    tuple(row.counts.get(stage) for row in rows),
                    tuple(
                        self.planned.count(stage, row.period) if self.planned is not None else None
                        for row in rows
                    ),
                )
                for stage in stages
            ),
        )
        latest = next(
            (row for row in reversed(rows) if any(v is not None for v in row.counts.values())), None
        )
        sentence = funnel_sentence(latest, self.planned, stages) if latest is not None else ""
        return series, sentence

    # -- following edits ----------------------------------------------------------------------------
    def metrics_of(self, plan: PlanFile, check_in_ids: Collection[int]) -> set[int] | None:
        """The metrics whose check-ins ``check_in_ids`` are (as read, or in the plan now); None when
        one of them is neither (the page then reads everything again)."""
        ids = set(check_in_ids)
        known = self._rows[self._rows["id"].isin(list(ids))]
        metrics = {int(m) for m in known["metric"]}
        unknown = ids - {int(i) for i in known["id"]}
        if unknown:
            found = metrics_of_check_ins(plan, unknown)
            if len(found) != len(unknown):
                return None
            metrics.update(found.values())
        return metrics

    def refresh(self, plan: PlanFile, metric_ids: Collection[int]) -> set[int]:
        """Read the check-ins of ``metric_ids`` again and forget what they change: their series and
        statuses, and the funnel if one counts a stage. Returns the metrics of the plan among them."""
        wanted = {m for m in metric_ids if m in self.metrics}
        fresh = read_check_in_table(plan, wanted)
        kept = self._rows[~self._rows["metric"].isin(list(wanted))]
        rows = pd.concat([kept, fresh], ignore_index=True) if len(fresh) else kept.reset_index(drop=True)
        self._rows = rows.sort_values(["metric", "as_of"], kind="stable", ignore_index=True)
        self._checks = check_in_frame(self._rows)
        for metric_id in wanted:
            self._series.pop(metric_id, None)
        statuses, latest = self._now(self.metrics[m] for m in wanted)
        self.statuses.update(statuses)
        self.latest.update(latest)
        if any(funnel_stage(self.metrics[m]) is not None for m in wanted):
            self._funnel = None
        return wanted

    def with_trend(self, trend: TrendSeries) -> None:
        self.trend = trend
