"""Offsite's benchmarks: every ratio of the performance goals, each against a baseline measured in the
same run, on the demo plan and on plans generated at N times its size (bench/generate.py).

A benchmark is not a test: it prints, it never passes or fails. Run with ``make bench``.

    python bench/run.py            the full run: plans up to 1,000×; long, but every slow step is capped
    python bench/run.py --quick    plans up to 100×, fewer repeats, lower caps: a few minutes
    python bench/run.py --smoke    the demo-sized plan only, one repeat, no caps: proves every row runs
    python bench/run.py --profile  instead, cProfile's top 15 for a keystroke on the 1,000× plan
                                   and for the full PDF at 10× (with --smoke: both at 1×)

    start-up   a bare PySide6 window grabbed to PNG        vs  offsite open DEMO --screenshot
    open       offsite open DEMO --screenshot              vs  offsite open BIG --screenshot
    keystroke  one character in the Plan page's statement field, at the demo's size and larger
    edit       raw sqlite3 insert + commit                 vs  the add-objective verb (same pragmas)
    review     overlap review and theme suggestions, as their screens compute them (absolute)
    PDF        bare reportlab laying out the PDF's text    vs  the full PDF, at 1×, 10× and 100×
    import     json.loads + sqlite3 executemany            vs  JSON import of the largest plan
    memory     peak RSS of a bare window                   vs  the demo plan's window painted
    export, merge, funnel: the demo plan's PDF and JSON, three drafts merged, a funnel input typed
    cadence    a plan tracked for two years (5,000 metrics, 200,000 weekly check-ins): opened vs the
               demo plan and vs itself without check-ins; its JSON export vs sqlite3 + json.dumps
               of its rows; its fingerprint vs the same plan's without check-ins; a check-in typed
               on its weekly screen (a digit, Enter) vs the same on the demo plan; and 100,000 CSV
               lines of actuals imported end to end vs pandas.read_csv + sqlite3 executemany
               (bench/cadence.py)

    agreements one agreement's service level edited and one leader's stance on it recorded on the
               largest plan (hundreds of agreements at 1,000×) vs the same write by raw sqlite3
               (bench/agreements.py)

    python bench/run.py --quick --cadence   the review cadence's rows only
    python bench/run.py --quick --only weekly import   only those of the cadence's rows
                                   (open, export, weekly, import)
    python bench/run.py --only agreements   only the agreements' rows

    room       a leader's stance on one laptop to the facilitator's window repainting its cell (median,
               p95) vs a bare psycopg INSERT + NOTIFY waking a LISTEN; and the edits per second ten
               leaders' laptops get acknowledged through the verbs vs bare psycopg INSERTs as the same
               roles, on a PostgreSQL server started for the run (bench/room.py)

    python bench/run.py --only room         only the room's rows
"""

from __future__ import annotations

import cProfile
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/'s modules, run as a script or imported

from agreements import bench_agreements
from cadence import bench_actuals_import, check_in_keys_in_child
from generate import TRACKED_CHECK_INS, TRACKED_METRICS, generate, generate_tracked
from measure import (
    bench_import,
    bench_memory,
    bench_open,
    bench_pdf,
    bench_review,
    bench_tracked,
    growth,
    plan_rows,
    without_check_ins,
)
from window import bench_window, close_window

from room import run_room

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIRST_PAINT = """
import sys
from offsite.gui.app import open_window
app, window = open_window()
window.grab().save(sys.argv[1])
"""

BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
for _ in range(3):
    app.processEvents()
