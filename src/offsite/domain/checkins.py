"""What the review cadence's screens and exports read: check-ins, and the readings an import brings.

Plain values, as ``offsite.services.checkins`` reads them from the plan; the rules of progress
(expected value, status, scores) are ``offsite.domain.progress``'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class CheckInView:
    """One check-in of a metric, as stored."""

    id: int
    metric_id: int
    as_of: dt.date
    value: float
    confidence: int | None
    note: str
    leader_id: int | None
    by_name: str
    source: str
    recorded_at: dt.datetime


class Reading(Protocol):
    """A metric's value on a day that an import brings: what ``apply_readings`` writes as a check-in.

    ``owner`` is who the file names (a leader of the plan by name, or anyone); blank for nobody.
    """

    @property
    def metric_id(self) -> int: ...
    @property
    def as_of(self) -> dt.date: ...
    @property
    def value(self) -> float: ...
    @property
    def note(self) -> str: ...
    @property
    def owner(self) -> str: ...


@dataclass(frozen=True, slots=True)
class NewReading:
    """A reading given by hand (the command line, tests): the plain form of ``Reading``."""

    metric_id: int
    as_of: dt.date
    value: float
    note: str = ""
    owner: str = ""


@dataclass(frozen=True, slots=True)
class ReadingPlan:
    """What writing a batch of readings would do, row by row: the import's preview against the plan.

    ``added``: readings no check-in of the same metric, day and source holds yet; ``changed``: the
    readings whose day the source had already given another value, with that value; ``unchanged``:
    readings the plan already holds as they are (importing the same file twice adds nothing).
    """

    added: tuple[Reading, ...]
    changed: tuple[tuple[Reading, float], ...]
    unchanged: tuple[Reading, ...]

    @property
    def writes(self) -> int:
        return len(self.added) + len(self.changed)


@dataclass(frozen=True, slots=True)
class LatestCheckIns:
    """A metric's latest check-ins, newest first (at most a few): what the weekly screen shows."""

    metric_id: int
    recent: tuple[CheckInView, ...]

    @property
    def last(self) -> CheckInView | None:
        return self.recent[0] if self.recent else None
