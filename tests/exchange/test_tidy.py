"""The check-ins export: a tidy CSV and an XLSX workbook that open safely, say what they hold, and read back.

Each file is read back the way its readers meet it: the CSV with Python's csv module (RFC 4180),
the workbook with openpyxl (the cell types Excel sees) and the raw sheet XML, both opened by
LibreOffice Calc itself (headless), which would run any formula they held, and both imported
again by Offsite's own import of actuals (test_tidy_round_trip.py: into the plan they came from).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
import pytest

from offsite.domain.checkins import NewReading
from offsite.domain.errors import CancelledError, ExportError
from offsite.domain.signoff import signing_initials
from offsite.domain.values import Kind, MetricView, PlanView
from offsite.exchange.actuals import ImportPreview, MappingSpec, guess_mapping, preview
from offsite.exchange.actuals import read_table as read_actuals
from offsite.exchange.tidy import CHECK_IN_COLUMNS, csv_bytes, export_tidy, read_table
from offsite.exchange.tidy.cells import MAX_CELL_TEXT
from offsite.services.changes import update_fields
from offsite.services.checkins import apply_readings, check_in, metric_ids_by_uid, read_check_ins
from offsite.services.plans import read_plan
from offsite.services.signoff import freeze, read_signoff, sign
from offsite.store import PlanFile, open_plan_file
from quarters import forget_the_quarters

T0 = dt.datetime(2027, 2, 1, 9, 30)
EXPORTED = dt.datetime(2027, 3, 1, 17, 5, tzinfo=dt.UTC)
HYPERLINK = '=HYPERLINK("http://x","click")'
#: The import's own source (the mapping's name): an export's check-ins keep theirs, so none is kept under it.
SOURCE = "Offsite export"
RTL = "שיחות מכירה עם לקוחות ↗ شكراً للفريق"
EMOJI = "Record week 🎉👍🏽 — 🇩🇪 team"
#: Every note the tracked plan holds, each a way a spreadsheet could misread text.
NOTES = (
    HYPERLINK,
    "-2+3",
    "@SUM(A1)",
    "+44 20 7946 0000",
    "\tindented with a tab",
    "\rstarts with a carriage return",
    "'tis the season",
    'two lines,\nwith a comma and "quotes"',
    RTL,
    EMOJI,
    "a bell \x07 and a vertical tab \x0b inside",
    "_x0041_ stays as typed",
    "",
)


@dataclass
class Tracked:
    """A copy of the demo plan with check-ins typed by leaders and imported from a CRM."""

    plan: PlanFile
    view: PlanView
    first: MetricView  # "Appointments booked": typed check-ins, one note of each kind
    second: MetricView  # imported from "HubSpot deals"


def _metrics(view: PlanView) -> list[MetricView]:
    return [m for o in view.objectives for m in o.metrics]


def track(plan: PlanFile) -> Tracked:
    """Check in on the plan: typed values with every note of ``NOTES``, and an import (and no others)."""
    forget_the_quarters(plan)
    view = read_plan(plan)
    first, second = _metrics(view)[:2]
    maya = view.leaders[0]
    values = [5, -5, 0.1, 1e-7, 1234567.891, 42, 7, 8, 9, 10, 11, 12, 13]
    for n, (note, value) in enumerate(zip(NOTES, values, strict=True)):
        check_in(
            plan,
            first.id,
            value,
            as_of=dt.date(2027, 1, 18) + dt.timedelta(days=7 * n),
            confidence=(8, 3, 5, None)[n % 4],
            note=note,
            leader_id=maya.id if n % 2 == 0 else None,
            at=T0 + dt.timedelta(days=n),
        )
    apply_readings(
        plan,
        [
            NewReading(second.id, dt.date(2027, 2, 1), 12.5, "@SUM(A1)", "Jo 🎉 from RevOps"),
            NewReading(second.id, dt.date(2027, 2, 8), 14, RTL, "Maya Okafor"),
        ],
        "HubSpot deals",
        at=T0,
    )
    return Tracked(plan, read_plan(plan), first, second)


@pytest.fixture
def tracked(demo_plan: PlanFile) -> Tracked:
    return track(demo_plan)


def csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, so Excel reads it as UTF-8"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def column(rows: list[list[str]], name: str) -> list[str]:
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


# --- CSV ----------------------------------------------------------------------------------------------


def test_the_csv_has_one_row_per_check_in_in_the_documented_columns(tracked: Tracked, tmp_path: Path) -> None:
    update_fields(tracked.plan, Kind.METRIC, tracked.first.id, {"funnel_stage": "sqls"})
    out = export_tidy(tracked.plan, tmp_path / "checkins.csv")
    rows = csv_rows(out)
    assert rows[0] == list(CHECK_IN_COLUMNS)
    assert len(rows) == 1 + len(NOTES) + 2
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first == {
        "objective": "Go outbound",
        "metric": "Appointments booked",
        "metric_uid": first["metric_uid"],
        "unit": "meetings",
        "direction": "up",
        "baseline": "40",
        "target": "180",
        "due": "2027-03-31",
        "funnel_stage": "sqls",
        "as_of": "2027-01-18",
        "value": "5",
        "confidence": "8",
        "confidence_word": "on track",
        "note": "'" + HYPERLINK,
        "who": "Maya Okafor",
        "source": "",
        "recorded_at": "2027-02-01T09:30:00Z",
    }
    assert len(first["metric_uid"]) == 36
    # ISO days, dot decimals, exact: what a BI tool parses without a locale.
    assert column(rows, "value")[:5] == ["5", "-5", "0.1", "1e-07", "1234567.891"]
    assert column(rows, "confidence_word")[:4] == ["on track", "off track", "at risk", ""]
    assert column(rows, "who")[-2:] == ["Jo 🎉 from RevOps", "Maya Okafor"]
    assert column(rows, "source")[-2:] == ["HubSpot deals", "HubSpot deals"]
    # RFC 4180: CRLF between records, a line break inside a quoted field kept as written.
    text = out.read_bytes()[3:].decode("utf-8")
    assert text.count("\r\n") == len(rows)
    assert '"two lines,\nwith a comma and ""quotes"""' in text


