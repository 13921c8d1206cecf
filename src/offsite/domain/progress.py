"""Tracking the plan after the offsite: confidence words, periods, the expected line, status and scores.

Every rule here is plain Python, one value at a time, so a screen, the PDF and the command line
read a metric the same way; ``services/rollups.py`` applies the same rules to whole tables.

- **Confidence** is 0–10: 7–10 on track, 4–6 at risk, 0–3 off track. Typing the word stores a
  number ("on track" 8, "at risk" 5, "off track" 2; "green", "amber"/"yellow", "red" too).
- **Periods** are written "2027-Q1", "2027-03", "2027-W05" (ISO week), "2027-H1", "2027" and
  "2027-03-14" (a day); ``parse_period`` also reads them as people write them ("Q1 2027",
  "March 2027", "FY2027"). A fiscal year is read as the calendar year: a plan says nothing else.
- **The tracking window** of a metric runs from the plan's start (the offsite's last day, else its
  first day, else the first check-in) to the metric's due date, else the end of the plan's
  horizon ("H1 2027" → 30 June 2027), else the end of the start's year.
- **The expected value** on a day lies on a straight line from the baseline at the window's start to
  the target at its end (the baseline before, the target after).
- **Status**: progress made / progress expected ≥ 0.9 on track, ≥ 0.7 at risk, else off track; a
  metric going down makes progress by decreasing. No target or no actual: no data.
- **Scores** at a quarter's end: how far from baseline to target the actual got, 0.0–1.0 (clipped);
  an objective's is the mean of its metrics' scores, read in the usual OKR way (``score_words``).

A missing baseline counts as 0 (``MISSING_BASELINE``): a metric typed without one is counted from
nothing, which is what "new pipeline" or "deals won" mean, and one rule for every screen beats a
guess per metric.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from offsite.domain import rules
from offsite.domain.dates import _month_word
from offsite.domain.errors import EditRefusedError
from offsite.domain.formatting import MONTHS, format_date, format_number
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.domain.values import Direction

# --- Status ---------------------------------------------------------------------------------------


class Status(enum.StrEnum):
    """Where a metric (or a confidence) stands: on track, at risk, off track, or no data to say."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"

    @property
    def words(self) -> str:
        """The status as stored and passed between layers: "on track", "at risk", "off track", "no data"
        (English whatever the language: a chart's series holds it; :attr:`said` is what is shown)."""
        return self.value.replace("_", " ")

    @property
    def said(self) -> str:
        """How a sentence on screen or paper says it, in the leader's language: "on track" …"""
        return translate("Tracking", STATUS_WORDS[self])

    @property
    def label(self) -> str:
        """How a column or a chip says it: "On track" …"""
        said = self.said
        return said[:1].upper() + said[1:]

    @property
    def role(self) -> str:
        """The colour role it is drawn in (``gui/theme.tone``): green "ok", amber "advice", red
        "problem", grey "muted"."""
        return _ROLES[self]


#: The words of each status, marked for the catalogue (the same words a chart's series holds).
STATUS_WORDS = {
    Status.ON_TRACK: QT_TRANSLATE_NOOP("Tracking", "on track"),
    Status.AT_RISK: QT_TRANSLATE_NOOP("Tracking", "at risk"),
    Status.OFF_TRACK: QT_TRANSLATE_NOOP("Tracking", "off track"),
    Status.NO_DATA: QT_TRANSLATE_NOOP("Tracking", "no data"),
}

_ROLES = {
    Status.ON_TRACK: "ok",
    Status.AT_RISK: "advice",
    Status.OFF_TRACK: "problem",
    Status.NO_DATA: "muted",
}

#: Progress made / progress expected from which a metric is on track, and at risk.
ON_TRACK_RATIO = 0.9
AT_RISK_RATIO = 0.7
#: A ratio this close below a threshold counts as reaching it: 9 of 10 expected is 0.9, whatever
#: the last bit of the division says.
_RATIO_SLACK = 1e-9
#: The start a metric without a baseline is counted from (see the module docstring).
MISSING_BASELINE = 0.0

# --- Confidence -----------------------------------------------------------------------------------

