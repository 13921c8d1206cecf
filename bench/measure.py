"""The benchmarks of large plans: opening, Review, the PDF, JSON import and peak memory.

Each runs what could take minutes in a child process that is killed at a cap, so a run always
ends; a capped figure is reported as "> cap". Times are ``time.perf_counter`` medians; a subject
and its baseline alternate, so both see the same disk and the same load from other programs.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class ChildFailed(RuntimeError):
    """A measured child process ended in an error: ``reason`` is the last line it wrote (the exception)."""

    def __init__(self, args: Sequence[str], err: str) -> None:
        lines = [line for line in err.splitlines() if line.strip()]
        self.reason = lines[-1] if lines else "no message"
        super().__init__(f"{' '.join(args[:3])}… failed:\n{err[-3000:]}")


@dataclass(frozen=True, slots=True)
class Timed:
    """A time in seconds, or ``None`` when the work ran past ``cap`` seconds and was stopped, or failed."""

    seconds: float | None
    cap: float | None = None
    failed: str = ""  # why the work failed, when it did

    def text(self, unit: str = "s") -> str:
        if self.failed:
            return f"failed ({self.failed})"
        if self.seconds is None:
            return f"> {self.cap:.0f} s"
        if unit == "ms" or self.seconds < 1:
            return f"{self.seconds * 1000:,.1f} ms"
        return f"{self.seconds:,.2f} s"


def child_env(work: Path) -> dict[str, str]:
    """The environment of a child process: offscreen Qt, and settings kept inside ``work``."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_STATE_HOME": str(work / "state"),
    }


def run_child(work: Path, args: Sequence[str], cap: float | None) -> tuple[float | None, str]:
    """Run ``args``; return (wall time, or ``None`` if it was killed at ``cap`` seconds; stdout)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        list(args), env=child_env(work), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        out, err = child.communicate(timeout=cap)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return None, ""
    elapsed = time.perf_counter() - start
    if child.returncode != 0:
        raise ChildFailed(args, err)
    return elapsed, out


#: Runs its arguments and prints their peak resident memory (KiB). A child of this small process
#: starts its high-water mark from this process's size, not from the benchmark's: Linux carries the
#: mark across fork and exec, so a child of the benchmark itself would report the benchmark's size.
PEAK = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_pid, status, usage = os.wait4(child.pid, 0)
sys.exit(f"failed with status {status}") if status else print(usage.ru_maxrss)
"""


def peak_memory(work: Path, args: Sequence[str]) -> int:
    """The peak resident memory of the process ``args`` (KiB), from the kernel's account of it."""
    _, out = run_child(work, [sys.executable, "-c", PEAK, *args], None)
    return int(out.strip().splitlines()[-1])


def python_child(script: str, *args: str | Path) -> list[str]:
    return [sys.executable, "-c", script, *map(str, args)]


# -- opening a plan -------------------------------------------------------------------------------


def bench_open(
    work: Path, command: Sequence[str], demo: Path, big: Path, repeats: int
) -> tuple[float, float]:
    """``offsite open PLAN --view plan --screenshot`` (a child process each) of the demo and of ``big``."""

    def opening(plan: Path) -> list[str]:
        return [*command, "open", str(plan), "--view", "plan", "--screenshot", str(work / "open.png")]

    run_child(work, opening(demo), None), run_child(work, opening(big), None)  # warm the file cache
    small, large = [], []
    for _ in range(repeats):
        small.append(run_child(work, opening(demo), None)[0] or 0.0)
        large.append(run_child(work, opening(big), None)[0] or 0.0)
    return statistics.median(small), statistics.median(large)


def bench_memory(work: Path, command: Sequence[str], demo: Path, bare_script: str) -> tuple[int, int]:
    """Peak memory (KiB) of a bare window grabbed to PNG, and of the demo plan's window painted."""
    bare = peak_memory(work, python_child(bare_script, work / "bare-memory.png"))
    app = peak_memory(
        work, [*command, "open", str(demo), "--view", "plan", "--screenshot", str(work / "memory.png")]
    )
    return bare, app


# -- Review: overlaps and themes ------------------------------------------------------------------

