"""Offsite's benchmarks: figures and ratios against bare baselines measured in the same run.

A benchmark is not a test: it prints, it never passes or fails. Run with ``make bench``.

    start-up      a bare PySide6 window grabbed to PNG   vs  offsite open DEMO --screenshot
    edit          raw sqlite3 insert + commit            vs  the add-objective verb (same pragmas)
    keystroke     one typed character through the GUI: command, commit, every view refreshed
                  (and into a work-back funnel input, which also recomputes the table with pandas)
    export        the demo plan's PDF and JSON
"""

from __future__ import annotations

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
from pathlib import Path

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


def median_time(run: Callable[[], object], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
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


def bench_keystroke(work: Path, demo: Path, repeats: int) -> float:
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from offsite.gui.app import make_application
    from offsite.gui.shell import MainWindow

    path = work / "keys.offsite"
    shutil.copy(demo, path)
    make_application([])
    window = MainWindow(QSettings(str(work / "bench.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    window.open_path(path)
    window.show_view("plan")
    QApplication.processEvents()
    edit = window.phase_pages["plan"].ui.statementEdit
    edit.setFocus()
    edit.end(False)

    def keystroke() -> None:
        QTest.keyClick(edit, "x")
        QApplication.processEvents()

    result = median_time(keystroke, repeats)
    window.close()
    return result


def bench_funnel_keystroke(work: Path, demo: Path, repeats: int) -> float:
    """One character typed into a work-back funnel input: saved, the pandas table recomputed and shown."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from offsite.gui.app import make_application
    from offsite.gui.shell import MainWindow

    path = work / "funnel.offsite"
    shutil.copy(demo, path)
    make_application([])
    window = MainWindow(QSettings(str(work / "bench-funnel.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    window.open_path(path)
    window.show_view("brainstorm")
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

    keystroke()  # pandas loads on the first computation, once per session
    keystroke()
    result = median_time(keystroke, repeats)
    window.close()
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
    from offsite.services.document import plan_document
    from offsite.services.objectives import add_metric, add_objective
    from offsite.services.plans import open_plan, read_plan

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


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory(prefix="offsite-bench-") as folder:
        work = Path(folder)
        demo = work / "demo.offsite"
        from offsite.services.demo import write_demo_plan

        write_demo_plan(demo).close()
        print(f"Offsite benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        bare, first, app = bench_startup(work, demo, 3 if quick else 7)
        print(f"start-up   bare PySide6 window to PNG   {bare * 1000:7.0f} ms")
        print(
            f"           Offsite window painted       {first * 1000:7.0f} ms   ratio {first / bare:4.2f}  (before the plan loads)"
        )
        print(
            f"           offsite open --screenshot    {app * 1000:7.0f} ms   ratio {app / bare:4.2f}  (aim <= 2.5)"
        )
        raw, verb = bench_edit(work, demo, 50 if quick else 200)
        print(f"edit       raw sqlite3 insert+commit    {raw * 1000:7.2f} ms")
        print(
            f"           add-objective verb           {verb * 1000:7.2f} ms   ratio {verb / raw:4.2f}  (aim <= 1.5)"
        )
        key = bench_keystroke(work, demo, 20 if quick else 60)
        print(f"keystroke  typed, committed, refreshed  {key * 1000:7.2f} ms   (aim well under 100 ms)")
        funnel = bench_funnel_keystroke(work, demo, 20 if quick else 60)
        print(f"           funnel input, table redone   {funnel * 1000:7.2f} ms   (aim well under 100 ms)")
        pdf, json = bench_export(work, demo, 3 if quick else 5)
        print(
            f"export     demo plan to PDF             {pdf * 1000:7.0f} ms   (on a worker thread in the app)"
        )
        print(f"           demo plan to JSON            {json * 1000:7.1f} ms")
        document, preview, merge = bench_merge(work, demo, 3 if quick else 7)
        print(f"merge      read the plan as a document  {document * 1000:7.1f} ms")
        print(
            f"           preview three drafts         {preview * 1000:7.1f} ms   ratio {preview / document:4.1f}  (on a worker thread in the app)"
        )
        print(
            f"           merge all three, then undo   {merge * 1000:7.1f} ms   ratio {merge / document:4.1f}  (one transaction each)"
        )


if __name__ == "__main__":
    main()
