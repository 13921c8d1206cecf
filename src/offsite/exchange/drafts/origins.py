"""Where the plan's items came from: the merges that brought them, read with plain ``sqlite3``.

The Plan and Candidates screens show an item's origin beside it, so this is read as a screen is
built, before the first paint: it loads none of the merge's machinery (SQLAlchemy, pydantic).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from offsite.domain.drafting import Outcome
from offsite.domain.formatting import format_moment
from offsite.domain.language import translate
from offsite.store import PlanFile

_RECORDS = "SELECT item_key, action, leader_name, draft_name, merged_at FROM merge_record ORDER BY id"


@dataclass(frozen=True, slots=True)
class DraftOrigin:
    """Where a merged item came from: the leader, the draft file and the time of the merge."""

    leader_name: str
    draft_name: str
    merged_at: dt.datetime
    outcome: Outcome

    @property
    def label(self) -> str:
        """“From Dana Whitfield’s draft (dana.offsite), merged 23 Nov 2026 10:14 UTC”."""
        when = format_moment(self.merged_at)
        # The possessive is part of each sentence (“Tomas Reyes’ draft”), so a translation words
        # whose draft it is in its own way.
        said = (
            translate("DraftMerge", "From {leader}’ draft ({file}), merged {when} UTC")
            if self.leader_name.endswith("s")
            else translate("DraftMerge", "From {leader}’s draft ({file}), merged {when} UTC")
        )
        return said.format(leader=self.leader_name, file=self.draft_name, when=when)


def read_origins(plan: PlanFile) -> dict[str, DraftOrigin]:
    """Each item the plan holds as a draft brought it: item key → its latest origin."""
    origins: dict[str, DraftOrigin] = {}
    with plan.read_rows() as connection:
        known = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'merge_record'"
        ).fetchone()
        if known is None:
            return origins
        for item_key, action, leader_name, draft_name, merged_at in connection.execute(_RECORDS):
            outcome = Outcome(action)
            if outcome.brought:
                when = (
                    merged_at
                    if isinstance(merged_at, dt.datetime)
                    else dt.datetime.fromisoformat(str(merged_at))
                )
                origins[item_key] = DraftOrigin(leader_name, draft_name, when, outcome)
            elif outcome is Outcome.REMOVED:
                origins.pop(item_key, None)
    return origins
