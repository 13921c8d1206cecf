"""Verbs of the data definitions: a glossary both teams mean the same thing by, with each leader's buy-in.

Each verb is one user action in one transaction and returns what it changed; its inverse is
named in its docstring. Change a definition's term, wording or owning team with
``changes.update_fields(plan, Kind.DEFINITION, id, {...})``; remove one (with its buy-in
history) with ``changes.remove(plan, Kind.DEFINITION, id)``, and put it back with ``changes.restore``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import func, select

from offsite.domain.errors import EditRefusedError
from offsite.domain.rules import clean_text
from offsite.domain.signoff import (
    DefinitionStanceEvent,
    DefinitionView,
    current_definition_stances,
    definition_bought_in,
    definition_leaders,
)
from offsite.domain.values import Kind, LeaderView, Stance
from offsite.services.buyin import record_stance_on
from offsite.services.changes import Created, add_row, next_position
from offsite.store.document.rows import RowReader, in_ids
from offsite.store.models import Definition, Team
from offsite.store.planfile import PlanFile


def add_definition(plan: PlanFile, term: str, definition: str = "", team_id: int | None = None) -> Created:
    """Add a term and its definition at the end of the glossary, owned by ``team_id`` (None: everyone).

    Undo with ``changes.remove(plan, Kind.DEFINITION, id)``. Raises EditRefusedError for a blank
    term, a term defined already (case aside), or a team that is gone.
    """
    term = clean_text(term, "Term").strip()
    definition = clean_text(definition, "Definition")
    if not term:
        raise EditRefusedError("Give the term a name, e.g. “Sales qualified lead”.")
    if team_id is not None and (isinstance(team_id, bool) or not isinstance(team_id, int)):
        raise EditRefusedError("Owning team must name a team.")
    with plan.write() as session:
        if team_id is not None and session.get(Team, team_id) is None:
            raise EditRefusedError("That team no longer exists in the plan (removed elsewhere?).")
        same = session.scalars(
            select(Definition.term).where(func.lower(Definition.term) == term.lower())
        ).first()
        if same is not None:
            raise EditRefusedError(f"“{same}” is defined already; change that definition instead.")
        row = Definition(
            term=term,
            definition=definition,
            team_id=team_id,
            position=next_position(session, Kind.DEFINITION),
        )
        return add_row(session, Kind.DEFINITION, row)


def record_definition_stance(
    plan: PlanFile,
    definition_id: int,
    leader_id: int,
    stance: Stance,
    comment: str = "",
    *,
    at: dt.datetime | None = None,
) -> Created:
    """Add a stance to the definition's history; the last one recorded is the leader's current stance.

    Undo with ``changes.remove(plan, Kind.DEFINITION_STANCE, id)``, which brings the previous one back.
    """
    return record_stance_on(
        plan, Definition, definition_id, leader_id, stance, comment, at=at, gone=" (removed elsewhere?)"
    )


def read_definitions(plan: PlanFile, ids: Collection[int] | None = None) -> tuple[DefinitionView, ...]:
    """The glossary in display order, each entry with its buy-in history and whether it is bought in.

    With ``ids``, only those entries (the ones still in the plan), so that an edit of one term
    reads one term: a glossary grows with the plan, and the Definitions page patches its rows.
    Read with plain ``sqlite3`` in one read transaction; a value of the wrong type in a column is
    reported as a damaged plan, never shown.
    """
    with plan.read_rows() as rows:
        read = RowReader(rows, plan.name)
        leaders = [
            LeaderView(
                read.integer(i),
                read.text(name),
                read.text(title),
                _team(read, team_id),
                read.text(uid),
                read.text(initials),
            )
            for i, name, title, team_id, uid, initials in rows.execute(
                "SELECT id, name, title, team_id, uid, initials FROM leader ORDER BY position, id"
            )
        ]
        where, args = in_ids("definition_id", ids)
        events: dict[int, list[DefinitionStanceEvent]] = defaultdict(list)
        for i, definition_id, leader_id, stance, comment, recorded_at in rows.execute(
            "SELECT id, definition_id, leader_id, stance, comment, recorded_at FROM definition_stance"
            f"{where} ORDER BY id",
            args,
        ):
            events[definition_id].append(
                DefinitionStanceEvent(
                    read.integer(i),
                    read.integer(definition_id),
                    read.integer(leader_id),
                    read.known(Stance, stance, "definition stance"),
                    read.text(comment),
                    read.datetime(recorded_at),
                )
            )
        where, args = in_ids("id", ids)
        entries = rows.execute(
            f"SELECT id, uid, term, definition, team_id FROM definition{where} ORDER BY position, id", args
        ).fetchall()
    views = []
    for i, uid, term, definition, team_id in entries:
        history = tuple(events[i])
        current = current_definition_stances(history)
        team = _team(read, team_id)
        views.append(
            DefinitionView(
                read.integer(i),
                read.text(uid),
                read.text(term),
                read.text(definition),
                team,
                history,
                tuple(leader.id for leader in definition_leaders(team, leaders)),
                definition_bought_in(i, team, leaders, current),
            )
        )
    return tuple(views)


def definition_order(plan: PlanFile) -> tuple[int, ...]:
    """The glossary's ids in display order: what a page needs to place an entry added or put back."""
    with plan.read_rows() as rows:
        read = RowReader(rows, plan.name)
        return tuple(
            read.integer(i) for (i,) in rows.execute("SELECT id FROM definition ORDER BY position, id")
        )


def _team(read: RowReader, team_id: object) -> int | None:
    return None if team_id is None else read.integer(team_id)
