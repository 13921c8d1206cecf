"""A plan's quarters as a test tells them: what the plan had recorded after the offsite forgotten first.

The demo plan may come with check-ins and quarter reviews of its own; a test of what the next cycle
carries says the quarter it means in full, so it starts from none of them.
"""

from __future__ import annotations

from sqlalchemy import delete

from offsite.store.models import AlignmentReading, CheckIn, ImportMapping, ObjectiveReview, Win
from offsite.store.planfile import PlanFile


def forget_the_quarters(plan: PlanFile) -> None:
    """Remove every check-in and quarter review of ``plan`` (one transaction)."""
    with plan.write() as session:
        session.execute(delete(CheckIn))
        session.execute(delete(ObjectiveReview))


def forget_the_cadence(plan: PlanFile) -> None:
    """Remove everything ``plan`` recorded after its offsite: check-ins, quarter reviews, wins,
    alignment readings and import mappings (one transaction). A test of typing the first check-in
    starts from a plan just out of its offsite."""
    with plan.write() as session:
        for model in (CheckIn, ObjectiveReview, Win, AlignmentReading, ImportMapping):
            session.execute(delete(model))
