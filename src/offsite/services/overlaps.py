"""Verbs of the overlap review: settling each overlap the rules found between two teams' objectives.

The findings themselves come from ``offsite.domain.overlap``; what is stored is how each was
settled, under a key made of the rule and the two objectives' uids (``domain.signoff.overlap_key``),
so a resolution survives export, import and merging drafts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from offsite.domain.errors import EditRefusedError, NotAPlanError
from offsite.domain.labels import possessive, quote
from offsite.domain.language import translate
from offsite.domain.rules import clean_text
from offsite.domain.signoff import ResolutionAction, ResolutionView, overlap_key, split_overlap_key
from offsite.domain.values import Kind
from offsite.services.buyin import utc_now
from offsite.services.changes import Updated, capture, detach, put_back, reattach
from offsite.store.models import (
    Agreement,
    Metric,
    Objective,
    ObjectiveGoal,
    ObjectiveOrigin,
    ObjectiveTeam,
    OverlapResolution,
    StanceRecord,
    Team,
    Win,
    new_uid,
)
from offsite.store.planfile import PlanFile


def _and(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _team_ids(session: Session, objective_id: int) -> list[int]:
    return list(
        session.scalars(
            select(ObjectiveTeam.team_id)
            .join(Team, Team.id == ObjectiveTeam.team_id)
            .where(ObjectiveTeam.objective_id == objective_id)
            .order_by(Team.position, Team.id)
        )
    )


def _goal_ids(session: Session, objective_id: int) -> list[int]:
    return list(
        session.scalars(select(ObjectiveGoal.goal_id).where(ObjectiveGoal.objective_id == objective_id))
    )


def _label(session: Session, objective: Objective) -> str:
    """Whose the objective was and what it said: “Sales' “Go outbound””."""
    names = [session.get(Team, team_id) for team_id in _team_ids(session, objective.id)]
    owners = _and([team.name for team in names if team is not None]) if names else "No team"
    return f"{possessive(owners)} {quote(objective.statement)}"


def _origins(session: Session, objective: Objective) -> list[dict[str, Any]]:
    """The stories a merge keeps of ``objective``: its own merge origins, flattened, or itself."""
    kept = list(
        session.scalars(
            select(ObjectiveOrigin)
            .where(ObjectiveOrigin.objective_id == objective.id)
            .order_by(ObjectiveOrigin.position, ObjectiveOrigin.id)
        )
    )
    if kept:
        return [
            {
                "origin_uid": o.origin_uid,
                "label": o.label,
                "origin_candidate_uid": o.origin_candidate_uid,
                "origin_label": o.origin_label,
            }
            for o in kept
        ]
    return [
        {
            "origin_uid": objective.uid,
            "label": _label(session, objective),
            "origin_candidate_uid": objective.origin_candidate_uid,
            "origin_label": objective.origin_label,
        }
    ]


def _clean_rule(rule: Any) -> str:
    if not isinstance(rule, str) or not rule.strip() or ":" in rule:
        raise EditRefusedError(
            translate("OverlapEdits", "Say which rule found the overlap (a name without a colon).")
        )
    return rule.strip()


def _clean_action(action: Any) -> ResolutionAction:
    try:
        return ResolutionAction(action)
    except ValueError:
        raise EditRefusedError(
            translate(
                "OverlapEdits", "Resolve an overlap by merging, adjusting, or keeping both with a note."
            )
        ) from None


