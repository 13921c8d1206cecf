"""The quarter's end as its screen reads it: which quarters a plan spans, the one shown first, each
metric's score from its last actual in the quarter, the objective's, and the words it reads as."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.quarters import forget_the_cadence

from offsite.domain.progress import format_score, quarter_of, score_words
from offsite.domain.progress import metric_score as _metric_score
from offsite.domain.values import Direction, PlanDetails
from offsite.services import checkins
from offsite.services.plans import read_plan
from offsite.services.quarter import (
    default_quarter,
    last_actuals,
    plan_quarters,
    quarter_scores,
    read_wins,
    reviewed_periods,
)
from offsite.store import PlanFile

NOW = dt.date(2026, 12, 6)


def details(horizon: str, starts_on: dt.date | None = None, ends_on: dt.date | None = None) -> PlanDetails:
    return PlanDetails("Offsite", starts_on, ends_on, "", horizon, "")


def labels(quarters: object) -> list[str]:
    return [q.label for q in quarters]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("horizon", "starts_on", "expected"),
    [
        ("H1 2027", dt.date(2027, 1, 14), ["2027-Q1", "2027-Q2"]),
        ("Q1–Q2 2027", dt.date(2027, 1, 14), ["2027-Q1", "2027-Q2"]),
        ("FY2027", None, ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]),
        ("2027-H2", dt.date(2027, 5, 20), ["2027-Q2", "2027-Q3", "2027-Q4"]),
        ("the next twelve months", dt.date(2027, 9, 1), ["2027-Q3", "2027-Q4"]),  # to the start's year end
        ("", None, ["2026-Q4"]),  # nothing to go by: today's quarter
    ],
)
def test_the_quarters_a_plan_spans_run_from_its_start_to_its_horizons_end(
    horizon: str, starts_on: dt.date | None, expected: list[str]
) -> None:
    assert labels(plan_quarters(details(horizon, starts_on), today=NOW)) == expected


def test_a_quarter_already_reviewed_is_listed_even_beyond_the_horizon() -> None:
    quarters = plan_quarters(details("H1 2027", dt.date(2027, 1, 14)), also={"2027-Q3", "oops"}, today=NOW)
    assert labels(quarters) == ["2027-Q1", "2027-Q2", "2027-Q3"]
    assert quarters[0].words == "Q1 2027"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 12, 6), "2027-Q1"),  # before the plan's quarters: the first
        (dt.date(2027, 2, 10), "2027-Q1"),  # none finished yet: the current one
        (dt.date(2027, 4, 3), "2027-Q1"),  # Q1 just ended: the last finished
        (dt.date(2027, 6, 10), "2027-Q2"),  # Q2 ends within the month: it is being reviewed
        (dt.date(2027, 9, 1), "2027-Q2"),  # after the plan's quarters: the last
    ],
)
def test_the_quarter_shown_first_is_the_current_or_the_last_finished(today: dt.date, expected: str) -> None:
    quarters = plan_quarters(details("H1 2027", dt.date(2027, 1, 14)), today=today)
    assert default_quarter(quarters, today).label == expected


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "direction", "expected"),
    [
        (40, 180, 110, Direction.UP, 0.5),
        (40, 180, 250, Direction.UP, 1.0),  # past the target: clipped
        (40, 180, 20, Direction.UP, 0.0),  # the wrong way: clipped
        (20, 2, 6, Direction.DOWN, 14 / 18),  # a metric going down scores by decreasing
        (None, 50, 20, Direction.UP, 0.4),  # no baseline: counted from 0
        (90, 90, 91, Direction.UP, 1.0),  # a target met already, held
        (90, 90, 89, Direction.UP, 0.0),
        (40, None, 110, Direction.UP, None),  # no target: no score
        (40, 180, None, Direction.UP, None),  # no actual: no score
    ],
)
def test_a_metrics_score_is_how_far_from_baseline_to_target_it_got(
    baseline: float | None,
    target: float | None,
    actual: float | None,
    direction: Direction,
    expected: float | None,
) -> None:
    assert _metric_score(baseline, target, actual, direction) == (
        expected if expected is None else pytest.approx(expected)
    )


@pytest.mark.parametrize(
    ("score", "shown", "words"),
    [
        (1.0, "1.0", "delivered"),
        (0.65, "0.7", "delivered"),  # halves up, and read as shown
        (0.64, "0.6", "progress"),
        (0.35, "0.4", "progress"),
        (0.34, "0.3", "missed"),
        (None, "", "no score"),
    ],
)
def test_a_score_reads_to_one_decimal_in_okr_words(score: float | None, shown: str, words: str) -> None:
    assert (format_score(score), score_words(score)) == (shown, words)


def test_the_quarters_scores_come_from_each_metrics_last_actual_in_it(demo_plan: PlanFile) -> None:
    forget_the_cadence(demo_plan)  # the demo's own quarters: this test tells its quarter in full
    view = read_plan(demo_plan)
    outbound = next(o for o in view.objectives if o.statement == "Go outbound")
    appointments, _opportunities = outbound.metrics
    for day, value in ((dt.date(2027, 2, 1), 60), (dt.date(2027, 3, 27), 110), (dt.date(2027, 4, 2), 180)):
        checkins.check_in(demo_plan, appointments.id, value, as_of=day)
    q1, q2 = quarter_of(dt.date(2027, 1, 1)), quarter_of(dt.date(2027, 4, 1))
    assert last_actuals(demo_plan, q1)[appointments.id].value == 110
    assert last_actuals(demo_plan, q2)[appointments.id].value == 180

    scored = next(s for s in quarter_scores(demo_plan, view, q1) if s.id == outbound.id)
    assert [m.score for m in scored.metrics] == [0.5, None]  # opportunities: no actual in Q1
    assert (scored.from_metrics, scored.score, scored.words) == (0.5, 0.5, "progress")

    checkins.review_objective(demo_plan, outbound.id, "Q1 2027", score=0.9)
    scored = next(s for s in quarter_scores(demo_plan, view, q1) if s.id == outbound.id)
    assert (scored.score, scored.words, scored.needs_reason) == (0.9, "delivered", True)
    checkins.review_objective(demo_plan, outbound.id, "2027-Q1", reason="Two deals signed on 2 April")
    scored = next(s for s in quarter_scores(demo_plan, view, q1) if s.id == outbound.id)
    assert not scored.needs_reason
    assert next(s for s in quarter_scores(demo_plan, view, q2) if s.id == outbound.id).review is None
    assert reviewed_periods(demo_plan) == {"2027-Q1"}


def test_a_quarter_lists_the_wins_of_its_days(demo_plan: PlanFile) -> None:
    forget_the_cadence(demo_plan)
    checkins.log_win(demo_plan, dt.date(2027, 3, 31), "Last day of Q1")
    checkins.log_win(demo_plan, dt.date(2027, 2, 3), "First outbound meeting")
    checkins.log_win(demo_plan, dt.date(2027, 4, 1), "First day of Q2")
    q1 = quarter_of(dt.date(2027, 1, 1))
    assert [w.text for w in read_wins(demo_plan, q1)] == ["First outbound meeting", "Last day of Q1"]
