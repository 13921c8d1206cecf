"""Overlap review: which pairs of objectives each rule finds, and which it leaves alone."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from offsite.domain.overlap import (
    GoalGroup,
    Overlap,
    OverlapRule,
    find_overlaps,
    finding_key,
    goal_groups,
    is_lead_volume,
    targets_ideal_customer,
)
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
REVENUE, RETENTION = 1, 2
GOALS = (
    CompanyGoalView(REVENUE, "Grow revenue 50% in 2027", 20, 30, "M USD", None),
    CompanyGoalView(RETENTION, "Net revenue retention above 110%", 102, 110, "%", None),
)
DETAILS = PlanDetails("Offsite", None, None, "", "", "")

_metric_ids = iter(range(1000, 100000))


def metric(name: str, *, unit: str = "", data_source: str = "", objective_id: int = 0) -> MetricView:
    return MetricView(
        next(_metric_ids), objective_id, name, unit, None, None, Direction.UP, None, data_source, False, False
    )


def objective(
    objective_id: int,
    statement: str,
    *teams: int,
    method: str = "",
    goals: tuple[int, ...] = (),
    metrics: tuple[MetricView, ...] = (),
) -> ObjectiveView:
    return ObjectiveView(objective_id, statement, "H1 2027", method, tuple(teams), goals, metrics)


def plan(*objectives: ObjectiveView) -> PlanView:
    return PlanView(DETAILS, TEAMS, (), GOALS, tuple(objectives))


def findings(view: PlanView, rule: OverlapRule) -> list[Overlap]:
    return [f for f in find_overlaps(view) if f.rule is rule]


# --- Shared metric name ----------------------------------------------------------------------------


def test_a_metric_of_the_same_name_ignoring_case_and_spacing_is_found() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, metrics=(metric("Pipeline coverage"),)),
        objective(2, "Fill the pipeline", MARKETING, metrics=(metric("  pipeline\tCOVERAGE "),)),
    )
    [found] = findings(view, OverlapRule.SHARED_METRIC_NAME)
    assert (found.first_id, found.second_id) == (1, 2)
    assert found.detail == "Both measure a metric named “Pipeline coverage”."
    assert found.key == "shared_metric_name:1:2"


def test_metrics_of_different_names_are_not_found() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, metrics=(metric("Pipeline coverage"),)),
        objective(2, "Fill the pipeline", MARKETING, metrics=(metric("Pipeline created"),)),
    )
    assert findings(view, OverlapRule.SHARED_METRIC_NAME) == []


def test_the_same_team_never_overlaps_with_itself() -> None:
    view = plan(
        objective(
            1, "Go outbound", SALES, goals=(REVENUE,), metrics=(metric("Pipeline", data_source="CRM"),)
        ),
        objective(
            2, "Go outbound", SALES, goals=(REVENUE,), metrics=(metric("Pipeline", data_source="CRM"),)
        ),
    )
    assert find_overlaps(view) == []


def test_objectives_owned_by_the_same_set_of_teams_are_not_compared() -> None:
    view = plan(
        objective(1, "One funnel view", SALES, MARKETING, metrics=(metric("Pipeline"),)),
        objective(2, "One funnel", MARKETING, SALES, metrics=(metric("Pipeline"),)),
    )
    assert find_overlaps(view) == []


def test_a_shared_objective_is_compared_with_one_team_of_its_own() -> None:
    view = plan(
        objective(1, "One funnel view", SALES, MARKETING, metrics=(metric("Pipeline"),)),
        objective(2, "Fill the pipeline", MARKETING, metrics=(metric("Pipeline"),)),
    )
    assert [f.key for f in findings(view, OverlapRule.SHARED_METRIC_NAME)] == ["shared_metric_name:1:2"]


def test_an_objective_without_a_team_is_never_compared() -> None:
    view = plan(
        objective(1, "Go outbound", metrics=(metric("Pipeline"),)),
        objective(2, "Fill the pipeline", MARKETING, metrics=(metric("Pipeline"),)),
    )
    assert find_overlaps(view) == []


def test_several_shared_metric_names_make_one_finding() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, metrics=(metric("Pipeline"), metric("Meetings"), metric("Calls"))),
        objective(2, "Fill the pipeline", MARKETING, metrics=(metric("meetings"), metric("pipeline"))),
    )
    [found] = findings(view, OverlapRule.SHARED_METRIC_NAME)
    assert found.detail == "Both measure metrics named “Meetings” and “Pipeline”."


def test_empty_metric_names_never_match() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, metrics=(metric(" "),)),
        objective(2, "Fill the pipeline", MARKETING, metrics=(metric(""),)),
    )
    assert findings(view, OverlapRule.SHARED_METRIC_NAME) == []


# --- Shared data source ----------------------------------------------------------------------------


def test_the_same_data_source_is_found() -> None:
    view = plan(
        objective(
            1, "Go outbound", SALES, metrics=(metric("Opportunities", data_source="CRM: pipeline by source"),)
        ),
        objective(
            2,
            "Fill the pipeline",
            MARKETING,
            metrics=(metric("Pipeline", data_source="crm:  Pipeline by source"),),
        ),
    )
    [found] = findings(view, OverlapRule.SHARED_DATA_SOURCE)
    assert found.detail == "Both read metrics from the same data source: “CRM: pipeline by source”."
    assert findings(view, OverlapRule.SHARED_METRIC_NAME) == []


def test_empty_data_sources_never_match() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, metrics=(metric("Opportunities", data_source=""),)),
        objective(2, "Fill the pipeline", MARKETING, metrics=(metric("Pipeline", data_source="   "),)),
    )
    assert findings(view, OverlapRule.SHARED_DATA_SOURCE) == []


def test_different_data_sources_are_not_found() -> None:
    view = plan(
        objective(
            1, "Go outbound", SALES, metrics=(metric("Opportunities", data_source="CRM: pipeline dashboard"),)
        ),
        objective(
            2,
            "Fill the pipeline",
            MARKETING,
            metrics=(metric("Pipeline", data_source="CRM: pipeline by source"),),
        ),
    )
    assert findings(view, OverlapRule.SHARED_DATA_SOURCE) == []


# --- Same company goal: the design, never a finding ------------------------------------------------


def test_four_teams_serving_one_company_goal_make_one_group_and_no_finding() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, goals=(REVENUE,)),
        objective(2, "Fill the pipeline", MARKETING, goals=(REVENUE,)),
        objective(3, "Expand happy customers", SUCCESS, goals=(RETENTION, REVENUE)),
        objective(4, "Clean hand-offs", REVOPS, SALES, goals=(REVENUE,)),
    )
    assert find_overlaps(view) == []
    assert goal_groups(view) == [GoalGroup(REVENUE, "Grow revenue 50% in 2027", (1, 2, 3, 4))]


def test_a_goal_served_by_one_set_of_teams_only_makes_no_group() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, goals=(REVENUE,)),
        objective(2, "Named accounts", SALES, goals=(REVENUE, RETENTION)),
        objective(3, "Own the category", goals=(RETENTION,)),  # no team: serves, but no team's
        objective(4, "Clean hand-offs", REVOPS),
    )
    assert goal_groups(view) == []


def test_a_shared_metric_is_still_a_finding_between_objectives_of_one_goal() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, goals=(REVENUE,), metrics=(metric("Pipeline coverage"),)),
        objective(
            2, "Fill the pipeline", MARKETING, goals=(REVENUE,), metrics=(metric("Pipeline coverage"),)
        ),
    )
    assert [f.key for f in find_overlaps(view)] == ["shared_metric_name:1:2"]
    assert [g.objective_ids for g in goal_groups(view)] == [(1, 2)]


# --- Similar wording -------------------------------------------------------------------------------


def test_most_significant_words_in_common_are_found() -> None:
    view = plan(
        objective(1, "Book meetings with target accounts", SALES),
        objective(2, "Booking meetings for the target account list", MARKETING),
    )
    [found] = findings(view, OverlapRule.SIMILAR_WORDING)
    # {book, meeting, target, account} against {booking, meeting, target, account, list}: 3 of 4.
    assert (
        found.detail
        == "They share 3 of the 4 significant words of the shorter one: account, meeting, target."
    )


def test_statement_and_method_are_read_together() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, method="Build account lists for sequences"),
        objective(2, "Account lists", MARKETING, method="Sequences go outbound"),
    )
    assert len(findings(view, OverlapRule.SIMILAR_WORDING)) == 1


def test_one_shared_word_is_not_enough() -> None:
    view = plan(objective(1, "Pipeline", SALES), objective(2, "Pipeline", MARKETING))
    assert findings(view, OverlapRule.SIMILAR_WORDING) == []


def test_less_than_half_the_words_is_not_enough() -> None:
    view = plan(
        objective(1, "Grow pipeline from outbound calls to mid-market accounts", SALES),
        objective(2, "Grow pipeline with webinars, events, content and paid search", MARKETING),
    )
    assert findings(view, OverlapRule.SIMILAR_WORDING) == []


# --- Known conflict --------------------------------------------------------------------------------


def test_marketing_on_lead_volume_against_sales_on_the_ideal_customer_is_a_known_conflict() -> None:
    view = plan(
        objective(
            1,
            "Go outbound",
            SALES,
            method="A six-person pod works the accounts that match our ideal customer profile.",
        ),
        objective(2, "Fill the funnel", MARKETING, metrics=(metric("MQLs generated", unit="MQLs"),)),
    )
    [found] = findings(view, OverlapRule.KNOWN_CONFLICT)
    assert (found.first_id, found.second_id) == (1, 2)
    assert found.detail == (
        "“Fill the funnel” (Marketing) is measured on lead volume (“MQLs generated”), "
        "while “Go outbound” (Sales) targets the ideal customer."
    )


def test_no_conflict_when_sales_does_not_target_an_ideal_customer() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, method="Call everyone."),
        objective(2, "Fill the funnel", MARKETING, metrics=(metric("Inbound leads", unit="leads"),)),
    )
    assert findings(view, OverlapRule.KNOWN_CONFLICT) == []


def test_no_conflict_when_marketing_counts_qualified_leads() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, metrics=(metric("Meetings with ICP accounts"),)),
        objective(2, "Fill the funnel", MARKETING, metrics=(metric("Sales qualified leads", unit="SQLs"),)),
    )
    assert findings(view, OverlapRule.KNOWN_CONFLICT) == []


def test_no_conflict_when_the_roles_are_the_other_way_round() -> None:
    view = plan(
        objective(1, "Go outbound", SALES, metrics=(metric("Leads called", unit="leads"),)),
        objective(2, "Brand", MARKETING, method="Campaigns for our target accounts."),
    )
    assert findings(view, OverlapRule.KNOWN_CONFLICT) == []


def test_no_conflict_for_teams_in_neither_role() -> None:
    view = plan(
        objective(1, "Renewals", SUCCESS, method="Ideal customer first."),
        objective(2, "Routing", REVOPS, metrics=(metric("Leads routed", unit="leads"),)),
    )
    assert findings(view, OverlapRule.KNOWN_CONFLICT) == []


@pytest.mark.parametrize(
    ("name", "unit", "volume"),
    [
        ("MQLs generated", "", True),
        ("Inbound leads", "leads", True),
        ("Marketing qualified leads", "", True),
        ("New contacts", "leads", True),
        ("Sales qualified leads", "", False),
        ("SQLs", "", False),
        ("Leads from the ICP", "", False),
        ("Leads from target accounts", "", False),
        ("MQL to SQL conversion", "%", False),
        ("Leads routed within 5 minutes", "%", False),
        ("Lead response time", "hours", False),
        ("Marketing-sourced pipeline", "M USD", False),
        ("Leadership offsites", "", False),
    ],
)
def test_what_counts_as_lead_volume(name: str, unit: str, volume: bool) -> None:
    assert is_lead_volume(metric(name, unit=unit)) is volume


def test_ideal_customer_is_read_in_statement_method_and_metric_names() -> None:
    assert targets_ideal_customer(objective(1, "Win ICP deals", SALES))
    assert targets_ideal_customer(objective(1, "Go", SALES, method="Work the Target-Accounts list"))
    assert targets_ideal_customer(objective(1, "Go", SALES, metrics=(metric("Ideal customers won"),)))
    assert not targets_ideal_customer(objective(1, "Go outbound", SALES, method="Any customer will do"))


def test_a_conflict_found_both_ways_is_reported_once() -> None:
    team_both = (*TEAMS, TeamView(5, "Sales & Marketing"))
    view = PlanView(
        DETAILS,
        team_both,
        (),
        GOALS,
        (
            objective(1, "ICP pod", 5, metrics=(metric("Leads", unit="leads"),)),
            objective(2, "Target accounts", 1, 2, metrics=(metric("Leads", unit="leads"),)),
        ),
    )
    assert len(findings(view, OverlapRule.KNOWN_CONFLICT)) == 1


# --- The whole list --------------------------------------------------------------------------------


def test_a_pair_appears_under_each_rule_that_finds_it_in_rule_order() -> None:
    view = plan(
        objective(
            3,
            "Fill pipeline",
            MARKETING,
            goals=(REVENUE,),
            metrics=(metric("Pipeline", unit="M USD", data_source="CRM"), metric("Leads", unit="leads")),
        ),
        objective(
            1,
            "Fill pipeline from ideal customers",
            SALES,
            goals=(REVENUE,),
            metrics=(metric("pipeline", data_source="crm"),),
        ),
    )
    assert [f.key for f in find_overlaps(view)] == [
        "shared_metric_name:1:3",
        "shared_data_source:1:3",
        "similar_wording:1:3",
        "known_conflict:1:3",
    ]


def test_the_order_never_depends_on_the_input_order() -> None:
    objectives = [
        objective(i, f"Grow revenue pipeline {i}", (SALES, MARKETING, SUCCESS)[i % 3], goals=(REVENUE,))
        for i in range(1, 10)
    ]
    expected = find_overlaps(plan(*objectives))
    assert len(expected) > 10
    assert [(f.first_id, f.second_id) for f in expected] == sorted(
        (f.first_id, f.second_id) for f in expected
    )
    for seed in range(5):
        shuffled = objectives[:]
        random.Random(seed).shuffle(shuffled)
        assert find_overlaps(plan(*shuffled)) == expected


def test_every_rule_has_a_sentence_and_a_label() -> None:
    for rule in OverlapRule:
        assert rule.text.endswith(".")
        assert rule.label
    assert OverlapRule.SHARED_METRIC_NAME.text == (
        "Objectives of different teams that track a metric of the same name (ignoring case and spacing)."
    )


def test_the_key_puts_the_smaller_id_first() -> None:
    assert finding_key(OverlapRule.SIMILAR_WORDING, 7, 3) == "similar_wording:3:7"


def test_an_empty_plan_has_no_overlaps() -> None:
    assert find_overlaps(plan()) == []


def test_dates_do_not_matter() -> None:
    # MetricView.due plays no part: two metrics with the same name but other dues still overlap.
    a = MetricView(1, 1, "NRR", "%", 100, 110, Direction.UP, dt.date(2027, 3, 31), "", True, True)
    b = MetricView(2, 2, "NRR", "%", 100, 110, Direction.UP, dt.date(2027, 6, 30), "", True, True)
    view = plan(objective(1, "Keep", SUCCESS, metrics=(a,)), objective(2, "Grow", SALES, metrics=(b,)))
    assert len(findings(view, OverlapRule.SHARED_METRIC_NAME)) == 1
