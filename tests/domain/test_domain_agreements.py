"""The rules of the agreements beyond goals: the swimlane the journey is drawn as, who must agree,
and when an incentive rewards something no shared objective asks for."""

from __future__ import annotations

import datetime as dt

from offsite.domain.agreements import (
    DEFAULT_JOURNEY,
    FIELDS,
    AgreementKind,
    AgreementStanceEvent,
    ObjectiveShare,
    agreement_bought_in,
    current_agreement_stances,
    incentive_warning,
)
from offsite.domain.journey import UNOWNED, Stage, lay_out
from offsite.domain.values import LeaderView, Stance

SALES, MARKETING, SUCCESS = 1, 2, 3
TEAMS = {SALES: "Sales", MARKETING: "Marketing", SUCCESS: "Customer Success"}
T0 = dt.datetime(2027, 1, 14, 10, 0)


def test_lanes_follow_the_customer_and_each_stage_has_its_own_column() -> None:
    stages = [
        Stage(1, "Awareness", MARKETING),
        Stage(2, "MQL", MARKETING, trigger="Scores 60", service_level="Routed in 5 min"),
        Stage(3, "SQL", SALES, trigger="Discovery call held"),
        Stage(4, "Customer", SALES),
        Stage(5, "Renewal", SUCCESS),
    ]
    swimlane = lay_out(stages, TEAMS)
    assert [lane.name for lane in swimlane.lanes] == ["Marketing", "Sales", "Customer Success"]
    assert [(p.stage.title, p.lane, p.column) for p in swimlane.stages] == [
        ("Awareness", 0, 0),
        ("MQL", 0, 1),
        ("SQL", 1, 2),
        ("Customer", 1, 3),
        ("Renewal", 2, 4),
    ]
    # A stage's trigger hands the customer on to the next stage; crossings change team.
    assert [(h.source, h.target, h.crosses) for h in swimlane.hand_offs] == [
        (0, 1, False),
        (1, 2, True),
        (2, 3, False),
        (3, 4, True),
    ]
    assert swimlane.crossings[0].label == "Scores 60 · Routed in 5 min"
    assert swimlane.hand_offs[2].label == "Discovery call held"


def test_a_stage_of_no_team_or_of_a_team_removed_is_not_yet_owned_in_a_lane_of_its_own() -> None:
    swimlane = lay_out([Stage(1, "Interest", None), Stage(2, "SQL", SALES), Stage(3, "Advocacy", 99)], TEAMS)
    assert [lane.name for lane in swimlane.lanes] == ["Sales", UNOWNED]
    assert [p.lane for p in swimlane.stages] == [1, 0, 1]


def test_an_empty_journey_lays_out_as_nothing() -> None:
    swimlane = lay_out([], TEAMS)
    assert (swimlane.lanes, swimlane.stages, swimlane.hand_offs, swimlane.columns) == ((), (), (), 0)


def test_every_leader_must_agree_and_nobody_to_agree_is_not_bought_in() -> None:
    leaders = [LeaderView(1, "Maya", "VP", SALES), LeaderView(2, "Priya", "CMO", MARKETING)]
    events = [
        AgreementStanceEvent(1, 7, 1, Stance.AGREED, "", T0),
        AgreementStanceEvent(2, 7, 2, Stance.DISCUSSING, "", T0),
    ]
    assert not agreement_bought_in(7, leaders, current_agreement_stances(events))
    events.append(AgreementStanceEvent(3, 7, 2, Stance.AGREED, "", T0 - dt.timedelta(hours=1)))
    assert agreement_bought_in(7, leaders, current_agreement_stances(events))  # recorded last counts
    assert not agreement_bought_in(7, [], current_agreement_stances(events))


def _objectives() -> list[ObjectiveShare]:
    return [
        ObjectiveShare(1, "More MQLs", (MARKETING,), (10,)),
        ObjectiveShare(2, "Fill the pipeline", (SALES, MARKETING), (20,)),
        ObjectiveShare(3, "Clean hand-offs", (SALES,), (30, 31), shared_metric_ids=(31,)),
    ]


def test_an_incentive_tied_to_a_shared_objective_or_paid_on_its_metric_draws_no_warning() -> None:
    assert incentive_warning(2, None, _objectives()) == ""
    assert incentive_warning(None, 20, _objectives()) == ""
    assert incentive_warning(3, 30, _objectives()) == ""  # shared through its shared metric


def test_an_incentive_on_one_teams_goal_or_on_nothing_is_warned_about() -> None:
    assert "“More MQLs”, which only one team holds" in incentive_warning(1, None, _objectives())
    assert "“More MQLs”, which only one team holds" in incentive_warning(None, 10, _objectives())
    assert "ties to no objective" in incentive_warning(None, None, _objectives())


def test_an_incentive_paid_on_another_objectives_metric_than_the_one_it_ties_to_is_warned_about() -> None:
    warning = incentive_warning(2, 10, _objectives())
    assert "paid on a metric of “More MQLs”, not of “Fill the pipeline”" in warning


def test_each_kind_shows_its_title_first_and_the_default_journey_runs_to_advocacy() -> None:
    for kind in AgreementKind:
        assert FIELDS[kind][0].name == "title"
    assert [stage for stage, _ in DEFAULT_JOURNEY][0::3] == ["Awareness", "SQL", "Renewal & advocacy"]
    assert AgreementKind.PRACTICE.heading == "Joint practices"
