"""The plain values a progress chart draws, and its axes, the same on screen, projector and paper.

Each chart of the review cadence is drawn from one of these values and nothing else:
``MetricSeries`` (one metric's actuals against its expected line and target, with the confidence
its owner gave at each check-in), ``PairSeries`` (a sales metric beside a marketing metric),
``FunnelSeries`` (actual and planned counts per funnel stage and period) and ``TrendSeries`` (the
alignment index's evidence score and the leaders' self-rating, quarter by quarter).

The axes are worked out here too — round-number value ticks, month or ISO-week date ticks, a log
scale when a funnel's stages differ by orders of magnitude — so that the app (Qt Charts) and the
PDF (reportlab) put the same labels at the same places: the room and the printed report see one
picture. Nothing here knows how it is drawn.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from offsite.domain.formatting import MONTHS, format_number, format_short_date
from offsite.domain.funnel import STAGE_LABELS
from offsite.domain.language import QT_TRANSLATE_NOOP, language, translate
from offsite.domain.progress import FUNNEL_STAGES
from offsite.domain.values import Direction

#: A metric's status today, as the review cadence words it (see the cadence's "status"): kept in
#: English, shown through ``translate("Tracking", status)`` (``domain/progress.py`` marks them).
STATUSES = ("on track", "at risk", "off track", "no data")
#: The funnel stages a metric may count, top of the funnel first, and how a chart names them.
FUNNEL_STAGE_LABELS = {stage: STAGE_LABELS[stage] for stage in FUNNEL_STAGES}
#: What a chart says where there is nothing to draw.
#: (Marked for the catalogue: shown through ``translate("Charts", ...)``, as are ``Words``.)
NO_CHECK_INS = QT_TRANSLATE_NOOP("Charts", "No check-ins yet")
NO_QUARTERS = QT_TRANSLATE_NOOP("Charts", "No quarter closed yet")


class Words:
    """What the charts call their lines, bars and axes: the same words on screen and on paper.

    Marked for the catalogue (context "Charts"): a renderer shows ``said(Words.ACTUAL)``."""

    ACTUAL = QT_TRANSLATE_NOOP("Charts", "Actual")
    EXPECTED = QT_TRANSLATE_NOOP("Charts", "Expected")
    TARGET = QT_TRANSLATE_NOOP("Charts", "Target")
    TODAY = QT_TRANSLATE_NOOP("Charts", "Today")
    CONFIDENCE = QT_TRANSLATE_NOOP("Charts", "Confidence")
    EVIDENCE = QT_TRANSLATE_NOOP("Charts", "Evidence score")
    SELF_RATING = QT_TRANSLATE_NOOP("Charts", "Self-rating")
    PLANNED = QT_TRANSLATE_NOOP("Charts", "Planned (outline)")
    COUNT = QT_TRANSLATE_NOOP("Charts", "Count")
    PERIOD = QT_TRANSLATE_NOOP("Charts", "Period")
    QUARTER = QT_TRANSLATE_NOOP("Charts", "Quarter")
    FUNNEL_TITLE = QT_TRANSLATE_NOOP("Charts", "Funnel: actual against plan")
    TREND_TITLE = QT_TRANSLATE_NOOP("Charts", "Alignment over the quarters")


def said(word: str) -> str:
    """One of ``Words`` (or ``NO_CHECK_INS``, ``NO_QUARTERS``) in the leader's language."""
    return translate("Charts", word)


def status_said(status: str) -> str:
    """A series' status ("on track") in the leader's language."""
    return translate("Tracking", status)


Point = tuple[dt.date, float]


@dataclass(frozen=True, slots=True)
class ConfidenceBand:
    """One band of the confidence scale: its word, the whole numbers it holds, and its drawn edges.

    The drawn edges fall half-way between whole numbers, so a confidence of 7 sits inside the
    green band rather than on its border.
    """

    word: str
    low: int
    high: int

    @property
    def label(self) -> str:
        """``On track (7–10)``."""
        word = status_said(self.word)
        return f"{word[0].upper()}{word[1:]} ({self.low}–{self.high})"

    @property
    def bottom(self) -> float:
        return max(0.0, self.low - 0.5)

    @property
    def top(self) -> float:
        return min(10.0, self.high + 0.5)


#: 7–10 on track, 4–6 at risk, 0–3 off track: best first.
CONFIDENCE_BANDS = (
    ConfidenceBand("on track", 7, 10),
    ConfidenceBand("at risk", 4, 6),
    ConfidenceBand("off track", 0, 3),
)


