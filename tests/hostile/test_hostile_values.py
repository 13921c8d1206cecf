"""A received file's values are held to the rules typing keeps, before anything of it is written.

A draft is a plan file from a leader's laptop, and a JSON file may come from anywhere: either can
hold a stance, a direction, a number or a text the app would refuse if a leader typed it. Each
case is a real file, altered by the test as a hostile sender would (the ``sqlite3`` module for a
draft, plain text for JSON), then handed to the real ``offsite`` command. Every case asserts the
sentence, the exit code, and that not a byte of any file changed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_files import TIMEOUT, Run, folder_state

from offsite.domain.values import Stance
from offsite.services import buyin, objectives
from offsite.services.plans import open_plan, read_plan

MAYA = "Maya Okafor"


def _alter(path: Path, *statements: str) -> None:
    """Change a closed plan file as a hostile sender would, leaving no -wal beside it."""
    connection = sqlite3.connect(path)
    connection.executescript(";".join(statements))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


@pytest.fixture
def plan_path(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    path = tmp_path / "plan.offsite"
    path.write_bytes(demo_plan_bytes)
    return path


def maya_draft(offsite: Run, plan_path: Path) -> Path:
    """Maya's pack, in which she drafts “Go outbound” with a metric “Pipeline”, and agrees to it."""
    result = offsite("pack", plan_path, "--leader", MAYA, "-o", "maya.offsite")
    assert result.returncode == 0, result
    path = plan_path.with_name("maya.offsite")
    with open_plan(path) as draft:
        view = read_plan(draft)
        sales = next(t.id for t in view.teams if t.name == "Sales")
        maya = next(p.id for p in view.leaders if p.name == MAYA)
        made = objectives.add_objective(draft, "Go outbound", [sales])
        objectives.add_metric(draft, made.id, "Pipeline", target=40)
        buyin.record_stance(draft, made.id, maya, Stance.AGREED)
    return path


# What a hostile sender writes into the draft, and what the refusal says about it.
DRAFT_CASES = {
    "a direction and a stance no plan has": (
        (
            "UPDATE metric SET direction = 'sideways' WHERE name = 'Pipeline'",
            "UPDATE stance_record SET stance = 'maybe'",
        ),
        "maya.offsite: metric “Pipeline” has direction “sideways”: Direction must be “up” or “down”; "
        "buy-in of Maya Okafor on “Go outbound” has stance “maybe”: Stance is one of: pending, discussing, "
        "changes requested, agreed, declined. Offsite would refuse these if typed",
    ),
    "an infinite target": (
        ("UPDATE metric SET target = 9e999 WHERE name = 'Pipeline'",),
        "metric “Pipeline” has target inf: Target must be a finite number",
    ),
    "a NUL character in a text": (
        ("UPDATE metric SET unit = 'M' || char(0) || 'USD' WHERE name = 'Pipeline'",),
        "Unit contains a NUL character, which a plan cannot store; remove it",
    ),
    "a comment longer than typing takes": (
        ("UPDATE stance_record SET comment = replace(hex(zeroblob(100001)), '00', 'x')",),
        "has comment “xxx",
    ),
    "bytes where text belongs": (
        ("UPDATE metric SET unit = x'00ff' WHERE name = 'Pipeline'",),
        "metric “Pipeline” has unit a value of the wrong kind: Unit must be text",
    ),
    "a leader of a team the draft does not have": (
        ("UPDATE leader SET team_id = 999 WHERE name = 'Maya Okafor'",),
        "“maya.offsite” holds values Offsite cannot read as a plan",
    ),
    "text where a date belongs": (
        ("UPDATE metric SET due = 'soon' WHERE name = 'Pipeline'",),
        "“maya.offsite” holds values Offsite cannot read as a plan",
    ),
}


