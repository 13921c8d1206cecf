"""Prepare-phase verbs: plan details, teams, leaders and company goals, as read_plan shows them."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.errors import EditRefusedError
from offsite.services.changes import Kind, update_fields
from offsite.services.plans import read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.store import PlanFile


def test_plan_details_change_and_change_back(plan: PlanFile) -> None:
    before = read_plan(plan)
    updated = update_plan_details(
        plan,
        title="Offsite 2027",
        starts_on=dt.date(2027, 1, 14),
        ends_on=dt.date(2027, 1, 15),
        venue="The Boathouse",
        horizon="H1 2027",
        vision="One revenue team.",
    )
    details = read_plan(plan).details
    assert (details.title, details.starts_on, details.ends_on) == (
        "Offsite 2027",
        dt.date(2027, 1, 14),
        dt.date(2027, 1, 15),
    )
    assert (details.venue, details.horizon) == ("The Boathouse", "H1 2027")
    assert details.vision == "One revenue team."
    assert updated.previous["title"] == "Test offsite"
    assert updated.previous["starts_on"] is None

    update_plan_details(plan, **updated.previous)
    assert read_plan(plan) == before


def test_teams_are_listed_in_the_order_added(plan: PlanFile) -> None:
    ids = [add_team(plan, name).id for name in ("Sales", "Marketing", "RevOps")]
    assert [(t.id, t.name) for t in read_plan(plan).teams] == list(
        zip(ids, ["Sales", "Marketing", "RevOps"], strict=True)
    )


def test_team_without_a_name_is_refused(plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="Give the team a name"):
        add_team(plan, "   ")
    assert read_plan(plan).teams == ()


def test_leader_joins_a_team_and_can_move_to_another(plan: PlanFile) -> None:
    sales = add_team(plan, "Sales").id
    marketing = add_team(plan, "Marketing").id
    maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
    assert read_plan(plan).leader(maya).team_id == sales  # type: ignore[union-attr]

    moved = update_fields(plan, Kind.LEADER, maya, {"team_id": marketing, "title": "CRO"})
    leader = read_plan(plan).leader(maya)
    assert (leader.team_id, leader.title) == (marketing, "CRO")  # type: ignore[union-attr]
    assert moved.previous == {"team_id": sales, "title": "VP of Sales"}


def test_leader_may_sit_outside_any_team(plan: PlanFile) -> None:
    facilitator = add_leader(plan, "Sam Doe", "Facilitator").id
    assert read_plan(plan).leader(facilitator).team_id is None  # type: ignore[union-attr]


def test_leader_of_a_missing_team_is_refused(plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="That team no longer exists"):
        add_leader(plan, "Maya Okafor", "VP of Sales", 999)
    assert read_plan(plan).leaders == ()


def test_leader_without_a_name_is_refused(plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="Give the leader a name"):
        add_leader(plan, "")


def test_company_goal_keeps_its_numbers(plan: PlanFile) -> None:
    goal_id = add_company_goal(
        plan, "Grow revenue 50% in 2027", baseline=20, target=30.5, unit="M USD", due=dt.date(2027, 12, 31)
    ).id
    (goal,) = read_plan(plan).goals
    assert goal.id == goal_id
    assert (goal.statement, goal.baseline, goal.target, goal.unit, goal.due) == (
        "Grow revenue 50% in 2027",
        20.0,
        30.5,
        "M USD",
        dt.date(2027, 12, 31),
    )


@pytest.mark.parametrize(
    ("numbers", "phrase"),
    [
        ({"target": float("nan")}, "Target must be a finite number"),
        ({"baseline": float("inf")}, "Baseline must be a finite number"),
        ({"target": "thirty"}, "Target must be a number"),
    ],
)
def test_company_goal_with_a_bad_number_is_refused_and_not_half_added(
    plan: PlanFile, numbers: dict[str, object], phrase: str
) -> None:
    with pytest.raises(EditRefusedError, match=phrase):
        add_company_goal(plan, "Grow revenue", **numbers)  # type: ignore[arg-type]
    assert read_plan(plan).goals == ()


def test_company_goal_without_a_statement_is_refused(plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="State the company goal"):
        add_company_goal(plan, " ")
