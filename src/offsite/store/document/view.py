"""Plan rows -> the view of a plan the screens and the PDF read (``offsite.domain.values.PlanView``).

The same rows as ``offsite.store.document.read`` turns into the plan's document, read here into the
frozen view values the Plan, Buy-in and Sign-off phases and the PDF work with, with local ids so
that an edit names the row it changes. One read transaction; display order throughout.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from sqlalchemy import select

from offsite.domain.errors import NotAPlanError
from offsite.domain.values import (
    CompanyGoalView,
    Direction,
    LeaderView,
    MetricView,
    ObjectiveOriginView,
    ObjectiveView,
    PlanDetails,
    PlanView,
    Stance,
    StanceEvent,
    TeamView,
)
from offsite.store.models import (
    CompanyGoal,
    Leader,
    Metric,
    Objective,
    ObjectiveGoal,
    ObjectiveOrigin,
    ObjectiveTeam,
    Plan,
    StanceRecord,
    Team,
)
from offsite.store.planfile import PlanFile

__all__ = ["read_plan"]


def read_plan(plan: PlanFile) -> PlanView:
    """Everything in the plan as frozen values, from one consistent snapshot."""
    with plan.read() as s:
        details_row = s.scalars(select(Plan).limit(1)).first()
        details = PlanDetails(
            title=details_row.title if details_row else "",
            starts_on=details_row.starts_on if details_row else None,
            ends_on=details_row.ends_on if details_row else None,
            venue=details_row.venue if details_row else "",
            horizon=details_row.horizon if details_row else "",
            vision=details_row.vision if details_row else "",
            id=details_row.id if details_row else 0,
        )
        teams = tuple(
            TeamView(t.id, t.name) for t in s.scalars(select(Team).order_by(Team.position, Team.id))
        )
        team_order = {t.id: i for i, t in enumerate(teams)}
        leaders = tuple(
            LeaderView(p.id, p.name, p.title, p.team_id, p.uid, p.initials)
            for p in s.scalars(select(Leader).order_by(Leader.position, Leader.id))
        )
        goals = tuple(
            CompanyGoalView(g.id, g.statement, g.baseline, g.target, g.unit, g.due)
            for g in s.scalars(select(CompanyGoal).order_by(CompanyGoal.position, CompanyGoal.id))
        )
        goal_order = {g.id: i for i, g in enumerate(goals)}
        team_links: dict[int, list[int]] = defaultdict(list)
        for objective_id, team_id in s.execute(select(ObjectiveTeam.objective_id, ObjectiveTeam.team_id)):
            team_links[objective_id].append(team_id)
        goal_links: dict[int, list[int]] = defaultdict(list)
        for objective_id, goal_id in s.execute(select(ObjectiveGoal.objective_id, ObjectiveGoal.goal_id)):
            goal_links[objective_id].append(goal_id)
        metrics: dict[int, list[MetricView]] = defaultdict(list)
        for m in s.scalars(select(Metric).order_by(Metric.position, Metric.id)):
            metrics[m.objective_id].append(
                MetricView(
                    m.id,
                    m.objective_id,
                    m.name,
                    m.unit,
                    m.baseline,
                    m.target,
                    _known(Direction, m.direction, "metric direction", plan),
                    m.due,
                    m.data_source,
                    m.customer_centric,
                    m.shared,
                    m.owner_id,
                )
            )
        merged_from: dict[int, list[ObjectiveOriginView]] = defaultdict(list)
        for origin in s.scalars(
            select(ObjectiveOrigin).order_by(ObjectiveOrigin.position, ObjectiveOrigin.id)
        ):
            merged_from[origin.objective_id].append(
                ObjectiveOriginView(
                    origin.origin_uid, origin.label, origin.origin_candidate_uid, origin.origin_label
                )
            )
        objectives = tuple(
            ObjectiveView(
                o.id,
                o.statement,
                o.period,
                o.method,
                tuple(sorted(team_links[o.id], key=lambda i: team_order.get(i, 0))),
                tuple(sorted(goal_links[o.id], key=lambda i: goal_order.get(i, 0))),
                tuple(metrics[o.id]),
                o.origin_candidate_uid,
                o.origin_label,
                tuple(merged_from[o.id]),
                o.uid,
                o.owner_id,
                o.method_owner_id,
            )
            for o in s.scalars(select(Objective).order_by(Objective.position, Objective.id))
        )
        stances = tuple(
            StanceEvent(
                r.id,
                r.objective_id,
                r.leader_id,
                _known(Stance, r.stance, "buy-in stance", plan),
                r.comment,
                r.recorded_at,
            )
            for r in s.scalars(select(StanceRecord).order_by(StanceRecord.id))
        )
    return PlanView(details, teams, leaders, goals, objectives, stances)


_E = TypeVar("_E", Stance, Direction)


def _known(kind: type[_E], value: str, what: str, plan: PlanFile) -> _E:
    """The enum member for a stored value; a value this version does not know means a damaged file."""
    try:
        return kind(value)
    except ValueError:
        raise NotAPlanError(
            f"“{plan.name}” holds a {what} Offsite does not know (“{value}”), so it may be damaged. "
            f"Run “offsite check {plan.name}” to list its problems."
        ) from None
