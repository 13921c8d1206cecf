"""The agreements beyond goals: added in order, edited by their rules, moved, bought in by every leader,
and kept when what they name goes and comes back by undo."""

from __future__ import annotations

import datetime as dt

import pytest

from offsite.domain.errors import EditRefusedError
from offsite.domain.values import Direction, Kind, Stance
from offsite.services.agreements import (
    add_agreement,
    agreement_order,
    incentive_warnings,
    move_agreement,
    read_agreements,
    record_agreement_stance,
)
from offsite.services.changes import remove, restore, update_fields
from offsite.services.definitions import add_definition
from offsite.services.objectives import add_metric, add_objective, set_objective_teams
from offsite.services.plans import read_details
from offsite.services.prepare import add_leader, add_team
from offsite.store import PlanFile
from offsite.store.document import plan_document, signed_content

T0 = dt.datetime(2027, 1, 14, 10, 0)


def _room(plan: PlanFile) -> tuple[int, int, int, int]:
    sales, marketing = add_team(plan, "Sales").id, add_team(plan, "Marketing").id
    maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
    priya = add_leader(plan, "Priya Raman", "CMO", marketing).id
    return sales, marketing, maya, priya


def test_a_journey_stage_is_added_with_its_fields_and_read_back_in_order(plan: PlanFile) -> None:
    sales, marketing, maya, _ = _room(plan)
    mql = add_agreement(plan, "journey_stage", "MQL", team_id=marketing)
    sql = add_agreement(
        plan,
        "journey_stage",
        "  SQL ",
        team_id=sales,
        owner_id=maya,
        message="We solve the problem you told us about.",
        trigger="Discovery call booked",
        service_level="Contacted within 24 h",
    )
    first, second = read_agreements(plan)
    assert (first.id, first.title, first.team_id) == (mql.id, "MQL", marketing)
    assert (second.id, second.kind, second.title, second.owner_id) == (sql.id, "journey_stage", "SQL", maya)
    assert (second.message, second.trigger, second.service_level) == (
        "We solve the problem you told us about.",
        "Discovery call booked",
        "Contacted within 24 h",
    )
    assert not second.bought_in


def test_a_stage_put_after_another_lands_between_it_and_the_next(plan: PlanFile) -> None:
    first = add_agreement(plan, "journey_stage", "Awareness").id
    last = add_agreement(plan, "journey_stage", "Customer").id
    middle = add_agreement(plan, "journey_stage", "Interest", after=first).id
    assert agreement_order(plan) == (first, middle, last)


def test_moving_a_stage_changes_the_journey_order_and_moving_back_restores_it(plan: PlanFile) -> None:
    a, b, c = (add_agreement(plan, "journey_stage", t).id for t in ("MQL", "SQL", "Opportunity"))
    incentive = add_agreement(plan, "incentive", "Pipeline").id
    assert move_agreement(plan, c, -2) == -2
    stages = [x.id for x in read_agreements(plan) if x.kind == "journey_stage"]
    assert stages == [c, a, b]
    assert move_agreement(plan, c, -1) == 0  # at the top already
    assert move_agreement(plan, c, 2) == 2
    assert [x.id for x in read_agreements(plan) if x.kind == "journey_stage"] == [a, b, c]
    assert incentive in agreement_order(plan)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cadence": "fortnightly"}, "Cadence must be weekly, monthly, quarterly or yearly"),
        ({"message": "nul\x00"}, "NUL"),
        ({"colour": "red"}, "no field “colour”"),
        ({"metric_id": 999}, "That metric no longer exists"),
    ],
)
def test_a_value_typing_refuses_is_refused_and_nothing_is_added(
    plan: PlanFile, fields: dict[str, object], message: str
) -> None:
    with pytest.raises(EditRefusedError, match=message):
        add_agreement(plan, "practice", "Joint pipeline review", **fields)  # type: ignore[arg-type]
    assert read_agreements(plan) == ()


def test_a_kind_that_is_none_is_refused_in_words_a_leader_reads(plan: PlanFile) -> None:
    with pytest.raises(EditRefusedError, match="journey stage, hand-off, decision right, incentive"):
        add_agreement(plan, "promise", "Be nice")


def test_an_edit_is_held_to_the_fields_rule_and_undone_by_its_previous_values(plan: PlanFile) -> None:
    practice = add_agreement(plan, "practice", "Marketing joins a customer visit").id
    with pytest.raises(EditRefusedError, match="Cadence"):
        update_fields(plan, Kind.AGREEMENT, practice, {"cadence": "now and then"})
    changed = update_fields(plan, Kind.AGREEMENT, practice, {"cadence": "quarterly"})
    assert read_agreements(plan)[0].cadence == "quarterly"
    update_fields(plan, Kind.AGREEMENT, practice, dict(changed.previous))
    assert read_agreements(plan)[0].cadence == ""
    with pytest.raises(EditRefusedError):
        update_fields(plan, Kind.AGREEMENT, practice, {"kind": "incentive"})  # what it is stays


