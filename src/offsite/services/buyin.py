"""Verbs of the Buy-in phase: recording a leader's stance on an objective."""

from __future__ import annotations

import datetime as dt

from offsite.domain.errors import EditRefusedError
from offsite.domain.language import translate
from offsite.domain.rules import clean_stance, clean_text
from offsite.domain.values import Kind, Stance
from offsite.services.changes import Created, add_row
from offsite.services.outbox import sendable
from offsite.store.models import (
    Agreement,
    AgreementStance,
    Definition,
    DefinitionStance,
    Leader,
    Objective,
    StanceRecord,
)
from offsite.store.planfile import PlanFile


def utc_now() -> dt.datetime:
    """Now in UTC, naive, as the plan file stores times."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@sendable
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
    return record_stance_on(plan, Objective, objective_id, leader_id, stance, comment, at=at)


def record_stance_on(
    plan: PlanFile,
    subject: type[Objective] | type[Definition] | type[Agreement],
    subject_id: int,
    leader_id: int,
    stance: Stance,
    comment: str,
    *,
    at: dt.datetime | None,
    gone: bool = False,
) -> Created:
    """Add a stance to the history of an objective, a definition or an agreement: the one way buy-in
    is recorded.

    ``gone``: the sentence that refuses a subject or a leader removed meanwhile asks whether it was
    removed elsewhere.
    """
    stance = clean_stance(stance)
    comment = clean_text(comment, translate("BuyInEdits", "Comment"))
    with plan.write() as session:
        if session.get(subject, subject_id) is None:
            raise EditRefusedError(_gone_subject(subject, gone))
        if session.get(Leader, leader_id) is None:
            raise EditRefusedError(
                translate("BuyInEdits", "That leader no longer exists in the plan (removed elsewhere?).")
                if gone
                else translate("BuyInEdits", "That leader no longer exists in the plan.")
            )
        fields = {
            "leader_id": leader_id,
            "stance": stance.value,
            "comment": comment,
            "recorded_at": at or utc_now(),
        }
        record: StanceRecord | DefinitionStance | AgreementStance
        if subject is Objective:
            record, kind = StanceRecord(objective_id=subject_id, **fields), Kind.STANCE
        elif subject is Definition:
            record, kind = DefinitionStance(definition_id=subject_id, **fields), Kind.DEFINITION_STANCE
        else:
            record, kind = AgreementStance(agreement_id=subject_id, **fields), Kind.AGREEMENT_STANCE
        return add_row(session, kind, record)


def _gone_subject(subject: type[Objective] | type[Definition] | type[Agreement], gone: bool) -> str:
    """The refusal of a stance on an objective, a definition or an agreement removed meanwhile."""
    if subject is Objective:
        if gone:
            return translate(
                "BuyInEdits", "That objective no longer exists in the plan (removed elsewhere?)."
            )
        return translate("BuyInEdits", "That objective no longer exists in the plan.")
    if subject is Definition:
        if gone:
            return translate(
                "BuyInEdits", "That definition no longer exists in the plan (removed elsewhere?)."
            )
        return translate("BuyInEdits", "That definition no longer exists in the plan.")
    if gone:
        return translate("BuyInEdits", "That agreement no longer exists in the plan (removed elsewhere?).")
    return translate("BuyInEdits", "That agreement no longer exists in the plan.")
