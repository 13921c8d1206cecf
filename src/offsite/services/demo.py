"""The demo plan: a realistic offsite drawn from the source articles, for first run and screenshots."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from offsite.domain.exercises import Exercise, SmartCriterion, SwitchItemKind, SwitchSide
from offsite.domain.overlap import OverlapRule
from offsite.domain.signoff import ResolutionAction
from offsite.domain.values import Direction, Kind, Stance
from offsite.exchange.drafts import export_draft_pack, merge_drafts, preview_merge
from offsite.services.brainstorm import (
    add_candidate,
    add_switch_item,
    add_team_goal,
    add_team_switch,
    add_theme,
    add_why_node,
    read_brainstorm,
    set_empathy_note,
    set_funnel,
    set_impact,
    set_smart,
    vote,
)
from offsite.services.buyin import record_stance
from offsite.services.changes import update_fields
from offsite.services.definitions import add_definition, record_definition_stance
from offsite.services.objectives import add_metric, add_objective
from offsite.services.overlaps import resolve_overlap
from offsite.services.plans import open_plan, read_plan
from offsite.services.prepare import add_company_goal, add_leader, add_team, update_plan_details
from offsite.services.shortlist import keep_top
from offsite.services.signoff import freeze, read_signoff, reopen, sign
from offsite.services.survey import rate_alignment
from offsite.store import PlanFile, create_plan_file
from offsite.store.models import Candidate, Objective, Plan

Q1_END = dt.date(2027, 3, 31)
H1_END = dt.date(2027, 6, 30)
#: When Daniel Kim drafted alone, and when the facilitator merged his draft.
DRAFTED_AT = dt.datetime(2027, 1, 6, 18, 30)
DRAFT_MERGED_AT = dt.datetime(2027, 1, 14, 8, 45)


def write_demo_plan(path: Path | str) -> PlanFile:
    """Create the demo plan at ``path`` (which must not exist) and return it open.

    The plan is built beside ``path`` and appears there whole, never over another file.
    """
    path = Path(path)
    return create_plan_file(
        path, _fill_demo, exists=f"“{path.name}” already exists; choose a new file name for the demo plan."
    )


def _fill_demo(plan: PlanFile) -> None:
    with plan.write() as session:
        session.add(Plan(title="Sales & Marketing Offsite 2027", venue="", horizon="", vision=""))
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
        data_source="CRM: pipeline by source",
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

    # Daniel drafted this one alone before the offsite; it came into the plan with his draft.
    expand = _merge_demo_draft(plan, daniel, "daniel-kim-draft.offsite", _daniel_drafts_expansion)

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
    add_metric(  # what the offsite's overlap review is for: Sales narrowed to the ideal customer
        plan,
        category,
        "Inbound leads",
        unit="leads",
        baseline=2400,
        target=3600,
        due=H1_END,
        data_source="Marketing automation: new leads",
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

    promoted = _brainstorm(
        plan,
        teams=(sales, marketing, success, revops),
        leaders=(maya, tomas, priya, lena, daniel, aiko),
        goals=(revenue, retention),
    )
    _keep_origins(
        plan, {outbound: promoted["outbound"], pipeline: promoted["mqls"], expand: promoted["expand"]}
    )
    _definitions_survey_overlaps(
        plan,
        teams=(sales, marketing, success, revops),
        leaders=(maya, tomas, priya, lena, daniel, aiko),
        overlap=(outbound, pipeline),
        start=start + dt.timedelta(hours=2),
    )
    add_signed_version(plan)
    add_demo_agenda(plan)


#: Who ran the offsite: the demo's facilitator freezes the plan (she is no leader, so does not sign).
FACILITATOR = "Sam Whitfield (facilitator)"
SIGNED_ON = dt.datetime(2027, 1, 15, 16, 30)


def _merge_demo_draft(
    plan: PlanFile, leader_id: int, file_name: str, build: Callable[[PlanFile], None]
) -> int:
    """Draft in a pack for one leader, as they would before the offsite, and merge it; the new objective's id."""
    leader = next(p for p in read_plan(plan).leaders if p.id == leader_id)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / file_name
        export_draft_pack(plan, leader.uid, path, at=DRAFTED_AT)
        with open_plan(path) as draft:
            build(draft)
        before = {o.id for o in read_plan(plan).objectives}
        merge_drafts(plan, preview_merge(plan, [path]), at=DRAFT_MERGED_AT)
    return next(o.id for o in read_plan(plan).objectives if o.id not in before)


