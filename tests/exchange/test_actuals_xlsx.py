"""Workbooks of actuals (XLSX) are read by calamine as they were saved, and refused whole when hostile.

The workbooks are written by openpyxl, as a library or a CRM's export writes them: no formula has
a saved result, a merged title sits above the header, dates are date cells or Excel serials.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from actuals_files import PLAN_METRICS, refusal_in_a_child, workbook
from offsite.domain.errors import UnreadableTableError
from offsite.exchange.actuals import guess_mapping, preview, read_table

D = dt.date


def test_a_workbook_with_a_merged_title_date_cells_text_numbers_and_serial_dates_becomes_check_ins(
    tmp_path: Path,
) -> None:
    table = read_table(workbook(tmp_path / "Weekly actuals.xlsx"))
    assert table.headers == ("Metric", "As of", "Value", "Note")
    assert table.sheets == ("Weekly actuals", "Notes")
    spec = guess_mapping(table.headers)
    assert spec is not None
    result = preview(table, spec, PLAN_METRICS)
    assert [(r.lines, r.metric_label, r.as_of, r.value, r.note) for r in result.rows] == [
        ((4,), "SQLs", D(2027, 3, 14), 131.0, "on plan"),
        ((5,), "Pipeline created", D(2027, 3, 14), 1_250_000.0, "typed as text"),
        ((6,), "Win rate", D(2027, 3, 14), 23.5, "a serial date"),
        # Text that looks like a formula is text: nothing in a file is ever calculated.
        ((8,), "Win rate", D(2027, 3, 21), 24.0, '=HYPERLINK("http://example.com","click")'),
    ]
    assert "Dates in “As of” stored as numbers are read as Excel’s serial dates (46460 is 14 Mar 2027)." in (
        result.notes
    )
    assert (
        "Skipped 2 lines above the header (the report’s title and filters: “Weekly actuals — Q1 2027”)."
        in (result.notes)
    )


def test_a_formula_saved_without_its_result_is_a_fault_that_names_the_formula_and_the_remedy(
    tmp_path: Path,
) -> None:
    table = read_table(workbook(tmp_path / "actuals.xlsx"))
    spec = guess_mapping(table.headers)
    assert spec is not None
    result = preview(table, spec, PLAN_METRICS)
    assert [str(fault) for fault in result.faults] == [
        "Line 7, Value: the cell holds “=C4*1.1”, whose result was never saved in the file (Offsite does not "
        "calculate formulas); open the file in Excel or LibreOffice, save it, and import it again"
    ]


def test_a_named_sheet_is_read_and_an_unknown_one_is_refused_with_the_sheets_it_has(tmp_path: Path) -> None:
    path = workbook(tmp_path / "actuals.xlsx")
    notes = read_table(path, sheet="notes")
    assert (notes.sheet, notes.headers) == ("Notes", ("Nothing", "here"))
    with pytest.raises(UnreadableTableError) as refused:
        read_table(path, sheet="Q1")
    assert str(refused.value) == "“actuals.xlsx” has no sheet “Q1”; its sheets are “Weekly actuals”, “Notes”."


def test_a_hubspot_deals_workbook_is_counted_per_week_from_its_date_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount"])
    sheet.append([1, "Acme", "Closed won", dt.datetime(2027, 1, 12, 16, 4), "Maya Okafor", 24000])
    sheet.append([2, "Globex", "Closed won", dt.datetime(2027, 1, 13, 9, 0), "Jon Reyes", 100])
    sheet.append([3, "Initech", "Closed lost", dt.datetime(2027, 1, 14, 9, 0), "Jon Reyes", 100])
    book.save(tmp_path / "deals.xlsx")
    table = read_table(tmp_path / "deals.xlsx")
    spec = guess_mapping(table.headers)
    assert spec is not None
    spec = dataclasses.replace(spec, metric_id=6, filters=(("Deal Stage", ("Closed won",)),))
    result = preview(table, spec, PLAN_METRICS)
    assert [(r.lines, r.as_of, r.value) for r in result.rows] == [((2, 3), D(2027, 1, 13), 2.0)]


def test_a_sheet_reaching_its_last_cell_is_refused_before_calamine_would_kill_the_process(
    tmp_path: Path,
) -> None:
    # Two cells, at A1 and XFD1048576: a file of a few kilobytes that calamine would lay out as a
    # grid of 17 billion cells (an allocation of half a terabyte that aborts the whole process).
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Metric"
    sheet["B1"] = "Date"
    sheet["XFD1048576"] = "far"
    path = tmp_path / "far.xlsx"
    book.save(path)
    assert path.stat().st_size < 10_000
    # In a process of its own: were the guard missing, the test run would not die with it.
    assert refusal_in_a_child(path, timeout=120) == (
        "The sheet “Sheet” of “far.xlsx” spans 1,048,576 rows by 16,384 columns, far beyond any report of "
        "actuals; copy the table to a new sheet (or export it as CSV) and import that."
    )


def test_a_zip_bomb_posing_as_a_workbook_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 24)
            for _ in range(33):  # 528 MB of zeros, a few MB on disk
                member.write(block)
    assert path.stat().st_size < 5_000_000
    with pytest.raises(UnreadableTableError) as refused:
        read_table(path)
    assert str(refused.value) == (
        "“bomb.xlsx” unpacks to far more than any workbook of actuals (over 512 MB or 10,000 parts), so "
        "Offsite did not open it; export the report again, or as CSV."
    )


def test_a_zip_that_is_no_workbook_and_a_damaged_workbook_are_refused_in_a_sentence(tmp_path: Path) -> None:
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    (tmp_path / "letter.xlsx").write_bytes(other.getvalue())
    with pytest.raises(UnreadableTableError, match="is a zip archive but not an Excel workbook"):
        read_table(tmp_path / "letter.xlsx")
    whole = workbook(tmp_path / "whole.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(UnreadableTableError) as refused:
        read_table(tmp_path / "cut.xlsx")
    assert (
        str(refused.value)
        == "“cut.xlsx” is damaged and cannot be read as a workbook; export the report again."
    )