CONFIDENCE_MIN, CONFIDENCE_MAX = 0, 10
#: The number each word stores, as typed (lower case, spaces and hyphens as written).
CONFIDENCE_WORDS: dict[str, int] = {
    "on track": 8,
    "ontrack": 8,
    "on-track": 8,
    "green": 8,
    "at risk": 5,
    "atrisk": 5,
    "at-risk": 5,
    "amber": 5,
    "yellow": 5,
    "off track": 2,
    "offtrack": 2,
    "off-track": 2,
    "red": 2,
}
CONFIDENCE_HINT = QT_TRANSLATE_NOOP(
    "Tracking", "Type a confidence from 0 to 10, or on track, at risk or off track."
)


def parse_confidence(text: str) -> int | None:
    """The confidence ``text`` means: a whole number 0–10, or a word's number; None for blank.

    Raises EditRefusedError with a sentence saying what to type for anything else ("11", "7.5",
    "maybe"): a confidence is a leader's call on a 0–10 scale, never rounded or guessed.
    """
    stripped = " ".join(text.strip().lower().split())
    if not stripped:
        return None
    if stripped in CONFIDENCE_WORDS:
        return CONFIDENCE_WORDS[stripped]
    try:
        number = float(stripped)
    except ValueError:
        raise EditRefusedError(
            translate("Tracking", "“{typed}” is not a confidence. {hint}").format(
                typed=text.strip(), hint=translate("Tracking", CONFIDENCE_HINT)
            )
        ) from None
    if not math.isfinite(number) or not CONFIDENCE_MIN <= number <= CONFIDENCE_MAX:
        raise EditRefusedError(
            translate("Tracking", "A confidence is from 0 to 10, not {typed}. {hint}").format(
                typed=text.strip(), hint=translate("Tracking", CONFIDENCE_HINT)
            )
        )
    if not number.is_integer():
        raise EditRefusedError(
            translate("Tracking", "A confidence is a whole number from 0 to 10, not {typed}.").format(
                typed=text.strip()
            )
        )
    return int(number)


def confidence_status(confidence: float | None) -> Status:
    """7–10 on track, 4–6 at risk, 0–3 off track; no confidence given: no data."""
    if confidence is None or math.isnan(confidence):
        return Status.NO_DATA
    if confidence >= 7:
        return Status.ON_TRACK
    if confidence >= 4:
        return Status.AT_RISK
    return Status.OFF_TRACK


def confidence_text(confidence: float | None) -> str:
    """ "8 · on track"; "" when none was given."""
    if confidence is None or math.isnan(confidence):
        return ""
    return f"{format_number(confidence)} · {confidence_status(confidence).said}"


class Trend(enum.StrEnum):
    """Where a metric's confidence is heading over its last three check-ins."""

    RISING = "rising"
    FALLING = "falling"
    STEADY = "steady"

    @property
    def arrow(self) -> str:
        return {"rising": "↗", "falling": "↘", "steady": "→"}[self.value]

    @property
    def said(self) -> str:
        """ "rising", "falling", "steady", in the leader's language."""
        return translate("Tracking", _TREND_WORDS[self.value])


_TREND_WORDS = {
    "rising": QT_TRANSLATE_NOOP("Tracking", "rising"),
    "falling": QT_TRANSLATE_NOOP("Tracking", "falling"),
    "steady": QT_TRANSLATE_NOOP("Tracking", "steady"),
}


def confidence_trend(confidences: Iterable[float | None]) -> Trend | None:
    """The trend of the last three confidences given (oldest first; check-ins without one skipped).

    The last against the first of the three, as a leader reads the ends of a short line: higher is
    rising, lower is falling, the same is steady (8, 4, 8 is steady: it came back). None with fewer
    than two confidences: one reading has no direction.
    """
    given = [c for c in confidences if c is not None and not math.isnan(c)][-3:]
    if len(given) < 2:
        return None
    if given[-1] > given[0]:
        return Trend.RISING
    if given[-1] < given[0]:
        return Trend.FALLING
    return Trend.STEADY


# --- Periods --------------------------------------------------------------------------------------