def test_the_csv_is_the_same_bytes_for_the_same_plan(tracked: Tracked, tmp_path: Path) -> None:
    one = export_tidy(tracked.plan, tmp_path / "one.csv", at=EXPORTED).read_bytes()
    two = export_tidy(tracked.plan, tmp_path / "two.csv", at=EXPORTED + dt.timedelta(days=30)).read_bytes()
    assert one == two
    tracked.plan.close()
    reopened = open_plan_file(tracked.plan.path, readonly=True)
    try:
        assert csv_bytes(read_table(reopened)) == one
    finally:
        reopened.close()


def test_formula_like_text_is_quoted_in_the_csv_and_numbers_stay_numbers(
    tracked: Tracked, tmp_path: Path
) -> None:
    rows = csv_rows(export_tidy(tracked.plan, tmp_path / "checkins.csv"))
    notes = column(rows, "note")
    assert notes[: len(NOTES)] == [
        "'" + HYPERLINK,
        "'-2+3",
        "'@SUM(A1)",
        "'+44 20 7946 0000",
        "'\tindented with a tab",
        "'\rstarts with a carriage return",
        "''tis the season",  # one more quote, so reading back takes exactly one off
        'two lines,\nwith a comma and "quotes"',
        RTL,
        EMOJI,
        "a bell \x07 and a vertical tab \x0b inside",
        "_x0041_ stays as typed",
        "",
    ]
    # -5 is a number, written as one: no quote, so a spreadsheet sums it.
    assert column(rows, "value")[1] == "-5"
    assert column(rows, "baseline")[0] == "40"


