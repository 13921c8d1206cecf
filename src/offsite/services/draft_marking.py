"""Whose draft an open file is: the marking a draft pack or a new draft writes into it.

A plan and a draft are the same kind of file; a draft holds one ``draft`` row naming its leader
and the plan it was made from. The window, sign-off, the PDF and the plan's checks read it here;
the files themselves (packs, new drafts, the merge) are made and read in ``exchange.drafts``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from offsite.domain.drafting import quote
from offsite.store import PlanFile
from offsite.store.models import Draft


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """Whose draft a file is, and of which plan (``plan_uid`` None: started with nothing but the app)."""

    uid: str
    plan_uid: str | None
    plan_title: str
    leader_uid: str
    leader_name: str
    made_at: dt.datetime
    #: Rows the leader's edits have written (store.revision): a later copy has a higher one.
    revision: int = 0

    @property
    def label(self) -> str:
        """“Dana Whitfield's draft of “FY27 offsite”” as the window and the preview say it."""
        of = f" of {quote(self.plan_title)}" if self.plan_title.strip() else ""
        return f"{possessive(self.leader_name)} draft{of}"


def possessive(name: str) -> str:
    """“Dana Whitfield’s”, “Tomas Reyes’”: a name as the owner of a draft."""
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def read_draft_info(plan: PlanFile) -> DraftInfo | None:
    """The file's draft marking, or None for a plan (or a file older than drafts)."""
    with plan.read() as s:
        return draft_info(s)


def draft_info(s: Session) -> DraftInfo | None:
    """The marking as ``read_draft_info`` gives it, within a read already open."""
    if not inspect(s.connection()).has_table("draft"):
        return None
    row = s.scalars(select(Draft).order_by(Draft.id).limit(1)).first()
    if row is None:
        return None
    return DraftInfo(
        row.uid, row.plan_uid, row.plan_title, row.leader_uid, row.leader_name, row.made_at, row.revision
    )