class Grain(enum.StrEnum):
    """How long a period is."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A stretch of calendar days, ``start`` to ``end`` inclusive, of one ``grain``."""

    start: dt.date
    end: dt.date
    grain: Grain

    @property
    def label(self) -> str:
        """The canonical label, which sorts in time order within a grain: "2027-Q1", "2027-03",
        "2027-W05", "2027-H1", "2027", "2027-03-14"."""
        start = self.start
        if self.grain is Grain.DAY:
            return start.isoformat()
        if self.grain is Grain.WEEK:
            year, week, _ = start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.grain is Grain.MONTH:
            return f"{start.year}-{start.month:02d}"
        if self.grain is Grain.QUARTER:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if self.grain is Grain.HALF:
            return f"{start.year}-H{(start.month - 1) // 6 + 1}"
        return str(start.year)

    @property
    def words(self) -> str:
        """How people write it: "Q1 2027", "March 2027", "Week 5, 2027", "H1 2027", "2027", "14 March 2027"."""
        start = self.start
        if self.grain is Grain.DAY:
            return format_date(start)
        if self.grain is Grain.WEEK:
            year, week, _ = start.isocalendar()
            return translate("Tracking", "Week {week}, {year}").format(week=week, year=year)
        if self.grain is Grain.MONTH:
            return month_words(start)
        if self.grain is Grain.QUARTER:
            return f"Q{(start.month - 1) // 3 + 1} {start.year}"
        if self.grain is Grain.HALF:
            return f"H{(start.month - 1) // 6 + 1} {start.year}"
        return str(start.year)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


def month_words(day: dt.date) -> str:
    """``March 2027`` (``März 2027``): the month that holds ``day``, as people write it."""
    if language() == "en":
        return f"{MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_skeleton

    return str(format_skeleton("yMMMM", day, locale=language()))


_MONTHS_PER = {Grain.MONTH: 1, Grain.QUARTER: 3, Grain.HALF: 6, Grain.YEAR: 12}


