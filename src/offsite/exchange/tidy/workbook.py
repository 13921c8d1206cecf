"""The XLSX export: sheets “Check-ins”, “Metrics”, “Objectives” and “About”, written with openpyxl.

Days are real Excel dates and numbers real numbers, so a pivot table or a chart works at once;
every text is a string cell (``cells.xlsx_text``), never a formula. Each table's header row is
frozen and filtered, and its columns are as wide as their content (within reason).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from offsite.domain.errors import CancelledError
from offsite.domain.language import translate
from offsite.exchange.tidy.cells import MAX_CELL_TEXT, formula_like, xlsx_text
from offsite.exchange.tidy.table import (
    CANCELLED_MESSAGE,
    CHECK_EVERY,
    CHECK_IN_COLUMNS,
    METRIC_COLUMNS,
    OBJECTIVE_COLUMNS,
    IsCancelled,
    Row,
    TidyTable,
)

#: The sheets, in order.
CHECK_INS_SHEET, METRICS_SHEET, OBJECTIVES_SHEET, ABOUT_SHEET = "Check-ins", "Metrics", "Objectives", "About"
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm:ss"
#: The columns of numbers and days: their headers sit right, over the figures (which Excel aligns right).
_FIGURES = frozenset(
    {"baseline", "target", "due", "as_of", "value", "confidence", "recorded_at", "last_actual", "last_as_of"}
)
#: Column widths in characters: at least the header's, at most this (longer text wraps off the edge).
_WIDEST = 60
#: How many rows are measured for a column's width: enough to see what the column holds.
_MEASURED = 500

LAYOUT_LINE = (
    "One row per check-in on “Check-ins” (the CSV export's columns), per metric on “Metrics”, "
    "per objective on “Objectives”."
)


def write_workbook(
    table: TidyTable, out: Path, exported_at: dt.datetime, is_cancelled: IsCancelled | None = None
) -> None:
    """Write ``table`` to ``out`` as an XLSX workbook (a path the caller replaces the target with).

    Raises CancelledError when ``is_cancelled`` says so (checked every few thousand rows): a
    workbook takes seconds per ten thousand rows.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    try:
        cut = 0
        for name, columns, rows in (
            (CHECK_INS_SHEET, CHECK_IN_COLUMNS, table.check_ins),
            (METRICS_SHEET, METRIC_COLUMNS, table.metrics),
            (OBJECTIVES_SHEET, OBJECTIVE_COLUMNS, table.objectives),
        ):
            cut += _table_sheet(workbook, name, columns, rows, is_cancelled)
        _about_sheet(workbook.create_sheet(ABOUT_SHEET), table, exported_at, cut)
        workbook.save(out)
    except BaseException:
        _discard(workbook)
        raise


def _discard(workbook: Any) -> None:
    """End the sheets a write left half done, and remove the temporary files openpyxl streams them to.

    A write-only sheet streams its rows to a temporary file until the workbook is saved; left
    open (a cancelled export), the stream would be closed under it when collected.
    """
    for sheet in workbook.worksheets:
        writer = sheet._writer  # openpyxl's own: None until the sheet's first row
        if writer is None or sheet.closed:
            continue
        with contextlib.suppress(Exception):
            sheet.close()
        with contextlib.suppress(OSError, ValueError):
            writer.cleanup()


