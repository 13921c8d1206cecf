"""Enumerations and frozen value types that every layer speaks."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from offsite.domain.language import QT_TRANSLATE_NOOP, translate


class Stance(enum.StrEnum):
    """A leader's position on an objective, from first sight to agreement."""

    PENDING = "pending"
    DISCUSSING = "discussing"
    CHANGES_REQUESTED = "changes_requested"
    AGREED = "agreed"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        """The stance as a leader reads it, in their language."""
        return translate("Stances", _STANCE_LABELS[self])


_STANCE_LABELS = {
    Stance.PENDING: QT_TRANSLATE_NOOP("Stances", "Pending"),
    Stance.DISCUSSING: QT_TRANSLATE_NOOP("Stances", "Discussing"),
    Stance.CHANGES_REQUESTED: QT_TRANSLATE_NOOP("Stances", "Changes requested"),
    Stance.AGREED: QT_TRANSLATE_NOOP("Stances", "Agreed"),
    Stance.DECLINED: QT_TRANSLATE_NOOP("Stances", "Declined"),
}


class Kind(enum.StrEnum):
    """What an edit touched; views refresh when a kind they show has changed."""

    PLAN = "plan"
    TEAM = "team"
    LEADER = "leader"
    GOAL = "goal"
    OBJECTIVE = "objective"
    METRIC = "metric"
    STANCE = "stance"
    WHY_NODE = "why_node"
    THEME = "theme"
    DISMISSAL = "dismissal"
    TEAM_GOAL = "team_goal"
    FUNNEL = "funnel"
    SWITCH = "team_switch"
    SWITCH_ITEM = "switch_item"
    EMPATHY_NOTE = "empathy_note"
    CANDIDATE = "candidate"
    VOTE = "vote"
    DEFINITION = "definition"
    DEFINITION_STANCE = "definition_stance"
    AGREEMENT = "agreement"
    AGREEMENT_STANCE = "agreement_stance"
    OVERLAP_RESOLUTION = "overlap_resolution"
    VERSION = "plan_version"
    SIGNATURE = "signature"
    REOPENING = "reopening"
    SURVEY_RATING = "survey_rating"
    PARKED = "parking_item"
    AGENDA_ITEM = "agenda_item"
    AGENDA_DAY = "agenda_day"
    CHECK_IN = "check_in"
    IMPORT_MAPPING = "import_mapping"
    OBJECTIVE_REVIEW = "objective_review"
    WIN = "win"
    ALIGNMENT_READING = "alignment_reading"

    @property
    def noun(self) -> str:
        """The kind as a leader would say it, for messages: "why node", "team switch"."""
        return self.value.replace("_", " ")


class Direction(enum.StrEnum):
    """Whether a metric succeeds by going up or by going down."""

    UP = "up"
    DOWN = "down"


@dataclass(frozen=True, slots=True)
class PlanDetails:
    title: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    venue: str
    horizon: str
    vision: str
    id: int = 0
    #: How go-to-market is led (sales-led, product-led, hybrid; blank: not chosen), and why.
    business_model: str = ""
    business_model_why: str = ""


@dataclass(frozen=True, slots=True)
class TeamView:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class LeaderView:
    id: int
    name: str
    title: str
    team_id: int | None
    #: The leader's stable identity (signatures name leaders by it: two leaders may share a name).
    uid: str = ""
    #: The initials the leader set to sign with; blank: the initials of their name
    #: (``domain.signoff.signing_initials`` gives the ones that count).
    initials: str = ""


@dataclass(frozen=True, slots=True)
class CompanyGoalView:
    id: int
    statement: str
    baseline: float | None
    target: float | None
    unit: str
    due: dt.date | None


@dataclass(frozen=True, slots=True)
class MetricView:
    id: int
    objective_id: int
    name: str
    unit: str
    baseline: float | None
    target: float | None
    direction: Direction
    due: dt.date | None
    data_source: str
    customer_centric: bool
    shared: bool
    #: The id of the leader who answers for it, or None.
    owner_id: int | None = None
    #: The funnel stage it counts (``rules.FUNNEL_STAGES``), blank for none.
    funnel_stage: str = ""


