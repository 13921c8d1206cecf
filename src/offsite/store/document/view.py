"""Plan rows -> the view of a plan the screens and the PDF read (``offsite.domain.values.PlanView``).

The same rows as ``offsite.store.document.read`` turns into the plan's document, read here into the
frozen view values the Plan, Buy-in and Sign-off phases and the PDF work with, with local ids so
that an edit names the row it changes. Display order throughout.

Read with plain ``sqlite3`` in one read transaction (``PlanFile.read_rows``): a view of a large
plan is tens of thousands of rows, and an ORM object for each would cost more than the screen.
After an edit, ``patch_plan`` reads again only the objectives the edit touched (with their
metrics, links, origins and stances) and puts them into the view it was given: the work of an
edit follows what changed, not the size of the plan.

The Plan page lists the objectives under headings (a team's, shared, no team yet: ``heading_of``)
and shows only one whole. Opening it reads how many objectives each heading holds
(``read_objective_counts``: counted in SQL, no line read), the lines of the rows it lists (one
line per objective: statement, period, teams; no metrics, goals or stances), a batch at a time
as they come into view (``read_heading_lines``), the objective selected whole
(``read_objectives``) and the stances of the rows painted (``read_stances``). So opening a plan
of thousands of objectives there reads a screenful of lines, not one per objective, nor the tens
of thousands of metric and stance rows a whole view holds. ``read_objective_list`` reads every
line at once, and ``patch_objective_list`` keeps such a list up to each edit as ``patch_plan``
keeps the view.

A plan file may come from anywhere: a value of the wrong type in a column (SQLite keeps what it
is given) is reported as a damaged plan, as the plan's checks would, never shown.

Which columns are read, and the storage class each must hold, follow the plan's declaration
(``declared``, generated from ``data``): a field of a view value (``PlanDetails``, ``TeamView``,
``LeaderView``, ``CompanyGoalView``, ``ObjectiveView``, ``MetricView``, ``ObjectiveOriginView``,
``StanceEvent``, ``ObjectiveLine``) named as a column its record is stored in is read from that
column. So a field declared on a record, with its column and a field of the same name on its view,
is read here with nothing added. Ids, positions, a row's parent and the links between rows are
this module's own. Each read's statement is worked out once per process (``_Rows``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import operator
import sqlite3
import typing
from collections import defaultdict
from collections.abc import Callable, Collection
from functools import cache
from typing import Any

from offsite.domain.agreements import (
    AgreementStanceEvent,
    AgreementView,
    agreement_bought_in,
    current_agreement_stances,
)
from offsite.domain.language import QT_TRANSLATE_NOOP
from offsite.domain.signoff import (
    DefinitionStanceEvent,
    DefinitionView,
    current_definition_stances,
    definition_bought_in,
    definition_leaders,
)
from offsite.domain.values import (
    NO_TEAM_HEADING,
    SHARED_HEADING,
    CompanyGoalView,
    Direction,
    Heading,
    LeaderView,
    MetricView,
    ObjectiveCounts,
    ObjectiveLine,
    ObjectiveList,
    ObjectiveOriginView,
    ObjectiveView,
    PlanDetails,
    PlanView,
    Stance,
    StanceEvent,
    TeamView,
    heading_of,
)
from offsite.store.document import declared
from offsite.store.document.rows import STORED_AS, RowReader, in_ids
from offsite.store.planfile import PlanFile

__all__ = [
    "agreement_order",
    "definition_order",
    "objectives_holding",
    "patch_objective_list",
    "patch_plan",
    "read_agreements",
    "read_definitions",
    "read_details",
    "read_heading_ids",
    "read_heading_lines",
    "read_heading_place",
    "read_lines",
    "read_objective_counts",
    "read_objective_list",
    "read_objectives",
    "read_outline",
    "read_plan",
    "read_stances",
]

#: More objectives than this in one patch are read as a whole plan: one statement beats a long IN list.
_PATCH_LIMIT = 400

#: The storage class of a column this module reads that no field declares: a row's id, its parent's.
_OWN = {"id": "integer", "objective_id": "integer", "definition_id": "integer", "agreement_id": "integer"}
#: The links between objectives and teams, goals: rows of ids, no record of the declaration.
_LINKS = {
    "objective_team": {"objective_id": "integer", "team_id": "integer"},
    "objective_goal": {"objective_id": "integer", "goal_id": "integer"},
}
#: How many objectives owned by some team each heading holds (``heading_of`` in SQL): an
#: objective's heading is its one team's id, or the argument for more than one. The objectives
#: of no team are the rest: counting them in the same statement (a join from every objective)
#: would take four times as long.
_COUNTS = """
SELECT heading, COUNT(*) FROM (
    SELECT CASE COUNT(*) WHEN 1 THEN MIN(link.team_id) ELSE ? END AS heading
    FROM objective_team AS link JOIN objective ON objective.id = link.objective_id
    GROUP BY link.objective_id
) GROUP BY heading
"""


def _in_heading(heading: Heading) -> tuple[str, tuple[Any, ...]]:
    """A condition on ``objective`` rows: listed under ``heading`` (``heading_of``, in SQL), and its arguments."""
    if heading == SHARED_HEADING:
        return "id IN (SELECT objective_id FROM objective_team GROUP BY objective_id HAVING COUNT(*) > 1)", ()
    if heading == NO_TEAM_HEADING:
        return "NOT EXISTS (SELECT 1 FROM objective_team WHERE objective_id = objective.id)", ()
    return (
        "id IN (SELECT objective_id FROM objective_team WHERE team_id = ?) AND NOT EXISTS"
        " (SELECT 1 FROM objective_team WHERE objective_id = objective.id AND team_id <> ?)",
        (heading, heading),
    )


#: What SQLite's ``typeof`` must say of a value of each storage class (``declared``): a date or a
#: moment is text, a flag an integer. "?" after a class allows NULL.
_CHECKED = {"date": "text", "moment": "text", "flag": "integer"}
_STORAGE = {
    "integer": "= 'integer'",
    "integer?": "IN ('integer', 'null')",
    "text": "= 'text'",
    "text?": "IN ('text', 'null')",
    "number": "IN ('integer', 'real')",
    "number?": "IN ('integer', 'real', 'null')",
}
#: What a damaged-file message calls a stored word of each kind this version does not know; another
#: is called by its table and column ("metric direction").
_UNKNOWN: dict[tuple[str, type[enum.Enum]], str] = {
    ("metric", Direction): QT_TRANSLATE_NOOP("PlanDocument", "metric direction"),
    ("stance_record", Stance): QT_TRANSLATE_NOOP("PlanDocument", "buy-in stance"),
    ("definition_stance", Stance): QT_TRANSLATE_NOOP("PlanDocument", "definition stance"),
    ("agreement_stance", Stance): QT_TRANSLATE_NOOP("PlanDocument", "agreement stance"),
}

#: Turns a stored value, checked in SQL already, into the view's; raises KeyError, ValueError or
#: TypeError for a value it cannot take, which its ``Named`` then names.
Convert = Callable[[Any], Any]
#: Turns a stored value into the view's on a reader, which names the value at fault.
Named = Callable[[RowReader, Any], Any]


def _checked(storage: str) -> str:
    """The class ``sound`` checks a column of ``storage`` as (its key of ``_STORAGE``)."""
    nullable = storage.endswith("?")
    base = storage.rstrip("?")
    return _CHECKED.get(base, base) + ("?" if nullable else "")


def _member(kind: type[enum.Enum], table: str, column: str) -> tuple[Convert, Named]:
    """A stored word as its member of ``kind``; a word this version does not know is a damaged plan."""
    members = {member.value: member for member in kind}
    what = _UNKNOWN.get((table, kind)) or f"{table} {column}".replace("_", " ")
    return members.__getitem__, lambda reader, value: reader.known(kind, value, what)


#: How a stored value of each class becomes the view's (None stays None); text and ids are as stored.
_CONVERTS: dict[str, tuple[Convert, Named]] = {
    "number": (float, RowReader.number),
    "date": (dt.date.fromisoformat, RowReader.date),
    "moment": (dt.datetime.fromisoformat, RowReader.datetime),
    "flag": (bool, lambda reader, value: bool(value)),
}


class _Rows:
    """How rows of one table become one kind of view value: the columns read (the row's own first,
    then each field of the view its record stores, in the view's order), the storage class each must
    hold, and how a row and the parts its reader gives (lists, links) make the value. Worked out once
    per process (``_rows``)."""

    __slots__ = ("arguments", "columns", "converts", "defaults", "select", "table", "types", "value", "view")

    def __init__(
        self,
        table: str,
        view: type[Any],
        own: tuple[str, ...],
        given: tuple[str, ...],
        stored: dict[str, str],
    ) -> None:
        hints = typing.get_type_hints(view)
        fields = dataclasses.fields(view)
        columns = list(own)
        columns += [f.name for f in fields if f.name in stored and f.name not in own and f.name not in given]
        defaults: list[Any] = []
        places: list[int] = []
        for f in fields:
            if f.name in columns:
                places.append(columns.index(f.name))
            elif f.name in given:
                places.append(len(columns) + given.index(f.name))
            elif f.default is not dataclasses.MISSING:  # a field its record does not store: as the view says
                places.append(len(columns) + len(given) + len(defaults))
                defaults.append(f.default)
            else:
                raise TypeError(
                    f"{view.__name__}.{f.name} is no column {table} stores, nor given by its reader"
                )
        converts: list[tuple[int, Convert, Named]] = []
        for index, name in enumerate(columns):
            hint = hints.get(name)
            if isinstance(hint, type) and issubclass(hint, enum.Enum):
                converts.append((index, *_member(hint, table, name)))
            elif name in stored and (found := _CONVERTS.get(stored[name].rstrip("?"))) is not None:
                converts.append((index, *found))
        self.table, self.view, self.columns = table, view, tuple(columns)
        #: Each column read, with its key of ``_STORAGE``: ``sound`` checks them before rows are values.
        self.types = {name: _checked(stored[name] if name in stored else _OWN[name]) for name in columns}
        #: ``SELECT <columns> FROM <table>``, to which a reader adds its WHERE and ORDER BY.
        self.select = f"SELECT {', '.join(columns)} FROM {table}"
        #: (index in the row, how its value becomes the view's, how a reader names it at fault).
        self.converts = tuple(converts)
        #: Picks the view's arguments, in its fields' order, from the row, the given parts and defaults.
        self.arguments = operator.itemgetter(*places)
        self.defaults = tuple(defaults)
        #: What runs for each row: ``named``, as code written for these columns (``_compiled``).
        self.value: Callable[[RowReader, tuple[Any, ...], tuple[Any, ...]], Any] = _compiled(
            self, len(given), places
        )

    def named(self, reader: RowReader, row: tuple[Any, ...], given: tuple[Any, ...] = ()) -> Any:
        """The view of ``row`` (as ``select`` reads it) with the parts ``given``; a value it cannot
        take is named by ``reader`` as a damaged plan."""
        values = [*row, *given, *self.defaults]
        for index, convert, named in self.converts:
            value = values[index]
            if value is not None:
                try:
                    values[index] = convert(value)
                except (KeyError, ValueError, TypeError):
                    values[index] = named(reader, value)  # raises: the plan is damaged, and says where
        return self.view(*self.arguments(values))


def _compiled(
    rows: _Rows, given: int, places: list[int]
) -> Callable[[RowReader, tuple[Any, ...], tuple[Any, ...]], Any]:
    """``rows.named`` as the code a person would write for its columns, compiled once (as
    ``dataclasses`` does for ``__init__``): a view of thousands of objectives makes a value of every
    row, and a loop over the columns of each would cost it a fifth more. A value the code cannot
    take goes to ``named``, which names it."""
    names = [f"c{i}" for i in range(len(rows.columns))] + [f"g{i}" for i in range(given)]
    names += [f"d{i}" for i in range(len(rows.defaults))]
    code = ["def value(reader, row, given=()):", f"    {', '.join(names[: len(rows.columns)])}, = row"]
    if given:
        code.append(f"    {', '.join(names[len(rows.columns) : len(rows.columns) + given])}, = given")
    scope: dict[str, Any] = {"view": rows.view, "named": rows.named}
    scope.update({f"d{i}": default for i, default in enumerate(rows.defaults)})
    if rows.converts:
        code.append("    try:")
        for index, convert, _named in rows.converts:
            scope[f"convert{index}"] = convert
            code.append(f"        if c{index} is not None: c{index} = convert{index}(c{index})")
        code += ["    except (KeyError, ValueError, TypeError):", "        return named(reader, row, given)"]
    code.append(f"    return view({', '.join(names[p] for p in places)})")
    exec("\n".join(code), scope)  # names of this module's own and of declared columns only
    compiled: Callable[[RowReader, tuple[Any, ...], tuple[Any, ...]], Any] = scope["value"]
    return compiled


@cache
def _rows(table: str, view: type[Any], own: tuple[str, ...] = ("id",), given: tuple[str, ...] = ()) -> _Rows:
    """How ``table``'s rows are read as ``view``s: its columns ``own`` (read whether or not the view
    holds them), the view's fields ``table``'s record stores (as generated from the declaration), and
    the view's fields ``given`` by the reader for each row, in that order."""
    return _Rows(table, view, own, given, declared.stored(table))