def resolve_overlap(
    plan: PlanFile,
    rule: str,
    first_objective_id: int,
    second_objective_id: int,
    action: ResolutionAction | str,
    note: str = "",
    *,
    statement: str | None = None,
    at: dt.datetime | None = None,
) -> Updated:
    """Settle the overlap ``rule`` found between two objectives, in one transaction.

    - ``kept``: both stay as they are; the note (required) says why.
    - ``adjusted``: the facilitator changed them (with the ordinary verbs); the note says how.
    - ``merged``: one shared objective replaces both. It takes the first one's place and id, its
      ``statement`` (by default the first one's), both teams, the union of goals, both sets of
      metrics, and keeps both origins (``ObjectiveView.merged_from``; its ``origin_label`` reads
      "merged from: Sales' “Go outbound” and Marketing's “Outbound pipeline”"). Buy-in starts
      afresh: the stances on the two originals go with them.

    Returns Updated(OVERLAP_RESOLUTION, id, previous); ``previous`` holds what undo needs.
    Undo: ``unresolve_overlap(plan, previous)`` (one step, the merge included); redo: run this
    verb again with the same arguments, which gives the merged objective the same id again.
    Refused for an overlap resolved already, an objective with itself, or ``kept`` without a note.
    """
    rule = _clean_rule(rule)
    action = _clean_action(action)
    note = clean_text(note, translate("OverlapEdits", "Note")).strip()
    if action is ResolutionAction.KEPT and not note:
        raise EditRefusedError(
            translate("OverlapEdits", "Say in a note why both objectives are kept as they are.")
        )
    if statement is not None:
        statement = clean_text(statement, translate("OverlapEdits", "Statement")).strip()
        if not statement:
            raise EditRefusedError(translate("OverlapEdits", "Give the merged objective its wording."))
    if first_objective_id == second_objective_id:
        raise EditRefusedError(
            translate("OverlapEdits", "An objective cannot overlap itself; choose two different objectives.")
        )
    with plan.write() as session:
        first = session.get(Objective, first_objective_id)
        second = session.get(Objective, second_objective_id)
        if first is None or second is None:
            raise EditRefusedError(
                translate(
                    "OverlapEdits",
                    "One of those objectives no longer exists in the plan (removed elsewhere?).",
                )
            )
        key = overlap_key(rule, first.uid, second.uid)
        done = session.scalars(select(OverlapResolution).where(OverlapResolution.key == key)).first()
        if done is not None:
            raise EditRefusedError(
                translate(
                    "OverlapEdits", "That overlap is {resolution} already; undo it or change its note."
                ).format(resolution=ResolutionAction(done.action).label.lower())
            )
        rows: tuple[tuple[str, Mapping[str, Any]], ...] = ()
        merged_uid = None
        wins: list[int] = []
        tied: list[int] = []
        if action is ResolutionAction.MERGED:
            rows = capture(session, Kind.OBJECTIVE, [first.id, second.id])
            wins = list(session.scalars(select(Win.id).where(Win.objective_id == second.id)))
            tied = list(session.scalars(select(Agreement.id).where(Agreement.objective_id == second.id)))
            merged_uid = _merge(session, first, second, statement)
        resolution = OverlapResolution(
            key=key,
            action=action.value,
            note=note,
            resolved_at=at or utc_now(),
            merged_objective_uid=merged_uid,
        )
        session.add(resolution)
        session.flush()
        previous = {
            "resolution_id": resolution.id,
            "merged_objective_id": first.id if merged_uid is not None else None,
            "rows": rows,
            # The wins of the objective folded in, now the shared one's: its own again on undo.
            "wins": (second.id, tuple(wins)),
            # The incentives that tied to it, now tied to the shared one: its own again on undo.
            "agreements": (second.id, tuple(tied)),
        }
        return Updated(Kind.OVERLAP_RESOLUTION, resolution.id, previous)