def _daniel_drafts_expansion(draft: PlanFile) -> None:
    """Daniel Kim's draft: the expansion objective, written against the pack's teams and goals."""
    view = read_plan(draft)
    teams = {t.name: t.id for t in view.teams}
    goals = [g.id for g in view.goals]
    expand = add_objective(
        draft,
        "Expand happy customers",
        [teams["Customer Success"], teams["Sales"]],
        period="H1 2027",
        goal_ids=[goals[1], goals[0]],  # retention, then revenue
        method=(
            "Customer Success flags expansion signals from health scores to account executives each week. "
            "Marketing runs an advocacy programme that turns reference customers into case studies. "
            "Every renewal conversation starts ninety days before the date with a joint success plan."
        ),
    ).id
    add_metric(
        draft,
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
        draft,
        expand,
        "Customer satisfaction (CSAT)",
        unit="%",
        baseline=82,
        target=90,
        due=H1_END,
        data_source="Support desk: CSAT survey",
        customer_centric=True,
    )


def add_signed_version(plan: PlanFile) -> None:
    """Version 1, signed by all six leaders at the end of day two; then re-opened and edited.

    Two objectives were not bought in yet, so the facilitator froze the plan with a recorded
    reason. The Monday after, Priya re-opened it to raise the coverage target to the 3.5× Lena
    asked for (her stance waits for the next review): the demo holds one signed version and an
    edit made since, so it opens re-opened and editable.
    """
    freeze(
        plan,
        frozen_by=FACILITATOR,
        override_reason=(
            "The CEO asked for a signed plan before Monday's board meeting; the objectives still under "
            "discussion are listed as open points and settled in the first weekly review."
        ),
        at=SIGNED_ON,
    )
    version = read_signoff(plan).locked_version_id
    assert version is not None
    view = read_plan(plan)
    for index, leader in enumerate(view.leaders):
        initials = "".join(word[0] for word in leader.name.split())
        sign(plan, version, leader.id, initials, at=SIGNED_ON + dt.timedelta(minutes=6 + 4 * index))
    monday = dt.datetime(2027, 1, 18, 9, 15)
    reopen(
        plan,
        "Priya Raman",
        "Lena: coverage target for enterprise deals goes to 3.5×, as she asked on day one.",
        at=monday,
    )
    funnel = next(o for o in view.objectives if o.statement == "One funnel view")
    coverage = next(m for m in funnel.metrics if m.name == "Full-funnel pipeline coverage")
    update_fields(plan, Kind.METRIC, coverage.id, {"target": 3.5})


