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
    ``source`` is where the check-in says it comes from when the reading says so itself (Offsite's
    own export read back: "" typed in Offsite, else the import that first brought it); None for
    the import's own source (the mapping's name). ``confidence`` is 0–10, or None for none.
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
    @property
    def source(self) -> str | None: ...
    @property
    def confidence(self) -> int | None: ...


def reading_source(reading: Reading, default: str) -> str:
    """The source a reading's check-in is kept under: its own (trimmed), else the import's ``default``.

    With the metric and the day it is the check-in's identity: one check-in per metric, day and source.
    """
    return default if reading.source is None else reading.source.strip()


@dataclass(frozen=True, slots=True)
class NewReading:
    """A reading given by hand (the command line, tests): the plain form of ``Reading``."""

    metric_id: int
    as_of: dt.date
    value: float
    note: str = ""
    owner: str = ""
    source: str | None = None
    confidence: int | None = None


@dataclass(frozen=True, slots=True)
class ReadingPlan:
    """What writing a batch of readings would do, row by row: the import's preview against the plan.

    ``added``: readings no check-in of the same metric, day and source holds yet; ``changed``: the
    readings whose day the source had already given another value, with that value; ``unchanged``:
    readings the plan already holds as they are (importing the same file twice adds nothing). The
    source is each reading's own when it has one (``reading_source``), else the import's.
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
