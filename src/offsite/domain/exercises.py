"""Enumerations and frozen value types of the Brainstorm exercises, as screens and exports read them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Protocol


class Exercise(enum.StrEnum):
    """Where a candidate came from."""

    WHY_CHAIN = "why_chain"
    WORK_BACK = "work_back"
    FUNNEL = "funnel"
    TEAM_SWITCH = "team_switch"
    DIRECT = "direct"


class SwitchSide(enum.StrEnum):
    """Whose version of a team's goals and plan an item is: the player team's view, or the real team's."""

    PLAYED = "played"
    REAL = "real"


class SwitchItemKind(enum.StrEnum):
    GOAL = "goal"
    PLAN = "plan"


class SmartCriterion(enum.StrEnum):
    """The five SMART questions, in the order they are asked."""

    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    ACHIEVABLE = "achievable"
    REALISTIC = "realistic"
    TIMELY = "timely"


#: The funnel's inputs, in the order the arithmetic walks them; the four rates are percentages.
FUNNEL_INPUTS = (
    "revenue_target",
    "average_deal_size",
    "win_rate",
    "sql_to_opportunity",
    "mql_to_sql",
    "lead_to_mql",
)
FUNNEL_RATES = FUNNEL_INPUTS[2:]

#: Dot budget and shortlist size of a new plan.
DEFAULT_DOT_BUDGET = 3
DEFAULT_TOP_N = 3


class TreeItem(Protocol):
    """A row of a brainstorm tree (a why chain's statement, a team goal): shown under its parent."""

    @property
    def id(self) -> int: ...

    @property
    def parent_id(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class WhyNodeView:
    """A statement of an ask-why chain; ``depth`` 0 is a starting statement."""

    id: int
    uid: str
    team_id: int
    parent_id: int | None
    text: str
    depth: int


@dataclass(frozen=True, slots=True)
class ThemeView:
    id: int
    uid: str
    name: str
    node_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class DismissalView:
    """A suggested pair of why-nodes (by uid) that the facilitator dismissed."""

    id: int
    first_uid: str
    second_uid: str

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.first_uid, self.second_uid))


@dataclass(frozen=True, slots=True)
class TeamGoalView:
    """A goal worked back from a company goal; ``depth`` 0 sits right under the company goal."""

    id: int
    uid: str
    company_goal_id: int
    parent_id: int | None
    team_id: int | None
    statement: str
    target: float | None
    unit: str
    depth: int


@dataclass(frozen=True, slots=True)
class FunnelView:
    """The reverse funnel's inputs for one company goal; rates in percent, weights None = even split."""

    id: int
    uid: str
    company_goal_id: int
    revenue_target: float | None
    average_deal_size: float | None
    win_rate: float | None
    sql_to_opportunity: float | None
    mql_to_sql: float | None
    lead_to_mql: float | None
    quarters: tuple[str, ...] = ()
    weights: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class SwitchItemView:
    id: int
    uid: str
    side: SwitchSide
    kind: SwitchItemKind
    text: str


@dataclass(frozen=True, slots=True)
class EmpathyNoteView:
    id: int
    uid: str
    team_id: int
    text: str


@dataclass(frozen=True, slots=True)
class TeamSwitchView:
    """One pair of the team switch: the player team presents the played team's goals and plan."""

    id: int
    uid: str
    player_team_id: int
    played_team_id: int
    prepare_minutes: int
    present_minutes: int
    items: tuple[SwitchItemView, ...] = ()
    notes: tuple[EmpathyNoteView, ...] = ()

    def side(self, side: SwitchSide) -> tuple[SwitchItemView, ...]:
        return tuple(item for item in self.items if item.side is side)

    def note(self, team_id: int) -> EmpathyNoteView | None:
        return next((n for n in self.notes if n.team_id == team_id), None)


@dataclass(frozen=True, slots=True)
class SmartMark:
    """One SMART question for a candidate: yes (True), no (False) or not yet judged (None), with a note."""

    criterion: SmartCriterion
    value: bool | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class CandidateView:
    id: int
    uid: str
    team_id: int | None
    text: str
    exercise: Exercise
    origin_uid: str | None
    origin_label: str
    smart: tuple[SmartMark, ...]
    impact: int | None
    dots: int = 0
    #: The objective it was promoted to, if any.
    objective_id: int | None = None
    #: On its team's shortlist, as the facilitator kept it (services.shortlist).
    shortlisted: bool = False

    def mark(self, criterion: SmartCriterion) -> SmartMark:
        return next(m for m in self.smart if m.criterion is criterion)


@dataclass(frozen=True, slots=True)
class VoteView:
    leader_id: int
    candidate_id: int
    dots: int


@dataclass(frozen=True, slots=True)
class BrainstormView:
    """Everything the Brainstorm phase shows, read in one transaction; trees in display order."""

    nodes: tuple[WhyNodeView, ...] = ()
    themes: tuple[ThemeView, ...] = ()
    dismissed: tuple[DismissalView, ...] = ()
    team_goals: tuple[TeamGoalView, ...] = ()
    funnels: tuple[FunnelView, ...] = ()
    switches: tuple[TeamSwitchView, ...] = ()
    candidates: tuple[CandidateView, ...] = ()
    votes: tuple[VoteView, ...] = field(default=())
    dot_budget: int = DEFAULT_DOT_BUDGET
    top_n: int = DEFAULT_TOP_N

    def node(self, node_id: int) -> WhyNodeView | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def candidate(self, candidate_id: int) -> CandidateView | None:
        return next((c for c in self.candidates if c.id == candidate_id), None)

    def funnel(self, company_goal_id: int) -> FunnelView | None:
        return next((f for f in self.funnels if f.company_goal_id == company_goal_id), None)

    def dots_used(self, leader_id: int) -> int:
        return sum(v.dots for v in self.votes if v.leader_id == leader_id)