def _merge(session: Session, first: Objective, second: Objective, statement: str | None) -> str:
    """Turn ``first`` into the shared objective and fold ``second`` into it; returns the new uid."""
    origins = _origins(session, first) + _origins(session, second)
    teams, goals = _team_ids(session, first.id), _goal_ids(session, first.id)
    new_teams = [t for t in _team_ids(session, second.id) if t not in teams]
    new_goals = [g for g in _goal_ids(session, second.id) if g not in goals]
    if new_teams:
        session.execute(insert(ObjectiveTeam), [{"objective_id": first.id, "team_id": t} for t in new_teams])
    if new_goals:
        session.execute(insert(ObjectiveGoal), [{"objective_id": first.id, "goal_id": g} for g in new_goals])
    after = int(
        session.scalar(
            select(func.coalesce(func.max(Metric.position), -1)).where(Metric.objective_id == first.id)
        )
        or 0
    )
    moved = list(
        session.scalars(
            select(Metric.id).where(Metric.objective_id == second.id).order_by(Metric.position, Metric.id)
        )
    )
    for offset, metric_id in enumerate(moved, start=1):
        session.execute(
            update(Metric)
            .where(Metric.id == metric_id)
            .values(objective_id=first.id, position=after + offset)
        )
    # Its metrics keep their check-ins, and its wins are the shared objective's.
    session.execute(update(Win).where(Win.objective_id == second.id).values(objective_id=first.id))
    # An incentive tied to either ties to the shared objective: the same outcome, now both teams'.
    session.execute(
        update(Agreement).where(Agreement.objective_id == second.id).values(objective_id=first.id)
    )
    session.execute(delete(ObjectiveOrigin).where(ObjectiveOrigin.objective_id.in_([first.id, second.id])))
    session.execute(
        insert(ObjectiveOrigin),
        [{"uid": new_uid(), "objective_id": first.id, "position": i, **o} for i, o in enumerate(origins)],
    )
    # The agreement was to the old wording: buy-in for the shared objective starts afresh.
    session.execute(delete(StanceRecord).where(StanceRecord.objective_id == first.id))
    uid = new_uid()
    methods = [m for m in dict.fromkeys((first.method.strip(), second.method.strip())) if m]
    session.execute(
        update(Objective)
        .where(Objective.id == first.id)
        .values(
            uid=uid,
            statement=statement if statement is not None else first.statement,
            period=first.period or second.period,
            method="\n\n".join(methods),
            origin_candidate_uid=None,
            origin_label="merged from: " + _and([o["label"] for o in origins]),
        )
    )
    session.execute(delete(Objective).where(Objective.id == second.id))
    session.expire_all()
    return uid


def unresolve_overlap(plan: PlanFile, previous: Mapping[str, Any]) -> None:
    """The undo of ``resolve_overlap``: forget the resolution and, for a merge, bring both objectives
    back exactly as they were (ids, metrics, stances, links) in place of the shared one.
    """
    with plan.write() as session:
        session.execute(delete(OverlapResolution).where(OverlapResolution.id == previous["resolution_id"]))
        merged = previous.get("merged_objective_id")
        cleared: tuple[tuple[str, int, str, Any], ...] = ()
        if merged is not None:
            # What names the shared objective or its metrics (a win, a saved mapping) is cleared
            # while both come back, then names them again.
            cleared = detach(session, capture(session, Kind.OBJECTIVE, [merged]))
            session.execute(delete(Objective).where(Objective.id == merged))
        put_back(session, previous.get("rows", ()))
        reattach(session, cleared)
        second, wins = previous.get("wins", (None, ()))
        if wins:
            session.execute(update(Win).where(Win.id.in_(wins)).values(objective_id=second))
        second, tied = previous.get("agreements", (None, ()))
        if tied:
            session.execute(update(Agreement).where(Agreement.id.in_(tied)).values(objective_id=second))


def read_resolutions(plan: PlanFile) -> tuple[ResolutionView, ...]:
    """Every resolution, oldest first."""
    with plan.read() as session:
        rows = list(
            session.scalars(
                select(OverlapResolution).order_by(OverlapResolution.resolved_at, OverlapResolution.id)
            )
        )
    views = []
    for r in rows:
        try:
            rule, first, second = split_overlap_key(r.key)
            action = ResolutionAction(r.action)
        except ValueError:
            raise NotAPlanError(
                translate(
                    "OverlapEdits",
                    "“{file}” holds an overlap resolution Offsite cannot read (“{key}”), so it may be damaged. "
                    "Run “offsite check {file}” to list its problems.",
                ).format(file=plan.name, key=r.key)
            ) from None
        views.append(
            ResolutionView(
                r.id, r.key, rule, first, second, action, r.note, r.resolved_at, r.merged_objective_uid
            )
        )
    return tuple(views)
