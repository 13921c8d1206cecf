"""Generic edits and their inverses: update, remove with everything it cascades to, restore, reorder."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable

import pytest

from offsite.domain.errors import EditRefusedError
from offsite.domain.rules import MAX_TEXT
from offsite.domain.values import Direction, PlanView
from offsite.services.changes import Kind, remove, reorder, restore, update_fields
from offsite.services.checkins import read_mappings
from offsite.services.objectives import add_metric, add_objective, set_objective_teams
from offsite.services.plans import read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team
from offsite.store import PlanFile, open_plan_file
from offsite.store.document.read import plan_document


def _objective_id(view: PlanView, statement: str) -> int:
    return next(o.id for o in view.objectives if o.statement == statement)


def _leader_id(view: PlanView, name: str) -> int:
    return next(p.id for p in view.leaders if p.name == name)


# --- update_fields ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "pick", "changes"),
    [
        (
            Kind.OBJECTIVE,
            lambda v: v.objectives[0].id,
            {"statement": "Go further", "period": "H2 2027", "method": "One. Two. Three."},
        ),
        (
            Kind.METRIC,
            lambda v: v.objectives[0].metrics[0].id,
            {
                "name": "Meetings held",
                "target": 200.5,
                "baseline": None,
                "direction": "down",
                "due": dt.date(2027, 6, 30),
                "data_source": "Calendar",
                "customer_centric": True,
                "shared": True,
            },
        ),
        (
            Kind.GOAL,
            lambda v: v.goals[0].id,
            {"statement": "Grow revenue 60%", "baseline": 21, "target": 33.5, "unit": "M EUR", "due": None},
        ),
        (Kind.LEADER, lambda v: v.leaders[0].id, {"name": "Maya O.", "title": "CRO", "team_id": None}),
        (Kind.TEAM, lambda v: v.teams[0].id, {"name": "New Business"}),
        (Kind.PLAN, lambda v: 1, {"title": "Offsite 2028", "ends_on": None, "vision": ""}),
    ],
    ids=lambda value: value.value if isinstance(value, Kind) else "",
)
def test_update_returns_previous_values_that_undo_it(
    demo_plan: PlanFile, kind: Kind, pick: Callable[[PlanView], int], changes: dict[str, object]
) -> None:
    before = read_plan(demo_plan)
    row_id = pick(before)

    updated = update_fields(demo_plan, kind, row_id, changes)
    after = read_plan(demo_plan)
    assert after != before
    assert set(updated.previous) == set(changes)

    update_fields(demo_plan, kind, row_id, updated.previous)
    assert read_plan(demo_plan) == before


def test_updated_metric_shows_the_new_values(demo_plan: PlanFile) -> None:
    metric = read_plan(demo_plan).objectives[0].metrics[0]
    update_fields(demo_plan, Kind.METRIC, metric.id, {"target": 200.5, "direction": "down", "shared": True})
    changed = read_plan(demo_plan).objectives[0].metrics[0]
    assert (changed.target, changed.direction, changed.shared) == (200.5, Direction.DOWN, True)


@pytest.mark.parametrize(
    ("kind", "changes", "phrase"),
    [
        (Kind.OBJECTIVE, {"statement": "Go\x00out"}, "Statement contains a NUL character"),
        (Kind.OBJECTIVE, {"colour": "red"}, "Colour cannot be changed on an objective"),
        (Kind.OBJECTIVE, {"id": 99}, "Id cannot be changed on an objective"),
        (Kind.OBJECTIVE, {"statement": 42}, "Statement must be text"),
        (Kind.OBJECTIVE, {"method": "x" * (MAX_TEXT + 1)}, "Method is longer than 100,000 characters"),
        (Kind.OBJECTIVE, {"statement": "broken \ud800 half"}, "Statement contains a broken character"),
        (Kind.GOAL, {"target": float("nan")}, "Target must be a finite number"),
        (Kind.GOAL, {"baseline": float("-inf")}, "Baseline must be a finite number"),
        (Kind.GOAL, {"target": True}, "Target must be a number"),
        (Kind.GOAL, {"due": dt.datetime(2027, 1, 1, 9, 0)}, "Due must be a date"),
        (Kind.METRIC, {"direction": "sideways"}, "Direction must be “up” or “down”"),
        (Kind.LEADER, {"team_id": 404}, "That team no longer exists"),
        (Kind.LEADER, {"team_id": "Sales"}, "Team id must name a team"),
        (Kind.STANCE, {"stance": "agreed"}, "Stance cannot be changed on a stance"),
    ],
)
def test_bad_value_is_refused_and_changes_nothing(
    demo_plan: PlanFile, kind: Kind, changes: dict[str, object], phrase: str
) -> None:
    before = read_plan(demo_plan)
    row_id = {
        Kind.OBJECTIVE: before.objectives[0].id,
        Kind.GOAL: before.goals[0].id,
        Kind.METRIC: before.objectives[0].metrics[0].id,
        Kind.LEADER: before.leaders[0].id,
        Kind.STANCE: before.stances[0].id,
    }[kind]
    with pytest.raises(EditRefusedError, match=phrase):
        update_fields(demo_plan, kind, row_id, changes)
    assert read_plan(demo_plan) == before


def test_update_of_a_removed_row_is_refused(demo_plan: PlanFile) -> None:
    objective_id = read_plan(demo_plan).objectives[0].id
    remove(demo_plan, Kind.OBJECTIVE, objective_id)
    with pytest.raises(EditRefusedError, match="That objective no longer exists in the plan"):
        update_fields(demo_plan, Kind.OBJECTIVE, objective_id, {"statement": "Back again"})


# --- remove and restore -------------------------------------------------------------------------


def test_removed_objective_takes_its_metrics_links_and_stances_and_comes_back_identical(
    demo_plan: PlanFile,
) -> None:
    before = read_plan(demo_plan)
    funnel = _objective_id(before, "One funnel view")
    assert before.objective(funnel).metrics
    assert before.objective(funnel).goal_ids
    assert any(e.objective_id == funnel for e in before.stances)

    removed = remove(demo_plan, Kind.OBJECTIVE, funnel)
    gone = read_plan(demo_plan)
    assert gone.objective(funnel) is None
    assert not any(e.objective_id == funnel for e in gone.stances)
    assert {name for name, _ in removed.rows} == {
        "objective",
        "objective_team",
        "objective_goal",
        "metric",
        "stance_record",
        "check_in",
        "objective_review",
    }

    restore(demo_plan, removed)
    assert read_plan(demo_plan) == before


def test_removing_an_objective_unlinks_its_wins_and_its_metrics_mapping_and_undo_links_them_again(
    demo_plan: PlanFile,
) -> None:
    """The demo's “Go outbound”: a win logged for it, and the CRM mapping that makes up one of its metrics."""
    before = plan_document(demo_plan)
    outbound = _objective_id(read_plan(demo_plan), "Go outbound")
    (mapping,) = read_mappings(demo_plan)
    assert mapping.metric_id in {m.id for m in read_plan(demo_plan).objective(outbound).metrics}  # type: ignore[union-attr]

    removed = remove(demo_plan, Kind.OBJECTIVE, outbound)
    gone = plan_document(demo_plan)
    assert [w["objective"] for w in gone["wins"] if w["text"].startswith("First enterprise meeting")] == [
        None
    ]
    assert [m["metric"] for m in gone["import_mappings"]] == [None]
    assert len(gone["check_ins"]) < len(before["check_ins"])

    restore(demo_plan, removed)
    assert plan_document(demo_plan) == before


