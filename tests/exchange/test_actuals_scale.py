"""A 50 MB export (some 600,000 deals) previews whole and right: every week's sum, every line at fault.

The file is made once per test session. Only correctness is asserted; how long it takes is the
benchmark's to report (bench/actuals.py), never a test's to judge.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from offsite.exchange.actuals import MappingSpec, preview, read_table

START = dt.date(2026, 1, 1)
SIZE = 50 * 1024 * 1024
BAD_LINES = (123_458, 400_007)  # two won Partner deals: one whose amount is a word, one whose close date is


@dataclass(frozen=True)
class BigExport:
    path: Path
    records: int
    weekly: dict[dt.date, float]  # week's last day -> sum of the amounts of its won Partner/Outbound deals
    last_day: dt.date  # of those deals


def _week_end(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=6 - day.weekday())


@pytest.fixture(scope="session")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> BigExport:
    path = tmp_path_factory.mktemp("actuals") / "report1742457240123.csv"
    weekly: dict[dt.date, float] = defaultdict(float)
    last_day = START
    lines = ['"Opportunity Owner","Opportunity Name","Stage","Amount","Close Date","Lead Source"\n']
    owners = ("Maya Okafor", "Jon Reyes", "Li Wei", "Zoë Müller")
    sources = ("Partner", "Outbound", "Web", "Event")
    size = len(lines[0])
    line = 1
    while size < SIZE:
        line += 1
        index = line - 2
        day = START + dt.timedelta(days=index % 400)
        won = index % 3 == 0
        source = sources[index % 4]
        cents = (index * 7919) % 10_000_000
        amount = f"USD {cents // 100:,}.{cents % 100:02d}"
        close = f"{day.month}/{day.day}/{day.year}"
        if line == BAD_LINES[0]:
            amount = "twelve thousand"
        if line == BAD_LINES[1]:
            close = "soon"
        text = (
            f'"{owners[index % 4]}","Deal {index:07d}, ""{source}""","{"Closed Won" if won else "Closed Lost"}",'
            f'"{amount}","{close}","{source}"\n'
        )
        lines.append(text)
        size += len(text)  # characters: never more than the bytes they take
        if won and source in ("Partner", "Outbound") and line not in BAD_LINES:
            weekly[_week_end(day)] += cents / 100
            last_day = max(last_day, day)
    lines.append('""\n""\n"Copyright (c) 2000-2027 salesforce.com, inc. All rights reserved."\n')
    lines.append('"Confidential Information - Do Not Distribute"\n')
    path.write_text("".join(lines), encoding="utf-8")
    return BigExport(path, line - 1, dict(weekly), last_day)


def test_a_50_mb_export_previews_every_week_and_names_each_line_at_fault(big_export: BigExport) -> None:
    assert big_export.path.stat().st_size >= SIZE
    table = read_table(big_export.path)
    spec = MappingSpec(
        layout="records",
        date_column="Close Date",
        value_column="Amount",
        metric_id=1,
        aggregate="sum",
        filters=(("Stage", ("Closed Won",)), ("Lead Source", ("Partner", "Outbound"))),
    )
    result = preview(table, spec, {"New bookings": 1})

    assert [str(fault) for fault in result.faults] == [
        f"Line {BAD_LINES[0]:,}, Amount: “twelve thousand” is not a number",
        f"Line {BAD_LINES[1]:,}, Close Date: “soon” is not a date: write it as 2027-03-14, 14/03/2027 or "
        "Mar 14, 2027",
    ]
    got = {row.as_of: row.value for row in result.rows}
    last = max(big_export.weekly)
    expected = dict(big_export.weekly)
    expected[big_export.last_day] = expected.pop(last)  # the week still running: as of its last deal
    assert got.keys() == expected.keys()
    assert all(got[day] == pytest.approx(value, rel=1e-12) for day, value in expected.items())
    assert result.lines_read == big_export.records
    kept = sum(len(row.lines) for row in result.rows) + len(BAD_LINES)  # the two at fault passed the filters
    assert (
        f"Counted {kept:,} of {big_export.records:,} records: Stage is “Closed Won”; Lead Source is “Partner” "
        "or “Outbound”."
    ) in result.notes
