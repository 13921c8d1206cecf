"""Reading a plan someone else is writing, or left mid-write: one consistent state, and not a byte changed.

A plan is data that arrives while another program may hold it open, or after a writer was
killed. Read-only commands (export, check, verify, pack) read it through SQLite's locking in one
transaction, and recover a killed writer's journal on a private copy (see store.reading).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hostile_files import Run, folder_state

from offsite.services.plans import open_plan, read_plan

#: The two metrics a writer keeps summing to TOTAL, changed together in one transaction.
PAIR = ("Appointments booked", "Inbound leads")
TOTAL = 100
PADDING = 1500  # characters: puts the two rows (and the counter in them) on pages of their own

WRITER = textwrap.dedent(
    """
    import sqlite3, sys
    path, first, second, padding, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    k = 0
    print("ready", flush=True)
    while True:
        k += 1
        # Another program (the sqlite3 shell, a sync tool) writing with a rollback journal changes
        # the file in place mid-transaction: a reader that skips SQLite's locking reads half of it.
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA cache_size = 2")
        connection.execute("BEGIN IMMEDIATE")
        a = k % total
        note = "x" * padding
        connection.execute("UPDATE metric SET target = ?, data_source = ? WHERE id = ?", (a, f"{note}{a}", first))
        connection.execute(
            "UPDATE metric SET target = ?, data_source = ? WHERE id = ?", (total - a, f"{note}{total - a}", second)
        )
        connection.execute("UPDATE plan SET title = ?", (f"Round {a}",))
        connection.execute("COMMIT")
        connection.close()
    """
)


def _pair(plan_path: Path) -> tuple[int, int]:
    with open_plan(plan_path, readonly=True) as plan:
        metrics = {m.name: m for o in read_plan(plan).objectives for m in o.metrics}
    return metrics[PAIR[0]].id, metrics[PAIR[1]].id


def _metrics_in(document: dict[str, object]) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for objective in document["objectives"]:  # type: ignore[attr-defined]
        for metric in objective["metrics"]:
            found[metric["name"]] = metric
    return found


@pytest.fixture
def plan_path(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    path = tmp_path / "plan.offsite"
    path.write_bytes(demo_plan_bytes)
    return path


def test_an_export_while_another_program_commits_is_one_state_of_the_plan(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    first, second = _pair(plan_path)
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(plan_path), str(first), str(second), str(PADDING), str(TOTAL)],
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        seen = _export_while_writing(offsite, plan_path, tmp_path, writer)
    assert writer.returncode == -signal.SIGKILL  # it was still committing when the exports ended
    assert len(seen) > 1  # the exports did see the writer's commits


def _export_while_writing(
    offsite: Run, plan_path: Path, tmp_path: Path, writer: subprocess.Popen[str]
) -> set[float]:
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        seen: set[float] = set()
        for run in range(10):
            result = offsite("export", plan_path, tmp_path / f"export-{run}.json")
            assert result.returncode == 0, result.stderr
            metrics = _metrics_in(json.loads((tmp_path / f"export-{run}.json").read_text(encoding="utf-8")))
            a, b = metrics[PAIR[0]], metrics[PAIR[1]]
            # One transaction wrote both rows; an export holds both of its values or neither.
            assert a["target"] + b["target"] == TOTAL, (run, a["target"], b["target"])  # type: ignore[operator]
            assert str(a["data_source"]).endswith(str(int(a["target"]))), run  # type: ignore[arg-type]
            document = json.loads((tmp_path / f"export-{run}.json").read_text(encoding="utf-8"))
            assert document["plan"]["title"] == f"Round {int(a['target'])}", run  # type: ignore[arg-type]
            seen.add(a["target"])  # type: ignore[arg-type]
    finally:
        writer.kill()
        writer.wait()
    return seen


def _kill_mid_transaction(plan_path: Path) -> None:
    """A writer in rollback-journal mode, killed with SIGKILL after changing the file mid-transaction."""
    script = textwrap.dedent(
        """
        import sqlite3, sys, time
        connection = sqlite3.connect(sys.argv[1], isolation_level=None)
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA cache_size = 2")  # spill: the file itself holds the unfinished pages
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE objective SET statement = 'HALF ' || statement")
        connection.execute("UPDATE metric SET data_source = printf('%.6000c', 'h')")
        print("mid-transaction", flush=True)
        sys.stdin.read()
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", script, str(plan_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "mid-transaction"
        child.send_signal(signal.SIGKILL)
        child.wait()


def test_a_plan_left_by_a_killed_writer_is_read_as_before_its_last_edit_and_left_as_it_is(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    with open_plan(plan_path, readonly=True) as plan:
        statements = sorted(o.statement for o in read_plan(plan).objectives)
    _kill_mid_transaction(plan_path)
    journal = plan_path.with_name(plan_path.name + "-journal")
    assert journal.stat().st_size > 0  # a hot journal: SQLite would roll the file back on opening
    sent = folder_state(tmp_path)

    checked = offsite("check", plan_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == "plan.offsite: a sound plan.\n"
    exported = offsite("export", plan_path, tmp_path / "out.json")
    assert exported.returncode == 0, exported.stderr
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert sorted(o["statement"] for o in document["objectives"]) == statements
    packed = offsite("pack", plan_path, "--leader", "Maya Okafor", "-o", tmp_path / "maya.offsite")
    assert packed.returncode == 0, packed.stderr
    pdf = offsite("export", plan_path, tmp_path / "out.pdf")
    assert pdf.returncode == 0, pdf.stderr

    # Read-only commands read a recovered private copy: the file and its journal are as they were.
    after = folder_state(tmp_path)
    assert {k: v for k, v in after.items() if k in sent} == sent
    assert set(after) - set(sent) == {"out.json", "maya.offsite", "out.pdf"}

    # Opening it to edit (the app) recovers the plan itself.
    with open_plan(plan_path) as plan:
        assert sorted(o.statement for o in read_plan(plan).objectives) == statements
    assert not journal.exists()
