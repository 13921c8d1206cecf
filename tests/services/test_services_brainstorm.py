"""Brainstorm verbs: every exercise's edits, their inverses, the candidate pool, votes and promotion."""

from __future__ import annotations

import shutil
import sqlite3
import struct
from pathlib import Path

import pytest

from offsite.domain.errors import EditRefusedError
from offsite.domain.exercises import Exercise, SmartCriterion, SwitchItemKind, SwitchSide
from offsite.domain.values import Kind, PlanView
from offsite.exchange.demo import write_demo_plan
from offsite.services.brainstorm import (
    add_candidate,
    add_switch_item,
    add_team_goal,
    add_team_switch,
    add_theme,
    add_why_node,
    dismiss_suggestion,
    indent_why_node,
    link_to_theme,
    move_why_node,
    outdent_why_node,
    promote_candidate,
    read_brainstorm,
    set_brainstorm_settings,
    set_empathy_note,
    set_funnel,
    set_impact,
    set_smart,
    set_theme_nodes,
    unlink_from_theme,
    vote,
)
from offsite.services.changes import remove, reorder, restore, update_fields
from offsite.services.plans import check_plan, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team
from offsite.store import PlanFile, open_plan_file
from offsite.store.fileformat import SCHEMA_VERSION

SCHEMAS = Path(__file__).parents[1] / "store" / "schemas"


def _team(view: PlanView, name: str) -> int:
    return next(t.id for t in view.teams if t.name == name)


def _leader(view: PlanView, name: str) -> int:
    return next(p.id for p in view.leaders if p.name == name)


@pytest.fixture
def teams(plan: PlanFile) -> tuple[int, int]:
    """Sales and Marketing in a fresh plan."""
    return add_team(plan, "Sales").id, add_team(plan, "Marketing").id


def _chain(plan: PlanFile, team_id: int, *texts: str) -> list[int]:
    """A straight chain: each statement answers the one before."""
    ids: list[int] = []
    for text in texts:
        ids.append(add_why_node(plan, team_id, text, ids[-1] if ids else None).id)
    return ids


# --- Ask-why chains --------------------------------------------------------------------------------


