"""The SMART check the PDF counts is the domain's, the one the Review screen counts."""

from __future__ import annotations

from offsite.domain.exercises import BrainstormView, CandidateView, Exercise, SmartCriterion, SmartMark
from offsite.domain.smart import objectives_passing
from offsite.exchange.pdf import smart_passed


def candidate(
    candidate_id: int, objective_id: int, marks: dict[SmartCriterion, bool | None]
) -> CandidateView:
    return CandidateView(
        candidate_id,
        f"uid-{candidate_id}",
        None,
        "Grow pipeline 30% by Q2 2027",
        Exercise.DIRECT,
        None,
        "",
        tuple(SmartMark(criterion, value) for criterion, value in marks.items()),
        None,
        objective_id=objective_id,
    )


def test_an_objective_passes_only_when_all_five_smart_questions_are_yes_in_the_pdf_as_on_the_screen() -> None:
    every = dict.fromkeys(SmartCriterion, True)
    four = {c: True for c in SmartCriterion if c is not SmartCriterion.TIMELY}  # "Timely" never asked
    unjudged = {**every, SmartCriterion.REALISTIC: None}
    pool = BrainstormView(
        candidates=(candidate(1, 10, every), candidate(2, 20, four), candidate(3, 30, unjudged))
    )
    assert smart_passed(pool) == {10: True, 20: False, 30: False}
    assert smart_passed(pool) == objectives_passing(pool.candidates)
