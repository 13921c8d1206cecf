"""Recording buy-in: the history is kept, the latest stance counts, and bought-in follows the rules."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.buyin import current_stances, is_bought_in, stance_of
from offsite.domain.errors import EditRefusedError
from offsite.domain.values import Stance
from offsite.services.buyin import record_stance
from offsite.services.objectives import add_objective
from offsite.services.plans import read_plan
from offsite.services.prepare import add_leader, add_team
from offsite.services.signoff import freeze
from offsite.store import PlanFile

T0 = dt.datetime(2027, 1, 14, 10, 0)


def test_every_stance_is_kept_and_the_latest_counts(plan: PlanFile) -> None:
    sales = add_team(plan, "Sales").id
    maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
    objective = add_objective(plan, "Go outbound", [sales]).id
    record_stance(plan, objective, maya, Stance.DISCUSSING, "Who owns the sequences?", at=T0)
    record_stance(plan, objective, maya, Stance.AGREED, "Marketing does.", at=T0 + dt.timedelta(minutes=5))

    view = read_plan(plan)
    assert [(e.stance, e.comment) for e in view.stances] == [
        (Stance.DISCUSSING, "Who owns the sequences?"),
        (Stance.AGREED, "Marketing does."),
    ]
    assert stance_of(objective, maya, current_stances(view.stances)) is Stance.AGREED


def test_a_stance_recorded_with_an_earlier_time_than_the_last_record_is_current(plan: PlanFile) -> None:
    """A laptop whose clock is behind (or a record merged from one whose clock ran ahead) cannot
    hide what a leader said last: the last one recorded counts, whatever its time."""
    sales = add_team(plan, "Sales").id
    maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
    objective = add_objective(plan, "Go outbound", [sales]).id
    record_stance(plan, objective, maya, Stance.AGREED, "Pod is hired.", at=T0)
    clock_behind = T0 - dt.timedelta(days=39)
    record_stance(plan, objective, maya, Stance.DECLINED, "The pod budget was cut.", at=clock_behind)

    view = read_plan(plan)
    assert [(e.stance, e.recorded_at) for e in view.stances] == [
        (Stance.AGREED, T0),
        (Stance.DECLINED, clock_behind),
    ]
    current = current_stances(view.stances)
    assert current[(objective, maya)].comment == "The pod budget was cut."
    assert not is_bought_in(view.objective(objective), view.leaders, current)  # type: ignore[arg-type]
    # Freezing sees it too: the objective is not bought in, so a freeze needs a reason.
    with pytest.raises(EditRefusedError, match="not bought in yet \\(“Go outbound”\\)"):
        freeze(plan, frozen_by="Sam Whitfield")


def test_stance_recorded_without_a_time_gets_now(plan: PlanFile) -> None:
    objective = add_objective(plan, "Go outbound").id
    leader = add_leader(plan, "Maya Okafor").id
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    record_stance(plan, objective, leader, "agreed")  # type: ignore[arg-type]
    (event,) = read_plan(plan).stances
    assert event.stance is Stance.AGREED
    assert before - dt.timedelta(seconds=1) <= event.recorded_at <= before + dt.timedelta(minutes=1)


def test_shared_objective_is_bought_in_once_both_teams_agree(plan: PlanFile) -> None:
    sales, marketing = add_team(plan, "Sales").id, add_team(plan, "Marketing").id
    maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
    priya = add_leader(plan, "Priya Raman", "CMO", marketing).id
    objective = add_objective(plan, "One funnel view", [sales, marketing]).id

    def bought_in() -> bool:
        view = read_plan(plan)
        return is_bought_in(view.objective(objective), view.leaders, current_stances(view.stances))  # type: ignore[arg-type]

    record_stance(plan, objective, maya, Stance.AGREED, at=T0)
    assert not bought_in()
    record_stance(plan, objective, priya, Stance.AGREED, at=T0 + dt.timedelta(minutes=1))
    assert bought_in()
    record_stance(
        plan,
        objective,
        priya,
        Stance.CHANGES_REQUESTED,
        "3.5× for enterprise",
        at=T0 + dt.timedelta(minutes=2),
    )
    assert not bought_in()


def test_demo_plan_shows_which_objectives_are_bought_in(demo_plan: PlanFile) -> None:
    view = read_plan(demo_plan)
    stances = current_stances(view.stances)
    bought_in = [o.statement for o in view.objectives if is_bought_in(o, view.leaders, stances)]
    assert bought_in == ["Go outbound", "Fill the pipeline"]


def test_stance_on_a_missing_objective_or_leader_is_refused(plan: PlanFile) -> None:
    objective = add_objective(plan, "Go outbound").id
    leader = add_leader(plan, "Maya Okafor").id
    with pytest.raises(EditRefusedError, match="That objective no longer exists"):
        record_stance(plan, 404, leader, Stance.AGREED)
    with pytest.raises(EditRefusedError, match="That leader no longer exists"):
        record_stance(plan, objective, 404, Stance.AGREED)
    assert read_plan(plan).stances == ()


def test_unknown_stance_is_refused_with_the_choices(plan: PlanFile) -> None:
    objective = add_objective(plan, "Go outbound").id
    leader = add_leader(plan, "Maya Okafor").id
    with pytest.raises(EditRefusedError, match="A stance is one of: pending, discussing, changes requested"):
        record_stance(plan, objective, leader, "maybe")  # type: ignore[arg-type]
    assert read_plan(plan).stances == ()


def test_comment_with_a_nul_character_is_refused(plan: PlanFile) -> None:
    objective = add_objective(plan, "Go outbound").id
    leader = add_leader(plan, "Maya Okafor").id
    with pytest.raises(EditRefusedError, match="Comment contains a NUL character"):
        record_stance(plan, objective, leader, Stance.AGREED, "ok\x00")