def _objectives() -> _Rows:
    return _rows("objective", ObjectiveView, given=("team_ids", "goal_ids", "metrics", "merged_from"))


def _metrics() -> _Rows:
    return _rows("metric", MetricView, own=("id", "objective_id"))


def _origins() -> _Rows:
    return _rows("objective_origin", ObjectiveOriginView, own=("objective_id",))


def _stance_events() -> _Rows:
    return _rows("stance_record", StanceEvent)


def _lines() -> _Rows:
    return _rows("objective", ObjectiveLine, given=("team_ids",))


def _definitions() -> _Rows:
    return _rows("definition", DefinitionView, given=("stances", "concerned_leader_ids", "bought_in"))


def _definition_stances() -> _Rows:
    return _rows("definition_stance", DefinitionStanceEvent, own=("id", "definition_id"))


def _agreements() -> _Rows:
    return _rows("agreement", AgreementView, given=("stances", "bought_in"))


def _agreement_stances() -> _Rows:
    return _rows("agreement_stance", AgreementStanceEvent, own=("id", "agreement_id"))


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


def read_objective_counts(plan: PlanFile) -> ObjectiveCounts:
    """How many objectives each heading holds, and which comes first: no line of any objective is read.

    The objectives' lines and their links to teams are checked for a value of the wrong kind here,
    in SQL, as a read of every line would: a damaged value is refused as the plan opens, not when
    its row is scrolled to.
    """
    with plan.read_rows() as rows:
        return _Reader(rows, plan.name).counts()


