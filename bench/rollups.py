"""The progress rollups at scale: 200,000 check-ins over 5,000 metrics, against a bare pandas groupby.

A benchmark, not a test: it prints, it never passes or fails. Run with

    python bench/rollups.py              200,000 check-ins, 5,000 metrics, 5 repeats
    python bench/rollups.py --smoke      2,000 check-ins, 50 metrics, one repeat: proves every row runs

The baseline is the least a rollup could be: one ``groupby(["metric", month]).last()`` of the same
check-in table, timed in the same run, alternating with the rollups so both see the same load.
Every figure is the median of the repeats (``time.perf_counter``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from offsite.domain.funnel import FunnelInputs
from offsite.domain.progress import FUNNEL_STAGES
from offsite.domain.tracking import SalesAndMarketing, pair_metrics
from offsite.domain.values import Direction
from offsite.services.rollups import (
    PlanTiming,
    check_in_frame,
    funnel_periods,
    metric_periods,
    objective_scores,
    pair_periods,
)

START = dt.date(2027, 1, 15)
TIMING = PlanTiming(dt.date(2027, 1, 14), START, "FY2027")
PLANNED = FunnelInputs(10_000_000, 40_000, 25, 60, 30, 15, ("Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"))


@dataclass(frozen=True, slots=True)
class Metric:
    id: int
    name: str
    baseline: float | None
    target: float | None
    direction: Direction
    due: dt.date | None
    funnel_stage: str | None


def make(
    metrics: int, check_ins: int, seed: int = 16
) -> tuple[list[Metric], list[tuple[int, dt.date, float, float | None]]]:
    """A plan's metrics (a tenth on the funnel, a fifth going down, some without a baseline or a due
    date) and check-ins spread over the year, a third without a confidence."""
    rng = random.Random(seed)
    made = []
    for n in range(metrics):
        down = n % 5 == 0
        baseline = None if n % 17 == 0 else float(rng.randint(10, 500))
        target = None if n % 41 == 0 else float((baseline or 0) * (0.5 if down else 2) + 5)
        due = None if n % 3 == 0 else dt.date(2027, rng.choice((3, 6, 9, 12)), 28)
        stage = FUNNEL_STAGES[n % 5] if n % 10 == 0 else None
        made.append(
            Metric(
                n + 1,
                f"Metric {n + 1}",
                baseline,
                target,
                Direction.DOWN if down else Direction.UP,
                due,
                stage,
            )
        )
    rows = []
    per = check_ins // metrics
    for metric in made:
        base = metric.baseline or 0.0
        for k in range(per):
            day = START + dt.timedelta(days=k * 330 // per + rng.randint(0, 3))
            confidence = None if rng.random() < 1 / 3 else float(rng.randint(0, 10))
            rows.append((metric.id, day, base + rng.uniform(-20, 60) * k / per, confidence))
    rng.shuffle(rows)
    return made, rows


def median_time(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a small plan and one repeat")
    args = parser.parse_args()
    n_metrics, n_check_ins, repeats = (50, 2_000, 1) if args.smoke else (5_000, 200_000, 5)
    metrics, rows = make(n_metrics, n_check_ins)
    teams = {m.id: {1 if m.id % 2 else 2} if m.id % 7 else {1, 2} for m in metrics}
    pairs = pair_metrics(metrics, teams, SalesAndMarketing(1, 2))
    objective_of = {m.id: (m.id - 1) // 3 for m in metrics}

    frame = check_in_frame(rows)

    def bare() -> object:
        return frame.groupby(["metric", frame["as_of"].dt.to_period("M")])["value"].last()

    print(f"{len(rows):,} check-ins over {len(metrics):,} metrics, {len(pairs):,} pairs; median of {repeats}")
    figures: list[tuple[str, Callable[[], object]]] = [
        ("check-ins → table (from tuples)", lambda: check_in_frame(rows)),
        ("per week", lambda: metric_periods(frame, metrics, TIMING, "week")),
        ("per month", lambda: metric_periods(frame, metrics, TIMING, "month")),
        ("per quarter", lambda: metric_periods(frame, metrics, TIMING, "quarter")),
    ]
    months = metric_periods(frame, metrics, TIMING, "month")
    figures += [
        ("funnel per month", lambda: funnel_periods(months, PLANNED)),
        ("pairs per month", lambda: pair_periods(months, pairs)),
        ("objective scores per month", lambda: objective_scores(months, objective_of)),
    ]
    results = []
    bare_times = [median_time(bare, repeats)]
    for label, work in figures:
        results.append((label, median_time(work, repeats)))
        bare_times.append(median_time(bare, repeats))  # alternate, so both see the same load
    baseline = statistics.median(bare_times)
    print(f"{'bare groupby(metric, month).last()':<36} {baseline * 1000:9.1f} ms")
    for label, seconds in results:
        print(f"{label:<36} {seconds * 1000:9.1f} ms  {seconds / baseline:6.1f}× the bare groupby")
    print(f"rows per month rollup: {len(months):,}; pandas {pd.__version__}")


if __name__ == "__main__":
    main()