@pytest.mark.parametrize("case", DRAFT_CASES)
def test_a_draft_holding_a_value_typing_refuses_is_refused_whole(
    case: str, offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    statements, expected = DRAFT_CASES[case]
    draft = maya_draft(offsite, plan_path)
    _alter(draft, *statements)
    before = folder_state(tmp_path)

    result = offsite("merge", plan_path, draft)

    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert "Nothing was merged: the file was refused." in result.stderr
    assert folder_state(tmp_path) == before
    # All or nothing: with the refused draft skipped, there is nothing left to merge either.
    skipped = offsite("merge", plan_path, draft, "--skip-refused")
    assert expected in skipped.stderr
    assert folder_state(tmp_path) == before


def test_the_refusal_names_every_value_at_fault_in_one_sentence(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    draft = maya_draft(offsite, plan_path)
    _alter(
        draft,
        "UPDATE metric SET direction = 'sideways', baseline = 9e999 WHERE name = 'Pipeline'",
        "UPDATE stance_record SET stance = 'maybe'",
    )
    result = offsite("merge", plan_path, draft)
    assert result.returncode == 1, result
    refusal = next(line for line in result.stderr.splitlines() if line.startswith("maya.offsite:"))
    assert refusal.count("maya.offsite") == 2  # who, then: nothing was merged from it
    for fault in ("direction “sideways”", "baseline inf", "stance “maybe”"):
        assert fault in refusal


# --- JSON: numbers no plan can hold, named by where they are ------------------------------------------

JSON_CASES = {
    "a 5,000-digit whole number": (
        ('"dot_budget": 3', '"dot_budget": ' + "9" * 5000),
        "plan.dot_budget is too large a number (5,000 digits long)",
    ),
    "a 5,000-digit baseline": (
        ('"baseline": 20', '"baseline": -' + "9" * 5000),
        "company_goals[0].baseline is too large a number (5,000 digits long)",
    ),
    "NaN": (
        ('"baseline": 20', '"baseline": NaN'),
        "company_goals[0].baseline is NaN, which is not a number JSON allows",
    ),
    "Infinity": (
        ('"target": 30', '"target": -Infinity'),
        "company_goals[0].target is -Infinity, which is not a number JSON allows",
    ),
    "1e400": (
        ('"baseline": 20', '"baseline": 1e400'),
        "company_goals[0].baseline is too large a number (1e400)",
    ),
    "a negative amount": (
        ('"revenue_target": 10000000', '"revenue_target": -10000000'),
        "funnels[0].revenue_target cannot be negative",
    ),
    "a negative weight": (('"weights": [20', '"weights": [-20'), "funnels[0].weights[0] cannot be negative"),
    "a percentage over 100": (
        ('"win_rate": 25', '"win_rate": 250'),
        "funnels[0].win_rate is a percentage: give a number from 0 to 100",
    ),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, demo_plan_bytes: bytes) -> str:
    """The demo plan exported with the real command, as compact JSON text (one space after each colon)."""
    folder = tmp_path_factory.mktemp("export")
    (folder / "demo.offsite").write_bytes(demo_plan_bytes)
    from hostile_files import command

    subprocess.run(
        [*command(), "export", "demo.offsite", "demo.json"], cwd=folder, check=True, timeout=TIMEOUT * 4
    )
    return json.dumps(json.loads((folder / "demo.json").read_text(encoding="utf-8")), ensure_ascii=False)


@pytest.mark.parametrize("case", JSON_CASES)
def test_an_import_refuses_a_number_out_of_reach_naming_its_path(
    case: str, exported: str, offsite: Run, tmp_path: Path
) -> None:
    (found, replacement), expected = JSON_CASES[case]
    assert found in exported
    source = tmp_path / "hostile.json"
    source.write_text(exported.replace(found, replacement, 1), encoding="utf-8")
    before = folder_state(tmp_path)

    result = offsite("import", source, "new.offsite")

    assert result.returncode == 2, result
    assert (
        result.stderr == f"“hostile.json” cannot be imported: {expected}. Correct the file and try again.\n"
    )
    assert folder_state(tmp_path) == before  # no plan was made


# --- A plan the app has open ------------------------------------------------------------------------

HOLD_OPEN = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from offsite.gui.shell import MainWindow

app = QApplication([])
window = MainWindow()
assert window.open_path(Path(sys.argv[1]), ask=False) and not window.document.readonly
print("open", flush=True)
sys.stdin.readline()  # until the test is done
window.close()
"""


def test_merge_refuses_a_plan_the_app_has_open(offsite: Run, plan_path: Path, tmp_path: Path) -> None:
    draft = maya_draft(offsite, plan_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[variable] = str(tmp_path / "home" / variable.lower())
    app = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(plan_path)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout is not None
        assert app.stdout.readline() == "open\n"
        before = folder_state(tmp_path)

        result = offsite("merge", plan_path, draft)

        assert result.returncode == 1, result
        assert result.stderr == (
            "“plan.offsite” is open in Offsite on this computer; "
            "close it there or merge from its File ▸ Merge Drafts.\n"
        )
        assert result.stdout == ""
        assert folder_state(tmp_path) == before
        # A dry run only reads, as a second window may: it still shows what the merge would do.
        assert offsite("merge", plan_path, draft, "--dry-run").returncode == 0
    finally:
        app.communicate("\n", timeout=TIMEOUT)
    assert app.returncode == 0

    # Closed in the app, the plan takes the merge.
    merged = offsite("merge", plan_path, draft)
    assert merged.returncode == 0, merged
    assert "Merged 1 draft" in merged.stdout
    assert not plan_path.with_name("plan.offsite.lock").exists()
