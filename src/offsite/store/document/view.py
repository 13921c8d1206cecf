"""Plan rows -> the view of a plan the screens and the PDF read (``offsite.domain.values.PlanView``).

The same rows as ``offsite.store.document.read`` turns into the plan's document, read here into the
frozen view values the Plan, Buy-in and Sign-off phases and the PDF work with, with local ids so
that an edit names the row it changes. Display order throughout.

Read with plain ``sqlite3`` in one read transaction (``PlanFile.read_rows``): a view of a large
plan is tens of thousands of rows, and an ORM object for each would cost more than the screen.
After an edit, ``patch_plan`` reads again only the objectives the edit touched (with their
metrics, links, origins and stances) and puts them into the view it was given: the work of an
edit follows what changed, not the size of the plan.

The Plan page lists every objective but shows only one whole: it reads ``read_objective_list``
(one line per objective: statement, period, teams; no metrics, goals or stances), then the
objective selected (``read_objectives``) and the stances of the rows painted (``read_stances``).
Opening a plan of thousands of objectives there reads a few columns of each, not the tens of
thousands of metric and stance rows a whole view holds; ``patch_objective_list`` keeps the list
up to each edit as ``patch_plan`` keeps the view.

A plan file may come from anywhere: a value of the wrong type in a column (SQLite keeps what it
is given) is reported as a damaged plan, as the plan's checks would, never shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Collection
from typing import Any

from offsite.domain.values import (
    CompanyGoalView,
    Direction,
    LeaderView,
    MetricView,
    ObjectiveLine,
    ObjectiveList,
    ObjectiveOriginView,
    ObjectiveView,
    PlanDetails,
    PlanView,
    Stance,
    StanceEvent,
    TeamView,
)
from offsite.store.document.rows import RowReader, in_ids
from offsite.store.planfile import PlanFile

__all__ = [
    "objectives_holding",
    "patch_objective_list",
    "patch_plan",
    "read_details",
    "read_objective_list",
    "read_objectives",
    "read_outline",
    "read_plan",
    "read_stances",
]

#: More objectives than this in one patch are read as a whole plan: one statement beats a long IN list.
_PATCH_LIMIT = 400

_OBJECTIVE = (
    "SELECT id, statement, period, method, origin_candidate_uid, origin_label, uid, owner_id, "
    "method_owner_id FROM objective"
)
_METRIC = (
    "SELECT id, objective_id, name, unit, baseline, target, direction, due, data_source, "
    "customer_centric, shared, owner_id FROM metric"
)
_ORIGIN = "SELECT objective_id, origin_uid, label, origin_candidate_uid, origin_label FROM objective_origin"
_STANCE = "SELECT id, objective_id, leader_id, stance, comment, recorded_at FROM stance_record"

#: The storage class each column read here must hold (SQLite keeps whatever it is given): "?"
#: allows NULL. A file is checked in SQL, a table at a time, before its rows become values.
_TYPES = {
    "objective": {
        "id": "integer",
        "statement": "text",
        "period": "text",
        "method": "text",
        "origin_candidate_uid": "text?",
        "origin_label": "text",
        "uid": "text",
        "owner_id": "integer?",
        "method_owner_id": "integer?",
    },
    "metric": {
        "id": "integer",
        "objective_id": "integer",
        "name": "text",
        "unit": "text",
        "baseline": "number?",
        "target": "number?",
        "direction": "text",
        "due": "text?",
        "data_source": "text",
        "customer_centric": "integer",
        "shared": "integer",
        "owner_id": "integer?",
    },
    "objective_origin": {
        "objective_id": "integer",
        "origin_uid": "text",
        "label": "text",
        "origin_candidate_uid": "text?",
        "origin_label": "text",
    },
    "stance_record": {
        "id": "integer",
        "objective_id": "integer",
        "leader_id": "integer",
        "stance": "text",
        "comment": "text",
        "recorded_at": "text",
    },
    "objective_team": {"objective_id": "integer", "team_id": "integer"},
    "objective_goal": {"objective_id": "integer", "goal_id": "integer"},
}
_STORAGE = {
    "integer": "= 'integer'",
    "integer?": "IN ('integer', 'null')",
    "text": "= 'text'",
    "text?": "IN ('text', 'null')",
    "number?": "IN ('integer', 'real', 'null')",
}
_STANCES = {stance.value: stance for stance in Stance}
_DIRECTIONS = {direction.value: direction for direction in Direction}


def read_plan(plan: PlanFile) -> PlanView:
    """Everything in the plan as frozen values, from one consistent snapshot."""
    with plan.read_rows() as rows:
        return _Reader(rows, plan.name).whole()


def read_outline(plan: PlanFile) -> PlanView:
    """The plan's details, teams, leaders and goals, with no objectives: what a page showing none reads."""
    with plan.read_rows() as rows:
        return _Reader(rows, plan.name).whole(objectives=False)