def test_a_metric_or_objective_named_like_a_formula_is_quoted_in_every_row(
    tracked: Tracked, tmp_path: Path
) -> None:
    update_fields(tracked.plan, Kind.METRIC, tracked.first.id, {"name": "+20% booked meetings"})
    objective = tracked.view.objectives[0]
    update_fields(tracked.plan, Kind.OBJECTIVE, objective.id, {"statement": "=1+1 outbound"})
    rows = csv_rows(export_tidy(tracked.plan, tmp_path / "checkins.csv"))
    assert set(column(rows, "metric")[: len(NOTES)]) == {"'+20% booked meetings"}
    assert set(column(rows, "objective")) == {"'=1+1 outbound"}


def test_a_plan_without_check_ins_exports_the_header_alone(demo_plan: PlanFile, tmp_path: Path) -> None:
    forget_the_quarters(demo_plan)
    out = export_tidy(demo_plan, tmp_path / "checkins.csv")
    assert out.read_bytes() == ("\ufeff" + ",".join(CHECK_IN_COLUMNS) + "\r\n").encode("utf-8")
    assert import_export(out, demo_plan).rows == ()


# --- XLSX ---------------------------------------------------------------------------------------------


def test_the_workbook_has_check_ins_metrics_objectives_and_about(tracked: Tracked, tmp_path: Path) -> None:
    out = export_tidy(tracked.plan, tmp_path / "checkins.xlsx", at=EXPORTED)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Check-ins", "Metrics", "Objectives", "About"]

    sheet = book["Check-ins"]
    header = [c.value for c in sheet[1]]
    assert header == list(CHECK_IN_COLUMNS)
    assert sheet.max_row == 1 + len(NOTES) + 2
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:Q{sheet.max_row}"
    assert all(sheet.column_dimensions[letter].width >= 10 for letter in "ABCDEFGHIJKLMNOPQ")
    row = dict(zip(header, sheet[2], strict=True))
    assert [row[name].is_date for name in ("as_of", "due", "recorded_at")] == [True] * 3
    assert row["as_of"].value == dt.datetime(2027, 1, 18)
    assert row["due"].value == dt.datetime(2027, 3, 31)
    assert row["recorded_at"].value == dt.datetime(2027, 2, 1, 9, 30)
    assert (row["value"].data_type, row["value"].value) == ("n", 5)
    assert (row["baseline"].value, row["target"].value, row["confidence"].value) == (40, 180, 8)

    metrics = book["Metrics"]
    names = [c.value for c in metrics[1]]
    assert names[:3] == ["objective", "metric", "metric_uid"]
    assert {"owner", "baseline", "target", "due", "last_actual", "status"} <= set(names)
    assert metrics.max_row == 1 + len(_metrics(tracked.view))
    booked = dict(zip(names, (c.value for c in metrics[2]), strict=True))
    # The last actual is the last day's (13 on 2027-04-12): far behind the line to 180 by 31 March.
    assert (booked["metric"], booked["last_actual"], booked["last_as_of"]) == (
        "Appointments booked",
        13,
        dt.datetime(2027, 4, 12),
    )
    assert booked["status"] == "Off track"
    quiet = dict(zip(names, (c.value for c in metrics[4]), strict=True))
    assert (quiet["metric"], quiet["owner"]) == ("Marketing-sourced pipeline", "Priya Raman")
    assert (quiet["last_actual"], quiet["last_as_of"], quiet["status"]) == (None, None, "No data")

    objectives = book["Objectives"]
    assert [c.value for c in objectives[1]] == ["objective", "period", "method", "owner", "teams"]
    assert objectives.max_row == 1 + len(tracked.view.objectives)
    assert [c.value for c in objectives[2]][:2] == ["Go outbound", "Q1 2027"]
    assert [c.value for c in objectives[4]][3:] == ["Aiko Tanaka", "Sales, Marketing"]

    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Plan"] == "Sales & Marketing Offsite 2027"
    assert about["Exported at (UTC)"] == dt.datetime(2027, 3, 1, 17, 5)
    assert about["Signed version"] == "Not signed: a draft plan"
    assert "Fingerprint" not in about
    assert about["Check-ins"] == len(NOTES) + 2
    assert "one row per check-in" in about["Layout"].casefold()