REVIEW = """
import sys, time, json
from itertools import combinations
from offsite.services.plans import open_plan, read_plan
kind = sys.argv[2]
with open_plan(sys.argv[1], readonly=True) as plan:
    if kind == "overlaps":  # as the Overlaps screen loads: gui/overlaps.py
        from offsite.domain.overlap_review import review_overlaps
        from offsite.services.overlaps import read_resolutions
        view = read_plan(plan)
        resolutions = read_resolutions(plan)
        start = time.perf_counter()
        found = review_overlaps(view, resolutions).found
    else:  # as the Common themes tab fills its suggestions: gui/brainstorm/chains.py
        from offsite.domain.themes import ThemeNode, suggest_theme_pairs
        from offsite.services.brainstorm import read_brainstorm
        bs = read_brainstorm(plan)
        start = time.perf_counter()
        nodes = [ThemeNode(n.uid, str(n.team_id), n.text, n.depth) for n in bs.nodes]
        uids = {n.id: n.uid for n in bs.nodes}
        linked = [
            (uids[a], uids[b])
            for theme in bs.themes
            for a, b in combinations(theme.node_ids, 2)
            if a in uids and b in uids
        ]
        dismissed = [(d.first_uid, d.second_uid) for d in bs.dismissed]
        found = len(suggest_theme_pairs(nodes, dismissed=dismissed, already_linked=linked))
    print(json.dumps({"seconds": time.perf_counter() - start, "found": found}))
"""


def bench_review(work: Path, plan: Path, kind: str, cap: float | None) -> tuple[Timed, int | None]:
    """Overlap review or theme suggestions on ``plan`` in a child process: (time, how many found)."""
    try:
        elapsed, out = run_child(work, python_child(REVIEW, plan, kind), cap)
    except ChildFailed as error:
        print(error, file=sys.stderr)
        return Timed(None, cap, error.reason), None
    if elapsed is None:
        return Timed(None, cap), None
    result = json.loads(out.strip().splitlines()[-1])
    return Timed(result["seconds"]), result["found"]


# -- the PDF --------------------------------------------------------------------------------------

PDF = """
import sys, time, json
from offsite.exchange.pdf import export_pdf
from offsite.exchange import fonts
from offsite.services.brainstorm import read_brainstorm
from offsite.services.plans import open_plan, read_plan
fonts.font_chain()  # registered once per process, as in the app
with open_plan(sys.argv[1], readonly=True) as plan:
    start = time.perf_counter()  # as File > Export PDF does: the plan and its brainstorm appendix
    export_pdf(read_plan(plan), sys.argv[2], brainstorm=read_brainstorm(plan))
    print(json.dumps({"seconds": time.perf_counter() - start}))
"""

BARE_PDF = """
import sys, time, json
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from offsite.exchange import fonts
fonts.font_chain()  # the same fonts as the PDF: registered before the clock starts
lines = json.loads(open(sys.argv[1], encoding="utf-8").read())
style = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=9, leading=12)
start = time.perf_counter()
story = [Paragraph(fonts.markup(line), fonts.paragraph_style(style, line)) for line in lines]
SimpleDocTemplate(sys.argv[2], pagesize=A4).build(story)
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

PLAN_TEXTS = """
import sys, json
from offsite.exchange.interchange import export_document
from offsite.services.plans import open_plan
def strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("uid", "content", "fingerprint") and not key.endswith(("_at", "uid")):
                yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str) and value.strip() and len(value) != 36:
        yield from (line for line in value.splitlines() if line.strip())
with open_plan(sys.argv[1], readonly=True) as plan:
    document = export_document(plan)