def read_details(plan: PlanFile) -> PlanDetails:
    """The plan's title, dates, venue, horizon and vision."""
    with plan.read_rows() as rows:
        return _Reader(rows, plan.name).details()


def patch_plan(
    plan: PlanFile, view: PlanView, objective_ids: Collection[int], *, reordered: bool, stances: bool = True
) -> PlanView:
    """``view`` with the objectives ``objective_ids`` (and their stances) as the plan now holds them.

    An id the plan no longer holds leaves the view; one it did not hold joins it. With
    ``reordered`` (objectives added, removed or moved) the objectives' order is read again too;
    ``stances``: their stances may have changed (always read again for an objective added or gone).
    Teams, leaders, goals and the plan's details are taken from ``view`` as they are: a change to
    any of those is read with ``read_plan``.
    """
    ids = sorted(set(objective_ids))
    if not ids and not reordered:
        return view
    if len(ids) > _PATCH_LIMIT:
        return read_plan(plan)
    with plan.read_rows() as rows:
        reader = _Reader(rows, plan.name)
        reader.orders(view)
        fresh = {o.id: o for o in reader.objectives(ids)}
        gone = set(ids) - fresh.keys()
        new = [i for i in fresh if view.objective(i) is None]
        order = None
        if reordered or gone or new:
            order = [row[0] for row in rows.execute("SELECT id FROM objective ORDER BY position, id")]
        events = reader.stances(ids) if stances or order is not None else None
    if order is None:
        patched = view.with_objectives(fresh)
        if events is None:
            return patched
        objectives = patched.objectives
    else:
        known = {o.id: o for o in view.objectives}
        known.update(fresh)
        objectives = tuple(known[i] for i in order if i in known)
        if len(objectives) != len(order):  # the plan gained objectives nobody said: read it whole
            return read_plan(plan)
    kept = view.stances
    if events is not None:
        touched = set(ids)
        kept = tuple(e for e in view.stances if e.objective_id not in touched)
        if events:
            kept = tuple(sorted((*kept, *events), key=lambda e: e.id))
    return dataclasses.replace(view, objectives=objectives, stances=kept)


def read_objective_list(plan: PlanFile) -> ObjectiveList:
    """Every objective as one line (statement, period, teams), with the plan's teams and leaders."""
    with plan.read_rows() as rows:
        reader = _Reader(rows, plan.name)
        outline = reader.whole(objectives=False)
        return ObjectiveList(outline.teams, outline.leaders, tuple(reader.lines(None)))


def patch_objective_list(
    plan: PlanFile, listed: ObjectiveList, objective_ids: Collection[int], *, reordered: bool
) -> ObjectiveList:
    """``listed`` with the lines of ``objective_ids`` as the plan now holds them (see ``patch_plan``).

    An id the plan no longer holds leaves the list, one it did not hold joins it; with
    ``reordered`` the order is read again too. Teams and leaders are kept as they are.
    """
    ids = sorted(set(objective_ids))
    if not ids and not reordered:
        return listed
    if len(ids) > _PATCH_LIMIT:
        return dataclasses.replace(read_objective_list(plan), teams=listed.teams, leaders=listed.leaders)
    with plan.read_rows() as rows:
        reader = _Reader(rows, plan.name)
        reader.team_order = {t.id: n for n, t in enumerate(listed.teams)}
        fresh = {line.id: line for line in reader.lines(ids)}
        gone = set(ids) - fresh.keys()
        new = [i for i in fresh if listed.objective(i) is None]
        if not (reordered or gone or new):
            return listed.with_lines(fresh)
        order = [row[0] for row in rows.execute("SELECT id FROM objective ORDER BY position, id")]
    known = {line.id: line for line in listed.objectives}
    known.update(fresh)
    lines = tuple(known[i] for i in order if i in known)
    if len(lines) != len(order):  # the plan gained objectives nobody said: read it whole
        return dataclasses.replace(read_objective_list(plan), teams=listed.teams, leaders=listed.leaders)
    return ObjectiveList(listed.teams, listed.leaders, lines)


def read_objectives(plan: PlanFile, teams: PlanView, objective_ids: Collection[int]) -> list[ObjectiveView]:
    """The objectives ``objective_ids`` whole (metrics, links, origins), owning teams and served goals
    in the order ``teams`` (a view or an outline) holds them; an id the plan no longer holds is left out."""
    with plan.read_rows() as rows:
        reader = _Reader(rows, plan.name)
        reader.orders(teams)
        return reader.objectives(sorted(set(objective_ids)))


