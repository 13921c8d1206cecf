"""Overlap review: each finding is merged, adjusted or kept with a note, in one undoable step."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from offsite.domain.checkins import NewReading
from offsite.domain.errors import EditRefusedError
from offsite.domain.overlap import OverlapRule, find_overlaps
from offsite.domain.signoff import ResolutionAction, overlap_key
from offsite.domain.values import Direction, Kind, Stance
from offsite.services.buyin import record_stance
from offsite.services.changes import update_fields
from offsite.services.checkins import (
    apply_readings,
    check_in,
    log_win,
    read_check_ins,
    read_mappings,
    review_objective,
    save_mapping,
)
from offsite.services.objectives import add_metric, add_objective
from offsite.services.overlaps import read_resolutions, resolve_overlap, unresolve_overlap
from offsite.services.plans import check_plan, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team
from offsite.store import PlanFile

T0 = dt.datetime(2027, 1, 14, 15, 0)
RULE = OverlapRule.SIMILAR_WORDING  # "outbound" and "pod": most of the shorter one's words


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to compare a file before and after."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        connection.close()


@pytest.fixture
def two(plan: PlanFile) -> tuple[int, int, int, int]:
    """Sales' “Go outbound” and Marketing's “Outbound pipeline”, both for revenue, with metrics and buy-in."""
    sales, marketing = add_team(plan, "Sales").id, add_team(plan, "Marketing").id
    maya = add_leader(plan, "Maya Okafor", "", sales).id
    priya = add_leader(plan, "Priya Raman", "", marketing).id
    revenue = add_company_goal(plan, "Grow revenue 50%").id
    retention = add_company_goal(plan, "NRR above 110%").id
    outbound = add_objective(
        plan, "Go outbound", [sales], period="Q1 2027", goal_ids=[revenue], method="Build a pod."
    ).id
    add_metric(plan, outbound, "Appointments booked", unit="meetings", target=180)
    pipeline = add_objective(
        plan, "Outbound pipeline", [marketing], goal_ids=[revenue, retention], method="Lists for the pod."
    ).id
    add_metric(plan, pipeline, "Sourced pipeline", unit="M USD", target=7.5, direction=Direction.UP)
    add_metric(plan, pipeline, "Lists delivered", target=4)
    record_stance(plan, outbound, maya, Stance.AGREED, at=T0)
    record_stance(plan, pipeline, priya, Stance.AGREED, at=T0)
    return outbound, pipeline, sales, marketing


def _uids(plan: PlanFile, *ids: int) -> list[str]:
    view = read_plan(plan)
    return [view.objective(i).uid for i in ids]  # type: ignore[union-attr]


def test_kept_needs_a_note_and_is_stored_under_the_objectives_uids(
    plan: PlanFile, two: tuple[int, int, int, int]
) -> None:
    outbound, pipeline, *_ = two
    with pytest.raises(EditRefusedError, match="why both objectives are kept"):
        resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.KEPT, "  ")
    done = resolve_overlap(plan, RULE, pipeline, outbound, "kept", " Separate motions. ", at=T0)
    assert done.kind is Kind.OVERLAP_RESOLUTION

    (resolution,) = read_resolutions(plan)
    first, second = _uids(plan, outbound, pipeline)
    assert resolution.key == overlap_key(RULE, first, second)
    assert (resolution.rule, {resolution.first_uid, resolution.second_uid}) == (RULE.value, {first, second})
    assert (resolution.action, resolution.note, resolution.resolved_at) == (
        ResolutionAction.KEPT,
        "Separate motions.",
        T0,
    )
    assert resolution.merged_objective_uid is None
    assert len(read_plan(plan).objectives) == 2


def test_a_resolution_matches_the_finding_it_settles(plan: PlanFile, two: tuple[int, int, int, int]) -> None:
    outbound, pipeline, *_ = two
    resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.ADJUSTED, at=T0)
    view = read_plan(plan)
    uid = {o.id: o.uid for o in view.objectives}
    resolved = {r.key for r in read_resolutions(plan)}
    settled = [
        f for f in find_overlaps(view) if overlap_key(f.rule, uid[f.first_id], uid[f.second_id]) in resolved
    ]
    assert [(f.rule, f.first_id, f.second_id) for f in settled] == [(RULE, outbound, pipeline)]


def test_kept_and_adjusted_are_undone_and_redone(plan: PlanFile, two: tuple[int, int, int, int]) -> None:
    outbound, pipeline, *_ = two
    before = _dump(plan.path)
    done = resolve_overlap(
        plan, RULE, outbound, pipeline, ResolutionAction.ADJUSTED, "Split the lists.", at=T0
    )
    unresolve_overlap(plan, done.previous)
    assert _dump(plan.path) == before
    resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.ADJUSTED, "Split the lists.", at=T0)
    assert [r.note for r in read_resolutions(plan)] == ["Split the lists."]


def test_a_note_is_changed_with_update_fields(plan: PlanFile, two: tuple[int, int, int, int]) -> None:
    outbound, pipeline, *_ = two
    done = resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.KEPT, "First.", at=T0)
    changed = update_fields(plan, Kind.OVERLAP_RESOLUTION, done.id, {"note": "Second."})
    assert read_resolutions(plan)[0].note == "Second."
    update_fields(plan, Kind.OVERLAP_RESOLUTION, done.id, changed.previous)
    assert read_resolutions(plan)[0].note == "First."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((RULE, "same", "same", "kept", "x"), "cannot overlap itself"),
        (("", "a", "b", "kept", "x"), "which rule"),
        (("a:b", "a", "b", "kept", "x"), "which rule"),
        ((RULE, "a", "b", "ignored", "x"), "merging, adjusting, or keeping"),
        ((RULE, "a", 999, "kept", "x"), "no longer exists"),
    ],
)
def test_bad_resolutions_are_refused(
    plan: PlanFile, two: tuple[int, int, int, int], args: tuple[object, ...], message: str
) -> None:
    ids = {"a": two[0], "b": two[1], "same": two[0]}
    rule, first, second, action, note = args
    before = _dump(plan.path)
    with pytest.raises(EditRefusedError, match=message):
        resolve_overlap(plan, rule, ids.get(first, first), ids.get(second, second), action, note)  # type: ignore[arg-type]
    assert _dump(plan.path) == before


def test_an_overlap_is_resolved_once(plan: PlanFile, two: tuple[int, int, int, int]) -> None:
    outbound, pipeline, *_ = two
    resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.KEPT, "Fine.")
    with pytest.raises(EditRefusedError, match="kept with a note already"):
        resolve_overlap(plan, RULE, pipeline, outbound, ResolutionAction.ADJUSTED)
    # Another rule's finding on the same pair is its own.
    resolve_overlap(plan, OverlapRule.SHARED_DATA_SOURCE, outbound, pipeline, ResolutionAction.ADJUSTED)
    assert len(read_resolutions(plan)) == 2


def test_merging_makes_one_shared_objective_keeping_both_origins(
    plan: PlanFile, two: tuple[int, int, int, int]
) -> None:
    outbound, pipeline, sales, marketing = two
    before = read_plan(plan)
    old_first, old_second = _uids(plan, outbound, pipeline)
    done = resolve_overlap(
        plan,
        RULE,
        outbound,
        pipeline,
        ResolutionAction.MERGED,
        "One pod, one list.",
        statement="Outbound, together",
    )

    view = read_plan(plan)
    (merged,) = view.objectives
    assert merged.id == outbound  # it takes the first one's place
    assert merged.uid not in (old_first, old_second)
    assert (merged.statement, merged.period) == ("Outbound, together", "Q1 2027")
    assert merged.method == "Build a pod.\n\nLists for the pod."
    assert merged.team_ids == (sales, marketing)
    assert merged.goal_ids == tuple(g.id for g in view.goals)
    assert [m.name for m in merged.metrics] == ["Appointments booked", "Sourced pipeline", "Lists delivered"]
    assert {m.id for m in merged.metrics} == {m.id for o in before.objectives for m in o.metrics}
    assert merged.origin_label == "merged from: Sales' “Go outbound” and Marketing's “Outbound pipeline”"
    assert [(o.origin_uid, o.label) for o in merged.merged_from] == [
        (old_first, "Sales' “Go outbound”"),
        (old_second, "Marketing's “Outbound pipeline”"),
    ]
    assert merged.origin_candidate_uid is None
    assert view.stances == ()  # buy-in starts afresh for the new wording
    (resolution,) = read_resolutions(plan)
    assert resolution.action is ResolutionAction.MERGED
    assert resolution.merged_objective_uid == merged.uid
    assert {resolution.first_uid, resolution.second_uid} == {old_first, old_second}
    assert done.previous["merged_objective_id"] == outbound
    assert check_plan(plan.path).sound


def test_undoing_a_merge_brings_both_objectives_back_exactly_in_one_step(
    plan: PlanFile, two: tuple[int, int, int, int]
) -> None:
    outbound, pipeline, *_ = two
    before = _dump(plan.path)
    done = resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.MERGED, "One pod.")
    unresolve_overlap(plan, done.previous)
    assert _dump(plan.path) == before

    # Redo runs the verb again: the shared objective gets the same id, so later steps still apply.
    again = resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.MERGED, "One pod.")
    assert again.previous["merged_objective_id"] == done.previous["merged_objective_id"]
    update_fields(plan, Kind.OBJECTIVE, outbound, {"statement": "Renamed"})
    assert [o.statement for o in read_plan(plan).objectives] == ["Renamed"]


def test_a_merge_keeps_both_objectives_check_ins_and_wins_and_undo_gives_each_its_own(
    plan: PlanFile, two: tuple[int, int, int, int]
) -> None:
    """Merging after the offsite: the objective folded in has check-ins, a win, a quarter review and
    a saved mapping of one of its metrics; none of it is lost, and undo puts each back where it was."""
    outbound, pipeline, *_ = two
    view = read_plan(plan)
    sourced, lists = (m.id for m in view.objective(pipeline).metrics)  # type: ignore[union-attr]
    check_in(plan, sourced, 5.1, as_of=dt.date(2027, 2, 5), confidence=7, at=T0)
    apply_readings(plan, [NewReading(lists, dt.date(2027, 2, 28), 2)], "Lists export", at=T0)
    settings = {
        "layout": "records",
        "metric_column": "",
        "date_column": "Sent",
        "value_column": "",
        "note_column": "",
        "owner_column": "",
        "aggregate": "count",
        "period": "month",
        "cumulative": False,
        "decimal": "auto",
        "dates": "auto",
    }
    save_mapping(plan, "Lists export", settings, metric_id=lists)
    log_win(plan, dt.date(2027, 2, 12), "First list delivered", thanks="Priya", objective_id=pipeline, at=T0)
    log_win(plan, dt.date(2027, 2, 19), "First meeting booked", thanks="Maya", objective_id=outbound, at=T0)
    review_objective(plan, pipeline, "2027-Q1", worked="Lists", at=T0)
    before = _dump(plan.path)

    done = resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.MERGED, "One pod.")
    assert {c.metric_id for c in read_check_ins(plan)} == {sourced, lists}
    assert [m.metric_id for m in read_mappings(plan)] == [lists]
    wins = _dump(plan.path)["win"]
    assert len(wins) == 2
    assert all(outbound in row for row in wins)  # both are the shared objective's wins now

    unresolve_overlap(plan, done.previous)
    assert _dump(plan.path) == before


def test_a_merge_of_a_merge_keeps_every_origin(plan: PlanFile, two: tuple[int, int, int, int]) -> None:
    outbound, pipeline, sales, _marketing = two
    old = _uids(plan, outbound, pipeline)
    resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.MERGED)
    third = add_objective(plan, "Sequences", [sales]).id
    resolve_overlap(plan, OverlapRule.SIMILAR_WORDING, third, outbound, ResolutionAction.MERGED)
    (merged,) = read_plan(plan).objectives
    assert merged.id == third
    assert [o.origin_uid for o in merged.merged_from][1:] == old
    assert merged.origin_label.startswith("merged from: Sales' “Sequences”, Sales' “Go outbound” and ")


def test_a_failed_merge_changes_nothing(plan: PlanFile, two: tuple[int, int, int, int]) -> None:
    outbound, pipeline, *_ = two
    before = _dump(plan.path)
    with pytest.raises(EditRefusedError, match="its wording"):
        resolve_overlap(plan, RULE, outbound, pipeline, ResolutionAction.MERGED, statement="  ")
    assert _dump(plan.path) == before
