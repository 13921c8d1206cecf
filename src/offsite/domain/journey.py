"""The customer journey as a swimlane: one lane per team, the stages left to right, and the
hand-offs between them. The one layout the screen, the projector and the PDF all draw.

Lanes are the teams in the order the journey first reaches them (marketing usually first), then a
lane for stages no team owns yet (“Not yet owned”), so the diagram reads as the customer moves.
Each stage has its own column. A hand-off joins each stage to the next; it *crosses* when the
next stage belongs to another lane: the moment the seed's “each team member knows when it's their
responsibility to reach out” is about, so it is drawn with its trigger and service level.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from offsite.domain.language import QT_TRANSLATE_NOOP, translate

#: The lane of stages no team owns yet (``translate("Journey", UNOWNED)`` where shown).
UNOWNED = QT_TRANSLATE_NOOP("Journey", "Not yet owned")


@dataclass(frozen=True, slots=True)
class Stage:
    """What the layout needs of a journey stage."""

    id: int
    title: str
    team_id: int | None
    owner: str = ""
    message: str = ""
    trigger: str = ""
    service_level: str = ""
    metric: str = ""
    bought_in: bool = False


@dataclass(frozen=True, slots=True)
class Lane:
    """A row of the swimlane: a team (None: not yet owned) and its name."""

    team_id: int | None
    name: str


@dataclass(frozen=True, slots=True)
class Placed:
    """A stage in its lane (row) and column."""

    stage: Stage
    lane: int
    column: int


@dataclass(frozen=True, slots=True)
class HandOff:
    """The move from one stage to the next: what triggers it, its service level, whether it crosses lanes."""

    source: int  # column of the stage it leaves
    target: int  # column of the stage it reaches
    from_lane: int
    to_lane: int
    trigger: str
    service_level: str

    @property
    def crosses(self) -> bool:
        return self.from_lane != self.to_lane

    @property
    def label(self) -> str:
        """The trigger and the service level, as one line: “Demo booked · within 24 h”."""
        return " · ".join(part for part in (self.trigger.strip(), self.service_level.strip()) if part)


@dataclass(frozen=True, slots=True)
class Swimlane:
    lanes: tuple[Lane, ...]
    stages: tuple[Placed, ...]
    hand_offs: tuple[HandOff, ...]

    @property
    def columns(self) -> int:
        return len(self.stages)

    @property
    def crossings(self) -> tuple[HandOff, ...]:
        """The hand-offs from one team to another."""
        return tuple(h for h in self.hand_offs if h.crosses)


def lay_out(stages: Sequence[Stage], team_names: Mapping[int, str]) -> Swimlane:
    """The swimlane of ``stages`` (in journey order), lanes named from ``team_names``.

    A stage's trigger is what hands the customer on to the *next* stage, so the hand-off from stage
    i to i+1 carries stage i's trigger and service level. A stage naming a team that is gone is
    not yet owned.
    """
    lanes: list[Lane] = []
    index: dict[int | None, int] = {}
    for stage in stages:
        team = stage.team_id if stage.team_id in team_names else None
        if team is not None and team not in index:
            index[team] = len(lanes)
            lanes.append(Lane(team, team_names[team]))
    if any(s.team_id not in team_names for s in stages):
        index[None] = len(lanes)
        lanes.append(Lane(None, translate("Journey", UNOWNED)))
    placed = tuple(
        Placed(stage, index[stage.team_id if stage.team_id in team_names else None], column)
        for column, stage in enumerate(stages)
    )
    hand_offs = tuple(
        HandOff(
            source=here.column,
            target=there.column,
            from_lane=here.lane,
            to_lane=there.lane,
            trigger=here.stage.trigger,
            service_level=here.stage.service_level,
        )
        for here, there in itertools.pairwise(placed)
    )
    return Swimlane(tuple(lanes), placed, hand_offs)
