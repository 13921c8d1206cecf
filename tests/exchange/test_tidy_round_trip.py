"""The check-ins export imported back: into its own plan it adds nothing, into a copy it puts back what is missing.

Every file is the real exporter's (``export_tidy``, or ``offsite checkins export``), CSV and XLSX, read
by the real import of actuals as a leader meets it: the header guessed, then checked against the plan
(``check_import``, what the command line and File ▸ Import Actuals both do) and written by
``apply_readings``. A hand edit is made as a leader makes it: a cell of the CSV, or of the workbook
in openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cli_runner import Run
from offsite.domain.actuals import EXPORT_COLUMNS, EXPORT_NOTE, guess_mapping
from offsite.domain.checkins import NewReading
from offsite.domain.values import Kind, MetricView, PlanView
from offsite.exchange.actuals import read_table
from offsite.exchange.actuals.importing import ImportCheck, check_import, plan_metrics, source_name
from offsite.exchange.tidy import CHECK_IN_COLUMNS, export_tidy
from offsite.services import changes, objectives, prepare
from offsite.services.checkins import apply_readings, check_in, read_check_ins, undo_readings
from offsite.services.plans import create_plan, read_plan
from offsite.store import PlanFile, open_plan_file
from offsite.store.document.read import plan_document
from quarters import forget_the_quarters

D = dt.date
T0 = dt.datetime(2027, 2, 1, 9, 30)
#: Notes a round trip must keep exactly: formula-like, a quote, spaces and control characters around.
NOTES = (
    '=HYPERLINK("http://x","click")',
    "\tindented with a tab",
    "'tis the season",
    'two lines,\nwith a comma and "quotes"',
    "  spaces around  ",
    "",
)
#: How many check-ins ``track`` records: 12 typed, 1 typed beside an import's of that day, 3 imported.
TRACKED = 16
FORMATS = [".csv", ".xlsx"]


def metrics_of(view: PlanView) -> list[MetricView]:
    return [m for o in view.objectives for m in o.metrics]


def track(plan: PlanFile) -> None:
    """The same check-ins on any copy of the demo plan: typed ones with every kind of confidence,
    note and who, and an import from “HubSpot deals” with one day the room typed a value too."""
    forget_the_quarters(plan)
    view = read_plan(plan)
    booked, opportunities = metrics_of(view)[:2]
    maya, tomas = view.leaders[:2]
    for n in range(12):
        check_in(
            plan,
            booked.id,
            41 + 10 * n,  # 41, 51, … 151: each value its own, to find its line by
            as_of=D(2027, 1, 18) + dt.timedelta(days=7 * n),
            confidence=(8, 3, None, 10, 0)[n % 5],
            note=NOTES[n % len(NOTES)],
            leader_id=(maya.id, None, tomas.id)[n % 3],
            at=T0 + dt.timedelta(days=n),
        )
    # The room typed 120 on a day the CRM's import also gives: two check-ins, one per source.
    check_in(
        plan,
        opportunities.id,
        120,
        as_of=D(2027, 2, 8),
        confidence=6,
        note="typed",
        leader_id=tomas.id,
        at=T0,
    )
    apply_readings(
        plan,
        [
            NewReading(opportunities.id, D(2027, 2, 1), 11, "@SUM(A1)", "Jo 🎉 from RevOps"),
            NewReading(opportunities.id, D(2027, 2, 8), 14, " late deals excluded ", "Maya Okafor"),
            NewReading(opportunities.id, D(2027, 2, 15), 19),
        ],
        "HubSpot deals",
        at=T0,
    )


@pytest.fixture
def tracked(demo_plan: PlanFile) -> PlanFile:
    track(demo_plan)
    return demo_plan


@pytest.fixture
def tracked_copy(tmp_path: Path, demo_plan_bytes: bytes) -> Iterator[PlanFile]:
    """A second copy of the demo plan (the same metrics, leaders and uids) tracked the same way."""
    path = tmp_path / "copy.offsite"
    path.write_bytes(demo_plan_bytes)
    opened = open_plan_file(path)
    track(opened)
    yield opened
    opened.close()


def check_ins(plan: PlanFile, *, keep_identity: bool = False) -> list[dict[str, Any]]:
    """The plan's ``check_ins`` section as its plan document holds it (metric and leader by uid),
    by metric, day and source; without each check-in's own uid and time recorded, unless asked."""
    records = plan_document(plan)["check_ins"]
    if not keep_identity:
        records = [{k: v for k, v in r.items() if k not in ("uid", "recorded_at")} for r in records]
    return sorted(records, key=lambda r: (r["metric"], r["as_of"], r["source"]))


