"""The lines of Buy-in ▸ Overlaps, made from an overlap review: plain values, no widgets.

They are made with the review itself, on the worker that finds a large plan's overlaps
(``gui.overlap_finder``), so the tab only lays out the lines it shows.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from offsite.domain.overlap import GoalGroup, Overlap, OverlapRule
from offsite.domain.overlap_review import OverlapReview, ServedTogether, earlier_text, group_text
from offsite.domain.signoff import ResolutionView
from offsite.domain.values import ObjectiveView, PlanView

#: A goal served together names this many objectives on its line; the detail names more.
GOAL_LINE_NAMES = 12


class EntryKind(enum.Enum):
    FINDING = "finding"  # a finding to settle, open or settled
    MERGE = "merge"  # a settled finding whose pair a merge replaced: counted
    GOAL = "goal"  # a company goal several teams serve: information only
    HISTORY = "history"  # a resolution that settles nothing now: shown, not counted


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the list: a finding, a merge that replaced its pair, a goal served together, or history."""

    key: str  # a finding's or resolution's stored key; "goal:<id>" for a goal
    kind: EntryKind
    rule: OverlapRule | None
    first: ObjectiveView | None
    second: ObjectiveView | None
    detail: str
    finding: Overlap | None = None
    resolution: ResolutionView | None = None
    merged: ObjectiveView | None = None
    served: ServedTogether | None = None

    @property
    def is_open(self) -> bool:
        """A finding still to settle: the only entries M, A and K act on."""
        return self.kind is EntryKind.FINDING and self.resolution is None

    @property
    def group(self) -> GoalGroup | None:
        return self.served.group if self.served is not None else None


def entries(view: PlanView, review: OverlapReview) -> list[Entry]:
    """The review's findings, merges, goals served together and history, as lines of the list."""
    by_uid = {o.uid: o for o in view.objectives}
    by_id = {o.id: o for o in view.objectives}
    found = [
        Entry(
            f.key,
            EntryKind.FINDING,
            f.finding.rule,
            by_id.get(f.finding.first_id),
            by_id.get(f.finding.second_id),
            f.finding.detail,
            f.finding,
            f.resolution,
        )
        for f in review.findings
    ]
    found += [
        Entry(
            r.key,
            EntryKind.MERGE,
            OverlapRule(r.rule),
            None,
            None,
            "",
            resolution=r,
            merged=by_uid.get(r.merged_objective_uid or ""),
        )
        for r in review.merges
    ]
    found += [
        Entry(
            f"goal:{s.group.goal_id}",
            EntryKind.GOAL,
            None,
            None,
            None,
            group_text(view, s.group, at_most=GOAL_LINE_NAMES),
            served=s,
        )
        for s in review.groups
    ]
    for r in review.history:
        known = r.rule in {rule.value for rule in OverlapRule}
        found.append(
            Entry(
                r.key,
                EntryKind.HISTORY,
                OverlapRule(r.rule) if known else None,
                by_uid.get(r.first_uid),
                by_uid.get(r.second_uid),
                earlier_text(view, r),
                resolution=r,
                merged=by_uid.get(r.merged_objective_uid or ""),
            )
        )
    return found


@dataclass(frozen=True)
class Lines:
    """Every line of the list, and the lookups the tab makes: by key, by pair, by part of the list."""

    entries: tuple[Entry, ...]
    by_key: dict[str, Entry]
    by_pair: dict[tuple[int, int], list[Entry]]
    #: The findings (and merges) of each rule, in the review's order.
    by_rule: dict[OverlapRule, list[Entry]]
    goals: list[Entry]
    history: list[Entry]


def lines(view: PlanView, review: OverlapReview) -> Lines:
    made = entries(view, review)
    by_pair: dict[tuple[int, int], list[Entry]] = {}
    by_rule: dict[OverlapRule, list[Entry]] = {}
    goals: list[Entry] = []
    history: list[Entry] = []
    for entry in made:
        if entry.finding is not None:
            by_pair.setdefault((entry.finding.first_id, entry.finding.second_id), []).append(entry)
        if entry.kind in (EntryKind.FINDING, EntryKind.MERGE) and entry.rule is not None:
            by_rule.setdefault(entry.rule, []).append(entry)
        elif entry.kind is EntryKind.GOAL:
            goals.append(entry)
        elif entry.kind is EntryKind.HISTORY:
            history.append(entry)
    return Lines(tuple(made), {e.key: e for e in made}, by_pair, by_rule, goals, history)
