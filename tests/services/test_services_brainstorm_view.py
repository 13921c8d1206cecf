"""The brainstorm read with plain sqlite3 is the brainstorm the ORM read, and a patch is a fresh read.

``read_brainstorm`` builds the Brainstorm phase's values straight from rows; the reference it is
held to is the ORM reader it replaced (``brainstorm_orm_reader``): the same values, in the same
order, on the demo plan (every exercise filled in) and on a generated plan of thousands of rows.
``patch_brainstorm`` given what an edit touched gives what a fresh read gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.services.brainstorm_orm_reader import read_brainstorm_orm

from offsite.domain.errors import NotAPlanError
from offsite.domain.exercises import Exercise, SwitchItemKind, SwitchSide
from offsite.domain.values import Kind
from offsite.services import brainstorm
from offsite.services.brainstorm_view import patch_brainstorm, read_brainstorm
from offsite.services.changes import remove, restore, update_fields
from offsite.services.generated import make_plan
from offsite.store.planfile import PlanFile


def test_the_demo_plan_reads_the_same_as_through_the_orm(demo_plan: PlanFile) -> None:
    fresh = read_brainstorm(demo_plan)
    assert fresh == read_brainstorm_orm(demo_plan)
    # Every section holds something, so the equality says something about each.
    for section in ("nodes", "themes", "team_goals", "funnels", "switches", "candidates", "votes"):
        assert getattr(fresh, section), section


def test_a_generated_plan_reads_the_same_as_through_the_orm(tmp_path: Path) -> None:
    with make_plan(tmp_path / "large.offsite", objectives=400) as plan:
        fresh = read_brainstorm(plan)
        assert len(fresh.candidates) == 360
        assert fresh == read_brainstorm_orm(plan)


def test_a_damaged_value_is_reported_not_shown(demo_plan: PlanFile) -> None:
    with demo_plan.read_rows() as rows:
        candidate = rows.execute("SELECT id FROM candidate LIMIT 1").fetchone()[0]
    with demo_plan.write() as session:
        session.connection().exec_driver_sql(
            "UPDATE candidate SET exercise = 'telepathy' WHERE id = ?", (candidate,)
        )
    with pytest.raises(NotAPlanError, match="telepathy"):
        read_brainstorm(demo_plan)


def test_each_patch_equals_a_fresh_read(demo_plan: PlanFile) -> None:
    plan = demo_plan
    view = read_brainstorm(plan)

    def patched(rows: dict[Kind, set[int]], reordered: set[Kind] = set()) -> None:  # noqa: B006
        nonlocal view
        result = patch_brainstorm(plan, view, {k: frozenset(v) for k, v in rows.items()}, reordered)
        assert result is not None
        assert result == read_brainstorm(plan)
        view = result

    node = view.nodes[1]
    update_fields(plan, Kind.WHY_NODE, node.id, {"text": "Because the pipeline is thin"})
    patched({Kind.WHY_NODE: {node.id}})
    assert view.node(node.id).text == "Because the pipeline is thin"  # type: ignore[union-attr]
    answer = brainstorm.add_why_node(plan, node.team_id, "Why? Too few partners", node.id).id
    patched({Kind.WHY_NODE: {answer}}, {Kind.WHY_NODE})
    brainstorm.outdent_why_node(plan, answer)
    patched({Kind.WHY_NODE: {answer}}, {Kind.WHY_NODE})
    gone = remove(plan, Kind.WHY_NODE, node.id)
    patched({Kind.WHY_NODE: {node.id}, Kind.THEME: set()}, {Kind.WHY_NODE})
    restore(plan, gone)
    patched({Kind.WHY_NODE: {node.id}, Kind.THEME: set()}, {Kind.WHY_NODE})

    candidate = view.candidates[2]
    update_fields(plan, Kind.CANDIDATE, candidate.id, {"text": "Win 40 partner deals by Q4"})
    patched({Kind.CANDIDATE: {candidate.id}})
    vote = view.votes[0]
    brainstorm.vote(plan, vote.leader_id, vote.candidate_id, 0)
    patched({Kind.VOTE: {vote.candidate_id}, Kind.CANDIDATE: {vote.candidate_id}})
    made = brainstorm.add_candidate(plan, "Open two regions", None, Exercise.DIRECT).id
    patched({Kind.CANDIDATE: {made}}, {Kind.CANDIDATE})
    objective = brainstorm.promote_candidate(plan, candidate.id).id
    patched({Kind.OBJECTIVE: {objective}, Kind.CANDIDATE: {candidate.id}}, {Kind.OBJECTIVE})
    assert view.candidate(candidate.id).objective_id == objective  # type: ignore[union-attr]
    remove(plan, Kind.OBJECTIVE, objective)
    patched({Kind.OBJECTIVE: {objective}}, {Kind.OBJECTIVE})
    assert view.candidate(candidate.id).objective_id is None  # type: ignore[union-attr]
    remove(plan, Kind.CANDIDATE, made)
    patched({Kind.CANDIDATE: {made}, Kind.VOTE: set()}, {Kind.CANDIDATE})

    goal = view.team_goals[0]
    update_fields(plan, Kind.TEAM_GOAL, goal.id, {"statement": "Renewals at 95%"})
    patched({Kind.TEAM_GOAL: {goal.id}})
    switch = view.switches[0]
    item = brainstorm.add_switch_item(
        plan, switch.id, SwitchSide.PLAYED, SwitchItemKind.GOAL, "Own the mid-market"
    ).id
    patched({Kind.SWITCH_ITEM: {item}}, {Kind.SWITCH_ITEM})
    update_fields(plan, Kind.SWITCH_ITEM, item, {"text": "Own the mid-market in DACH"})
    patched({Kind.SWITCH_ITEM: {item}})
    update_fields(plan, Kind.SWITCH, switch.id, {"prepare_minutes": 25})
    patched({Kind.SWITCH: {switch.id}})
    remove(plan, Kind.SWITCH_ITEM, item)
    patched({Kind.SWITCH_ITEM: {item}}, {Kind.SWITCH_ITEM})


def test_a_change_every_row_refers_to_asks_for_a_whole_read(demo_plan: PlanFile) -> None:
    view = read_brainstorm(demo_plan)
    team = view.nodes[0].team_id
    assert patch_brainstorm(demo_plan, view, {Kind.TEAM: frozenset({team})}) is None
    assert patch_brainstorm(demo_plan, view, {Kind.AGENDA_ITEM: frozenset({1})}) is view