def test_every_text_cell_of_the_workbook_is_a_string_never_a_formula(
    tracked: Tracked, tmp_path: Path
) -> None:
    update_fields(tracked.plan, Kind.METRIC, tracked.first.id, {"name": "=1+1 meetings"})
    out = export_tidy(tracked.plan, tmp_path / "checkins.xlsx")
    book = openpyxl.load_workbook(out)
    sheet = book["Check-ins"]
    header = [c.value for c in sheet[1]]
    notes = [row[header.index("note")] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in notes[:4]] == [HYPERLINK, "-2+3", "@SUM(A1)", "+44 20 7946 0000"]
    for cell in notes[:6]:
        assert cell.data_type == "s", cell.value
        assert cell.quotePrefix, "editing the cell in Excel keeps it text"
    assert sheet.cell(2, header.index("metric") + 1).value == "=1+1 meetings"
    for each in book.worksheets:
        for row in each.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (each.title, cell.coordinate, cell.value)
    # The sheets' XML holds no formula element at all.
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name)
                assert b"<f>" not in xml, name
                assert b"<f " not in xml, name
    # -5 is the number -5 and "-2+3" the text; a control character survives as OOXML writes it.
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2)]
    assert (values[1].data_type, values[1].value) == ("n", -5)
    assert notes[10].value == "a bell _x0007_ and a vertical tab _x000B_ inside"
    assert notes[11].value == "_x005F_x0041_ stays as typed"


def test_a_signed_plan_shows_the_signed_versions_fingerprint(demo_plan: PlanFile, tmp_path: Path) -> None:
    version = freeze(demo_plan, frozen_by="Facilitator", override_reason="Signing the demo", at=T0).id
    leaders = read_plan(demo_plan).leaders
    for n, leader in enumerate(leaders, start=1):
        sign(demo_plan, version, leader.id, signing_initials(leader), at=T0 + dt.timedelta(minutes=n))
    tracked = track(demo_plan)  # check-ins after signing: tracking never touches what was signed
    signed = read_signoff(demo_plan).current
    assert signed is not None
    assert signed.id == version
    book = openpyxl.load_workbook(export_tidy(tracked.plan, tmp_path / "signed.xlsx"))
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Signed version"] == f"Version {signed.number}, signed by all {len(leaders)} leaders"
    assert about["Fingerprint"] == signed.fingerprint
    assert len(signed.fingerprint) == 64


def test_a_text_longer_than_a_cell_holds_is_cut_and_the_about_sheet_says_so(
    tracked: Tracked, tmp_path: Path
) -> None:
    long_note = "🎉" + "x" * 40_000
    check_in(tracked.plan, tracked.second.id, 3, as_of=dt.date(2027, 5, 3), note=long_note)
    book = openpyxl.load_workbook(export_tidy(tracked.plan, tmp_path / "long.xlsx"))
    sheet = book["Check-ins"]
    header = [c.value for c in sheet[1]]
    cut = [
        r[header.index("note")].value
        for r in sheet.iter_rows(min_row=2)
        if r[header.index("value")].value == 3
    ]
    assert len(cut[0].encode("utf-16-le")) // 2 == MAX_CELL_TEXT
    assert cut[0].startswith("🎉x")
    assert cut[0].endswith("…")
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert "1 text longer than a cell holds" in about["Cut short"]
    # The CSV holds it whole.
    rows = csv_rows(export_tidy(tracked.plan, tmp_path / "long.csv"))
    assert long_note in column(rows, "note")


