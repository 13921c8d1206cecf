"""The results report's period and its day: which stretch of the calendar a report covers, as of when.

A report covers a quarter, a month or an ISO week ("2027-Q1", "2027-03", "2027-W05"; "Q1 2027" and
"March 2027" are read too). It reads the plan **as of** the period's last day, or today when the
period is not over yet: that one day is the only date a report depends on, so the same plan and
period print the same report whenever it is made once the period is over.

Without a period named, a report covers the last quarter that has finished since the plan started,
or the quarter under way when none has (a plan signed in January reports on Q1 until April).
"""

from __future__ import annotations

import datetime as dt

from offsite.domain.formatting import MONTHS, format_short_date
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.domain.progress import Grain, Period, parse_period, quarter_of

#: How a report's period is written, said by every refusal of one.
REPORT_PERIOD_HINT = QT_TRANSLATE_NOOP("Tracking", "Write the period as 2027-Q1, 2027-03 or 2027-W05.")
#: The lengths a report covers.
REPORT_GRAINS = (Grain.QUARTER, Grain.MONTH, Grain.WEEK)


def report_period(text: str) -> Period:
    """The quarter, month or week ``text`` names; ValueError saying how to write one otherwise."""
    try:
        period = parse_period(text)
    except ValueError:
        raise ValueError(
            translate("Tracking", "“{typed}” is not a period Offsite can read. {hint}").format(
                typed=text.strip(), hint=translate("Tracking", REPORT_PERIOD_HINT)
            )
        ) from None
    if period.grain not in REPORT_GRAINS:
        raise ValueError(
            translate(
                "Tracking", "A results report covers a quarter, a month or a week, not “{typed}”. {hint}"
            ).format(typed=text.strip(), hint=translate("Tracking", REPORT_PERIOD_HINT))
        )
    return period


def default_report_period(plan_start: dt.date | None, today: dt.date) -> Period:
    """The last quarter finished by ``today`` since the plan started; else the quarter under way,
    or the plan's first quarter while the plan has not started yet."""
    current = quarter_of(today)
    if plan_start is not None and today < plan_start:
        return quarter_of(plan_start)
    finished = quarter_of(current.start - dt.timedelta(days=1))
    if plan_start is not None and finished.end < plan_start:
        return current
    return finished


def report_day(period: Period, today: dt.date) -> dt.date:
    """The day a report reads the plan as of: the period's last day, or ``today`` if earlier."""
    return min(period.end, today)


def short_day(day: dt.date) -> str:
    """``1 Jan 2027`` (``01.01.2027``)."""
    return format_short_date(day)


def short_range(start: dt.date, end: dt.date) -> str:
    """``1 Jan – 31 Mar 2027``, ``1–31 Mar 2027``, ``28 Dec 2026 – 3 Jan 2027``."""
    if start.year != end.year or language() != "en":
        return f"{short_day(start)} – {short_day(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1][:3]} – {short_day(end)}"
    return f"{start.day}–{short_day(end)}"


def period_in_words(period: Period) -> str:
    """``Q1 2027 (1 Jan – 31 Mar 2027)``: the period as people say it, and its days."""
    return f"{period.words} ({short_range(period.start, period.end)})"


def as_of_in_words(period: Period, as_of: dt.date) -> str:
    """Which day the report reads the plan as of, and why that day.

    ``as of 31 Mar 2027, the end of Q1 2027``; ``as of 14 Feb 2027, before Q1 2027 ends (31 Mar
    2027)``; ``as of 10 Jun 2027, before Q3 2027 starts (1 Jul 2027)``.
    """
    if as_of >= period.end:
        return translate("Tracking", "as of {day}, the end of {period}").format(
            day=short_day(period.end), period=period.words
        )
    if as_of < period.start:
        return translate("Tracking", "as of {day}, before {period} starts ({start})").format(
            day=short_day(as_of), period=period.words, start=short_day(period.start)
        )
    return translate("Tracking", "as of {day}, before {period} ends ({end})").format(
        day=short_day(as_of), period=period.words, end=short_day(period.end)
    )