window.grab().save(sys.argv[1])
"""


def median_time(run: Callable[[], object], repeats: int, budget: float | None = None) -> float:
    """The median of ``repeats`` timings of ``run``; stop early (after one at least) past ``budget`` s."""
    samples: list[float] = []
    began = time.perf_counter()
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
        if budget is not None and time.perf_counter() - began > budget:
            break
    return statistics.median(samples)


def offsite_command() -> list[str]:
    script = Path(sys.executable).with_name("offsite")
    return [str(script)] if script.exists() else [sys.executable, "-m", "offsite.cli"]


def bench_startup(work: Path, demo: Path, repeats: int) -> tuple[float, float, float]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_STATE_HOME": str(work / "state"),
    }

    def bare() -> None:
        subprocess.run(
            [sys.executable, "-c", BARE_WINDOW, str(work / "bare.png")],
            check=True,
            env=env,
            capture_output=True,
        )

    def offsite() -> None:
        subprocess.run(
            [
                *offsite_command(),
                "open",
                str(demo),
                "--view",
                "plan",
                "--screenshot",
                str(work / "offsite.png"),
            ],
            check=True,
            env=env,
            capture_output=True,
        )

    def first_paint() -> None:
        subprocess.run(
            [sys.executable, "-c", FIRST_PAINT, str(work / "first.png")],
            check=True,
            env=env,
            capture_output=True,
        )

    bare(), offsite(), first_paint()  # warm the file cache once for each
    return median_time(bare, repeats), median_time(first_paint, repeats), median_time(offsite, repeats)


def bench_edit(work: Path, demo: Path, repeats: int) -> tuple[float, float]:
    from offsite.services.objectives import add_objective
    from offsite.services.plans import open_plan, read_plan
    from offsite.store.planfile import configure_connection

    raw_path, verb_path = work / "raw.offsite", work / "verb.offsite"
    shutil.copy(demo, raw_path)
    shutil.copy(demo, verb_path)
    raw = sqlite3.connect(raw_path)
    configure_connection(raw)
    plan = open_plan(verb_path)
    team = read_plan(plan).teams[0].id
    counter = iter(range(10**9))

    def raw_insert() -> None:  # the same rows the verb writes, by hand
        n = next(counter)
        raw.execute("BEGIN IMMEDIATE")
        cursor = raw.execute(
            "INSERT INTO objective (uid, statement, period, method, position) VALUES "
            "(?, ?, '', '', (SELECT coalesce(max(position), -1) + 1 FROM objective))",
            (str(uuid.uuid4()), f"Objective {n}"),
        )
        raw.execute(
            "INSERT INTO objective_team (objective_id, team_id) VALUES (?, ?)", (cursor.lastrowid, team)
        )
        raw.execute("COMMIT")

    def verb_insert() -> None:
        add_objective(plan, f"Objective {next(counter)}", [team])

    raw_insert(), verb_insert()
    raw_times, verb_times = [], []
    for _ in range(repeats):  # interleaved, so both see the same disk and load
        raw_times.append(median_time(raw_insert, 1))
        verb_times.append(median_time(verb_insert, 1))
    raw.close()
    plan.close()
    return statistics.median(raw_times), statistics.median(verb_times)


def bench_keystroke(
    work: Path,
    plan: Path,
    repeats: int,
    budget: float | None = None,
    profiler: cProfile.Profile | None = None,
) -> float:
    """One character typed into the Plan page's statement field of ``plan`` (a copy): the median
    over ``repeats`` keystrokes, fewer when they take more than ``budget`` seconds together.
    ``profiler``, if given, runs during the timed keystrokes only."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    window = bench_window(work, plan, "plan", "keys")
    edit = window.phase_pages["plan"].ui.statementEdit  # type: ignore[attr-defined]
    edit.setFocus()
    edit.end(False)

    def keystroke() -> None:
        QTest.keyClick(edit, "x")
        QApplication.processEvents()

    keystroke()  # the first edit of a session builds its undo stack and command
    if profiler is not None:
        profiler.enable()
    result = median_time(keystroke, repeats, budget)
    if profiler is not None:
        profiler.disable()
    close_window(window)
    return result


KEYSTROKE_CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import run
budget = None if sys.argv[5] == "none" else float(sys.argv[5])
print(run.bench_keystroke(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]), budget))
"""


def keystroke_in_child(work: Path, plan: Path, repeats: int, budget: float | None) -> float:
    """``bench_keystroke`` in a fresh process: each plan size is timed from the same start, not after
    the process grew with the sizes before it."""
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            KEYSTROKE_CHILD,
            str(Path(__file__).parent),
            str(work),
            str(plan),
            str(repeats),
            "none" if budget is None else str(budget),
        ],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    return float(out.stdout.split()[-1])


def bench_funnel_keystroke(work: Path, demo: Path, repeats: int) -> float:
    """One character typed into a work-back funnel input: saved, the table recomputed and shown."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    window = bench_window(work, demo, "brainstorm", "funnel")
    page = window.phase_pages["brainstorm"]
    tab = page.tabs["Work back"]  # type: ignore[attr-defined]
    page.ui.exercises.setCurrentWidget(tab)  # type: ignore[attr-defined]
    QApplication.processEvents()
    edit = tab.inputs["average_deal_size"]
    edit.setFocus()
    edit.end(False)
    typed = [False]

    def keystroke() -> None:  # alternately type a 0 and take it back, so the figures stay sane
        QTest.keyClick(edit, Qt.Key.Key_Backspace if typed[0] else Qt.Key.Key_0)
        typed[0] = not typed[0]
        QApplication.processEvents()

    keystroke()  # the first computation loads the funnel module, once per session
    keystroke()
    result = median_time(keystroke, repeats)
    close_window(window)
    return result


