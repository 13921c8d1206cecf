"""Verbs of the Plan phase: objectives, their owning teams and goals, their methods and metrics."""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Insert, delete, func, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from offsite.domain.errors import EditRefusedError
from offsite.domain.language import translate
from offsite.domain.rules import clean_date, clean_direction, clean_number, clean_text
from offsite.domain.values import Direction, Kind
from offsite.services.changes import Created, Updated, add_row, next_position
from offsite.store.models import CompanyGoal, Metric, Objective, ObjectiveGoal, ObjectiveTeam, Team, new_uid
from offsite.store.planfile import PlanFile


def _driver_sql(statement: Insert, *names: str) -> tuple[str, dict[str, Any]]:
    """A Core INSERT as SQL text for SQLite's driver, taking the values ``names``, and the values it
    fixes itself: its constants and the declared defaults of the columns it does not name."""
    compiled = statement.compile(dialect=sqlite.dialect(paramstyle="named"), column_keys=list(names))
    fixed = {key: value for key, value in compiled.params.items() if key not in names}
    for column in compiled.insert_prefetch:
        assert isinstance(column.default, ScalarElementColumnDefault)  # one value for every row
        fixed[column.key] = column.default.arg
    return str(compiled), fixed


@functools.cache
def _add_statements() -> tuple[str, dict[str, Any], str, str]:
    """Adding an objective's statements, compiled once, at the first use (not at start-up).

    The objective's INSERT (with its constants and defaults) computes its position inside it: one
    statement, no read before it. Then the links to its teams and to its company goals.
    """
    position = select(func.coalesce(func.max(Objective.position), -1) + 1).scalar_subquery()
    objective, defaults = _driver_sql(
        insert(Objective).values(position=position), "uid", "statement", "period", "method"
    )
    team, _ = _driver_sql(insert(ObjectiveTeam), "objective_id", "team_id")
    goal, _ = _driver_sql(insert(ObjectiveGoal), "objective_id", "goal_id")
    return objective, defaults, team, goal


def add_objective(
    plan: PlanFile,
    statement: str,
    team_ids: Iterable[int] = (),
    *,
    period: str = "",
    method: str = "",
    goal_ids: Iterable[int] = (),
) -> Created:
    """Add an objective at the end of the plan; returns its id."""
    statement = clean_text(statement, translate("ObjectiveEdits", "Objective"))
    period = clean_text(period, translate("ObjectiveEdits", "Period"))
    method = clean_text(method, translate("ObjectiveEdits", "Method"))
    teams, goals = list(dict.fromkeys(team_ids)), list(dict.fromkeys(goal_ids))
    # Prebuilt statements on the driver, not the ORM nor Core's per-statement work: this verb runs
    # as fast as a facilitator can type, and costs little beyond SQLite's own insert and commit.
    # The foreign keys check the teams and goals.
    insert_objective, defaults, link_team, link_goal = _add_statements()
    try:
        with plan.write_rows() as connection:
            if connection.dialect.name != "sqlite":  # a room's server: the same rows through Core
                return _add_through_core(connection, statement, period, method, teams, goals)
            cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
            values = {"uid": new_uid(), "statement": statement, "period": period, "method": method}
            cursor.execute(insert_objective, {**defaults, **values})
            objective_id = cursor.lastrowid
            if teams:
                cursor.executemany(link_team, [{"objective_id": objective_id, "team_id": t} for t in teams])
            if goals:
                cursor.executemany(link_goal, [{"objective_id": objective_id, "goal_id": g} for g in goals])
            cursor.close()
    except (IntegrityError, sqlite3.IntegrityError):
        raise EditRefusedError(
            translate(
                "ObjectiveEdits", "Some of the chosen teams or company goals no longer exist in the plan."
            )
        ) from None
    return Created(Kind.OBJECTIVE, int(objective_id))


