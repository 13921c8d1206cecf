"""Buy-in rules: who must agree to an objective, and whether they have."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from offsite.domain.values import LeaderView, ObjectiveView, Stance, StanceEvent


def current_stances(events: Iterable[StanceEvent]) -> dict[tuple[int, int], StanceEvent]:
    """The latest event for each (objective id, leader id); later ``recorded_at`` (then id) wins."""
    latest: dict[tuple[int, int], StanceEvent] = {}
    for event in sorted(events, key=lambda e: (e.recorded_at, e.id)):
        latest[(event.objective_id, event.leader_id)] = event
    return latest


def leaders_concerned(objective: ObjectiveView, leaders: Iterable[LeaderView]) -> list[LeaderView]:
    """The leaders of every team the objective touches: their agreement makes it bought in."""
    teams = set(objective.team_ids)
    return [leader for leader in leaders if leader.team_id in teams]


def is_bought_in(
    objective: ObjectiveView,
    leaders: Iterable[LeaderView],
    stances: Mapping[tuple[int, int], StanceEvent],
) -> bool:
    """True when every leader of every team the objective touches has agreed.

    An objective that touches no team with leaders has nobody to agree, so it is not bought in.
    """
    concerned = leaders_concerned(objective, leaders)
    if not concerned:
        return False
    for leader in concerned:
        event = stances.get((objective.id, leader.id))
        if event is None or event.stance is not Stance.AGREED:
            return False
    return True


def stance_of(objective_id: int, leader_id: int, stances: Mapping[tuple[int, int], StanceEvent]) -> Stance:
    event = stances.get((objective_id, leader_id))
    return Stance.PENDING if event is None else event.stance