def read_heading_lines(
    plan: PlanFile, teams: PlanView, heading: Heading, start: int, count: int
) -> list[ObjectiveLine]:
    """The objectives under ``heading`` from its ``start``-th (0 the first) on, ``count`` at most, as
    lines in display order; owning teams in the order ``teams`` (a view or an outline) holds them."""
    with plan.read_rows() as rows:
        reader = _Reader(rows, plan.name)
        reader.orders(teams)
        ids = reader.heading_ids(heading, start, count)
        return reader.lines(ids) if ids else []


def read_heading_ids(plan: PlanFile, heading: Heading) -> list[int]:
    """Every objective under ``heading``, as ids in display order (what moving one among them needs)."""
    with plan.read_rows() as rows:
        return _Reader(rows, plan.name).heading_ids(heading)


def read_lines(plan: PlanFile, teams: PlanView, objective_ids: Collection[int]) -> list[ObjectiveLine]:
    """The lines of ``objective_ids`` the plan still holds, in display order (teams ordered as ``teams``)."""
    with plan.read_rows() as rows:
        reader = _Reader(rows, plan.name)
        reader.orders(teams)
        return reader.lines(sorted(set(objective_ids)))


def read_heading_place(plan: PlanFile, objective_id: int) -> tuple[Heading, int] | None:
    """The heading ``objective_id`` is listed under and its row there (0 the first); None once it is gone."""
    with plan.read_rows() as rows:
        return _Reader(rows, plan.name).heading_place(objective_id)