def bench_export(work: Path, demo: Path, repeats: int) -> tuple[float, float]:
    from offsite.exchange.interchange import write_json
    from offsite.exchange.pdf import export_pdf
    from offsite.services.brainstorm import read_brainstorm
    from offsite.services.plans import open_plan, read_plan

    with open_plan(demo, readonly=True) as plan:

        def pdf_export() -> None:  # as File > Export PDF does: the plan and its brainstorm appendix
            export_pdf(read_plan(plan), work / "demo.pdf", brainstorm=read_brainstorm(plan))

        pdf_export()  # fonts registered once per process, as in the app
        pdf = median_time(pdf_export, repeats)
        json = median_time(lambda: write_json(plan, work / "demo.json"), repeats)
    return pdf, json


def bench_merge(work: Path, demo: Path, repeats: int) -> tuple[float, float, float]:
    """Three leaders' drafts (5 objectives with metrics, 5 candidates, a why-chain each): preview, then merge.

    The baseline is reading the plan once as a document, the step every merge repeats for the
    plan and for each draft.
    """
    from offsite.exchange.drafts import export_draft_pack, merge_drafts, preview_merge, undo_merge
    from offsite.services.brainstorm import add_candidate, add_why_node
    from offsite.services.objectives import add_metric, add_objective
    from offsite.services.plans import open_plan, read_plan
    from offsite.store.document import plan_document

    path = work / "merge.offsite"
    shutil.copy(demo, path)
    plan = open_plan(path)
    drafts = []
    for leader in read_plan(plan).leaders[:3]:
        out = export_draft_pack(plan, leader.uid, work / f"{leader.uid}.offsite")
        with open_plan(out) as draft:
            team = read_plan(draft).teams[0].id
            for n in range(5):
                objective = add_objective(
                    draft, f"{leader.name} objective {n}", [team], method="Do it well."
                ).id
                add_metric(draft, objective, "Meetings", target=40 + n)
                add_metric(draft, objective, "Pipeline", unit="M USD", target=1.5 + n)
                add_candidate(draft, f"{leader.name} idea {n}", team)
            parent = None
            for text in ("We want more meetings", "Because pipeline is thin", "So revenue grows"):
                parent = add_why_node(draft, team, text, parent).id
        drafts.append(out)
    document = median_time(lambda: plan_document(plan), repeats)
    preview = median_time(lambda: preview_merge(plan, drafts), repeats)
    merges = []
    for _ in range(repeats):
        ready = preview_merge(plan, drafts)
        merges.append(median_time(lambda ready=ready: undo_merge(plan, merge_drafts(plan, ready)), 1))
    plan.close()
    return document, preview, statistics.median(merges)


@dataclass(frozen=True, slots=True)
class Settings:
    """How much a run measures: scales, repeats, and the caps past which slow work is stopped."""

    name: str
    repeats: int  # start-up and opening, each a child process
    edit_repeats: int
    key_repeats: int
    key_budget: float | None  # seconds of keystrokes per plan before the median is taken
    key_scales: tuple[int, ...]
    review_scales: tuple[int, ...]
    pdf_scales: tuple[int, ...]
    big: int  # the plan opened and imported
    review_cap: float | None
    pdf_cap: float | None
    import_cap: float | None
    import_repeats: int
    tracked: tuple[int, int] = (TRACKED_METRICS, TRACKED_CHECK_INS)  # metrics, check-ins
    tracked_cap: float | None = None  # seconds for its export or fingerprint
    actuals_rows: int = 100_000  # lines of the CSV of actuals imported