def _definitions_survey_overlaps(
    plan: PlanFile,
    teams: tuple[int, int, int, int],
    leaders: tuple[int, int, int, int, int, int],
    overlap: tuple[int, int],
    start: dt.datetime,
) -> None:
    """Data definitions with some buy-in, the alignment survey, and one overlap kept with a note."""
    _sales, marketing, _success, revops = teams
    maya, tomas, priya, lena, daniel, aiko = leaders
    minute = dt.timedelta(minutes=1)
    sql = add_definition(
        plan,
        "Sales qualified lead",
        "A lead from a company in our ideal customer profile, with a named buyer who has agreed to a "
        "discovery call within 30 days. Sales development accepts or rejects it within one working day.",
        revops,
    ).id
    mql = add_definition(
        plan,
        "Marketing qualified lead",
        "A lead whose score reaches 60: fit to the ideal customer profile plus engagement in the last 30 days.",
        marketing,
    ).id
    coverage = add_definition(
        plan,
        "Pipeline coverage",
        "Open pipeline due to close this quarter, divided by the quarter's remaining quota.",
    ).id
    stances = [
        (sql, aiko, Stance.AGREED, "Built into routing from week one."),
        (sql, maya, Stance.AGREED, ""),
        (sql, priya, Stance.DISCUSSING, "Thirty days is short for enterprise buyers."),
        (mql, priya, Stance.AGREED, ""),
        (mql, lena, Stance.CHANGES_REQUESTED, "Score 60 lets in students; add a company-size floor."),
        (coverage, maya, Stance.AGREED, ""),
        (coverage, aiko, Stance.AGREED, "Same formula as the Monday dashboard."),
    ]
    for index, (definition, leader, stance, comment) in enumerate(stances):
        record_definition_stance(plan, definition, leader, stance, comment, at=start + index * 3 * minute)
    ratings = [
        (maya, 3, "Closer than last year; the hand-off still hurts."),
        (tomas, 4, ""),
        (priya, 3, "We agree on the goal, not yet on what a good lead is."),
        (lena, 2, "Lead scoring is still ours alone."),
        (daniel, 4, "Renewals finally have a seat at the table."),
    ]
    for index, (leader, rating, comment) in enumerate(ratings):
        rate_alignment(plan, leader, rating, comment, at=start + (30 + index) * minute)
    # Both read the CRM's pipeline by source: a real overlap, settled in the room. (Serving the same
    # company goal, as most objectives here do, is the design and never a finding.)
    outbound, pipeline = overlap
    resolve_overlap(
        plan,
        OverlapRule.SHARED_DATA_SOURCE,
        outbound,
        pipeline,
        ResolutionAction.KEPT,
        "Outbound and inbound are separate motions with separate owners; "
        "“One funnel view” tracks them together.",
        at=start + 40 * minute,
    )


def _keep_origins(plan: PlanFile, links: dict[int, int]) -> None:
    """Tie objectives to the shortlisted candidates they were promoted from, then reworded in the room.

    The demo writes its objectives first (they are its heart); this records the story the
    brainstorm tells about three of them, as promoting and rewording would have left it.
    """
    with plan.write() as session:
        for objective_id, candidate_id in links.items():
            candidate = session.get(Candidate, candidate_id)
            objective = session.get(Objective, objective_id)
            assert candidate is not None
            assert objective is not None
            objective.origin_candidate_uid = candidate.uid
            objective.origin_label = candidate.origin_label


GOAL, PLAN = SwitchItemKind.GOAL, SwitchItemKind.PLAN
PLAYED, REAL = SwitchSide.PLAYED, SwitchSide.REAL
YES = True
NO = False


def _why_chain(plan: PlanFile, team: int, root: str, answers: list[Any]) -> dict[str, int]:
    """Add a team's ask-why chain under ``root``: each answer is a text, or (text, [its answers]).

    Returns the node ids by text, so themes and candidates can point at them.
    """
    ids = {root: add_why_node(plan, team, root).id}
    stack = [(ids[root], answers)]
    while stack:
        parent, branch = stack.pop()
        for entry in branch:
            text, below = entry if isinstance(entry, tuple) else (entry, [])
            ids[text] = add_why_node(plan, team, text, parent).id
            stack.append((ids[text], below))
    return ids