def read_definitions(plan: PlanFile, ids: Collection[int] | None = None) -> tuple[DefinitionView, ...]:
    """The glossary in display order, each term with its buy-in history and whether it is bought in.

    With ``ids``, only those terms (the ones still in the plan): a glossary grows with the plan, and
    the Definitions page reads again only the terms an edit touched.
    """
    with plan.read_rows() as rows:
        reader = _Reader(rows, plan.name)
        leaders = reader.all(_rows("leader", LeaderView))
        return tuple(reader.definitions(leaders, None if ids is None else sorted(set(ids))))


def read_agreements(plan: PlanFile, ids: Collection[int] | None = None) -> tuple[AgreementView, ...]:
    """The agreements beyond goals in display order (every kind; ``AgreementView.kind`` tells which),
    each with its buy-in history and whether every leader agreed. With ``ids``, only those."""
    with plan.read_rows() as rows:
        reader = _Reader(rows, plan.name)
        leaders = reader.all(_rows("leader", LeaderView))
        return tuple(reader.agreements(leaders, None if ids is None else sorted(set(ids))))


def agreement_order(plan: PlanFile) -> tuple[int, ...]:
    """The agreements' ids in display order: what a page needs to place one added or put back."""
    with plan.read_rows() as rows:
        return tuple(i for (i,) in rows.execute("SELECT id FROM agreement ORDER BY position, id"))