FULL = Settings(
    "full", 7, 200, 60, 30.0, (100, 1000), (100, 1000), (1, 10, 100), 1000, 60, 900, 300, 3, tracked_cap=300
)
QUICK = Settings(
    "quick", 5, 50, 20, 8.0, (10, 100), (10, 100), (1, 10, 100), 100, 30, 90, 60, 1, tracked_cap=120
)
SMOKE = Settings(
    "smoke", 1, 1, 1, None, (1,), (1,), (1,), 1, None, None, None, 1, tracked=(12, 480), actuals_rows=600
)
#: The cadence's rows, by the name ``--only`` chooses them by.
CADENCE_ROWS = ("open", "export", "weekly", "import")
#: The rows ``--only`` may choose: the cadence's, and the agreements'.
ONLY_ROWS = (*CADENCE_ROWS, "agreements", "room")


class Plans:
    """The plans of a run: the demo, and generated ones made once each and kept in the run's folder."""

    def __init__(self, work: Path) -> None:
        from offsite.exchange.demo import write_demo_plan

        self.work = work
        self.demo = work / "demo.offsite"
        write_demo_plan(self.demo).close()
        self.made: dict[int, Path] = {}
        self.tracked_made: dict[tuple[int, int], Path] = {}

    def at(self, scale: int) -> Path:
        if scale not in self.made:
            path = self.work / f"x{scale}.offsite"
            start = time.perf_counter()
            generate(path, scale).close()
            took = time.perf_counter() - start
            print(f"           (generated {scale:,}× the demo plan: {plan_rows(path):,} rows, {took:.1f} s)")
            self.made[scale] = path
        return self.made[scale]

    def tracked(self, metrics: int, check_ins: int) -> Path:
        """A plan of ``metrics`` metrics tracked for two years by ``check_ins`` weekly check-ins."""
        if (metrics, check_ins) not in self.tracked_made:
            path = self.work / f"tracked-{metrics}-{check_ins}.offsite"
            start = time.perf_counter()
            generate_tracked(path, metrics, check_ins).close()
            took = time.perf_counter() - start
            print(
                f"           (generated {metrics:,} metrics and {check_ins:,} check-ins: "
                f"{plan_rows(path):,} rows, {took:.1f} s)"
            )
            self.tracked_made[metrics, check_ins] = path
        return self.tracked_made[metrics, check_ins]


def ratio(subject: float | None, baseline: float | None) -> str:
    if subject is None or not baseline:
        return "—"
    return f"{subject / baseline:,.2f}×"


def scaled(scale: int) -> str:
    return f"{scale:,}×"


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Offsite's benchmarks: the performance goals' ratios.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="plans up to 100×, fewer repeats, lower caps")
    group.add_argument("--smoke", action="store_true", help="demo-sized plans, one repeat, no caps")
    parser.add_argument(
        "--profile", action="store_true", help="instead, profile a keystroke at 1,000× and the PDF at 10×"
    )
    parser.add_argument(
        "--cadence", action="store_true", help="only the review cadence's rows: a plan tracked for two years"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=ONLY_ROWS,
        help="only these rows: the review cadence's (implies --cadence), the agreements' or the room's",
    )
    args = parser.parse_args(argv)
    settings = SMOKE if args.smoke else QUICK if args.quick else FULL
    with tempfile.TemporaryDirectory(prefix="offsite-bench-") as folder:
        if args.profile:
            profile_hot_spots(Path(folder), Plans(Path(folder)), smoke=args.smoke)
        elif args.cadence or args.only:
            work = Path(folder)
            table: list[tuple[str, str, str]] = []
            only = frozenset(args.only or CADENCE_ROWS)
            print(
                f"Offsite benchmarks ({settings.name} run, only {', '.join(sorted(only))}) on "
                f"{os.cpu_count()} cores",
                flush=True,
            )
            plans = Plans(work)
            if only & set(CADENCE_ROWS):
                run_cadence(work, settings, plans, table, only & frozenset(CADENCE_ROWS))
            if "agreements" in only:
                run_agreements(work, settings, plans, table)
            if "room" in only:
                run_room(work, settings.name, table)
            print_table(table)
        else:
            run(Path(folder), settings)


