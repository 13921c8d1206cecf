"""Verbs of the agreements beyond goals: the customer journey, hand-offs, decision rights, incentives
and joint practices, each with every leader's buy-in; and the business model the leaders chose.

Each verb is one user action in one transaction and returns what it changed; its inverse is named in
its docstring. Change an agreement's fields with ``changes.update_fields(plan, Kind.AGREEMENT, id,
{...})`` (held to the rules its declaration gives each field); remove one, with its buy-in, with
``changes.remove(plan, Kind.AGREEMENT, id)`` and put it back with ``changes.restore``. The business
model is two fields of the plan: ``changes.update_fields(plan, Kind.PLAN, plan_id,
{"business_model": …, "business_model_why": …})``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import func, select, update

from offsite.domain.agreements import AgreementKind, ObjectiveShare, incentive_warning
from offsite.domain.errors import EditRefusedError
from offsite.domain.language import translate
from offsite.domain.rules import clean, clean_text
from offsite.domain.values import Kind, Stance
from offsite.services.buyin import record_stance_on
from offsite.services.changes import EDITABLE, Created, add_row, noun
from offsite.services.outbox import sendable
from offsite.store.document.view import agreement_order as agreement_order  # read with the plan view
from offsite.store.document.view import read_agreements as read_agreements
from offsite.store.models import Agreement, Metric, Objective, ObjectiveTeam
from offsite.store.planfile import PlanFile


def add_agreement(
    plan: PlanFile,
    kind: AgreementKind | str,
    title: str = "",
    *,
    after: int | None = None,
    **fields: Any,
) -> Created:
    """Add an agreement of ``kind`` titled ``title``, with ``fields`` (as ``update_fields`` takes
    them: ``team_id``, ``owner_id``, ``message``, ``metric_id`` …): at the end of its kind, or just
    after the agreement ``after``, so a stage can be put between two of the journey.

    Undo with ``changes.remove(plan, Kind.AGREEMENT, id)``. Raises EditRefusedError for a kind that
    is none, a value its field's rule refuses, or a row it names that is gone.
    """
    try:
        kind = AgreementKind(kind)
    except ValueError:
        raise EditRefusedError(
            translate("AgreementEdits", "An agreement is a {kinds}; “{kind}” is none of these.").format(
                kinds=", ".join(k.noun for k in AgreementKind), kind=kind
            )
        ) from None
    values = {"title": clean_text(title, kind.noun.capitalize()).strip(), **_cleaned(fields)}
    with plan.write() as session:
        _check_named(session, values)
        position = _place(session, after)
        row = Agreement(kind=kind.value, position=position, **values)
        return add_row(session, Kind.AGREEMENT, row)


def move_agreement(plan: PlanFile, agreement_id: int, steps: int) -> int:
    """Move an agreement ``steps`` places up (negative) or down among those of its kind; returns
    how many places it moved (0 at either end). Undo by moving it back as many places."""
    with plan.write() as session:
        row = session.get(Agreement, agreement_id)
        if row is None:
            raise EditRefusedError(
                translate(
                    "AgreementEdits", "That agreement no longer exists in the plan (removed elsewhere?)."
                )
            )
        ids = list(
            session.scalars(
                select(Agreement.id)
                .where(Agreement.kind == row.kind)
                .order_by(Agreement.position, Agreement.id)
            )
        )
        here = ids.index(agreement_id)
        there = max(0, min(len(ids) - 1, here + steps))
        if there == here:
            return 0
        ids.insert(there, ids.pop(here))
        positions = sorted(
            session.scalars(
                select(Agreement.position).where(Agreement.id.in_(ids)).order_by(Agreement.position)
            )
        )
        if len(set(positions)) < len(positions):  # ties: number the kind afresh after the others
            start = int(session.scalar(select(func.max(Agreement.position))) or 0) + 1
            positions = list(range(start, start + len(ids)))
        for agreement, position in zip(ids, positions, strict=True):
            session.execute(update(Agreement).where(Agreement.id == agreement).values(position=position))
        return there - here


@sendable
def record_agreement_stance(
    plan: PlanFile,
    agreement_id: int,
    leader_id: int,
    stance: Stance,
    comment: str = "",
    *,
    at: dt.datetime | None = None,
) -> Created:
    """Add a stance to the agreement's history; the last one recorded is the leader's current stance.

    Undo with ``changes.remove(plan, Kind.AGREEMENT_STANCE, id)``, which brings the previous one back.
    """
    return record_stance_on(plan, Agreement, agreement_id, leader_id, stance, comment, at=at, gone=True)


def incentive_warnings(plan: PlanFile, ids: Collection[int] | None = None) -> dict[int, str]:
    """Each incentive (of ``ids``, or every one) that rewards something no shared objective asks
    for, by id, with why.

    Only the objectives the incentives name, or whose metrics they are paid on, are read: the work
    follows the incentives, not the size of the plan.
    """
    query = select(Agreement.id, Agreement.objective_id, Agreement.metric_id).where(
        Agreement.kind == AgreementKind.INCENTIVE.value
    )
    if ids is not None:
        query = query.where(Agreement.id.in_(sorted(set(ids))))
    with plan.read() as session:
        incentives = session.execute(query).all()
        paid_on = {m for _, _, m in incentives if m is not None}
        owning = {o for _, o, _ in incentives if o is not None}
        if paid_on:
            owning |= set(session.scalars(select(Metric.objective_id).where(Metric.id.in_(sorted(paid_on)))))
        teams: dict[int, list[int]] = {}
        metrics: dict[int, list[tuple[int, bool]]] = {}
        statements: list[tuple[int, str]] = []
        if owning:
            wanted = sorted(owning)
            for objective_id, team_id in session.execute(
                select(ObjectiveTeam.objective_id, ObjectiveTeam.team_id).where(
                    ObjectiveTeam.objective_id.in_(wanted)
                )
            ):
                teams.setdefault(objective_id, []).append(team_id)
            for metric_id, objective_id, shared in session.execute(
                select(Metric.id, Metric.objective_id, Metric.shared).where(Metric.objective_id.in_(wanted))
            ):
                metrics.setdefault(objective_id, []).append((metric_id, bool(shared)))
            statements = [
                (o_id, text)
                for o_id, text in session.execute(
                    select(Objective.id, Objective.statement).where(Objective.id.in_(wanted))
                )
            ]
    objectives = [
        ObjectiveShare(
            id=o_id,
            statement=statement,
            team_ids=tuple(teams.get(o_id, ())),
            metric_ids=tuple(m for m, _ in metrics.get(o_id, ())),
            shared_metric_ids=tuple(m for m, shared in metrics.get(o_id, ()) if shared),
        )
        for o_id, statement in statements
    ]
    found: dict[int, str] = {}
    for agreement_id, tied_id, paid_on_id in incentives:
        warning = incentive_warning(tied_id, paid_on_id, objectives)
        if warning:
            found[agreement_id] = warning
    return found


def _cleaned(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` as an agreement row stores them, each held to the rule its declaration gives it."""
    editable = EDITABLE[Kind.AGREEMENT]
    cleaned = {}
    for name, value in fields.items():
        if name not in editable or name == "title":
            raise EditRefusedError(
                translate("AgreementEdits", "An agreement has no field “{field}”.").format(field=name)
            )
        cleaned[name] = clean(editable[name], value, name.replace("_id", "").replace("_", " ").capitalize())
    return cleaned


def _check_named(session: Any, values: Mapping[str, Any]) -> None:
    """Refuse a team, leader, metric, definition or objective named that is gone."""
    from offsite.store.document.registry import KIND_MODELS

    for column, kind in (
        ("team_id", Kind.TEAM),
        ("owner_id", Kind.LEADER),
        ("metric_id", Kind.METRIC),
        ("definition_id", Kind.DEFINITION),
        ("objective_id", Kind.OBJECTIVE),
    ):
        named = values.get(column)
        if named is not None and session.get(KIND_MODELS[kind], named) is None:
            raise EditRefusedError(
                translate(
                    "PlanChanges", "That {kind} no longer exists in the plan (removed elsewhere?)."
                ).format(kind=noun(kind))
            )


def _place(session: Any, after: int | None) -> int:
    """The position of a new agreement: the end, or just after ``after`` (the rest move down one)."""
    if after is not None:
        anchor = session.get(Agreement, after)
        if anchor is not None:
            session.execute(
                update(Agreement)
                .where(Agreement.position > anchor.position)
                .values(position=Agreement.position + 1)
            )
            return int(anchor.position) + 1
    return int(session.scalar(select(func.coalesce(func.max(Agreement.position), -1))) or 0) + 1