def checked(plan: PlanFile, path: Path) -> ImportCheck:
    """``path`` read as a leader's import reads it: its columns guessed, checked against ``plan``."""
    table = read_table(path)
    spec = guess_mapping(table.headers)
    assert spec is not None
    return check_import(plan, table, spec, plan_metrics(read_plan(plan)), source_name(path))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit_cell(path: Path, line: int, column: str, value: object) -> None:
    """Change one cell of an export as a leader does by hand: in the CSV's text, or the workbook's sheet."""
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
        rows[line - 1][rows[0].index(column)] = str(value)
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_bytes(out.getvalue().encode("utf-8-sig"))
    else:
        book = openpyxl.load_workbook(path)
        sheet = book["Check-ins"]
        header = [cell.value for cell in sheet[1]]
        sheet.cell(line, header.index(column) + 1).value = value
        book.save(path)


def line_of(path: Path, value: str) -> int:
    """The line (as a spreadsheet numbers it) of the export's row whose value is ``value``."""
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    values = [row[rows[0].index("value")] for row in rows]
    return values.index(value) + 1


def test_the_columns_an_import_knows_an_export_by_are_the_exports() -> None:
    assert set(EXPORT_COLUMNS) <= set(CHECK_IN_COLUMNS)


# --- Into the plan it came from ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_export_imported_into_its_own_plan_adds_nothing_and_changes_nothing(
    tracked: PlanFile, tmp_path: Path, suffix: str
) -> None:
    before = check_ins(tracked, keep_identity=True)
    out = export_tidy(tracked, tmp_path / f"checkins{suffix}")

    check = checked(tracked, out)

    assert check.preview.faults == ()
    assert EXPORT_NOTE in check.preview.notes
    assert check.summary == f"0 added, 0 changed, {TRACKED} already in the plan"
    imported = apply_readings(tracked, check.preview.rows, check.source)
    assert (imported.added, imported.changed, imported.unchanged) == ((), (), TRACKED)
    assert check_ins(tracked, keep_identity=True) == before


def test_the_demo_plans_own_check_ins_exported_and_imported_back_are_all_there(
    demo_plan: PlanFile, tmp_path: Path
) -> None:
    held = len(read_check_ins(demo_plan))
    out = export_tidy(demo_plan, tmp_path / "demo.csv")
    check = checked(demo_plan, out)
    assert check.preview.faults == ()
    assert check.summary == f"0 added, 0 changed, {held:,} already in the plan"


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_command_line_imports_an_export_into_its_own_plan_as_nothing_new(
    offsite: Run, tracked: PlanFile, tmp_path: Path, suffix: str
) -> None:
    tracked.close()
    plan_path = tracked.path
    exported = offsite("checkins", "export", plan_path, f"checkins{suffix}")
    assert exported.returncode == 0, exported
    before = digest(plan_path)

    result = offsite("checkins", "import", plan_path, f"checkins{suffix}")

    assert result.returncode == 0, result
    said = result.stdout.splitlines()
    assert f"Note: {EXPORT_NOTE}" in said
    assert said[-1] == (
        f"Nothing new from “checkins”: 0 added, 0 changed, {TRACKED} already in the plan. "
        "The plan was not changed."
    )
    assert digest(plan_path) == before


# --- Into a copy that lost some -----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_copy_missing_ten_check_ins_gets_exactly_those_back_as_they_were(
    tracked: PlanFile, tracked_copy: PlanFile, tmp_path: Path, suffix: str
) -> None:
    whole = check_ins(tracked_copy)
    assert whole == check_ins(tracked)
    held = read_check_ins(tracked_copy)
    # Typed ones of every note, confidence and who, the typed one beside the import's, and one imported.
    typed = [c for c in held if c.source == ""]
    lost = typed[1:9] + typed[-1:] + [c for c in held if c.source == "HubSpot deals"][:1]
    assert len(lost) == 10
    for gone in lost:
        changes.remove(tracked_copy, Kind.CHECK_IN, gone.id)
    remaining = check_ins(tracked_copy, keep_identity=True)
    out = export_tidy(tracked, tmp_path / f"checkins{suffix}")

    check = checked(tracked_copy, out)
    assert check.preview.faults == ()
    assert check.summary == f"10 added, 0 changed, {TRACKED - 10} already in the plan"
    imported = apply_readings(tracked_copy, check.preview.rows, check.source)

    assert len(imported.added) == 10
    assert (
        check_ins(tracked_copy) == whole
    )  # field by field: value, confidence, note, leader, by_name, source
    undo_readings(tracked_copy, imported)  # one step, all of it
    assert check_ins(tracked_copy, keep_identity=True) == remaining


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_metric_renamed_since_the_export_is_still_found_by_its_uid(
    tracked: PlanFile, tmp_path: Path, suffix: str
) -> None:
    out = export_tidy(tracked, tmp_path / f"checkins{suffix}")
    whole = check_ins(tracked)
    booked = metrics_of(read_plan(tracked))[0]
    changes.update_fields(tracked, Kind.METRIC, booked.id, {"name": "Meetings booked"})
    for gone in [c for c in read_check_ins(tracked) if c.metric_id == booked.id][:2]:
        changes.remove(tracked, Kind.CHECK_IN, gone.id)

    check = checked(tracked, out)

    assert check.preview.faults == ()
    assert check.summary == f"2 added, 0 changed, {TRACKED - 2} already in the plan"
    assert {(r.metric_id, r.metric_label) for r in check.planned.added} == {
        (booked.id, "Appointments booked")
    }
    apply_readings(tracked, check.preview.rows, check.source)
    assert check_ins(tracked) == whole


