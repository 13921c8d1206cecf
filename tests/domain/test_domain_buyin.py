"""Buy-in rules: the last stance recorded counts, and every leader of every touched team must agree."""

from __future__ import annotations

import datetime as dt

from offsite.domain.buyin import current_stances, is_bought_in, leaders_concerned, stance_of
from offsite.domain.values import LeaderView, ObjectiveView, Stance, StanceEvent

T0 = dt.datetime(2027, 1, 14, 9, 0)
SALES, MARKETING, REVOPS = 1, 2, 3
MAYA = LeaderView(10, "Maya Okafor", "VP of Sales", SALES)
TOMAS = LeaderView(11, "Tomás Herrera", "Head of Sales Development", SALES)
PRIYA = LeaderView(20, "Priya Raman", "CMO", MARKETING)
FLOATER = LeaderView(30, "Sam Doe", "Advisor", None)
LEADERS = (MAYA, TOMAS, PRIYA, FLOATER)


def objective(*team_ids: int, objective_id: int = 100) -> ObjectiveView:
    return ObjectiveView(objective_id, "Go outbound", "Q1 2027", "", tuple(team_ids), ())


def event(
    event_id: int, leader: LeaderView, stance: Stance, minutes: int, objective_id: int = 100
) -> StanceEvent:
    return StanceEvent(event_id, objective_id, leader.id, stance, "", T0 + dt.timedelta(minutes=minutes))


def test_last_recorded_stance_wins_whatever_order_the_history_comes_in() -> None:
    history = [
        event(3, MAYA, Stance.AGREED, minutes=20),
        event(1, MAYA, Stance.DISCUSSING, minutes=0),
        event(2, MAYA, Stance.CHANGES_REQUESTED, minutes=10),
    ]
    latest = current_stances(history)
    assert latest[(100, MAYA.id)].stance is Stance.AGREED


def test_a_later_change_of_mind_replaces_an_agreement() -> None:
    history = [event(1, MAYA, Stance.AGREED, minutes=0), event(2, MAYA, Stance.DECLINED, minutes=5)]
    assert stance_of(100, MAYA.id, current_stances(history)) is Stance.DECLINED


def test_the_last_recorded_wins_over_an_older_record_with_a_later_time() -> None:
    # Recorded second on a laptop whose clock is behind: still what Maya said last.
    history = [event(1, MAYA, Stance.AGREED, minutes=60), event(2, MAYA, Stance.DECLINED, minutes=0)]
    assert stance_of(100, MAYA.id, current_stances(history)) is Stance.DECLINED


def test_same_moment_is_settled_by_the_later_record() -> None:
    history = [event(8, MAYA, Stance.AGREED, minutes=0), event(7, MAYA, Stance.DISCUSSING, minutes=0)]
    assert current_stances(history)[(100, MAYA.id)].id == 8


def test_stances_are_kept_per_objective_and_leader() -> None:
    history = [
        event(1, MAYA, Stance.AGREED, minutes=0, objective_id=100),
        event(2, MAYA, Stance.DECLINED, minutes=1, objective_id=200),
        event(3, PRIYA, Stance.DISCUSSING, minutes=2, objective_id=100),
    ]
    latest = current_stances(history)
    assert stance_of(100, MAYA.id, latest) is Stance.AGREED
    assert stance_of(200, MAYA.id, latest) is Stance.DECLINED
    assert stance_of(100, PRIYA.id, latest) is Stance.DISCUSSING


def test_leader_with_no_stance_is_pending() -> None:
    assert stance_of(100, TOMAS.id, current_stances([])) is Stance.PENDING


def test_leaders_concerned_are_exactly_those_of_the_touched_teams() -> None:
    assert leaders_concerned(objective(SALES), LEADERS) == [MAYA, TOMAS]
    assert leaders_concerned(objective(SALES, MARKETING), LEADERS) == [MAYA, TOMAS, PRIYA]


def test_bought_in_when_every_leader_of_every_team_agreed() -> None:
    history = [
        event(1, MAYA, Stance.AGREED, 0),
        event(2, TOMAS, Stance.AGREED, 1),
        event(3, PRIYA, Stance.AGREED, 2),
    ]
    assert is_bought_in(objective(SALES, MARKETING), LEADERS, current_stances(history))


def test_not_bought_in_while_one_leader_of_a_shared_objective_has_not_agreed() -> None:
    history = [
        event(1, MAYA, Stance.AGREED, 0),
        event(2, TOMAS, Stance.AGREED, 1),
        event(3, PRIYA, Stance.CHANGES_REQUESTED, 2),
    ]
    assert not is_bought_in(objective(SALES, MARKETING), LEADERS, current_stances(history))


def test_not_bought_in_while_a_leader_is_still_pending() -> None:
    history = [event(1, MAYA, Stance.AGREED, 0)]
    assert not is_bought_in(objective(SALES), LEADERS, current_stances(history))


def test_an_agreement_withdrawn_later_is_no_longer_buy_in() -> None:
    history = [
        event(1, MAYA, Stance.AGREED, 0),
        event(2, TOMAS, Stance.AGREED, 1),
        event(3, TOMAS, Stance.DISCUSSING, 2),
    ]
    assert not is_bought_in(objective(SALES), LEADERS, current_stances(history))


def test_agreement_of_leaders_outside_the_teams_does_not_count() -> None:
    history = [event(1, PRIYA, Stance.AGREED, 0), event(2, FLOATER, Stance.AGREED, 1)]
    assert not is_bought_in(objective(SALES), LEADERS, current_stances(history))


def test_objective_touching_no_team_with_leaders_is_not_bought_in() -> None:
    history = [event(i, leader, Stance.AGREED, i) for i, leader in enumerate(LEADERS)]
    assert not is_bought_in(objective(), LEADERS, current_stances(history))
    assert not is_bought_in(objective(REVOPS), LEADERS, current_stances(history))