def test_every_leader_must_agree_and_the_last_stance_counts(plan: PlanFile) -> None:
    _, _, maya, priya = _room(plan)
    stage = add_agreement(plan, "journey_stage", "SQL").id
    record_agreement_stance(plan, stage, maya, Stance.AGREED, at=T0)
    assert not read_agreements(plan)[0].bought_in
    record_agreement_stance(plan, stage, priya, Stance.AGREED, "Fine by marketing", at=T0)
    (view,) = read_agreements(plan)
    assert view.bought_in
    assert view.stance_of(priya) is Stance.AGREED
    changed = record_agreement_stance(plan, stage, priya, Stance.CHANGES_REQUESTED, "24 h is too slow")
    assert not read_agreements(plan)[0].bought_in
    remove(plan, Kind.AGREEMENT_STANCE, changed.id)  # undo the last stance
    assert read_agreements(plan)[0].bought_in


def test_removing_what_an_agreement_names_clears_it_and_undo_names_it_again(plan: PlanFile) -> None:
    sales, _, maya, _ = _room(plan)
    sql = add_definition(plan, "Sales qualified lead").id
    objective = add_objective(plan, "Clean hand-offs", [sales]).id
    metric = add_metric(plan, objective, "Time to first touch", unit="hours", direction=Direction.DOWN).id
    hand_off = add_agreement(
        plan, "hand_off", "Demo request", owner_id=maya, definition_id=sql, metric_id=metric
    ).id
    gone = remove(plan, Kind.METRIC, metric)
    assert read_agreements(plan)[0].metric_id is None
    restore(plan, gone)
    assert read_agreements(plan)[0].metric_id == metric
    gone = remove(plan, Kind.LEADER, maya)
    assert read_agreements(plan)[0].owner_id is None
    restore(plan, gone)
    (view,) = read_agreements(plan)
    assert (view.id, view.owner_id, view.definition_id) == (hand_off, maya, sql)


def test_removing_an_agreement_takes_its_buy_in_and_undo_brings_both_back(plan: PlanFile) -> None:
    _, _, maya, _ = _room(plan)
    stage = add_agreement(plan, "journey_stage", "SQL").id
    record_agreement_stance(plan, stage, maya, Stance.AGREED, at=T0)
    gone = remove(plan, Kind.AGREEMENT, stage)
    assert read_agreements(plan) == ()
    restore(plan, gone)
    (view,) = read_agreements(plan)
    assert view.stance_of(maya) is Stance.AGREED


def test_an_incentive_of_one_teams_objective_is_flagged_until_the_objective_is_shared(plan: PlanFile) -> None:
    sales, marketing, _, _ = _room(plan)
    objective = add_objective(plan, "More MQLs", [marketing]).id
    flagged = add_agreement(plan, "incentive", "MQL volume", team_id=marketing, objective_id=objective).id
    loose = add_agreement(plan, "incentive", "Activity points").id
    warnings = incentive_warnings(plan)
    assert "“More MQLs”, which only one team holds" in warnings[flagged]
    assert "ties to no objective" in warnings[loose]
    set_objective_teams(plan, objective, [sales, marketing])
    assert flagged not in incentive_warnings(plan)


def test_agreements_and_the_business_model_are_signed_content_and_export(plan: PlanFile) -> None:
    sales, _, _, _ = _room(plan)
    before = signed_content(plan)
    update_fields(
        plan,
        Kind.PLAN,
        read_details(plan).id,
        {"business_model": "sales-led", "business_model_why": "Six-figure deals need a rep."},
    )
    add_agreement(plan, "decision_right", "Pricing", team_id=sales, why="Sales owns the deal desk.")
    content = signed_content(plan)
    assert content != before
    assert content["plan"]["business_model"] == "sales-led"
    (right,) = content["agreements"]
    assert (right["kind"], right["title"], right["why"]) == (
        "decision_right",
        "Pricing",
        "Sales owns the deal desk.",
    )
    assert plan_document(plan)["agreements"] == content["agreements"]
    with pytest.raises(EditRefusedError, match="Business model"):
        update_fields(plan, Kind.PLAN, read_details(plan).id, {"business_model": "vibes-led"})


def test_the_incentives_an_edit_touched_are_judged_alone_by_the_same_rule(plan: PlanFile) -> None:
    _sales, marketing, _, _ = _room(plan)
    objective = add_objective(plan, "More MQLs", [marketing]).id
    flagged = add_agreement(plan, "incentive", "MQL volume", objective_id=objective).id
    loose = add_agreement(plan, "incentive", "Activity points").id
    every = incentive_warnings(plan)
    assert set(every) == {flagged, loose}
    assert incentive_warnings(plan, {flagged}) == {flagged: every[flagged]}
    assert incentive_warnings(plan, ()) == {}