def definition_order(plan: PlanFile) -> tuple[int, ...]:
    """The glossary's ids in display order: what a page needs to place a term added or put back."""
    with plan.read_rows() as rows:
        return tuple(i for (i,) in rows.execute("SELECT id FROM definition ORDER BY position, id"))


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
        teams = tuple(self.all(_rows("team", TeamView)))
        leaders = tuple(self.all(_rows("leader", LeaderView)))
        goals = tuple(self.all(_rows("company_goal", CompanyGoalView)))
        self.team_order = {t.id: n for n, t in enumerate(teams)}
        self.goal_order = {g.id: n for n, g in enumerate(goals)}
        if not objectives:
            return PlanView(details, teams, leaders, goals, ())
        return PlanView(
            details, teams, leaders, goals, tuple(self.objectives(None)), tuple(self.stances(None))
        )

    def all(self, shape: _Rows) -> list[Any]:
        """Every row of ``shape``'s table as its view, in display order."""
        self.sound(shape.table, "id", None, shape.types)
        return [
            shape.value(self, row, ()) for row in self.rows.execute(f"{shape.select} ORDER BY position, id")
        ]

    def orders(self, view: PlanView) -> None:
        """Order owning teams and served goals as ``view`` orders its teams and goals."""
        self.team_order = {t.id: n for n, t in enumerate(view.teams)}
        self.goal_order = {g.id: n for n, g in enumerate(view.goals)}

    def details(self) -> PlanDetails:
        shape = _rows("plan", PlanDetails)
        self.sound(shape.table, "id", None, shape.types)
        row = self.rows.execute(f"{shape.select} LIMIT 1").fetchone()
        if row is None:
            return PlanDetails("", None, None, "", "", "", 0)
        details: PlanDetails = shape.value(self, row, ())
        return details

    def sound(self, table: str, column: str, ids: list[int] | None, types: dict[str, str]) -> None:
        """Refuse, as a damaged plan, a row of ``table`` (those with ``column`` in ``ids``) holding a
        value of the wrong kind in one of the columns ``types`` names (with its key of ``_STORAGE``)."""
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
                raise self.damaged(STORED_AS[kind.rstrip("?")], value)
        raise self.damaged(
            QT_TRANSLATE_NOOP("PlanDocument", "a value"), row
        )  # pragma: no cover - the query and the loop agree

    def objectives(self, ids: list[int] | None) -> list[ObjectiveView]:
        """The objectives ``ids`` (every objective for None), in display order, each with all it holds."""
        shape, metric, origin = _objectives(), _metrics(), _origins()
        for table, types in (*_LINKS.items(), (metric.table, metric.types), (origin.table, origin.types)):
            self.sound(table, "objective_id", ids, types)
        self.sound(shape.table, "id", ids, shape.types)
        where, args = in_ids("objective_id", ids)
        team_links = self._linked("objective_team", where, args)
        goal_links = self._linked("objective_goal", where, args)
        metrics: dict[int, list[MetricView]] = defaultdict(list)
        for row in self.rows.execute(f"{metric.select}{where} ORDER BY position, id", args):
            metrics[row[1]].append(self._metric(metric, row))
        merged_from: dict[int, list[ObjectiveOriginView]] = defaultdict(list)
        for row in self.rows.execute(f"{origin.select}{where} ORDER BY position, id", args):
            merged_from[row[0]].append(origin.value(self, row, ()))
        team_order, goal_order = self.team_order, self.goal_order
        where, args = in_ids("id", ids)
        return [
            shape.value(
                self,
                row,
                (
                    tuple(sorted(team_links[i], key=lambda t: team_order.get(t, 0)))
                    if i in team_links
                    else (),
                    tuple(sorted(goal_links[i], key=lambda g: goal_order.get(g, 0)))
                    if i in goal_links
                    else (),
                    tuple(metrics[i]) if i in metrics else (),
                    tuple(merged_from[i]) if i in merged_from else (),
                ),
            )
            for row in self.rows.execute(f"{shape.select}{where} ORDER BY position, id", args)
            for i in (row[0],)
        ]

    def lines(self, ids: list[int] | None) -> list[ObjectiveLine]:
        """The objectives ``ids`` (every objective for None) as lines, in display order."""
        shape = _lines()
        self.sound("objective_team", "objective_id", ids, _LINKS["objective_team"])
        self.sound(shape.table, "id", ids, shape.types)
        where, args = in_ids("objective_id", ids)
        team_links = self._linked("objective_team", where, args)
        team_order = self.team_order
        teams: dict[int, tuple[int, ...]] = {
            i: (links[0],) if len(links) == 1 else tuple(sorted(links, key=lambda t: team_order.get(t, 0)))
            for i, links in team_links.items()
        }
        where, args = in_ids("id", ids)
        return [
            shape.value(self, row, (teams.get(row[0], ()),))
            for row in self.rows.execute(f"{shape.select}{where} ORDER BY position, id", args)
        ]

    def counts(self) -> ObjectiveCounts:
        """How many objectives each heading holds, and the first objective (see ``read_objective_counts``)."""
        self.sound("objective_team", "objective_id", None, _LINKS["objective_team"])
        self.sound("objective", "id", None, _lines().types)
        counts: dict[Heading, int] = dict(self.rows.execute(_COUNTS, (SHARED_HEADING,)).fetchall())
        (every,) = self.rows.execute("SELECT COUNT(*) FROM objective").fetchone()
        if unowned := every - sum(counts.values()):
            counts[NO_TEAM_HEADING] = unowned
        first = self.rows.execute("SELECT id FROM objective ORDER BY position, id LIMIT 1").fetchone()
        return ObjectiveCounts(counts, None if first is None else int(first[0]))

    def heading_ids(self, heading: Heading, start: int = 0, count: int = -1) -> list[int]:
        """The ids under ``heading`` from its ``start``-th on, ``count`` at most (-1: all), in display order."""
        where, args = _in_heading(heading)
        return [
            i
            for (i,) in self.rows.execute(
                f"SELECT id FROM objective WHERE {where} ORDER BY position, id LIMIT ? OFFSET ?",
                (*args, count, start),
            )
        ]

    def heading_place(self, objective_id: int) -> tuple[Heading, int] | None:
        """Where ``objective_id`` is listed: its heading and its row there; None if the plan holds no such objective."""
        row = self.rows.execute("SELECT position FROM objective WHERE id = ?", (objective_id,)).fetchone()
        if row is None:
            return None
        teams = self.rows.execute(
            "SELECT team_id FROM objective_team WHERE objective_id = ?", (objective_id,)
        )
        heading = heading_of(tuple(team for (team,) in teams))
        where, args = _in_heading(heading)
        (before,) = self.rows.execute(
            f"SELECT COUNT(*) FROM objective WHERE {where} AND (position < ? OR (position = ? AND id < ?))",
            (*args, row[0], row[0], objective_id),
        ).fetchone()
        return heading, int(before)

    def stances(self, objective_ids: list[int] | None) -> list[StanceEvent]:
        """Every stance recorded on ``objective_ids`` (on every objective for None), oldest first."""
        shape = _stance_events()
        self.sound(shape.table, "objective_id", objective_ids, shape.types)
        where, args = in_ids("objective_id", objective_ids)
        return [
            shape.value(self, row, ())
            for row in self.rows.execute(f"{shape.select}{where} ORDER BY id", args)
        ]

    def definitions(self, leaders: list[LeaderView], ids: list[int] | None) -> list[DefinitionView]:
        """The terms ``ids`` (every term for None), in display order, each with its buy-in history,
        the leaders who must agree (``leaders``, in display order) and whether it is bought in."""
        shape, stance = _definitions(), _definition_stances()
        self.sound(stance.table, "definition_id", ids, stance.types)
        self.sound(shape.table, "id", ids, shape.types)
        where, args = in_ids("definition_id", ids)
        events: dict[int, list[DefinitionStanceEvent]] = defaultdict(list)
        for row in self.rows.execute(f"{stance.select}{where} ORDER BY id", args):
            events[row[1]].append(stance.value(self, row, ()))
        where, args = in_ids("id", ids)
        found = []
        for row in self.rows.execute(f"{shape.select}{where} ORDER BY position, id", args):
            definition_id, team_id = row[0], row[shape.columns.index("team_id")]
            history = tuple(events.get(definition_id, ()))
            current = current_definition_stances(history)
            concerned = tuple(leader.id for leader in definition_leaders(team_id, leaders))
            bought = definition_bought_in(definition_id, team_id, leaders, current)
            found.append(shape.value(self, row, (history, concerned, bought)))
        return found

    def agreements(self, leaders: list[LeaderView], ids: list[int] | None) -> list[AgreementView]:
        """The agreements ``ids`` (every one for None), in display order, each with its buy-in
        history and whether every leader (``leaders``) agreed."""
        shape, stance = _agreements(), _agreement_stances()
        self.sound(stance.table, "agreement_id", ids, stance.types)
        self.sound(shape.table, "id", ids, shape.types)
        where, args = in_ids("agreement_id", ids)
        events: dict[int, list[AgreementStanceEvent]] = defaultdict(list)
        for row in self.rows.execute(f"{stance.select}{where} ORDER BY id", args):
            events[row[1]].append(stance.value(self, row, ()))
        where, args = in_ids("id", ids)
        found = []
        for row in self.rows.execute(f"{shape.select}{where} ORDER BY position, id", args):
            history = tuple(events.get(row[0], ()))
            bought = agreement_bought_in(row[0], leaders, current_agreement_stances(history))
            found.append(shape.value(self, row, (history, bought)))
        return found

    def _linked(self, table: str, where: str, args: tuple[int, ...]) -> dict[int, list[int]]:
        """Each objective's ids in the link ``table`` (teams, goals), in row order; ``where`` and
        ``args`` pick the objectives, as ``in_ids`` makes them."""
        target = next(column for column in _LINKS[table] if column != "objective_id")
        links: dict[int, list[int]] = defaultdict(list)
        for objective_id, linked_id in self.rows.execute(
            f"SELECT objective_id, {target} FROM {table}{where}", args
        ):
            links[objective_id].append(linked_id)
        return links

    def _metric(self, shape: _Rows, row: tuple[Any, ...]) -> MetricView:
        # Checked in SQL already (``sound``): ids are integers, texts texts, numbers numbers.
        metric: MetricView = shape.value(self, row, ())
        return metric
