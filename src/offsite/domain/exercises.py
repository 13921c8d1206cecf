"""Enumerations and frozen value types of the Brainstorm exercises, as screens and exports read them."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol


class Exercise(enum.StrEnum):
    """Where a candidate came from."""

    WHY_CHAIN = "why_chain"
    WORK_BACK = "work_back"
    FUNNEL = "funnel"
    TEAM_SWITCH = "team_switch"
    DIRECT = "direct"
    #: An objective the last cycle left unfinished, brought into this plan by its next cycle.
    CARRIED_OVER = "carried_over"


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
    """Everything the Brainstorm phase shows, read in one transaction; trees in display order.

    Rows are looked up by id through indexes built on the first lookup and carried over by the
    ``with_*`` patches, so a view patched after every keystroke stays as quick to ask as one
    read whole (a view is never changed, only replaced).
    """

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
    #: Lookups by id (and places by id) of each section, built when first asked.
    _index: dict[str, dict[Any, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def _lookup(self, section: str) -> dict[Any, Any]:
        found = self._index.get(section)
        if found is None:
            if section == "promoted":
                found = {c.objective_id: c.id for c in self.candidates if c.objective_id is not None}
            elif section == "switch_items":
                found = {i.id: w.id for w in self.switches for i in w.items}
            elif section.startswith("place:"):
                found = {row.id: n for n, row in enumerate(getattr(self, section[6:]))}
            else:
                found = {row.id: row for row in getattr(self, section)}
            self._index[section] = found
        return found

    def node(self, node_id: int) -> WhyNodeView | None:
        found: WhyNodeView | None = self._lookup("nodes").get(node_id)
        return found

    def candidate(self, candidate_id: int) -> CandidateView | None:
        found: CandidateView | None = self._lookup("candidates").get(candidate_id)
        return found

    def team_goal(self, goal_id: int) -> TeamGoalView | None:
        found: TeamGoalView | None = self._lookup("team_goals").get(goal_id)
        return found

    def switch(self, switch_id: int) -> TeamSwitchView | None:
        found: TeamSwitchView | None = self._lookup("switches").get(switch_id)
        return found

    def switch_of_item(self, item_id: int) -> int | None:
        """The id of the team switch holding the item ``item_id``, if the view holds that item."""
        found: int | None = self._lookup("switch_items").get(item_id)
        return found

    def promoted_from(self, objective_id: int) -> int | None:
        """The id of the candidate promoted to the objective ``objective_id``, if any."""
        found: int | None = self._lookup("promoted").get(objective_id)
        return found

    def funnel(self, company_goal_id: int) -> FunnelView | None:
        return next((f for f in self.funnels if f.company_goal_id == company_goal_id), None)

    def dots_used(self, leader_id: int) -> int:
        return sum(v.dots for v in self.votes if v.leader_id == leader_id)

    def replacing(self, section: str, edited: Mapping[int, Any], **others: Any) -> BrainstormView:
        """This view with the rows ``edited`` (by id, each already in ``section``) put in their
        places, and the other fields given in ``others`` replaced; the lookups carry over."""
        items = list(getattr(self, section))
        places = self._lookup(f"place:{section}")
        before = {row_id: items[places[row_id]] for row_id in edited}
        for row_id, row in edited.items():
            items[places[row_id]] = row
        fields: dict[str, Any] = {section: tuple(items), **others}
        patched = replace(self, **fields)
        index = patched._index
        index[f"place:{section}"] = places  # same ids in the same places
        if section in self._index:
            index[section] = {**self._index[section], **edited}
        if section == "candidates" and "promoted" in self._index:
            promoted = dict(self._index["promoted"])
            for old in before.values():
                promoted.pop(old.objective_id, None)
            promoted.update({c.objective_id: c.id for c in edited.values() if c.objective_id is not None})
            index["promoted"] = promoted
        if section == "switches" and "switch_items" in self._index:
            holding = {k: v for k, v in self._index["switch_items"].items() if v not in edited}
            holding.update({i.id: w.id for w in edited.values() for i in w.items})
            index["switch_items"] = holding
        for name, lookup in self._index.items():  # a section given whole builds its lookups again
            moved = (name == "promoted" and "candidates" in others) or (
                name == "switch_items" and "switches" in others
            )
            if name not in index and name.removeprefix("place:") not in others and not moved:
                index[name] = lookup
        return patched
