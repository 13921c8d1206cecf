"""Which version locks the plan, and whether its signatures can still be taken back.

The sign-off verbs and undo (``changes``) share this rule; it sits under both so neither
imports the other for it.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from offsite.domain.language import translate
from offsite.store.lock import LOCKED_VERSION_QUERY
from offsite.store.models import Leader, PlanVersion, Signature


def locked_version(session: Session) -> PlanVersion | None:
    """The version that locks the plan (frozen and not re-opened), or None while it is open."""
    number = session.execute(text(LOCKED_VERSION_QUERY)).scalar()
    if number is None:
        return None
    return session.scalars(select(PlanVersion).where(PlanVersion.number == number)).one()


def version_complete(session: Session, version_id: int) -> bool:
    """Every leader of the plan has signed the version: its signatures are final."""
    signed = set(session.scalars(select(Signature.leader_uid).where(Signature.version_id == version_id)))
    leaders = set(session.scalars(select(Leader.uid)))
    return bool(leaders) and leaders <= signed


def final_signatures_refusal(session: Session, version_id: int) -> str | None:
    """Why the signatures of a version can no longer be taken back, or None while they can.

    They can while the version locks the plan and some leader has yet to sign it.
    """
    version = session.get(PlanVersion, version_id)
    if version is None:
        return translate("Signatures", "That version no longer exists in the plan (its freeze was undone?).")
    locked = locked_version(session)
    if locked is None or locked.id != version.id:
        return translate(
            "Signatures",
            "Version {number} has been re-opened or superseded; its signatures stay in the record.",
        ).format(number=version.number)
    if version_complete(session, version.id):
        return translate(
            "Signatures",
            "Every leader has signed version {number}, so its signatures are final; re-open the plan to change it.",
        ).format(number=version.number)
    return None