def _finite(value: float, what: str) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, not {value!r}")
    return float(value)


@dataclass(frozen=True, slots=True)
class MetricSeries:
    """One metric over the plan's window: what was reached, what was expected, what was promised.

    ``start``/``end`` are the window (the plan's start and the metric's due date or the horizon's
    end); ``actuals`` the check-ins' values by day and ``confidences`` their 0–10 confidence, both
    kept in date order; ``status`` one of ``STATUSES``.
    """

    metric: str
    unit: str = ""
    direction: Direction = Direction.UP
    baseline: float | None = None
    target: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    actuals: tuple[Point, ...] = ()
    confidences: tuple[tuple[dt.date, int], ...] = ()
    status: str = "no data"

    def __post_init__(self) -> None:
        object.__setattr__(self, "direction", Direction(self.direction))
        if self.status not in STATUSES:
            raise ValueError(f"a status is one of {', '.join(STATUSES)}, not {self.status!r}")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"the window ends ({self.end}) before it starts ({self.start})")
        for name in ("baseline", "target"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, _finite(value, name))
        actuals = tuple(sorted((day, _finite(value, "an actual")) for day, value in self.actuals))
        object.__setattr__(self, "actuals", actuals)
        for _day, confidence in self.confidences:
            if not 0 <= confidence <= 10:
                raise ValueError(f"a confidence is 0–10, not {confidence!r}")
        object.__setattr__(self, "confidences", tuple(sorted(self.confidences)))

    @property
    def expected(self) -> tuple[Point, ...]:
        """The straight line from the baseline at the start to the target at the end; () without them."""
        if None in (self.baseline, self.target, self.start, self.end):
            return ()
        assert self.start is not None
        assert self.end is not None
        assert self.baseline is not None
        assert self.target is not None
        return ((self.start, self.baseline), (self.end, self.target))

    def expected_on(self, day: dt.date) -> float | None:
        """Where the expected line is on ``day`` (beyond the window it stays at the target)."""
        line = self.expected
        if not line:
            return None
        (start, baseline), (end, target) = line
        if day <= start:
            return baseline
        if day >= end:
            return target
        return baseline + (target - baseline) * (day - start).days / (end - start).days

    @property
    def last_actual(self) -> Point | None:
        return self.actuals[-1] if self.actuals else None

    def days(self) -> list[dt.date]:
        """Every day the chart has to show: the window's ends, each check-in."""
        found = [day for day in (self.start, self.end) if day is not None]
        found += [day for day, _ in self.actuals]
        found += [day for day, _ in self.confidences]
        return found

    def values(self) -> list[float]:
        """Every value the value axis has to hold: baseline, target and each actual."""
        found = [value for value in (self.baseline, self.target) if value is not None]
        return found + [value for _, value in self.actuals]

    @property
    def name(self) -> str:
        """The metric's name, or "Metric" while it has none."""
        return " ".join(self.metric.split()) or translate("Charts", "Metric")

    @property
    def heading(self) -> str:
        """``SQLs accepted · at risk``: the metric and its status, as a chart's title says them."""
        return f"{self.name} · {status_said(self.status)}"

    @property
    def confidence_title(self) -> str:
        return f"{said(Words.CONFIDENCE)} · {self.name}"

    @property
    def value_title(self) -> str:
        """The value axis's title: the unit, else the metric's name."""
        return self.unit.strip() or self.metric.strip() or translate("Charts", "Value")

    def summary(self) -> str:
        """The chart in one sentence, for a screen reader and for an image's alternative text."""
        unit = f" {self.unit.strip()}" if self.unit.strip() else ""
        parts = [f"{self.name}: {status_said(self.status)}"]
        last = self.last_actual
        if last is None:
            parts.append(translate("Charts", "no check-ins yet"))
        else:
            parts.append(
                translate("Charts", "latest {value}{unit} on {day}").format(
                    value=format_number(last[1]), unit=unit, day=format_short_date(last[0])
                )
            )
            expected = self.expected_on(last[0])
            if expected is not None:
                parts.append(
                    translate("Charts", "expected {value}{unit} by then").format(
                        value=format_number(round(expected, 1)), unit=unit
                    )
                )
        if self.target is not None:
            if self.end is not None:
                parts.append(
                    translate("Charts", "target {value}{unit} by {day}").format(
                        value=format_number(self.target), unit=unit, day=format_short_date(self.end)
                    )
                )
            else:
                parts.append(
                    translate("Charts", "target {value}{unit}").format(
                        value=format_number(self.target), unit=unit
                    )
                )
        if self.confidences:
            parts.append(
                translate("Charts", "confidence {confidence} of 10").format(
                    confidence=self.confidences[-1][1]
                )
            )
        return "; ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class PairSeries:
    """A sales metric and a marketing metric side by side (e.g. SQLs accepted beside MQLs handed over)."""

    sales: MetricSeries
    marketing: MetricSeries
    #: The teams' names as the plan writes them (plan content: not translated).
    sales_team: str = "Sales"
    marketing_team: str = "Marketing"

    def sides(self) -> tuple[tuple[str, MetricSeries], tuple[str, MetricSeries]]:
        """(team name, its metric), sales first."""
        return ((self.sales_team, self.sales), (self.marketing_team, self.marketing))

    @property
    def title(self) -> str:
        return translate("Charts", "{sales} and {marketing}").format(
            sales=self.sales_team, marketing=self.marketing_team
        )

    @staticmethod
    def heading(team: str, series: MetricSeries) -> str:
        """``Sales · SQLs accepted · at risk``: one side's title."""
        return f"{team} · {series.heading}"

    def days(self) -> list[dt.date]:
        """Both metrics' days: the two charts share one date axis so they can be compared."""
        return self.sales.days() + self.marketing.days()

    def summary(self) -> str:
        return f"{self.sales_team}: {self.sales.summary()} {self.marketing_team}: {self.marketing.summary()}"


