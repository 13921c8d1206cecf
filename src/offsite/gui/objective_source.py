"""Where the Plan page's objectives tree reads what it lists: headings with their counts, and lines.

The tree (``gui.models.ObjectivesModel``) heads the objectives by owning team (``heading_of``): a
team's own, the shared ones, those with no team yet. It reads how many each heading holds, then
the lines of the rows it lists, a batch at a time as they come into view; a plan of thousands of
objectives opens with a screenful of lines read, not one per objective. ``ObjectiveSource`` says
what it asks: ``PlanDocument`` answers from the plan file, ``ViewSource`` from a plan view in
memory (a view already read whole: the same tree, the same rows).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from offsite.domain.language import translate
from offsite.domain.values import (
    NO_TEAM_HEADING,
    SHARED_HEADING,
    Heading,
    ObjectiveCounts,
    ObjectiveLine,
    ObjectiveList,
    PlanView,
    StanceEvent,
    TeamView,
    heading_of,
)


@dataclass(frozen=True, slots=True)
class ObjectiveHeading:
    """A heading in the objectives tree, and how many objectives it holds (listed as rows yet or not)."""

    #: "team:<id>", "shared" or "none": what the page keeps its place by.
    key: str
    title: str
    #: The team whose own objectives these are (None for shared and no team).
    team_id: int | None
    #: What the source calls it (``heading_of``).
    heading: Heading
    count: int


@dataclass(frozen=True, slots=True)
class ObjectiveGroup:
    """A heading in the objectives tree with all its objectives: one team, the shared objectives, or
    those with no team."""

    key: str
    title: str
    team_id: int | None
    objectives: tuple[ObjectiveLine, ...]


def headings_of(teams: Sequence[TeamView], counts: ObjectiveCounts) -> list[ObjectiveHeading]:
    """Every team's heading (in team order), then the shared objectives' and those with no team (when any)."""
    headings = [ObjectiveHeading(f"team:{t.id}", t.name, t.id, t.id, counts.of(t.id)) for t in teams]
    if shared := counts.of(SHARED_HEADING):
        title = translate("ObjectiveSource", "Shared objectives")
        headings.append(ObjectiveHeading("shared", title, None, SHARED_HEADING, shared))
    if loose := counts.of(NO_TEAM_HEADING):
        title = translate("ObjectiveSource", "No team yet")
        headings.append(ObjectiveHeading("none", title, None, NO_TEAM_HEADING, loose))
    return headings


def _members(listed: ObjectiveList) -> dict[Heading, list[ObjectiveLine]]:
    """The lines under each heading, in display order: one pass over the objectives, each to its heading."""
    members: dict[Heading, list[ObjectiveLine]] = {}
    for line in listed.objectives:
        members.setdefault(heading_of(line.team_ids), []).append(line)
    return members


def group_objectives(view: PlanView | ObjectiveList) -> list[ObjectiveGroup]:
    """Single-team objectives under their team (in team order), then shared ones, then unowned ones.

    A team the plan does not hold has no heading.
    """
    listed = ObjectiveList.of(view) if isinstance(view, PlanView) else view
    members = _members(listed)
    counts = ObjectiveCounts({heading: len(lines) for heading, lines in members.items()}, None)
    return [
        ObjectiveGroup(h.key, h.title, h.team_id, tuple(members.get(h.heading, ())))
        for h in headings_of(listed.teams, counts)
    ]


class ObjectiveSource(Protocol):
    """What the objectives tree reads, when it needs it (``PlanDocument`` reads it from the plan file)."""

    def outline(self) -> PlanView:
        """The plan's teams (the headings, in order) and leaders (who buys in); objectives not needed."""
        ...

    def objective_counts(self) -> ObjectiveCounts: ...

    def heading_lines(self, heading: Heading, start: int, count: int) -> Sequence[ObjectiveLine]:
        """The lines under ``heading`` from its ``start``-th on, ``count`` at most, in display order."""
        ...

    def heading_ids(self, heading: Heading) -> Sequence[int]: ...

    def objective_lines(self, objective_ids: Collection[int]) -> Mapping[int, ObjectiveLine]:
        """The lines of ``objective_ids`` as they are now, by id; one gone is left out."""
        ...

    def heading_place(self, objective_id: int) -> tuple[Heading, int] | None:
        """The heading ``objective_id`` is listed under and its row there; None once it is gone."""
        ...

    def stances_of(self, objective_ids: Collection[int]) -> Mapping[int, Sequence[StanceEvent]]:
        """The stances recorded on ``objective_ids``, oldest first, by objective."""
        ...


class ViewSource:
    """An ``ObjectiveSource`` over a plan view read whole: its lines, headed as the plan file heads them."""

    def __init__(self, view: PlanView) -> None:
        self.view = view
        self._listed = ObjectiveList.of(view)
        self._members = _members(self._listed)
        self._stances: dict[int, list[StanceEvent]] | None = None

    def outline(self) -> PlanView:
        return self.view

    def objective_counts(self) -> ObjectiveCounts:
        first = self.view.objectives[0].id if self.view.objectives else None
        return ObjectiveCounts({heading: len(lines) for heading, lines in self._members.items()}, first)

    def heading_lines(self, heading: Heading, start: int, count: int) -> Sequence[ObjectiveLine]:
        return self._members.get(heading, [])[start : start + count]

    def heading_ids(self, heading: Heading) -> Sequence[int]:
        return [line.id for line in self._members.get(heading, ())]

    def objective_lines(self, objective_ids: Collection[int]) -> Mapping[int, ObjectiveLine]:
        found = ((i, self._listed.objective(i)) for i in objective_ids)
        return {i: line for i, line in found if line is not None}

    def heading_place(self, objective_id: int) -> tuple[Heading, int] | None:
        line = self._listed.objective(objective_id)
        if line is None:
            return None
        heading = heading_of(line.team_ids)
        return heading, self._members[heading].index(line)

    def stances_of(self, objective_ids: Collection[int]) -> Mapping[int, Sequence[StanceEvent]]:
        if self._stances is None:
            self._stances = {}
            for event in self.view.stances:
                self._stances.setdefault(event.objective_id, []).append(event)
        return {i: self._stances.get(i, []) for i in objective_ids}