def test_removed_leader_takes_their_stance_history_and_comes_back_identical(demo_plan: PlanFile) -> None:
    before = read_plan(demo_plan)
    maya = _leader_id(before, "Maya Okafor")
    assert sum(e.leader_id == maya for e in before.stances) == 3

    removed = remove(demo_plan, Kind.LEADER, maya)
    gone = read_plan(demo_plan)
    assert gone.leader(maya) is None
    assert not any(e.leader_id == maya for e in gone.stances)

    restore(demo_plan, removed)
    assert read_plan(demo_plan) == before


def test_removed_company_goal_unlinks_its_objectives_and_comes_back_linked(demo_plan: PlanFile) -> None:
    before = read_plan(demo_plan)
    revenue = next(g.id for g in before.goals if g.statement.startswith("Grow revenue"))
    linked = [o.statement for o in before.objectives if revenue in o.goal_ids]
    assert len(linked) == 5

    removed = remove(demo_plan, Kind.GOAL, revenue)
    gone = read_plan(demo_plan)
    assert not any(revenue in o.goal_ids for o in gone.objectives)
    assert [o.statement for o in gone.objectives] == [o.statement for o in before.objectives]

    restore(demo_plan, removed)
    assert read_plan(demo_plan) == before


def test_removed_team_without_leaders_leaves_its_objectives_and_comes_back(demo_plan: PlanFile) -> None:
    product = add_team(demo_plan, "Product").id
    objective = read_plan(demo_plan).objectives[0]
    set_objective_teams(demo_plan, objective.id, [*objective.team_ids, product])
    before = read_plan(demo_plan)

    removed = remove(demo_plan, Kind.TEAM, product)
    gone = read_plan(demo_plan)
    assert gone.team(product) is None
    assert gone.objective(objective.id).team_ids == objective.team_ids  # type: ignore[union-attr]

    restore(demo_plan, removed)
    assert read_plan(demo_plan) == before


def test_removed_metric_comes_back_in_its_place(demo_plan: PlanFile) -> None:
    before = read_plan(demo_plan)
    metric = before.objectives[0].metrics[0]
    removed = remove(demo_plan, Kind.METRIC, metric.id)
    assert [m.id for m in read_plan(demo_plan).objectives[0].metrics] == [
        m.id for m in before.objectives[0].metrics[1:]
    ]
    restore(demo_plan, removed)
    assert read_plan(demo_plan) == before