document.pop("versions", None)
json.dump(list(strings(document)), open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
"""


@dataclass(frozen=True, slots=True)
class PdfRun:
    objectives: int
    subject: Timed
    baseline: Timed
    pages: int | None
    text_from: str  # "the PDF's text" (pdftotext) or "the plan's texts" (when the PDF was capped)


def pdf_lines(pdf: Path) -> list[str] | None:
    """Every line of text the PDF draws, in order (pdftotext), or ``None`` without pdftotext."""
    if shutil.which("pdftotext") is None:
        return None
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True)
    return [line for line in text.stdout.decode("utf-8").splitlines() if line.strip()]


def pdf_pages(pdf: Path) -> int | None:
    if shutil.which("pdfinfo") is None:
        return None
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), None)


def bench_pdf(work: Path, plan: Path, objectives: int, repeats: int, cap: float | None) -> PdfRun:
    """The full PDF of ``plan`` vs bare reportlab laying out the same text, alternately, capped."""
    out, bare_out = work / f"{plan.stem}.pdf", work / f"{plan.stem}-bare.pdf"
    lines_file = work / f"{plan.stem}-lines.json"
    subject: list[float] = []
    baseline: list[float] = []
    text_from = "the PDF's text"
    failed = ""
    for n in range(repeats):
        try:
            elapsed, result = run_child(work, python_child(PDF, plan, out), cap)
        except ChildFailed as error:  # a failure is a figure too: reported, and the run goes on
            print(error, file=sys.stderr)
            elapsed, failed = None, error.reason
        if elapsed is None:
            subject = []
            break
        subject.append(json.loads(result.strip().splitlines()[-1])["seconds"])
        if n == 0:
            lines = pdf_lines(out)
            if lines is None:
                break
            lines_file.write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
        _, result = run_child(work, python_child(BARE_PDF, lines_file, bare_out), None)
        baseline.append(json.loads(result.strip().splitlines()[-1])["seconds"])
    if not baseline:  # no PDF to read back: lay out the plan's own texts instead
        text_from = "the plan's texts"
        run_child(work, python_child(PLAN_TEXTS, plan, lines_file), None)
        for _ in range(repeats):
            _, result = run_child(work, python_child(BARE_PDF, lines_file, bare_out), None)
            baseline.append(json.loads(result.strip().splitlines()[-1])["seconds"])
    return PdfRun(
        objectives,
        Timed(statistics.median(subject)) if subject else Timed(None, cap, failed),
        Timed(statistics.median(baseline)),
        pdf_pages(out) if subject else None,
        text_from,
    )


def growth(points: Sequence[tuple[int, float | None]]) -> float | None:
    """The exponent k of time ∝ size^k, fitted (least squares on logs) to the points measured."""
    known = [(math.log(size), math.log(t)) for size, t in points if t is not None and t > 0 and size > 0]
    if len(known) < 2:
        return None
    mean_x = sum(x for x, _ in known) / len(known)
    mean_y = sum(y for _, y in known) / len(known)
    spread = sum((x - mean_x) ** 2 for x, _ in known)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in known) / spread


# -- JSON import ----------------------------------------------------------------------------------

IMPORT = """
import sys, time, json
from offsite.exchange.interchange import import_json
start = time.perf_counter()  # what `offsite import` calls
import_json(sys.argv[1], sys.argv[2]).close()
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

#: The import of a JSON export under cProfile: where its time goes, by own time and by stage.
IMPORT_PROFILE = """
import cProfile, pstats, sys
from offsite.exchange.interchange import import_json
profiler = cProfile.Profile()
profiler.enable()
import_json(sys.argv[1], sys.argv[2]).close()
profiler.disable()
stats = pstats.Stats(profiler)
stats.sort_stats("tottime").print_stats(15)
stats.print_callees("[(](parse|check_document|insert_document|create_plan_file)[)]$")
"""

RAW_IMPORT = """
import sys, time, json, sqlite3
from offsite.store.planfile import configure_connection
source, model, target = sys.argv[1:4]
# The rows of the plan exported, and an empty file of the same schema to write them into.
with sqlite3.connect(model) as db:
    schema = [sql for (sql,) in db.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY type = 'table' DESC")]
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'")]
    rows = {t: db.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
raw = sqlite3.connect(target, isolation_level=None)
configure_connection(raw)
raw.execute("PRAGMA foreign_keys = OFF")  # rows go in table by table, not in dependency order
for sql in schema:
    raw.execute(sql)
start = time.perf_counter()
document = json.loads(open(source, encoding="utf-8").read())
raw.execute("BEGIN IMMEDIATE")
for table, values in rows.items():
    if values:
        marks = ", ".join("?" * len(values[0]))
        raw.executemany(f'INSERT INTO "{table}" VALUES ({marks})', values)
raw.execute("COMMIT")
seconds = time.perf_counter() - start
raw.close()
print(json.dumps({"seconds": seconds, "rows": sum(len(v) for v in rows.values())}))
"""


def bench_import(work: Path, plan: Path, repeats: int, cap: float | None) -> tuple[Timed, Timed, int, int]:
    """``import_json`` of ``plan``'s JSON export vs json.loads of that file + sqlite3 executemany of
    ``plan``'s rows into a file of the same schema (one transaction, the plan file's pragmas):
    (import, baseline, rows, bytes of JSON)."""
    from offsite.exchange.interchange import write_json
    from offsite.services.plans import open_plan

    source = work / f"{plan.stem}.json"
    with open_plan(plan, readonly=True) as opened:
        write_json(opened, source)
    subject: list[float] = []
    baseline: list[float] = []
    rows = 0
    failed = ""
    for n in range(repeats):
        target = work / f"{plan.stem}-imported-{n}.offsite"
        try:
            elapsed, result = run_child(work, python_child(IMPORT, source, target), cap)
        except ChildFailed as error:
            print(error, file=sys.stderr)
            elapsed, failed = None, error.reason
        if elapsed is not None:
            subject.append(json.loads(result.strip().splitlines()[-1])["seconds"])
        target.unlink(missing_ok=True)
        raw_target = work / f"{plan.stem}-raw-{n}.offsite"
        _, result = run_child(work, python_child(RAW_IMPORT, source, plan, raw_target), None)
        answer = json.loads(result.strip().splitlines()[-1])
        baseline.append(answer["seconds"])
        rows = answer["rows"]
        raw_target.unlink()
        if elapsed is None:  # capped or failed: once is enough to say so
            subject = []
            break
    return (
        Timed(statistics.median(subject)) if subject else Timed(None, cap, failed),
        Timed(statistics.median(baseline)) if baseline else Timed(None, None, "not run"),
        rows,
        source.stat().st_size,
    )


def profile_import(work: Path, plan: Path) -> str:
    """cProfile's account of importing ``plan``'s JSON export (a child process): own time, and each stage's parts."""
    from offsite.exchange.interchange import write_json
    from offsite.services.plans import open_plan

    source = work / f"{plan.stem}-profiled.json"
    with open_plan(plan, readonly=True) as opened:
        write_json(opened, source)
    target = work / f"{plan.stem}-profiled.offsite"
    try:
        _, out = run_child(work, python_child(IMPORT_PROFILE, source, target), None)
    finally:
        target.unlink(missing_ok=True)
    return out


def plan_rows(plan: Path) -> int:
    """How many rows ``plan`` holds, all tables together."""
    with sqlite3.connect(f"file:{plan}?mode=ro", uri=True) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return sum(db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables)


# -- the review cadence: a plan tracked for years ------------------------------------------------

TRACKED = """
import sys, time, json
from offsite.domain.fingerprint import fingerprint
from offsite.exchange.interchange import write_json
from offsite.services.plans import open_plan
from offsite.store.document import signed_content
path, mode, out, warm = sys.argv[1:5]

def work(plan):
    if mode == "export":  # what File > Export and `offsite export` call
        write_json(plan, out)
    else:  # what freezing a version, and `offsite verify`, compute
        fingerprint(signed_content(plan))

with open_plan(warm, readonly=True) as plan:  # the modules a first call loads, loaded on the demo plan
    work(plan)
with open_plan(path, readonly=True) as plan:
    start = time.perf_counter()
    work(plan)
    print(json.dumps({"seconds": time.perf_counter() - start}))
"""

#: Every row of the plan file read with sqlite3 and written as indented JSON, as the export writes.
BARE_EXPORT = """
import sys, time, json, sqlite3
start = time.perf_counter()
with sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True) as db:
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'")]
    document = {}
    for table in tables:
        cursor = db.execute(f'SELECT * FROM "{table}"')
        names = [column[0] for column in cursor.description]
        document[table] = [dict(zip(names, row)) for row in cursor]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\\n")
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def without_check_ins(plan: Path, out: Path) -> Path:
    """A copy of ``plan`` with its check-ins taken out: the same plan before it was tracked."""
    shutil.copy(plan, out)
    db = sqlite3.connect(out, isolation_level=None)
    try:
        db.execute("DELETE FROM check_in")
        db.execute("VACUUM")
    finally:
        db.close()
    return out


def _timed_child(work: Path, args: Sequence[str], cap: float | None) -> Timed:
    try:
        elapsed, out = run_child(work, args, cap)
    except ChildFailed as error:
        print(error, file=sys.stderr)
        return Timed(None, cap, error.reason)
    if elapsed is None:
        return Timed(None, cap)
    return Timed(json.loads(out.strip().splitlines()[-1])["seconds"])


def _median(runs: Sequence[Timed], cap: float | None) -> Timed:
    failed = next((r for r in runs if r.seconds is None), None)
    if failed is not None:
        return failed
    return Timed(statistics.median(r.seconds for r in runs if r.seconds is not None), cap)


def bench_tracked(
    work: Path, demo: Path, tracked: Path, untracked: Path, repeats: int, cap: float | None
) -> tuple[Timed, Timed, Timed, Timed]:
    """The tracked plan's JSON export vs sqlite3 + json.dumps of its rows, and its fingerprint vs the
    same plan's without check-ins, each a child process (warmed on ``demo``), alternately:
    (export, bare, fingerprint, fingerprint without check-ins)."""

    def timed(script: str, *args: str | Path) -> Timed:
        return _timed_child(work, python_child(script, *args), cap)

    out = work / "tracked.json"
    export, bare, printed, printed_bare = [], [], [], []
    timed(BARE_EXPORT, tracked, out), timed(BARE_EXPORT, untracked, out)  # warm the file cache
    for _ in range(repeats):
        bare.append(timed(BARE_EXPORT, tracked, out))
        export.append(timed(TRACKED, tracked, "export", out, demo))
        printed_bare.append(timed(TRACKED, untracked, "fingerprint", out, demo))
        printed.append(timed(TRACKED, tracked, "fingerprint", out, demo))
        if any(r.seconds is None for r in (export[-1], printed[-1])):
            break  # capped or failed: once is enough to say so
    return _median(export, cap), _median(bare, cap), _median(printed, cap), _median(printed_bare, cap)
