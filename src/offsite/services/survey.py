"""The alignment survey: each leader rates how aligned the teams are, 1 to 5, with a comment.

The ratings sit beside the alignment index the plan computes. Like the sign-off record they
stay writable while the plan is signed: what leaders say is no part of what they signed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from offsite.domain.errors import EditRefusedError
from offsite.domain.language import translate
from offsite.domain.rules import clean_text, clean_whole
from offsite.domain.signoff import RATING_HIGH, RATING_LOW, RatingView, SurveyView
from offsite.domain.values import Kind
from offsite.services.buyin import utc_now
from offsite.services.changes import Created, Updated, add_row
from offsite.services.outbox import sendable
from offsite.store.models import Leader, SurveyRating
from offsite.store.planfile import PlanFile


@sendable
def rate_alignment(
    plan: PlanFile, leader_id: int, rating: int, comment: str = "", *, at: dt.datetime | None = None
) -> Created | Updated:
    """Record (or change) a leader's alignment rating, from 1 (not aligned) to 5 (fully aligned).

    Returns Created for the leader's first rating. Undo: ``changes.remove(plan, Kind.SURVEY_RATING, id)``.
    Otherwise Updated(SURVEY_RATING, id, previous) with the previous ``leader_id``, ``rating``,
    ``comment`` and ``at``. Undo: ``rate_alignment(plan, **previous)``.
    """
    rating = clean_whole(rating, translate("SurveyEdits", "Rating"), RATING_LOW, RATING_HIGH)
    comment = clean_text(comment, translate("SurveyEdits", "Comment"))
    with plan.write() as session:
        if session.get(Leader, leader_id) is None:
            raise EditRefusedError(
                translate("SurveyEdits", "That leader no longer exists in the plan (removed elsewhere?).")
            )
        row = session.scalars(select(SurveyRating).where(SurveyRating.leader_id == leader_id)).first()
        when = at or utc_now()
        if row is None:
            row = SurveyRating(leader_id=leader_id, rating=rating, comment=comment, rated_at=when)
            return add_row(session, Kind.SURVEY_RATING, row)
        previous = {"leader_id": leader_id, "rating": row.rating, "comment": row.comment, "at": row.rated_at}
        row.rating, row.comment, row.rated_at = rating, comment, when
        return Updated(Kind.SURVEY_RATING, row.id, previous)


def read_ratings(plan: PlanFile) -> SurveyView:
    """Every leader's rating, in the leaders' display order, and who has not rated yet."""
    with plan.read() as session:
        leaders = list(session.scalars(select(Leader.id).order_by(Leader.position, Leader.id)))
        rows = {r.leader_id: r for r in session.scalars(select(SurveyRating))}
    order = {leader_id: index for index, leader_id in enumerate(leaders)}
    ratings = tuple(
        RatingView(r.id, r.leader_id, r.rating, r.comment, r.rated_at)
        for r in sorted(rows.values(), key=lambda r: order.get(r.leader_id, len(order)))
    )
    return SurveyView(ratings, tuple(leader_id for leader_id in leaders if leader_id not in rows))