@dataclass(frozen=True, slots=True)
class FunnelStage:
    """One stage of the funnel: its actual and its planned count in each period (None: none known)."""

    stage: str
    actual: tuple[float | None, ...]
    planned: tuple[float | None, ...]

    def __post_init__(self) -> None:
        if self.stage not in FUNNEL_STAGES:
            raise ValueError(f"a funnel stage is one of {', '.join(FUNNEL_STAGES)}, not {self.stage!r}")

    @property
    def label(self) -> str:
        return translate("Funnel", FUNNEL_STAGE_LABELS[self.stage])


@dataclass(frozen=True, slots=True)
class FunnelSeries:
    """Leads → MQLs → SQLs → opportunities → deals, actual against planned, per period ("2027-Q1")."""

    periods: tuple[str, ...]
    stages: tuple[FunnelStage, ...]

    def __post_init__(self) -> None:
        names = [stage.stage for stage in self.stages]
        if len(set(names)) != len(names):
            raise ValueError(f"each funnel stage appears once, not {names}")
        for stage in self.stages:
            if len(stage.actual) != len(self.periods) or len(stage.planned) != len(self.periods):
                raise ValueError(f"{stage.label} needs one actual and one planned count per period")
        # Top of the funnel first, whatever order they came in: the bars read as the funnel does.
        object.__setattr__(
            self, "stages", tuple(sorted(self.stages, key=lambda s: FUNNEL_STAGES.index(s.stage)))
        )

    def values(self) -> list[float]:
        return [v for stage in self.stages for v in (*stage.actual, *stage.planned) if v is not None]

    @property
    def has_actuals(self) -> bool:
        return any(v is not None for stage in self.stages for v in stage.actual)

    def summary(self) -> str:
        if not self.periods or not self.stages:
            return translate("Charts", "Funnel: no periods yet.")
        parts = []
        for i, period in enumerate(self.periods):
            figures = ", ".join(
                translate("Charts", "{stage} {actual} of {planned}").format(
                    stage=stage.label, actual=_figure(stage.actual[i]), planned=_figure(stage.planned[i])
                )
                for stage in self.stages
            )
            parts.append(f"{period}: {figures}")
        return translate("Charts", "Funnel, actual of planned.") + " " + "; ".join(parts) + "."


