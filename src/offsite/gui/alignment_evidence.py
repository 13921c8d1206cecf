"""The alignment index of the open plan, as the Review phase reads it: the Alignment tab shows it,
and closing a quarter keeps it for the trend. One reading, so the two never differ."""

from __future__ import annotations

from dataclasses import dataclass

from offsite.domain.alignment import AlignmentIndex, alignment_index
from offsite.domain.overlap_review import OverlapReview
from offsite.domain.signoff import SurveyView
from offsite.domain.smart import objectives_passing
from offsite.gui.document import PlanDocument
from offsite.services.survey import read_ratings


@dataclass(frozen=True)
class Evidence:
    """The index and what went into it that the page explains."""

    index: AlignmentIndex
    survey: SurveyView
    #: Objectives not promoted from a brainstorm candidate: no SMART marks, so not passing.
    unchecked: int


def evidence(document: PlanDocument, overlaps: OverlapReview) -> Evidence:
    """The alignment index of the open plan, from the same reads the Plan and Brainstorm screens use
    and the overlap review the Overlaps tab shows (``gui.overlap_finder``)."""
    plan, view = document.plan, document.view()
    # The PDF's rule too: one function in the domain, so the screen and the signed PDF never differ.
    smart = objectives_passing(document.brainstorm().candidates)  # shared with the Brainstorm tabs
    survey = read_ratings(plan)
    # What ``plan_alignment`` does, with the overlaps counted by the finder (on a worker when large).
    index = alignment_index(
        view,
        smart_passed=smart,
        overlaps_found=overlaps.found,
        overlaps_resolved=overlaps.settled,
        ratings=[r.rating for r in survey.ratings],
    )
    unchecked = sum(1 for o in view.objectives if o.id not in smart)
    return Evidence(index, survey, unchecked)
