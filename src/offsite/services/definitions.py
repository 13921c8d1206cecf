"""Verbs of the data definitions: a glossary both teams mean the same thing by, with each leader's buy-in.

Each verb is one user action in one transaction and returns what it changed; its inverse is
named in its docstring. Change a definition's term, wording or owning team with
``changes.update_fields(plan, Kind.DEFINITION, id, {...})``; remove one (with its buy-in
history) with ``changes.remove(plan, Kind.DEFINITION, id)``, and put it back with ``changes.restore``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from offsite.domain.errors import EditRefusedError
from offsite.domain.language import translate
from offsite.domain.rules import clean_text
from offsite.domain.values import Kind, Stance
from offsite.services.buyin import record_stance_on
from offsite.services.changes import Created, add_row, next_position
from offsite.services.outbox import sendable
from offsite.store.document.view import definition_order as definition_order  # read with the plan view
from offsite.store.document.view import read_definitions as read_definitions
from offsite.store.models import Definition, Team
from offsite.store.planfile import PlanFile


def add_definition(plan: PlanFile, term: str, definition: str = "", team_id: int | None = None) -> Created:
    """Add a term and its definition at the end of the glossary, owned by ``team_id`` (None: everyone).

    Undo with ``changes.remove(plan, Kind.DEFINITION, id)``. Raises EditRefusedError for a blank
    term, a term defined already (case aside), or a team that is gone.
    """
    term = clean_text(term, translate("DefinitionEdits", "Term")).strip()
    definition = clean_text(definition, translate("DefinitionEdits", "Definition"))
    if not term:
        raise EditRefusedError(
            translate("DefinitionEdits", "Give the term a name, e.g. “Sales qualified lead”.")
        )
    if team_id is not None and (isinstance(team_id, bool) or not isinstance(team_id, int)):
        raise EditRefusedError(translate("DefinitionEdits", "Owning team must name a team."))
    with plan.write() as session:
        if team_id is not None and session.get(Team, team_id) is None:
            raise EditRefusedError(
                translate("DefinitionEdits", "That team no longer exists in the plan (removed elsewhere?).")
            )
        same = session.scalars(
            select(Definition.term).where(func.lower(Definition.term) == term.lower())
        ).first()
        if same is not None:
            raise EditRefusedError(
                translate(
                    "DefinitionEdits", "“{term}” is defined already; change that definition instead."
                ).format(term=same)
            )
        row = Definition(
            term=term,
            definition=definition,
            team_id=team_id,
            position=next_position(session, Kind.DEFINITION),
        )
        return add_row(session, Kind.DEFINITION, row)


@sendable
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
    return record_stance_on(plan, Definition, definition_id, leader_id, stance, comment, at=at, gone=True)
