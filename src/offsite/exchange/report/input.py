"""What one results report shows, read from the plan once: ``ReportInput``.

``read_report`` reads the plan in one read transaction (``PlanFile.snapshot``), on the caller's
thread: the plan itself, its sign-off (what the progress is tracked against), the work-back funnels
(the planned funnel), and the process records of the review cadence as they stood on the report's
day — the check-ins dated up to it, each metric's last actual in the quarter scored, the reviews of
the quarter, the wins of the period and the alignment readings of the quarters up to it (read with
the Quarter end page's own readers, ``services/quarter``, so both score alike), and the agreements
beyond goals (the hand-offs and joint practices are tracked through their metrics' check-ins).
Nothing dated after the report's day is read into it, so a check-in typed for April never changes
the report on Q1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from offsite.domain.agreements import AgreementView
from offsite.domain.checkins import CheckInView
from offsite.domain.exercises import FunnelView
from offsite.domain.progress import Grain, Period, plan_start, quarter_of
from offsite.domain.reporting import default_report_period, report_day
from offsite.domain.series import TrendSeries
from offsite.domain.signoff import SignoffView
from offsite.domain.values import PlanView
from offsite.exchange.pdf.extras import PdfExtras
from offsite.exchange.pdf.seal import Seal
from offsite.services.quarter import Actual, ReviewView, WinView
from offsite.store.planfile import PlanFile


@dataclass(frozen=True, slots=True)
class ReportInput:
    """Everything one report shows, fixed before the layout starts."""

    view: PlanView
    plan_uid: str
    signoff: SignoffView | None
    funnels: tuple[FunnelView, ...]
    #: Every check-in dated up to ``as_of``, by metric, then day, then source.
    check_ins: tuple[CheckInView, ...]
    #: Each metric's last actual in the quarter scored (``scoring``), as the Quarter end page reads it.
    actuals: Mapping[int, Actual]
    #: The reviews of the quarter the report covers, by objective id (none for a month or a week).
    reviews: Mapping[int, ReviewView]
    #: The wins dated within the period, up to ``as_of``, in date order.
    wins: tuple[WinView, ...]
    #: The same check-ins as one table, as the Progress page's rollup takes them (``services/progress_read``).
    table: pd.DataFrame
    #: The alignment index and the leaders' self-rating of each quarter closed up to the report's.
    trend: TrendSeries
    period: Period
    as_of: dt.date
    #: The agreements beyond goals in display order (every kind): "Agreements in practice" lists
    #: the hand-offs and joint practices.
    agreements: tuple[AgreementView, ...] = ()

    @property
    def scoring(self) -> Period:
        """The days whose last actuals score the objectives: the quarter holding the period's end, up
        to ``as_of`` (a quarter's report scores that quarter; a month's or a week's, its quarter so far)."""
        return scoring_span(self.period, self.as_of)

    @property
    def seal(self) -> Seal:
        """Whether the plan is signed, and at which version: what the cover says progress is tracked against."""
        return Seal.of(PdfExtras(plan_uid=self.plan_uid, signoff=self.signoff))


def scoring_span(period: Period, as_of: dt.date) -> Period:
    """See ``ReportInput.scoring``."""
    quarter = quarter_of(period.end)
    return Period(quarter.start, min(quarter.end, as_of), Grain.QUARTER)


def _up_to(trend: TrendSeries, last: str) -> TrendSeries:
    """The quarters of ``trend`` up to the one labelled ``last`` (labels sort in time order)."""
    keep = [i for i, period in enumerate(trend.periods) if period <= last]
    return TrendSeries(
        tuple(trend.periods[i] for i in keep),
        tuple(trend.evidence[i] for i in keep),
        tuple(trend.self_rating[i] for i in keep),
    )


def read_report(plan: PlanFile, period: Period | None, today: dt.date) -> ReportInput:
    """One read of ``plan`` for the report on ``period`` made on ``today`` (caller's thread).

    Without a period, the report covers the last quarter finished since the plan started, or the
    one under way (``domain.reporting.default_report_period``).
    """
    from offsite.exchange.pdf.input import read_plan_uid
    from offsite.services.agreements import read_agreements
    from offsite.services.brainstorm import read_brainstorm
    from offsite.services.checkins import read_check_ins
    from offsite.services.plans import read_plan
    from offsite.services.progress_read import read_alignment_trend, read_check_in_table
    from offsite.services.quarter import last_actuals, read_reviews, read_wins
    from offsite.services.signoff import read_signoff

    with plan.snapshot():
        view = read_plan(plan)
        every = read_check_ins(plan)
        if period is None:
            first = min((c.as_of for c in every), default=None)
            period = default_report_period(
                plan_start(view.details.starts_on, view.details.ends_on, first), today
            )
        as_of = report_day(period, today)
        last_quarter = quarter_of(as_of).label
        reviews = read_reviews(plan, period) if period.grain is Grain.QUARTER else {}
        table = read_check_in_table(plan)
        return ReportInput(
            view,
            read_plan_uid(plan),
            read_signoff(plan),
            read_brainstorm(plan).funnels,
            tuple(c for c in every if c.as_of <= as_of),
            last_actuals(plan, scoring_span(period, as_of)),
            reviews,
            tuple(w for w in read_wins(plan, period) if w.on <= as_of),
            table[table["as_of"] <= pd.Timestamp(as_of)].reset_index(drop=True),
            _up_to(read_alignment_trend(plan), last_quarter),
            period,
            as_of,
            read_agreements(plan),
        )
