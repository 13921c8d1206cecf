"""The review cadence's goals a leader feels: a check-in typed on the weekly screen, and a CRM's
actuals imported. ``run.py`` prints them with the cadence's other rows (``--cadence``).

    weekly   Review ▸ Check-ins of a plan tracked for two years (5,000 metrics, 200,000 check-ins),
             in the real main window offscreen: (a) one digit typed into a metric's New actual cell,
             the editor opening; (b) Enter saving that check-in, its row repainted. Against the same
             keys on the demo plan, each plan in a fresh process (goal: ≤ 30 ms a keystroke).
    import   100,000 lines of a totals sheet (one reading a line) read, previewed and written as
             check-ins into a fresh copy of the demo plan, as File ▸ Import Actuals and ``offsite
             checkins import`` do; against pandas.read_csv of the same file and a plain sqlite3
             executemany of as many check-ins into a copy (goal: ≤ 5 s end to end).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/'s modules, run as a script or imported

from measure import Timed, child_env
from window import bench_window, close_window

#: The metrics the keys go round (the first of the plan): each Enter saves a new value for one of
#: them, so every Enter writes, whether the day already had that metric's check-in or not.
ROUND = 8


@dataclass(frozen=True, slots=True)
class CheckInKeys:
    """The median times (s) of a digit typed into a New actual cell and of Enter saving it, and how
    many check-ins the timed Enters saved."""

    digit: float
    enter: float
    saved: int


def bench_check_in_keys(work: Path, plan: Path, repeats: int, budget: float | None = None) -> CheckInKeys:
    """Check-ins typed on Review ▸ Check-ins of a copy of ``plan``: a digit, then Enter, ``repeats``
    times (fewer past ``budget`` seconds), each key timed with the events it sets off processed."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

    from offsite.gui.checkins import CheckInsTab
    from offsite.gui.checkins_model import NEW_ACTUAL

    window = bench_window(work, plan, "review", "weekly")
    page = window.phase_pages["review"]
    tab = page.tabs["Check-ins"]  # type: ignore[attr-defined]
    assert isinstance(tab, CheckInsTab)
    page.go_to_tab(tab)  # type: ignore[attr-defined]
    view, model = tab.ui.checkInsView, tab.model
    view.setFocus()
    QApplication.processEvents()
    metrics: list[int] = []
    row = model.metric_row_after(-1)
    while row >= 0 and len(metrics) < ROUND:
        metrics.append(row)
        row = model.metric_row_after(row)
    if not metrics:
        raise RuntimeError(f"{plan.name} has no metric to check in")
    assert window.document is not None
    stack = window.document.undo_stack
    typed = 0

    def key(target: object, what: Qt.Key | str) -> float:
        start = time.perf_counter()
        QTest.keyClick(target, what)  # type: ignore[call-overload]
        QApplication.processEvents()
        return time.perf_counter() - start

    def check_in() -> tuple[float, float]:
        """One check-in: the keyboard put on the next metric of the round (not timed: Enter went
        there already but at the round's end), a digit, Enter."""
        nonlocal typed
        cell = model.index(metrics[typed % len(metrics)], NEW_ACTUAL)
        if view.currentIndex() != cell:
            view.setCurrentIndex(cell)
        # A new value each round: the day's check-in of the metric is replaced, never left as it was.
        digit = key(view, str(1 + (typed // len(metrics)) % 9))
        if view.state() != QAbstractItemView.State.EditingState:
            raise RuntimeError("the digit did not open the New actual cell's editor")
        (editor,) = (e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
        enter = key(editor, Qt.Key.Key_Return)
        typed += 1
        return digit, enter

    check_in()  # the first check-in of a session builds its undo command and loads the verb's modules
    before = stack.count()
    digits: list[float] = []
    enters: list[float] = []
    began = time.perf_counter()
    for _ in range(repeats):
        digit, enter = check_in()
        digits.append(digit)
        enters.append(enter)
        if budget is not None and time.perf_counter() - began > budget:
            break
    saved = stack.count() - before
    refused = tab.ui.messageLabel.text() if tab.ui.messageLabel.property("problem") else ""
    close_window(window)
    if saved != len(enters) or refused:
        raise RuntimeError(f"{len(enters)} Enters saved {saved} check-ins: {refused or 'no reason shown'}")
    return CheckInKeys(statistics.median(digits), statistics.median(enters), saved)


CHECK_IN_CHILD = """
import json, sys
from dataclasses import asdict
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import cadence
budget = None if sys.argv[5] == "none" else float(sys.argv[5])
keys = cadence.bench_check_in_keys(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), budget)
print(json.dumps(asdict(keys)))
"""


def check_in_keys_in_child(work: Path, plan: Path, repeats: int, budget: float | None) -> CheckInKeys:
    """``bench_check_in_keys`` in a fresh process: each plan is typed into from the same start."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            CHECK_IN_CHILD,
            str(Path(__file__).resolve().parent),
            str(work),
            str(plan),
            str(repeats),
            "none" if budget is None else str(budget),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=child_env(work),
    )
    return CheckInKeys(**json.loads(out.stdout.strip().splitlines()[-1]))


# -- importing actuals ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportRun:
    """An import of ``rows`` lines (``size`` bytes of CSV) end to end vs its bare baseline, and how
    many check-ins each import wrote."""

    subject: Timed
    baseline: Timed
    rows: int
    size: int
    written: int


#: The lines of the file both sides read once, not timed, before the figures: the modules a first
#: import loads (pandas' parsers, the plan's mappers) are loaded in the app by the time a file comes.
WARM_ROWS = 1_000


def write_readings(path: Path, demo: Path, rows: int) -> dict[str, int]:
    """A totals sheet of ``rows`` lines, one reading a line, of the demo plan's metrics by name, a day
    each in turn, ending the day before the plan's tracking starts; its metrics' ids by name."""
    from actuals import write_totals_csv

    from offsite.exchange.actuals.importing import plan_metrics
    from offsite.services.plans import open_plan, read_plan

    with open_plan(demo, readonly=True) as plan:
        metrics = plan_metrics(read_plan(plan))
    ends = metrics.since or dt.date(2027, 1, 1)
    days = math.ceil(rows / len(metrics.by_name))
    write_totals_csv(path, rows, list(metrics.by_name), ends - dt.timedelta(days=days))
    return dict(metrics.by_name)


def import_actuals(demo: Path, source: Path, target: Path) -> tuple[float, int]:
    """``source`` imported into ``target``, a fresh copy of ``demo``, as the app and ``offsite checkins
    import`` do (the plan open, as in the app): (seconds, check-ins written)."""
    from actuals import TOTALS

    from offsite.exchange.actuals import read_table
    from offsite.exchange.actuals.importing import check_import, plan_metrics, source_name
    from offsite.services.checkins import apply_readings
    from offsite.services.plans import open_plan, read_plan

    shutil.copy(demo, target)
    with open_plan(target) as plan:
        start = time.perf_counter()
        metrics = plan_metrics(read_plan(plan))
        check = check_import(plan, read_table(source), TOTALS, metrics, source_name(source))
        if check.refused:
            raise RuntimeError(f"the import was refused: {check.preview.faults[:3]}")
        imported = apply_readings(plan, check.preview.rows, check.source)
        took = time.perf_counter() - start
    return took, len(imported.added)


def bare_import(demo: Path, source: Path, target: Path, ids: dict[str, int]) -> tuple[float, int]:
    """The baseline: pandas.read_csv of ``source``, then its lines as check-ins (a new uid each) with
    one sqlite3 executemany into ``target``, a fresh copy of ``demo`` (the plan file's pragmas)."""
    import pandas as pd

    from offsite.store.planfile import configure_connection

    shutil.copy(demo, target)
    raw = sqlite3.connect(target, isolation_level=None)
    try:
        configure_connection(raw)
        start = time.perf_counter()
        frame = pd.read_csv(source, thousands=",")
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
        rows = [
            (str(uuid.uuid4()), metric, day, value, note, now)
            for metric, day, value, note in zip(
                frame["Metric"].map(ids).tolist(),
                frame["Date"].tolist(),
                frame["Value"].tolist(),
                frame["Note"].fillna("").tolist(),
                strict=True,
            )
        ]
        raw.execute("BEGIN IMMEDIATE")
        raw.executemany(
            "INSERT INTO check_in (uid, metric_id, as_of, value, confidence, note, leader_id, by_name, "
            "source, recorded_at) VALUES (?, ?, ?, ?, NULL, ?, NULL, '', 'readings', ?)",
            rows,
        )
        raw.execute("COMMIT")
        took = time.perf_counter() - start
    finally:
        raw.close()
    return took, len(rows)


def bench_actuals_import(work: Path, demo: Path, rows: int, repeats: int) -> ImportRun:
    """``rows`` lines imported end to end vs the bare baseline, alternately, each into its own fresh
    copy of ``demo`` (so each is a first import)."""
    source, warm = work / "readings.csv", work / "warm-readings.csv"
    ids = write_readings(source, demo, rows)
    write_readings(warm, demo, min(rows, WARM_ROWS))
    target = work / "imported.offsite"
    import_actuals(demo, warm, target), bare_import(demo, warm, target, ids)
    subject: list[float] = []
    baseline: list[float] = []
    written = 0
    for _ in range(repeats):  # interleaved: both see the same disk and the same load
        took, count = bare_import(demo, source, target, ids)
        baseline.append(took)
        took, written = import_actuals(demo, source, target)
        subject.append(took)
        if written != count:
            raise RuntimeError(f"the import wrote {written:,} check-ins of the file's {count:,} lines")
    target.unlink(missing_ok=True)
    return ImportRun(
        Timed(statistics.median(subject)),
        Timed(statistics.median(baseline)),
        rows,
        source.stat().st_size,
        written,
    )
