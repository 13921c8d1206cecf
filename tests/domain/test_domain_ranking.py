"""Votes and the shortlist: dot budgets, impact scores, a deterministic rank, and the top N per team."""

from __future__ import annotations

import pytest

from offsite.domain.ranking import (
    DEFAULT_DOT_BUDGET,
    DEFAULT_TOP_N,
    DotVote,
    RankedCandidate,
    check_impact,
    check_vote,
    dots_left,
    rank,
    shortlist,
)

MAYA, PRIYA, TOMAS = "maya", "priya", "tomas"
# (uid, team, created order)
POOL = [
    ("mql-target", "marketing", 1),
    ("webinars", "marketing", 2),
    ("content-hub", "marketing", 3),
    ("abm-pilot", "marketing", 4),
    ("win-rate", "sales", 5),
    ("deal-size", "sales", 6),
    ("sla", None, 7),
]


def test_defaults_are_three_dots_and_top_three() -> None:
    assert DEFAULT_DOT_BUDGET == 3
    assert DEFAULT_TOP_N == 3


def test_dots_left_is_the_budget_less_the_leaders_own_dots() -> None:
    votes = [DotVote(MAYA, "webinars", 2), DotVote(PRIYA, "webinars", 3), DotVote(MAYA, "sla", 1)]
    assert dots_left(3, votes, MAYA) == 0
    assert dots_left(3, votes, PRIYA) == 0
    assert dots_left(3, votes, TOMAS) == 3
    assert dots_left(5, votes, MAYA) == 2


def test_a_lowered_budget_leaves_no_dots_rather_than_a_negative_count() -> None:
    assert dots_left(1, [DotVote(MAYA, "webinars", 3)], MAYA) == 0


def test_a_negative_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        dots_left(-1, [], MAYA)


def test_a_vote_within_the_budget_is_allowed() -> None:
    assert check_vote(3, [DotVote(MAYA, "webinars", 1)], MAYA, 2) is None
    assert check_vote(3, [], MAYA, 0) is None


def test_a_vote_over_the_budget_says_how_many_are_left() -> None:
    message = check_vote(3, [DotVote(MAYA, "webinars", 2)], MAYA, 2)
    assert message == "Only 1 dot left of a budget of 3; you cannot place 2."


def test_a_vote_with_no_dots_left_says_to_take_one_back() -> None:
    message = check_vote(3, [DotVote(MAYA, "webinars", 3)], MAYA, 1)
    assert message == "No dots left of a budget of 3; take one back to vote elsewhere."


def test_taking_back_more_dots_than_placed_is_refused() -> None:
    votes = [DotVote(MAYA, "webinars", 1), DotVote(MAYA, "sla", 1)]
    assert check_vote(3, votes, MAYA, -1, candidate_uid="webinars") is None
    assert check_vote(3, votes, MAYA, -2, candidate_uid="webinars") == (
        "Only 1 dot placed here; you cannot take back 2."
    )
    assert check_vote(3, votes, MAYA, -2) is None
    assert check_vote(3, votes, MAYA, -3) == "Only 2 dots placed in all; you cannot take back 3."


def test_a_leader_over_a_lowered_budget_may_still_take_dots_back() -> None:
    votes = [DotVote(MAYA, "webinars", 3)]
    assert check_vote(1, votes, MAYA, -1, candidate_uid="webinars") is None


def test_impact_scores_run_from_one_to_five() -> None:
    assert check_impact(None) is None
    assert check_impact(1) is None
    assert check_impact(5) is None
    assert check_impact(0) == "An impact score is from 1 to 5."
    assert check_impact(6) == "An impact score is from 1 to 5."


def test_rank_by_dots_sums_every_leaders_dots() -> None:
    votes = [
        DotVote(MAYA, "win-rate", 2),
        DotVote(PRIYA, "win-rate", 1),
        DotVote(PRIYA, "webinars", 2),
        DotVote(TOMAS, "sla", 1),
        DotVote(TOMAS, "not-in-pool", 3),
    ]
    ranked = rank(POOL, votes, {}, by="dots")
    assert [(c.uid, c.dots, c.rank) for c in ranked[:3]] == [
        ("win-rate", 3, 1),
        ("webinars", 2, 2),
        ("sla", 1, 3),
    ]
    assert [c.rank for c in ranked] == list(range(1, len(POOL) + 1))


