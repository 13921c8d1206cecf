"""Verbs of the Prepare phase: the plan's details, teams, leaders and company goals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from offsite.domain.errors import EditRefusedError
from offsite.domain.language import translate
from offsite.domain.rules import clean_date, clean_number, clean_text
from offsite.domain.values import Kind
from offsite.services.changes import Created, Updated, add_row, next_position, update_fields
from offsite.store.models import CompanyGoal, Leader, Plan, Team
from offsite.store.planfile import PlanFile


def update_plan_details(plan: PlanFile, **changes: Any) -> Updated:
    """Change the title, dates, venue, horizon or vision; returns the previous values."""
    with plan.read() as session:
        plan_id = session.query(Plan.id).scalar()
    if plan_id is None:
        raise EditRefusedError(
            translate("PrepareEdits", "This file holds no plan details; run “offsite check” on it.")
        )
    return update_fields(plan, Kind.PLAN, plan_id, changes)


def add_team(plan: PlanFile, name: str) -> Created:
    name = clean_text(name, translate("PrepareEdits", "Team name"))
    if not name.strip():
        raise EditRefusedError(translate("PrepareEdits", "Give the team a name, e.g. “Customer Success”."))
    with plan.write() as session:
        team = Team(name=name, position=next_position(session, Kind.TEAM))
        return add_row(session, Kind.TEAM, team)


def add_leader(plan: PlanFile, name: str, title: str = "", team_id: int | None = None) -> Created:
    name = clean_text(name, translate("PrepareEdits", "Leader name"))
    title = clean_text(title, translate("PrepareEdits", "Title"))
    if not name.strip():
        raise EditRefusedError(translate("PrepareEdits", "Give the leader a name."))
    with plan.write() as session:
        if team_id is not None and session.get(Team, team_id) is None:
            raise EditRefusedError(translate("PrepareEdits", "That team no longer exists in the plan."))
        leader = Leader(name=name, title=title, team_id=team_id, position=next_position(session, Kind.LEADER))
        return add_row(session, Kind.LEADER, leader)


def add_company_goal(
    plan: PlanFile,
    statement: str,
    *,
    baseline: float | None = None,
    target: float | None = None,
    unit: str = "",
    due: dt.date | None = None,
) -> Created:
    statement = clean_text(statement, translate("PrepareEdits", "Company goal"))
    if not statement.strip():
        raise EditRefusedError(
            translate("PrepareEdits", "State the company goal, e.g. “Grow revenue 50% in 2027”.")
        )
    values = {
        "unit": clean_text(unit, translate("PrepareEdits", "Unit")),
        "baseline": clean_number(baseline, translate("PrepareEdits", "Baseline")),
        "target": clean_number(target, translate("PrepareEdits", "Target")),
        "due": clean_date(due, translate("PrepareEdits", "Due")),
    }
    # One transaction: a refused number must not leave a half-made goal behind.
    with plan.write() as session:
        goal = CompanyGoal(statement=statement, position=next_position(session, Kind.GOAL), **values)
        return add_row(session, Kind.GOAL, goal)
