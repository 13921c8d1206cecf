"""Whose draft an open file is: the marking a draft pack or a new draft writes into it.

A plan and a draft are the same kind of file; a draft holds one ``draft`` row naming its leader
and the plan it was made from. The window, sign-off, the PDF and the plan's checks read it here;
the files themselves (packs, new drafts, the merge) are made and read in ``exchange.drafts``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from offsite.domain.drafting import quote
from offsite.domain.language import translate
from offsite.store import PlanFile

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
        name, plan = self.leader_name, quote(self.plan_title)
        # English says “Tomas Reyes’ draft”: the possessive is part of each sentence, so a
        # translation words whose draft it is in its own way.
        if name.endswith("s"):
            if self.plan_title.strip():
                return translate("DraftMarking", "{leader}’ draft of {plan}").format(leader=name, plan=plan)
            return translate("DraftMarking", "{leader}’ draft").format(leader=name)
        if self.plan_title.strip():
            return translate("DraftMarking", "{leader}’s draft of {plan}").format(leader=name, plan=plan)
        return translate("DraftMarking", "{leader}’s draft").format(leader=name)


def possessive(name: str) -> str:
    """“Dana Whitfield’s”, “Tomas Reyes’”: a name as the owner of a draft."""
    return f"{name}’" if name.endswith("s") else f"{name}’s"


_MARKING = "SELECT uid, plan_uid, plan_title, leader_uid, leader_name, made_at, revision FROM draft ORDER BY id LIMIT 1"


def read_draft_info(plan: PlanFile) -> DraftInfo | None:
    """The file's draft marking, or None for a plan (or a file older than drafts).

    Read with plain ``sqlite3``: the window asks it of every plan it opens, before the first paint.
    """
    with plan.read_rows() as connection:
        return _marking(connection)


def draft_info(s: Session) -> DraftInfo | None:
    """The marking as ``read_draft_info`` gives it, within a read already open."""
    connection = s.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return _marking(connection)


def _marking(connection: sqlite3.Connection) -> DraftInfo | None:
    if (
        connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'draft'").fetchone()
        is None
    ):
        return None
    row = connection.execute(_MARKING).fetchone()
    if row is None:
        return None
    uid, plan_uid, plan_title, leader_uid, leader_name, made_at, revision = row
    made = made_at if isinstance(made_at, dt.datetime) else dt.datetime.fromisoformat(str(made_at))
    return DraftInfo(uid, plan_uid, plan_title, leader_uid, leader_name, made, int(revision or 0))