@dataclass(frozen=True, slots=True)
class StanceEvent:
    """One recorded stance: the history of buy-in is a list of these, in the order they were recorded."""

    id: int
    objective_id: int
    leader_id: int
    stance: Stance
    comment: str
    recorded_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ObjectiveView:
    id: int
    statement: str
    period: str
    method: str
    team_ids: tuple[int, ...]
    goal_ids: tuple[int, ...]
    metrics: tuple[MetricView, ...] = ()
    #: The uid of the brainstorm candidate it was promoted from, and where that came from.
    origin_candidate_uid: str | None = None
    origin_label: str = ""
    #: The objectives it was merged from (an overlap resolved by merging), oldest story first.
    merged_from: tuple[ObjectiveOriginView, ...] = ()
    uid: str = ""
    #: The ids of the leaders who answer for the objective and for its method, or None.
    owner_id: int | None = None
    method_owner_id: int | None = None


@dataclass(frozen=True, slots=True)
class ObjectiveOriginView:
    """One objective a merged objective was made from: whose it was, and where that one came from."""

    origin_uid: str
    label: str
    origin_candidate_uid: str | None = None
    origin_label: str = ""


@dataclass(frozen=True, slots=True)
class PlanView:
    """Everything a screen or an export needs, read in one transaction."""

    details: PlanDetails
    teams: tuple[TeamView, ...]
    leaders: tuple[LeaderView, ...]
    goals: tuple[CompanyGoalView, ...]
    objectives: tuple[ObjectiveView, ...]
    stances: tuple[StanceEvent, ...] = field(default=())

    def team(self, team_id: int) -> TeamView | None:
        return next((t for t in self.teams if t.id == team_id), None)

    def leader(self, leader_id: int) -> LeaderView | None:
        return next((p for p in self.leaders if p.id == leader_id), None)

    #: Where each objective stands, and which objective each metric measures, by id: built on the
    #: first lookup and shared, unchanged, by the views patched from this one (never mutated).
    _index: dict[str, dict[int, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def _positions(self) -> dict[int, int]:
        positions = self._index.get("positions")
        if positions is None:
            positions = self._index["positions"] = {o.id: n for n, o in enumerate(self.objectives)}
        return positions

    def objective(self, objective_id: int) -> ObjectiveView | None:
        position = self._positions().get(objective_id)
        return None if position is None else self.objectives[position]

    def with_objectives(self, edited: Mapping[int, ObjectiveView]) -> PlanView:
        """This view with the objectives ``edited`` (by id, each already in it) replaced, in their places.

        The lookups by id carry over without a copy (the same ids stand in the same places; a
        metric an edit added is noted beside them), so a keystroke's patch costs the same on a plan
        of any size.
        """
        positions = self._positions()
        items = list(self.objectives)
        for objective_id, objective in edited.items():
            items[positions[objective_id]] = objective
        patched = PlanView(self.details, self.teams, self.leaders, self.goals, tuple(items), self.stances)
        patched._index["positions"] = positions
        if "metrics" in self._index:
            patched._index["metrics"] = self._index["metrics"]
            patched._index["metrics added"] = {
                **self._index.get("metrics added", {}),
                **{m.id: o.id for o in edited.values() for m in o.metrics},
            }
        return patched

    def objective_of_metric(self, metric_id: int) -> int | None:
        """The id of the objective the metric ``metric_id`` measures, if the view holds that metric."""
        if "metrics" not in self._index:
            self._index["metrics"] = {m.id: o.id for o in self.objectives for m in o.metrics}
        added: int | None = self._index.get("metrics added", {}).get(metric_id)
        if added is not None:
            return added
        found: int | None = self._index["metrics"].get(metric_id)
        return found


@dataclass(frozen=True, slots=True)
class ObjectiveLine:
    """An objective as a list of objectives shows it, on one line: its statement, period and teams.

    What the Plan page's tree needs of every objective. Its metrics, goals, origins and stances
    are not here: a plan of thousands of objectives lists them all from one short read, and the
    objective selected is read whole (``ObjectiveView``) on its own.
    """

    id: int
    statement: str
    period: str
    team_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ObjectiveList:
    """Every objective of a plan as an ``ObjectiveLine``, in display order, with the teams and leaders
    they refer to (a line's teams group it; a team's leaders are who buys in).

    Read without any objective's metrics or stances: the cost of opening the Plan page is one
    line per objective, however much each holds. ``PlanView.objectives`` lists the same ids.
    """

    teams: tuple[TeamView, ...]
    leaders: tuple[LeaderView, ...]
    objectives: tuple[ObjectiveLine, ...]
    #: Where each objective stands, by id: built on the first lookup, shared by the lists patched from this one.
    _positions: dict[int, int] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    @classmethod
    def of(cls, view: PlanView) -> ObjectiveList:
        """The lines of ``view``'s objectives."""
        lines = tuple(ObjectiveLine(o.id, o.statement, o.period, o.team_ids) for o in view.objectives)
        return cls(view.teams, view.leaders, lines)

    def _index(self) -> dict[int, int]:
        if not self._positions and self.objectives:
            self._positions.update((o.id, n) for n, o in enumerate(self.objectives))
        return self._positions

    def objective(self, objective_id: int) -> ObjectiveLine | None:
        position = self._index().get(objective_id)
        return None if position is None else self.objectives[position]

    def with_lines(self, edited: Mapping[int, ObjectiveLine]) -> ObjectiveList:
        """This list with the lines ``edited`` (by id, each already in it) replaced in their places.

        The lookup by id carries over without a copy (the same ids stand in the same places), so
        a keystroke's patch costs the same on a plan of any size.
        """
        positions = self._index()
        items = list(self.objectives)
        for objective_id, line in edited.items():
            items[positions[objective_id]] = line
        patched = ObjectiveList(self.teams, self.leaders, tuple(items))
        object.__setattr__(patched, "_positions", positions)
        return patched


#: The heading of the objectives more than one team owns, and of those no team owns yet; every
#: other heading is a team's id (the objectives that team alone owns).
SHARED_HEADING = "shared"
NO_TEAM_HEADING = "none"
#: Under which heading a list of objectives shows one: a team's id, or one of the two words above.
Heading = int | str


def heading_of(team_ids: tuple[int, ...]) -> Heading:
    """The heading an objective owned by ``team_ids`` is listed under: its team's, shared, or no team yet."""
    if len(team_ids) == 1:
        return team_ids[0]
    return SHARED_HEADING if team_ids else NO_TEAM_HEADING


@dataclass(frozen=True, slots=True)
class ObjectiveCounts:
    """How many objectives each heading of a list of the plan's objectives holds (``heading_of``),
    and the plan's first objective: what a list opened at its top needs before any line.

    Counted by the plan file without a line of any objective read: a list of thousands of
    objectives shows its headings' counts and reads the lines of the rows it lists only.
    """

    #: By heading; a heading with no objectives is left out.
    counts: Mapping[Heading, int]
    #: The plan's first objective in display order (None for a plan of none).
    first: int | None

    def of(self, heading: Heading) -> int:
        return self.counts.get(heading, 0)


class Owned(Protocol):
    """What buy-in needs of an objective: its id and the teams that own it (an ``ObjectiveView`` or
    an ``ObjectiveLine``)."""

    @property
    def id(self) -> int: ...

    @property
    def team_ids(self) -> tuple[int, ...]: ...


@dataclass(frozen=True, slots=True)
class Change:
    """What an edit, an undo or a redo touched, as the views are told of it.

    ``kinds`` are the kinds of row touched. ``rows``, when known, says which rows: ids by kind
    (with the objective a metric or stance belongs to, where the edit knows it); None means any
    row of those kinds may have changed (a merge, another program, an explicit reload), and a
    view reads what it shows again. ``objectives`` is filled in by the document once it has
    patched its plan view: the objectives whose values changed (added, edited or gone).
    ``reordered``: kinds whose rows were added, removed or moved, not only edited.
    """

    kinds: frozenset[Kind]
    rows: Mapping[Kind, frozenset[int]] | None = None
    reordered: frozenset[Kind] = frozenset()
    objectives: frozenset[int] | None = None

    @property
    def whole(self) -> bool:
        """Whether views must read everything of these kinds again (rows not known)."""
        return self.rows is None