# --- Edited by hand -----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_value_edited_by_hand_changes_that_check_in_alone(
    offsite: Run, tracked: PlanFile, tmp_path: Path, suffix: str
) -> None:
    opportunities = metrics_of(read_plan(tracked))[1]
    out = export_tidy(tracked, tmp_path / f"checkins{suffix}")
    line = line_of(export_tidy(tracked, tmp_path / "lines.csv"), "120")
    edit_cell(out, line, "value", 135 if suffix == ".xlsx" else "135")
    tracked.close()

    result = offsite("checkins", "import", tracked.path, out.name)

    assert result.returncode == 0, result
    said = result.stdout.splitlines()
    assert "  changes: Opportunities from outbound as of 8 Feb 2027: 120 → 135" in said
    assert said[-1] == f"Imported from “checkins”: 0 added, 1 changed, {TRACKED - 1} already in the plan."
    with open_plan_file(tracked.path, readonly=True) as plan:
        day = [
            (c.source, c.value, c.confidence, c.note)
            for c in read_check_ins(plan)
            if c.metric_id == opportunities.id and c.as_of == D(2027, 2, 8)
        ]
    # The typed check-in of that day now says 135; the CRM's of the same day is as it was.
    assert day == [("", 135, 6, "typed"), ("HubSpot deals", 14, None, " late deals excluded ")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_confidence_of_eleven_typed_into_the_file_is_a_fault_on_its_line(
    offsite: Run, tracked: PlanFile, tmp_path: Path, suffix: str
) -> None:
    out = export_tidy(tracked, tmp_path / f"checkins{suffix}")
    line = line_of(export_tidy(tracked, tmp_path / "lines.csv"), "71")
    edit_cell(out, line, "confidence", 11 if suffix == ".xlsx" else "11")

    (fault,) = checked(tracked, out).preview.faults
    assert (fault.line, fault.column) == (line, "confidence")
    assert fault.reason.startswith("A confidence is from 0 to 10, not 11")

    tracked.close()
    before = digest(tracked.path)
    result = offsite("checkins", "import", tracked.path, out.name)
    assert result.returncode == 1, result
    assert f"  Line {line}, confidence: A confidence is from 0 to 10, not 11" in result.stderr
    assert digest(tracked.path) == before


# --- Into another plan --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_export_imported_into_another_plan_finds_its_metrics_by_name_and_keeps_what_they_say(
    tracked: PlanFile, tmp_path: Path, suffix: str
) -> None:
    out = export_tidy(tracked, tmp_path / f"checkins{suffix}")
    with create_plan(tmp_path / "next.offsite", "Next cycle") as other:
        team = prepare.add_team(other, "Sales").id
        prepare.add_leader(other, "Maya Okafor", "VP Sales", team)
        objective = objectives.add_objective(other, "Go outbound again", [team]).id
        for name in ("Opportunities from outbound", "Appointments booked"):
            objectives.add_metric(other, objective, name, target=100)

        check = checked(other, out)
        assert check.preview.faults == ()
        assert check.summary == f"{TRACKED} added, 0 changed"
        apply_readings(other, check.preview.rows, check.source)

        view = read_plan(other)
        maya = view.leaders[0].id
        names = {m.id: m.name for m in metrics_of(view)}
        held = {(names[c.metric_id], c.as_of, c.source): c for c in read_check_ins(other)}
    assert len(held) == TRACKED
    typed = held[("Opportunities from outbound", D(2027, 2, 8), "")]
    assert (typed.value, typed.confidence, typed.note, typed.by_name) == (120, 6, "typed", "Tomás Herrera")
    crm = held[("Opportunities from outbound", D(2027, 2, 8), "HubSpot deals")]
    assert (crm.value, crm.confidence, crm.leader_id) == (14, None, maya)  # a leader of this plan too
    first = held[("Appointments booked", D(2027, 1, 18), "")]
    assert (first.value, first.confidence, first.note, first.leader_id) == (41, 8, NOTES[0], maya)
