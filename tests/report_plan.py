"""A plan two quarters into its tracking, made with the services' verbs as the app makes it, for the
results report's tests: signed at the offsite, then check-ins through Q1 and Q2 2027, the quarter's
reviews (one score overridden with a reason), wins with the people to thank, an alignment reading."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from offsite.domain.values import Kind, Stance
from offsite.services import checkins
from offsite.services.brainstorm import set_funnel
from offsite.services.buyin import record_stance
from offsite.services.changes import update_fields
from offsite.services.objectives import add_metric, add_objective
from offsite.services.plans import create_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.services.signoff import freeze, sign
from offsite.store import PlanFile

D = dt.date
T0 = dt.datetime(2027, 1, 15, 16, 0)
TITLE = "Northwind Revenue Offsite"
OVERRIDE_REASON = "Two deals signed on 2 April were won in March; the leaders count them."


@dataclass(frozen=True)
class ReportPlan:
    path: Path
    objectives: dict[str, int]
    metrics: dict[str, int]
    leaders: dict[str, int]


def make_report_plan(path: Path, *, signed: bool = True) -> ReportPlan:
    """The plan (see the module docstring); closed again before it is returned."""
    plan = create_plan(path, TITLE)
    try:
        return _fill(plan, path, signed)
    finally:
        plan.close()


def _fill(plan: PlanFile, path: Path, signed: bool) -> ReportPlan:
    update_plan_details(plan, starts_on=D(2027, 1, 14), ends_on=D(2027, 1, 15), horizon="H1 2027")
    sales, marketing = add_team(plan, "Sales").id, add_team(plan, "Marketing").id
    maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
    priya = add_leader(plan, "Priya Raman", "Chief Marketing Officer", marketing).id
    goal = add_company_goal(plan, "Grow revenue 40% in 2027").id
    # Per quarter: 1,000,000 of revenue, 20 deals, 80 opportunities, 160 SQLs, 400 MQLs, 2,000 leads.
    set_funnel(
        plan,
        goal,
        revenue_target=2_000_000,
        average_deal_size=50_000,
        win_rate=25,
        sql_to_opportunity=50,
        mql_to_sql=40,
        lead_to_mql=20,
        quarters=["Q1 2027", "Q2 2027"],
    )
    logos = add_objective(plan, "Win twenty new logos", [sales], period="Q1 2027", goal_ids=[goal]).id
    funnel = add_objective(
        plan, "Fill the top of the funnel", [marketing], period="H1 2027", goal_ids=[goal]
    ).id
    metrics = {
        "Deals won": add_metric(
            plan, logos, "Deals won", unit="deals", baseline=0, target=20, due=D(2027, 3, 31)
        ).id,
        "SQLs accepted": add_metric(
            plan, logos, "SQLs accepted", unit="SQLs", baseline=0, target=160, due=D(2027, 3, 31)
        ).id,
        "MQLs handed over": add_metric(
            plan, funnel, "MQLs handed over", unit="MQLs", baseline=0, target=800, due=D(2027, 6, 30)
        ).id,
        "SQLs sourced": add_metric(
            plan, funnel, "SQLs sourced", unit="SQLs", baseline=0, target=300, due=D(2027, 6, 30)
        ).id,
    }
    stages = {
        "Deals won": "deals",
        "SQLs accepted": "sqls",
        "MQLs handed over": "mqls",
        "SQLs sourced": "sqls",
    }
    for name, stage in stages.items():
        update_fields(plan, Kind.METRIC, metrics[name], {"funnel_stage": stage})
    record_stance(plan, logos, maya, Stance.AGREED, at=T0)
    record_stance(plan, funnel, priya, Stance.AGREED, at=T0)
    if signed:
        version = freeze(plan, frozen_by="Facilitator", at=T0).id
        sign(plan, version, maya, "MO", at=T0 + dt.timedelta(minutes=1))
        sign(plan, version, priya, "PR", at=T0 + dt.timedelta(minutes=2))

    def check_in(metric: str, day: dt.date, value: float, confidence: int | None, leader: int) -> None:
        checkins.check_in(
            plan, metrics[metric], value, as_of=day, confidence=confidence, leader_id=leader, at=T0
        )

    # Q1: deals on track, SQLs behind, marketing steady.
    check_in("Deals won", D(2027, 2, 1), 5, 8, maya)
    check_in("Deals won", D(2027, 3, 1), 11, 7, maya)
    check_in("Deals won", D(2027, 3, 29), 18, 6, maya)
    check_in("SQLs accepted", D(2027, 2, 1), 30, 6, maya)
    check_in("SQLs accepted", D(2027, 3, 29), 90, 4, maya)
    check_in("MQLs handed over", D(2027, 2, 1), 110, 7, priya)
    check_in("MQLs handed over", D(2027, 3, 29), 390, 8, priya)
    check_in("SQLs sourced", D(2027, 3, 29), 140, 7, priya)
    # Q2: marketing only (the sales objective was for Q1).
    check_in("MQLs handed over", D(2027, 5, 3), 560, 6, priya)
    check_in("MQLs handed over", D(2027, 6, 28), 780, 9, priya)
    check_in("SQLs sourced", D(2027, 6, 28), 290, 8, priya)

    checkins.review_objective(
        plan,
        logos,
        "2027-Q1",
        score=1.0,
        reason=OVERRIDE_REASON,
        worked="Daily call blocks for the SDR team.",
        did_not_work="Legal review held contracts for two weeks.",
        decision="keep",
        at=T0,
    )
    checkins.review_objective(
        plan,
        funnel,
        "2027-Q1",
        worked="The webinar series.",
        did_not_work="Paid search.",
        decision="change",
        at=T0,
    )
    checkins.log_win(
        plan,
        D(2027, 2, 12),
        "First enterprise logo: Contoso",
        thanks="Maya Okafor and the SDR team",
        objective_id=logos,
        at=T0,
    )
    checkins.log_win(plan, D(2027, 5, 20), "Webinar with 900 sign-ups", thanks="Priya Raman", at=T0)
    checkins.take_alignment_reading(plan, "2027-Q1", 58, 3.6, at=T0)
    return ReportPlan(
        path,
        {"logos": logos, "funnel": funnel},
        metrics,
        {"Maya Okafor": maya, "Priya Raman": priya},
    )