def read_stances(plan: PlanFile, objective_ids: Collection[int]) -> list[StanceEvent]:
    """Every stance recorded on ``objective_ids``, oldest first."""
    with plan.read_rows() as rows:
        return _Reader(rows, plan.name).stances(sorted(set(objective_ids)))


def objectives_holding(plan: PlanFile, table: str, ids: Collection[int]) -> dict[int, int]:
    """The objective each of the rows ``ids`` of ``table`` ("metric" or "stance_record") belongs to.

    A row the plan no longer holds is left out.
    """
    if table not in ("metric", "stance_record"):
        raise ValueError(f"rows of {table} belong to no objective")
    where, args = in_ids("id", ids)
    with plan.read_rows() as rows:
        return dict(rows.execute(f"SELECT id, objective_id FROM {table}{where}", args))


class _Reader(RowReader):
    """Reads rows into view values on one connection, in one read transaction."""

    def __init__(self, rows: sqlite3.Connection, name: str) -> None:
        super().__init__(rows, name)
        self.team_order: dict[int, int] = {}
        self.goal_order: dict[int, int] = {}

    def whole(self, *, objectives: bool = True) -> PlanView:
        details = self.details()
        teams = tuple(
            TeamView(self.integer(i), self.text(name))
            for i, name in self.rows.execute("SELECT id, name FROM team ORDER BY position, id")
        )
        leaders = tuple(
            LeaderView(
                self.integer(i),
                self.text(name),
                self.text(title),
                team_id,
                self.text(uid),
                self.text(initials),
            )
            for i, name, title, team_id, uid, initials in self.rows.execute(
                "SELECT id, name, title, team_id, uid, initials FROM leader ORDER BY position, id"
            )
        )
        goals = tuple(
            CompanyGoalView(
                self.integer(i),
                self.text(statement),
                self.number(baseline),
                self.number(target),
                self.text(unit),
                self.date(due),
            )
            for i, statement, baseline, target, unit, due in self.rows.execute(
                "SELECT id, statement, baseline, target, unit, due FROM company_goal ORDER BY position, id"
            )
        )
        self.team_order = {t.id: n for n, t in enumerate(teams)}
        self.goal_order = {g.id: n for n, g in enumerate(goals)}
        if not objectives:
            return PlanView(details, teams, leaders, goals, ())
        return PlanView(
            details, teams, leaders, goals, tuple(self.objectives(None)), tuple(self.stances(None))
        )

    def orders(self, view: PlanView) -> None:
        """Order owning teams and served goals as ``view`` orders its teams and goals."""
        self.team_order = {t.id: n for n, t in enumerate(view.teams)}
        self.goal_order = {g.id: n for n, g in enumerate(view.goals)}

    def details(self) -> PlanDetails:
        row = self.rows.execute(
            "SELECT title, starts_on, ends_on, venue, horizon, vision, id FROM plan LIMIT 1"
        ).fetchone()
        if row is None:
            return PlanDetails("", None, None, "", "", "", 0)
        title, starts_on, ends_on, venue, horizon, vision, plan_id = row
        return PlanDetails(
            self.text(title),
            self.date(starts_on),
            self.date(ends_on),
            self.text(venue),
            self.text(horizon),
            self.text(vision),
            self.integer(plan_id),
        )

    def sound(
        self, table: str, column: str, ids: list[int] | None, columns: Collection[str] | None = None
    ) -> None:
        """Refuse, as a damaged plan, a row of ``table`` (those with ``column`` in ``ids``) holding a
        value of the wrong kind (in ``columns``, when given: those read)."""
        types = {name: kind for name, kind in _TYPES[table].items() if columns is None or name in columns}
        wrong = " OR ".join(f"NOT typeof({name}) {_STORAGE[kind]}" for name, kind in types.items())
        where, args = in_ids(column, ids)
        clause = f" AND ({wrong})" if where else f" WHERE {wrong}"
        row = self.rows.execute(
            f"SELECT {', '.join(types)} FROM {table}{where}{clause} LIMIT 1", args
        ).fetchone()
        if row is None:
            return
        for value, kind in zip(row, types.values(), strict=True):
            allowed = _STORAGE[kind]
            stored = (
                "null"
                if value is None
                else {int: "integer", float: "real", str: "text"}.get(type(value), "blob")
            )
            if stored not in allowed:
                what = {"integer": "an id", "text": "a text", "number": "a number"}[kind.rstrip("?")]
                raise self.damaged(what, value)
        raise self.damaged("a value", row)  # pragma: no cover - the query and the loop agree

    def objectives(self, ids: list[int] | None) -> list[ObjectiveView]:
        """The objectives ``ids`` (every objective for None), in display order, each with all it holds."""
        for table in ("objective_team", "objective_goal", "metric", "objective_origin"):
            self.sound(table, "objective_id", ids)
        self.sound("objective", "id", ids)
        where, args = in_ids("objective_id", ids)
        team_links: dict[int, list[int]] = defaultdict(list)
        for objective_id, team_id in self.rows.execute(
            f"SELECT objective_id, team_id FROM objective_team{where}", args
        ):
            team_links[objective_id].append(team_id)
        goal_links: dict[int, list[int]] = defaultdict(list)
        for objective_id, goal_id in self.rows.execute(
            f"SELECT objective_id, goal_id FROM objective_goal{where}", args
        ):
            goal_links[objective_id].append(goal_id)
        metrics: dict[int, list[MetricView]] = defaultdict(list)
        for row in self.rows.execute(f"{_METRIC}{where} ORDER BY position, id", args):
            metrics[row[1]].append(self._metric(row))
        merged_from: dict[int, list[ObjectiveOriginView]] = defaultdict(list)
        for objective_id, origin_uid, label, candidate_uid, origin_label in self.rows.execute(
            f"{_ORIGIN}{where} ORDER BY position, id", args
        ):
            merged_from[objective_id].append(
                ObjectiveOriginView(origin_uid, label, candidate_uid, origin_label)
            )
        team_order, goal_order = self.team_order, self.goal_order
        where, args = in_ids("id", ids)
        return [
            ObjectiveView(
                i,
                statement,
                period,
                method,
                tuple(sorted(team_links[i], key=lambda t: team_order.get(t, 0))) if i in team_links else (),
                tuple(sorted(goal_links[i], key=lambda g: goal_order.get(g, 0))) if i in goal_links else (),
                tuple(metrics[i]) if i in metrics else (),
                candidate_uid,
                origin_label,
                tuple(merged_from[i]) if i in merged_from else (),
                uid,
                owner_id,
                method_owner_id,
            )
            for (
                i,
                statement,
                period,
                method,
                candidate_uid,
                origin_label,
                uid,
                owner_id,
                method_owner_id,
            ) in self.rows.execute(f"{_OBJECTIVE}{where} ORDER BY position, id", args)
        ]

    def lines(self, ids: list[int] | None) -> list[ObjectiveLine]:
        """The objectives ``ids`` (every objective for None) as lines, in display order."""
        self.sound("objective_team", "objective_id", ids)
        self.sound("objective", "id", ids, ("id", "statement", "period"))
        where, args = in_ids("objective_id", ids)
        team_links: dict[int, list[int]] = defaultdict(list)
        for objective_id, team_id in self.rows.execute(
            f"SELECT objective_id, team_id FROM objective_team{where}", args
        ):
            team_links[objective_id].append(team_id)
        team_order = self.team_order
        teams: dict[int, tuple[int, ...]] = {
            i: (links[0],) if len(links) == 1 else tuple(sorted(links, key=lambda t: team_order.get(t, 0)))
            for i, links in team_links.items()
        }
        where, args = in_ids("id", ids)
        return [
            ObjectiveLine(i, statement, period, teams.get(i, ()))
            for i, statement, period in self.rows.execute(
                f"SELECT id, statement, period FROM objective{where} ORDER BY position, id", args
            )
        ]

    def stances(self, objective_ids: list[int] | None) -> list[StanceEvent]:
        """Every stance recorded on ``objective_ids`` (on every objective for None), oldest first."""
        self.sound("stance_record", "objective_id", objective_ids)
        where, args = in_ids("objective_id", objective_ids)
        stances, parse = _STANCES, dt.datetime.fromisoformat
        try:
            return [
                StanceEvent(i, objective_id, leader_id, stances[stance], comment, parse(recorded_at))
                for i, objective_id, leader_id, stance, comment, recorded_at in self.rows.execute(
                    f"{_STANCE}{where} ORDER BY id", args
                )
            ]
        except (KeyError, ValueError):  # name the value at fault
            for _i, _o, _l, stance, _c, recorded_at in self.rows.execute(f"{_STANCE}{where}", args):
                self.known(Stance, stance, "buy-in stance")
                self.datetime(recorded_at)
            raise

    def _metric(self, row: tuple[Any, ...]) -> MetricView:
        (i, objective_id, name, unit, baseline, target, direction, due, source, centric, shared, owner) = row
        # Checked in SQL already (``sound``): ids are integers, texts texts, numbers numbers.
        return MetricView(
            i,
            objective_id,
            name,
            unit,
            None if baseline is None else float(baseline),
            None if target is None else float(target),
            _DIRECTIONS.get(direction) or self.known(Direction, direction, "metric direction"),
            None if due is None else self.date(due),
            source,
            bool(centric),
            bool(shared),
            owner,
        )
