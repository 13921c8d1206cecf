"""The alignment index: a score from the plan's evidence, beside what leaders say, and the gap."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from offsite.domain.alignment import (
    BOUGHT_IN,
    GOAL_LINKED,
    OVERLAPS_RESOLVED,
    SHARED_METRIC,
    SMART_PASSED,
    WEIGHTS,
    AlignmentIndex,
    Component,
    GapLevel,
    alignment_index,
    rating_to_said,
)
from offsite.domain.values import (
    CompanyGoalView,
    Direction,
    LeaderView,
    MetricView,
    ObjectiveView,
    PlanDetails,
    PlanView,
    Stance,
    StanceEvent,
    TeamView,
)

SALES, MARKETING = 1, 2
TEAMS = (TeamView(SALES, "Sales"), TeamView(MARKETING, "Marketing"))
MAYA = LeaderView(10, "Maya Okafor", "VP of Sales", SALES)
PRIYA = LeaderView(20, "Priya Raman", "CMO", MARKETING)
REVENUE = 1
GOALS = (CompanyGoalView(REVENUE, "Grow revenue 50% in 2027", 20, 30, "M USD", None),)
T0 = dt.datetime(2027, 1, 14, 9, 0)


def metric(objective_id: int, *, shared: bool = False, customer_centric: bool = False) -> MetricView:
    return MetricView(
        objective_id * 10,
        objective_id,
        "Metric",
        "",
        None,
        None,
        Direction.UP,
        None,
        "",
        customer_centric,
        shared,
    )


def objective(objective_id: int, *teams: int, goals: tuple[int, ...] = (), **flags: Any) -> ObjectiveView:
    metrics = (metric(objective_id, **flags),) if flags else ()
    return ObjectiveView(objective_id, f"Objective {objective_id}", "H1", "", tuple(teams), goals, metrics)


def agreed(objective_id: int, leader: LeaderView, stance: Stance = Stance.AGREED) -> StanceEvent:
    return StanceEvent(objective_id * 100 + leader.id, objective_id, leader.id, stance, "", T0)


def plan(objectives: tuple[ObjectiveView, ...], stances: tuple[StanceEvent, ...] = ()) -> PlanView:
    return PlanView(
        PlanDetails("Offsite", None, None, "", "", ""), TEAMS, (MAYA, PRIYA), GOALS, objectives, stances
    )


# Four objectives:
#   1 Sales,            shared metric,           goal, agreed by Maya,               SMART
#   2 Marketing,        customer-centric metric, goal, Priya asked for changes,      SMART
#   3 Sales+Marketing,  plain metric,            goal, agreed by Maya and Priya,     not SMART
#   4 Marketing,        no metric,               no goal, Priya still discussing,    absent from smart_passed
FOUR = plan(
    (
        objective(1, SALES, goals=(REVENUE,), shared=True),
        objective(2, MARKETING, goals=(REVENUE,), customer_centric=True),
        objective(3, SALES, MARKETING, goals=(REVENUE,), shared=False),
        objective(4, MARKETING, goals=(99,)),  # a goal id the plan does not hold links to nothing
    ),
    (
        agreed(1, MAYA),
        agreed(2, PRIYA, Stance.CHANGES_REQUESTED),
        agreed(3, MAYA),
        agreed(3, PRIYA),
        agreed(4, PRIYA, Stance.DISCUSSING),
    ),
)
SMART = {1: True, 2: True, 3: False}


def by_name(index: AlignmentIndex) -> dict[str, Component]:
    return {c.name: c for c in index.components}


def test_weights_sum_to_one_and_buy_in_weighs_most() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1)
    assert max(WEIGHTS, key=lambda name: WEIGHTS[name]) == BOUGHT_IN


def test_each_component_counts_the_plans_evidence() -> None:
    index = alignment_index(FOUR, smart_passed=SMART, overlaps_found=4, overlaps_resolved=1, ratings=[4, 5])
    counts = {c.name: (c.met, c.total) for c in index.components}
    assert counts == {
        SHARED_METRIC: (2, 4),
        BOUGHT_IN: (2, 4),
        GOAL_LINKED: (3, 4),
        SMART_PASSED: (2, 4),
        OVERLAPS_RESOLVED: (1, 4),
    }
    assert [c.name for c in index.components] == list(WEIGHTS)


def test_the_score_is_the_weighted_sum_of_the_shares() -> None:
    index = alignment_index(FOUR, smart_passed=SMART, overlaps_found=4, overlaps_resolved=1, ratings=[4, 5])
    # 0.25·½ + 0.30·½ + 0.15·¾ + 0.15·½ + 0.15·¼ = 0.125 + 0.15 + 0.1125 + 0.075 + 0.0375 = 0.5
    assert index.score == pytest.approx(50.0)
    assert by_name(index)[GOAL_LINKED].points == pytest.approx(11.25)
    assert by_name(index)[BOUGHT_IN].share == 0.5
    assert [c.weight for c in index.components] == [0.25, 0.30, 0.15, 0.15, 0.15]


def test_what_leaders_say_is_the_mean_rating_on_the_same_scale_and_the_gap_beside_it() -> None:
    index = alignment_index(FOUR, smart_passed=SMART, overlaps_found=4, overlaps_resolved=1, ratings=[4, 5])
    assert index.said == pytest.approx(87.5)  # mean 4.5 → (4.5 − 1) / 4 · 100
    assert index.ratings_count == 2
    assert index.gap == pytest.approx(37.5)
    assert index.gap_level is GapLevel.WARNING
    assert index.verdict == (
        "Warning: leaders rate alignment 38 points above the evidence; "
        "the plan does not show that much alignment yet."
    )


@pytest.mark.parametrize(("mean", "said"), [(1, 0), (2, 25), (3, 50), (4, 75), (5, 100)])
def test_ratings_map_linearly_from_one_to_five_onto_zero_to_a_hundred(mean: int, said: float) -> None:
    assert rating_to_said(mean) == said


def test_no_overlap_found_excludes_the_component_and_scales_the_others_up() -> None:
    index = alignment_index(FOUR, smart_passed=SMART, overlaps_found=0, overlaps_resolved=0, ratings=[])
    overlaps = by_name(index)[OVERLAPS_RESOLVED]
    assert (overlaps.weight, overlaps.share, overlaps.points) == (0.0, None, 0.0)
    assert overlaps.explanation.startswith("No overlaps found")
    assert sum(c.weight for c in index.components) == pytest.approx(1)
    assert by_name(index)[BOUGHT_IN].weight == pytest.approx(0.30 / 0.85)
    # (0.125 + 0.15 + 0.1125 + 0.075) / 0.85 = 0.4625 / 0.85
    assert index.score == pytest.approx(100 * 0.4625 / 0.85)


def test_all_overlaps_resolved_is_fully_met() -> None:
    index = alignment_index(FOUR, smart_passed=SMART, overlaps_found=3, overlaps_resolved=3, ratings=[])
    assert by_name(index)[OVERLAPS_RESOLVED].points == pytest.approx(15)


def test_a_plan_without_objectives_is_scored_on_overlaps_alone() -> None:
    index = alignment_index(plan(()), smart_passed={}, overlaps_found=2, overlaps_resolved=1, ratings=[3])
    assert by_name(index)[OVERLAPS_RESOLVED].weight == 1.0
    assert index.score == pytest.approx(50)
    assert index.gap == pytest.approx(0)
    assert index.verdict == "Leaders rate alignment as the plan shows it."


def test_nothing_to_score_gives_no_score_and_no_gap() -> None:
    index = alignment_index(plan(()), smart_passed={}, overlaps_found=0, overlaps_resolved=0, ratings=[5, 5])
    assert index.score is None
    assert index.said == 100
    assert index.gap is None
    assert all(c.weight == 0 for c in index.components)
    assert "nothing to score" in index.verdict


def test_no_ratings_gives_no_said_and_no_gap() -> None:
    index = alignment_index(FOUR, smart_passed=SMART, overlaps_found=4, overlaps_resolved=1, ratings=[])
    assert (index.said, index.ratings_count, index.gap) == (None, 0, None)
    assert index.verdict == "The plan's evidence scores 50 out of 100; no leader has rated alignment yet."


def test_leaders_who_rate_lower_than_the_evidence_are_told_so() -> None:
    index = alignment_index(FOUR, smart_passed=SMART, overlaps_found=4, overlaps_resolved=1, ratings=[2, 3])
    assert index.said == pytest.approx(37.5)
    assert index.gap_level is GapLevel.FINE
    assert index.verdict == "Leaders rate alignment 13 points below the evidence."


def test_one_point_is_singular() -> None:
    index = alignment_index(plan(()), smart_passed={}, overlaps_found=100, overlaps_resolved=49, ratings=[3])
    assert index.verdict == "Leaders rate alignment 1 point above the evidence, close to what the plan shows."


# The score is 50 when one of two overlaps is resolved and nothing else is counted; the ratings move
# what leaders say in steps of 12.5, a hundred resolved overlaps in steps of one.
@pytest.mark.parametrize(
    ("found", "resolved", "ratings", "gap", "level"),
    [
        (2, 1, [5, 4], 37.5, GapLevel.WARNING),
        (100, 46, [3], 4, GapLevel.FINE),  # near zero: 4 points above
        (100, 45, [3], 5, GapLevel.WARNING),  # from 5 points above, a warning
        (2, 1, [3], 0, GapLevel.FINE),
        (2, 1, [1, 2], -37.5, GapLevel.FINE),  # leaders humbler than the evidence: nothing to warn of
        (2, 1, [], None, GapLevel.NONE),
    ],
)
def test_a_positive_gap_is_a_warning_and_a_gap_near_zero_or_below_is_fine(
    found: int, resolved: int, ratings: list[int], gap: float | None, level: GapLevel
) -> None:
    view = plan(())
    index = alignment_index(
        view, smart_passed={}, overlaps_found=found, overlaps_resolved=resolved, ratings=ratings
    )
    assert index.gap == (None if gap is None else pytest.approx(gap))
    assert index.gap_level is level
    # The words carry it as well as the colour: a warning says so and says which way.
    assert index.verdict.startswith("Warning: leaders rate alignment") == (level is GapLevel.WARNING)
    if level is GapLevel.WARNING:
        assert "above the evidence" in index.verdict


def test_an_objective_nobody_has_to_agree_to_is_not_bought_in() -> None:
    view = plan((objective(1, 7),))  # team 7 has no leaders
    index = alignment_index(view, smart_passed={1: True}, overlaps_found=0, overlaps_resolved=0, ratings=[])
    assert by_name(index)[BOUGHT_IN].met == 0


def test_the_latest_stance_counts_for_buy_in() -> None:
    later = StanceEvent(999, 1, MAYA.id, Stance.DECLINED, "", T0 + dt.timedelta(minutes=5))
    view = plan(FOUR.objectives, (*FOUR.stances, later))
    index = alignment_index(view, smart_passed=SMART, overlaps_found=0, overlaps_resolved=0, ratings=[])
    assert by_name(index)[BOUGHT_IN].met == 1


@pytest.mark.parametrize("ratings", [[0], [6], [3, -1], [True], [2.5]])
def test_ratings_outside_one_to_five_are_refused(ratings: list[Any]) -> None:
    with pytest.raises(ValueError, match="from 1 to 5"):
        alignment_index(FOUR, smart_passed=SMART, overlaps_found=0, overlaps_resolved=0, ratings=ratings)


@pytest.mark.parametrize(("found", "resolved"), [(1, 2), (-1, 0), (0, -1)])
def test_impossible_overlap_counts_are_refused(found: int, resolved: int) -> None:
    with pytest.raises(ValueError, match="overlaps"):
        alignment_index(
            FOUR, smart_passed=SMART, overlaps_found=found, overlaps_resolved=resolved, ratings=[]
        )
