"""The agenda of the day: items with a time box and a screen, their start times, and how one runs.

Pure: times in, times and sentences out. ``schedule`` lays the items end to end from the day's
start; ``progress`` says how a running item stands ("12:30 left", "Over by 4:10").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from offsite.domain.agreements import AgreementKind
from offsite.domain.language import QT_TRANSLATE_NOOP, translate

#: The screens an item may use: the phases, the brainstorm exercises as "brainstorm:<tab>" and the
#: kinds of agreement as "agreements:<tab>".
PHASE_VIEWS = ("prepare", "brainstorm", "plan", "agreements", "buyin", "signoff", "review")
BRAINSTORM_TABS = ("Ask why", "Work back", "Team switch", "Candidates")
AGREEMENT_TABS = tuple(kind.heading for kind in AgreementKind)
VIEWS = (
    PHASE_VIEWS
    + tuple(f"brainstorm:{tab}" for tab in BRAINSTORM_TABS)
    + tuple(f"agreements:{tab}" for tab in AGREEMENT_TABS)
)
#: The phases' names, in English: ``view_label`` shows them in the leader's language.
PHASE_LABELS = {
    "prepare": QT_TRANSLATE_NOOP("Agenda", "Prepare"),
    "brainstorm": QT_TRANSLATE_NOOP("Agenda", "Brainstorm"),
    "plan": QT_TRANSLATE_NOOP("Agenda", "Plan"),
    "agreements": QT_TRANSLATE_NOOP("Agenda", "Agreements"),
    "buyin": QT_TRANSLATE_NOOP("Agenda", "Buy-in"),
    "signoff": QT_TRANSLATE_NOOP("Agenda", "Sign-off"),
    "review": QT_TRANSLATE_NOOP("Agenda", "Review"),
}
#: The tabs' names are the keys stored in a plan ("brainstorm:Ask why"): marked here for the
#: catalogue, translated only where shown.
TAB_LABELS = (
    QT_TRANSLATE_NOOP("Agenda", "Ask why"),
    QT_TRANSLATE_NOOP("Agenda", "Work back"),
    QT_TRANSLATE_NOOP("Agenda", "Team switch"),
    QT_TRANSLATE_NOOP("Agenda", "Candidates"),
    QT_TRANSLATE_NOOP("Agenda", "Customer journey"),
    QT_TRANSLATE_NOOP("Agenda", "Hand-offs"),
    QT_TRANSLATE_NOOP("Agenda", "Decision rights"),
    QT_TRANSLATE_NOOP("Agenda", "Incentives"),
    QT_TRANSLATE_NOOP("Agenda", "Joint practices"),
)
#: Every screen's label in English (the leader's language comes from ``view_label``).
VIEW_LABELS = (
    PHASE_LABELS
    | {f"brainstorm:{tab}": f"Brainstorm ▸ {tab}" for tab in BRAINSTORM_TABS}
    | {f"agreements:{tab}": f"Agreements ▸ {tab}" for tab in AGREEMENT_TABS}
)
DEFAULT_DAY_START = "09:00"


def is_view(value: str) -> bool:
    """A phase key, or ``brainstorm:`` or ``agreements:`` and a tab name."""
    if value in PHASE_VIEWS:
        return True
    phase, _, tab = value.partition(":")
    return phase in ("brainstorm", "agreements") and bool(tab.strip())


def view_label(value: str) -> str:
    """A screen as the agenda shows it: "Prepare", "Brainstorm ▸ Ask why", in the leader's language."""
    if value in PHASE_LABELS:
        return translate("Agenda", PHASE_LABELS[value])
    phase, _, tab = value.partition(":")
    if phase == "brainstorm":
        return translate("Agenda", "Brainstorm ▸ {tab}").format(tab=translate("Agenda", tab))
    if phase == "agreements" and tab in AGREEMENT_TABS:
        return translate("Agenda", "Agreements ▸ {tab}").format(tab=translate("Agenda", tab))
    return value


def parse_day_start(text: str) -> dt.time:
    """ "09:00" → 09:00; raises ValueError for anything that is not HH:MM on a 24-hour clock."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(_not_a_time(text))
    try:
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(_not_a_time(text)) from None


def _not_a_time(text: str) -> str:
    return translate("Agenda", "“{text}” is not a time of day like 09:00.").format(text=text)


def format_day_start(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


@dataclass(frozen=True, slots=True)
class AgendaItemView:
    id: int
    uid: str
    title: str
    minutes: int
    #: A phase key or "brainstorm:<tab>".
    view: str
    position: int = 0


class _Timed(Protocol):
    @property
    def minutes(self) -> int: ...


T = TypeVar("T", bound=_Timed)


def schedule(items: Sequence[T], day_start: dt.time) -> list[tuple[T, dt.time, dt.time]]:
    """Each item with its start and end, end to end from ``day_start`` (wrapping past midnight)."""
    clock = dt.datetime.combine(dt.date(2000, 1, 1), day_start)
    timed = []
    for item in items:
        end = clock + dt.timedelta(minutes=item.minutes)
        timed.append((item, clock.time(), end.time()))
        clock = end
    return timed


def clock_text(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour: 750 → "12:30", 3725 → "1:02:05"."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True, slots=True)
class Progress:
    elapsed: dt.timedelta
    remaining: dt.timedelta
    overrun: dt.timedelta

    @property
    def over(self) -> bool:
        return self.overrun > dt.timedelta(0)

    @property
    def elapsed_text(self) -> str:
        return translate("Agenda", "{clock} in").format(clock=clock_text(self.elapsed.total_seconds()))

    @property
    def remaining_text(self) -> str:
        return translate("Agenda", "{clock} left").format(clock=clock_text(self.remaining.total_seconds()))

    @property
    def overrun_text(self) -> str:
        if not self.over:
            return ""
        return translate("Agenda", "Over by {clock}").format(clock=clock_text(self.overrun.total_seconds()))

    @property
    def text(self) -> str:
        """What the room reads: "12:30 left", or "Over by 4:10"."""
        return self.overrun_text if self.over else self.remaining_text


def progress(now: dt.datetime, started_at: dt.datetime, minutes: int) -> Progress:
    """How an item started at ``started_at`` with a box of ``minutes`` stands at ``now``.

    Elapsed never goes below zero (a clock set back); remaining stops at zero, where overrun begins.
    """
    elapsed = max(now - started_at, dt.timedelta(0))
    box = dt.timedelta(minutes=minutes)
    return Progress(elapsed, max(box - elapsed, dt.timedelta(0)), max(elapsed - box, dt.timedelta(0)))
