"""The alignment index: what the plan's own evidence says about alignment, beside what leaders say.

Seed 004: ninety percent of leaders call their teams aligned, and "self-assessments [are] essentially
worthless"; the aligned teams share customer-focused KPIs. So the score is computed from the plan, one
component per piece of evidence, each shown with its weight, and the leaders' own 1–5 ratings are shown
beside it with the gap between the two.

Components (all shares of objectives, except the last):

- **Shared or customer-centric metric** — objectives with at least one metric flagged shared or
  customer-centric.
- **Bought in** — objectives every concerned leader has agreed to (``offsite.domain.buyin``); an
  objective that touches no team with leaders has nobody to agree and is not bought in.
- **Linked to a company goal** — objectives linked to at least one goal of the plan.
- **SMART check passed** — objectives the caller says pass; an objective missing from
  ``smart_passed`` does not pass.
- **Overlaps resolved** — overlaps settled out of overlaps found, as ``offsite.domain.overlap_review``
  counts them: objectives that serve the same company goal are the design, not an overlap, so they
  never count against the index (``plan_alignment`` counts them so for the screen and the PDF alike).

A component with nothing to count (no objectives; no overlaps found) is *excluded*: it keeps its place
in ``AlignmentIndex.components`` with weight 0 and share None, and the weights of the others are
scaled up to sum to 1 again. A plan with no overlap found is therefore neither rewarded nor punished
for it: no overlap found is not evidence of alignment, only the absence of one kind of evidence.
When every component is excluded there is no score.

The gap is what leaders say minus the score. A positive gap (leaders feel more aligned than the
evidence shows) of ``WARN_FROM`` points or more is a warning (``GapLevel.WARNING``): seed 004's point
is that self-assessment runs ahead of the evidence, so the screen and the PDF must never show it as
good news. A gap near zero or negative is fine. ``AlignmentIndex.gap_level`` and ``verdict`` say it
for both, in colour and in words.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from offsite.domain.buyin import current_stances, is_bought_in
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.overlap_review import review_overlaps
from offsite.domain.signoff import ResolutionView
from offsite.domain.values import PlanView

#: The components' names: keys (kept with a closed quarter), in English; ``Component.label`` shows them.
SHARED_METRIC = QT_TRANSLATE_NOOP("Alignment", "Shared or customer-centric metric")
BOUGHT_IN = QT_TRANSLATE_NOOP("Alignment", "Bought in")
GOAL_LINKED = QT_TRANSLATE_NOOP("Alignment", "Linked to a company goal")
SMART_PASSED = QT_TRANSLATE_NOOP("Alignment", "SMART check passed")
OVERLAPS_RESOLVED = QT_TRANSLATE_NOOP("Alignment", "Overlaps resolved")

#: The weight of each component, in the order they are shown; they sum to 1. Buy-in weighs most
#: (seed 000: "gaining buy-in is the most important piece"), shared or customer-centric metrics next
#: (seed 004: the aligned teams share KPIs and most are customer-focused; the laggards' are not);
#: the link to a company goal, the SMART check and resolved overlaps are hygiene that an aligned plan
#: has but that alone do not make one, so they share the rest equally.
WEIGHTS: Mapping[str, float] = {
    SHARED_METRIC: 0.25,
    BOUGHT_IN: 0.30,
    GOAL_LINKED: 0.15,
    SMART_PASSED: 0.15,
    OVERLAPS_RESOLVED: 0.15,
}

RATING_MIN = 1
RATING_MAX = 5

#: Leaders rating alignment this many points (whole, on 0–100) or more above the evidence is a
#: warning; below it the two agree closely enough: one leader's rating moves "said" by 5 points
#: or less in a room of four or more, and one objective moves a component by as much.
WARN_FROM = 5


class GapLevel(enum.StrEnum):
    """How the screen and the PDF show the gap between what leaders say and the evidence."""

    #: No gap to judge: nothing scored or nobody rated.
    NONE = "none"
    #: Near zero, or leaders rate alignment lower than the evidence: nothing to warn about.
    FINE = "fine"
    #: Leaders rate alignment ``WARN_FROM`` points or more above the evidence.
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Component:
    """One piece of evidence: ``met`` of ``total`` counted, at ``weight`` (0 when excluded)."""

    name: str
    weight: float
    met: int
    total: int
    explanation: str

    @property
    def label(self) -> str:
        """The component's name in the leader's language (``name`` stays the English key)."""
        return translate("Alignment", self.name)

    @property
    def share(self) -> float | None:
        """``met / total``, from 0 to 1; None when there is nothing to count."""
        return None if self.total == 0 else self.met / self.total

    @property
    def points(self) -> float:
        """What the component adds to the score, out of 100: share × weight × 100 (0 when excluded)."""
        share = self.share
        return 0.0 if share is None else share * self.weight * 100


@dataclass(frozen=True, slots=True)
class AlignmentIndex:
    """The score from evidence, what leaders say, and the gap (said − score), all on 0–100."""

    components: tuple[Component, ...]
    score: float | None
    said: float | None
    ratings_count: int
    gap: float | None

    @property
    def gap_level(self) -> GapLevel:
        """A warning when leaders rate alignment ``WARN_FROM`` points or more above the evidence."""
        if self.gap is None:
            return GapLevel.NONE
        return GapLevel.WARNING if whole_points(self.gap) >= WARN_FROM else GapLevel.FINE

    @property
    def verdict(self) -> str:
        """One line comparing the two, in words that carry the warning without its colour:
        "Warning: leaders rate alignment 22 points above the evidence; the plan does not show that yet."."""
        if self.score is None and self.said is None:
            return translate(
                "Alignment",
                "Nothing to compare yet: the plan has no objectives to score and no leader has rated alignment.",
            )
        if self.score is None:
            return translate(
                "Alignment",
                "Leaders rate alignment {said} out of 100, but the plan has nothing to score yet.",
            ).format(said=whole_points(self.said))
        if self.said is None:
            return translate(
                "Alignment",
                "The plan's evidence scores {score} out of 100; no leader has rated alignment yet.",
            ).format(score=whole_points(self.score))
        gap = whole_points(self.gap)
        if gap == 0:
            return translate("Alignment", "Leaders rate alignment as the plan shows it.")
        points = plural(
            abs(gap), translate("Alignment", "{count} point"), translate("Alignment", "{count} points")
        ).format(count=abs(gap))
        if self.gap_level is GapLevel.WARNING:
            return translate(
                "Alignment",
                "Warning: leaders rate alignment {points} above the evidence; "
                "the plan does not show that much alignment yet.",
            ).format(points=points)
        if gap > 0:
            return translate(
                "Alignment",
                "Leaders rate alignment {points} above the evidence, close to what the plan shows.",
            ).format(points=points)
        return translate("Alignment", "Leaders rate alignment {points} below the evidence.").format(
            points=points
        )


def whole_points(value: float | None) -> int:
    """``value`` rounded half away from zero, so that 22.5 reads 23 and −22.5 reads −23: how every
    screen and the PDF round the score, what leaders say and the gap."""
    assert value is not None
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def rating_to_said(mean: float) -> float:
    """A mean 1–5 rating on the 0–100 scale of the score: 1 → 0, 3 → 50, 5 → 100."""
    return (mean - RATING_MIN) / (RATING_MAX - RATING_MIN) * 100


def alignment_index(
    view: PlanView,
    *,
    smart_passed: Mapping[int, bool],
    overlaps_found: int,
    overlaps_resolved: int,
    ratings: Sequence[int],
) -> AlignmentIndex:
    """The alignment index of ``view`` (see the module docstring for the components and weights).

    ``smart_passed`` maps objective ids to the outcome of their SMART check; ``ratings`` are the
    leaders' answers to "how aligned are we?", each an integer from 1 to 5.

    Raises ValueError when a rating is not an integer from 1 to 5, or when the overlap counts are
    negative or more are resolved than found.
    """
    for rating in ratings:
        if isinstance(rating, bool) or not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
            raise ValueError(
                f"A rating must be a whole number from {RATING_MIN} to {RATING_MAX}, not {rating!r}."
            )
    if overlaps_found < 0 or overlaps_resolved < 0 or overlaps_resolved > overlaps_found:
        raise ValueError(f"Cannot have {overlaps_resolved} overlaps resolved out of {overlaps_found} found.")

    objectives = view.objectives
    total = len(objectives)
    stances = current_stances(view.stances)
    goal_ids = {goal.id for goal in view.goals}
    counts = {
        SHARED_METRIC: (
            sum(1 for o in objectives if any(m.shared or m.customer_centric for m in o.metrics)),
            total,
        ),
        BOUGHT_IN: (sum(1 for o in objectives if is_bought_in(o, view.leaders, stances)), total),
        GOAL_LINKED: (sum(1 for o in objectives if goal_ids.intersection(o.goal_ids)), total),
        SMART_PASSED: (sum(1 for o in objectives if smart_passed.get(o.id, False)), total),
        OVERLAPS_RESOLVED: (overlaps_resolved, overlaps_found),
    }
    included = sum(WEIGHTS[name] for name, (_, of) in counts.items() if of > 0)
    components = tuple(
        Component(
            name,
            WEIGHTS[name] / included if of > 0 else 0.0,
            met,
            of,
            _explain(name, met, of),
        )
        for name, (met, of) in counts.items()
    )
    score = math.fsum(c.points for c in components) if included > 0 else None
    said = rating_to_said(math.fsum(ratings) / len(ratings)) if ratings else None
    gap = None if score is None or said is None else said - score
    return AlignmentIndex(components, score, said, len(ratings), gap)


def plan_alignment(
    view: PlanView,
    *,
    resolutions: Iterable[ResolutionView],
    smart_passed: Mapping[int, bool],
    ratings: Sequence[int],
) -> AlignmentIndex:
    """The alignment index of ``view`` with its overlaps counted by ``review_overlaps``: the one call
    the Review page and the PDF make, so both show the same score."""
    review = review_overlaps(view, resolutions)
    return alignment_index(
        view,
        smart_passed=smart_passed,
        overlaps_found=review.found,
        overlaps_resolved=review.settled,
        ratings=ratings,
    )


# Made at import: marked here, translated in ``_explain``.
_EXPLAIN = {
    SHARED_METRIC: QT_TRANSLATE_NOOP(
        "Alignment",
        "Objectives with a metric shared by both teams or centred on the customer: {met} of {total}.",
    ),
    BOUGHT_IN: QT_TRANSLATE_NOOP(
        "Alignment", "Objectives agreed by every leader whose team they touch: {met} of {total}."
    ),
    GOAL_LINKED: QT_TRANSLATE_NOOP("Alignment", "Objectives linked to a company goal: {met} of {total}."),
    SMART_PASSED: QT_TRANSLATE_NOOP("Alignment", "Objectives that pass the SMART check: {met} of {total}."),
    OVERLAPS_RESOLVED: QT_TRANSLATE_NOOP("Alignment", "Overlaps resolved: {met} of {total} found."),
}
_NO_OBJECTIVES = QT_TRANSLATE_NOOP("Alignment", "No objectives yet: not scored.")
_EXCLUDED = {
    SHARED_METRIC: _NO_OBJECTIVES,
    BOUGHT_IN: _NO_OBJECTIVES,
    GOAL_LINKED: _NO_OBJECTIVES,
    SMART_PASSED: _NO_OBJECTIVES,
    OVERLAPS_RESOLVED: QT_TRANSLATE_NOOP(
        "Alignment", "No overlaps found: not scored, and the other weights are scaled up."
    ),
}


def _explain(name: str, met: int, total: int) -> str:
    if total == 0:
        return translate("Alignment", _EXCLUDED[name])
    return translate("Alignment", _EXPLAIN[name]).format(met=met, total=total)
