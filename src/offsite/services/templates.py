"""Starting a plan from a starter template (``offsite.domain.templates``): its teams, customer journey,
hand-offs, data definitions, decision rights with the business model, and joint practices.

``apply_template`` writes a template into a plan in one transaction; ``start_plan`` creates a new
plan file, blank or from a template, that appears whole on the disk. A template only starts a
plan: one that has agreements already, or has been signed, is refused with a sentence. Nothing is
bought in: every leader agrees to each line in the room, as to any agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from offsite.domain.errors import EditRefusedError
from offsite.domain.language import translate
from offsite.domain.templates import TEMPLATES, Template, template_named
from offsite.services.plans import create_plan
from offsite.store import PlanFile, create_plan_file
from offsite.store.models import Agreement, Definition, Plan, PlanVersion, Team


@dataclass(frozen=True, slots=True)
class Started:
    """What a template put into a plan: the template, and how many teams, definitions and
    agreements it added (teams and definitions the plan had already are used, not added)."""

    template: Template
    teams: int
    definitions: int
    agreements: int


def chosen_template(name: str) -> Template:
    """The template ``name`` names (its name or title); refuses, listing them, when none does."""
    template = template_named(name)
    if template is None:
        names = ", ".join(f"“{t.name}” ({t.title})" for t in TEMPLATES)
        raise EditRefusedError(
            translate(
                "Templates", "There is no starter template “{name}”; the templates are {templates}."
            ).format(name=name.strip(), templates=names)
        )
    return template


def apply_template(plan: PlanFile, name: str) -> Started:
    """Fill ``plan`` from the template ``name``, in one transaction.

    Adds the template's teams when the plan has none (otherwise an agreement's team is found by
    name, and left unowned when the plan has no such team), its definitions (a term the plan
    defines already is used as it is), then its agreements after any the plan has, with no owner
    and no buy-in; sets the business model and why when the plan has none chosen.

    Refuses (EditRefusedError) a template that does not exist, a plan that has agreements already
    or has been signed. No undo: it starts a new plan, before anyone works in it.
    """
    template = chosen_template(name)
    with plan.write() as session:
        signed = session.scalar(select(func.max(PlanVersion.number)))
        if signed is not None:
            raise EditRefusedError(
                translate(
                    "Templates",
                    "“{file}” has been signed (version {number}): a starter template is for a new plan. Start a new plan from it with File ▸ New Plan….",
                ).format(file=plan.name, number=signed)
            )
        if session.scalar(select(func.count()).select_from(Agreement)):
            raise EditRefusedError(
                translate(
                    "Templates",
                    "“{file}” has agreements already: a starter template is for a plan that has none. Change them on the Agreements page instead.",
                ).format(file=plan.name)
            )
        teams = {named.casefold(): i for i, named in session.execute(select(Team.id, Team.name))}
        added_teams = 0
        if not teams:
            for position, team_name in enumerate(template.teams):
                team = Team(name=team_name, position=position)
                session.add(team)
                session.flush()
                teams[team_name.casefold()] = team.id
            added_teams = len(template.teams)
        terms = {term.casefold(): i for i, term in session.execute(select(Definition.id, Definition.term))}
        position = _next(session, Definition.position)
        added_definitions = 0
        for starter in template.definitions:
            if starter.term.casefold() in terms:
                continue
            definition = Definition(
                term=starter.term,
                definition=starter.definition,
                team_id=teams.get(starter.team.casefold()) if starter.team else None,
                position=position,
            )
            session.add(definition)
            session.flush()
            terms[starter.term.casefold()] = definition.id
            position += 1
            added_definitions += 1
        position = _next(session, Agreement.position)
        for offset, proposal in enumerate(template.agreements):
            session.add(
                Agreement(
                    kind=proposal.kind.value,
                    title=proposal.title,
                    team_id=teams.get(proposal.team.casefold()),
                    definition_id=terms.get(proposal.definition.casefold()) if proposal.definition else None,
                    position=position + offset,
                    **proposal.texts(),
                )
            )
        session.execute(
            update(Plan)
            .where(Plan.business_model == "")
            .values(business_model=template.business_model, business_model_why=template.business_model_why)
        )
    return Started(template, added_teams, added_definitions, len(template.agreements))


def start_plan(path: Path | str, title: str, template: str = "") -> tuple[PlanFile, Started | None]:
    """Create the plan ``path`` titled ``title``, blank or started from ``template``; returns it open.

    The plan appears whole or not at all, and never over another file (as ``create_plan``).
    """
    if not template:
        return create_plan(path, title), None
    chosen = chosen_template(template)  # refused before any file is made
    started: list[Started] = []

    def fill(plan: PlanFile) -> None:
        with plan.write() as session:
            session.add(Plan(title=title, venue="", horizon="", vision=""))
        started.append(apply_template(plan, chosen.name))

    return create_plan_file(path, fill), started[0]


def _next(session: Session, column: InstrumentedAttribute[int]) -> int:
    """The position after the last of ``column``'s table."""
    return int(session.scalar(select(func.coalesce(func.max(column), -1))) or 0) + 1
