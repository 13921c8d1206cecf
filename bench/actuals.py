"""Importing actuals: 100,000 rows from a CRM export previewed end to end, against pandas reading the file bare.

The goal (issue 16): an import of 100,000 rows in at most 5 s, end to end. A benchmark prints; it
never passes or fails. Each figure is the median of a few runs, interleaved with its baseline so
both see the same machine (two cores shared with others).

    python bench/actuals.py            100,000 rows, three runs each
    python bench/actuals.py --rows N   another size
    python bench/actuals.py --profile  instead, cProfile's top 20 for the records preview

    records CSV   read_table + preview (filter Stage and Lead Source, sum Amount per week)
                  vs pandas.read_csv of the same file
    totals CSV    read_table + preview (one check-in a line)   vs pandas.read_csv
    records XLSX  read_table + preview                          vs pandas.read_excel (calamine)
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import io
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from offsite.exchange.actuals import MappingSpec, preview, read_table

OWNERS = ("Maya Okafor", "Jon Reyes", "Li Wei", "Zoë Müller")
SOURCES = ("Partner", "Outbound", "Web", "Event")
STAGES = ("Closed Won", "Closed Lost", "Prospecting")
METRICS = {f"Metric {n}": n for n in range(1, 21)}

RECORDS = MappingSpec(
    layout="records",
    date_column="Close Date",
    value_column="Amount",
    owner_column="Opportunity Owner",
    metric_id=1,
    aggregate="sum",
    filters=(("Stage", ("Closed Won",)), ("Lead Source", ("Outbound", "Partner"))),
)
TOTALS = MappingSpec(metric_column="Metric", date_column="Date", value_column="Value", note_column="Note")


def salesforce_rows(count: int) -> list[list[object]]:
    """Deals as a Salesforce report lists them (US dates, amounts with a currency code)."""
    start = dt.date(2026, 1, 1)
    rows: list[list[object]] = []
    for index in range(count):
        day = start + dt.timedelta(days=index % 450)
        cents = (index * 7919) % 10_000_000
        rows.append(
            [
                OWNERS[index % 4],
                f"Deal {index:07d}, {SOURCES[index % 4]}",
                STAGES[index % 3],
                f"USD {cents // 100:,}.{cents % 100:02d}",
                f"{day.month}/{day.day}/{day.year}",
                SOURCES[(index // 3) % 4],
            ]
        )
    return rows


def write_records_csv(path: Path, count: int) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(["Opportunity Owner", "Opportunity Name", "Stage", "Amount", "Close Date", "Lead Source"])
    writer.writerows(salesforce_rows(count))
    buffer.write('""\n"Copyright (c) 2000-2027 salesforce.com, inc. All rights reserved."\n')
    path.write_text(buffer.getvalue(), encoding="utf-8")


def write_totals_csv(
    path: Path, count: int, metrics: Sequence[str] = tuple(METRICS), start: dt.date = dt.date(2020, 1, 1)
) -> None:
    """A spreadsheet of readings: one line a metric a day from ``start``, the metrics named in turn."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Metric", "Date", "Value", "Note"])
    for index in range(count):
        day = start + dt.timedelta(days=index // len(metrics))
        writer.writerow(
            [
                metrics[index % len(metrics)],
                day.isoformat(),
                f"{index * 1.5:,.2f}",
                "" if index % 7 else "ok",
            ]
        )
    path.write_text(buffer.getvalue(), encoding="utf-8")


def write_records_xlsx(path: Path, count: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Report")
    sheet.append(["Opportunity Owner", "Opportunity Name", "Stage", "Amount", "Close Date", "Lead Source"])
    start = dt.date(2026, 1, 1)
    for index, row in enumerate(salesforce_rows(count)):
        row[3] = ((index * 7919) % 10_000_000) / 100  # a workbook's amounts and dates are typed cells
        row[4] = start + dt.timedelta(days=index % 450)
        sheet.append(row)
    book.save(path)


def median(run: Callable[[], object], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def compare(label: str, bare: Callable[[], object], ours: Callable[[], object], repeats: int) -> None:
    bare(), ours()  # warm the file cache and the imports once for each
    bare_times, our_times = [], []
    for _ in range(repeats):  # interleaved: both see the same load
        bare_times.append(median(bare, 1))
        our_times.append(median(ours, 1))
    base, mine = statistics.median(bare_times), statistics.median(our_times)
    print(f"{label:<14} {base:7.2f} s bare   {mine:7.2f} s end to end   ×{mine / base:5.1f}")


def end_to_end(path: Path, spec: MappingSpec, expect_faults: int = 0) -> Callable[[], object]:
    def run() -> object:
        result = preview(read_table(path), spec, METRICS)
        assert len(result.faults) == expect_faults, result.faults[:3]
        assert result.rows
        return result

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="offsite-bench-actuals-") as folder:
        work = Path(folder)
        records, totals, workbook = work / "report.csv", work / "readings.csv", work / "report.xlsx"
        write_records_csv(records, args.rows)
        write_totals_csv(totals, args.rows)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(end_to_end(records, RECORDS))
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)
            return 0
        print(
            f"Importing actuals: {args.rows:,} rows, median of {args.repeats} (goal: at most 5 s end to end)"
        )
        compare("records CSV", lambda: pd.read_csv(records), end_to_end(records, RECORDS), args.repeats)
        compare("totals CSV", lambda: pd.read_csv(totals), end_to_end(totals, TOTALS), args.repeats)
        write_records_xlsx(workbook, args.rows)
        compare(
            "records XLSX",
            lambda: pd.read_excel(workbook, engine="calamine"),
            end_to_end(workbook, RECORDS),
            args.repeats,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