def _brainstorm(
    plan: PlanFile,
    *,
    teams: tuple[int, int, int, int],
    leaders: tuple[int, int, int, int, int, int],
    goals: tuple[int, int],
) -> dict[str, int]:
    """The three exercises of seed 002, done: ask-why chains with a common theme, the work back from
    the revenue goal with its reverse funnel, the team switch with its empathy notes, and the
    candidate pool they fed, SMART-checked, scored and dot-voted."""
    sales, marketing, success, revops = teams
    maya, tomas, priya, lena, daniel, aiko = leaders
    revenue, retention = goals

    # --- Ask why, and keep asking.
    sales_why = _why_chain(
        plan,
        sales,
        "Sales exists to close deals",
        [
            (
                "To hit the revenue number we commit to each quarter",
                [
                    (
                        "So the company can plan hiring and spend with confidence",
                        ["So the company grows predictable revenue"],
                    )
                ],
            ),
            ("To win customers who get real value from the product", ["So customers stay and expand"]),
        ],
    )
    marketing_why = _why_chain(
        plan,
        marketing,
        "Marketing exists to generate leads",
        [
            (
                "So Sales has enough qualified pipeline to hit its number",
                [
                    (
                        "So revenue does not hang on a few lucky deals at quarter end",
                        ["So the company grows predictable revenue, quarter after quarter"],
                    )
                ],
            ),
            (
                "To attract buyers who fit our ideal customer profile",
                ["So the customers we win stay with us and expand"],
            ),
        ],
    )
    success_why = _why_chain(
        plan,
        success,
        "Customer Success exists to onboard new customers",
        [("So customers reach value in their first 90 days", ["So customers stay, renew and expand"])],
    )
    add_theme(
        plan,
        "Predictable revenue",
        [
            sales_why["So the company grows predictable revenue"],
            marketing_why["So the company grows predictable revenue, quarter after quarter"],
        ],
    )
    # "Customers stay and expand" is left for the app to suggest: the three teams' answers meet there.

    # --- Start with the company goals and work backwards.
    close = add_team_goal(
        plan, revenue, "Close 10 M USD of new business", team_id=sales, target=10, unit="M USD"
    ).id
    meetings = add_team_goal(
        plan,
        revenue,
        "Book 180 outbound meetings a quarter",
        team_id=sales,
        parent_id=close,
        target=180,
        unit="meetings",
    ).id
    mqls = add_team_goal(
        plan, revenue, "Deliver 1,400 MQLs a quarter", team_id=marketing, target=1400, unit="MQLs"
    ).id
    add_team_goal(
        plan,
        revenue,
        "Raise MQL to SQL conversion to 30%",
        team_id=marketing,
        parent_id=mqls,
        target=30,
        unit="%",
    )
    expansion = add_team_goal(
        plan, revenue, "Expansion revenue of 2 M USD", team_id=success, target=2, unit="M USD"
    ).id
    add_team_goal(
        plan,
        revenue,
        "Route every lead to an owner within 5 minutes",
        team_id=revops,
        target=5,
        unit="minutes",
    )
    renewals = add_team_goal(
        plan, retention, "Renew 95% of contracts on time", team_id=success, target=95, unit="%"
    ).id
    funnel = set_funnel(
        plan,
        revenue,
        revenue_target=10_000_000,
        average_deal_size=40_000,
        win_rate=25,
        sql_to_opportunity=60,
        mql_to_sql=30,
        lead_to_mql=15,
        quarters=["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"],
        weights=[20, 25, 25, 30],
    ).id

    # --- Switch teams: Marketing plays Sales, Sales plays Marketing.
    as_sales = add_team_switch(plan, marketing, sales, prepare_minutes=20, present_minutes=10).id
    as_marketing = add_team_switch(plan, sales, marketing, prepare_minutes=20, present_minutes=10).id
    items = {
        as_sales: [
            (PLAYED, GOAL, "Close as much new business as we can each quarter"),
            (PLAYED, PLAN, "Call every MQL until someone picks up"),
            (PLAYED, PLAN, "Discount at quarter end to hit the number"),
            (REAL, GOAL, "Close 10 M USD of new business at a 25% win rate"),
            (REAL, PLAN, "Call every new lead within one hour, while the buyer still remembers us"),
            (REAL, PLAN, "Drop accounts outside the ideal customer profile after one discovery call"),
        ],
        as_marketing: [
            (PLAYED, GOAL, "Generate as many leads as the budget allows"),
            (PLAYED, PLAN, "Run webinars and buy contact lists"),
            (REAL, GOAL, "1,400 MQLs a quarter that Sales accepts"),
            (REAL, PLAN, "Move budget from lead volume to connected campaigns on the ideal customer profile"),
            (REAL, PLAN, "Agree each campaign's pipeline target with Sales before launch"),
        ],
    }
    item_ids: dict[str, int] = {}
    for switch, rows in items.items():
        for side, kind, text in rows:
            item_ids[text] = add_switch_item(plan, switch, side, kind, text).id
    set_empathy_note(
        plan,
        as_sales,
        marketing,
        "We thought Sales wanted more leads; they want fewer, better ones, and the time to work them.",
    )
    set_empathy_note(
        plan, as_sales, sales, "Marketing expected us to discount; we rarely do, and never said so."
    )
    set_empathy_note(
        plan, as_marketing, sales, "We had not seen how many MQLs never get a call back within a day."
    )
    set_empathy_note(
        plan,
        as_marketing,
        marketing,
        "Sales did not know we are measured on pipeline now, not on lead volume.",
    )

    # --- The candidate pool, with where each idea came from.
    view = read_brainstorm(plan)
    node_uid = {n.id: n.uid for n in view.nodes}
    goal_uid = {g.id: g.uid for g in view.team_goals}
    funnel_uid = {f.id: f.uid for f in view.funnels}
    item_uid = {i.id: i.uid for s in view.switches for i in s.items}
    why, work, from_funnel, played_out = (
        Exercise.WHY_CHAIN,
        Exercise.WORK_BACK,
        Exercise.FUNNEL,
        Exercise.TEAM_SWITCH,
    )
    # text, team, exercise, origin uid, detail
    pool: list[tuple[str, int | None, Exercise, str | None, str]] = [
        (
            "Build 3× pipeline coverage before every quarter starts",
            sales,
            why,
            node_uid[sales_why["To hit the revenue number we commit to each quarter"]],
            "",
        ),
        (
            "Agree one MQL definition with Sales by 31 January 2027",
            marketing,
            why,
            node_uid[marketing_why["So the company grows predictable revenue, quarter after quarter"]],
            "",
        ),
        (
            "Start every renewal 90 days ahead with a joint success plan",
            success,
            why,
            node_uid[success_why["So customers stay, renew and expand"]],
            "",
        ),
        ("Book 180 outbound meetings in Q1 2027", sales, work, goal_uid[meetings], ""),
        ("1,400 MQLs a quarter, 30% to SQL, from Q2 2027", marketing, work, goal_uid[mqls], ""),
        ("2 M USD of expansion revenue in 2027", success, work, goal_uid[expansion], ""),
        ("Renew 95% of contracts on time in 2027", success, work, goal_uid[renewals], ""),
        ("Grow leads to 37,200 in 2027", marketing, from_funnel, funnel_uid[funnel], "37,209 leads in 2027"),
        (
            "Call back every MQL within one hour",
            sales,
            played_out,
            item_uid[item_ids["Call every new lead within one hour, while the buyer still remembers us"]],
            "",
        ),
        (
            "Share win and loss reasons with Marketing every month",
            sales,
            played_out,
            item_uid[item_ids["Agree each campaign's pipeline target with Sales before launch"]],
            "",
        ),
        ("One funnel dashboard, reviewed every Monday", revops, Exercise.DIRECT, None, "Typed in the room"),
        ("Be more aligned", marketing, Exercise.DIRECT, None, "Typed in the room"),
        (
            "Buy each other donuts when a shared target is hit",
            None,
            Exercise.DIRECT,
            None,
            "Typed in the room",
        ),
    ]
    (
        coverage,
        mql_def,
        renew90,
        outbound,
        mql_goal,
        expand,
        _renewals,
        leads,
        callback,
        _win_loss,
        dashboard,
        aligned,
        _donuts,
    ) = [
        add_candidate(plan, text, team, exercise, origin, detail=detail).id
        for text, team, exercise, origin, detail in pool
    ]

    s_, m_, a_, r_, t_ = (
        SmartCriterion.SPECIFIC,
        SmartCriterion.MEASURABLE,
        SmartCriterion.ACHIEVABLE,
        SmartCriterion.REALISTIC,
        SmartCriterion.TIMELY,
    )
    smart = {
        outbound: [
            (s_, YES, ""),
            (m_, YES, "Meetings in the CRM"),
            (a_, YES, "Pod is hired"),
            (r_, YES, ""),
            (t_, YES, "Q1 2027"),
        ],
        mql_def: [
            (s_, YES, ""),
            (m_, YES, "Signed definition"),
            (a_, YES, ""),
            (r_, YES, ""),
            (t_, YES, "31 January"),
        ],
        callback: [
            (s_, YES, ""),
            (m_, YES, "Routing log"),
            (a_, YES, ""),
            (r_, NO, "Weekends need cover"),
            (t_, NO, "No date yet"),
        ],
        mql_goal: [(s_, YES, ""), (m_, YES, ""), (a_, YES, ""), (r_, YES, ""), (t_, YES, "From Q2 2027")],
        expand: [
            (s_, YES, ""),
            (m_, YES, "Billing report"),
            (a_, YES, ""),
            (r_, YES, "Health scores are ready"),
            (t_, YES, "2027"),
        ],
        leads: [
            (s_, YES, ""),
            (m_, YES, ""),
            (a_, NO, "Budget is flat"),
            (r_, NO, "Volume is not what Sales asked for"),
            (t_, YES, "2027"),
        ],
        dashboard: [
            (s_, YES, ""),
            (m_, NO, "No number to hit"),
            (a_, YES, ""),
            (r_, YES, ""),
            (t_, YES, "Every Monday"),
        ],
        aligned: [(s_, NO, "Aligned on what?"), (m_, NO, "No number"), (t_, NO, "No date")],
    }
    for candidate, marks in smart.items():
        for criterion, value, note in marks:
            set_smart(plan, candidate, criterion, value, note)
    for candidate, impact in [
        (outbound, 5),
        (mql_def, 5),
        (callback, 4),
        (coverage, 4),
        (expand, 4),
        (renew90, 3),
        (leads, 2),
        (aligned, 1),
    ]:
        set_impact(plan, candidate, impact)

    # Dot votes: each leader's budget is 3.
    for leader, candidate, dots in [
        (maya, outbound, 2),
        (maya, coverage, 1),
        (tomas, callback, 2),
        (tomas, outbound, 1),
        (priya, mql_def, 2),
        (priya, mql_goal, 1),
        (lena, mql_def, 1),
        (lena, mql_goal, 1),
        (lena, dashboard, 1),
        (daniel, expand, 2),
        (daniel, renew90, 1),
        (aiko, dashboard, 2),
        (aiko, callback, 1),
    ]:
        vote(plan, leader, candidate, dots)
    keep_top(plan)  # the facilitator keeps each team's top 3 as its shortlist
    return {"outbound": outbound, "mqls": mql_goal, "expand": expand}


#: Day one of the demo offsite: title, minutes, screen.
DEMO_AGENDA = (
    ("Welcome and the three-year vision", 20, "prepare"),
    ("Ask why: each team's chains", 45, "brainstorm:Ask why"),
    ("Work back from the revenue goal", 40, "brainstorm:Work back"),
    ("Team switch", 60, "brainstorm:Team switch"),
    ("Candidates: SMART, dots, top 3", 45, "brainstorm:Candidates"),
    ("Objectives and metrics", 90, "plan"),
    ("Buy-in round", 60, "buyin"),
)


def add_demo_agenda(plan: PlanFile) -> None:
    """Day one's agenda from 09:00 (a process record: a signed plan still takes it)."""
    from offsite.services.agenda import add_agenda_item, set_day_start

    set_day_start(plan, "09:00")
    for title, minutes, view in DEMO_AGENDA:
        add_agenda_item(plan, title, minutes, view)
