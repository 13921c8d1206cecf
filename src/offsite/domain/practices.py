"""Hand-offs and joint practices after the offsite: tracked through the metric each names.

An agreement's check-ins are its metric's check-ins (``AgreementView.metric_id``): a hand-off's
response time is read from the metric that measures it, and a joint practice ("Marketing joins a
customer visit", quarterly) is **kept** in a period of its cadence when its metric was checked in
within that period, up to the day asked about; until then it is **due**. A period that ended
without a check-in was **missed**. Periods are ``offsite.domain.progress``'s (ISO weeks, months,
quarters, years), so the weekly review, the results report and the charts count alike.

A hand-off or joint practice naming no metric is not tracked at all: the weekly review says so,
so the leaders name one on the Agreements page.

Plain rules on plain values: the Check-ins tab and the results report both read them from here.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from offsite.domain.agreements import AgreementKind, AgreementView
from offsite.domain.formatting import format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, plural, translate
from offsite.domain.progress import Grain, Period, period_of, periods_between

#: The kinds the review cadence tracks after the offsite, in the order they are listed.
TRACKED_KINDS = (AgreementKind.HAND_OFF, AgreementKind.PRACTICE)

#: The period each cadence of ``agreements.CADENCES`` asks a practice to happen in, at the least.
CADENCE_GRAINS = {
    "weekly": Grain.WEEK,
    "monthly": Grain.MONTH,
    "quarterly": Grain.QUARTER,
    "yearly": Grain.YEAR,
}
#: How a tally of several periods counts them (one period is named instead: "kept in Q1 2027").
#: Whole sentences per grain, so a translation may inflect the unit: (kept, missed).
_UNITS = {
    Grain.WEEK: (
        QT_TRANSLATE_NOOP("Practices", "kept {kept} of {count} weeks"),
        QT_TRANSLATE_NOOP("Practices", "{count} weeks missed"),
    ),
    Grain.MONTH: (
        QT_TRANSLATE_NOOP("Practices", "kept {kept} of {count} months"),
        QT_TRANSLATE_NOOP("Practices", "{count} months missed"),
    ),
    Grain.QUARTER: (
        QT_TRANSLATE_NOOP("Practices", "kept {kept} of {count} quarters"),
        QT_TRANSLATE_NOOP("Practices", "{count} quarters missed"),
    ),
    Grain.YEAR: (
        QT_TRANSLATE_NOOP("Practices", "kept {kept} of {count} years"),
        QT_TRANSLATE_NOOP("Practices", "{count} years missed"),
    ),
}
#: How many missed periods a tally names before it just counts them.
NAMED_MISSES = 3


_LABELS = {
    "kept": QT_TRANSLATE_NOOP("Practices", "Kept"),
    "due": QT_TRANSLATE_NOOP("Practices", "Due"),
    "missed": QT_TRANSLATE_NOOP("Practices", "Missed"),
}


class PracticeState(enum.StrEnum):
    """Where a joint practice stands in a period of its cadence."""

    KEPT = "kept"
    DUE = "due"
    MISSED = "missed"

    @property
    def label(self) -> str:
        """How a column or a chip says it: "Kept", "Due", "Missed" (in the leader's language)."""
        return translate("Practices", _LABELS[self])

    @property
    def role(self) -> str:
        """The colour role it is drawn in, as a metric's status is (``Status.role``): kept green
        "ok", due amber "advice", missed red "problem"."""
        return _ROLES[self]


_ROLES = {PracticeState.KEPT: "ok", PracticeState.DUE: "advice", PracticeState.MISSED: "problem"}


# --- Which agreements are tracked ------------------------------------------------------------------


def is_tracked_kind(agreement: AgreementView) -> bool:
    """A hand-off or a joint practice: the agreements whose check-ins are their metric's."""
    return agreement.kind in TRACKED_KINDS


def tracked_by_metric(agreements: Iterable[AgreementView]) -> dict[int, tuple[AgreementView, ...]]:
    """The hand-offs and joint practices that name a metric, by that metric, in the order given."""
    found: dict[int, list[AgreementView]] = {}
    for agreement in agreements:
        if is_tracked_kind(agreement) and agreement.metric_id is not None:
            found.setdefault(agreement.metric_id, []).append(agreement)
    return {metric_id: tuple(named) for metric_id, named in found.items()}


def untracked(agreements: Iterable[AgreementView]) -> tuple[AgreementView, ...]:
    """The hand-offs and joint practices that name no metric: nothing checks in on them."""
    return tuple(a for a in agreements if is_tracked_kind(a) and a.metric_id is None)


def _title(agreement: AgreementView) -> str:
    return " ".join(agreement.title.split()) or translate("Practices", "(untitled {kind})").format(
        kind=agreement.agreement_kind.shown_noun
    )


def agreement_line(agreement: AgreementView) -> str:
    """The agreement as the row of its metric names it: "Hand-off: Demo request — First touch
    within 4 business hours", "Joint practice (quarterly): Marketing joins a customer visit"."""
    title = _title(agreement)
    if agreement.agreement_kind is AgreementKind.HAND_OFF:
        level = " ".join(agreement.service_level.split())
        if level:
            return translate("Practices", "Hand-off: {title} — {level}").format(title=title, level=level)
        return translate("Practices", "Hand-off: {title}").format(title=title)
    noun = agreement.agreement_kind.shown_noun
    noun = noun[:1].upper() + noun[1:]
    if agreement.cadence in CADENCE_GRAINS:
        return translate("Practices", "{kind} ({cadence}): {title}").format(
            kind=noun, cadence=translate("Agreements", agreement.cadence), title=title
        )
    return translate("Practices", "{kind}: {title}").format(kind=noun, title=title)


def untracked_note(agreements: Iterable[AgreementView]) -> str:
    """The note over the weekly review naming the hand-offs and joint practices that name no
    metric, so the review walks them too; blank when every one names a metric.

    "2 agreements are not tracked: name a metric for them on the Agreements page — hand-off
    “Partner referral”, joint practice “Win-loss review”."
    """
    missing = untracked(agreements)
    if not missing:
        return ""
    named = ", ".join(
        translate("Practices", "{kind} “{title}”").format(kind=a.agreement_kind.shown_noun, title=_title(a))
        for a in missing
    )
    return plural(
        len(missing),
        translate(
            "Practices",
            "{count} agreement is not tracked: name a metric for it on the Agreements page — {named}.",
        ),
        translate(
            "Practices",
            "{count} agreements are not tracked: name a metric for them on the Agreements page — {named}.",
        ),
    ).format(count=format_number(len(missing)), named=named)


# --- Whether a practice's cadence is kept ----------------------------------------------------------


def cadence_grain(cadence: str) -> Grain | None:
    """The period a cadence asks for ("quarterly" → a quarter); None for a cadence not agreed yet."""
    return CADENCE_GRAINS.get(cadence.strip().lower())


def cadence_period(cadence: str, on: dt.date) -> Period | None:
    """The period of ``cadence`` that holds ``on`` (the ISO week, month, quarter or year)."""
    grain = cadence_grain(cadence)
    return None if grain is None else period_of(on, grain)


def kept_in(period: Period, days: Iterable[dt.date], up_to: dt.date | None = None) -> bool:
    """Whether a check-in day falls within ``period``, up to ``up_to`` (its end by default)."""
    last = period.end if up_to is None else min(period.end, up_to)
    return any(period.start <= day <= last for day in days)


def counts(period: Period, starts: dt.date | None) -> bool:
    """Whether a practice agreed at an offsite ending on ``starts`` is asked for in ``period``:
    every period from the offsite on, but the one the offsite ends in only when at least half of it
    is left (a weekly practice agreed on a Friday starts the next week; a quarterly one agreed in
    mid-January is asked for in Q1)."""
    if starts is None or period.start >= starts:
        return True
    return period.end >= starts and 2 * ((period.end - starts).days + 1) >= period.days


def practice_state(
    cadence: str, days: Iterable[dt.date], on: dt.date, *, starts: dt.date | None = None
) -> PracticeState | None:
    """Where a practice stands ``on`` a day: kept when its metric was checked in within the period
    of its cadence holding that day (up to it), else due.

    ``days`` are its metric's check-in days (the latest on or before ``on`` is enough). None when
    the cadence is not agreed, ``on`` is before tracking ``starts`` (the offsite is still to come),
    or the period is the offsite's own with too little of it left to ask for the practice (``counts``).
    """
    period = cadence_period(cadence, on)
    if period is None or (starts is not None and on < starts) or not counts(period, starts):
        return None
    return PracticeState.KEPT if kept_in(period, days, on) else PracticeState.DUE


@dataclass(frozen=True, slots=True)
class CadenceTally:
    """A practice over a stretch of days: each period of its cadence, and whether it was kept."""

    grain: Grain
    periods: tuple[Period, ...]
    kept: tuple[bool, ...]
    #: The day the tally is read as of: a period that holds it and was not kept yet is still due.
    up_to: dt.date

    @property
    def kept_count(self) -> int:
        return sum(self.kept)

    @property
    def missed(self) -> tuple[Period, ...]:
        """The periods over by ``up_to`` with no check-in."""
        return tuple(p for p, k in zip(self.periods, self.kept, strict=True) if not k and p.end <= self.up_to)

    @property
    def due(self) -> Period | None:
        """The period under way on ``up_to`` when it has no check-in yet."""
        for period, kept in zip(self.periods, self.kept, strict=True):
            if not kept and period.end > self.up_to:
                return period
        return None

    @property
    def state(self) -> PracticeState:
        """Missed when a period went by without it, else due while the one under way waits, else kept."""
        if self.missed:
            return PracticeState.MISSED
        return PracticeState.DUE if self.due is not None else PracticeState.KEPT

    @property
    def words(self) -> str:
        """ "kept 3 of 3 months", "kept 2 of 3 months: not in February 2027", "kept 1 of 2
        quarters: Q2 2027 still due", "kept in Q1 2027", "not kept in Q1 2027"."""
        missed, due = self.missed, self.due
        if len(self.periods) == 1:
            only = _name(self.periods[0])
            if due is not None:
                return translate("Practices", "still due in {period}").format(period=only)
            if missed:
                return translate("Practices", "not kept in {period}").format(period=only)
            return translate("Practices", "kept in {period}").format(period=only)
        kept_text, missed_text = _UNITS[self.grain]
        text = translate("Practices", kept_text).format(
            kept=format_number(self.kept_count), count=format_number(len(self.periods))
        )
        notes = []
        if missed:
            if len(missed) <= NAMED_MISSES:
                notes.append(
                    translate("Practices", "not in {periods}").format(
                        periods=_listed([_name(p) for p in missed])
                    )
                )
            else:
                notes.append(translate("Practices", missed_text).format(count=format_number(len(missed))))
        if due is not None:
            notes.append(translate("Practices", "{period} still due").format(period=_name(due)))
        return f"{text}: {'; '.join(notes)}" if notes else text


def _name(period: Period) -> str:
    """A period as a tally names it: "week 5", "February 2027", "Q1 2027", "2027"."""
    if period.grain is Grain.WEEK:
        return translate("Practices", "week {number}").format(number=period.start.isocalendar()[1])
    return period.words


def _listed(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return translate("Practices", "{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def cadence_tally(
    cadence: str,
    days: Iterable[dt.date],
    span: Period,
    up_to: dt.date,
    *,
    starts: dt.date | None = None,
) -> CadenceTally | None:
    """Each period of ``cadence`` holding a day of ``span`` up to ``up_to``, from tracking's start
    (``starts``) on (``counts``), and whether its metric was checked in within it by then.

    None when the cadence is not agreed, or no such period has begun (the offsite is still to come).
    """
    grain = cadence_grain(cadence)
    if grain is None:
        return None
    first = span.start if starts is None else max(span.start, starts)
    last = min(span.end, up_to)
    periods = tuple(p for p in periods_between(first, last, grain) if counts(p, starts))
    if not periods:
        return None
    checked = sorted(set(days))
    return CadenceTally(grain, periods, tuple(kept_in(p, checked, up_to) for p in periods), up_to)
