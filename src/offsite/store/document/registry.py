"""Which tables make a plan, in dependency order: the one list every other place uses.

``PLAN_MODELS`` lists every table of a plan's data, each after the tables it refers to, so a
writer that walks it in order always finds the rows a foreign key names, and a remover walks it
backwards. ``KIND_MODELS`` says which table holds the rows of each kind of thing a user edits by
id (``offsite.domain.values.Kind``): the service verbs, undo and a draft merge look tables up there.
Which record of the plan's declaration each kind's rows hold is ``columns.KIND_RECORDS``: this
list stays free of the declaration, so the edit verbs load without pydantic.

The model classes are imported here once; ``read`` and ``write`` take them from here.
"""

from __future__ import annotations

from typing import Final

from offsite.domain.values import Kind
from offsite.store.models import (
    AgendaDay,
    AgendaItem,
    Base,
    Candidate,
    CompanyGoal,
    Definition,
    DefinitionStance,
    DismissedSuggestion,
    DotVote,
    Draft,
    DraftBase,
    EmpathyNote,
    Funnel,
    Leader,
    MergeRecord,
    Metric,
    Objective,
    ObjectiveGoal,
    ObjectiveOrigin,
    ObjectiveTeam,
    OverlapResolution,
    ParkingItem,
    Plan,
    PlanVersion,
    Reopening,
    Signature,
    SignatureWithdrawal,
    StanceRecord,
    SurveyRating,
    SwitchItem,
    Team,
    TeamGoal,
    TeamSwitch,
    Theme,
    ThemeLink,
    WhyNode,
)

#: The model classes are this module's too: the reader and the writer take them from here.
__all__ = [
    "KIND_MODELS",
    "PLAN_MODELS",
    "AgendaDay",
    "AgendaItem",
    "Base",
    "Candidate",
    "CompanyGoal",
    "Definition",
    "DefinitionStance",
    "DismissedSuggestion",
    "DotVote",
    "Draft",
    "DraftBase",
    "EmpathyNote",
    "Funnel",
    "Leader",
    "MergeRecord",
    "Metric",
    "Objective",
    "ObjectiveGoal",
    "ObjectiveOrigin",
    "ObjectiveTeam",
    "OverlapResolution",
    "ParkingItem",
    "Plan",
    "PlanVersion",
    "Reopening",
    "Signature",
    "SignatureWithdrawal",
    "StanceRecord",
    "SurveyRating",
    "SwitchItem",
    "Team",
    "TeamGoal",
    "TeamSwitch",
    "Theme",
    "ThemeLink",
    "WhyNode",
    "plan_table_names",
]

#: Every table of a plan's data, each after the tables it refers to (the order a plan is written in).
PLAN_MODELS: Final[tuple[type[Base], ...]] = (
    Plan,
    Team,
    Leader,
    CompanyGoal,
    Objective,
    ObjectiveTeam,
    ObjectiveGoal,
    Metric,
    ObjectiveOrigin,
    StanceRecord,
    WhyNode,
    Theme,
    ThemeLink,
    DismissedSuggestion,
    TeamGoal,
    Funnel,
    TeamSwitch,
    SwitchItem,
    EmpathyNote,
    Candidate,
    DotVote,
    Draft,
    DraftBase,
    MergeRecord,
    Definition,
    DefinitionStance,
    OverlapResolution,
    SurveyRating,
    ParkingItem,
    PlanVersion,
    Signature,
    SignatureWithdrawal,
    Reopening,
    AgendaItem,
    AgendaDay,
)

#: The table of each kind of row a user edits by id.
KIND_MODELS: Final[dict[Kind, type[Base]]] = {
    Kind.PLAN: Plan,
    Kind.TEAM: Team,
    Kind.LEADER: Leader,
    Kind.GOAL: CompanyGoal,
    Kind.OBJECTIVE: Objective,
    Kind.METRIC: Metric,
    Kind.STANCE: StanceRecord,
    Kind.WHY_NODE: WhyNode,
    Kind.THEME: Theme,
    Kind.DISMISSAL: DismissedSuggestion,
    Kind.TEAM_GOAL: TeamGoal,
    Kind.FUNNEL: Funnel,
    Kind.SWITCH: TeamSwitch,
    Kind.SWITCH_ITEM: SwitchItem,
    Kind.EMPATHY_NOTE: EmpathyNote,
    Kind.CANDIDATE: Candidate,
    # Kind.VOTE has no row of its own to update or remove by id: a vote is a (leader, candidate)
    # pair, set and taken back with services.brainstorm.vote().
    Kind.DEFINITION: Definition,
    Kind.DEFINITION_STANCE: DefinitionStance,
    Kind.OVERLAP_RESOLUTION: OverlapResolution,
    Kind.VERSION: PlanVersion,
    Kind.SIGNATURE: Signature,
    Kind.REOPENING: Reopening,
    Kind.SURVEY_RATING: SurveyRating,
    Kind.PARKED: ParkingItem,
    Kind.AGENDA_ITEM: AgendaItem,
    Kind.AGENDA_DAY: AgendaDay,
}


def plan_table_names() -> tuple[str, ...]:
    """The names of ``PLAN_MODELS``' tables, in the same order."""
    return tuple(model.__tablename__ for model in PLAN_MODELS)
