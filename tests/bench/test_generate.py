"""The benchmark's plans and its run: N× the demo plan, worded in several scripts, a plan tracked for two
years, and every row printed."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cli_runner import runner
from offsite.domain.rules import document_faults
from offsite.exchange.interchange import export_document
from offsite.services.brainstorm import read_brainstorm
from offsite.services.checkins import latest_check_ins, read_check_ins, read_mappings
from offsite.services.plans import open_plan, read_plan

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from generate import TRACKED_WEEKS, demo_size, generate, generate_tracked  # noqa: E402

#: A script, and a letter of it each generated plan must hold somewhere in its texts.
SCRIPTS = {
    "German or French accents": lambda c: c in "äöüßéèêàçôÄÖÜÉ",
    "Cyrillic": lambda c: "CYRILLIC" in unicodedata.name(c, ""),
    "Arabic": lambda c: "ARABIC" in unicodedata.name(c, ""),
    "Hebrew": lambda c: "HEBREW" in unicodedata.name(c, ""),
    "Japanese kana": lambda c: "HIRAGANA" in unicodedata.name(c, "") or "KATAKANA" in unicodedata.name(c, ""),
    "Chinese characters": lambda c: "CJK UNIFIED" in unicodedata.name(c, ""),
    "Devanagari": lambda c: "DEVANAGARI" in unicodedata.name(c, ""),
}


def texts(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)
    elif isinstance(value, str):
        yield value


@pytest.mark.parametrize("scale", [1, 3])
def test_a_plan_generated_at_n_times_the_demo_holds_n_times_its_objectives_in_every_script(
    tmp_path: Path, scale: int
) -> None:
    path = tmp_path / f"x{scale}.offsite"
    generate(path, scale).close()
    demo = demo_size()
    with open_plan(path, readonly=True) as plan:
        view = read_plan(plan)
        brainstorm = read_brainstorm(plan)
        document = export_document(plan)
    assert len(view.objectives) == demo.objectives * scale
    assert len(brainstorm.candidates) == demo.candidates * scale
    roots = [node for node in brainstorm.nodes if node.parent_id is None]
    assert len(roots) == demo.why_chains * scale
    assert len(document["definitions"]) == demo.definitions * scale
    # Agreements grow by markets, not objectives: the demo's count until 100× (bench/generate.py).
    assert len(document["agreements"]) == demo.agreements == 26
    assert 8 <= len(view.leaders) <= 14  # a room, at any scale
    assert 3 <= len(view.teams) <= 6
    assert all(o.metrics and o.method for o in view.objectives)
    # Objectives as leaders write them: two or three words, the method three or four sentences.
    english = [o for o in view.objectives if o.statement.isascii()]
    assert english
    assert all(2 <= len(o.statement.split()) <= 3 for o in english)
    assert all(3 <= o.method.count(".") <= 4 for o in english)
    everything = "".join(texts(document))
    missing = [name for name, is_of in SCRIPTS.items() if not any(is_of(c) for c in everything)]
    assert missing == []
    # Nothing in it that the app would refuse if a leader typed it, and the command line finds it sound.
    assert document_faults(document) == []
    check = runner(tmp_path)("check", path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "a sound plan" in check.stdout


def test_the_command_line_writes_a_plan_at_the_scale_asked(tmp_path: Path) -> None:
    out = tmp_path / "x2.offsite"
    done = subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "--scale", "2", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with open_plan(out, readonly=True) as plan:
        assert len(read_plan(plan).objectives) == demo_size().objectives * 2


def test_a_tracked_plan_holds_the_metrics_and_weekly_check_ins_asked_and_opens(tmp_path: Path) -> None:
    path = tmp_path / "tracked.offsite"
    generate_tracked(path, metrics=60, check_ins=2_430).close()
    with open_plan(path, readonly=True) as plan:
        view = read_plan(plan)
        check_ins = read_check_ins(plan)
        latest = latest_check_ins(plan)
        (mapping,) = read_mappings(plan)
        document = export_document(plan)
    metrics = {m.id for o in view.objectives for m in o.metrics}
    assert (len(metrics), len(check_ins)) == (60, 2_430)
    days: dict[int, list[dt.date]] = {}
    for c in check_ins:
        days.setdefault(c.metric_id, []).append(c.as_of)
    assert set(days) == set(latest) == metrics
    assert sorted(len(d) for d in days.values()) == [40] * 30 + [41] * 30  # 2,430 shared out
    # Weekly, on Mondays, a run of weeks each; together over two years from the offsite.
    assert all(day.weekday() == 0 for d in days.values() for day in d)
    assert all((b - a).days == 7 for d in days.values() for a, b in itertools.pairwise(d))
    first, last = min(c.as_of for c in check_ins), max(c.as_of for c in check_ins)
    assert dt.date(2027, 1, 18) <= first < dt.date(2027, 4, 1)
    assert dt.date(2028, 9, 1) < last < dt.date(2027, 1, 18) + dt.timedelta(weeks=TRACKED_WEEKS)
    # Most typed by a leader with a confidence; one metric in five imported, by who ran the export.
    leaders = {p.id for p in view.leaders}
    typed = [c for c in check_ins if c.source == ""]
    imported = [c for c in check_ins if c.source]
    assert all(c.leader_id in leaders and c.confidence is not None and 0 <= c.confidence <= 10 for c in typed)
    assert all(c.source == mapping.name and c.leader_id is None and c.by_name for c in imported)
    assert len({c.metric_id for c in imported}) == 12
    assert 0 < sum(1 for c in check_ins if c.note) < len(check_ins) / 10
    # Nothing the app would refuse if typed, the command line finds it sound, and the app opens it.
    assert document_faults(document) == []
    offsite = runner(tmp_path)
    check = offsite("check", path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "a sound plan" in check.stdout
    opened = offsite("open", path, "--view", "plan", "--screenshot", tmp_path / "tracked.png")
    assert opened.returncode == 0, opened.stdout + opened.stderr
    assert (tmp_path / "tracked.png").stat().st_size > 10_000
    with pytest.raises(ValueError, match="105 check-ins of a metric do not fit in 104 weeks"):
        generate_tracked(tmp_path / "too many.offsite", metrics=12, check_ins=12 * 104 + 1)


def test_the_command_line_writes_a_tracked_plan_of_the_counts_asked(tmp_path: Path) -> None:
    out = tmp_path / "tracked.offsite"
    done = subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "--metrics", "24", "--check-ins", "960", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "24 metrics and 960 check-ins" in done.stderr
    with open_plan(out, readonly=True) as plan:
        assert sum(len(o.metrics) for o in read_plan(plan).objectives) == 24
        assert len(read_check_ins(plan)) == 960


#: The agreements' rows of the goals table, on the smoke run's largest plan (the demo's size).
AGREEMENT_ROWS = (
    "edit an agreement (its service level) on the 1× plan (26 agreements) vs raw sqlite3 update+commit, "
    "same pragmas",
    "record a leader's stance on an agreement on the 1× plan (26 agreements) vs raw sqlite3 insert+commit, "
    "same pragmas",
)


def test_a_smoke_run_of_the_benchmarks_prints_every_row_of_the_goals_table(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--smoke"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=280,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert table[0] == "| what | now | goal |"
    rows = {line.split(" | ")[0].removeprefix("| "): line for line in table[1:]}
    for what in (
        "start to the demo plan, window painted, vs a bare PySide6 window",
        "open the 1× plan vs open the demo plan (offsite open --screenshot)",
        "one keystroke in a field: demo / 1×",
        "add an objective vs raw sqlite3 insert+commit, same pragmas",
        "Review (overlaps + themes) at 1×",
        "full PDF vs bare reportlab on the same text: demo",
        "JSON import of the 1× plan (baseline: json.loads + sqlite3 executemany of its rows)",
        "peak memory, demo plan, vs bare window",
        "open the plan of 12 metrics and 480 check-ins vs open the demo plan (offsite open --screenshot)",
        "open the plan of 12 metrics and 480 check-ins vs the same plan without its check-ins",
        "JSON export of the plan of 12 metrics and 480 check-ins (baseline: sqlite3 read + json.dumps of its rows)",
        "fingerprint of the plan of 12 metrics and 480 check-ins vs the same plan without its check-ins",
        "weekly screen (Review ▸ Check-ins) of the plan of 12 metrics and 480 check-ins: a digit typed into "
        "New actual / Enter saving the check-in, vs the same on the demo plan",
        "import of 600 CSV lines end to end: read, previewed, written into a fresh copy of the demo plan "
        "(baseline: pandas.read_csv + sqlite3 executemany of as many check-ins)",
        *AGREEMENT_ROWS,
    ):
        assert what in rows, f"{what!r} is not in:\n{done.stdout}"
        assert "—" not in rows[what]  # every ratio has a figure on each side
    assert any(row.endswith("| ≤ 30 ms per keystroke |") for row in rows.values())
    assert any(row.endswith("| ≤ 5 s |") for row in rows.values())
    for section in (
        "start-up",
        "open",
        "keystroke",
        "edit",
        "review",
        "PDF",
        "import",
        "memory",
        "funnel",
        "export",
        "merge",
        "agreements",
        "cadence",
        "weekly",
        "actuals",
    ):
        assert any(line.startswith(section) for line in done.stdout.splitlines()), section


def test_only_the_cadence_rows_asked_are_measured_and_each_check_in_typed_and_imported_is_saved(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--smoke", "--only", "weekly", "import"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert [line.split(" | ")[0].removeprefix("| ").split(":")[0] for line in table[1:]] == [
        "weekly screen (Review ▸ Check-ins) of the plan of 12 metrics and 480 check-ins",
        "import of 600 CSV lines end to end",
    ]
    assert "(1 check-ins saved)" in done.stdout  # the Enter timed saved its check-in, on each plan
    assert "(1 saved)" in done.stdout
    assert "imported end to end (600 check-ins written)" in done.stdout
    assert not any(line.startswith("cadence") for line in done.stdout.splitlines())  # no plan opened


def test_only_the_agreements_rows_time_an_edit_and_a_stance_against_raw_sqlite3(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--smoke", "--only", "agreements"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    rows = [line.split(" | ") for line in table[1:]]
    assert [row[0].removeprefix("| ") for row in rows] == list(AGREEMENT_ROWS)
    assert all(row[1].endswith(" ms)") and "—" not in row[1] for row in rows)  # a ratio and a time each
    assert "agreements on the 1× plan (26 agreements)" in done.stdout
    assert not any(line.startswith(("cadence", "weekly")) for line in done.stdout.splitlines())
