"""``offsite checkins import PLAN FILE``: actuals from a CRM's or a spreadsheet's export, as a scheduler runs it.

The real console script, on files written byte for byte as Excel, Google Sheets and HubSpot write
them (actuals_files.py). The contract a script relies on: exit 0 imported (also when the file
brings nothing new), 1 refused with nothing written (also a header with no lines under it: a
report whose filters matched nothing, which a scheduled import must not pass over), 2 a file it cannot read or a mapping it
does not know.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from actuals_files import EXCEL_GERMAN, GOOGLE_SHEET, HUBSPOT_DEALS, actuals_plan, write
from actuals_files import save_hubspot_mapping as save_mapping_in
from cli_runner import Run, digest, ok, refused
from offsite.services.checkins import read_check_ins
from offsite.services.plans import open_plan, read_plan
from offsite.store.inuse import holding

D = dt.date


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return actuals_plan(tmp_path / "revenue.offsite")


def check_ins(path: Path) -> list[tuple[str, dt.date, float, str, str, str]]:
    """(metric, as of, value, note, who, source) of every check-in on disk, by metric and day."""
    with open_plan(path, readonly=True) as plan:
        names = {m.id: m.name for o in read_plan(plan).objectives for m in o.metrics}
        leaders = {leader.id: leader.name for leader in read_plan(plan).leaders}
        found = [
            (
                names[c.metric_id],
                c.as_of,
                c.value,
                c.note,
                leaders[c.leader_id] if c.leader_id is not None else c.by_name,
                c.source,
            )
            for c in read_check_ins(plan)
        ]
    return sorted(found, key=lambda row: (row[0], row[1]))


def metric_id(path: Path, name: str) -> int:
    with open_plan(path, readonly=True) as plan:
        return next(m.id for o in read_plan(plan).objectives for m in o.metrics if m.name == name)


def save_hubspot_mapping(path: Path) -> None:
    """“HubSpot deals”, as a leader saves it in the app: the Amount of deals Closed won, summed a month."""
    with open_plan(path) as plan:
        save_mapping_in(plan)


def test_a_german_excel_csv_is_imported_by_its_column_names_and_a_second_time_adds_nothing(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    write(tmp_path, "Ist-Werte.csv", EXCEL_GERMAN)

    said = ok(offsite("checkins", "import", plan_path, "Ist-Werte.csv"))

    assert said.splitlines() == [
        "Read “Ist-Werte.csv”: 4 lines, by columns found by their names (one line a reading: metric "
        "“Kennzahl”, date “Datum”, value “Wert”, note “Notiz”).",
        "Note: Read as cells separated by semicolons.",
        "Note: Numbers in “Wert” are read with a decimal comma, as “1.234.567,50” shows.",
        "Imported from “Ist-Werte”: 4 added, 0 changed.",
    ]
    imported = [
        ("Gewinnquote", D(2027, 3, 14), 23.5, "nach Korrektur", "", "Ist-Werte"),
        ("Pipeline", D(2027, 3, 14), 1_234_567.5, "Q1-Ziel in Sicht", "", "Ist-Werte"),
        ("Pipeline", D(2027, 3, 21), 1_301_000.0, "Größter Deal: Müller AG", "", "Ist-Werte"),
        ("SQLs", D(2027, 3, 14), 131.0, "", "", "Ist-Werte"),
    ]
    assert check_ins(plan_path) == imported

    before = digest(plan_path)
    again = ok(offsite("checkins", "import", plan_path, "Ist-Werte.csv"))

    assert again.splitlines()[-1] == (
        "Nothing new from “Ist-Werte”: 0 added, 0 changed, 4 already in the plan. The plan was not changed."
    )
    assert digest(plan_path) == before
    assert check_ins(plan_path) == imported


def test_a_line_naming_no_metric_refuses_the_whole_sheet_and_names_the_line(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    write(tmp_path, "Weekly actuals - Sheet1.csv", GOOGLE_SHEET)
    before = digest(plan_path)

    result = offsite("checkins", "import", plan_path, "Weekly actuals - Sheet1.csv")

    said = refused(result, 1)
    assert said.splitlines() == [
        "Refused: 1 line at fault, so nothing was written. Correct the file (or the mapping) and import it again:",
        "  Line 6, Metric: “New pipeline” is not a metric of this plan (did you mean “Pipeline”?); correct the "
        "name, or give it as another name of a metric in the mapping",
    ]
    assert "Dates in “Week ending” are read month first" in result.stdout
    assert digest(plan_path) == before
    assert check_ins(plan_path) == []  # the five good lines were not written either


def test_a_report_exported_with_its_header_and_no_lines_is_refused_and_says_why(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    write(tmp_path, "Weekly actuals - Sheet1.csv", GOOGLE_SHEET.splitlines(keepends=True)[0])
    before = digest(plan_path)

    said = refused(offsite("checkins", "import", plan_path, "Weekly actuals - Sheet1.csv"), 1)

    assert "the file has its header and no lines under it; check the report's filters" in said
    assert digest(plan_path) == before


def test_two_columns_of_one_header_are_refused_naming_both_rather_than_reading_one(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    lines = GOOGLE_SHEET.splitlines(keepends=True)
    doubled = b"".join([lines[0].replace(b"Comment", b"Week ending"), *lines[1:]])
    write(tmp_path, "Weekly actuals - Sheet1.csv", doubled)
    before = digest(plan_path)

    said = refused(offsite("checkins", "import", plan_path, "Weekly actuals - Sheet1.csv"), 1)

    assert "2 columns (B, D) are headed “Week ending”; rename all but the one to read" in said
    assert digest(plan_path) == before


def test_a_file_that_is_no_table_a_file_that_is_no_plan_and_a_newer_plan_exit_2(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "deals.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    write(tmp_path, "Ist-Werte.csv", EXCEL_GERMAN)
    newer = actuals_plan(tmp_path / "newer.offsite")
    connection = sqlite3.connect(newer)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    before = digest(plan_path)

    assert refused(offsite("checkins", "import", plan_path, "deals.xls"), 2).strip() == (
        "“deals.xls” is an old Excel workbook (.xls); open it in Excel and save it as .xlsx or CSV, then "
        "import that."
    )
    assert "is not an Offsite plan" in refused(
        offsite("checkins", "import", "Ist-Werte.csv", "Ist-Werte.csv"), 2
    )
    assert "Update Offsite" in refused(offsite("checkins", "import", newer, "Ist-Werte.csv"), 2)
    assert digest(plan_path) == before


def test_a_saved_records_mapping_sums_the_deals_won_by_month_and_a_new_export_changes_a_month(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    save_hubspot_mapping(plan_path)
    write(tmp_path, "hubspot-crm-exports-all-deals-2027-04-01.csv", HUBSPOT_DEALS)

    said = ok(
        offsite(
            "checkins",
            "import",
            plan_path,
            "hubspot-crm-exports-all-deals-2027-04-01.csv",
            "--mapping",
            "hubspot DEALS",
        )
    )

    assert said.splitlines()[0] == (
        "Read “hubspot-crm-exports-all-deals-2027-04-01.csv”: 6 lines, by mapping “HubSpot deals” (a list of "
        "records: records into “Closed won”, summing “Amount” a month, date “Close Date”, Deal Stage is "
        "“Closed won”, owner “Deal owner”)."
    )
    assert "Note: Counted 4 of 6 records: Deal Stage is “Closed won”." in said
    assert said.splitlines()[-1] == "Imported from “HubSpot deals”: 3 added, 0 changed."
    assert check_ins(plan_path) == [
        ("Closed won", D(2027, 1, 31), 36_500.5, "", "", "HubSpot deals"),
        ("Closed won", D(2027, 2, 28), 0.0, "", "", "HubSpot deals"),
        ("Closed won", D(2027, 3, 30), 3_000.0, "", "", "HubSpot deals"),
    ]

    # The next export: one more deal won in January. That month's total changes, the others stay.
    later = (
        HUBSPOT_DEALS
        + b"18342721,Stark renewal,Closed won,2027-01-30 12:00,Li Wei,1000,2027-01-02 10:00,Sales Pipeline\n"
    )
    write(tmp_path, "hubspot-crm-exports-all-deals-2027-04-08.csv", later)

    said = ok(
        offsite(
            "checkins",
            "import",
            plan_path,
            "hubspot-crm-exports-all-deals-2027-04-08.csv",
            "--mapping",
            "HubSpot deals",
        )
    )

    assert said.splitlines()[-2:] == [
        "  changes: Closed won as of 31 Jan 2027: 36,500.5 → 37,500.5",
        "Imported from “HubSpot deals”: 0 added, 1 changed, 2 already in the plan.",
    ]
    assert [row[2] for row in check_ins(plan_path)] == [37_500.5, 0.0, 3_000.0]


def test_an_unknown_mapping_exits_2_naming_the_saved_ones(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    save_hubspot_mapping(plan_path)
    write(tmp_path, "deals.csv", HUBSPOT_DEALS)

    said = refused(offsite("checkins", "import", plan_path, "deals.csv", "--mapping", "Salesforce"), 2)

    assert said.strip() == "The plan has no mapping “Salesforce”; its saved mappings are: “HubSpot deals”."


def test_a_list_of_records_without_a_mapping_is_refused_saying_what_it_needs(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    write(tmp_path, "deals.csv", HUBSPOT_DEALS)
    write(tmp_path, "odd.csv", b"Region,Quarter total\nEMEA,12\n")

    records = refused(offsite("checkins", "import", plan_path, "deals.csv"), 1)
    odd = refused(offsite("checkins", "import", plan_path, "odd.csv"), 1)

    assert "“deals.csv” is a list of records (deals, leads…), not one line a reading" in records
    assert "give its name with --mapping" in records
    assert odd.startswith(
        "Offsite cannot tell the columns of “odd.csv” by their names (its columns are “Region”, “Quarter total”)."
    )
    assert "It needs a column naming each line's metric (Metric, KPI, Measure…), one of dates" in odd
    assert check_ins(plan_path) == []


def test_a_dry_run_lists_what_it_would_write_and_writes_nothing(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    save_hubspot_mapping(plan_path)
    write(tmp_path, "deals.csv", HUBSPOT_DEALS)
    before = digest(plan_path)

    said = ok(
        offsite("checkins", "import", plan_path, "deals.csv", "--mapping", "HubSpot deals", "--dry-run")
    )

    assert said.splitlines()[-4:] == [
        "  new: Closed won as of 31 Jan 2027: 36,500.5",
        "  new: Closed won as of 28 Feb 2027: 0",
        "  new: Closed won as of 30 Mar 2027: 3,000",
        "Dry run: would write 3 added, 0 changed; nothing was written.",
    ]
    assert digest(plan_path) == before


def test_a_plan_open_in_the_app_is_refused_and_left_as_it_was(
    offsite: Run, plan_path: Path, tmp_path: Path
) -> None:
    write(tmp_path, "Ist-Werte.csv", EXCEL_GERMAN)

    with holding(plan_path, "close it"):  # as the app holds a plan it edits
        said = refused(offsite("checkins", "import", plan_path, "Ist-Werte.csv"), 1)

    assert said.strip() == (
        "“revenue.offsite” is open in Offsite on this computer; close it there, or import from its "
        "File ▸ Import Actuals…."
    )
    assert check_ins(plan_path) == []
