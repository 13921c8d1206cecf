"""Verbs of the Buy-in phase: recording a leader's stance on an objective."""

from __future__ import annotations

import datetime as dt

from offsite.domain.errors import EditRefusedError
from offsite.domain.rules import clean_stance, clean_text
from offsite.domain.values import Kind, Stance
from offsite.services.changes import Created
from offsite.store.models import Leader, Objective, StanceRecord
from offsite.store.planfile import PlanFile


def utc_now() -> dt.datetime:
    """Now in UTC, naive, as the plan file stores times."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def record_stance(
    plan: PlanFile,
    objective_id: int,
    leader_id: int,
    stance: Stance,
    comment: str = "",
    *,
    at: dt.datetime | None = None,
) -> Created:
    """Add a stance to the objective's history; the last one recorded is the leader's current stance.

    ``at`` is only the time it is shown with: a stance recorded now is current even when an
    older record carries a later time (a clock behind, a draft from a laptop whose clock ran ahead).
    """
    stance = clean_stance(stance)
    comment = clean_text(comment, "Comment")
    with plan.write() as session:
        if session.get(Objective, objective_id) is None:
            raise EditRefusedError("That objective no longer exists in the plan.")
        if session.get(Leader, leader_id) is None:
            raise EditRefusedError("That leader no longer exists in the plan.")
        record = StanceRecord(
            objective_id=objective_id,
            leader_id=leader_id,
            stance=stance.value,
            comment=comment,
            recorded_at=at or utc_now(),
        )
        session.add(record)
        session.flush()
        return Created(Kind.STANCE, record.id)