def _months_later(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_of(day: dt.date, grain: Grain | str) -> Period:
    """The period of ``grain`` that holds ``day`` (an ISO week runs Monday to Sunday)."""
    grain = Grain(grain)
    if grain is Grain.DAY:
        return Period(day, day, grain)
    if grain is Grain.WEEK:
        monday = day - dt.timedelta(days=day.weekday())
        return Period(monday, monday + dt.timedelta(days=6), grain)
    months = _MONTHS_PER[grain]
    first = dt.date(day.year, (day.month - 1) // months * months + 1, 1)
    return Period(first, _months_later(first, months) - dt.timedelta(days=1), grain)


def quarter_of(day: dt.date) -> Period:
    """The calendar quarter that holds ``day``: 2027-02-14 → 2027-Q1 (1 January – 31 March)."""
    return period_of(day, Grain.QUARTER)


def periods_between(start: dt.date, end: dt.date, grain: Grain | str) -> tuple[Period, ...]:
    """Every period of ``grain`` that holds a day from ``start`` to ``end`` (both included), in order;
    empty when ``end`` is before ``start``."""
    periods: list[Period] = []
    if end < start:
        return ()
    period = period_of(start, grain)
    while period.start <= end:
        periods.append(period)
        period = period_of(period.end + dt.timedelta(days=1), grain)
    return tuple(periods)


def weeks_between(start: dt.date, end: dt.date) -> tuple[Period, ...]:
    return periods_between(start, end, Grain.WEEK)


def months_between(start: dt.date, end: dt.date) -> tuple[Period, ...]:
    return periods_between(start, end, Grain.MONTH)


def quarters_between(start: dt.date, end: dt.date) -> tuple[Period, ...]:
    return periods_between(start, end, Grain.QUARTER)


PERIOD_HINT = QT_TRANSLATE_NOOP(
    "Tracking", "Type a period such as Q1 2027, 2027-Q1, March 2027, 2027-03, 2027-W05, H1 2027 or FY2027."
)

# A year as written beside a quarter, half, month or "FY": 2027, '27, or 27.
_Y = r"(\d{4}|'?\d{2})"
_Y4 = r"(\d{4})"
_PERIOD_FORMS: tuple[tuple[Grain, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (grain, re.compile(pattern), order)
    for grain, pattern, order in (
        (Grain.DAY, rf"{_Y4}-(\d{{1,2}})-(\d{{1,2}})", ("year", "month", "day")),
        (Grain.WEEK, rf"{_Y4} ?-? ?W ?(\d{{1,2}})", ("year", "number")),
        (Grain.WEEK, rf"W(?:EEK)? ?(\d{{1,2}}),? ?(?:OF )?[-/]? ?{_Y}", ("number", "year")),
        (Grain.QUARTER, rf"(?:FY ?)?{_Y4} ?-? ?Q([1-4])", ("year", "number")),
        (Grain.QUARTER, rf"Q([1-4]) ?[-/]? ?(?:FY ?)?{_Y}", ("number", "year")),
        (Grain.HALF, rf"(?:FY ?)?{_Y4} ?-? ?H([12])", ("year", "number")),
        (Grain.HALF, rf"H([12]) ?[-/]? ?(?:FY ?)?{_Y}", ("number", "year")),
        (Grain.MONTH, rf"{_Y4} ?[-/] ?(\d{{1,2}})", ("year", "number")),
        (Grain.MONTH, rf"(\d{{1,2}}) ?/ ?{_Y4}", ("number", "year")),
        (Grain.MONTH, rf"([^\W\d_]+)\.? ?[-/]? ?{_Y}", ("word", "year")),
        (Grain.YEAR, rf"(?:FY|CY) ?{_Y}", ("year",)),
        (Grain.YEAR, _Y4, ("year",)),
    )
)


def _year(digits: str) -> int:
    digits = digits.lstrip("'")
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _normalise(text: str) -> str:
    text = text.strip().upper().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return " ".join(text.split())


def parse_period(text: str) -> Period:
    """The period ``text`` names: "Q1 2027", "2027-Q1", "2027-03", "March 2027", "2027-W05",
    "H1 2027", "FY2027", "2027", "2027-03-14" (and "Q3'27", "FY27", "Mar 2027", "W5 2027").

    Raises ValueError with a sentence saying what to type for anything else, and for a period not
    on the calendar ("2027-W53": 2027 has 52 ISO weeks; "2027-13").
    """
    normal = _normalise(text)
    for grain, pattern, order in _PERIOD_FORMS:
        found = pattern.fullmatch(normal)
        if found is None:
            continue
        parts = dict(zip(order, found.groups(), strict=True))
        year = _year(parts["year"])
        if grain is Grain.DAY:
            try:
                day = dt.date(year, int(parts["month"]), int(parts["day"]))
            except ValueError:
                raise ValueError(
                    translate("Tracking", "“{typed}” is not a day on the calendar. {hint}").format(
                        typed=text.strip(), hint=translate("Tracking", PERIOD_HINT)
                    )
                ) from None
            return period_of(day, grain)
        if grain is Grain.WEEK:
            try:
                monday = dt.date.fromisocalendar(year, int(parts["number"]), 1)
            except ValueError:
                last = dt.date(year, 12, 28).isocalendar()[1]
                raise ValueError(
                    translate(
                        "Tracking", "{year} has ISO weeks 1 to {last}; “{typed}” is not one of them."
                    ).format(year=year, last=last, typed=text.strip())
                ) from None
            return period_of(monday, grain)
        if grain is Grain.YEAR:
            return period_of(dt.date(year, 1, 1), grain)
        if grain is Grain.MONTH and "word" in parts:
            month = _month_word(parts["word"])
            if month is None:
                continue
        else:
            number = int(parts["number"])
            month = (number - 1) * _MONTHS_PER[grain] + 1
            if not 1 <= month <= 12:
                raise ValueError(
                    translate("Tracking", "“{typed}” is not a month on the calendar. {hint}").format(
                        typed=text.strip(), hint=translate("Tracking", PERIOD_HINT)
                    )
                )
        return period_of(dt.date(year, month, 1), grain)
    raise ValueError(
        translate("Tracking", "“{typed}” is not a period Offsite can read. {hint}").format(
            typed=text.strip(), hint=translate("Tracking", PERIOD_HINT)
        )
    )


# Where a horizon's text is split to find the periods it names: "Q1–Q2 2027", "January to June 2027".
_HORIZON_PARTS = re.compile(r"[\u2013\u2014(),;]|\s-\s|\b(?:to|through|until|till|bis)\b", re.IGNORECASE)


def horizon_end(horizon: str) -> dt.date | None:
    """The last day of the plan's horizon: "H1 2027" → 30 June 2027; "Q1–Q2 2027" → 30 June 2027;
    None when the text names no period Offsite can read (the caller falls back to a year's end)."""
    try:
        return parse_period(horizon).end
    except ValueError:
        pass
    ends: list[dt.date] = []
    for part in _HORIZON_PARTS.split(horizon):
        try:
            ends.append(parse_period(part).end)
        except ValueError:
            continue
    return max(ends, default=None)


# --- The tracking window and the expected value ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Window:
    """The days over which a metric goes from its baseline to its target."""

    start: dt.date
    end: dt.date


def plan_start(
    starts_on: dt.date | None, ends_on: dt.date | None, first_check_in: dt.date | None
) -> dt.date | None:
    """Where tracking starts: the offsite's last day (the plan is agreed when it ends), else its
    first day, else the first check-in; None when there is none of them."""
    return ends_on or starts_on or first_check_in


def window_end(due: dt.date | None, horizon: str, start: dt.date) -> dt.date:
    """Where a metric's line ends: its due date, else the end of the plan's horizon, else the last
    day of the year tracking starts in."""
    return due or horizon_end(horizon) or dt.date(start.year, 12, 31)


def tracking_window(
    *,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    horizon: str,
    due: dt.date | None,
    first_check_in: dt.date | None,
) -> Window | None:
    """A metric's window (see ``plan_start`` and ``window_end``); None when tracking has no start."""
    start = plan_start(starts_on, ends_on, first_check_in)
    if start is None:
        return None
    return Window(start, window_end(due, horizon, start))


def expected_value(
    baseline: float | None, target: float | None, start: dt.date, end: dt.date, on: dt.date
) -> float | None:
    """Where the metric should stand ``on`` a day: on the straight line from ``baseline`` at ``start``
    to ``target`` at ``end``, clamped to the window (the baseline before it, the target after).

    None without a target. A window that ends on or before it starts expects the target from its end.
    """
    if target is None:
        return None
    base = MISSING_BASELINE if baseline is None else baseline
    if on >= end:
        return target
    if on <= start:
        return base
    return base + (target - base) * (on - start).days / (end - start).days


# --- Status and scores ----------------------------------------------------------------------------


def _sign(direction: Direction | str) -> int:
    return -1 if Direction(direction) is Direction.DOWN else 1


def progress_ratio(
    actual: float | None,
    *,
    expected: float | None,
    baseline: float | None,
    direction: Direction | str,
) -> float | None:
    """Progress made / progress expected ("82% of the way it should be"); None when nothing was
    expected yet (or there is no actual), since no share of nothing means anything."""
    if actual is None or expected is None:
        return None
    base = MISSING_BASELINE if baseline is None else baseline
    sign = _sign(direction)
    wanted = (expected - base) * sign
    if wanted <= 0:
        return None
    return (actual - base) * sign / wanted


def metric_status(
    actual: float | None,
    *,
    expected: float | None,
    baseline: float | None,
    target: float | None,
    direction: Direction | str,
) -> Status:
    """Where a metric stands: its last ``actual`` against the ``expected`` value for that day.

    Progress made / progress expected ≥ 0.9 is on track, ≥ 0.7 at risk, else off track; for a
    metric going down, progress is a decrease. No target or no actual: no data. A target already
    passed is on track whatever the line expects.
    """
    if actual is None or target is None or expected is None:
        return Status.NO_DATA
    base = MISSING_BASELINE if baseline is None else baseline
    sign = _sign(direction)
    if (actual - target) * sign >= 0:
        return Status.ON_TRACK
    if (target - base) * sign <= 0:
        # The baseline already met the target (a line to hold, such as "keep churn at 2%"), and
        # the actual has slipped past it: the target is missed today, with no distance to scale by.
        return Status.OFF_TRACK
    ratio = progress_ratio(actual, expected=expected, baseline=base, direction=direction)
    if ratio is None:
        # Nothing is expected yet: the day is on or before the window's start (a check-in the week
        # of the offsite). A leader who has just typed the first numbers expects them counted, so
        # not "no data" (grey would read as "not recorded"): nothing due is behind, so on track,
        # unless the metric has already moved the wrong way, which is worth an amber look.
        return Status.ON_TRACK if (actual - base) * sign >= 0 else Status.AT_RISK
    if ratio >= ON_TRACK_RATIO - _RATIO_SLACK:
        return Status.ON_TRACK
    if ratio >= AT_RISK_RATIO - _RATIO_SLACK:
        return Status.AT_RISK
    return Status.OFF_TRACK


def metric_score(
    baseline: float | None, target: float | None, actual: float | None, direction: Direction | str
) -> float | None:
    """How far from baseline to target ``actual`` got: 0.0 (not moved, or moved the wrong way) to 1.0
    (target reached or passed), clipped. A missing baseline counts as 0. None without a target or
    an actual. A target the baseline already met scores 1.0 while the actual holds it, else 0.0.
    """
    if target is None or actual is None:
        return None
    base = MISSING_BASELINE if baseline is None else baseline
    sign = _sign(direction)
    needed = (target - base) * sign
    if needed <= 0:
        return 1.0 if (actual - target) * sign >= 0 else 0.0
    return min(1.0, max(0.0, (actual - base) * sign / needed))


def objective_score(scores: Iterable[float | None]) -> float | None:
    """The mean of the metric scores there are (a metric without a target or an actual has none);
    None when no metric has one."""
    given = [s for s in scores if s is not None and not math.isnan(s)]
    return sum(given) / len(given) if given else None


def rounded_score(score: float) -> Decimal:
    """The score as shown, to one decimal, halves up (0.65 shows 0.7, as a leader rounds)."""
    return Decimal(repr(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_score(score: float | None) -> str:
    """The score as shown, "0.7"; "" for no score."""
    return "" if score is None else str(rounded_score(score))


#: The usual OKR readings of a score, as ``score_words`` says them.
DELIVERED = "delivered"
PROGRESS = "progress"
MISSED = "missed"
NO_SCORE = "no score"


def score_words(score: float | None) -> str:
    """The usual OKR reading of a score, on the figure shown (one decimal):

    - 0.7–1.0 "delivered": the objective was met (OKRs are set so that 0.7 is a success);
    - 0.4–0.6 "progress": real progress, short of the objective;
    - below 0.4 "missed": not delivered.

    "no score" when there is none.
    """
    if score is None:
        return NO_SCORE
    shown = rounded_score(score)
    if shown >= Decimal("0.7"):
        return DELIVERED
    if shown >= Decimal("0.4"):
        return PROGRESS
    return MISSED


# --- Funnel stages --------------------------------------------------------------------------------

#: The funnel stages a metric may count and the review rolls up, as stored (``Metric.funnel_stage``,
#: the work-back funnel's names): leads to deals. Revenue, a stage a metric may count too, is money,
#: not a count that converts into the next.
FUNNEL_STAGES = tuple(stage for stage in rules.FUNNEL_STAGES if stage != "revenue")
#: The planned rate (a ``FunnelInputs`` field) from each stage to the next one.
FUNNEL_RATES: tuple[tuple[str, str, str], ...] = (
    ("leads", "mqls", "lead_to_mql"),
    ("mqls", "sqls", "mql_to_sql"),
    ("sqls", "opportunities", "sql_to_opportunity"),
    ("opportunities", "deals", "win_rate"),
)


def conversion_rate(earlier: float | None, later: float | None) -> float | None:
    """The share of one stage that reached the next, in percent (60.0); None when the earlier stage
    has nothing to convert."""
    if earlier is None or later is None or earlier <= 0:
        return None
    return later * 100.0 / earlier
