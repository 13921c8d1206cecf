"""The overlap review: findings and how each was settled, goals served together, and the history."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.alignment import OVERLAPS_RESOLVED, alignment_index, plan_alignment
from offsite.domain.overlap import OverlapRule
from offsite.domain.overlap_review import (
    earlier_text,
    group_text,
    review_overlaps,
    to_settle_text,
)
from offsite.domain.signoff import ResolutionAction, ResolutionView, overlap_key
from offsite.domain.values import (
    CompanyGoalView,
    Direction,
    MetricView,
    ObjectiveView,
    PlanDetails,
    PlanView,
    TeamView,
)

SALES, MARKETING, SUCCESS, REVOPS = 1, 2, 3, 4
TEAMS = (
    TeamView(SALES, "Sales"),
    TeamView(MARKETING, "Marketing"),
    TeamView(SUCCESS, "Customer Success"),
    TeamView(REVOPS, "RevOps"),
)
REVENUE = 1
GOALS = (CompanyGoalView(REVENUE, "Grow revenue 50%", 20, 30, "M USD", None),)
T0 = dt.datetime(2027, 1, 14, 15, 0)


def metric(metric_id: int, name: str) -> MetricView:
    return MetricView(metric_id, 0, name, "", None, None, Direction.UP, None, "", False, False)


def objective(objective_id: int, statement: str, *teams: int, metrics: tuple[str, ...] = ()) -> ObjectiveView:
    return ObjectiveView(
        objective_id,
        statement,
        "H1 2027",
        "",
        tuple(teams),
        (REVENUE,),
        tuple(metric(objective_id * 10 + i, name) for i, name in enumerate(metrics)),
        uid=f"uid-{objective_id}",
    )


#: Four teams' objectives, all serving one goal; the first two also track "Pipeline coverage".
FOUR = PlanView(
    PlanDetails("Offsite", None, None, "", "", ""),
    TEAMS,
    (),
    GOALS,
    (
        objective(1, "Go outbound", SALES, metrics=("Pipeline coverage",)),
        objective(2, "Fill the pipeline", MARKETING, metrics=("Pipeline coverage",)),
        objective(3, "Expand happy customers", SUCCESS),
        objective(4, "Clean hand-offs", REVOPS),
    ),
)
SAME_GOAL_ONLY = PlanView(FOUR.details, TEAMS, (), GOALS, tuple(o for o in FOUR.objectives if o.id != 1))


def resolution(
    rule: str,
    first: str,
    second: str,
    action: ResolutionAction = ResolutionAction.KEPT,
    note: str = "Noted.",
    merged: str | None = None,
    minutes: int = 0,
) -> ResolutionView:
    return ResolutionView(
        minutes + 1,
        overlap_key(rule, first, second),
        rule,
        *sorted((first, second)),
        action,
        note,
        T0 + dt.timedelta(minutes=minutes),
        merged,
    )


def test_four_objectives_serving_one_goal_give_one_group_and_zero_findings() -> None:
    review = review_overlaps(SAME_GOAL_ONLY, ())
    assert review.findings == ()
    assert (review.found, review.settled, review.to_settle) == (0, 0, 0)
    [served] = review.groups
    assert served.group.objective_ids == (2, 3, 4)
    assert group_text(SAME_GOAL_ONLY, served.group) == (
        "Serve “Grow revenue 50%”: Fill the pipeline (Marketing), Expand happy customers (Customer Success), "
        "Clean hand-offs (RevOps)"
    )
    assert to_settle_text(review) == "No overlap to settle"


def test_a_shared_metric_is_still_a_finding_to_settle_beside_the_group() -> None:
    review = review_overlaps(FOUR, ())
    [found] = review.findings
    assert (found.finding.rule, found.finding.first_id, found.finding.second_id) == (
        OverlapRule.SHARED_METRIC_NAME,
        1,
        2,
    )
    assert found.key == overlap_key("shared_metric_name", "uid-1", "uid-2")
    assert not found.settled
    assert [s.group.objective_ids for s in review.groups] == [(1, 2, 3, 4)]
    assert (review.found, review.settled, to_settle_text(review)) == (1, 0, "1 overlap to settle")


def test_a_finding_is_settled_by_the_resolution_stored_under_its_key_and_only_that() -> None:
    kept = resolution("shared_metric_name", "uid-2", "uid-1", note="Both teams own it.")
    other_rule = resolution("similar_wording", "uid-1", "uid-2", minutes=1)
    review = review_overlaps(FOUR, (kept, other_rule))
    [found] = review.findings
    assert found.resolution == kept
    assert found.settled
    # A resolution whose pair the rules no longer find settles nothing and is not counted.
    assert review.history == (other_rule,)
    assert (review.found, review.settled, review.to_settle) == (1, 1, 0)


def test_a_merge_whose_pair_is_gone_counts_as_a_settled_finding() -> None:
    merged = resolution(
        "shared_metric_name", "uid-8", "uid-9", ResolutionAction.MERGED, merged="uid-1", note=""
    )
    review = review_overlaps(SAME_GOAL_ONLY, (merged,))
    assert review.merges == (merged,)
    assert (review.found, review.settled, review.to_settle) == (1, 1, 0)


def test_same_goal_notes_of_older_plans_stay_with_their_group_and_count_for_nothing() -> None:
    noted = resolution("same_company_goal", "uid-3", "uid-2", note="Separate motions.")
    gone = resolution("same_company_goal", "uid-3", "uid-77", ResolutionAction.ADJUSTED, minutes=1)
    merged = resolution(
        "same_company_goal", "uid-5", "uid-6", ResolutionAction.MERGED, merged="uid-4", note="", minutes=2
    )
    unknown = resolution("a_rule_of_a_newer_version", "uid-3", "uid-4", minutes=3)
    review = review_overlaps(SAME_GOAL_ONLY, (noted, gone, merged, unknown))
    [served] = review.groups
    assert served.earlier == (noted, merged)
    assert review.history == (gone, unknown)
    assert review.merges == ()
    assert (review.found, review.settled) == (0, 0)
    assert earlier_text(SAME_GOAL_ONLY, noted) == (
        "“Fill the pipeline” and “Expand happy customers”: kept with a note, “Separate motions.”"
    )
    assert earlier_text(SAME_GOAL_ONLY, gone) == (
        "“Expand happy customers” and an objective no longer in the plan: adjusted, “Noted.”"
    )
    assert earlier_text(SAME_GOAL_ONLY, merged) == "Merged into “Clean hand-offs”"


def test_the_alignment_index_does_not_drop_for_objectives_serving_one_goal() -> None:
    # Before, the three objectives made three "same company goal" findings, none settled: the
    # "Overlaps resolved" component scored 0 of 3 and pulled the score down by its weight.
    index = plan_alignment(SAME_GOAL_ONLY, resolutions=(), smart_passed={}, ratings=[4])
    overlaps = next(c for c in index.components if c.name == OVERLAPS_RESOLVED)
    assert (overlaps.met, overlaps.total, overlaps.weight) == (0, 0, 0.0)
    unpunished = alignment_index(
        SAME_GOAL_ONLY, smart_passed={}, overlaps_found=0, overlaps_resolved=0, ratings=[4]
    )
    assert index.score == pytest.approx(unpunished.score)
    punished = alignment_index(
        SAME_GOAL_ONLY, smart_passed={}, overlaps_found=3, overlaps_resolved=0, ratings=[4]
    )
    assert index.score is not None
    assert punished.score is not None
    assert index.score > punished.score


def test_the_alignment_index_counts_real_findings_and_their_settlement() -> None:
    open_one = plan_alignment(FOUR, resolutions=(), smart_passed={}, ratings=[])
    settled = plan_alignment(
        FOUR, resolutions=(resolution("shared_metric_name", "uid-1", "uid-2"),), smart_passed={}, ratings=[]
    )
    assert [(c.met, c.total) for c in open_one.components if c.name == OVERLAPS_RESOLVED] == [(0, 1)]
    assert [(c.met, c.total) for c in settled.components if c.name == OVERLAPS_RESOLVED] == [(1, 1)]
