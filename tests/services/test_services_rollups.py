"""The progress rollups: each metric per week, month and quarter on the real calendar, the funnel beside
the work-back plan, and sales beside marketing, as the charts and the quarter-end review read them."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pytest

from offsite.domain.funnel import FunnelInputs
from offsite.domain.progress import (
    Grain,
    Status,
    expected_value,
    metric_score,
    metric_status,
    period_of,
    tracking_window,
)
from offsite.domain.tracking import (
    MetricPair,
    SalesAndMarketing,
    find_sales_and_marketing,
    metric_teams,
    pair_metrics,
)
from offsite.domain.values import Direction, MetricView
from offsite.services.plans import read_plan
from offsite.services.rollups import (
    PlanTiming,
    check_in_frame,
    funnel_periods,
    funnel_rows,
    metric_periods,
    metric_tracks,
    objective_scores,
    pair_periods,
    pair_rows,
    period_starts,
)
from offsite.store import PlanFile

D = dt.date
UP, DOWN = Direction.UP, Direction.DOWN


@dataclass(frozen=True)
class Metric:
    """A metric as the plan will hand it over once metrics carry their funnel stage."""

    id: int
    name: str
    baseline: float | None
    target: float | None
    direction: Direction = UP
    due: dt.date | None = None
    funnel_stage: str | None = None


def row(frame: pd.DataFrame, metric: int, period: str) -> pd.Series:
    found = frame[(frame["metric"] == metric) & (frame["period"] == period)]
    assert len(found) == 1, f"{len(found)} rows for metric {metric} in {period}"
    return found.iloc[0]


# The demo's offsite: 14–15 January 2027, horizon H1 2027.
DEMO = PlanTiming(D(2027, 1, 14), D(2027, 1, 15), "H1 2027")


# --- Actuals and confidence per period ------------------------------------------------------------


def test_the_last_check_in_of_a_day_counts_and_the_frame_is_in_day_order() -> None:
    frame = check_in_frame(
        [(2, D(2027, 2, 1), 5.0, None), (1, D(2027, 2, 1), 7.0, 6), (1, D(2027, 1, 20), 3.0, 8)]
    )
    assert list(frame["metric"]) == [1, 1, 2]
    assert list(frame["value"]) == [3.0, 7.0, 5.0]
    assert math.isnan(frame["confidence"].iloc[2])


def test_week_53_of_2026_holds_the_check_ins_of_new_years_day_and_the_last_one_counts() -> None:
    metric = Metric(1, "Inbound leads", 2400, 3600, due=D(2027, 6, 30))
    timing = PlanTiming(D(2026, 12, 14), D(2026, 12, 15), "H1 2027")
    check_ins = [
        (1, D(2026, 12, 22), 2450.0, 7),
        (1, D(2026, 12, 29), 2480.0, 6),
        (1, D(2027, 1, 2), 2510.0, None),
        (1, D(2027, 1, 6), 2560.0, 8),
    ]
    weeks = metric_periods(check_ins, [metric], timing, "week")
    assert list(weeks["period"]) == ["2026-W51", "2026-W52", "2026-W53", "2027-W01"]
    week53 = row(weeks, 1, "2026-W53")
    assert (week53["start"].date(), week53["end"].date()) == (D(2026, 12, 28), D(2027, 1, 3))
    assert week53["actual"] == 2510.0
    assert week53["as_of"].date() == D(2027, 1, 2)
    # The confidence of 29 December is the week's: the check-in of 2 January gave none.
    assert week53["confidence"] == 6
    # Week 51 (tracking starts on the 15th) has no check-in yet: nothing to carry, no data.
    week51 = row(weeks, 1, "2026-W51")
    assert (week51["checked_in"], week51["status"]) == (False, Status.NO_DATA.value)
    assert math.isnan(week51["actual"])
    assert row(weeks, 1, "2027-W01")["actual"] == 2560.0


def test_a_period_without_a_check_in_shows_the_last_actual_but_not_an_old_confidence() -> None:
    metric = Metric(1, "Appointments booked", 40, 180, due=D(2027, 3, 31))
    check_ins = [(1, D(2027, 1, 20), 60.0, 8), (1, D(2027, 3, 3), 150.0, 7)]
    months = metric_periods(check_ins, [metric], DEMO, "month")
    february = row(months, 1, "2027-02")
    assert february["actual"] == 60.0
    assert february["as_of"].date() == D(2027, 1, 20)
    assert not february["checked_in"]
    assert math.isnan(february["confidence"])
    assert row(months, 1, "2027-03")["checked_in"]


def test_the_leap_day_is_the_last_day_of_february_2028() -> None:
    metric = Metric(1, "Share of voice", 11, 18, due=D(2028, 6, 30))
    timing = PlanTiming(D(2028, 1, 10), D(2028, 1, 11), "H1 2028")
    check_ins = [(1, D(2028, 2, 29), 13.0, 7), (1, D(2028, 3, 1), 14.0, 7)]
    months = metric_periods(check_ins, [metric], timing, "month")
    february = row(months, 1, "2028-02")
    assert february["end"].date() == D(2028, 2, 29)
    assert february["actual"] == 13.0
    assert february["expected"] == pytest.approx(
        expected_value(11, 18, D(2028, 1, 11), D(2028, 6, 30), D(2028, 2, 29))
    )
    assert row(months, 1, "2028-03")["actual"] == 14.0


def test_a_quarterly_rollup_crosses_the_year_end_on_one_straight_line() -> None:
    # An offsite in November, targets due at the end of Q1: the line runs through New Year.
    metric = Metric(1, "Pipeline", 4.2, 7.5, due=D(2027, 3, 31))
    timing = PlanTiming(D(2026, 11, 12), D(2026, 11, 13), "Q1 2027")
    check_ins = [(1, D(2026, 12, 18), 5.1, 7), (1, D(2027, 3, 31), 7.4, 8)]
    quarters = metric_periods(check_ins, [metric], timing, "quarter")
    assert list(quarters["period"]) == ["2026-Q4", "2027-Q1"]
    q4 = row(quarters, 1, "2026-Q4")
    # 48 of the 138 days from 13 November to 31 March have passed by 31 December.
    assert q4["expected"] == pytest.approx(4.2 + 3.3 * 48 / 138)
    assert q4["status"] == Status.AT_RISK.value  # 0.9 made of the 1.148 expected: 0.78
    q1 = row(quarters, 1, "2027-Q1")
    assert q1["expected"] == 7.5
    assert q1["score"] == pytest.approx(3.2 / 3.3)
    assert q1["status"] == Status.ON_TRACK.value  # 0.97 of the way: on track


def test_a_metric_going_down_is_on_track_when_it_falls_fast_enough() -> None:
    metric = Metric(1, "Time to first touch", 20, 2, DOWN, due=D(2027, 3, 31))
    check_ins = [(1, D(2027, 2, 14), 16.0, 5), (1, D(2027, 3, 31), 3.0, 8)]
    months = metric_periods(check_ins, [metric], DEMO, "month", today=D(2027, 3, 31))
    # By 28 February (44 of 75 days) 20 − 18 × 44/75 = 9.44 hours were expected; 16 is far behind.
    february = row(months, 1, "2027-02")
    assert february["expected"] == pytest.approx(9.44)
    assert february["status"] == Status.OFF_TRACK.value
    march = row(months, 1, "2027-03")
    assert march["status"] == Status.ON_TRACK.value
    assert march["score"] == pytest.approx(17 / 18)


def test_a_target_already_met_is_on_track_with_full_marks() -> None:
    metric = Metric(1, "Opportunities from outbound", 8, 45, due=D(2027, 3, 31))
    months = metric_periods([(1, D(2027, 1, 29), 52.0, 9)], [metric], DEMO, "month")
    january = row(months, 1, "2027-01")
    assert (january["status"], january["score"]) == (Status.ON_TRACK.value, 1.0)


def test_a_negative_baseline_counts_from_where_it_started() -> None:
    # Net cash flow, −50 → 100 by 31 March; 15 on 28 February (44 of 75 days): 38 expected.
    metric = Metric(1, "Net cash flow", -50, 100, due=D(2027, 3, 31))
    months = metric_periods([(1, D(2027, 2, 28), 15.0, 6)], [metric], DEMO, "month")
    february = row(months, 1, "2027-02")
    assert february["expected"] == pytest.approx(-50 + 150 * 44 / 75)
    # 65 made of the 88 expected (0.74), where 15 of 38 (0.39) would call it off track.
    assert february["status"] == Status.AT_RISK.value
    assert february["score"] == pytest.approx(65 / 150)


def test_periods_after_today_draw_the_line_ahead_but_carry_no_actual() -> None:
    metric = Metric(1, "Inbound leads", 2400, 3600)  # no due date: the horizon's end, 30 June
    months = metric_periods([(1, D(2027, 3, 10), 2900.0, 7)], [metric], DEMO, "month", through=D(2027, 6, 30))
    assert list(months["period"]) == ["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]
    march = row(months, 1, "2027-03")
    # March is judged on the last check-in's day, not on 31 March: a leader is not behind for days to come.
    assert march["on"].date() == D(2027, 3, 10)
    assert march["expected"] == pytest.approx(
        expected_value(2400, 3600, D(2027, 1, 15), D(2027, 6, 30), D(2027, 3, 10))
    )
    june = row(months, 1, "2027-06")
    assert math.isnan(june["actual"])
    assert june["expected"] == 3600
    assert june["status"] == Status.NO_DATA.value


def test_a_metric_without_a_target_or_check_ins_has_no_data_and_strangers_are_left_out() -> None:
    metrics = [
        Metric(1, "Appointments booked", 40, 180, due=D(2027, 3, 31)),
        Metric(2, "Brand love", 3, None),
    ]
    months = metric_periods([(2, D(2027, 2, 1), 4.0, 7), (99, D(2027, 2, 1), 1.0, 7)], metrics, DEMO, "month")
    assert set(months["metric"]) == {1, 2}
    assert set(months["status"]) == {Status.NO_DATA.value}
    assert row(months, 2, "2027-02")["actual"] == 4.0


def test_no_check_ins_and_no_plan_dates_make_an_empty_rollup() -> None:
    frame = metric_periods([], [Metric(1, "Leads", 0, 10)], PlanTiming(None, None, ""), "week")
    assert frame.empty
    assert "status" in frame.columns


# --- The rules hold row by row --------------------------------------------------------------------

CASES = [
    Metric(1, "Up", 40, 180, UP, D(2027, 3, 31)),
    Metric(2, "Down", 20, 2, DOWN, D(2027, 3, 31)),
    Metric(3, "Negative baseline", -50, 100, UP, None),
    Metric(4, "No baseline", None, 200, UP, D(2027, 2, 28)),
    Metric(5, "Hold the line", 2, 2, DOWN, None),
    Metric(6, "No target", 5, None, UP, None),
    Metric(7, "Due before the offsite", 0, 10, UP, D(2027, 1, 1)),
    Metric(8, "Met at the start", 100, 80, UP, None),
]


def test_every_row_agrees_with_the_one_value_rules_of_the_domain() -> None:
    values = [-60.0, -50.0, 0.0, 1.8, 2.0, 2.3, 11.0, 40.0, 96.0, 100.0, 150.0, 180.0, 250.0]
    days = [D(2027, 1, 10), D(2027, 1, 15), D(2027, 2, 3), D(2027, 2, 27), D(2027, 3, 30), D(2027, 5, 2)]
    check_ins = []
    for metric, (n, day) in itertools.product(CASES, enumerate(days)):
        check_ins.append((metric.id, day, values[(metric.id * 5 + n * 3) % len(values)], None))
    frame = metric_periods(check_ins, CASES, DEMO, "week")
    assert len(frame) == len(CASES) * frame["period"].nunique()
    by_id = {m.id: m for m in CASES}
    first = min(day for _m, day, _v, _c in check_ins)
    checked = 0
    for rec in frame.to_dict("records"):
        metric = by_id[rec["metric"]]
        window = tracking_window(
            starts_on=DEMO.starts_on,
            ends_on=DEMO.ends_on,
            horizon=DEMO.horizon,
            due=metric.due,
            first_check_in=first,
        )
        assert window is not None
        on = rec["on"].date()
        expected = expected_value(metric.baseline, metric.target, window.start, window.end, on)
        actual = None if math.isnan(rec["actual"]) else rec["actual"]
        assert (None if math.isnan(rec["expected"]) else rec["expected"]) == expected
        assert rec["status"] == metric_status(
            actual,
            expected=expected,
            baseline=metric.baseline,
            target=metric.target,
            direction=metric.direction,
        )
        score = metric_score(metric.baseline, metric.target, actual, metric.direction)
        assert (None if math.isnan(rec["score"]) else rec["score"]) == score
        checked += actual is not None
    assert checked > 60
    assert set(frame["status"]) == {s.value for s in Status}


@pytest.mark.parametrize("grain", [Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.HALF, Grain.YEAR])
def test_the_vectorised_period_of_each_day_is_the_calendars(grain: Grain) -> None:
    days = [D(2026, 12, 1) + dt.timedelta(days=n) for n in range(800)]
    numbers = np.array([d.toordinal() - D(1970, 1, 1).toordinal() for d in days])
    starts = period_starts(numbers, grain)
    assert [D(1970, 1, 1) + dt.timedelta(days=int(s)) for s in starts] == [
        period_of(d, grain).start for d in days
    ]


# --- Scores per objective -------------------------------------------------------------------------


def test_an_objectives_quarter_score_is_the_mean_of_its_scored_metrics() -> None:
    metrics = [
        Metric(1, "Appointments booked", 40, 180, due=D(2027, 3, 31)),
        Metric(2, "Opportunities from outbound", 8, 45, due=D(2027, 3, 31)),
        Metric(3, "Brand love", 3, None),
    ]
    check_ins = [(1, D(2027, 3, 30), 110.0, 7), (2, D(2027, 3, 28), 45.0, 9), (3, D(2027, 3, 1), 4.0, 5)]
    quarters = metric_periods(check_ins, metrics, DEMO, "quarter")
    scored = objective_scores(quarters, {1: 10, 2: 10, 3: 10})
    q1 = scored[(scored["objective"] == 10) & (scored["period"] == "2027-Q1")].iloc[0]
    assert q1["score"] == pytest.approx(0.75)  # (0.5 + 1.0) / 2; "Brand love" has no target
    assert q1["scored"] == 2


# --- The funnel -----------------------------------------------------------------------------------

STAGED = [
    Metric(1, "Inbound leads", 2400, 3600, funnel_stage="leads"),
    Metric(2, "Partner leads", 100, 400, funnel_stage="leads"),
    Metric(3, "MQLs", 300, 600, funnel_stage="mqls"),
    Metric(4, "SQLs", 90, 180, funnel_stage="sqls"),
    Metric(5, "Opportunities", 50, 110, funnel_stage="opportunities"),
    Metric(6, "Deals won", 10, 30, funnel_stage="deals"),
    Metric(7, "Share of voice", 11, 18),
]
# The demo's work-back funnel: 15% of leads become MQLs, 30% of MQLs SQLs, 60% opportunities, 25% won.
PLANNED = FunnelInputs(10_000_000, 40_000, 25, 60, 30, 15, ("Q1 2027", "Q2 2027"))


def test_the_funnel_sums_each_stage_and_sets_its_conversion_beside_the_planned_rate() -> None:
    check_ins = [
        (1, D(2027, 2, 27), 2600.0, 7),
        (2, D(2027, 2, 20), 200.0, 7),
        (3, D(2027, 2, 26), 420.0, 6),
        (4, D(2027, 2, 26), 105.0, 6),
        (5, D(2027, 2, 10), 63.0, 5),
        (6, D(2027, 2, 25), 14.0, 5),
        (7, D(2027, 2, 25), 1000.0, 5),
    ]
    funnel = funnel_periods(metric_periods(check_ins, STAGED, DEMO, "month"), PLANNED)
    assert list(funnel["period"]) == ["2027-01", "2027-02"]
    february = funnel[funnel["period"] == "2027-02"].iloc[0]
    assert [february[s] for s in ("leads", "mqls", "sqls", "opportunities", "deals")] == [
        2800,
        420,
        105,
        63,
        14,
    ]
    assert february["lead_to_mql"] == pytest.approx(15.0)
    assert february["mql_to_sql"] == pytest.approx(25.0)
    assert february["sql_to_opportunity"] == pytest.approx(60.0)
    assert february["win_rate"] == pytest.approx(14 / 63 * 100)
    assert (february["planned_lead_to_mql"], february["planned_mql_to_sql"]) == (15, 30)
    assert (february["planned_sql_to_opportunity"], february["planned_win_rate"]) == (60, 25)
    january = funnel[funnel["period"] == "2027-01"].iloc[0]
    assert math.isnan(january["leads"])
    assert math.isnan(january["lead_to_mql"])


def test_the_funnel_as_plain_values_says_none_for_what_is_not_known() -> None:
    funnel = funnel_periods(metric_periods([(3, D(2027, 2, 26), 420.0, 6)], STAGED, DEMO, "month"))
    rows = funnel_rows(funnel)
    assert [r.period for r in rows] == ["2027-01", "2027-02"]
    february = rows[1]
    assert february.counts == {
        "leads": None,
        "mqls": 420.0,
        "sqls": None,
        "opportunities": None,
        "deals": None,
    }
    assert february.rates["lead_to_mql"] is None
    assert february.planned == {
        "lead_to_mql": None,
        "mql_to_sql": None,
        "sql_to_opportunity": None,
        "win_rate": None,
    }
    assert (february.start, february.end) == (D(2027, 2, 1), D(2027, 2, 28))


# --- Sales beside marketing -----------------------------------------------------------------------


def test_the_demo_plans_shared_metrics_pair_sales_with_marketing(demo_plan: PlanFile) -> None:
    view = read_plan(demo_plan)
    teams = find_sales_and_marketing(view.teams)
    assert teams is not None
    assert teams.names == ("Sales", "Marketing")
    metrics = [m for o in view.objectives for m in o.metrics]
    pairs = pair_metrics(metrics, metric_teams(view), teams)
    # "One funnel view" (Sales and Marketing) and "Clean hand-offs" (Sales, Marketing and Customer Success).
    assert [p.label for p in pairs] == [
        "Full-funnel pipeline coverage",
        "Leads routed within 5 minutes",
        "SQL acceptance rate",
        "Time to first touch",
    ]
    assert all(p.shared and p.sales_metric == p.marketing_metric for p in pairs)
    # The plan's own metrics roll up as they are: MetricView has what the rollup needs.
    timing = PlanTiming(view.details.starts_on, view.details.ends_on, view.details.horizon)
    coverage = pairs[0].sales_metric
    months = metric_periods([(coverage, D(2027, 2, 26), 2.6, 7)], metrics, timing, "month")
    side = pair_periods(months, pairs)
    february = side[(side["pair"] == 0) & (side["period"] == "2027-02")].iloc[0]
    assert february["sales_actual"] == february["marketing_actual"] == 2.6


def _metric_view(metric_id: int, objective_id: int, name: str, owner: int | None = None) -> MetricView:
    return MetricView(metric_id, objective_id, name, "", 0, 100, UP, None, "", False, False, owner)


def test_one_metric_each_at_the_same_stage_or_with_the_same_name_stand_side_by_side() -> None:
    sales, marketing = 1, 2
    teams = {
        10: {sales},  # SQLs accepted (sales)
        11: {marketing},  # SQLs sourced (marketing)
        12: {sales},  # Pipeline (sales)
        13: {marketing},  # pipeline (marketing)
        14: {marketing},  # MQLs (marketing): nothing on the sales side
        15: {sales, marketing},  # Win rate, both teams
        16: {3},  # Customer success only
        17: {marketing},  # a second marketing "Pipeline": the first one given pairs
    }
    metrics = [
        Metric(10, "SQLs accepted", 0, 100, funnel_stage="sqls"),
        Metric(11, "SQLs sourced", 0, 100, funnel_stage="sqls"),
        Metric(12, "Pipeline", 0, 100),
        Metric(13, "pipeline ", 0, 100),
        Metric(14, "MQLs", 0, 100, funnel_stage="mqls"),
        Metric(15, "Win rate", 0, 100),
        Metric(16, "NPS", 0, 100),
        Metric(17, "Pipeline", 0, 100),
    ]
    pairs = pair_metrics(metrics, teams, SalesAndMarketing(sales, marketing))
    assert pairs == (
        MetricPair("Win rate", 15, 15, "shared"),
        MetricPair("SQLs accepted · SQLs sourced", 10, 11, "stage"),
        MetricPair("Pipeline", 12, 13, "name"),
    )
    check_ins = [(10, D(2027, 2, 20), 40.0, 7), (11, D(2027, 2, 21), 65.0, 8), (12, D(2027, 2, 1), 30.0, 4)]
    months = metric_periods(check_ins, metrics, DEMO, "month")
    side = pair_rows(pair_periods(months, pairs), pairs)
    february = next(p for p in side if p.pair.basis == "stage" and p.period == "2027-02")
    assert (february.sales.actual, february.marketing.actual) == (40.0, 65.0)
    assert (february.sales.confidence, february.marketing.confidence) == (7.0, 8.0)
    # Judged on 21 February, the last check-in: 37 of the 166 days to 30 June, 22.3 expected each.
    assert february.sales.expected == february.marketing.expected == pytest.approx(100 * 37 / 166)
    assert (february.sales.status, february.marketing.status) == (Status.ON_TRACK, Status.ON_TRACK)
    pipeline = next(p for p in side if p.pair.basis == "name" and p.period == "2027-02")
    assert pipeline.marketing.actual is None
    assert pipeline.marketing.status is Status.NO_DATA
    assert [p.period for p in side if p.pair.label == "Win rate"] == ["2027-01", "2027-02"]


def test_a_metrics_teams_are_its_objectives_and_its_owners() -> None:
    from offsite.domain.values import LeaderView, ObjectiveView, PlanDetails, PlanView, TeamView

    details = PlanDetails("Offsite", None, None, "", "", "")
    leaders = (LeaderView(7, "Maya", "VP Marketing", 2),)
    metric = _metric_view(30, 3, "Pipeline", owner=7)
    objective = ObjectiveView(
        3, "Fill the pipeline", "H1 2027", "", (1,), (), (metric, _metric_view(31, 3, "Deals"))
    )
    view = PlanView(details, (TeamView(1, "Sales"), TeamView(2, "Marketing")), leaders, (), (objective,))
    assert metric_teams(view) == {30: frozenset({1, 2}), 31: frozenset({1})}
    assert find_sales_and_marketing(view.teams) == SalesAndMarketing(1, 2, ("Sales", "Marketing"))
    assert find_sales_and_marketing((TeamView(1, "Sales"), TeamView(3, "Customer Success"))) is None


# --- Plain values ---------------------------------------------------------------------------------


def test_a_metrics_track_is_its_readings_in_time_order_as_plain_values() -> None:
    metric = Metric(1, "Appointments booked", 40, 180, due=D(2027, 3, 31))
    other = replace(metric, id=2)
    check_ins = [(1, D(2027, 1, 20), 60.0, 8), (1, D(2027, 2, 26), 100.0, 6), (2, D(2027, 2, 1), 50.0, 5)]
    months = metric_periods(check_ins, [metric, other], DEMO, "month")
    tracks = metric_tracks(months, [1])
    assert list(tracks) == [1]
    track = tracks[1]
    assert track.periods == ("2027-01", "2027-02")
    assert track.actuals == (60.0, 100.0)
    february = track.reading("2027-02")
    assert february is not None
    assert (february.as_of, february.confidence, february.checked_in) == (D(2027, 2, 26), 6.0, True)
    assert february.expected == pytest.approx(
        expected_value(40, 180, D(2027, 1, 15), D(2027, 3, 31), D(2027, 2, 26))
    )
    # 60 made of the 78.4 expected by 26 February (42 of 75 days): 0.77.
    assert february.status.words == "at risk"
    assert track.reading("2027-07") is None


def test_of_two_check_ins_on_one_day_the_last_given_counts_in_every_grain() -> None:
    metric = Metric(1, "Inbound leads", 2400, 3600)
    check_ins = [(1, D(2027, 2, 26), 2800.0, 6), (1, D(2027, 2, 26), 2750.0, 5)]  # a corrected re-export
    for grain in ("week", "month", "quarter"):
        frame = metric_periods(check_ins, [metric], DEMO, grain)
        last = frame.iloc[-1]
        assert (last["actual"], last["confidence"]) == (2750.0, 5.0), grain


def test_a_table_of_check_ins_in_any_order_rolls_up_as_the_same_check_ins_typed_in_order() -> None:
    metrics = [Metric(1, "Leads", 0, 100), Metric(2, "Deals", 0, 10)]
    check_ins = [
        (2, D(2027, 3, 2), 4.0, None),
        (1, D(2027, 2, 1), 30.0, 7),
        (2, D(2027, 1, 20), 1.0, 5),
        (1, D(2027, 1, 25), 12.0, 8),
    ]
    table = pd.DataFrame(check_ins, columns=["metric", "as_of", "value", "confidence"])
    table["as_of"] = pd.to_datetime(table["as_of"])
    from_table = metric_periods(table, metrics, DEMO, "month")
    pd.testing.assert_frame_equal(from_table, metric_periods(check_ins, metrics, DEMO, "month"))
    assert list(from_table["actual"]) == [12.0, 30.0, 30.0, 1.0, 1.0, 4.0]


def test_check_ins_dated_after_today_wait_until_their_day() -> None:
    metric = Metric(1, "Appointments booked", 40, 180, due=D(2027, 3, 31))
    check_ins = [(1, D(2027, 2, 3), 80.0, 7), (1, D(2027, 2, 20), 120.0, 9)]
    months = metric_periods(check_ins, [metric], DEMO, "month", today=D(2027, 2, 10))
    february = row(months, 1, "2027-02")
    assert (february["actual"], february["confidence"]) == (80.0, 7.0)
    assert february["on"].date() == D(2027, 2, 10)


def test_right_after_the_offsite_before_any_check_in_the_line_is_drawn_with_no_data() -> None:
    metrics = [Metric(1, "Appointments booked", 40, 180, due=D(2027, 3, 31), funnel_stage="opportunities")]
    quarters = metric_periods([], metrics, DEMO, "quarter", today=D(2027, 2, 14), through=D(2027, 6, 30))
    assert list(quarters["period"]) == ["2027-Q1", "2027-Q2"]
    assert list(quarters["expected"]) == [96.0, 180.0]  # today on the line; Q2 at its end
    assert set(quarters["status"]) == {Status.NO_DATA.value}
    assert not quarters["checked_in"].any()
    funnel = funnel_periods(quarters, PLANNED)
    assert funnel["opportunities"].isna().all()
    assert list(funnel["planned_win_rate"]) == [25.0, 25.0]


def test_read_before_the_offsite_the_rollup_is_empty_rather_than_failing() -> None:
    # Opened in December for an offsite in January, or a report asked for on the quarter before it.
    metrics = [Metric(1, "Appointments booked", 40, 180, due=D(2027, 3, 31), funnel_stage="opportunities")]
    early = metric_periods([], metrics, DEMO, "quarter", today=D(2026, 12, 6))
    assert early.empty
    assert list(early.columns) == list(metric_periods([], metrics, DEMO, "quarter").columns)
    assert metric_tracks(early) == {}
    assert funnel_periods(early, PLANNED).empty
