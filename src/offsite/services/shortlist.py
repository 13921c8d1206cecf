"""The shortlist: the candidates each team keeps, recorded in the plan by the facilitator.

“Keep the top N” records the pool's current top N eligible candidates of each team (ranked by
``domain.ranking``: by dots unless the facilitator ranks by impact) as the shortlist, replacing
the one before; a single candidate can be put on or taken off it by hand. Votes cast later do
not move it: what was kept stays kept until the facilitator keeps again. Each verb returns the
previous shortlist, which undo gives back to ``set_shortlist``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from offsite.domain import ranking
from offsite.domain.errors import EditRefusedError
from offsite.domain.language import translate
from offsite.domain.values import Kind
from offsite.services.changes import Updated, update_fields
from offsite.store.models import Candidate, DotVote, Plan
from offsite.store.planfile import PlanFile


def _shortlisted_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Candidate.id).where(Candidate.shortlisted).order_by(Candidate.id)))


def shortlisted_ids(plan: PlanFile) -> frozenset[int]:
    """The candidates on the shortlist now."""
    with plan.read() as session:
        return frozenset(_shortlisted_ids(session))


def _mark(session: Session, candidate_ids: Iterable[int]) -> None:
    ids = set(candidate_ids)
    session.execute(update(Candidate).where(Candidate.id.not_in(ids)).values(shortlisted=False))
    if ids:
        session.execute(update(Candidate).where(Candidate.id.in_(ids)).values(shortlisted=True))


def set_shortlist(plan: PlanFile, candidate_ids: Iterable[int]) -> Updated:
    """Make the shortlist exactly ``candidate_ids`` (those no longer in the plan are passed over).

    Returns the previous shortlist in ``previous["shortlist"]``: undo passes it back here.
    """
    with plan.write() as session:
        previous = _shortlisted_ids(session)
        _mark(session, candidate_ids)
    return Updated(Kind.CANDIDATE, 0, {"shortlist": previous})


def keep_top(plan: PlanFile, by: ranking.RankBy = "dots") -> Updated:
    """Record each team's top N eligible candidates (N: the plan's shortlist size) as the shortlist.

    Replaces the shortlist before, hand-picked candidates too; returns it for undo
    (``set_shortlist(plan, previous["shortlist"])``). Refused when no candidate is eligible yet:
    nobody has placed a dot (or, ranking by impact, scored one), so there is nothing to keep.
    """
    with plan.write() as session:
        settings = session.scalars(select(Plan).limit(1)).first()
        top_n = settings.top_n if settings is not None else ranking.DEFAULT_TOP_N
        rows = list(session.scalars(select(Candidate).order_by(Candidate.position, Candidate.id)))
        dots: dict[int, int] = defaultdict(int)
        for candidate_id, count in session.execute(select(DotVote.candidate_id, DotVote.dots)):
            dots[candidate_id] += count
        ranked = ranking.rank(
            [(str(c.id), None if c.team_id is None else str(c.team_id), i) for i, c in enumerate(rows)],
            [ranking.DotVote("all", str(c.id), dots[c.id]) for c in rows if dots[c.id]],
            {str(c.id): c.impact for c in rows},
            by,
        )
        kept = [int(uid) for uids in ranking.shortlist(ranked, top_n).values() for uid in uids]
        if not kept:
            raise EditRefusedError(
                translate("Shortlist", "No candidate has a dot yet, so there is no top to keep: vote first.")
                if by == "dots"
                else translate(
                    "Shortlist",
                    "No candidate has an impact score yet, so there is no top to keep: score them first.",
                )
            )
        previous = _shortlisted_ids(session)
        _mark(session, kept)
    return Updated(Kind.CANDIDATE, 0, {"shortlist": previous})


def set_shortlisted(plan: PlanFile, candidate_id: int, shortlisted: bool) -> Updated:
    """Put one candidate on its team's shortlist or take it off; undo with ``update_fields(previous)``."""
    return update_fields(plan, Kind.CANDIDATE, candidate_id, {"shortlisted": bool(shortlisted)})
