"""The parking lot: off-topic items captured in the room, each resolved or turned into a candidate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParkedView:
    id: int
    uid: str
    text: str
    raised_at: dt.datetime
    #: The screen it was captured on, blank when not known.
    raised_in: str
    resolved_at: dt.datetime | None = None
    resolution: str = ""
    #: The uid of the candidate it became, when it became one.
    candidate_uid: str | None = None

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None