def _add_through_core(
    connection: Any, statement: str, period: str, method: str, teams: list[int], goals: list[int]
) -> Created:
    """``add_objective`` on a database other than SQLite (a room's server): one INSERT … RETURNING."""
    position = select(func.coalesce(func.max(Objective.position), -1) + 1).scalar_subquery()
    objective_id = connection.execute(
        insert(Objective)
        .values(uid=new_uid(), statement=statement, period=period, method=method, position=position)
        .returning(Objective.id)
    ).scalar_one()
    if teams:
        connection.execute(
            insert(ObjectiveTeam), [{"objective_id": objective_id, "team_id": t} for t in teams]
        )
    if goals:
        connection.execute(
            insert(ObjectiveGoal), [{"objective_id": objective_id, "goal_id": g} for g in goals]
        )
    return Created(Kind.OBJECTIVE, int(objective_id))


def _set_links(
    plan: PlanFile,
    link_model: type[ObjectiveTeam] | type[ObjectiveGoal],
    column: str,
    target_model: type[Team] | type[CompanyGoal],
    objective_id: int,
    ids: Iterable[int],
) -> list[int]:
    """Make ``ids`` the objective's teams or goals, refusing any no longer in the plan; the previous ids."""
    wanted = list(dict.fromkeys(ids))
    with plan.write() as session:
        if session.get(Objective, objective_id) is None:
            raise EditRefusedError(
                translate("ObjectiveEdits", "That objective no longer exists in the plan.")
            )
        previous = list(
            session.scalars(
                select(getattr(link_model, column)).where(link_model.objective_id == objective_id)
            )
        )
        session.execute(delete(link_model).where(link_model.objective_id == objective_id))
        if wanted:
            found = set(session.scalars(select(target_model.id).where(target_model.id.in_(wanted))))
            if any(i not in found for i in wanted):
                raise EditRefusedError(
                    translate("ObjectiveEdits", "Some of the chosen teams no longer exist.")
                    if target_model is Team
                    else translate("ObjectiveEdits", "Some of the chosen company goals no longer exist.")
                )
            session.execute(insert(link_model), [{"objective_id": objective_id, column: i} for i in wanted])
    return previous


def set_objective_teams(plan: PlanFile, objective_id: int, team_ids: Iterable[int]) -> Updated:
    """Make these the owning teams (several make it a shared objective); returns the previous ones."""
    previous = _set_links(plan, ObjectiveTeam, "team_id", Team, objective_id, team_ids)
    return Updated(Kind.OBJECTIVE, objective_id, {"team_ids": previous})


def set_objective_goals(plan: PlanFile, objective_id: int, goal_ids: Iterable[int]) -> Updated:
    """Link the objective to these company goals; returns the previous links."""
    previous = _set_links(plan, ObjectiveGoal, "goal_id", CompanyGoal, objective_id, goal_ids)
    return Updated(Kind.OBJECTIVE, objective_id, {"goal_ids": previous})


def add_metric(
    plan: PlanFile,
    objective_id: int,
    name: str,
    *,
    unit: str = "",
    baseline: float | None = None,
    target: float | None = None,
    direction: Direction = Direction.UP,
    due: dt.date | None = None,
    data_source: str = "",
    customer_centric: bool = False,
    shared: bool = False,
) -> Created:
    """Add a metric under an objective; returns its id."""

    values = {
        "name": clean_text(name, translate("ObjectiveEdits", "Metric name")),
        "unit": clean_text(unit, translate("ObjectiveEdits", "Unit")),
        "baseline": clean_number(baseline, translate("ObjectiveEdits", "Baseline")),
        "target": clean_number(target, translate("ObjectiveEdits", "Target")),
        "direction": clean_direction(direction, translate("ObjectiveEdits", "Direction")),
        "due": clean_date(due, translate("ObjectiveEdits", "Due")),
        "data_source": clean_text(data_source, translate("ObjectiveEdits", "Data source")),
        "customer_centric": bool(customer_centric),
        "shared": bool(shared),
    }
    with plan.write() as session:
        if session.get(Objective, objective_id) is None:
            raise EditRefusedError(
                translate("ObjectiveEdits", "That objective no longer exists in the plan.")
            )
        metric = Metric(objective_id=objective_id, position=next_position(session, Kind.METRIC), **values)
        return add_row(session, Kind.METRIC, metric)
