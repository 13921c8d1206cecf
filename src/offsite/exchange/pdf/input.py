"""What one PDF shows, read once and then only laid out: ``PdfInput``.

``export_plan_pdf`` reads the plan file once (``read_input``); ``export_pdf`` turns a plan view, a
brainstorm and ``PdfExtras`` into one frozen ``PdfInput`` with everything the sections derive from
the plan (the current stances, the document order and numbers of the objectives, the seal). The
layout is built once from that input and never changes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from offsite.domain.buyin import current_stances
from offsite.domain.exercises import BrainstormView
from offsite.domain.language import translate
from offsite.domain.smart import objectives_passing
from offsite.domain.values import ObjectiveView, PlanView, StanceEvent
from offsite.exchange.pdf.extras import PdfExtras
from offsite.exchange.pdf.seal import Seal
from offsite.store.planfile import PlanFile


@dataclass(frozen=True, slots=True)
class Group:
    heading: str
    objectives: tuple[ObjectiveView, ...]
    shared: bool = False
    team_id: int | None = None


def objective_groups(view: PlanView) -> list[Group]:
    """The objectives in document order: each team's own, then the shared ones, then any without a team."""
    known = {t.id for t in view.teams}

    def owners(objective: ObjectiveView) -> list[int]:
        return [i for i in objective.team_ids if i in known]

    groups = [
        Group(team.name, tuple(o for o in view.objectives if owners(o) == [team.id]), team_id=team.id)
        for team in view.teams
    ]
    shared = tuple(o for o in view.objectives if len(owners(o)) > 1)
    if shared:
        groups.append(Group(translate("PdfObjectives", "Shared objectives"), shared, shared=True))
    unowned = tuple(o for o in view.objectives if not owners(o))
    if unowned:
        groups.append(Group(translate("PdfObjectives", "Objectives without a team"), unowned))
    return groups


@dataclass(frozen=True, slots=True)
class PdfInput:
    """Everything the PDF shows, fixed before the layout starts: built once per export."""

    view: PlanView
    brainstorm: BrainstormView | None
    extras: PdfExtras
    #: False when the caller gave no ``PdfExtras``: the PDF then ends with the buy-in, as before.
    full: bool
    seal: Seal
    #: The latest stance of each (objective id, leader id).
    stances: Mapping[tuple[int, int], StanceEvent]
    #: The objectives in document order, grouped as the objectives section prints them.
    groups: tuple[Group, ...]
    #: Objective id → its number in the document ("O3").
    numbers: Mapping[int, str]
    #: Objective id → objective, and uid → objective: a section looks one up in constant time,
    #: so a table of findings is linear in its rows, not in rows × objectives.
    objectives_by_id: Mapping[int, ObjectiveView]
    objectives_by_uid: Mapping[str, ObjectiveView]

    @classmethod
    def of(cls, view: PlanView, brainstorm: BrainstormView | None, extras: PdfExtras | None) -> PdfInput:
        groups = tuple(objective_groups(view))
        order = [o for group in groups for o in group.objectives]
        given = extras or PdfExtras()
        return cls(
            view,
            brainstorm,
            given,
            extras is not None,
            Seal.of(given),
            MappingProxyType(current_stances(view.stances)),
            groups,
            MappingProxyType({o.id: f"O{i}" for i, o in enumerate(order, start=1)}),
            MappingProxyType({o.id: o for o in view.objectives}),
            MappingProxyType({o.uid: o for o in view.objectives if o.uid}),
        )


def read_plan_uid(plan: PlanFile) -> str:
    """The plan's uid: the identity its PDFs carry in their document information."""
    from sqlalchemy import select

    from offsite.store.models import Plan

    with plan.read() as session:
        return session.scalar(select(Plan.uid).order_by(Plan.id).limit(1)) or ""


def read_input(plan: PlanFile) -> PdfInput:
    """One read of ``plan``: the plan, its brainstorm and every extra the PDF shows (caller's thread)."""
    from offsite.services.agreements import incentive_warnings, read_agreements
    from offsite.services.brainstorm import read_brainstorm
    from offsite.services.definitions import read_definitions
    from offsite.services.draft_marking import read_draft_info
    from offsite.services.overlaps import read_resolutions
    from offsite.services.plans import read_plan
    from offsite.services.signoff import read_signoff
    from offsite.services.survey import read_ratings

    view = read_plan(plan)
    brainstorm = read_brainstorm(plan)
    extras = PdfExtras(
        plan_uid=read_plan_uid(plan),
        signoff=read_signoff(plan),
        definitions=read_definitions(plan),
        resolutions=read_resolutions(plan),
        survey=read_ratings(plan),
        smart_passed=objectives_passing(brainstorm.candidates),
        drafted_by=draft.label if (draft := read_draft_info(plan)) is not None else "",
        agreements=read_agreements(plan),
        incentive_warnings=MappingProxyType(incentive_warnings(plan)),
    )
    return PdfInput.of(view, brainstorm, extras)
