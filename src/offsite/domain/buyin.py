"""Buy-in rules: who must agree to an objective, and whether they have."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Protocol, TypeVar

from offsite.domain.values import LeaderView, Owned, Stance, StanceEvent


class Recorded(Protocol):
    """An entry of a history: its id says when it was recorded, relative to the others."""

    @property
    def id(self) -> int: ...


_E = TypeVar("_E", bound=Recorded)
_K = TypeVar("_K", bound=Hashable)


def last_recorded(events: Iterable[_E], key: Callable[[_E], _K]) -> dict[_K, _E]:
    """For each ``key``, the event recorded last: the one with the greatest id.

    The one rule for "the current stance", on objectives and on definitions alike. The plan file
    hands out ids in the order entries are recorded (an import or a merge adds them in their
    history's order), so the id tells which came last. The recorded time does not: it is the
    clock of whichever machine recorded it, and a clock behind the others (or a draft from a laptop
    whose clock ran ahead) would hide the stance a leader gave last behind an older one.
    """
    last: dict[_K, _E] = {}
    for event in events:
        held = last.get(k := key(event))
        if held is None or event.id > held.id:
            last[k] = event
    return last


def current_stances(events: Iterable[StanceEvent]) -> dict[tuple[int, int], StanceEvent]:
    """Each leader's current stance on each objective, by (objective id, leader id): the last recorded."""
    return last_recorded(events, lambda e: (e.objective_id, e.leader_id))


def leaders_concerned(objective: Owned, leaders: Iterable[LeaderView]) -> list[LeaderView]:
    """The leaders of every team the objective touches: their agreement makes it bought in."""
    teams = set(objective.team_ids)
    return [leader for leader in leaders if leader.team_id in teams]


def is_bought_in(
    objective: Owned,
    leaders: Iterable[LeaderView],
    stances: Mapping[tuple[int, int], StanceEvent],
) -> bool:
    """True when every leader of every team the objective touches has agreed.

    An objective that touches no team with leaders has nobody to agree, so it is not bought in.
    """
    return all_agreed(objective.id, leaders_concerned(objective, leaders), stances)


class _Stanced(Protocol):
    @property
    def stance(self) -> Stance: ...


def all_agreed(
    subject_id: int, concerned: Iterable[LeaderView], stances: Mapping[tuple[int, int], _Stanced]
) -> bool:
    """The one rule of buy-in, for objectives, definitions and agreements alike: every leader
    ``concerned`` has agreed to ``subject_id`` (by ``stances``, each leader's current stance per
    (subject id, leader id)); nobody concerned means nobody agreed, so not bought in."""
    listed = list(concerned)
    if not listed:
        return False
    for leader in listed:
        event = stances.get((subject_id, leader.id))
        if event is None or event.stance is not Stance.AGREED:
            return False
    return True


def stance_of(objective_id: int, leader_id: int, stances: Mapping[tuple[int, int], StanceEvent]) -> Stance:
    event = stances.get((objective_id, leader_id))
    return Stance.PENDING if event is None else event.stance