def _about_sheet(sheet: Any, table: TidyTable, exported_at: dt.datetime, cut: int) -> None:
    """What the file is: the plan, when, its signed version and fingerprint, and how it is laid out."""
    from openpyxl.styles import Alignment, Font

    _fit_to_width(sheet)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 110
    lines: list[tuple[str, Any]] = [
        ("Plan", table.title),
        ("Exported at (UTC)", _utc(exported_at)),
        ("Signed version", table.signing.words),
    ]
    if table.signing.fingerprint:
        lines.append(("Fingerprint", table.signing.fingerprint))
    lines.append(("Check-ins", len(table.check_ins)))
    lines.append(("Layout", LAYOUT_LINE))
    if cut:
        lines.append(
            (
                "Cut short",
                f"{cut:,} text{'s' if cut != 1 else ''} longer than a cell holds ({MAX_CELL_TEXT:,} "
                "characters) ended with “…”; the CSV export holds every text whole.",
            )
        )
    bold = Font(bold=True)
    # Left and wrapped: a figure would sit at the far right of the wide column, the layout run off it.
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for label, value in lines:
        name, shown = _cell(sheet, label, bold)[0], _cell(sheet, value, styled=True)[0]
        name.alignment, shown.alignment = top, left
        sheet.append([name, shown])


def _utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC to the second, naive (as Excel holds a time); a naive one is UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _fit_to_width(sheet: Any) -> None:
    """Printed, the sheet is one page wide (landscape), as long as it needs."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _table_sheet(
    workbook: Any, name: str, columns: Sequence[str], rows: Sequence[Row], is_cancelled: IsCancelled | None
) -> int:
    """One sheet of a table: the header frozen and filtered, the widths set; returns the texts cut."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(name)
    sheet.freeze_panes = "A2"
    _fit_to_width(sheet)
    sheet.print_title_rows = "1:1"  # the header on every printed page
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for index, width in enumerate(_widths(columns, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    # A figure's header sits right, over its figures, one indent in: clear of the filter's button
    # and of the next column's header.
    bold, right = Font(bold=True), Alignment(horizontal="right", indent=1)
    header = []
    for column in columns:
        cell = _cell(sheet, column, bold)[0]
        if column in _FIGURES:
            cell.alignment = right
        header.append(cell)
    sheet.append(header)
    cut = 0
    for number, row in enumerate(rows):
        if is_cancelled is not None and number % CHECK_EVERY == 0 and is_cancelled():
            raise CancelledError(translate("TidyExport", CANCELLED_MESSAGE))
        cells = []
        for value in row:
            cell, was_cut = _cell(sheet, value)
            cells.append(cell)
            cut += was_cut
        sheet.append(cells)
    return cut


def _cell(sheet: Any, value: Any, font: Any = None, *, styled: bool = False) -> tuple[Any, bool]:
    """One value as the sheet takes it, and whether its text was cut to fit.

    Most values go in plain (openpyxl types them, and gives a day its date format): a cell object
    costs several times more to write, so one is made only for what needs it: a style, a moment's
    format, or text a spreadsheet would read as a formula.
    """
    from openpyxl.cell import WriteOnlyCell

    cut = False
    cell: Any
    styled = styled or font is not None
    if isinstance(value, str):
        risky = formula_like(value)
        value, cut = xlsx_text(value)
        if not styled and not risky:
            return value, cut
        cell = WriteOnlyCell(sheet, value)
        # openpyxl makes text starting with "=" a formula: a string it stays, whatever it starts with.
        cell.data_type = "s"
        if risky:
            cell.quotePrefix = True  # so editing the cell in Excel keeps it text, as a typed ' does
    elif isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = MOMENT_FORMAT
    elif not styled:
        return value, cut  # a number, a day (dated by openpyxl), or None for a blank cell
    else:
        cell = WriteOnlyCell(sheet, value)
    if font is not None:
        cell.font = font
    return cell, cut


def _widths(columns: Sequence[str], rows: Sequence[Row]) -> Iterable[float]:
    """Each column's width in characters, from its header and the first rows' values."""
    for index, column in enumerate(columns):
        widest = len(column) + 3  # the filter's button sits over the header's right end
        for row in rows[:_MEASURED]:
            widest = max(widest, _shown_length(row[index]))
        yield min(widest + 2, _WIDEST)


def _shown_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return len(MOMENT_FORMAT)
    if isinstance(value, dt.date):
        return len(DATE_FORMAT)
    if isinstance(value, float) and value.is_integer():
        return len(f"{value:.0f}")
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)