# --- Opened by LibreOffice Calc, as a leader's spreadsheet ----------------------------------------------


@pytest.fixture(scope="session")
def calc_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice Calc is not installed (packaging/system-deps.sh installs it for the tests)")
    return tmp_path_factory.mktemp("calc-profile")


def calc_convert(profile: Path, source: Path, target: str, *, infilter: str | None = None) -> Path:
    """Open ``source`` in LibreOffice Calc (headless) and save it as ``target``; returns the new file."""
    out = source.parent / "converted"
    command = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out),
    ]
    if infilter is not None:
        command.append(f"--infilter={infilter}")
    env = {**os.environ, "HOME": str(profile)}
    subprocess.run([*command, str(source)], check=True, capture_output=True, timeout=120, env=env)
    made = out / f"{source.stem}.{target.split(':')[0]}"
    assert made.is_file(), f"LibreOffice wrote no {made.name}"
    return made


def test_calc_opens_the_csv_with_formula_like_text_shown_as_text(
    tracked: Tracked, tmp_path: Path, calc_profile: Path
) -> None:
    source = export_tidy(tracked.plan, tmp_path / "checkins.csv")
    # Comma separated, double quotes, UTF-8 (76), from line 1: as Calc's import dialog reads it.
    opened = calc_convert(calc_profile, source, "xlsx", infilter="CSV:44,34,76,1")
    sheet = openpyxl.load_workbook(opened).active
    header = [c.value for c in sheet[1]]
    notes = [row[header.index("note")] for row in sheet.iter_rows(min_row=2)]
    for cell, note in zip(notes[:4], (HYPERLINK, "-2+3", "@SUM(A1)", "+44 20 7946 0000"), strict=True):
        assert cell.data_type == "s", f"Calc read {cell.value!r} as a formula"
        assert cell.value == "'" + note  # the literal text, behind the quote that keeps it text
    assert [notes[8].value, notes[9].value] == [RTL, EMOJI]
    values = [row[header.index("value")] for row in sheet.iter_rows(min_row=2)]
    assert (values[1].data_type, values[1].value) == ("n", -5)


def test_calc_shows_the_workbooks_formula_like_text_literally(
    tracked: Tracked, tmp_path: Path, calc_profile: Path
) -> None:
    source = export_tidy(tracked.plan, tmp_path / "checkins.xlsx")
    # Saved as CSV, Calc writes each cell as it shows it: a formula would show its result ("click").
    shown = calc_convert(calc_profile, source, "csv:Text - txt - csv (StarCalc):44,34,76")
    rows = list(csv.reader(io.StringIO(shown.read_bytes().decode("utf-8-sig"), newline="")))
    notes = column(rows, "note")
    assert notes[:4] == [HYPERLINK, "-2+3", "@SUM(A1)", "+44 20 7946 0000"]
    assert notes[8:10] == [RTL, EMOJI]
    assert column(rows, "value")[1] == "-5"


# --- Read back by the import of actuals ---------------------------------------------------------------


def import_export(path: Path, plan: PlanFile) -> ImportPreview:
    """An export read back as a leader's import of actuals reads it: its header recognised, each
    row's metric found by its uid among ``plan``'s (else by name)."""
    table = read_actuals(path)
    spec = guess_mapping(table.headers)
    assert spec == MappingSpec(
        layout="totals",
        metric_column="metric",
        date_column="as_of",
        value_column="value",
        note_column="note",
        owner_column="who",
        period="day",
    )
    metrics = {m.name: m.id for m in _metrics(read_plan(plan))}
    result = preview(table, spec, metrics, uids=metric_ids_by_uid(plan))
    assert result.faults == ()
    return result


def readings_of(result: ImportPreview) -> list[NewReading]:
    return [
        NewReading(r.metric_id, r.as_of, r.value, r.note, r.owner, r.source, r.confidence)
        for r in result.rows
    ]