def _figure(value: float | None) -> str:
    return "—" if value is None else format_number(value)


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """The alignment index over the quarters: its evidence score (0–100) and the leaders' mean
    self-rating (1–5), one each per period, None where none was taken."""

    periods: tuple[str, ...]
    evidence: tuple[float | None, ...]
    self_rating: tuple[float | None, ...]

    def __post_init__(self) -> None:
        if len(self.evidence) != len(self.periods) or len(self.self_rating) != len(self.periods):
            raise ValueError("a trend needs one evidence score and one self-rating (or None) per period")
        if any(v is not None and not 0 <= v <= 100 for v in self.evidence):
            raise ValueError("an evidence score is 0–100")
        if any(v is not None and not 1 <= v <= 5 for v in self.self_rating):
            raise ValueError("a self-rating is 1–5")

    @property
    def is_empty(self) -> bool:
        return all(v is None for v in (*self.evidence, *self.self_rating))

    def summary(self) -> str:
        if self.is_empty:
            return translate("Charts", "Alignment trend: no quarter closed yet.")
        parts = [
            translate("Charts", "{period}: evidence {evidence}, self-rating {rating}").format(
                period=period, evidence=_figure(e), rating=_figure(None if r is None else round(r, 1))
            )
            for period, e, r in zip(self.periods, self.evidence, self.self_rating, strict=True)
        ]
        return translate("Charts", "Alignment trend.") + " " + "; ".join(parts) + "."


# -- axes ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Tick:
    """A labelled place on an axis (``position`` in the axis's own coordinates)."""

    position: float
    label: str


@dataclass(frozen=True, slots=True)
class Axis:
    """An axis as drawn: its range and labelled ticks in drawing coordinates, and its title.

    On a value axis the coordinates are the values themselves, or their base-10 logarithm when
    ``log``; on a date axis they are day numbers (``date.toordinal()``).
    """

    low: float
    high: float
    ticks: tuple[Tick, ...]
    title: str
    log: bool = False

    def position(self, value: float) -> float:
        """Where ``value`` is drawn; on a log axis, zero or less sits at the bottom."""
        if not self.log:
            return value
        return math.log10(value) if value > 0 else self.low

    def fraction(self, value: float) -> float:
        """How far along the axis ``value`` is drawn, 0.0 at ``low`` and 1.0 at ``high``."""
        return (self.position(value) - self.low) / (self.high - self.low)

    def label_at(self, position: float) -> str:
        """The label of the tick at ``position``, "" elsewhere (for renderers that ask per tick)."""
        for tick in self.ticks:
            if math.isclose(tick.position, position, rel_tol=0, abs_tol=1e-9 * max(1.0, abs(position))):
                return tick.label
        return ""


def day(value: dt.date) -> float:
    """A date's place on a date axis."""
    return float(value.toordinal())