def run(work: Path, s: Settings) -> None:
    table: list[tuple[str, str, str]] = []
    plans = Plans(work)
    demo = plans.demo
    command = offsite_command()
    print(
        f"Offsite benchmarks ({s.name} run) on {os.cpu_count()} cores, Python {sys.version.split()[0]}",
        flush=True,
    )

    bare, first, app = bench_startup(work, demo, s.repeats)
    print(f"start-up   bare PySide6 window to PNG   {bare * 1000:7.0f} ms")
    print(f"           Offsite window painted       {first * 1000:7.0f} ms   ratio {first / bare:4.2f}")
    print(
        f"           offsite open --screenshot    {app * 1000:7.0f} ms   ratio {app / bare:4.2f}", flush=True
    )
    table.append(
        (
            "start to the demo plan, window painted, vs a bare PySide6 window",
            f"{ratio(app, bare)} (first paint {ratio(first, bare)})",
            "≤ 2.5×",
        )
    )

    big = plans.at(s.big)
    small, large = bench_open(work, command, demo, big, s.repeats)
    print(f"open       the demo plan (child process) {small * 1000:6.0f} ms")
    print(
        f"           the {scaled(s.big)} plan             {large * 1000:7.0f} ms   ratio {large / small:4.2f}"
    )
    table.append(
        (
            f"open the {scaled(s.big)} plan vs open the demo plan (offsite open --screenshot)",
            ratio(large, small),
            "≤ 1.2×",
        )
    )

    keys = [keystroke_in_child(work, demo, s.key_repeats, s.key_budget)]
    print(f"keystroke  the demo plan's statement    {keys[0] * 1000:7.1f} ms", flush=True)
    for scale in s.key_scales:
        keys.append(keystroke_in_child(work, plans.at(scale), s.key_repeats, s.key_budget))
        print(
            f"           at {scaled(scale):<7} the same field     {keys[-1] * 1000:7.1f} ms"
            f"   ratio {keys[-1] / keys[0]:5.2f}",
            flush=True,
        )
    table.append(
        (
            "one keystroke in a field: demo / " + " / ".join(scaled(n) for n in s.key_scales),
            " / ".join(f"{k * 1000:,.1f} ms" for k in keys)
            + " ("
            + " / ".join(ratio(k, keys[0]) for k in keys[1:])
            + " the demo's)",
            "≤ 1.2× the demo's at 1,000×, and ≤ 30 ms",
        )
    )

    raw, verb = bench_edit(work, demo, s.edit_repeats)
    print(f"edit       raw sqlite3 insert+commit    {raw * 1000:7.2f} ms")
    print(
        f"           add-objective verb           {verb * 1000:7.2f} ms   ratio {verb / raw:4.2f}", flush=True
    )
    table.append(("add an objective vs raw sqlite3 insert+commit, same pragmas", ratio(verb, raw), "≤ 1.5×"))

    reviews: list[str] = []
    for scale in s.review_scales:
        path = plans.at(scale)
        overlaps, found = bench_review(work, path, "overlaps", s.review_cap)
        themes, suggested = bench_review(work, path, "themes", s.review_cap)
        print(
            f"review     at {scaled(scale):<7} overlaps {overlaps.text():>10} ({found if found is not None else '?'}"
            f" found), themes {themes.text()} ({suggested if suggested is not None else '?'} suggested)",
            flush=True,
        )
        reviews.append(f"{overlaps.text()} + {themes.text()}")
    table.append(
        (
            "Review (overlaps + themes) at " + " / ".join(scaled(n) for n in s.review_scales),
            " / ".join(reviews),
            "≤ 1 s at 100× / ≤ 5 s at 1,000×, never blocking the UI",
        )
    )

    pdfs = []
    for scale in s.pdf_scales:
        path = demo if scale == 1 else plans.at(scale)
        objectives = 6 * scale
        result = bench_pdf(work, path, objectives, 3 if scale == 1 and s.name != "smoke" else 1, s.pdf_cap)
        pdfs.append(result)
        name = "the demo plan" if scale == 1 else f"{scaled(scale)}"
        pages = f"{result.pages:,} pages" if result.pages else "pages unknown"
        print(
            f"PDF        {name:<14} full {result.subject.text():>10} ({pages}); bare reportlab on "
            f"{result.text_from} {result.baseline.text()}   ratio {ratio(result.subject.seconds, result.baseline.seconds)}",
            flush=True,
        )
    # The exponent from the two largest sizes that finished: at the demo's size fixed costs
    # (fonts, the title page) hide how the cost grows.
    finished = [r for r in pdfs if r.subject.seconds is not None][-2:]
    k_pdf = growth([(r.objectives, r.subject.seconds) for r in finished])
    k_bare = growth([(r.objectives, r.baseline.seconds) for r in finished])
    grows = f"n^{k_pdf:.2f}" if k_pdf is not None else "n/a"
    bare_grows = f"n^{k_bare:.2f}" if k_bare is not None else "n/a"
    between = " to ".join("demo" if r.objectives == 6 else scaled(r.objectives // 6) for r in finished)
    print(f"           cost grows as {grows} from {between} (bare reportlab: {bare_grows})")
    table.append(
        (
            "full PDF vs bare reportlab on the same text: "
            + " / ".join("demo" if r.objectives == 6 else f"{r.objectives // 6:,}×" for r in pdfs),
            " / ".join(
                ratio(r.subject.seconds, r.baseline.seconds) if r.subject.seconds else r.subject.text()
                for r in pdfs
            )
            + f", cost grows as {grows} ({between})",
            "≤ 1.5×, linear",
        )
    )

    imported, baseline, rows, size = bench_import(work, big, s.import_repeats, s.import_cap)
    print(
        f"import     json.loads + sqlite3 executemany of {rows:,} rows ({size / 1e6:.1f} MB JSON) "
        f"{baseline.text()}"
    )
    print(
        f"           JSON import of the {scaled(s.big)} plan  {imported.text():>10}   ratio "
        f"{ratio(imported.seconds, baseline.seconds)}",
        flush=True,
    )
    table.append(
        (
            f"JSON import of the {scaled(s.big)} plan (baseline: json.loads + sqlite3 executemany of its rows)",
            f"{imported.text()} ({ratio(imported.seconds, baseline.seconds)} the baseline's {baseline.text()})",
            "≤ 2 s",
        )
    )

    bare_kib, app_kib = bench_memory(work, command, demo, BARE_WINDOW)
    print(f"memory     bare window, peak RSS        {bare_kib / 1024:7.0f} MiB")
    print(
        f"           demo plan window painted     {app_kib / 1024:7.0f} MiB   ratio {app_kib / bare_kib:4.2f}"
    )
    table.append(("peak memory, demo plan, vs bare window", ratio(app_kib, bare_kib), "≤ 1.5×"))

    funnel = bench_funnel_keystroke(work, demo, s.key_repeats)
    print(f"funnel     input typed, table redone    {funnel * 1000:7.2f} ms   (aim well under 100 ms)")
    pdf, json_export = bench_export(work, demo, max(1, s.repeats))
    print(f"export     demo plan to PDF (in process) {pdf * 1000:6.0f} ms   (on a worker thread in the app)")
    print(f"           demo plan to JSON            {json_export * 1000:7.1f} ms")
    document, preview, merge = bench_merge(work, demo, s.repeats)
    print(f"merge      read the plan as a document  {document * 1000:7.1f} ms")
    print(
        f"           preview three drafts         {preview * 1000:7.1f} ms   ratio {preview / document:4.1f}"
    )
    print(f"           merge all three, then undo   {merge * 1000:7.1f} ms   ratio {merge / document:4.1f}")

    run_agreements(work, s, plans, table)
    run_cadence(work, s, plans, table)
    if (
        s.name != "smoke"
    ):  # the room's rows start a server and ten processes: tests/bench/test_bench_room.py smokes them
        run_room(work, s.name, table)
    print_table(table)


def print_table(table: list[tuple[str, str, str]]) -> None:
    print()
    print("| what | now | goal |")
    print("|---|---|---|")
    for what, now, goal in table:
        print(f"| {what} | {now} | {goal} |")


def run_agreements(work: Path, s: Settings, plans: Plans, table: list[tuple[str, str, str]]) -> None:
    """An agreement edited and a stance recorded on the largest plan, each vs raw sqlite3 (same run)."""
    done = bench_agreements(work, plans.at(s.big), s.edit_repeats)
    name = f"the {scaled(s.big)} plan ({done.agreements:,} agreements)"
    print(f"agreements on {name}")
    print(f"           raw sqlite3 update+commit    {done.raw_edit * 1000:7.2f} ms")
    print(
        f"           a service level edited       {done.verb_edit * 1000:7.2f} ms   "
        f"ratio {ratio(done.verb_edit, done.raw_edit)}"
    )
    print(f"           raw sqlite3 insert+commit    {done.raw_stance * 1000:7.2f} ms")
    print(
        f"           a leader's stance recorded   {done.verb_stance * 1000:7.2f} ms   "
        f"ratio {ratio(done.verb_stance, done.raw_stance)}",
        flush=True,
    )
    table.append(
        (
            f"edit an agreement (its service level) on {name} vs raw sqlite3 update+commit, same pragmas",
            f"{ratio(done.verb_edit, done.raw_edit)} ({done.verb_edit * 1000:,.2f} ms)",
            "≤ 1.5×",
        )
    )
    table.append(
        (
            f"record a leader's stance on an agreement on {name} vs raw sqlite3 insert+commit, same pragmas",
            f"{ratio(done.verb_stance, done.raw_stance)} ({done.verb_stance * 1000:,.2f} ms)",
            "≤ 1.5×",
        )
    )


def run_cadence(
    work: Path,
    s: Settings,
    plans: Plans,
    table: list[tuple[str, str, str]],
    rows: frozenset[str] = frozenset(CADENCE_ROWS),
) -> None:
    """A plan tracked for two years: opened against the demo plan, exported, fingerprinted, checked
    in on its weekly screen; and a CRM's actuals imported. ``rows``: which of them (CADENCE_ROWS)."""
    metrics, check_ins = s.tracked
    name = f"the plan of {metrics:,} metrics and {check_ins:,} check-ins"
    if rows & {"open", "export", "weekly"}:
        tracked = plans.tracked(metrics, check_ins)
    if rows & {"open", "export"}:
        untracked = without_check_ins(tracked, work / "untracked.offsite")
    if "open" in rows:
        open_tracked(work, s, plans, tracked, untracked, name, table)
    if "export" in rows:
        export_tracked(work, s, plans, tracked, untracked, name, table)
    if "weekly" in rows:
        weekly_keys(work, s, plans, tracked, name, table)
    if "import" in rows:
        import_rows(work, s, plans, table)


def open_tracked(
    work: Path,
    s: Settings,
    plans: Plans,
    tracked: Path,
    untracked: Path,
    name: str,
    table: list[tuple[str, str, str]],
) -> None:
    small, large = bench_open(work, offsite_command(), plans.demo, tracked, s.repeats)
    print(f"cadence    open the demo plan (child process) {small * 1000:6.0f} ms")
    print(f"           open {name}  {large * 1000:7.0f} ms   ratio {large / small:4.2f}", flush=True)
    table.append(
        (f"open {name} vs open the demo plan (offsite open --screenshot)", ratio(large, small), "≤ 1.2×")
    )
    # What the check-ins themselves cost the open, apart from the plan's size: the first page reads none.
    before, after = bench_open(work, offsite_command(), untracked, tracked, s.repeats)
    print(
        f"           open it without its check-ins {before * 1000:6.0f} ms   ratio {after / before:4.2f}",
        flush=True,
    )
    table.append((f"open {name} vs the same plan without its check-ins", ratio(after, before), "≈ 1×"))


def export_tracked(
    work: Path,
    s: Settings,
    plans: Plans,
    tracked: Path,
    untracked: Path,
    name: str,
    table: list[tuple[str, str, str]],
) -> None:
    export, bare, printed, printed_bare = bench_tracked(
        work, plans.demo, tracked, untracked, max(1, s.repeats // 2), s.tracked_cap
    )
    print(
        f"           JSON export                  {export.text():>10}   (sqlite3 + json.dumps of its rows {bare.text()})"
    )
    print(
        f"           fingerprint                  {printed.text():>10}   (without its check-ins {printed_bare.text()})",
        flush=True,
    )
    table.append(
        (
            f"JSON export of {name} (baseline: sqlite3 read + json.dumps of its rows)",
            f"{export.text()} ({ratio(export.seconds, bare.seconds)} the baseline's {bare.text()})",
            "none set yet",
        )
    )
    table.append(
        (
            f"fingerprint of {name} vs the same plan without its check-ins",
            f"{ratio(printed.seconds, printed_bare.seconds)} ({printed.text()} / {printed_bare.text()})",
            "≈ 1×: no signature covers check-ins",
        )
    )


def weekly_keys(
    work: Path, s: Settings, plans: Plans, tracked: Path, name: str, table: list[tuple[str, str, str]]
) -> None:
    """A check-in typed on Review ▸ Check-ins (a digit, Enter) of the tracked plan vs the demo plan's."""
    demo = check_in_keys_in_child(work, plans.demo, s.key_repeats, s.key_budget)
    print(
        f"weekly     the demo plan: a digit typed {demo.digit * 1000:7.1f} ms, Enter saving it "
        f"{demo.enter * 1000:7.1f} ms   ({demo.saved} check-ins saved)",
        flush=True,
    )
    big = check_in_keys_in_child(work, tracked, s.key_repeats, s.key_budget)
    print(
        f"           {name}: a digit {big.digit * 1000:7.1f} ms   ratio {big.digit / demo.digit:5.2f}, "
        f"Enter {big.enter * 1000:7.1f} ms   ratio {big.enter / demo.enter:5.2f}   ({big.saved} saved)",
        flush=True,
    )
    table.append(
        (
            f"weekly screen (Review ▸ Check-ins) of {name}: a digit typed into New actual / Enter saving "
            "the check-in, vs the same on the demo plan",
            f"{big.digit * 1000:,.1f} ms / {big.enter * 1000:,.1f} ms ({ratio(big.digit, demo.digit)} / "
            f"{ratio(big.enter, demo.enter)} the demo's {demo.digit * 1000:,.1f} ms / {demo.enter * 1000:,.1f} ms)",
            "≤ 30 ms per keystroke",
        )
    )


def import_rows(work: Path, s: Settings, plans: Plans, table: list[tuple[str, str, str]]) -> None:
    """A CSV of actuals imported end to end into a fresh copy of the demo plan vs its bare baseline."""
    done = bench_actuals_import(work, plans.demo, s.actuals_rows, s.import_repeats)
    print(
        f"actuals    pandas.read_csv + sqlite3 executemany of {done.rows:,} check-ins "
        f"({done.size / 1e6:.1f} MB CSV) {done.baseline.text()}"
    )
    print(
        f"           imported end to end ({done.written:,} check-ins written)  {done.subject.text():>10}   "
        f"ratio {ratio(done.subject.seconds, done.baseline.seconds)}",
        flush=True,
    )
    table.append(
        (
            f"import of {done.rows:,} CSV lines end to end: read, previewed, written into a fresh copy of "
            "the demo plan (baseline: pandas.read_csv + sqlite3 executemany of as many check-ins)",
            f"{done.subject.text()} ({ratio(done.subject.seconds, done.baseline.seconds)} the baseline's "
            f"{done.baseline.text()})",
            "≤ 5 s",
        )
    )


def profile_hot_spots(work: Path, plans: Plans, smoke: bool) -> None:
    """cProfile's top 15 (cumulative and own time) for a keystroke at 1,000× and the full PDF at 10×."""
    import pstats

    largest = 1 if smoke else 1000
    profiler = cProfile.Profile()
    bench_keystroke(work, plans.at(largest), 3, None, profiler)
    print(f"\nProfile: a keystroke (three, after one warm-up) on the {scaled(largest)} plan")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)

    from offsite.exchange.pdf import export_pdf
    from offsite.services.brainstorm import read_brainstorm
    from offsite.services.plans import open_plan, read_plan

    scale = 1 if smoke else 10
    with open_plan(plans.at(scale), readonly=True) as plan:
        export_pdf(read_plan(plan), work / "warm.pdf", brainstorm=read_brainstorm(plan))  # fonts
        profiler = cProfile.Profile()
        profiler.enable()
        export_pdf(read_plan(plan), work / "profiled.pdf", brainstorm=read_brainstorm(plan))
        profiler.disable()
    print(f"\nProfile: the full PDF of the {scaled(scale)} plan")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
