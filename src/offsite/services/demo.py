"""The demo plan: a realistic offsite drawn from the source articles, for first run and screenshots."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from offsite.domain.values import Direction, Stance
from offsite.services.buyin import record_stance
from offsite.services.objectives import add_metric, add_objective
from offsite.services.plans import create_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.store import PlanFile

Q1_END = dt.date(2027, 3, 31)
H1_END = dt.date(2027, 6, 30)


def write_demo_plan(path: Path | str) -> PlanFile:
    """Create the demo plan at ``path`` (which must not exist) and return it open."""
    plan = create_plan(path, "Sales & Marketing Offsite 2027")
    update_plan_details(
        plan,
        starts_on=dt.date(2027, 1, 14),
        ends_on=dt.date(2027, 1, 15),
        venue="The Boathouse, Lake Windermere",
        horizon="H1 2027",
        vision=(
            "By 2029, the CRM that growing businesses trust most: one revenue team from first touch "
            "to renewal, measured on the same numbers."
        ),
    )
    sales = add_team(plan, "Sales").id
    marketing = add_team(plan, "Marketing").id
    success = add_team(plan, "Customer Success").id
    revops = add_team(plan, "RevOps").id

    maya = add_leader(plan, "Maya Okafor", "VP of Sales", sales).id
    tomas = add_leader(plan, "Tomás Herrera", "Head of Sales Development", sales).id
    priya = add_leader(plan, "Priya Raman", "Chief Marketing Officer", marketing).id
    lena = add_leader(plan, "Lena Fischer", "Head of Demand Generation", marketing).id
    daniel = add_leader(plan, "Daniel Kim", "VP of Customer Success", success).id
    aiko = add_leader(plan, "Aiko Tanaka", "Head of Revenue Operations", revops).id

    revenue = add_company_goal(
        plan, "Grow revenue 50% in 2027", baseline=20, target=30, unit="M USD", due=dt.date(2027, 12, 31)
    ).id
    retention = add_company_goal(
        plan,
        "Net revenue retention above 110%",
        baseline=102,
        target=110,
        unit="%",
        due=dt.date(2027, 12, 31),
    ).id

    outbound = add_objective(
        plan,
        "Go outbound",
        [sales],
        period="Q1 2027",
        goal_ids=[revenue],
        method=(
            "Stand up a six-person outbound pod focused on mid-market accounts that match our ideal customer "
            "profile. Marketing builds the account lists and sequences for the top 500 accounts each quarter. "
            "Sales development books first meetings and account executives run discovery within 48 hours. "
            "We review outbound conversion together in the weekly pipeline meeting."
        ),
    ).id
    add_metric(
        plan,
        outbound,
        "Appointments booked",
        unit="meetings",
        baseline=40,
        target=180,
        due=Q1_END,
        data_source="CRM: outbound activities report",
    )
    add_metric(
        plan,
        outbound,
        "Opportunities from outbound",
        unit="opportunities",
        baseline=8,
        target=45,
        due=Q1_END,
        data_source="CRM: outbound opportunities report",
    )

    pipeline = add_objective(
        plan,
        "Fill the pipeline",
        [marketing],
        period="H1 2027",
        goal_ids=[revenue],
        method=(
            "Shift budget from lead volume to connected campaigns aimed at the ideal customer profile. "
            "Every campaign carries a pipeline target agreed with Sales before launch. "
            "Lead scoring is rebuilt with Sales so that an MQL means the same thing to both teams."
        ),
    ).id
    add_metric(
        plan,
        pipeline,
        "Marketing-sourced pipeline",
        unit="M USD",
        baseline=4.2,
        target=7.5,
        due=H1_END,
        data_source="CRM: pipeline by source",
        shared=True,
    )
    add_metric(
        plan,
        pipeline,
        "MQL to SQL conversion",
        unit="%",
        baseline=18,
        target=28,
        due=H1_END,
        data_source="Marketing automation: lifecycle report",
        shared=True,
    )

    funnel = add_objective(
        plan,
        "One funnel view",
        [sales, marketing],
        period="H1 2027",
        goal_ids=[revenue],
        method=(
            "Sales and Marketing track one set of full-funnel numbers, from first touch to closed revenue. "
            "RevOps publishes a shared dashboard every Monday morning. "
            "Both teams review it weekly, and again at month and quarter end to correct course. "
            "Results are presented together to the company each quarter."
        ),
    ).id
    add_metric(
        plan,
        funnel,
        "Full-funnel pipeline coverage",
        unit="× quota",
        baseline=2.1,
        target=3.0,
        due=H1_END,
        data_source="CRM: pipeline dashboard",
        shared=True,
    )

    expand = add_objective(
        plan,
        "Expand happy customers",
        [success, sales],
        period="H1 2027",
        goal_ids=[retention, revenue],
        method=(
            "Customer Success flags expansion signals from health scores to account executives each week. "
            "Marketing runs an advocacy programme that turns reference customers into case studies. "
            "Every renewal conversation starts ninety days before the date with a joint success plan."
        ),
    ).id
    add_metric(
        plan,
        expand,
        "Net revenue retention",
        unit="%",
        baseline=102,
        target=110,
        due=H1_END,
        data_source="Billing: NRR report",
        customer_centric=True,
        shared=True,
    )
    add_metric(
        plan,
        expand,
        "Customer satisfaction (CSAT)",
        unit="%",
        baseline=82,
        target=90,
        due=H1_END,
        data_source="Support desk: CSAT survey",
        customer_centric=True,
    )

    handoffs = add_objective(
        plan,
        "Clean hand-offs",
        [revops, marketing, sales],
        period="Q1 2027",
        goal_ids=[revenue],
        method=(
            "RevOps writes down what a sales qualified lead is, with both teams, and builds it into routing. "
            "Every inbound lead reaches a named owner within five minutes. "
            "Rejected leads go back to Marketing with a reason that feeds the next campaign."
        ),
    ).id
    add_metric(
        plan,
        handoffs,
        "Leads routed within 5 minutes",
        unit="%",
        baseline=61,
        target=95,
        due=Q1_END,
        data_source="CRM: lead routing log",
    )
    add_metric(
        plan,
        handoffs,
        "SQL acceptance rate",
        unit="%",
        baseline=70,
        target=90,
        due=Q1_END,
        data_source="CRM: lead status history",
        shared=True,
    )
    add_metric(
        plan,
        handoffs,
        "Time to first touch",
        unit="hours",
        baseline=20,
        target=2,
        direction=Direction.DOWN,
        due=Q1_END,
        data_source="CRM: activity timestamps",
    )

    category = add_objective(
        plan,
        "Own the category",
        [marketing],
        period="H1 2027",
        method=(
            "Publish a quarterly state-of-the-market report with data from our own customers. "
            "Brief the ten analysts who cover our space every quarter. "
            "Sales uses the report as the opener in every outbound sequence."
        ),
    ).id
    add_metric(
        plan,
        category,
        "Share of voice",
        unit="%",
        baseline=11,
        target=18,
        due=H1_END,
        data_source="Media monitoring: share of voice",
    )

    start = dt.datetime(2027, 1, 14, 10, 0)
    minute = dt.timedelta(minutes=1)
    stances = [
        (outbound, maya, Stance.AGREED, "Pod is hired; we start in week one."),
        (outbound, tomas, Stance.DISCUSSING, "Need clarity on who owns the sequences."),
        (outbound, tomas, Stance.AGREED, "Marketing owns sequences, SDRs own follow-up."),
        (pipeline, priya, Stance.AGREED, ""),
        (pipeline, lena, Stance.AGREED, "Budget shift approved."),
        (funnel, maya, Stance.AGREED, ""),
        (funnel, tomas, Stance.AGREED, ""),
        (funnel, priya, Stance.AGREED, ""),
        (funnel, lena, Stance.CHANGES_REQUESTED, "Coverage target should be 3.5× for enterprise deals."),
        (expand, daniel, Stance.AGREED, "Health scores are ready."),
        (expand, maya, Stance.DISCUSSING, "Quota relief for expansion deals?"),
        (handoffs, aiko, Stance.AGREED, ""),
        (handoffs, priya, Stance.DISCUSSING, "Five minutes is hard on weekends."),
    ]
    for index, (objective, leader, stance, comment) in enumerate(stances):
        record_stance(plan, objective, leader, stance, comment, at=start + index * 7 * minute)
    return plan