def test_restore_survives_a_reopen_and_new_rows_do_not_reuse_ids(demo_plan: PlanFile) -> None:
    before = read_plan(demo_plan)
    removed = remove(demo_plan, Kind.OBJECTIVE, before.objectives[-1].id)
    restore(demo_plan, removed)
    demo_plan.close()
    with open_plan_file(demo_plan.path) as reopened:
        assert read_plan(reopened) == before
        new_id = add_objective(reopened, "Fresh idea").id
    assert new_id not in {o.id for o in before.objectives}


def test_team_with_leaders_cannot_be_removed_and_the_refusal_names_it(demo_plan: PlanFile) -> None:
    before = read_plan(demo_plan)
    sales = next(t.id for t in before.teams if t.name == "Sales")
    with pytest.raises(EditRefusedError) as refused:
        remove(demo_plan, Kind.TEAM, sales)
    assert str(refused.value) == (
        "Sales still has 2 leaders: move them to another team or remove them first."
    )
    assert read_plan(demo_plan) == before


def test_team_with_one_leader_refusal_says_leader(demo_plan: PlanFile) -> None:
    revops = next(t.id for t in read_plan(demo_plan).teams if t.name == "RevOps")
    with pytest.raises(EditRefusedError, match="RevOps still has 1 leader: move them"):
        remove(demo_plan, Kind.TEAM, revops)


def test_the_plan_itself_cannot_be_removed(demo_plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="The plan itself cannot be removed"):
        remove(demo_plan, Kind.PLAN, 1)


def test_removing_something_already_gone_is_refused(demo_plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="That metric no longer exists"):
        remove(demo_plan, Kind.METRIC, 404)


# --- reorder ------------------------------------------------------------------------------------


def test_reorder_shows_the_new_order_and_returns_the_old_one(demo_plan: PlanFile) -> None:
    before = read_plan(demo_plan)
    ids = [o.id for o in before.objectives]
    reordered = reorder(demo_plan, Kind.OBJECTIVE, list(reversed(ids)))
    assert [o.id for o in read_plan(demo_plan).objectives] == list(reversed(ids))
    assert reordered.previous["order"] == ids

    reorder(demo_plan, Kind.OBJECTIVE, reordered.previous["order"])
    assert read_plan(demo_plan) == before


def test_reorder_of_some_rows_keeps_the_others_in_place(demo_plan: PlanFile) -> None:
    teams = [t.id for t in read_plan(demo_plan).teams]
    reorder(demo_plan, Kind.TEAM, [teams[2], teams[0]])
    assert [t.id for t in read_plan(demo_plan).teams] == [teams[2], teams[1], teams[0], teams[3]]


def test_reorder_with_a_removed_row_is_refused(demo_plan: PlanFile) -> None:
    before = read_plan(demo_plan)
    with pytest.raises(EditRefusedError, match="Some of those objectives no longer exist"):
        reorder(demo_plan, Kind.OBJECTIVE, [before.objectives[1].id, 404])
    assert read_plan(demo_plan) == before


# --- text of every kind -------------------------------------------------------------------------

ODD_TEXT = {
    "emoji": "Go 🚀 outbound 👩🏽‍💼🏳️‍🌈",
    "rtl": "نمو الإيرادات \u200fשיווק ומכירות",
    "cjk": "拡大する顧客・营销一体化",
    "combining": "Cafe\u0301 cre\u0300me Z̤͔ͧ̑",
    "controls": "line one\nline two\ttabbed\r\n",
    "long": ("Ünïcödé ✓ " * 1000)[:10_000],
    "longest": "m" * MAX_TEXT,
}


@pytest.mark.parametrize("text", ODD_TEXT.values(), ids=ODD_TEXT.keys())
def test_odd_text_is_stored_and_read_back_exactly(plan: PlanFile, text: str) -> None:
    team = add_team(plan, text).id
    leader = add_leader(plan, text, text, team).id
    goal = add_company_goal(plan, text, unit=text).id
    objective = add_objective(plan, text, [team], period=text, method=text, goal_ids=[goal]).id
    add_metric(plan, objective, text, unit=text, data_source=text)
    update_fields(plan, Kind.PLAN, 1, {"title": text, "venue": text, "vision": text})

    for view in (read_plan(plan), _reread(plan)):
        assert view.details.title == text
        assert view.details.vision == text
        assert view.team(team).name == text  # type: ignore[union-attr]
        assert view.leader(leader).name == text
        assert view.leader(leader).title == text
        assert view.goals[0].statement == text
        assert view.goals[0].unit == text
        (read_objective,) = view.objectives
        assert (read_objective.statement, read_objective.period, read_objective.method) == (text, text, text)
        assert read_objective.metrics[0].name == text
        assert read_objective.metrics[0].data_source == text
    if text == ODD_TEXT["combining"]:
        assert not unicodedata.is_normalized("NFC", _reread(plan).objectives[0].statement)


def _reread(plan: PlanFile) -> PlanView:
    with open_plan_file(plan.path) as again:
        return read_plan(again)
