"""Whatever stands where a file of actuals should be is refused in one sentence, never hangs or crashes.

A named pipe would block a reader forever; a folder, a device, a link to nowhere, an empty file,
a picture, an old .xls, a file far too large or one with no table in it each get a sentence
saying what it is and what to do (UnreadableTableError: the command line's "unreadable", exit 2).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

import pytest

from actuals_files import PLAN_METRICS, refusal_in_a_child, workbook
from offsite.domain.errors import ImportFormatError, UnreadableTableError
from offsite.exchange.actuals import MAX_TABLE_BYTES, MappingSpec, preview, read_table


def refusal(path: Path) -> str:
    with pytest.raises(UnreadableTableError) as refused:
        read_table(path)
    return str(refused.value)


def test_a_named_pipe_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "actuals.csv"
    os.mkfifo(pipe)
    # In a process of its own, so that a reader that blocked would be stopped here, not hang the run.
    assert refusal_in_a_child(pipe) == (
        "“actuals.csv” is not a regular file (it is a pipe, a socket or a device), so Offsite did not read it; "
        "save what it should hold as a file and choose that."
    )


def test_a_folder_a_device_a_missing_file_and_a_link_to_itself_are_each_named(tmp_path: Path) -> None:
    (tmp_path / "folder.csv").mkdir()
    assert (
        refusal(tmp_path / "folder.csv") == "“folder.csv” is a folder, not a file; choose a file inside it."
    )
    assert refusal(tmp_path / "gone.csv") == "“gone.csv” does not exist: check the folder and the name."
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop.name)
    assert refusal(loop).startswith("“loop.csv” is a link that leads nowhere")
    if os.geteuid() == 0:
        device = tmp_path / "zero.csv"
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 5))
        assert "is not a regular file" in refusal(device)


def test_an_empty_file_a_picture_and_an_old_xls_are_refused_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"\r\n \n")
    assert refusal(tmp_path / "empty.csv") == "“empty.csv” is empty; export the report again."
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(
        256
    )
    (tmp_path / "chart.csv").write_bytes(png)
    assert refusal(tmp_path / "chart.csv") == (
        "“chart.csv” is not a table: it holds binary data, not text. Export the report as CSV or XLSX and "
        "import that."
    )
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert refusal(tmp_path / "old.xls") == (
        "“old.xls” is an old Excel workbook (.xls); open it in Excel and save it as .xlsx or CSV, then import that."
    )


def test_text_with_no_table_in_it_is_refused(tmp_path: Path) -> None:
    (tmp_path / "minutes.txt").write_text("Offsite minutes\nWe agreed on three objectives\nNext steps\n")
    assert refusal(tmp_path / "minutes.txt") == (
        "“minutes.txt” holds no table: none of its first 50 lines has two or more cells separated by commas, "
        "semicolons or tabs. Export the report as CSV or XLSX and import that."
    )


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "everything.csv"
    with huge.open("wb") as handle:
        handle.write(b"Metric,Date,Value\n")
        handle.truncate(MAX_TABLE_BYTES + 1)  # sparse: no disk is spent on it
    assert refusal(huge) == (
        "“everything.csv” is over 128 MB, far larger than any report of actuals; export only the rows and "
        "columns the import needs."
    )


def test_a_utf8_file_that_lies_about_its_encoding_is_refused_as_damaged(tmp_path: Path) -> None:
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbfMetric,Date,Value\nSQLs,2027-03-14,\xff\n")
    assert refusal(tmp_path / "bom.csv") == (
        "“bom.csv” is damaged: it says it is UTF-8 text but line 2 is not; export the report again."
    )


def test_an_unreadable_table_is_the_command_lines_unreadable_and_a_sheet_of_a_csv_is_refused(
    tmp_path: Path,
) -> None:
    # ImportFormatError is what the command line answers with exit 2 ("unreadable").
    assert issubclass(UnreadableTableError, ImportFormatError)
    (tmp_path / "a.csv").write_text("Metric,Date,Value\nSQLs,2027-03-14,1\n")
    with pytest.raises(UnreadableTableError, match="is a CSV file, which has no sheets"):
        read_table(tmp_path / "a.csv", sheet="Sheet1")


def test_cells_that_do_not_say_where_they_are_are_read_and_placed_as_calamine_places_them(
    tmp_path: Path,
) -> None:
    source = workbook(tmp_path / "source.xlsx")

    def rewritten(name: str, change: dict[bytes, bytes]) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
            for member in old.namelist():
                data = old.read(member)
                if member == "xl/worksheets/sheet1.xml":
                    data = re.sub(rb' r="[A-Z]+\d+"', b"", data)  # cells without their references
                    for before, after in change.items():
                        data = data.replace(before, after)
                new.writestr(member, data)
        return path

    plain = read_table(rewritten("plain.xlsx", {}))
    result = preview(
        plain, MappingSpec(metric_column="Metric", date_column="As of", value_column="Value"), PLAN_METRICS
    )
    assert [(r.lines, r.metric_label) for r in result.rows][:2] == [
        ((4,), "SQLs"),
        ((5,), "Pipeline created"),
    ]
    # The last row moved down to row 1,000,000 with 40 cells: calamine would lay out 40 million cells.
    far = rewritten("far.xlsx", {b'<row r="8">': b'<row r="1000000">' + b"<c><v>1</v></c>" * 40})
    assert refusal(far).startswith("The sheet “Weekly actuals” of “far.xlsx” spans 1,000,0")
