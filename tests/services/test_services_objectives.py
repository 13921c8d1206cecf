"""Plan-phase verbs: objectives with their teams, goals and metrics."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.errors import EditRefusedError
from offsite.domain.values import Direction
from offsite.services.objectives import add_metric, add_objective, set_objective_goals, set_objective_teams
from offsite.services.plans import read_plan
from offsite.services.prepare import add_company_goal, add_team
from offsite.store import PlanFile


@pytest.fixture
def teams(plan: PlanFile) -> tuple[int, int]:
    return add_team(plan, "Sales").id, add_team(plan, "Marketing").id


def test_objective_is_added_with_its_teams_goals_and_method(plan: PlanFile, teams: tuple[int, int]) -> None:
    sales, marketing = teams
    goal = add_company_goal(plan, "Grow revenue 50%").id
    method = "Build a pod. Marketing builds lists. SDRs book meetings."
    objective_id = add_objective(
        plan, "One funnel view", [marketing, sales], period="H1 2027", method=method, goal_ids=[goal]
    ).id
    objective = read_plan(plan).objective(objective_id)
    assert objective is not None
    assert (objective.statement, objective.period, objective.method) == ("One funnel view", "H1 2027", method)
    assert objective.team_ids == (sales, marketing)  # in the plan's team order
    assert objective.goal_ids == (goal,)
    assert objective.metrics == ()


def test_objectives_are_listed_in_the_order_added(plan: PlanFile) -> None:
    for statement in ("Go outbound", "Fill the pipeline", "Clean hand-offs"):
        add_objective(plan, statement)
    assert [o.statement for o in read_plan(plan).objectives] == [
        "Go outbound",
        "Fill the pipeline",
        "Clean hand-offs",
    ]


def test_objective_naming_the_same_team_twice_gets_it_once(plan: PlanFile, teams: tuple[int, int]) -> None:
    sales, _ = teams
    objective_id = add_objective(plan, "Go outbound", [sales, sales]).id
    assert read_plan(plan).objective(objective_id).team_ids == (sales,)  # type: ignore[union-attr]


@pytest.mark.parametrize("link", ["team_ids", "goal_ids"])
def test_objective_linked_to_something_missing_is_refused_whole(plan: PlanFile, link: str) -> None:
    with pytest.raises(EditRefusedError, match="no longer exist"):
        add_objective(plan, "Go outbound", **{link: [404]})  # type: ignore[arg-type]
    assert read_plan(plan).objectives == ()


def test_objective_with_a_nul_character_is_refused(plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="Objective contains a NUL character"):
        add_objective(plan, "Go\x00outbound")
    assert read_plan(plan).objectives == ()


def test_setting_teams_returns_the_previous_ones_to_put_back(plan: PlanFile, teams: tuple[int, int]) -> None:
    sales, marketing = teams
    objective_id = add_objective(plan, "Go outbound", [sales]).id
    before = read_plan(plan)

    changed = set_objective_teams(plan, objective_id, [sales, marketing])
    assert read_plan(plan).objective(objective_id).team_ids == (sales, marketing)  # type: ignore[union-attr]
    assert changed.previous == {"team_ids": [sales]}

    set_objective_teams(plan, objective_id, changed.previous["team_ids"])
    assert read_plan(plan) == before


def test_setting_goals_returns_the_previous_ones_to_put_back(plan: PlanFile) -> None:
    revenue = add_company_goal(plan, "Grow revenue").id
    retention = add_company_goal(plan, "Keep customers").id
    objective_id = add_objective(plan, "Expand customers", goal_ids=[revenue]).id

    changed = set_objective_goals(plan, objective_id, [retention, revenue])
    assert read_plan(plan).objective(objective_id).goal_ids == (revenue, retention)  # type: ignore[union-attr]
    set_objective_goals(plan, objective_id, changed.previous["goal_ids"])
    assert read_plan(plan).objective(objective_id).goal_ids == (revenue,)  # type: ignore[union-attr]


def test_setting_a_missing_team_is_refused_and_keeps_the_old_teams(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    sales, _ = teams
    objective_id = add_objective(plan, "Go outbound", [sales]).id
    with pytest.raises(EditRefusedError, match="Some of the chosen teams no longer exist"):
        set_objective_teams(plan, objective_id, [sales, 404])
    assert read_plan(plan).objective(objective_id).team_ids == (sales,)  # type: ignore[union-attr]


def test_metric_is_added_under_its_objective_with_every_field(plan: PlanFile) -> None:
    objective_id = add_objective(plan, "Clean hand-offs").id
    metric_id = add_metric(
        plan,
        objective_id,
        "Time to first touch",
        unit="hours",
        baseline=20,
        target=2.5,
        direction=Direction.DOWN,
        due=dt.date(2027, 3, 31),
        data_source="CRM: activity timestamps",
        customer_centric=True,
        shared=True,
    ).id
    (metric,) = read_plan(plan).objective(objective_id).metrics  # type: ignore[union-attr]
    assert metric.id == metric_id
    assert metric.objective_id == objective_id
    assert (metric.name, metric.unit) == ("Time to first touch", "hours")
    assert (metric.baseline, metric.target) == (20, 2.5)
    assert metric.direction is Direction.DOWN
    assert metric.due == dt.date(2027, 3, 31)
    assert metric.data_source == "CRM: activity timestamps"
    assert metric.customer_centric
    assert metric.shared


def test_metrics_stay_with_their_own_objective_in_order(plan: PlanFile) -> None:
    first = add_objective(plan, "Go outbound").id
    second = add_objective(plan, "Fill the pipeline").id
    add_metric(plan, first, "Appointments booked")
    add_metric(plan, second, "Pipeline")
    add_metric(plan, first, "Opportunities from outbound")
    view = read_plan(plan)
    assert [m.name for m in view.objective(first).metrics] == [  # type: ignore[union-attr]
        "Appointments booked",
        "Opportunities from outbound",
    ]
    assert [m.name for m in view.objective(second).metrics] == ["Pipeline"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fields", "phrase"),
    [
        ({"target": float("inf")}, "Target must be a finite number"),
        ({"baseline": float("nan")}, "Baseline must be a finite number"),
        ({"direction": "sideways"}, "Direction must be “up” or “down”"),
        ({"due": "next spring"}, "Due must be a date"),
        ({"unit": "%\x00"}, "Unit contains a NUL character"),
    ],
)
def test_metric_with_a_bad_value_is_refused(plan: PlanFile, fields: dict[str, object], phrase: str) -> None:
    objective_id = add_objective(plan, "Go outbound").id
    with pytest.raises(EditRefusedError, match=phrase):
        add_metric(plan, objective_id, "Appointments booked", **fields)  # type: ignore[arg-type]
    assert read_plan(plan).objective(objective_id).metrics == ()  # type: ignore[union-attr]


def test_metric_for_a_missing_objective_is_refused(plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="That objective no longer exists"):
        add_metric(plan, 404, "Appointments booked")
