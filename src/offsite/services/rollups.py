"""The progress rollups: every metric per week, month or quarter, the funnel, and sales beside marketing.

Plain inputs in (check-ins as ``(metric_id, as_of, value, confidence)``, metrics as
``MetricView``-like values), pandas tables out, and plain values (``domain/tracking``) for screens:

- ``metric_periods``: per metric and period, the last actual by the period's end, the last
  confidence given within it, the expected value at its end, the status and the score;
- ``objective_scores``: per objective and period, the mean of its metrics' scores;
- ``funnel_periods``: per period, leads → MQLs → SQLs → opportunities → deals (the sum of the
  metrics at each stage), the conversion between stages and the work-back funnel's planned rates;
- ``pair_periods``: each sales-and-marketing pair side by side, per period.

The rules are ``domain/progress``'s, applied to whole columns at once (binary searches over the
sorted check-ins, pandas pivot, groupby and merge; no Python loop per row), so 200,000 check-ins
over 5,000 metrics roll up in under a tenth of a second per grain once they are a table
(``bench/rollups.py``). A test holds every row to the one-value functions.

Days are counted as whole days from 1970-01-01 inside; the tables hold them as ``datetime64[s]``.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from offsite.domain.progress import (
    AT_RISK_RATIO,
    FUNNEL_RATES,
    FUNNEL_STAGES,
    MISSING_BASELINE,
    ON_TRACK_RATIO,
    Grain,
    Status,
    periods_between,
    plan_start,
    window_end,
)
from offsite.domain.tracking import (
    FunnelPeriod,
    MetricPair,
    MetricTrack,
    PairPeriod,
    PeriodReading,
    funnel_stage,
)
from offsite.domain.values import Direction

#: One check-in as the rollups take it: (metric id, as of, value, confidence 0–10 or None).
CheckInRow = tuple[int, dt.date, float, float | None]

_EPOCH = dt.date(1970, 1, 1).toordinal()
_SECONDS_PER_DAY = 86_400
# The statuses in the order of their codes in the status column (a categorical).
_STATUSES = (Status.NO_DATA, Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)
_SLACK = 1e-9  # as domain/progress: a ratio this close below a threshold reaches it


class TrackedMetric(Protocol):
    """What a rollup needs of a metric (a ``MetricView`` has it). ``funnel_stage`` is read when the
    value has one (``domain/tracking.funnel_stage``)."""

    @property
    def id(self) -> int: ...

    @property
    def baseline(self) -> float | None: ...

    @property
    def target(self) -> float | None: ...

    @property
    def direction(self) -> Direction: ...

    @property
    def due(self) -> dt.date | None: ...


class PlannedRates(Protocol):
    """A work-back funnel's rates in percent (a ``FunnelInputs``, or the stored ``FunnelView``)."""

    @property
    def lead_to_mql(self) -> float | None: ...

    @property
    def mql_to_sql(self) -> float | None: ...

    @property
    def sql_to_opportunity(self) -> float | None: ...

    @property
    def win_rate(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class PlanTiming:
    """When the plan starts and how far it looks: the offsite's days and the horizon ("H1 2027")."""

    starts_on: dt.date | None
    ends_on: dt.date | None
    horizon: str


# --- Inputs ---------------------------------------------------------------------------------------


def _days(dates: Iterable[dt.date]) -> np.ndarray:
    return np.fromiter((d.toordinal() for d in dates), dtype=np.int64) - _EPOCH


def _stamps(days: np.ndarray) -> np.ndarray:
    """Whole days since 1970 as ``datetime64[s]`` (NaN stays NaT)."""
    return (np.asarray(days, dtype=np.int64) * _SECONDS_PER_DAY).astype("datetime64[s]")


def _day_numbers(stamps: pd.Series) -> np.ndarray:
    seconds: np.ndarray = stamps.to_numpy(dtype="datetime64[s]").astype(np.int64)
    return seconds // _SECONDS_PER_DAY


def _date(day: int) -> dt.date:
    return dt.date.fromordinal(int(day) + _EPOCH)


def check_in_frame(check_ins: Sequence[CheckInRow] | pd.DataFrame) -> pd.DataFrame:
    """The check-ins as a table: metric (int), as_of (datetime64), value, confidence (NaN: none),
    sorted by metric and day, the order given kept within a day (the last given of a day counts).

    A table with those four columns (as_of any datetime64, or read from SQL in recorded order) is
    taken as it is, sorted only when it is not yet, so one table can serve several rollups.
    """
    if isinstance(check_ins, pd.DataFrame):
        return _in_order(check_ins[["metric", "as_of", "value", "confidence"]])
    if len(check_ins) == 0:
        ids: tuple[int, ...] = ()
        dates: tuple[dt.date, ...] = ()
        values: tuple[float, ...] = ()
        confidences: tuple[float | None, ...] = ()
    else:
        # The columns are new tuples of new numbers, none in a cycle: the cycle collector would walk
        # them again and again as they are made (a third of the time), so it waits until they are.
        collecting = gc.isenabled()
        gc.disable()
        try:
            ids, dates, values, confidences = zip(*check_ins, strict=True)
        finally:
            if collecting:
                gc.enable()
    frame = pd.DataFrame(
        {
            "metric": np.asarray(ids, dtype=np.int64),
            "day": _days(dates),
            "value": np.asarray(values, dtype=np.float64),
            "confidence": np.asarray(confidences, dtype=np.float64),
        }
    )
    frame.insert(1, "as_of", _stamps(frame["day"].to_numpy()))
    return _in_order(frame.drop(columns="day"))


def _in_order(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` sorted by metric and day, the order given kept within a day (no copy when it is)."""
    frame = frame.astype(
        {"metric": np.int64, "as_of": "datetime64[s]", "value": np.float64, "confidence": np.float64}
    )
    metric = frame["metric"].to_numpy()
    day = frame["as_of"].to_numpy()
    if len(frame) < 2 or bool(
        np.all((metric[1:] > metric[:-1]) | ((metric[1:] == metric[:-1]) & (day[1:] >= day[:-1])))
    ):
        return frame.reset_index(drop=True)
    return frame.sort_values(["metric", "as_of"], kind="stable", ignore_index=True)


def metric_frame(
    metrics: Iterable[TrackedMetric], timing: PlanTiming, first_check_in: dt.date | None
) -> pd.DataFrame:
    """The metrics as a table, indexed by id in order: baseline (a blank one counts as 0), target (NaN:
    none), sign (+1 up, −1 down), window_start and window_end (whole days since 1970; NaN when
    tracking has no start), stage (funnel stage or None)."""
    start = plan_start(timing.starts_on, timing.ends_on, first_check_in)
    first = np.nan if start is None else start.toordinal() - _EPOCH
    # The horizon is read once: every metric without a due date ends where it ends.
    default_end = None if start is None else window_end(None, timing.horizon, start)
    rows = [
        (
            m.id,
            MISSING_BASELINE if m.baseline is None else m.baseline,
            np.nan if m.target is None else m.target,
            -1 if m.direction == Direction.DOWN else 1,  # a StrEnum: "down" as stored compares equal
            first,
            np.nan if default_end is None else (m.due or default_end).toordinal() - _EPOCH,
            funnel_stage(m),
        )
        for m in metrics
    ]
    columns = ["metric", "baseline", "target", "sign", "window_start", "window_end", "stage"]
    frame = pd.DataFrame.from_records(rows, columns=columns)
    frame = frame.astype({"metric": np.int64, "baseline": np.float64, "target": np.float64})
    frame["stage_code"] = pd.Categorical(frame["stage"], categories=FUNNEL_STAGES).codes
    return frame.set_index("metric").sort_index(kind="stable")


# --- Periods --------------------------------------------------------------------------------------


def period_starts(days: np.ndarray, grain: Grain | str) -> np.ndarray:
    """The first day of the ``grain`` period holding each day (whole days since 1970), vectorised."""
    grain = Grain(grain)
    days = np.asarray(days, dtype=np.int64)
    if grain is Grain.DAY:
        return days
    if grain is Grain.WEEK:
        mondays: np.ndarray = days - (days + 3) % 7  # 1970-01-01 was a Thursday; ISO weeks start on Monday
        return mondays
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    per = {Grain.MONTH: 1, Grain.QUARTER: 3, Grain.HALF: 6, Grain.YEAR: 12}[grain]
    first: np.ndarray = (months - months % per).astype("datetime64[M]").astype("datetime64[D]")
    return first.astype(np.int64)


def _span(
    checks: pd.DataFrame, windows: pd.DataFrame, today: dt.date | None, through: dt.date | None
) -> tuple[int, int, int] | None:
    """The first day, the day the rollup is read and the last day it covers (days since 1970).

    From the earliest of the plan's start and the first check-in; read on ``today`` (default: the
    last check-in, else the plan's start); covering up to ``through`` (default: today) or today,
    whichever is later. None when there is neither a check-in nor a start.
    """
    days = _day_numbers(checks["as_of"]) if len(checks) else np.empty(0, dtype=np.int64)
    starts = windows["window_start"].dropna()
    firsts = [int(days.min())] if len(days) else []
    if len(starts):
        firsts.append(int(starts.min()))
    if not firsts:
        return None
    if today is not None:
        reading = today.toordinal() - _EPOCH
    else:
        reading = int(days.max()) if len(days) else int(starts.max())
    last = reading if through is None else max(reading, through.toordinal() - _EPOCH)
    return min(firsts), reading, last


# --- The rules, on columns ------------------------------------------------------------------------


def expected_values(
    baseline: np.ndarray, target: np.ndarray, start: np.ndarray, end: np.ndarray, on: np.ndarray
) -> np.ndarray:
    """``domain/progress.expected_value`` for whole columns (days as numbers); NaN without a target
    or a window. The same arithmetic in the same order, so the figures agree to the last bit."""
    span = end - start
    with np.errstate(invalid="ignore", divide="ignore"):
        line = baseline + (target - baseline) * (on - start) / np.where(span > 0, span, 1)
    value = np.where(on >= end, target, np.where(on <= start, baseline, line))
    return np.where(np.isnan(start) | np.isnan(target), np.nan, value)


def statuses(
    actual: np.ndarray, expected: np.ndarray, baseline: np.ndarray, target: np.ndarray, sign: np.ndarray
) -> pd.Categorical:
    """``domain/progress.metric_status`` for whole columns, as a categorical of ``Status`` values."""
    with np.errstate(invalid="ignore", divide="ignore"):
        made = (actual - baseline) * sign
        wanted = (expected - baseline) * sign
        ratio = made / np.where(wanted > 0, wanted, np.nan)
        missing = np.isnan(actual) | np.isnan(target) | np.isnan(expected)
        met = (actual - target) * sign >= 0
        hold = (target - baseline) * sign <= 0
        nothing_yet = ~(wanted > 0)
        codes = np.select(
            [
                missing,
                met,
                hold,
                nothing_yet & (made >= 0),
                nothing_yet,
                ratio >= ON_TRACK_RATIO - _SLACK,
                ratio >= AT_RISK_RATIO - _SLACK,
            ],
            [0, 1, 3, 1, 2, 1, 2],
            default=3,
        )
    return pd.Categorical.from_codes(codes, categories=[s.value for s in _STATUSES])


def scores(actual: np.ndarray, baseline: np.ndarray, target: np.ndarray, sign: np.ndarray) -> np.ndarray:
    """``domain/progress.metric_score`` for whole columns; NaN without a target or an actual."""
    with np.errstate(invalid="ignore", divide="ignore"):
        needed = (target - baseline) * sign
        held = np.where((actual - target) * sign >= 0, 1.0, 0.0)
        part = np.minimum(1.0, np.maximum(0.0, (actual - baseline) * sign / needed))
        score = np.where(needed <= 0, held, part)
    return np.where(np.isnan(actual) | np.isnan(target), np.nan, score)


_PERIOD_COLUMNS = [
    "metric",
    "period",
    "start",
    "end",
    "on",
    "actual",
    "as_of",
    "checked_in",
    "confidence",
    "expected",
    "status",
    "score",
    "stage",
]

# --- Rollups --------------------------------------------------------------------------------------


def _last_match(keys: np.ndarray, targets: np.ndarray, width: int, *, exact: bool) -> np.ndarray:
    """For each target, the index of the last of the sorted ``keys`` at or before it within the same
    metric (``key // width``), or equal to it when ``exact``; −1 where there is none."""
    if len(keys) == 0:
        return np.full(len(targets), -1, dtype=np.int64)
    found = np.searchsorted(keys, targets, side="right") - 1
    near = keys[np.maximum(found, 0)]
    same = near == targets if exact else near // width == targets // width
    matched: np.ndarray = np.where((found >= 0) & same, found, -1)
    return matched


def _take(values: np.ndarray, index: np.ndarray, missing: float) -> np.ndarray:
    """``values`` at each index, ``missing`` where the index is −1."""
    if len(values) == 0:
        return np.full(len(index), missing)
    taken: np.ndarray = np.where(index >= 0, values[np.maximum(index, 0)], missing)
    return taken


def metric_periods(
    check_ins: Sequence[CheckInRow] | pd.DataFrame,
    metrics: Iterable[TrackedMetric],
    timing: PlanTiming,
    grain: Grain | str = Grain.MONTH,
    *,
    today: dt.date | None = None,
    through: dt.date | None = None,
) -> pd.DataFrame:
    """Every metric in every period (week, month or quarter) of the rollup, one row each.

    Each period is judged on its last day, or on ``today`` for the period that holds it (default
    ``today``: the last check-in). Columns:

    - metric; period (label: "2027-W05", "2027-03", "2027-Q1", an ordered categorical: it sorts in
      time order); start, end, on (the day judged; datetime64);
    - actual: the last value checked in by that day (NaN: none yet, or the period is after
      today); as_of: the day it was read; checked_in: whether it was read within the period;
    - confidence: the last confidence given within the period (NaN: none);
    - expected: the value on the straight line on that day (after today: at the period's end, so
      a chart can draw the line ahead);
    - status (a ``Status`` value), score (0–1, NaN: no target or no actual), stage (funnel stage;
      NaN: none). Status and stage are categoricals: compare them with their strings.

    Sorted by metric, then time. Periods run from the plan's start (or the first check-in, when
    earlier) to ``through`` (default: today). Check-ins of metrics not given are left out; the last
    given of a day counts.
    """
    grain = Grain(grain)
    checks = check_in_frame(check_ins)
    first = _date(int(_day_numbers(checks["as_of"]).min())) if len(checks) else None
    windows = metric_frame(metrics, timing, first)
    checks = checks[checks["metric"].isin(windows.index)]
    span = _span(checks, windows, today, through)
    if span is None or windows.empty:
        return pd.DataFrame(columns=_PERIOD_COLUMNS)
    first_day, reading, last_day = span
    periods = periods_between(_date(first_day), _date(last_day), grain)
    if not periods:  # read before tracking starts (a plan whose offsite is still to come): nothing yet
        return pd.DataFrame(columns=_PERIOD_COLUMNS)
    starts = np.array([p.start.toordinal() - _EPOCH for p in periods], dtype=np.int64)
    ends = np.array([p.end.toordinal() - _EPOCH for p in periods], dtype=np.int64)
    ahead = starts > reading
    judged = np.where(ahead, ends, np.minimum(ends, reading))
    n_metrics, n_periods = len(windows), len(periods)
    row = np.repeat(np.arange(n_metrics), n_periods)  # the metric's place in ``windows``
    slot = np.tile(np.arange(n_periods), n_metrics)  # the period's place in ``periods``
    on = judged[slot]
    # Every check-in and every row gets one sortable key, (the metric's place, day): the check-ins
    # are in that order already (by metric, then day, the order given kept within a day), so a
    # binary search finds, for all rows at once, the last check-in of the row's metric by the day
    # judged (side="right": the last of equal days). The same, keyed by period start, finds the
    # last confidence given within each period. No sort and no join of the grid is needed.
    place = windows.index.get_indexer(checks["metric"].to_numpy())
    day = _day_numbers(checks["as_of"])
    origin = int(starts[0])
    width = max(int(ends[-1]), int(day.max()) if len(day) else 0) - origin + 1
    keys = place * width + (day - origin)
    found = _last_match(keys, row * width + (on - origin), width, exact=False)
    hit = (found >= 0) & ~ahead[slot]
    actual = _take(checks["value"].to_numpy(dtype=np.float64), np.where(hit, found, -1), np.nan)
    as_of = _take(day, np.where(hit, found, -1), -1)
    confidences = checks["confidence"].to_numpy(dtype=np.float64)
    given = ~np.isnan(confidences) & (day <= reading)
    period_keys = place[given] * width + (period_starts(day[given], grain) - origin)
    last = _last_match(period_keys, row * width + (starts[slot] - origin), width, exact=True)
    confidence = _take(confidences[given], last, np.nan)

    def column(name: str) -> np.ndarray:
        values: np.ndarray = windows[name].to_numpy(dtype=np.float64)[row]
        return values

    baseline, target, sign = column("baseline"), column("target"), column("sign")
    expected = expected_values(
        baseline, target, column("window_start"), column("window_end"), on.astype(np.float64)
    )
    start = _stamps(starts[slot])
    as_of_stamps = np.where(hit, _stamps(as_of), np.datetime64("NaT", "s"))
    return pd.DataFrame(
        {
            "metric": windows.index.to_numpy()[row],
            "period": pd.Categorical.from_codes(slot, categories=[p.label for p in periods], ordered=True),
            "start": start,
            "end": _stamps(ends[slot]),
            "on": _stamps(on),
            "actual": actual,
            "as_of": as_of_stamps,
            "checked_in": hit & (as_of >= starts[slot]),
            "confidence": confidence,
            "expected": expected,
            "status": statuses(actual, expected, baseline, target, sign),
            "score": scores(actual, baseline, target, sign),
            "stage": pd.Categorical.from_codes(
                column("stage_code").astype(np.int64), categories=FUNNEL_STAGES
            ),
        }
    )


def objective_scores(periods: pd.DataFrame, objective_of: Mapping[int, int]) -> pd.DataFrame:
    """Per objective and period, the mean score of its metrics that have one (``objective_score``).

    Columns: objective, period, score (NaN: no metric scored), scored (how many metrics counted).
    ``objective_of`` maps a metric id to its objective's id; metrics not in it are left out.
    """
    frame = periods.assign(objective=periods["metric"].map(objective_of)).dropna(subset=["objective"])
    frame = frame.astype({"objective": np.int64})
    grouped = frame.groupby(["objective", "period"], observed=True, sort=True)["score"]
    result = grouped.agg(["mean", "count"]).reset_index()
    return result.rename(columns={"mean": "score", "count": "scored"})


def planned_rates(planned: PlannedRates | None) -> dict[str, float | None]:
    """The work-back funnel's conversion rates (percent) by name; all None without a funnel."""
    return {name: None if planned is None else getattr(planned, name) for _a, _b, name in FUNNEL_RATES}


def funnel_periods(periods: pd.DataFrame, planned: PlannedRates | None = None) -> pd.DataFrame:
    """The funnel per period, from the metrics whose funnel stage is set (``metric_periods``' rows).

    Columns: period, start, end; one per stage ("leads", "mqls", "sqls", "opportunities", "deals"): the
    sum of that stage's actuals at the period's end (NaN: none has one yet); one per rate
    ("lead_to_mql" … "win_rate"): the later stage as a percentage of the earlier; and
    "planned_<rate>": the work-back funnel's rate (NaN: none planned). One row per period.
    """
    frame = periods[periods["stage"].notna()]
    spine = periods.drop_duplicates("period")[["period", "start", "end"]].reset_index(drop=True)
    sums = frame.pivot_table(
        index="period", columns="stage", values="actual", aggfunc="sum", min_count=1, observed=True
    )
    result = spine.join(sums, on="period") if len(sums) else spine
    for stage in FUNNEL_STAGES:
        if stage not in result:
            result[stage] = np.nan
        result[stage] = result[stage].astype(np.float64)
    rates = planned_rates(planned)
    with np.errstate(invalid="ignore", divide="ignore"):
        for earlier, later, name in FUNNEL_RATES:
            base = result[earlier].to_numpy()
            result[name] = np.where(base > 0, result[later].to_numpy() * 100.0 / base, np.nan)
    for _earlier, _later, name in FUNNEL_RATES:
        rate = rates[name]
        result[f"planned_{name}"] = np.nan if rate is None else float(rate)
    order = ["period", "start", "end", *FUNNEL_STAGES]
    order += [name for _a, _b, name in FUNNEL_RATES] + [f"planned_{name}" for _a, _b, name in FUNNEL_RATES]
    return result[order]


_SIDE_COLUMNS = ("actual", "as_of", "checked_in", "confidence", "expected", "status", "score")


def pair_periods(periods: pd.DataFrame, pairs: Sequence[MetricPair]) -> pd.DataFrame:
    """Each sales-and-marketing pair per period, side by side (``domain/tracking.pair_metrics``).

    Columns: pair (its place in ``pairs``), label, basis, sales_metric, marketing_metric, period,
    start, end, then sales_<x> and marketing_<x> for x in actual, as_of, checked_in, confidence,
    expected, status, score (as ``metric_periods``). Sorted by pair, then time; a pair whose
    metric is not in ``periods`` is left out.
    """
    spine = pd.DataFrame(
        {
            "pair": np.arange(len(pairs), dtype=np.int64),
            "label": [p.label for p in pairs],
            "basis": [p.basis for p in pairs],
            "sales_metric": np.array([p.sales_metric for p in pairs], dtype=np.int64),
            "marketing_metric": np.array([p.marketing_metric for p in pairs], dtype=np.int64),
        }
    )
    sides = []
    for side in ("sales", "marketing"):
        part = periods[["metric", "period", "start", "end", *_SIDE_COLUMNS]].rename(
            columns={"metric": f"{side}_metric", **{c: f"{side}_{c}" for c in _SIDE_COLUMNS}}
        )
        sides.append(part)
    result = spine.merge(sides[0], on="sales_metric", how="inner")
    result = result.merge(sides[1], on=["marketing_metric", "period", "start", "end"], how="inner")
    return result.sort_values(["pair", "start"], kind="stable", ignore_index=True)


# --- Plain values ---------------------------------------------------------------------------------


def _optional(value: object) -> float | None:
    """A table's number as a plain value: NaN (none) is None."""
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _day(value: object) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _reading(row: Mapping[str, object], prefix: str = "") -> PeriodReading:
    return PeriodReading(
        period=str(row["period"]),
        start=pd.Timestamp(row["start"]).date(),
        end=pd.Timestamp(row["end"]).date(),
        actual=_optional(row[f"{prefix}actual"]),
        as_of=_day(row[f"{prefix}as_of"]),
        checked_in=bool(row[f"{prefix}checked_in"]),
        confidence=_optional(row[f"{prefix}confidence"]),
        expected=_optional(row[f"{prefix}expected"]),
        status=Status(str(row[f"{prefix}status"])),
        score=_optional(row[f"{prefix}score"]),
    )


def metric_tracks(periods: pd.DataFrame, metric_ids: Iterable[int] | None = None) -> dict[int, MetricTrack]:
    """``metric_periods``' rows as one ``MetricTrack`` per metric (only ``metric_ids``, when given:
    a screen asks for the metrics it shows, not for five thousand)."""
    frame = periods if metric_ids is None else periods[periods["metric"].isin(list(metric_ids))]
    tracks: dict[int, list[PeriodReading]] = {}
    for row in frame.to_dict("records"):
        tracks.setdefault(int(row["metric"]), []).append(_reading(row))
    return {metric: MetricTrack(metric, tuple(readings)) for metric, readings in tracks.items()}


def funnel_rows(funnel: pd.DataFrame) -> tuple[FunnelPeriod, ...]:
    """``funnel_periods``' rows as plain values, in time order."""
    rows = []
    for row in funnel.to_dict("records"):
        rows.append(
            FunnelPeriod(
                period=str(row["period"]),
                start=pd.Timestamp(row["start"]).date(),
                end=pd.Timestamp(row["end"]).date(),
                counts={stage: _optional(row[stage]) for stage in FUNNEL_STAGES},
                rates={name: _optional(row[name]) for _a, _b, name in FUNNEL_RATES},
                planned={name: _optional(row[f"planned_{name}"]) for _a, _b, name in FUNNEL_RATES},
            )
        )
    return tuple(rows)


def pair_rows(paired: pd.DataFrame, pairs: Sequence[MetricPair]) -> tuple[PairPeriod, ...]:
    """``pair_periods``' rows as plain values: one per pair and period, both sides' readings."""
    rows = []
    for row in paired.to_dict("records"):
        rows.append(
            PairPeriod(
                pair=pairs[int(row["pair"])],
                period=str(row["period"]),
                sales=_reading(row, "sales_"),
                marketing=_reading(row, "marketing_"),
            )
        )
    return tuple(rows)
