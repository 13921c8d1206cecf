"""What the Progress page reads: check-ins as one table, rolled up into the series its charts draw."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from offsite.domain.errors import NotAPlanError
from offsite.domain.progress import Status
from offsite.domain.tracking import FunnelPeriod
from offsite.domain.values import Kind
from offsite.services import changes, checkins, objectives, prepare
from offsite.services.plans import create_plan, read_plan
from offsite.services.progress_read import (
    ProgressRollup,
    count_check_ins,
    funnel_sentence,
    read_alignment_trend,
    read_check_in_table,
)
from offsite.store.planfile import PlanFile

D = dt.date
TODAY = D(2027, 3, 15)


@pytest.fixture
def tracked(tmp_path: Path) -> PlanFile:
    plan = create_plan(tmp_path / "Tracked.offsite", "Tracked")
    prepare.update_plan_details(plan, starts_on=D(2027, 1, 14), ends_on=D(2027, 1, 15), horizon="H1 2027")
    team = prepare.add_team(plan, "Marketing").id
    objective = objectives.add_objective(plan, "Fill the funnel", [team]).id
    for name in ("MQLs", "Webinar sign-ups"):
        metric = objectives.add_metric(plan, objective, name, baseline=0, target=2400).id
        for week in range(4):
            checkins.check_in(plan, metric, 150 * (week + 1), as_of=D(2027, 1, 22) + dt.timedelta(weeks=week))
    changes.update_fields(plan, Kind.METRIC, 1, {"funnel_stage": "mqls"})
    return plan


def test_the_check_ins_read_as_one_table_in_metric_and_day_order(tracked: PlanFile) -> None:
    table = read_check_in_table(tracked)
    assert count_check_ins(tracked) == len(table) == 8
    assert list(table.columns) == ["id", "metric", "as_of", "value", "confidence"]
    assert list(table["metric"]) == [1, 1, 1, 1, 2, 2, 2, 2]
    assert str(table["as_of"].dtype) == "datetime64[s]"
    assert len(read_check_in_table(tracked, [2])) == 4
    tracked.close()


def test_a_check_in_date_the_plan_cannot_hold_is_refused_as_damage(tracked: PlanFile) -> None:
    with tracked.write_rows() as rows:
        rows.exec_driver_sql("UPDATE check_in SET as_of = 'soon' WHERE id = 3")
    with pytest.raises(NotAPlanError, match="check-in date"):
        read_check_in_table(tracked)
    tracked.close()


def test_refreshing_a_metric_reads_its_check_ins_again_and_keeps_the_others_series(tracked: PlanFile) -> None:
    view = read_plan(tracked)
    rollup = ProgressRollup.read(tracked, view, (), read_alignment_trend(tracked), "week", TODAY)
    mqls, signups = rollup.series(1), rollup.series(2)
    assert len(mqls.actuals) == 4
    made = checkins.check_in(tracked, 1, 900, as_of=D(2027, 3, 12))

    assert rollup.metrics_of(tracked, [made.id]) == {1}  # a new check-in: its metric asked of the plan
    assert rollup.refresh(tracked, {1}) == {1}
    assert len(rollup.series(1).actuals) == 5
    assert rollup.series(2) is signups
    assert rollup.latest[1] == 900
    changes.remove(tracked, Kind.CHECK_IN, made.id)
    assert rollup.metrics_of(tracked, [made.id]) == {1}  # gone from the plan, but read before
    assert rollup.metrics_of(tracked, [9_999]) is None  # neither: the page reads everything again
    tracked.close()


def test_a_metric_without_a_baseline_is_drawn_from_nothing_as_its_status_is_judged(tracked: PlanFile) -> None:
    changes.update_fields(tracked, Kind.METRIC, 2, {"baseline": None})
    rollup = ProgressRollup.read(
        tracked, read_plan(tracked), (), read_alignment_trend(tracked), "month", TODAY
    )
    assert rollup.series(2).expected[0] == (D(2027, 1, 15), 0.0)
    assert rollup.statuses[2] is Status.AT_RISK  # 600 of the 853 expected by 15 March: 70%
    tracked.close()


def test_the_trend_keeps_each_closed_quarter_in_time_order(tracked: PlanFile) -> None:
    checkins.take_alignment_reading(tracked, "Q4 2026", 55, 3.6)
    checkins.take_alignment_reading(tracked, "Q3 2026", 42, None)
    trend = read_alignment_trend(tracked)
    assert trend.periods == ("2026-Q3", "2026-Q4")
    assert trend.evidence == (42.0, 55.0)
    assert trend.self_rating == (None, 3.6)
    tracked.close()


def test_the_funnels_sentence_names_a_single_figure_in_the_singular_and_says_when_none_is_in() -> None:
    period = FunnelPeriod(
        "2027-03",
        D(2027, 3, 1),
        D(2027, 3, 31),
        {"deals": 1.0},
        {"win_rate": None},
        {"win_rate": 25.0},
    )
    assert funnel_sentence(period, None, ["deals"]) == "March 2027: 1 deal."
    empty = FunnelPeriod("2027-W05", D(2027, 2, 1), D(2027, 2, 7), {}, {}, {})
    assert funnel_sentence(empty, None, ["mqls"]) == "Week 5, 2027: no funnel figure checked in yet."