def expected_readings(plan: PlanFile, view: PlanView) -> list[NewReading]:
    """The plan's check-ins as readings, in the export's order (by metric as listed, then day, then
    source): each with its note as typed, who, source and confidence."""
    order = {m.id: n for n, m in enumerate(_metrics(view))}
    names = {leader.id: leader.name for leader in view.leaders}
    held = sorted(read_check_ins(plan), key=lambda c: (order[c.metric_id], c.as_of, c.source, c.id))
    return [
        NewReading(
            c.metric_id,
            c.as_of,
            c.value,
            c.note,
            names[c.leader_id] if c.leader_id else c.by_name,
            c.source,
            c.confidence,
        )
        for c in held
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_reads_back_as_the_check_ins_it_holds(
    tracked: Tracked, tmp_path: Path, suffix: str
) -> None:
    # A metric named like a formula is quoted in the CSV, and found by its name all the same.
    update_fields(tracked.plan, Kind.METRIC, tracked.first.id, {"name": "+20% booked meetings"})
    out = export_tidy(tracked.plan, tmp_path / f"checkins{suffix}")
    readings = readings_of(import_export(out, tracked.plan))
    assert readings == expected_readings(tracked.plan, tracked.view)
    # Formula-like text comes back as typed: the CSV's guard is taken off again.
    assert [r.note for r in readings[:4]] == [HYPERLINK, "-2+3", "@SUM(A1)", "+44 20 7946 0000"]
    assert readings[6].note == "'tis the season"
    assert [r.note for r in readings[4:6]] == ["\tindented with a tab", "\rstarts with a carriage return"]
    assert [r.note for r in readings[8:10]] == [RTL, EMOJI]
    assert readings[1].value == -5
    # Each keeps its own confidence and source: typed in Offsite (blank), or the CRM's import.
    assert [r.confidence for r in readings[:4]] == [8, 3, 5, None]
    assert [r.source for r in readings] == [""] * len(NOTES) + ["HubSpot deals"] * 2


@pytest.fixture
def copy_of_the_plan(tmp_path: Path, demo_plan_bytes: bytes) -> Iterator[PlanFile]:
    """Another copy of the same plan (same metrics, same uids), without the check-ins."""
    path = tmp_path / "copy.offsite"
    path.write_bytes(demo_plan_bytes)
    opened = open_plan_file(path)
    forget_the_quarters(opened)
    yield opened
    opened.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_importing_an_export_into_a_copy_adds_each_check_in_once_as_it_was(
    tracked: Tracked, copy_of_the_plan: PlanFile, tmp_path: Path, suffix: str
) -> None:
    out = export_tidy(tracked.plan, tmp_path / f"checkins{suffix}")
    first = apply_readings(copy_of_the_plan, import_export(out, copy_of_the_plan).rows, SOURCE)
    assert len(first.added) == len(NOTES) + 2
    again = apply_readings(copy_of_the_plan, import_export(out, copy_of_the_plan).rows, SOURCE)
    assert (again.added, again.changed, again.unchanged) == ((), (), len(NOTES) + 2)
    copied = read_plan(copy_of_the_plan)
    assert expected_readings(copy_of_the_plan, copied) == expected_readings(tracked.plan, tracked.view)
    # Exported again, the copy's rows are the plan's, note, confidence, who and source included;
    # only when each was recorded is the import's.
    rows = csv_rows(export_tidy(copy_of_the_plan, tmp_path / "again.csv"))
    original = csv_rows(export_tidy(tracked.plan, tmp_path / "original.csv"))
    kept = [n for n, name in enumerate(CHECK_IN_COLUMNS) if name != "recorded_at"]
    assert [[r[n] for n in kept] for r in rows] == [[r[n] for n in kept] for r in original]
    assert SOURCE not in column(rows, "source")


def test_the_import_takes_off_only_the_quotes_a_guard_adds(tracked: Tracked, tmp_path: Path) -> None:
    other = tmp_path / "from-a-crm.csv"
    other.write_text(
        "Metric,Date,Value,Note\r\n"
        "Appointments booked,2027-02-01,1,'tis the season\r\n"
        "Appointments booked,2027-02-02,2,'=1+1\r\n"
        "Appointments booked,2027-02-03,3,\"'-5, said O'Brien\"\r\n"
        "Appointments booked,2027-02-04,4,''quoted''\r\n"
        "Appointments booked,2027-02-05,'-5,it's fine\r\n",
        encoding="utf-8",
    )
    table = read_actuals(other)
    spec = guess_mapping(table.headers)
    assert spec is not None
    result = preview(table, spec, {"Appointments booked": tracked.first.id})
    assert result.faults == ()
    assert [(r.value, r.note) for r in result.rows] == [
        (1, "'tis the season"),  # a quote before a letter is the text's own
        (2, "=1+1"),
        (3, "-5, said O'Brien"),
        (4, "'quoted''"),
        (-5, "it's fine"),  # a number a spreadsheet export kept as text is a number again
    ]


# --- Scale and the file system ------------------------------------------------------------------------


def test_ten_thousand_check_ins_export_and_read_back_whole(demo_plan: PlanFile, tmp_path: Path) -> None:
    forget_the_quarters(demo_plan)
    metrics = _metrics(read_plan(demo_plan))
    start = dt.date(2024, 1, 1)
    readings = [
        NewReading(
            metrics[n % len(metrics)].id,
            start + dt.timedelta(days=n // len(metrics)),
            n * 0.5 - 100,
            f"row {n}",
        )
        for n in range(10_000)
    ]
    apply_readings(demo_plan, readings, "Warehouse", at=T0)
    csv_out = export_tidy(demo_plan, tmp_path / "many.csv")
    xlsx_out = export_tidy(demo_plan, tmp_path / "many.xlsx")
    assert len(csv_rows(csv_out)) == 10_001
    back = readings_of(import_export(xlsx_out, demo_plan))
    warehouse = [replace(reading, source="Warehouse") for reading in readings]
    assert sorted(back, key=repr) == sorted(warehouse, key=repr)
    assert readings_of(import_export(csv_out, demo_plan)) == back


def test_an_export_never_writes_over_a_plan(tracked: Tracked, tmp_path: Path, demo_plan_bytes: bytes) -> None:
    other = tmp_path / "another-plan.csv"
    other.write_bytes(demo_plan_bytes)
    with pytest.raises(ExportError, match="is an Offsite plan; Offsite will not write over it"):
        export_tidy(tracked.plan, other)
    assert other.read_bytes() == demo_plan_bytes
    with pytest.raises(ExportError, match=r"should end in \.csv or \.xlsx"):
        export_tidy(tracked.plan, tmp_path / "checkins.txt")
    earlier = tmp_path / "last-week.xlsx"
    earlier.write_bytes(b"last week's export")
    export_tidy(tracked.plan, earlier)  # an earlier export is replaced, as any export is
    assert openpyxl.load_workbook(earlier).sheetnames[0] == "Check-ins"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("suffix", "looks"),
    [(".csv", 1), (".xlsx", 1), (".xlsx", 2)],
    ids=["csv-reading", "xlsx-reading", "xlsx-writing"],
)
def test_a_cancelled_export_writes_nothing(tracked: Tracked, tmp_path: Path, suffix: str, looks: int) -> None:
    out = tmp_path / f"checkins{suffix}"
    asked: list[bool] = []

    def is_cancelled() -> bool:  # the user cancels by the ``looks``-th time the export looks
        asked.append(True)
        return len(asked) >= looks

    with pytest.raises(CancelledError, match="Export cancelled; nothing was written"):
        export_tidy(tracked.plan, out, is_cancelled=is_cancelled)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