def test_dot_ties_break_on_impact_then_on_the_earlier_idea() -> None:
    votes = [DotVote(MAYA, uid, 1) for uid in ("webinars", "content-hub", "abm-pilot")]
    impacts = {"abm-pilot": 4, "content-hub": 2}
    ranked = rank(POOL, votes, impacts, by="dots")
    assert [c.uid for c in ranked[:3]] == ["abm-pilot", "content-hub", "webinars"]
    # Unvoted and unscored: created order.
    assert [c.uid for c in ranked[3:]] == ["mql-target", "win-rate", "deal-size", "sla"]


def test_impact_ties_break_on_dots_then_on_the_earlier_idea() -> None:
    impacts = {"mql-target": 5, "webinars": 3, "content-hub": 5, "win-rate": 5, "sla": None}
    votes = [DotVote(MAYA, "win-rate", 1)]
    ranked = rank(POOL, votes, impacts, by="impact")
    assert [c.uid for c in ranked] == [
        "win-rate",  # 5, one dot
        "mql-target",  # 5, created first
        "content-hub",  # 5
        "webinars",  # 3
        "abm-pilot",  # no score: after every scored one, in created order
        "deal-size",
        "sla",
    ]


def test_rank_does_not_depend_on_the_order_candidates_or_votes_come_in() -> None:
    votes = [DotVote(MAYA, "webinars", 1), DotVote(PRIYA, "win-rate", 1), DotVote(TOMAS, "sla", 2)]
    impacts = {"webinars": 3, "win-rate": 3}
    forward = rank(POOL, votes, impacts, by="dots")
    assert rank(list(reversed(POOL)), list(reversed(votes)), impacts, by="dots") == forward


def test_an_impact_outside_one_to_five_is_refused() -> None:
    with pytest.raises(ValueError, match="from 1 to 5"):
        rank(POOL, [], {"webinars": 7}, by="impact")


def test_shortlist_keeps_the_top_three_voted_per_team_in_rank_order() -> None:
    votes = [
        DotVote(MAYA, "abm-pilot", 3),
        DotVote(PRIYA, "webinars", 2),
        DotVote(PRIYA, "mql-target", 1),
        DotVote(TOMAS, "content-hub", 1),
        DotVote(TOMAS, "win-rate", 2),
    ]
    ranked = rank(POOL, votes, {"content-hub": 5}, by="dots")
    assert shortlist(ranked) == {
        "marketing": ["abm-pilot", "webinars", "content-hub"],
        "sales": ["win-rate"],
        None: [],
    }


def test_an_unvoted_idea_is_not_shortlisted_even_when_its_team_has_room() -> None:
    ranked = rank(POOL, [DotVote(MAYA, "win-rate", 1)], {"deal-size": 4}, by="dots")
    kept = shortlist(ranked)
    assert kept["sales"] == ["win-rate"]
    assert kept["marketing"] == []
    assert [c.uid for c in ranked if c.eligible] == ["win-rate"]


def test_by_impact_only_scored_ideas_are_eligible() -> None:
    ranked = rank(POOL, [DotVote(MAYA, "webinars", 3)], {"mql-target": 2, "deal-size": 1}, by="impact")
    assert shortlist(ranked, top_n=3) == {"marketing": ["mql-target"], "sales": ["deal-size"], None: []}


def test_top_n_is_configurable() -> None:
    votes = [DotVote(MAYA, uid, 1) for uid, _, _ in POOL]
    ranked = rank(POOL, votes, {}, by="dots")
    assert shortlist(ranked, top_n=1) == {"marketing": ["mql-target"], "sales": ["win-rate"], None: ["sla"]}
    assert shortlist(ranked, top_n=0) == {"marketing": [], "sales": [], None: []}
    with pytest.raises(ValueError, match="zero or more"):
        shortlist(ranked, top_n=-1)


def test_shortlist_follows_rank_even_when_given_out_of_order() -> None:
    ranked = [
        RankedCandidate("b", "sales", 1, None, 2, eligible=True),
        RankedCandidate("a", "sales", 2, None, 1, eligible=True),
    ]
    assert shortlist(ranked) == {"sales": ["a", "b"]}