def test_why_answers_come_after_their_siblings_in_tree_order_with_depths(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    sales, marketing = teams
    start = add_why_node(plan, marketing, "Marketing exists to generate leads").id
    first = add_why_node(plan, marketing, "Sales needs pipeline", start).id
    add_why_node(plan, marketing, "Predictable revenue", first)
    add_why_node(plan, marketing, "Brand matters to buyers", start)
    add_why_node(plan, sales, "Sales exists to close deals")

    nodes = read_brainstorm(plan).nodes

    assert [(n.text, n.depth) for n in nodes] == [
        ("Sales exists to close deals", 0),
        ("Marketing exists to generate leads", 0),
        ("Sales needs pipeline", 1),
        ("Predictable revenue", 2),
        ("Brand matters to buyers", 1),
    ]
    assert {n.team_id for n in nodes[1:]} == {marketing}
    assert len({n.uid for n in nodes}) == 5


def test_an_answer_stays_in_the_team_of_its_statement(plan: PlanFile, teams: tuple[int, int]) -> None:
    sales, marketing = teams
    start = add_why_node(plan, marketing, "Marketing exists to generate leads").id
    with pytest.raises(EditRefusedError, match="same team"):
        add_why_node(plan, sales, "Because", start)
    assert len(read_brainstorm(plan).nodes) == 1


def test_tab_makes_a_statement_answer_the_one_above_and_undo_puts_it_back(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    _, marketing = teams
    start = add_why_node(plan, marketing, "Start").id
    above = add_why_node(plan, marketing, "Above", start).id
    add_why_node(plan, marketing, "Under above", above)
    moved = add_why_node(plan, marketing, "Moved", start).id
    add_why_node(plan, marketing, "After", start)
    before = read_brainstorm(plan)

    deeper = indent_why_node(plan, moved)
    after = read_brainstorm(plan)
    assert after.node(moved).parent_id == above  # type: ignore[union-attr]
    assert [(n.text, n.depth) for n in after.nodes] == [
        ("Start", 0),
        ("Above", 1),
        ("Under above", 2),
        ("Moved", 2),
        ("After", 1),
    ]

    move_why_node(plan, moved, **deeper.previous)
    assert read_brainstorm(plan) == before


def test_shift_tab_makes_an_answer_the_sibling_right_after_its_parent_and_undo_puts_it_back(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    _, marketing = teams
    start = add_why_node(plan, marketing, "Start").id
    parent = add_why_node(plan, marketing, "Parent", start).id
    add_why_node(plan, marketing, "First child", parent)
    moved = add_why_node(plan, marketing, "Moved", parent).id
    add_why_node(plan, marketing, "Moved's answer", moved)
    add_why_node(plan, marketing, "Parent's sibling", start)
    before = read_brainstorm(plan)

    shallower = outdent_why_node(plan, moved)
    assert [(n.text, n.depth) for n in read_brainstorm(plan).nodes] == [
        ("Start", 0),
        ("Parent", 1),
        ("First child", 2),
        ("Moved", 1),
        ("Moved's answer", 2),
        ("Parent's sibling", 1),
    ]

    move_why_node(plan, moved, **shallower.previous)
    assert read_brainstorm(plan) == before


def test_moves_that_would_break_the_tree_are_refused(plan: PlanFile, teams: tuple[int, int]) -> None:
    sales, marketing = teams
    start, middle, deep = _chain(plan, marketing, "Start", "Middle", "Deep")
    other = add_why_node(plan, sales, "Sales exists to close deals").id
    before = read_brainstorm(plan)

    with pytest.raises(EditRefusedError, match="own answers"):
        move_why_node(plan, start, deep)
    with pytest.raises(EditRefusedError, match="own answers"):
        move_why_node(plan, middle, middle)
    with pytest.raises(EditRefusedError, match="another team"):
        move_why_node(plan, middle, other)
    with pytest.raises(EditRefusedError, match="no statement above"):
        indent_why_node(plan, start)
    with pytest.raises(EditRefusedError, match="already a starting statement"):
        outdent_why_node(plan, start)
    assert read_brainstorm(plan) == before


def test_why_node_text_and_sibling_order_use_the_generic_edits(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    _, marketing = teams
    start = add_why_node(plan, marketing, "Start").id
    one = add_why_node(plan, marketing, "One", start).id
    two = add_why_node(plan, marketing, "Two", start).id

    renamed = update_fields(plan, Kind.WHY_NODE, one, {"text": "Uno"})
    reordered = reorder(plan, Kind.WHY_NODE, [two, one])
    assert [n.text for n in read_brainstorm(plan).nodes] == ["Start", "Two", "Uno"]

    reorder(plan, Kind.WHY_NODE, reordered.previous["order"])
    update_fields(plan, Kind.WHY_NODE, one, renamed.previous)
    assert [n.text for n in read_brainstorm(plan).nodes] == ["Start", "One", "Two"]


def test_removing_a_statement_takes_its_answers_and_theme_links_and_undo_restores_them_identically(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    sales, marketing = teams
    start, middle, deep = _chain(plan, marketing, "Generate leads", "Pipeline", "Predictable revenue")
    sales_deep = _chain(plan, sales, "Close deals", "Predictable revenue, too")[-1]
    theme = add_theme(plan, "Predictable revenue", [deep, sales_deep]).id
    view = read_brainstorm(plan)
    candidate = add_candidate(
        plan, "Predictable revenue", marketing, Exercise.WHY_CHAIN, view.node(deep).uid
    ).id  # type: ignore[union-attr]
    # A later move gives a child a smaller position than a sibling: restore must still put parents first.
    late = add_why_node(plan, marketing, "Late answer", start).id
    move_why_node(plan, late, middle, 0)
    before = read_brainstorm(plan)

    removed = remove(plan, Kind.WHY_NODE, start)
    during = read_brainstorm(plan)
    assert [n.text for n in during.nodes] == ["Close deals", "Predictable revenue, too"]
    assert during.themes[0].node_ids == (sales_deep,)
    # The candidate keeps its origin and label: the story outlives the statement.
    assert during.candidate(candidate) == before.candidate(candidate)

    restore(plan, removed)
    after = read_brainstorm(plan)
    assert after == before
    assert after.themes[0].id == theme
    assert {n.id for n in after.nodes} == {start, middle, deep, sales_deep, late, sales_deep - 1}


def test_removing_a_team_takes_its_whole_brainstorm_and_undo_restores_it(demo_plan: PlanFile) -> None:
    plan_view = read_plan(demo_plan)
    revops = _team(plan_view, "RevOps")
    sales = _team(plan_view, "Sales")
    for leader in [p for p in plan_view.leaders if p.team_id == revops]:
        update_fields(demo_plan, Kind.LEADER, leader.id, {"team_id": sales})
    # Nodes whose ids are not in tree order, reached both as the team's and as answers.
    start = add_why_node(demo_plan, revops, "RevOps keeps the data clean").id
    answer = add_why_node(demo_plan, revops, "Answer", start).id
    later_root = add_why_node(demo_plan, revops, "Later root").id
    move_why_node(demo_plan, later_root, answer)
    switch = add_team_switch(demo_plan, revops, sales).id
    add_switch_item(demo_plan, switch, SwitchSide.PLAYED, SwitchItemKind.GOAL, "Close 40 deals")
    set_empathy_note(demo_plan, switch, revops, "We had not seen the quota pressure.")
    set_empathy_note(demo_plan, switch, sales, "We had not seen the data debt.")
    goal = plan_view.goals[0].id
    add_team_goal(demo_plan, goal, "Clean CRM", team_id=revops, target=98, unit="%")
    candidate = add_candidate(demo_plan, "Clean CRM", revops).id
    _take_back_demo_votes(demo_plan)
    vote(demo_plan, plan_view.leaders[0].id, candidate, 2)
    before, plan_before = read_brainstorm(demo_plan), read_plan(demo_plan)

    removed = remove(demo_plan, Kind.TEAM, revops)
    during = read_brainstorm(demo_plan)
    # The demo's own brainstorm stays for the other teams; nothing of RevOps' is left.
    assert not [n for n in during.nodes if n.team_id == revops]
    assert not [w for w in during.switches if revops in (w.player_team_id, w.played_team_id)]
    assert not [g for g in during.team_goals if g.team_id == revops]
    assert {v.candidate_id for v in during.votes} <= {c.id for c in during.candidates}
    assert candidate not in {c.id for c in during.candidates}

    restore(demo_plan, removed)
    assert read_brainstorm(demo_plan) == before
    assert read_plan(demo_plan) == plan_before


# --- Themes and suggestions ------------------------------------------------------------------------


def test_theme_links_change_one_at_a_time_and_undo_by_setting_the_previous_links(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    sales, marketing = teams
    deep_marketing = _chain(plan, marketing, "Leads", "Predictable revenue")[-1]
    deep_sales = _chain(plan, sales, "Deals", "Revenue we can plan on")[-1]
    theme = add_theme(plan, "Predictable revenue", [deep_marketing]).id

    linked = link_to_theme(plan, theme, deep_sales)
    assert read_brainstorm(plan).themes[0].node_ids == (deep_sales, deep_marketing)  # tree order: Sales first
    unlinked = unlink_from_theme(plan, theme, deep_marketing)
    assert read_brainstorm(plan).themes[0].node_ids == (deep_sales,)

    set_theme_nodes(plan, theme, unlinked.previous["node_ids"])
    assert set(read_brainstorm(plan).themes[0].node_ids) == {deep_sales, deep_marketing}
    set_theme_nodes(plan, theme, linked.previous["node_ids"])
    assert read_brainstorm(plan).themes[0].node_ids == (deep_marketing,)


def test_a_dismissed_suggestion_stays_dismissed_in_either_order_until_undone(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    sales, marketing = teams
    a = add_why_node(plan, marketing, "Predictable revenue").id
    b = add_why_node(plan, sales, "Revenue we can plan on").id
    nodes = {n.id: n.uid for n in read_brainstorm(plan).nodes}

    dismissed = dismiss_suggestion(plan, nodes[b], nodes[a])
    (shown,) = read_brainstorm(plan).dismissed
    assert shown.pair == {nodes[a], nodes[b]}
    assert shown.first_uid < shown.second_uid
    with pytest.raises(EditRefusedError, match="dismissed already"):
        dismiss_suggestion(plan, nodes[a], nodes[b])

    remove(plan, Kind.DISMISSAL, dismissed.id)
    assert read_brainstorm(plan).dismissed == ()


# --- Working back, funnels -------------------------------------------------------------------------


def test_team_goals_form_a_tree_under_their_company_goal(plan: PlanFile, teams: tuple[int, int]) -> None:
    sales, marketing = teams
    revenue = add_company_goal(plan, "Grow revenue 50%").id
    retention = add_company_goal(plan, "Keep customers").id
    pipeline = add_team_goal(plan, revenue, "Triple pipeline", team_id=marketing, target=3, unit="x").id
    add_team_goal(plan, retention, "Renew 95%", target=95, unit="%")
    add_team_goal(plan, revenue, "2,000 MQLs a quarter", team_id=marketing, parent_id=pipeline, target=2000)
    add_team_goal(plan, revenue, "Close 120 deals", team_id=sales)

    goals = read_brainstorm(plan).team_goals
    assert [(g.statement, g.company_goal_id, g.depth) for g in goals] == [
        ("Triple pipeline", revenue, 0),
        ("2,000 MQLs a quarter", revenue, 1),
        ("Close 120 deals", revenue, 0),
        ("Renew 95%", retention, 0),
    ]
    assert (goals[1].target, goals[1].team_id, goals[1].parent_id) == (2000, marketing, pipeline)
    with pytest.raises(EditRefusedError, match="same company goal"):
        add_team_goal(plan, retention, "Wrong tree", parent_id=pipeline)

    edited = update_fields(plan, Kind.TEAM_GOAL, pipeline, {"target": 4, "team_id": None})
    assert read_brainstorm(plan).team_goals[0].target == 4
    update_fields(plan, Kind.TEAM_GOAL, pipeline, edited.previous)
    assert read_brainstorm(plan).team_goals == goals


def test_a_funnel_is_created_then_updated_and_each_step_undoes(plan: PlanFile) -> None:
    revenue = add_company_goal(plan, "Grow revenue 50%").id
    quarters = ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"]

    created = set_funnel(
        plan,
        revenue,
        revenue_target=10_000_000,
        average_deal_size=50_000,
        win_rate=25,
        sql_to_opportunity=60,
        mql_to_sql=30,
        lead_to_mql=20,
        quarters=quarters,
    )
    assert created.kind is Kind.FUNNEL
    first = read_brainstorm(plan)
    funnel = first.funnel(revenue)
    assert funnel is not None
    assert (funnel.revenue_target, funnel.win_rate, funnel.lead_to_mql) == (10_000_000, 25, 20)
    assert funnel.quarters == tuple(quarters)
    assert funnel.weights is None

    updated = set_funnel(plan, revenue, win_rate=30, weights=[1, 2, 3, 4])
    second = read_brainstorm(plan).funnel(revenue)
    assert second is not None
    assert (second.win_rate, second.weights) == (30, (1, 2, 3, 4))
    assert updated.previous == {"win_rate": 25, "weights": None}  # type: ignore[union-attr]

    set_funnel(plan, revenue, **updated.previous)  # type: ignore[union-attr]
    assert read_brainstorm(plan) == first
    remove(plan, Kind.FUNNEL, created.id)
    assert read_brainstorm(plan).funnels == ()


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"win_rate": 120}, "from 0 to 100"),
        ({"mql_to_sql": -1}, "from 0 to 100"),
        ({"average_deal_size": -5}, "cannot be negative"),
        ({"quarters": ["Q1", "Q2"], "weights": [1]}, "one weight per quarter"),
        ({"quarters": ["Q1", " "]}, "label"),
        ({"weights": [0, 0]}, "above zero"),
        ({"churn": 3}, "not an input"),
    ],
)
def test_funnel_inputs_out_of_range_are_refused_and_change_nothing(
    plan: PlanFile, inputs: dict[str, object], message: str
) -> None:
    revenue = add_company_goal(plan, "Grow revenue 50%").id
    set_funnel(plan, revenue, quarters=["Q1", "Q2"], win_rate=20)
    before = read_brainstorm(plan)
    with pytest.raises(EditRefusedError, match=message):
        set_funnel(plan, revenue, **inputs)
    assert read_brainstorm(plan) == before


# --- Team switch -----------------------------------------------------------------------------------


def test_team_switch_keeps_both_sides_and_one_empathy_note_per_team(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    sales, marketing = teams
    switch = add_team_switch(plan, marketing, sales, prepare_minutes=25, present_minutes=5).id
    add_switch_item(plan, switch, SwitchSide.PLAYED, SwitchItemKind.GOAL, "Close more deals")
    add_switch_item(plan, switch, "real", "goal", "Shorten the sales cycle to 60 days")
    add_switch_item(plan, switch, "played", "plan", "Call every lead within a day")
    first = set_empathy_note(plan, switch, marketing, "Sales carries a quarterly number alone.")
    again = set_empathy_note(plan, switch, marketing, "Sales carries the number alone.")

    (shown,) = read_brainstorm(plan).switches
    assert (shown.player_team_id, shown.played_team_id) == (marketing, sales)
    assert (shown.prepare_minutes, shown.present_minutes) == (25, 5)
    assert [i.text for i in shown.side(SwitchSide.PLAYED)] == [
        "Close more deals",
        "Call every lead within a day",
    ]
    assert [(i.kind, i.text) for i in shown.side(SwitchSide.REAL)] == [
        (SwitchItemKind.GOAL, "Shorten the sales cycle to 60 days")
    ]
    assert shown.note(marketing).text == "Sales carries the number alone."  # type: ignore[union-attr]
    assert first.kind is again.kind is Kind.EMPATHY_NOTE
    assert first.id == again.id

    update_fields(plan, Kind.EMPATHY_NOTE, again.id, again.previous)  # type: ignore[union-attr]
    assert read_brainstorm(plan).switches[0].note(marketing).text.startswith("Sales carries a")  # type: ignore[union-attr]


def test_team_switch_refusals(plan: PlanFile, teams: tuple[int, int]) -> None:
    sales, marketing = teams
    other = add_team(plan, "Product").id
    with pytest.raises(EditRefusedError, match="cannot play itself"):
        add_team_switch(plan, sales, sales)
    switch = add_team_switch(plan, marketing, sales).id
    with pytest.raises(EditRefusedError, match="two teams"):
        set_empathy_note(plan, switch, other, "We were not there.")
    with pytest.raises(EditRefusedError, match="played"):
        add_switch_item(plan, switch, "imagined", "goal", "x")
    with pytest.raises(EditRefusedError, match="from 1 to"):
        update_fields(plan, Kind.SWITCH, switch, {"prepare_minutes": 0})


# --- Candidates, SMART, impact, votes --------------------------------------------------------------


def test_each_exercise_gives_candidates_an_origin_label(plan: PlanFile, teams: tuple[int, int]) -> None:
    sales, marketing = teams
    deep = _chain(plan, marketing, "Generate leads", "Predictable revenue")[-1]
    revenue = add_company_goal(plan, "Grow revenue 50%").id
    team_goal = add_team_goal(plan, revenue, "Double MQLs", team_id=marketing).id
    set_funnel(plan, revenue, revenue_target=1e7)
    switch = add_team_switch(plan, marketing, sales).id
    item = add_switch_item(plan, switch, "played", "goal", "Close more deals").id
    view = read_brainstorm(plan)
    uid = {
        "node": view.node(deep).uid,  # type: ignore[union-attr]
        "goal": view.team_goals[0].uid,
        "funnel": view.funnels[0].uid,
        "item": view.switches[0].items[0].uid,
    }
    assert team_goal == view.team_goals[0].id
    assert item == view.switches[0].items[0].id

    ids = [
        add_candidate(plan, "Predictable revenue", marketing, Exercise.WHY_CHAIN, uid["node"]).id,
        add_candidate(plan, "Double MQLs", marketing, "work_back", uid["goal"]).id,
        add_candidate(
            plan, "48 deals in Q1", sales, Exercise.FUNNEL, uid["funnel"], detail="48 deals in Q1 2027"
        ).id,
        add_candidate(plan, "Close more deals", sales, Exercise.TEAM_SWITCH, uid["item"]).id,
        add_candidate(plan, "Go outbound", None).id,
        add_candidate(plan, "Own the category", marketing, Exercise.DIRECT, origin_label="CEO's keynote").id,
    ]

    candidates = read_brainstorm(plan).candidates
    assert [c.id for c in candidates] == ids
    assert [c.origin_label for c in candidates] == [
        "Marketing's ask-why chain › “Predictable revenue”",
        "Work back from “Grow revenue 50%” › Marketing: “Double MQLs”",
        "Reverse funnel for “Grow revenue 50%” › 48 deals in Q1 2027",
        "Team switch, Marketing plays Sales › Sales' goal (as the players saw it): “Close more deals”",
        "",
        "CEO's keynote",
    ]
    assert [c.exercise for c in candidates][:2] == [Exercise.WHY_CHAIN, Exercise.WORK_BACK]
    assert candidates[0].origin_uid == uid["node"]
    assert candidates[4].team_id is None


def test_a_candidate_needs_an_origin_that_exists(plan: PlanFile, teams: tuple[int, int]) -> None:
    with pytest.raises(EditRefusedError, match="no longer exists"):
        add_candidate(plan, "Ghost", teams[0], Exercise.WHY_CHAIN, "0f8fad5b-d9cb-469f-a165-70867728950e")
    with pytest.raises(EditRefusedError, match="Say which"):
        add_candidate(plan, "Ghost", teams[0], Exercise.WHY_CHAIN)
    with pytest.raises(EditRefusedError, match="not an exercise"):
        add_candidate(plan, "Ghost", teams[0], "daydream")
    assert read_brainstorm(plan).candidates == ()


def test_smart_checks_and_impact_are_set_and_undone(plan: PlanFile, teams: tuple[int, int]) -> None:
    candidate = add_candidate(plan, "Book 180 meetings by June", teams[0]).id
    before = read_brainstorm(plan).candidate(candidate)
    assert before is not None
    assert [m.value for m in before.smart] == [None] * 5

    measurable = set_smart(plan, candidate, SmartCriterion.MEASURABLE, True, "180 meetings")
    timely = set_smart(plan, candidate, "timely", False)
    impact = set_impact(plan, candidate, 4)
    shown = read_brainstorm(plan).candidate(candidate)
    assert shown is not None
    assert shown.mark(SmartCriterion.MEASURABLE).value is True
    assert shown.mark(SmartCriterion.MEASURABLE).note == "180 meetings"
    assert shown.mark(SmartCriterion.TIMELY).value is False
    assert shown.impact == 4

    for updated in (impact, timely, measurable):
        update_fields(plan, Kind.CANDIDATE, candidate, updated.previous)
    assert read_brainstorm(plan).candidate(candidate) == before
    with pytest.raises(EditRefusedError, match="from 1 to 5"):
        set_impact(plan, candidate, 6)
    with pytest.raises(EditRefusedError, match="not a SMART question"):
        set_smart(plan, candidate, "lovely", True)


def _take_back_demo_votes(plan: PlanFile) -> None:
    """The demo's leaders have voted already; take their dots back so each has the whole budget."""
    for placed in read_brainstorm(plan).votes:
        vote(plan, placed.leader_id, placed.candidate_id, 0)


def test_a_leader_cannot_place_more_dots_than_the_budget(demo_plan: PlanFile) -> None:
    _take_back_demo_votes(demo_plan)
    view = read_plan(demo_plan)
    maya = _leader(view, "Maya Okafor")
    sales = _team(view, "Sales")
    first, second = (
        add_candidate(demo_plan, text, sales).id for text in ("Go outbound", "Shared SQL definition")
    )

    vote(demo_plan, maya, first, 2)
    vote(demo_plan, maya, second, 1)
    with pytest.raises(EditRefusedError) as refused:
        vote(demo_plan, maya, first, 3)
    assert (
        str(refused.value)
        == "Maya Okafor has only 2 dots left for this candidate (1 of 3 are on others); take one back first."
    )
    third = add_candidate(demo_plan, "Weekly pipeline review", sales).id
    with pytest.raises(EditRefusedError) as refused:
        vote(demo_plan, maya, third, 1)
    assert str(refused.value) == "Maya Okafor has used all 3 dots; take one back first."

    shown = read_brainstorm(demo_plan)
    assert shown.dots_used(maya) == 3
    assert [c.dots for c in shown.candidates][-3:] == [2, 1, 0]

    taken_back = vote(demo_plan, maya, first, 0)
    assert read_brainstorm(demo_plan).dots_used(maya) == 1
    vote(demo_plan, maya, first, taken_back.previous["dots"])
    assert read_brainstorm(demo_plan) == shown


def test_vote_settings_have_defaults_and_refuse_a_budget_below_dots_placed(demo_plan: PlanFile) -> None:
    _take_back_demo_votes(demo_plan)
    view = read_plan(demo_plan)
    maya = _leader(view, "Maya Okafor")
    candidate = add_candidate(demo_plan, "Go outbound", _team(view, "Sales")).id
    assert (read_brainstorm(demo_plan).dot_budget, read_brainstorm(demo_plan).top_n) == (3, 3)

    changed = set_brainstorm_settings(demo_plan, dot_budget=5, top_n=2)
    vote(demo_plan, maya, candidate, 5)
    assert (read_brainstorm(demo_plan).dot_budget, read_brainstorm(demo_plan).top_n) == (5, 2)
    with pytest.raises(EditRefusedError, match="Maya Okafor has placed 5 dots already"):
        set_brainstorm_settings(demo_plan, dot_budget=4)

    vote(demo_plan, maya, candidate, 0)
    update_fields(demo_plan, Kind.PLAN, changed.id, changed.previous)
    assert (read_brainstorm(demo_plan).dot_budget, read_brainstorm(demo_plan).top_n) == (3, 3)
    with pytest.raises(EditRefusedError, match="whole number"):
        set_brainstorm_settings(demo_plan, top_n=2.5)  # type: ignore[arg-type]


def test_removing_a_leader_or_candidate_takes_the_votes_and_undo_restores_them(demo_plan: PlanFile) -> None:
    _take_back_demo_votes(demo_plan)
    view = read_plan(demo_plan)
    maya, priya = _leader(view, "Maya Okafor"), _leader(view, "Priya Raman")
    candidate = add_candidate(demo_plan, "Go outbound", _team(view, "Sales")).id
    vote(demo_plan, maya, candidate, 2)
    vote(demo_plan, priya, candidate, 1)
    before = read_brainstorm(demo_plan)

    for kind, row_id in ((Kind.LEADER, maya), (Kind.CANDIDATE, candidate)):
        removed = remove(demo_plan, kind, row_id)
        assert read_brainstorm(demo_plan) != before
        restore(demo_plan, removed)
        assert read_brainstorm(demo_plan) == before


# --- Promotion -------------------------------------------------------------------------------------


def test_a_promoted_candidate_becomes_an_objective_that_keeps_its_origin(
    plan: PlanFile, teams: tuple[int, int]
) -> None:
    sales, marketing = teams
    revenue = add_company_goal(plan, "Grow revenue 50%").id
    add_team_goal(plan, revenue, "Go outbound", team_id=sales)
    origin = read_brainstorm(plan).team_goals[0].uid
    candidate = add_candidate(plan, "Go outbound", sales, Exercise.WORK_BACK, origin).id
    plan_before = read_plan(plan)
    shown_candidate = read_brainstorm(plan).candidate(candidate)
    assert shown_candidate is not None

    promoted = promote_candidate(plan, candidate, team_ids=[sales, marketing])
    assert promoted.kind is Kind.OBJECTIVE
    objective = read_plan(plan).objective(promoted.id)
    assert objective is not None
    assert objective.statement == "Go outbound"
    assert objective.team_ids == (sales, marketing)
    assert objective.goal_ids == (revenue,)  # the company goal it was worked back from
    assert objective.origin_candidate_uid == shown_candidate.uid
    assert objective.origin_label == "Work back from “Grow revenue 50%” › Sales: “Go outbound”"
    assert read_brainstorm(plan).candidate(candidate).objective_id == promoted.id  # type: ignore[union-attr]
    with pytest.raises(EditRefusedError, match="objective already"):
        promote_candidate(plan, candidate)

    # The link is by uid: removing the candidate leaves the objective's story intact.
    remove(plan, Kind.CANDIDATE, candidate)
    assert read_plan(plan).objective(promoted.id) == objective

    remove(plan, Kind.OBJECTIVE, promoted.id)
    assert read_plan(plan) == plan_before


def test_promotion_defaults_to_the_candidate_team(plan: PlanFile, teams: tuple[int, int]) -> None:
    candidate = add_candidate(plan, "Shared SQL definition", teams[1]).id
    promoted = promote_candidate(plan, candidate, period="Q1 2027")
    objective = read_plan(plan).objective(promoted.id)
    assert objective is not None
    assert (objective.team_ids, objective.goal_ids, objective.period) == ((teams[1],), (), "Q1 2027")
    assert objective.origin_label == "the candidate pool"


# --- Files -----------------------------------------------------------------------------------------


def _user_version(path: Path) -> int:
    return int(struct.unpack(">I", path.read_bytes()[60:64])[0])


def test_a_v1_plan_upgrades_in_place_keeping_its_content_and_gaining_default_settings(tmp_path: Path) -> None:
    path = tmp_path / "old.offsite"
    shutil.copyfile(SCHEMAS / "plan-v1.offsite", path)
    connection = sqlite3.connect(path)
    titles = connection.execute("SELECT title FROM plan").fetchall()
    objectives = connection.execute("SELECT uid, statement FROM objective").fetchall()
    connection.close()
    assert _user_version(path) == 1

    with open_plan_file(path) as plan:
        view = read_brainstorm(plan)
        plan_view = read_plan(plan)
        # The upgraded plan takes brainstorm edits at once.
        add_why_node(plan, plan_view.teams[0].id, "Sales exists to close deals")

    assert _user_version(path) == SCHEMA_VERSION
    assert (view.dot_budget, view.top_n) == (3, 3)
    assert view.nodes == view.candidates == ()
    assert [plan_view.details.title] == [t for (t,) in titles]
    assert [(o.origin_candidate_uid, o.origin_label) for o in plan_view.objectives] == [(None, "")]
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT uid, statement FROM objective").fetchall() == objectives
    connection.close()
    assert check_plan(path).sound


def test_check_plan_finds_unknown_brainstorm_values(plan: PlanFile, teams: tuple[int, int]) -> None:
    add_candidate(plan, "Go outbound", teams[0])
    revenue = add_company_goal(plan, "Grow revenue 50%").id
    set_funnel(plan, revenue, quarters=["Q1"])
    assert check_plan(plan.path).sound
    with plan.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE candidate SET exercise = 'daydream', impact = 9")
        connection.exec_driver_sql("UPDATE funnel SET weights = '[1, 2]'")

    problems = check_plan(plan.path).problems
    assert "Unknown candidate origin “daydream”." in problems
    assert "A candidate's impact is 9; it should be from 1 to 5." in problems
    assert any("one weight per quarter" in p for p in problems)


def test_the_demo_plan_is_still_written_and_sound(tmp_path: Path, demo_plan: PlanFile) -> None:
    path = tmp_path / "fresh-demo.offsite"
    write_demo_plan(path).close()
    assert check_plan(path).sound
    assert check_plan(demo_plan.path).sound
    view = read_brainstorm(demo_plan)
    assert (view.dot_budget, view.top_n) == (3, 3)
    add_leader(demo_plan, "New Leader")
