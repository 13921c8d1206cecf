"""``offsite checkins export``, run as the real console script: the files it writes and the files it refuses.

The contract of every command holds: exit 0 with the file written whole, or exit 2 with one plain
sentence on stderr and every file (the plan, an earlier export) left byte for byte as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from pathlib import Path

import openpyxl
import pytest

from cli_runner import Run
from offsite.exchange.tidy import CHECK_IN_COLUMNS
from offsite.services.checkins import check_in
from offsite.services.plans import read_plan
from offsite.store import open_plan_file
from quarters import forget_the_quarters

HYPERLINK = '=HYPERLINK("http://x","click")'


def assert_failed(result: subprocess.CompletedProcess[str], code: int) -> str:
    """The command failed with ``code`` and one plain sentence on stderr; returns that sentence."""
    assert result.returncode == code, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def tracked_file(tmp_path: Path, demo_plan_bytes: bytes) -> Path:
    """The demo plan with two check-ins of its first metric (and no others), one noted like a formula; closed."""
    path = tmp_path / "demo.offsite"
    path.write_bytes(demo_plan_bytes)
    plan = open_plan_file(path)
    try:
        forget_the_quarters(plan)
        view = read_plan(plan)
        metric = view.objectives[0].metrics[0]
        check_in(plan, metric.id, 55, as_of=dt.date(2027, 2, 1), confidence=8, note=HYPERLINK)
        check_in(plan, metric.id, -5, as_of=dt.date(2027, 2, 8), note="-2+3", leader_id=view.leaders[0].id)
    finally:
        plan.close()
    return path


def test_export_writes_the_check_ins_as_csv(offsite: Run, tracked_file: Path, tmp_path: Path) -> None:
    before = tracked_file.read_bytes()
    result = offsite("checkins", "export", tracked_file, "checkins.csv")
    assert result.returncode == 0, result
    assert result.stdout == "Wrote “checkins.csv”: 2 check-ins of 12 metrics.\n"
    data = (tmp_path / "checkins.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert rows[0] == list(CHECK_IN_COLUMNS)
    note, value, who = (rows[0].index(name) for name in ("note", "value", "who"))
    assert [(r[value], r[note], r[who]) for r in rows[1:]] == [
        ("55", "'" + HYPERLINK, ""),
        ("-5", "'-2+3", "Maya Okafor"),
    ]
    assert tracked_file.read_bytes() == before


def test_export_writes_the_check_ins_as_a_workbook(offsite: Run, tracked_file: Path, tmp_path: Path) -> None:
    result = offsite("checkins", "export", tracked_file, tmp_path / "checkins.XLSX")
    assert result.returncode == 0, result
    book = openpyxl.load_workbook(tmp_path / "checkins.XLSX")
    assert book.sheetnames == ["Check-ins", "Metrics", "Objectives", "About"]
    sheet = book["Check-ins"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(2, header.index("note") + 1)
    assert (cell.value, cell.data_type) == (HYPERLINK, "s")
    assert sheet.cell(3, header.index("value") + 1).value == -5


def test_a_plan_without_check_ins_exports_the_header_alone(
    offsite: Run, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    (tmp_path / "demo.offsite").write_bytes(demo_plan_bytes)
    with open_plan_file(tmp_path / "demo.offsite") as plan:
        forget_the_quarters(plan)
    result = offsite("checkins", "export", "demo.offsite", "none.csv")
    assert result.returncode == 0, result
    assert result.stdout == "Wrote “none.csv”: 0 check-ins of 12 metrics.\n"
    assert (tmp_path / "none.csv").read_bytes() == ("\ufeff" + ",".join(CHECK_IN_COLUMNS) + "\r\n").encode()


def test_export_to_an_unknown_suffix_writes_nothing(offsite: Run, tracked_file: Path, tmp_path: Path) -> None:
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("checkins", "export", tracked_file, "checkins.ods"), 2)
    assert sentence == "“checkins.ods” should end in .csv or .xlsx, so Offsite knows what to write."
    assert snapshot(tmp_path) == before


def test_export_never_writes_over_a_plan(
    offsite: Run, tracked_file: Path, tmp_path: Path, demo_plan_bytes: bytes
) -> None:
    other = tmp_path / "q1-plan.csv"  # another plan, whatever its name says
    other.write_bytes(demo_plan_bytes)
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("checkins", "export", tracked_file, other), 2)
    assert (
        sentence == "“q1-plan.csv” is an Offsite plan; Offsite will not write over it. Choose another name."
    )
    sentence = assert_failed(offsite("checkins", "export", other, other), 2)
    assert sentence == "“q1-plan.csv” is the plan itself; choose another name for the export."
    assert snapshot(tmp_path) == before


def test_export_of_a_text_file_fails_and_keeps_an_earlier_export(offsite: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.offsite"
    notes.write_text("Agenda: coffee, then objectives.\n", encoding="utf-8")
    (tmp_path / "checkins.csv").write_bytes(b"last week's export, to be kept\n")
    before = snapshot(tmp_path)
    sentence = assert_failed(offsite("checkins", "export", notes, "checkins.csv"), 2)
    assert "notes.offsite" in sentence
    assert snapshot(tmp_path) == before  # no temporary file left either


def test_export_into_a_missing_folder_says_so(offsite: Run, tracked_file: Path, tmp_path: Path) -> None:
    sentence = assert_failed(offsite("checkins", "export", tracked_file, tmp_path / "nowhere" / "c.csv"), 2)
    assert sentence == "The folder for “c.csv” does not exist; choose another place."


def test_checkins_without_a_verb_shows_its_usage(offsite: Run) -> None:
    result = offsite("checkins")
    assert result.returncode == 2
    assert "usage: offsite checkins" in result.stderr
    assert "export" in offsite("checkins", "--help").stdout
