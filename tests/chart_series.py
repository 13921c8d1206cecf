"""Series the chart tests draw, on screen and on paper: one half-year plan seen on 15 March 2027."""

from __future__ import annotations

import datetime as dt

from offsite.domain.series import FunnelSeries, FunnelStage, MetricSeries, PairSeries, TrendSeries

TODAY = dt.date(2027, 3, 15)
START, END = dt.date(2027, 1, 15), dt.date(2027, 6, 30)

SQLS = MetricSeries(
    "SQLs accepted this half",
    "SQLs",
    "up",
    baseline=120,
    target=900,
    start=START,
    end=END,
    actuals=(
        (dt.date(2027, 1, 29), 180),
        (dt.date(2027, 2, 12), 260),
        (dt.date(2027, 2, 26), 330),
        (dt.date(2027, 3, 12), 380),
    ),
    confidences=(
        (dt.date(2027, 1, 29), 8),
        (dt.date(2027, 2, 12), 7),
        (dt.date(2027, 2, 26), 5),
        (dt.date(2027, 3, 12), 4),
    ),
    status="at risk",
)
MQLS = MetricSeries(
    "MQLs handed to sales",
    "MQLs",
    "up",
    baseline=600,
    target=2400,
    start=START,
    end=END,
    actuals=((dt.date(2027, 1, 29), 800), (dt.date(2027, 2, 26), 1240), (dt.date(2027, 3, 12), 1500)),
    status="on track",
)
#: A metric nobody has checked in on yet.
WIN_RATE = MetricSeries("Win rate on qualified pipeline", "%", "up", 18, 25, START, END)
#: One check-in so far, in a window short enough to be labelled by week.
PIPELINE = MetricSeries(
    "Pipeline created",
    "€",
    "up",
    1_200_000,
    3_000_000,
    START,
    dt.date(2027, 3, 31),
    actuals=((dt.date(2027, 2, 10), 1_450_000),),
    confidences=((dt.date(2027, 2, 10), 6),),
    status="at risk",
)
PAIR = PairSeries(SQLS, MQLS, "Sales EMEA", "Marketing EMEA")
FUNNEL = FunnelSeries(
    ("2027-Q1", "2027-Q2", "2027-Q3"),
    (
        FunnelStage("leads", (4100, 3800, None), (4500, 4500, 4500)),
        FunnelStage("mqls", (1250, 1180, None), (1350, 1350, 1350)),
        FunnelStage("sqls", (390, 420, None), (405, 405, 405)),
        FunnelStage("opportunities", (118, 99, None), (122, 122, 122)),
        FunnelStage("deals", (28, 33, None), (30, 30, 30)),
    ),
)
TREND = TrendSeries(("2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"), (42, 55, 61, None), (3.1, 3.4, 3.9, 4.2))
