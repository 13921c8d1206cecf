"""The plain values the progress rollups hand to screens and reports, and which metrics pair up.

``services/rollups.py`` computes over tables (pandas); what it returns to a chart, a table or
the PDF is these frozen values, so nothing above the services layer needs pandas to draw them.
The sales-and-marketing pairing is a rule of its own, in plain Python, here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from offsite.domain.progress import FUNNEL_STAGES, Status
from offsite.domain.values import PlanView, TeamView


@dataclass(frozen=True, slots=True)
class PeriodReading:
    """One metric in one period (a week, a month, a quarter), as it stood at the period's end.

    ``actual`` is the last actual checked in by the period's end (it may be from an earlier period:
    ``checked_in`` says whether one was given within it, ``as_of`` the day it was read);
    ``confidence`` the last confidence given within the period; ``expected`` the value on the
    straight line at the period's end; ``score`` how far from baseline to target the actual got.
    """

    period: str
    start: dt.date
    end: dt.date
    actual: float | None
    as_of: dt.date | None
    checked_in: bool
    confidence: float | None
    expected: float | None
    status: Status
    score: float | None


@dataclass(frozen=True, slots=True)
class MetricTrack:
    """A metric's readings, one per period in time order: the line a progress chart draws."""

    metric_id: int
    readings: tuple[PeriodReading, ...]

    @property
    def periods(self) -> tuple[str, ...]:
        return tuple(r.period for r in self.readings)

    @property
    def actuals(self) -> tuple[float | None, ...]:
        return tuple(r.actual for r in self.readings)

    @property
    def expected(self) -> tuple[float | None, ...]:
        return tuple(r.expected for r in self.readings)

    def reading(self, period: str) -> PeriodReading | None:
        """The reading of the period labelled ``period`` ("2027-Q1"), if the track has it."""
        return next((r for r in self.readings if r.period == period), None)


@dataclass(frozen=True, slots=True)
class FunnelPeriod:
    """The funnel in one period: the sum of each stage's metrics, the conversion between stages
    (percent) and the work-back funnel's planned rates beside them.

    ``counts`` is keyed by stage ("leads" … "deals"); ``rates`` and ``planned`` by the rate's name
    in ``domain/funnel`` ("lead_to_mql", "mql_to_sql", "sql_to_opportunity", "win_rate").
    None: no metric of that stage has an actual yet, or no rate planned.
    """

    period: str
    start: dt.date
    end: dt.date
    counts: Mapping[str, float | None]
    rates: Mapping[str, float | None]
    planned: Mapping[str, float | None]


class PairedMetric(Protocol):
    """What pairing needs of a metric (a ``MetricView`` has it; ``funnel_stage`` is read if there)."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...


@dataclass(frozen=True, slots=True)
class MetricPair:
    """A sales metric beside a marketing metric, or one metric both teams share (the same id twice).

    ``basis`` says why they stand together: "shared" (one metric, both teams), "stage" (the same
    funnel stage, one metric each) or "name" (the same name, one metric each).
    """

    label: str
    sales_metric: int
    marketing_metric: int
    basis: str

    @property
    def shared(self) -> bool:
        return self.basis == "shared"


@dataclass(frozen=True, slots=True)
class PairPeriod:
    """One pair in one period: the sales side's reading and the marketing side's."""

    pair: MetricPair
    period: str
    sales: PeriodReading | None
    marketing: PeriodReading | None


@dataclass(frozen=True, slots=True)
class SalesAndMarketing:
    """The two teams a pair view compares, by id."""

    sales: int
    marketing: int
    names: tuple[str, str] = field(default=("Sales", "Marketing"))


def find_sales_and_marketing(teams: Iterable[TeamView]) -> SalesAndMarketing | None:
    """The plan's sales team and marketing team: the first team whose name says "sales", and the
    first whose name says "marketing" (another team each); None unless both are found."""
    teams = list(teams)
    sales = next((t for t in teams if "sales" in t.name.casefold()), None)
    marketing = next((t for t in teams if "marketing" in t.name.casefold() and t is not sales), None)
    if sales is None or marketing is None:
        return None
    return SalesAndMarketing(sales.id, marketing.id, (sales.name, marketing.name))


def metric_teams(view: PlanView) -> dict[int, frozenset[int]]:
    """The teams each metric answers to: its objective's teams, and its owner's team when it has one."""
    teams: dict[int, frozenset[int]] = {}
    leader_team = {leader.id: leader.team_id for leader in view.leaders}
    for objective in view.objectives:
        for metric in objective.metrics:
            owner_team = leader_team.get(metric.owner_id) if metric.owner_id is not None else None
            extra = () if owner_team is None else (owner_team,)
            teams[metric.id] = frozenset((*objective.team_ids, *extra))
    return teams


def funnel_stage(metric: object) -> str | None:
    """A metric's funnel stage ("leads" … "deals"), or None: read from ``funnel_stage`` where the
    value has one, so a plan from before stages were kept pairs and rolls up by name alone."""
    stage = getattr(metric, "funnel_stage", None)
    return stage if stage in FUNNEL_STAGES else None


def pair_metrics(
    metrics: Iterable[PairedMetric], teams: Mapping[int, Iterable[int]], pair: SalesAndMarketing
) -> tuple[MetricPair, ...]:
    """The sales-and-marketing pairs, side by side:

    - each metric both teams answer for is a pair by itself ("shared");
    - a sales-only metric and a marketing-only metric at the same funnel stage ("stage"), first
      with first in the order given (a plan lists metrics in its own order);
    - then a sales-only metric and a marketing-only metric with the same name, case aside ("name").

    A metric stands in one pair at most; the order is shared pairs, then by funnel stage, then by name.
    """
    shared: list[MetricPair] = []
    sales_only: list[PairedMetric] = []
    marketing_only: list[PairedMetric] = []
    for metric in metrics:
        owners = set(teams.get(metric.id, ()))
        on_sales, on_marketing = pair.sales in owners, pair.marketing in owners
        if on_sales and on_marketing:
            shared.append(MetricPair(metric.name, metric.id, metric.id, "shared"))
        elif on_sales:
            sales_only.append(metric)
        elif on_marketing:
            marketing_only.append(metric)
    paired: set[int] = set()
    by_stage: list[MetricPair] = []
    for stage in FUNNEL_STAGES:
        left = [m for m in sales_only if funnel_stage(m) == stage]
        right = [m for m in marketing_only if funnel_stage(m) == stage]
        for s, m in zip(left, right, strict=False):
            by_stage.append(MetricPair(f"{s.name} · {m.name}", s.id, m.id, "stage"))
            paired.update((s.id, m.id))
    by_name: list[MetricPair] = []
    waiting: dict[str, list[PairedMetric]] = {}
    for m in marketing_only:
        if m.id not in paired:
            waiting.setdefault(m.name.strip().casefold(), []).append(m)
    for s in sales_only:
        if s.id in paired:
            continue
        matches = waiting.get(s.name.strip().casefold())
        if matches:
            m = matches.pop(0)
            by_name.append(MetricPair(s.name, s.id, m.id, "name"))
    return (*shared, *by_stage, *by_name)