def _nice_step(rough: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) at or above ``rough``."""
    power = 10.0 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= rough * (1 - 1e-9):
            return factor * power
    return 10 * power  # not reached: 10 × power ≥ rough always


def value_axis(values: Iterable[float], title: str, *, ticks: int = 5, from_zero: bool = False) -> Axis:
    """A value axis holding every one of ``values`` with round-number ticks (about ``ticks`` of them).

    Counts that do not go far from zero start at zero, as a reader expects of a count (``from_zero``
    forces it, as bars need); a metric moving within a narrow band far from zero (a conversion rate
    from 85 % to 90 %) gets its band. The top value never sits on the frame: it gets headroom.
    """
    found = [float(v) for v in values if v is not None and math.isfinite(v)]
    if not found:
        return fixed_axis(0, 10, 2, title)
    low, high = min(found), max(found)
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    if min(found) >= 0 and (from_zero or low <= high / 2):
        low = 0.0
    step = _nice_step((high - low) / (ticks - 1))
    bottom = math.floor(low / step + 1e-9) * step
    top = math.ceil(high / step - 1e-9) * step
    # Neither the highest value nor the lowest (a falling metric's target) sits on the frame.
    if (top - high) < 0.04 * (top - bottom):
        top += step
    if bottom != 0 and (low - bottom) < 0.04 * (top - bottom):
        bottom -= step
    count = round((top - bottom) / step)
    marks = tuple(
        Tick(position, format_number(position))
        for position in (round(bottom + i * step, 10) for i in range(count + 1))
    )
    return Axis(marks[0].position, marks[-1].position, marks, title)


def fixed_axis(low: float, high: float, step: float, title: str) -> Axis:
    """An axis with a scale of its own (confidence 0–10, evidence 0–100, self-rating 1–5)."""
    count = round((high - low) / step)
    marks = tuple(Tick(low + i * step, format_number(low + i * step)) for i in range(count + 1))
    return Axis(low, high, marks, title)


#: The largest stage over the smallest beyond which a funnel's counts are drawn on a log scale:
#: on a straight scale 4,000 leads would flatten 30 deals to a line.
LOG_SCALE_SPREAD = 20.0


def count_axis(values: Iterable[float], title: str) -> Axis:
    """The value axis of bars of counts: from zero, or a log scale when the counts span decades."""
    found = [float(v) for v in values if v is not None and math.isfinite(v)]
    positive = [v for v in found if v > 0]
    if not positive or min(positive) < 1 or max(positive) / min(positive) < LOG_SCALE_SPREAD:
        return value_axis(found, title, from_zero=True)
    bottom = math.floor(math.log10(min(positive)))
    top = math.ceil(math.log10(max(positive)) + 1e-9)
    if top - math.log10(max(positive)) < 0.1:  # headroom above the tallest bar
        top += 1
    marks = tuple(Tick(float(k), format_number(10**k)) for k in range(bottom, top + 1))
    return Axis(
        float(bottom),
        float(top),
        marks,
        translate("Charts", "{title} (log scale)").format(title=title),
        log=True,
    )


def confidence_axis() -> Axis:
    return fixed_axis(0, 10, 2, f"{said(Words.CONFIDENCE)} (0–10)")


def evidence_axis() -> Axis:
    # Steps of 25 put its five ticks level with the self-rating's 1–5: one set of grid lines.
    return fixed_axis(0, 100, 25, f"{said(Words.EVIDENCE)} (0–100)")


def self_rating_axis() -> Axis:
    return fixed_axis(1, 5, 1, f"{said(Words.SELF_RATING)} (1–5)")


#: Up to this many days the dates are labelled by ISO week ("W05"), beyond by month ("Mar 2027").
WEEKLY_UP_TO_DAYS = 84
#: At most this many date labels: more would run into each other on a chart a third of a page wide.
MOST_DATE_TICKS = 7


def date_axis(days: Sequence[dt.date], *, most: int = MOST_DATE_TICKS) -> Axis:
    """A date axis from the first to the last of ``days``, labelled by week or month.

    The range is widened to whole weeks (Mondays) or months (their first days), so both ends carry
    a label; at least four weeks are shown, so a single check-in is not alone on a one-day axis.
    Raises ValueError without a day (a chart passes today's date when it has nothing else).
    """
    if not days:
        raise ValueError("a date axis needs at least one day")
    first, last = min(days), max(days)
    if (last - first).days < 28:
        pad = (28 - (last - first).days + 1) // 2
        first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    if (last - first).days <= WEEKLY_UP_TO_DAYS:
        return _week_axis(first, last, most)
    return _month_axis(first, last, most)


def _week_axis(first: dt.date, last: dt.date, most: int) -> Axis:
    monday = first - dt.timedelta(days=first.weekday())
    end = last + dt.timedelta(days=(7 - last.weekday()) % 7)
    weeks = (end - monday).days // 7
    every = max(1, math.ceil((weeks + 1) / most))
    while weeks % every:  # the last Monday carries a label too
        weeks += 1
        end += dt.timedelta(days=7)
    marks = []
    for i in range(0, weeks + 1, every):
        when = monday + dt.timedelta(days=7 * i)
        week = when.isocalendar().week
        marks.append(Tick(day(when), translate("Charts", "W{week}").format(week=f"{week:02d}")))
    years = sorted({monday.isocalendar().year, end.isocalendar().year})
    title = translate("Charts", "Check-in week, {years}").format(years="–".join(str(y) for y in years))
    return Axis(day(monday), day(end), tuple(marks), title)


def _month_index(when: dt.date) -> int:
    return when.year * 12 + when.month - 1


def _month_axis(first: dt.date, last: dt.date, most: int) -> Axis:
    begin = _month_index(first)
    finish = _month_index(last) + (0 if last.day == 1 else 1)
    every = next(
        step for step in (1, 2, 3, 6, 12, 24, 60) if (finish - begin) / step + 1 <= most or step == 60
    )
    begin -= begin % every  # quarterly ticks fall on January, April, July, October
    finish += -finish % every
    marks = []
    for index in range(begin, finish + 1, every):
        year, month = divmod(index, 12)
        marks.append(Tick(day(dt.date(year, month + 1, 1)), short_month(year, month)))
    return Axis(marks[0].position, marks[-1].position, tuple(marks), translate("Charts", "Check-in date"))


def short_month(year: int, month: int) -> str:
    """``Mar 2027`` (``März 2027``): a month tick's label. ``month`` counts from 0."""
    if language() == "en":
        return f"{MONTHS[month][:3]} {year}"
    from babel.dates import format_skeleton

    return str(format_skeleton("yMMM", dt.date(year, month + 1, 1), locale=language()))
